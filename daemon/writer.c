/* writer.c: the writer thread and group commit (see writer.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "dispatch.h"
#include "i18n.h"
#include "job.h"
#include "log.h"
#include "request.h"
#include "store.h"
#include "writer.h"

/* Audit entries of reads wait at most this long, or until this many are
 * queued, before the writer commits them without a write to carry them. */
#define AUDIT_GATHER_MS 10
#define AUDIT_GATHER_MAX 4096

/* Turn a job that had succeeded into a failure because its commit failed. */
static void
job_fail_commit(struct job *j, int rc)
{
	job_resp_init(j);
	struct req_ctx c = { .arena = &j->resp_arena, .resp = &j->resp };
	ctx_store_error(&c, rc);
}

/* A client's write goes into the audit log with its outcome, in the
 * batch's transaction: it is durable exactly when the write is. */
static void
writer_audit_job(struct txn *parent, struct audit_head *h, struct job *j)
{
	if (j->who.role == 0 || j->who.role == ROLE_SYSTEM || j->cmd == NULL)
		return;
	struct audit_rec r;
	audit_rec_set(&r, &j->who, j->now, j->cmd->name, j->audit_kind,
	    j->audit_id, j->resp.status);
	audit_append(parent, h, &r);
}

/* One attempt at the batch; returns 0, or MDB_MAP_FULL to grow and retry,
 * or another commit error. */
static int
writer_try_batch(struct store *st, struct job *batch,
    const struct audit_rec *recs, size_t nrecs)
{
	struct txn parent, child;
	struct audit_head head = { .loaded = false };
	int rc = store_write_begin(st, NULL, &parent);
	if (rc != 0)
		return rc;
	for (size_t i = 0; i < nrecs; i++)
		audit_append(&parent, &head, &recs[i]);
	for (struct job *j = batch; j != NULL; j = j->next) {
		job_resp_init(j);
		if ((rc = store_write_begin(st, &parent, &child)) != 0)
			break;
		int status = job_run(j, &child, NULL, NULL);
		if (child.err == MDB_MAP_FULL) {
			rc = MDB_MAP_FULL;
			txn_abort(&child);
			break;
		}
		if (status == HOSO__STATUS__OK) {
			rc = txn_commit(&child);
			if (rc == MDB_MAP_FULL)
				break;
			if (rc != 0) {
				job_fail_commit(j, rc);
				rc = 0;
			}
		} else {
			txn_abort(&child);
		}
		writer_audit_job(&parent, &head, j);
	}
	if (rc == 0 && parent.err != 0)
		rc = parent.err;
	if (rc != 0) {
		txn_abort(&parent);
		return rc;
	}
	return txn_commit(&parent);
}

void
writer_run_batch(struct store *st, struct job *batch,
    const struct audit_rec *recs, size_t nrecs, uint64_t *grows)
{
	int rc;
	while ((rc = writer_try_batch(st, batch, recs, nrecs)) ==
	    MDB_MAP_FULL) {
		if (store_grow(st) != 0)
			break;
		(*grows)++;
	}
	for (struct job *j = batch; j != NULL; j = j->next) {
		if (rc != 0 && j->resp.status == HOSO__STATUS__OK)
			job_fail_commit(j, rc);
		job_after(j, rc == 0 && j->resp.status == HOSO__STATUS__OK);
		if (j->cmd != NULL) {
			__atomic_add_fetch(&j->cmd->calls, 1, __ATOMIC_RELAXED);
			if (j->resp.status != HOSO__STATUS__OK)
				__atomic_add_fetch(&j->cmd->failures, 1,
				    __ATOMIC_RELAXED);
		}
		if (job_pack(j) < 0)
			log_error("writer: cannot pack a reply: out of memory");
	}
	if (rc != 0)
		log_error("writer: commit failed: %s", store_strerror(rc));
}

