/* conn.c: a client connection: transport, framing, serving, flushing (see
 * conn.h).  Framing first, allocation second: the length is checked
 * against the limit before anything is buffered for the body.
 *
 * Transport.  The client's first byte tells TLS from plain: 0x16 starts a
 * TLS handshake record, while a plain frame starts with a big-endian
 * length whose first byte is at most 0x10 (CONFIG_FRAME_LIMIT).  Until it
 * comes the connection has only the sniff event, which peeks at it
 * without taking it; then it gets a socket bufferevent (plain) or an
 * OpenSSL one (TLS).  Addresses that are not loopback take only TLS
 * unless --insecure.
 *
 * On the plain path replies leave at once from conn_flush, as they did
 * before bufferevents: the bufferevent's write event is armed only while
 * the socket is full, so a request and its reply cost no epoll_ctl.
 *
 * Fairness.  One call of conn_process serves at most CONN_PASS_FRAMES
 * frames or CONN_PASS_USEC of work; what is left stays buffered and the
 * "more" timer (zero timeout, so it fires after the next poll) comes back
 * for it, even if no byte arrives meanwhile.  A client pipelining 100 000
 * requests thus shares each loop pass with the others instead of holding
 * the loop until its pipeline is done.  The read watermark bounds what is
 * buffered meanwhile: a whole frame of max_frame plus CONN_READ_MAX. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <event2/bufferevent_ssl.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "hoso/protocol.h"
#include "frame.h"
#include "i18n.h"
#include "conn.h"
#include "dispatch.h"
#include "job.h"
#include "log.h"
#include "server.h"
#include "tls.h"

/* Slack beyond one whole frame that a connection may buffer unserved
 * (while its write request is in the writer, or beyond its share of a
 * loop pass). */
#define CONN_READ_MAX 65536
#define CONN_READ_CHUNK 16384    /* bytes asked for per read() */
/* One connection's share of a loop pass: frames, and microseconds. */
#define CONN_PASS_FRAMES 64
#define CONN_PASS_USEC 2000
/* The first byte of a TLS handshake record. */
#define TLS_RECORD_HANDSHAKE 0x16

static void conn_sniff_cb(evutil_socket_t fd, short what, void *arg);
static void conn_read_cb(struct bufferevent *bev, void *arg);
static void conn_plain_read_cb(evutil_socket_t fd, short what, void *arg);
static void conn_refuse_cb(struct bufferevent *bev, void *arg);
static void conn_write_cb(struct bufferevent *bev, void *arg);
static void conn_event_cb(struct bufferevent *bev, short what, void *arg);
static void conn_more_cb(evutil_socket_t fd, short what, void *arg);

struct conn *
conn_new(struct server *srv, int fd, const char *peer)
{
	struct conn *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	c->sniff = event_new(srv->base, fd, EV_READ, conn_sniff_cb, c);
	if (c->sniff == NULL || event_add(c->sniff, NULL) < 0) {
		if (c->sniff)
			event_free(c->sniff);
		free(c);
		return NULL;
	}
	c->srv = srv;
	c->fd = fd;
	c->id = ++srv->next_conn_id;
	snprintf(c->peer, sizeof c->peer, "%s", peer);
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0) {
		server_addr_text((struct sockaddr *)&ss, c->local, sizeof c->local);
		c->tls_only = !tls_addr_is_loopback((struct sockaddr *)&ss);
	} else {
		snprintf(c->local, sizeof c->local, "?");
		c->tls_only = true;
	}
	if (srv->cfg->insecure)
		c->tls_only = false;
	c->last_active = c->last_progress = server_now(srv);
	c->next = srv->conns;
	if (srv->conns)
		srv->conns->prev = c;
	srv->conns = c;
	srv->nconns++;
	return c;
}

/* The output buffer shrank: the client is reading its replies. */
static void
conn_out_cb(struct evbuffer *buf, const struct evbuffer_cb_info *info,
    void *arg)
{
	struct conn *c = arg;
	(void)buf;
	if (info->n_deleted > 0)
		c->last_progress = server_now(c->srv);
}

/* How much unserved input a connection may hold: a whole frame of
 * max_frame and CONN_READ_MAX more. */
static size_t
conn_read_bound(const struct conn *c)
{
	return c->srv->cfg->max_frame + HOSO_FRAME_HDR + CONN_READ_MAX;
}

/* Where the bufferevent reads (TLS), stop it at conn_read_bound.  Set
 * again for each frame that has to wait for its rest: a reload (SIGHUP)
 * may have raised max_frame. */
