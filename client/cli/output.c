/* output.c: talking to the server and showing what it said.
 * Everything shown comes from the server, so it is cleaned before it
 * reaches a terminal: control characters and broken UTF-8 become "?". */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <utf8proc.h>

#include "cli.h"
#include "date.h"
#include "i18n.h"
#include "text.h"

/* A requirement's text, and the 'person advance' option that gives what
 * is missing (see cli.h). */
char *
cli_requirement_text(const Hoso__Requirement *q)
{
	static const char *map[][2] = {
		{ "mentor_none", "--mentor" },
		{ "cert_number", "--cert-number" },
		{ "decision_number", "--decision-number" },
		{ "new_member_course", "--course-date" },
		{ "vote_date", "--vote-date" },
		{ "reason", "--reason" },
		{ "cell_missing", "--cell" },
	};
	char *text = hoso_requirement_text(q), *out = NULL;
	for (size_t i = 0; text != NULL && i < sizeof map / sizeof map[0];
	    i++)
		if (q->code != NULL && strcmp(q->code, map[i][0]) == 0) {
			if (asprintf(&out, "%s (%s)", text, map[i][1]) < 0)
				out = NULL;
			free(text);
			return out;
		}
	return text;
}

/* The option a user typed for a protocol field, so an error points at what
 * they wrote ("--id-number"); NULL where the message says it all.  The
 * command's own options come first (the same field may be a different
 * option elsewhere), then the common names.  A nested field
 * ("relative.name") is looked up by its last part too. */
static const char *
cli_field_option(const struct cli_cmd *cmd, const char *field, char *buf,
    size_t size)
{
	static const char *map[][2] = {
		{ "name", "--name" }, { "born", "--born" },
		{ "gender", "--gender" }, { "id_number", "--id-number" },
		{ "cell_id", "--cell" }, { "residence_id", "--residence" },
		{ "parent_id", "--parent" }, { "introduced_by", "--introduced-by" },
		{ "education", "--education" }, { "ethnicity", "--ethnicity" },
		{ "religion", "--religion" }, { "workplace", "--workplace" },
		{ "phone", "--phone" }, { "notes", "--notes" },
		{ "code", "--code" }, { "kind", "--kind" },
		{ "membership", "--member" }, { "member_since", "--member-since" },
		{ "stage_since", "--identified" },
		{ "decides_admission", "--decides-admission" },
		{ "term_end", "--term" }, { "check_id", "CHECKID" },
		{ "expected_version", "--expect-version" },
		{ "cursor", "--cursor" }, { "limit", "--limit" },
		{ "id", NULL }, { "text", NULL }, { "fields", NULL },
		{ "date", NULL }, { "year", NULL }, { "from", NULL }, { "to", NULL },
		{ "n", NULL },
		{ "protocol_major", NULL }, { "person_id", NULL },
		{ "ward_id", "--ward" }, { "outside", "--outside" },
		{ "subject", "--subject" }, { "file_check_id", "--item" },
		{ "at", "--at" }, { "by", "--by" }, { "result", "--result" },
		{ "new_due", "--to" }, { "reason", "--reason" },
		{ "as_of", "--as-of" }, { "org_ids", "--ward" },
		{ "alert_id", NULL },
		{ "login", NULL }, { "password", NULL }, { "old_password", NULL },
		{ "token", NULL }, { "record_id", "--record" },
		{ "record_kind", "--kind" },
	};
	/* The record a command's positional ID names: the message says it. */
	static const char *positional[][2] = {
		{ "check", "check_id" }, { "alerts", "alert_id" },
	};
	const char *dot = strrchr(field, '.');
	for (int pass = 0; pass < 2; pass++) {
		const char *f = pass == 0 ? field : dot ? dot + 1 : NULL;
		if (f == NULL)
			break;
		for (const struct cli_opt *o = cmd ? cmd->opts : NULL;
		    o != NULL && o->name != NULL; o++)
			if (o->field != NULL && cli_opt_applies(cmd, o) &&
			    strcmp(o->field, f) == 0) {
				snprintf(buf, size, "--%s", o->name);
				return buf;
			}
		for (size_t i = 0; cmd != NULL &&
		    i < sizeof positional / sizeof positional[0]; i++)
			if (strcmp(positional[i][0], cmd->noun) == 0 &&
			    strcmp(positional[i][1], f) == 0)
				return NULL;
		for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
			if (strcmp(map[i][0], f) == 0)
				return map[i][1];
	}
	return field;
}

