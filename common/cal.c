/* cal.c: working days (see cal.h).
 * The built-in days off of a year are worked out once into a struct
 * cal_year, a bitmap of the year's days plus the list with reasons, and
 * kept in a process-wide table for CAL_MEMO_FIRST..CAL_MEMO_LAST.  Each slot
 * is filled by the first thread that needs it and published with a release
 * store; a thread that finds a slot being filled builds its own copy
 * instead of waiting.  Years outside the table are built on the caller's
 * stack, once per year a walk through the days enters. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "date.h"
#include "i18n.h"
#include "lunar.h"

#define CAL_MEMO_FIRST 1900
#define CAL_MEMO_LAST 2199
#define CAL_YEAR_MAX_OFF 24     /* 11 holidays and their compensations */

/* The built-in days off of one year. */
struct cal_year {
	int32_t jan1, next_jan1;        /* the year is [jan1, next_jan1) */
	uint8_t off[46];                /* bit (day - jan1): built-in day off */
	size_t n;
	struct {
		int32_t day;
		const char *reason;
	} days[CAL_YEAR_MAX_OFF];       /* in date order */
};

enum { CAL_MEMO_EMPTY, CAL_MEMO_FILLING, CAL_MEMO_READY };

static struct cal_year cal_memo[CAL_MEMO_LAST - CAL_MEMO_FIRST + 1];
static atomic_int cal_memo_state[CAL_MEMO_LAST - CAL_MEMO_FIRST + 1];

/* The first day number the calendar deals in (date.h's years). */
static int32_t
cal_first_day(void)
{
	return date_from_ymd(DATE_MIN_YEAR, 1, 1);
}

/* The last day number the calendar deals in. */
static int32_t
cal_last_day(void)
{
	return date_from_ymd(DATE_MAX_YEAR, 12, 31);
}

/* Whether day is a Saturday or a Sunday. */
static bool
cal_weekend(int32_t day)
{
	return date_weekday(day) >= 5;
}

/* Whether day is a built-in day off of y (day must lie in y). */
static bool
cal_year_has(const struct cal_year *y, int32_t day)
{
	int32_t i = day - y->jan1;
	return (y->off[i / 8] >> (i % 8)) & 1;
}

/* Add day to y's days off unless it already is one (or lies outside y). */
static void
cal_year_add(struct cal_year *y, int32_t day, const char *reason)
{
	if (day < y->jan1 || day >= y->next_jan1 || cal_year_has(y, day) ||
	    y->n == CAL_YEAR_MAX_OFF)
		return;
	int32_t i = day - y->jan1;
	y->off[i / 8] |= (uint8_t)(1u << (i % 8));

	size_t j = y->n++;              /* insertion keeps date order */
	while (j > 0 && y->days[j - 1].day > day) {
		y->days[j] = y->days[j - 1];
		j--;
	}
	y->days[j].day = day;
	y->days[j].reason = reason;
}

/* Day number of lunar d/m of lunar year, or INT32_MIN. */
static int32_t
cal_lunar(int d, int m, int year)
{
	struct lunar_date l = { .day = d, .month = m, .year = year };
	return lunar_to_solar(&l);
}

/* Give each holiday of y on a weekend, in date order, a compensatory day:
 * the first day after it that is still free. */
static void
cal_year_compensate(struct cal_year *y)
{
	int32_t weekend_days[CAL_YEAR_MAX_OFF];
	size_t nw = 0;

	for (size_t i = 0; i < y->n; i++)
		if (cal_weekend(y->days[i].day))
			weekend_days[nw++] = y->days[i].day;
	for (size_t i = 0; i < nw; i++) {
		int32_t d = weekend_days[i] + 1;
		while (d < y->next_jan1 &&
		    (cal_weekend(d) || cal_year_has(y, d)))
			d++;
		cal_year_add(y, d, N_("compensatory day off"));
	}
}

