/* cmd-hello.c: the session handshake and keep-alive. */
#include "hoso/protocol.h"
#include "i18n.h"
#include "conn.h"
#include "dispatch.h"
#include "server.h"
#include "tables.h"

/* Hello: agree on the protocol; a different major version is refused and
 * the connection closed, since nothing after it could be understood. */
int
cmd_hello(struct req_ctx *c)
{
	const Hoso__Hello *h = c->req->hello;
	if (h->protocol_major != HOSO_PROTO_MAJOR) {
		c->close_after = true;
		return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION,
		    "protocol_major", N_("protocol version mismatch: the server "
		    "speaks %s, the client %s; please update the client"),
		    HOSO_PROTO_VERSION_STRING, arena_printf(c->arena, "%u.%u",
		    h->protocol_major, h->protocol_minor));
	}
	Hoso__HelloReply *r = arena_alloc(c->arena, sizeof *r);
	if (r == NULL)
		return ctx_fail(c, HOSO__STATUS__INTERNAL, NULL,
		    N_("the server is out of memory"));
	hoso__hello_reply__init(r);
	r->protocol_major = HOSO_PROTO_MAJOR;
	r->protocol_minor = HOSO_PROTO_MINOR;
	r->server_name = (char *)"hosod";
	r->server_version = (char *)HOSO_VERSION;
	r->max_frame = (uint32_t)c->srv->cfg->max_frame;
	if (h->token != NULL && h->token[0] != '\0') {
		int st = auth_resume(c, h->token);
		if (st != 0)
			return st;
		int rc;
		Hoso__User *u = user_get(c->txn, c->conn->who.user_id, c->arena,
		    &rc);
		if (u != NULL) {
			u->password_hash = (char *)"";
			r->user = u;
		}
	}
	c->resp->body_case = HOSO__RESPONSE__BODY_HELLO;
	c->resp->hello = r;
	c->conn->hello = true;
	return 0;
}

/* Ping: a cheap round trip that keeps an idle connection open. */
int
cmd_ping(struct req_ctx *c)
{
	Hoso__Pong *p = arena_alloc(c->arena, sizeof *p);
	if (p == NULL)
		return ctx_fail(c, HOSO__STATUS__INTERNAL, NULL,
		    N_("the server is out of memory"));
	hoso__pong__init(p);
	p->time = c->now;
	c->resp->body_case = HOSO__RESPONSE__BODY_PONG;
	c->resp->pong = p;
	return 0;
}
