/* dueidx: open deadlines by due day (see dueidx.h).
 *
 *   DB_DUE     key +-------------+--------+--------------+  value: empty
 *                  | day u32 BE  | rec u8 | id u64 BE    |
 *                  +-------------+--------+--------------+
 *   DB_REC2DUE key +--------+--------------+  value +-------------+
 *                  | rec u8 | id u64 BE    |        | day u32 BE  |
 *                  +--------+--------------+        +-------------+
 *
 * The day is offset by 2^31 so that byte order is date order. */
#include <string.h>

#include "date.h"
#include "dueidx.h"

static const char *due_words[DUE__COUNT] = {
	[DUE_CHECK_FORWARD] = "check-forward",
	[DUE_CHECK_POLICE] = "check-police",
	[DUE_CHECK_RETURN] = "check-return",
	[DUE_CHECK_OUTSIDE] = "check-outside",
	[DUE_DECISION] = "decision",
	[DUE_CEREMONY] = "ceremony",
	[DUE_RECOGNITION_VOTE] = "recognition-vote",
	[DUE_RECOGNITION_DECISION] = "recognition-decision",
	[DUE_COURSE_EXPIRY] = "course-expiry",
};

const char *
due_code_word(enum due_code code)
{
	return code > 0 && code < DUE__COUNT ? due_words[code] : "";
}

void
dueidx_key(uint8_t *b, int32_t day, enum due_rec rec, uint64_t id)
{
	key_put_u32(b, (uint32_t)day ^ 0x80000000u);
	b[4] = (uint8_t)rec;
	key_put_u64(b + 5, id);
}

void
dueidx_key_parse(const uint8_t *b, int32_t *day, enum due_rec *rec,
    uint64_t *id)
{
	*day = (int32_t)(key_get_u32(b) ^ 0x80000000u);
	*rec = (enum due_rec)b[4];
	*id = key_get_u64(b + 5);
}

int32_t
dueidx_get(struct txn *t, enum due_rec rec, uint64_t id)
{
	uint8_t kb[9];
	kb[0] = (uint8_t)rec;
	key_put_u64(kb + 1, id);
	MDB_val k = { 9, kb }, v;
	if (txn_get(t, DB_REC2DUE, &k, &v) != 0 || v.mv_size != 4)
		return DUE_NONE;
	return (int32_t)(key_get_u32(v.mv_data) ^ 0x80000000u);
}

int
dueidx_set(struct txn *t, enum due_rec rec, uint64_t id, int32_t day)
{
	int32_t old = dueidx_get(t, rec, id);
	if (old == day)
		return t->err;
	uint8_t rk[9], dk[DUE_KEY_LEN], db[4];
	rk[0] = (uint8_t)rec;
	key_put_u64(rk + 1, id);
	MDB_val k = { 9, rk };
	if (old != DUE_NONE) {
		dueidx_key(dk, old, rec, id);
		MDB_val d = { DUE_KEY_LEN, dk };
		txn_del(t, DB_DUE, &d, NULL);
		txn_del(t, DB_REC2DUE, &k, NULL);
	}
	if (day != DUE_NONE) {
		dueidx_key(dk, day, rec, id);
		key_put_u32(db, (uint32_t)day ^ 0x80000000u);
		MDB_val d = { DUE_KEY_LEN, dk }, empty = { 0, NULL };
		MDB_val v = { 4, db };
		txn_put(t, DB_DUE, &d, &empty, 0);
		txn_put(t, DB_REC2DUE, &k, &v, 0);
	}
	t->due_changed = true;
	return t->err;
}

static void
add_due(struct file_due *out, size_t *n, enum due_code code, const char *iso)
{
	int32_t d = date_iso_day(iso);
	if (d == DUE_NONE)
		return;
	out[*n].code = code;
	out[*n].day = d;
	(*n)++;
}

size_t
file_dues(const Hoso__File *f, struct file_due *out)
{
	size_t n = 0;
	Hoso__Stage s = f->stage;
	if (s == HOSO__STAGE__STAGE_ON_HOLD)
		s = f->held_stage;      /* validity periods keep running */
	switch (s) {
	case HOSO__STAGE__STAGE_COURSE_PASSED:
	case HOSO__STAGE__STAGE_MENTORED:
	case HOSO__STAGE__STAGE_DOSSIER:
	case HOSO__STAGE__STAGE_VERIFYING:
		add_due(out, &n, DUE_COURSE_EXPIRY, f->course_cert_expires);
		break;
	default:
		break;
	}
	if (f->stage == HOSO__STAGE__STAGE_ON_HOLD)
		return n;               /* the steps themselves wait */
	switch (f->stage) {
	case HOSO__STAGE__STAGE_CELL_VOTE:
	case HOSO__STAGE__STAGE_PROPOSED:
		add_due(out, &n, DUE_DECISION, f->decision_due);
		break;
	case HOSO__STAGE__STAGE_DECIDED:
		add_due(out, &n, DUE_CEREMONY, f->ceremony_due);
		break;
	case HOSO__STAGE__STAGE_PROBATION:
		if (f->recognition_vote == NULL)
			add_due(out, &n, DUE_RECOGNITION_VOTE,
			    f->recognition_vote_due);
		else if (f->recognition_decision == NULL)
			add_due(out, &n, DUE_RECOGNITION_DECISION,
			    f->recognition_decision_due);
		break;
	default:
		break;
	}
	return n;
}

int32_t
file_next_due(const Hoso__File *f)
{
	struct file_due d[4];
	size_t n = file_dues(f, d);
	int32_t min = DUE_NONE;
	for (size_t i = 0; i < n; i++)
		if (min == DUE_NONE || d[i].day < min)
			min = d[i].day;
	return min;
}
