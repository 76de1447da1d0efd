/* test_cli_calendar.c: libhoso's pure parts for the working-day calendar
 * (protocol 1.2): the JSON shapes of CalendarYear, CalendarChange,
 * CalendarEdit and LunarDate that 'hoso calendar' prints, and which
 * events of an imported .ics mark a working day, with their reasons. */
#include <stdlib.h>
#include <string.h>

#include "cal-import.h"
#include "json.h"
#include "t.h"
#include "text.h"

#define DOC(j, BODY) (json_init(&(j)), BODY, json_finish(&(j)))

static void
test_json_year(void)
{
	struct json j;
	char *s;
	Hoso__DayOff d1 = HOSO__DAY_OFF__INIT, d2 = HOSO__DAY_OFF__INIT;
	d1.date = "2026-01-01";
	d1.reason = "New Year's Day";
	d2.date = "2026-01-02";
	d2.reason = "Nghỉ bù Tết Dương lịch";
	d2.edited = true;
	Hoso__DayOff *days[] = { &d1, &d2 };
	Hoso__CalendarEdit e1 = HOSO__CALENDAR_EDIT__INIT;
	Hoso__CalendarEdit e2 = HOSO__CALENDAR_EDIT__INIT;
	e1.date = "2026-01-02";
	e1.kind = HOSO__CAL_DAY_KIND__CAL_DAY_OFF;
	e1.reason = "Nghỉ bù Tết Dương lịch";
	e1.entered_at = 1763900000;     /* 2025-11-23T19:13:20+07:00 */
	e2.date = "2026-01-10";
	e2.kind = HOSO__CAL_DAY_KIND__CAL_DAY_WORK;
	e2.reason = "Làm bù";
	e2.user = "admin";
	Hoso__CalendarEdit *edits[] = { &e1, &e2 };
	Hoso__CalendarYear y = HOSO__CALENDAR_YEAR__INIT;
	y.year = 2026;
	y.n_days_off = 2;
	y.days_off = days;
	y.n_edits = 2;
	y.edits = edits;
	s = DOC(j, json_calendar_year(&j, &y));
	CHECK_STR(s, "{\"year\":2026,\"days_off\":[{\"date\":\"2026-01-01\","
	    "\"reason\":\"New Year's Day\",\"edited\":false},{\"date\":"
	    "\"2026-01-02\",\"reason\":\"Nghỉ bù Tết Dương lịch\",\"edited\":"
	    "true}],\"edits\":[{\"date\":\"2026-01-02\",\"kind\":\"off\","
	    "\"reason\":\"Nghỉ bù Tết Dương lịch\",\"entered_at\":"
	    "\"2025-11-23T19:13:20+07:00\",\"user\":null},{\"date\":"
	    "\"2026-01-10\",\"kind\":\"work\",\"reason\":\"Làm bù\","
	    "\"entered_at\":null,\"user\":\"admin\"}]}\n",
	    "calendar year: days off with edited, then every edit");
	free(s);

	Hoso__CalendarYear empty = HOSO__CALENDAR_YEAR__INIT;
	empty.year = 2199;
	s = DOC(j, json_calendar_year(&j, &empty));
	CHECK_STR(s, "{\"year\":2199,\"days_off\":[],\"edits\":[]}\n",
	    "a year without days off or edits: empty arrays");
	free(s);
}

static void
test_json_change(void)
{
	struct json j;
	char *s;
	Hoso__CalendarEdit e = HOSO__CALENDAR_EDIT__INIT;
	e.date = "2026-01-10";
	e.kind = HOSO__CAL_DAY_KIND__CAL_DAY_WORK;
	e.reason = "Làm bù cho ngày 02/01";
	uint64_t ids[] = { 12, 7 };
	Hoso__CalendarChange c = HOSO__CALENDAR_CHANGE__INIT;
	c.edit = &e;
	c.deadlines_moved = 3;
	c.n_now_overdue = 2;
	c.now_overdue = ids;
	uint64_t cids[] = { 4 };
	c.checks_moved = 2;
	c.n_checks_now_overdue = 1;
	c.checks_now_overdue = cids;
	s = DOC(j, json_calendar_change(&j, &c));
	CHECK_STR(s, "{\"date\":\"2026-01-10\",\"kind\":\"work\",\"reason\":"
	    "\"Làm bù cho ngày 02/01\",\"deadlines_moved\":3,\"now_overdue\":"
	    "[12,7],\"checks_moved\":2,\"checks_now_overdue\":[4]}\n",
	    "calendar change: the contract's keys, and the checks moved");
	free(s);

	Hoso__CalendarChange none = HOSO__CALENDAR_CHANGE__INIT;
	s = DOC(j, json_calendar_change(&j, &none));
	CHECK_STR(s, "{\"date\":null,\"kind\":null,\"reason\":\"\","
	    "\"deadlines_moved\":0,\"now_overdue\":[],\"checks_moved\":0,"
	    "\"checks_now_overdue\":[]}\n",
	    "a change without its edit: nulls, not a crash");
	free(s);
	CHECK_STR(json_cal_reason(""), "", "an empty reason stays empty (not "
	    "the catalogue's header)");
	CHECK_STR(json_cal_reason(NULL), "", "a NULL reason is empty");
	CHECK(json_cal_kind_word(0) == NULL && json_cal_kind_word(9) == NULL,
	    "no word for CAL_DAY_NONE or an unknown kind");
}

