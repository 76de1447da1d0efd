/* json-rec.c: hoso records as JSON, the shape office scripts rely on.
 * Keys are the proto field names; enums are the command-line words (null
 * when unspecified); ids meaning "none" are null; instants are ISO 8601
 * strings in Vietnam's time. */
#include <stdlib.h>

#include "hoso/client.h"
#include "json.h"

void
json_instant(struct json *j, int64_t t)
{
	if (t == 0) {
		json_null(j);
		return;
	}
	char buf[HOSO_INSTANT_ISO_LEN];
	hoso_format_instant_iso(t, buf);
	json_string(j, buf);
}

void
json_org(struct json *j, const Hoso__Org *o)
{
	json_begin_object(j);
	json_key(j, "id");
	json_uint(j, o->id);
	json_key(j, "version");
	json_uint(j, o->version);
	json_key(j, "kind");
	json_string(j, hoso_enum_word(hoso_org_kind_words, o->kind));
	json_key(j, "code");
	json_string(j, o->code);
	json_key(j, "name");
	json_string(j, o->name);
	json_key(j, "parent_id");
	json_id_or_null(j, o->parent_id);
	json_key(j, "decides_admission");
	json_bool(j, o->decides_admission);
	json_key(j, "created_at");
	json_instant(j, o->created_at);
	json_key(j, "updated_at");
	json_instant(j, o->updated_at);
	json_end_object(j);
}

void
json_person(struct json *j, const Hoso__Person *p)
{
	json_begin_object(j);
	json_key(j, "id");
	json_uint(j, p->id);
	json_key(j, "version");
	json_uint(j, p->version);
	json_key(j, "name");
	json_string(j, p->name);
	json_key(j, "born");
	json_string_or_null(j, p->born);
	json_key(j, "gender");
	json_string(j, hoso_enum_word(hoso_gender_words, p->gender));
	json_key(j, "ethnicity");
	json_string(j, p->ethnicity);
	json_key(j, "religion");
	json_string(j, p->religion);
	json_key(j, "education");
	json_string(j, hoso_enum_word(hoso_education_words, p->education));
	json_key(j, "id_number");
	json_string(j, p->id_number);
	json_key(j, "residence_id");
	json_id_or_null(j, p->residence_id);
	json_key(j, "cell_id");
	json_id_or_null(j, p->cell_id);
	json_key(j, "workplace");
	json_string(j, p->workplace);
	json_key(j, "introduced_by");
	json_string(j, hoso_enum_word(hoso_introduced_by_words,
	    p->introduced_by));
	json_key(j, "phone");
	json_string(j, p->phone);
	json_key(j, "notes");
	json_string(j, p->notes);
	json_key(j, "membership");
	json_string(j, hoso_enum_word(hoso_membership_words, p->membership));
	json_key(j, "member_since");
	json_string_or_null(j, p->member_since);
	json_key(j, "stage");
	json_string(j, hoso_enum_word(hoso_stage_words, p->stage));
	json_key(j, "stage_since");
	json_string_or_null(j, p->stage_since);
	json_key(j, "created_at");
	json_instant(j, p->created_at);
	json_key(j, "updated_at");
	json_instant(j, p->updated_at);
	json_end_object(j);
}

void
json_org_page(struct json *j, const Hoso__OrgPage *page)
{
	json_begin_object(j);
	json_key(j, "items");
	json_begin_array(j);
	for (size_t i = 0; i < page->n_items; i++)
		json_org(j, page->items[i]);
	json_end_array(j);
	json_key(j, "next");
	json_string_or_null(j, page->next_cursor);
	json_end_object(j);
}

void
json_person_page(struct json *j, const Hoso__PersonPage *page)
{
	json_begin_object(j);
	json_key(j, "items");
	json_begin_array(j);
	for (size_t i = 0; i < page->n_items; i++)
		json_person(j, page->items[i]);
	json_end_array(j);
	json_key(j, "next");
	json_string_or_null(j, page->next_cursor);
	json_end_object(j);
}

