/* cmd-check.c: hoso check open|forward|police-received|police-result|
 * return|extend|suspend|resume|decide|show|list|explain, the background
 * checks ("thẩm tra, xác minh lý lịch") sent to a ward committee of the
 * district, or to a committee outside it, with the deadline of each leg
 * counted by the server in working days.  Printing is in cmd-check-out.c. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "i18n.h"

/* Options every step takes: when it happened and who handled it. */
#define CHECK_OPT_AT { "at", N_("TIMESTAMP"), N_("when it happened, e.g. " \
	"2026-11-20T16:30 or \"20/11/2026 16:30\" (default now)"), 0, "at" }
#define CHECK_OPT_BY { "by", N_("NAME"), N_("who handled it"), 0, "by" }
#define CHECK_OPT_VERSION { "expect-version", N_("N"), N_("change the " \
	"check only if its version is still N (as shown by 'show')"), 0, \
	"expected_version" }
#define CHECK_OPT_END { NULL, NULL, NULL, 0, NULL }

const struct cli_opt cmd_check_open_opts[] = {
	{ "person", N_("ID"), N_("the candidate whose file the check is for"),
	    CLI_REQ, "person_id" },
	{ "ward", N_("ORG_ID"), N_("the ward committee of the district that "
	    "received the check"), 0, "ward_id" },
	{ "outside", N_("TEXT"), N_("or: the committee outside the district "
	    "the check was sent to"), 0, "outside" },
	{ "subject", N_("TEXT"), N_("who is verified (default: the "
	    "candidate), matched against the file's pending checks"), 0,
	    "subject" },
	{ "item", N_("N"), N_("the number of the check in 'hoso person file' "
	    "it answers"), 0, "file_check_id" },
	CHECK_OPT_AT,
	CHECK_OPT_BY,
	{ "note", N_("TEXT"), N_("a note about the check"), 0, "note" },
	CHECK_OPT_END,
};

/* forward, police-received, resume. */
const struct cli_opt cmd_check_step_opts[] = {
	CHECK_OPT_AT,
	CHECK_OPT_BY,
	CHECK_OPT_VERSION,
	CHECK_OPT_END,
};

const struct cli_opt cmd_check_result_opts[] = {
	{ "result", N_("RESULT"), N_("what the police found"), CLI_REQ,
	    "result", hoso_check_result_words },
	{ "text", N_("TEXT"), N_("the result in words (required for a "
	    "concern)"), 0, "text" },
	CHECK_OPT_AT,
	CHECK_OPT_BY,
	CHECK_OPT_VERSION,
	CHECK_OPT_END,
};

const struct cli_opt cmd_check_return_opts[] = {
	{ "result", N_("RESULT"), N_("a check sent outside the district: "
	    "the answer"), 0, "result", hoso_check_result_words },
	{ "text", N_("TEXT"), N_("the answer in words (required for a "
	    "concern)"), 0, "text" },
	CHECK_OPT_AT,
	CHECK_OPT_BY,
	CHECK_OPT_VERSION,
	CHECK_OPT_END,
};

const struct cli_opt cmd_check_extend_opts[] = {
	{ "to", N_("DATE"), N_("the new appointment date"), CLI_REQ,
	    "new_due" },
	{ "reason", N_("TEXT"), N_("why more time is given"), CLI_REQ,
	    "reason" },
	CHECK_OPT_BY,
	CHECK_OPT_VERSION,
	CHECK_OPT_END,
};

const struct cli_opt cmd_check_suspend_opts[] = {
	{ "reason", N_("TEXT"), N_("why the clock stops, e.g. the subject is "
	    "away"), CLI_REQ, "reason" },
	CHECK_OPT_AT,
	CHECK_OPT_BY,
	CHECK_OPT_VERSION,
	CHECK_OPT_END,
};

const struct cli_opt cmd_check_decide_opts[] = {
	{ "text", N_("TEXT"), N_("the committee's decision on the concern"),
	    CLI_REQ, "text" },
	CHECK_OPT_AT,
	CHECK_OPT_BY,
	CHECK_OPT_VERSION,
	CHECK_OPT_END,
};

const struct cli_opt cmd_check_show_opts[] = {
	{ "as-of", N_("DATE"), N_("the status as on this day (default "
	    "today)"), 0, "as_of" },
	CHECK_OPT_END,
};

const struct cli_opt cmd_check_list_opts[] = {
	{ "ward", N_("ORG_ID"), N_("only the checks of this ward"), 0,
	    "ward_id" },
	{ "person", N_("ID"), N_("only the checks of this candidate"), 0,
	    "person_id" },
	{ "overdue", NULL, N_("only the overdue ones"), 0, "overdue" },
	{ "all", NULL, N_("closed checks too"), 0, "include_closed" },
	{ "as-of", N_("DATE"), N_("the status as on this day (default "
	    "today)"), 0, "as_of" },
	{ "limit", N_("N"), N_("at most N results (default 50)"), 0,
	    "limit" },
	{ "cursor", N_("C"), N_("continue a previous list where it "
	    "stopped"), 0, "cursor" },
	CHECK_OPT_END,
};

