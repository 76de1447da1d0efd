/* cli.h: what the files of the hoso command-line client share.
 * main.c holds the command table and dispatch; opts.c parses each verb's
 * options from a declarative table; output.c prints tables, label blocks
 * and JSON; cmd-*.c hold one noun each. */
#ifndef HOSO_CLI_H
#define HOSO_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "hoso/client.h"
#include "json.h"

/* Exit statuses: a contract with the scripts that call hoso. */
#define CLI_EXIT_OK 0
#define CLI_EXIT_REFUSED 1      /* the server answered with a non-OK status */
#define CLI_EXIT_USAGE 2        /* wrong command line */
#define CLI_EXIT_UNREACHABLE 3  /* no server, or it spoke nonsense */
/* Not an exit status: the parser printed help, the program exits 0. */
#define CLI_DONE (-1)

#define CLI_TIMEOUT_MS 15000
#define CLI_MAX_OPTS 24

/* Flags of an option. */
#define CLI_REQ 0x1             /* required, except in an edit command */
#define CLI_EDIT 0x2            /* only in an edit command */
#define CLI_ADD 0x4             /* only in the add command sharing the table */
#define CLI_MULTI 0x8           /* may be given more than once */
#define CLI_MAX_MULTI 16        /* values of repeated options, in all */

/* One long option of a verb.  arg is the metavar (NULL for a flag); arg and
 * help are msgids.  field is the proto field the option sets, if any (a
 * server error naming that field names the option); words, if set, are the
 * values it takes (listed in the help). */
struct cli_opt {
	const char *name;
	const char *arg;
	const char *help;
	unsigned flags;
	const char *field;
	const struct hoso_enum_word *words;
};

struct cli;
struct cli_args;

/* Flags of a command (struct cli_cmd.flags). */
#define CLI_CMD_ANON 0x1        /* works without logging in: a token the
                                 * server refuses is dropped, not fatal */
#define CLI_CMD_NO_TOKEN 0x2    /* never sends the session token (login) */
#define CLI_CMD_OWN_AUTH 0x4    /* an UNAUTHENTICATED answer is about what
                                 * the command sent (a password): show the
                                 * server's message, not "log in" */

/* One row of the command table.  verb is NULL for a noun that is a command
 * by itself ("hoso ping").  args names the positional arguments ("ID"). */
struct cli_cmd {
	const char *noun;
	const char *verb;
	int (*run)(struct cli *, const struct cli_args *);
	const char *help;
	const char *args;
	const struct cli_opt *opts;
	bool edit;              /* CLI_EDIT options apply, CLI_REQ do not */
	const char *more;       /* msgid: more help, after the options */
	unsigned flags;         /* CLI_CMD_* */
};

/* The state of one run. */
struct cli {
	const char *server;
	const char *server_from;    /* "--server" or "HOSO_SERVER", for errors */
	bool json;
	bool tls_on, tls_off;       /* --tls, --insecure */
	const char *ca_file;        /* --ca, else NULL ($HOSO_CA in libhoso) */
	struct hoso_client *conn;   /* opened on first use */
	const struct cli_cmd *cmd;
	/* The session token sent in Hello (NULL: none), where it came from,
	 * and the token file of this server; malloc'd. */
	char *token;
	bool token_from_env;        /* $HOSO_TOKEN */
	bool token_refused;         /* CLI_CMD_ANON: connected without it */
	char *token_path;
};

/* A parsed command line: the value of each option of cmd->opts (by index;
 * NULL when not given) and the positional arguments. */
struct cli_args {
	const struct cli_cmd *cmd;
	const char *val[CLI_MAX_OPTS];  /* a repeated option: its last value */
	char **pos;
	int npos;
	/* Every value of the CLI_MULTI options, in order, with the index of
	 * the option each belongs to. */
	const char *multi[CLI_MAX_MULTI];
	size_t multi_opt[CLI_MAX_MULTI];
	size_t nmulti;
};

