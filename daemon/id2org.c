/* id2org: the organisation units (district, wards, cells, police).
 *
 *   key   +--------------------+      value  +------------------------+
 *         | id: u64 big-endian |             | hoso.Org (protobuf)    |
 *         +--------------------+             +------------------------+
 *
 * Ids are given in ascending order, so new units append at the end. */
#include "tables.h"

Hoso__Org *
org_get(struct txn *t, uint64_t id, struct arena *a, int *rc)
{
	uint8_t kb[8];
	key_put_u64(kb, id);
	MDB_val k = { 8, kb };
	return txn_get_msg(t, DB_ID2ORG, &k, &hoso__org__descriptor, a, rc);
}

int
org_put(struct txn *t, const Hoso__Org *o)
{
	uint8_t kb[8];
	key_put_u64(kb, o->id);
	MDB_val k = { 8, kb };
	return txn_put_msg(t, DB_ID2ORG, &k, &o->base);
}