/* Work out the built-in days off of year into *y. */
static void
cal_year_build(int year, struct cal_year *y)
{
	memset(y, 0, sizeof *y);
	y->jan1 = date_from_ymd(year, 1, 1);
	y->next_jan1 = date_from_ymd(year + 1, 1, 1);

	cal_year_add(y, y->jan1, N_("New Year's Day"));
	int32_t tet = cal_lunar(1, 1, year);
	if (tet != INT32_MIN)
		for (int32_t d = tet - 1; d <= tet + 3; d++)
			cal_year_add(y, d, N_("Lunar New Year (Tết)"));
	int32_t hung = cal_lunar(10, 3, year);
	if (hung != INT32_MIN)
		cal_year_add(y, hung, N_("Hùng Kings' Commemoration Day"));
	cal_year_add(y, date_from_ymd(year, 4, 30), N_("Reunification Day"));
	cal_year_add(y, date_from_ymd(year, 5, 1),
	    N_("International Labour Day"));
	int32_t nd = date_from_ymd(year, 9, 2);
	cal_year_add(y, nd, N_("National Day"));
	cal_year_add(y, date_weekday(nd) == 0 ? nd + 1 : nd - 1,
	    N_("National Day"));
	cal_year_compensate(y);
}

/* The built-in days off of year: the process-wide copy, or one built in
 * *scratch. */
static const struct cal_year *
cal_year_get(int year, struct cal_year *scratch)
{
	if (year < CAL_MEMO_FIRST || year > CAL_MEMO_LAST) {
		cal_year_build(year, scratch);
		return scratch;
	}
	size_t i = (size_t)(year - CAL_MEMO_FIRST);
	if (atomic_load_explicit(&cal_memo_state[i], memory_order_acquire) ==
	    CAL_MEMO_READY)
		return &cal_memo[i];
	int expect = CAL_MEMO_EMPTY;
	if (!atomic_compare_exchange_strong(&cal_memo_state[i], &expect,
	    CAL_MEMO_FILLING)) {
		cal_year_build(year, scratch);  /* another thread is at it */
		return scratch;
	}
	cal_year_build(year, &cal_memo[i]);
	atomic_store_explicit(&cal_memo_state[i], CAL_MEMO_READY,
	    memory_order_release);
	return &cal_memo[i];
}

