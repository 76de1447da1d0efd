/* id2check: background-check requests, and the ward index.
 *
 *   id2check   key +------------------+  value +--------------------------+
 *                  | id: u64 BE       |        | hoso.Verification        |
 *                  +------------------+        +--------------------------+
 *   ward2check key +------------------+------------------+  value: empty
 *                  | ward id: u64 BE  | check id: u64 BE |
 *                  +------------------+------------------+
 *
 * Checks outside the district are under ward id 0. */
#include "check.h"
#include "dueidx.h"
#include "tables.h"

Hoso__Verification *
verif_get(struct txn *t, uint64_t id, struct arena *a, int *rc)
{
	uint8_t kb[8];
	key_put_u64(kb, id);
	MDB_val k = { 8, kb };
	return txn_get_msg(t, DB_ID2CHECK, &k, &hoso__verification__descriptor,
	    a, rc);
}

int
verif_put(struct txn *t, const Hoso__Verification *v)
{
	uint8_t kb[8];
	key_put_u64(kb, v->id);
	MDB_val k = { 8, kb };
	/* The computed fields are not stored. */
	Hoso__Verification s = *v;
	s.due = (char *)"";
	s.status = (char *)"";
	s.person_name = (char *)"";
	s.missed = false;
	s.subject_info = NULL;
	txn_put_msg(t, DB_ID2CHECK, &k, &s.base);
	return dueidx_set(t, DUE_REC_CHECK, v->id, check_due_day(v));
}

int
ward2check_add(struct txn *t, uint64_t ward, uint64_t id)
{
	uint8_t kb[16];
	key_put_u64(kb, ward);
	key_put_u64(kb + 8, id);
	MDB_val k = { 16, kb }, v = { 0, NULL };
	return txn_put(t, DB_WARD2CHECK, &k, &v, 0);
}
