/* name2person: the folded-name search index.
 *
 * A name is folded (lower case, no diacritics, đ -> d: text_fold) and
 * indexed once per word it could be searched from, so "van an" finds
 * "Nguyễn Văn An" as well as "nguyen van":
 *
 *   key   +------------------------------+----+--------------------+
 *         | folded name from word i      | 00 | id: u64 big-endian |
 *         +------------------------------+----+--------------------+
 *   value +------------------------------+
 *         | the whole folded name        |
 *         +------------------------------+
 *
 * A search for q scans the keys that start with q.  A person whose name
 * matches q at two words ("ng" in "nguyen ngoc") has two such keys; only
 * the one at the first matching word is reported (name2person_first_match),
 * so each person appears once and paging needs no memory of what was sent. */
#include <string.h>

#include "tables.h"

size_t
name2person_key(const char *folded, size_t pos, uint64_t id, uint8_t *kb)
{
	size_t n = strlen(folded + pos);
	if (n > NAME_KEY_MAX)
		n = NAME_KEY_MAX;
	memcpy(kb, folded + pos, n);
	kb[n] = 0;
	key_put_u64(kb + n + 1, id);
	return n + 9;
}

/* Apply op (add or delete) to every word-start key of folded. */
static int
name_keys(struct txn *t, const char *folded, uint64_t id, bool add)
{
	uint8_t kb[NAME_KEY_MAX + 9];
	MDB_val v = { strlen(folded), (void *)folded };
	if (v.mv_size > NAME_KEY_MAX)
		v.mv_size = NAME_KEY_MAX;
	for (size_t i = 0; folded[i] != '\0'; i++) {
		if (i > 0 && folded[i - 1] != ' ')
			continue;
		MDB_val k = { name2person_key(folded, i, id, kb), kb };
		int rc = add ? txn_put(t, DB_NAME2PERSON, &k, &v, 0) :
		    txn_del(t, DB_NAME2PERSON, &k, NULL);
		if (rc != 0 && rc != MDB_NOTFOUND)
			return rc;
	}
	return 0;
}

int
name2person_add(struct txn *t, const char *folded, uint64_t id)
{
	return name_keys(t, folded, id, true);
}

int
name2person_del(struct txn *t, const char *folded, uint64_t id)
{
	return name_keys(t, folded, id, false);
}

int
name2person_first_match(const char *folded, size_t pos, const char *q)
{
	size_t qn = strlen(q);
	for (size_t i = 0; i < pos; i++) {
		if (i > 0 && folded[i - 1] != ' ')
			continue;
		if (strncmp(folded + i, q, qn) == 0)
			return 0;
	}
	return 1;
}
