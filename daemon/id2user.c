/* id2user: accounts, and the login index.
 *
 *   id2user    key +--------------------+  value +-----------------------+
 *                  | id: u64 big-endian |        | hoso.User (with hash) |
 *                  +--------------------+        +-----------------------+
 *   login2user key +--------------------+  value +--------------------+
 *                  | login (bytes)      |        | id: u64 big-endian |
 *                  +--------------------+        +--------------------+
 *
 * Logins never change, so the index is written once per account. */
#include <string.h>

#include "tables.h"

Hoso__User *
user_get(struct txn *t, uint64_t id, struct arena *a, int *rc)
{
	uint8_t kb[8];
	key_put_u64(kb, id);
	MDB_val k = { 8, kb };
	return txn_get_msg(t, DB_ID2USER, &k, &hoso__user__descriptor, a, rc);
}

Hoso__User *
user_by_login(struct txn *t, const char *login, struct arena *a, int *rc)
{
	MDB_val k = { strlen(login), (void *)login }, v;
	if (k.mv_size == 0 || k.mv_size >= 512) {
		*rc = MDB_NOTFOUND;
		return NULL;
	}
	if ((*rc = txn_get(t, DB_LOGIN2USER, &k, &v)) != 0)
		return NULL;
	if (v.mv_size != 8) {
		*rc = MDB_CORRUPTED;
		return NULL;
	}
	return user_get(t, key_get_u64(v.mv_data), a, rc);
}

int
user_put(struct txn *t, const Hoso__User *u)
{
	uint8_t kb[8];
	key_put_u64(kb, u->id);
	MDB_val k = { 8, kb }, lk = { strlen(u->login), u->login },
	    v = { 8, kb };
	txn_put(t, DB_LOGIN2USER, &lk, &v, 0);
	return txn_put_msg(t, DB_ID2USER, &k, &u->base);
}
