/* request.h: what a handler sees of one request, and how it answers. */
#ifndef HOSOD_REQUEST_H
#define HOSOD_REQUEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "hoso.pb-c.h"
#include "arena.h"
#include "config.h"
#include "store.h"

struct conn;
struct server;
struct cmd;
struct principal;

struct req_ctx {
	struct arena *arena;        /* response memory; freed after sending */
	struct txn *txn;            /* read txn (loop) or child write txn */
	const struct rules *rules;
	int64_t now;                /* Unix seconds when the request arrived */
	const Hoso__Request *req;
	Hoso__Response *resp;       /* id and status preset to OK */
	struct conn *conn;          /* loop-thread handlers only, else NULL */
	struct server *srv;         /* loop-thread handlers only, else NULL */
	bool close_after;           /* close the connection after the reply */
	/* Write handlers: called once the batch is durable (committed true),
	 * or when the work is thrown away (false), e.g. to publish or free
	 * in-memory state that must follow the store. */
	void (*after)(void *arg, bool committed);
	void *after_arg;
	/* Who asks (never NULL; the daemon's own jobs run as ROLE_SYSTEM) and
	 * through which table row. */
	const struct principal *who;
	const struct cmd *cmd;
	/* The record the request names, for the audit log: set by the access
	 * check, changed by handlers that make a record ("person", id). */
	const char *audit_kind;
	uint64_t audit_id;
	/* UserAdd, UserPasswd: the new password's hash, made off the loop. */
	const char *pw_hash;
	bool pw_old_ok;             /* UserPasswd: old_password verified */
};

/* Fail the request: status, offending field (or NULL), an English msgid
 * with "%s" conversions and their string arguments.  Sets the response's
 * message, message_format and message_args; returns status. */
int ctx_failv(struct req_ctx *c, int status, const char *field,
    const char *fmt, ...);
int ctx_failva(struct req_ctx *c, int status, const char *field,
    const char *fmt, va_list ap);
#define ctx_fail(c, status, field, ...) \
	ctx_failv(c, status, field, __VA_ARGS__, (const char *)NULL)

/* A translatable message in the wire's three fields: the English text
 * (fmt with args substituted), and copies of the args, all in arena a.
 * Used for errors, explanation lines and alerts. */
void ctx_message(struct arena *a, const char *fmt, const char *const *args,
    size_t n, char **message, char ***out_args, size_t *n_out);

/* Fail with the status and text for a store error rc. */
int ctx_store_error(struct req_ctx *c, int rc);

/* Who handled something: the name given (a person on paper), else the
 * caller's login. */
char *ctx_by(struct req_ctx *c, char *given);

/* A u64 as a decimal string in the arena, for message arguments. */
const char *ctx_u64(struct req_ctx *c, uint64_t v);

#endif
