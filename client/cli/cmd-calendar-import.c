/* cmd-calendar-import.c: hoso calendar import: read a government holiday
 * calendar (.ics) with libical and set its days one by one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "cal-import.h"
#include "calendar.h"
#include "cli.h"
#include "date.h"
#include "i18n.h"
#include "text.h"

#define CAL_FILE_MAX (16u << 20)        /* largest .ics read */
#define CAL_EVENT_DAYS_MAX 366          /* longest event imported */

const struct cli_opt cmd_calendar_import_opts[] = {
	{ "dry-run", NULL, N_("only show the days the file would set; send "
	    "nothing"), 0, NULL },
	{ NULL, NULL, NULL, 0, NULL },
};

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
