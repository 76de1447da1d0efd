/* legdue.c: the deadline of one leg of a background check and its
 * day-by-day explanation (see legdue.h).  legdue() works the deadline out
 * with cal_add_workdays and cal_workdays_between; legdue_explain() runs
 * legdue() and then walks the days again, writing one line per step. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cal.h"
#include "date.h"
#include "i18n.h"
#include "legdue.h"

#define LEGDUE_NUM 24           /* a long in decimal, and the NUL */

/* Weekday names (date_weekday order), passed as msgids. */
static const char *const legdue_weekday[7] = {
	N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
	N_("Friday"), N_("Saturday"), N_("Sunday"),
};

/* Whether day lies inside the calendar's (date.h's) years. */
static bool
legdue_in_range(int32_t day)
{
	return day >= date_from_ymd(DATE_MIN_YEAR, 1, 1) &&
	    day <= date_from_ymd(DATE_MAX_YEAR, 12, 31);
}

/* Compute out: see legdue.h.  A negative n is refused like a day out of
 * range. */
int
legdue(const struct cal *c, const struct legdue_in *in,
    struct legdue_out *out)
{
	int64_t shift = 0;
	bool suspended = false;

	if (in->n < 0 || !legdue_in_range(in->start) ||
	    (in->n_susp > 0 && in->susp == NULL) ||
	    (in->extended_to != LEGDUE_NONE &&
	    !legdue_in_range(in->extended_to)))
		return -1;
	for (size_t i = 0; i < in->n_susp; i++) {
		const struct legdue_susp *s = &in->susp[i];
		if (!legdue_in_range(s->from))
			return -1;
		if (s->to == LEGDUE_OPEN) {
			suspended = true;
			continue;
		}
		if (!legdue_in_range(s->to))
			return -1;
		shift += cal_workdays_between(c, s->from, s->to);
		if (shift > INT_MAX)
			return -1;
	}

	int32_t day_one = cal_add_workdays(c, in->start, 0);
	if (day_one == INT32_MIN)
		return -1;
	int32_t due_rule = cal_add_workdays(c, day_one, in->n);
	if (due_rule == INT32_MIN)
		return -1;
	int32_t due_original = cal_add_workdays(c, due_rule, (int)shift);
	if (due_original == INT32_MIN)
		return -1;

	out->day_one = day_one;
	out->due_rule = due_rule;
	out->shift = (int)shift;
	out->due_original = due_original;
	out->suspended = suspended;
	if (suspended)
		out->due = LEGDUE_NONE;
	else if (in->extended_to != LEGDUE_NONE)
		out->due = in->extended_to;
	else
		out->due = due_original;
	return 0;
}

/* Where explanation lines go: at most max of them into out; n counts them
 * all. */
struct legdue_sink {
	struct legdue_line *out;
	size_t max;
	long n;
};

/* Copy src into dst[LEGDUE_ARG_MAX], cut short if need be at a character
 * boundary (src is UTF-8: an admin's text may be long). */
