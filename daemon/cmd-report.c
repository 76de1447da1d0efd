/* cmd-report.c: turnaround of background checks per ward over a period:
 * how many, working days per leg (median, 90th percentile), the share
 * early / on time / late (with and without a new date), what is overdue
 * now, and each late leg with who held it.  A report reads every check
 * once (reports are rare; the deadline index serves the frequent
 * questions). */
#include <stdlib.h>
#include <string.h>

#include "authz.h"
#include "cal.h"
#include "check.h"
#include "date.h"
#include "dispatch.h"
#include "i18n.h"
#include "tables.h"
#include "validate.h"
#include "workdays.h"

#define NKINDS 5                /* LegKind values 1..4 */

struct leg_acc {
	uint32_t *days;
	size_t n, cap;
	Hoso__LegStats *st;
};

struct ward_acc {
	Hoso__WardTurnaround *w;
	struct leg_acc legs[NKINDS];
	size_t cap_late;
};

struct report {
	struct req_ctx *c;
	const struct cal *cal;
	int32_t from, to, as_of;
	struct ward_acc *wards;
	size_t n, cap;
};

static struct ward_acc *
ward_acc(struct report *r, uint64_t ward)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->wards[i].w->ward_id == ward)
			return &r->wards[i];
	struct ward_acc *wa = arena_reserve(r->c->arena, r->wards, r->n, &r->cap,
	    sizeof *wa);
	if (wa == NULL)
		return NULL;
	r->wards = wa;
	wa = &r->wards[r->n++];
	memset(wa, 0, sizeof *wa);
	wa->w = arena_alloc(r->c->arena, sizeof *wa->w);
	hoso__ward_turnaround__init(wa->w);
	wa->w->ward_id = ward;
	int rc;
	Hoso__Org *o = ward ? org_get(r->c->txn, ward, r->c->arena, &rc) : NULL;
	wa->w->ward_name = o ? o->name : (char *)"";
	return wa;
}

static void
add_day(struct report *r, struct leg_acc *la, uint32_t d)
{
	uint32_t *nd = arena_reserve(r->c->arena, la->days, la->n, &la->cap,
	    sizeof *nd);
	if (nd == NULL)
		return;
	la->days = nd;
	la->days[la->n++] = d;
}

static void
add_late(struct report *r, struct ward_acc *wa, const Hoso__Verification *v,
    const Hoso__Leg *l, int32_t end, int32_t orig)
{
	Hoso__WardTurnaround *w = wa->w;
	Hoso__LateLeg **nl = arena_reserve(r->c->arena, w->late, w->n_late,
	    &wa->cap_late, sizeof *nl);
	if (nl == NULL)
		return;
	w->late = nl;
	Hoso__LateLeg *ll = arena_alloc(r->c->arena, sizeof *ll);
	hoso__late_leg__init(ll);
	ll->check_id = v->id;
	ll->kind = l->kind;
	ll->due_original = l->due_original;
	if (l->ended) {
		ll->ended = arena_alloc(r->c->arena, 11);
		date_format_iso(end, ll->ended);
	}
	ll->workdays_late = (uint32_t)cal_workdays_between(r->cal, orig, end);
	ll->held_by = l->started_by && *l->started_by ? l->started_by :
	    l->ended_by;
	ll->extended = l->n_extensions > 0;
	w->late[w->n_late++] = ll;
}

