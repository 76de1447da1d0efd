/* opts.c: each verb's command line, parsed from its table of options.
 * Every verb also takes --json, --server, --tls, --insecure, --ca and
 * --help, so they may come after the verb as well as before the noun.  Values are checked here (numbers,
 * dates, enum words) so that a typing mistake is a usage error (exit 2)
 * before anything is sent. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "i18n.h"
#include "text.h"

#define OPT_BASE 256                    /* val of cmd->opts[i] is BASE + i */
#define OPT_JSON (OPT_BASE + CLI_MAX_OPTS)
#define OPT_SERVER (OPT_JSON + 1)
#define OPT_TLS (OPT_JSON + 2)
#define OPT_INSECURE (OPT_JSON + 3)
#define OPT_CA (OPT_JSON + 4)
#define USAGE_COLUMNS 79
#define HELP_LEFT_MAX 24               /* widest option column */

bool
cli_opt_applies(const struct cli_cmd *cmd, const struct cli_opt *o)
{
	return (!(o->flags & CLI_EDIT) || cmd->edit) &&
	    (!(o->flags & CLI_ADD) || !cmd->edit);
}

/* Whether o must be given to cmd. */
static bool
cli_opt_required(const struct cli_cmd *cmd, const struct cli_opt *o)
{
	return (o->flags & CLI_REQ) && !cmd->edit;
}

/* "hoso org add" into buf. */
static void
cli_cmd_words(const struct cli_cmd *cmd, char *buf, size_t size)
{
	snprintf(buf, size, "hoso %s%s%s", cmd->noun, cmd->verb ? " " : "",
	    cmd->verb ? cmd->verb : "");
}

void
cli_error(const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fputs("hoso: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Print one piece of a usage line, wrapping before the right margin. */
static void
cli_usage_piece(FILE *f, const char *piece, size_t *col, size_t indent)
{
	size_t w = text_width(piece);
	if (*col + 1 + w > USAGE_COLUMNS && *col > indent) {
		fprintf(f, "\n%*s", (int)indent, "");
		*col = indent;
	}
	fprintf(f, " %s", piece);
	*col += 1 + w;
}

void
cli_print_usage_line(FILE *f, const struct cli_cmd *cmd)
{
	char words[64], piece[128];
	cli_cmd_words(cmd, words, sizeof words);
	fprintf(f, "%s %s", _("Usage:"), words);
	size_t col = text_width(_("Usage:")) + 1 + strlen(words);
	size_t indent = col > 30 ? 8 : col;
	if (cmd->args != NULL)
		cli_usage_piece(f, _(cmd->args), &col, indent);
	for (const struct cli_opt *o = cmd->opts; o->name; o++) {
		if (!cli_opt_applies(cmd, o))
			continue;
		bool req = cli_opt_required(cmd, o);
		snprintf(piece, sizeof piece, "%s--%s%s%s%s%s", req ? "" : "[",
		    o->name, o->arg ? " " : "", o->arg ? _(o->arg) : "",
		    req ? "" : "]", o->flags & CLI_MULTI ? "..." : "");
		cli_usage_piece(f, piece, &col, indent);
	}
	fputc('\n', f);
}

void
cli_print_wrapped(FILE *f, const char *text, size_t col, size_t indent)
{
	char word[256];
	bool first = true;
	while (*text != '\0') {
		size_t n = strcspn(text, " ");
		if (n >= sizeof word)
			n = sizeof word - 1;
		memcpy(word, text, n);
		word[n] = '\0';
		text += n;
		text += strspn(text, " ");
		size_t w = text_width(word);
		if (!first && col + 1 + w > USAGE_COLUMNS) {
			fprintf(f, "\n%*s", (int)indent, "");
			col = indent;
		} else if (!first) {
			fputc(' ', f);
			col++;
		}
		fputs(word, f);
		col += w;
		first = false;
	}
	fputc('\n', f);
}

/* The help of one option, its values appended when it has a word list. */
static char *
cli_opt_help(const struct cli_opt *o)
{
	size_t len = strlen(_(o->help)) + 4;
	for (const struct hoso_enum_word *w = o->words; w && w->word; w++)
		len += strlen(w->word) + 2;
	char *s = malloc(len);
	if (s == NULL)
		return NULL;
	strcpy(s, _(o->help));
	for (const struct hoso_enum_word *w = o->words; w && w->word; w++) {
		strcat(s, w == o->words ? ": " : ", ");
		strcat(s, w->word);
	}
	return s;
}

/* A command's further help, line by line, each wrapped under its own
 * indent; the continuation lines of an indented line hang deeper. */
static void
cli_print_more(FILE *f, const char *more)
{
	fputc('\n', f);
	while (*more != '\0') {
		size_t n = strcspn(more, "\n");
		char *line = strndup(more, n);
		more += n;
		if (*more == '\n')
			more++;
		if (line == NULL)
			return;
		size_t lead = strspn(line, " ");
		if (line[lead] == '\0') {
			fputc('\n', f);
		} else {
			fprintf(f, "%*s", (int)lead, "");
			cli_print_wrapped(f, line + lead, lead,
			    lead > 0 ? lead + 4 : 0);
		}
		free(line);
	}
}

void
cli_print_cmd_help(FILE *f, const struct cli_cmd *cmd)
{
	struct { char left[128]; char *help; } rows[CLI_MAX_OPTS + 4];
	size_t n = 0, width = 0;

	cli_print_usage_line(f, cmd);
	char *help;
	fputc('\n', f);
	if (asprintf(&help, "%s.", _(cmd->help)) >= 0) {
		cli_print_wrapped(f, help, 0, 0);
		free(help);
	}
	for (const struct cli_opt *o = cmd->opts; o->name; o++) {
		if (!cli_opt_applies(cmd, o))
			continue;
		snprintf(rows[n].left, sizeof rows[n].left, "--%s%s%s",
		    o->name, o->arg ? " " : "", o->arg ? _(o->arg) : "");
		rows[n++].help = cli_opt_help(o);
	}
	snprintf(rows[n].left, sizeof rows[n].left, "--json");
	rows[n++].help = strdup(_("print the result as JSON, for scripts"));
	snprintf(rows[n].left, sizeof rows[n].left, "--server %s",
	    _("HOST:PORT"));
	rows[n++].help = strdup(_("the server to use (default: $HOSO_SERVER, "
	    "else 127.0.0.1:7707)"));
	snprintf(rows[n].left, sizeof rows[n].left, "--tls, --insecure, --ca %s",
	    _("FILE"));
	rows[n++].help = strdup(_("how the connection is secured (see 'hoso "
	    "--help')"));
	snprintf(rows[n].left, sizeof rows[n].left, "--help");
	rows[n++].help = strdup(_("show this help"));
	/* Options too wide for the column get their help on the next line. */
	for (size_t i = 0; i < n; i++) {
		size_t w = text_width(rows[i].left);
		if (w > width && w <= HELP_LEFT_MAX)
			width = w;
	}
	fprintf(f, "\n%s\n", _("Options:"));
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "  %s", rows[i].left);
		size_t w = text_width(rows[i].left);
		if (w > width) {
			fprintf(f, "\n%*s", (int)width + 4, "");
		} else {
			fprintf(f, "%*s", (int)(width + 2 - w), "");
		}
		cli_print_wrapped(f, rows[i].help ? rows[i].help : "",
		    width + 4, width + 4);
		free(rows[i].help);
	}
	if (cmd->more != NULL)
		cli_print_more(f, _(cmd->more));
}

