/* cmd-report.c: hoso report checks, the turnaround of background checks
 * per ward over the checks opened in a period: for each leg how many
 * finished, the median and 90th percentile in working days, how many were
 * early, on the day, late with a new date, late; the late legs one by one;
 * and how many are overdue now. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "i18n.h"

const struct cli_opt cmd_report_checks_opts[] = {
	{ "from", N_("DATE"), N_("the first day the checks were opened"),
	    CLI_REQ, "from" },
	{ "to", N_("DATE"), N_("the last day the checks were opened"),
	    CLI_REQ, "to" },
	{ "ward", N_("ORG_ID"), N_("only this ward"), 0, "ward_id" },
	{ "as-of", N_("DATE"), N_("what is overdue as on this day (default "
	    "today)"), 0, "as_of" },
	{ NULL, NULL, NULL, 0, NULL },
};

/* A number of working days: "2", "2.5"; into buf. */
static const char *
report_days(double v, char *buf, size_t size)
{
	long long tenths = (long long)(v * 10.0 + (v < 0 ? -0.5 : 0.5));
	if (tenths % 10 == 0)
		snprintf(buf, size, "%lld", tenths / 10);
	else
		snprintf(buf, size, "%.1f", (double)tenths / 10.0);
	return buf;
}

/* The late legs of one ward, a line each. */
static void
report_print_late(const Hoso__WardTurnaround *w)
{
	char due[11], ended[11];
	if (w->n_late == 0)
		return;
	printf("%s\n", _("Late:"));
	for (size_t i = 0; i < w->n_late; i++) {
		const Hoso__LateLeg *l = w->late[i];
		char *line = NULL, *tail = NULL;
		cli_format_date(l->due_original, due);
		if (l->ended[0] != '\0')
			cli_format_date(l->ended, ended);
		if (asprintf(&tail, "%s%s%s%s", l->held_by[0] ? _(", held by ") :
		    "", l->held_by, l->extended ? ", " : "", l->extended ?
		    _("with a new date") : "") < 0)
			continue;
		int n = l->ended[0] != '\0' ?
		    asprintf(&line, _("check %llu, %s: due %s, ended %s, "
		    "working days late: %u%s"), (unsigned long long)l->check_id,
		    check_leg_label(l->kind), due, ended,
		    (unsigned)l->workdays_late, tail) :
		    asprintf(&line, _("check %llu, %s: due %s, still running, "
		    "working days late: %u%s"), (unsigned long long)l->check_id,
		    check_leg_label(l->kind), due, (unsigned)l->workdays_late,
		    tail);
		free(tail);
		if (n < 0)
			continue;
		char *clean = cli_clean(line, false);
		printf("  %s\n", clean ? clean : "");
		free(clean);
		free(line);
	}
}

static void
report_print_ward(const Hoso__WardTurnaround *w)
{
	char *name = cli_clean(w->ward_name, false);
	if (w->ward_id != 0)
		printf(_("%s (%llu): checks opened %u, overdue now %u\n"),
		    name ? name : "", (unsigned long long)w->ward_id,
		    (unsigned)w->checks, (unsigned)w->overdue_now);
	else
		printf(_("Outside the district: checks sent %u, overdue now "
		    "%u\n"), (unsigned)w->checks, (unsigned)w->overdue_now);
	free(name);
	if (w->n_legs > 0) {
		const char *headers[] = { _("Leg"), _("Finished"),
		    _("Median"), _("90%"), _("Early"), _("On the day"),
		    _("Late, new date"), _("Late") };
		struct cli_table t;
		char a[32], b[32];
		cli_table_init(&t, 8, headers);
		for (size_t i = 0; i < w->n_legs; i++) {
			const Hoso__LegStats *s = w->legs[i];
			cli_table_add(&t, "%s", check_leg_label(s->kind));
			cli_table_add(&t, "%u", (unsigned)s->finished);
			cli_table_add(&t, "%s", report_days(s->median_workdays, a,
			    sizeof a));
			cli_table_add(&t, "%s", report_days(s->p90_workdays, b,
			    sizeof b));
			cli_table_add(&t, "%u", (unsigned)s->early);
			cli_table_add(&t, "%u", (unsigned)s->on_time);
			cli_table_add(&t, "%u", (unsigned)s->late_new_date);
			cli_table_add(&t, "%u", (unsigned)s->late);
		}
		cli_table_print(&t);
	}
	report_print_late(w);
}

static void
report_print(const Hoso__CheckReportReply *r)
{
	char from[11], to[11];
	printf(_("Background checks opened from %s to %s (working days):\n"),
	    cli_format_date(r->from, from), cli_format_date(r->to, to));
	if (r->n_wards == 0) {
		printf("%s\n", _("No checks were opened in that period."));
		return;
	}
	for (size_t i = 0; i < r->n_wards; i++) {
		putchar('\n');
		report_print_ward(r->wards[i]);
	}
}

int
cmd_report_checks(struct cli *cli, const struct cli_args *args)
{
	Hoso__CheckReport cr = HOSO__CHECK_REPORT__INIT;
	char from[11], to[11], as_of[11];
	const char *v;
	int rc;

	if ((rc = cli_no_positional(args)) != 0 ||
	    (rc = cli_parse_date(args->cmd, "--from", cli_arg(args, "from"),
	    from)) != 0 ||
	    (rc = cli_parse_date(args->cmd, "--to", cli_arg(args, "to"),
	    to)) != 0)
		return rc;
	cr.from = from;
	cr.to = to;
	if ((v = cli_arg(args, "ward")) != NULL &&
	    (rc = cli_parse_id(args->cmd, "--ward", v, false,
	    &cr.ward_id)) != 0)
		return rc;
	if ((v = cli_arg(args, "as-of")) != NULL) {
		if ((rc = cli_parse_date(args->cmd, "--as-of", v, as_of)) != 0)
			return rc;
		cr.as_of = as_of;
	}
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_CHECK_REPORT;
	req.check_report = &cr;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_CHECK_REPORT);
	if (rc != 0)
		return rc;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_check_report(&j, resp->check_report);
		rc = cli_print_json(&j);
	} else {
		report_print(resp->check_report);
	}
	hoso_response_free(resp);
	return rc;
}
