/* cmd-check-read.c: reading background-check requests: one, a page of them
 * (by ward, by person, overdue ones from the deadline index), and the
 * explanation of the running leg's deadline. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "check.h"
#include "cursor.h"
#include "date.h"
#include "authz.h"
#include "dispatch.h"
#include "dueidx.h"
#include "i18n.h"
#include "legdue.h"
#include "tables.h"
#include "validate.h"
#include "workdays.h"

/* An optional as-of date: empty is today. */
static int
as_of_field(struct req_ctx *c, const char *s, int32_t *out)
{
	if (s == NULL || *s == '\0') {
		*out = date_of_instant_vn(c->now);
		return 0;
	}
	return valid_date(c, "as_of", N_("as of"), s, out);
}

static Hoso__Verification *
load(struct req_ctx *c, uint64_t id, int *st)
{
	int rc;
	Hoso__Verification *v = verif_get(c->txn, id, c->arena, &rc);
	*st = 0;
	if (v == NULL)
		*st = rc == MDB_NOTFOUND ? ctx_fail(c, HOSO__STATUS__NOT_FOUND,
		    "check_id", N_("there is no check request %s"),
		    ctx_u64(c, id)) : ctx_store_error(c, rc);
	return v;
}

static void
fill(struct req_ctx *c, Hoso__Verification *v, int32_t as_of)
{
	int rc;
	Hoso__Person *p = person_get(c->txn, v->person_id, c->arena, &rc);
	v->person_name = p ? p->name : (char *)"";
	check_fill_status(c, v, as_of, workdays_cal());
	/* The police get what a check needs, not the ward's working notes. */
	if (c->who->role == HOSO__ROLE__ROLE_POLICE)
		v->note = (char *)"";
}

/* The name of a ward of this district, or "". */
static char *
ward_name(struct req_ctx *c, uint64_t id)
{
	int rc;
	Hoso__Org *o = id ? org_get(c->txn, id, c->arena, &rc) : NULL;
	return o ? o->name : (char *)"";
}

/* What the check's reader needs about whom it verifies (CheckSubject):
 * the candidate's identity and addresses, the subject, the relatives. */
static void
fill_subject(struct req_ctx *c, Hoso__Verification *v)
{
	int rc;
	Hoso__Person *p = person_get(c->txn, v->person_id, c->arena, &rc);
	Hoso__File *f = file_get(c->txn, v->person_id, c->arena, &rc);
	Hoso__CheckSubject *s = arena_alloc(c->arena, sizeof *s);
	if (p == NULL || s == NULL)
		return;
	hoso__check_subject__init(s);
	s->name = p->name;
	s->born = p->born;
	s->id_number = p->id_number;
	s->residence = ward_name(c, p->residence_id);
	s->subject_name = v->subject && *v->subject ? v->subject : p->name;
	s->subject_born = (char *)"";
	s->subject_residence = (char *)"";
	/* The candidate's own check: their birth date and address. */
	if (strcmp(s->subject_name, p->name) == 0) {
		s->subject_born = p->born;
		s->subject_residence = s->residence;
	}
	if (f != NULL) {
		const Hoso__Check *fc = NULL;
		for (size_t i = 0; i < f->n_checks; i++)
			if (f->checks[i]->id == v->file_check_id)
				fc = f->checks[i];
		for (size_t i = 0; fc && fc->relative_id && i < f->n_relatives;
		    i++) {
			const Hoso__Relative *r = f->relatives[i];
			if (r->id != fc->relative_id)
				continue;
			s->relation = r->relation;
			s->subject_born = r->born;
			s->subject_residence = r->residence && *r->residence ?
			    r->residence : ward_name(c, r->residence_id);
		}
		s->relatives = f->relatives;
		s->n_relatives = f->n_relatives;
	}
	v->subject_info = s;
}

int
cmd_check_get(struct req_ctx *c)
{
	const Hoso__CheckGet *in = c->req->check_get;
	int32_t as_of;
	int st;
	if ((st = as_of_field(c, in->as_of, &as_of)) != 0)
		return st;
	Hoso__Verification *v = load(c, in->check_id, &st);
	if (v == NULL)
		return st;
	fill(c, v, as_of);
	fill_subject(c, v);
	c->resp->body_case = HOSO__RESPONSE__BODY_CHECK;
	c->resp->check = v;
	return 0;
}

/* A page being filled. */
struct cpage {
	Hoso__CheckPage *page;
	uint32_t limit;
	int32_t as_of;
	const Hoso__CheckList *in;
};

