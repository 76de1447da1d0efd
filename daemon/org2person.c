/* cell2person, ward2person: who belongs to a unit, for listing by unit.
 *
 *   key   +------------------------+---------------------------+
 *         | unit id: u64 big-endian | person id: u64 big-endian |
 *         +------------------------+---------------------------+
 *   value (empty)
 *
 * A cursor range over the first 8 bytes lists a unit's people in id order. */
#include "tables.h"

/* Build the 16-byte key. */
static void
member_key(uint8_t *kb, uint64_t org, uint64_t person)
{
	key_put_u64(kb, org);
	key_put_u64(kb + 8, person);
}

int
org2person_add(struct txn *t, enum store_db db, uint64_t org, uint64_t person)
{
	uint8_t kb[16];
	member_key(kb, org, person);
	MDB_val k = { 16, kb }, v = { 0, kb };
	return txn_put(t, db, &k, &v, 0);
}

int
org2person_del(struct txn *t, enum store_db db, uint64_t org, uint64_t person)
{
	uint8_t kb[16];
	member_key(kb, org, person);
	MDB_val k = { 16, kb };
	return txn_del(t, db, &k, NULL);
}
