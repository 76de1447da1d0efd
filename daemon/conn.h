/* conn.h: one client connection: its socket, buffers and framing.
 * The connection owns its buffers, events and at most one write job in
 * flight; conn_close frees them all in one place (deferred while the
 * writer still holds the job). */
#ifndef HOSOD_CONN_H
#define HOSOD_CONN_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <event2/buffer.h>
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
	struct evbuffer *in, *out;
	struct event *rev, *wev;
	struct job *job;            /* write request in the writer, or NULL */
	bool hello;                 /* Hello exchanged */
	bool closing;               /* send what is queued, then close */
	bool dead;                  /* closed; freed when job comes back */
	bool paused;                /* output over the cap: not reading */
	time_t last_active;         /* last complete frame (or accept) */
	time_t frame_started;       /* first byte of an incomplete frame, or 0 */
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
/* Parse and serve every complete frame buffered, then flush. */
void conn_process(struct conn *c);
/* Write what is queued; arm EV_WRITE only when the socket is full. */
void conn_flush(struct conn *c);
/* Queue a framed reply. */
void conn_send(struct conn *c, const uint8_t *frame, size_t len);
/* Queue an error Response with id, status and an English msgid with
 * "%s" arguments (NULL-terminated). */
void conn_send_errorv(struct conn *c, uint64_t id, int status,
    const char *fmt, ...);
#define conn_send_error(c, id, st, ...) \
	conn_send_errorv(c, id, st, __VA_ARGS__, (const char *)NULL)
/* The writer finished c's job: send its reply, go on parsing. */
void conn_job_done(struct conn *c, struct job *j);

#endif
