/* id2file: each candidate's recruitment file (hồ sơ), keyed like the person.
 *
 *   key   +---------------------------+   value  +------------------------+
 *         | person id: u64 big-endian |          | hoso.File (protobuf)   |
 *         +---------------------------+          +------------------------+
 *
 * The stage is kept here and mirrored in the person record (stage,
 * stage_since), both written in the same transaction.  Every put also
 * points the file's entry in the deadline index (dueidx.h) at its earliest
 * running deadline. */
#include "dueidx.h"
#include "tables.h"

Hoso__File *
file_get(struct txn *t, uint64_t person, struct arena *a, int *rc)
{
	uint8_t kb[8];
	key_put_u64(kb, person);
	MDB_val k = { 8, kb };
	return txn_get_msg(t, DB_ID2FILE, &k, &hoso__file__descriptor, a, rc);
}

int
file_put(struct txn *t, const Hoso__File *f)
{
	uint8_t kb[8];
	key_put_u64(kb, f->person_id);
	MDB_val k = { 8, kb };
	txn_put_msg(t, DB_ID2FILE, &k, &f->base);
	return dueidx_set(t, DUE_REC_FILE, f->person_id, file_next_due(f));
}
