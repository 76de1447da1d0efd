/* fsck.c: hosod --check (see fsck.h): the walk's driver, the problem
 * lines, and the lookups the walks share.  How it scales is drawn in
 * fsck-int.h. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "dueidx.h"
#include "tables.h"
#include "fsck-int.h"

/* Append printable text of n bytes of s (escaping the rest) to buf. */
static void
key_text_bytes(char *buf, size_t cap, const uint8_t *s, size_t n)
{
	size_t o = strlen(buf);
	if (o + 1 < cap)
		buf[o++] = '"';
	for (size_t i = 0; i < n && o + 5 < cap; i++) {
		if (s[i] >= 0x20 && s[i] < 0x7f && s[i] != '"' && s[i] != '\\')
			buf[o++] = (char)s[i];
		else
			o += (size_t)snprintf(buf + o, cap - o, "\\x%02x", s[i]);
	}
	if (o + 1 < cap)
		buf[o++] = '"';
	buf[o] = '\0';
}

/* A readable form of key k of table db, following each table's layout. */
static void
key_text(enum store_db db, const MDB_val *k, char *buf, size_t cap)
{
	const uint8_t *b = k->mv_data;
	size_t n = k->mv_size;
	buf[0] = '\0';
	switch (db) {
	case DB_CODE2ORG:
	case DB_CCCD2PERSON:
	case DB_CALENDAR:
	case DB_LOGIN2USER:
	case DB_META:
		key_text_bytes(buf, cap, b, n);
		return;
	case DB_NAME2PERSON:
		if (n >= 9) {
			key_text_bytes(buf, cap, b, n - 9);
			size_t o = strlen(buf);
			snprintf(buf + o, cap - o, "/%llu",
			    (unsigned long long)key_get_u64(b + n - 8));
			return;
		}
		break;
	case DB_DUE:
		if (n == DUE_KEY_LEN) {
			int32_t day;
			enum due_rec rec;
			uint64_t id;
			dueidx_key_parse(b, &day, &rec, &id);
			snprintf(buf, cap, "day %ld rec %u id %llu", (long)day,
			    (unsigned)rec, (unsigned long long)id);
			return;
		}
		break;
	case DB_REC2DUE:
		if (n == 9) {
			snprintf(buf, cap, "rec %u id %llu", b[0],
			    (unsigned long long)key_get_u64(b + 1));
			return;
		}
		break;
	case DB_EVALUATION:
		if (n == 12) {
			uint32_t m = key_get_u32(b + 8);
			snprintf(buf, cap, "%llu/%04u-%02u",
			    (unsigned long long)key_get_u64(b), m / 12, m % 12 + 1);
			return;
		}
		break;
	case DB_QUOTA:
		if (n == 16) {
			snprintf(buf, cap, "%llu/%u-%u",
			    (unsigned long long)key_get_u64(b),
			    key_get_u32(b + 8), key_get_u32(b + 12));
			return;
		}
		break;
	default:
		if (n == 8) {
			snprintf(buf, cap, "%llu",
			    (unsigned long long)key_get_u64(b));
			return;
		}
		if (n == 16) {
			snprintf(buf, cap, "%llu/%llu",
			    (unsigned long long)key_get_u64(b),
			    (unsigned long long)key_get_u64(b + 8));
			return;
		}
		break;
	}
	strcpy(buf, "0x");
	for (size_t i = 0; i < n && 2 * i + 3 < cap; i++)
		snprintf(buf + 2 + 2 * i, cap - 2 - 2 * i, "%02x", b[i]);
}

/* Count a problem in db; print it while under the per-table cap. */
static void
fsck_badv(struct fsck *f, enum store_db db, const char *key, const char *fmt,
    va_list ap)
{
	f->res->problems++;
	if (f->problems[db]++ >= FSCK_SHOW_MAX)
		return;
	fprintf(f->out, "%s %s: ", store_db_name(db), key);
	vfprintf(f->out, fmt, ap);
	fputc('\n', f->out);
}

void
fsck_bad(struct fsck *f, enum store_db db, const MDB_val *k, const char *fmt,
    ...)
{
	char key[256];
	va_list ap;
	key_text(db, k, key, sizeof key);
	va_start(ap, fmt);
	fsck_badv(f, db, key, fmt, ap);
	va_end(ap);
}

void
fsck_bad_at(struct fsck *f, enum store_db db, const char *key,
    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fsck_badv(f, db, key, fmt, ap);
	va_end(ap);
}

void
fsck_bad_id(struct fsck *f, enum store_db db, uint64_t id, const char *fmt,
    ...)
{
	char key[24];
	va_list ap;
	snprintf(key, sizeof key, "%llu", (unsigned long long)id);
	va_start(ap, fmt);
	fsck_badv(f, db, key, fmt, ap);
	va_end(ap);
}

void *
fsck_get(struct fsck *f, struct arena *a, enum store_db db, uint64_t id,
    const ProtobufCMessageDescriptor *d, const char **why)
{
	uint8_t kb[8];
	MDB_val k = { 8, kb }, v;
	key_put_u64(kb, id);
	int rc = txn_get(f->t, db, &k, &v);
	if (rc != 0) {
		*why = "does not exist";
		return NULL;
	}
	void *m = protobuf_c_message_unpack(d, &a->pb, v.mv_size, v.mv_data);
	if (m == NULL)
		*why = "does not decode";
	return m;
}

