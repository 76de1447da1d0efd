/* json-cal.c: the working-day calendar (protocol 1.2) as JSON, in the
 * shapes the hoso CLI promises scripts (see json.h).  Reasons are shown
 * translated: a built-in day's reason is an English msgid, an admin's own
 * text comes back from _() unchanged. */
#include <string.h>

#include "i18n.h"
#include "json.h"

const char *
json_cal_kind_word(int kind)
{
	switch (kind) {
	case HOSO__CAL_DAY_KIND__CAL_DAY_OFF:
		return "off";
	case HOSO__CAL_DAY_KIND__CAL_DAY_WORK:
		return "work";
	default:
		return NULL;
	}
}

const char *
json_cal_reason(const char *reason)
{
	/* _("") would be the catalogue's header. */
	return reason != NULL && *reason != '\0' ? _(reason) : "";
}

void
json_calendar_edit(struct json *j, const Hoso__CalendarEdit *e)
{
	json_begin_object(j);
	json_key(j, "date");
	json_string(j, e->date);
	json_key(j, "kind");
	json_string(j, json_cal_kind_word(e->kind));
	json_key(j, "reason");
	json_string(j, json_cal_reason(e->reason));
	json_key(j, "entered_at");
	json_instant(j, e->entered_at);
	json_key(j, "user");
	json_string_or_null(j, e->user);
	json_end_object(j);
}

void
json_calendar_year(struct json *j, const Hoso__CalendarYear *y)
{
	json_begin_object(j);
	json_key(j, "year");
	json_uint(j, y->year);
	json_key(j, "days_off");
	json_begin_array(j);
	for (size_t i = 0; i < y->n_days_off; i++) {
		const Hoso__DayOff *d = y->days_off[i];
		json_begin_object(j);
		json_key(j, "date");
		json_string(j, d->date);
		json_key(j, "reason");
		json_string(j, json_cal_reason(d->reason));
		json_key(j, "edited");
		json_bool(j, d->edited);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "edits");
	json_begin_array(j);
	for (size_t i = 0; i < y->n_edits; i++)
		json_calendar_edit(j, y->edits[i]);
	json_end_array(j);
	json_end_object(j);
}

void
json_calendar_change(struct json *j, const Hoso__CalendarChange *c)
{
	static const Hoso__CalendarEdit none = HOSO__CALENDAR_EDIT__INIT;
	const Hoso__CalendarEdit *e = c->edit ? c->edit : &none;
	json_begin_object(j);
	json_key(j, "date");
	json_string_or_null(j, e->date);
	json_key(j, "kind");
	json_string(j, json_cal_kind_word(e->kind));
	json_key(j, "reason");
	json_string(j, json_cal_reason(e->reason));
	json_key(j, "deadlines_moved");
	json_uint(j, c->deadlines_moved);
	json_key(j, "now_overdue");
	json_begin_array(j);
	for (size_t i = 0; i < c->n_now_overdue; i++)
		json_uint(j, c->now_overdue[i]);
	json_end_array(j);
	json_key(j, "checks_moved");
	json_uint(j, c->checks_moved);
	json_key(j, "checks_now_overdue");
	json_begin_array(j);
	for (size_t i = 0; i < c->n_checks_now_overdue; i++)
		json_uint(j, c->checks_now_overdue[i]);
	json_end_array(j);
	json_end_object(j);
}

void
json_lunar_date(struct json *j, const char *date, const Hoso__LunarDate *l)
{
	json_begin_object(j);
	if (date != NULL) {
		json_key(j, "date");
		json_string(j, date);
	}
	json_key(j, "day");
	json_uint(j, l->day);
	json_key(j, "month");
	json_uint(j, l->month);
	json_key(j, "year");
	json_uint(j, l->year);
	json_key(j, "leap");
	json_bool(j, l->leap);
	json_end_object(j);
}
