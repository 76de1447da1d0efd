/* writer.c: the writer thread and group commit (see writer.h). */
#include <errno.h>
#include <stdint.h>
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
/* While commits fail (a full disk), audit entries wait this long between
 * attempts, and at most this many are kept for when there is room again;
 * older ones are kept, newer ones counted as lost. */
#define AUDIT_RETRY_MS 1000
#define AUDIT_KEEP_MAX 65536
/* While commits keep failing, say so in the log this often. */
#define FAIL_LOG_SECS 60

/* What the log was last told about failing commits: a line when commits
 * start failing, one a minute while they go on, one when they succeed
 * again; not one per batch.  On a nearly full disk small commits may
 * succeed between refused ones, so a failure that comes back within the
 * minute is only counted.  Only the thread running batches uses it. */
static struct {
	int rc;                     /* the failure going on, 0: none */
	bool logged;                /* ... and the log was told */
	time_t since;
	uint64_t batches;           /* refused since it began */
	uint64_t lost;              /* audit entries lost since then */
} wlog;
static time_t wlog_told;            /* when a failure was last logged */

/* Tell the log about a batch's outcome rc (see wlog).  On a nearly full
 * disk a small commit fits where a larger one does not: a full disk is
 * over when a batch of client writes (writes) commits with room to spare. */
static void
writer_log_outcome(struct store *st, int rc, bool writes)
{
	time_t now = time(NULL);
	if (rc == 0 && store_space_error(wlog.rc) &&
	    (!writes || store_disk_low(st)))
		return;
	if (rc == 0) {
		if (wlog.logged)
			log_info("writer: commits succeed again after %lld s; "
			    "%llu batches were refused, %llu audit entries lost",
			    (long long)(now - wlog.since),
			    (unsigned long long)wlog.batches,
			    (unsigned long long)wlog.lost);
		memset(&wlog, 0, sizeof wlog);
		return;
	}
	if (wlog.rc == 0)
		wlog.since = now;
	wlog.batches++;
	bool again = rc == wlog.rc;
	wlog.rc = rc;
	if (now - wlog_told < FAIL_LOG_SECS &&
	    (again || store_space_error(rc)))
		return;
	wlog_told = now;
	wlog.logged = true;
	if (again)
		log_error("writer: commits still fail (%s) after %lld s: %llu "
		    "batches refused, %llu audit entries lost so far",
		    store_strerror(rc), (long long)(now - wlog.since),
		    (unsigned long long)wlog.batches,
		    (unsigned long long)wlog.lost);
	else if (rc == MDB_PANIC)
		log_error("writer: LMDB gave the environment up after a failed "
		    "write (MDB_PANIC): every write is refused until hosod is "
		    "restarted; the data on disk is the last commit");
	else if (store_space_error(rc))
		log_error("writer: the disk of %s is full (%s): writes are "
		    "refused with RESOURCE_EXHAUSTED until there is room; reads "
		    "go on", st->dir ? st->dir : "the store", store_strerror(rc));
	else
		log_error("writer: commit failed: %s", store_strerror(rc));
}

/* Turn a job that had succeeded into a failure because its commit failed. */
static void
job_fail_commit(struct job *j, int rc)
{
	job_resp_init(j);
	struct req_ctx c = { .arena = &j->resp_arena, .resp = &j->resp };
	ctx_store_error(&c, rc);
}

/* Does a job's request go into the audit log (a client's, not ours)? */
static bool
writer_job_audited(const struct job *j)
{
	return j->who.role != 0 && j->who.role != ROLE_SYSTEM && j->cmd != NULL;
}

/* The audit entry of an audited job: who, what, and its outcome. */
static void
writer_job_rec(const struct job *j, struct audit_rec *r)
{
	audit_rec_set(r, &j->who, j->now, j->cmd->name, j->audit_kind,
	    j->audit_id, j->resp.status);
}

/* A client's write goes into the audit log with its outcome, in the
 * batch's transaction: it is durable exactly when the write is. */
static void
writer_audit_job(struct txn *parent, struct audit_head *h, struct job *j)
{
	if (!writer_job_audited(j))
		return;
	struct audit_rec r;
	writer_job_rec(j, &r);
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
		/* An audit append that failed (e.g. the map is full) leaves the
		 * parent unusable: a child would only get MDB_BAD_TXN and hide
		 * the cause, and MDB_MAP_FULL must reach the caller to grow. */
		if (parent.err != 0)
			break;
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
	if ((rc == 0 || rc == MDB_BAD_TXN) && parent.err != 0)
		rc = parent.err;
	if (rc != 0) {
		txn_abort(&parent);
		return rc;
	}
	return txn_commit(&parent);
}

int
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
	writer_log_outcome(st, rc, batch != NULL);
	return rc;
}

/* The batch's commit failed: keep its audit entries (those of reads, and
 * the refused writes' own) ahead of those queued since, for the next
 * attempt, up to AUDIT_KEEP_MAX; count the rest as lost. */
static void
writer_requeue(struct writer *w, const struct job *batch,
    const struct audit_rec *recs, size_t n)
{
	size_t nj = 0;
	for (const struct job *j = batch; j != NULL; j = j->next)
		nj += writer_job_audited(j);
	pthread_mutex_lock(&w->mu);
	size_t total = n + nj + w->naq;
	size_t keep = total < AUDIT_KEEP_MAX ? total : AUDIT_KEEP_MAX;
	struct audit_rec *a = keep ? malloc(keep * sizeof *a) : NULL;
	if (a == NULL || w->stop) {
		/* Out of memory, or stopping: the failed batch's go. */
		w->audit_dropped += n + nj;
		wlog.lost += n + nj;
		pthread_mutex_unlock(&w->mu);
		free(a);
		return;
	}
	size_t k = 0;
	for (size_t i = 0; i < n && k < keep; i++)
		a[k++] = recs[i];
	for (const struct job *j = batch; j != NULL && k < keep; j = j->next)
		if (writer_job_audited(j))
			writer_job_rec(j, &a[k++]);
	for (size_t i = 0; i < w->naq && k < keep; i++)
		a[k++] = w->aq[i];
	w->audit_dropped += total - keep;
	wlog.lost += total - keep;
	free(w->aq);
	w->aq = a;
	w->naq = w->aqcap = keep;
	pthread_mutex_unlock(&w->mu);
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
			/* After a failed commit, wait longer, however many. */
			long ms = w->failing ? AUDIT_RETRY_MS : AUDIT_GATHER_MS;
			size_t max = w->failing ? SIZE_MAX : AUDIT_GATHER_MAX;
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += ms / 1000;
			until.tv_nsec += ms % 1000 * 1000000L;
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			while (w->queue == NULL && w->naq < max &&
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

		int rc = writer_run_batch(w->st, batch, recs, ntake, &w->grows);
		__atomic_add_fetch(&w->commits, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&w->jobs, n, __ATOMIC_RELAXED);
		if (rc != 0)
			writer_requeue(w, batch, recs, ntake);

		pthread_mutex_lock(&w->mu);
		w->failing = rc != 0;
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
	if (w->failing)
		log_error("writer: stopped while commits were failing: %llu audit "
		    "entries could not be stored", (unsigned long long)w->audit_dropped);
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
