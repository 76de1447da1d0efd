/* audithash.h: the audit log's hash chain, shared by hosod (which appends)
 * and clients (which verify).  The canonical bytes of an entry are spelled
 * out in proto/README.md, "Audit log"; they do not depend on protobuf's
 * encoding, so any client can recompute them. */
#ifndef HOSO_AUDITHASH_H
#define HOSO_AUDITHASH_H

#include <stdint.h>

#include "hoso.pb-c.h"

#define AUDIT_HASH_LEN 32

/* out = SHA-256(canonical bytes of e, with prev as the previous hash). */
void audit_hash(const Hoso__AuditEntry *e, const uint8_t prev[AUDIT_HASH_LEN],
    uint8_t out[AUDIT_HASH_LEN]);

enum audit_verdict {
	AUDIT_OK = 0,
	AUDIT_BAD_PREV,             /* prev_hash is not the previous hash */
	AUDIT_BAD_HASH,             /* hash does not match the entry */
	AUDIT_BAD_SEQ,              /* not the next sequence number */
};

/* Check e as the entry after one with sequence prev_seq and hash prev. */
enum audit_verdict audit_check(const Hoso__AuditEntry *e, uint64_t prev_seq,
    const uint8_t prev[AUDIT_HASH_LEN]);

#endif