/* The usage line, but only when it fits on one line: a short hint. */
static void
cli_print_short_usage(FILE *f, const struct cli_cmd *cmd)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (mem == NULL)
		return;
	cli_print_usage_line(mem, cmd);
	if (fclose(mem) == 0 && buf != NULL && strchr(buf, '\n') ==
	    buf + len - 1)
		fputs(buf, f);
	free(buf);
}

int
cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fputs("hoso: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cmd != NULL) {
		char words[64];
		cli_cmd_words(cmd, words, sizeof words);
		cli_print_short_usage(stderr, cmd);
		fprintf(stderr, _("Try '%s --help' for more.\n"), words);
	} else {
		fprintf(stderr, _("Try 'hoso --help' for more.\n"));
	}
	return CLI_EXIT_USAGE;
}

int
cli_getopt_error(const struct cli_cmd *cmd, int ch, char **argv,
    const struct option *longopts)
{
	const char *name = NULL;
	for (const struct option *o = longopts; o->name; o++)
		if (o->val == optopt)
			name = o->name;
	if (ch == ':' && name != NULL)
		return cli_usage_error(cmd, _("--%s needs a value"), name);
	if (name != NULL)
		return cli_usage_error(cmd, _("--%s does not take a value"),
		    name);
	if (optopt > 0 && optopt < 256)
		return cli_usage_error(cmd, _("unknown option '-%c'"), optopt);
	const char *bad = argv[optind - 1];
	size_t len = strcspn(bad, "=");
	return cli_usage_error(cmd, _("unknown option '%.*s'"), (int)len, bad);
}

int
cli_parse(struct cli *cli, const struct cli_cmd *cmd, int argc, char **argv,
    struct cli_args *args)
{
	struct option longopts[CLI_MAX_OPTS + 7];
	size_t n = 0;
	int ch;

