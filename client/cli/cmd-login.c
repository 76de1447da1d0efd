/* cmd-login.c: hoso login, logout and whoami.  A login's session token
 * is kept in a file of its own per server (libhoso's hoso_token_path) and
 * sent in the Hello of every later command, until logout or until the
 * server ends the session (idle, expired, account disabled). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"

const struct cli_opt cmd_login_opts[] = {
	{ "user", N_("LOGIN"), N_("the account to log in as"), CLI_REQ,
	    "login" },
	{ "print-token", NULL, N_("print only the session token on standard "
	    "output, for scripts (it is kept in the token file as well)"), 0,
	    NULL },
	{ NULL, NULL, NULL, 0, NULL },
};

const char *
cli_role_text(int role, char *buf, size_t size)
{
	const char *word = hoso_enum_word(hoso_role_words, role);
	const char *label = hoso_enum_label(hoso_role_words, role);
	if (word == NULL)
		snprintf(buf, size, "%s", role == 0 ? "" : "?");
	else
		snprintf(buf, size, "%s (%s)", word, _(label));
	return buf;
}

/* "10 minutes", "90 seconds". */
static void
login_duration(uint32_t secs, char *buf, size_t size)
{
	if (secs % 60 == 0)
		snprintf(buf, size, _("%u minutes"), (unsigned)(secs / 60));
	else
		snprintf(buf, size, _("%u seconds"), (unsigned)secs);
}

/* When the session ends: after idle seconds without use, and at the
 * latest at expires (either may be 0: not said). */
static void
login_print_end(uint32_t idle, int64_t expires)
{
	char dur[32], when[17];
	login_duration(idle, dur, sizeof dur);
	cli_format_instant(expires, when);
	if (idle != 0 && expires != 0)
		printf(_("The session ends after %s without use, and at the "
		    "latest at %s.\n"), dur, when);
	else if (idle != 0)
		printf(_("The session ends after %s without use.\n"), dur);
	else if (expires != 0)
		printf(_("The session ends at %s at the latest.\n"), when);
}

/* Keep the token for the next commands.  Returns 0 or an exit status. */
static int
login_keep_token(struct cli *cli, const char *token, bool quiet)
{
	const char *path = cli_token_path(cli);
	char *err = NULL;
	if (path == NULL)
		return CLI_EXIT_REFUSED;
	if (hoso_token_write(path, token, &err) < 0) {
		char *clean = cli_clean(err ? err : "", false);
		cli_error("%s", clean ? clean : hoso_strerror(HOSO_E_NOMEM));
		free(clean);
		free(err);
		return CLI_EXIT_REFUSED;
	}
	const char *env = getenv("HOSO_TOKEN");
	if (!quiet && env != NULL && *env != '\0' && strcmp(env, token) != 0)
		cli_error("%s", _("warning: HOSO_TOKEN is set, and commands "
		    "send it rather than this new session's token; unset it"));
	return 0;
}

int
cmd_login(struct cli *cli, const struct cli_args *args)
{
	const char *login = cli_arg(args, "user");
	bool print = cli_arg(args, "print-token") != NULL;
	char *prompt = NULL, *pw = NULL;
	int rc = cli_no_positional(args);
	/* Connect first: an unreachable server, or a first contact to
	 * check, is told before the password is asked for. */
	if (rc == 0)
		rc = cli_connect(cli);
	if (rc != 0)
		return rc;
	if (asprintf(&prompt, _("Password for %s: "), login) < 0)
		return CLI_EXIT_UNREACHABLE;
	rc = cli_read_password(prompt, &pw);
	free(prompt);
	if (rc != 0)
		return rc;
	Hoso__Login li = HOSO__LOGIN__INIT;
	li.login = (char *)login;
	li.password = pw;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_LOGIN;
	req.login = &li;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_LOGIN);
	cli_password_free(pw);
	if (rc != 0)
		return rc;
	const Hoso__LoginReply *r = resp->login;
	rc = login_keep_token(cli, r->token, print);
	if (print) {
		/* The token is what a script asked for, even if it could not
		 * be kept. */
		printf("%s\n", r->token);
	} else if (rc == 0 && cli->json) {
		struct json j;
		json_init(&j);
		json_login_reply(&j, r);
		rc = cli_print_json(&j);
	} else if (rc == 0 && r->user != NULL) {
		char role[128];
		char *name = cli_clean(r->user->display_name, false);
		char *unit = cli_org_ref(cli, r->user->org_id);
		printf(_("Logged in as %s (%s): %s, unit %s.\n"),
		    name ? name : "", r->user->login,
		    cli_role_text(r->user->role, role, sizeof role),
		    unit && *unit ? unit : "0");
		login_print_end(r->idle_timeout, r->expires_at);
		free(name);
		free(unit);
	}
	hoso_response_free(resp);
	return rc;
}

