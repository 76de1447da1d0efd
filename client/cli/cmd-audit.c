/* cmd-audit.c: hoso audit list and hoso audit verify (protocol 1.4).
 * The server logs every write, every read of a file or check, every login
 * and every refusal in a hash chain: each entry's hash covers the entry
 * and the hash before it, so an entry changed, removed or slipped in
 * afterwards breaks the chain.  verify reads the whole log and recomputes
 * the chain here, with the same code the server appends with. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"

#define AUDIT_PAGE 1000         /* entries asked for at a time */
#define AUDIT_LIMIT_MAX 1000000000u

const struct cli_opt cmd_audit_list_opts[] = {
	{ "user", N_("LOGIN"), N_("only what this account did"), 0, "user" },
	{ "record", N_("ID"), N_("only the entries about this record (of the "
	    "kind --kind says)"), 0, "record_id" },
	{ "kind", N_("KIND"), N_("the kind of record: person, check, alert, "
	    "user, org ..."), 0, "record_kind" },
	{ "from", N_("DATE"), N_("from this day on (Vietnam's time)"), 0,
	    "from" },
	{ "to", N_("DATE"), N_("up to and including this day"), 0, "to" },
	{ "limit", N_("N"), N_("at most N entries (default: all that "
	    "match)"), 0, "limit" },
	{ "cursor", N_("C"), N_("continue a previous list where it "
	    "stopped"), 0, "cursor" },
	{ NULL, NULL, NULL, 0, NULL },
};

/* One AuditList request for a page of at most limit entries. */
static int
audit_page(struct cli *cli, Hoso__AuditList *al, uint32_t limit,
    Hoso__Response **resp)
{
	Hoso__Request req = HOSO__REQUEST__INIT;
	al->limit = limit;
	req.body_case = HOSO__REQUEST__BODY_AUDIT_LIST;
	req.audit_list = al;
	return cli_call(cli, &req, resp, HOSO__RESPONSE__BODY_AUDIT_PAGE);
}

/* One entry as a table row. */
static void
audit_row(struct cli_table *t, const Hoso__AuditEntry *e)
{
	char when[17];
	const char *role = hoso_enum_word(hoso_role_words, e->role);
	cli_table_add(t, "%llu", (unsigned long long)e->seq);
	cli_table_add(t, "%s", cli_format_instant(e->time, when));
	cli_table_add(t, "%s", e->user);
	cli_table_add(t, "%s", role ? role : "");
	cli_table_add(t, "%s", e->peer);
	cli_table_add(t, "%s", e->request);
	if (e->record_id != 0)
		cli_table_add(t, "%s%s%llu", e->record_kind,
		    e->record_kind[0] ? " " : "",
		    (unsigned long long)e->record_id);
	else
		cli_table_add(t, "%s", e->record_kind);
	cli_table_add(t, "%s", hoso_status_name(e->outcome));
}

/* The filters of audit list into al.  Returns 0 or an exit status. */
static int
audit_filters(const struct cli_args *args, Hoso__AuditList *al,
    char from[11], char to[11], uint32_t *limit)
{
	const char *v;
	int rc = cli_no_positional(args);
	if (rc != 0)
		return rc;
	if ((v = cli_arg(args, "user")) != NULL)
		al->user = (char *)v;
	if ((v = cli_arg(args, "kind")) != NULL)
		al->record_kind = (char *)v;
	if ((v = cli_arg(args, "cursor")) != NULL)
		al->cursor = (char *)v;
	if ((v = cli_arg(args, "record")) != NULL &&
	    (rc = cli_parse_id(args->cmd, "--record", v, false,
	    &al->record_id)) != 0)
		return rc;
	if ((v = cli_arg(args, "from")) != NULL) {
		if ((rc = cli_parse_date(args->cmd, "--from", v, from)) != 0)
			return rc;
		al->from = from;
	}
	if ((v = cli_arg(args, "to")) != NULL) {
		if ((rc = cli_parse_date(args->cmd, "--to", v, to)) != 0)
			return rc;
		al->to = to;
	}
	*limit = 0;
	if ((v = cli_arg(args, "limit")) != NULL) {
		if ((rc = cli_parse_count(args->cmd, "--limit", v,
		    AUDIT_LIMIT_MAX, limit)) != 0)
			return rc;
		if (*limit == 0)
			return cli_usage_error(args->cmd, "%s", _("--limit: "
			    "expected a number from 1 up"));
	}
	return 0;
}