/* Room for the values a CheckStep or CheckOpen points at. */
struct check_vals {
	char day[11];
};

/* --at, if given, into *at. */
static int
check_at(const struct cli_args *args, int64_t *at)
{
	const char *v = cli_arg(args, "at");
	if (v == NULL)
		return 0;
	return cli_parse_instant(args->cmd, "--at", v, at);
}

/* A text option, if given and not blank, into *field. */
static int
check_text(const struct cli_args *args, const char *name, char **field)
{
	const char *v = cli_arg(args, name);
	if (v == NULL)
		return 0;
	if (v[strspn(v, " \t\n")] == '\0')
		return cli_usage_error(args->cmd, _("--%s: the text is empty"),
		    name);
	*field = (char *)v;
	return 0;
}

/* Send req, expecting a Verification back; print it as JSON, or the line
 * said and the check. */
static int
check_call_print(struct cli *cli, Hoso__Request *req, const char *said)
{
	Hoso__Response *resp;
	int rc = cli_call(cli, req, &resp, HOSO__RESPONSE__BODY_CHECK);
	if (rc != 0)
		return rc;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_verification(&j, resp->check);
		rc = cli_print_json(&j);
	} else {
		if (said != NULL)
			printf("%s\n", said);
		check_print(cli, resp->check);
	}
	hoso_response_free(resp);
	return rc;
}

int
cmd_check_open(struct cli *cli, const struct cli_args *args)
{
	Hoso__CheckOpen co = HOSO__CHECK_OPEN__INIT;
	const char *ward = cli_arg(args, "ward"), *v;
	int rc;

	if ((rc = cli_no_positional(args)) != 0 ||
	    (rc = cli_parse_id(args->cmd, "--person", cli_arg(args, "person"),
	    false, &co.person_id)) != 0)
		return rc;
	if ((ward == NULL) == (cli_arg(args, "outside") == NULL))
		return cli_usage_error(args->cmd, _("say where the check goes: "
		    "--ward or --outside, one of them"));
	if (ward != NULL && (rc = cli_parse_id(args->cmd, "--ward", ward,
	    false, &co.ward_id)) != 0)
		return rc;
	if ((v = cli_arg(args, "item")) != NULL) {
		uint64_t item;
		if ((rc = cli_parse_id(args->cmd, "--item", v, false,
		    &item)) != 0)
			return rc;
		if (item > UINT32_MAX)
			return cli_usage_error(args->cmd, _("there is no check "
			    "%s"), v);
		co.file_check_id = (uint32_t)item;
	}
	if ((rc = check_text(args, "outside", &co.outside)) != 0 ||
	    (rc = check_text(args, "subject", &co.subject)) != 0 ||
	    (rc = check_text(args, "by", &co.by)) != 0 ||
	    (rc = check_text(args, "note", &co.note)) != 0 ||
	    (rc = check_at(args, &co.at)) != 0)
		return rc;
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_CHECK_OPEN;
	req.check_open = &co;
	return check_call_print(cli, &req, co.ward_id != 0 ?
	    _("The check is opened: received by the ward committee.") :
	    _("The check is opened: sent outside the district."));
}

/* What each step's confirmation says. */
static const char *
check_step_said(int step)
{
	switch (step) {
	case HOSO__CHECK_STEP_KIND__STEP_FORWARD:
		return _("The check is forwarded to the ward police.");
	case HOSO__CHECK_STEP_KIND__STEP_POLICE_RECEIVED:
		return _("Recorded: the ward police received the check.");
	case HOSO__CHECK_STEP_KIND__STEP_POLICE_RESULT:
		return _("The police result is recorded: it is back at the "
		    "ward committee.");
	case HOSO__CHECK_STEP_KIND__STEP_RETURN:
		return _("The result is signed and returned: the check is "
		    "closed.");
	case HOSO__CHECK_STEP_KIND__STEP_EXTEND:
		return _("The deadline is extended; the original one still "
		    "counts as missed if it passes.");
	case HOSO__CHECK_STEP_KIND__STEP_SUSPEND:
		return _("The clock is stopped.");
	case HOSO__CHECK_STEP_KIND__STEP_RESUME:
		return _("The clock runs again.");
	case HOSO__CHECK_STEP_KIND__STEP_DECIDE:
		return _("The committee's decision is recorded.");
	}
	return NULL;
}

/* --result and --text of police-result and return. */
static int
check_result(const struct cli_args *args, Hoso__CheckStep *cs)
{
	const char *v = cli_arg(args, "result");
	int result, rc;
	if (v == NULL) {
		if (cli_arg(args, "text") != NULL)
			return cli_usage_error(args->cmd, _("--text goes with "
			    "--result"));
		return 0;
	}
	if ((rc = cli_parse_enum(args->cmd, "--result",
	    hoso_check_result_words, v, &result)) != 0 ||
	    (rc = check_text(args, "text", &cs->text)) != 0)
		return rc;
	cs->result = (Hoso__CheckResult)result;
	if (cs->result == HOSO__CHECK_RESULT__RESULT_CONCERN &&
	    cli_arg(args, "text") == NULL)
		return cli_usage_error(args->cmd, _("--text is required with "
		    "--result concern: say what the concern is"));
	return 0;
}

