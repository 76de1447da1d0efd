/* server.h: the daemon as a whole: event loop, listeners, connections,
 * the store and the writer.  One instance, owned by main. */
#ifndef HOSOD_SERVER_H
#define HOSOD_SERVER_H

#include <stdbool.h>
#include <stdint.h>

#include <event2/event.h>
#include <event2/listener.h>

#include "auth.h"
#include "config.h"
#include "session.h"
#include "store.h"
#include "writer.h"

struct conn;
struct job;
struct sockaddr;
struct ssl_ctx_st;

struct server {
	struct event_base *base;
	struct config *cfg;
	struct store store;
	struct writer writer;
	struct evconnlistener *listeners[CONFIG_MAX_LISTEN];
	int nlisteners;
	struct conn *conns;
	unsigned nconns;
	uint64_t next_conn_id;
	struct conn *graves;        /* closed, to be freed by conn_reap */
	struct event *reap;         /* runs conn_reap */
	struct ssl_ctx_st *tls_ctx; /* TLS 1.3 context (tls.c) */
	time_t stop_at;             /* when SIGTERM came */
	struct job *pool;           /* recycled jobs */
	unsigned npool;             /* how many (at most POOL_MAX) */
	struct event *tick, *sigterm, *sigint, *sighup;
	unsigned inflight;          /* write jobs in the writer */
	bool stopping;
	time_t now;                 /* cached once per loop pass */
	int64_t clock_offset;       /* --now: seconds added to the clock */
	/* The deadline sweep (alerting.c). */
	struct event *sweep_ev, *sigchld;
	time_t sweep_at;            /* when the timer is set for, or 0 */
	bool sweep_running;         /* a sweep job is in the writer */
	bool sweep_again;           /* asked for while one was running */
	/* Logins and sessions (auth.c, session.c). */
	struct auth auth;
	struct sessions sessions;
};

int server_init(struct server *srv, struct config *cfg, char **cause);
int server_listen(struct server *srv, char **cause);
int server_run(struct server *srv);
void server_free(struct server *srv);

/* A job from the pool (or a new one); back with server_put_job. */
struct job *server_get_job(struct server *srv);
void server_put_job(struct server *srv, struct job *j);
/* Hand a write job to the writer. */
void server_submit(struct server *srv, struct job *j);
/* Current time, cached per loop pass. */
time_t server_now(struct server *srv);
/* Shutting down: leave the loop once no write is in flight and every
 * queued reply has left (or write_timeout after SIGTERM). */
void server_maybe_exit(struct server *srv);
/* "1.2.3.4:5" or "[::1]:5". */
void server_addr_text(const struct sockaddr *sa, char *buf, size_t size);

#endif
