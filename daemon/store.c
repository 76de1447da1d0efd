/* store.c: LMDB environment, transactions with a sticky error, growth and
 * the schema migration run at start (see store.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "hoso.pb-c.h"
#include "date.h"
#include "arena.h"
#include "log.h"
#include "dueidx.h"
#include "store.h"

static const char *db_names[DB__COUNT] = {
	[DB_META] = "meta",
	[DB_ID2ORG] = "id2org",
	[DB_CODE2ORG] = "code2org",
	[DB_ID2PERSON] = "id2person",
	[DB_CCCD2PERSON] = "cccd2person",
	[DB_NAME2PERSON] = "name2person",
	[DB_CELL2PERSON] = "cell2person",
	[DB_WARD2PERSON] = "ward2person",
	[DB_ID2FILE] = "id2file",
	[DB_HISTORY] = "history",
	[DB_EVALUATION] = "evaluation",
	[DB_QUOTA] = "quota",
	[DB_CALENDAR] = "calendar",
	[DB_ID2CHECK] = "id2check",
	[DB_WARD2CHECK] = "ward2check",
	[DB_DUE] = "due",
	[DB_REC2DUE] = "rec2due",
	[DB_ID2ALERT] = "id2alert",
	[DB_ALERTKEY] = "alertkey",
	[DB_ID2USER] = "id2user",
	[DB_LOGIN2USER] = "login2user",
	[DB_AUDIT] = "audit",
};

#define META_SCHEMA "schema_version"

const char *
store_db_name(enum store_db db)
{
	return db >= 0 && db < DB__COUNT ? db_names[db] : "?";
}

/* Which tables each schema version added: migration step v creates them. */
static const unsigned db_since[DB__COUNT] = {
	[DB_META] = 0, [DB_ID2ORG] = 1, [DB_CODE2ORG] = 1, [DB_ID2PERSON] = 1,
	[DB_CCCD2PERSON] = 1, [DB_NAME2PERSON] = 1, [DB_CELL2PERSON] = 1,
	[DB_WARD2PERSON] = 1, [DB_ID2FILE] = 2, [DB_HISTORY] = 2,
	[DB_EVALUATION] = 2, [DB_QUOTA] = 2, [DB_CALENDAR] = 3,
	[DB_ID2CHECK] = 4, [DB_WARD2CHECK] = 4, [DB_DUE] = 4, [DB_REC2DUE] = 4,
	[DB_ID2ALERT] = 4, [DB_ALERTKEY] = 4,
	[DB_ID2USER] = 5, [DB_LOGIN2USER] = 5, [DB_AUDIT] = 5,
};

/* Pack m into db at k with a raw txn (migrations run before struct txn). */
static int
store_migrate_put(MDB_txn *txn, MDB_dbi dbi, MDB_val *k,
    const ProtobufCMessage *m)
{
	MDB_val v = { protobuf_c_message_get_packed_size(m), NULL };
	int rc = mdb_put(txn, dbi, k, &v, MDB_RESERVE);
	if (rc == 0)
		protobuf_c_message_pack(m, v.mv_data);
	return rc;
}

int
txn_fail(struct txn *t, int rc)
{
	if (t->err == 0)
		t->err = rc;
	return rc;
}

int
store_status(int rc)
{
	switch (rc) {
	case 0:
		return HOSO__STATUS__OK;
	case MDB_NOTFOUND:
		return HOSO__STATUS__NOT_FOUND;
	case MDB_KEYEXIST:
		return HOSO__STATUS__CONFLICT;
	case MDB_MAP_FULL:
	case ENOSPC:
	case EDQUOT:
	case ENOMEM:
		return HOSO__STATUS__RESOURCE_EXHAUSTED;
	default:
		return HOSO__STATUS__INTERNAL;
	}
}

const char *
store_strerror(int rc)
{
	return mdb_strerror(rc);
}

/* Schema 2 gave every candidate a stage: people stored under schema 1
 * become IDENTIFIED on the day they were entered, with an empty file. */
