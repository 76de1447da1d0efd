/* fsck-records.c: one cursor pass per record table (see fsck-int.h).  Each
 * record must decode, carry the id of its key, name records that exist,
 * and have every index entry it implies; those entries are looked up here
 * and counted, and fsck-index.c walks an index only when the count or a
 * lookup says something is off. */
#include <string.h>

#include "check.h"
#include "date.h"
#include "dueidx.h"
#include "tables.h"
#include "fsck-int.h"

/* The record's u64 id key, or report a key of the wrong size. */
static bool
id_key(struct fsck *f, enum store_db db, const MDB_val *k, uint64_t *id)
{
	if (k->mv_size != 8) {
		fsck_bad(f, db, k, "key is %zu bytes, not 8", k->mv_size);
		return false;
	}
	*id = key_get_u64(k->mv_data);
	return true;
}

/* Unpack v as d, or report it. */
static void *
decode(struct fsck *f, enum store_db db, const MDB_val *k, const MDB_val *v,
    const ProtobufCMessageDescriptor *d)
{
	void *m = protobuf_c_message_unpack(d, &f->a.pb, v->mv_size, v->mv_data);
	if (m == NULL)
		fsck_bad(f, db, k, "value does not decode as %s (%zu bytes)",
		    d->short_name, v->mv_size);
	return m;
}

/* The index entry k of db that a record implies must hold value v (any
 * value when v is NULL); whose says which record needs it. */
static void
expect_entry(struct fsck *f, enum store_db db, const MDB_val *k,
    const MDB_val *v, const char *whose)
{
	MDB_val got;
	f->expect[db]++;
	if (!fsck_has(f, db, k, NULL, &got)) {
		fsck_bad(f, db, k, "missing: %s needs it", whose);
		f->suspect[db] = true;
	} else if (v != NULL && (got.mv_size != v->mv_size ||
	    memcmp(got.mv_data, v->mv_data, v->mv_size) != 0)) {
		if (got.mv_size == 8 && v->mv_size == 8)
			fsck_bad(f, db, k, "points at %llu, but %s is the one",
			    (unsigned long long)key_get_u64(got.mv_data), whose);
		else
			fsck_bad(f, db, k, "value differs from what %s implies",
			    whose);
		f->suspect[db] = true;
	}
}

/* The same for an entry whose value is a u64 id. */
static void
expect_id(struct fsck *f, enum store_db db, const void *key, size_t n,
    uint64_t id, const char *whose)
{
	uint8_t vb[8];
	key_put_u64(vb, id);
	MDB_val k = { n, (void *)key }, v = { 8, vb };
	expect_entry(f, db, &k, &v, whose);
}

/* A (unit id, record id) membership entry. */
static void
expect_pair(struct fsck *f, enum store_db db, uint64_t a, uint64_t b,
    const char *whose)
{
	uint8_t kb[16];
	key_put_u64(kb, a);
	key_put_u64(kb + 8, b);
	MDB_val k = { 16, kb };
	expect_entry(f, db, &k, NULL, whose);
}

/* The deadline index entries of a record whose earliest deadline is day. */
static void
expect_due(struct fsck *f, enum due_rec rec, uint64_t id, int32_t day,
    const char *whose)
{
	uint8_t rk[9], dk[DUE_KEY_LEN];
	rk[0] = (uint8_t)rec;
	key_put_u64(rk + 1, id);
	MDB_val k = { 9, rk };
	if (day == DUE_NONE) {
		if (fsck_has(f, DB_REC2DUE, &k, NULL, NULL)) {
			fsck_bad(f, DB_REC2DUE, &k, "%s has no running deadline",
			    whose);
			f->suspect[DB_REC2DUE] = f->suspect[DB_DUE] = true;
		}
		return;
	}
	dueidx_key(dk, day, rec, id);
	MDB_val v = { 4, dk }, d = { DUE_KEY_LEN, dk };
	expect_entry(f, DB_REC2DUE, &k, &v, whose);
	expect_entry(f, DB_DUE, &d, NULL, whose);
}

