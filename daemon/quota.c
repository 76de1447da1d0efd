/* quota: admission targets per unit and period.
 *
 *   key   +--------------------------+------------------+----------------+
 *         | org id: u64 big-endian   | first year: u32  | last year: u32 |
 *         +--------------------------+------------------+----------------+
 *   value hoso.Quota (protobuf)
 *
 * A year is the period year..year; a term is term_start..term_end. */
#include "tables.h"

/* Build the 16-byte key. */
static void
quota_key(uint8_t *kb, uint64_t org, uint32_t start, uint32_t end)
{
	key_put_u64(kb, org);
	for (int i = 0; i < 4; i++) {
		kb[8 + i] = (uint8_t)(start >> (24 - 8 * i));
		kb[12 + i] = (uint8_t)(end >> (24 - 8 * i));
	}
}

int
quota_put(struct txn *t, const Hoso__Quota *q)
{
	uint8_t kb[16];
	uint32_t start = q->year ? q->year : q->term_start;
	uint32_t end = q->year ? q->year : q->term_end;
	quota_key(kb, q->org_id, start, end);
	MDB_val k = { 16, kb };
	return txn_put_msg(t, DB_QUOTA, &k, &q->base);
}

Hoso__Quota *
quota_get(struct txn *t, uint64_t org, uint32_t start, uint32_t end,
    struct arena *a, int *rc)
{
	uint8_t kb[16];
	quota_key(kb, org, start, end);
	MDB_val k = { 16, kb };
	return txn_get_msg(t, DB_QUOTA, &k, &hoso__quota__descriptor, a, rc);
}
