/* writer.h: the writer thread and its group commit.
 *
 * Decision (measured, see README "Durability"): a durable LMDB commit costs
 * one fsync (~0.3 ms here).  Committing in the event loop would stall every
 * client, readers included, for that long per write.  So the loop hands
 * write requests to one writer thread; the writer takes everything queued,
 * runs each request in its own child transaction (a refused request undoes
 * only itself), commits once, and only then are the replies released.
 * Reads never wait: they run in the loop on LMDB's MVCC snapshot. */
#ifndef HOSOD_WRITER_H
#define HOSOD_WRITER_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include <event2/event.h>

struct job;
struct store;
struct audit_rec;

typedef void (*writer_done_fn)(struct job *j, void *arg);

struct writer {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct job *queue, **queue_tail;    /* submitted, not yet run */
	struct job *done, **done_tail;      /* committed, reply not sent */
	bool stop;
	bool running;
	int efd;                            /* eventfd: done list non-empty */
	struct event *ev;
	struct store *st;
	unsigned batch_max;
	writer_done_fn done_fn;
	void *done_arg;
	/* Audit entries of reads, logins and refusals, for the next batch. */
	struct audit_rec *aq;
	size_t naq, aqcap;
	uint64_t audit_dropped;             /* lost: out of memory, or kept
	                                       too long by a full disk */
	bool failing;                       /* the last commit failed */
	/* statistics, read by the loop without locking (monotonic) */
	uint64_t commits, jobs, grows;
};

int writer_start(struct writer *w, struct event_base *base, struct store *st,
    unsigned batch_max, writer_done_fn fn, void *arg);
void writer_submit(struct writer *w, struct job *j);
/* Queue an audit entry for the next batch (loop thread). */
void writer_audit(struct writer *w, const struct audit_rec *r);
/* Finish everything queued, then stop the thread. */
void writer_stop(struct writer *w);

/* Run a batch of jobs in one commit in the calling thread (the writer
 * thread, and the start-up demo seeding), with the queued audit entries
 * recs (may be NULL) and each job's own entry.  Returns 0, or why the
 * commit failed (every job of the batch then has an error reply: for a
 * full disk RESOURCE_EXHAUSTED, see store_space_error). */
int writer_run_batch(struct store *st, struct job *batch,
    const struct audit_rec *recs, size_t nrecs, uint64_t *grows);

#endif
