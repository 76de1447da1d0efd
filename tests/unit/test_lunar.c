/* test_lunar.c: unit tests for common/lunar.c, the Vietnamese lunar
 * calendar.  The dates are Vietnam's published ones; where China's calendar
 * (UTC+8) differs, the comment says so.  The whole domain was also compared
 * day by day with Hồ Ngọc Đức's own JavaScript version of the algorithm
 * (identical) and with his tables for 1800-2199 (Tết 2100-02-09 agrees). */
#include <stdint.h>
#include <stdio.h>

#include "date.h"
#include "lunar.h"
#include "t.h"

/* Day number of a lunar date, for short checks. */
static int32_t
l2s(int d, int m, int y, bool leap)
{
	struct lunar_date l = { .day = d, .month = m, .year = y, .leap = leap };
	return lunar_to_solar(&l);
}

/* Whether solar y-m-d is lunar d/m/y (leap or not) both ways round. */
static bool
same_day(int y, int m, int d, int ld, int lm, int ly, bool leap)
{
	struct lunar_date l;
	int32_t days = date_from_ymd(y, m, d);

	if (lunar_from_solar(days, &l) != 0)
		return false;
	return l.day == ld && l.month == lm && l.year == ly && l.leap == leap &&
	    l2s(ld, lm, ly, leap) == days;
}

/* Tết (1/1) in Vietnam in years chosen for their history or their edges. */
static void
test_tet(void)
{
	static const struct { int y, m, d; const char *note; } tet[] = {
		{ 1900, 1, 31, "first year of the tested range" },
		{ 1968, 1, 29, "China: 1968-01-30; Vietnam's UTC+7 calendar "
		    "starts this year" },
		{ 1985, 1, 21, "China: 1985-02-20, the famous difference" },
		{ 2000, 2, 5, "" },
		{ 2007, 2, 17, "China: 2007-02-18" },
		{ 2024, 2, 10, "" },
		{ 2025, 1, 29, "" },
		{ 2026, 2, 17, "" },
		{ 2027, 2, 6, "" },
		{ 2030, 2, 2, "China: 2030-02-03" },
		{ 2100, 2, 9, "also in Hồ Ngọc Đức's table for 2100-2199" },
	};
	for (size_t i = 0; i < sizeof tet / sizeof tet[0]; i++) {
		int y = tet[i].y;
		CHECK(same_day(y, tet[i].m, tet[i].d, 1, 1, y, false),
		    "Tết %d is %d-%02d-%02d %s", y, y, tet[i].m, tet[i].d,
		    tet[i].note);
	}
	/* The day before Tết is the last day of the old year. */
	CHECK(same_day(2026, 2, 16, 29, 12, 2025, false),
	    "2026-02-16 is 29/12 of lunar 2025 (month 12 has 29 days)");
	CHECK(same_day(2025, 1, 28, 29, 12, 2024, false),
	    "2025-01-28 is 29/12 of lunar 2024");
	CHECK(lunar_month_days(2025, 12, false) == 29,
	    "lunar 2025's month 12 has 29 days");
}

/* Hùng Kings' day (10/3) and other known days. */
static void
test_known(void)
{
	CHECK(same_day(2024, 4, 18, 10, 3, 2024, false), "Hùng Kings 2024");
	CHECK(same_day(2025, 4, 7, 10, 3, 2025, false), "Hùng Kings 2025");
	CHECK(same_day(2026, 4, 26, 10, 3, 2026, false), "Hùng Kings 2026");
	CHECK(same_day(2025, 10, 6, 15, 8, 2025, false),
	    "Mid-Autumn 2025 is 2025-10-06");
	CHECK(same_day(2026, 1, 1, 13, 11, 2025, false),
	    "2026-01-01 is 13/11 of lunar 2025");
	/* Days where the original program says "day 0 of the next month":
	 * a true new moon far from the mean one (see lunar_from_solar). */
	CHECK(same_day(2054, 5, 7, 30, 3, 2054, false),
	    "2054-05-07 is 30/3, not 0/4");
	CHECK(same_day(1877, 4, 13, 30, 2, 1877, false),
	    "1877-04-13 is 30/2, not 0/3");
}

