/* test_fsck.c: unit tests for hosod --check (daemon/fsck*.c).  A store is
 * filled through the real handlers (the demo data, then edits, a user and
 * audit entries), found clean; then each kind of damage is made directly
 * with txn_put/txn_del, must be reported under the right table, and once
 * undone the store must be clean again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_fixture.h"
#include "audit.h"
#include "check.h"
#include "config.h"
#include "demo.h"
#include "dueidx.h"
#include "fsck.h"
#include "text.h"
#include "workdays.h"

static struct store st;

/* Run the check; its output in *out (malloc'd); the number of problems, or
 * -1 when the walk itself failed. */
static long
run_fsck(char **out)
{
	size_t n;
	FILE *f = open_memstream(out, &n);
	struct fsck_result res;
	char *cause = NULL;
	int rc = fsck_run(&st, f, &res, &cause);
	fclose(f);
	if (rc != 0) {
		printf("# fsck_run: %s\n", cause ? cause : "?");
		free(cause);
		return -1;
	}
	return (long)res.problems;
}

/* Does out have a line starting "table " that contains what? */
static bool
reported(const char *out, const char *table, const char *what)
{
	size_t tl = strlen(table);
	for (const char *l = out; l != NULL && *l != '\0';) {
		const char *e = strchr(l, '\n');
		size_t n = e ? (size_t)(e - l) : strlen(l);
		if (n > tl && strncmp(l, table, tl) == 0 && l[tl] == ' ' &&
		    memmem(l, n, what, strlen(what)) != NULL)
			return true;
		l = e ? e + 1 : NULL;
	}
	return false;
}

/* Print the check's output as TAP comments. */
static void
show(const char *out)
{
	for (const char *l = out; l != NULL && *l != '\0';) {
		const char *e = strchr(l, '\n');
		printf("#   %.*s\n", (int)(e ? e - l : (long)strlen(l)), l);
		l = e ? e + 1 : NULL;
	}
}

/* ---- writing straight into the tables ---------------------------------- */

static void
raw_begin(struct txn *t)
{
	if (store_write_begin(&st, NULL, t) != 0) {
		printf("Bail out! store_write_begin\n");
		exit(2);
	}
}

static void
raw_commit(struct txn *t)
{
	if (txn_commit(t) != 0) {
		printf("Bail out! raw commit\n");
		exit(2);
	}
}

static void
raw_put(enum store_db db, const void *k, size_t kn, const void *v, size_t vn)
{
	struct txn t;
	raw_begin(&t);
	MDB_val kk = { kn, (void *)k }, vv = { vn, (void *)v };
	txn_put(&t, db, &kk, &vv, 0);
	raw_commit(&t);
}

static void
raw_del(enum store_db db, const void *k, size_t kn)
{
	struct txn t;
	raw_begin(&t);
	MDB_val kk = { kn, (void *)k };
	txn_del(&t, db, &kk, NULL);
	raw_commit(&t);
}

/* A malloc'd copy of the value at k in db (its size in *n), or NULL. */
static void *
raw_get(enum store_db db, const void *k, size_t kn, size_t *n)
{
	struct txn t;
	void *copy = NULL;
	MDB_val kk = { kn, (void *)k }, v;
	if (store_read_begin(&st, &t) != 0)
		return NULL;
	if (txn_get(&t, db, &kk, &v) == 0 && (copy = malloc(v.mv_size + 1)))
		memcpy(copy, v.mv_data, v.mv_size);
	*n = v.mv_size;
	store_read_end(&t);
	return copy;
}

/* Put a packed message at an id key. */
static void
raw_put_msg(enum store_db db, uint64_t id, const ProtobufCMessage *m)
{
	uint8_t kb[8], *buf = malloc(protobuf_c_message_get_packed_size(m) + 1);
	key_put_u64(kb, id);
	size_t n = protobuf_c_message_pack(m, buf);
	raw_put(db, kb, 8, buf, n);
	free(buf);
}

/* ---- filling the store through the handlers ------------------------------ */

static uint64_t alice;          /* a demo candidate, renamed below */