Hoso__Person *
fsck_person(struct fsck *f, struct arena *a, uint64_t id, const char **why)
{
	return fsck_get(f, a, DB_ID2PERSON, id, &hoso__person__descriptor, why);
}

Hoso__File *
fsck_file(struct fsck *f, struct arena *a, uint64_t id, const char **why)
{
	return fsck_get(f, a, DB_ID2FILE, id, &hoso__file__descriptor, why);
}

Hoso__Verification *
fsck_check(struct fsck *f, struct arena *a, uint64_t id, const char **why)
{
	return fsck_get(f, a, DB_ID2CHECK, id, &hoso__verification__descriptor,
	    why);
}

int
fsck_org_kind(struct fsck *f, uint64_t id)
{
	size_t slot = id % FSCK_ORG_CACHE;
	if (f->orgs[slot].id == id && id != 0)
		return f->orgs[slot].kind;
	const char *why;
	Hoso__Org *o = fsck_get(f, &f->b, DB_ID2ORG, id, &hoso__org__descriptor,
	    &why);
	int kind = o ? (int)o->kind : -1;
	f->orgs[slot].id = id;
	f->orgs[slot].kind = kind;
	return kind;
}

bool
fsck_has(struct fsck *f, enum store_db db, const MDB_val *k, const MDB_val *v,
    MDB_val *got)
{
	MDB_val s;
	if (txn_get(f->t, db, k, &s) != 0)
		return false;
	if (got != NULL)
		*got = s;
	return v == NULL || (v->mv_size == s.mv_size &&
	    (v->mv_size == 0 || memcmp(v->mv_data, s.mv_data, v->mv_size) == 0));
}

char *
fsck_fold(struct arena *a, const char *name)
{
	char *fo = text_fold(name ? name : "");
	char *r = arena_strdup(a, fo ? fo : "");
	free(fo);
	return r;
}

size_t
fsck_code_key(const char *code, char *kb)
{
	size_t n = 0;
	for (; code[n] != '\0' && n < 64; n++)
		kb[n] = (char)toupper((unsigned char)code[n]);
	return n;
}

/* The schema version in DB_META must be the one this hosod writes. */
static void
fsck_meta(struct fsck *f)
{
	uint32_t ver = 0;
	const char *name = "schema_version";
	MDB_val k = { strlen(name), (void *)name }, v;
	if (txn_get(f->t, DB_META, &k, &v) != 0 || v.mv_size != 4) {
		fsck_bad(f, DB_META, &k, "missing or not 4 bytes");
		return;
	}
	ver = key_get_u32(v.mv_data);
	if (ver != STORE_SCHEMA_VERSION)
		fsck_bad(f, DB_META, &k, "schema %u, this hosod writes %u", ver,
		    STORE_SCHEMA_VERSION);
}

/* The closing lines: problems per table, then the totals. */
static void
fsck_summary(struct fsck *f)
{
	for (int i = 0; i < DB__COUNT; i++) {
		if (f->problems[i] == 0)
			continue;
		fprintf(f->out, "%s: %llu problem%s", store_db_name(i),
		    (unsigned long long)f->problems[i],
		    f->problems[i] == 1 ? "" : "s");
		if (f->problems[i] > FSCK_SHOW_MAX)
			fprintf(f->out, " (the first %d shown)", FSCK_SHOW_MAX);
		fputc('\n', f->out);
	}
	fprintf(f->out, "checked %llu records and index entries, %llu "
	    "problem%s\n", (unsigned long long)f->res->records,
	    (unsigned long long)f->res->problems,
	    f->res->problems == 1 ? "" : "s");
}

int
fsck_walk(struct fsck *f, enum store_db db, fsck_entry_fn fn)
{
	MDB_cursor *c;
	MDB_val k, v;
	int rc = txn_cursor(f->t, db, &c);
	if (rc != 0)
		return rc;
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		f->res->records++;
		arena_reset(&f->a);
		arena_reset(&f->b);
		fn(f, &k, &v);
		if (f->t->err != 0) {
			rc = f->t->err;
			break;
		}
	}
	mdb_cursor_close(c);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

int
fsck_run(struct store *st, FILE *out, struct fsck_result *res, char **cause)
{
	struct txn t;
	int rc;

	memset(res, 0, sizeof *res);
	if ((rc = store_read_begin(st, &t)) != 0) {
		*cause = strdup(mdb_strerror(rc));
		return rc;
	}
	struct fsck *f = calloc(1, sizeof *f);
	if (f == NULL) {
		store_read_end(&t);
		*cause = strdup("out of memory");
		return ENOMEM;
	}
	f->t = &t;
	f->out = out;
	f->res = res;
	const char *full = getenv("HOSO_FSCK_FULL");
	f->full = full != NULL && *full != '\0' && *full != '0';
	arena_init(&f->a);
	arena_init(&f->b);
	fsck_meta(f);
	rc = fsck_records(f);
	if (rc == 0)
		rc = fsck_indexes(f);
	if (rc == 0)
		rc = fsck_audit(f);
	if (rc == 0 && t.err != 0)
		rc = t.err;
	store_read_end(&t);
	arena_free(&f->a);
	arena_free(&f->b);
	if (rc != 0) {
		if (asprintf(cause, "reading the store: %s", mdb_strerror(rc)) < 0)
			*cause = NULL;
	} else {
		fsck_summary(f);
	}
	free(f);
	return rc;
}
