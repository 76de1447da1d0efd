/* sweep.c: the deadline sweep, run by the daemon's own timer in the writer
 * thread (an internal DeadlineSweep request).  It walks the deadline index
 * from the earliest entry up to the last day that counts as "due soon",
 * so its cost follows what is due, not the size of the store, and raises
 * each alert once: due soon, overdue (escalated to the district), and one
 * digest per ward and day from the digest hour on.  The new alerts go back
 * in the reply; the loop pushes them to subscribers and runs notify_command
 * (server.c), only after the commit. */
#include <stdlib.h>
#include <string.h>

#include "alert.h"
#include "cal.h"
#include "check.h"
#include "date.h"
#include "dispatch.h"
#include "dueidx.h"
#include "i18n.h"
#include "tables.h"
#include "workdays.h"

/* Per-ward counts for the digest. */
struct ward_count {
	uint64_t ward;
	uint32_t checks_overdue, checks_soon, files_overdue, files_soon;
};

struct sweep {
	struct req_ctx *c;
	const struct cal *cal;
	int32_t today, soon;
	uint64_t district;
	Hoso__SweepReply *reply;
	size_t cap;
	struct ward_count *wards;
	size_t n_wards, cap_wards;
};

static struct ward_count *
ward_count(struct sweep *s, uint64_t ward)
{
	for (size_t i = 0; i < s->n_wards; i++)
		if (s->wards[i].ward == ward)
			return &s->wards[i];
	struct ward_count *w = arena_reserve(s->c->arena, s->wards, s->n_wards,
	    &s->cap_wards, sizeof *w);
	if (w == NULL)
		return NULL;
	s->wards = w;
	w = &s->wards[s->n_wards++];
	memset(w, 0, sizeof *w);
	w->ward = ward;
	return w;
}

/* The top unit (the organisation board alerts escalate to), or 0. */
static uint64_t
find_district(struct req_ctx *c)
{
	MDB_cursor *cur;
	MDB_val k, v;
	uint64_t id = 0;
	if (txn_cursor(c->txn, DB_ID2ORG, &cur) != 0)
		return 0;
	for (int rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0 && id == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		Hoso__Org *o = hoso__org__unpack(&c->arena->pb, v.mv_size,
		    v.mv_data);
		if (o != NULL && o->kind == HOSO__ORG_KIND__ORG_DISTRICT &&
		    o->parent_id == 0)
			id = o->id;
	}
	mdb_cursor_close(cur);
	return id;
}

/* The ward (or top unit) a person's cell belongs to. */
static uint64_t
ward_of_person(struct req_ctx *c, const Hoso__Person *p)
{
	int rc;
	if (p == NULL || p->cell_id == 0)
		return p ? p->residence_id : 0;
	Hoso__Org *cell = org_get(c->txn, p->cell_id, c->arena, &rc);
	return cell && cell->parent_id ? cell->parent_id : p->cell_id;
}

/* Fill a's message from an English msgid and its arguments. */
static void
alert_text(struct sweep *s, Hoso__Alert *a, const char *fmt,
    const char **args, size_t n)
{
	a->message_format = (char *)fmt;
	ctx_message(s->c->arena, fmt, args, n, &a->message, &a->message_args,
	    &a->n_message_args);
}

static void
sweep_raise(struct sweep *s, const struct alert_key *k, Hoso__Alert *a)
{
	if (alert_raise(s->c, k, a) != 1)
		return;
	Hoso__SweepReply *r = s->reply;
	Hoso__Alert **na = arena_reserve(s->c->arena, r->raised, r->n_raised,
	    &s->cap, sizeof *na);
	if (na == NULL)
		return;
	r->raised = na;
	r->raised[r->n_raised++] = a;
}

