/* cmd-check.c: opening a background-check request and recording its steps
 * (forwarded, police received, police result, returned; extensions,
 * suspensions, the committee's decision on a concern).  Each step is
 * timestamped with when it happened on paper, names who handled it, and
 * lands in the candidate's history. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd-file.h"
#include "date.h"
#include "dispatch.h"
#include "hist.h"
#include "i18n.h"
#include "tables.h"
#include "text.h"
#include "validate.h"
#include "workdays.h"
#include "workflow.h"

/* Grow an arena array of pointers by one and append x. */
static void *
append_ptr(struct req_ctx *c, void *arr, size_t *n, void *x)
{
	void **a = arena_alloc(c->arena, (*n + 1) * sizeof *a);
	if (a == NULL)
		return arr;
	if (*n)
		memcpy(a, arr, *n * sizeof *a);
	a[(*n)++] = x;
	return a;
}
#define APPEND(c, obj, field, x) ((obj)->field = append_ptr(c, (obj)->field, \
	&(obj)->n_##field, x))

/* The effective instant of a step: 0 means now; never in the future (five
 * minutes of clock skew allowed); not before prev, except earlier on the
 * same day, which counts as prev (a step entered as a bare date). */
static int
instant_field(struct req_ctx *c, int64_t at, int64_t prev, int64_t *out)
{
	char buf[26];
	if (at == 0)
		at = c->now;
	if (at > c->now + 300) {
		date_format_instant_iso(at, buf);
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "at",
		    N_("%s is in the future"), arena_strdup(c->arena, buf));
	}
	if (at < prev) {
		if (date_of_instant_vn(at) != date_of_instant_vn(prev)) {
			char pb[26];
			date_format_instant_iso(at, buf);
			date_format_instant_iso(prev, pb);
			return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "at",
			    N_("%s is before the previous step of the check "
			    "(%s)"), arena_strdup(c->arena, buf),
			    arena_strdup(c->arena, pb));
		}
		at = prev;
	}
	*out = at;
	return 0;
}

static const char *
day_iso(struct req_ctx *c, int64_t t)
{
	char *d = arena_alloc(c->arena, 11);
	date_format_iso(date_of_instant_vn(t), d);
	return d;
}

/* Reply with the check as of today. */
static int
verif_reply(struct req_ctx *c, Hoso__Verification *v)
{
	int rc;
	Hoso__Person *p = person_get(c->txn, v->person_id, c->arena, &rc);
	v->person_name = p ? p->name : (char *)"";
	check_fill_status(c, v, date_of_instant_vn(c->now), workdays_cal());
	c->resp->body_case = HOSO__RESPONSE__BODY_CHECK;
	c->resp->check = v;
	return 0;
}

/* Start a leg of kind at instant at. */
static Hoso__Leg *
leg_start(struct req_ctx *c, Hoso__Verification *v, Hoso__LegKind kind,
    int64_t at, const char *by)
{
	Hoso__Leg *l = arena_alloc(c->arena, sizeof *l);
	hoso__leg__init(l);
	l->kind = kind;
	l->started = at;
	l->started_by = (char *)by;
	l->workdays = (uint32_t)check_leg_workdays(c->rules, kind);
	APPEND(c, v, legs, l);
	return l;
}

/* The file's check this request answers, by number; NULL if none. */
static Hoso__Check *
file_check(Hoso__File *f, uint32_t id)
{
	for (size_t i = 0; f != NULL && i < f->n_checks; i++)
		if (f->checks[i]->id == id)
			return f->checks[i];
	return NULL;
}

