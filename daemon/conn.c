/* conn.c: a client connection: framing, serving, flushing (see conn.h).
 * Framing first, allocation second: the length is checked against the
 * limit before anything is buffered for the body. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hoso/protocol.h"
#include "frame.h"
#include "i18n.h"
#include "conn.h"
#include "dispatch.h"
#include "job.h"
#include "log.h"
#include "server.h"

#define CONN_READ_MAX 65536

static void conn_read_cb(evutil_socket_t fd, short what, void *arg);
static void conn_write_cb(evutil_socket_t fd, short what, void *arg);

struct conn *
conn_new(struct server *srv, int fd, const char *peer)
{
	struct conn *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	c->srv = srv;
	c->fd = fd;
	c->id = ++srv->next_conn_id;
	snprintf(c->peer, sizeof c->peer, "%s", peer);
	c->in = evbuffer_new();
	c->out = evbuffer_new();
	c->rev = event_new(srv->base, fd, EV_READ | EV_PERSIST, conn_read_cb, c);
	c->wev = event_new(srv->base, fd, EV_WRITE | EV_PERSIST, conn_write_cb, c);
	if (c->in == NULL || c->out == NULL || c->rev == NULL || c->wev == NULL ||
	    event_add(c->rev, NULL) < 0) {
		if (c->in) evbuffer_free(c->in);
		if (c->out) evbuffer_free(c->out);
		if (c->rev) event_free(c->rev);
		if (c->wev) event_free(c->wev);
		free(c);
		return NULL;
	}
	c->last_active = c->last_progress = server_now(srv);
	c->next = srv->conns;
	if (srv->conns)
		srv->conns->prev = c;
	srv->conns = c;
	srv->nconns++;
	return c;
}

/* Free everything the connection owns. */
static void
conn_free(struct conn *c)
{
	evbuffer_free(c->in);
	evbuffer_free(c->out);
	event_free(c->rev);
	event_free(c->wev);
	free(c->subs);
	free(c);
}

void
conn_close(struct conn *c, const char *reason)
{
	if (c->dead)
		return;
	struct server *srv = c->srv;
	log_debug("conn %llu %s closed: %s", (unsigned long long)c->id, c->peer,
	    reason);
	c->dead = true;
	event_del(c->rev);
	event_del(c->wev);
	close(c->fd);
	c->fd = -1;
	if (c->prev)
		c->prev->next = c->next;
	else
		srv->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	srv->nconns--;
	if (c->job == NULL)
		conn_free(c);
	/* else conn_job_done frees it when the writer hands the job back */
}

void
conn_send(struct conn *c, const uint8_t *frame, size_t len)
{
	if (!c->dead && evbuffer_add(c->out, frame, len) < 0)
		conn_close(c, "out of memory");
}

void
conn_send_errorv(struct conn *c, uint64_t id, int status, const char *fmt, ...)
{
	struct server *srv = c->srv;
	struct job *j = server_get_job(srv);
	if (j == NULL) {
		conn_close(c, "out of memory");
		return;
	}
	job_resp_init(j);
	j->resp.id = id;
	struct req_ctx ctx = { .arena = &j->resp_arena, .resp = &j->resp };
	va_list ap;
	va_start(ap, fmt);
	ctx_failva(&ctx, status, NULL, fmt, ap);
	va_end(ap);
	if (job_pack(j) == 0)
		conn_send(c, j->frame, j->frame_len);
	server_put_job(srv, j);
}

/* Serve one complete frame: decode, look up, read now or hand to writer. */
static void
conn_serve(struct conn *c, const uint8_t *data, uint32_t n)
{
	struct server *srv = c->srv;
	if (n == 0) {
		conn_send_error(c, 0, HOSO__STATUS__INVALID_ARGUMENT,
		    N_("empty frame: a frame must hold one Request"));
		return;
	}
	struct job *j = server_get_job(srv);
	if (j == NULL) {
		conn_close(c, "out of memory");
		return;
	}
	j->req = hoso__request__unpack(&j->req_arena.pb, n, data);
	if (j->req == NULL) {
		server_put_job(srv, j);
		conn_send_error(c, 0, HOSO__STATUS__INVALID_ARGUMENT,
		    N_("the frame is not a valid hoso Request message"));
		return;
	}
	uint64_t id = j->req->id;
	j->cmd = cmd_lookup(j->req->body_case);
	if (j->cmd == NULL || (j->cmd->flags & CMD_INTERNAL)) {
		server_put_job(srv, j);
		conn_send_error(c, id, HOSO__STATUS__INVALID_ARGUMENT,
		    N_("unknown request type; the server speaks protocol %s"),
		    HOSO_PROTO_VERSION_STRING);
		return;
	}
	if (!c->hello && !(j->cmd->flags & CMD_BEFORE_HELLO)) {
		server_put_job(srv, j);
		conn_send_error(c, id, HOSO__STATUS__FAILED_PRECONDITION,
		    N_("the first request on a connection must be Hello"));
		return;
	}
	j->conn = c;
	j->now = (int64_t)server_now(srv);
	j->rules = srv->cfg->rules;
	if (j->cmd->flags & CMD_WRITE) {
		c->job = j;
		server_submit(srv, j);
		return;
	}
	job_resp_init(j);
	struct txn t;
	int rc = store_read_begin(&srv->store, &t);
	if (rc != 0) {
		struct req_ctx ctx = { .arena = &j->resp_arena, .resp = &j->resp };
		ctx_store_error(&ctx, rc);
	} else {
		job_run(j, &t, c, srv);
		store_read_end(&t);
	}
	j->cmd->calls++;
	if (j->resp.status != HOSO__STATUS__OK)
		j->cmd->failures++;
	if (job_pack(j) == 0)
		conn_send(c, j->frame, j->frame_len);
	if (j->close_after)
		c->closing = true;
	server_put_job(srv, j);
}

