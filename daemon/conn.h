/* conn.h: one client connection: its socket, transport (plain or TLS),
 * buffers and framing.  The connection owns its bufferevent (and through
 * it the socket and buffers) and at most one write job in flight;
 * conn_close releases them in one place.  The struct itself is freed
 * later, from the loop (see conn_reap), so code that closed a connection
 * may still look at c->dead on its way out. */
#ifndef HOSOD_CONN_H
#define HOSOD_CONN_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>

#include "authz.h"

struct server;
struct job;

struct conn {
	struct conn *prev, *next;   /* server's list */
	struct server *srv;
	int fd;
	uint64_t id;
	char peer[64];
	char local[64];             /* our address the client reached */
	struct event *sniff;        /* waits for the first byte, or NULL */
	struct event *more;         /* serves what one pass left, or NULL */
	struct bufferevent *bev;    /* socket or OpenSSL; NULL until then */
	struct event *rev;          /* plain: our own read event (the
	                             * bufferevent only writes), or NULL */
	bool read_full;             /* plain: input at its bound; rev off */
	struct evbuffer *in, *out;  /* bev's input and output, or NULL */
	struct evbuffer_cb_entry *out_cb;   /* notes write progress */
	struct conn *grave;         /* closed, waiting for conn_reap */
	struct job *job;            /* write request in the writer, or NULL */
	bool hello;                 /* Hello exchanged */
	bool closing;               /* send what is queued, then close */
	bool dead;                  /* closed; freed once no job is out */
	bool paused;                /* output over the cap: not reading */
	bool tls_only;              /* plain refused: local address is not
	                             * loopback and not --insecure */
	bool tls;                   /* speaking TLS */
	bool tls_up;                /* handshake done */
	bool tls_quiet;             /* peer gone or TLS failed: no close_notify */
	time_t last_active;         /* last complete frame (or accept) */
	time_t frame_started;       /* first byte of an incomplete frame (or of
	                             * the TLS handshake), or 0 */
	time_t last_progress;       /* last time output drained */
	/* Alerts pushed as Events (Subscribe): every one, or those of units. */
	bool sub_all;
	uint64_t *subs;             /* owned */
	size_t n_subs;
	/* Logged in (Login, or Hello with a token): as whom, in which session
	 * (the SHA-256 of its token; session.c owns the session itself). */
	bool authed;
	struct principal who;
	uint8_t session[32];
};

struct conn *conn_new(struct server *srv, int fd, const char *peer);
/* Close now (or as soon as the writer returns the job); reason for logs. */
void conn_close(struct conn *c, const char *reason);
/* Serve the complete frames buffered, up to one loop pass's share (the
 * rest from the "more" timer, see conn.c), then flush. */
void conn_process(struct conn *c);
/* Write what is queued (plain: at once, arming the write event only when
 * the socket is full; TLS: the bufferevent does); once all has left, end a
 * closing connection or resume a paused one. */
void conn_flush(struct conn *c);
/* Queue a framed reply. */
void conn_send(struct conn *c, const uint8_t *frame, size_t len);
/* Queue an error Response with id, status and an English msgid with
 * "%s" arguments (NULL-terminated). */
void conn_send_errorv(struct conn *c, uint64_t id, int status,
    const char *fmt, ...);
#define conn_send_error(c, id, st, ...) \
	conn_send_errorv(c, id, st, __VA_ARGS__, (const char *)NULL)
/* Write such an error (id 0) straight to a socket that gets no
 * connection (best effort): a client refused at accept. */
void conn_refusev(struct server *srv, int fd, int status, const char *fmt,
    ...);
#define conn_refuse(srv, fd, st, ...) \
	conn_refusev(srv, fd, st, __VA_ARGS__, (const char *)NULL)
/* The writer finished c's job: send its reply, go on parsing. */
void conn_job_done(struct conn *c, struct job *j);
/* Bytes of replies waiting to leave. */
size_t conn_queued(const struct conn *c);
/* Shutting down: read no more requests (a client that has not sent its
 * first byte yet is closed). */
void conn_stop_reading(struct conn *c);
/* Free the connections closed since the last call (loop, or exit). */
void conn_reap(struct server *srv);

#endif
