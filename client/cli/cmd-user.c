/* cmd-user.c: hoso user add|disable|enable|passwd|list, the accounts
 * (protocol 1.4).  Only a district admin may manage accounts; every user
 * may change their own password.  Passwords are typed, never given as
 * arguments (password.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"

const struct cli_opt cmd_user_add_opts[] = {
	{ "name", N_("NAME"), N_("the person's name, as it is shown"),
	    CLI_REQ, "display_name" },
	{ "role", N_("ROLE"), N_("what the account may do"), CLI_REQ, "role",
	    hoso_role_words },
	{ "org", N_("ORG_ID"), N_("the unit the role applies to: a ward for "
	    "a ward officer or the ward police, a cell for a cell secretary; "
	    "an admin or inspector has the top unit (the default)"), 0,
	    "org_id" },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_user_list_opts[] = {
	{ "limit", N_("N"), N_("at most N results (default 50)"), 0,
	    "limit" },
	{ "cursor", N_("C"), N_("continue a previous list where it "
	    "stopped"), 0, "cursor" },
	{ NULL, NULL, NULL, 0, NULL },
};

void
cli_user_block(struct cli *cli, const Hoso__User *u)
{
	struct cli_block b = { 0 };
	char role[128], when[17];
	char *unit = cli_org_ref(cli, u->org_id);
	cli_block_add(&b, _("Login"), "%s", u->login);
	cli_block_add(&b, _("Name"), "%s", u->display_name);
	cli_block_add(&b, _("Role"), "%s", cli_role_text(u->role, role,
	    sizeof role));
	cli_block_add(&b, _("Unit"), "%s", unit && *unit ? unit : "0");
	cli_block_add(&b, _("Enabled"), "%s", u->enabled ? _("yes") :
	    _("no"));
	if (u->created_at != 0 && u->created_by[0] != '\0')
		cli_block_add(&b, _("Created"), _("%s by %s"),
		    cli_format_instant(u->created_at, when), u->created_by);
	else if (u->created_at != 0)
		cli_block_add(&b, _("Created"), "%s",
		    cli_format_instant(u->created_at, when));
	if (u->password_changed_at != 0)
		cli_block_add(&b, _("Password changed"), "%s",
		    cli_format_instant(u->password_changed_at, when));
	cli_block_print(&b);
	free(unit);
}

/* The one positional LOGIN of a command. */
static int
user_login_arg(const struct cli_args *args, const char **login)
{
	if (args->npos == 0)
		return cli_usage_error(args->cmd, "%s", _("say which account: "
		    "its LOGIN is missing"));
	if (args->npos > 1)
		return cli_usage_error(args->cmd, _("too many arguments: "
		    "'%s'"), args->pos[1]);
	*login = args->pos[0];
	return 0;
}

/* What a command did to an account, for the sentence before it. */
enum user_done { USER_ADDED, USER_ENABLED, USER_DISABLED, USER_PASSWD };

static void
user_say(enum user_done done, const char *login)
{
	switch (done) {
	case USER_ADDED:
		printf(_("The account %s is added.\n"), login);
		break;
	case USER_ENABLED:
		printf(_("The account %s is enabled.\n"), login);
		break;
	case USER_DISABLED:
		printf(_("The account %s is disabled; its sessions have "
		    "ended.\n"), login);
		break;
	case USER_PASSWD:
		printf(_("The password of %s is changed; the account's other "
		    "sessions have ended.\n"), login);
		break;
	}
}

/* Send req, whose answer is an account, and show it after saying what
 * was done. */
static int
user_call(struct cli *cli, Hoso__Request *req, enum user_done done)
{
	Hoso__Response *resp;
	int rc = cli_call(cli, req, &resp, HOSO__RESPONSE__BODY_USER);
	if (rc != 0)
		return rc;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_user(&j, resp->user);
		rc = cli_print_json(&j);
	} else {
		char *login = cli_clean(resp->user->login, false);
		user_say(done, login ? login : "");
		free(login);
		cli_user_block(cli, resp->user);
	}
	hoso_response_free(resp);
	return rc;
}

