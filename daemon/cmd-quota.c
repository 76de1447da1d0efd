/* cmd-quota.c: admission targets and progress, rolled up the tree
 * (cell -> ward -> top unit), with the funnel identified -> course ->
 * passed -> admitted for the same unit and period. */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "dispatch.h"
#include "tables.h"
#include "validate.h"

#define QUOTA_MAX_CHILDREN 256
#define QUOTA_DEPTH 16

/* The period asked for: a year, or a term of years. */
struct period {
	uint32_t first, last;
	int32_t from, to;           /* day numbers, inclusive */
};

/* Check and fill the period; 0 or the status set. */
static int
period_of(struct req_ctx *c, uint32_t year, uint32_t ts, uint32_t te,
    struct period *pd)
{
	if (year != 0 && (ts != 0 || te != 0))
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "year",
		    N_("give a year or a term, not both"));
	if (year != 0) {
		ts = te = year;
	} else if (ts == 0 || te < ts || te - ts > 10) {
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "term_start",
		    N_("a term is two years, the first before the last, at most "
		    "10 years apart (e.g. 2025-2030)"));
	}
	if (ts < 1900 || te > 2199)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "year",
		    N_("the year must be between 1900 and 2199"));
	pd->first = ts;
	pd->last = te;
	pd->from = date_from_ymd((int)ts, 1, 1);
	pd->to = date_from_ymd((int)te, 12, 31);
	return 0;
}

int
cmd_quota_set(struct req_ctx *c)
{
	const Hoso__Quota *src = c->req->quota_set->quota;
	struct period pd;
	int st;
	if (src == NULL)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "quota",
		    N_("the quota is missing"));
	Hoso__Quota *q = arena_alloc(c->arena, sizeof *q);
	*q = *src;
	q->base.n_unknown_fields = 0;
	if ((st = period_of(c, q->year, q->term_start, q->term_end, &pd)) != 0)
		return st;
	int rc;
	Hoso__Org *o = org_get(c->txn, q->org_id, c->arena, &rc);
	if (o == NULL)
		return ctx_fail(c, HOSO__STATUS__NOT_FOUND, "org_id",
		    N_("there is no unit with id %s"), ctx_u64(c, q->org_id));
	if (o->kind == HOSO__ORG_KIND__ORG_POLICE)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "org_id",
		    N_("a police station has no admission target"));
	if (q->target > 100000 || q->course_target > 100000)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "target",
		    N_("the target is implausibly large"));
	quota_put(c->txn, q);
	c->resp->body_case = HOSO__RESPONSE__BODY_QUOTA;
	c->resp->quota = q;
	return 0;
}

/* A unit in the report with its counters. */
struct qnode {
	uint64_t id;
	Hoso__QuotaReport *r;
	Hoso__Funnel *fn;
};

/* True if day (ISO text) falls in the period. */
static int
in_period(const struct period *pd, const char *s)
{
	int32_t d;
	return s != NULL && *s != '\0' && date_parse_iso(s, &d) == DATE_OK &&
	    d >= pd->from && d <= pd->to;
}

/* Ancestors of unit id, itself first; returns how many. */
static int
chain_of(struct req_ctx *c, uint64_t id, uint64_t *out)
{
	int n = 0;
	while (id != 0 && n < QUOTA_DEPTH) {
		int rc;
		Hoso__Org *o = org_get(c->txn, id, c->arena, &rc);
		if (o == NULL)
			break;
		out[n++] = o->id;
		id = o->parent_id;
	}
	return n;
}

/* Count one file into every report node on its cell's path. */
static void
count_file(struct req_ctx *c, const Hoso__File *f, const struct period *pd,
    struct qnode *nodes, size_t nn)
{
	int rc;
	Hoso__Person *p = person_get(c->txn, f->person_id, c->arena, &rc);
	uint64_t chain[QUOTA_DEPTH];
	if (p == NULL || p->cell_id == 0)
		return;
	int n = chain_of(c, p->cell_id, chain);
	for (size_t i = 0; i < nn; i++) {
		int under = 0;
		for (int j = 0; j < n; j++)
			under |= chain[j] == nodes[i].id;
		if (!under)
			continue;
		Hoso__Funnel *fn = nodes[i].fn;
		for (size_t s = 0; s < f->n_stage_dates; s++) {
			const Hoso__StageDate *sd = f->stage_dates[s];
			if (!in_period(pd, sd->date))
				continue;
			fn->identified += sd->stage == HOSO__STAGE__STAGE_IDENTIFIED;
			fn->in_course += sd->stage == HOSO__STAGE__STAGE_IN_COURSE;
			fn->course_passed += sd->stage ==
			    HOSO__STAGE__STAGE_COURSE_PASSED;
		}
		if (in_period(pd, f->ceremony_date))
			fn->admitted++;
	}
}

