/* id2person: the people (candidates) and their personal details.
 *
 *   key   +--------------------+      value  +------------------------+
 *         | id: u64 big-endian |             | hoso.Person (protobuf) |
 *         +--------------------+             +------------------------+
 */
#include "tables.h"

/* Hoso.Person field numbers that person_peek reads. */
#define PF_RESIDENCE_ID 10
#define PF_CELL_ID 11
#define PF_STAGE 20

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

/* One base-128 varint at *p (before end); -1 if it is cut short or longer
 * than ten bytes. */
static int
peek_varint(const uint8_t **p, const uint8_t *end, uint64_t *out)
{
	uint64_t v = 0;
	for (unsigned shift = 0; shift < 70; shift += 7) {
		if (*p == end)
			return -1;
		uint8_t b = *(*p)++;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*out = v;
			return 0;
		}
	}
	return -1;
}

/* Walk the encoded record field by field, as protobuf-c would (the last
 * occurrence of a field wins), keeping the three fields lists filter on;
 * everything else is skipped unread. */
int
person_peek(const MDB_val *v, struct person_peek *out)
{
	const uint8_t *p = v->mv_data, *end = p + v->mv_size;
	uint64_t tag, x;
	out->stage = HOSO__STAGE__STAGE_NONE;
	out->cell_id = out->residence_id = 0;
	while (p < end) {
		if (peek_varint(&p, end, &tag) < 0 || (tag >> 3) == 0)
			return MDB_CORRUPTED;
		switch (tag & 7) {
		case 0:                         /* varint */
			if (peek_varint(&p, end, &x) < 0)
				return MDB_CORRUPTED;
			if ((tag >> 3) == PF_STAGE)
				out->stage = (Hoso__Stage)(int32_t)(uint32_t)x;
			else if ((tag >> 3) == PF_CELL_ID)
				out->cell_id = x;
			else if ((tag >> 3) == PF_RESIDENCE_ID)
				out->residence_id = x;
			break;
		case 1:                         /* 64-bit */
			if (end - p < 8)
				return MDB_CORRUPTED;
			p += 8;
			break;
		case 2:                         /* length-delimited */
			if (peek_varint(&p, end, &x) < 0 ||
			    x > (uint64_t)(end - p))
				return MDB_CORRUPTED;
			p += x;
			break;
		case 5:                         /* 32-bit */
			if (end - p < 4)
				return MDB_CORRUPTED;
			p += 4;
			break;
		default:                        /* groups: never in a Person */
			return MDB_CORRUPTED;
		}
	}
	return 0;
}

int
person_peek_id(struct txn *t, uint64_t id, struct person_peek *out)
{
	uint8_t kb[8];
	key_put_u64(kb, id);
	MDB_val k = { 8, kb }, v;
	int rc = txn_get(t, DB_ID2PERSON, &k, &v);
	if (rc != 0)
		return rc;
	if ((rc = person_peek(&v, out)) != 0)
		txn_fail(t, rc);
	return rc;
}