/* Add check id if it passes the filters; 1 when the page is full. */
static int
cpage_offer(struct req_ctx *c, struct cpage *cp, uint64_t id, int *rc)
{
	Hoso__Verification *v = verif_get(c->txn, id, c->arena, rc);
	if (v == NULL) {
		if (*rc == MDB_NOTFOUND)
			*rc = MDB_CORRUPTED;
		return 1;
	}
	if (cp->in->ward_id != 0 && v->ward_id != cp->in->ward_id)
		return 0;
	if (cp->in->person_id != 0 && v->person_id != cp->in->person_id)
		return 0;
	if (!authz_sees_check(c, v))
		return 0;
	fill(c, v, cp->as_of);
	if (!cp->in->include_closed && strcmp(v->status, "closed") == 0)
		return 0;
	if (cp->in->overdue && strcmp(v->status, "overdue") != 0)
		return 0;
	cp->page->items[cp->page->n_items++] = v;
	return 0;
}

/* Walk db from the cursor over keys with prefix; id_off is where the
 * check id sits in a key.  stop_day (DB_DUE only) ends the walk at the
 * first key due on or after it. */
static int
cpage_scan(struct req_ctx *c, struct cpage *cp, enum store_db db,
    const void *prefix, size_t plen, size_t id_off, int32_t stop_day)
{
	uint8_t after[CURSOR_KEY_MAX];
	size_t alen = 0;
	MDB_cursor *cur;
	MDB_val k, v, last = { 0, NULL };
	int rc;
	if (cp->in->cursor && *cp->in->cursor &&
	    (rc = cursor_decode(c, cp->in->cursor, after, &alen)) != 0)
		return rc;
	if ((rc = txn_cursor(c->txn, db, &cur)) != 0)
		return ctx_store_error(c, rc);
	for (rc = cursor_start(cur, after, alen, prefix, plen, &k, &v); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (plen > 0 && (k.mv_size < plen ||
		    memcmp(k.mv_data, prefix, plen) != 0))
			break;
		if (k.mv_size < id_off + 8)
			continue;
		if (db == DB_DUE) {
			int32_t day;
			enum due_rec rec;
			uint64_t id;
			dueidx_key_parse(k.mv_data, &day, &rec, &id);
			if (day >= stop_day)
				break;
			if (rec != DUE_REC_CHECK)
				continue;
		}
		if (cp->page->n_items == cp->limit) {
			cp->page->next_cursor = cursor_encode(c, &last);
			break;
		}
		last = k;
		if (cpage_offer(c, cp, key_get_u64((uint8_t *)k.mv_data + id_off),
		    &rc) && rc != 0)
			break;
	}
	mdb_cursor_close(cur);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return ctx_store_error(c, rc);
	return 0;
}

int
cmd_check_list(struct req_ctx *c)
{
	const Hoso__CheckList *in = c->req->check_list;
	struct cpage cp = { .in = in, .limit = cursor_limit(in->limit) };
	int st, rc;
	if ((st = as_of_field(c, in->as_of, &cp.as_of)) != 0 ||
	    (in->ward_id != 0 && (st = valid_org_ref(c, "ward_id", in->ward_id,
	    HOSO__ORG_KIND__ORG_WARD, 0)) != 0))
		return st;
	cp.page = arena_alloc(c->arena, sizeof *cp.page);
	hoso__check_page__init(cp.page);
	cp.page->items = arena_alloc(c->arena, cp.limit * sizeof *cp.page->items);
	cp.page->next_cursor = (char *)"";
	cp.page->as_of = arena_alloc(c->arena, 11);
	date_format_iso(cp.as_of, cp.page->as_of);
	c->resp->body_case = HOSO__RESPONSE__BODY_CHECK_PAGE;
	c->resp->check_page = cp.page;
	if (in->person_id != 0) {
		/* A person's checks hang off their file. */
		Hoso__File *f = file_get(c->txn, in->person_id, c->arena, &rc);
		if (f == NULL && rc != MDB_NOTFOUND)
			return ctx_store_error(c, rc);
		for (size_t i = 0; f != NULL && i < f->n_checks; i++)
			if (f->checks[i]->request_id != 0 &&
			    cp.page->n_items < cp.limit &&
			    cpage_offer(c, &cp, f->checks[i]->request_id, &rc) &&
			    rc != 0)
				return ctx_store_error(c, rc);
		return 0;
	}
	if (in->overdue && !in->include_closed)
		return cpage_scan(c, &cp, DB_DUE, NULL, 0, 5, cp.as_of);
	if (in->ward_id != 0) {
		uint8_t pre[8];
		key_put_u64(pre, in->ward_id);
		return cpage_scan(c, &cp, DB_WARD2CHECK, pre, 8, 8, 0);
	}
	return cpage_scan(c, &cp, DB_ID2CHECK, NULL, 0, 0, 0);
}

