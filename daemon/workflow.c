/* workflow.c: the transition table and its requirements (see workflow.h).
 *
 * Every row: the stage a move goes to, the stages it may start from, the
 * check that lists what is still missing, and the apply step.  A refusal
 * names each unmet requirement in plain words (msgids translated by the
 * client).  Numbers come from the rules section of the settings. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "date.h"
#include "i18n.h"
#include "msgfmt.h"
#include "tables.h"
#include "workdays.h"
#include "workflow.h"

#define ST(x) HOSO__STAGE__STAGE_##x
#define S(x) (1u << ST(x))
#define BEFORE_ADMISSION (S(IDENTIFIED) | S(IN_COURSE) | S(COURSE_PASSED) | \
	S(MENTORED) | S(DOSSIER) | S(VERIFYING) | S(CELL_VOTE) | S(PROPOSED))

/* The labels are the msgids libhoso's hoso_stage_words uses, so a stage
 * named in a server message reads the same as in the clients. */
static const struct {
	Hoso__Stage stage;
	const char *word, *label;
} stages[] = {
	{ ST(IDENTIFIED), "identified", N_("identified") },
	{ ST(IN_COURSE), "in-course", N_("attending the awareness course") },
	{ ST(COURSE_PASSED), "course-passed", N_("passed the awareness course") },
	{ ST(MENTORED), "mentored", N_("mentored") },
	{ ST(DOSSIER), "dossier", N_("preparing the dossier") },
	{ ST(VERIFYING), "verifying", N_("background verification") },
	{ ST(CELL_VOTE), "cell-vote", N_("approved by the cell vote") },
	{ ST(PROPOSED), "proposed", N_("proposed to the higher committee") },
	{ ST(DECIDED), "decided", N_("admission decided") },
	{ ST(PROBATION), "probation", N_("probationary member") },
	{ ST(OFFICIAL), "official", N_("official member") },
	{ ST(ON_HOLD), "on-hold", N_("on hold") },
	{ ST(MOVED), "moved", N_("moved to another cell") },
	{ ST(WITHDRAWN), "withdrawn", N_("withdrawn") },
	{ ST(REMOVED), "removed", N_("removed from the list") },
	{ ST(REJECTED), "rejected", N_("rejected") },
	{ ST(NOT_RECOGNISED), "not-recognised",
	    N_("not recognised as an official member") },
};

const char *
stage_word(Hoso__Stage s)
{
	for (size_t i = 0; i < sizeof stages / sizeof stages[0]; i++)
		if (stages[i].stage == s)
			return stages[i].word;
	return "none";
}

const char *
stage_label(Hoso__Stage s)
{
	for (size_t i = 0; i < sizeof stages / sizeof stages[0]; i++)
		if (stages[i].stage == s)
			return stages[i].label;
	return N_("not a candidate");
}

int
stage_closed(Hoso__Stage s)
{
	return s == ST(OFFICIAL) || s == ST(WITHDRAWN) || s == ST(REMOVED) ||
	    s == ST(REJECTED) || s == ST(NOT_RECOGNISED) || s == ST(NONE);
}

bool
stage_known(Hoso__Stage s)
{
	return protobuf_c_enum_descriptor_get_value(&hoso__stage__descriptor,
	    s) != NULL;
}

/* Record one unmet requirement: a stable code, a msgid, its arguments. */
static void
unmet(struct wf *w, const char *code, const char *fmt, ...)
{
	struct arena *a = w->c->arena;
	const char *args[8];
	size_t n = 0;
	va_list ap;
	va_start(ap, fmt);
	for (const char *s; n < 8 && (s = va_arg(ap, const char *)) != NULL;)
		args[n++] = arena_strdup(a, s);
	va_end(ap);
	if (w->n_unmet == w->cap_unmet) {
		size_t cap = w->cap_unmet ? w->cap_unmet * 2 : 8;
		Hoso__Requirement **nu = arena_alloc(a, cap * sizeof *nu);
		if (nu == NULL)
			return;
		if (w->n_unmet)
			memcpy(nu, w->unmet, w->n_unmet * sizeof *nu);
		w->unmet = nu;
		w->cap_unmet = cap;
	}
	Hoso__Requirement *r = arena_alloc(a, sizeof *r);
	if (r == NULL)
		return;
	hoso__requirement__init(r);
	r->code = (char *)code;
	r->message_format = (char *)fmt;
	r->message_args = arena_alloc(a, sizeof(char *) * (n ? n : 1));
	for (size_t i = 0; i < n && r->message_args; i++)
		r->message_args[r->n_message_args++] = (char *)args[i];
	char *m = msgfmt(fmt, args, n);
	r->message = m ? arena_strdup(a, m) : (char *)fmt;
	free(m);
	w->unmet[w->n_unmet++] = r;
}
#define UNMET(w, code, ...) unmet(w, code, __VA_ARGS__, (const char *)NULL)

