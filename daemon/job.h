/* job.h: one request on its way through the daemon.  The loop unpacks a
 * frame into a job; a read runs at once in the loop, a write is handed to
 * the writer thread and comes back with its reply after the commit.  The
 * job owns the request and the reply (two arenas); jobs are recycled. */
#ifndef HOSOD_JOB_H
#define HOSOD_JOB_H

#include <stdbool.h>
#include <stdint.h>

#include "hoso.pb-c.h"
#include "arena.h"
#include "authz.h"
#include "config.h"

struct conn;
struct cmd;
struct server;
struct txn;

struct job {
	struct job *next;
	struct arena req_arena;     /* the unpacked request */
	struct arena resp_arena;    /* the response; reset on a retry */
	struct conn *conn;          /* loop-thread only */
	struct cmd *cmd;
	Hoso__Request *req;
	Hoso__Response resp;
	struct rules rules;
	int64_t now;
	bool close_after;
	bool due_changed;           /* committed work moved the deadline index */
	uint8_t *frame;             /* packed reply frame, in resp_arena */
	size_t frame_len;
	void (*after)(void *arg, bool committed);  /* see req_ctx */
	void *after_arg;
	struct principal who;       /* copied from the connection */
	const char *audit_kind;     /* see req_ctx */
	uint64_t audit_id;
	/* Password work done off the loop (auth.c): the stored or new hash,
	 * and whether the password given matched. */
	char pw_hash[128];
	bool pw_ok;
};

struct job *job_new(void);
void job_free(struct job *j);
/* Forget the request and reply; keep the arenas' memory. */
void job_reset(struct job *j);
/* Reset the response to OK for the job's request id. */
void job_resp_init(struct job *j);
/* sm as a frame (length prefix and message) in malloc'd memory; NULL when
 * out of memory.  For what the loop sends outside a job: pushed Events,
 * a backup's chunks. */
uint8_t *server_msg_frame(const Hoso__ServerMessage *sm, size_t *len);
/* Pack resp as a framed ServerMessage into resp_arena (frame, frame_len). */
int job_pack(struct job *j);
/* Call the job's pending after-hook, if any, and forget it. */
void job_after(struct job *j, bool committed);
/* Run the job's handler on txn t (read or child write txn). */
int job_run(struct job *j, struct txn *t, struct conn *conn,
    struct server *srv);

#endif