static void
conn_set_watermark(struct conn *c)
{
	bufferevent_setwatermark(c->bev, EV_READ, 0, conn_read_bound(c));
}

/* Read from the client, or stop (paused, busy, closing). */
static void
conn_reading(struct conn *c, bool on)
{
	if (c->rev == NULL) {
		if (on)
			bufferevent_enable(c->bev, EV_READ);
		else
			bufferevent_disable(c->bev, EV_READ);
		return;
	}
	if (!on) {
		event_del(c->rev);
		return;
	}
	if (c->read_full && evbuffer_get_length(c->in) >= conn_read_bound(c))
		return;                 /* stays off until served below it */
	c->read_full = false;
	event_add(c->rev, NULL);
}

/* Plain: the socket is readable.  One read() into the input buffer, up to
 * the bound, then serve (unless a write of this connection is out). */
static void
conn_plain_read_cb(evutil_socket_t fd, short what, void *arg)
{
	struct conn *c = arg;
	(void)what;
	size_t len = evbuffer_get_length(c->in), bound = conn_read_bound(c);
	if (len >= bound) {
		c->read_full = true;
		event_del(c->rev);
		return;
	}
	size_t want = bound - len < CONN_READ_CHUNK ? bound - len :
	    CONN_READ_CHUNK;
	struct evbuffer_iovec v;
	evbuffer_unfreeze(c->in, 0);
	if (evbuffer_reserve_space(c->in, (ev_ssize_t)want, &v, 1) < 1) {
		evbuffer_freeze(c->in, 0);
		conn_close(c, "out of memory");
		return;
	}
	ssize_t n;
	do
		n = read(fd, v.iov_base, v.iov_len < want ? v.iov_len : want);
	while (n < 0 && errno == EINTR);
	int err = errno;
	if (n > 0) {
		v.iov_len = (size_t)n;
		evbuffer_commit_space(c->in, &v, 1);
	}
	evbuffer_freeze(c->in, 0);
	if (n == 0) {
		conn_close(c, "peer closed");
		return;
	}
	if (n < 0) {
		if (err != EAGAIN && err != EWOULDBLOCK)
			conn_close(c, strerror(err));
		return;
	}
	if (c->job == NULL)
		conn_process(c);
}

/* Wire up a new bufferevent: c->in, c->out, callbacks. */
static int
conn_attach(struct conn *c, bufferevent_data_cb read_cb)
{
	c->in = bufferevent_get_input(c->bev);
	c->out = bufferevent_get_output(c->bev);
	c->out_cb = evbuffer_add_cb(c->out, conn_out_cb, c);
	if (c->out_cb == NULL)
		return -1;
	bufferevent_setcb(c->bev, read_cb, conn_write_cb, conn_event_cb, c);
	conn_set_watermark(c);
	return 0;
}

/* Plain framing on the socket.  The write event stays off: conn_flush
 * writes. */
static void
conn_start_plain(struct conn *c)
{
	c->bev = bufferevent_socket_new(c->srv->base, c->fd,
	    BEV_OPT_CLOSE_ON_FREE);
	if (c->bev == NULL ||
	    conn_attach(c, c->tls_only ? conn_refuse_cb : conn_read_cb) < 0) {
		conn_close(c, "out of memory");
		return;
	}
	bufferevent_disable(c->bev, EV_WRITE);
	if (c->tls_only) {
		bufferevent_enable(c->bev, EV_READ);    /* to refuse it */
		return;
	}
	/* Requests are read here, not by the bufferevent: its reads ask the
	 * kernel how much is waiting (an ioctl) before every read, a third
	 * of the system calls of a small request. */
	c->rev = event_new(c->srv->base, c->fd, EV_READ | EV_PERSIST,
	    conn_plain_read_cb, c);
	if (c->rev == NULL || event_add(c->rev, NULL) < 0)
		conn_close(c, "out of memory");
}