/* Pick the file check to answer (see CheckOpen in the proto). */
static int
open_pick(struct req_ctx *c, Hoso__Person *p, Hoso__File *f,
    const Hoso__CheckOpen *in, const char *subject, Hoso__Check **out)
{
	if (in->file_check_id != 0) {
		Hoso__Check *ck = file_check(f, in->file_check_id);
		if (ck == NULL)
			return ctx_fail(c, HOSO__STATUS__NOT_FOUND,
			    "file_check_id", N_("the file has no check number "
			    "%s"), ctx_u64(c, in->file_check_id));
		if (ck->status != HOSO__CHECK_STATUS__CHECK_PENDING)
			return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION,
			    "file_check_id", N_("check %s of the file is no "
			    "longer pending"), ctx_u64(c, ck->id));
		if (ck->request_id != 0)
			return ctx_fail(c, HOSO__STATUS__CONFLICT,
			    "file_check_id", N_("check %s of the file was "
			    "already sent as request %s"), ctx_u64(c, ck->id),
			    ctx_u64(c, ck->request_id));
		*out = ck;
		return 0;
	}
	char *want = *subject ? text_fold(subject) : NULL;
	for (size_t i = 0; i < f->n_checks && *out == NULL; i++) {
		Hoso__Check *ck = f->checks[i];
		if (ck->status != HOSO__CHECK_STATUS__CHECK_PENDING ||
		    ck->request_id != 0)
			continue;
		if (want == NULL) {
			if (ck->relation == HOSO__RELATION__SELF)
				*out = ck;
			continue;
		}
		char *have = text_fold(ck->subject ? ck->subject : "");
		if (have != NULL && strcmp(have, want) == 0)
			*out = ck;
		free(have);
	}
	free(want);
	if (*out != NULL)
		return 0;
	if (*subject == '\0')
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "subject",
		    N_("%s's own check is not pending; say whose background "
		    "is checked"), p->name);
	Hoso__Check *ck = arena_alloc(c->arena, sizeof *ck);
	hoso__check__init(ck);
	ck->id = ++f->next_check_id;
	ck->subject = (char *)subject;
	ck->status = HOSO__CHECK_STATUS__CHECK_PENDING;
	ck->reason = (char *)"added when the check request was opened";
	APPEND(c, f, checks, ck);
	*out = ck;
	return 0;
}

int
cmd_check_open(struct req_ctx *c)
{
	const Hoso__CheckOpen *in = c->req->check_open;
	Hoso__Person *p;
	Hoso__File *f;
	char *subject = in->subject, *outside = in->outside, *by = ctx_by(c,
	    in->by);
	char *note = in->note;
	int64_t at;
	int st = file_load(c, in->person_id, &p, &f);
	if (st != 0 || (st = file_open_for_change(c, p, f)) != 0)
		return st;
	if (f->stage != HOSO__STAGE__STAGE_VERIFYING)
		return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION, "person_id",
		    N_("checks are sent in the verification stage; the file of "
		    "%s is at: %s"), p->name, _(stage_label(f->stage)));
	if ((st = valid_text(c, "outside", N_("committee outside the "
	    "district"), &outside, 200, false, false)) != 0 ||
	    (st = valid_text(c, "subject", N_("person to verify"), &subject,
	    100, false, false)) != 0 ||
	    (st = valid_text(c, "by", N_("handled by"), &by, 100, false,
	    false)) != 0 ||
	    (st = valid_text(c, "note", N_("note"), &note, 1000, false,
	    true)) != 0)
		return st;
	if ((in->ward_id != 0) == (*outside != '\0'))
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "ward_id",
		    N_("give either the ward of this district the check goes to "
		    "or the committee outside the district, not both"));
	if (in->ward_id != 0 && (st = valid_org_ref(c, "ward_id", in->ward_id,
	    HOSO__ORG_KIND__ORG_WARD, 0)) != 0)
		return st;
	int32_t since;
	int64_t floor = 0;
	if (date_parse_iso(f->stage_since, &since) == DATE_OK)
		floor = (int64_t)since * 86400 - DATE_VN_OFFSET;
	if (in->at != 0 && in->at < floor)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "at",
		    N_("the file reached the verification stage on %s; the "
		    "check cannot start before"), f->stage_since);
	if ((st = instant_field(c, in->at, floor, &at)) != 0)
		return st;
	Hoso__Check *ck = NULL;
	if ((st = open_pick(c, p, f, in, subject, &ck)) != 0)
		return st;

	Hoso__Verification *v = arena_alloc(c->arena, sizeof *v);
	hoso__verification__init(v);
	v->id = txn_last_id(c->txn, DB_ID2CHECK) + 1;
	v->person_id = p->id;
	v->file_check_id = ck->id;
	v->subject = ck->subject;
	v->ward_id = in->ward_id;
	v->outside = outside;
	v->version = 1;
	v->entered_at = c->now;
	v->note = note;
	if (in->ward_id != 0) {
		v->state = HOSO__VERIFICATION_STATE__VSTATE_AT_WARD;
		leg_start(c, v, HOSO__LEG_KIND__LEG_FORWARD, at, by);
	} else {
		v->state = HOSO__VERIFICATION_STATE__VSTATE_SENT_OUTSIDE;
		leg_start(c, v, HOSO__LEG_KIND__LEG_OUTSIDE, at, by);
	}
	check_recompute(c, v, workdays_cal());
	verif_put(c->txn, v);
	ward2check_add(c->txn, v->ward_id, v->id);
	ck->request_id = v->id;
	f->version++;
	file_put(c->txn, f);
	hist_add(c, p->id, "check", 0, 0, day_iso(c, at), note,
	    arena_printf(c->arena, "check request %llu opened for %s: %s%s by "
	    "%s, due %s", (unsigned long long)v->id, ck->subject,
	    in->ward_id ? "ward " : "outside ", in->ward_id ?
	    ctx_u64(c, in->ward_id) : outside, *by ? by : "-",
	    v->legs[0]->due));
	return verif_reply(c, v);
}