/* Number as text in the arena. */
static const char *
num(struct wf *w, uint64_t v)
{
	return ctx_u64(w->c, v);
}

/* Date as ISO text in the arena. */
static const char *
iso(struct wf *w, int32_t d)
{
	char *b = arena_alloc(w->c->arena, 11);
	if (b != NULL)
		date_format_iso(d, b);
	return b ? b : "";
}

/* The person record of id, or NULL. */
static Hoso__Person *
person_of(struct wf *w, uint64_t id)
{
	int rc;
	return person_get(w->c->txn, id, w->c->arena, &rc);
}

/* Is person id an official member (optionally since on or before at)? */
static int
is_official(Hoso__Person *m)
{
	return m != NULL && m->membership == HOSO__MEMBERSHIP__MEMBER_OFFICIAL;
}

uint32_t
wf_cell_roll(struct req_ctx *c, uint64_t cell, int32_t at, uint64_t skip)
{
	uint8_t prefix[8];
	MDB_cursor *cur;
	MDB_val k, v;
	uint32_t n = 0;
	key_put_u64(prefix, cell);
	if (txn_cursor(c->txn, DB_CELL2PERSON, &cur) != 0)
		return 0;
	k.mv_size = 8;
	k.mv_data = prefix;
	int rc;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (k.mv_size != 16 || memcmp(k.mv_data, prefix, 8) != 0)
			break;
		uint64_t id = key_get_u64((uint8_t *)k.mv_data + 8);
		if (id == skip)
			continue;
		int grc;
		Hoso__Person *m = person_get(c->txn, id, c->arena, &grc);
		int32_t since = m ? date_iso_day(m->member_since) : INT32_MIN;
		if (is_official(m) && (since == INT32_MIN || since <= at))
			n++;
	}
	mdb_cursor_close(cur);
	return n;
}

/* The plain-words msgid of a paper. */
static const char *
doc_label(Hoso__DocKind k)
{
	switch (k) {
	case HOSO__DOC_KIND__DOC_APPLICATION: return N_("application for admission");
	case HOSO__DOC_KIND__DOC_BACKGROUND: return N_("self-declared background");
	case HOSO__DOC_KIND__DOC_INTRODUCTION: return N_("letter of introduction");
	case HOSO__DOC_KIND__DOC_MASS_ORG_COMMENT: return N_("mass-organisation comment");
	case HOSO__DOC_KIND__DOC_RESIDENCE_CELL_COMMENT: return N_("residence-cell comment");
	case HOSO__DOC_KIND__DOC_SUMMARY: return N_("summary of opinions");
	default: return N_("paper");
	}
}

/* --- checks, one per requirement ------------------------------------- */

/* Every paper present, dated on or before at and still valid on at. */
static void
need_papers(struct wf *w)
{
	static const char *codes[] = { "", "doc_application", "doc_background",
	    "doc_introduction", "doc_mass_org_comment",
	    "doc_residence_cell_comment", "doc_summary" };
	uint64_t months = w->c->rules->paper_valid_months;
	for (int k = HOSO__DOC_KIND__DOC_APPLICATION;
	    k <= HOSO__DOC_KIND__DOC_SUMMARY; k++) {
		int32_t newest = INT32_MIN;
		for (size_t i = 0; i < w->f->n_documents; i++) {
			const Hoso__Document *d = w->f->documents[i];
			int32_t dd = date_iso_day(d->date);
			if ((int)d->kind == k && dd <= w->at && dd > newest)
				newest = dd;
		}
		if (newest == INT32_MIN)
			UNMET(w, codes[k], N_("%s missing"), doc_label(k));
		else if (date_add_months(newest, (int)months) <= w->at)
			UNMET(w, codes[k], N_("%s dated %s is older than %s months"),
			    doc_label(k), iso(w, newest), num(w, months));
	}
}

