/* main.c: hoso, the command-line client of hosod.
 *   hoso [--server HOST:PORT] [--tls|--insecure] [--ca FILE] [--json]
 *        [--help] [--version] NOUN VERB [ARGS]
 * One table lists every command; each verb parses its own options (opts.c)
 * and exits 0 on success, 1 when the server refused, 2 on a usage error and
 * 3 when the server cannot be reached or spoke nonsense. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "text.h"

const struct cli_cmd cli_commands[] = {
	{ "org", "add", cmd_org_add,
	    N_("Add an organisation unit: district, ward, cell or police "
	    "station"), NULL, cmd_org_add_opts, false },
	{ "org", "list", cmd_org_list, N_("List organisation units"), NULL,
	    cmd_org_list_opts, false },
	{ "org", "show", cmd_org_show, N_("Show one organisation unit"),
	    N_("ID"), cmd_no_opts, false },
	{ "org", "edit", cmd_org_edit,
	    N_("Change the name, code or admission role of an organisation "
	    "unit"), N_("ID"),
	    cmd_org_edit_opts, true },
	{ "person", "add", cmd_person_add, N_("Add a candidate"), NULL,
	    cmd_person_opts, false },
	{ "person", "show", cmd_person_show, N_("Show one candidate"),
	    N_("ID"), cmd_no_opts, false },
	{ "person", "edit", cmd_person_edit,
	    N_("Change some details of a candidate"), N_("ID"),
	    cmd_person_opts, true },
	{ "person", "list", cmd_person_list,
	    N_("List candidates, by unit, cell, place of residence or stage"),
	    NULL, cmd_person_list_opts, false },
	{ "person", "find", cmd_person_find,
	    N_("Find candidates by name (accents optional) or ID number"),
	    N_("TEXT..."), cmd_page_opts, false },
	{ "person", "file", cmd_file_show,
	    N_("Show a candidate's whole file: stage, papers, introducers, "
	    "mentors, relatives, checks, votes, decisions and deadlines"),
	    N_("ID"), cmd_no_opts, false },
	{ "person", "moves", cmd_file_moves,
	    N_("Show where a candidate's file can move next, and what is "
	    "still missing for each move"), N_("ID"), cmd_file_moves_opts,
	    false },
	{ "person", "advance", cmd_file_advance,
	    N_("Move a candidate's file to another stage"), N_("ID"),
	    cmd_file_advance_opts, false,
	    N_("The stages (--to) and the options each move takes:\n"
	    "  in-course: sent to the awareness course\n"
	    "  course-passed: --cert-number (--at is the certificate's "
	    "date)\n"
	    "  mentored: --mentor for each official member assigned (or "
	    "record them first with 'hoso person mentor')\n"
	    "  dossier, verifying: the papers, then the background checks\n"
	    "  cell-vote: --votes-for, --votes-against (--at is the day of "
	    "the vote)\n"
	    "  proposed: --extension-days if the deciding committee was "
	    "granted more time\n"
	    "  decided: --decision-number (--at is the decision's date)\n"
	    "  probation: admitted; --at is the day of the ceremony\n"
	    "  official: --votes-for, --votes-against and --vote-date of the "
	    "vote on recognition, --decision-number, --course-date\n"
	    "  on-hold, withdrawn, removed, rejected, not-recognised: "
	    "--reason\n"
	    "  moved: --cell, the cell the file moves to\n"
	    "\n"
	    "'hoso person moves ID' shows what is still missing before a "
	    "move.") },
	{ "person", "history", cmd_file_history,
	    N_("Show everything recorded in a candidate's file, in the order "
	    "it was entered"), N_("ID"), cmd_file_history_opts, false },
	{ "person", "doc", cmd_file_doc,
	    N_("Record a paper of a candidate's dossier"), N_("ID"),
	    cmd_file_doc_opts, false },
	{ "person", "introducer", cmd_file_introducer,
	    N_("Record who introduces a candidate: an official member, or "
	    "the Youth Union or Trade Union"), N_("ID"),
	    cmd_file_introducer_opts, false },
	{ "person", "mentor", cmd_file_mentor,
	    N_("Assign an official member to help a candidate"), N_("ID"),
	    cmd_file_mentor_opts, false },
	{ "person", "relative", cmd_file_relative,
	    N_("Record a relative of a candidate, for the background "
	    "checks"), N_("ID"), cmd_file_relative_opts, false },
	{ "person", "check", cmd_file_check,
	    N_("Propose, add or settle the background checks of a "
	    "candidate"), N_("ID ACTION [CHECKID]"), cmd_file_check_opts,
	    false,
	    N_("Actions:\n"
	    "  propose: list the checks the recorded relatives call for\n"
	    "  add: a check the rules do not call for; --relation, --subject "
	    "and --reason\n"
	    "  conclude CHECKID: the result came back (--date, default "
	    "today); --concern if it raised one\n"
	    "  resolve CHECKID: the concern it raised was cleared\n"
	    "  waive CHECKID: the check is not needed; --reason\n"
	    "\n"
	    "CHECKID is the check's number in 'hoso person file ID'.") },
	{ "person", "evaluate", cmd_eval_add,
	    N_("Record the cell's monthly evaluation of a candidate"),
	    N_("ID"), cmd_eval_add_opts, false },
	{ "person", "due-evaluations", cmd_eval_due,
	    N_("List the candidates of a cell whose monthly evaluation is "
	    "missing"), NULL, cmd_eval_due_opts, false },
	{ "file", "pipeline", cmd_file_pipeline,
	    N_("Count the candidates at each stage in the cells under a unit "
	    "(the pipeline board)"), NULL, cmd_file_pipeline_opts, false,
	    N_("Every stage with at least one candidate is listed, in the "
	    "order of the recruitment, then the total; party members entered "
	    "directly are not candidates and are not counted.  'hoso person "
	    "list --unit CODE --stage STAGE' lists the candidates behind a "
	    "number.") },
	{ "quota", "set", cmd_quota_set,
	    N_("Set a unit's admission target for a year or a term"), NULL,
	    cmd_quota_set_opts, false },
	{ "quota", "show", cmd_quota_show,
	    N_("Show how far a unit and the units below it are towards "
	    "their target"), NULL, cmd_quota_show_opts, false },
	{ "calendar", "show", cmd_calendar_show,
	    N_("Show the weekdays off of a year (holidays, compensatory days "
	    "and edits) and every edit of the calendar that year"),
	    N_("[YEAR]"), cmd_no_opts, false,
	    N_("YEAR defaults to this year.  Saturdays and Sundays are not "
	    "listed; a Saturday made a working day is among the edits.") },
	{ "calendar", "lunar", cmd_calendar_lunar,
	    N_("Show the Vietnamese lunar date of a day"), N_("DATE"),
	    cmd_no_opts, false },
	{ "calendar", "add-workdays", cmd_calendar_add_workdays,
	    N_("Show the day that is N working days after a date"),
	    N_("DATE N"), cmd_no_opts, false,
	    N_("With N = 0: the date itself if it is a working day, else the "
	    "next working day.  Deadlines such as \"within 60 working days of "
	    "the cell's resolution\" are counted this way.") },
	{ "calendar", "workdays", cmd_calendar_workdays,
	    N_("Count the working days after one date up to and including "
	    "another"), N_("FROM TO"), cmd_no_opts, false },
	{ "calendar", "set", cmd_calendar_set,
	    N_("Make one day a day off or a working day, whatever the built-in "
	    "rules say"), N_("DATE off|work"), cmd_calendar_set_opts, false,
	    N_("The deadlines of open files are recomputed on the new "
	    "calendar; the command says how many moved and which files became "
	    "overdue.  E.g. the government's swap of 2026:\n"
	    "  hoso calendar set 2026-01-02 off --reason \"Nghỉ bù Tết Dương "
	    "lịch\"\n"
	    "  hoso calendar set 2026-01-10 work --reason \"Làm bù cho ngày "
	    "02/01\"\n"
	    "'hoso calendar unset DATE' returns a day to the built-in "
	    "rules.") },
	{ "calendar", "unset", cmd_calendar_unset,
	    N_("Remove the edit of one day: the built-in rules apply to it "
	    "again"), N_("DATE"), cmd_no_opts, false },
	{ "calendar", "import", cmd_calendar_import,
	    N_("Set the days off and working days of an iCalendar (.ics) file, "
	    "e.g. the government's Tết schedule"), N_("FILE.ics"),
	    cmd_calendar_import_opts, false,
	    N_("Every all-day event (DTSTART;VALUE=DATE) covers its days up to "
	    "DTEND (not included), or DURATION, or one day.  Each day becomes "
	    "a day off with the event's SUMMARY as the reason, unless the "
	    "SUMMARY says \"làm bù\", \"đi làm\" or \"working day\" (accents "
	    "and case do not matter) or CATEGORIES holds WORKDAY: then it is "
	    "a working day.  Events with a time, repeating events and "
	    "cancelled ones are skipped, with a warning.\n"
	    "\n"
	    "A file that cannot be read or parsed changes nothing (exit 2).  "
	    "The days are then set in date order; the import stops at the "
	    "first day the server refuses (exit 1), the days before it "
	    "staying set.  FILE may be - for standard input.") },
	{ "check", "open", cmd_check_open,
	    N_("Open a background check: received by a ward committee of the "
	    "district, or sent to a committee outside it"), NULL,
	    cmd_check_open_opts, false,
	    N_("The candidate's file must be in background verification.  "
	    "Without --item, the file's pending check whose subject matches "
	    "--subject (accents and case do not matter) is used, the "
	    "candidate's own when --subject is not given; a subject matching "
	    "none adds a check to the file.\n"
	    "\n"
	    "Inside the district a check goes through three legs, each with "
	    "a deadline in working days: the ward committee forwards it to "
	    "the ward police (the same working day), the police answer (7), "
	    "the ward committee signs and returns the result (3).  A leg "
	    "that starts on a day off counts from the next working day.\n"
	    "\n"
	    "TIMESTAMP is when it happened on paper, in Vietnam's time: "
	    "2026-11-20, 2026-11-20T16:30 or \"20/11/2026 16:30\" (Z or "
	    "+07:00 may follow).") },
	{ "check", "forward", cmd_check_step,
	    N_("Record that the ward committee forwarded a check to the ward "
	    "police"), N_("ID"), cmd_check_step_opts, false },
	{ "check", "police-received", cmd_check_step,
	    N_("Record the day the ward police received a check (without it "
	    "their time counts from the forwarding)"), N_("ID"),
	    cmd_check_step_opts, false },
	{ "check", "police-result", cmd_check_step,
	    N_("Record the police result, back at the ward committee"),
	    N_("ID"), cmd_check_result_opts, false },
	{ "check", "return", cmd_check_step,
	    N_("Record that the ward committee signed and returned the result "
	    "(or that a committee outside the district answered): the check "
	    "is closed"), N_("ID"), cmd_check_return_opts, false,
	    N_("For a check sent outside the district, --result (and --text "
	    "for a concern) give the answer; the server says when they are "
	    "required.") },
	{ "check", "extend", cmd_check_step,
	    N_("Give the current leg a new appointment date; the original "
	    "deadline still counts as missed"), N_("ID"),
	    cmd_check_extend_opts, false },
	{ "check", "suspend", cmd_check_step,
	    N_("Stop the clock of the current leg"), N_("ID"),
	    cmd_check_suspend_opts, false,
	    N_("When the clock restarts ('hoso check resume'), the deadline "
	    "moves by the working days after the day it stopped up to and "
	    "including the day it restarted.") },
	{ "check", "resume", cmd_check_step,
	    N_("Restart the clock of a suspended check"), N_("ID"),
	    cmd_check_step_opts, false },
	{ "check", "decide", cmd_check_step,
	    N_("Record the committee's decision on a concern a check "
	    "raised"), N_("ID"), cmd_check_decide_opts, false },
	{ "check", "show", cmd_check_show,
	    N_("Show a background check: where it is, its deadline and "
	    "status, and each leg"), N_("ID"), cmd_check_show_opts, false },
	{ "check", "list", cmd_check_list,
	    N_("List the open background checks, by ward or candidate; "
	    "--overdue for the late ones"), NULL, cmd_check_list_opts, false },
	{ "check", "explain", cmd_check_explain,
	    N_("Show how the deadline of a check's current leg was counted, "
	    "day by day"), N_("ID"), cmd_no_opts, false },
	{ "report", "checks", cmd_report_checks,
	    N_("Show how fast each ward handled the background checks opened "
	    "in a period, leg by leg, and which legs were late"), NULL,
	    cmd_report_checks_opts, false },
	/* Before "alerts" alone: the dispatcher takes the first row of a noun
	 * whose verb matches, else its row without a verb. */
	{ "alerts", "ack", cmd_alert_ack,
	    N_("Acknowledge an alert: it has been read"), N_("ID"),
	    cmd_alert_ack_opts, false },
	{ "alerts", NULL, cmd_alerts,
	    N_("List the deadline alerts, newest first"), NULL,
	    cmd_alerts_opts, false,
	    N_("An alert is raised when a deadline (a leg of a background "
	    "check, a decision, a ceremony, ...) is due soon or has passed; "
	    "an overdue one is escalated to the district.  'hoso alerts ack "
	    "ID' marks one as read; 'hoso watch' prints new ones as they "
	    "come.") },
	{ "watch", NULL, cmd_watch,
	    N_("Wait for new deadline alerts and print each as it comes, "
	    "until stopped"), NULL, cmd_watch_opts, false,
	    N_("With --json each alert is one JSON object on its own line.  "
	    "Exit status 3 when the connection to the server is lost.") },
	{ "login", NULL, cmd_login,
	    N_("Log in: the commands that follow act as this account until "
	    "logout"), NULL, cmd_login_opts, false,
	    N_("The password is typed on the terminal without being shown; "
	    "when standard input is not a terminal it is the first line read "
	    "from it, e.g.:\n"
	    "  export HOSO_TOKEN=$(hoso login --user admin --print-token "
	    "< pwfile)\n"
	    "\n"
	    "The session token is kept, readable only by you, in "
	    "$XDG_RUNTIME_DIR/hoso/token-HOST_PORT (without XDG_RUNTIME_DIR: "
	    "~/.cache/hoso/token-HOST_PORT), one file per server, and sent by "
	    "every later command; $HOSO_TOKEN, when set, is sent instead.  "
	    "The server ends a session that stays unused too long, and every "
	    "session at its latest end; then log in again."),
	    CLI_CMD_NO_TOKEN | CLI_CMD_OWN_AUTH },
	{ "logout", NULL, cmd_logout,
	    N_("End the session and forget its token"), NULL, cmd_no_opts,
	    false, NULL, CLI_CMD_ANON },
	{ "whoami", NULL, cmd_whoami,
	    N_("Show which account the session belongs to"), NULL,
	    cmd_no_opts, false },
	{ "user", "add", cmd_user_add, N_("Add an account"), N_("LOGIN"),
	    cmd_user_add_opts, false,
	    N_("LOGIN is 1 to 32 of a-z, 0-9, '.', '_' and '-'.  The password "
	    "(at least 10 characters) is typed twice on the terminal without "
	    "being shown; when standard input is not a terminal it is the "
	    "first line read from it.") },
	{ "user", "disable", cmd_user_enable,
	    N_("Disable an account: it can no longer log in, and its sessions "
	    "end"), N_("LOGIN"), cmd_no_opts, false },
	{ "user", "enable", cmd_user_enable,
	    N_("Enable a disabled account again"), N_("LOGIN"), cmd_no_opts,
	    false },
	{ "user", "passwd", cmd_user_passwd,
	    N_("Change your password, or (an admin) someone else's"),
	    N_("[LOGIN]"), cmd_no_opts, false,
	    N_("Without LOGIN, or with your own, your password: the current "
	    "one is asked first.  Passwords are typed on the terminal without "
	    "being shown, the new one twice; when standard input is not a "
	    "terminal they are read from it one line each (the current one, "
	    "then the new one).  The account's other sessions end.") },
	{ "user", "list", cmd_user_list, N_("List the accounts"), NULL,
	    cmd_user_list_opts, false },
	{ "audit", "list", cmd_audit_list,
	    N_("List the entries of the audit log, oldest first"), NULL,
	    cmd_audit_list_opts, false,
	    N_("The log holds every change, every reading of a candidate's "
	    "file or check, every login and every refused request, with who, "
	    "when and from where.  Only an admin or an inspector may read "
	    "it.") },
	{ "audit", "verify", cmd_audit_verify,
	    N_("Check that no entry of the audit log was changed, removed or "
	    "added afterwards"), NULL, cmd_no_opts, false,
	    N_("Reads the whole log and recomputes its hash chain: each entry's "
	    "hash covers the entry and the hash of the one before.  Exit "
	    "status 0 when it is intact, 1 when it is broken (the first break "
	    "is shown).") },
	{ "admin", "backup", cmd_admin_backup,
	    N_("Copy the server's database to a file, while it keeps serving"),
	    N_("FILE"), cmd_no_opts, false,
	    N_("The server sends a consistent copy of its whole database as it "
	    "was when the command started; writes acknowledged before that are "
	    "in it.  FILE is written only once the copy arrived whole (its "
	    "checksum is verified).  Only an admin may take a backup.  To put "
	    "it back, stop the server and run: hosod --data DIR --restore "
	    "FILE.") },
	{ "server", "info", cmd_server_info,
	    N_("Show the server's name, version and protocol"), NULL,
	    cmd_no_opts, false, NULL, CLI_CMD_ANON },
	{ "ping", NULL, cmd_ping, N_("Check that the server answers"), NULL,
	    cmd_no_opts, false, NULL, CLI_CMD_ANON },
	{ NULL, NULL, NULL, NULL, NULL, NULL, false, NULL, 0 },
};

