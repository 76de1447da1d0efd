/* alert.c: stored alerts and the once-only rule (see alert.h). */
#include <string.h>

#include "alert.h"
#include "tables.h"

const char *
alert_level_word(enum alert_level level)
{
	switch (level) {
	case ALERT_DUE_SOON:
		return "due-soon";
	case ALERT_OVERDUE:
		return "overdue";
	case ALERT_SECURITY:
		return "security";
	default:
		return "digest";
	}
}

Hoso__Alert *
alert_get(struct txn *t, uint64_t id, struct arena *a, int *rc)
{
	uint8_t kb[8];
	key_put_u64(kb, id);
	MDB_val k = { 8, kb };
	return txn_get_msg(t, DB_ID2ALERT, &k, &hoso__alert__descriptor, a, rc);
}

int
alert_put(struct txn *t, const Hoso__Alert *a)
{
	uint8_t kb[8];
	key_put_u64(kb, a->id);
	MDB_val k = { 8, kb };
	return txn_put_msg(t, DB_ID2ALERT, &k, &a->base);
}

int
alert_raise(struct req_ctx *c, const struct alert_key *key, Hoso__Alert *a)
{
	uint8_t kb[15], vb[8];
	kb[0] = key->rec;
	key_put_u64(kb + 1, key->id);
	kb[9] = key->code;
	kb[10] = key->level;
	key_put_u32(kb + 11, (uint32_t)key->day ^ 0x80000000u);
	MDB_val k = { sizeof kb, kb }, v;
	int rc = txn_get(c->txn, DB_ALERTKEY, &k, &v);
	if (rc == 0)
		return 0;
	if (rc != MDB_NOTFOUND)
		return rc;
	a->id = txn_last_id(c->txn, DB_ID2ALERT) + 1;
	a->raised_at = c->now;
	key_put_u64(vb, a->id);
	v.mv_size = 8;
	v.mv_data = vb;
	txn_put(c->txn, DB_ALERTKEY, &k, &v, 0);
	alert_put(c->txn, a);
	return c->txn->err ? c->txn->err : 1;
}