int
cmd_audit_list(struct cli *cli, const struct cli_args *args)
{
	Hoso__AuditList al = HOSO__AUDIT_LIST__INIT;
	char from[11], to[11], *cursor = NULL;
	uint32_t limit, shown = 0;
	uint64_t last_seq = 0;
	int rc = audit_filters(args, &al, from, to, &limit);
	if (rc != 0)
		return rc;
	const char *headers[] = { "#", _("Time"), _("User"), _("Role"),
	    _("From"), _("Request"), _("Record"), _("Outcome") };
	struct cli_table t;
	struct json j;
	if (cli->json) {
		json_init(&j);
		json_begin_object(&j);
		json_key(&j, "items");
		json_begin_array(&j);
	} else {
		cli_table_init(&t, 8, headers);
	}
	/* Page after page until the end or --limit: the cursor of the last
	 * page read is where a later command can go on. */
	for (;;) {
		Hoso__Response *resp;
		uint32_t want = AUDIT_PAGE;
		if (limit != 0 && limit - shown < want)
			want = limit - shown;
		if ((rc = audit_page(cli, &al, want, &resp)) != 0)
			break;
		const Hoso__AuditPage *p = resp->audit_page;
		for (size_t i = 0; i < p->n_items && (limit == 0 ||
		    shown < limit); i++, shown++) {
			if (cli->json)
				json_audit_entry(&j, p->items[i]);
			else
				audit_row(&t, p->items[i]);
		}
		last_seq = p->last_seq;
		free(cursor);
		cursor = p->next_cursor[0] != '\0' ? strdup(p->next_cursor) :
		    NULL;
		bool nomem = p->next_cursor[0] != '\0' && cursor == NULL;
		hoso_response_free(resp);
		if (nomem) {
			cli_error("%s", hoso_strerror(HOSO_E_NOMEM));
			rc = CLI_EXIT_UNREACHABLE;
		}
		if (cursor == NULL || (limit != 0 && shown >= limit))
			break;
		al.cursor = cursor;
	}
	if (rc != 0) {
		if (cli->json)
			json_free(&j);
		else
			cli_table_free(&t);
	} else if (cli->json) {
		json_end_array(&j);
		json_key(&j, "next");
		json_string(&j, cursor);
		json_key(&j, "last_seq");
		json_uint(&j, last_seq);
		json_end_object(&j);
		rc = cli_print_json(&j);
	} else if (shown == 0) {
		cli_table_print(&t);
		printf("%s\n", _("No entries."));
	} else {
		cli_table_print(&t);
		cli_more(cursor);
	}
	free(cursor);
	return rc;
}

/* The verdict of a walk, as text or JSON. */
static int
audit_report(struct cli *cli, const struct hoso_audit_walk *w)
{
	static const char *reasons[] = { "intact", "bad-prev", "bad-hash",
	    "bad-seq" };
	char hex[65];
	for (size_t i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", w->hash[i]);
	char *why = hoso_audit_walk_text(w);
	int rc = w->broken == HOSO_AUDIT_INTACT ? CLI_EXIT_OK :
	    CLI_EXIT_REFUSED;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_begin_object(&j);
		json_key(&j, "intact");
		json_bool(&j, w->broken == HOSO_AUDIT_INTACT);
		json_key(&j, "entries");
		json_uint(&j, w->count);
		json_key(&j, "newest");
		json_uint(&j, w->seq);
		json_key(&j, "hash");
		json_string(&j, w->count > 0 ? hex : NULL);
		if (w->broken != HOSO_AUDIT_INTACT) {
			json_key(&j, "broken_at");
			json_uint(&j, w->bad_seq);
			json_key(&j, "reason");
			json_string(&j, reasons[w->broken]);
			json_key(&j, "message");
			json_string(&j, why);
		}
		json_end_object(&j);
		if (cli_print_json(&j) != 0)
			rc = CLI_EXIT_UNREACHABLE;
	} else if (w->broken != HOSO_AUDIT_INTACT) {
		printf(_("Audit log broken at entry #%llu: %s\n"),
		    (unsigned long long)w->bad_seq, why ? why : "");
	} else if (w->count == 0) {
		printf("%s\n", _("The audit log is empty."));
	} else {
		hex[16] = '\0';
		printf(_("Audit log intact: %llu entries, newest #%llu, hash "
		    "%s…\n"), (unsigned long long)w->count,
		    (unsigned long long)w->seq, hex);
	}
	free(why);
	return rc;
}

int
cmd_audit_verify(struct cli *cli, const struct cli_args *args)
{
	Hoso__AuditList al = HOSO__AUDIT_LIST__INIT;
	struct hoso_audit_walk w;
	char *cursor = NULL;
	int rc = cli_no_positional(args);
	if (rc != 0)
		return rc;
	hoso_audit_walk_init(&w);
	/* The whole log, without filters, from its first entry: every
	 * entry is checked against the one before it. */
	for (;;) {
		Hoso__Response *resp;
		if ((rc = audit_page(cli, &al, AUDIT_PAGE, &resp)) != 0)
			break;
		const Hoso__AuditPage *p = resp->audit_page;
		bool intact = true;
		for (size_t i = 0; i < p->n_items && intact; i++)
			intact = hoso_audit_walk_next(&w, p->items[i]);
		free(cursor);
		cursor = intact && p->next_cursor[0] != '\0' ?
		    strdup(p->next_cursor) : NULL;
		bool nomem = intact && p->next_cursor[0] != '\0' &&
		    cursor == NULL;
		hoso_response_free(resp);
		if (nomem) {
			cli_error("%s", hoso_strerror(HOSO_E_NOMEM));
			rc = CLI_EXIT_UNREACHABLE;
		}
		if (cursor == NULL)
			break;
		al.cursor = cursor;
	}
	free(cursor);
	return rc != 0 ? rc : audit_report(cli, &w);
}
