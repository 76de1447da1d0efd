/* auth.h: logging in, and the password work kept off the event loop.
 *
 * Argon2id costs ~0.1 s of CPU and 64 MiB by design, far too long for the
 * loop (every client would wait) or the writer (every write would wait).
 * So requests flagged CMD_PASSWORD go first to one password thread: Login
 * verifies there and then finishes in the loop (a session, in memory);
 * UserAdd and UserPasswd hash there and then go on to the writer.
 *
 * Failed logins are counted per account and per source address; from the
 * third in a row, the next attempt must wait 1 s, then 2, 4 ... up to
 * login_delay_max.  The fifth raises a "security" alert. */
#ifndef HOSOD_AUTH_H
#define HOSOD_AUTH_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <event2/event.h>

#include "hoso.pb-c.h"
#include "authz.h"

struct server;
struct conn;
struct job;
struct req_ctx;

struct throttle_ent {
	char key[80];               /* "u:LOGIN" or "a:ADDRESS" */
	unsigned failures;
	int64_t until_ms;           /* no attempt before (monotonic ms) */
	int64_t last_ms;
};

struct auth {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct job *queue, **queue_tail;
	struct job *done, **done_tail;
	bool stop, running;
	int efd;
	struct event *ev;
	char dummy_hash[128];       /* verified against for unknown logins */
	struct throttle_ent *th;
	size_t nth;
};

/* An Argon2id string for a password (libsodium, interactive limits),
 * the one cost every account uses; 0, or -1 (out of memory). */
int auth_hash_password(char out[128], const char *pw, size_t len);

int auth_init(struct server *srv);
void auth_free(struct server *srv);
/* A CMD_PASSWORD request arrived on c (its role is allowed): start it. */
void auth_start(struct conn *c, struct job *j);
/* Hello with a token: log c in as that session; status (UNAUTHENTICATED
 * with the message set when the token is unknown or has ended). */
int auth_resume(struct req_ctx *c, const char *token);
/* Before a request on c: 0 when c may send it, else the status to answer
 * with (and *msg an English msgid without arguments). */
int auth_gate(struct conn *c, const struct job *j, const char **msg);
/* Append an audit entry for something the loop decided (loop thread). */
void auth_audit(struct server *srv, const struct principal *who,
    const char *request, const char *kind, uint64_t id, int outcome);
/* A committed write changed accounts: end sessions that must end. */
void auth_after_write(struct server *srv, const struct job *j);
/* Once a second: forget ended sessions and old failures. */
void auth_tick(struct server *srv);
/* The principal for an account: its role, unit, and the ward it serves. */
void auth_principal(struct req_ctx *c, const Hoso__User *u,
    struct principal *p);

#endif
