/* backup.c: online backup streamed to the client (see backup.h). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "backup.h"
#include "conn.h"
#include "i18n.h"
#include "job.h"
#include "log.h"
#include "request.h"
#include "server.h"

#define BACKUP_CHUNK (256u << 10)       /* bytes of data per Response */
#define BACKUP_POLL_MS 20               /* re-check a full output this often */

struct backup {
	struct server *srv;
	struct conn *conn;
	struct job *job;            /* holds the connection (c->job) */
	uint64_t id;                /* the request's */
	pthread_t thread;
	bool thread_live;           /* started, not joined */
	int rfd;                    /* the pipe's read end (loop) */
	int wfd;                    /* its write end (the copy thread) */
	int copy_rc;                /* the copy's result, read after the join */
	struct event *readable, *poll;
	crypto_hash_sha256_state sha;
	uint64_t size;
	size_t hi, lo;              /* output watermarks */
	size_t last_queued;
	time_t progress_at;         /* the client last took some output */
	uint8_t *buf;
};

/* The copy thread: LMDB writes the compacted snapshot into the pipe. */
static void *
backup_copy(void *arg)
{
	struct backup *b = arg;
	struct store *st = &b->srv->store;
	pthread_rwlock_rdlock(&st->remap);
	b->copy_rc = mdb_env_copyfd2(st->env, b->wfd, MDB_CP_COMPACT);
	pthread_rwlock_unlock(&st->remap);
	close(b->wfd);
	b->wfd = -1;
	return NULL;
}

/* Pack one Response for the backup's id with chunk k and queue it. */
static int
backup_send(struct backup *b, Hoso__BackupChunk *k)
{
	Hoso__Response r = HOSO__RESPONSE__INIT;
	Hoso__ServerMessage sm = HOSO__SERVER_MESSAGE__INIT;
	r.id = b->id;
	r.status = HOSO__STATUS__OK;
	r.body_case = HOSO__RESPONSE__BODY_BACKUP;
	r.backup = k;
	sm.body_case = HOSO__SERVER_MESSAGE__BODY_RESPONSE;
	sm.response = &r;
	size_t n;
	uint8_t *f = server_msg_frame(&sm, &n);
	if (f == NULL)
		return -1;
	conn_send(b->conn, f, n);
	free(f);
	return 0;
}

/* The end, whatever it is: stop the copy, answer (last chunk or error,
 * when the client is still there), hand the connection back. */
static void
backup_finish(struct backup *b, int status, const char *msgid,
    const char *why)
{
	struct server *srv = b->srv;
	struct conn *c = b->conn;
	if (b->rfd >= 0) {
		close(b->rfd);          /* a copy still writing gets EPIPE */
		b->rfd = -1;
	}
	if (b->thread_live) {
		pthread_join(b->thread, NULL);
		b->thread_live = false;
	}
	if (status == HOSO__STATUS__OK && b->copy_rc != 0) {
		status = store_status(b->copy_rc);
		msgid = N_("the backup stopped: %s");
		why = store_strerror(b->copy_rc);
	}
	if (!c->dead) {
		if (status == HOSO__STATUS__OK) {
			Hoso__BackupChunk k = HOSO__BACKUP_CHUNK__INIT;
			uint8_t sum[crypto_hash_sha256_BYTES];
			crypto_hash_sha256_final(&b->sha, sum);
			k.last = true;
			k.size = b->size;
			k.sha256.data = sum;
			k.sha256.len = sizeof sum;
			if (backup_send(b, &k) < 0)
				conn_close(c, "out of memory");
			log_info("conn %llu %s: backup sent, %llu bytes",
			    (unsigned long long)c->id, c->peer,
			    (unsigned long long)b->size);
		} else {
			log_warn("conn %llu %s: backup stopped after %llu bytes: "
			    "%s", (unsigned long long)c->id, c->peer,
			    (unsigned long long)b->size, why);
			conn_send_error(c, b->id, status, msgid, why);
		}
	}
	if (b->readable != NULL)
		event_free(b->readable);
	if (b->poll != NULL)
		event_free(b->poll);
	struct job *j = b->job;
	free(b->buf);
	free(b);
	j->frame = NULL;
	srv->inflight--;
	conn_job_done(c, j);
	server_put_job(srv, j);
	if (srv->stopping)
		server_maybe_exit(srv);
}

static bool
backup_gone(struct backup *b)
{
	if (b->conn->dead) {
		backup_finish(b, HOSO__STATUS__FAILED_PRECONDITION,
		    N_("the backup stopped: the client left"), "the client left");
		return true;
	}
	if (b->srv->stopping) {
		backup_finish(b, HOSO__STATUS__FAILED_PRECONDITION,
		    N_("the backup stopped: the server is shutting down"),
		    "the server is shutting down");
		return true;
	}
	return false;
}