static int
store_migrate_v2(struct store *st, MDB_txn *txn)
{
	MDB_cursor *cur;
	MDB_val k, v;
	int rc = mdb_dbi_open(txn, db_names[DB_ID2PERSON], 0,
	    &st->dbi[DB_ID2PERSON]);
	if (rc == 0)
		rc = mdb_cursor_open(txn, st->dbi[DB_ID2PERSON], &cur);
	if (rc != 0)
		return rc;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		Hoso__Person *p = hoso__person__unpack(NULL, v.mv_size, v.mv_data);
		if (p == NULL) {
			rc = MDB_CORRUPTED;
			break;
		}
		if (p->stage == HOSO__STAGE__STAGE_NONE &&
		    p->membership == HOSO__MEMBERSHIP__MEMBERSHIP_NONE) {
			char since[11];
			date_format_iso(date_of_instant_vn(p->created_at), since);
			p->stage = HOSO__STAGE__STAGE_IDENTIFIED;
			p->stage_since = since;
			rc = store_migrate_put(txn, st->dbi[DB_ID2PERSON], &k,
			    &p->base);
			Hoso__File f = HOSO__FILE__INIT;
			Hoso__StageDate sd = HOSO__STAGE_DATE__INIT, *sdp = &sd;
			f.person_id = p->id;
			f.version = 1;
			f.stage = p->stage;
			f.stage_since = since;
			sd.stage = p->stage;
			sd.date = since;
			f.n_stage_dates = 1;
			f.stage_dates = &sdp;
			if (rc == 0)
				rc = store_migrate_put(txn, st->dbi[DB_ID2FILE], &k,
				    &f.base);
			p->stage_since = NULL;
		}
		hoso__person__free_unpacked(p, NULL);
		if (rc != 0)
			break;
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

/* Schema 4 adds the deadline index: enter every stored file's earliest
 * running deadline (checks did not exist before). */
static int
store_migrate_v4(struct store *st, MDB_txn *txn)
{
	MDB_cursor *cur;
	MDB_val k, v;
	int rc = mdb_dbi_open(txn, db_names[DB_ID2FILE], 0,
	    &st->dbi[DB_ID2FILE]);
	if (rc == 0)
		rc = mdb_cursor_open(txn, st->dbi[DB_ID2FILE], &cur);
	if (rc != 0)
		return rc;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		Hoso__File *f = hoso__file__unpack(NULL, v.mv_size, v.mv_data);
		if (f == NULL) {
			rc = MDB_CORRUPTED;
			break;
		}
		int32_t day = file_next_due(f);
		if (day != DUE_NONE) {
			uint8_t dk[DUE_KEY_LEN];
			dueidx_key(dk, day, DUE_REC_FILE, f->person_id);
			MDB_val d = { DUE_KEY_LEN, dk }, e = { 0, NULL };
			MDB_val rk = { 9, dk + 4 }, rv = { 4, dk };
			rc = mdb_put(txn, st->dbi[DB_DUE], &d, &e, 0);
			if (rc == 0)
				rc = mdb_put(txn, st->dbi[DB_REC2DUE], &rk, &rv, 0);
		}
		hoso__file__free_unpacked(f, NULL);
		if (rc != 0)
			break;
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

/* The schema version as stored under META_SCHEMA: u32 big-endian. */
static bool
schema_decode(const MDB_val *v, uint32_t *ver)
{
	if (v->mv_size != 4)
		return false;
	*ver = key_get_u32(v->mv_data);
	return true;
}

/* Create the tables schema version v introduced, run its data step, and
 * move *ver on. */
static int
store_migrate(struct store *st, MDB_txn *txn, uint32_t *ver)
{
	while (*ver < STORE_SCHEMA_VERSION) {
		uint32_t next = *ver + 1;
		for (int i = 0; i < DB__COUNT; i++) {
			if (db_since[i] != next)
				continue;
			int rc = mdb_dbi_open(txn, db_names[i], MDB_CREATE, &st->dbi[i]);
			if (rc != 0)
				return rc;
		}
		int rc = next == 2 ? store_migrate_v2(st, txn) :
		    next == 4 ? store_migrate_v4(st, txn) : 0;
		if (rc != 0)
			return rc;
		log_info("store: migrated schema %u -> %u", *ver, next);
		*ver = next;
	}
	return 0;
}

/* Open every table, running migrations; one write txn, committed last. */
static int
store_open_tables(struct store *st, char **cause)
{
	MDB_txn *txn;
	MDB_val k = { strlen(META_SCHEMA), META_SCHEMA }, v;
	uint32_t ver = 0;
	int rc = mdb_txn_begin(st->env, NULL, 0, &txn);
	if (rc != 0)
		goto fail;
	if ((rc = mdb_dbi_open(txn, db_names[DB_META], MDB_CREATE,
	    &st->dbi[DB_META])) != 0)
		goto abort;
	rc = mdb_get(txn, st->dbi[DB_META], &k, &v);
	if (rc == 0 ? !schema_decode(&v, &ver) : rc != MDB_NOTFOUND) {
		rc = rc ? rc : MDB_CORRUPTED;
		goto abort;
	}
	if (ver > STORE_SCHEMA_VERSION) {
		mdb_txn_abort(txn);
		if (asprintf(cause, "%s was written by a newer hosod (schema %u, "
		    "this one knows up to %u)", st->dir, ver,
		    STORE_SCHEMA_VERSION) < 0)
			*cause = NULL;
		return -1;
	}
	uint32_t was = ver;
	if ((rc = store_migrate(st, txn, &ver)) != 0)
		goto abort;
	for (int i = 0; i < DB__COUNT; i++)
		if ((rc = mdb_dbi_open(txn, db_names[i], 0, &st->dbi[i])) != 0)
			goto abort;
	if (ver != was) {
		uint8_t b[4];
		key_put_u32(b, ver);
		v.mv_size = 4;
		v.mv_data = b;
		if ((rc = mdb_put(txn, st->dbi[DB_META], &k, &v, 0)) != 0)
			goto abort;
	}
	if ((rc = mdb_txn_commit(txn)) != 0)
		goto fail;
	return 0;
abort:
	mdb_txn_abort(txn);
fail:
	if (asprintf(cause, "%s: cannot open tables: %s", st->dir,
	    mdb_strerror(rc)) < 0)
		*cause = NULL;
	return -1;
}

int
store_mkdirs(const char *dir)
{
	char path[4096];
	if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
		return ENAMETOOLONG;
	for (char *p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST)
			return errno;
		*p = '/';
	}
	if (mkdir(path, 0700) < 0 && errno != EEXIST)
		return errno;
	return 0;
}

int
store_open(struct store *st, const char *dir, uint64_t map_size, char **cause)
{
	int rc;
	MDB_envinfo info;

	memset(st, 0, sizeof *st);
	st->dir = strdup(dir);
	pthread_rwlockattr_t ra;
	pthread_rwlockattr_init(&ra);
	pthread_rwlockattr_setkind_np(&ra,
	    PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&st->remap, &ra);
	pthread_rwlockattr_destroy(&ra);

	if ((rc = store_mkdirs(dir)) != 0)
		goto fail;
	if ((rc = mdb_env_create(&st->env)) != 0)
		goto fail;
	mdb_env_set_maxdbs(st->env, 32);
	mdb_env_set_maxreaders(st->env, 16);
	if ((rc = mdb_env_set_mapsize(st->env, map_size)) != 0)
		goto fail;
	if ((rc = mdb_env_open(st->env, dir, 0, 0600)) != 0)
		goto fail;
	mdb_env_info(st->env, &info);
	st->map_size = info.me_mapsize;
	if (store_open_tables(st, cause) < 0) {
		store_close(st);
		return -1;
	}
	return 0;
fail:
	if (asprintf(cause, "%s: %s", dir, mdb_strerror(rc)) < 0)
		*cause = NULL;
	store_close(st);
	return -1;
}

void
store_close(struct store *st)
{
	if (st->rtxn != NULL)
		mdb_txn_abort(st->rtxn);
	if (st->env != NULL)
		mdb_env_close(st->env);
	pthread_rwlock_destroy(&st->remap);
	free(st->dir);
	memset(st, 0, sizeof *st);
}

int
store_grow(struct store *st)
{
	uint64_t want = st->map_size * 2;
	pthread_rwlock_wrlock(&st->remap);
	int rc = mdb_env_set_mapsize(st->env, want);
	if (rc == 0) {
		MDB_envinfo info;
		mdb_env_info(st->env, &info);
		st->map_size = info.me_mapsize;
	}
	pthread_rwlock_unlock(&st->remap);
	if (rc == 0)
		log_info("store: map grown to %llu MiB",
		    (unsigned long long)(st->map_size >> 20));
	else
		log_error("store: cannot grow map to %llu bytes: %s",
		    (unsigned long long)want, mdb_strerror(rc));
	return rc;
}

int
store_schema_version(struct store *st, uint32_t *ver)
{
	struct txn t;
	MDB_val k = { strlen(META_SCHEMA), META_SCHEMA }, v;
	int rc = store_read_begin(st, &t);
	if (rc != 0)
		return rc;
	rc = txn_get(&t, DB_META, &k, &v);
	if (rc == 0)
		schema_decode(&v, ver);
	store_read_end(&t);
	return rc;
}

const char *
store_peek_schema(const char *dir, uint32_t *ver)
{
	MDB_env *env;
	MDB_txn *txn = NULL;
	MDB_dbi dbi;
	MDB_val k = { strlen(META_SCHEMA), META_SCHEMA }, v;
	const char *why = NULL;
	int rc = mdb_env_create(&env);
	if (rc != 0)
		return mdb_strerror(rc);
	mdb_env_set_maxdbs(env, 32);
	rc = mdb_env_open(env, dir, MDB_RDONLY, 0600);
	if (rc == 0)
		rc = mdb_txn_begin(env, NULL, MDB_RDONLY, &txn);
	if (rc == 0 && (rc = mdb_dbi_open(txn, db_names[DB_META], 0, &dbi)) == 0)
		rc = mdb_get(txn, dbi, &k, &v);
	if (rc == 0 && !schema_decode(&v, ver))
		rc = MDB_NOTFOUND;              /* no usable version: not ours */
	if (rc == MDB_NOTFOUND)
		why = "it is an LMDB file but not a hoso database";
	else if (rc != 0)
		why = mdb_strerror(rc);
	if (txn != NULL)
		mdb_txn_abort(txn);
	mdb_env_close(env);
	return why;
}

int
store_read_begin(struct store *st, struct txn *t)
{
	int rc;
	t->st = st;
	t->err = 0;
	t->write = false;
	t->due_changed = false;
	pthread_rwlock_rdlock(&st->remap);
	if (st->rtxn != NULL)
		rc = mdb_txn_renew(st->rtxn);
	else
		rc = mdb_txn_begin(st->env, NULL, MDB_RDONLY, &st->rtxn);
	if (rc != 0) {
		pthread_rwlock_unlock(&st->remap);
		t->txn = NULL;
		return rc;
	}
	t->txn = st->rtxn;
	return 0;
}

void
store_read_end(struct txn *t)
{
	if (t->txn == NULL)
		return;
	mdb_txn_reset(t->txn);
	t->txn = NULL;
	pthread_rwlock_unlock(&t->st->remap);
}

int
store_write_begin(struct store *st, struct txn *parent, struct txn *t)
{
	t->st = st;
	t->err = 0;
	t->write = true;
	t->due_changed = false;
	int rc = mdb_txn_begin(st->env, parent ? parent->txn : NULL, 0, &t->txn);
	if (rc != 0)
		t->txn = NULL;
	return rc;
}

bool
store_disk_low(struct store *st)
{
	struct statvfs sv;
	if (st->dir == NULL || statvfs(st->dir, &sv) != 0)
		return false;
	/* root may use the blocks a file system keeps back for it */
	uint64_t blocks = geteuid() == 0 ? sv.f_bfree : sv.f_bavail;
	return blocks * sv.f_frsize < STORE_DISK_LOW;
}

int
txn_commit(struct txn *t)
{
	if (t->err != 0) {
		txn_abort(t);
		return t->err;
	}
	int rc = mdb_txn_commit(t->txn);
	t->txn = NULL;
	/* LMDB reports a short write of its pages as EIO; on a full disk that
	 * is what the last pages written get. */
	if (rc == EIO && t->write && store_disk_low(t->st))
		rc = ENOSPC;
	return rc;
}

bool
store_space_error(int rc)
{
	return rc == MDB_MAP_FULL || rc == ENOSPC || rc == EDQUOT;
}

void
txn_abort(struct txn *t)
{
	if (t->txn != NULL)
		mdb_txn_abort(t->txn);
	t->txn = NULL;
}

int
txn_get(struct txn *t, enum store_db db, const MDB_val *k, MDB_val *v)
{
	if (t->err)
		return t->err;
	int rc = mdb_get(t->txn, t->st->dbi[db], (MDB_val *)k, v);
	if (rc != 0 && rc != MDB_NOTFOUND)
		txn_fail(t, rc);
	return rc;
}

int
txn_put(struct txn *t, enum store_db db, const MDB_val *k, const MDB_val *v,
    unsigned flags)
{
	if (t->err)
		return t->err;
	int rc = mdb_put(t->txn, t->st->dbi[db], (MDB_val *)k, (MDB_val *)v,
	    flags);
	if (rc != 0 && rc != MDB_KEYEXIST)
		txn_fail(t, rc);
	return rc;
}

int
txn_del(struct txn *t, enum store_db db, const MDB_val *k, const MDB_val *v)
{
	if (t->err)
		return t->err;
	int rc = mdb_del(t->txn, t->st->dbi[db], (MDB_val *)k, (MDB_val *)v);
	if (rc != 0 && rc != MDB_NOTFOUND)
		txn_fail(t, rc);
	return rc;
}

int
txn_put_msg(struct txn *t, enum store_db db, const MDB_val *k,
    const ProtobufCMessage *m)
{
	return txn_put_msg_flags(t, db, k, m, 0);
}

int
txn_put_msg_flags(struct txn *t, enum store_db db, const MDB_val *k,
    const ProtobufCMessage *m, unsigned flags)
{
	MDB_val v = { protobuf_c_message_get_packed_size(m), NULL };
	if (v.mv_size == 0) {
		static uint8_t empty;
		v.mv_data = &empty;
		return txn_put(t, db, k, &v, flags);
	}
	int rc = txn_put(t, db, k, &v, MDB_RESERVE | flags);
	if (rc == 0)
		protobuf_c_message_pack(m, v.mv_data);
	return rc;
}

void *
txn_get_msg(struct txn *t, enum store_db db, const MDB_val *k,
    const ProtobufCMessageDescriptor *d, struct arena *a, int *rc)
{
	MDB_val v;
	if ((*rc = txn_get(t, db, k, &v)) != 0)
		return NULL;
	ProtobufCMessage *m = protobuf_c_message_unpack(d, &a->pb, v.mv_size,
	    v.mv_data);
	if (m == NULL)
		*rc = txn_fail(t, MDB_CORRUPTED);
	return m;
}

int
txn_cursor(struct txn *t, enum store_db db, MDB_cursor **c)
{
	if (t->err)
		return t->err;
	int rc = mdb_cursor_open(t->txn, t->st->dbi[db], c);
	if (rc != 0)
		txn_fail(t, rc);
	return rc;
}

uint64_t
txn_last_id(struct txn *t, enum store_db db)
{
	MDB_cursor *c;
	MDB_val k, v;
	uint64_t id = 0;
	if (txn_cursor(t, db, &c) != 0)
		return 0;
	int rc = mdb_cursor_get(c, &k, &v, MDB_LAST);
	if (rc == 0 && k.mv_size == 8)
		id = key_get_u64(k.mv_data);
	else if (rc != MDB_NOTFOUND)
		txn_fail(t, rc);
	mdb_cursor_close(c);
	return id;
}
