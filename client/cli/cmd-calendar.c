/* cmd-calendar.c: hoso calendar show|lunar|add-workdays|workdays|set|unset|
 * import, the working-day calendar every deadline is counted on.  The
 * server keeps the calendar (built-in holidays plus an admin's edits of
 * single days) and recomputes open files' deadlines after an edit; import
 * reads a government holiday calendar (.ics) with libical and sets its
 * days one by one. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "cal-import.h"
#include "cli.h"
#include "date.h"
#include "i18n.h"
#include "lunar.h"
#include "text.h"

#define CAL_FILE_MAX (16u << 20)        /* largest .ics read */
#define CAL_EVENT_DAYS_MAX 366          /* longest event imported */
#define CAL_NAMES_MAX 20                /* overdue files shown by name */

const struct cli_opt cmd_calendar_set_opts[] = {
	{ "reason", N_("TEXT"), N_("why the day is off or worked, e.g. \"Nghỉ "
	    "bù Tết Dương lịch\""), CLI_REQ, "reason" },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_calendar_import_opts[] = {
	{ "dry-run", NULL, N_("only show the days the file would set; send "
	    "nothing"), 0, NULL },
	{ NULL, NULL, NULL, 0, NULL },
};

static const struct hoso_enum_word cal_kind_words[] = {
	{ HOSO__CAL_DAY_KIND__CAL_DAY_OFF, "off", N_("day off") },
	{ HOSO__CAL_DAY_KIND__CAL_DAY_WORK, "work", N_("working day") },
	{ 0, NULL, NULL },
};

static const char *const cal_weekdays[] = { N_("Monday"), N_("Tuesday"),
	N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
	N_("Sunday") };

/* The Vietnamese names of the lunar years' stems and branches (can chi):
 * proper names, the same in every language. */
static const char *const cal_stems[] = { "Giáp", "Ất", "Bính", "Đinh",
	"Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý" };
static const char *const cal_branches[] = { "Tý", "Sửu", "Dần", "Mão",
	"Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi" };

static const char *
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
static int
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

/* Person ids, each once, in the order first seen. */
struct cal_ids {
	uint64_t *id;
	size_t n, cap;
};

static void
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
static void
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
static int
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

/* ---- import ---------------------------------------------------------------- */

/* One day the file sets. */
struct imp_day {
	int32_t day;
	int kind;
	char *reason;
	size_t seq;             /* order in the file, for "the last one counts" */
};

/* An event left out, and why (a msgid). */
struct imp_skip {
	char *summary;
	const char *why;
};

struct imp {
	const char *path;
	struct imp_day *d;
	size_t n, cap;
	struct imp_skip *skip;
	size_t nskip, capskip;
};

static void
imp_free(struct imp *im)
{
	for (size_t i = 0; i < im->n; i++)
		free(im->d[i].reason);
	free(im->d);
	for (size_t i = 0; i < im->nskip; i++)
		free(im->skip[i].summary);
	free(im->skip);
}

/* The whole file (or standard input for "-"), NUL-terminated; exit status
 * 2 with a message naming it when it cannot be read. */
static int
imp_read(const char *path, char **out)
{
	bool in = strcmp(path, "-") == 0;
	FILE *f = in ? stdin : fopen(path, "rb");
	*out = NULL;
	if (f == NULL) {
		cli_error(_("%s: cannot read it: %s"), path, strerror(errno));
		return CLI_EXIT_USAGE;
	}
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc = 0;
	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536;
			char *nb = realloc(buf, cap + 1);
			if (nb == NULL) {
				cli_error("%s", hoso_strerror(HOSO_E_NOMEM));
				rc = CLI_EXIT_UNREACHABLE;
				break;
			}
			buf = nb;
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (len > CAL_FILE_MAX) {
			cli_error(_("%s: too large for a calendar (more than %u "
			    "MiB)"), path, CAL_FILE_MAX >> 20);
			rc = CLI_EXIT_USAGE;
			break;
		}
		if (got == 0) {
			if (ferror(f)) {
				cli_error(_("%s: cannot read it: %s"), path,
				    strerror(errno));
				rc = CLI_EXIT_USAGE;
			}
			break;
		}
	}
	if (!in)
		fclose(f);
	if (rc == 0 && memchr(buf, '\0', len) != NULL) {
		cli_error(_("%s: cannot parse it as an iCalendar (.ics) file: "
		    "%s"), path, _("it is not text"));
		rc = CLI_EXIT_USAGE;
	}
	if (rc != 0) {
		free(buf);
		return rc;
	}
	buf[len] = '\0';
	*out = buf;
	return 0;
}