/* Index of the first override on or after day. */
static size_t
cal_lower_bound(const struct cal *c, int32_t day)
{
	size_t lo = 0, hi = c->n_ov;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->ov[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The override of day, or NULL. */
const struct cal_override *
cal_get(const struct cal *c, int32_t day)
{
	size_t i = cal_lower_bound(c, day);
	return i < c->n_ov && c->ov[i].day == day ? &c->ov[i] : NULL;
}

/* A walk through days: the year of the last day looked at stays at hand,
 * so that stepping costs a weekday, a binary search and a bit test. */
struct cal_walk {
	const struct cal *c;
	const struct cal_year *y;
	struct cal_year scratch;
};

/* The built-in days off of the year of day. */
static const struct cal_year *
cal_walk_year(struct cal_walk *w, int32_t day)
{
	if (w->y == NULL || day < w->y->jan1 || day >= w->y->next_jan1) {
		int y, m, d;
		date_to_ymd(day, &y, &m, &d);
		w->y = cal_year_get(y, &w->scratch);
	}
	return w->y;
}

/* Whether day is a working day; *reason as cal_day_off says. */
static bool
cal_walk_workday(struct cal_walk *w, int32_t day, const char **reason)
{
	const struct cal_override *o = cal_get(w->c, day);
	if (o != NULL) {
		*reason = o->reason;
		if (o->kind == CAL_OFF && o->reason == NULL)
			*reason = N_("day off");
		return o->kind == CAL_WORK;
	}
	*reason = NULL;
	const struct cal_year *y = cal_walk_year(w, day);
	if (cal_year_has(y, day)) {
		for (size_t i = 0; i < y->n; i++)
			if (y->days[i].day == day)
				*reason = y->days[i].reason;
		return false;
	}
	if (cal_weekend(day)) {
		*reason = N_("weekend");
		return false;
	}
	return true;
}

/* Whether day is a working day, for loops that need no reason. */
static bool
cal_walk_is_workday(struct cal_walk *w, int32_t day)
{
	const struct cal_override *o = cal_get(w->c, day);
	if (o != NULL)
		return o->kind == CAL_WORK;
	if (cal_weekend(day))
		return false;
	return !cal_year_has(cal_walk_year(w, day), day);
}

/* An empty calendar: see cal.h. */
void
cal_init(struct cal *c)
{
	c->ov = NULL;
	c->n_ov = c->cap_ov = 0;
}

/* Free the overrides: see cal.h. */
void
cal_free(struct cal *c)
{
	for (size_t i = 0; i < c->n_ov; i++)
		free(c->ov[i].reason);
	free(c->ov);
	cal_init(c);
}

/* Set the override of day: see cal.h. */
int
cal_set(struct cal *c, int32_t day, int kind, const char *reason)
{
	if ((kind != CAL_OFF && kind != CAL_WORK) || day < cal_first_day() ||
	    day > cal_last_day())
		return CAL_EINVAL;
	char *copy = NULL;
	if (reason != NULL && (copy = strdup(reason)) == NULL)
		return CAL_ENOMEM;

	size_t i = cal_lower_bound(c, day);
	if (i < c->n_ov && c->ov[i].day == day) {
		free(c->ov[i].reason);
		c->ov[i].kind = kind;
		c->ov[i].reason = copy;
		return 0;
	}
	if (c->n_ov == c->cap_ov) {
		size_t cap = c->cap_ov ? 2 * c->cap_ov : 16;
		struct cal_override *ov = realloc(c->ov, cap * sizeof *ov);
		if (ov == NULL) {
			free(copy);
			return CAL_ENOMEM;
		}
		c->ov = ov;
		c->cap_ov = cap;
	}
	memmove(&c->ov[i + 1], &c->ov[i], (c->n_ov - i) * sizeof c->ov[0]);
	c->ov[i] = (struct cal_override){ .day = day, .kind = kind,
	    .reason = copy };
	c->n_ov++;
	return 0;
}

/* Remove the override of day: see cal.h. */
int
cal_unset(struct cal *c, int32_t day)
{
	size_t i = cal_lower_bound(c, day);
	if (i == c->n_ov || c->ov[i].day != day)
		return CAL_ENOENT;
	free(c->ov[i].reason);
	memmove(&c->ov[i], &c->ov[i + 1], (c->n_ov - i - 1) * sizeof c->ov[0]);
	c->n_ov--;
	return 0;
}

/* Whether day is a working day. */
bool
cal_is_workday(const struct cal *c, int32_t day)
{
	struct cal_walk w = { .c = c };
	return cal_walk_is_workday(&w, day);
}

/* Whether day is a day off, and why: see cal.h. */
bool
cal_day_off(const struct cal *c, int32_t day, const char **reason)
{
	struct cal_walk w = { .c = c };
	const char *why;
	bool work = cal_walk_workday(&w, day, &why);

	if (reason != NULL)
		*reason = why;
	return !work;
}

/* The n-th working day after (n < 0: before) day: see cal.h. */
int32_t
cal_add_workdays(const struct cal *c, int32_t day, int n)
{
	int32_t first = cal_first_day(), last = cal_last_day();
	struct cal_walk w = { .c = c };

	if (day < first || day > last)
		return INT32_MIN;
	if (n == 0) {
		while (!cal_walk_is_workday(&w, day))
			if (day++ == last)
				return INT32_MIN;
		return day;
	}
	int step = n > 0 ? 1 : -1;
	int32_t end = n > 0 ? last : first;
	int64_t left = n > 0 ? n : -(int64_t)n;
	while (left > 0) {
		if (day == end)
			return INT32_MIN;
		day += step;
		left -= cal_walk_is_workday(&w, day);
	}
	return day;
}

/* Working days in (from, to]: see cal.h. */
int
cal_workdays_between(const struct cal *c, int32_t from, int32_t to)
{
	struct cal_walk w = { .c = c };
	int n = 0;

	if (from < cal_first_day())
		from = cal_first_day() - 1;
	if (to > cal_last_day())
		to = cal_last_day();
	if (to <= from)
		return 0;
	for (int32_t d = from + 1; d <= to; d++)
		n += cal_walk_is_workday(&w, d);
	return n;
}

/* The weekday days off of year: see cal.h. */
size_t
cal_year_days_off(const struct cal *c, int year, struct cal_day_off *out,
    size_t max)
{
	struct cal_walk w = { .c = c };
	size_t n = 0;

	if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR)
		return 0;
	int32_t end = date_from_ymd(year + 1, 1, 1);
	for (int32_t d = date_from_ymd(year, 1, 1); d < end; d++) {
		const char *why;
		if (cal_weekend(d) || cal_walk_workday(&w, d, &why))
			continue;
		if (n < max)
			out[n] = (struct cal_day_off){ .day = d, .reason = why,
			    .edited = cal_get(c, d) != NULL };
		n++;
	}
	return n;
}

/* An English msgid for a CAL_E* code. */
const char *
cal_strerror(int code)
{
	switch (code) {
	case 0:
		return N_("success");
	case CAL_ENOMEM:
		return N_("out of memory");
	case CAL_EINVAL:
		return N_("no such kind of day, or a date out of range");
	case CAL_ENOENT:
		return N_("no change was made to that day");
	}
	return N_("unknown calendar error");
}