void
cli_server_error(struct cli *cli, const Hoso__Response *r)
{
	if (r->status == HOSO__STATUS__UNAUTHENTICATED &&
	    !(cli->cmd != NULL && (cli->cmd->flags & CLI_CMD_OWN_AUTH))) {
		cli_not_logged_in();
		return;
	}
	char *text = hoso_response_text(r);
	char *msg = cli_clean(text ? text : hoso_status_text(r->status),
	    false);
	char *field = cli_clean(r->field ? r->field : "", false);
	char buf[64];
	const char *opt = field && *field ?
	    cli_field_option(cli->cmd, field, buf, sizeof buf) : NULL;
	if (msg == NULL || field == NULL)
		cli_error("%s", hoso_strerror(HOSO_E_NOMEM));
	else if (opt != NULL)
		cli_error("%s: %s", opt, msg);
	else
		cli_error("%s", msg);
	free(text);
	free(msg);
	free(field);
	for (size_t i = 0; i < r->n_unmet; i++) {
		char *q = cli_requirement_text(r->unmet[i]);
		char *clean = q ? cli_clean(q, false) : NULL;
		fprintf(stderr, "  - %s\n", clean ? clean :
		    hoso_strerror(HOSO_E_NOMEM));
		free(clean);
		free(q);
	}
}

int
cli_call(struct cli *cli, Hoso__Request *req, Hoso__Response **resp,
    Hoso__Response__BodyCase want)
{
	*resp = NULL;
	int rc = cli_connect(cli);
	if (rc != 0)
		return rc;
	char *err = NULL;
	rc = hoso_call(cli->conn, req, resp, &err);
	if (rc < 0) {
		char *clean = cli_clean(err ? err : hoso_strerror(rc), false);
		cli_error("%s", clean ? clean : hoso_strerror(HOSO_E_NOMEM));
		free(clean);
		free(err);
		return CLI_EXIT_UNREACHABLE;
	}
	if ((*resp)->status != HOSO__STATUS__OK) {
		cli_server_error(cli, *resp);
		rc = CLI_EXIT_REFUSED;
	} else if (want != HOSO__RESPONSE__BODY__NOT_SET &&
	    (*resp)->body_case != want) {
		cli_error("%s", _("the server sent an answer this program does "
		    "not understand"));
		rc = CLI_EXIT_UNREACHABLE;
	}
	if (rc != 0) {
		hoso_response_free(*resp);
		*resp = NULL;
	}
	return rc;
}

int
cli_print_json(struct json *j)
{
	char *doc = json_finish(j);
	if (doc == NULL) {
		cli_error("%s", hoso_strerror(HOSO_E_NOMEM));
		return CLI_EXIT_UNREACHABLE;
	}
	fputs(doc, stdout);
	free(doc);
	return CLI_EXIT_OK;
}

/* Whether code point c may not reach a terminal: C0 and C1 controls, DEL,
 * and line/paragraph separators. */
static bool
cli_is_control(utf8proc_int32_t c)
{
	return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 ||
	    c == 0x2029;
}

char *
cli_clean(const char *s, bool keep_newlines)
{
	size_t len = strlen(s);
	char *out = malloc(len + 1), *o = out;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	if (out == NULL)
		return NULL;
	while (*p != '\0') {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
		if (n <= 0) {
			*o++ = '?';
			p++;
		} else if (c == '\n' && keep_newlines) {
			*o++ = '\n';
			p++;
		} else if (c == '\t') {
			*o++ = ' ';
			p++;
		} else if (cli_is_control(c)) {
			*o++ = '?';
			p += n;
		} else {
			memcpy(o, p, (size_t)n);
			o += n;
			p += n;
		}
	}
	*o = '\0';
	return out;
}