/* Leap months: which years have one, which month, where it starts. */
static void
test_leap(void)
{
	CHECK(lunar_leap_month(2020) == 4, "2020 has a leap 4th month");
	CHECK(same_day(2020, 5, 23, 1, 4, 2020, true),
	    "2020-05-23 is 1/4 leap");
	CHECK(same_day(2020, 5, 22, 30, 4, 2020, false),
	    "2020-05-22 is 30/4, the day before");
	CHECK(lunar_leap_month(2023) == 2, "2023 has a leap 2nd month");
	CHECK(same_day(2023, 3, 22, 1, 2, 2023, true),
	    "2023-03-22 is 1/2 leap");
	CHECK(lunar_leap_month(2025) == 6, "2025 has a leap 6th month");
	CHECK(same_day(2025, 7, 25, 1, 6, 2025, true),
	    "2025-07-25 is 1/6 leap");
	CHECK(same_day(2025, 8, 23, 1, 7, 2025, false),
	    "2025-08-23 is 1/7, after the leap 6th month");
	CHECK(lunar_leap_month(2033) == 11,
	    "2033 has a leap 11th month (the '2033 problem')");
	CHECK(same_day(2033, 12, 22, 1, 11, 2033, true),
	    "2033-12-22 is 1/11 leap of lunar 2033");
	CHECK(lunar_leap_month(2024) == 0 && lunar_leap_month(2026) == 0,
	    "2024 and 2026 have no leap month");
	CHECK(l2s(1, 4, 2026, true) == INT32_MIN, "no 1/4 leap in 2026");
	CHECK(l2s(1, 5, 2020, true) == INT32_MIN, "no 1/5 leap in 2020");
	CHECK(lunar_month_days(2026, 4, true) == 0, "no leap month 4 in 2026");
}

/* Refusals: fields out of range, days a month does not have, the domain. */
static void
test_invalid(void)
{
	struct lunar_date l;
	int m29 = 0;

	for (int m = 1; m <= 12 && m29 == 0; m++)
		if (lunar_month_days(2026, m, false) == 29)
			m29 = m;
	CHECK(m29 != 0 && l2s(30, m29, 2026, false) == INT32_MIN &&
	    l2s(29, m29, 2026, false) != INT32_MIN,
	    "day 30 of a 29-day month does not exist");
	CHECK(l2s(0, 1, 2026, false) == INT32_MIN, "no day 0");
	CHECK(l2s(31, 1, 2026, false) == INT32_MIN, "no day 31");
	CHECK(l2s(1, 0, 2026, false) == INT32_MIN, "no month 0");
	CHECK(l2s(1, 13, 2026, false) == INT32_MIN, "no month 13");
	CHECK(l2s(1, 1, LUNAR_MIN_YEAR - 1, false) == INT32_MIN,
	    "lunar 1/1/%d is before the domain", LUNAR_MIN_YEAR - 1);
	CHECK(l2s(1, 1, LUNAR_MAX_YEAR + 1, false) == INT32_MIN,
	    "lunar 1/1/%d is after the domain", LUNAR_MAX_YEAR + 1);
	CHECK(lunar_from_solar(date_from_ymd(LUNAR_MIN_YEAR, 1, 1) - 1, &l) ==
	    LUNAR_ERANGE, "the day before the domain has no lunar date");
	CHECK(lunar_from_solar(date_from_ymd(LUNAR_MAX_YEAR + 1, 1, 1), &l) ==
	    LUNAR_ERANGE, "the day after the domain has no lunar date");
	CHECK(lunar_from_solar(INT32_MIN, &l) == LUNAR_ERANGE &&
	    lunar_from_solar(INT32_MAX, &l) == LUNAR_ERANGE,
	    "extreme day numbers are refused");
}

