/* cmd-alert.c: hoso alerts [ack ID] and hoso watch, the deadline alerts
 * the server raises (a background-check leg or a file's deadline due soon
 * or overdue).  alerts lists them, newest first; watch subscribes and
 * prints each new one as it arrives, until it is stopped or the connection
 * is lost (exit 3). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "i18n.h"

/* How long watch waits in silence before it pings the server, which
 * closes connections that say nothing for its idle timeout (600 s by
 * default). */
#define WATCH_PING_MS 30000

const struct cli_opt cmd_alerts_opts[] = {
	{ "ward", N_("ORG_ID"), N_("only the alerts for this unit, or "
	    "escalated to it"), 0, "org_id" },
	{ "unacked", NULL, N_("only the alerts nobody has acknowledged"), 0,
	    "unacked" },
	{ "limit", N_("N"), N_("at most N results (default 50)"), 0,
	    "limit" },
	{ "cursor", N_("C"), N_("continue a previous list where it "
	    "stopped"), 0, "cursor" },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_alert_ack_opts[] = {
	{ "by", N_("NAME"), N_("who read it"), 0, "by" },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_watch_opts[] = {
	{ "ward", N_("ORG_ID"), N_("only the alerts of this unit (a ward "
	    "gets its cells' too); repeat for several (default: every "
	    "alert)"), CLI_MULTI, "org_ids" },
	{ NULL, NULL, NULL, 0, NULL },
};

/* Who acknowledged an alert and when, "" while nobody has; malloc'd. */
static char *
alert_acked(const Hoso__Alert *a)
{
	char when[17], *s = NULL;
	if (a->acked_at == 0)
		return strdup("");
	cli_format_instant(a->acked_at, when);
	int n = a->acked_by[0] != '\0' ?
	    asprintf(&s, _("%s by %s"), when, a->acked_by) :
	    asprintf(&s, "%s", when);
	return n < 0 ? NULL : s;
}

static void
alert_print_page(const Hoso__AlertPage *page)
{
	if (page->n_items == 0) {
		printf("%s\n", _("No alerts."));
		return;
	}
	const char *headers[] = { _("ID"), _("Raised"), _("Kind"), _("Due"),
	    _("Acknowledged"), _("Message") };
	struct cli_table t;
	char when[17], day[11];
	cli_table_init(&t, 6, headers);
	for (size_t i = 0; i < page->n_items; i++) {
		const Hoso__Alert *a = page->items[i];
		char *acked = alert_acked(a), *text = check_alert_text(a);
		cli_table_add(&t, "%llu", (unsigned long long)a->id);
		cli_table_add(&t, "%s", cli_format_instant(a->raised_at, when));
		cli_table_add(&t, "%s", check_alert_kind_label(a->kind));
		cli_table_add(&t, "%s", a->due[0] ? cli_format_date(a->due,
		    day) : "");
		cli_table_add(&t, "%s", acked ? acked : "");
		cli_table_add(&t, "%s", text ? text : "");
		free(acked);
		free(text);
	}
	cli_table_print(&t);
	cli_more(page->next_cursor);
}

/* One alert as a label block. */
static void
alert_print(struct cli *cli, const Hoso__Alert *a)
{
	struct cli_block b = { 0 };
	char when[17], day[11];
	char *unit = cli_org_ref(cli, a->org_id), *acked = alert_acked(a);
	char *text = check_alert_text(a);
	cli_block_add(&b, _("Alert (ID)"), "%llu", (unsigned long long)a->id);
	cli_block_add(&b, _("Raised"), "%s", cli_format_instant(a->raised_at,
	    when));
	cli_block_add(&b, _("Kind"), "%s", check_alert_kind_label(a->kind));
	cli_block_add(&b, _("Message"), "%s", text ? text : "");
	if (a->due[0] != '\0')
		cli_block_add(&b, _("Due"), "%s", cli_format_date(a->due, day));
	cli_block_add(&b, _("For"), "%s", unit ? unit : "");
	if (a->escalated_to != 0)
		cli_block_add(&b, _("Escalated to"), "%llu",
		    (unsigned long long)a->escalated_to);
	if (strcmp(a->record_kind, "check") == 0)
		cli_block_add(&b, _("Check"), "%llu",
		    (unsigned long long)a->record_id);
	if (a->person_id != 0)
		cli_block_add(&b, _("Candidate"), "%llu",
		    (unsigned long long)a->person_id);
	cli_block_add(&b, _("Acknowledged"), "%s", acked ? acked : "");
	cli_block_print(&b);
	free(unit);
	free(acked);
	free(text);
}

int
cmd_alerts(struct cli *cli, const struct cli_args *args)
{
	Hoso__AlertList al = HOSO__ALERT_LIST__INIT;
	const char *v;
	int rc;

	if (args->npos > 0)
		return cli_usage_error(args->cmd, _("unexpected argument '%s' "
		    "(to acknowledge an alert: hoso alerts ack ID)"),
		    args->pos[0]);
	if ((v = cli_arg(args, "ward")) != NULL &&
	    (rc = cli_parse_id(args->cmd, "--ward", v, false,
	    &al.org_id)) != 0)
		return rc;
	if ((v = cli_arg(args, "limit")) != NULL &&
	    (rc = cli_parse_limit(args->cmd, v, &al.limit)) != 0)
		return rc;
	if ((v = cli_arg(args, "cursor")) != NULL)
		al.cursor = (char *)v;
	al.unacked = cli_arg(args, "unacked") != NULL;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_ALERT_LIST;
	req.alert_list = &al;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_ALERT_PAGE);
	if (rc != 0)
		return rc;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_alert_page(&j, resp->alert_page);
		rc = cli_print_json(&j);
	} else {
		alert_print_page(resp->alert_page);
	}
	hoso_response_free(resp);
	return rc;
}