/* A reference from a record to an org of kind (any kind when 0). */
static void
expect_org(struct fsck *f, enum store_db db, const MDB_val *k,
    const char *field, uint64_t org, int kind)
{
	if (org == 0)
		return;
	int have = fsck_org_kind(f, org);
	if (have < 0)
		fsck_bad(f, db, k, "%s %llu: no such org", field,
		    (unsigned long long)org);
	else if (kind != 0 && have != kind)
		fsck_bad(f, db, k, "%s %llu: an org of kind %d, not %d", field,
		    (unsigned long long)org, have, kind);
}

static void
rec_org(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	uint64_t id;
	Hoso__Org *o;
	if (!id_key(f, DB_ID2ORG, k, &id) ||
	    (o = decode(f, DB_ID2ORG, k, v, &hoso__org__descriptor)) == NULL) {
		f->suspect[DB_CODE2ORG] = true;
		return;
	}
	if (o->id != id)
		fsck_bad(f, DB_ID2ORG, k, "holds org %llu",
		    (unsigned long long)o->id);
	expect_org(f, DB_ID2ORG, k, "parent_id", o->parent_id, 0);
	if (*o->code != '\0') {
		char kb[64];
		size_t n = fsck_code_key(o->code, kb);
		char *whose = arena_printf(&f->a, "org %llu",
		    (unsigned long long)id);
		expect_id(f, DB_CODE2ORG, kb, n, id, whose);
	}
}

/* The name2person keys of person id: one per word of its folded name. */
static void
expect_names(struct fsck *f, const char *folded, uint64_t id,
    const char *whose)
{
	uint8_t kb[NAME_KEY_MAX + 9], prev[8][NAME_KEY_MAX + 9];
	size_t prevn[8], np = 0;
	MDB_val v = { strlen(folded), (void *)folded };
	if (v.mv_size > NAME_KEY_MAX)
		v.mv_size = NAME_KEY_MAX;
	for (size_t i = 0; folded[i] != '\0'; i++) {
		if (i > 0 && folded[i - 1] != ' ')
			continue;
		size_t n = name2person_key(folded, i, id, kb);
		/* Only keys cut at NAME_KEY_MAX can repeat within a name. */
		if (n == NAME_KEY_MAX + 9) {
			bool seen = false;
			for (size_t j = 0; j < np; j++)
				seen |= prevn[j] == n &&
				    memcmp(prev[j], kb, n) == 0;
			if (seen)
				continue;
			if (np < 8) {
				memcpy(prev[np], kb, n);
				prevn[np++] = n;
			}
		}
		MDB_val k = { n, kb };
		expect_entry(f, DB_NAME2PERSON, &k, &v, whose);
	}
}

static void
rec_person(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	uint64_t id;
	Hoso__Person *p;
	if (!id_key(f, DB_ID2PERSON, k, &id) || (p = decode(f, DB_ID2PERSON,
	    k, v, &hoso__person__descriptor)) == NULL) {
		/* Its index entries cannot be foreseen: walk them all. */
		f->suspect[DB_CCCD2PERSON] = f->suspect[DB_NAME2PERSON] = true;
		f->suspect[DB_CELL2PERSON] = f->suspect[DB_WARD2PERSON] = true;
		return;
	}
	char *whose = arena_printf(&f->a, "person %llu",
	    (unsigned long long)id);
	if (p->id != id)
		fsck_bad(f, DB_ID2PERSON, k, "holds person %llu",
		    (unsigned long long)p->id);
	if (*p->id_number != '\0')
		expect_id(f, DB_CCCD2PERSON, p->id_number, strlen(p->id_number),
		    id, whose);
	expect_names(f, fsck_fold(&f->a, p->name), id, whose);
	expect_org(f, DB_ID2PERSON, k, "cell_id", p->cell_id,
	    HOSO__ORG_KIND__ORG_CELL);
	expect_org(f, DB_ID2PERSON, k, "residence_id", p->residence_id,
	    HOSO__ORG_KIND__ORG_WARD);
	if (p->cell_id != 0)
		expect_pair(f, DB_CELL2PERSON, p->cell_id, id, whose);
	if (p->residence_id != 0)
		expect_pair(f, DB_WARD2PERSON, p->residence_id, id, whose);
	if (p->stage != HOSO__STAGE__STAGE_NONE &&
	    !fsck_has(f, DB_ID2FILE, k, NULL, NULL))
		fsck_bad(f, DB_ID2PERSON, k, "at stage %d but has no file",
		    p->stage);
}

