/* check.c: the legs of a background check, their deadlines and the status
 * a reader sees (see check.h). */
#include <string.h>

#include "cal.h"
#include "check.h"
#include "date.h"
#include "dueidx.h"
#include "legdue.h"

Hoso__Leg *
check_leg(const Hoso__Verification *v)
{
	if (v->n_legs == 0 || v->legs[v->n_legs - 1]->ended != 0)
		return NULL;
	return v->legs[v->n_legs - 1];
}

int
check_leg_workdays(const struct rules *r, Hoso__LegKind kind)
{
	switch (kind) {
	case HOSO__LEG_KIND__LEG_FORWARD:
		return (int)r->check_forward_workdays;
	case HOSO__LEG_KIND__LEG_POLICE:
		return (int)r->check_police_workdays;
	case HOSO__LEG_KIND__LEG_RETURN:
		return (int)r->check_return_workdays;
	case HOSO__LEG_KIND__LEG_OUTSIDE:
		return (int)r->check_outside_workdays;
	default:
		return 0;
	}
}

int
check_leg_due_code(Hoso__LegKind kind)
{
	switch (kind) {
	case HOSO__LEG_KIND__LEG_FORWARD:
		return DUE_CHECK_FORWARD;
	case HOSO__LEG_KIND__LEG_POLICE:
		return DUE_CHECK_POLICE;
	case HOSO__LEG_KIND__LEG_RETURN:
		return DUE_CHECK_RETURN;
	default:
		return DUE_CHECK_OUTSIDE;
	}
}

int
check_leg_input(struct req_ctx *c, const Hoso__Leg *l, struct legdue_in *in)
{
	struct legdue_susp *sp = arena_alloc(c->arena,
	    (l->n_suspensions + 1) * sizeof *sp);
	if (sp == NULL)
		return -1;
	for (size_t i = 0; i < l->n_suspensions; i++) {
		sp[i].from = date_of_instant_vn(l->suspensions[i]->from);
		sp[i].to = l->suspensions[i]->to ?
		    date_of_instant_vn(l->suspensions[i]->to) : LEGDUE_OPEN;
	}
	in->start = date_of_instant_vn(l->started);
	in->n = (int)l->workdays;
	in->susp = sp;
	in->n_susp = l->n_suspensions;
	in->extended_to = l->n_extensions ? date_iso_day(l->extensions[
	    l->n_extensions - 1]->new_due) : LEGDUE_NONE;
	return 0;
}

int
check_recompute(struct req_ctx *c, Hoso__Verification *v,
    const struct cal *cal)
{
	Hoso__Leg *l = check_leg(v);
	struct legdue_in in;
	if (l == NULL || check_leg_input(c, l, &in) != 0)
		return 0;
	struct legdue_out out;
	char *orig = (char *)"", *due = (char *)"";
	if (legdue(cal, &in, &out) == 0) {
		if (out.due_original != LEGDUE_NONE) {
			orig = arena_alloc(c->arena, 11);
			date_format_iso(out.due_original, orig);
		}
		if (out.due != LEGDUE_NONE) {
			due = arena_alloc(c->arena, 11);
			date_format_iso(out.due, due);
		}
	}
	int changed = strcmp(due, l->due ? l->due : "") != 0;
	l->due_original = orig;
	l->due = due;
	return changed;
}

int32_t
check_due_day(const Hoso__Verification *v)
{
	const Hoso__Leg *l = check_leg(v);
	return l == NULL ? INT32_MIN : date_iso_day(l->due);
}

const char *
check_due_status(const struct rules *r, const struct cal *cal, int32_t due,
    int32_t as_of)
{
	if (as_of > due)
		return "overdue";
	if (cal_workdays_between(cal, as_of, due) <= (int)r->due_soon_workdays)
		return "due-soon";
	return "on-time";
}

void
check_fill_status(struct req_ctx *c, Hoso__Verification *v, int32_t as_of,
    const struct cal *cal)
{
	const Hoso__Leg *cur = check_leg(v);
	v->missed = false;
	for (size_t i = 0; i < v->n_legs; i++) {
		const Hoso__Leg *l = v->legs[i];
		int32_t orig = date_iso_day(l->due_original);
		int32_t end = l->ended ? date_of_instant_vn(l->ended) : as_of;
		if (orig != INT32_MIN && end > orig)
			v->missed = true;
	}
	v->due = (char *)"";
	if (cur == NULL) {
		v->status = (char *)"closed";
		return;
	}
	int32_t due = date_iso_day(cur->due);
	if (due == INT32_MIN) {
		v->status = (char *)"suspended";
		return;
	}
	v->due = arena_alloc(c->arena, 11);
	date_format_iso(due, v->due);
	v->status = (char *)check_due_status(c->rules, cal, due, as_of);
}