static void
test_json_lunar(void)
{
	struct json j;
	char *s;
	Hoso__LunarDate l = HOSO__LUNAR_DATE__INIT;
	l.day = 1;
	l.month = 6;
	l.year = 2025;
	l.leap = true;
	s = DOC(j, json_lunar_date(&j, "2025-07-25", &l));
	CHECK_STR(s, "{\"date\":\"2025-07-25\",\"day\":1,\"month\":6,\"year\":"
	    "2025,\"leap\":true}\n", "lunar date with its solar date");
	free(s);
	s = DOC(j, json_lunar_date(&j, NULL, &l));
	CHECK_STR(s, "{\"day\":1,\"month\":6,\"year\":2025,\"leap\":true}\n",
	    "lunar date alone");
	free(s);
}

static void
test_workday(void)
{
	const char *work_cat[] = { "HOLIDAY", "workday" };
	const char *off_cat[] = { "HOLIDAY", "TET" };
	const char *spaced[] = { "  Working   Day " };
	CHECK(hoso_event_is_workday("Làm bù cho ngày 04/02", NULL, 0),
	    "'Làm bù' is a working day");
	CHECK(hoso_event_is_workday("LÀM BÙ", NULL, 0), "... in capitals");
	CHECK(hoso_event_is_workday("lam bu thu bay", NULL, 0),
	    "... without accents");
	CHECK(hoso_event_is_workday("Đi làm bù ngày 12/02", NULL, 0),
	    "'Đi làm' is a working day");
	CHECK(hoso_event_is_workday("Saturday: working day", NULL, 0),
	    "'working day' is a working day");
	CHECK(hoso_event_is_workday("Ngày làm việc", work_cat, 2),
	    "CATEGORIES holding WORKDAY (any case) is a working day");
	CHECK(hoso_event_is_workday(NULL, spaced, 1),
	    "CATEGORIES 'working day' with odd spacing");
	CHECK(!hoso_event_is_workday("Nghỉ Tết Nguyên đán", off_cat, 2),
	    "a Tết event is a day off");
	CHECK(!hoso_event_is_workday("Nghỉ bù Quốc khánh", NULL, 0),
	    "'Nghỉ bù' is a day off");
	CHECK(!hoso_event_is_workday("Non-working day", NULL, 0),
	    "'Non-working day' is a day off");
	CHECK(!hoso_event_is_workday("Not a working day", NULL, 0),
	    "'Not a working day' is a day off");
	CHECK(!hoso_event_is_workday("Không đi làm", NULL, 0),
	    "'Không đi làm' is a day off");
	CHECK(!hoso_event_is_workday("Islam bus tour", NULL, 0),
	    "phrases match whole words only ('islam bus' holds 'lam bu')");
	CHECK(!hoso_event_is_workday("Saturday working days off", NULL, 0),
	    "'working days' is not the phrase 'working day'");
	CHECK(!hoso_event_is_workday(NULL, NULL, 0),
	    "no summary, no categories: a day off");
	CHECK(!hoso_event_is_workday("\xff\xfe làm bù", NULL, 0),
	    "invalid UTF-8 matches nothing");
}

static void
test_reason(void)
{
	const char *why = NULL;
	char *r = hoso_event_reason("  Nghỉ   Tết\nNguyên đán ", &why);
	CHECK_STR(r, "Nghỉ Tết Nguyên đán", "reason: white space collapsed, "
	    "line breaks too");
	free(r);
	r = hoso_event_reason(NULL, &why);
	CHECK_STR(r, "", "no summary: an empty reason");
	free(r);
	why = NULL;
	r = hoso_event_reason("T\xe1t", &why);
	CHECK(r == NULL && why != NULL, "invalid UTF-8: refused, with why");

	char longer[1200] = "";
	for (int i = 0; i < 250; i++)
		strcat(longer, "ệ");
	r = hoso_event_reason(longer, &why);
	CHECK(r != NULL && text_length(r) == HOSO_CAL_REASON_MAX &&
	    strcmp(r + strlen(r) - 3, "\xe2\x80\xa6") == 0,
	    "a 250-letter summary is cut to the limit, ending in an ellipsis");
	free(r);
	char exact[700] = "";
	for (int i = 0; i < HOSO_CAL_REASON_MAX; i++)
		strcat(exact, "ệ");
	r = hoso_event_reason(exact, &why);
	CHECK(r != NULL && strcmp(r, exact) == 0,
	    "a summary of exactly the limit is kept whole");
	free(r);
	char ascii[300];
	memset(ascii, 'a', 201);
	ascii[201] = '\0';
	r = hoso_event_reason(ascii, &why);
	CHECK(r != NULL && strlen(r) == 199 + 3 &&
	    strcmp(r + 199, "\xe2\x80\xa6") == 0,
	    "201 ASCII letters: 199 kept and an ellipsis");
	free(r);
}

int
main(void)
{
	test_json_year();
	test_json_change();
	test_json_lunar();
	test_workday();
	test_reason();
	return t_done();
}