/* "key": a date, or null when empty. */
static void
json_date_key(struct json *j, const char *key, const char *date)
{
	json_key(j, key);
	json_string_or_null(j, date);
}

/* "key": the word of value in tab, or null. */
static void
json_word_key(struct json *j, const char *key,
    const struct hoso_enum_word *tab, int value)
{
	json_key(j, key);
	json_string(j, hoso_enum_word(tab, value));
}

/* A vote, or null when none was held. */
static void
json_vote(struct json *j, const Hoso__Vote *v)
{
	if (v == NULL || v->date == NULL || v->date[0] == '\0') {
		json_null(j);
		return;
	}
	json_begin_object(j);
	json_date_key(j, "date", v->date);
	json_key(j, "votes_for");
	json_uint(j, v->votes_for);
	json_key(j, "votes_against");
	json_uint(j, v->votes_against);
	json_key(j, "roll");
	json_uint(j, v->roll);
	json_end_object(j);
}

/* A decision, or null when none was issued. */
static void
json_decision(struct json *j, const Hoso__Decision *d)
{
	if (d == NULL || ((d->number == NULL || d->number[0] == '\0') &&
	    (d->date == NULL || d->date[0] == '\0'))) {
		json_null(j);
		return;
	}
	json_begin_object(j);
	json_key(j, "number");
	json_string(j, d->number);
	json_date_key(j, "date", d->date);
	json_key(j, "body_id");
	json_id_or_null(j, d->body_id);
	json_end_object(j);
}

static void
json_check(struct json *j, const Hoso__Check *c)
{
	json_begin_object(j);
	json_key(j, "id");
	json_uint(j, c->id);
	json_word_key(j, "relation", hoso_relation_words, c->relation);
	json_key(j, "subject");
	json_string(j, c->subject);
	json_key(j, "relative_id");
	json_id_or_null(j, c->relative_id);
	json_word_key(j, "status", hoso_check_status_words, c->status);
	json_key(j, "concern");
	json_bool(j, c->concern);
	json_key(j, "concern_resolved");
	json_bool(j, c->concern_resolved);
	json_key(j, "reason");
	json_string(j, c->reason);
	json_date_key(j, "concluded", c->concluded);
	json_key(j, "note");
	json_string(j, c->note);
	json_end_object(j);
}

static void
json_relative(struct json *j, const Hoso__Relative *r)
{
	json_begin_object(j);
	json_key(j, "id");
	json_uint(j, r->id);
	json_word_key(j, "relation", hoso_relation_words, r->relation);
	json_key(j, "name");
	json_string(j, r->name);
	json_date_key(j, "born", r->born);
	json_key(j, "party_member");
	json_bool(j, r->party_member);
	json_key(j, "residence");
	json_string(j, r->residence);
	json_key(j, "residence_id");
	json_id_or_null(j, r->residence_id);
	json_end_object(j);
}

