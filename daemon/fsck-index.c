/* fsck-index.c: the index tables, entry by entry, when fsck-records.c found
 * reason to (see fsck-int.h): every entry must be well formed and point at
 * a record that exists and whose fields produce exactly that entry. */
#include <string.h>

#include "check.h"
#include "dueidx.h"
#include "tables.h"
#include "fsck-int.h"

/* The u64 id in an 8-byte value, or report it. */
static bool
id_value(struct fsck *f, enum store_db db, const MDB_val *k, const MDB_val *v,
    uint64_t *id)
{
	if (v->mv_size != 8) {
		fsck_bad(f, db, k, "value is %zu bytes, not an 8-byte id",
		    v->mv_size);
		return false;
	}
	*id = key_get_u64(v->mv_data);
	return true;
}

/* Does k hold exactly the n bytes of s? */
static bool
key_is(const MDB_val *k, const void *s, size_t n)
{
	return k->mv_size == n && memcmp(k->mv_data, s, n) == 0;
}

static void
idx_code(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	uint64_t id;
	const char *why;
	char kb[64];
	Hoso__Org *o;
	if (!id_value(f, DB_CODE2ORG, k, v, &id))
		return;
	if ((o = fsck_get(f, &f->a, DB_ID2ORG, id, &hoso__org__descriptor,
	    &why)) == NULL)
		fsck_bad(f, DB_CODE2ORG, k, "org %llu %s",
		    (unsigned long long)id, why);
	else if (!key_is(k, kb, fsck_code_key(o->code, kb)))
		fsck_bad(f, DB_CODE2ORG, k, "org %llu has code \"%s\"",
		    (unsigned long long)id, o->code);
}

/* The person an index entry names, or NULL after reporting it. */
static Hoso__Person *
idx_person(struct fsck *f, enum store_db db, const MDB_val *k, uint64_t id)
{
	const char *why;
	Hoso__Person *p = fsck_person(f, &f->a, id, &why);
	if (p == NULL)
		fsck_bad(f, db, k, "person %llu %s", (unsigned long long)id, why);
	return p;
}

static void
idx_cccd(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	uint64_t id;
	Hoso__Person *p;
	if (!id_value(f, DB_CCCD2PERSON, k, v, &id) ||
	    (p = idx_person(f, DB_CCCD2PERSON, k, id)) == NULL)
		return;
	if (!key_is(k, p->id_number, strlen(p->id_number)))
		fsck_bad(f, DB_CCCD2PERSON, k, "person %llu has number \"%s\"",
		    (unsigned long long)id, p->id_number);
}

static void
idx_name(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	const uint8_t *b = k->mv_data;
	size_t n = k->mv_size;
	if (n < 9 || b[n - 9] != 0) {
		fsck_bad(f, DB_NAME2PERSON, k, "not a name, 00 and an id");
		return;
	}
	uint64_t id = key_get_u64(b + n - 8);
	Hoso__Person *p = idx_person(f, DB_NAME2PERSON, k, id);
	if (p == NULL)
		return;
	const char *folded = fsck_fold(&f->a, p->name);
	size_t fl = strlen(folded);
	if (fl > NAME_KEY_MAX)
		fl = NAME_KEY_MAX;
	bool word = false;
	uint8_t kb[NAME_KEY_MAX + 9];
	for (size_t i = 0; folded[i] != '\0' && !word; i++)
		if (i == 0 || folded[i - 1] == ' ')
			word = key_is(k, kb, name2person_key(folded, i, id, kb));
	if (!word)
		fsck_bad(f, DB_NAME2PERSON, k, "person %llu is named \"%s\"",
		    (unsigned long long)id, p->name);
	else if (!key_is(v, folded, fl))
		fsck_bad(f, DB_NAME2PERSON, k, "value is not the folded name of "
		    "person %llu", (unsigned long long)id);
}

/* cell2person and ward2person: the person's unit must be the key's. */
static void
idx_member(struct fsck *f, enum store_db db, const MDB_val *k)
{
	if (k->mv_size != 16) {
		fsck_bad(f, db, k, "key is %zu bytes, not 16", k->mv_size);
		return;
	}
	uint64_t org = key_get_u64(k->mv_data);
	uint64_t id = key_get_u64((uint8_t *)k->mv_data + 8);
	Hoso__Person *p = idx_person(f, db, k, id);
	if (p == NULL)
		return;
	uint64_t have = db == DB_CELL2PERSON ? p->cell_id : p->residence_id;
	if (have != org)
		fsck_bad(f, db, k, "person %llu is in %llu",
		    (unsigned long long)id, (unsigned long long)have);
}

static void
idx_cell(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	(void)v;
	idx_member(f, DB_CELL2PERSON, k);
}

static void
idx_ward(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	(void)v;
	idx_member(f, DB_WARD2PERSON, k);
}

static void
idx_ward2check(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	const char *why;
	(void)v;
	if (k->mv_size != 16) {
		fsck_bad(f, DB_WARD2CHECK, k, "key is %zu bytes, not 16",
		    k->mv_size);
		return;
	}
	uint64_t ward = key_get_u64(k->mv_data);
	uint64_t id = key_get_u64((uint8_t *)k->mv_data + 8);
	Hoso__Verification *c = fsck_check(f, &f->a, id, &why);
	if (c == NULL)
		fsck_bad(f, DB_WARD2CHECK, k, "check %llu %s",
		    (unsigned long long)id, why);
	else if (c->ward_id != ward)
		fsck_bad(f, DB_WARD2CHECK, k, "check %llu is for ward %llu",
		    (unsigned long long)id, (unsigned long long)c->ward_id);
}