/* The open suspension of leg l, or NULL. */
static Hoso__Suspension *
open_suspension(const Hoso__Leg *l)
{
	if (l == NULL || l->n_suspensions == 0 ||
	    l->suspensions[l->n_suspensions - 1]->to != 0)
		return NULL;
	return l->suspensions[l->n_suspensions - 1];
}

/* Refuse a step in the wrong state. */
static int
wrong_state(struct req_ctx *c, Hoso__Verification *v, const char *step)
{
	static const char *const where[] = {
		[HOSO__VERIFICATION_STATE__VSTATE_AT_WARD] =
		    N_("received by the ward committee, not yet forwarded"),
		[HOSO__VERIFICATION_STATE__VSTATE_AT_POLICE] =
		    N_("with the ward police"),
		[HOSO__VERIFICATION_STATE__VSTATE_RESULT_AT_WARD] =
		    N_("back at the ward committee with the police result"),
		[HOSO__VERIFICATION_STATE__VSTATE_RETURNED] =
		    N_("returned: closed"),
		[HOSO__VERIFICATION_STATE__VSTATE_SENT_OUTSIDE] =
		    N_("sent outside the district"),
	};
	const char *w = v->state > 0 &&
	    v->state <= HOSO__VERIFICATION_STATE__VSTATE_SENT_OUTSIDE ?
	    where[v->state] : "?";
	return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION, "check_id",
	    N_("check %s cannot be %s now: it is %s"), ctx_u64(c, v->id),
	    step, w);
}

/* The police result or the answer from outside. */
static int
take_result(struct req_ctx *c, Hoso__Verification *v,
    const Hoso__CheckStep *in)
{
	char *text = in->text;
	int st;
	if (in->result != HOSO__CHECK_RESULT__RESULT_CLEAR &&
	    in->result != HOSO__CHECK_RESULT__RESULT_CONCERN)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "result",
		    N_("say whether the result is clear or raises a concern"));
	if ((st = valid_text(c, "text", N_("result text"), &text, 2000,
	    in->result == HOSO__CHECK_RESULT__RESULT_CONCERN, true)) != 0)
		return st;
	v->result = in->result;
	v->result_text = text;
	return 0;
}

/* The result is back with the requesting unit: conclude the file's check. */
static void
conclude_file_check(struct req_ctx *c, Hoso__Verification *v, int64_t at)
{
	int rc;
	Hoso__File *f = file_get(c->txn, v->person_id, c->arena, &rc);
	Hoso__Check *ck = file_check(f, v->file_check_id);
	if (ck == NULL)
		return;
	ck->status = HOSO__CHECK_STATUS__CHECK_CONCLUDED;
	ck->concluded = (char *)day_iso(c, at);
	ck->concern = v->result == HOSO__CHECK_RESULT__RESULT_CONCERN;
	ck->concern_resolved = false;
	ck->concern_text = v->result_text;
	f->version++;
	file_put(c->txn, f);
}