void
json_file(struct json *j, const Hoso__File *f)
{
	json_begin_object(j);
	json_key(j, "person_id");
	json_uint(j, f->person_id);
	json_key(j, "version");
	json_uint(j, f->version);
	json_word_key(j, "stage", hoso_stage_words, f->stage);
	json_date_key(j, "stage_since", f->stage_since);
	json_word_key(j, "held_stage", hoso_stage_words, f->held_stage);
	json_key(j, "hold_reason");
	json_string(j, f->hold_reason);
	json_key(j, "stage_dates");
	json_begin_array(j);
	for (size_t i = 0; i < f->n_stage_dates; i++) {
		json_begin_object(j);
		json_word_key(j, "stage", hoso_stage_words,
		    f->stage_dates[i]->stage);
		json_date_key(j, "date", f->stage_dates[i]->date);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "course_cert_number");
	json_string(j, f->course_cert_number);
	json_date_key(j, "course_cert_date", f->course_cert_date);
	json_key(j, "mentors");
	json_begin_array(j);
	for (size_t i = 0; i < f->n_mentors; i++) {
		json_begin_object(j);
		json_key(j, "member_id");
		json_id_or_null(j, f->mentors[i]->member_id);
		json_date_key(j, "since", f->mentors[i]->since);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "introducers");
	json_begin_array(j);
	for (size_t i = 0; i < f->n_introducers; i++) {
		const Hoso__Introducer *in = f->introducers[i];
		json_begin_object(j);
		json_key(j, "member_id");
		json_id_or_null(j, in->member_id);
		json_word_key(j, "org", hoso_introduced_by_words, in->org);
		json_date_key(j, "since", in->since);
		json_date_key(j, "date", in->date);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "documents");
	json_begin_array(j);
	for (size_t i = 0; i < f->n_documents; i++) {
		json_begin_object(j);
		json_word_key(j, "kind", hoso_doc_kind_words,
		    f->documents[i]->kind);
		json_date_key(j, "date", f->documents[i]->date);
		json_key(j, "note");
		json_string(j, f->documents[i]->note);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "relatives");
	json_begin_array(j);
	for (size_t i = 0; i < f->n_relatives; i++)
		json_relative(j, f->relatives[i]);
	json_end_array(j);
	json_key(j, "checks");
	json_begin_array(j);
	for (size_t i = 0; i < f->n_checks; i++)
		json_check(j, f->checks[i]);
	json_end_array(j);
	json_key(j, "cell_vote");
	json_vote(j, f->cell_vote);
	json_date_key(j, "proposal_date", f->proposal_date);
	json_key(j, "extension_days");
	json_uint(j, f->extension_days);
	json_key(j, "decision");
	json_decision(j, f->decision);
	json_date_key(j, "ceremony_date", f->ceremony_date);
	json_date_key(j, "probation_end", f->probation_end);
	json_date_key(j, "new_member_course_date", f->new_member_course_date);
	json_key(j, "recognition_vote");
	json_vote(j, f->recognition_vote);
	json_key(j, "recognition_decision");
	json_decision(j, f->recognition_decision);
	json_date_key(j, "official_date", f->official_date);
	json_date_key(j, "decision_due", f->decision_due);
	json_date_key(j, "ceremony_due", f->ceremony_due);
	json_date_key(j, "recognition_vote_due", f->recognition_vote_due);
	json_date_key(j, "recognition_decision_due",
	    f->recognition_decision_due);
	json_end_object(j);
}

void
json_requirements(struct json *j, Hoso__Requirement *const *q, size_t n)
{
	json_begin_array(j);
	for (size_t i = 0; i < n; i++) {
		char *text = hoso_requirement_text(q[i]);
		json_begin_object(j);
		json_key(j, "code");
		json_string(j, q[i]->code);
		json_key(j, "message");
		if (text == NULL)
			j->err = 1;
		json_string(j, text);
		json_end_object(j);
		free(text);
	}
	json_end_array(j);
}

