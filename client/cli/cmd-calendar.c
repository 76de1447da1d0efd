/* cmd-calendar.c: hoso calendar show|lunar|add-workdays|workdays|set|unset|
 * import, the working-day calendar every deadline is counted on.  The
 * server keeps the calendar (built-in holidays plus an admin's edits of
 * single days) and recomputes open files' deadlines after an edit.
 * import is in cmd-calendar-import.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>


#include "calendar.h"
#include "cli.h"
#include "date.h"
#include "i18n.h"
#include "lunar.h"
#include "text.h"

#define CAL_NAMES_MAX 20                /* overdue files shown by name */

const struct cli_opt cmd_calendar_set_opts[] = {
	{ "reason", N_("TEXT"), N_("why the day is off or worked, e.g. \"Nghỉ "
	    "bù Tết Dương lịch\""), CLI_REQ, "reason" },
	{ NULL, NULL, NULL, 0, NULL },
};


const struct hoso_enum_word cal_kind_words[] = {
	{ HOSO__CAL_DAY_KIND__CAL_DAY_OFF, "off", N_("day off") },
	{ HOSO__CAL_DAY_KIND__CAL_DAY_WORK, "work", N_("working day") },
	{ 0, NULL, NULL },
};

const char *const cal_weekdays[] = { N_("Monday"), N_("Tuesday"),
	N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
	N_("Sunday") };

/* The Vietnamese names of the lunar years' stems and branches (can chi):
 * proper names, the same in every language. */
static const char *const cal_stems[] = { "Giáp", "Ất", "Bính", "Đinh",
	"Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý" };
static const char *const cal_branches[] = { "Tý", "Sửu", "Dần", "Mão",
	"Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi" };

const char *
cal_weekday(int32_t day)
{
	return _(cal_weekdays[date_weekday(day)]);
}

/* "dd/mm/yyyy (Monday)" into buf. */
static const char *
cal_day_text(int32_t day, char *buf, size_t size)
{
	char vn[11];
	date_format_vn(day, vn);
	snprintf(buf, size, "%s (%s)", vn, cal_weekday(day));
	return buf;
}

/* An ISO date from the server as "dd/mm/yyyy (Monday)"; anything else
 * cleaned, as it is.  Into buf. */
static const char *
cal_iso_text(const char *iso, char *buf, size_t size)
{
	int32_t day;
	if (iso != NULL && date_parse_iso(iso, &day) == DATE_OK)
		return cal_day_text(day, buf, size);
	char *clean = cli_clean(iso ? iso : "", false);
	snprintf(buf, size, "%s", clean ? clean : "");
	free(clean);
	return buf;
}

/* The lunar day and month of day, "29/12" or "15/6 (leap)"; "" outside
 * the lunar calendar's years.  Into buf. */
static const char *
cal_lunar_text(int32_t day, char *buf, size_t size)
{
	struct lunar_date l;
	buf[0] = '\0';
	if (lunar_from_solar(day, &l) != 0)
		return buf;
	if (l.leap)
		snprintf(buf, size, _("%d/%d (leap)"), l.day, l.month);
	else
		snprintf(buf, size, "%d/%d", l.day, l.month);
	return buf;
}

/* Between min and max positional arguments; missing says what is. */
int
cal_positional(const struct cli_args *args, int min, int max,
    const char *missing)
{
	if (args->npos < min)
		return cli_usage_error(args->cmd, "%s", missing);
	if (args->npos > max)
		return cli_usage_error(args->cmd, _("too many arguments: '%s'"),
		    args->pos[max]);
	return 0;
}

/* A day given on the command line.  A day that does not exist (30/02) is
 * a usage error here too: a positional argument has no option for the
 * server's refusal to point at. */