/* The committee's decision on a concern clears the block on the vote. */
static int
decide(struct req_ctx *c, Hoso__Verification *v, const Hoso__CheckStep *in,
    const char **detail)
{
	char *text = in->text;
	int st, rc;
	if (v->state != HOSO__VERIFICATION_STATE__VSTATE_RETURNED ||
	    v->result != HOSO__CHECK_RESULT__RESULT_CONCERN)
		return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION, "check_id",
		    N_("check %s has no concern returned to decide on"),
		    ctx_u64(c, v->id));
	if ((st = valid_text(c, "text", N_("decision"), &text, 2000, true,
	    true)) != 0)
		return st;
	Hoso__File *f = file_get(c->txn, v->person_id, c->arena, &rc);
	Hoso__Check *ck = file_check(f, v->file_check_id);
	if (ck == NULL)
		return ctx_store_error(c, rc ? rc : MDB_CORRUPTED);
	if (ck->concern_resolved)
		return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION, "check_id",
		    N_("the concern of check %s was already decided"),
		    ctx_u64(c, v->id));
	ck->concern_resolved = true;
	ck->concern_decision = text;
	f->version++;
	file_put(c->txn, f);
	*detail = arena_printf(c->arena, "decision on the concern: %s", text);
	return 0;
}

static int
extend(struct req_ctx *c, Hoso__Leg *l, const Hoso__CheckStep *in,
    const char *by, const char **detail)
{
	char *reason = in->reason;
	int32_t day, cur;
	int st;
	if ((st = valid_date(c, "new_due", N_("new date"), in->new_due,
	    &day)) != 0 || (st = valid_text(c, "reason", N_("reason"), &reason,
	    500, true, false)) != 0)
		return st;
	if (date_parse_iso(l->due, &cur) == DATE_OK && day <= cur)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "new_due",
		    N_("the new date must be after the deadline in force, %s"),
		    l->due);
	Hoso__Extension *e = arena_alloc(c->arena, sizeof *e);
	hoso__extension__init(e);
	e->new_due = in->new_due;
	e->old_due = l->due;
	e->reason = reason;
	e->by = (char *)by;
	e->entered_at = c->now;
	APPEND(c, l, extensions, e);
	*detail = arena_printf(c->arena, "new appointment date %s (was %s): "
	    "%s", in->new_due, l->due, reason);
	return 0;
}

/* Carry out one step on v; *detail says what for the history. */
static int
step_apply(struct req_ctx *c, Hoso__Verification *v, const Hoso__CheckStep *in,
    const char *by, int64_t *eff, const char **detail)
{
	Hoso__Leg *l = check_leg(v);
	Hoso__Suspension *s = open_suspension(l);
	int64_t prev = l ? l->started : 0, at = 0;
	int st;
	char *reason = in->reason;
	if (s != NULL && in->step != HOSO__CHECK_STEP_KIND__STEP_RESUME)
		return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION, "check_id",
		    N_("the clock of check %s is stopped since %s; resume it "
		    "first"), ctx_u64(c, v->id), day_iso(c, s->from));
	if (l != NULL && l->n_suspensions)
		prev = l->suspensions[l->n_suspensions - 1]->to;
	if (in->step != HOSO__CHECK_STEP_KIND__STEP_EXTEND &&
	    in->step != HOSO__CHECK_STEP_KIND__STEP_DECIDE &&
	    (st = instant_field(c, in->at, s ? s->from : prev, &at)) != 0)
		return st;
	*eff = at ? at : c->now;
	switch (in->step) {
	case HOSO__CHECK_STEP_KIND__STEP_FORWARD:
		if (v->state != HOSO__VERIFICATION_STATE__VSTATE_AT_WARD)
			return wrong_state(c, v, _("forwarded to the police"));
		l->ended = at;
		l->ended_by = (char *)by;
		leg_start(c, v, HOSO__LEG_KIND__LEG_POLICE, at, by)->
		    start_assumed = true;
		v->state = HOSO__VERIFICATION_STATE__VSTATE_AT_POLICE;
		*detail = "forwarded to the ward police";
		return 0;
	case HOSO__CHECK_STEP_KIND__STEP_POLICE_RECEIVED:
		if (v->state != HOSO__VERIFICATION_STATE__VSTATE_AT_POLICE ||
		    !l->start_assumed)
			return wrong_state(c, v, _("received by the police"));
		l->started = at;
		l->started_by = (char *)by;
		l->start_assumed = false;
		*detail = "received by the ward police";
		return 0;
	case HOSO__CHECK_STEP_KIND__STEP_POLICE_RESULT:
		if (v->state != HOSO__VERIFICATION_STATE__VSTATE_AT_POLICE)
			return wrong_state(c, v, _("given the police result"));
		if ((st = take_result(c, v, in)) != 0)
			return st;
		l->ended = at;
		l->ended_by = (char *)by;
		leg_start(c, v, HOSO__LEG_KIND__LEG_RETURN, at, by);
		v->state = HOSO__VERIFICATION_STATE__VSTATE_RESULT_AT_WARD;
		*detail = arena_printf(c->arena, "police result: %s%s%s",
		    v->result == HOSO__CHECK_RESULT__RESULT_CONCERN ? "concern" :
		    "clear", *v->result_text ? ": " : "", v->result_text);
		return 0;
	case HOSO__CHECK_STEP_KIND__STEP_RETURN:
		if (v->state == HOSO__VERIFICATION_STATE__VSTATE_SENT_OUTSIDE) {
			if ((st = take_result(c, v, in)) != 0)
				return st;
		} else if (v->state !=
		    HOSO__VERIFICATION_STATE__VSTATE_RESULT_AT_WARD) {
			return wrong_state(c, v, _("returned"));
		} else if (in->result != HOSO__CHECK_RESULT__RESULT_NONE) {
			return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT,
			    "result", N_("the result was recorded with the "
			    "police result; returning takes none"));
		}
		l->ended = at;
		l->ended_by = (char *)by;
		v->state = HOSO__VERIFICATION_STATE__VSTATE_RETURNED;
		conclude_file_check(c, v, at);
		*detail = arena_printf(c->arena, "result returned: %s",
		    v->result == HOSO__CHECK_RESULT__RESULT_CONCERN ? "concern" :
		    "clear");
		return 0;
	case HOSO__CHECK_STEP_KIND__STEP_EXTEND:
		if (l == NULL)
			return wrong_state(c, v, _("extended"));
		return extend(c, l, in, by, detail);
	case HOSO__CHECK_STEP_KIND__STEP_SUSPEND:
		if (l == NULL)
			return wrong_state(c, v, _("suspended"));
		if ((st = valid_text(c, "reason", N_("reason"), &reason, 500,
		    true, false)) != 0)
			return st;
		s = arena_alloc(c->arena, sizeof *s);
		hoso__suspension__init(s);
		s->from = at;
		s->reason = reason;
		s->by = (char *)by;
		APPEND(c, l, suspensions, s);
		*detail = arena_printf(c->arena, "clock stopped: %s", reason);
		return 0;
	case HOSO__CHECK_STEP_KIND__STEP_RESUME:
		if (s == NULL)
			return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION,
			    "check_id", N_("the clock of check %s is running; "
			    "there is nothing to resume"), ctx_u64(c, v->id));
		s->to = at;
		s->resumed_by = (char *)by;
		*detail = "clock restarted";
		return 0;
	case HOSO__CHECK_STEP_KIND__STEP_DECIDE:
		return decide(c, v, in, detail);
	default:
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "step",
		    N_("unknown step of a check"));
	}
}