int
cmd_alert_ack(struct cli *cli, const struct cli_args *args)
{
	Hoso__AlertAck ack = HOSO__ALERT_ACK__INIT;
	const char *by = cli_arg(args, "by");
	int rc;

	if ((rc = cli_one_id(args, &ack.alert_id)) != 0)
		return rc;
	if (by != NULL)
		ack.by = (char *)by;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_ALERT_ACK;
	req.alert_ack = &ack;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_ALERT);
	if (rc != 0)
		return rc;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_alert(&j, resp->alert);
		rc = cli_print_json(&j);
	} else {
		printf("%s\n", _("The alert is acknowledged."));
		alert_print(cli, resp->alert);
	}
	hoso_response_free(resp);
	return rc;
}

/* One Event as one line: JSON, or when, kind and message. */
static void
watch_print(struct cli *cli, const Hoso__Event *ev)
{
	Hoso__Alert from_event = HOSO__ALERT__INIT;
	const Hoso__Alert *a = ev->alert;
	if (a == NULL) {
		/* An Event without an Alert (an older kind of notice). */
		from_event.id = ev->seq;
		from_event.raised_at = ev->time;
		from_event.kind = ev->kind;
		from_event.record_id = ev->record_id;
		from_event.message = ev->text;
		a = &from_event;
	}
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_alert(&j, a);
		cli_print_json(&j);
		return;
	}
	char when[17], *text = check_alert_text(a);
	char *line = NULL;
	if (asprintf(&line, _("%s %s: %s (alert %llu)"),
	    cli_format_instant(a->raised_at, when),
	    check_alert_kind_label(a->kind), text ? text : "",
	    (unsigned long long)a->id) >= 0) {
		char *clean = cli_clean(line, false);
		printf("%s\n", clean ? clean : "");
		free(clean);
	}
	free(line);
	free(text);
}

/* A Ping to keep a silent connection open; events that arrive meanwhile
 * are queued by the library. */
static int
watch_ping(struct cli *cli)
{
	Hoso__Ping ping = HOSO__PING__INIT;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp = NULL;
	char *err = NULL;
	req.body_case = HOSO__REQUEST__BODY_PING;
	req.ping = &ping;
	int rc = hoso_call(cli->conn, &req, &resp, &err);
	if (rc < 0) {
		char *clean = cli_clean(err ? err : hoso_strerror(rc), false);
		cli_error("%s", clean ? clean : hoso_strerror(HOSO_E_NOMEM));
		free(clean);
	}
	free(err);
	hoso_response_free(resp);
	return rc < 0 ? CLI_EXIT_UNREACHABLE : 0;
}

int
cmd_watch(struct cli *cli, const struct cli_args *args)
{
	Hoso__Subscribe sub = HOSO__SUBSCRIBE__INIT;
	const char *wards[CLI_MAX_MULTI];
	uint64_t ids[CLI_MAX_MULTI];
	int rc;

	if ((rc = cli_no_positional(args)) != 0)
		return rc;
	size_t n = cli_arg_all(args, "ward", wards, CLI_MAX_MULTI);
	for (size_t i = 0; i < n; i++)
		if ((rc = cli_parse_id(args->cmd, "--ward", wards[i], false,
		    &ids[i])) != 0)
			return rc;
	sub.org_ids = ids;
	sub.n_org_ids = n;
	sub.all = n == 0;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_SUBSCRIBE;
	req.subscribe = &sub;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY__NOT_SET);
	if (rc != 0)
		return rc;
	hoso_response_free(resp);
	/* On stderr: stdout holds the alerts alone (one JSON object a line
	 * with --json), and a script may wait for this line to know the
	 * subscription is in place. */
	fprintf(stderr, "%s\n", n == 0 ? _("Waiting for alerts (all units); "
	    "stop with Ctrl-C.") : _("Waiting for alerts; stop with "
	    "Ctrl-C."));
	for (;;) {
		Hoso__Event *ev = NULL;
		char *err = NULL;
		rc = hoso_wait_event(cli->conn, WATCH_PING_MS, &ev, &err);
		if (rc == HOSO_E_TIMEOUT) {
			free(err);
			if ((rc = watch_ping(cli)) != 0)
				return rc;
			continue;
		}
		if (rc < 0) {
			char *clean = cli_clean(err ? err : hoso_strerror(rc),
			    false);
			cli_error("%s", clean ? clean :
			    hoso_strerror(HOSO_E_NOMEM));
			free(clean);
			free(err);
			return CLI_EXIT_UNREACHABLE;
		}
		watch_print(cli, ev);
		hoso__event__free_unpacked(ev, NULL);
		if (fflush(stdout) != 0)
			return CLI_EXIT_OK;     /* main reports the failure */
	}
}
