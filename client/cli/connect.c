/* connect.c: the hoso command's connection to hosod: the TLS options
 * (--tls, --insecure, --ca), the first-contact notice when a server's
 * certificate is pinned, and the session token sent in Hello: $HOSO_TOKEN,
 * else the token file 'hoso login' wrote for that server. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"

int
cli_not_logged_in(void)
{
	cli_error("%s", _("Not logged in, or the session has ended: run "
	    "'hoso login --user NAME'"));
	return CLI_EXIT_REFUSED;
}

void
cli_disconnect(struct cli *cli)
{
	hoso_close(cli->conn);
	cli->conn = NULL;
	if (cli->token != NULL) {
		explicit_bzero(cli->token, strlen(cli->token));
		free(cli->token);
		cli->token = NULL;
	}
	free(cli->token_path);
	cli->token_path = NULL;
}

const char *
cli_token_path(struct cli *cli)
{
	if (cli->token_path != NULL)
		return cli->token_path;
	char *host = NULL;
	uint16_t port;
	if (hoso_parse_hostport(cli->server, &host, &port) < 0) {
		cli_error(_("%s: '%s' is not a server address; write it as HOST "
		    "or HOST:PORT, e.g. 127.0.0.1:7707"), cli->server_from,
		    cli->server);
		return NULL;
	}
	cli->token_path = hoso_token_path(host, port);
	free(host);
	if (cli->token_path == NULL)
		cli_error("%s", _("cannot tell where to keep the session token: "
		    "HOME is not set"));
	return cli->token_path;
}

const char *
cli_session_token(struct cli *cli)
{
	const char *env = getenv("HOSO_TOKEN");
	if (cli->token != NULL)
		return cli->token;
	if (env != NULL && *env != '\0') {
		cli->token = strdup(env);
		cli->token_from_env = true;
		return cli->token;
	}
	const char *path = cli_token_path(cli);
	char *err = NULL;
	if (path != NULL && hoso_token_read(path, &cli->token, &err) < 0) {
		char *clean = cli_clean(err ? err : "", false);
		cli_error("%s", clean ? clean : hoso_strerror(HOSO_E_NOMEM));
		free(clean);
	}
	free(err);
	return cli->token;
}

int
cli_open(struct cli *cli, bool with_token, char **err)
{
	if (cli->conn != NULL)
		return 0;
	if (with_token)
		cli_session_token(cli);
	struct hoso_connect_opts o = {
		.server = cli->server,
		.timeout_ms = CLI_TIMEOUT_MS,
		.token = with_token ? cli->token : NULL,
		.tls = cli->tls_on ? HOSO_TLS_ON : cli->tls_off ? HOSO_TLS_OFF :
		    HOSO_TLS_AUTO,
		.ca_file = cli->ca_file,
	};
	return hoso_connect_opts(&o, &cli->conn, err);
}

/* After a first contact: the fingerprint now pinned, for the user to
 * check with the server's administrator. */
static void
cli_first_contact(struct cli *cli)
{
	const struct hoso_server_info *si = hoso_server(cli->conn);
	if (!si->new_server)
		return;
	char *msg = NULL;
	if (asprintf(&msg, _("First connection to %s; its certificate "
	    "fingerprint is SHA256:%s; recorded in %s. Check it with the "
	    "server's administrator."), cli->server, si->fingerprint,
	    si->known_file) < 0)
		return;
	char *clean = cli_clean(msg, false);
	fflush(stdout);
	fputs("hoso: ", stderr);
	cli_print_wrapped(stderr, clean ? clean : msg, 6, 6);
	free(clean);
	free(msg);
}

/* A message of several lines on stderr, after "hoso: ", each line
 * wrapped under its own indent. */
static void
cli_print_lines(const char *msg)
{
	char *clean = cli_clean(msg, true);
	if (clean == NULL)
		return;
	fflush(stdout);
	fputs("hoso: ", stderr);
	bool first = true;
	for (char *line = clean, *nl; line != NULL; line = nl, first = false) {
		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl++ = '\0';
		size_t lead = strspn(line, " ");
		if (!first)
			fprintf(stderr, "%*s", (int)lead, "");
		cli_print_wrapped(stderr, line + lead, first ? 6 : lead, lead);
	}
	free(clean);
}

/* --insecure towards another machine: everything crosses the network in
 * clear, passwords and tokens included. */
static int
cli_check_tls_options(struct cli *cli)
{
	if (cli->tls_on && cli->tls_off)
		return cli_usage_error(cli->cmd, "%s", _("--tls and --insecure "
		    "cannot be used together"));
	char *host = NULL;
	uint16_t port;
	if (hoso_parse_hostport(cli->server, &host, &port) < 0)
		return cli_usage_error(NULL, _("%s: '%s' is not a server "
		    "address; write it as HOST or HOST:PORT, e.g. "
		    "127.0.0.1:7707"), cli->server_from, cli->server);
	if (cli->tls_off && !hoso_host_is_loopback(host))
		cli_error(_("warning: --insecure: the connection to %s is not "
		    "encrypted; passwords, session tokens and files cross the "
		    "network in clear"), cli->server);
	free(host);
	return 0;
}

int
cli_connect(struct cli *cli)
{
	if (cli->conn != NULL)
		return 0;
	int rc = cli_check_tls_options(cli);
	if (rc != 0)
		return rc;
	unsigned flags = cli->cmd != NULL ? cli->cmd->flags : 0;
	char *err = NULL;
	rc = cli_open(cli, !(flags & CLI_CMD_NO_TOKEN), &err);
	if (rc == HOSO_E_AUTH && (flags & CLI_CMD_ANON)) {
		/* A stale token does not stop what needs no login. */
		free(err);
		err = NULL;
		cli->token_refused = true;
		rc = cli_open(cli, false, &err);
	}
	if (rc == HOSO_E_AUTH) {
		free(err);
		return cli_not_logged_in();
	}
	if (rc == HOSO_E_TLS_CHANGED && err != NULL) {
		cli_print_lines(err);
		free(err);
		return CLI_EXIT_UNREACHABLE;
	}
	if (rc < 0) {
		char *clean = cli_clean(err ? err : hoso_strerror(rc), false);
		cli_error("%s", clean ? clean : hoso_strerror(HOSO_E_NOMEM));
		free(clean);
		free(err);
		return CLI_EXIT_UNREACHABLE;
	}
	cli_first_contact(cli);
	return 0;
}
