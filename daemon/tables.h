/* tables.h: one function family per stored table; each table's file draws
 * its key and value layout.  All take a struct txn (sticky error). */
#ifndef HOSOD_TABLES_H
#define HOSOD_TABLES_H

#include <stdint.h>

#include "hoso.pb-c.h"
#include "arena.h"
#include "store.h"

/* id2org.c */
Hoso__Org *org_get(struct txn *t, uint64_t id, struct arena *a, int *rc);
int org_put(struct txn *t, const Hoso__Org *o);

/* code2org.c */
int code2org_get(struct txn *t, const char *code, uint64_t *id);
int code2org_add(struct txn *t, const char *code, uint64_t id);
int code2org_del(struct txn *t, const char *code);

/* id2user.c: accounts by id, and by login. */
Hoso__User *user_get(struct txn *t, uint64_t id, struct arena *a, int *rc);
Hoso__User *user_by_login(struct txn *t, const char *login, struct arena *a,
    int *rc);
int user_put(struct txn *t, const Hoso__User *u);

/* id2person.c */
Hoso__Person *person_get(struct txn *t, uint64_t id, struct arena *a,
    int *rc);
int person_put(struct txn *t, const Hoso__Person *p);
/* What lists filter and count people by, read from a stored record without
 * unpacking it (no allocation): 0, or MDB_CORRUPTED for a record that is
 * not a well-formed message. */
struct person_peek {
	Hoso__Stage stage;
	uint64_t cell_id, residence_id;
};
int person_peek(const MDB_val *v, struct person_peek *out);
/* The same for person id: also MDB_NOTFOUND, or a store error. */
int person_peek_id(struct txn *t, uint64_t id, struct person_peek *out);

/* cccd2person.c */
int cccd2person_get(struct txn *t, const char *cccd, uint64_t *id);
int cccd2person_add(struct txn *t, const char *cccd, uint64_t id);
int cccd2person_del(struct txn *t, const char *cccd);

/* name2person.c */
int name2person_add(struct txn *t, const char *folded, uint64_t id);
int name2person_del(struct txn *t, const char *folded, uint64_t id);
/* The key of folded's suffix from pos for id, into kb (NAME_KEY_MAX + 9
 * bytes); its length. */
size_t name2person_key(const char *folded, size_t pos, uint64_t id,
    uint8_t *kb);
/* Is a key at word position pos of folded the first one matching q? */
int name2person_first_match(const char *folded, size_t pos, const char *q);
#define NAME_KEY_MAX 480

/* org2person.c: membership lists, (org id, person id) -> nothing, in
 * DB_CELL2PERSON (home cell) and DB_WARD2PERSON (residence ward). */
int org2person_add(struct txn *t, enum store_db db, uint64_t org,
    uint64_t person);
int org2person_del(struct txn *t, enum store_db db, uint64_t org,
    uint64_t person);

/* id2file.c */
Hoso__File *file_get(struct txn *t, uint64_t person, struct arena *a, int *rc);
int file_put(struct txn *t, const Hoso__File *f);

/* history.c: append-only, per person. */
int history_add(struct txn *t, const Hoso__HistoryEntry *e);
/* The sequence number the next entry of person will get. */
uint64_t history_next_seq(struct txn *t, uint64_t person);

/* evaluation.c */
int evaluation_add(struct txn *t, const Hoso__Evaluation *e, int month);
int evaluation_exists(struct txn *t, uint64_t person, int month);

/* quota.c */
int quota_put(struct txn *t, const Hoso__Quota *q);
Hoso__Quota *quota_get(struct txn *t, uint64_t org, uint32_t start,
    uint32_t end, struct arena *a, int *rc);

/* calendar.c: the admin's edits of single days. */
int calendar_put(struct txn *t, const Hoso__CalendarEdit *e);
int calendar_del(struct txn *t, const char *date);
Hoso__CalendarEdit *calendar_get(struct txn *t, const char *date,
    struct arena *a, int *rc);
struct cal;
/* Add every stored edit to c. */
int calendar_load(struct txn *t, struct cal *c);

#endif