/* Whether the token file holds token (or there is no $HOSO_TOKEN, so the
 * token came from the file). */
static bool
logout_file_is_ours(struct cli *cli, const char *path)
{
	char *kept = NULL;
	if (!cli->token_from_env)
		return true;
	if (hoso_token_read(path, &kept, NULL) < 0 || kept == NULL)
		return false;
	bool same = strcmp(kept, cli->token) == 0;
	explicit_bzero(kept, strlen(kept));
	free(kept);
	return same;
}

int
cmd_logout(struct cli *cli, const struct cli_args *args)
{
	bool ended = true;      /* no session was open, or it had ended */
	int rc = cli_no_positional(args);
	if (rc != 0)
		return rc;
	const char *path = cli_token_path(cli);
	if (cli_session_token(cli) == NULL) {
		if (!cli->json)
			printf("%s\n", _("You were not logged in."));
		goto done;
	}
	/* A token the server refuses (CLI_CMD_ANON) leaves this connection
	 * without a session: there is nothing to end. */
	if ((rc = cli_connect(cli)) != 0)
		return rc;
	ended = cli->token_refused;
	if (!ended) {
		Hoso__Logout lo = HOSO__LOGOUT__INIT;
		Hoso__Request req = HOSO__REQUEST__INIT;
		Hoso__Response *resp = NULL;
		char *err = NULL;
		req.body_case = HOSO__REQUEST__BODY_LOGOUT;
		req.logout = &lo;
		rc = hoso_call(cli->conn, &req, &resp, &err);
		if (rc < 0) {
			char *clean = cli_clean(err ? err : hoso_strerror(rc),
			    false);
			cli_error("%s", clean ? clean :
			    hoso_strerror(HOSO_E_NOMEM));
			free(clean);
			free(err);
			return CLI_EXIT_UNREACHABLE;
		}
		ended = resp->status == HOSO__STATUS__UNAUTHENTICATED;
		if (resp->status != HOSO__STATUS__OK && !ended) {
			char *text = hoso_response_text(resp);
			char *clean = text ? cli_clean(text, false) : NULL;
			cli_error("%s", clean ? clean :
			    hoso_status_text(resp->status));
			free(clean);
			free(text);
			hoso_response_free(resp);
			return CLI_EXIT_REFUSED;
		}
		hoso_response_free(resp);
	}
	if (!cli->json)
		printf("%s\n", ended ? _("The session had already ended; you "
		    "are logged out.") : _("Logged out."));
done:
	if (path != NULL && (cli->token == NULL ||
	    logout_file_is_ours(cli, path))) {
		char *err = NULL;
		if (hoso_token_remove(path, &err) < 0) {
			char *clean = cli_clean(err ? err : "", false);
			cli_error("%s", clean ? clean :
			    hoso_strerror(HOSO_E_NOMEM));
			free(clean);
			rc = CLI_EXIT_REFUSED;
		}
		free(err);
	}
	if (cli->json && rc == 0) {
		struct json j;
		json_init(&j);
		json_begin_object(&j);
		json_key(&j, "logged_out");
		json_bool(&j, true);
		json_key(&j, "session_had_ended");
		json_bool(&j, ended);
		json_end_object(&j);
		rc = cli_print_json(&j);
	}
	return rc;
}

int
cmd_whoami(struct cli *cli, const struct cli_args *args)
{
	int rc = cli_no_positional(args);
	if (rc != 0)
		return rc;
	if (cli_session_token(cli) == NULL)
		return cli_not_logged_in();
	if ((rc = cli_connect(cli)) != 0)
		return rc;
	const Hoso__User *u = hoso_server(cli->conn)->user;
	if (u == NULL)
		return cli_not_logged_in();
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_begin_object(&j);
		json_key(&j, "server");
		json_string(&j, cli->server);
		json_key(&j, "user");
		json_user(&j, u);
		json_end_object(&j);
		return cli_print_json(&j);
	}
	cli_user_block(cli, u);
	return CLI_EXIT_OK;
}