/* "org add" or "ping": the words that name cmd. */
static void
main_cmd_name(const struct cli_cmd *cmd, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s", cmd->noun, cmd->verb ? " " : "",
	    cmd->verb ? cmd->verb : "");
}

/* List the commands of noun (all commands if noun is NULL). */
static void
main_list_commands(FILE *f, const char *noun)
{
	size_t width = 0;
	char name[64];
	for (const struct cli_cmd *c = cli_commands; c->noun; c++) {
		main_cmd_name(c, name, sizeof name);
		if ((noun == NULL || strcmp(noun, c->noun) == 0) &&
		    strlen(name) > width)
			width = strlen(name);
	}
	for (const struct cli_cmd *c = cli_commands; c->noun; c++) {
		if (noun != NULL && strcmp(noun, c->noun) != 0)
			continue;
		main_cmd_name(c, name, sizeof name);
		fprintf(f, "  hoso %-*s  ", (int)width, name);
		cli_print_wrapped(f, _(c->help), width + 9, width + 9);
	}
}

/* The top-level help. */
static void
main_help(FILE *f)
{
	fprintf(f, _("Usage: hoso [--server HOST:PORT] [--tls|--insecure] "
	    "[--ca FILE] [--json] COMMAND [ARGUMENTS]\n"));
	fputc('\n', f);
	cli_print_wrapped(f, _("Works with the files of candidates for party "
	    "membership kept by a hosod server."), 0, 0);
	fputc('\n', f);
	fprintf(f, "%s\n", _("Commands:"));
	main_list_commands(f, NULL);
	fprintf(f, "\n%s\n", _("Options:"));
	const char *opts[][2] = {
		{ _("--server HOST:PORT"), _("the server to use (default: "
		    "$HOSO_SERVER, else 127.0.0.1:7707)") },
		{ "--tls", _("always encrypt the connection (the default, "
		    "except to this machine: 127.0.0.1, ::1, localhost)") },
		{ "--insecure", _("never encrypt the connection (a warning "
		    "when the server is another machine)") },
		{ _("--ca FILE"), _("check the server's certificate against "
		    "these CA certificates (PEM) and its name, instead of "
		    "remembering it (default: $HOSO_CA)") },
		{ "--json", _("print results as JSON, for scripts") },
		{ "--help", _("show this help") },
		{ "--version", _("show the version of this program") },
	};
	size_t width = 0;
	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
		if (text_width(opts[i][0]) > width)
			width = text_width(opts[i][0]);
	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
		fputs("  ", f);
		cli_pad(f, opts[i][0], width + 2);
		cli_print_wrapped(f, opts[i][1], width + 4, width + 4);
	}
	fputc('\n', f);
	cli_print_wrapped(f, _("Dates may be written YYYY-MM-DD or dd/mm/yyyy. "
	    "For the options of a command: hoso COMMAND --help."), 0, 0);
	cli_print_wrapped(f, _("Most commands need a session: 'hoso login "
	    "--user NAME' first."), 0, 0);
	cli_print_wrapped(f, _("Over TLS the first connection to a server "
	    "remembers its certificate in ~/.config/hoso/known_servers (or "
	    "$HOSO_KNOWN_SERVERS); a server that later shows another one is "
	    "refused."), 0, 0);
	cli_print_wrapped(f, _("Exit status: 0 done, 1 the server refused, "
	    "2 wrong command line, 3 cannot reach the server."), 0, 0);
}