	memset(args, 0, sizeof *args);
	args->cmd = cmd;
	for (size_t i = 0; cmd->opts[i].name; i++) {
		const struct cli_opt *o = &cmd->opts[i];
		if (!cli_opt_applies(cmd, o))
			continue;
		longopts[n++] = (struct option){ o->name,
		    o->arg ? required_argument : no_argument, NULL,
		    OPT_BASE + (int)i };
	}
	longopts[n++] = (struct option){ "json", no_argument, NULL, OPT_JSON };
	longopts[n++] = (struct option){ "server", required_argument, NULL,
	    OPT_SERVER };
	longopts[n++] = (struct option){ "tls", no_argument, NULL, OPT_TLS };
	longopts[n++] = (struct option){ "insecure", no_argument, NULL,
	    OPT_INSECURE };
	longopts[n++] = (struct option){ "ca", required_argument, NULL,
	    OPT_CA };
	longopts[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	longopts[n] = (struct option){ NULL, 0, NULL, 0 };

	opterr = 0;
	optind = 0;     /* glibc: start afresh after main's parse */
	while ((ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (ch >= OPT_BASE && ch < OPT_JSON) {
			size_t i = (size_t)(ch - OPT_BASE);
			args->val[i] = optarg ? optarg : "";
			if (!(cmd->opts[i].flags & CLI_MULTI))
				continue;
			if (args->nmulti == CLI_MAX_MULTI)
				return cli_usage_error(cmd, _("--%s: too many "
				    "values (at most %d)"), cmd->opts[i].name,
				    CLI_MAX_MULTI);
			args->multi_opt[args->nmulti] = i;
			args->multi[args->nmulti++] = args->val[i];
			continue;
		}
		switch (ch) {
		case OPT_JSON:
			cli->json = true;
			break;
		case OPT_SERVER:
			cli->server = optarg;
			cli->server_from = "--server";
			break;
		case OPT_TLS:
			cli->tls_on = true;
			break;
		case OPT_INSECURE:
			cli->tls_off = true;
			break;
		case OPT_CA:
			cli->ca_file = optarg;
			break;
		case 'h':
			cli_print_cmd_help(stdout, cmd);
			return CLI_DONE;
		default:
			return cli_getopt_error(cmd, ch, argv, longopts);
		}
	}
	for (size_t i = 0; cmd->opts[i].name; i++)
		if (cli_opt_applies(cmd, &cmd->opts[i]) &&
		    cli_opt_required(cmd, &cmd->opts[i]) && args->val[i] == NULL)
			return cli_usage_error(cmd, _("--%s is required"),
			    cmd->opts[i].name);
	args->pos = argv + optind;
	args->npos = argc - optind;
	return 0;
}

const char *
cli_arg(const struct cli_args *args, const char *name)
{
	for (size_t i = 0; args->cmd->opts[i].name; i++)
		if (strcmp(args->cmd->opts[i].name, name) == 0)
			return args->val[i];
	return NULL;
}

size_t
cli_arg_all(const struct cli_args *args, const char *name, const char **out,
    size_t max)
{
	size_t n = 0;
	for (size_t k = 0; k < args->nmulti; k++)
		if (strcmp(args->cmd->opts[args->multi_opt[k]].name, name) == 0 &&
		    n < max)
			out[n++] = args->multi[k];
	return n;
}

int
cli_parse_count(const struct cli_cmd *cmd, const char *what, const char *s,
    uint32_t max, uint32_t *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || v > max)
		return cli_usage_error(cmd, _("%s: expected a whole number from "
		    "0 to %lu, got '%s'"), what, (unsigned long)max, s);
	*out = (uint32_t)v;
	return 0;
}

/* Whether s starts with n ASCII digits. */
static bool
cli_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

int
cli_parse_month(const struct cli_cmd *cmd, const char *what, const char *s,
    char iso[8])
{
	size_t len = strlen(s);
	unsigned y = 0, m = 0;
	if (len == 7 && s[4] == '-' && cli_digits(s, 4) &&
	    cli_digits(s + 5, 2)) {
		y = (unsigned)atoi(s);
		m = (unsigned)atoi(s + 5);
	} else if ((len == 6 || len == 7) && s[len - 5] == '/' &&
	    cli_digits(s, len - 5) && cli_digits(s + len - 4, 4)) {
		m = (unsigned)atoi(s);
		y = (unsigned)atoi(s + len - 4);
	}
	if (y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR && m >= 1 && m <= 12) {
		snprintf(iso, 8, "%04u-%02u", y % 10000u, m % 100u);
		return 0;
	}
	return cli_usage_error(cmd, _("%s: '%s' is not a month; write it as "
	    "YYYY-MM or mm/yyyy"), what, s);
}

int
cli_parse_yes_no(const struct cli_cmd *cmd, const char *what, const char *s,
    bool *out)
{
	char *folded = *s != '\0' ? text_fold(s) : NULL;
	int v = -1;
	if (folded != NULL && (strcmp(folded, "yes") == 0 ||
	    strcmp(folded, "co") == 0))
		v = 1;
	else if (folded != NULL && (strcmp(folded, "no") == 0 ||
	    strcmp(folded, "khong") == 0))
		v = 0;
	free(folded);
	if (v < 0)
		return cli_usage_error(cmd, _("%s: expected %s or %s, got '%s'"),
		    what, "yes", "no", s);
	*out = v == 1;
	return 0;
}

int
cli_parse_id(const struct cli_cmd *cmd, const char *what, const char *s,
    bool allow_zero, uint64_t *out)
{
	char *end;
	if (allow_zero && *s == '\0') {
		*out = 0;
		return 0;
	}
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 ||
	    (v == 0 && !allow_zero))
		return cli_usage_error(cmd, _("%s: expected a record number "
		    "(1, 2, 3 ...), got '%s'"), what, s);
	*out = v;
	return 0;
}

