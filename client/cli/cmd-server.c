/* cmd-server.c: hoso server info and hoso ping, which work without
 * logging in.  server info also tells how the connection is secured. */
#include <stdio.h>
#include <time.h>

#include "cli.h"
#include "i18n.h"

int
cmd_server_info(struct cli *cli, const struct cli_args *args)
{
	int rc = cli_no_positional(args);
	if (rc == 0)
		rc = cli_connect(cli);
	if (rc != 0)
		return rc;
	const struct hoso_server_info *si = hoso_server(cli->conn);
	char proto[24];
	snprintf(proto, sizeof proto, "%u.%u", (unsigned)si->protocol_major,
	    (unsigned)si->protocol_minor);
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_begin_object(&j);
		json_key(&j, "server");
		json_string(&j, cli->server);
		json_key(&j, "name");
		json_string(&j, si->name);
		json_key(&j, "version");
		json_string(&j, si->version);
		json_key(&j, "protocol");
		json_string(&j, proto);
		json_key(&j, "max_frame");
		json_uint(&j, si->max_frame);
		json_key(&j, "client_version");
		json_string(&j, HOSO_VERSION);
		json_key(&j, "tls");
		json_bool(&j, si->tls);
		json_key(&j, "verified");
		json_bool(&j, si->verified);
		json_key(&j, "fingerprint");
		json_string(&j, si->fingerprint);
		json_key(&j, "user");
		json_string(&j, si->user != NULL ? si->user->login : NULL);
		json_end_object(&j);
		return cli_print_json(&j);
	}
	struct cli_block b = { 0 };
	cli_block_add(&b, _("Address"), "%s", cli->server);
	cli_block_add(&b, _("Server"), "%s %s", si->name, si->version);
	cli_block_add(&b, _("Protocol"), "%s", proto);
	cli_block_add(&b, _("Largest request"), _("%u bytes"),
	    (unsigned)si->max_frame);
	cli_block_add(&b, _("This program"), "hoso %s (%s %d.%d)",
	    HOSO_VERSION, _("protocol"), HOSO_PROTO_MAJOR, HOSO_PROTO_MINOR);
	if (!si->tls)
		cli_block_add(&b, _("Connection"), "%s", _("plain TCP, not "
		    "encrypted"));
	else if (si->verified)
		cli_block_add(&b, _("Connection"), "%s", _("TLS; the "
		    "certificate was checked against the CA certificates"));
	else
		cli_block_add(&b, _("Connection"), _("TLS; certificate "
		    "SHA256:%s"), si->fingerprint ? si->fingerprint : "?");
	if (si->user != NULL)
		cli_block_add(&b, _("Logged in as"), "%s", si->user->login);
	cli_block_print(&b);
	return CLI_EXIT_OK;
}

/* Microseconds on a monotonic clock. */
static int64_t
ping_now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int
cmd_ping(struct cli *cli, const struct cli_args *args)
{
	int rc = cli_no_positional(args);
	if (rc == 0)
		rc = cli_connect(cli);
	if (rc != 0)
		return rc;
	Hoso__Ping ping = HOSO__PING__INIT;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_PING;
	req.ping = &ping;
	int64_t start = ping_now_us();
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_PONG);
	if (rc != 0)
		return rc;
	int64_t rtt = ping_now_us() - start;
	int64_t t = resp->pong->time;
	hoso_response_free(resp);
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_begin_object(&j);
		json_key(&j, "ok");
		json_bool(&j, true);
		json_key(&j, "time");
		json_instant(&j, t);
		json_key(&j, "rtt_us");
		json_int(&j, rtt);
		json_end_object(&j);
		return cli_print_json(&j);
	}
	char when[17];
	if (t != 0)
		printf(_("The server answered in %.2f ms; its clock says %s.\n"),
		    (double)rtt / 1000.0, cli_format_instant(t, when));
	else
		printf(_("The server answered in %.2f ms.\n"),
		    (double)rtt / 1000.0);
	return CLI_EXIT_OK;
}