/* A TLS handshake: it must finish within frame_timeout, as a frame. */
static void
conn_start_tls(struct conn *c)
{
	struct server *srv = c->srv;
	if (srv->tls_ctx == NULL) {
		log_warn("conn %llu %s: a TLS handshake, but this server has no "
		    "TLS context; closing", (unsigned long long)c->id, c->peer);
		conn_close(c, "no TLS context");
		return;
	}
	SSL *ssl = SSL_new(srv->tls_ctx);
	if (ssl == NULL) {
		ERR_clear_error();
		conn_close(c, "out of memory");
		return;
	}
	/* On failure this frees ssl but leaves the socket to conn_close. */
	c->bev = bufferevent_openssl_socket_new(srv->base, c->fd, ssl,
	    BUFFEREVENT_SSL_ACCEPTING, BEV_OPT_CLOSE_ON_FREE);
	if (c->bev == NULL || conn_attach(c, conn_read_cb) < 0) {
		ERR_clear_error();
		conn_close(c, "out of memory");
		return;
	}
	c->tls = true;
	bufferevent_openssl_set_allow_dirty_shutdown(c->bev, 1);
	bufferevent_enable(c->bev, EV_READ | EV_WRITE);
	c->frame_started = server_now(srv);
}

/* Readable for the first time: peek at the first byte, then choose. */
static void
conn_sniff_cb(evutil_socket_t fd, short what, void *arg)
{
	struct conn *c = arg;
	unsigned char first;
	(void)what;
	ssize_t n = recv(fd, &first, 1, MSG_PEEK);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK ||
	    errno == EINTR)) {
		event_add(c->sniff, NULL);
		return;
	}
	if (n <= 0) {
		conn_close(c, n == 0 ? "peer closed" : strerror(errno));
		return;
	}
	event_free(c->sniff);
	c->sniff = NULL;
	if (first == TLS_RECORD_HANDSHAKE)
		conn_start_tls(c);
	else
		conn_start_plain(c);
}

/* Free the struct: the bufferevent is gone already (conn_close). */
static void
conn_free(struct conn *c)
{
	free(c->subs);
	free(c);
}

/* Closed and no job out: free it from the loop, after whatever called
 * conn_close has returned. */
static void
conn_bury(struct conn *c)
{
	struct server *srv = c->srv;
	c->grave = srv->graves;
	srv->graves = c;
	if (c->grave == NULL && srv->reap != NULL)
		event_active(srv->reap, EV_TIMEOUT, 1);
}

void
conn_reap(struct server *srv)
{
	while (srv->graves != NULL) {
		struct conn *c = srv->graves;
		srv->graves = c->grave;
		conn_free(c);
	}
}

/* TLS: say close_notify if the session is healthy (best effort; the
 * socket is closed right after whatever happens). */
static void
conn_tls_goodbye(struct conn *c)
{
	if (!c->tls || !c->tls_up || c->tls_quiet)
		return;
	SSL *ssl = bufferevent_openssl_get_ssl(c->bev);
	if (ssl != NULL)
		SSL_shutdown(ssl);
	ERR_clear_error();
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
	if (c->sniff != NULL) {
		event_free(c->sniff);
		c->sniff = NULL;
	}
	if (c->more != NULL) {
		event_free(c->more);
		c->more = NULL;
	}
	if (c->rev != NULL) {
		event_free(c->rev);
		c->rev = NULL;
	}
	if (c->bev != NULL) {
		if (c->out_cb != NULL)
			evbuffer_remove_cb_entry(c->out, c->out_cb);
		conn_tls_goodbye(c);
		bufferevent_free(c->bev);       /* closes the socket */
		c->bev = NULL;
		c->in = c->out = NULL;
		c->out_cb = NULL;
	} else {
		close(c->fd);
	}
	c->fd = -1;
	if (c->prev)
		c->prev->next = c->next;
	else
		srv->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	srv->nconns--;
	if (c->job == NULL)
		conn_bury(c);
	/* else conn_job_done buries it when the writer hands the job back */
	if (srv->stopping)
		server_maybe_exit(srv);
}

size_t
conn_queued(const struct conn *c)
{
	return c->out != NULL ? evbuffer_get_length(c->out) : 0;
}

void
conn_stop_reading(struct conn *c)
{
	if (c->bev != NULL)
		conn_reading(c, false);
	else
		conn_close(c, "shutting down");
}

void
conn_send(struct conn *c, const uint8_t *frame, size_t len)
{
	if (!c->dead && evbuffer_add(c->out, frame, len) < 0)
		conn_close(c, "out of memory");
}
/* An error Response frame for id, status and msgid with its "%s"
 * arguments, appended to out; -1 when out of memory. */
static int
error_frame(struct server *srv, struct evbuffer *out, uint64_t id, int status,
    const char *fmt, va_list ap)
{
	struct job *j = server_get_job(srv);
	if (j == NULL)
		return -1;
	job_resp_init(j);
	j->resp.id = id;
	struct req_ctx ctx = { .arena = &j->resp_arena, .resp = &j->resp };
	ctx_failva(&ctx, status, NULL, fmt, ap);
	int rc = job_pack(j) == 0 ? evbuffer_add(out, j->frame, j->frame_len) : 0;
	server_put_job(srv, j);
	return rc;
}