int
cmd_user_add(struct cli *cli, const struct cli_args *args)
{
	Hoso__UserAdd add = HOSO__USER_ADD__INIT;
	const char *login, *v;
	int role, rc;
	char *pw = NULL;

	if ((rc = user_login_arg(args, &login)) != 0 ||
	    (rc = cli_parse_enum(args->cmd, "--role", hoso_role_words,
	    cli_arg(args, "role"), &role)) != 0)
		return rc;
	if ((v = cli_arg(args, "org")) != NULL &&
	    (rc = cli_parse_id(args->cmd, "--org", v, true,
	    &add.org_id)) != 0)
		return rc;
	add.login = (char *)login;
	add.display_name = (char *)cli_arg(args, "name");
	add.role = (Hoso__Role)role;
	/* Connect first: no password typed for a server that is not
	 * there or a session that has ended. */
	if ((rc = cli_connect(cli)) != 0)
		return rc;
	if ((rc = cli_read_new_password(_("Password for the new account: "),
	    _("The same password again: "), &pw)) != 0)
		return rc;
	add.password = pw;
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_USER_ADD;
	req.user_add = &add;
	rc = user_call(cli, &req, USER_ADDED);
	cli_password_free(pw);
	return rc;
}

int
cmd_user_enable(struct cli *cli, const struct cli_args *args)
{
	Hoso__UserSetEnabled set = HOSO__USER_SET_ENABLED__INIT;
	const char *login;
	int rc = user_login_arg(args, &login);
	if (rc != 0)
		return rc;
	set.login = (char *)login;
	set.enabled = strcmp(args->cmd->verb, "enable") == 0;
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_USER_SET_ENABLED;
	req.user_set_enabled = &set;
	return user_call(cli, &req, set.enabled ? USER_ENABLED :
	    USER_DISABLED);
}

int
cmd_user_passwd(struct cli *cli, const struct cli_args *args)
{
	Hoso__UserPasswd up = HOSO__USER_PASSWD__INIT;
	char *old = NULL, *pw = NULL, *prompt = NULL;
	int rc;

	if (args->npos > 1)
		return cli_usage_error(args->cmd, _("too many arguments: "
		    "'%s'"), args->pos[1]);
	if ((rc = cli_connect(cli)) != 0)
		return rc;
	const Hoso__User *me = hoso_server(cli->conn)->user;
	if (me == NULL)
		return cli_not_logged_in();
	bool own = args->npos == 0 || strcmp(args->pos[0], me->login) == 0;
	/* One's own password: the old one first, so that a terminal left
	 * logged in is not enough to take over the account. */
	if (own)
		rc = cli_read_password(_("Current password: "), &old);
	if (rc == 0 && (own ? asprintf(&prompt, "%s", _("New password: ")) :
	    asprintf(&prompt, _("New password for %s: "), args->pos[0])) < 0)
		rc = CLI_EXIT_UNREACHABLE;
	if (rc == 0)
		rc = cli_read_new_password(prompt, _("The same password again: "),
		    &pw);
	free(prompt);
	if (rc == 0) {
		up.login = (char *)(own ? "" : args->pos[0]);
		up.password = pw;
		up.old_password = (char *)(old != NULL ? old : "");
		Hoso__Request req = HOSO__REQUEST__INIT;
		req.body_case = HOSO__REQUEST__BODY_USER_PASSWD;
		req.user_passwd = &up;
		rc = user_call(cli, &req, USER_PASSWD);
	}
	cli_password_free(old);
	cli_password_free(pw);
	return rc;
}

static void
user_print_page(const Hoso__UserPage *page)
{
	if (page->n_items == 0) {
		printf("%s\n", _("No accounts."));
		return;
	}
	const char *headers[] = { _("Login"), _("Name"), _("Role"), _("Unit"),
	    _("Enabled") };
	struct cli_table t;
	char role[128];
	cli_table_init(&t, 5, headers);
	for (size_t i = 0; i < page->n_items; i++) {
		const Hoso__User *u = page->items[i];
		cli_table_add(&t, "%s", u->login);
		cli_table_add(&t, "%s", u->display_name);
		cli_table_add(&t, "%s", cli_role_text(u->role, role,
		    sizeof role));
		cli_table_add(&t, "%llu", (unsigned long long)u->org_id);
		cli_table_add(&t, "%s", u->enabled ? _("yes") : _("no"));
	}
	cli_table_print(&t);
	cli_more(page->next_cursor);
}

int
cmd_user_list(struct cli *cli, const struct cli_args *args)
{
	Hoso__UserList ul = HOSO__USER_LIST__INIT;
	const char *v;
	int rc = cli_no_positional(args);
	if (rc != 0)
		return rc;
	if ((v = cli_arg(args, "limit")) != NULL &&
	    (rc = cli_parse_limit(args->cmd, v, &ul.limit)) != 0)
		return rc;
	if ((v = cli_arg(args, "cursor")) != NULL)
		ul.cursor = (char *)v;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_USER_LIST;
	req.user_list = &ul;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_USER_PAGE);
	if (rc != 0)
		return rc;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_user_page(&j, resp->user_page);
		rc = cli_print_json(&j);
	} else {
		user_print_page(resp->user_page);
	}
	hoso_response_free(resp);
	return rc;
}