/* The event's summary for messages: cleaned, or a placeholder; malloc'd. */
static char *
imp_summary(icalcomponent *ev)
{
	const char *s = icalcomponent_get_summary(ev);
	return cli_clean(s && *s ? s : _("(no summary)"), false);
}

static int
imp_skip(struct imp *im, icalcomponent *ev, const char *why)
{
	if (im->nskip == im->capskip) {
		size_t ncap = im->capskip ? im->capskip * 2 : 8;
		struct imp_skip *nv = realloc(im->skip, ncap * sizeof *nv);
		if (nv == NULL) {
			cli_error("%s", hoso_strerror(HOSO_E_NOMEM));
			return HOSO_E_NOMEM;
		}
		im->skip = nv;
		im->capskip = ncap;
	}
	im->skip[im->nskip].summary = imp_summary(ev);
	im->skip[im->nskip++].why = why;
	return 0;
}

/* A problem with one event: the file is refused (exit 2). */
static int
imp_bad_event(struct imp *im, icalcomponent *ev, const char *why)
{
	char *s = imp_summary(ev);
	cli_error(_("%s: event '%s': %s"), im->path, s ? s : "", _(why));
	free(s);
	return CLI_EXIT_USAGE;
}

/* The day number of an iCalendar date, or INT32_MIN. */
static int32_t
imp_day_of(struct icaltimetype t)
{
	if (icaltime_is_null_time(t) || !date_valid_ymd(t.year, t.month, t.day))
		return INT32_MIN;
	return date_from_ymd(t.year, t.month, t.day);
}

/* The days of one VEVENT, added to im. */
static int
imp_event(struct imp *im, icalcomponent *ev)
{
	if (icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY) ||
	    icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY))
		return imp_skip(im, ev, N_("it repeats (RRULE or RDATE): list "
		    "its days one by one"));
	if (icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED)
		return imp_skip(im, ev, N_("it is cancelled"));
	icalproperty *p = icalcomponent_get_first_property(ev,
	    ICAL_DTSTART_PROPERTY);
	if (p == NULL)
		return imp_bad_event(im, ev, N_("DTSTART is missing"));
	struct icaltimetype start = icalproperty_get_dtstart(p);
	if (!start.is_date)
		return imp_skip(im, ev, N_("not an all-day event"));
	int32_t first = imp_day_of(start);
	if (first == INT32_MIN)
		return imp_bad_event(im, ev, N_("DTSTART is not a real date"));
	int32_t end = first + 1;        /* exclusive */
	if ((p = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY))) {
		struct icaltimetype t = icalproperty_get_dtend(p);
		if (!t.is_date)
			return imp_bad_event(im, ev, N_("DTSTART is a date but "
			    "DTEND a date and time"));
		if ((end = imp_day_of(t)) == INT32_MIN)
			return imp_bad_event(im, ev, N_("DTEND is not a real "
			    "date"));
		if (end <= first)
			return imp_bad_event(im, ev, N_("DTEND is not after "
			    "DTSTART"));
	} else if ((p = icalcomponent_get_first_property(ev,
	    ICAL_DURATION_PROPERTY))) {
		struct icaldurationtype d = icalproperty_get_duration(p);
		int secs = icaldurationtype_as_int(d);
		if (d.is_neg || secs <= 0)
			return imp_bad_event(im, ev, N_("DURATION is not a "
			    "positive length"));
		end = first + (secs + 86399) / 86400;
	}
	if (end - first > CAL_EVENT_DAYS_MAX)
		return imp_bad_event(im, ev, N_("it lasts more than a year"));

	const char *why = NULL;
	const char *summary = icalcomponent_get_summary(ev);
	char *reason = hoso_event_reason(summary, &why);
	if (reason == NULL)
		return imp_bad_event(im, ev, why ? why : N_("out of memory"));
	if (*reason == '\0') {
		free(reason);
		const char *base = strrchr(im->path, '/');
		if (asprintf(&reason, _("imported from %s"), base ? base + 1 :
		    im->path) < 0)
			return imp_bad_event(im, ev, N_("out of memory"));
	}
	const char *cats[16];
	size_t ncat = 0;
	for (p = icalcomponent_get_first_property(ev, ICAL_CATEGORIES_PROPERTY);
	    p != NULL && ncat < sizeof cats / sizeof cats[0];
	    p = icalcomponent_get_next_property(ev, ICAL_CATEGORIES_PROPERTY))
		cats[ncat++] = icalproperty_get_categories(p);
	int kind = hoso_event_is_workday(summary, cats, ncat) ?
	    HOSO__CAL_DAY_KIND__CAL_DAY_WORK : HOSO__CAL_DAY_KIND__CAL_DAY_OFF;

	for (int32_t day = first; day < end; day++) {
		if (im->n == im->cap) {
			size_t ncap = im->cap ? im->cap * 2 : 32;
			struct imp_day *nv = realloc(im->d, ncap * sizeof *nv);
			if (nv == NULL) {
				free(reason);
				return imp_bad_event(im, ev, N_("out of memory"));
			}
			im->d = nv;
			im->cap = ncap;
		}
		char *r = day + 1 < end ? strdup(reason) : reason;
		if (r == NULL) {
			free(reason);
			return imp_bad_event(im, ev, N_("out of memory"));
		}
		im->d[im->n] = (struct imp_day){ day, kind, r, im->n };
		im->n++;
	}
	return 0;
}