/* The earliest deadline of record (rec, id) recomputed from it, into
 * *day; false (with *why) when there is no such record. */
static bool
due_of(struct fsck *f, enum due_rec rec, uint64_t id, int32_t *day,
    const char **why)
{
	if (rec == DUE_REC_FILE) {
		Hoso__File *fi = fsck_file(f, &f->a, id, why);
		if (fi != NULL)
			*day = file_next_due(fi);
		return fi != NULL;
	}
	if (rec == DUE_REC_CHECK) {
		Hoso__Verification *c = fsck_check(f, &f->a, id, why);
		if (c != NULL)
			*day = check_due_day(c);
		return c != NULL;
	}
	*why = "is of no known kind";
	return false;
}

/* An entry of the deadline index says record (rec, id) is due on day. */
static void
idx_due_entry(struct fsck *f, enum store_db db, const MDB_val *k,
    enum due_rec rec, uint64_t id, int32_t day)
{
	const char *why;
	int32_t want;
	if (!due_of(f, rec, id, &want, &why))
		fsck_bad(f, db, k, "its record %s", why);
	else if (want == DUE_NONE)
		fsck_bad(f, db, k, "its record has no running deadline");
	else if (want != day)
		fsck_bad(f, db, k, "its record is due on day %ld, not %ld",
		    (long)want, (long)day);
}

static void
idx_due(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	int32_t day;
	enum due_rec rec;
	uint64_t id;
	(void)v;
	if (k->mv_size != DUE_KEY_LEN) {
		fsck_bad(f, DB_DUE, k, "key is %zu bytes, not %d", k->mv_size,
		    DUE_KEY_LEN);
		return;
	}
	dueidx_key_parse(k->mv_data, &day, &rec, &id);
	idx_due_entry(f, DB_DUE, k, rec, id, day);
}

static void
idx_rec2due(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	uint8_t dk[DUE_KEY_LEN];
	int32_t day;
	enum due_rec rec;
	uint64_t id;
	if (k->mv_size != 9 || v->mv_size != 4) {
		fsck_bad(f, DB_REC2DUE, k, "key or value of the wrong size");
		return;
	}
	memcpy(dk, v->mv_data, 4);
	memcpy(dk + 4, k->mv_data, 9);
	dueidx_key_parse(dk, &day, &rec, &id);
	idx_due_entry(f, DB_REC2DUE, k, rec, id, day);
}

static void
idx_login(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	uint64_t id;
	const char *why;
	Hoso__User *u;
	if (!id_value(f, DB_LOGIN2USER, k, v, &id))
		return;
	if ((u = fsck_get(f, &f->a, DB_ID2USER, id, &hoso__user__descriptor,
	    &why)) == NULL)
		fsck_bad(f, DB_LOGIN2USER, k, "user %llu %s",
		    (unsigned long long)id, why);
	else if (!key_is(k, u->login, strlen(u->login)))
		fsck_bad(f, DB_LOGIN2USER, k, "user %llu has login \"%s\"",
		    (unsigned long long)id, u->login);
}

static void
idx_alertkey(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	uint64_t id;
	if (!id_value(f, DB_ALERTKEY, k, v, &id))
		return;
	MDB_val ak = { 8, v->mv_data };
	if (!fsck_has(f, DB_ID2ALERT, &ak, NULL, NULL))
		fsck_bad(f, DB_ALERTKEY, k, "alert %llu does not exist",
		    (unsigned long long)id);
}

int
fsck_indexes(struct fsck *f)
{
	static const struct {
		enum store_db db;
		fsck_entry_fn fn;
		bool always;        /* small, or not fully foreseeable */
	} idx[] = {
		{ DB_CODE2ORG, idx_code, false },
		{ DB_CCCD2PERSON, idx_cccd, false },
		{ DB_NAME2PERSON, idx_name, false },
		{ DB_CELL2PERSON, idx_cell, false },
		{ DB_WARD2PERSON, idx_ward, false },
		{ DB_WARD2CHECK, idx_ward2check, false },
		{ DB_DUE, idx_due, false },
		{ DB_REC2DUE, idx_rec2due, false },
		{ DB_LOGIN2USER, idx_login, false },
		{ DB_ALERTKEY, idx_alertkey, true },
	};
	for (size_t i = 0; i < sizeof idx / sizeof idx[0]; i++) {
		enum store_db db = idx[i].db;
		MDB_stat s;
		int rc = mdb_stat(f->t->txn, f->t->st->dbi[db], &s);
		if (rc != 0)
			return rc;
		if (!f->full && !idx[i].always && !f->suspect[db] &&
		    s.ms_entries == f->expect[db]) {
			f->res->records += s.ms_entries;
			continue;
		}
		uint64_t before = f->problems[db];
		if ((rc = fsck_walk(f, db, idx[i].fn)) != 0)
			return rc;
		/* Say so when no entry above explains the difference. */
		if (s.ms_entries != f->expect[db] && f->problems[db] == before)
			fsck_bad_at(f, db, "(all)", "%zu entries, but the records "
			    "imply %llu", s.ms_entries,
			    (unsigned long long)f->expect[db]);
	}
	return 0;
}
