/* cmd-org.c: hoso org add|list|show|edit, the organisation units. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "i18n.h"

const struct cli_opt cmd_org_add_opts[] = {
	{ "kind", N_("KIND"), N_("district (the top unit), ward (a ward "
	    "committee), cell (a party cell) or police (a ward police "
	    "station)"), CLI_REQ, NULL },
	{ "name", N_("NAME"), N_("its name, e.g. \"Chi bộ Khu phố 3\""),
	    CLI_REQ, NULL },
	{ "parent", N_("ID"), N_("number of the unit it belongs to"), 0,
	    NULL },
	{ "code", N_("CODE"), N_("a short unique code, e.g. CB-P01-03; the "
	    "server makes one up if left out"), 0, NULL },
	{ "decides-admission", NULL, N_("this unit decides admissions for "
	    "the cells below it (when no unit does, the top unit decides)"),
	    0, "decides_admission" },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_org_list_opts[] = {
	{ "kind", N_("KIND"), N_("only units of this kind"), 0, NULL,
	    hoso_org_kind_words },
	{ "parent", N_("ID"), N_("only units directly under this one"), 0,
	    NULL },
	{ "limit", N_("N"), N_("at most N results (default 50)"), 0, NULL },
	{ "cursor", N_("C"), N_("continue a previous list where it stopped"),
	    0, NULL },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_org_edit_opts[] = {
	{ "name", N_("NAME"), N_("the new name"), 0, "name" },
	{ "code", N_("CODE"), N_("the new code"), 0, "code" },
	{ "decides-admission", "yes|no", N_("whether this unit decides "
	    "admissions for the cells below it"), 0, "decides_admission" },
	{ "expect-version", N_("N"), N_("change it only if its version is "
	    "still N (as shown by 'show'); otherwise the latest version is "
	    "changed"), CLI_EDIT, NULL },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_no_opts[] = {
	{ NULL, NULL, NULL, 0, NULL },
};

/* Print one unit: a JSON object or a label block. */
static int
org_print(struct cli *cli, const Hoso__Org *o)
{
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_org(&j, o);
		return cli_print_json(&j);
	}
	struct cli_block b = { 0 };
	char when[17];
	cli_block_add(&b, _("Number (ID)"), "%llu", (unsigned long long)o->id);
	cli_block_add(&b, _("Kind"), "%s",
	    cli_label(hoso_org_kind_words, o->kind));
	cli_block_add(&b, _("Code"), "%s", o->code);
	cli_block_add(&b, _("Name"), "%s", o->name);
	char *parent = cli_org_ref(cli, o->parent_id);
	cli_block_add(&b, _("Part of"), "%s", parent ? parent : "");
	free(parent);
	cli_block_add(&b, _("Decides admissions"), "%s",
	    o->decides_admission ? _("yes") : _("no"));
	cli_block_add(&b, _("Version"), "%llu",
	    (unsigned long long)o->version);
	cli_block_add(&b, _("Created"), "%s",
	    cli_format_instant(o->created_at, when));
	cli_block_add(&b, _("Last changed"), "%s",
	    cli_format_instant(o->updated_at, when));
	cli_block_print(&b);
	return CLI_EXIT_OK;
}

/* Send req, expecting one unit back, and print it. */
static int
org_call_print(struct cli *cli, Hoso__Request *req)
{
	Hoso__Response *resp;
	int rc = cli_call(cli, req, &resp, HOSO__RESPONSE__BODY_ORG);
	if (rc != 0)
		return rc;
	rc = org_print(cli, resp->org);
	hoso_response_free(resp);
	return rc;
}

int
cmd_org_add(struct cli *cli, const struct cli_args *args)
{
	Hoso__OrgCreate oc = HOSO__ORG_CREATE__INIT;
	const char *v;
	int kind, rc;

	if ((rc = cli_no_positional(args)) != 0)
		return rc;
	if ((rc = cli_parse_enum(args->cmd, "--kind", hoso_org_kind_words,
	    cli_arg(args, "kind"), &kind)) != 0)
		return rc;
	oc.kind = (Hoso__OrgKind)kind;
	oc.name = (char *)cli_arg(args, "name");
	if ((v = cli_arg(args, "code")) != NULL)
		oc.code = (char *)v;
	oc.decides_admission = cli_arg(args, "decides-admission") != NULL;
	if ((v = cli_arg(args, "parent")) != NULL &&
	    (rc = cli_parse_id(args->cmd, "--parent", v, true,
	    &oc.parent_id)) != 0)
		return rc;

	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_ORG_CREATE;
	req.org_create = &oc;
	return org_call_print(cli, &req);
}

int
cmd_org_show(struct cli *cli, const struct cli_args *args)
{
	Hoso__OrgGet get = HOSO__ORG_GET__INIT;
	int rc = cli_one_id(args, &get.id);
	if (rc != 0)
		return rc;
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_ORG_GET;
	req.org_get = &get;
	return org_call_print(cli, &req);
}

/* The version of unit id now, for an edit without --expect-version. */
static int
org_current_version(struct cli *cli, uint64_t id, uint64_t *version)
{
	Hoso__OrgGet get = HOSO__ORG_GET__INIT;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	get.id = id;
	req.body_case = HOSO__REQUEST__BODY_ORG_GET;
	req.org_get = &get;
	int rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_ORG);
	if (rc != 0)
		return rc;
	*version = resp->org->version;
	hoso_response_free(resp);
	return 0;
}