static Hoso__Alert *
alert_new(struct sweep *s, enum alert_level level, int code, uint64_t org,
    const char *rec, uint64_t id, uint64_t person, int32_t due)
{
	Hoso__Alert *a = arena_alloc(s->c->arena, sizeof *a);
	hoso__alert__init(a);
	a->kind = (char *)alert_level_word(level);
	a->deadline = (char *)due_code_word((enum due_code)code);
	a->org_id = org;
	a->escalated_to = level == ALERT_OVERDUE && s->district != org ?
	    s->district : 0;
	a->record_kind = (char *)rec;
	a->record_id = id;
	a->person_id = person;
	if (due != INT32_MIN) {
		a->due = arena_alloc(s->c->arena, 11);
		date_format_iso(due, a->due);
	}
	return a;
}

static const char *
leg_words(Hoso__LegKind k)
{
	switch (k) {
	case HOSO__LEG_KIND__LEG_FORWARD:
		return N_("forwarding to the ward police");
	case HOSO__LEG_KIND__LEG_POLICE:
		return N_("the police result");
	case HOSO__LEG_KIND__LEG_RETURN:
		return N_("returning the signed result");
	default:
		return N_("the answer from outside the district");
	}
}

static void
sweep_check(struct sweep *s, uint64_t id)
{
	struct req_ctx *c = s->c;
	int rc;
	Hoso__Verification *v = verif_get(c->txn, id, c->arena, &rc);
	if (v == NULL)
		return;
	Hoso__Leg *l = check_leg(v);
	int32_t due = check_due_day(v);
	if (l == NULL || due == INT32_MIN || due > s->soon)
		return;
	Hoso__Person *p = person_get(c->txn, v->person_id, c->arena, &rc);
	uint64_t ward = v->ward_id ? v->ward_id : ward_of_person(c, p);
	enum alert_level level = s->today > due ? ALERT_OVERDUE :
	    ALERT_DUE_SOON;
	struct ward_count *wc = ward_count(s, ward);
	if (wc != NULL) {
		if (level == ALERT_OVERDUE)
			wc->checks_overdue++;
		else
			wc->checks_soon++;
	}
	int code = check_leg_due_code(l->kind);
	struct alert_key k = { DUE_REC_CHECK, id, (uint8_t)code,
	    (uint8_t)level, due };
	Hoso__Alert *a = alert_new(s, level, code, ward, "check", id,
	    v->person_id, due);
	const char *name = p ? p->name : "";
	if (strcmp(v->subject, name) == 0) {
		/* The candidate's own check. */
		const char *args[] = { ctx_u64(c, id), name, leg_words(l->kind),
		    a->due };
		alert_text(s, a, level == ALERT_OVERDUE ?
		    N_("Background check %s of %s is overdue: %s was due by "
		    "the end of %s.") :
		    N_("Background check %s of %s is due soon: %s, by the end "
		    "of %s."), args, 4);
	} else {
		const char *args[] = { ctx_u64(c, id), v->subject, name,
		    leg_words(l->kind), a->due };
		alert_text(s, a, level == ALERT_OVERDUE ?
		    N_("Background check %s (%s, file of %s) is overdue: %s "
		    "was due by the end of %s.") :
		    N_("Background check %s (%s, file of %s) is due soon: %s, "
		    "by the end of %s."), args, 5);
	}
	sweep_raise(s, &k, a);
}

static const char *
file_due_words(enum due_code code)
{
	switch (code) {
	case DUE_DECISION:
		return N_("the committee's admission decision");
	case DUE_CEREMONY:
		return N_("the admission ceremony");
	case DUE_RECOGNITION_VOTE:
		return N_("the cell's vote on recognition");
	case DUE_RECOGNITION_DECISION:
		return N_("the decision on recognition");
	default:
		return N_("the awareness-course certificate's last valid day");
	}
}

