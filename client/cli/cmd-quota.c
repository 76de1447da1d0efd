/* cmd-quota.c: hoso quota set|show, admission targets per unit and year or
 * term, and how far each unit has come. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"

const struct cli_opt cmd_quota_set_opts[] = {
	{ "org", N_("ID"), N_("the unit the target is for"), CLI_REQ,
	    "org_id" },
	{ "year", N_("YYYY"), N_("a target for this year"), 0, "year" },
	{ "term", N_("YYYY-YYYY"), N_("or: a target for this term, e.g. "
	    "2025-2030"), 0, "term_start" },
	{ "target", N_("N"), N_("how many new members to admit"), CLI_REQ,
	    "target" },
	{ "course-target", N_("N"), N_("how many candidates to send to the "
	    "awareness course"), 0, "course_target" },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_quota_show_opts[] = {
	{ "org", N_("ID"), N_("the unit; the units below it are shown too"),
	    CLI_REQ, "org_id" },
	{ "year", N_("YYYY"), N_("for this year"), 0, "year" },
	{ "term", N_("YYYY-YYYY"), N_("or: for this term, e.g. 2025-2030"), 0,
	    "term_start" },
	{ NULL, NULL, NULL, 0, NULL },
};

/* Whether s is exactly four ASCII digits. */
static bool
quota_is_year(const char *s)
{
	return strlen(s) == 4 && strspn(s, "0123456789") == 4 && s[0] != '0';
}

/* --year or --term (exactly one) into *year or *start and *end. */
static int
quota_period(const struct cli_args *args, uint32_t *year, uint32_t *start,
    uint32_t *end)
{
	const char *y = cli_arg(args, "year"), *t = cli_arg(args, "term");
	if ((y == NULL) == (t == NULL))
		return cli_usage_error(args->cmd, _("say which period: --year "
		    "or --term, one of them"));
	if (y != NULL) {
		if (!quota_is_year(y))
			return cli_usage_error(args->cmd, _("--year: '%s' is not "
			    "a year; write it as YYYY, e.g. 2026"), y);
		*year = (uint32_t)atoi(y);
		return 0;
	}
	char a[5] = "", b[5] = "";
	if (strlen(t) == 9 && t[4] == '-') {
		memcpy(a, t, 4);
		memcpy(b, t + 5, 4);
	}
	if (!quota_is_year(a) || !quota_is_year(b) || atoi(b) <= atoi(a))
		return cli_usage_error(args->cmd, _("--term: '%s' is not a "
		    "term; write it as YYYY-YYYY, e.g. 2025-2030"), t);
	*start = (uint32_t)atoi(a);
	*end = (uint32_t)atoi(b);
	return 0;
}

/* "40%" or "98.4%" (in the user's way of writing decimals). */
static const char *
quota_pct(double v, char *buf, size_t size)
{
	double r = (double)(long long)(v * 10.0 + 0.5) / 10.0;
	if (r == (double)(long long)r)
		snprintf(buf, size, "%.0f%%", r);
	else
		snprintf(buf, size, "%.1f%%", r);
	return buf;
}

/* " (60%)" for part of whole, or "" when whole is 0. */
static const char *
quota_ratio(uint32_t part, uint32_t whole, char *buf, size_t size)
{
	char pct[24];
	if (whole == 0) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, size, " (%s)", quota_pct(100.0 * part / whole, pct,
	    sizeof pct));
	return buf;
}