void
conn_send_errorv(struct conn *c, uint64_t id, int status, const char *fmt, ...)
{
	if (c->dead)
		return;
	va_list ap;
	va_start(ap, fmt);
	int rc = error_frame(c->srv, c->out, id, status, fmt, ap);
	va_end(ap);
	if (rc < 0)
		conn_close(c, "out of memory");
}

void
conn_refusev(struct server *srv, int fd, int status, const char *fmt, ...)
{
	struct evbuffer *out = evbuffer_new();
	if (out == NULL)
		return;
	va_list ap;
	va_start(ap, fmt);
	if (error_frame(srv, out, 0, status, fmt, ap) == 0)
		evbuffer_write(out, fd);        /* best effort */
	va_end(ap);
	evbuffer_free(out);
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
	j->now = (int64_t)server_now(srv);
	j->who = c->who;
	snprintf(j->who.peer, sizeof j->who.peer, "%s", c->peer);
	const char *why;
	int st = auth_gate(c, j, &why);
	if (st != 0) {
		const char *kind;
		uint64_t rec;
		authz_target(j->req, &kind, &rec);
		auth_audit(srv, &j->who, j->cmd->name, kind, rec, st);
		server_put_job(srv, j);
		conn_send_error(c, id, st, why);
		return;
	}
	if (j->cmd->flags & CMD_PASSWORD) {
		auth_start(c, j);
		return;
	}
	j->conn = c;
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
	if ((j->cmd->flags & CMD_AUDIT) ||
	    j->resp.status == HOSO__STATUS__PERMISSION_DENIED)
		auth_audit(srv, &j->who, j->cmd->name, j->audit_kind,
		    j->audit_id, j->resp.status);
	if (job_pack(j) == 0)
		conn_send(c, j->frame, j->frame_len);
	if (j->close_after)
		c->closing = true;
	server_put_job(srv, j);
}

/* Microseconds on the monotonic clock. */
static uint64_t
conn_usec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* c used its share of this loop pass with frames still buffered: come
 * back after the next poll.  False if the timer cannot be had (then the
 * caller goes on serving, as without a budget). */
static bool
conn_yield(struct conn *c)
{
	static const struct timeval now = { 0, 0 };
	if (c->more == NULL)
		c->more = evtimer_new(c->srv->base, conn_more_cb, c);
	return c->more != NULL && evtimer_add(c->more, &now) == 0;
}

/* The rest of what conn_process left buffered. */
static void
conn_more_cb(evutil_socket_t fd, short what, void *arg)
{
	struct conn *c = arg;
	(void)fd;
	(void)what;
	if (!c->dead && c->job == NULL)
		conn_process(c);
}