static void
sweep_file(struct sweep *s, uint64_t person)
{
	struct req_ctx *c = s->c;
	int rc;
	Hoso__File *f = file_get(c->txn, person, c->arena, &rc);
	if (f == NULL)
		return;
	struct file_due d[4];
	size_t n = file_dues(f, d);
	Hoso__Person *p = NULL;
	for (size_t i = 0; i < n; i++) {
		if (d[i].day > s->soon)
			continue;
		if (p == NULL)
			p = person_get(c->txn, person, c->arena, &rc);
		uint64_t ward = ward_of_person(c, p);
		enum alert_level level = s->today > d[i].day ? ALERT_OVERDUE :
		    ALERT_DUE_SOON;
		struct ward_count *wc = ward_count(s, ward);
		if (wc != NULL) {
			if (level == ALERT_OVERDUE)
				wc->files_overdue++;
			else
				wc->files_soon++;
		}
		struct alert_key k = { DUE_REC_FILE, person, (uint8_t)d[i].code,
		    (uint8_t)level, d[i].day };
		Hoso__Alert *a = alert_new(s, level, d[i].code, ward, "file",
		    person, person, d[i].day);
		const char *args[] = { p ? p->name : "",
		    file_due_words(d[i].code), a->due };
		alert_text(s, a, level == ALERT_OVERDUE ?
		    N_("File of %s: %s was due by the end of %s and is "
		    "overdue.") : N_("File of %s: %s is due by the end of %s."),
		    args, 3);
		sweep_raise(s, &k, a);
	}
}

static void
sweep_digests(struct sweep *s)
{
	struct req_ctx *c = s->c;
	int rc;
	for (size_t i = 0; i < s->n_wards; i++) {
		struct ward_count *w = &s->wards[i];
		Hoso__Org *o = org_get(c->txn, w->ward, c->arena, &rc);
		struct alert_key k = { 0, w->ward, 0, ALERT_DIGEST, s->today };
		Hoso__Alert *a = alert_new(s, ALERT_DIGEST, 0, w->ward, "", 0, 0,
		    INT32_MIN);
		const char *args[] = { o ? o->name : ctx_u64(c, w->ward),
		    ctx_u64(c, w->checks_overdue), ctx_u64(c, w->checks_soon),
		    ctx_u64(c, w->files_overdue), ctx_u64(c, w->files_soon) };
		alert_text(s, a, N_("Daily summary for %s: background checks "
		    "%s overdue, %s due soon; other deadlines %s overdue, %s "
		    "due soon."), args, 5);
		sweep_raise(s, &k, a);
	}
}

int
cmd_deadline_sweep(struct req_ctx *c)
{
	struct sweep s = { .c = c, .cal = workdays_cal() };
	s.today = date_of_instant_vn(c->now);
	s.soon = cal_add_workdays(s.cal, s.today, (int)c->rules->due_soon_workdays);
	if (s.soon == INT32_MIN)
		s.soon = s.today;
	s.district = find_district(c);
	s.reply = arena_alloc(c->arena, sizeof *s.reply);
	hoso__sweep_reply__init(s.reply);
	c->resp->body_case = HOSO__RESPONSE__BODY_SWEEP;
	c->resp->sweep = s.reply;

	/* Collect first: raising writes, and the walk reads the index. */
	MDB_cursor *cur;
	MDB_val k, v;
	int rc = txn_cursor(c->txn, DB_DUE, &cur);
	if (rc != 0)
		return ctx_store_error(c, rc);
	size_t n = 0, cap = 0;
	struct { enum due_rec rec; uint64_t id; } *due = NULL;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		int32_t day;
		enum due_rec rec;
		uint64_t id;
		if (k.mv_size != DUE_KEY_LEN)
			continue;
		dueidx_key_parse(k.mv_data, &day, &rec, &id);
		if (day > s.soon)
			break;
		void *nd = arena_reserve(c->arena, due, n, &cap, sizeof *due);
		if (nd == NULL)
			break;
		due = nd;
		due[n].rec = rec;
		due[n].id = id;
		n++;
	}
	mdb_cursor_close(cur);
	for (size_t i = 0; i < n; i++) {
		if (due[i].rec == DUE_REC_CHECK)
			sweep_check(&s, due[i].id);
		else if (due[i].rec == DUE_REC_FILE)
			sweep_file(&s, due[i].id);
	}
	int secs = (int)((c->now + DATE_VN_OFFSET) % 86400);
	if (secs / 3600 >= (int)c->rules->digest_hour)
		sweep_digests(&s);
	return c->txn->err ? ctx_store_error(c, c->txn->err) : 0;
}