/* The thread: take what is queued (up to batch_max), run it, post it. */
static void *
writer_main(void *arg)
{
	struct writer *w = arg;
	pthread_mutex_lock(&w->mu);
	struct audit_rec *recs = NULL;
	size_t reccap = 0;
	for (;;) {
		while (w->queue == NULL && w->naq == 0 && !w->stop)
			pthread_cond_wait(&w->cv, &w->mu);
		if (w->queue == NULL && w->naq == 0)
			break;
		/* Only audit entries: nobody waits for them, so let more
		 * gather (a write or a full queue ends the wait) and spend one
		 * fsync on many. */
		if (w->queue == NULL && !w->stop) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += AUDIT_GATHER_MS * 1000000L;
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			while (w->queue == NULL && w->naq < AUDIT_GATHER_MAX &&
			    !w->stop && pthread_cond_timedwait(&w->cv, &w->mu,
			    &until) == 0)
				;
		}
		struct job *batch = w->queue, *last = batch;
		unsigned n = 0;
		if (batch != NULL) {
			n = 1;
			while (last->next != NULL && n < w->batch_max) {
				last = last->next;
				n++;
			}
			w->queue = last->next;
			if (w->queue == NULL)
				w->queue_tail = &w->queue;
			last->next = NULL;
		}
		/* Swap the audit queue with our spare array. */
		struct audit_rec *take = w->aq;
		size_t ntake = w->naq, takecap = w->aqcap;
		w->aq = recs;
		w->aqcap = reccap;
		w->naq = 0;
		recs = take;
		reccap = takecap;
		pthread_mutex_unlock(&w->mu);

		writer_run_batch(w->st, batch, recs, ntake, &w->grows);
		__atomic_add_fetch(&w->commits, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&w->jobs, n, __ATOMIC_RELAXED);

		pthread_mutex_lock(&w->mu);
		if (batch == NULL)
			continue;
		bool was_empty = w->done == NULL;
		*w->done_tail = batch;
		w->done_tail = &last->next;
		if (was_empty) {
			uint64_t one = 1;
			if (write(w->efd, &one, sizeof one) < 0 && errno != EAGAIN)
				log_error("writer: eventfd: %s", strerror(errno));
		}
	}
	pthread_mutex_unlock(&w->mu);
	free(recs);
	return NULL;
}

/* Loop side: the writer posted finished jobs; hand each to done_fn. */
static void
writer_done_cb(evutil_socket_t fd, short what, void *arg)
{
	struct writer *w = arg;
	uint64_t v;
	(void)what;
	if (read(fd, &v, sizeof v) < 0 && errno != EAGAIN)
		log_error("writer: eventfd read: %s", strerror(errno));
	pthread_mutex_lock(&w->mu);
	struct job *list = w->done;
	w->done = NULL;
	w->done_tail = &w->done;
	pthread_mutex_unlock(&w->mu);
	while (list != NULL) {
		struct job *j = list;
		list = j->next;
		j->next = NULL;
		w->done_fn(j, w->done_arg);
	}
}

int
writer_start(struct writer *w, struct event_base *base, struct store *st,
    unsigned batch_max, writer_done_fn fn, void *arg)
{
	memset(w, 0, sizeof *w);
	w->queue_tail = &w->queue;
	w->done_tail = &w->done;
	w->st = st;
	w->batch_max = batch_max ? batch_max : 1;
	w->done_fn = fn;
	w->done_arg = arg;
	w->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (w->efd < 0)
		return -1;
	w->ev = event_new(base, w->efd, EV_READ | EV_PERSIST, writer_done_cb, w);
	if (w->ev == NULL || event_add(w->ev, NULL) < 0)
		return -1;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	if (pthread_create(&w->thread, NULL, writer_main, w) != 0)
		return -1;
	w->running = true;
	return 0;
}

void
writer_submit(struct writer *w, struct job *j)
{
	j->next = NULL;
	pthread_mutex_lock(&w->mu);
	*w->queue_tail = j;
	w->queue_tail = &j->next;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

void
writer_audit(struct writer *w, const struct audit_rec *r)
{
	pthread_mutex_lock(&w->mu);
	if (w->naq == w->aqcap) {
		size_t cap = w->aqcap ? w->aqcap * 2 : 64;
		struct audit_rec *n = realloc(w->aq, cap * sizeof *n);
		if (n == NULL) {
			w->audit_dropped++;
			pthread_mutex_unlock(&w->mu);
			log_error("audit: out of memory; an entry was lost");
			return;
		}
		w->aq = n;
		w->aqcap = cap;
	}
	w->aq[w->naq++] = *r;
	/* Wake the writer to start gathering, and when enough are queued. */
	if (w->naq == 1 || w->naq == AUDIT_GATHER_MAX)
		pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

void
writer_stop(struct writer *w)
{
	if (!w->running)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	w->running = false;
	/* Deliver what finished after the loop stopped watching. */
	writer_done_cb(w->efd, EV_READ, w);
	event_free(w->ev);
	close(w->efd);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w->aq);
	w->aq = NULL;
}
