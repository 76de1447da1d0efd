/* dueidx.h: the index of open deadlines, ordered by due day, so finding
 * what is due costs in proportion to what is due, not to the size of the
 * store.  Each record (a background check, a candidate's file) has at most
 * one entry: the earliest deadline running for it; the sweep (sweep.c)
 * looks at every deadline of each record it finds. */
#ifndef HOSOD_DUEIDX_H
#define HOSOD_DUEIDX_H

#include <stddef.h>
#include <stdint.h>

#include "hoso.pb-c.h"
#include "store.h"

#define DUE_NONE INT32_MIN

enum due_rec {
	DUE_REC_CHECK = 1,          /* a Verification, by its id */
	DUE_REC_FILE = 2,           /* a File, by its person id */
};

/* The deadlines a record can have; also the Alert.deadline words. */
enum due_code {
	DUE_CHECK_FORWARD = 1,
	DUE_CHECK_POLICE,
	DUE_CHECK_RETURN,
	DUE_CHECK_OUTSIDE,
	DUE_DECISION,
	DUE_CEREMONY,
	DUE_RECOGNITION_VOTE,
	DUE_RECOGNITION_DECISION,
	DUE_COURSE_EXPIRY,
	DUE__COUNT
};

const char *due_code_word(enum due_code code);

/* DB_DUE key: due day (u32 big-endian, offset by 2^31) | rec (u8) | id (u64
 * big-endian); value empty.  DB_REC2DUE: rec | id -> due day (u32). */
#define DUE_KEY_LEN 13
void dueidx_key(uint8_t *b, int32_t day, enum due_rec rec, uint64_t id);
void dueidx_key_parse(const uint8_t *b, int32_t *day, enum due_rec *rec,
    uint64_t *id);

/* Point the record's entry at day (DUE_NONE: remove it); sets
 * t->due_changed when the entry moves. */
int dueidx_set(struct txn *t, enum due_rec rec, uint64_t id, int32_t day);
/* The record's entry, or DUE_NONE. */
int32_t dueidx_get(struct txn *t, enum due_rec rec, uint64_t id);

/* One deadline running for a file. */
struct file_due {
	enum due_code code;
	int32_t day;
};
/* The deadlines running at the file's stage (at most 4), from its stored
 * dates; returns how many. */
size_t file_dues(const Hoso__File *f, struct file_due *out);
/* The earliest of them, or DUE_NONE. */
int32_t file_next_due(const Hoso__File *f);

#endif
