/* test_store.c: unit tests for daemon/store.c on a fresh temporary LMDB
 * environment: opening and the schema version, refusing a newer schema,
 * the sticky error of struct txn, big-endian id keys, and growing the map
 * through the writer's group commit when it fills up. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_fixture.h"
#include "date.h"
#include "dueidx.h"

/* A file in dir exists. */
static bool
has_file(const char *dir, const char *name)
{
	char path[4096];
	struct stat sb;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return stat(path, &sb) == 0;
}

/* store_open makes the tables and writes schema version 1. */
static void
test_open_fresh(void)
{
	char *dir = fx_tmpdir();
	struct store st;
	char *cause = NULL;
	uint32_t ver = 0;

	int rc = store_open(&st, dir, 1 << 20, &cause);
	CHECK(rc == 0, "store_open on an empty directory");
	CHECK(cause == NULL, "no cause on success");
	CHECK(has_file(dir, "data.mdb"), "data.mdb created");
	CHECK(store_schema_version(&st, &ver) == 0, "schema version readable");
	CHECK(ver == STORE_SCHEMA_VERSION && ver == 5, "schema version is 5");
	CHECK(st.map_size >= (1 << 20), "map_size recorded (%llu)",
	    (unsigned long long)st.map_size);

	/* Every table can be read (they exist) and is empty. */
	struct txn t;
	CHECK(store_read_begin(&st, &t) == 0, "read txn begins");
	int bad = 0;
	for (int db = DB_ID2ORG; db < DB__COUNT; db++) {
		MDB_stat s;
		if (mdb_stat(t.txn, st.dbi[db], &s) != 0 || s.ms_entries != 0)
			bad++;
	}
	CHECK(bad == 0, "all %d tables exist and are empty", DB__COUNT - 1);
	CHECK(txn_last_id(&t, DB_ID2PERSON) == 0, "txn_last_id of empty table is 0");
	CHECK(t.err == 0, "no sticky error from reading an empty table");
	store_read_end(&t);
	store_close(&st);
	CHECK(st.env == NULL && st.dir == NULL, "store_close clears the struct");
	fx_rmdir(dir);
}

/* Data written and committed survives close and reopen. */
static void
test_reopen(void)
{
	char *dir = fx_tmpdir();
	struct store st;
	struct txn t;
	struct arena a;
	int rc;

	arena_init(&a);
	fx_open(&st, dir, 1 << 20);
	CHECK(store_write_begin(&st, NULL, &t) == 0, "write txn begins");
	Hoso__Org o = HOSO__ORG__INIT;
	o.id = 1;
	o.version = 1;
	o.kind = HOSO__ORG_KIND__ORG_DISTRICT;
	o.code = (char *)"QHA";
	o.name = (char *)"Quận ủy Hòa An";
	CHECK(org_put(&t, &o) == 0, "org_put");
	CHECK(code2org_add(&t, "QHA", 1) == 0, "code2org_add");
	CHECK(txn_commit(&t) == 0, "commit");
	CHECK(t.txn == NULL, "commit clears the handle");
	store_close(&st);

	fx_open(&st, dir, 1 << 20);
	uint32_t ver = 0;
	CHECK(store_schema_version(&st, &ver) == 0 && ver == 5,
	    "schema version still 5 after reopen");
	CHECK(store_read_begin(&st, &t) == 0, "read txn after reopen");
	Hoso__Org *g = org_get(&t, 1, &a, &rc);
	CHECK(g != NULL && rc == 0, "org 1 is still there");
	CHECK_STR(g ? g->name : NULL, "Quận ủy Hòa An", "its name kept");
	uint64_t id = 0;
	CHECK(code2org_get(&t, "qha", &id) == 0 && id == 1,
	    "code index kept (looked up in lower case)");
	CHECK(org_get(&t, 2, &a, &rc) == NULL && rc == MDB_NOTFOUND,
	    "org 2 is not found");
	CHECK(t.err == 0, "MDB_NOTFOUND is not sticky");
	store_read_end(&t);
	store_close(&st);
	arena_free(&a);
	fx_rmdir(dir);
}

/* Make dir an LMDB environment whose "meta" table holds schema_version as
 * the value bytes given (none: the key is left out). */