/* Move what the pipe holds to the client, up to the high watermark. */
static void
backup_readable(evutil_socket_t fd, short what, void *arg)
{
	struct backup *b = arg;
	(void)what;
	if (backup_gone(b))
		return;
	while (conn_queued(b->conn) < b->hi) {
		ssize_t n = read(fd, b->buf, BACKUP_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			goto flush;
		if (n <= 0) {
			conn_flush(b->conn);
			backup_finish(b, n == 0 ? HOSO__STATUS__OK :
			    HOSO__STATUS__INTERNAL, N_("the backup stopped: %s"),
			    strerror(errno));
			return;
		}
		Hoso__BackupChunk k = HOSO__BACKUP_CHUNK__INIT;
		k.data.data = b->buf;
		k.data.len = (size_t)n;
		crypto_hash_sha256_update(&b->sha, b->buf, (size_t)n);
		b->size += (uint64_t)n;
		if (backup_send(b, &k) < 0) {
			conn_close(b->conn, "out of memory");
			backup_gone(b);
			return;
		}
	}
	/* The client is behind: stop reading the pipe (the copy waits on
	 * it) and look again shortly. */
	event_del(b->readable);
	b->last_queued = conn_queued(b->conn);
	b->progress_at = server_now(b->srv);
	struct timeval tv = { 0, BACKUP_POLL_MS * 1000 };
	event_add(b->poll, &tv);
flush:
	conn_flush(b->conn);
	if (b->conn->dead)
		backup_gone(b);
}

static void
backup_poll(evutil_socket_t fd, short what, void *arg)
{
	struct backup *b = arg;
	(void)fd;
	(void)what;
	if (backup_gone(b))
		return;
	size_t q = conn_queued(b->conn);
	time_t now = server_now(b->srv);
	if (q < b->last_queued)
		b->progress_at = now;
	b->last_queued = q;
	if (q <= b->lo) {
		event_add(b->readable, NULL);
		return;
	}
	if (now - b->progress_at >= (time_t)b->srv->cfg->write_timeout) {
		log_warn("conn %llu %s: not reading the backup (%zu bytes "
		    "queued); dropped", (unsigned long long)b->conn->id,
		    b->conn->peer, q);
		conn_close(b->conn, "backup not read");
		backup_gone(b);
		return;
	}
	struct timeval tv = { 0, BACKUP_POLL_MS * 1000 };
	event_add(b->poll, &tv);
}

static void
backup_free_early(struct backup *b)
{
	if (b->readable != NULL)
		event_free(b->readable);
	if (b->poll != NULL)
		event_free(b->poll);
	if (b->rfd >= 0)
		close(b->rfd);
	if (b->wfd >= 0)
		close(b->wfd);
	if (b->job != NULL)
		server_put_job(b->srv, b->job);
	free(b->buf);
	free(b);
}

int
cmd_admin_backup(struct req_ctx *c)
{
	struct server *srv = c->srv;
	struct conn *conn = c->conn;
	if (srv == NULL || conn == NULL || conn->job != NULL)
		return ctx_fail(c, HOSO__STATUS__INTERNAL, NULL,
		    N_("a backup needs a connection of its own"));
	Hoso__BackupChunk *k = arena_alloc(c->arena, sizeof *k);
	struct backup *b = k != NULL ? calloc(1, sizeof *b) : NULL;
	if (b == NULL)
		goto oom;
	b->srv = srv;
	b->conn = conn;
	b->id = c->req->id;
	b->rfd = b->wfd = -1;
	int p[2];
	if ((b->buf = malloc(BACKUP_CHUNK)) == NULL ||
	    (b->job = server_get_job(srv)) == NULL)
		goto oom_b;
	if (pipe2(p, O_CLOEXEC) < 0) {
		backup_free_early(b);
		return ctx_fail(c, HOSO__STATUS__RESOURCE_EXHAUSTED, NULL,
		    N_("cannot start the backup: %s"), strerror(errno));
	}
	b->rfd = p[0];
	b->wfd = p[1];
	(void)fcntl(b->wfd, F_SETPIPE_SZ, 1 << 20);    /* fewer wake-ups */
	evutil_make_socket_nonblocking(b->rfd);
	size_t cap = srv->cfg->output_cap;
	b->hi = cap / 2 > BACKUP_CHUNK ? cap / 2 : BACKUP_CHUNK;
	b->lo = b->hi / 4;
	crypto_hash_sha256_init(&b->sha);
	b->readable = event_new(srv->base, b->rfd, EV_READ | EV_PERSIST,
	    backup_readable, b);
	b->poll = evtimer_new(srv->base, backup_poll, b);
	if (b->readable == NULL || b->poll == NULL)
		goto oom_b;
	int err = pthread_create(&b->thread, NULL, backup_copy, b);
	if (err != 0) {
		backup_free_early(b);
		return ctx_fail(c, HOSO__STATUS__RESOURCE_EXHAUSTED, NULL,
		    N_("cannot start the backup: %s"), strerror(err));
	}
	b->thread_live = true;
	event_add(b->readable, NULL);
	b->job->conn = conn;
	conn->job = b->job;
	srv->inflight++;
	log_info("conn %llu %s: backup started by %s",
	    (unsigned long long)conn->id, conn->peer, c->who->login);

	hoso__backup_chunk__init(k);
	k->schema = STORE_SCHEMA_VERSION;
	c->resp->body_case = HOSO__RESPONSE__BODY_BACKUP;
	c->resp->backup = k;
	return 0;
oom_b:
	backup_free_early(b);
oom:
	return ctx_fail(c, HOSO__STATUS__INTERNAL, NULL, N_("out of memory"));
}