/* Every VEVENT under c (a VCALENDAR, or the XROOT of several). */
static int
imp_component(struct imp *im, icalcomponent *c)
{
	int rc = 0;
	for (icalcomponent *ev = icalcomponent_get_first_component(c,
	    ICAL_VEVENT_COMPONENT); ev != NULL && rc == 0;
	    ev = icalcomponent_get_next_component(c, ICAL_VEVENT_COMPONENT))
		rc = imp_event(im, ev);
	for (icalcomponent *cal = icalcomponent_get_first_component(c,
	    ICAL_VCALENDAR_COMPONENT); cal != NULL && rc == 0;
	    cal = icalcomponent_get_next_component(c, ICAL_VCALENDAR_COMPONENT))
		rc = imp_component(im, cal);
	return rc;
}

/* The first parse error libical noted under c, or NULL. */
static const char *
imp_first_error(icalcomponent *c)
{
	icalproperty *p = icalcomponent_get_first_property(c,
	    ICAL_XLICERROR_PROPERTY);
	if (p != NULL)
		return icalproperty_get_xlicerror(p);
	for (icalcomponent *k = icalcomponent_get_first_component(c,
	    ICAL_ANY_COMPONENT); k != NULL;
	    k = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
		const char *e = imp_first_error(k);
		if (e != NULL)
			return e;
	}
	return NULL;
}

