/* cccd2person: national ID number (CCCD) to person; keeps CCCDs unique.
 *
 *   key   +---------------------------+      value  +--------------------+
 *         | 12 ASCII digits           |             | id: u64 big-endian |
 *         +---------------------------+             +--------------------+
 *
 * Key order is digit order, so a prefix scan finds "0790..." quickly. */
#include <string.h>

#include "tables.h"

int
cccd2person_get(struct txn *t, const char *cccd, uint64_t *id)
{
	MDB_val k = { strlen(cccd), (void *)cccd }, v;
	int rc = txn_get(t, DB_CCCD2PERSON, &k, &v);
	if (rc == 0 && v.mv_size == 8)
		*id = key_get_u64(v.mv_data);
	return rc;
}

int
cccd2person_add(struct txn *t, const char *cccd, uint64_t id)
{
	uint8_t vb[8];
	key_put_u64(vb, id);
	MDB_val k = { strlen(cccd), (void *)cccd }, v = { 8, vb };
	return txn_put(t, DB_CCCD2PERSON, &k, &v, MDB_NOOVERWRITE);
}

int
cccd2person_del(struct txn *t, const char *cccd)
{
	MDB_val k = { strlen(cccd), (void *)cccd };
	return txn_del(t, DB_CCCD2PERSON, &k, NULL);
}