void
conn_process(struct conn *c)
{
	struct server *srv = c->srv;
	uint8_t hdr[HOSO_FRAME_HDR];
	unsigned served = 0;
	uint64_t start = 0;

	while (!c->dead && !c->closing && c->job == NULL) {
		if (evbuffer_get_length(c->out) > srv->cfg->output_cap) {
			if (!c->paused) {
				c->paused = true;
				conn_reading(c, false);
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
			conn_set_watermark(c);
			break;
		}
		if (served == 0)
			start = conn_usec();
		else if ((served >= CONN_PASS_FRAMES ||
		    conn_usec() - start >= CONN_PASS_USEC) && conn_yield(c))
			break;
		served++;
		const uint8_t *p = evbuffer_pullup(c->in, HOSO_FRAME_HDR + n);
		c->frame_started = 0;
		c->last_active = server_now(srv);
		conn_serve(c, p + HOSO_FRAME_HDR, n);
		if (c->dead)
			return;
		evbuffer_drain(c->in, HOSO_FRAME_HDR + n);
	}
	if (c->dead)
		return;
	if (c->closing)
		conn_reading(c, false);
	else if (c->read_full && evbuffer_get_length(c->in) < conn_read_bound(c))
		conn_reading(c, true);
	conn_flush(c);
}

/* Plain: write now.  Only a full socket arms the bufferevent's write
 * event, which writes the rest and calls conn_write_cb once all is out.
 * True when nothing is left. */
static bool
conn_write_plain(struct conn *c)
{
	if (bufferevent_get_enabled(c->bev) & EV_WRITE)
		return false;                   /* waiting for the socket */
	evbuffer_unfreeze(c->out, 1);           /* the bufferevent froze it */
	int n = 1, err = 0;
	while (n > 0 && evbuffer_get_length(c->out) > 0) {
		n = evbuffer_write(c->out, c->fd);
		err = errno;
		if (n < 0 && err == EINTR)
			n = 1;
	}
	evbuffer_freeze(c->out, 1);
	if (n > 0)
		return true;
	if (n < 0 && (err == EAGAIN || err == EWOULDBLOCK))
		bufferevent_enable(c->bev, EV_WRITE);
	else
		conn_close(c, n == 0 ? "peer closed" : strerror(err));
	return false;
}

void
conn_flush(struct conn *c)
{
	if (c->dead || c->bev == NULL)
		return;
	if (evbuffer_get_length(c->out) > 0) {
		if (c->tls || !conn_write_plain(c))
			return;         /* conn_write_cb comes back when all is out */
	} else if (!c->tls && (bufferevent_get_enabled(c->bev) & EV_WRITE)) {
		bufferevent_disable(c->bev, EV_WRITE);
	}
	struct server *srv = c->srv;
	if (c->closing) {
		if (!c->tls)
			shutdown(c->fd, SHUT_WR);
		conn_close(c, "closed by server after error");
		return;
	}
	if (c->paused) {
		/* Resume from the next pass: straight from here, a client
		 * whose socket takes each reply at once would be served
		 * reply after reply (recursing) without yielding. */
		c->paused = false;
		if (!srv->stopping)
			conn_reading(c, true);
		if (!conn_yield(c))
			conn_process(c);
		return;
	}
	if (srv->stopping)
		server_maybe_exit(srv);
}

/* Requests came in: serve them, unless a write is in the writer; then
 * only buffer (the read watermark bounds how much). */
static void
conn_read_cb(struct bufferevent *bev, void *arg)
{
	struct conn *c = arg;
	(void)bev;
	if (c->job == NULL)
		conn_process(c);
}

/* Plain TCP on an address that takes only TLS: one error frame that
 * says so (what the client sent is read and dropped, so closing does not
 * reset the connection under the reply), then close. */
static void
conn_refuse_cb(struct bufferevent *bev, void *arg)
{
	struct conn *c = arg;
	(void)bev;
	evbuffer_drain(c->in, evbuffer_get_length(c->in));
	if (c->closing)
		return;
	log_warn("conn %llu %s: plain TCP on %s, which takes only TLS; "
	    "refused", (unsigned long long)c->id, c->peer, c->local);
	conn_send_error(c, 0, HOSO__STATUS__FAILED_PRECONDITION,
	    N_("this server accepts only TLS connections on %s; connect with "
	    "TLS (hoso uses TLS by itself for addresses that are not "
	    "loopback)"), c->local);
	c->closing = true;
	conn_flush(c);
}

/* All queued output has left (TLS, or plain after a full socket). */
static void
conn_write_cb(struct bufferevent *bev, void *arg)
{
	(void)bev;
	conn_flush(arg);
}

/* TLS handshake done, end of stream, or an error. */
static void
conn_event_cb(struct bufferevent *bev, short what, void *arg)
{
	struct conn *c = arg;
	int err = errno;
	if (what & BEV_EVENT_CONNECTED) {
		c->tls_up = true;
		c->frame_started = 0;
		log_debug("conn %llu %s: TLS established (%s)",
		    (unsigned long long)c->id, c->peer,
		    SSL_get_cipher(bufferevent_openssl_get_ssl(bev)));
		return;
	}
	if (what & BEV_EVENT_EOF) {
		c->tls_quiet = true;
		conn_close(c, "peer closed");
		return;
	}
	if (!c->tls) {
		conn_close(c, strerror(err));
		return;
	}
	char why[256];
	bool ssl_error = tls_bev_error(bev, err, why, sizeof why);
	c->tls_quiet = true;
	if (ssl_error)
		log_warn("conn %llu %s: TLS %s: %s; closing",
		    (unsigned long long)c->id, c->peer,
		    c->tls_up ? "error" : "handshake failed", why);
	conn_close(c, why);
}

void
conn_job_done(struct conn *c, struct job *j)
{
	c->job = NULL;
	if (c->dead) {
		conn_bury(c);
		return;
	}
	if (j->frame != NULL)
		conn_send(c, j->frame, j->frame_len);
	if (j->close_after)
		c->closing = true;
	if (!c->closing && !c->paused && !c->srv->stopping)
		conn_reading(c, true);
	conn_process(c);
}
