/* fuzz_cal.c: the calendar arithmetic every deadline rests on: dates and
 * their formats (common/date.c), working days with an admin's edits
 * (common/cal.c), the lunar calendar (common/lunar.c), the published
 * calendar (daemon/workdays.c) and the deadline of a check's leg with its
 * explanation (daemon/legdue.c).  Each input picks days, counts and edits;
 * the target asserts the invariants the headers promise, so a wrong answer
 * is a crash just as a bad read is. */
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include "cal.h"
#include "date.h"
#include "legdue.h"
#include "lunar.h"
#include "workdays.h"
#include "fuzz.h"

#define MAX_EDITS 8
#define MAX_SUSP 3
#define MAX_LINES 2048

static int32_t day_min, day_max;

/* A day inside date.h's years, from the input. */
static int32_t
any_day(struct fz_in *in)
{
	/* Mostly near today's decades, where edits and holidays cluster. */
	if (fz_u8(in) & 1)
		return (int32_t)fz_range(in, date_from_ymd(1990, 1, 1),
		    date_from_ymd(2060, 12, 31));
	return (int32_t)fz_range(in, day_min, day_max);
}

/* Dates: day numbers, both formats, weekdays, months. */
static void
check_date(struct fz_in *in)
{
	int32_t d = any_day(in);
	int y, m, dd;
	char iso[11], vn[11];
	date_to_ymd(d, &y, &m, &dd);
	FUZZ_ASSERT(date_valid_ymd(y, m, dd), "day %d gives %d-%d-%d", d, y, m,
	    dd);
	FUZZ_ASSERT(date_from_ymd(y, m, dd) == d, "ymd round trip of %d", d);
	date_format_iso(d, iso);
	int32_t back = 0;
	FUZZ_ASSERT(date_parse_iso(iso, &back) == DATE_OK && back == d,
	    "parse_iso(format_iso(%d)) = '%s' -> %d", d, iso, back);
	date_format_vn(d, vn);
	FUZZ_ASSERT(date_parse_user(vn, &back) == DATE_OK && back == d,
	    "parse_user(format_vn(%d)) = '%s' -> %d", d, vn, back);
	FUZZ_ASSERT(date_parse_user(iso, &back) == DATE_OK && back == d,
	    "parse_user('%s')", iso);
	FUZZ_ASSERT(date_iso_day(iso) == d, "iso_day('%s')", iso);
	if (d < day_max)
		FUZZ_ASSERT(date_weekday(d + 1) == (date_weekday(d) + 1) % 7,
		    "weekday after %d", d);

	int months = (int)fz_range(in, 0, 1200);
	if (y + months / 12 + 1 <= DATE_MAX_YEAR) {
		int32_t later = date_add_months(d, months);
		int ly, lm, ld;
		date_to_ymd(later, &ly, &lm, &ld);
		FUZZ_ASSERT(ly * 12 + lm == y * 12 + m + months && ld <= dd,
		    "%s + %d months = %d-%d-%d", iso, months, ly, lm, ld);
		FUZZ_ASSERT(date_months_between(d, later) == months,
		    "months_between(%s, +%d months) = %d", iso, months,
		    date_months_between(d, later));
	}

	/* An instant: format then parse is the identity. */
	int64_t t = (int64_t)d * 86400 + fz_range(in, 0, 86399) - DATE_VN_OFFSET;
	if (t >= (int64_t)day_min * 86400 && t < (int64_t)day_max * 86400) {
		char buf[26];
		int64_t t2 = 0;
		date_format_instant_iso(t, buf);
		FUZZ_ASSERT(date_parse_instant(buf, &t2) == DATE_OK && t2 == t,
		    "parse_instant('%s') = %lld, want %lld", buf,
		    (long long)t2, (long long)t);
		FUZZ_ASSERT(date_of_instant_vn(t) == d, "date of instant '%s'",
		    buf);
	}
}

/* Free text from the input through every date parser: what parses
 * formats back to the same day or instant. */
