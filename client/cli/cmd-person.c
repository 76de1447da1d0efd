/* cmd-person.c: hoso person add|show|edit|list|find, the candidates.
 * add and edit share one table of options; for edit, the options given
 * name the fields to change (PersonUpdate.fields). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "text.h"

const struct cli_opt cmd_person_opts[] = {
	{ "name", N_("NAME"), N_("full name, e.g. \"Nguyễn Văn An\""),
	    CLI_REQ, "name" },
	{ "born", N_("DATE"), N_("date of birth, YYYY-MM-DD or dd/mm/yyyy"),
	    CLI_REQ, "born" },
	{ "gender", "male|female", N_("male or female (nam or nữ also "
	    "work)"), CLI_REQ, "gender", NULL },
	{ "id-number", N_("CCCD"), N_("national ID number (căn cước), "
	    "12 digits"), CLI_REQ, "id_number", NULL },
	{ "cell", N_("ID"), N_("number of the party cell that follows the "
	    "candidate"), 0, "cell_id", NULL },
	{ "residence", N_("ID"), N_("number of the ward where the candidate "
	    "lives"), 0, "residence_id" },
	{ "introduced-by", N_("WHO"), N_("who introduced the candidate"), 0,
	    "introduced_by", hoso_introduced_by_words },
	{ "ethnicity", N_("TEXT"), N_("ethnic group, e.g. Kinh"), 0,
	    "ethnicity" },
	{ "religion", N_("TEXT"), N_("religion, e.g. Không"), 0,
	    "religion" },
	{ "education", N_("LEVEL"), N_("highest schooling or degree"), 0,
	    "education", hoso_education_words },
	{ "workplace", N_("TEXT"), N_("where the candidate works or "
	    "studies"), 0, "workplace" },
	{ "phone", N_("TEXT"), N_("phone number"), 0, "phone" },
	{ "notes", N_("TEXT"), N_("free notes"), 0, "notes" },
	{ "member", N_("KIND"), N_("already a party member (a mentor or an "
	    "introducer, say)"), 0, "membership",
	    hoso_membership_words },
	{ "member-since", N_("DATE"), N_("date of joining the party (or of "
	    "becoming an official member)"), 0, "member_since" },
	{ "identified", N_("DATE"), N_("a candidate: when the cell put them "
	    "on its list (default today)"), CLI_ADD, "stage_since" },
	{ "expect-version", N_("N"), N_("change the record only if its "
	    "version is still N (as shown by 'show'); otherwise the latest "
	    "version is changed"), CLI_EDIT, NULL },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_person_list_opts[] = {
	{ "cell", N_("ID"), N_("only candidates of this party cell"), 0,
	    NULL },
	{ "residence", N_("ID"), N_("only candidates living in this ward"), 0,
	    NULL },
	{ "stage", N_("STAGE"), N_("only candidates at this stage"), 0,
	    "stage", hoso_stage_words },
	{ "unit", N_("CODE"), N_("only people of the cells under this unit: a "
	    "cell, a ward or the top unit, by its code or number"), 0,
	    "org_id" },
	{ "limit", N_("N"), N_("at most N results (default 50)"), 0, NULL },
	{ "cursor", N_("C"), N_("continue a previous list where it stopped"),
	    0, NULL },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_page_opts[] = {
	{ "limit", N_("N"), N_("at most N results (default 50)"), 0, NULL },
	{ "cursor", N_("C"), N_("continue a previous search where it "
	    "stopped"), 0, NULL },
	{ NULL, NULL, NULL, 0, NULL },
};

/* --gender: the option words, or as a courtesy the Vietnamese ones. */
static int
person_gender(const struct cli_cmd *cmd, const char *s, int *out)
{
	char *folded = *s != '\0' ? text_fold(s) : NULL;
	int v = -1;
	if (*s == '\0')
		v = 0;
	else if (folded != NULL && strcmp(folded, "nam") == 0)
		v = HOSO__GENDER__MALE;
	else if (folded != NULL && strcmp(folded, "nu") == 0)
		v = HOSO__GENDER__FEMALE;
	free(folded);
	if (v >= 0) {
		*out = v;
		return 0;
	}
	return cli_parse_enum(cmd, "--gender", hoso_gender_words, s, out);
}

/* An enum option where an empty value means "not given". */
static int
person_enum(const struct cli_cmd *cmd, const char *what,
    const struct hoso_enum_word *tab, const char *s, int *out)
{
	if (*s == '\0') {
		*out = 0;
		return 0;
	}
	return cli_parse_enum(cmd, what, tab, s, out);
}

/* Room for the dates of a Person as ISO strings. */
struct person_dates {
	char born[11], member_since[11], stage_since[11];
};

