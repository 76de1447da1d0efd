/* cmd-eval.c: the cell's monthly evaluation of mentored candidates, and
 * the months still missing one. */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "cmd-file.h"
#include "dispatch.h"
#include "hist.h"
#include "tables.h"
#include "validate.h"
#include "workflow.h"

/* Stages in which the cell mentors the candidate and evaluates monthly. */
static int
stage_mentored(Hoso__Stage s)
{
	return s >= HOSO__STAGE__STAGE_MENTORED &&
	    s <= HOSO__STAGE__STAGE_PROPOSED;
}

/* "YYYY-MM" -> y*12+m-1, or -1. */
static int
month_parse(const char *s)
{
	if (s == NULL || strlen(s) != 7 || s[4] != '-')
		return -1;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	if (y < 1900 || m < 1 || m > 12)
		return -1;
	return y * 12 + m - 1;
}

/* The month index of a day. */
static int
month_of(int32_t day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return y * 12 + m - 1;
}

int
cmd_evaluation_add(struct req_ctx *c)
{
	const Hoso__Evaluation *src = c->req->evaluation_add->evaluation;
	Hoso__Person *p;
	Hoso__File *f;
	int st;
	if (src == NULL)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "evaluation",
		    N_("the evaluation is missing"));
	Hoso__Evaluation *e = arena_alloc(c->arena, sizeof *e);
	*e = *src;
	e->base.n_unknown_fields = 0;
	if ((st = file_load(c, e->person_id, &p, &f)) != 0 ||
	    (st = file_open_for_change(c, p, f)) != 0)
		return st;
	if (!stage_mentored(f->stage))
		return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION, "person_id",
		    N_("%s is not being mentored (stage: %s)"), p->name,
		    stage_label(f->stage));
	int month = month_parse(e->month);
	if (month < 0)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "month",
		    N_("month must be written YYYY-MM, not '%s'"),
		    e->month ? e->month : "");
	if (month > month_of(date_of_instant_vn(c->now)))
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "month",
		    N_("month %s has not begun"), e->month);
	if (e->rating < HOSO__RATING__EXCELLENT || e->rating > HOSO__RATING__POOR)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "rating",
		    N_("rating must be excellent, good, fair or poor"));
	if ((st = valid_text(c, "comment", N_("comment"), &e->comment, 2000,
	    false, true)) != 0)
		return st;
	if (e->evaluator_id != 0) {
		int rc;
		Hoso__Person *ev = person_get(c->txn, e->evaluator_id, c->arena,
		    &rc);
		if (ev == NULL)
			return ctx_fail(c, HOSO__STATUS__NOT_FOUND, "evaluator_id",
			    N_("there is no person with id %s"),
			    ctx_u64(c, e->evaluator_id));
		if (ev->membership == HOSO__MEMBERSHIP__MEMBERSHIP_NONE)
			return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT,
			    "evaluator_id", N_("evaluator %s is not a party member"),
			    ev->name);
	}
	if (evaluation_exists(c->txn, p->id, month))
		return ctx_fail(c, HOSO__STATUS__CONFLICT, "month",
		    N_("%s already has an evaluation for %s"), p->name, e->month);
	e->entered_at = c->now;
	evaluation_add(c->txn, e, month);
	hist_add(c, p->id, "evaluation", 0, 0, NULL, e->comment,
	    arena_printf(c->arena, "month=%s rating=%d", e->month,
	    (int)e->rating));
	c->resp->body_case = HOSO__RESPONSE__BODY_EVALUATION;
	c->resp->evaluation = e;
	return 0;
}

/* Add one person's missing months to the list, if any. */
static void
due_person(struct req_ctx *c, Hoso__DueList *dl, uint64_t id, int until)
{
	int rc;
	Hoso__File *f = file_get(c->txn, id, c->arena, &rc);
	Hoso__Person *p = person_get(c->txn, id, c->arena, &rc);
	if (f == NULL || p == NULL || !stage_mentored(f->stage))
		return;
	int32_t since = INT32_MIN;
	for (size_t i = 0; i < f->n_stage_dates; i++)
		if (f->stage_dates[i]->stage == HOSO__STAGE__STAGE_MENTORED)
			date_parse_iso(f->stage_dates[i]->date, &since);
	if (since == INT32_MIN)
		return;
	Hoso__DueEvaluation *d = NULL;
	for (int m = month_of(since); m < until; m++) {
		if (evaluation_exists(c->txn, id, m))
			continue;
		if (d == NULL) {
			d = arena_alloc(c->arena, sizeof *d);
			hoso__due_evaluation__init(d);
			d->person_id = id;
			d->name = p->name;
			d->months = arena_alloc(c->arena, sizeof(char *) *
			    (size_t)(until - m));
			Hoso__DueEvaluation **v = arena_alloc(c->arena,
			    sizeof *v * (dl->n_items + 1));
			if (dl->n_items)
				memcpy(v, dl->items, sizeof *v * dl->n_items);
			v[dl->n_items++] = d;
			dl->items = v;
		}
		d->months[d->n_months++] = arena_printf(c->arena, "%04d-%02d",
		    m / 12, m % 12 + 1);
	}
}

int
cmd_evaluations_due(struct req_ctx *c)
{
	const Hoso__EvaluationsDue *in = c->req->evaluations_due;
	int32_t asof;
	uint8_t prefix[8];
	int st = valid_org_ref(c, "cell_id", in->cell_id,
	    HOSO__ORG_KIND__ORG_CELL, 0);
	if (st != 0 || (st = date_field(c, "as_of", N_("date"), in->as_of,
	    date_of_instant_vn(c->now), &asof)) != 0)
		return st;
	Hoso__DueList *dl = arena_alloc(c->arena, sizeof *dl);
	hoso__due_list__init(dl);
	MDB_cursor *cur;
	MDB_val k, v;
	int rc;
	key_put_u64(prefix, in->cell_id);
	if ((rc = txn_cursor(c->txn, DB_CELL2PERSON, &cur)) != 0)
		return ctx_store_error(c, rc);
	k.mv_size = 8;
	k.mv_data = prefix;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (k.mv_size != 16 || memcmp(k.mv_data, prefix, 8) != 0)
			break;
		due_person(c, dl, key_get_u64((uint8_t *)k.mv_data + 8),
		    month_of(asof));
	}
	mdb_cursor_close(cur);
	c->resp->body_case = HOSO__RESPONSE__BODY_DUE_LIST;
	c->resp->due_list = dl;
	return 0;
}