static int
imp_cmp(const void *a, const void *b)
{
	const struct imp_day *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Parse the file into im: its days in date order, each once. */
static int
imp_parse(struct imp *im, char *text)
{
	icalerror_set_errors_are_fatal(0);
	icalcomponent *root = icalparser_parse_string(text);
	icalcomponent_kind k = root ? icalcomponent_isa(root) :
	    ICAL_NO_COMPONENT;
	if (k != ICAL_VCALENDAR_COMPONENT && k != ICAL_XROOT_COMPONENT) {
		cli_error(_("%s: cannot parse it as an iCalendar (.ics) file: "
		    "%s"), im->path, _("no VCALENDAR found, or one is not "
		    "closed by END:VCALENDAR"));
		if (root != NULL)
			icalcomponent_free(root);
		return CLI_EXIT_USAGE;
	}
	const char *err = imp_first_error(root);
	if (err != NULL) {
		char *clean = cli_clean(err, false);
		cli_error(_("%s: cannot parse it as an iCalendar (.ics) file: "
		    "%s"), im->path, clean ? clean : "");
		free(clean);
		icalcomponent_free(root);
		return CLI_EXIT_USAGE;
	}
	int rc = imp_component(im, root);
	icalcomponent_free(root);
	if (rc != 0)
		return rc < 0 ? CLI_EXIT_UNREACHABLE : rc;
	for (size_t i = 0; i < im->nskip; i++)
		cli_error(_("%s: skipped event '%s': %s"), im->path,
		    im->skip[i].summary ? im->skip[i].summary : "",
		    _(im->skip[i].why));
	if (im->n == 0) {
		cli_error(_("%s: no all-day event to import"), im->path);
		return CLI_EXIT_USAGE;
	}
	qsort(im->d, im->n, sizeof *im->d, imp_cmp);
	size_t o = 0;
	for (size_t i = 0; i < im->n; i++) {
		if (o > 0 && im->d[o - 1].day == im->d[i].day) {
			struct imp_day *prev = &im->d[o - 1];
			if (prev->kind != im->d[i].kind ||
			    strcmp(prev->reason, im->d[i].reason) != 0) {
				char vn[11];
				date_format_vn(im->d[i].day, vn);
				char *r = cli_clean(im->d[i].reason, false);
				cli_error(_("%s: %s is in more than one event; the "
				    "last one counts (%s)"), im->path, vn,
				    r ? r : "");
				free(r);
			}
			free(prev->reason);
			*prev = im->d[i];
			continue;
		}
		im->d[o++] = im->d[i];
	}
	im->n = o;
	return 0;
}

/* One imported day, as a line of the human output. */
static void
imp_print_day(const struct imp_day *d, uint32_t moved, size_t wd_width,
    size_t kind_width)
{
	char vn[11];
	date_format_vn(d->day, vn);
	char *r = cli_clean(d->reason, false);
	printf("  %s  ", vn);
	cli_pad(stdout, cal_weekday(d->day), wd_width + 2);
	cli_pad(stdout, cli_label(cal_kind_words, d->kind), kind_width + 2);
	printf("%s", r ? r : "");
	if (moved > 0)
		printf(_(" (deadlines moved: %u)"), (unsigned)moved);
	putchar('\n');
	free(r);
}

static void
imp_json(struct json *j, const struct imp *im, bool dry,
    Hoso__CalendarChange *const *changes, size_t nset, uint32_t moved,
    const struct cal_ids *overdue, const char *stopped_at)
{
	size_t off = 0, work = 0;
	json_begin_object(j);
	json_key(j, "file");
	json_string(j, im->path);
	json_key(j, "dry_run");
	json_bool(j, dry);
	json_key(j, "days");
	json_begin_array(j);
	size_t shown = dry ? im->n : nset;
	for (size_t i = 0; i < shown; i++) {
		if (!dry) {
			json_calendar_change(j, changes[i]);
		} else {
			char iso[11];
			date_format_iso(im->d[i].day, iso);
			Hoso__CalendarEdit e = HOSO__CALENDAR_EDIT__INIT;
			Hoso__CalendarChange c = HOSO__CALENDAR_CHANGE__INIT;
			e.date = iso;
			e.kind = (Hoso__CalDayKind)im->d[i].kind;
			e.reason = im->d[i].reason;
			c.edit = &e;
			json_calendar_change(j, &c);
		}
		if (im->d[i].kind == HOSO__CAL_DAY_KIND__CAL_DAY_WORK)
			work++;
		else
			off++;
	}
	json_end_array(j);
	json_key(j, "set");
	json_uint(j, dry ? 0 : nset);
	json_key(j, "days_off");
	json_uint(j, off);
	json_key(j, "working_days");
	json_uint(j, work);
	json_key(j, "deadlines_moved");
	json_uint(j, moved);
	json_key(j, "now_overdue");
	json_begin_array(j);
	for (size_t i = 0; i < overdue->n; i++)
		json_uint(j, overdue->id[i]);
	json_end_array(j);
	json_key(j, "stopped_at");
	json_string(j, stopped_at);
	json_key(j, "skipped");
	json_begin_array(j);
	for (size_t i = 0; i < im->nskip; i++) {
		json_begin_object(j);
		json_key(j, "summary");
		json_string(j, im->skip[i].summary);
		json_key(j, "why");
		json_string(j, _(im->skip[i].why));
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
}

int
cmd_calendar_import(struct cli *cli, const struct cli_args *args)
{
	struct imp im = { 0 };
	char *text = NULL;
	int rc;

	if ((rc = cal_positional(args, 1, 1, _("say which file: FILE.ics is "
	    "missing"))) != 0)
		return rc;
	im.path = args->pos[0];
	bool dry = cli_arg(args, "dry-run") != NULL;
	if ((rc = imp_read(im.path, &text)) != 0)
		return rc;
	rc = imp_parse(&im, text);
	free(text);
	if (rc != 0) {
		imp_free(&im);
		return rc;
	}

	size_t wd_width = 0, kind_width = 0;
	for (size_t i = 0; i < 7; i++)
		if (text_width(_(cal_weekdays[i])) > wd_width)
			wd_width = text_width(_(cal_weekdays[i]));
	for (const struct hoso_enum_word *w = cal_kind_words; w->word; w++)
		if (text_width(_(w->label)) > kind_width)
			kind_width = text_width(_(w->label));

	Hoso__Response **resps = calloc(im.n, sizeof *resps);
	Hoso__CalendarChange **changes = calloc(im.n, sizeof *changes);
	struct cal_ids overdue = { 0 };
	uint32_t moved = 0;
	size_t nset = 0, off = 0, work = 0;
	char stopped[11] = "";
	if (resps == NULL || changes == NULL) {
		cli_error("%s", hoso_strerror(HOSO_E_NOMEM));
		rc = CLI_EXIT_UNREACHABLE;
		goto out;
	}
	if (!cli->json) {
		char *path = cli_clean(im.path, false);
		printf(dry ? _("The days %s would set (nothing is sent):\n") :
		    _("Setting the days of %s:\n"), path ? path : "");
		free(path);
	}
	for (size_t i = 0; i < im.n; i++) {
		const struct imp_day *d = &im.d[i];
		uint32_t m = 0;
		if (!dry) {
			char iso[11];
			date_format_iso(d->day, iso);
			rc = cal_send_set(cli, iso, d->kind, d->reason,
			    &resps[i]);
			if (rc != 0) {
				memcpy(stopped, iso, sizeof stopped);
				break;
			}
			changes[i] = resps[i]->calendar_change;
			m = changes[i]->deadlines_moved;
			moved += m;
			cal_ids_add(&overdue, changes[i]->now_overdue,
			    changes[i]->n_now_overdue);
			nset++;
		}
		if (d->kind == HOSO__CAL_DAY_KIND__CAL_DAY_WORK)
			work++;
		else
			off++;
		if (!cli->json)
			imp_print_day(d, m, wd_width, kind_width);
	}
	if (cli->json) {
		struct json j;
		json_init(&j);
		imp_json(&j, &im, dry, changes, nset, moved, &overdue,
		    *stopped ? stopped : NULL);
		int jrc = cli_print_json(&j);
		if (rc == 0)
			rc = jrc;
	} else if (rc == 0) {
		if (dry)
			printf(_("Days in the file: %zu (days off: %zu, working "
			    "days: %zu).\n"), im.n, off, work);
		else
			printf(_("Days set: %zu (days off: %zu, working days: "
			    "%zu).\n"), nset, off, work);
		if (!dry)
			cal_print_effects(cli, moved, overdue.id, overdue.n);
	}
	if (rc != 0 && *stopped) {
		int32_t day;
		char vn[11];
		date_parse_iso(stopped, &day);
		date_format_vn(day, vn);
		cli_error(_("the import stopped at %s: %zu of the file's %zu "
		    "days were set before it"), vn, nset, im.n);
		if (!cli->json && nset > 0)
			cal_print_effects(cli, moved, overdue.id, overdue.n);
	}
out:
	for (size_t i = 0; resps != NULL && i < im.n; i++)
		hoso_response_free(resps[i]);
	free(resps);
	free(changes);
	free(overdue.id);
	imp_free(&im);
	return rc;
}