void
cli_pad(FILE *f, const char *s, size_t width)
{
	size_t w = text_width(s);
	fputs(s, f);
	for (; w < width; w++)
		fputc(' ', f);
}

const char *
cli_label(const struct hoso_enum_word *tab, int value)
{
	if (value == 0)
		return "";
	const char *label = hoso_enum_label(tab, value);
	return label != NULL ? _(label) : "?";
}

const char *
cli_format_date(const char *iso, char out[11])
{
	int32_t days;
	if (date_parse_iso(iso, &days) != DATE_OK)
		return iso;
	date_format_vn(days, out);
	return out;
}

const char *
cli_format_instant(int64_t t, char out[17])
{
	if (t == 0)
		return "";
	date_format_instant_vn(t, out);
	return out;
}

char *
cli_org_ref(struct cli *cli, uint64_t id)
{
	char *s = NULL;
	if (id == 0)
		return strdup("");
	if (cli_connect(cli) == 0) {
		Hoso__OrgGet get = HOSO__ORG_GET__INIT;
		Hoso__Request req = HOSO__REQUEST__INIT;
		Hoso__Response *resp = NULL;
		get.id = id;
		req.body_case = HOSO__REQUEST__BODY_ORG_GET;
		req.org_get = &get;
		/* A name is a nicety: any failure just leaves the number. */
		if (hoso_call(cli->conn, &req, &resp, NULL) == 0 &&
		    resp->status == HOSO__STATUS__OK &&
		    resp->body_case == HOSO__RESPONSE__BODY_ORG &&
		    asprintf(&s, "%llu (%s)", (unsigned long long)id,
		    resp->org->name) < 0)
			s = NULL;
		hoso_response_free(resp);
	}
	if (s == NULL && asprintf(&s, "%llu", (unsigned long long)id) < 0)
		s = NULL;
	return s;
}

char *
cli_person_ref(struct cli *cli, uint64_t id)
{
	char *s = NULL;
	if (id == 0)
		return strdup("");
	if (cli_connect(cli) == 0) {
		Hoso__PersonGet get = HOSO__PERSON_GET__INIT;
		Hoso__Request req = HOSO__REQUEST__INIT;
		Hoso__Response *resp = NULL;
		get.id = id;
		req.body_case = HOSO__REQUEST__BODY_PERSON_GET;
		req.person_get = &get;
		/* As for units: a name is a nicety. */
		if (hoso_call(cli->conn, &req, &resp, NULL) == 0 &&
		    resp->status == HOSO__STATUS__OK &&
		    resp->body_case == HOSO__RESPONSE__BODY_PERSON &&
		    asprintf(&s, "%llu (%s)", (unsigned long long)id,
		    resp->person->name) < 0)
			s = NULL;
		hoso_response_free(resp);
	}
	if (s == NULL && asprintf(&s, "%llu", (unsigned long long)id) < 0)
		s = NULL;
	return s;
}

const char *
cli_days_left(const char *iso, char *buf, size_t size)
{
	int32_t day;
	buf[0] = '\0';
	if (iso == NULL || date_parse_iso(iso, &day) != DATE_OK)
		return buf;
	long left = (long)day - (long)date_today_vn();
	/* No ngettext: the catalogue is made with -k_ -kN_ only. */
	if (left == 0)
		snprintf(buf, size, " (%s)", _("due today"));
	else if (left == 1)
		snprintf(buf, size, " (%s)", _("due tomorrow"));
	else if (left > 1)
		snprintf(buf, size, _(" (in %ld days)"), left);
	else if (left == -1)
		snprintf(buf, size, " (%s)", _("1 day late"));
	else
		snprintf(buf, size, _(" (%ld days late)"), -left);
	return buf;
}

