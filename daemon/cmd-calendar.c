/* cmd-calendar.c: the working-day calendar: edits of single days (which
 * recompute the deadlines of open files), and the questions clients ask of
 * it (days off of a year, lunar date, adding and counting working days). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "check.h"
#include "date.h"
#include "dueidx.h"
#include "i18n.h"
#include "lunar.h"
#include "dispatch.h"
#include "hist.h"
#include "tables.h"
#include "validate.h"
#include "workdays.h"
#include "workflow.h"

/* A heap copy of calendar src (overrides included); NULL without memory. */
static struct cal *
cal_clone(const struct cal *src)
{
	struct cal *c = malloc(sizeof *c);
	if (c == NULL)
		return NULL;
	cal_init(c);
	for (size_t i = 0; i < src->n_ov; i++) {
		if (cal_set(c, src->ov[i].day, src->ov[i].kind,
		    src->ov[i].reason) != 0) {
			cal_free(c);
			free(c);
			return NULL;
		}
	}
	return c;
}

/* After-hook of an edit: publish the new calendar once it is durable. */
static void
cal_after(void *arg, bool committed)
{
	struct cal *c = arg;
	if (committed)
		workdays_publish(c);    /* takes the overrides */
	else
		cal_free(c);
	free(c);
}

/* The deadline that is running at the file's stage, or NULL. */
static const char *
open_due(const Hoso__File *f)
{
	switch (f->stage) {
	case HOSO__STAGE__STAGE_CELL_VOTE:
	case HOSO__STAGE__STAGE_PROPOSED:
		return f->decision_due;
	case HOSO__STAGE__STAGE_DECIDED:
		return f->ceremony_due;
	case HOSO__STAGE__STAGE_PROBATION:
		return f->recognition_vote_due;
	default:
		return NULL;
	}
}

/* Recompute every open file's deadlines on calendar cal; fill the reply. */
static int
cal_recompute(struct req_ctx *c, const struct cal *cal, const char *date,
    Hoso__CalendarChange *ch)
{
	MDB_cursor *cur;
	MDB_val k, v;
	char today[11];
	date_format_iso(date_of_instant_vn(c->now), today);
	int rc = txn_cursor(c->txn, DB_ID2FILE, &cur);
	if (rc != 0)
		return rc;
	size_t cap = 0;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		Hoso__File *f = hoso__file__unpack(&c->arena->pb, v.mv_size,
		    v.mv_data);
		if (f == NULL) {
			rc = MDB_CORRUPTED;
			break;
		}
		if (stage_closed(f->stage))
			continue;
		const char *before = open_due(f);
		int was_due = before && *before && strcmp(before, today) >= 0;
		int changed = wf_deadlines(c, f, cal);
		if (changed == 0)
			continue;
		ch->deadlines_moved += (uint32_t)changed;
		const char *after = open_due(f);
		if (was_due && after && *after && strcmp(after, today) < 0) {
			uint64_t *nv = arena_reserve(c->arena, ch->now_overdue,
			    ch->n_now_overdue, &cap, sizeof *nv);
			if (nv != NULL) {
				ch->now_overdue = nv;
				nv[ch->n_now_overdue++] = f->person_id;
			}
		}
		f->version++;
		file_put(c->txn, f);
		hist_add(c, f->person_id, "deadline", 0, 0, NULL, NULL,
		    arena_printf(c->arena, "deadlines recomputed after the "
		    "calendar edit of %s", date));
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

/* Recompute the running leg of every open check on calendar cal. */
static int
cal_recompute_checks(struct req_ctx *c, const struct cal *cal,
    const char *date, Hoso__CalendarChange *ch)
{
	MDB_cursor *cur;
	MDB_val k, v;
	int32_t today = date_of_instant_vn(c->now);
	uint8_t pre = DUE_REC_CHECK;
	size_t n = 0, cap = 0;
	uint64_t *ids = NULL;
	int rc = txn_cursor(c->txn, DB_REC2DUE, &cur);
	if (rc != 0)
		return rc;
	k.mv_size = 1;
	k.mv_data = &pre;
	/* Collect first: putting a check moves its index entries. */
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (k.mv_size != 9 || ((uint8_t *)k.mv_data)[0] != DUE_REC_CHECK)
			break;
		uint64_t *ni = arena_reserve(c->arena, ids, n, &cap, sizeof *ni);
		if (ni == NULL) {
			rc = ENOMEM;
			break;
		}
		ids = ni;
		ids[n++] = key_get_u64((uint8_t *)k.mv_data + 1);
	}
	mdb_cursor_close(cur);
	if (rc != MDB_NOTFOUND && rc != 0)
		return rc;
	size_t cap_o = 0;
	for (size_t i = 0; i < n; i++) {
		Hoso__Verification *cv = verif_get(c->txn, ids[i], c->arena, &rc);
		if (cv == NULL)
			return rc;
		int32_t before = check_due_day(cv);
		if (!check_recompute(c, cv, cal))
			continue;
		ch->checks_moved++;
		int32_t after = check_due_day(cv);
		if (before >= today && after != INT32_MIN && after < today) {
			uint64_t *no = arena_reserve(c->arena,
			    ch->checks_now_overdue, ch->n_checks_now_overdue,
			    &cap_o, sizeof *no);
			if (no != NULL) {
				ch->checks_now_overdue = no;
				no[ch->n_checks_now_overdue++] = cv->id;
			}
		}
		cv->version++;
		verif_put(c->txn, cv);
		hist_add(c, cv->person_id, "deadline", 0, 0, NULL, NULL,
		    arena_printf(c->arena, "check request %llu: deadline now %s "
		    "after the calendar edit of %s", (unsigned long long)cv->id,
		    check_leg(cv)->due, date));
	}
	return c->txn->err;
}