static int
raw_meta(const char *dir, const uint8_t *val, size_t len)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	int rc;
	if ((rc = mdb_env_create(&env)) != 0)
		return rc;
	mdb_env_set_maxdbs(env, 32);
	if ((rc = mdb_env_open(env, dir, 0, 0600)) != 0)
		goto out;
	if ((rc = mdb_txn_begin(env, NULL, 0, &txn)) != 0)
		goto out;
	if ((rc = mdb_dbi_open(txn, "meta", MDB_CREATE, &dbi)) != 0) {
		mdb_txn_abort(txn);
		goto out;
	}
	if (val != NULL) {
		MDB_val k = { strlen("schema_version"), (void *)"schema_version" };
		MDB_val v = { len, (void *)val };
		if ((rc = mdb_put(txn, dbi, &k, &v, 0)) != 0) {
			mdb_txn_abort(txn);
			goto out;
		}
	}
	rc = mdb_txn_commit(txn);
out:
	mdb_env_close(env);
	return rc;
}

/* A data directory from a newer hosod is refused, naming both versions;
 * one from before versioning (no key) is migrated to 1. */
static void
test_schema(void)
{
	struct store st;
	char *cause = NULL;

	char *dir = fx_tmpdir();
	static const uint8_t v99[4] = { 0, 0, 0, 99 };
	CHECK(raw_meta(dir, v99, 4) == 0, "raw LMDB: meta schema_version = 99");
	int rc = store_open(&st, dir, 1 << 20, &cause);
	CHECK(rc < 0, "store_open refuses schema 99");
	CHECK(cause != NULL && strstr(cause, "99") != NULL,
	    "cause names the version found: %s", cause ? cause : "(null)");
	CHECK(cause != NULL && strstr(cause, "up to 5") != NULL,
	    "cause names the version this build knows");
	CHECK(cause != NULL && strstr(cause, dir) != NULL,
	    "cause names the data directory");
	CHECK(st.env == NULL, "nothing left open after refusal");
	free(cause);
	cause = NULL;
	/* The refusal changed nothing on disk: still 99. */
	rc = store_open(&st, dir, 1 << 20, &cause);
	CHECK(rc < 0 && cause != NULL && strstr(cause, "99") != NULL,
	    "refused again: the refusal did not rewrite the version");
	free(cause);
	cause = NULL;
	fx_rmdir(dir);

	/* A version stored in the wrong shape is an error, not version 0. */
	dir = fx_tmpdir();
	static const uint8_t v3[3] = { 0, 0, 1 };
	CHECK(raw_meta(dir, v3, 3) == 0, "raw LMDB: 3-byte schema_version");
	rc = store_open(&st, dir, 1 << 20, &cause);
	CHECK(rc < 0 && cause != NULL, "a malformed schema version is refused: %s",
	    cause ? cause : "(null)");
	free(cause);
	cause = NULL;
	fx_rmdir(dir);

	/* No version at all: the migration creates the tables. */
	dir = fx_tmpdir();
	CHECK(raw_meta(dir, NULL, 0) == 0, "raw LMDB: meta without a version");
	rc = store_open(&st, dir, 1 << 20, &cause);
	CHECK(rc == 0, "store_open migrates an unversioned store");
	uint32_t ver = 0;
	CHECK(rc == 0 && store_schema_version(&st, &ver) == 0 && ver == STORE_SCHEMA_VERSION,
	    "migrated to the current schema");
	if (rc == 0)
		store_close(&st);
	free(cause);
	cause = NULL;
	fx_rmdir(dir);

	/* Garbage where data.mdb should be: refused with a cause, no crash. */
	dir = fx_tmpdir();
	char path[4096];
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	FILE *f = fopen(path, "w");
	for (int i = 0; f != NULL && i < 8192; i++)
		fputc("garbage!"[i % 8], f);
	if (f != NULL)
		fclose(f);
	rc = store_open(&st, dir, 1 << 20, &cause);
	CHECK(rc < 0 && cause != NULL && strstr(cause, dir) != NULL,
	    "a data.mdb that is not LMDB is refused: %s", cause ? cause : "(null)");
	free(cause);
	fx_rmdir(dir);
}