/* Set the field of p that option o sets to the value s (argv outlives p). */
static int
person_set(const struct cli_cmd *cmd, const struct cli_opt *o, const char *s,
    Hoso__Person *p, struct person_dates *d)
{
	const char *f = o->field;
	char what[40];
	int v, rc = 0;

	snprintf(what, sizeof what, "--%s", o->name);
	if (strcmp(f, "born") == 0) {
		if (*s != '\0' && (rc = cli_parse_date(cmd, what, s,
		    d->born)) == 0)
			p->born = d->born;
	} else if (strcmp(f, "member_since") == 0) {
		if (*s != '\0' && (rc = cli_parse_date(cmd, what, s,
		    d->member_since)) == 0)
			p->member_since = d->member_since;
	} else if (strcmp(f, "stage_since") == 0) {
		if ((rc = cli_parse_date(cmd, what, s, d->stage_since)) == 0)
			p->stage_since = d->stage_since;
	} else if (strcmp(f, "membership") == 0) {
		if ((rc = person_enum(cmd, what, hoso_membership_words, s,
		    &v)) == 0)
			p->membership = (Hoso__Membership)v;
	} else if (strcmp(f, "gender") == 0) {
		if ((rc = person_gender(cmd, s, &v)) == 0)
			p->gender = (Hoso__Gender)v;
	} else if (strcmp(f, "education") == 0) {
		if ((rc = person_enum(cmd, what, hoso_education_words, s,
		    &v)) == 0)
			p->education = (Hoso__Education)v;
	} else if (strcmp(f, "introduced_by") == 0) {
		if ((rc = person_enum(cmd, what, hoso_introduced_by_words, s,
		    &v)) == 0)
			p->introduced_by = (Hoso__IntroducedBy)v;
	} else if (strcmp(f, "cell_id") == 0) {
		rc = cli_parse_id(cmd, what, s, true, &p->cell_id);
	} else if (strcmp(f, "residence_id") == 0) {
		rc = cli_parse_id(cmd, what, s, true, &p->residence_id);
	} else if (strcmp(f, "name") == 0) {
		p->name = (char *)s;
	} else if (strcmp(f, "id_number") == 0) {
		p->id_number = (char *)s;
	} else if (strcmp(f, "ethnicity") == 0) {
		p->ethnicity = (char *)s;
	} else if (strcmp(f, "religion") == 0) {
		p->religion = (char *)s;
	} else if (strcmp(f, "workplace") == 0) {
		p->workplace = (char *)s;
	} else if (strcmp(f, "phone") == 0) {
		p->phone = (char *)s;
	} else if (strcmp(f, "notes") == 0) {
		p->notes = (char *)s;
	}
	return rc;
}

/* Fill p from the options given; fields (if not NULL) gets their proto
 * field names. */
static int
person_fill(const struct cli_args *args, Hoso__Person *p,
    struct person_dates *d, char **fields, size_t *nfields)
{
	const struct cli_opt *opts = args->cmd->opts;
	for (size_t i = 0; opts[i].name; i++) {
		if (opts[i].field == NULL || args->val[i] == NULL)
			continue;
		int rc = person_set(args->cmd, &opts[i], args->val[i], p, d);
		if (rc != 0)
			return rc;
		if (fields != NULL)
			fields[(*nfields)++] = (char *)opts[i].field;
	}
	return 0;
}

/* Print one candidate: a JSON object or a label block. */
static int
person_print(struct cli *cli, const Hoso__Person *p)
{
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_person(&j, p);
		return cli_print_json(&j);
	}
	struct cli_block b = { 0 };
	char day[11], when[17];
	char *residence = cli_org_ref(cli, p->residence_id);
	char *cell = cli_org_ref(cli, p->cell_id);
	cli_block_add(&b, _("Number (ID)"), "%llu", (unsigned long long)p->id);
	cli_block_add(&b, _("Name"), "%s", p->name);
	cli_block_add(&b, _("Born"), "%s", cli_format_date(p->born, day));
	cli_block_add(&b, _("Gender"), "%s",
	    cli_label(hoso_gender_words, p->gender));
	cli_block_add(&b, _("ID number"), "%s", p->id_number);
	cli_block_add(&b, _("Ethnicity"), "%s", p->ethnicity);
	cli_block_add(&b, _("Religion"), "%s", p->religion);
	cli_block_add(&b, _("Education"), "%s",
	    cli_label(hoso_education_words, p->education));
	cli_block_add(&b, _("Lives in"), "%s", residence ? residence : "");
	cli_block_add(&b, _("Party cell"), "%s", cell ? cell : "");
	cli_block_add(&b, _("Workplace"), "%s", p->workplace);
	cli_block_add(&b, _("Introduced by"), "%s",
	    cli_label(hoso_introduced_by_words, p->introduced_by));
	cli_block_add(&b, _("Party membership"), "%s",
	    _(hoso_enum_label(hoso_membership_words, p->membership) ?
	    hoso_enum_label(hoso_membership_words, p->membership) : "?"));
	if (p->member_since != NULL && p->member_since[0] != '\0')
		cli_block_add(&b, _("Member since"), "%s",
		    cli_format_date(p->member_since, day));
	if (p->stage != HOSO__STAGE__STAGE_NONE) {
		cli_block_add(&b, _("Stage"), "%s",
		    cli_label(hoso_stage_words, p->stage));
		cli_block_add(&b, _("Stage since"), "%s",
		    cli_format_date(p->stage_since, day));
	}
	cli_block_add(&b, _("Phone"), "%s", p->phone);
	cli_block_add(&b, _("Notes"), "%s", p->notes);
	cli_block_add(&b, _("Version"), "%llu",
	    (unsigned long long)p->version);
	cli_block_add(&b, _("Created"), "%s",
	    cli_format_instant(p->created_at, when));
	cli_block_add(&b, _("Last changed"), "%s",
	    cli_format_instant(p->updated_at, when));
	free(residence);
	free(cell);
	cli_block_print(&b);
	return CLI_EXIT_OK;
}