int
cli_parse_limit(const struct cli_cmd *cmd, const char *s, uint32_t *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || v == 0 ||
	    v > HOSO_PAGE_MAX)
		return cli_usage_error(cmd, _("--limit: expected a number from "
		    "1 to %d, got '%s'"), HOSO_PAGE_MAX, s);
	*out = (uint32_t)v;
	return 0;
}

int
cli_parse_date(const struct cli_cmd *cmd, const char *what, const char *s,
    char iso[11])
{
	int32_t days;
	int rc = date_parse_user(s, &days);
	if (rc == DATE_ERANGE) {
		/* Shaped like a date but no such day (2027-02-30): the server
		 * is the judge of dates, so send it as ISO and let it refuse. */
		unsigned d, m, y;
		if (sscanf(s, "%u/%u/%u", &d, &m, &y) == 3)
			snprintf(iso, 11, "%04u-%02u-%02u", y % 10000u, m % 100u,
			    d % 100u);
		else
			snprintf(iso, 11, "%s", s);
		return 0;
	}
	if (rc != DATE_OK)
		return cli_usage_error(cmd, _("%s: '%s' is not a date; write "
		    "it as YYYY-MM-DD or dd/mm/yyyy"), what, s);
	date_format_iso(days, iso);
	return 0;
}

int
cli_parse_instant(const struct cli_cmd *cmd, const char *what, const char *s,
    int64_t *t)
{
	int rc = date_parse_instant(s, t);
	if (rc == DATE_ERANGE)
		return cli_usage_error(cmd, _("%s: there is no such day or time "
		    "as '%s'"), what, s);
	if (rc != DATE_OK)
		return cli_usage_error(cmd, _("%s: '%s' is not a date and time; "
		    "write it as YYYY-MM-DD, YYYY-MM-DDTHH:MM or \"dd/mm/yyyy "
		    "HH:MM\""), what, s);
	return 0;
}

int
cli_parse_enum(const struct cli_cmd *cmd, const char *what,
    const struct hoso_enum_word *tab, const char *s, int *out)
{
	int v = hoso_enum_parse(tab, s);
	if (v >= 0) {
		*out = v;
		return 0;
	}
	size_t n = 0, len = 0;
	for (const struct hoso_enum_word *w = tab; w->word; w++, n++)
		len += strlen(w->word) + 2;
	if (n == 2)
		return cli_usage_error(cmd, _("%s: expected %s or %s, got '%s'"),
		    what, tab[0].word, tab[1].word, s);
	char *list = malloc(len + 1);
	if (list == NULL)
		return cli_usage_error(cmd, "%s", hoso_strerror(HOSO_E_NOMEM));
	list[0] = '\0';
	for (const struct hoso_enum_word *w = tab; w->word; w++) {
		if (w != tab)
			strcat(list, ", ");
		strcat(list, w->word);
	}
	int rc = cli_usage_error(cmd, _("%s: expected one of %s; got '%s'"),
	    what, list, s);
	free(list);
	return rc;
}

int
cli_one_id(const struct cli_args *args, uint64_t *id)
{
	if (args->npos == 0)
		return cli_usage_error(args->cmd, _("say which record: its "
		    "number (ID) is missing"));
	if (args->npos > 1)
		return cli_usage_error(args->cmd, _("too many arguments: "
		    "'%s'"), args->pos[1]);
	return cli_parse_id(args->cmd, _("ID"), args->pos[0], false, id);
}

int
cli_no_positional(const struct cli_args *args)
{
	if (args->npos > 0)
		return cli_usage_error(args->cmd, _("unexpected argument "
		    "'%s'"), args->pos[0]);
	return 0;
}