static void
take(struct report *r, Hoso__Verification *v)
{
	if (v->n_legs == 0)
		return;
	int32_t opened = date_of_instant_vn(v->legs[0]->started);
	if (opened < r->from || opened > r->to)
		return;
	struct ward_acc *wa = ward_acc(r, v->ward_id);
	if (wa == NULL)
		return;
	wa->w->checks++;
	check_fill_status(r->c, v, r->as_of, r->cal);
	if (strcmp(v->status, "overdue") == 0)
		wa->w->overdue_now++;
	for (size_t i = 0; i < v->n_legs; i++) {
		const Hoso__Leg *l = v->legs[i];
		int32_t orig = date_iso_day(l->due_original);
		if (l->kind <= 0 || l->kind >= NKINDS || orig == INT32_MIN)
			continue;
		struct leg_acc *la = &wa->legs[l->kind];
		if (la->st == NULL) {
			la->st = arena_alloc(r->c->arena, sizeof *la->st);
			hoso__leg_stats__init(la->st);
			la->st->kind = l->kind;
		}
		if (l->ended == 0) {
			if (r->as_of > orig)
				add_late(r, wa, v, l, r->as_of, orig);
			continue;
		}
		int32_t start = date_of_instant_vn(l->started);
		int32_t end = date_of_instant_vn(l->ended);
		la->st->finished++;
		add_day(r, la, (uint32_t)cal_workdays_between(r->cal, start, end));
		if (end < orig) {
			la->st->early++;
		} else if (end == orig) {
			la->st->on_time++;
		} else {
			if (l->n_extensions)
				la->st->late_new_date++;
			else
				la->st->late++;
			add_late(r, wa, v, l, end, orig);
		}
	}
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Median and nearest-rank 90th percentile. */
static void
finish_leg(struct leg_acc *la)
{
	if (la->n == 0)
		return;
	qsort(la->days, la->n, sizeof *la->days, cmp_u32);
	size_t n = la->n;
	la->st->median_workdays = n % 2 ? la->days[n / 2] :
	    (la->days[n / 2 - 1] + la->days[n / 2]) / 2.0;
	size_t rank = (n * 9 + 9) / 10;     /* ceil(0.9 n) */
	la->st->p90_workdays = la->days[rank - 1];
}

int
cmd_check_report(struct req_ctx *c)
{
	const Hoso__CheckReport *in = c->req->check_report;
	struct report r = { .c = c, .cal = workdays_cal() };
	int st, rc;
	if ((st = valid_date(c, "from", N_("from"), in->from, &r.from)) != 0 ||
	    (st = valid_date(c, "to", N_("to"), in->to, &r.to)) != 0)
		return st;
	if (in->ward_id != 0 && (st = valid_org_ref(c, "ward_id", in->ward_id,
	    HOSO__ORG_KIND__ORG_WARD, 0)) != 0)
		return st;
	if (r.to < r.from)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "to",
		    N_("the period ends (%s) before it starts (%s)"), in->to,
		    in->from);
	r.as_of = date_of_instant_vn(c->now);
	if (in->as_of && *in->as_of && (st = valid_date(c, "as_of",
	    N_("as of"), in->as_of, &r.as_of)) != 0)
		return st;
	MDB_cursor *cur;
	MDB_val k, v;
	if ((rc = txn_cursor(c->txn, DB_ID2CHECK, &cur)) != 0)
		return ctx_store_error(c, rc);
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		Hoso__Verification *cv = hoso__verification__unpack(
		    &c->arena->pb, v.mv_size, v.mv_data);
		if (cv == NULL) {
			rc = MDB_CORRUPTED;
			break;
		}
		if ((in->ward_id == 0 || cv->ward_id == in->ward_id) &&
		    authz_sees_check(c, cv))
			take(&r, cv);
	}
	mdb_cursor_close(cur);
	if (rc != MDB_NOTFOUND)
		return ctx_store_error(c, rc);
	Hoso__CheckReportReply *rep = arena_alloc(c->arena, sizeof *rep);
	hoso__check_report_reply__init(rep);
	rep->from = in->from;
	rep->to = in->to;
	rep->wards = arena_alloc(c->arena, (r.n + 1) * sizeof *rep->wards);
	for (size_t i = 0; i < r.n; i++) {
		struct ward_acc *wa = &r.wards[i];
		wa->w->legs = arena_alloc(c->arena, NKINDS * sizeof *wa->w->legs);
		for (int kd = 1; kd < NKINDS; kd++) {
			if (wa->legs[kd].st == NULL)
				continue;
			finish_leg(&wa->legs[kd]);
			wa->w->legs[wa->w->n_legs++] = wa->legs[kd].st;
		}
		rep->wards[rep->n_wards++] = wa->w;
	}
	c->resp->body_case = HOSO__RESPONSE__BODY_CHECK_REPORT;
	c->resp->check_report = rep;
	return 0;
}