/* forward, police-received, police-result, return, extend, suspend,
 * resume, decide: one CheckStep, its kind named by the verb. */
int
cmd_check_step(struct cli *cli, const struct cli_args *args)
{
	Hoso__CheckStep cs = HOSO__CHECK_STEP__INIT;
	struct check_vals vals;
	const char *v;
	int step = hoso_enum_parse(hoso_check_step_words, args->cmd->verb);
	int rc;

	if (step <= 0)
		return cli_usage_error(args->cmd, _("there is no command "
		    "'%s'"), args->cmd->verb);
	cs.step = (Hoso__CheckStepKind)step;
	if ((rc = cli_one_id(args, &cs.check_id)) != 0 ||
	    (rc = check_at(args, &cs.at)) != 0 ||
	    (rc = check_text(args, "by", &cs.by)) != 0 ||
	    (rc = check_text(args, "reason", &cs.reason)) != 0)
		return rc;
	if (cs.step == HOSO__CHECK_STEP_KIND__STEP_DECIDE)
		rc = check_text(args, "text", &cs.text);
	else
		rc = check_result(args, &cs);
	if (rc != 0)
		return rc;
	if ((v = cli_arg(args, "to")) != NULL) {
		if ((rc = cli_parse_date(args->cmd, "--to", v,
		    vals.day)) != 0)
			return rc;
		cs.new_due = vals.day;
	}
	if ((v = cli_arg(args, "expect-version")) != NULL &&
	    (rc = cli_parse_id(args->cmd, "--expect-version", v, false,
	    &cs.expected_version)) != 0)
		return rc;
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_CHECK_STEP;
	req.check_step = &cs;
	return check_call_print(cli, &req, check_step_said(step));
}

int
cmd_check_show(struct cli *cli, const struct cli_args *args)
{
	Hoso__CheckGet get = HOSO__CHECK_GET__INIT;
	char as_of[11];
	const char *v;
	int rc;

	if ((rc = cli_one_id(args, &get.check_id)) != 0)
		return rc;
	if ((v = cli_arg(args, "as-of")) != NULL) {
		if ((rc = cli_parse_date(args->cmd, "--as-of", v, as_of)) != 0)
			return rc;
		get.as_of = as_of;
	}
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_CHECK_GET;
	req.check_get = &get;
	return check_call_print(cli, &req, NULL);
}

int
cmd_check_list(struct cli *cli, const struct cli_args *args)
{
	Hoso__CheckList cl = HOSO__CHECK_LIST__INIT;
	char as_of[11];
	const char *v;
	int rc;

	if ((rc = cli_no_positional(args)) != 0)
		return rc;
	if ((v = cli_arg(args, "ward")) != NULL &&
	    (rc = cli_parse_id(args->cmd, "--ward", v, false,
	    &cl.ward_id)) != 0)
		return rc;
	if ((v = cli_arg(args, "person")) != NULL &&
	    (rc = cli_parse_id(args->cmd, "--person", v, false,
	    &cl.person_id)) != 0)
		return rc;
	if ((v = cli_arg(args, "as-of")) != NULL) {
		if ((rc = cli_parse_date(args->cmd, "--as-of", v, as_of)) != 0)
			return rc;
		cl.as_of = as_of;
	}
	if ((v = cli_arg(args, "limit")) != NULL &&
	    (rc = cli_parse_limit(args->cmd, v, &cl.limit)) != 0)
		return rc;
	if ((v = cli_arg(args, "cursor")) != NULL)
		cl.cursor = (char *)v;
	cl.overdue = cli_arg(args, "overdue") != NULL;
	cl.include_closed = cli_arg(args, "all") != NULL;

	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_CHECK_LIST;
	req.check_list = &cl;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_CHECK_PAGE);
	if (rc != 0)
		return rc;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_check_page(&j, resp->check_page);
		rc = cli_print_json(&j);
	} else {
		check_print_page(resp->check_page);
	}
	hoso_response_free(resp);
	return rc;
}

int
cmd_check_explain(struct cli *cli, const struct cli_args *args)
{
	Hoso__CheckExplain ce = HOSO__CHECK_EXPLAIN__INIT;
	int rc;

	if ((rc = cli_one_id(args, &ce.check_id)) != 0)
		return rc;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_CHECK_EXPLAIN;
	req.check_explain = &ce;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_EXPLANATION);
	if (rc != 0)
		return rc;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_explanation(&j, resp->explanation);
		rc = cli_print_json(&j);
	} else {
		check_print_explanation(resp->explanation);
	}
	hoso_response_free(resp);
	return rc;
}
