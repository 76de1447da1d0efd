/* json-check.c: background checks and alerts (protocol 1.3) as JSON, in
 * the shapes the hoso CLI promises scripts (see json.h).  As for the other
 * records: keys are the proto field names, enums the command-line words
 * (null when none), dates ISO or null, instants ISO 8601 in Vietnam's time
 * or null, ids meaning "none" null.  Messages stay in English. */
#include "hoso/client.h"
#include "json.h"

/* "key": the word of value in tab, or null. */
static void
json_check_word(struct json *j, const char *key,
    const struct hoso_enum_word *tab, int value)
{
	json_key(j, key);
	json_string(j, hoso_enum_word(tab, value));
}

/* "key": a date or other optional text, null when empty. */
static void
json_check_opt(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_string_or_null(j, s);
}

static void
json_extension(struct json *j, const Hoso__Extension *x)
{
	json_begin_object(j);
	json_check_opt(j, "new_due", x->new_due);
	json_check_opt(j, "old_due", x->old_due);
	json_key(j, "reason");
	json_string(j, x->reason);
	json_check_opt(j, "by", x->by);
	json_key(j, "entered_at");
	json_instant(j, x->entered_at);
	json_end_object(j);
}

static void
json_suspension(struct json *j, const Hoso__Suspension *s)
{
	json_begin_object(j);
	json_key(j, "from");
	json_instant(j, s->from);
	json_key(j, "to");
	json_instant(j, s->to);
	json_key(j, "reason");
	json_string(j, s->reason);
	json_check_opt(j, "by", s->by);
	json_check_opt(j, "resumed_by", s->resumed_by);
	json_end_object(j);
}

static void
json_leg(struct json *j, const Hoso__Leg *l)
{
	json_begin_object(j);
	json_check_word(j, "kind", hoso_leg_kind_words, l->kind);
	json_key(j, "started");
	json_instant(j, l->started);
	json_key(j, "ended");
	json_instant(j, l->ended);
	json_key(j, "workdays");
	json_uint(j, l->workdays);
	json_check_opt(j, "due_original", l->due_original);
	json_check_opt(j, "due", l->due);
	json_check_opt(j, "started_by", l->started_by);
	json_check_opt(j, "ended_by", l->ended_by);
	json_key(j, "start_assumed");
	json_bool(j, l->start_assumed);
	json_key(j, "extensions");
	json_begin_array(j);
	for (size_t i = 0; i < l->n_extensions; i++)
		json_extension(j, l->extensions[i]);
	json_end_array(j);
	json_key(j, "suspensions");
	json_begin_array(j);
	for (size_t i = 0; i < l->n_suspensions; i++)
		json_suspension(j, l->suspensions[i]);
	json_end_array(j);
	json_end_object(j);
}

void
json_verification(struct json *j, const Hoso__Verification *v)
{
	json_begin_object(j);
	json_key(j, "id");
	json_uint(j, v->id);
	json_key(j, "person_id");
	json_uint(j, v->person_id);
	json_check_opt(j, "person_name", v->person_name);
	json_key(j, "file_check_id");
	json_id_or_null(j, v->file_check_id);
	json_key(j, "subject");
	json_string(j, v->subject);
	json_key(j, "ward_id");
	json_id_or_null(j, v->ward_id);
	json_check_opt(j, "outside", v->outside);
	json_check_word(j, "state", hoso_vstate_words, v->state);
	json_check_opt(j, "status", v->status);
	json_check_opt(j, "due", v->due);
	json_check_word(j, "result", hoso_check_result_words, v->result);
	json_check_opt(j, "result_text", v->result_text);
	json_key(j, "missed");
	json_bool(j, v->missed);
	json_key(j, "version");
	json_uint(j, v->version);
	json_key(j, "entered_at");
	json_instant(j, v->entered_at);
	json_key(j, "note");
	json_string(j, v->note);
	json_key(j, "legs");
	json_begin_array(j);
	for (size_t i = 0; i < v->n_legs; i++)
		json_leg(j, v->legs[i]);
	json_end_array(j);
	json_end_object(j);
}

void
json_check_page(struct json *j, const Hoso__CheckPage *page)
{
	json_begin_object(j);
	json_key(j, "items");
	json_begin_array(j);
	for (size_t i = 0; i < page->n_items; i++)
		json_verification(j, page->items[i]);
	json_end_array(j);
	json_check_opt(j, "next", page->next_cursor);
	json_check_opt(j, "as_of", page->as_of);
	json_end_object(j);
}