static int
cal_parse_day(const struct cli_cmd *cmd, const char *what, const char *s,
    int32_t *day, char iso[11])
{
	int rc = date_parse_user(s, day);
	if (rc == DATE_ERANGE)
		return cli_usage_error(cmd, _("%s: there is no such day as "
		    "'%s'"), what, s);
	if (rc != DATE_OK)
		return cli_usage_error(cmd, _("%s: '%s' is not a date; write "
		    "it as YYYY-MM-DD or dd/mm/yyyy"), what, s);
	date_format_iso(*day, iso);
	return 0;
}

/* ---- what an edit did --------------------------------------------------- */


void
cal_ids_add(struct cal_ids *s, const uint64_t *ids, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bool seen = false;
		for (size_t k = 0; k < s->n && !seen; k++)
			seen = s->id[k] == ids[i];
		if (seen)
			continue;
		if (s->n == s->cap) {
			size_t ncap = s->cap ? s->cap * 2 : 16;
			uint64_t *nv = realloc(s->id, ncap * sizeof *nv);
			if (nv == NULL)
				return;
			s->id = nv;
			s->cap = ncap;
		}
		s->id[s->n++] = ids[i];
	}
}

/* How many deadlines moved and whose file became overdue, names looked up
 * for the first few. */
void
cal_print_effects(struct cli *cli, uint32_t moved, const uint64_t *overdue,
    size_t n)
{
	if (moved == 0)
		printf("%s\n", _("No deadline of an open file moved."));
	else
		printf(_("Deadlines of open files moved: %u\n"),
		    (unsigned)moved);
	if (n == 0)
		return;
	printf("%s\n", _("Files now overdue:"));
	for (size_t i = 0; i < n; i++) {
		char *who = i < CAL_NAMES_MAX ? cli_person_ref(cli, overdue[i]) :
		    NULL;
		char *clean = who ? cli_clean(who, false) : NULL;
		if (clean != NULL)
			printf("  - %s\n", clean);
		else
			printf("  - %llu\n", (unsigned long long)overdue[i]);
		free(clean);
		free(who);
	}
	printf("%s\n", _("See each with 'hoso person file ID'."));
}

/* The kind and reason of an edit: "day off: Nghỉ bù", cleaned; malloc'd. */
static char *
cal_edit_text(const Hoso__CalendarEdit *e)
{
	char *s = NULL;
	const char *reason = json_cal_reason(e->reason);
	if (asprintf(&s, "%s%s%s", cli_label(cal_kind_words, e->kind),
	    *reason ? ": " : "", reason) < 0)
		return NULL;
	char *clean = cli_clean(s, false);
	free(s);
	return clean;
}

static void
cal_print_change(struct cli *cli, const Hoso__CalendarChange *ch, bool unset)
{
	static const Hoso__CalendarEdit none = HOSO__CALENDAR_EDIT__INIT;
	const Hoso__CalendarEdit *e = ch->edit ? ch->edit : &none;
	char day[40];
	cal_iso_text(e->date, day, sizeof day);
	char *what = cal_edit_text(e);
	char *reason = cli_clean(json_cal_reason(e->reason), false);
	if (unset) {
		printf(_("The edit of %s is removed: the day follows the "
		    "built-in rules again.\n"), day);
		printf(_("It was: %s\n"), what ? what : "");
	} else if (e->kind == HOSO__CAL_DAY_KIND__CAL_DAY_WORK) {
		printf(_("%s is now a working day: %s\n"), day,
		    reason ? reason : "");
	} else {
		printf(_("%s is now a day off: %s\n"), day, reason ? reason : "");
	}
	free(what);
	free(reason);
	cal_print_effects(cli, ch->deadlines_moved, ch->now_overdue,
	    ch->n_now_overdue);
	if (ch->checks_moved == 0) {
		printf("%s\n", _("No deadline of an open background check "
		    "moved."));
		return;
	}
	printf(_("Deadlines of open background checks moved: %u\n"),
	    (unsigned)ch->checks_moved);
	if (ch->n_checks_now_overdue == 0)
		return;
	printf("%s", _("Checks now overdue:"));
	for (size_t i = 0; i < ch->n_checks_now_overdue; i++)
		printf(" %llu", (unsigned long long)ch->checks_now_overdue[i]);
	printf("\n%s\n", _("See each with 'hoso check show ID'."));
}