static void
fill(void)
{
	struct config cfg;
	char *cause = NULL;
	config_defaults(&cfg);
	struct rules rules = cfg.rules;
	config_free(&cfg);
	CHECK(workdays_load(&st) == 0, "calendar loaded");
	int rc = demo_seed(&st, &rules, &cause);
	CHECK(rc == 0, "demo data seeded through the handlers (%s)",
	    cause ? cause : "ok");
	free(cause);

	/* Edits that move index entries: a new name, another cell, and a
	 * new CCCD, by a logged-in user so the audit log gets entries. */
	alice = 5;
	uint64_t ver = 0;
	char *name = fx_person_name(&st, alice, &ver);
	struct job *j = fx_person_update(NULL, alice, ver, "name", "phone",
	    (char *)NULL);
	j->req->person_update->person->name = fx_str(j, "Đoàn Thị Ánh Tuyết");
	j->req->person_update->person->phone = fx_str(j, "0912 000 111");
	j->who.role = HOSO__ROLE__ROLE_ADMIN;
	CHECK(fx_write1(&st, j) == HOSO__STATUS__OK, "person %llu renamed "
	    "from %s", (unsigned long long)alice, name ? name : "?");
	job_free(j);
	free(name);

	/* Audit entries of reads, as the loop queues them. */
	struct audit_rec recs[5];
	struct principal who = { .role = HOSO__ROLE__ROLE_ADMIN };
	snprintf(who.login, sizeof who.login, "admin");
	for (int i = 0; i < 5; i++)
		audit_rec_set(&recs[i], &who, time(NULL), "person.get", "person",
		    (uint64_t)i + 1, HOSO__STATUS__OK);
	writer_run_batch(&st, NULL, recs, 5, &fx_grows);

	/* An account, with its login index. */
	struct txn t;
	raw_begin(&t);
	Hoso__User u = HOSO__USER__INIT;
	u.id = txn_last_id(&t, DB_ID2USER) + 1;
	u.version = 1;
	u.login = (char *)"clerk";
	u.display_name = (char *)"Clerk";
	u.role = HOSO__ROLE__ROLE_CELL_SECRETARY;
	u.enabled = true;
	user_put(&t, &u);
	raw_commit(&t);
	CHECK(fx_count(&st, DB_AUDIT) >= 6, "the audit log has %zu entries",
	    fx_count(&st, DB_AUDIT));
}

/* ---- the cases ------------------------------------------------------------ */

static void
expect_clean(const char *when)
{
	char *out = NULL;
	long n = run_fsck(&out);
	CHECK(n == 0, "%s: no problems", when);
	if (n != 0)
		show(out);
	free(out);
}

/* Run the check and want a line "table ...what..." among the problems. */
static void
expect_problem(const char *what_done, const char *table, const char *what)
{
	char *out = NULL;
	long n = run_fsck(&out);
	bool ok = n > 0 && reported(out, table, what);
	CHECK(ok, "%s: reported under %s (%ld problems)", what_done, table, n);
	if (!ok)
		show(out);
	free(out);
}

/* A person's name2person key at word 0. */
static size_t
name_key(uint64_t id, uint8_t *kb, char **folded)
{
	char *name = fx_person_name(&st, id, NULL);
	*folded = text_fold(name);
	free(name);
	size_t n = strlen(*folded);
	memcpy(kb, *folded, n);
	kb[n] = 0;
	key_put_u64(kb + n + 1, id);
	return n + 9;
}

static void
test_index_entries(void)
{
	uint8_t kb[NAME_KEY_MAX + 9];
	char *folded;
	size_t kn = name_key(alice, kb, &folded);

	raw_del(DB_NAME2PERSON, kb, kn);
	expect_problem("a name2person entry deleted", "name2person", "missing");
	raw_put(DB_NAME2PERSON, kb, kn, folded, strlen(folded));
	expect_clean("the entry put back");

	/* An entry under a name the person does not have. */
	const char *other = "tran van khong co";
	uint8_t ob[64];
	size_t on = strlen(other);
	memcpy(ob, other, on);
	ob[on] = 0;
	key_put_u64(ob + on + 1, alice);
	raw_put(DB_NAME2PERSON, ob, on + 9, other, on);
	expect_problem("a name2person entry under another name", "name2person",
	    "is named");
	raw_del(DB_NAME2PERSON, ob, on + 9);
	free(folded);

	/* A dangling CCCD entry. */
	uint8_t vb[8];
	key_put_u64(vb, 999999);
	raw_put(DB_CCCD2PERSON, "079099999999", 12, vb, 8);
	expect_problem("a cccd2person entry for no person", "cccd2person",
	    "person 999999 does not exist");
	raw_del(DB_CCCD2PERSON, "079099999999", 12);

	/* A cell2person entry of the wrong cell. */
	uint8_t mk[16];
	key_put_u64(mk, 1);
	key_put_u64(mk + 8, alice);
	raw_put(DB_CELL2PERSON, mk, 16, "", 0);
	expect_problem("a cell2person entry in the wrong unit", "cell2person",
	    "is in");
	raw_del(DB_CELL2PERSON, mk, 16);

	/* A login pointing at nobody. */
	raw_put(DB_LOGIN2USER, "ghost", 5, vb, 8);
	expect_problem("a login2user entry for no user", "login2user",
	    "does not exist");
	raw_del(DB_LOGIN2USER, "ghost", 5);
	expect_clean("the index damage undone");
}