void
json_explanation(struct json *j, const Hoso__Explanation *e)
{
	json_begin_object(j);
	json_key(j, "check_id");
	json_uint(j, e->check_id);
	json_check_word(j, "leg", hoso_leg_kind_words, e->leg);
	json_check_opt(j, "due", e->due);
	json_key(j, "lines");
	json_begin_array(j);
	for (size_t i = 0; i < e->n_lines; i++) {
		const Hoso__ExplainLine *l = e->lines[i];
		json_begin_object(j);
		json_key(j, "code");
		json_string(j, l->code);
		json_check_opt(j, "date", l->date);
		json_key(j, "text");
		json_string(j, l->message);
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
}

static void
json_leg_stats(struct json *j, const Hoso__LegStats *s)
{
	json_begin_object(j);
	json_check_word(j, "kind", hoso_leg_kind_words, s->kind);
	json_key(j, "finished");
	json_uint(j, s->finished);
	json_key(j, "median_workdays");
	json_number(j, s->median_workdays);
	json_key(j, "p90_workdays");
	json_number(j, s->p90_workdays);
	json_key(j, "early");
	json_uint(j, s->early);
	json_key(j, "on_time");
	json_uint(j, s->on_time);
	json_key(j, "late_new_date");
	json_uint(j, s->late_new_date);
	json_key(j, "late");
	json_uint(j, s->late);
	json_end_object(j);
}

static void
json_late_leg(struct json *j, const Hoso__LateLeg *l)
{
	json_begin_object(j);
	json_key(j, "check_id");
	json_uint(j, l->check_id);
	json_check_word(j, "kind", hoso_leg_kind_words, l->kind);
	json_check_opt(j, "due_original", l->due_original);
	json_check_opt(j, "ended", l->ended);
	json_key(j, "workdays_late");
	json_uint(j, l->workdays_late);
	json_check_opt(j, "held_by", l->held_by);
	json_key(j, "extended");
	json_bool(j, l->extended);
	json_end_object(j);
}

void
json_check_report(struct json *j, const Hoso__CheckReportReply *r)
{
	json_begin_object(j);
	json_check_opt(j, "from", r->from);
	json_check_opt(j, "to", r->to);
	json_key(j, "wards");
	json_begin_array(j);
	for (size_t i = 0; i < r->n_wards; i++) {
		const Hoso__WardTurnaround *w = r->wards[i];
		json_begin_object(j);
		json_key(j, "ward_id");
		json_id_or_null(j, w->ward_id);
		json_key(j, "ward_name");
		json_string(j, w->ward_name);
		json_key(j, "checks");
		json_uint(j, w->checks);
		json_key(j, "overdue_now");
		json_uint(j, w->overdue_now);
		json_key(j, "legs");
		json_begin_array(j);
		for (size_t k = 0; k < w->n_legs; k++)
			json_leg_stats(j, w->legs[k]);
		json_end_array(j);
		json_key(j, "late");
		json_begin_array(j);
		for (size_t k = 0; k < w->n_late; k++)
			json_late_leg(j, w->late[k]);
		json_end_array(j);
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
}

void
json_alert(struct json *j, const Hoso__Alert *a)
{
	json_begin_object(j);
	json_key(j, "id");
	json_uint(j, a->id);
	json_key(j, "raised_at");
	json_instant(j, a->raised_at);
	json_check_opt(j, "kind", a->kind);
	json_check_opt(j, "deadline", a->deadline);
	json_key(j, "org_id");
	json_id_or_null(j, a->org_id);
	json_key(j, "escalated_to");
	json_id_or_null(j, a->escalated_to);
	json_check_opt(j, "record_kind", a->record_kind);
	json_key(j, "record_id");
	json_id_or_null(j, a->record_id);
	json_key(j, "person_id");
	json_id_or_null(j, a->person_id);
	json_check_opt(j, "due", a->due);
	json_key(j, "message");
	json_string(j, a->message);
	json_key(j, "acked_at");
	json_instant(j, a->acked_at);
	json_check_opt(j, "acked_by", a->acked_by);
	json_end_object(j);
}

void
json_alert_page(struct json *j, const Hoso__AlertPage *page)
{
	json_begin_object(j);
	json_key(j, "items");
	json_begin_array(j);
	for (size_t i = 0; i < page->n_items; i++)
		json_alert(j, page->items[i]);
	json_end_array(j);
	json_check_opt(j, "next", page->next_cursor);
	json_end_object(j);
}