/* The file's counters, and the checks it says were sent. */
static void
file_checks(struct fsck *f, const MDB_val *k, const Hoso__File *fi)
{
	uint32_t max = 0;
	for (size_t i = 0; i < fi->n_relatives; i++)
		if (fi->relatives[i]->id > max)
			max = fi->relatives[i]->id;
	if (max > fi->next_relative_id)
		fsck_bad(f, DB_ID2FILE, k, "next_relative_id %u is below "
		    "relative id %u", fi->next_relative_id, max);
	max = 0;
	for (size_t i = 0; i < fi->n_checks; i++) {
		const Hoso__Check *ck = fi->checks[i];
		if (ck->id > max)
			max = ck->id;
		if (ck->request_id == 0)
			continue;
		const char *why;
		arena_reset(&f->b);
		Hoso__Verification *v = fsck_check(f, &f->b, ck->request_id,
		    &why);
		if (v == NULL)
			fsck_bad(f, DB_ID2FILE, k, "check %u: request %llu %s",
			    ck->id, (unsigned long long)ck->request_id, why);
		else if (v->person_id != fi->person_id)
			fsck_bad(f, DB_ID2FILE, k, "check %u: request %llu is "
			    "for person %llu", ck->id,
			    (unsigned long long)ck->request_id,
			    (unsigned long long)v->person_id);
	}
	if (max > fi->next_check_id)
		fsck_bad(f, DB_ID2FILE, k, "next_check_id %u is below check id "
		    "%u", fi->next_check_id, max);
}

static void
rec_file(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	uint64_t id;
	Hoso__File *fi;
	const char *why;
	if (!id_key(f, DB_ID2FILE, k, &id) || (fi = decode(f, DB_ID2FILE, k,
	    v, &hoso__file__descriptor)) == NULL) {
		f->suspect[DB_REC2DUE] = f->suspect[DB_DUE] = true;
		return;
	}
	if (fi->person_id != id)
		fsck_bad(f, DB_ID2FILE, k, "holds the file of person %llu",
		    (unsigned long long)fi->person_id);
	Hoso__Person *p = fsck_person(f, &f->b, id, &why);
	if (p == NULL)
		fsck_bad(f, DB_ID2FILE, k, "its person %s", why);
	else if (p->stage != fi->stage)
		fsck_bad(f, DB_ID2FILE, k, "at stage %d, its person at %d",
		    fi->stage, p->stage);
	else if (strcmp(p->stage_since, fi->stage_since) != 0)
		fsck_bad(f, DB_ID2FILE, k, "stage since %s, its person since %s",
		    fi->stage_since, p->stage_since);
	file_checks(f, k, fi);
	expect_due(f, DUE_REC_FILE, id, file_next_due(fi),
	    arena_printf(&f->a, "the file of person %llu",
	    (unsigned long long)id));
}

/* Does person id exist?  History and evaluations come grouped by person,
 * so the last answer is kept and each person looked up once. */
static bool
person_exists(struct fsck *f, uint64_t id)
{
	if (f->memo.id != id || id == 0) {
		uint8_t kb[8];
		key_put_u64(kb, id);
		MDB_val k = { 8, kb };
		f->memo.id = id;
		f->memo.exists = fsck_has(f, DB_ID2PERSON, &k, NULL, NULL);
	}
	return f->memo.exists;
}