/* Two official members who have known the candidate long enough, or the
 * Youth Union / Trade Union introduction and one such member. */
static void
need_introducers(struct wf *w)
{
	uint64_t months = w->c->rules->introducer_months;
	int members = 0, orgs = 0;
	size_t first = w->n_unmet;
	for (size_t i = 0; i < w->f->n_introducers; i++) {
		const Hoso__Introducer *in = w->f->introducers[i];
		if (in->member_id == 0) {
			orgs += in->org == HOSO__INTRODUCED_BY__YOUTH_UNION ||
			    in->org == HOSO__INTRODUCED_BY__TRADE_UNION;
			continue;
		}
		Hoso__Person *m = person_of(w, in->member_id);
		int32_t since = date_iso_day(in->since);
		if (!is_official(m))
			UNMET(w, "introducer_not_official", N_("introducer %s is "
			    "not an official party member"), m ? m->name :
			    num(w, in->member_id));
		else if (since == INT32_MIN ||
		    date_add_months(since, (int)months) > w->at)
			UNMET(w, "introducer_short", N_("introducer %s has known "
			    "the candidate only since %s (%s months needed)"),
			    m->name, since == INT32_MIN ? "?" : iso(w, since),
			    num(w, months));
		else
			members++;
	}
	if (members >= 2 || (orgs >= 1 && members >= 1)) {
		w->n_unmet = first;     /* enough introducers: the rest is moot */
		return;
	}
	UNMET(w, "introducers", N_("introduction by two official members "
	    "(or by the Youth Union or Trade Union and one member) missing; "
	    "%s qualifying member(s) recorded"), num(w, (uint64_t)members));
}

/* Every check concluded or waived, and no concern left open. */
static void
need_checks(struct wf *w)
{
	if (w->f->n_checks == 0) {
		UNMET(w, "checks_none", N_("no background check recorded"));
		return;
	}
	for (size_t i = 0; i < w->f->n_checks; i++) {
		const Hoso__Check *ck = w->f->checks[i];
		if (ck->status == HOSO__CHECK_STATUS__CHECK_PENDING)
			UNMET(w, "check_pending", N_("background check of %s "
			    "not concluded"), ck->subject);
		else if (ck->status == HOSO__CHECK_STATUS__CHECK_CONCLUDED &&
		    ck->concern && !ck->concern_resolved)
			UNMET(w, "check_concern", N_("background check of %s "
			    "raised a concern that is not resolved"), ck->subject);
	}
}

/* Age within the rules on the day of the vote. */
static void
need_age(struct wf *w)
{
	int32_t born = date_iso_day(w->p->born);
	const struct rules *r = w->c->rules;
	if (born == INT32_MIN)
		return;
	int months = date_months_between(born, w->at);
	if (months < (int)r->age_min_months)
		UNMET(w, "age_min", N_("the candidate is not yet %s years old "
		    "on %s"), num(w, r->age_min_months / 12), iso(w, w->at));
	else if (months > (int)r->age_max_months)
		UNMET(w, "age_max", N_("the candidate is over %s years old on %s"),
		    num(w, r->age_max_months / 12), iso(w, w->at));
}

/* Awareness-course certificate valid on at. */
static void
need_course(struct wf *w)
{
	int32_t cert = date_iso_day(w->f->course_cert_date);
	uint64_t months = w->c->rules->course_valid_months;
	if (cert == INT32_MIN)
		UNMET(w, "course_missing", N_("no awareness-course certificate "
		    "recorded"));
	else if (date_add_months(cert, (int)months) <= w->at)
		UNMET(w, "course_expired", N_("the awareness-course certificate "
		    "of %s is no longer valid on %s (%s months)"), iso(w, cert),
		    iso(w, w->at), num(w, months));
}

