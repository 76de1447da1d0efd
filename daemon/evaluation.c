/* evaluation: the cell's monthly evaluation of each mentored candidate.
 *
 *   key   +---------------------------+--------------------------------+
 *         | person id: u64 big-endian | month: u32 big-endian, y*12+m-1 |
 *         +---------------------------+--------------------------------+
 *   value hoso.Evaluation (protobuf)
 */
#include "tables.h"

/* Build the 12-byte key. */
static void
eval_key(uint8_t *kb, uint64_t person, int month)
{
	key_put_u64(kb, person);
	key_put_u32(kb + 8, (uint32_t)month);
}

int
evaluation_add(struct txn *t, const Hoso__Evaluation *e, int month)
{
	uint8_t kb[12];
	eval_key(kb, e->person_id, month);
	MDB_val k = { 12, kb };
	return txn_put_msg(t, DB_EVALUATION, &k, &e->base);
}

int
evaluation_exists(struct txn *t, uint64_t person, int month)
{
	uint8_t kb[12];
	MDB_val k = { 12, kb }, v;
	eval_key(kb, person, month);
	return txn_get(t, DB_EVALUATION, &k, &v) == 0;
}