/* One unit's report and, indented below, its children's. */
static void
quota_print_report(const Hoso__QuotaReport *r, int indent, bool bold)
{
	static const Hoso__Funnel none = HOSO__FUNNEL__INIT;
	const Hoso__Funnel *f = r->funnel ? r->funnel : &none;
	char *name = cli_clean(r->org_name, false);
	char *period = cli_clean(r->period, false);
	char pct[32], a[48], b[48], c[48];

	printf("%*s", indent, "");
	if (r->target != 0)
		printf(_("%s — %s: %u/%u (%s)\n"), name ? name : "",
		    period ? period : "", (unsigned)r->admitted,
		    (unsigned)r->target, quota_pct(r->percent, pct, sizeof pct));
	else
		printf(_("%s — %s: %u admitted, no target set\n"),
		    name ? name : "", period ? period : "",
		    (unsigned)r->admitted);
	free(name);
	free(period);
	printf("%*s", indent + 2, "");
	printf(_("identified %u → in the course %u%s → passed %u%s → "
	    "admitted %u%s\n"), (unsigned)f->identified,
	    (unsigned)f->in_course, quota_ratio(f->in_course, f->identified, a,
	    sizeof a), (unsigned)f->course_passed,
	    quota_ratio(f->course_passed, f->in_course, b, sizeof b),
	    (unsigned)f->admitted, quota_ratio(f->admitted, f->course_passed, c,
	    sizeof c));
	if (r->course_target != 0) {
		printf("%*s", indent + 2, "");
		printf(_("sent to the course: %u/%u%s\n"),
		    (unsigned)f->in_course, (unsigned)r->course_target,
		    quota_ratio(f->in_course, r->course_target, a, sizeof a));
	}
	printf("%*s%s", indent + 2, "", bold ? "\033[1m" : "");
	if (f->course_passed != 0)
		printf(_("admitted/trained: %u/%u%s"), (unsigned)f->admitted,
		    (unsigned)f->course_passed, quota_ratio(f->admitted,
		    f->course_passed, a, sizeof a));
	else
		printf(_("admitted/trained: %u/%u"), (unsigned)f->admitted, 0u);
	printf("%s\n", bold ? "\033[0m" : "");
	for (size_t i = 0; i < r->n_children; i++)
		quota_print_report(r->children[i], indent + 4, bold);
}

int
cmd_quota_set(struct cli *cli, const struct cli_args *args)
{
	Hoso__QuotaSet qs = HOSO__QUOTA_SET__INIT;
	Hoso__Quota q = HOSO__QUOTA__INIT;
	const char *v;
	int rc;

	if ((rc = cli_no_positional(args)) != 0 ||
	    (rc = cli_parse_id(args->cmd, "--org", cli_arg(args, "org"), false,
	    &q.org_id)) != 0 ||
	    (rc = quota_period(args, &q.year, &q.term_start,
	    &q.term_end)) != 0 ||
	    (rc = cli_parse_count(args->cmd, "--target", cli_arg(args,
	    "target"), 1000000, &q.target)) != 0)
		return rc;
	if ((v = cli_arg(args, "course-target")) != NULL &&
	    (rc = cli_parse_count(args->cmd, "--course-target", v, 1000000,
	    &q.course_target)) != 0)
		return rc;
	qs.quota = &q;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_QUOTA_SET;
	req.quota_set = &qs;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_QUOTA);
	if (rc != 0)
		return rc;
	const Hoso__Quota *got = resp->quota;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_quota(&j, got);
		rc = cli_print_json(&j);
	} else {
		struct cli_block b = { 0 };
		char *unit = cli_org_ref(cli, got->org_id);
		printf("%s\n", _("The target is set."));
		cli_block_add(&b, _("Unit"), "%s", unit ? unit : "");
		if (got->year != 0)
			cli_block_add(&b, _("Year"), "%u", (unsigned)got->year);
		else
			cli_block_add(&b, _("Term"), "%u-%u",
			    (unsigned)got->term_start, (unsigned)got->term_end);
		cli_block_add(&b, _("Admissions"), "%u", (unsigned)got->target);
		if (got->course_target != 0)
			cli_block_add(&b, _("Sent to the course"), "%u",
			    (unsigned)got->course_target);
		cli_block_print(&b);
		free(unit);
	}
	hoso_response_free(resp);
	return rc;
}

int
cmd_quota_show(struct cli *cli, const struct cli_args *args)
{
	Hoso__QuotaShow qs = HOSO__QUOTA_SHOW__INIT;
	int rc;

	if ((rc = cli_no_positional(args)) != 0 ||
	    (rc = cli_parse_id(args->cmd, "--org", cli_arg(args, "org"), false,
	    &qs.org_id)) != 0 ||
	    (rc = quota_period(args, &qs.year, &qs.term_start,
	    &qs.term_end)) != 0)
		return rc;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_QUOTA_SHOW;
	req.quota_show = &qs;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_QUOTA_REPORT);
	if (rc != 0)
		return rc;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_quota_report(&j, resp->quota_report);
		rc = cli_print_json(&j);
	} else {
		quota_print_report(resp->quota_report, 0, cli_bold_ok());
	}
	hoso_response_free(resp);
	return rc;
}