/* Education at or above the rule's level. */
static void
need_education(struct wf *w)
{
	uint64_t min = w->c->rules->min_education;
	if (min == 0)
		return;
	if (w->p->education == HOSO__EDUCATION__EDUCATION_UNSPECIFIED)
		UNMET(w, "education_missing", N_("education level not recorded"));
	else if ((uint64_t)w->p->education < min)
		UNMET(w, "education_low", N_("education level is below lower "
		    "secondary"));
}

/* A vote of at least the rule's share of the cell's official members. */
static void
need_vote(struct wf *w, int32_t day)
{
	const struct rules *r = w->c->rules;
	if (w->adv == NULL)
		return;     /* the counts are given with the move itself */
	uint32_t roll = wf_cell_roll(w->c, w->p->cell_id, day, w->p->id);
	uint32_t yes = w->adv->votes_for, no = w->adv->votes_against;
	uint64_t need = (roll * r->vote_numerator + r->vote_denominator - 1) /
	    (r->vote_denominator ? r->vote_denominator : 1);
	if (w->p->cell_id == 0 || roll == 0) {
		UNMET(w, "roll_empty", N_("the candidate's cell has no official "
		    "members on its roll"));
		return;
	}
	if (yes + no > roll)
		UNMET(w, "vote_count", N_("%s votes counted but the cell has "
		    "only %s official members"), num(w, yes + no), num(w, roll));
	else if (yes < need)
		UNMET(w, "vote_short", N_("only %s of the cell's %s official "
		    "members voted in favour; at least %s needed"), num(w, yes),
		    num(w, roll), num(w, need));
}

/* Mentors recorded (or given now), each an official member.  Listing the
 * moves (no FileAdvance) asks for none: they may come with the move. */
static void
need_mentors(struct wf *w)
{
	size_t n = w->f->n_mentors + (w->adv ? w->adv->n_mentor_ids : 0);
	if (n == 0 && w->adv == NULL)
		return;
	if (n == 0) {
		UNMET(w, "mentor_none", N_("no official party member assigned "
		    "as mentor"));
		return;
	}
	for (size_t i = 0; w->adv && i < w->adv->n_mentor_ids; i++) {
		Hoso__Person *m = person_of(w, w->adv->mentor_ids[i]);
		if (!is_official(m) || m->id == w->p->id)
			UNMET(w, "mentor_not_official", N_("mentor %s is not an "
			    "official party member"), m ? m->name :
			    num(w, w->adv->mentor_ids[i]));
	}
}

/* A text argument was given. */
static int
given(const char *s)
{
	return s != NULL && *s != '\0';
}

/* --- the rows -------------------------------------------------------- */

static void
chk_course_passed(struct wf *w)
{
	if (w->adv != NULL && !given(w->adv->cert_number))
		UNMET(w, "cert_number", N_("certificate number of the awareness "
		    "course missing"));
}

static void
chk_verifying(struct wf *w)
{
	need_papers(w);
	need_introducers(w);
}

static void
chk_cell_vote(struct wf *w)
{
	need_checks(w);
	need_age(w);
	need_course(w);
	need_education(w);
	need_papers(w);
	need_vote(w, w->at);
}

static void
chk_proposed(struct wf *w)
{
	uint64_t max = w->c->rules->extension_max_workdays;
	if (w->adv != NULL && w->adv->extension_days > max)
		UNMET(w, "extension", N_("an extension of %s working days is "
		    "more than the %s allowed"), num(w, w->adv->extension_days),
		    num(w, max));
}

static void
chk_decided(struct wf *w)
{
	if (w->adv != NULL && !given(w->adv->decision_number))
		UNMET(w, "decision_number", N_("number of the admission decision "
		    "missing"));
}