/* Reply with a calendar change, handing the new calendar to the hook. */
static int
cal_change_reply(struct req_ctx *c, struct cal *cal, Hoso__CalendarEdit *e)
{
	Hoso__CalendarChange *ch = arena_alloc(c->arena, sizeof *ch);
	hoso__calendar_change__init(ch);
	ch->edit = e;
	int rc = cal_recompute(c, cal, e->date, ch);
	if (rc == 0)
		rc = cal_recompute_checks(c, cal, e->date, ch);
	if (rc != 0) {
		cal_free(cal);
		free(cal);
		return ctx_store_error(c, rc);
	}
	c->after = cal_after;
	c->after_arg = cal;
	c->resp->body_case = HOSO__RESPONSE__BODY_CALENDAR_CHANGE;
	c->resp->calendar_change = ch;
	return 0;
}

int
cmd_calendar_set(struct req_ctx *c)
{
	const Hoso__CalendarSet *in = c->req->calendar_set;
	int32_t day;
	int st;
	Hoso__CalendarEdit *e = arena_alloc(c->arena, sizeof *e);
	hoso__calendar_edit__init(e);
	e->reason = in->reason;
	if ((st = valid_date(c, "date", N_("date"), in->date, &day)) != 0)
		return st;
	if (in->kind != HOSO__CAL_DAY_KIND__CAL_DAY_OFF &&
	    in->kind != HOSO__CAL_DAY_KIND__CAL_DAY_WORK)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "kind",
		    N_("say whether the day is off or a working day"));
	if ((st = valid_text(c, "reason", N_("reason"), &e->reason, 200, true,
	    false)) != 0)
		return st;
	e->date = in->date;
	e->kind = in->kind;
	e->entered_at = c->now;
	e->user = (char *)"";
	struct cal *cal = cal_clone(workdays_cal());
	if (cal == NULL || cal_set(cal, day, e->kind ==
	    HOSO__CAL_DAY_KIND__CAL_DAY_WORK ? CAL_WORK : CAL_OFF,
	    e->reason) != 0) {
		if (cal != NULL) {
			cal_free(cal);
			free(cal);
		}
		return ctx_store_error(c, ENOMEM);
	}
	calendar_put(c->txn, e);
	return cal_change_reply(c, cal, e);
}

int
cmd_calendar_unset(struct req_ctx *c)
{
	const Hoso__CalendarUnset *in = c->req->calendar_unset;
	int32_t day;
	int st, rc;
	if ((st = valid_date(c, "date", N_("date"), in->date, &day)) != 0)
		return st;
	Hoso__CalendarEdit *e = calendar_get(c->txn, in->date, c->arena, &rc);
	if (e == NULL)
		return rc == MDB_NOTFOUND ? ctx_fail(c, HOSO__STATUS__NOT_FOUND,
		    "date", N_("%s has no edit; it already follows the built-in "
		    "rules"), in->date) : ctx_store_error(c, rc);
	struct cal *cal = cal_clone(workdays_cal());
	if (cal == NULL)
		return ctx_store_error(c, ENOMEM);
	cal_unset(cal, day);
	calendar_del(c->txn, in->date);
	return cal_change_reply(c, cal, e);
}