/* ---- show, lunar, add-workdays, workdays --------------------------------- */

static void
cal_print_year(const Hoso__CalendarYear *y)
{
	char vn[11], lunar[32];
	bool edited = false;

	printf(_("Days off in %u from Monday to Friday (Saturdays and Sundays "
	    "are not listed):\n"), (unsigned)y->year);
	if (y->n_days_off == 0) {
		printf("%s\n", _("none"));
	} else {
		const char *headers[] = { _("Date"), _("Day"), _("Lunar"),
		    _("Reason") };
		struct cli_table t;
		cli_table_init(&t, 4, headers);
		for (size_t i = 0; i < y->n_days_off; i++) {
			const Hoso__DayOff *d = y->days_off[i];
			int32_t day;
			if (date_parse_iso(d->date, &day) != DATE_OK) {
				cli_table_add(&t, "%s", d->date);
				cli_table_add(&t, "%s", "");
				cli_table_add(&t, "%s", "");
			} else {
				date_format_vn(day, vn);
				cli_table_add(&t, "%s", vn);
				cli_table_add(&t, "%s", cal_weekday(day));
				cli_table_add(&t, "%s", cal_lunar_text(day, lunar,
				    sizeof lunar));
			}
			cli_table_add(&t, "%s%s", json_cal_reason(d->reason),
			    d->edited ? " *" : "");
			edited = edited || d->edited;
		}
		cli_table_print(&t);
		if (edited)
			printf("%s\n", _("* set by an edit of the calendar"));
	}
	putchar('\n');
	if (y->n_edits == 0) {
		printf(_("No edits in %u: the built-in holidays apply.\n"),
		    (unsigned)y->year);
		return;
	}
	printf(_("Edits of the calendar in %u:\n"), (unsigned)y->year);
	const char *headers[] = { _("Date"), _("Day"), _("Kind"), _("Reason"),
	    _("Entered") };
	struct cli_table t;
	char at[17];
	cli_table_init(&t, 5, headers);
	for (size_t i = 0; i < y->n_edits; i++) {
		const Hoso__CalendarEdit *e = y->edits[i];
		int32_t day;
		bool ok = date_parse_iso(e->date, &day) == DATE_OK;
		if (ok)
			date_format_vn(day, vn);
		cli_table_add(&t, "%s", ok ? vn : e->date);
		cli_table_add(&t, "%s", ok ? cal_weekday(day) : "");
		cli_table_add(&t, "%s", cli_label(cal_kind_words, e->kind));
		cli_table_add(&t, "%s", json_cal_reason(e->reason));
		cli_table_add(&t, "%s", cli_format_instant(e->entered_at, at));
	}
	cli_table_print(&t);
}

int
cmd_calendar_show(struct cli *cli, const struct cli_args *args)
{
	Hoso__CalendarShow cs = HOSO__CALENDAR_SHOW__INIT;
	int rc;

	if ((rc = cal_positional(args, 0, 1, NULL)) != 0)
		return rc;
	if (args->npos == 1) {
		const char *s = args->pos[0];
		if (strlen(s) != 4 || strspn(s, "0123456789") != 4 ||
		    s[0] == '0')
			return cli_usage_error(args->cmd, _("'%s' is not a year; "
			    "write it as YYYY, e.g. 2026"), s);
		cs.year = (uint32_t)atoi(s);
	} else {
		int y, m, d;
		date_to_ymd(date_today_vn(), &y, &m, &d);
		cs.year = (uint32_t)y;
	}
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_CALENDAR_SHOW;
	req.calendar_show = &cs;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_CALENDAR_YEAR);
	if (rc != 0)
		return rc;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_calendar_year(&j, resp->calendar_year);
		rc = cli_print_json(&j);
	} else {
		cal_print_year(resp->calendar_year);
	}
	hoso_response_free(resp);
	return rc;
}