static void
check_parsers(struct fz_in *in)
{
	char s[40];
	size_t n = fz_u8(in) % sizeof s;
	for (size_t i = 0; i < n; i++)
		s[i] = (char)fz_u8(in);
	s[n] = '\0';
	int32_t d;
	int64_t t;
	char buf[26];
	if (date_parse_iso(s, &d) == DATE_OK) {
		date_format_iso(d, buf);
		FUZZ_ASSERT(strcmp(buf, s) == 0, "strict ISO '%s' formats as '%s'",
		    s, buf);
	}
	if (date_parse_user(s, &d) == DATE_OK) {
		FUZZ_ASSERT(d >= day_min && d <= day_max, "user date '%s' = %d", s,
		    d);
		int32_t d2;
		date_format_vn(d, buf);
		FUZZ_ASSERT(date_parse_user(buf, &d2) == DATE_OK && d2 == d,
		    "user date '%s' -> '%s'", s, buf);
	}
	if (date_parse_instant(s, &t) == DATE_OK) {
		int64_t t2;
		date_format_instant_iso(t, buf);
		FUZZ_ASSERT(date_parse_instant(buf, &t2) == DATE_OK && t2 == t,
		    "instant '%s' -> '%s' -> %lld, want %lld", s, buf,
		    (long long)t2, (long long)t);
	}
	(void)date_iso_day(s);
}

/* A calendar with a few edits from the input. */
static void
make_cal(struct fz_in *in, struct cal *c, int32_t near)
{
	cal_init(c);
	int n = fz_u8(in) % (MAX_EDITS + 1);
	for (int i = 0; i < n; i++) {
		int32_t day = near + (int32_t)fz_range(in, -60, 400);
		int kind = (int)fz_range(in, 0, 3);     /* 0 and 3: invalid */
		char reason[16];
		snprintf(reason, sizeof reason, "edit %d", i);
		int rc = cal_set(c, day, kind, (i & 1) ? reason : NULL);
		bool valid = (kind == CAL_OFF || kind == CAL_WORK) &&
		    day >= day_min && day <= day_max;
		FUZZ_ASSERT(valid ? rc == 0 : rc == CAL_EINVAL,
		    "cal_set(%d, kind %d) = %d", day, kind, rc);
		if (rc == 0) {
			const struct cal_override *o = cal_get(c, day);
			FUZZ_ASSERT(o != NULL && o->kind == kind &&
			    cal_is_workday(c, day) == (kind == CAL_WORK),
			    "edit of %d not in force", day);
		}
	}
	for (size_t i = 1; i < c->n_ov; i++)
		FUZZ_ASSERT(c->ov[i - 1].day < c->ov[i].day, "edits out of order");
}

/* Working days: adding n and counting back gives n. */
static void
check_workdays(struct fz_in *in, const struct cal *c, int32_t a)
{
	int n = (int)fz_range(in, -300, 300);
	int32_t b = cal_add_workdays(c, a, n);
	const char *why;
	bool off = cal_day_off(c, a, &why);
	FUZZ_ASSERT(off == !cal_is_workday(c, a) && (!off || why != NULL),
	    "cal_day_off(%d)", a);
	if (b == INT32_MIN)
		return;
	FUZZ_ASSERT(b >= day_min && b <= day_max, "add_workdays out of range");
	FUZZ_ASSERT(cal_is_workday(c, b), "add_workdays(%d, %d) = %d is off",
	    a, n, b);
	bool aw = cal_is_workday(c, a);
	if (n > 0) {
		FUZZ_ASSERT(b > a && cal_workdays_between(c, a, b) == n,
		    "between(%d, add(%d, %d) = %d) = %d", a, a, n, b,
		    cal_workdays_between(c, a, b));
	} else if (n == 0) {
		FUZZ_ASSERT(aw ? b == a : (b > a &&
		    cal_workdays_between(c, a, b) == 1),
		    "add(%d, 0) = %d", a, b);
	} else {
		FUZZ_ASSERT(b < a && cal_workdays_between(c, b, a) ==
		    -n - 1 + (aw ? 1 : 0), "between(add(%d, %d) = %d, %d) = %d",
		    a, n, b, a, cal_workdays_between(c, b, a));
	}
	FUZZ_ASSERT(cal_workdays_between(c, a, a) == 0, "between(a, a)");
}

