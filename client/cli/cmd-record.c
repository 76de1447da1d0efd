/* cmd-record.c: recording a file's papers, introducers, mentors,
 * relatives and background checks (hoso person doc|introducer|mentor|
 * relative|check).  Each answers with the whole File. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "file.h"
#include "i18n.h"

const struct cli_opt cmd_file_doc_opts[] = {
	{ "kind", N_("KIND"), N_("which paper"), CLI_REQ, "kind",
	    hoso_doc_kind_words },
	{ "date", N_("DATE"), N_("the date on the paper"), CLI_REQ, "date" },
	{ "note", N_("TEXT"), N_("a note about the paper"), 0, "note" },
	{ NULL, NULL, NULL, 0, NULL },
};

/* The bodies whose executive committee may introduce a candidate. */
static const struct hoso_enum_word file_introducer_org_words[] = {
	{ HOSO__INTRODUCED_BY__YOUTH_UNION, "youth-union", N_("Youth Union") },
	{ HOSO__INTRODUCED_BY__TRADE_UNION, "trade-union", N_("Trade Union") },
	{ 0, NULL, NULL },
};

const struct cli_opt cmd_file_introducer_opts[] = {
	{ "member", N_("ID"), N_("the official member who introduces the "
	    "candidate"), 0, "member_id" },
	{ "org", N_("ORG"), N_("or: the executive committee that introduces "
	    "the candidate (it counts with one official member)"), 0, "org",
	    file_introducer_org_words },
	{ "since", N_("DATE"), N_("working, studying or living with the "
	    "candidate since (required for a member)"), 0, "since" },
	{ "date", N_("DATE"), N_("date of the introduction"), 0, "date" },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_file_mentor_opts[] = {
	{ "member", N_("ID"), N_("the official member assigned to help the "
	    "candidate"), CLI_REQ, "member_id" },
	{ "since", N_("DATE"), N_("assigned on this day (default today)"), 0,
	    "since" },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_file_relative_opts[] = {
	{ "relation", N_("WHO"), N_("the relative's relation to the "
	    "candidate"), CLI_REQ, "relation", hoso_relation_words + 1 },
	{ "name", N_("NAME"), N_("full name"), CLI_REQ, "name" },
	{ "born", N_("DATE"), N_("date of birth"), 0, "born" },
	{ "party-member", NULL, N_("the relative is a party member"), 0,
	    "party_member" },
	{ "residence", N_("TEXT"), N_("address as declared"), 0,
	    "residence" },
	{ "residence-ward", N_("ID"), N_("number of the ward of residence, "
	    "if it is one of ours"), 0, "residence_id" },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_file_check_opts[] = {
	{ "relation", N_("WHO"), N_("add: whose background is checked"), 0,
	    "relation", hoso_relation_words },
	{ "subject", N_("NAME"), N_("add: the name of the person checked"), 0,
	    "subject" },
	{ "reason", N_("TEXT"), N_("add, waive: why"), 0, "reason" },
	{ "date", N_("DATE"), N_("conclude, resolve: the day it happened "
	    "(default today)"), 0, "date" },
	{ "concern", NULL, N_("conclude: the result raised a concern"), 0,
	    NULL },
	{ NULL, NULL, NULL, 0, NULL },
};

/* ---- recording ---------------------------------------------------------- */

/* Send a FileRecord for the candidate and print the File's part what. */
static int
file_record(struct cli *cli, Hoso__FileRecord *fr, const char *said,
    unsigned what)
{
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_FILE_RECORD;
	req.file_record = fr;
	return file_call_print(cli, &req, said, what);
}

int
cmd_file_doc(struct cli *cli, const struct cli_args *args)
{
	Hoso__FileRecord fr = HOSO__FILE_RECORD__INIT;
	Hoso__Document doc = HOSO__DOCUMENT__INIT;
	char date[11];
	int kind, rc;

	if ((rc = cli_one_id(args, &fr.person_id)) != 0 ||
	    (rc = cli_parse_enum(args->cmd, "--kind", hoso_doc_kind_words,
	    cli_arg(args, "kind"), &kind)) != 0 ||
	    (rc = file_date_opt(args, "date", date, &doc.date)) != 0)
		return rc;
	doc.kind = (Hoso__DocKind)kind;
	if (cli_arg(args, "note") != NULL)
		doc.note = (char *)cli_arg(args, "note");
	fr.item_case = HOSO__FILE_RECORD__ITEM_DOCUMENT;
	fr.document = &doc;
	return file_record(cli, &fr, _("The paper is recorded."), FILE_DOCS);
}

int
cmd_file_introducer(struct cli *cli, const struct cli_args *args)
{
	Hoso__FileRecord fr = HOSO__FILE_RECORD__INIT;
	Hoso__Introducer in = HOSO__INTRODUCER__INIT;
	char since[11], date[11];
	const char *member = cli_arg(args, "member"), *org = cli_arg(args,
	    "org");
	int v, rc;

	if ((rc = cli_one_id(args, &fr.person_id)) != 0)
		return rc;
	if ((member == NULL) == (org == NULL))
		return cli_usage_error(args->cmd, _("say who introduces the "
		    "candidate: --member or --org, one of them"));
	if (member != NULL) {
		if ((rc = cli_parse_id(args->cmd, "--member", member, false,
		    &in.member_id)) != 0)
			return rc;
		if (cli_arg(args, "since") == NULL)
			return cli_usage_error(args->cmd, _("--since is "
			    "required with --member: since when the member has "
			    "known the candidate"));
	} else {
		if ((rc = cli_parse_enum(args->cmd, "--org",
		    file_introducer_org_words, org, &v)) != 0)
			return rc;
		in.org = (Hoso__IntroducedBy)v;
	}
	if ((rc = file_date_opt(args, "since", since, &in.since)) != 0 ||
	    (rc = file_date_opt(args, "date", date, &in.date)) != 0)
		return rc;
	fr.item_case = HOSO__FILE_RECORD__ITEM_INTRODUCER;
	fr.introducer = &in;
	return file_record(cli, &fr, _("The introducer is recorded."),
	    FILE_INTRODUCERS);
}

int
cmd_file_mentor(struct cli *cli, const struct cli_args *args)
{
	Hoso__FileRecord fr = HOSO__FILE_RECORD__INIT;
	Hoso__Mentor m = HOSO__MENTOR__INIT;
	char since[11];
	int rc;

	if ((rc = cli_one_id(args, &fr.person_id)) != 0 ||
	    (rc = cli_parse_id(args->cmd, "--member", cli_arg(args, "member"),
	    false, &m.member_id)) != 0 ||
	    (rc = file_date_opt(args, "since", since, &m.since)) != 0)
		return rc;
	fr.item_case = HOSO__FILE_RECORD__ITEM_MENTOR;
	fr.mentor = &m;
	return file_record(cli, &fr, _("The mentor is recorded."),
	    FILE_MENTORS);
}

int
cmd_file_relative(struct cli *cli, const struct cli_args *args)
{
	Hoso__FileRecord fr = HOSO__FILE_RECORD__INIT;
	Hoso__Relative r = HOSO__RELATIVE__INIT;
	char born[11];
	const char *v;
	int rel, rc;

	if ((rc = cli_one_id(args, &fr.person_id)) != 0 ||
	    (rc = cli_parse_enum(args->cmd, "--relation",
	    hoso_relation_words + 1, cli_arg(args, "relation"), &rel)) != 0 ||
	    (rc = file_date_opt(args, "born", born, &r.born)) != 0)
		return rc;
	r.relation = (Hoso__Relation)rel;
	r.name = (char *)cli_arg(args, "name");
	r.party_member = cli_arg(args, "party-member") != NULL;
	if ((v = cli_arg(args, "residence")) != NULL)
		r.residence = (char *)v;
	if ((v = cli_arg(args, "residence-ward")) != NULL &&
	    (rc = cli_parse_id(args->cmd, "--residence-ward", v, false,
	    &r.residence_id)) != 0)
		return rc;
	fr.item_case = HOSO__FILE_RECORD__ITEM_RELATIVE;
	fr.relative = &r;
	return file_record(cli, &fr, _("The relative is recorded."),
	    FILE_RELATIVES);
}

/* The actions of 'hoso person check', and the options each takes. */
static const struct {
	const char *word;
	int action;             /* CheckAction, or 0 for add */
	bool check_id;          /* takes CHECKID */
	const char *opts[4];    /* options allowed */
	const char *required[4];
} file_check_actions[] = {
	{ "propose", HOSO__CHECK_ACTION__CHECK_PROPOSE, false, { NULL },
	    { NULL } },
	{ "add", 0, false, { "relation", "subject", "reason" },
	    { "relation", "subject", "reason" } },
	{ "conclude", HOSO__CHECK_ACTION__CHECK_CONCLUDE, true,
	    { "date", "concern" }, { NULL } },
	{ "resolve", HOSO__CHECK_ACTION__CHECK_RESOLVE, true, { "date" },
	    { NULL } },
	{ "waive", HOSO__CHECK_ACTION__CHECK_WAIVE, true, { "reason" },
	    { "reason" } },
};

int
cmd_file_check(struct cli *cli, const struct cli_args *args)
{
	Hoso__FileRecord fr = HOSO__FILE_RECORD__INIT;
	Hoso__Check add = HOSO__CHECK__INIT;
	Hoso__CheckUpdate up = HOSO__CHECK_UPDATE__INIT;
	char date[11];
	size_t a, n = sizeof file_check_actions / sizeof file_check_actions[0];
	uint64_t check_id = 0;
	int rel, rc;

	if (args->npos < 2)
		return cli_usage_error(args->cmd, args->npos == 0 ?
		    _("say which record: its number (ID) is missing") :
		    _("say what to do: propose, add, conclude, resolve or "
		    "waive"));
	if ((rc = cli_parse_id(args->cmd, _("ID"), args->pos[0], false,
	    &fr.person_id)) != 0)
		return rc;
	for (a = 0; a < n; a++)
		if (strcmp(args->pos[1], file_check_actions[a].word) == 0)
			break;
	if (a == n)
		return cli_usage_error(args->cmd, _("'%s' is not something to "
		    "do with a check; say propose, add, conclude, resolve or "
		    "waive"), args->pos[1]);
	int want = file_check_actions[a].check_id ? 3 : 2;
	if (args->npos < want)
		return cli_usage_error(args->cmd, _("say which check: its "
		    "number (CHECKID, as 'hoso person file' shows) is "
		    "missing"));
	if (args->npos > want)
		return cli_usage_error(args->cmd, _("too many arguments: "
		    "'%s'"), args->pos[want]);
	if (want == 3 && (rc = cli_parse_id(args->cmd, "CHECKID",
	    args->pos[2], false, &check_id)) != 0)
		return rc;
	if (check_id > UINT32_MAX)
		return cli_usage_error(args->cmd, _("there is no check %s"),
		    args->pos[2]);
	for (const struct cli_opt *o = args->cmd->opts; o->name; o++) {
		bool ok = false;
		for (size_t k = 0; k < 4 && file_check_actions[a].opts[k]; k++)
			if (strcmp(file_check_actions[a].opts[k], o->name) == 0)
				ok = true;
		if (cli_arg(args, o->name) != NULL && !ok)
			return cli_usage_error(args->cmd, _("--%s does not go "
			    "with '%s'"), o->name, file_check_actions[a].word);
	}
	for (size_t k = 0; k < 4 && file_check_actions[a].required[k]; k++)
		if (cli_arg(args, file_check_actions[a].required[k]) == NULL)
			return cli_usage_error(args->cmd, _("--%s is required "
			    "with '%s'"), file_check_actions[a].required[k],
			    file_check_actions[a].word);

	const char *said;
	if (file_check_actions[a].action == 0) {
		if ((rc = cli_parse_enum(args->cmd, "--relation",
		    hoso_relation_words, cli_arg(args, "relation"), &rel)) != 0)
			return rc;
		add.relation = (Hoso__Relation)rel;
		add.subject = (char *)cli_arg(args, "subject");
		add.reason = (char *)cli_arg(args, "reason");
		fr.item_case = HOSO__FILE_RECORD__ITEM_CHECK_ADD;
		fr.check_add = &add;
		said = _("The check is added.");
	} else {
		if ((rc = file_date_opt(args, "date", date, &up.date)) != 0)
			return rc;
		up.check_id = (uint32_t)check_id;
		up.action = (Hoso__CheckAction)file_check_actions[a].action;
		if (up.action == HOSO__CHECK_ACTION__CHECK_CONCLUDE &&
		    cli_arg(args, "concern") != NULL)
			up.action = HOSO__CHECK_ACTION__CHECK_CONCLUDE_CONCERN;
		if (cli_arg(args, "reason") != NULL)
			up.reason = (char *)cli_arg(args, "reason");
		fr.item_case = HOSO__FILE_RECORD__ITEM_CHECK_UPDATE;
		fr.check_update = &up;
		switch (up.action) {
		case HOSO__CHECK_ACTION__CHECK_PROPOSE:
			said = _("The checks the relatives call for are "
			    "proposed.");
			break;
		case HOSO__CHECK_ACTION__CHECK_CONCLUDE:
			said = _("The result is recorded: no concern.");
			break;
		case HOSO__CHECK_ACTION__CHECK_CONCLUDE_CONCERN:
			said = _("The result is recorded: it raised a "
			    "concern.");
			break;
		case HOSO__CHECK_ACTION__CHECK_RESOLVE:
			said = _("The concern is recorded as cleared.");
			break;
		default:
			said = _("The check is waived.");
			break;
		}
	}
	return file_record(cli, &fr, said, FILE_CHECKS);
}