int
cmd_calendar_show(struct req_ctx *c)
{
	uint32_t year = c->req->calendar_show->year;
	const struct cal *cal = workdays_cal();
	if (year < 1900 || year > 2199)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "year",
		    N_("the year must be between 1900 and 2199"));
	size_t n = cal_year_days_off(cal, (int)year, NULL, 0);
	struct cal_day_off *days = arena_alloc(c->arena, sizeof *days *
	    (n ? n : 1));
	n = cal_year_days_off(cal, (int)year, days, n);
	Hoso__CalendarYear *cy = arena_alloc(c->arena, sizeof *cy);
	hoso__calendar_year__init(cy);
	cy->year = year;
	cy->days_off = arena_alloc(c->arena, sizeof(Hoso__DayOff *) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		Hoso__DayOff *d = arena_alloc(c->arena, sizeof *d);
		hoso__day_off__init(d);
		d->date = arena_alloc(c->arena, 11);
		date_format_iso(days[i].day, d->date);
		d->reason = (char *)days[i].reason;
		d->edited = days[i].edited;
		cy->days_off[cy->n_days_off++] = d;
	}
	/* Every edit of the year, working days included. */
	MDB_cursor *cur;
	MDB_val k, v;
	char from[12];
	snprintf(from, sizeof from, "%04u-", year);
	int rc = txn_cursor(c->txn, DB_CALENDAR, &cur);
	if (rc != 0)
		return ctx_store_error(c, rc);
	size_t cap = 0;
	k.mv_size = 5;
	k.mv_data = from;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0 &&
	    k.mv_size >= 5 && memcmp(k.mv_data, from, 5) == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		Hoso__CalendarEdit *e = hoso__calendar_edit__unpack(
		    &c->arena->pb, v.mv_size, v.mv_data);
		if (e == NULL)
			continue;
		Hoso__CalendarEdit **nv = arena_reserve(c->arena, cy->edits,
		    cy->n_edits, &cap, sizeof *nv);
		if (nv == NULL)
			break;
		cy->edits = nv;
		cy->edits[cy->n_edits++] = e;
	}
	mdb_cursor_close(cur);
	c->resp->body_case = HOSO__RESPONSE__BODY_CALENDAR_YEAR;
	c->resp->calendar_year = cy;
	return 0;
}

int
cmd_calendar_lunar(struct req_ctx *c)
{
	int32_t day;
	struct lunar_date l;
	int st = valid_date(c, "date", N_("date"), c->req->calendar_lunar->date,
	    &day);
	if (st != 0)
		return st;
	if (lunar_from_solar(day, &l) != 0)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "date",
		    N_("the lunar calendar covers 1800 to 2299 only"));
	Hoso__LunarDate *ld = arena_alloc(c->arena, sizeof *ld);
	hoso__lunar_date__init(ld);
	ld->day = (uint32_t)l.day;
	ld->month = (uint32_t)l.month;
	ld->year = (uint32_t)l.year;
	ld->leap = l.leap;
	c->resp->body_case = HOSO__RESPONSE__BODY_LUNAR;
	c->resp->lunar = ld;
	return 0;
}

int
cmd_calendar_add_workdays(struct req_ctx *c)
{
	const Hoso__CalendarAddWorkdays *in = c->req->calendar_add_workdays;
	int32_t day;
	int st = valid_date(c, "date", N_("date"), in->date, &day);
	if (st != 0)
		return st;
	if (in->n < 0 || in->n > 3650)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "n",
		    N_("the number of working days must be between 0 and 3650"));
	Hoso__DateReply *r = arena_alloc(c->arena, sizeof *r);
	hoso__date_reply__init(r);
	r->date = arena_alloc(c->arena, 11);
	date_format_iso(cal_add_workdays(workdays_cal(), day, in->n), r->date);
	c->resp->body_case = HOSO__RESPONSE__BODY_DATE;
	c->resp->date = r;
	return 0;
}

int
cmd_calendar_workdays(struct req_ctx *c)
{
	const Hoso__CalendarWorkdays *in = c->req->calendar_workdays;
	int32_t from, to;
	int st;
	if ((st = valid_date(c, "from", N_("first date"), in->from, &from)) != 0 ||
	    (st = valid_date(c, "to", N_("last date"), in->to, &to)) != 0)
		return st;
	if (to - from > 3660 * 10)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "to",
		    N_("count at most a hundred years at once"));
	Hoso__CountReply *r = arena_alloc(c->arena, sizeof *r);
	hoso__count_reply__init(r);
	r->count = cal_workdays_between(workdays_cal(), from, to);
	c->resp->body_case = HOSO__RESPONSE__BODY_COUNT;
	c->resp->count = r;
	return 0;
}