static void
chk_official(struct wf *w)
{
	int32_t end = date_iso_day(w->f->probation_end);
	if (end != INT32_MIN && w->at < end)
		UNMET(w, "probation", N_("probation ends on %s; recognition only "
		    "after that"), iso(w, end));
	if (w->adv == NULL)
		return;
	int32_t course = date_iso_day(w->adv->course_date);
	if (course == INT32_MIN)
		course = date_iso_day(w->f->new_member_course_date);
	if (course == INT32_MIN)
		UNMET(w, "new_member_course", N_("new-member course not "
		    "completed"));
	int32_t vote = date_iso_day(w->adv->vote_date);
	if (vote == INT32_MIN)
		UNMET(w, "vote_date", N_("date of the recognition vote missing"));
	else if (end != INT32_MIN && vote < end)
		UNMET(w, "vote_early", N_("the recognition vote on %s is before "
		    "the end of probation (%s)"), iso(w, vote), iso(w, end));
	else if (vote > w->at)
		UNMET(w, "vote_after", N_("the recognition vote on %s is after "
		    "the decision (%s)"), iso(w, vote), iso(w, w->at));
	if (!given(w->adv->decision_number))
		UNMET(w, "decision_number", N_("number of the recognition "
		    "decision missing"));
	need_vote(w, vote == INT32_MIN ? w->at : vote);
}

static void
chk_reason(struct wf *w)
{
	if (w->adv != NULL && !given(w->adv->reason) && !given(w->adv->note))
		UNMET(w, "reason", N_("a reason is needed"));
}

static void
chk_resume(struct wf *w)
{
	(void)w;        /* the row match itself checks held_stage */
}

static void
chk_moved(struct wf *w)
{
	if (w->adv == NULL)
		return;
	uint64_t cell = w->adv->cell_id;
	if (cell == 0) {
		UNMET(w, "cell_missing", N_("the new cell is missing"));
		return;
	}
	if (cell == w->p->cell_id) {
		UNMET(w, "cell_same", N_("the file is already in cell %s"),
		    num(w, cell));
		return;
	}
	int rc;
	Hoso__Org *o = org_get(w->c->txn, cell, w->c->arena, &rc);
	if (o == NULL || o->kind != HOSO__ORG_KIND__ORG_CELL)
		UNMET(w, "cell_invalid", N_("unit %s is not a party cell"),
		    num(w, cell));
}

/* --- apply steps ------------------------------------------------------ */

/* One deadline: n working days after the ISO date from, or "" without a
 * start; counts 1 in *changed when it differs from what was stored. */
static char *
deadline(struct req_ctx *c, const struct cal *cal, const char *from,
    uint64_t n, const char *old, int *changed)
{
	int32_t d = date_iso_day(from);
	char *due = (char *)"";
	if (d != INT32_MIN) {
		due = arena_alloc(c->arena, 11);
		date_format_iso(cal_add_workdays(cal, d, (int)n), due);
	}
	if (strcmp(due, old ? old : "") != 0)
		(*changed)++;
	return due;
}

int
wf_deadlines(struct req_ctx *c, Hoso__File *f, const struct cal *cal)
{
	const struct rules *r = c->rules;
	int changed = 0;
	f->decision_due = deadline(c, cal, f->cell_vote ? f->cell_vote->date :
	    NULL, r->decision_workdays + f->extension_days, f->decision_due,
	    &changed);
	f->ceremony_due = deadline(c, cal, f->decision ? f->decision->date :
	    NULL, r->ceremony_workdays, f->ceremony_due, &changed);
	f->recognition_vote_due = deadline(c, cal, f->probation_end,
	    r->recognition_vote_workdays, f->recognition_vote_due, &changed);
	f->recognition_decision_due = deadline(c, cal, f->recognition_vote ?
	    f->recognition_vote->date : NULL, r->recognition_decision_workdays,
	    f->recognition_decision_due, &changed);
	/* The certificate's last valid day (need_course): a calendar date,
	 * not working days. */
	int32_t cert = date_iso_day(f->course_cert_date);
	char *exp = (char *)"";
	if (cert != INT32_MIN) {
		exp = arena_alloc(c->arena, 11);
		date_format_iso(date_add_months(cert,
		    (int)r->course_valid_months) - 1, exp);
	}
	f->course_cert_expires = exp;   /* not counted: no working days */
	return changed;
}