/* After the first error every call returns it; commit aborts. */
static void
test_sticky(void)
{
	char *dir = fx_tmpdir();
	struct store st;
	struct txn t;
	uint8_t kb[8];
	MDB_val v = { 3, (void *)"abc" }, got;
	fx_open(&st, dir, 1 << 20);

	CHECK(store_write_begin(&st, NULL, &t) == 0, "write txn begins");
	key_put_u64(kb, 1);
	MDB_val k1 = { 8, kb };
	CHECK(txn_put(&t, DB_ID2PERSON, &k1, &v, 0) == 0, "first put succeeds");
	MDB_val empty = { 0, kb };
	int err = txn_put(&t, DB_ID2PERSON, &empty, &v, 0);
	CHECK(err == MDB_BAD_VALSIZE, "a put with an empty key fails (%s)",
	    mdb_strerror(err));
	CHECK(t.err == err, "the error is sticky in t.err");
	CHECK(txn_get(&t, DB_ID2PERSON, &k1, &got) == err,
	    "txn_get now returns the sticky error, not the record");
	CHECK(txn_put(&t, DB_ID2PERSON, &k1, &v, 0) == err,
	    "txn_put returns it");
	CHECK(txn_del(&t, DB_ID2PERSON, &k1, NULL) == err, "txn_del returns it");
	MDB_cursor *c = NULL;
	CHECK(txn_cursor(&t, DB_ID2PERSON, &c) == err && c == NULL,
	    "txn_cursor returns it and opens nothing");
	CHECK(txn_last_id(&t, DB_ID2PERSON) == 0, "txn_last_id gives 0");
	Hoso__Org o = HOSO__ORG__INIT;
	o.id = 5;
	o.name = (char *)"Chi bộ Khu phố 1";
	CHECK(txn_put_msg(&t, DB_ID2ORG, &k1, &o.base) == err,
	    "txn_put_msg returns it");
	CHECK(txn_fail(&t, MDB_CORRUPTED) == MDB_CORRUPTED && t.err == err,
	    "a later failure does not replace the first");
	CHECK(txn_commit(&t) == err, "txn_commit returns the sticky error");
	CHECK(t.txn == NULL, "and has aborted the txn");

	/* Nothing of the failed txn reached the disk. */
	CHECK(store_read_begin(&st, &t) == 0, "read txn");
	CHECK(txn_get(&t, DB_ID2PERSON, &k1, &got) == MDB_NOTFOUND,
	    "the put before the error was not committed");
	store_read_end(&t);

	/* A read txn: an empty key in txn_get is sticky too. */
	CHECK(store_read_begin(&st, &t) == 0, "read txn");
	err = txn_get(&t, DB_ID2PERSON, &empty, &got);
	CHECK(err != 0 && err != MDB_NOTFOUND && t.err == err,
	    "txn_get with an empty key is a sticky error (%s)", mdb_strerror(err));
	store_read_end(&t);
	CHECK(store_read_begin(&st, &t) == 0 && t.err == 0,
	    "the next read txn starts clean");
	store_read_end(&t);

	store_close(&st);
	fx_rmdir(dir);
}

/* MDB_KEYEXIST and MDB_NOTFOUND are answers, not failures. */
static void
test_keyexist(void)
{
	char *dir = fx_tmpdir();
	struct store st;
	struct txn t;
	uint8_t kb[8];
	MDB_val v1 = { 3, (void *)"one" }, v2 = { 3, (void *)"two" }, got;
	fx_open(&st, dir, 1 << 20);

	CHECK(store_write_begin(&st, NULL, &t) == 0, "write txn begins");
	key_put_u64(kb, 7);
	MDB_val k = { 8, kb };
	CHECK(txn_put(&t, DB_ID2PERSON, &k, &v1, MDB_NOOVERWRITE) == 0,
	    "first put with MDB_NOOVERWRITE");
	CHECK(txn_put(&t, DB_ID2PERSON, &k, &v2, MDB_NOOVERWRITE) == MDB_KEYEXIST,
	    "second put with MDB_NOOVERWRITE: MDB_KEYEXIST");
	CHECK(t.err == 0, "MDB_KEYEXIST is not sticky");
	uint8_t kb2[8];
	key_put_u64(kb2, 8);
	MDB_val k2 = { 8, kb2 };
	CHECK(txn_del(&t, DB_ID2PERSON, &k2, NULL) == MDB_NOTFOUND && t.err == 0,
	    "deleting a missing key: MDB_NOTFOUND, not sticky");
	CHECK(txn_put(&t, DB_ID2PERSON, &k2, &v2, 0) == 0,
	    "later puts still work");
	CHECK(txn_commit(&t) == 0, "and the txn commits");

	CHECK(store_read_begin(&st, &t) == 0, "read txn");
	CHECK(txn_get(&t, DB_ID2PERSON, &k, &got) == 0 && got.mv_size == 3 &&
	    memcmp(got.mv_data, "one", 3) == 0,
	    "the refused put did not overwrite the first value");
	CHECK(txn_get(&t, DB_ID2PERSON, &k2, &got) == 0, "key 8 committed");
	store_read_end(&t);
	store_close(&st);
	fx_rmdir(dir);
}