static void
rec_history(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	Hoso__HistoryEntry *e;
	if (k->mv_size != 16) {
		fsck_bad(f, DB_HISTORY, k, "key is %zu bytes, not 16",
		    k->mv_size);
		return;
	}
	uint64_t person = key_get_u64(k->mv_data);
	uint64_t seq = key_get_u64((uint8_t *)k->mv_data + 8);
	uint64_t want = person == f->hist_person ? f->hist_seq + 1 : 1;
	if (seq != want)
		fsck_bad(f, DB_HISTORY, k, "seq %llu follows %llu",
		    (unsigned long long)seq, (unsigned long long)want - 1);
	f->hist_person = person;
	f->hist_seq = seq;
	if (!person_exists(f, person))
		fsck_bad(f, DB_HISTORY, k, "person %llu does not exist",
		    (unsigned long long)person);
	if ((e = decode(f, DB_HISTORY, k, v,
	    &hoso__history_entry__descriptor)) == NULL)
		return;
	if (e->person_id != person || e->seq != seq)
		fsck_bad(f, DB_HISTORY, k, "holds entry %llu/%llu",
		    (unsigned long long)e->person_id, (unsigned long long)e->seq);
}

static void
rec_evaluation(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	Hoso__Evaluation *e;
	if (k->mv_size != 12) {
		fsck_bad(f, DB_EVALUATION, k, "key is %zu bytes, not 12",
		    k->mv_size);
		return;
	}
	const uint8_t *b = k->mv_data;
	uint64_t person = key_get_u64(b);
	uint32_t month = key_get_u32(b + 8);
	if (!person_exists(f, person))
		fsck_bad(f, DB_EVALUATION, k, "person %llu does not exist",
		    (unsigned long long)person);
	if ((e = decode(f, DB_EVALUATION, k, v,
	    &hoso__evaluation__descriptor)) == NULL)
		return;
	unsigned y, m;
	char tail;
	if (sscanf(e->month, "%4u-%2u%c", &y, &m, &tail) != 2 || m < 1 ||
	    m > 12 || y * 12 + m - 1 != month || e->person_id != person)
		fsck_bad(f, DB_EVALUATION, k, "holds person %llu month \"%s\"",
		    (unsigned long long)e->person_id, e->month);
}

static void
rec_quota(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	Hoso__Quota *q;
	if (k->mv_size != 16) {
		fsck_bad(f, DB_QUOTA, k, "key is %zu bytes, not 16", k->mv_size);
		return;
	}
	if ((q = decode(f, DB_QUOTA, k, v, &hoso__quota__descriptor)) == NULL)
		return;
	const uint8_t *b = k->mv_data;
	uint32_t start = q->year ? q->year : q->term_start;
	uint32_t end = q->year ? q->year : q->term_end;
	uint32_t ks = key_get_u32(b + 8), ke = key_get_u32(b + 12);
	if (q->org_id != key_get_u64(b) || start != ks || end != ke)
		fsck_bad(f, DB_QUOTA, k, "holds org %llu period %u-%u",
		    (unsigned long long)q->org_id, start, end);
	expect_org(f, DB_QUOTA, k, "org_id", key_get_u64(b), 0);
}

static void
rec_calendar(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	Hoso__CalendarEdit *e;
	int32_t day;
	if ((e = decode(f, DB_CALENDAR, k, v,
	    &hoso__calendar_edit__descriptor)) == NULL)
		return;
	if (strlen(e->date) != k->mv_size ||
	    memcmp(e->date, k->mv_data, k->mv_size) != 0 ||
	    date_parse_iso(e->date, &day) != DATE_OK)
		fsck_bad(f, DB_CALENDAR, k, "holds date \"%s\"", e->date);
}

