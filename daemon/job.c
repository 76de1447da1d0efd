/* job.c: a request's life (see job.h). */
#include <stdlib.h>
#include <string.h>

#include "hoso/protocol.h"
#include "frame.h"
#include "conn.h"
#include "dispatch.h"
#include "job.h"
#include "log.h"
#include "request.h"

#include <sodium.h>

struct job *
job_new(void)
{
	struct job *j = calloc(1, sizeof *j);
	if (j == NULL)
		return NULL;
	arena_init(&j->req_arena);
	arena_init(&j->resp_arena);
	return j;
}

void
job_free(struct job *j)
{
	if (j == NULL)
		return;
	arena_free(&j->req_arena);
	arena_free(&j->resp_arena);
	free(j);
}

void
job_reset(struct job *j)
{
	job_after(j, false);
	arena_reset(&j->req_arena);
	arena_reset(&j->resp_arena);
	j->next = NULL;
	j->conn = NULL;
	j->cmd = NULL;
	j->req = NULL;
	j->close_after = false;
	j->due_changed = false;
	j->frame = NULL;
	j->frame_len = 0;
	memset(&j->who, 0, sizeof j->who);
	j->audit_kind = NULL;
	j->audit_id = 0;
	if (j->pw_hash[0] != '\0')
		sodium_memzero(j->pw_hash, sizeof j->pw_hash);
	j->pw_ok = false;
}

void
job_after(struct job *j, bool committed)
{
	if (j->after != NULL)
		j->after(j->after_arg, committed);
	j->after = NULL;
	j->after_arg = NULL;
}

void
job_resp_init(struct job *j)
{
	job_after(j, false);        /* a retry throws the last attempt away */
	arena_reset(&j->resp_arena);
	hoso__response__init(&j->resp);
	j->resp.id = j->req ? j->req->id : 0;
	j->frame = NULL;
	j->frame_len = 0;
}

uint8_t *
server_msg_frame(const Hoso__ServerMessage *sm, size_t *len)
{
	size_t n = hoso__server_message__get_packed_size(sm);
	uint8_t *buf = malloc(n + HOSO_FRAME_HDR);
	if (buf == NULL)
		return NULL;
	frame_put_len(buf, (uint32_t)n);
	hoso__server_message__pack(sm, buf + HOSO_FRAME_HDR);
	*len = n + HOSO_FRAME_HDR;
	return buf;
}

int
job_pack(struct job *j)
{
	Hoso__ServerMessage sm = HOSO__SERVER_MESSAGE__INIT;
	sm.body_case = HOSO__SERVER_MESSAGE__BODY_RESPONSE;
	sm.response = &j->resp;
	size_t n = hoso__server_message__get_packed_size(&sm);
	uint8_t *buf = arena_alloc(&j->resp_arena, n + HOSO_FRAME_HDR);
	if (buf == NULL)
		return -1;
	frame_put_len(buf, (uint32_t)n);
	hoso__server_message__pack(&sm, buf + HOSO_FRAME_HDR);
	j->frame = buf;
	j->frame_len = n + HOSO_FRAME_HDR;
	return 0;
}

int
job_run(struct job *j, struct txn *t, struct conn *conn, struct server *srv)
{
	struct req_ctx c = {
		.arena = &j->resp_arena,
		.txn = t,
		.rules = &j->rules,
		.now = j->now,
		.req = j->req,
		.resp = &j->resp,
		.conn = conn,
		.srv = srv,
		.who = &j->who,
		.cmd = j->cmd,
		.pw_hash = j->pw_hash[0] ? j->pw_hash : NULL,
		.pw_old_ok = j->pw_ok,
	};
	/* For the journal's fields.  A conn outlives its write job, and its
	 * id never changes, so the writer thread may read it. */
	log_context_set(j->cmd->name, j->who.login, j->who.peer,
	    j->conn != NULL ? j->conn->id : 0);
	int st = authz_request(&c);
	if (st == HOSO__STATUS__OK)
		st = j->cmd->fn(&c);
	if (st == HOSO__STATUS__OK && t != NULL && t->err != 0)
		st = ctx_store_error(&c, t->err);
	j->after = c.after;
	j->after_arg = c.after_arg;
	if (st != HOSO__STATUS__OK)
		job_after(j, false);
	j->resp.status = st;
	j->close_after = c.close_after;
	j->due_changed = st == HOSO__STATUS__OK && t != NULL && t->due_changed;
	j->audit_kind = c.audit_kind;
	j->audit_id = c.audit_id;
	log_debug("request %s: status %d", j->cmd->name, st);
	log_context_clear();
	return st;
}