/* The year's days off: sized call and filled call agree, all are off, in
 * order, inside the year, none on a weekend. */
static void
check_year(const struct cal *c, int32_t a)
{
	int y, m, d;
	date_to_ymd(a, &y, &m, &d);
	static struct cal_day_off offs[400];
	size_t n = cal_year_days_off(c, y, NULL, 0);
	FUZZ_ASSERT(n <= 366, "%zu days off in %d", n, y);
	size_t n2 = cal_year_days_off(c, y, offs, sizeof offs / sizeof offs[0]);
	FUZZ_ASSERT(n2 == n, "days off of %d: %zu then %zu", y, n, n2);
	for (size_t i = 0; i < n; i++) {
		int oy, om, od;
		date_to_ymd(offs[i].day, &oy, &om, &od);
		FUZZ_ASSERT(oy == y && offs[i].reason != NULL &&
		    date_weekday(offs[i].day) < 5 &&
		    !cal_is_workday(c, offs[i].day) &&
		    (i == 0 || offs[i - 1].day < offs[i].day),
		    "day off %zu of %d", i, y);
	}
}

/* Lunar dates: solar -> lunar -> solar, and lunar -> solar -> lunar. */
static void
check_lunar(struct fz_in *in)
{
	int32_t lo = date_from_ymd(LUNAR_MIN_YEAR, 1, 1);
	int32_t hi = date_from_ymd(LUNAR_MAX_YEAR, 12, 31);
	int32_t d = (int32_t)fz_range(in, lo - 40, hi + 40);
	struct lunar_date l;
	int rc = lunar_from_solar(d, &l);
	FUZZ_ASSERT((d >= lo && d <= hi) == (rc == 0), "lunar domain at %d", d);
	if (rc == 0) {
		int len = lunar_month_days(l.year, l.month, l.leap);
		FUZZ_ASSERT(l.month >= 1 && l.month <= 12 && l.day >= 1 &&
		    (len == 29 || len == 30) && l.day <= len &&
		    (!l.leap || lunar_leap_month(l.year) == l.month),
		    "lunar %d/%d%s/%d (month of %d days)", l.day, l.month,
		    l.leap ? "L" : "", l.year, len);
		FUZZ_ASSERT(lunar_to_solar(&l) == d, "lunar round trip of %d", d);
		if (d < hi) {
			struct lunar_date nx;
			FUZZ_ASSERT(lunar_from_solar(d + 1, &nx) == 0 &&
			    (nx.day == l.day + 1 || (nx.day == 1 && l.day == len)),
			    "day after %d/%d/%d", l.day, l.month, l.year);
		}
	}
	struct lunar_date q = {
		.day = (int)fz_range(in, -1, 31),
		.month = (int)fz_range(in, -1, 13),
		.year = (int)fz_range(in, LUNAR_MIN_YEAR - 2, LUNAR_MAX_YEAR + 2),
		.leap = fz_u8(in) & 1,
	};
	int32_t s = lunar_to_solar(&q);
	if (s != INT32_MIN) {
		struct lunar_date r;
		FUZZ_ASSERT(lunar_from_solar(s, &r) == 0 && r.day == q.day &&
		    r.month == q.month && r.year == q.year && r.leap == q.leap,
		    "lunar %d/%d%s/%d -> %d -> %d/%d%s/%d", q.day, q.month,
		    q.leap ? "L" : "", q.year, s, r.day, r.month,
		    r.leap ? "L" : "", r.year);
	}
}