static void
ap_course_passed(struct wf *w)
{
	w->f->course_cert_number = w->adv->cert_number;
	w->f->course_cert_date = (char *)iso(w, w->at);
}

static void
ap_mentored(struct wf *w)
{
	size_t n = w->f->n_mentors + w->adv->n_mentor_ids;
	Hoso__Mentor **ms = arena_alloc(w->c->arena, sizeof *ms * (n ? n : 1));
	if (ms == NULL)
		return;
	if (w->f->n_mentors)
		memcpy(ms, w->f->mentors, sizeof *ms * w->f->n_mentors);
	for (size_t i = 0; i < w->adv->n_mentor_ids; i++) {
		Hoso__Mentor *m = arena_alloc(w->c->arena, sizeof *m);
		hoso__mentor__init(m);
		m->member_id = w->adv->mentor_ids[i];
		m->since = (char *)iso(w, w->at);
		ms[w->f->n_mentors + i] = m;
	}
	w->f->mentors = ms;
	w->f->n_mentors = n;
}

static void
ap_verifying(struct wf *w)
{
	wf_propose_checks(w);   /* keeps checks a clerk added; adds the rest */
}

/* Record a vote of the move's counts on day. */
static Hoso__Vote *
vote_of(struct wf *w, int32_t day)
{
	Hoso__Vote *v = arena_alloc(w->c->arena, sizeof *v);
	hoso__vote__init(v);
	v->date = (char *)iso(w, day);
	v->votes_for = w->adv->votes_for;
	v->votes_against = w->adv->votes_against;
	v->roll = wf_cell_roll(w->c, w->p->cell_id, day, w->p->id);
	return v;
}

static void
ap_cell_vote(struct wf *w)
{
	w->f->cell_vote = vote_of(w, w->at);
}

static void
ap_proposed(struct wf *w)
{
	w->f->proposal_date = (char *)iso(w, w->at);
	w->f->extension_days = w->adv->extension_days;
}

/* The unit that decides for cell: the nearest above it that says so, else
 * the top of the tree. */
static uint64_t
deciding_body(struct wf *w, uint64_t cell)
{
	uint64_t id = cell, top = 0;
	for (int depth = 0; id != 0 && depth < 16; depth++) {
		int rc;
		Hoso__Org *o = org_get(w->c->txn, id, w->c->arena, &rc);
		if (o == NULL)
			break;
		if (o->decides_admission && o->kind != HOSO__ORG_KIND__ORG_CELL)
			return o->id;
		top = o->id;
		id = o->parent_id;
	}
	return top;
}

static void
ap_decided(struct wf *w)
{
	Hoso__Decision *d = arena_alloc(w->c->arena, sizeof *d);
	hoso__decision__init(d);
	d->number = w->adv->decision_number;
	d->date = (char *)iso(w, w->at);
	d->body_id = deciding_body(w, w->p->cell_id);
	w->f->decision = d;
}

static void
ap_probation(struct wf *w)
{
	int32_t end = date_add_months(w->at, (int)w->c->rules->probation_months);
	w->f->ceremony_date = (char *)iso(w, w->at);
	w->f->probation_end = (char *)iso(w, end);
	w->p->membership = HOSO__MEMBERSHIP__MEMBER_PROBATIONARY;
	w->p->member_since = (char *)iso(w, w->at);
}

static void
ap_official(struct wf *w)
{
	int32_t vote = date_iso_day(w->adv->vote_date);
	int32_t course = date_iso_day(w->adv->course_date);
	if (course != INT32_MIN)
		w->f->new_member_course_date = (char *)iso(w, course);
	w->f->recognition_vote = vote_of(w, vote);
	Hoso__Decision *d = arena_alloc(w->c->arena, sizeof *d);
	hoso__decision__init(d);
	d->number = w->adv->decision_number;
	d->date = (char *)iso(w, w->at);
	d->body_id = deciding_body(w, w->p->cell_id);
	w->f->recognition_decision = d;
	/* Official from the day the probation ended, whatever the vote date. */
	w->f->official_date = w->f->probation_end;
	w->p->membership = HOSO__MEMBERSHIP__MEMBER_OFFICIAL;
}