void
conn_process(struct conn *c)
{
	struct server *srv = c->srv;
	uint8_t hdr[HOSO_FRAME_HDR];

	while (!c->dead && !c->closing && c->job == NULL) {
		if (evbuffer_get_length(c->out) > srv->cfg->output_cap) {
			if (!c->paused) {
				c->paused = true;
				event_del(c->rev);
				c->last_progress = server_now(srv);
			}
			break;
		}
		size_t len = evbuffer_get_length(c->in);
		if (len < HOSO_FRAME_HDR) {
			c->frame_started = len ? (c->frame_started ?
			    c->frame_started : server_now(srv)) : 0;
			break;
		}
		evbuffer_copyout(c->in, hdr, HOSO_FRAME_HDR);
		uint32_t n = frame_get_len(hdr);
		if (n > srv->cfg->max_frame) {
			char got[24], max[24];
			snprintf(got, sizeof got, "%u", n);
			snprintf(max, sizeof max, "%llu",
			    (unsigned long long)srv->cfg->max_frame);
			log_warn("conn %llu %s: frame of %s bytes over the limit "
			    "%s; closing", (unsigned long long)c->id, c->peer, got,
			    max);
			conn_send_error(c, 0, HOSO__STATUS__RESOURCE_EXHAUSTED,
			    N_("frame of %s bytes is over the server's limit of "
			    "%s bytes"), got, max);
			c->closing = true;
			evbuffer_drain(c->in, len);
			break;
		}
		if (len < HOSO_FRAME_HDR + (size_t)n) {
			if (c->frame_started == 0)
				c->frame_started = server_now(srv);
			break;
		}
		const uint8_t *p = evbuffer_pullup(c->in, HOSO_FRAME_HDR + n);
		c->frame_started = 0;
		c->last_active = server_now(srv);
		conn_serve(c, p + HOSO_FRAME_HDR, n);
		if (c->dead)
			return;
		evbuffer_drain(c->in, HOSO_FRAME_HDR + n);
	}
	if (c->closing)
		event_del(c->rev);
	conn_flush(c);
}

void
conn_flush(struct conn *c)
{
	if (c->dead)
		return;
	while (evbuffer_get_length(c->out) > 0) {
		int n = evbuffer_write(c->out, c->fd);
		if (n > 0) {
			c->last_progress = server_now(c->srv);
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			event_add(c->wev, NULL);
			return;
		}
		if (n < 0 && errno == EINTR)
			continue;
		conn_close(c, n == 0 ? "peer closed" : strerror(errno));
		return;
	}
	event_del(c->wev);
	if (c->closing) {
		shutdown(c->fd, SHUT_WR);
		conn_close(c, "closed by server after error");
		return;
	}
	if (c->paused) {
		c->paused = false;
		event_add(c->rev, NULL);
		conn_process(c);
	}
}

/* Readable: pull what is there, then serve it. */
static void
conn_read_cb(evutil_socket_t fd, short what, void *arg)
{
	struct conn *c = arg;
	(void)what;
	int n = evbuffer_read(c->in, fd, CONN_READ_MAX);
	if (n == 0) {
		conn_close(c, "peer closed");
		return;
	}
	if (n < 0) {
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			conn_close(c, strerror(errno));
		return;
	}
	/* While a write is in flight, only buffer; bound what we buffer. */
	if (c->job != NULL && evbuffer_get_length(c->in) >
	    c->srv->cfg->max_frame + HOSO_FRAME_HDR + CONN_READ_MAX)
		event_del(c->rev);
	if (c->job == NULL)
		conn_process(c);
}

/* Writable again: flush. */
static void
conn_write_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	conn_flush(arg);
}

void
conn_job_done(struct conn *c, struct job *j)
{
	c->job = NULL;
	if (c->dead) {
		conn_free(c);
		return;
	}
	if (j->frame != NULL)
		conn_send(c, j->frame, j->frame_len);
	if (j->close_after)
		c->closing = true;
	if (!c->closing && !c->paused)
		event_add(c->rev, NULL);
	conn_process(c);
}
