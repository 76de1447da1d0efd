/* fsck-int.h: what the parts of hosod --check share (fsck.c drives and
 * reports, fsck-records.c walks the record tables, fsck-index.c the index
 * tables).
 *
 * How it scales: one cursor pass per record table; for each record the
 * index entries it must have are looked up by key (O(log n) each) and
 * counted in expect[].  An index table is then walked entry by entry only
 * when something is suspect: a forward lookup failed, or the table holds a
 * different number of entries than were expected.  Every expected key is
 * distinct, so "all expected keys are present" plus "as many entries as
 * expected" proves the index holds nothing else.  Each record is unpacked
 * into one arena that is reset per record: memory stays flat. */
#ifndef HOSOD_FSCK_INT_H
#define HOSOD_FSCK_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "hoso.pb-c.h"
#include "arena.h"
#include "fsck.h"
#include "store.h"

/* Problems printed per table; the rest are only counted. */
#define FSCK_SHOW_MAX 100

/* A direct-mapped cache of org kinds (orgs are few and looked up often). */
#define FSCK_ORG_CACHE 1024

struct fsck {
	struct txn *t;
	FILE *out;
	struct fsck_result *res;
	struct arena a;             /* reset per record */
	struct arena b;             /* a second record looked at beside it */
	uint64_t problems[DB__COUNT];
	uint64_t expect[DB__COUNT]; /* index entries the records imply */
	bool suspect[DB__COUNT];    /* walk this index entry by entry */
	bool full;                  /* walk every index (HOSO_FSCK_FULL) */
	struct { uint64_t id; int kind; } orgs[FSCK_ORG_CACHE];
	struct { uint64_t id; bool exists; } memo;  /* last person looked up */
	uint64_t hist_person, hist_seq;             /* last history key */
};

/* Report one problem in table db at key k ("table key: what"). */
void fsck_bad(struct fsck *f, enum store_db db, const MDB_val *k,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same with the key already in words. */
void fsck_bad_at(struct fsck *f, enum store_db db, const char *key,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same for a u64 id key. */
void fsck_bad_id(struct fsck *f, enum store_db db, uint64_t id,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Unpack the record of id in db (a u64-keyed table) into arena a as d;
 * NULL with *why ("does not exist", "does not decode") otherwise. */
void *fsck_get(struct fsck *f, struct arena *a, enum store_db db,
    uint64_t id, const ProtobufCMessageDescriptor *d, const char **why);
/* Record lookups into arena a: NULL when missing (*why "does not exist")
 * or undecodable (*why says so).  A store error ends the walk (sticky). */
Hoso__Person *fsck_person(struct fsck *f, struct arena *a, uint64_t id,
    const char **why);
Hoso__File *fsck_file(struct fsck *f, struct arena *a, uint64_t id,
    const char **why);
Hoso__Verification *fsck_check(struct fsck *f, struct arena *a, uint64_t id,
    const char **why);
/* An org's kind, or -1 when it does not exist or does not decode. */
int fsck_org_kind(struct fsck *f, uint64_t id);

/* Is there an entry k in db (with value v when v is not NULL)?  Sets
 * *got to the stored value when found and got is not NULL. */
bool fsck_has(struct fsck *f, enum store_db db, const MDB_val *k,
    const MDB_val *v, MDB_val *got);
/* The folded search form of name (arena memory; "" when it cannot fold). */
char *fsck_fold(struct arena *a, const char *name);
/* Call fn on every entry of db, with fresh arenas for each; stops at the
 * first read error. */
typedef void (*fsck_entry_fn)(struct fsck *f, const MDB_val *k,
    const MDB_val *v);
int fsck_walk(struct fsck *f, enum store_db db, fsck_entry_fn fn);
/* Upper-cased code2org key of code into kb; its length. */
size_t fsck_code_key(const char *code, char *kb);

/* fsck-records.c: one pass per record table; 0 or a store error. */
int fsck_records(struct fsck *f);
/* fsck-index.c: the index tables (after fsck_records). */
int fsck_indexes(struct fsck *f);
/* fsck-audit.c: the audit log's hash chain. */
int fsck_audit(struct fsck *f);

#endif