/* main.c */
extern const struct cli_cmd cli_commands[];

/* opts.c: parsing */
int cli_parse(struct cli *cli, const struct cli_cmd *cmd, int argc,
    char **argv, struct cli_args *args);
struct option;
int cli_getopt_error(const struct cli_cmd *cmd, int ch, char **argv,
    const struct option *longopts);
const char *cli_arg(const struct cli_args *args, const char *name);
bool cli_opt_applies(const struct cli_cmd *cmd, const struct cli_opt *o);
int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cli_print_cmd_help(FILE *f, const struct cli_cmd *cmd);
void cli_print_usage_line(FILE *f, const struct cli_cmd *cmd);
/* Print text from column col on, wrapping at words to column indent. */
void cli_print_wrapped(FILE *f, const char *text, size_t col, size_t indent);
int cli_parse_id(const struct cli_cmd *cmd, const char *what, const char *s,
    bool allow_zero, uint64_t *out);
int cli_parse_limit(const struct cli_cmd *cmd, const char *s, uint32_t *out);
/* A whole number 0..max for option what. */
int cli_parse_count(const struct cli_cmd *cmd, const char *what,
    const char *s, uint32_t max, uint32_t *out);
/* A month, YYYY-MM or mm/yyyy, into "YYYY-MM". */
int cli_parse_month(const struct cli_cmd *cmd, const char *what,
    const char *s, char iso[8]);
/* yes or no (có/không also work). */
int cli_parse_yes_no(const struct cli_cmd *cmd, const char *what,
    const char *s, bool *out);
/* The values given to the repeatable option name, in order: fills out with
 * up to max of them and returns how many. */
size_t cli_arg_all(const struct cli_args *args, const char *name,
    const char **out, size_t max);
int cli_parse_date(const struct cli_cmd *cmd, const char *what, const char *s,
    char iso[11]);
/* A moment: "2026-11-20", "2026-11-20T16:30", "20/11/2026 16:30", with
 * an optional Z or +07:00 (Vietnam's time without one), into Unix
 * seconds. */
int cli_parse_instant(const struct cli_cmd *cmd, const char *what,
    const char *s, int64_t *t);
int cli_parse_enum(const struct cli_cmd *cmd, const char *what,
    const struct hoso_enum_word *tab, const char *s, int *out);
int cli_one_id(const struct cli_args *args, uint64_t *id);
int cli_no_positional(const struct cli_args *args);

void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* connect.c: the connection, TLS options and the session token. */
/* Open cli->conn if not yet open, saying why on stderr when it cannot:
 * 0, or the exit status (CLI_EXIT_REFUSED when the token was refused,
 * CLI_EXIT_UNREACHABLE when the server cannot be reached or trusted). */
int cli_connect(struct cli *cli);
/* The same, printing nothing: 0 or a HOSO_E_* code with *err set. */
int cli_open(struct cli *cli, bool with_token, char **err);
/* The session token to send: $HOSO_TOKEN, else the one in the server's
 * token file (a file that cannot be read is reported); NULL: none. */
const char *cli_session_token(struct cli *cli);
/* The token file of the server in use (cli->token_path), or NULL with a
 * message printed. */
const char *cli_token_path(struct cli *cli);
/* Print the "log in first" message and return CLI_EXIT_REFUSED. */
int cli_not_logged_in(void);
/* Free what connect.c keeps in cli. */
void cli_disconnect(struct cli *cli);

/* password.c: passwords never come from the command line. */
/* Read one password: on the terminal without echo after prompt when
 * standard input is a terminal, else the next line of standard input.
 * Returns 0 with *pw malloc'd (free with cli_password_free) or an exit
 * status after printing why. */
int cli_read_password(const char *prompt, char **pw);
/* A new password: on a terminal asked twice, and both must match. */
int cli_read_new_password(const char *prompt, const char *again, char **pw);
void cli_password_free(char *pw);