int
cmd_calendar_lunar(struct cli *cli, const struct cli_args *args)
{
	Hoso__CalendarLunar cl = HOSO__CALENDAR_LUNAR__INIT;
	char iso[11], text[40];
	int32_t day;
	int rc;

	if ((rc = cal_positional(args, 1, 1, _("say which day: DATE is "
	    "missing"))) != 0 ||
	    (rc = cal_parse_day(args->cmd, _("DATE"), args->pos[0], &day,
	    iso)) != 0)
		return rc;
	cl.date = iso;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_CALENDAR_LUNAR;
	req.calendar_lunar = &cl;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_LUNAR);
	if (rc != 0)
		return rc;
	const Hoso__LunarDate *l = resp->lunar;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_lunar_date(&j, iso, l);
		rc = cli_print_json(&j);
	} else {
		/* The year's name: stem (y + 6) mod 10, branch (y + 8) mod 12;
		 * 2026 is Bính Ngọ. */
		const char *stem = cal_stems[(l->year + 6) % 10];
		const char *branch = cal_branches[(l->year + 8) % 12];
		printf(_("%s: lunar date %u/%u%s of the year %s %s (%u)\n"),
		    cal_day_text(day, text, sizeof text), (unsigned)l->day,
		    (unsigned)l->month, l->leap ? _(" (leap month)") : "", stem,
		    branch, (unsigned)l->year);
	}
	hoso_response_free(resp);
	return rc;
}

int
cmd_calendar_add_workdays(struct cli *cli, const struct cli_args *args)
{
	Hoso__CalendarAddWorkdays aw = HOSO__CALENDAR_ADD_WORKDAYS__INIT;
	char iso[11], text[40];
	int32_t day;
	uint32_t n;
	int rc;

	if ((rc = cal_positional(args, 2, 2, _("say from which day and how "
	    "many working days: DATE N"))) != 0 ||
	    (rc = cal_parse_day(args->cmd, _("DATE"), args->pos[0], &day,
	    iso)) != 0 ||
	    (rc = cli_parse_count(args->cmd, "N", args->pos[1], 3650, &n)) != 0)
		return rc;
	aw.date = iso;
	aw.n = (int32_t)n;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_CALENDAR_ADD_WORKDAYS;
	req.calendar_add_workdays = &aw;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_DATE);
	if (rc != 0)
		return rc;
	const char *got = resp->date->date;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_begin_object(&j);
		json_key(&j, "date");
		json_string(&j, got);
		json_key(&j, "from");
		json_string(&j, iso);
		json_key(&j, "n");
		json_uint(&j, n);
		json_end_object(&j);
		rc = cli_print_json(&j);
	} else {
		struct cli_block b = { 0 };
		cli_block_add(&b, _("From"), "%s", cal_day_text(day, text,
		    sizeof text));
		cli_block_add(&b, _("Working days"), "%u", (unsigned)n);
		cli_block_add(&b, _("Date"), "%s", cal_iso_text(got, text,
		    sizeof text));
		cli_block_print(&b);
	}
	hoso_response_free(resp);
	return rc;
}

