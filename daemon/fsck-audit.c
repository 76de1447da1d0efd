/* fsck-audit.c: the audit log's hash chain (audit.h): entries numbered
 * 1, 2, 3 ... without gaps, each key its entry's seq, each prev_hash the
 * previous entry's hash, each hash recomputed (common/audithash.c).  After
 * a broken link the walk goes on from the stored hash, so one bad entry is
 * one problem, not one per entry after it. */
#include <string.h>

#include "audithash.h"
#include "fsck-int.h"

int
fsck_audit(struct fsck *f)
{
	MDB_cursor *c;
	MDB_val k, v;
	uint8_t prev[AUDIT_HASH_LEN] = { 0 };
	uint64_t prev_seq = 0;
	bool known = true;          /* prev holds the previous entry's hash */
	int rc = txn_cursor(f->t, DB_AUDIT, &c);
	if (rc != 0)
		return rc;
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		f->res->records++;
		arena_reset(&f->a);
		if (k.mv_size != 8) {
			fsck_bad(f, DB_AUDIT, &k, "key is %zu bytes, not 8",
			    k.mv_size);
			known = false;
			continue;
		}
		uint64_t seq = key_get_u64(k.mv_data);
		Hoso__AuditEntry *e = hoso__audit_entry__unpack(&f->a.pb,
		    v.mv_size, v.mv_data);
		if (e == NULL) {
			fsck_bad(f, DB_AUDIT, &k, "value does not decode");
			known = false;
			prev_seq = seq;
			continue;
		}
		if (e->seq != seq)
			fsck_bad(f, DB_AUDIT, &k, "holds entry %llu",
			    (unsigned long long)e->seq);
		else if (seq != prev_seq + 1)
			fsck_bad(f, DB_AUDIT, &k, "follows entry %llu: entries "
			    "are missing", (unsigned long long)prev_seq);
		if (e->hash.len != AUDIT_HASH_LEN) {
			fsck_bad(f, DB_AUDIT, &k, "hash is %zu bytes, not %d",
			    e->hash.len, AUDIT_HASH_LEN);
			known = false;
			prev_seq = seq;
			continue;
		}
		uint8_t h[AUDIT_HASH_LEN];
		if (known && (e->prev_hash.len != AUDIT_HASH_LEN ||
		    memcmp(e->prev_hash.data, prev, AUDIT_HASH_LEN) != 0))
			fsck_bad(f, DB_AUDIT, &k, "prev_hash is not the hash of "
			    "entry %llu: the chain is broken",
			    (unsigned long long)prev_seq);
		if (e->prev_hash.len == AUDIT_HASH_LEN) {
			audit_hash(e, e->prev_hash.data, h);
			if (memcmp(h, e->hash.data, AUDIT_HASH_LEN) != 0)
				fsck_bad(f, DB_AUDIT, &k, "hash does not match "
				    "the entry: it was changed");
		}
		memcpy(prev, e->hash.data, AUDIT_HASH_LEN);
		prev_seq = seq;
		known = true;
	}
	mdb_cursor_close(c);
	return rc == MDB_NOTFOUND ? 0 : rc;
}
