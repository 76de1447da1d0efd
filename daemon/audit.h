/* audit.h: the audit log, an append-only hash chain in LMDB.
 *
 *   audit  key +---------------------+  value +-----------------------+
 *              | seq: u64 big-endian |        | hoso.AuditEntry       |
 *              +---------------------+        +-----------------------+
 *
 * Only the writer thread appends, inside its batch's transaction: a write
 * request's entry goes in with the write itself (its outcome included, so
 * a refused write is recorded too), and reads, logins and refusals queued
 * by the loop (writer_audit) go into the next batch.  Each entry's hash
 * covers the previous one's (common/audithash.h). */
#ifndef HOSOD_AUDIT_H
#define HOSOD_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "authz.h"

struct txn;

/* One entry before it has its place in the chain. */
struct audit_rec {
	int64_t time;
	char user[LOGIN_MAX];
	int role;
	char peer[64];
	const char *request;        /* static: the request table's name */
	const char *record_kind;    /* static, or NULL */
	uint64_t record_id;
	int outcome;                /* Hoso__Status */
};

void audit_rec_set(struct audit_rec *r, const struct principal *who,
    int64_t time, const char *request, const char *kind, uint64_t id,
    int outcome);

/* Where the chain ends, read once per transaction and carried along so a
 * batch of entries does not look the newest one up each time. */
struct audit_head {
	bool loaded;
	uint64_t seq;
	uint8_t hash[32];
};

/* Append r after the newest entry in t (h: zeroed at the start of each
 * transaction).  0 or a store error (sticky). */
int audit_append(struct txn *t, struct audit_head *h, const struct audit_rec *r);

/* The newest entry's sequence number (0 when the log is empty). */
uint64_t audit_last_seq(struct txn *t);

#endif