static void
ap_hold(struct wf *w)
{
	w->f->held_stage = w->f->stage;
	w->f->hold_reason = given(w->adv->reason) ? w->adv->reason :
	    w->adv->note;
}

static void
ap_resume(struct wf *w)
{
	w->f->held_stage = HOSO__STAGE__STAGE_NONE;
	w->f->hold_reason = (char *)"";
}

static void
ap_not_recognised(struct wf *w)
{
	w->p->membership = HOSO__MEMBERSHIP__MEMBERSHIP_NONE;
	w->p->member_since = (char *)"";
}

struct transition {
	Hoso__Stage to;
	uint32_t from;
	void (*check)(struct wf *);
	void (*apply)(struct wf *);
};

static const struct transition table[] = {
	{ ST(IN_COURSE), S(IDENTIFIED), NULL, NULL },
	{ ST(COURSE_PASSED), S(IN_COURSE), chk_course_passed, ap_course_passed },
	{ ST(MENTORED), S(COURSE_PASSED), need_mentors, ap_mentored },
	{ ST(DOSSIER), S(MENTORED), NULL, NULL },
	{ ST(VERIFYING), S(DOSSIER), chk_verifying, ap_verifying },
	{ ST(CELL_VOTE), S(VERIFYING), chk_cell_vote, ap_cell_vote },
	{ ST(PROPOSED), S(CELL_VOTE), chk_proposed, ap_proposed },
	{ ST(DECIDED), S(PROPOSED), chk_decided, ap_decided },
	{ ST(PROBATION), S(DECIDED), NULL, ap_probation },
	{ ST(OFFICIAL), S(PROBATION), chk_official, ap_official },
	{ ST(ON_HOLD), BEFORE_ADMISSION | S(DECIDED), chk_reason, ap_hold },
	{ ST(MOVED), BEFORE_ADMISSION | S(DECIDED) | S(PROBATION) | S(ON_HOLD),
	  chk_moved, NULL },
	{ ST(WITHDRAWN), BEFORE_ADMISSION | S(DECIDED) | S(ON_HOLD), chk_reason,
	  NULL },
	{ ST(REMOVED), S(IDENTIFIED) | S(IN_COURSE) | S(COURSE_PASSED) |
	  S(MENTORED) | S(DOSSIER) | S(VERIFYING) | S(ON_HOLD), chk_reason, NULL },
	{ ST(REJECTED), S(VERIFYING) | S(CELL_VOTE) | S(PROPOSED), chk_reason,
	  NULL },
	{ ST(NOT_RECOGNISED), S(PROBATION), chk_reason, ap_not_recognised },
	/* Resuming from hold: only to the stage where the file stopped. */
	{ ST(IDENTIFIED), S(ON_HOLD), chk_resume, ap_resume },
	{ ST(IN_COURSE), S(ON_HOLD), chk_resume, ap_resume },
	{ ST(COURSE_PASSED), S(ON_HOLD), chk_resume, ap_resume },
	{ ST(MENTORED), S(ON_HOLD), chk_resume, ap_resume },
	{ ST(DOSSIER), S(ON_HOLD), chk_resume, ap_resume },
	{ ST(VERIFYING), S(ON_HOLD), chk_resume, ap_resume },
	{ ST(CELL_VOTE), S(ON_HOLD), chk_resume, ap_resume },
	{ ST(PROPOSED), S(ON_HOLD), chk_resume, ap_resume },
	{ ST(DECIDED), S(ON_HOLD), chk_resume, ap_resume },
};
#define NTRANS (sizeof table / sizeof table[0])

/* The row for a move from the file's stage to `to`, or NULL. */
static const struct transition *
wf_row(const Hoso__File *f, Hoso__Stage to)
{
	if ((unsigned)f->stage >= 32)
		return NULL;
	for (size_t i = 0; i < NTRANS; i++) {
		const struct transition *t = &table[i];
		if (t->to != to || !(t->from & (1u << f->stage)))
			continue;
		if (t->check == chk_resume && f->held_stage != to)
			continue;
		return t;
	}
	return NULL;
}