/* output.c */
int cli_call(struct cli *cli, Hoso__Request *req, Hoso__Response **resp,
    Hoso__Response__BodyCase want);
int cli_print_json(struct json *j);
/* Say why the server refused: "hoso: --id-number: must be 12 digits",
 * then each unmet requirement of a refused move on its own line. */
void cli_server_error(struct cli *cli, const Hoso__Response *r);
char *cli_clean(const char *s, bool keep_newlines);

/* An unmet requirement (Response.unmet, Move.unmet) for the terminal:
 * hoso_requirement_text, then the option of 'person advance' that gives
 * what is missing, "... missing (--cert-number)"; malloc'd, NULL when out
 * of memory.  The server's text names no options: it is read in the GUI
 * too. */
char *cli_requirement_text(const Hoso__Requirement *q);
void cli_pad(FILE *f, const char *s, size_t width);
const char *cli_label(const struct hoso_enum_word *tab, int value);
const char *cli_format_date(const char *iso, char out[11]);
const char *cli_format_instant(int64_t t, char out[17]);
char *cli_org_ref(struct cli *cli, uint64_t id);
/* "12 (Nguyễn Văn An)", or "12" if the name cannot be had; malloc'd. */
char *cli_person_ref(struct cli *cli, uint64_t id);
/* " (in 5 days)", " (today)", " (3 days late)" for a deadline, counted
 * from today in Vietnam; "" for a malformed date.  Into buf. */
const char *cli_days_left(const char *iso, char *buf, size_t size);
/* Whether stdout is a terminal that takes bold text. */
bool cli_bold_ok(void);
void cli_more(const char *cursor);

/* A "label: value" block, printed with the values aligned. */
struct cli_block {
	size_t n;
	const char *label[64];
	char *value[64];
};
void cli_block_add(struct cli_block *b, const char *label, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));
void cli_block_print(struct cli_block *b);

/* A table printed with aligned columns.  Cells are added row by row, left
 * to right, and copied; cli_table_print() prints and frees them. */
struct cli_table {
	size_t ncols, ncells, cap;
	char **cells;           /* row-major; the first row holds headers */
};
void cli_table_init(struct cli_table *t, size_t ncols,
    const char *const *headers);