int
cmd_check_step(struct req_ctx *c)
{
	const Hoso__CheckStep *in = c->req->check_step;
	char *by = ctx_by(c, in->by);
	int rc, st;
	Hoso__Verification *v = verif_get(c->txn, in->check_id, c->arena, &rc);
	if (v == NULL)
		return rc == MDB_NOTFOUND ? ctx_fail(c, HOSO__STATUS__NOT_FOUND,
		    "check_id", N_("there is no check request %s"),
		    ctx_u64(c, in->check_id)) : ctx_store_error(c, rc);
	if (in->expected_version != 0 && in->expected_version != v->version)
		return ctx_fail(c, HOSO__STATUS__CONFLICT, "expected_version",
		    N_("check %s was changed by someone else (version %s, you "
		    "had %s); reload it"), ctx_u64(c, v->id),
		    ctx_u64(c, v->version), ctx_u64(c, in->expected_version));
	if ((st = valid_text(c, "by", N_("handled by"), &by, 100, false,
	    false)) != 0)
		return st;
	const char *detail = "";
	int64_t eff = c->now;
	if ((st = step_apply(c, v, in, by, &eff, &detail)) != 0)
		return st;
	check_recompute(c, v, workdays_cal());
	v->version++;
	verif_put(c->txn, v);
	Hoso__Leg *l = check_leg(v);
	hist_add(c, v->person_id, "check", 0, 0, day_iso(c, eff), NULL,
	    arena_printf(c->arena, "check request %llu (%s): %s%s%s%s%s",
	    (unsigned long long)v->id, v->subject, detail, *by ? "; by " : "",
	    by, l && l->due && *l->due ? "; due " : "", l && l->due ?
	    l->due : ""));
	return verif_reply(c, v);
}
