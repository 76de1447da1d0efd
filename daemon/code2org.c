/* code2org: the unique short code of each unit.
 *
 *   key   +------------------------------+   value  +--------------------+
 *         | code, ASCII upper-cased      |          | id: u64 big-endian |
 *         +------------------------------+          +--------------------+
 *
 * Codes are compared without case: "p01" and "P01" are the same code. */
#include <ctype.h>
#include <string.h>

#include "tables.h"

#define CODE_MAX 64

/* Upper-case copy of code into buf; its length. */
static size_t
code_key(const char *code, char *buf)
{
	size_t n = 0;
	for (; code[n] != '\0' && n < CODE_MAX; n++)
		buf[n] = (char)toupper((unsigned char)code[n]);
	return n;
}

int
code2org_get(struct txn *t, const char *code, uint64_t *id)
{
	char kb[CODE_MAX];
	MDB_val k = { code_key(code, kb), kb }, v;
	int rc = txn_get(t, DB_CODE2ORG, &k, &v);
	if (rc == 0 && v.mv_size == 8)
		*id = key_get_u64(v.mv_data);
	return rc;
}

int
code2org_add(struct txn *t, const char *code, uint64_t id)
{
	char kb[CODE_MAX];
	uint8_t vb[8];
	key_put_u64(vb, id);
	MDB_val k = { code_key(code, kb), kb }, v = { 8, vb };
	return txn_put(t, DB_CODE2ORG, &k, &v, MDB_NOOVERWRITE);
}

int
code2org_del(struct txn *t, const char *code)
{
	char kb[CODE_MAX];
	MDB_val k = { code_key(code, kb), kb };
	return txn_del(t, DB_CODE2ORG, &k, NULL);
}