bool
cli_bold_ok(void)
{
	const char *term = getenv("TERM");
	const char *no_color = getenv("NO_COLOR");
	return isatty(STDOUT_FILENO) && term != NULL && *term != '\0' &&
	    strcmp(term, "dumb") != 0 && (no_color == NULL || *no_color == '\0');
}

void
cli_more(const char *cursor)
{
	if (cursor == NULL || *cursor == '\0')
		return;
	char *clean = cli_clean(cursor, false);
	if (clean != NULL)
		printf(_("There are more: repeat the command with --cursor "
		    "%s\n"), clean);
	free(clean);
}

void
cli_block_add(struct cli_block *b, const char *label, const char *fmt, ...)
{
	if (b->n == sizeof b->label / sizeof b->label[0])
		return;
	va_list ap;
	char *v;
	va_start(ap, fmt);
	int rc = vasprintf(&v, fmt, ap);
	va_end(ap);
	b->label[b->n] = label;
	b->value[b->n++] = rc < 0 ? NULL : v;
}

void
cli_block_print(struct cli_block *b)
{
	size_t width = 0;
	for (size_t i = 0; i < b->n; i++)
		if (text_width(b->label[i]) + 1 > width)
			width = text_width(b->label[i]) + 1;
	for (size_t i = 0; i < b->n; i++) {
		char *v = cli_clean(b->value[i] ? b->value[i] : "", true);
		char label[256];
		snprintf(label, sizeof label, "%s:", b->label[i]);
		if (v == NULL || *v == '\0') {
			printf("%s\n", label);
			free(v);
			free(b->value[i]);
			continue;
		}
		cli_pad(stdout, label, width + 1);
		/* Continuation lines of notes line up with the first. */
		for (char *line = v, *nl; line != NULL; line = nl) {
			nl = strchr(line, '\n');
			if (nl != NULL)
				*nl++ = '\0';
			if (line != v)
				printf("%*s", (int)width + 1, "");
			printf("%s\n", line);
		}
		free(v);
		free(b->value[i]);
	}
	b->n = 0;
}

void
cli_table_init(struct cli_table *t, size_t ncols, const char *const *headers)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	for (size_t i = 0; i < ncols; i++)
		cli_table_add(t, "%s", headers[i]);
}

void
cli_table_add(struct cli_table *t, const char *fmt, ...)
{
	if (t->ncells == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 64;
		char **nc = realloc(t->cells, ncap * sizeof *nc);
		if (nc == NULL)
			return;
		t->cells = nc;
		t->cap = ncap;
	}
	va_list ap;
	char *raw;
	va_start(ap, fmt);
	int rc = vasprintf(&raw, fmt, ap);
	va_end(ap);
	t->cells[t->ncells++] = rc < 0 ? NULL : cli_clean(raw, false);
	if (rc >= 0)
		free(raw);
}

void
cli_table_free(struct cli_table *t)
{
	for (size_t i = 0; i < t->ncells; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof *t);
}

void
cli_table_print(struct cli_table *t)
{
	size_t width[16] = { 0 };
	size_t ncols = t->ncols < 16 ? t->ncols : 16;
	for (size_t i = 0; i < t->ncells; i++) {
		size_t col = i % t->ncols;
		const char *c = t->cells[i] ? t->cells[i] : "";
		if (col < ncols && text_width(c) > width[col])
			width[col] = text_width(c);
	}
	/* Padding is written only before a non-empty cell, so lines never
	 * end in blanks. */
	size_t pending = 0;
	for (size_t i = 0; i < t->ncells; i++) {
		size_t col = i % t->ncols;
		const char *c = t->cells[i] ? t->cells[i] : "";
		if (*c != '\0') {
			printf("%*s%s", (int)pending, "", c);
			pending = 0;
		}
		if (col + 1 == t->ncols || i + 1 == t->ncells) {
			putchar('\n');
			pending = 0;
		} else {
			size_t w = col < ncols ? width[col] : 0;
			pending += w + 2 - text_width(c);
		}
		free(t->cells[i]);
	}
	free(t->cells);
	memset(t, 0, sizeof *t);
}