/* Big-endian u64 keys: round trip, byte layout, numeric cursor order. */
static void
test_keys(void)
{
	static const uint64_t vals[] = { 256, 1, 65536, 255, 1ull << 40, 2,
	    0x0102030405060708ull, UINT64_MAX, 4294967296ull, 0 };
	const size_t n = sizeof vals / sizeof vals[0];
	uint8_t b[8];
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		key_put_u64(b, vals[i]);
		if (key_get_u64(b) != vals[i])
			bad++;
	}
	CHECK(bad == 0, "key_put_u64/key_get_u64 round-trip %zu values", n);
	key_put_u64(b, 0x0102030405060708ull);
	static const uint8_t be[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	CHECK(memcmp(b, be, 8) == 0, "most significant byte first");

	char *dir = fx_tmpdir();
	struct store st;
	struct txn t;
	fx_open(&st, dir, 1 << 20);
	CHECK(store_write_begin(&st, NULL, &t) == 0, "write txn");
	for (size_t i = 0; i < n; i++) {
		key_put_u64(b, vals[i]);
		MDB_val k = { 8, b }, v = { 0, b };
		txn_put(&t, DB_ID2PERSON, &k, &v, 0);
	}
	CHECK(t.err == 0, "%zu keys put in shuffled order", n);
	CHECK(txn_last_id(&t, DB_ID2PERSON) == UINT64_MAX,
	    "txn_last_id sees uncommitted keys: UINT64_MAX is last");
	CHECK(txn_commit(&t) == 0, "commit");

	CHECK(store_read_begin(&st, &t) == 0, "read txn");
	MDB_cursor *c;
	MDB_val k, v;
	CHECK(txn_cursor(&t, DB_ID2PERSON, &c) == 0, "cursor");
	uint64_t prev = 0, seen = 0;
	bool ordered = true;
	for (int rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		uint64_t id = key_get_u64(k.mv_data);
		if (seen > 0 && id <= prev)
			ordered = false;
		prev = id;
		seen++;
	}
	mdb_cursor_close(c);
	CHECK(seen == n && ordered, "cursor order is numeric order (%llu keys)",
	    (unsigned long long)seen);
	CHECK(txn_last_id(&t, DB_ID2PERSON) == UINT64_MAX, "txn_last_id = max");
	CHECK(txn_last_id(&t, DB_ID2ORG) == 0, "txn_last_id of an empty table: 0");
	store_read_end(&t);
	store_close(&st);
	fx_rmdir(dir);
}

/* A stored value that is not the protobuf it should be: MDB_CORRUPTED. */
static void
test_corrupt(void)
{
	char *dir = fx_tmpdir();
	struct store st;
	struct txn t;
	struct arena a;
	int rc;
	uint8_t kb[8];
	arena_init(&a);
	fx_open(&st, dir, 1 << 20);
	CHECK(store_write_begin(&st, NULL, &t) == 0, "write txn");
	key_put_u64(kb, 3);
	MDB_val k = { 8, kb }, v = { 5, (void *)"\xff\xff\xff\xff\xff" };
	CHECK(txn_put(&t, DB_ID2PERSON, &k, &v, 0) == 0, "put garbage as person 3");
	CHECK(txn_commit(&t) == 0, "commit");

	CHECK(store_read_begin(&st, &t) == 0, "read txn");
	Hoso__Person *p = person_get(&t, 3, &a, &rc);
	CHECK(p == NULL && rc == MDB_CORRUPTED, "person_get: MDB_CORRUPTED");
	CHECK(t.err == MDB_CORRUPTED, "and it is sticky");
	store_read_end(&t);

	struct job *j = fx_person_get(3);
	int s = fx_read(&st, j);
	CHECK(s == HOSO__STATUS__INTERNAL, "person.get of it: INTERNAL (%d)", s);
	CHECK(j->resp.message != NULL && strstr(j->resp.message, "nothing was saved"),
	    "with a plain-words message: %s", j->resp.message);
	job_free(j);

	/* An empty message round-trips (packed size 0). */
	CHECK(store_write_begin(&st, NULL, &t) == 0, "write txn");
	Hoso__Org o = HOSO__ORG__INIT;
	key_put_u64(kb, 9);
	CHECK(txn_put_msg(&t, DB_ID2ORG, &k, &o.base) == 0,
	    "txn_put_msg of an all-default Org");
	CHECK(txn_commit(&t) == 0, "commit");
	CHECK(store_read_begin(&st, &t) == 0, "read txn");
	Hoso__Org *g = org_get(&t, 9, &a, &rc);
	CHECK(g != NULL && rc == 0 && g->id == 0 && g->kind == 0,
	    "and reads back as an all-default Org");
	store_read_end(&t);
	store_close(&st);
	arena_free(&a);
	fx_rmdir(dir);
}