int
cmd_calendar_workdays(struct cli *cli, const struct cli_args *args)
{
	Hoso__CalendarWorkdays cw = HOSO__CALENDAR_WORKDAYS__INIT;
	char from[11], to[11], text[40];
	int32_t dfrom, dto;
	int rc;

	if ((rc = cal_positional(args, 2, 2, _("say between which days: FROM "
	    "TO"))) != 0 ||
	    (rc = cal_parse_day(args->cmd, _("FROM"), args->pos[0], &dfrom,
	    from)) != 0 ||
	    (rc = cal_parse_day(args->cmd, _("TO"), args->pos[1], &dto,
	    to)) != 0)
		return rc;
	cw.from = from;
	cw.to = to;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_CALENDAR_WORKDAYS;
	req.calendar_workdays = &cw;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_COUNT);
	if (rc != 0)
		return rc;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_begin_object(&j);
		json_key(&j, "workdays");
		json_int(&j, resp->count->count);
		json_key(&j, "from");
		json_string(&j, from);
		json_key(&j, "to");
		json_string(&j, to);
		json_end_object(&j);
		rc = cli_print_json(&j);
	} else {
		struct cli_block b = { 0 };
		cli_block_add(&b, _("After"), "%s", cal_day_text(dfrom, text,
		    sizeof text));
		cli_block_add(&b, _("Up to and including"), "%s",
		    cal_day_text(dto, text, sizeof text));
		cli_block_add(&b, _("Working days"), "%lld",
		    (long long)resp->count->count);
		cli_block_print(&b);
	}
	hoso_response_free(resp);
	return rc;
}

/* ---- set, unset ------------------------------------------------------------ */

/* Send one CalendarSet; *resp holds the CalendarChange on success. */
int
cal_send_set(struct cli *cli, const char *iso, int kind, const char *reason,
    Hoso__Response **resp)
{
	Hoso__CalendarSet cs = HOSO__CALENDAR_SET__INIT;
	cs.date = (char *)iso;
	cs.kind = (Hoso__CalDayKind)kind;
	cs.reason = (char *)reason;
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_CALENDAR_SET;
	req.calendar_set = &cs;
	return cli_call(cli, &req, resp, HOSO__RESPONSE__BODY_CALENDAR_CHANGE);
}

static int
cal_print_change_or_json(struct cli *cli, const Hoso__CalendarChange *ch,
    bool unset)
{
	if (!cli->json) {
		cal_print_change(cli, ch, unset);
		return 0;
	}
	struct json j;
	json_init(&j);
	json_calendar_change(&j, ch);
	return cli_print_json(&j);
}

int
cmd_calendar_set(struct cli *cli, const struct cli_args *args)
{
	char iso[11];
	int32_t day;
	int kind, rc;

	if ((rc = cal_positional(args, 2, 2, _("say which day and what it "
	    "becomes: DATE off or DATE work"))) != 0 ||
	    (rc = cal_parse_day(args->cmd, _("DATE"), args->pos[0], &day,
	    iso)) != 0 ||
	    (rc = cli_parse_enum(args->cmd, _("KIND"), cal_kind_words,
	    args->pos[1], &kind)) != 0)
		return rc;
	const char *reason = cli_arg(args, "reason");
	const char *why = NULL;
	char *blank = text_normalize(reason, strlen(reason), 0, &why);
	bool empty = blank != NULL && *blank == '\0';
	free(blank);
	if (empty)
		return cli_usage_error(args->cmd, _("--reason: say why, e.g. "
		    "\"Nghỉ bù Tết Dương lịch\""));
	Hoso__Response *resp;
	if ((rc = cal_send_set(cli, iso, kind, reason, &resp)) != 0)
		return rc;
	rc = cal_print_change_or_json(cli, resp->calendar_change, false);
	hoso_response_free(resp);
	return rc;
}

int
cmd_calendar_unset(struct cli *cli, const struct cli_args *args)
{
	Hoso__CalendarUnset cu = HOSO__CALENDAR_UNSET__INIT;
	char iso[11];
	int32_t day;
	int rc;

	if ((rc = cal_positional(args, 1, 1, _("say which day: DATE is "
	    "missing"))) != 0 ||
	    (rc = cal_parse_day(args->cmd, _("DATE"), args->pos[0], &day,
	    iso)) != 0)
		return rc;
	cu.date = iso;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_CALENDAR_UNSET;
	req.calendar_unset = &cu;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_CALENDAR_CHANGE);
	if (rc != 0)
		return rc;
	rc = cal_print_change_or_json(cli, resp->calendar_change, true);
	hoso_response_free(resp);
	return rc;
}