void cli_table_add(struct cli_table *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cli_table_print(struct cli_table *t);
/* Free the cells without printing them. */
void cli_table_free(struct cli_table *t);

/* cmd-*.c */
int cmd_org_add(struct cli *, const struct cli_args *);
int cmd_org_list(struct cli *, const struct cli_args *);
int cmd_org_show(struct cli *, const struct cli_args *);
int cmd_org_edit(struct cli *, const struct cli_args *);
int cmd_person_add(struct cli *, const struct cli_args *);
int cmd_person_show(struct cli *, const struct cli_args *);
int cmd_person_edit(struct cli *, const struct cli_args *);
int cmd_person_list(struct cli *, const struct cli_args *);
int cmd_person_find(struct cli *, const struct cli_args *);
int cmd_file_pipeline(struct cli *, const struct cli_args *);
int cmd_server_info(struct cli *, const struct cli_args *);
int cmd_file_show(struct cli *, const struct cli_args *);
int cmd_file_moves(struct cli *, const struct cli_args *);
int cmd_file_advance(struct cli *, const struct cli_args *);
int cmd_file_history(struct cli *, const struct cli_args *);
int cmd_file_doc(struct cli *, const struct cli_args *);
int cmd_file_introducer(struct cli *, const struct cli_args *);
int cmd_file_mentor(struct cli *, const struct cli_args *);
int cmd_file_relative(struct cli *, const struct cli_args *);
int cmd_file_check(struct cli *, const struct cli_args *);
int cmd_eval_add(struct cli *, const struct cli_args *);
int cmd_eval_due(struct cli *, const struct cli_args *);
int cmd_quota_set(struct cli *, const struct cli_args *);
int cmd_quota_show(struct cli *, const struct cli_args *);
int cmd_ping(struct cli *, const struct cli_args *);
int cmd_calendar_show(struct cli *, const struct cli_args *);
int cmd_calendar_lunar(struct cli *, const struct cli_args *);
int cmd_calendar_add_workdays(struct cli *, const struct cli_args *);
int cmd_calendar_workdays(struct cli *, const struct cli_args *);
int cmd_calendar_set(struct cli *, const struct cli_args *);
int cmd_calendar_unset(struct cli *, const struct cli_args *);
int cmd_calendar_import(struct cli *, const struct cli_args *);
int cmd_check_open(struct cli *, const struct cli_args *);
int cmd_check_step(struct cli *, const struct cli_args *);
int cmd_check_show(struct cli *, const struct cli_args *);
int cmd_check_list(struct cli *, const struct cli_args *);
int cmd_check_explain(struct cli *, const struct cli_args *);
int cmd_report_checks(struct cli *, const struct cli_args *);
int cmd_alerts(struct cli *, const struct cli_args *);
int cmd_alert_ack(struct cli *, const struct cli_args *);
int cmd_watch(struct cli *, const struct cli_args *);
int cmd_login(struct cli *, const struct cli_args *);
int cmd_logout(struct cli *, const struct cli_args *);
int cmd_whoami(struct cli *, const struct cli_args *);
int cmd_user_add(struct cli *, const struct cli_args *);
int cmd_user_enable(struct cli *, const struct cli_args *);
int cmd_user_passwd(struct cli *, const struct cli_args *);
int cmd_user_list(struct cli *, const struct cli_args *);
int cmd_audit_list(struct cli *, const struct cli_args *);
int cmd_audit_verify(struct cli *, const struct cli_args *);
int cmd_admin_backup(struct cli *, const struct cli_args *);
/* cmd-org.c: --unit CODE: a unit's number, or its code (case ignored)
 * looked up among the units the caller may see; 0 or an exit status. */
int cli_parse_unit(struct cli *cli, const struct cli_cmd *cmd,
    const char *what, const char *s, uint64_t *id);
/* cmd-login.c: "admin (district admin)", the role's word and label. */
const char *cli_role_text(int role, char *buf, size_t size);
/* cmd-user.c: an account as a label block. */
void cli_user_block(struct cli *cli, const Hoso__User *u);

extern const struct cli_opt cmd_org_add_opts[], cmd_org_list_opts[],
    cmd_org_edit_opts[], cmd_person_opts[], cmd_person_list_opts[],
    cmd_page_opts[], cmd_no_opts[], cmd_file_pipeline_opts[];
extern const struct cli_opt cmd_file_moves_opts[], cmd_file_advance_opts[],
    cmd_file_history_opts[], cmd_file_doc_opts[],
    cmd_file_introducer_opts[], cmd_file_mentor_opts[],
    cmd_file_relative_opts[], cmd_file_check_opts[], cmd_eval_add_opts[],
    cmd_eval_due_opts[], cmd_quota_set_opts[], cmd_quota_show_opts[];
extern const struct cli_opt cmd_calendar_set_opts[],
    cmd_calendar_import_opts[];
extern const struct cli_opt cmd_check_open_opts[], cmd_check_step_opts[],
    cmd_check_result_opts[], cmd_check_return_opts[],
    cmd_check_extend_opts[], cmd_check_suspend_opts[],
    cmd_check_decide_opts[], cmd_check_show_opts[], cmd_check_list_opts[],
    cmd_report_checks_opts[], cmd_alerts_opts[], cmd_alert_ack_opts[],
    cmd_watch_opts[];
extern const struct cli_opt cmd_login_opts[], cmd_user_add_opts[],
    cmd_user_list_opts[], cmd_audit_list_opts[];

#endif