/* The help of one noun: its commands. */
static void
main_noun_help(FILE *f, const char *noun)
{
	fprintf(f, _("Usage: hoso %s COMMAND [ARGUMENTS]\n"), noun);
	fprintf(f, "\n%s\n", _("Commands:"));
	main_list_commands(f, noun);
	fprintf(f, "\n%s\n", _("For the options of a command: hoso COMMAND "
	    "--help."));
}

static bool
main_is_help(const char *s)
{
	return strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0;
}

/* A usage error at the top level: the message and a hint. */
static int
main_usage_error(const char *noun, const char *msg)
{
	cli_error("%s", msg);
	if (noun != NULL) {
		fprintf(stderr, "\n");
		main_noun_help(stderr, noun);
	} else {
		fprintf(stderr, _("Try 'hoso --help' for the list of "
		    "commands.\n"));
	}
	return CLI_EXIT_USAGE;
}

/* Find and run the command named by argv[0] (noun) and argv[1] (verb). */
static int
main_dispatch(struct cli *cli, int argc, char **argv)
{
	const char *noun = argv[0];
	const struct cli_cmd *c;
	bool known = false;

	if (strcmp(noun, "help") == 0) {
		if (argc < 2) {
			main_help(stdout);
			return CLI_EXIT_OK;
		}
		/* "hoso help person add" is "hoso person add --help". */
		argv[0] = argv[1];
		argv[1] = argc > 2 ? argv[2] : (char *)"--help";
		argv[argc > 2 ? 2 : 1] = (char *)"--help";
		argc = argc > 2 ? 3 : 2;
		noun = argv[0];
	}
	for (c = cli_commands; c->noun; c++) {
		if (strcmp(c->noun, noun) != 0)
			continue;
		known = true;
		if (c->verb == NULL)
			break;
		if (argc > 1 && strcmp(c->verb, argv[1]) == 0)
			break;
	}
	if (!known) {
		char *msg;
		if (asprintf(&msg, _("there is no command '%s'"), noun) < 0)
			return CLI_EXIT_USAGE;
		int rc = main_usage_error(NULL, msg);
		free(msg);
		return rc;
	}
	if (c->noun == NULL) {
		if (argc > 1 && main_is_help(argv[1])) {
			main_noun_help(stdout, noun);
			return CLI_EXIT_OK;
		}
		char *msg;
		int n = argc > 1 ?
		    asprintf(&msg, _("'hoso %s' has no command '%s'"), noun,
		    argv[1]) :
		    asprintf(&msg, _("say what to do with '%s'"), noun);
		if (n < 0)
			return CLI_EXIT_USAGE;
		int rc = main_usage_error(noun, msg);
		free(msg);
		return rc;
	}
	if (c->verb != NULL) {
		argc--;
		argv++;
	}
	struct cli_args args;
	int rc = cli_parse(cli, c, argc, argv, &args);
	if (rc == CLI_DONE)
		return CLI_EXIT_OK;
	if (rc != 0)
		return rc;
	cli->cmd = c;
	return c->run(cli, &args);
}

