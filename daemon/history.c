/* history: every change to a file, append-only.  Entries are never
 * rewritten; a wrong one is corrected by a new one.
 *
 *   key   +---------------------------+---------------------------+
 *         | person id: u64 big-endian | seq: u64 big-endian        |
 *         +---------------------------+---------------------------+
 *   value hoso.HistoryEntry (protobuf)
 *
 * seq counts from 1 per person, so a cursor over the person's prefix
 * reads the history in the order it was written. */
#include "tables.h"

uint64_t
history_next_seq(struct txn *t, uint64_t person)
{
	uint8_t kb[16];
	MDB_cursor *c;
	MDB_val k, v;
	uint64_t seq = 1;
	key_put_u64(kb, person + 1);
	key_put_u64(kb + 8, 0);
	if (txn_cursor(t, DB_HISTORY, &c) != 0)
		return 0;
	k.mv_size = 16;
	k.mv_data = kb;
	/* The entry just before (person + 1, 0) is person's last, if any. */
	int rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
	if (rc == 0)
		rc = mdb_cursor_get(c, &k, &v, MDB_PREV);
	else if (rc == MDB_NOTFOUND)
		rc = mdb_cursor_get(c, &k, &v, MDB_LAST);
	if (rc == 0 && k.mv_size == 16 && key_get_u64(k.mv_data) == person)
		seq = key_get_u64((uint8_t *)k.mv_data + 8) + 1;
	else if (rc != 0 && rc != MDB_NOTFOUND)
		txn_fail(t, rc);
	mdb_cursor_close(c);
	return seq;
}

int
history_add(struct txn *t, const Hoso__HistoryEntry *e)
{
	uint8_t kb[16];
	key_put_u64(kb, e->person_id);
	key_put_u64(kb + 8, e->seq);
	MDB_val k = { 16, kb };
	return txn_put_msg(t, DB_HISTORY, &k, &e->base);
}