static void
legdue_copy_arg(char *dst, const char *src)
{
	size_t len = strlen(src);

	if (len >= LEGDUE_ARG_MAX) {
		len = LEGDUE_ARG_MAX - 1;
		while (len > 0 && ((unsigned char)src[len] & 0xc0) == 0x80)
			len--;          /* src[len] would start the next char */
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* Add a line: code, day, fmt and its nargs string arguments. */
static void
legdue_line_add(struct legdue_sink *k, const char *code, int32_t day,
    const char *fmt, int nargs, ...)
{
	if ((size_t)k->n < k->max) {
		struct legdue_line *l = &k->out[k->n];
		va_list ap;

		memset(l, 0, sizeof *l);
		l->code = code;
		l->day = day;
		l->fmt = fmt;
		l->nargs = nargs;
		va_start(ap, nargs);
		for (int i = 0; i < nargs && i < LEGDUE_ARGS; i++)
			legdue_copy_arg(l->args[i], va_arg(ap, const char *));
		va_end(ap);
	}
	k->n++;
}

/* A day as "YYYY-MM-DD" in buf[11]; returns buf. */
static const char *
legdue_iso(int32_t day, char *buf)
{
	date_format_iso(day, buf);
	return buf;
}

/* A number in decimal in buf[LEGDUE_NUM]; returns buf. */
static const char *
legdue_num(long v, char *buf)
{
	snprintf(buf, LEGDUE_NUM, "%ld", v);
	return buf;
}

/* The line for S, the day the leg started, when it is not a working day. */
static void
legdue_explain_start_off(struct legdue_sink *k, const struct cal *c,
    int32_t day)
{
	const char *why = NULL;
	char d[11];

	cal_day_off(c, day, &why);
	if (cal_get(c, day) != NULL)
		legdue_line_add(k, "skip", day, N_("%s is not a working day "
		    "(%s, set by an administrator), so the leg is taken to "
		    "start on the next working day."), 2, legdue_iso(day, d),
		    why);
	else
		legdue_line_add(k, "skip", day, N_("%s is not a working day "
		    "(%s), so the leg is taken to start on the next working "
		    "day."), 2, legdue_iso(day, d), why);
}

/* The line for a day off skipped on the way. */
static void
legdue_explain_skip(struct legdue_sink *k, const struct cal *c, int32_t day)
{
	const char *why = NULL;
	char d[11];

	cal_day_off(c, day, &why);
	if (cal_get(c, day) != NULL)
		legdue_line_add(k, "skip", day, N_("%s is skipped: %s (set by "
		    "an administrator)."), 2, legdue_iso(day, d), why);
	else
		legdue_line_add(k, "skip", day, N_("%s is skipped: %s."), 2,
		    legdue_iso(day, d), why);
}

/* The line for working day k of total. */
static void
legdue_explain_count(struct legdue_sink *k, const struct cal *c,
    int32_t day, long nth, long total)
{
	const struct cal_override *o = cal_get(c, day);
	char d[11], a[LEGDUE_NUM], b[LEGDUE_NUM];

	legdue_iso(day, d);
	legdue_num(nth, a);
	legdue_num(total, b);
	if (o != NULL && o->reason != NULL)
		legdue_line_add(k, "count", day, N_("%s: working day %s of %s "
		    "(a working day set by an administrator: %s)."), 4, d, a,
		    b, o->reason);
	else if (o != NULL)
		legdue_line_add(k, "count", day, N_("%s: working day %s of %s "
		    "(a working day set by an administrator)."), 3, d, a, b);
	else
		legdue_line_add(k, "count", day, N_("%s: working day %s of "
		    "%s."), 3, d, a, b);
}

/* The line for one suspension. */
static void
legdue_explain_susp(struct legdue_sink *k, const struct cal *c,
    const struct legdue_susp *s)
{
	char f[11], t[11], n[LEGDUE_NUM];

	legdue_iso(s->from, f);
	if (s->to == LEGDUE_OPEN) {
		legdue_line_add(k, "suspend", s->from, N_("The clock has been "
		    "stopped since %s; there is no deadline until it "
		    "restarts."), 1, f);
		return;
	}
	legdue_iso(s->to, t);
	int moved = cal_workdays_between(c, s->from, s->to);
	if (moved == 0)
		legdue_line_add(k, "suspend", s->from, N_("The clock stopped on "
		    "%s and restarted on %s: no working day was lost, the "
		    "deadline does not move."), 2, f, t);
	else if (moved == 1)
		legdue_line_add(k, "suspend", s->from, N_("The clock stopped on "
		    "%s and restarted on %s: the deadline moves by one working "
		    "day."), 2, f, t);
	else
		legdue_line_add(k, "suspend", s->from, N_("The clock stopped on "
		    "%s and restarted on %s: the deadline moves by %s working "
		    "days."), 3, f, t, legdue_num(moved, n));
}

/* Explain legdue's result: see legdue.h.  The lines, in order: the start
 * (and, if it is a day off, why and every day off up to the working day
 * the leg is taken to start on); when there is anything to count, where
 * counting starts and then every day up to due_original, counted or
 * skipped; each suspension; the day it is due, unless the clock is
 * stopped; the extension. */
long
legdue_explain(const struct cal *c, const struct legdue_in *in,
    struct legdue_line *out, size_t max)
{
	struct legdue_out r;
	struct legdue_sink k = { .out = out, .max = out != NULL ? max : 0 };
	char d[11], e[11];

	if (legdue(c, in, &r) != 0)
		return -1;

	legdue_line_add(&k, "start", in->start, N_("The leg started on %s "
	    "(%s)."), 2, legdue_iso(in->start, d),
	    legdue_weekday[date_weekday(in->start)]);
	if (r.day_one != in->start) {
		legdue_explain_start_off(&k, c, in->start);
		for (int32_t day = in->start + 1; day < r.day_one; day++)
			legdue_explain_skip(&k, c, day);
	}

	long total = (long)in->n + r.shift, nth = 0;
	if (total > 0) {
		legdue_line_add(&k, "day-one", r.day_one, N_("Counting starts "
		    "from %s; that day itself is not counted."), 1,
		    legdue_iso(r.day_one, d));
		for (int32_t day = r.day_one + 1; day <= r.due_original; day++) {
			if (cal_is_workday(c, day))
				legdue_explain_count(&k, c, day, ++nth, total);
			else
				legdue_explain_skip(&k, c, day);
		}
	}

	for (size_t i = 0; i < in->n_susp; i++)
		legdue_explain_susp(&k, c, &in->susp[i]);

	if (!r.suspended) {
		if (total == 0)
			legdue_line_add(&k, "due", r.due_original, N_("Same "
			    "working day: due at the end of %s."), 1,
			    legdue_iso(r.due_original, d));
		else
			legdue_line_add(&k, "due", r.due_original, N_("Due at "
			    "the end of %s."), 1,
			    legdue_iso(r.due_original, d));
	}
	if (in->extended_to != LEGDUE_NONE)
		legdue_line_add(&k, "extend", in->extended_to, N_("A new "
		    "appointment date was set: %s (the original deadline was "
		    "%s)."), 2, legdue_iso(in->extended_to, d),
		    legdue_iso(r.due_original, e));
	return k.n;
}