/* Send req, expecting one candidate back, and print it. */
static int
person_call_print(struct cli *cli, Hoso__Request *req)
{
	Hoso__Response *resp;
	int rc = cli_call(cli, req, &resp, HOSO__RESPONSE__BODY_PERSON);
	if (rc != 0)
		return rc;
	rc = person_print(cli, resp->person);
	hoso_response_free(resp);
	return rc;
}

/* Print a page of candidates: JSON, or a table and where to go on. */
static int
person_page_print(struct cli *cli, const Hoso__PersonPage *page)
{
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_person_page(&j, page);
		return cli_print_json(&j);
	}
	if (page->n_items == 0) {
		printf("%s\n", _("Nobody found."));
		return CLI_EXIT_OK;
	}
	const char *headers[] = { _("ID"), _("Name"), _("Born"), _("Gender"),
	    _("ID number"), _("Cell") };
	struct cli_table t;
	char day[11];
	cli_table_init(&t, 6, headers);
	for (size_t i = 0; i < page->n_items; i++) {
		const Hoso__Person *p = page->items[i];
		cli_table_add(&t, "%llu", (unsigned long long)p->id);
		cli_table_add(&t, "%s", p->name);
		cli_table_add(&t, "%s", cli_format_date(p->born, day));
		cli_table_add(&t, "%s", cli_label(hoso_gender_words, p->gender));
		cli_table_add(&t, "%s", p->id_number);
		if (p->cell_id != 0)
			cli_table_add(&t, "%llu", (unsigned long long)p->cell_id);
		else
			cli_table_add(&t, "%s", "");
	}
	cli_table_print(&t);
	cli_more(page->next_cursor);
	return CLI_EXIT_OK;
}

int
cmd_person_add(struct cli *cli, const struct cli_args *args)
{
	Hoso__PersonCreate pc = HOSO__PERSON_CREATE__INIT;
	Hoso__Person p = HOSO__PERSON__INIT;
	struct person_dates d;
	int rc;

	if ((rc = cli_no_positional(args)) != 0 ||
	    (rc = person_fill(args, &p, &d, NULL, NULL)) != 0)
		return rc;
	pc.person = &p;
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_PERSON_CREATE;
	req.person_create = &pc;
	return person_call_print(cli, &req);
}

int
cmd_person_show(struct cli *cli, const struct cli_args *args)
{
	Hoso__PersonGet get = HOSO__PERSON_GET__INIT;
	int rc = cli_one_id(args, &get.id);
	if (rc != 0)
		return rc;
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_PERSON_GET;
	req.person_get = &get;
	return person_call_print(cli, &req);
}

/* The version of candidate id now, for an edit without --expect-version. */
static int
person_current_version(struct cli *cli, uint64_t id, uint64_t *version)
{
	Hoso__PersonGet get = HOSO__PERSON_GET__INIT;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	get.id = id;
	req.body_case = HOSO__REQUEST__BODY_PERSON_GET;
	req.person_get = &get;
	int rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_PERSON);
	if (rc != 0)
		return rc;
	*version = resp->person->version;
	hoso_response_free(resp);
	return 0;
}