void
json_move_list(struct json *j, const Hoso__MoveList *m)
{
	json_begin_object(j);
	json_key(j, "person_id");
	json_uint(j, m->person_id);
	json_word_key(j, "stage", hoso_stage_words, m->stage);
	json_key(j, "moves");
	json_begin_array(j);
	for (size_t i = 0; i < m->n_moves; i++) {
		const Hoso__Move *mv = m->moves[i];
		json_begin_object(j);
		json_word_key(j, "to", hoso_stage_words, mv->to);
		json_key(j, "possible");
		json_bool(j, mv->possible);
		json_key(j, "unmet");
		json_requirements(j, mv->unmet, mv->n_unmet);
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
}

void
json_history_page(struct json *j, const Hoso__HistoryPage *page)
{
	json_begin_object(j);
	json_key(j, "items");
	json_begin_array(j);
	for (size_t i = 0; i < page->n_items; i++) {
		const Hoso__HistoryEntry *e = page->items[i];
		json_begin_object(j);
		json_key(j, "seq");
		json_uint(j, e->seq);
		json_key(j, "entered_at");
		json_instant(j, e->entered_at);
		json_date_key(j, "effective", e->effective);
		json_key(j, "kind");
		json_string(j, e->kind);
		json_word_key(j, "from", hoso_stage_words, e->from);
		json_word_key(j, "to", hoso_stage_words, e->to);
		json_key(j, "note");
		json_string(j, e->note);
		json_key(j, "detail");
		json_string(j, e->detail);
		json_key(j, "user");
		json_string(j, e->user);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "next");
	json_string_or_null(j, page->next_cursor);
	json_end_object(j);
}

void
json_evaluation(struct json *j, const Hoso__Evaluation *e)
{
	json_begin_object(j);
	json_key(j, "person_id");
	json_uint(j, e->person_id);
	json_key(j, "month");
	json_string_or_null(j, e->month);
	json_word_key(j, "rating", hoso_rating_words, e->rating);
	json_key(j, "comment");
	json_string(j, e->comment);
	json_key(j, "evaluator_id");
	json_id_or_null(j, e->evaluator_id);
	json_key(j, "entered_at");
	json_instant(j, e->entered_at);
	json_end_object(j);
}

void
json_due_list(struct json *j, const Hoso__DueList *d)
{
	json_begin_object(j);
	json_key(j, "items");
	json_begin_array(j);
	for (size_t i = 0; i < d->n_items; i++) {
		const Hoso__DueEvaluation *e = d->items[i];
		json_begin_object(j);
		json_key(j, "person_id");
		json_uint(j, e->person_id);
		json_key(j, "name");
		json_string(j, e->name);
		json_key(j, "months");
		json_begin_array(j);
		for (size_t k = 0; k < e->n_months; k++)
			json_string(j, e->months[k]);
		json_end_array(j);
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
}

/* A count, or null when 0 means "not set". */
static void
json_count_or_null(struct json *j, uint64_t v)
{
	json_id_or_null(j, v);
}

void
json_quota(struct json *j, const Hoso__Quota *q)
{
	json_begin_object(j);
	json_key(j, "org_id");
	json_uint(j, q->org_id);
	json_key(j, "year");
	json_count_or_null(j, q->year);
	json_key(j, "term_start");
	json_count_or_null(j, q->term_start);
	json_key(j, "term_end");
	json_count_or_null(j, q->term_end);
	json_key(j, "target");
	json_uint(j, q->target);
	json_key(j, "course_target");
	json_uint(j, q->course_target);
	json_end_object(j);
}

void
json_quota_report(struct json *j, const Hoso__QuotaReport *r)
{
	json_begin_object(j);
	json_key(j, "org_id");
	json_uint(j, r->org_id);
	json_key(j, "org_name");
	json_string(j, r->org_name);
	json_key(j, "period");
	json_string(j, r->period);
	json_key(j, "target");
	json_uint(j, r->target);
	json_key(j, "admitted");
	json_uint(j, r->admitted);
	json_key(j, "percent");
	json_number(j, r->percent);
	json_key(j, "course_target");
	json_uint(j, r->course_target);
	json_key(j, "funnel");
	json_begin_object(j);
	const Hoso__Funnel *fu = r->funnel;
	json_key(j, "identified");
	json_uint(j, fu ? fu->identified : 0);
	json_key(j, "in_course");
	json_uint(j, fu ? fu->in_course : 0);
	json_key(j, "course_passed");
	json_uint(j, fu ? fu->course_passed : 0);
	json_key(j, "admitted");
	json_uint(j, fu ? fu->admitted : 0);
	json_end_object(j);
	json_key(j, "children");
	json_begin_array(j);
	for (size_t i = 0; i < r->n_children; i++)
		json_quota_report(j, r->children[i]);
	json_end_array(j);
	json_end_object(j);
}
