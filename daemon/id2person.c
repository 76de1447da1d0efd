/* id2person: the people (candidates) and their personal details.
 *
 *   key   +--------------------+      value  +------------------------+
 *         | id: u64 big-endian |             | hoso.Person (protobuf) |
 *         +--------------------+             +------------------------+
 */
#include "tables.h"

Hoso__Person *
person_get(struct txn *t, uint64_t id, struct arena *a, int *rc)
{
	uint8_t kb[8];
	key_put_u64(kb, id);
	MDB_val k = { 8, kb };
	return txn_get_msg(t, DB_ID2PERSON, &k, &hoso__person__descriptor, a, rc);
}

int
person_put(struct txn *t, const Hoso__Person *p)
{
	uint8_t kb[8];
	key_put_u64(kb, p->id);
	MDB_val k = { 8, kb };
	return txn_put_msg(t, DB_ID2PERSON, &k, &p->base);
}