/* Change person id with fn, store it, expect the problem, put it back. */
static void
person_damage(uint64_t id, void (*fn)(Hoso__Person *), const char *what_done,
    const char *table, const char *what)
{
	uint8_t kb[8];
	size_t n;
	key_put_u64(kb, id);
	uint8_t *old = raw_get(DB_ID2PERSON, kb, 8, &n);
	Hoso__Person *p = old ? hoso__person__unpack(NULL, n, old) : NULL;
	if (p == NULL) {
		CHECK(false, "person %llu readable", (unsigned long long)id);
		free(old);
		return;
	}
	fn(p);
	raw_put_msg(DB_ID2PERSON, id, &p->base);
	hoso__person__free_unpacked(p, NULL);
	expect_problem(what_done, table, what);
	raw_put(DB_ID2PERSON, kb, 8, old, n);
	free(old);
}

static void
bad_cell(Hoso__Person *p)
{
	p->cell_id = 9999;
}

static void
bad_stage(Hoso__Person *p)
{
	p->stage = HOSO__STAGE__STAGE_WITHDRAWN;
}

static void
bad_id(Hoso__Person *p)
{
	p->id += 1000;
}

static void
test_records(void)
{
	uint8_t kb[8];
	key_put_u64(kb, alice);
	person_damage(alice, bad_cell, "a person in a cell that does not exist",
	    "id2person", "cell_id 9999: no such org");
	person_damage(alice, bad_stage, "a person whose stage is not its "
	    "file's", "id2file", "its person at");
	person_damage(alice, bad_id, "a person record under another id",
	    "id2person", "holds person");

	/* Undecodable bytes. */
	size_t n;
	void *old = raw_get(DB_ID2PERSON, kb, 8, &n);
	raw_put(DB_ID2PERSON, kb, 8, "\xff\xff\xff\xff", 4);
	expect_problem("an undecodable person", "id2person", "does not decode");
	raw_put(DB_ID2PERSON, kb, 8, old, n);
	free(old);

	/* A history entry of nobody, and one out of sequence. */
	Hoso__HistoryEntry e = HOSO__HISTORY_ENTRY__INIT;
	e.person_id = 777777;
	e.seq = 1;
	e.kind = (char *)"edit";
	uint8_t hk[16], hv[256];
	key_put_u64(hk, e.person_id);
	key_put_u64(hk + 8, e.seq);
	size_t hn = hoso__history_entry__pack(&e, hv);
	raw_put(DB_HISTORY, hk, 16, hv, hn);
	expect_problem("history of a person that does not exist", "history",
	    "person 777777 does not exist");
	raw_del(DB_HISTORY, hk, 16);
	e.person_id = alice;
	e.seq = 50;
	key_put_u64(hk, e.person_id);
	key_put_u64(hk + 8, e.seq);
	hn = hoso__history_entry__pack(&e, hv);
	raw_put(DB_HISTORY, hk, 16, hv, hn);
	expect_problem("a gap in a person's history", "history", "seq 50");
	raw_del(DB_HISTORY, hk, 16);
	expect_clean("the record damage undone");
}

/* The first file with a check request, and its person id. */
static uint64_t
file_with_check(void)
{
	struct txn t;
	MDB_cursor *c;
	MDB_val k, v;
	uint64_t id = 0;
	if (store_read_begin(&st, &t) != 0 || txn_cursor(&t, DB_ID2CHECK, &c))
		return 0;
	if (mdb_cursor_get(c, &k, &v, MDB_FIRST) == 0) {
		Hoso__Verification *ver = hoso__verification__unpack(NULL,
		    v.mv_size, v.mv_data);
		id = ver ? ver->person_id : 0;
		hoso__verification__free_unpacked(ver, NULL);
	}
	mdb_cursor_close(c);
	store_read_end(&t);
	return id;
}