/* LMDB codes map to protocol statuses in one place. */
static void
test_status(void)
{
	CHECK(store_status(0) == HOSO__STATUS__OK, "0 -> OK");
	CHECK(store_status(MDB_NOTFOUND) == HOSO__STATUS__NOT_FOUND,
	    "MDB_NOTFOUND -> NOT_FOUND");
	CHECK(store_status(MDB_KEYEXIST) == HOSO__STATUS__CONFLICT,
	    "MDB_KEYEXIST -> CONFLICT");
	CHECK(store_status(MDB_MAP_FULL) == HOSO__STATUS__RESOURCE_EXHAUSTED,
	    "MDB_MAP_FULL -> RESOURCE_EXHAUSTED");
	CHECK(store_status(ENOSPC) == HOSO__STATUS__RESOURCE_EXHAUSTED,
	    "ENOSPC -> RESOURCE_EXHAUSTED");
	CHECK(store_status(MDB_CORRUPTED) == HOSO__STATUS__INTERNAL,
	    "MDB_CORRUPTED -> INTERNAL");
	CHECK(store_status(EIO) == HOSO__STATUS__INTERNAL, "EIO -> INTERNAL");
}

#define GROW_MAP (32768 * 4)
#define GROW_PEOPLE 600
#define GROW_BATCH 25

/* Queue person n (1-based) into b: invented, valid, unique CCCD. */
static void
grow_person(struct fx_batch *b, unsigned n)
{
	static const char *family[] = { "Nguyễn", "Trần", "Lê", "Phạm",
	    "Hoàng", "Võ", "Đặng", "Bùi" };
	static const char *given[] = { "An", "Bảo", "Cường", "Dũng", "Hải",
	    "Khánh", "Long", "Phúc", "Quân", "Tùng", "Hòa" };
	char name[128], born[16], cccd[13];
	int year = 1960 + (int)(n % 45);
	snprintf(name, sizeof name, "%s Văn %s", family[n % 8], given[n % 11]);
	snprintf(born, sizeof born, "%04d-%02u-%02u", year, 1 + n % 12,
	    1 + n % 28);
	fx_cccd(cccd, n % 2 ? 79 : 1, year, false, 100000 + n);
	struct job *j = fx_person_create(b, name, born, HOSO__GENDER__MALE, cccd,
	    2, 3);
	j->req->person_create->person->notes = fx_str(j,
	    "Đoàn viên ưu tú, đã học lớp bồi dưỡng nhận thức về Đảng năm 2023; "
	    "gia đình chấp hành tốt chủ trương, chính sách của địa phương.");
}