/* A report node for unit o. */
static struct qnode
node_for(struct req_ctx *c, const Hoso__Org *o, const struct period *pd)
{
	struct qnode n = { .id = o->id };
	int rc;
	n.r = arena_alloc(c->arena, sizeof *n.r);
	n.fn = arena_alloc(c->arena, sizeof *n.fn);
	hoso__quota_report__init(n.r);
	hoso__funnel__init(n.fn);
	n.r->org_id = o->id;
	n.r->org_name = o->name;
	n.r->funnel = n.fn;
	n.r->period = pd->first == pd->last ?
	    arena_printf(c->arena, "%u", pd->first) :
	    arena_printf(c->arena, "%u-%u", pd->first, pd->last);
	Hoso__Quota *q = quota_get(c->txn, o->id, pd->first, pd->last, c->arena,
	    &rc);
	if (q != NULL) {
		n.r->target = q->target;
		n.r->course_target = q->course_target;
	}
	return n;
}

int
cmd_quota_show(struct req_ctx *c)
{
	const Hoso__QuotaShow *in = c->req->quota_show;
	struct period pd;
	int st, rc;
	if ((st = period_of(c, in->year, in->term_start, in->term_end, &pd)) != 0)
		return st;
	Hoso__Org *o = org_get(c->txn, in->org_id, c->arena, &rc);
	if (o == NULL)
		return ctx_fail(c, HOSO__STATUS__NOT_FOUND, "org_id",
		    N_("there is no unit with id %s"), ctx_u64(c, in->org_id));
	struct qnode *nodes = arena_alloc(c->arena, sizeof *nodes *
	    (QUOTA_MAX_CHILDREN + 1));
	size_t nn = 0;
	nodes[nn++] = node_for(c, o, &pd);
	MDB_cursor *cur;
	MDB_val k, v;
	if ((rc = txn_cursor(c->txn, DB_ID2ORG, &cur)) != 0)
		return ctx_store_error(c, rc);
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0 &&
	    nn <= QUOTA_MAX_CHILDREN; rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		Hoso__Org *ch = hoso__org__unpack(&c->arena->pb, v.mv_size,
		    v.mv_data);
		if (ch != NULL && ch->parent_id == o->id &&
		    ch->kind != HOSO__ORG_KIND__ORG_POLICE)
			nodes[nn++] = node_for(c, ch, &pd);
	}
	mdb_cursor_close(cur);
	/* One pass over the files counts the unit and each child at once. */
	if ((rc = txn_cursor(c->txn, DB_ID2FILE, &cur)) != 0)
		return ctx_store_error(c, rc);
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		Hoso__File *f = hoso__file__unpack(&c->arena->pb, v.mv_size,
		    v.mv_data);
		if (f != NULL)
			count_file(c, f, &pd, nodes, nn);
	}
	mdb_cursor_close(cur);
	for (size_t i = 0; i < nn; i++) {
		Hoso__QuotaReport *r = nodes[i].r;
		r->admitted = nodes[i].fn->admitted;
		r->percent = r->target ? 100.0 * r->admitted / r->target : 0.0;
	}
	Hoso__QuotaReport *top = nodes[0].r;
	top->children = arena_alloc(c->arena, sizeof(Hoso__QuotaReport *) * nn);
	for (size_t i = 1; i < nn; i++)
		top->children[top->n_children++] = nodes[i].r;
	c->resp->body_case = HOSO__RESPONSE__BODY_QUOTA_REPORT;
	c->resp->quota_report = top;
	return 0;
}