int
main(int argc, char **argv)
{
	enum { OPT_SERVER = 256, OPT_JSON, OPT_VERSION, OPT_TLS, OPT_INSECURE,
	    OPT_CA };
	static const struct option longopts[] = {
		{ "server", required_argument, NULL, OPT_SERVER },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "tls", no_argument, NULL, OPT_TLS },
		{ "insecure", no_argument, NULL, OPT_INSECURE },
		{ "ca", required_argument, NULL, OPT_CA },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cli = { 0 };
	int ch, rc;

	i18n_init();
	cli.server = getenv("HOSO_SERVER");
	cli.server_from = "HOSO_SERVER";
	if (cli.server == NULL || *cli.server == '\0')
		cli.server = HOSO_DEFAULT_SERVER;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_SERVER:
			cli.server = optarg;
			cli.server_from = "--server";
			break;
		case OPT_JSON:
			cli.json = true;
			break;
		case OPT_TLS:
			cli.tls_on = true;
			break;
		case OPT_INSECURE:
			cli.tls_off = true;
			break;
		case OPT_CA:
			cli.ca_file = optarg;
			break;
		case 'h':
			main_help(stdout);
			return CLI_EXIT_OK;
		case OPT_VERSION:
			printf("hoso %s (%s %d.%d)\n", HOSO_VERSION,
			    _("protocol"), HOSO_PROTO_MAJOR, HOSO_PROTO_MINOR);
			return CLI_EXIT_OK;
		default:
			return cli_getopt_error(NULL, ch, argv, longopts);
		}
	}
	if (optind >= argc) {
		main_usage_error(NULL, _("say what to do, e.g. 'hoso person "
		    "list'"));
		return CLI_EXIT_USAGE;
	}
	rc = main_dispatch(&cli, argc - optind, argv + optind);
	cli_disconnect(&cli);
	if (fflush(stdout) != 0) {
		cli_error(_("cannot write the output: %s"), strerror(errno));
		if (rc == CLI_EXIT_OK)
			rc = CLI_EXIT_REFUSED;
	}
	return rc;
}