/* A map far too small: the writer grows it and every request succeeds. */
static void
test_grow(void)
{
	char *dir = fx_tmpdir();
	struct store st;
	struct fx_batch b;
	fx_open(&st, dir, GROW_MAP);
	uint64_t map0 = st.map_size;
	CHECK(map0 <= 4 * GROW_MAP, "tiny map accepted (%llu bytes)",
	    (unsigned long long)map0);

	fx_batch_init(&b);
	fx_org_create(&b, HOSO__ORG_KIND__ORG_DISTRICT, "QHA", "Quận ủy Hòa An", 0);
	fx_org_create(&b, HOSO__ORG_KIND__ORG_WARD, "P01", "Đảng ủy Phường 1", 1);
	fx_org_create(&b, HOSO__ORG_KIND__ORG_CELL, "P01-KP1", "Chi bộ Khu phố 1", 2);
	fx_run(&st, &b);
	int bad = 0;
	for (struct job *j = b.head; j; j = j->next)
		bad += j->resp.status != HOSO__STATUS__OK;
	CHECK(bad == 0, "units created");
	fx_batch_free(&b);

	/* First one batch much bigger than the map, then many small ones. */
	uint64_t grows0 = fx_grows;
	unsigned n = 0, failed = 0;
	fx_batch_init(&b);
	while (n < 200)
		grow_person(&b, ++n);
	fx_run(&st, &b);
	for (struct job *j = b.head; j; j = j->next)
		failed += j->resp.status != HOSO__STATUS__OK;
	CHECK(failed == 0, "a batch of 200 people in a %llu-byte map: all OK",
	    (unsigned long long)map0);
	if (failed != 0)
		printf("# first failure: %s\n", b.head->resp.message);
	fx_batch_free(&b);
	CHECK(fx_grows > grows0, "the writer grew the map (%llu times)",
	    (unsigned long long)(fx_grows - grows0));
	uint64_t map1 = st.map_size;
	CHECK(map1 > map0, "map_size grew: %llu -> %llu",
	    (unsigned long long)map0, (unsigned long long)map1);

	while (n < GROW_PEOPLE) {
		fx_batch_init(&b);
		for (int i = 0; i < GROW_BATCH; i++)
			grow_person(&b, ++n);
		fx_run(&st, &b);
		for (struct job *j = b.head; j; j = j->next)
			failed += j->resp.status != HOSO__STATUS__OK;
		fx_batch_free(&b);
	}
	CHECK(failed == 0, "%u more people in batches of %d: all OK",
	    GROW_PEOPLE - 200, GROW_BATCH);
	CHECK(st.map_size > map1, "map grew again: %llu -> %llu",
	    (unsigned long long)map1, (unsigned long long)st.map_size);
	CHECK(fx_last_id(&st, DB_ID2PERSON) == GROW_PEOPLE,
	    "last person id is %d", GROW_PEOPLE);
	store_close(&st);

	/* Reopen with the tiny size again: LMDB takes at least the data. */
	fx_open(&st, dir, GROW_MAP);
	CHECK(fx_count(&st, DB_ID2PERSON) == GROW_PEOPLE,
	    "after reopen: %d people stored", GROW_PEOPLE);
	CHECK(fx_count(&st, DB_CCCD2PERSON) == GROW_PEOPLE,
	    "and %d CCCDs indexed", GROW_PEOPLE);
	CHECK(fx_count(&st, DB_CELL2PERSON) == GROW_PEOPLE,
	    "and %d cell memberships", GROW_PEOPLE);
	unsigned unreadable = 0;
	for (unsigned i = 1; i <= GROW_PEOPLE; i++) {
		char cccd[13];
		int year = 1960 + (int)(i % 45);
		fx_cccd(cccd, i % 2 ? 79 : 1, year, false, 100000 + i);
		char *name = fx_person_name(&st, i, NULL);
		if (name == NULL || fx_cccd_owner(&st, cccd) != i)
			unreadable++;
		free(name);
	}
	CHECK(unreadable == 0, "every person readable by id and by CCCD");
	/* Writing goes on after reopening with a map smaller than the data. */
	fx_batch_init(&b);
	for (int i = 0; i < GROW_BATCH; i++)
		grow_person(&b, ++n);
	fx_run(&st, &b);
	failed = 0;
	for (struct job *j = b.head; j; j = j->next)
		failed += j->resp.status != HOSO__STATUS__OK;
	fx_batch_free(&b);
	CHECK(failed == 0, "writes after reopen succeed");
	CHECK(fx_last_id(&st, DB_ID2PERSON) == n, "last id %u", n);
	store_close(&st);
	fx_rmdir(dir);
}

/* Schema 1 -> 2: a person stored before files existed becomes a
 * candidate IDENTIFIED on the day they were entered, with a file; a party
 * member keeps no file. */
