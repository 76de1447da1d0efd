/* request.c: building error responses (see request.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "msgfmt.h"
#include "authz.h"
#include "request.h"

#define CTX_MAX_ARGS 8

int
ctx_failv(struct req_ctx *c, int status, const char *field, const char *fmt,
    ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = ctx_failva(c, status, field, fmt, ap);
	va_end(ap);
	return rc;
}

void
ctx_message(struct arena *a, const char *fmt, const char *const *args,
    size_t n, char **message, char ***out_args, size_t *n_out)
{
	*out_args = arena_alloc(a, sizeof(char *) * (n ? n : 1));
	*n_out = 0;
	if (*out_args != NULL) {
		for (size_t i = 0; i < n; i++)
			(*out_args)[i] = arena_strdup(a, args[i]);
		*n_out = n;
	}
	char *msg = msgfmt(fmt, args, n);
	*message = msg ? arena_strdup(a, msg) : (char *)fmt;
	free(msg);
}

int
ctx_failva(struct req_ctx *c, int status, const char *field, const char *fmt,
    va_list ap)
{
	const char *args[CTX_MAX_ARGS];
	size_t n = 0;
	for (const char *a; (a = va_arg(ap, const char *)) != NULL;)
		if (n < CTX_MAX_ARGS)
			args[n++] = a;

	Hoso__Response *r = c->resp;
	r->status = status;
	r->field = field ? (char *)field : (char *)"";
	r->message_format = (char *)fmt;
	ctx_message(c->arena, fmt, args, n, &r->message, &r->message_args,
	    &r->n_message_args);
	return status;
}

int
ctx_store_error(struct req_ctx *c, int rc)
{
	int st = store_status(rc);
	if (rc == MDB_MAP_FULL || rc == ENOSPC || rc == EDQUOT)
		return ctx_fail(c, st, NULL, N_("the server's disk is full; "
		    "nothing was saved, please tell the administrator"));
	if (rc == ENOMEM)
		return ctx_fail(c, st, NULL, N_("the server is out of memory; "
		    "nothing was saved"));
	if (rc == MDB_PANIC)
		return ctx_fail(c, st, NULL, N_("the server's database stopped "
		    "after a disk error and needs a restart of hosod; nothing was "
		    "saved, please tell the administrator"));
	return ctx_fail(c, st, NULL, N_("internal storage error (%s); "
	    "nothing was saved"), store_strerror(rc));
}

const char *
ctx_u64(struct req_ctx *c, uint64_t v)
{
	return arena_printf(c->arena, "%llu", (unsigned long long)v);
}

char *
ctx_by(struct req_ctx *c, char *given)
{
	if (given != NULL && *given != '\0')
		return given;
	return c->who != NULL ? (char *)c->who->login : (char *)"";
}
