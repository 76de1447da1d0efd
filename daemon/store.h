/* store.h: the LMDB environment behind one small interface.
 *
 * One environment in DATA/, one named database per table (the files
 * id2org.c, code2org.c, id2person.c, ... each draw their key and value
 * layout).  Values are protobuf-encoded; integer ids in keys are 8-byte
 * big-endian so cursor order is id order.
 *
 * Threads: the event loop is the only reader and keeps one read
 * transaction that it resets after every request and renews before the
 * next; the writer thread is the only writer.  Growing the map needs no
 * reader inside the map, so readers hold `remap` shared and the grower holds
 * it exclusive.
 *
 * A struct txn carries a sticky error: after the first failure every
 * further call returns it, so a handler can chain puts and check once. */
#ifndef HOSOD_STORE_H
#define HOSOD_STORE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include <lmdb.h>
#include <protobuf-c/protobuf-c.h>

struct arena;

#define STORE_SCHEMA_VERSION 5

enum store_db {
	DB_META,
	DB_ID2ORG,
	DB_CODE2ORG,
	DB_ID2PERSON,
	DB_CCCD2PERSON,
	DB_NAME2PERSON,
	DB_CELL2PERSON,
	DB_WARD2PERSON,
	DB_ID2FILE,
	DB_HISTORY,
	DB_EVALUATION,
	DB_QUOTA,
	DB_CALENDAR,
	DB_ID2CHECK,
	DB_WARD2CHECK,
	DB_DUE,
	DB_REC2DUE,
	DB_ID2ALERT,
	DB_ALERTKEY,
	DB_ID2USER,
	DB_LOGIN2USER,
	DB_AUDIT,
	DB__COUNT
};

struct store {
	MDB_env *env;
	MDB_dbi dbi[DB__COUNT];
	uint64_t map_size;
	MDB_txn *rtxn;              /* the loop's reusable read txn */
	pthread_rwlock_t remap;
	char *dir;
};

struct txn {
	struct store *st;
	MDB_txn *txn;
	int err;                    /* first LMDB error; 0 while all is well */
	bool write;
	bool due_changed;           /* the deadline index moved (dueidx_set) */
};

int store_open(struct store *st, const char *dir, uint64_t map_size,
    char **cause);
void store_close(struct store *st);
/* Double the map (or more, to fit need bytes); no txn of this thread open. */
int store_grow(struct store *st);
/* The LMDB name of table db ("id2person"), for messages. */
const char *store_db_name(enum store_db db);
/* mkdir -p dir (mode 0700); 0 or an errno. */
int store_mkdirs(const char *dir);
/* The schema version of the LMDB environment in dir, opened read-only
 * and left unchanged: NULL with *ver set, or why it is not a hoso
 * database (a static string). */
const char *store_peek_schema(const char *dir, uint32_t *ver);
/* Schema version found on disk, for --check and tests. */
int store_schema_version(struct store *st, uint32_t *v);

/* Loop thread: begin/end a read txn on the reused handle. */
int store_read_begin(struct store *st, struct txn *t);
void store_read_end(struct txn *t);
/* Writer thread: a top-level write txn, or a child of parent. */
int store_write_begin(struct store *st, struct txn *parent, struct txn *t);
/* 0, or why nothing was committed (ENOSPC also for LMDB's EIO on a short
 * write when the disk is nearly full; MDB_PANIC once LMDB has given the
 * environment up). */
int txn_commit(struct txn *t);
void txn_abort(struct txn *t);

/* 0, MDB_NOTFOUND, or an error (made sticky). */
int txn_get(struct txn *t, enum store_db db, const MDB_val *k, MDB_val *v);
/* 0, MDB_KEYEXIST (with MDB_NOOVERWRITE; not sticky), or a sticky error. */
int txn_put(struct txn *t, enum store_db db, const MDB_val *k,
    const MDB_val *v, unsigned flags);
/* 0, MDB_NOTFOUND (not sticky), or a sticky error. */
int txn_del(struct txn *t, enum store_db db, const MDB_val *k,
    const MDB_val *v);
/* Pack m straight into the page (MDB_RESERVE). */
int txn_put_msg(struct txn *t, enum store_db db, const MDB_val *k,
    const ProtobufCMessage *m);
/* The same with LMDB put flags, e.g. MDB_APPEND for a key past the last. */
int txn_put_msg_flags(struct txn *t, enum store_db db, const MDB_val *k,
    const ProtobufCMessage *m, unsigned flags);
/* Unpack the value at k into arena memory; NULL with *rc set otherwise. */
void *txn_get_msg(struct txn *t, enum store_db db, const MDB_val *k,
    const ProtobufCMessageDescriptor *d, struct arena *a, int *rc);
/* Open a cursor (closed by the caller with mdb_cursor_close). */
int txn_cursor(struct txn *t, enum store_db db, MDB_cursor **c);
/* Key of the last record in db as a u64 id, 0 if empty. */
uint64_t txn_last_id(struct txn *t, enum store_db db);

/* Record a failure in the sticky slot; returns rc. */
int txn_fail(struct txn *t, int rc);

/* Big-endian u64 keys. */
static inline void
key_put_u64(uint8_t *b, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		b[i] = (uint8_t)v;
}

static inline uint64_t
key_get_u64(const uint8_t *b)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = (v << 8) | b[i];
	return v;
}

/* A big-endian u32 in a key or value (schema version, months, days). */
static inline void
key_put_u32(uint8_t *b, uint32_t v)
{
	for (int i = 3; i >= 0; i--, v >>= 8)
		b[i] = (uint8_t)v;
}

static inline uint32_t
key_get_u32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

/* Less free space than this on the data directory's file system turns an
 * EIO from a commit (LMDB's word for a short write) into ENOSPC. */
#define STORE_DISK_LOW (16u << 20)

/* Has the data directory's file system less than STORE_DISK_LOW free? */
bool store_disk_low(struct store *st);
/* Did rc come from a full disk or map (MDB_MAP_FULL after growing failed,
 * ENOSPC, EDQUOT)?  Such a commit changed nothing and a later one may
 * succeed once there is room. */
bool store_space_error(int rc);
/* A protocol status (Hoso__Status value) for an LMDB or errno code. */
int store_status(int rc);
const char *store_strerror(int rc);

#endif