int
cmd_org_edit(struct cli *cli, const struct cli_args *args)
{
	Hoso__OrgUpdate up = HOSO__ORG_UPDATE__INIT;
	Hoso__Org org = HOSO__ORG__INIT;
	char *fields[3];
	bool decides;
	const char *v;
	int rc;

	if ((rc = cli_one_id(args, &up.id)) != 0)
		return rc;
	up.fields = fields;
	for (const struct cli_opt *o = args->cmd->opts; o->name; o++) {
		if (o->field == NULL || (v = cli_arg(args, o->name)) == NULL)
			continue;
		if (strcmp(o->field, "name") == 0)
			org.name = (char *)v;
		else if (strcmp(o->field, "code") == 0)
			org.code = (char *)v;
		else if ((rc = cli_parse_yes_no(args->cmd, "--decides-admission",
		    v, &decides)) != 0)
			return rc;
		else
			org.decides_admission = decides;
		fields[up.n_fields++] = (char *)o->field;
	}
	if (up.n_fields == 0)
		return cli_usage_error(args->cmd, _("say what to change: "
		    "--name, --code or --decides-admission"));
	if ((v = cli_arg(args, "expect-version")) != NULL)
		rc = cli_parse_id(args->cmd, "--expect-version", v, false,
		    &up.expected_version);
	else
		rc = org_current_version(cli, up.id, &up.expected_version);
	if (rc != 0)
		return rc;
	up.org = &org;

	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_ORG_UPDATE;
	req.org_update = &up;
	return org_call_print(cli, &req);
}

int
cmd_org_list(struct cli *cli, const struct cli_args *args)
{
	Hoso__OrgList ol = HOSO__ORG_LIST__INIT;
	const char *v;
	int kind, rc;

	if ((rc = cli_no_positional(args)) != 0)
		return rc;
	if ((v = cli_arg(args, "kind")) != NULL) {
		if ((rc = cli_parse_enum(args->cmd, "--kind",
		    hoso_org_kind_words, v, &kind)) != 0)
			return rc;
		ol.kind = (Hoso__OrgKind)kind;
	}
	if ((v = cli_arg(args, "parent")) != NULL &&
	    (rc = cli_parse_id(args->cmd, "--parent", v, false,
	    &ol.parent_id)) != 0)
		return rc;
	if ((v = cli_arg(args, "limit")) != NULL &&
	    (rc = cli_parse_limit(args->cmd, v, &ol.limit)) != 0)
		return rc;
	if ((v = cli_arg(args, "cursor")) != NULL)
		ol.cursor = (char *)v;

	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_ORG_LIST;
	req.org_list = &ol;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_ORG_PAGE);
	if (rc != 0)
		return rc;
	const Hoso__OrgPage *page = resp->org_page;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_org_page(&j, page);
		rc = cli_print_json(&j);
	} else if (page->n_items == 0) {
		printf("%s\n", _("No organisation units found."));
	} else {
		const char *headers[] = { _("ID"), _("Kind"), _("Code"),
		    _("Name"), _("Part of") };
		struct cli_table t;
		cli_table_init(&t, 5, headers);
		for (size_t i = 0; i < page->n_items; i++) {
			const Hoso__Org *o = page->items[i];
			cli_table_add(&t, "%llu", (unsigned long long)o->id);
			cli_table_add(&t, "%s",
			    cli_label(hoso_org_kind_words, o->kind));
			cli_table_add(&t, "%s", o->code);
			cli_table_add(&t, "%s", o->name);
			if (o->parent_id != 0)
				cli_table_add(&t, "%llu",
				    (unsigned long long)o->parent_id);
			else
				cli_table_add(&t, "%s", "");
		}
		cli_table_print(&t);
		cli_more(page->next_cursor);
	}
	hoso_response_free(resp);
	return rc;
}

/* The id of the unit whose code is code (case ignored), looked up in the
 * units the caller may see: 0 and *found false when there is none. */
static int
org_find_code(struct cli *cli, const char *code, uint64_t *id, bool *found)
{
	Hoso__OrgList ol = HOSO__ORG_LIST__INIT;
	Hoso__Request req = HOSO__REQUEST__INIT;
	char *cursor = NULL;
	int rc;
	*found = false;
	req.body_case = HOSO__REQUEST__BODY_ORG_LIST;
	req.org_list = &ol;
	ol.limit = HOSO_PAGE_MAX;
	for (;;) {
		Hoso__Response *resp;
		ol.cursor = cursor ? cursor : (char *)"";
		if ((rc = cli_call(cli, &req, &resp,
		    HOSO__RESPONSE__BODY_ORG_PAGE)) != 0)
			break;
		const Hoso__OrgPage *pg = resp->org_page;
		for (size_t i = 0; i < pg->n_items && !*found; i++) {
			if (strcasecmp(pg->items[i]->code, code) == 0) {
				*id = pg->items[i]->id;
				*found = true;
			}
		}
		free(cursor);
		cursor = NULL;
		if (!*found && pg->next_cursor[0] != '\0')
			cursor = strdup(pg->next_cursor);
		hoso_response_free(resp);
		if (cursor == NULL)
			break;
	}
	free(cursor);
	return rc;
}

int
cli_parse_unit(struct cli *cli, const struct cli_cmd *cmd, const char *what,
    const char *s, uint64_t *id)
{
	bool found;
	int rc;
	if (*s >= '0' && *s <= '9')
		return cli_parse_id(cmd, what, s, false, id);
	if (*s == '\0')
		return cli_usage_error(cmd, _("%s: expected the code or the "
		    "number of a unit"), what);
	if ((rc = org_find_code(cli, s, id, &found)) != 0)
		return rc;
	if (!found) {
		char *clean = cli_clean(s, false);
		cli_error(_("%s: there is no unit with code %s that you may "
		    "see"), what, clean ? clean : "");
		free(clean);
		return CLI_EXIT_REFUSED;
	}
	return 0;
}