/* A leg's deadline, and its explanation agreeing with it. */
static void
check_legdue(struct fz_in *in, const struct cal *c, int32_t start)
{
	struct legdue_susp susp[MAX_SUSP];
	struct legdue_in li = {
		.start = start,
		.n = (int)fz_range(in, -1, 40),
		.susp = susp,
		.n_susp = fz_u8(in) % (MAX_SUSP + 1),
		.extended_to = LEGDUE_NONE,
	};
	int32_t at = start;
	bool open = false;
	for (size_t i = 0; i < li.n_susp; i++) {
		susp[i].from = at + (int32_t)fz_range(in, 0, 30);
		susp[i].to = (fz_u8(in) % 4 == 0) ? LEGDUE_OPEN :
		    susp[i].from + (int32_t)fz_range(in, 0, 30);
		open |= susp[i].to == LEGDUE_OPEN;
		at = susp[i].to == LEGDUE_OPEN ? susp[i].from : susp[i].to;
	}
	if (fz_u8(in) & 1)
		li.extended_to = start + (int32_t)fz_range(in, 0, 120);
	struct legdue_out out;
	int rc = legdue(c, &li, &out);
	long nl = legdue_explain(c, &li, NULL, 0);
	FUZZ_ASSERT((rc == 0) == (nl >= 0), "legdue %d but explain %ld", rc, nl);
	if (rc != 0) {
		FUZZ_ASSERT(li.n < 0 || start < day_min + 400 ||
		    start > day_max - 400 || li.extended_to > day_max,
		    "legdue refused start %d, n %d", start, li.n);
		return;
	}
	FUZZ_ASSERT(out.day_one == cal_add_workdays(c, start, 0) &&
	    out.due_rule == cal_add_workdays(c, out.day_one, li.n) &&
	    out.shift >= 0 &&
	    out.due_original == cal_add_workdays(c, out.due_rule, out.shift),
	    "legdue from %d: day one %d, due %d", start, out.day_one,
	    out.due_rule);
	FUZZ_ASSERT(cal_workdays_between(c, out.day_one, out.due_rule) == li.n,
	    "%d working days from %d end on %d", li.n, out.day_one,
	    out.due_rule);
	FUZZ_ASSERT(out.suspended == open && (open ? out.due == LEGDUE_NONE :
	    out.due == (li.extended_to != LEGDUE_NONE ? li.extended_to :
	    out.due_original)), "due in force");
	static struct legdue_line lines[MAX_LINES];
	size_t max = (size_t)fz_range(in, 0, MAX_LINES);
	long nl2 = legdue_explain(c, &li, lines, max);
	FUZZ_ASSERT(nl2 == nl, "explain counted %ld then %ld lines", nl, nl2);
	for (long i = 0; i < nl && (size_t)i < max; i++) {
		struct legdue_line *l = &lines[i];
		FUZZ_ASSERT(l->code != NULL && l->fmt != NULL && l->nargs >= 0 &&
		    l->nargs <= LEGDUE_ARGS, "line %ld", i);
		for (int k = 0; k < l->nargs; k++)
			FUZZ_ASSERT(memchr(l->args[k], '\0', LEGDUE_ARG_MAX) != NULL,
			    "line %ld arg %d unterminated", i, k);
	}
}

/* The calendar in force follows what is published. */
static void
check_published(struct cal *c)
{
	const struct cal *before = workdays_cal();
	FUZZ_ASSERT(before != NULL, "no calendar in force");
	workdays_publish(c);            /* c's edits now belong to it */
	const struct cal *now = workdays_cal();
	FUZZ_ASSERT(now != NULL && now->n_ov == c->n_ov,
	    "published calendar not in force");
	workdays_free();
	FUZZ_ASSERT(workdays_cal() != NULL && workdays_cal()->n_ov == 0,
	    "the built-in calendar after workdays_free");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size };
	day_min = date_from_ymd(DATE_MIN_YEAR, 1, 1);
	day_max = date_from_ymd(DATE_MAX_YEAR, 12, 31);

	check_date(&in);
	check_parsers(&in);
	check_lunar(&in);

	int32_t a = any_day(&in);
	struct cal c;
	make_cal(&in, &c, a);
	for (int i = 0; i < 4; i++)
		check_workdays(&in, &c, a + (int32_t)fz_range(&in, -30, 30));
	check_year(&c, a);
	check_legdue(&in, &c, a);

	/* Unset: once, then CAL_ENOENT. */
	if (c.n_ov > 0) {
		int32_t day = c.ov[fz_u8(&in) % c.n_ov].day;
		FUZZ_ASSERT(cal_unset(&c, day) == 0 && cal_get(&c, day) == NULL &&
		    cal_unset(&c, day) == CAL_ENOENT, "unset %d", day);
	}
	check_published(&c);
	return 0;
}