size_t
wf_moves(const Hoso__File *f, Hoso__Stage *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < NTRANS && n < max; i++) {
		const struct transition *t = &table[i];
		if ((unsigned)f->stage < 32 && (t->from & (1u << f->stage)) &&
		    !(t->check == chk_resume && f->held_stage != t->to))
			out[n++] = t->to;
	}
	return n;
}

int
wf_check(struct wf *w, Hoso__Stage to)
{
	const struct transition *t = wf_row(w->f, to);
	if (t == NULL)
		return -1;
	if (t->check != NULL)
		t->check(w);
	return 0;
}

void
wf_apply(struct wf *w, Hoso__Stage to)
{
	const struct transition *t = wf_row(w->f, to);
	if (t != NULL && t->apply != NULL)
		t->apply(w);
	wf_deadlines(w->c, w->f, workdays_cal());
}

/* A side of the family has a party member among these relations. */
static int
side_has_member(const Hoso__File *f, const Hoso__Relation *rels, size_t n)
{
	for (size_t i = 0; i < f->n_relatives; i++)
		for (size_t j = 0; j < n; j++)
			if (f->relatives[i]->relation == rels[j] &&
			    f->relatives[i]->party_member)
				return 1;
	return 0;
}

/* Add a pending check unless one exists for the same relative. */
static void
add_check(struct wf *w, Hoso__Relation rel, const char *subject,
    uint32_t relative_id)
{
	for (size_t i = 0; i < w->f->n_checks; i++)
		if (w->f->checks[i]->relative_id == relative_id &&
		    w->f->checks[i]->relation == rel)
			return;
	Hoso__Check **cs = arena_alloc(w->c->arena, sizeof *cs *
	    (w->f->n_checks + 1));
	Hoso__Check *ck = arena_alloc(w->c->arena, sizeof *ck);
	if (cs == NULL || ck == NULL)
		return;
	if (w->f->n_checks)
		memcpy(cs, w->f->checks, sizeof *cs * w->f->n_checks);
	hoso__check__init(ck);
	ck->id = ++w->f->next_check_id;
	ck->relation = rel;
	ck->subject = (char *)subject;
	ck->relative_id = relative_id;
	ck->status = HOSO__CHECK_STATUS__CHECK_PENDING;
	ck->reason = (char *)N_("proposed from the declared relatives");
	cs[w->f->n_checks++] = ck;
	w->f->checks = cs;
}

void
wf_propose_checks(struct wf *w)
{
	static const Hoso__Relation own[] = { HOSO__RELATION__FATHER,
	    HOSO__RELATION__MOTHER, HOSO__RELATION__GUARDIAN,
	    HOSO__RELATION__SIBLING, HOSO__RELATION__CHILD };
	static const Hoso__Relation spouse[] = { HOSO__RELATION__SPOUSE,
	    HOSO__RELATION__FATHER_IN_LAW, HOSO__RELATION__MOTHER_IN_LAW,
	    HOSO__RELATION__SPOUSE_SIBLING };
	int own_exempt = side_has_member(w->f, own, 5);
	int spouse_exempt = side_has_member(w->f, spouse, 4);
	add_check(w, HOSO__RELATION__SELF, w->p->name, 0);
	for (size_t i = 0; i < w->f->n_relatives; i++) {
		const Hoso__Relative *r = w->f->relatives[i];
		int32_t born = date_iso_day(r->born);
		switch (r->relation) {
		case HOSO__RELATION__FATHER:
		case HOSO__RELATION__MOTHER:
		case HOSO__RELATION__GUARDIAN:
			if (!own_exempt)
				add_check(w, r->relation, r->name, r->id);
			break;
		case HOSO__RELATION__CHILD:
			if (!own_exempt && (born == INT32_MIN ||
			    date_months_between(born, w->at) >= 18 * 12))
				add_check(w, r->relation, r->name, r->id);
			break;
		case HOSO__RELATION__SPOUSE:
		case HOSO__RELATION__FATHER_IN_LAW:
		case HOSO__RELATION__MOTHER_IN_LAW:
			if (!spouse_exempt)
				add_check(w, r->relation, r->name, r->id);
			break;
		default:
			break;
		}
	}
}