static void
rec_check(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	uint64_t id;
	Hoso__Verification *c;
	const char *why;
	if (!id_key(f, DB_ID2CHECK, k, &id) || (c = decode(f, DB_ID2CHECK, k,
	    v, &hoso__verification__descriptor)) == NULL) {
		f->suspect[DB_WARD2CHECK] = true;
		f->suspect[DB_REC2DUE] = f->suspect[DB_DUE] = true;
		return;
	}
	char *whose = arena_printf(&f->a, "check %llu", (unsigned long long)id);
	if (c->id != id)
		fsck_bad(f, DB_ID2CHECK, k, "holds check %llu",
		    (unsigned long long)c->id);
	Hoso__File *fi = fsck_file(f, &f->b, c->person_id, &why);
	bool found = false;
	for (size_t i = 0; fi != NULL && i < fi->n_checks; i++)
		found |= fi->checks[i]->id == c->file_check_id;
	if (fi == NULL)
		fsck_bad(f, DB_ID2CHECK, k, "the file of person %llu %s",
		    (unsigned long long)c->person_id, why);
	else if (!found)
		fsck_bad(f, DB_ID2CHECK, k, "the file of person %llu has no "
		    "check %u", (unsigned long long)c->person_id,
		    c->file_check_id);
	expect_org(f, DB_ID2CHECK, k, "ward_id", c->ward_id,
	    HOSO__ORG_KIND__ORG_WARD);
	expect_pair(f, DB_WARD2CHECK, c->ward_id, id, whose);
	expect_due(f, DUE_REC_CHECK, id, check_due_day(c), whose);
}

static void
rec_alert(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	uint64_t id;
	Hoso__Alert *a;
	if (!id_key(f, DB_ID2ALERT, k, &id) || (a = decode(f, DB_ID2ALERT, k,
	    v, &hoso__alert__descriptor)) == NULL)
		return;
	f->expect[DB_ALERTKEY]++;
	if (a->id != id)
		fsck_bad(f, DB_ID2ALERT, k, "holds alert %llu",
		    (unsigned long long)a->id);
	uint8_t kb[8];
	MDB_val rk = { 8, kb };
	enum store_db db = strcmp(a->record_kind, "check") == 0 ? DB_ID2CHECK :
	    strcmp(a->record_kind, "file") == 0 ? DB_ID2FILE : DB_META;
	key_put_u64(kb, a->record_id);
	if (db != DB_META && !fsck_has(f, db, &rk, NULL, NULL))
		fsck_bad(f, DB_ID2ALERT, k, "its %s %llu does not exist",
		    a->record_kind, (unsigned long long)a->record_id);
	key_put_u64(kb, a->person_id);
	if (a->person_id != 0 && !fsck_has(f, DB_ID2PERSON, &rk, NULL, NULL))
		fsck_bad(f, DB_ID2ALERT, k, "person %llu does not exist",
		    (unsigned long long)a->person_id);
	expect_org(f, DB_ID2ALERT, k, "org_id", a->org_id, 0);
}

static void
rec_user(struct fsck *f, const MDB_val *k, const MDB_val *v)
{
	uint64_t id;
	Hoso__User *u;
	if (!id_key(f, DB_ID2USER, k, &id) || (u = decode(f, DB_ID2USER, k,
	    v, &hoso__user__descriptor)) == NULL) {
		f->suspect[DB_LOGIN2USER] = true;
		return;
	}
	if (u->id != id)
		fsck_bad(f, DB_ID2USER, k, "holds user %llu",
		    (unsigned long long)u->id);
	expect_id(f, DB_LOGIN2USER, u->login, strlen(u->login), id,
	    arena_printf(&f->a, "user %llu", (unsigned long long)id));
	expect_org(f, DB_ID2USER, k, "org_id", u->org_id, 0);
}

int
fsck_records(struct fsck *f)
{
	static const struct {
		enum store_db db;
		fsck_entry_fn fn;
	} walks[] = {
		{ DB_ID2ORG, rec_org },
		{ DB_ID2PERSON, rec_person },
		{ DB_ID2FILE, rec_file },
		{ DB_HISTORY, rec_history },
		{ DB_EVALUATION, rec_evaluation },
		{ DB_QUOTA, rec_quota },
		{ DB_CALENDAR, rec_calendar },
		{ DB_ID2CHECK, rec_check },
		{ DB_ID2ALERT, rec_alert },
		{ DB_ID2USER, rec_user },
	};
	f->memo.id = 0;
	f->hist_person = f->hist_seq = 0;
	for (size_t i = 0; i < sizeof walks / sizeof walks[0]; i++) {
		int rc = fsck_walk(f, walks[i].db, walks[i].fn);
		if (rc != 0)
			return rc;
	}
	return 0;
}