static void
test_migrate_v2(void)
{
	char *dir = fx_tmpdir(), *cause = NULL;
	struct store st;
	struct txn t;
	CHECK(store_open(&st, dir, 1 << 20, &cause) == 0, "open a fresh store");
	CHECK(store_write_begin(&st, NULL, &t) == 0, "write txn");
	Hoso__Person p = HOSO__PERSON__INIT, m = HOSO__PERSON__INIT;
	p.id = 1;
	p.name = "Hà Thị Thu Trang";
	p.created_at = 1700000000;      /* 2023-11-14 22:13 UTC = 15/11 in VN */
	m.id = 2;
	m.name = "Phùng Văn Lộc";
	m.membership = HOSO__MEMBERSHIP__MEMBER_OFFICIAL;
	person_put(&t, &p);
	person_put(&t, &m);
	CHECK(txn_commit(&t) == 0, "two schema-1 people written");
	store_close(&st);
	static const uint8_t v1[4] = { 0, 0, 0, 1 };
	CHECK(raw_meta(dir, v1, 4) == 0, "raw LMDB: schema_version back to 1");
	CHECK(store_open(&st, dir, 1 << 20, &cause) == 0, "reopen migrates");
	uint32_t ver = 0;
	CHECK(store_schema_version(&st, &ver) == 0 && ver == STORE_SCHEMA_VERSION, "now the current schema");
	struct arena a;
	int rc;
	arena_init(&a);
	CHECK(store_read_begin(&st, &t) == 0, "read txn");
	Hoso__Person *got = person_get(&t, 1, &a, &rc);
	CHECK(got && got->stage == HOSO__STAGE__STAGE_IDENTIFIED &&
	    strcmp(got->stage_since, "2023-11-15") == 0,
	    "the candidate is identified on the day entered (Vietnam time)");
	Hoso__File *f = file_get(&t, 1, &a, &rc);
	CHECK(f && f->stage == HOSO__STAGE__STAGE_IDENTIFIED && f->version == 1,
	    "and has a file");
	got = person_get(&t, 2, &a, &rc);
	CHECK(got && got->stage == HOSO__STAGE__STAGE_NONE,
	    "the member has no stage");
	CHECK(file_get(&t, 2, &a, &rc) == NULL && rc == MDB_NOTFOUND,
	    "and no file");
	store_read_end(&t);
	arena_free(&a);
	store_close(&st);
	fx_rmdir(dir);
}

/* Schema 3 -> 4: every stored file's running deadline enters the
 * deadline index (here a decided file waiting for its ceremony). */
static void
test_migrate_v4(void)
{
	char *dir = fx_tmpdir(), *cause = NULL;
	struct store st;
	struct txn t;
	CHECK(store_open(&st, dir, 1 << 20, &cause) == 0, "v4: open a fresh store");
	CHECK(store_write_begin(&st, NULL, &t) == 0, "v4: write txn");
	Hoso__File f = HOSO__FILE__INIT, g = HOSO__FILE__INIT;
	f.person_id = 7;
	f.stage = HOSO__STAGE__STAGE_DECIDED;
	f.ceremony_due = "2026-12-04";
	g.person_id = 8;
	g.stage = HOSO__STAGE__STAGE_WITHDRAWN;
	g.ceremony_due = "2026-12-01";
	uint8_t kb[8];
	key_put_u64(kb, 7);
	MDB_val k = { 8, kb };
	txn_put_msg(&t, DB_ID2FILE, &k, &f.base);     /* bypasses the index */
	key_put_u64(kb, 8);
	txn_put_msg(&t, DB_ID2FILE, &k, &g.base);
	CHECK(txn_commit(&t) == 0, "v4: two files written without index");
	store_close(&st);
	static const uint8_t v3[4] = { 0, 0, 0, 3 };
	CHECK(raw_meta(dir, v3, 4) == 0, "v4: raw LMDB: schema_version back to 3");
	CHECK(store_open(&st, dir, 1 << 20, &cause) == 0, "v4: reopen migrates");
	CHECK(store_read_begin(&st, &t) == 0, "v4: read txn");
	int32_t want;
	date_parse_iso("2026-12-04", &want);
	CHECK(dueidx_get(&t, DUE_REC_FILE, 7) == want,
	    "the decided file's ceremony deadline is indexed");
	CHECK(dueidx_get(&t, DUE_REC_FILE, 8) == DUE_NONE,
	    "a withdrawn file has no running deadline");
	store_read_end(&t);
	store_close(&st);
	fx_rmdir(dir);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);   /* keep the output of a crash */
	log_set_level(LOG_WARN);
	test_open_fresh();
	test_reopen();
	test_schema();
	test_sticky();
	test_keyexist();
	test_keys();
	test_corrupt();
	test_status();
	test_grow();
	test_migrate_v2();
	test_migrate_v4();
	return t_done();
}