static void
test_file_and_checks(void)
{
	uint64_t pid = file_with_check();
	CHECK(pid != 0, "the demo has a file with a background check (%llu)",
	    (unsigned long long)pid);
	uint8_t kb[8];
	size_t n;
	key_put_u64(kb, pid);
	uint8_t *old = raw_get(DB_ID2FILE, kb, 8, &n);
	Hoso__File *f = old ? hoso__file__unpack(NULL, n, old) : NULL;
	if (f == NULL) {
		CHECK(false, "file %llu readable", (unsigned long long)pid);
		free(old);
		return;
	}
	uint32_t keep = f->next_check_id;
	f->next_check_id = 0;
	raw_put_msg(DB_ID2FILE, pid, &f->base);
	expect_problem("a file's check counter below its checks", "id2file",
	    "next_check_id 0 is below");
	f->next_check_id = keep;
	/* The check the file names is gone. */
	uint64_t req = 0;
	for (size_t i = 0; i < f->n_checks; i++)
		if (f->checks[i]->request_id != 0)
			req = f->checks[i]->request_id;
	hoso__file__free_unpacked(f, NULL);
	raw_put(DB_ID2FILE, kb, 8, old, n);
	free(old);
	expect_clean("the file put back");

	uint8_t ck[8];
	key_put_u64(ck, req);
	old = raw_get(DB_ID2CHECK, ck, 8, &n);
	raw_del(DB_ID2CHECK, ck, 8);
	expect_problem("a check request deleted", "id2file", "does not exist");
	expect_problem("a check request deleted", "ward2check",
	    "does not exist");
	raw_put(DB_ID2CHECK, ck, 8, old, n);
	free(old);
	expect_clean("the check put back");

	/* The deadline index: an entry lost, and one on the wrong day. */
	uint8_t rk[9];
	rk[0] = DUE_REC_CHECK;
	key_put_u64(rk + 1, req);
	void *day = raw_get(DB_REC2DUE, rk, 9, &n);
	CHECK(day != NULL && n == 4, "check %llu has a deadline entry",
	    (unsigned long long)req);
	if (day == NULL)
		return;
	raw_del(DB_REC2DUE, rk, 9);
	expect_problem("a rec2due entry deleted", "rec2due", "missing");
	raw_put(DB_REC2DUE, rk, 9, day, 4);
	uint8_t dk[DUE_KEY_LEN];
	dueidx_key(dk, 20000, DUE_REC_CHECK, req);
	raw_put(DB_DUE, dk, DUE_KEY_LEN, "", 0);
	expect_problem("a due entry on the wrong day", "due", "is due on day");
	raw_del(DB_DUE, dk, DUE_KEY_LEN);
	free(day);
	expect_clean("the deadline index put back");
}

static void
test_audit(void)
{
	uint8_t kb[8];
	size_t n;
	key_put_u64(kb, 3);
	uint8_t *old = raw_get(DB_AUDIT, kb, 8, &n);
	Hoso__AuditEntry *e = old ? hoso__audit_entry__unpack(NULL, n, old) :
	    NULL;
	if (e == NULL) {
		CHECK(false, "audit entry 3 readable");
		free(old);
		return;
	}
	char *user = e->user;
	e->user = (char *)"mallory";
	raw_put_msg(DB_AUDIT, 3, &e->base);
	expect_problem("an audit entry changed", "audit", "hash does not match");
	e->user = user;
	e->prev_hash.data[0] ^= 1;
	raw_put_msg(DB_AUDIT, 3, &e->base);
	expect_problem("an audit entry's link broken", "audit",
	    "the chain is broken");
	hoso__audit_entry__free_unpacked(e, NULL);
	raw_del(DB_AUDIT, kb, 8);
	expect_problem("an audit entry deleted", "audit", "entries are missing");
	raw_put(DB_AUDIT, kb, 8, old, n);
	free(old);
	expect_clean("the audit log put back");
}

/* Problems past the cap are counted, not printed. */
static void
test_cap(void)
{
	uint8_t mk[16];
	for (uint64_t i = 0; i < 150; i++) {
		key_put_u64(mk, 4);
		key_put_u64(mk + 8, 500000 + i);
		raw_put(DB_WARD2PERSON, mk, 16, "", 0);
	}
	char *out = NULL;
	long n = run_fsck(&out);
	size_t lines = strncmp(out, "ward2person ", 12) == 0;
	for (const char *l = out; (l = strstr(l, "\nward2person ")) != NULL; l++)
		lines++;
	CHECK(n == 150, "150 dangling entries, 150 problems (%ld)", n);
	CHECK(lines == 100, "only 100 printed (%zu)", lines);
	CHECK(strstr(out, "ward2person: 150 problems (the first 100 shown)") !=
	    NULL, "the summary counts them all");
	free(out);
	for (uint64_t i = 0; i < 150; i++) {
		key_put_u64(mk, 4);
		key_put_u64(mk + 8, 500000 + i);
		raw_del(DB_WARD2PERSON, mk, 16);
	}
	expect_clean("the entries removed");
}

int
main(void)
{
	char *dir = fx_tmpdir();
	log_set_level(LOG_WARN);
	fx_open(&st, dir, 1 << 20);
	fill();
	expect_clean("a store filled through the handlers");
	setenv("HOSO_FSCK_FULL", "1", 1);
	expect_clean("the same, every index walked entry by entry");
	unsetenv("HOSO_FSCK_FULL");
	test_index_entries();
	test_records();
	test_file_and_checks();
	test_audit();
	test_cap();
	store_close(&st);
	workdays_free();
	fx_rmdir(dir);
	return t_done();
}