int
cmd_person_edit(struct cli *cli, const struct cli_args *args)
{
	Hoso__PersonUpdate up = HOSO__PERSON_UPDATE__INIT;
	Hoso__Person p = HOSO__PERSON__INIT;
	char *fields[CLI_MAX_OPTS];
	struct person_dates d;
	const char *v;
	int rc;

	if ((rc = cli_one_id(args, &up.id)) != 0)
		return rc;
	up.fields = fields;
	if ((rc = person_fill(args, &p, &d, fields, &up.n_fields)) != 0)
		return rc;
	if (up.n_fields == 0)
		return cli_usage_error(args->cmd, _("say what to change, e.g. "
		    "--phone 0912345678"));
	if ((v = cli_arg(args, "expect-version")) != NULL)
		rc = cli_parse_id(args->cmd, "--expect-version", v, false,
		    &up.expected_version);
	else
		rc = person_current_version(cli, up.id, &up.expected_version);
	if (rc != 0)
		return rc;
	up.person = &p;

	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_PERSON_UPDATE;
	req.person_update = &up;
	return person_call_print(cli, &req);
}

/* --limit and --cursor of list and find. */
static int
person_page_opts(const struct cli_args *args, uint32_t *limit, char **cursor)
{
	const char *v;
	int rc;
	if ((v = cli_arg(args, "limit")) != NULL &&
	    (rc = cli_parse_limit(args->cmd, v, limit)) != 0)
		return rc;
	if ((v = cli_arg(args, "cursor")) != NULL)
		*cursor = (char *)v;
	return 0;
}

/* Send a list or find request and print the page it returns.  The server
 * bounds the entries one request reads, so a filtered page may come back
 * empty with a cursor: then the next one is asked for (*cursor points into
 * the request, which the caller owns), until a page holds someone or the
 * list ends. */
static int
person_page_call(struct cli *cli, Hoso__Request *req, char **cursor)
{
	Hoso__Response *resp, *prev = NULL;
	int rc;
	for (;;) {
		rc = cli_call(cli, req, &resp, HOSO__RESPONSE__BODY_PERSON_PAGE);
		hoso_response_free(prev);
		prev = NULL;
		if (rc != 0)
			return rc;
		const Hoso__PersonPage *pg = resp->person_page;
		if (pg->n_items > 0 || pg->next_cursor[0] == '\0')
			break;
		*cursor = pg->next_cursor;
		prev = resp;            /* holds *cursor until the next call */
	}
	rc = person_page_print(cli, resp->person_page);
	hoso_response_free(resp);
	return rc;
}

int
cmd_person_list(struct cli *cli, const struct cli_args *args)
{
	Hoso__PersonList pl = HOSO__PERSON_LIST__INIT;
	const char *v;
	int rc;

	if ((rc = cli_no_positional(args)) != 0)
		return rc;
	if ((v = cli_arg(args, "cell")) != NULL &&
	    (rc = cli_parse_id(args->cmd, "--cell", v, false,
	    &pl.cell_id)) != 0)
		return rc;
	if ((v = cli_arg(args, "residence")) != NULL &&
	    (rc = cli_parse_id(args->cmd, "--residence", v, false,
	    &pl.residence_id)) != 0)
		return rc;
	if ((v = cli_arg(args, "stage")) != NULL) {
		int stage;
		if ((rc = cli_parse_enum(args->cmd, "--stage", hoso_stage_words,
		    v, &stage)) != 0)
			return rc;
		pl.stage = (Hoso__Stage)stage;
	}
	if ((rc = person_page_opts(args, &pl.limit, &pl.cursor)) != 0)
		return rc;
	if ((v = cli_arg(args, "unit")) != NULL &&
	    (rc = cli_parse_unit(cli, args->cmd, "--unit", v,
	    &pl.org_id)) != 0)
		return rc;
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_PERSON_LIST;
	req.person_list = &pl;
	return person_page_call(cli, &req, &pl.cursor);
}

int
cmd_person_find(struct cli *cli, const struct cli_args *args)
{
	Hoso__PersonFind pf = HOSO__PERSON_FIND__INIT;
	size_t len = 1;
	int rc;

	if (args->npos == 0)
		return cli_usage_error(args->cmd, _("say what to look for: a "
		    "name or an ID number"));
	if ((rc = person_page_opts(args, &pf.limit, &pf.cursor)) != 0)
		return rc;
	for (int i = 0; i < args->npos; i++)
		len += strlen(args->pos[i]) + 1;
	char *text = malloc(len);
	if (text == NULL) {
		cli_error("%s", hoso_strerror(HOSO_E_NOMEM));
		return CLI_EXIT_UNREACHABLE;
	}
	text[0] = '\0';
	for (int i = 0; i < args->npos; i++) {
		if (i > 0)
			strcat(text, " ");
		strcat(text, args->pos[i]);
	}
	pf.text = text;
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_PERSON_FIND;
	req.person_find = &pf;
	rc = person_page_call(cli, &req, &pf.cursor);
	free(text);
	return rc;
}
