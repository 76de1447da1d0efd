/* audit.c: appending to the audit log (see audit.h). */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "audithash.h"
#include "store.h"

void
audit_rec_set(struct audit_rec *r, const struct principal *who, int64_t time,
    const char *request, const char *kind, uint64_t id, int outcome)
{
	memset(r, 0, sizeof *r);
	r->time = time;
	if (who != NULL) {
		snprintf(r->user, sizeof r->user, "%s", who->login);
		r->role = who->role == ROLE_SYSTEM ? 0 : who->role;
		snprintf(r->peer, sizeof r->peer, "%s", who->peer);
	}
	r->request = request;
	r->record_kind = kind;
	r->record_id = id;
	r->outcome = outcome;
}

uint64_t
audit_last_seq(struct txn *t)
{
	return txn_last_id(t, DB_AUDIT);
}

/* Read the newest entry's seq and hash into h. */
static int
audit_head_load(struct txn *t, struct audit_head *h)
{
	MDB_cursor *cur;
	MDB_val k, v;
	int rc = txn_cursor(t, DB_AUDIT, &cur);
	if (rc != 0)
		return rc;
	memset(h, 0, sizeof *h);
	rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
	if (rc == 0) {
		Hoso__AuditEntry *e = hoso__audit_entry__unpack(NULL, v.mv_size,
		    v.mv_data);
		if (e == NULL || k.mv_size != 8 ||
		    e->hash.len != AUDIT_HASH_LEN) {
			rc = MDB_CORRUPTED;
		} else {
			h->seq = key_get_u64(k.mv_data);
			memcpy(h->hash, e->hash.data, AUDIT_HASH_LEN);
		}
		if (e != NULL)
			hoso__audit_entry__free_unpacked(e, NULL);
	} else if (rc == MDB_NOTFOUND) {
		rc = 0;
	}
	mdb_cursor_close(cur);
	if (rc != 0)
		return txn_fail(t, rc);
	h->loaded = true;
	return 0;
}

int
audit_append(struct txn *t, struct audit_head *h, const struct audit_rec *r)
{
	uint8_t hash[AUDIT_HASH_LEN], kb[8];
	int rc;
	if (!h->loaded && (rc = audit_head_load(t, h)) != 0)
		return rc;
	Hoso__AuditEntry e = HOSO__AUDIT_ENTRY__INIT;
	e.seq = h->seq + 1;
	e.time = r->time;
	e.user = (char *)r->user;
	e.role = r->role;
	e.peer = (char *)r->peer;
	e.request = (char *)(r->request ? r->request : "");
	e.record_kind = (char *)(r->record_kind ? r->record_kind : "");
	e.record_id = r->record_id;
	e.outcome = r->outcome;
	e.prev_hash.data = h->hash;
	e.prev_hash.len = AUDIT_HASH_LEN;
	audit_hash(&e, h->hash, hash);
	e.hash.data = hash;
	e.hash.len = AUDIT_HASH_LEN;
	key_put_u64(kb, e.seq);
	MDB_val key = { 8, kb };
	/* Sequence numbers only grow: append at the end of the tree. */
	if ((rc = txn_put_msg_flags(t, DB_AUDIT, &key, &e.base,
	    MDB_APPEND)) != 0)
		return rc;
	h->seq = e.seq;
	memcpy(h->hash, hash, AUDIT_HASH_LEN);
	return 0;
}