/* --- explain --------------------------------------------------------- */

static Hoso__ExplainLine *
line_new(struct req_ctx *c, const char *code, int32_t day, const char *fmt,
    const char **args, size_t nargs)
{
	Hoso__ExplainLine *l = arena_alloc(c->arena, sizeof *l);
	hoso__explain_line__init(l);
	l->code = (char *)code;
	if (day != INT32_MIN) {
		l->date = arena_alloc(c->arena, 11);
		date_format_iso(day, l->date);
	}
	l->message_format = (char *)fmt;
	ctx_message(c->arena, fmt, args, nargs, &l->message, &l->message_args,
	    &l->n_message_args);
	return l;
}

static const char *
leg_label(Hoso__LegKind k)
{
	switch (k) {
	case HOSO__LEG_KIND__LEG_FORWARD:
		return N_("received by the ward committee → forwarded to ward "
		    "police");
	case HOSO__LEG_KIND__LEG_POLICE:
		return N_("received by the police → police result");
	case HOSO__LEG_KIND__LEG_RETURN:
		return N_("result received by the ward committee → signed and "
		    "returned");
	default:
		return N_("sent outside the district → answered");
	}
}

int
cmd_check_explain(struct req_ctx *c)
{
	int st;
	Hoso__Verification *v = load(c, c->req->check_explain->check_id, &st);
	if (v == NULL)
		return st;
	Hoso__Explanation *e = arena_alloc(c->arena, sizeof *e);
	hoso__explanation__init(e);
	e->check_id = v->id;
	c->resp->body_case = HOSO__RESPONSE__BODY_EXPLANATION;
	c->resp->explanation = e;
	const Hoso__Leg *l = v->n_legs ? v->legs[v->n_legs - 1] : NULL;
	if (l == NULL)
		return 0;
	e->leg = l->kind;
	e->due = l->due;
	const struct cal *cal = workdays_cal();
	struct legdue_in in;
	if (check_leg_input(c, l, &in) != 0)
		return ctx_store_error(c, ENOMEM);
	long n = legdue_explain(cal, &in, NULL, 0);
	if (n < 0)
		return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION, "check_id",
		    N_("the deadline of check %s is outside the calendar's "
		    "years"), ctx_u64(c, v->id));
	struct legdue_line *ls = arena_alloc(c->arena, ((size_t)n + 1) *
	    sizeof *ls);
	legdue_explain(cal, &in, ls, (size_t)n);
	size_t extra = 3 + l->n_extensions;
	e->lines = arena_alloc(c->arena, ((size_t)n + extra) * sizeof *e->lines);
	char wd[12];
	snprintf(wd, sizeof wd, "%u", l->workdays);
	const char *a[4] = { leg_label(l->kind), wd };
	e->lines[e->n_lines++] = line_new(c, "leg", INT32_MIN, l->workdays ?
	    N_("Leg: %s; the rule gives %s working days.") :
	    N_("Leg: %s; the rule is the same working day."), a,
	    l->workdays ? 2 : 1);
	if (l->start_assumed)
		e->lines[e->n_lines++] = line_new(c, "start", INT32_MIN,
		    N_("The police have not recorded receiving it; the leg is "
		    "counted from the day it was forwarded."), a, 0);
	for (long i = 0; i < n; i++) {
		const char *args[LEGDUE_ARGS];
		if (strcmp(ls[i].code, "extend") == 0)
			continue;       /* below, with each one's reason */
		for (int j = 0; j < ls[i].nargs; j++)
			args[j] = ls[i].args[j];
		e->lines[e->n_lines++] = line_new(c, ls[i].code, ls[i].day,
		    ls[i].fmt, args, (size_t)ls[i].nargs);
	}
	for (size_t i = 0; i < l->n_extensions; i++) {
		const Hoso__Extension *x = l->extensions[i];
		const char *xa[3] = { x->new_due, x->old_due, x->reason };
		int32_t d = INT32_MIN;
		date_parse_iso(x->new_due, &d);
		e->lines[e->n_lines++] = line_new(c, "extend", d,
		    N_("New appointment date %s instead of %s: %s."), xa, 3);
	}
	int32_t d = INT32_MIN, end = l->ended ? date_of_instant_vn(l->ended) :
	    date_of_instant_vn(c->now);
	if (date_parse_iso(l->due_original, &d) == DATE_OK && end > d) {
		const char *ma[1] = { l->due_original };
		e->lines[e->n_lines++] = line_new(c, "missed", d, N_("The "
		    "original deadline, %s, was missed; a new date does not "
		    "change that."), ma, 1);
	}
	return 0;
}