/* Whether lunar date b is the day after a. */
static bool
is_next(const struct lunar_date *a, const struct lunar_date *b)
{
	if (b->day != 1)
		return b->day == a->day + 1 && b->month == a->month &&
		    b->year == a->year && b->leap == a->leap;
	if (a->day != 29 && a->day != 30)
		return false;
	if (b->leap)            /* the leap month repeats the month before */
		return b->month == a->month && !a->leap && b->year == a->year;
	if (a->month == 12)
		return b->month == 1 && b->year == a->year + 1;
	return b->month == a->month + 1 && b->year == a->year;
}

/* Every day of the domain: the round trip solar -> lunar -> solar, each
 * day the successor of the one before, months of 29 or 30 days, leap months
 * where lunar_leap_month says, and 12 or 13 months a year. */
static void
test_every_day(void)
{
	int32_t first = date_from_ymd(LUNAR_MIN_YEAR, 1, 1);
	int32_t last = date_from_ymd(LUNAR_MAX_YEAR, 12, 31);
	long bad_trip = 0, bad_next = 0, bad_len = 0, bad_leap = 0;
	long months = 0, leaps = 0;
	int32_t month_start = INT32_MIN, bad_day = 0;
	struct lunar_date prev = { 0 }, l;

	for (int32_t d = first; d <= last; d++) {
		if (lunar_from_solar(d, &l) != 0 || lunar_to_solar(&l) != d) {
			if (bad_trip++ == 0)
				bad_day = d;
			continue;
		}
		if (d > first && !is_next(&prev, &l) && bad_next++ == 0)
			bad_day = d;
		if (l.day == 1 && month_start != INT32_MIN) {
			int len = d - month_start;
			if ((len != 29 && len != 30) || len != lunar_month_days(
			    prev.year, prev.month, prev.leap))
				bad_len++;
		}
		if (l.day == 1) {
			if (l.leap && lunar_leap_month(l.year) != l.month)
				bad_leap++;
			month_start = d;
			months++;
			leaps += l.leap;
		}
		prev = l;
	}
	if (bad_trip + bad_next > 0) {
		char buf[11];
		date_format_iso(bad_day, buf);
		printf("# first bad day: %s\n", buf);
	}
	CHECK(bad_trip == 0, "round trip solar -> lunar -> solar for all %ld "
	    "days %d-%d (%ld bad)", (long)(last - first + 1), LUNAR_MIN_YEAR,
	    LUNAR_MAX_YEAR, bad_trip);
	CHECK(bad_next == 0, "each day's lunar date follows the day before's "
	    "(%ld bad)", bad_next);
	CHECK(bad_len == 0, "every month has 29 or 30 days, as "
	    "lunar_month_days says (%ld bad)", bad_len);
	CHECK(bad_leap == 0, "every leap month is lunar_leap_month's (%ld bad)",
	    bad_leap);
	/* 500 years hold about 6184 lunations, about 184 of them leap */
	CHECK(months >= 6180 && months <= 6190 && leaps >= 180 && leaps <= 190,
	    "%ld months, %ld of them leap", months, leaps);
}

/* lunar_leap_month agrees with lunar_month_days for every year, and a leap
 * month is never in a year whose next 1/1 comes 12 months later. */
static void
test_leap_years(void)
{
	int bad = 0, gap = 0;

	for (int y = LUNAR_MIN_YEAR; y < LUNAR_MAX_YEAR; y++) {
		int leap = lunar_leap_month(y), n = 0;
		for (int m = 1; m <= 12; m++) {
			bool has = lunar_month_days(y, m, true) != 0;
			n += has;
			if (has != (m == leap))
				bad++;
		}
		int32_t len = l2s(1, 1, y + 1, false) - l2s(1, 1, y, false);
		if (leap ? len < 383 || len > 385 : len < 353 || len > 355)
			gap++;
		if (n > 1)
			bad++;
	}
	CHECK(bad == 0, "lunar_leap_month matches the leap months that exist "
	    "(%d bad)", bad);
	CHECK(gap == 0, "lunar years have 353-355 days, or 383-385 with a leap "
	    "month (%d bad)", gap);
}

int
main(void)
{
	test_tet();
	test_known();
	test_leap();
	test_invalid();
	test_every_day();
	test_leap_years();
	return t_done();
}
