/* test_date.c: unit tests for common/date.c. */
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "date.h"
#include "t.h"

/* Leap years and date_valid_ymd at the edges of months and years. */
static void
test_valid(void)
{
	CHECK(date_valid_ymd(2000, 2, 29), "2000 is a leap year");
	CHECK(!date_valid_ymd(1900, 2, 29), "1900 is not a leap year");
	CHECK(!date_valid_ymd(2100, 2, 29), "2100 is not a leap year");
	CHECK(date_valid_ymd(2024, 2, 29), "2024 is a leap year");
	CHECK(!date_valid_ymd(2025, 2, 29), "2025 is not a leap year");
	CHECK(date_valid_ymd(2400, 2, 29), "2400 is a leap year");
	CHECK(date_valid_ymd(2026, 12, 31), "31 December");
	CHECK(!date_valid_ymd(2026, 4, 31), "no 31 April");
	CHECK(!date_valid_ymd(2026, 13, 1), "no month 13");
	CHECK(!date_valid_ymd(2026, 0, 10), "no month 0");
	CHECK(!date_valid_ymd(2026, 1, 0), "no day 0");
	CHECK(!date_valid_ymd(2026, 1, 32), "no 32 January");
	CHECK(!date_valid_ymd(999, 1, 1), "year 999 is out of range");
	CHECK(date_valid_ymd(1000, 1, 1), "year 1000 is in range");
	CHECK(date_valid_ymd(9999, 12, 31), "year 9999 is in range");
	CHECK(!date_valid_ymd(10000, 1, 1), "year 10000 is out of range");
	CHECK(!date_valid_ymd(-1, 1, 1), "negative year is out of range");
}

/* Day numbers of known dates. */
static void
test_known_days(void)
{
	CHECK(date_from_ymd(1970, 1, 1) == 0, "epoch is day 0");
	CHECK(date_from_ymd(1969, 12, 31) == -1, "day before epoch is -1");
	CHECK(date_from_ymd(1970, 1, 2) == 1, "day after epoch is 1");
	CHECK(date_from_ymd(2000, 3, 1) == 11017, "2000-03-01 is day 11017");
	CHECK(date_from_ymd(2000, 1, 1) == 10957, "2000-01-01 is day 10957");
	CHECK(date_from_ymd(1900, 1, 1) == -25567, "1900-01-01 is day -25567");
	CHECK(date_from_ymd(2026, 11, 23) == 20780, "2026-11-23 is day 20780");
	CHECK(date_from_ymd(1, 1, 1) == -719162, "0001-01-01 is day -719162");
	CHECK(date_from_ymd(2038, 1, 19) == 24855, "2038-01-19 is day 24855");

	int y, m, d;
	date_to_ymd(-25567, &y, &m, &d);
	CHECK(y == 1900 && m == 1 && d == 1, "day -25567 is 1900-01-01");
	date_to_ymd(-719162, &y, &m, &d);
	CHECK(y == 1 && m == 1 && d == 1, "day -719162 is 0001-01-01");
	date_to_ymd(date_from_ymd(-400, 2, 29), &y, &m, &d);
	CHECK(y == -400 && m == 2 && d == 29, "negative years round-trip");
	date_to_ymd(INT32_MAX, &y, &m, &d);
	CHECK(y > 5000000 && m >= 1 && m <= 12 && d >= 1 && d <= 31,
	    "INT32_MAX gives a sane far-future date");
	date_to_ymd(INT32_MIN, &y, &m, &d);
	CHECK(y < -5000000 && m >= 1 && m <= 12 && d >= 1 && d <= 31,
	    "INT32_MIN gives a sane far-past date");
}

/* Every day of 1900-2199, both ways, against a naive day counter. */
static void
test_round_trip(void)
{
	int32_t expect = date_from_ymd(1900, 1, 1);
	int bad_from = 0, bad_to = 0, bad_valid = 0, bad_week = 0, n = 0;
	int wd = 0;                     /* 1900-01-01 was a Monday */

	for (int y = 1900; y < 2200; y++) {
		for (int m = 1; m <= 12; m++) {
			for (int d = 1; d <= 31; d++) {
				if (!date_valid_ymd(y, m, d))
					continue;
				int yy, mm, dd;
				if (date_from_ymd(y, m, d) != expect)
					bad_from++;
				date_to_ymd(expect, &yy, &mm, &dd);
				if (yy != y || mm != m || dd != d)
					bad_to++;
				if (date_weekday(expect) != wd)
					bad_week++;
				expect++;
				wd = (wd + 1) % 7;
				n++;
			}
		}
	}
	/* Count what date_valid_ymd accepted: 300 years of which 73 are leap
	 * (75 multiples of 4, but not 1900 and 2100; 2000 is). */
	if (n != 300 * 365 + 73)
		bad_valid++;
	CHECK(bad_valid == 0, "1900-2199 has %d days (want %d)", n,
	    300 * 365 + 73);
	CHECK(bad_from == 0, "date_from_ymd counts days 1900-2199 (%d wrong)",
	    bad_from);
	CHECK(bad_to == 0, "date_to_ymd inverts it 1900-2199 (%d wrong)",
	    bad_to);
	CHECK(bad_week == 0, "weekdays advance 1900-2199 (%d wrong)",
	    bad_week);
	CHECK(expect == date_from_ymd(2200, 1, 1), "2200-01-01 follows");
}

/* Weekdays of known dates, including before the epoch. */
static void
test_weekday(void)
{
	CHECK(date_weekday(date_from_ymd(2026, 11, 23)) == 0,
	    "2026-11-23 is a Monday");
	CHECK(date_weekday(date_from_ymd(2026, 11, 29)) == 6,
	    "2026-11-29 is a Sunday");
	CHECK(date_weekday(0) == 3, "1970-01-01 was a Thursday");
	CHECK(date_weekday(-1) == 2, "1969-12-31 was a Wednesday");
	CHECK(date_weekday(date_from_ymd(1945, 9, 2)) == 6,
	    "1945-09-02 was a Sunday");
	CHECK(date_weekday(date_from_ymd(1900, 1, 1)) == 0,
	    "1900-01-01 was a Monday");
	CHECK(date_weekday(date_from_ymd(2000, 2, 29)) == 1,
	    "2000-02-29 was a Tuesday");
	CHECK(date_weekday(INT32_MIN) >= 0 && date_weekday(INT32_MIN) <= 6,
	    "weekday of INT32_MIN is in range");
}

/* date_parse_iso: shape errors, range errors, good dates. */
static void
test_parse_iso(void)
{
	static const char *const syntax[] = {
		"", "2026", "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01",
		"2026-01-01 ", " 2026-01-01", "2026-01-011", "20260101",
		"2026-0a-01", "202x-01-01", "2026--01-01", "+026-01-01",
		"-026-01-01", "2026-01-0\xd9", "01/01/2026", "2026-01-01T00",
		"２026-01-01",
	};
	static const char *const range[] = {
		"2027-02-30", "2026-13-01", "2026-00-10", "2025-02-29",
		"1900-02-29", "2026-04-31", "2026-01-00", "2026-01-32",
		"0999-12-31", "0000-01-01", "2026-99-99",
	};
	int32_t days = 12345;

	for (size_t i = 0; i < sizeof syntax / sizeof syntax[0]; i++)
		CHECK(date_parse_iso(syntax[i], &days) == DATE_ESYNTAX,
		    "iso \"%s\" is a syntax error", syntax[i]);
	CHECK(date_parse_iso(NULL, &days) == DATE_ESYNTAX, "iso NULL");
	for (size_t i = 0; i < sizeof range / sizeof range[0]; i++)
		CHECK(date_parse_iso(range[i], &days) == DATE_ERANGE,
		    "iso \"%s\" is out of range", range[i]);
	CHECK(days == 12345, "failed parses leave *days alone");

	CHECK(date_parse_iso("2026-11-23", &days) == DATE_OK &&
	    days == date_from_ymd(2026, 11, 23), "iso 2026-11-23");
	CHECK(date_parse_iso("2000-02-29", &days) == DATE_OK &&
	    days == date_from_ymd(2000, 2, 29), "iso 2000-02-29");
	CHECK(date_parse_iso("2024-02-29", &days) == DATE_OK, "iso 2024-02-29");
	CHECK(date_parse_iso("1000-01-01", &days) == DATE_OK &&
	    days == date_from_ymd(1000, 1, 1), "iso 1000-01-01");
	CHECK(date_parse_iso("9999-12-31", &days) == DATE_OK &&
	    days == date_from_ymd(9999, 12, 31), "iso 9999-12-31");
	CHECK(date_parse_iso("1969-12-31", &days) == DATE_OK && days == -1,
	    "iso 1969-12-31");
}

/* date_parse_user: ISO and D/M/YYYY, with and without leading zeros. */
static void
test_parse_user(void)
{
	static const struct {
		const char *in;
		int rc, y, m, d;
	} cases[] = {
		{ "05/03/1990", DATE_OK, 1990, 3, 5 },
		{ "5/3/1990", DATE_OK, 1990, 3, 5 },
		{ "05/3/1990", DATE_OK, 1990, 3, 5 },
		{ "5/03/1990", DATE_OK, 1990, 3, 5 },
		{ "31/12/2026", DATE_OK, 2026, 12, 31 },
		{ "29/2/2000", DATE_OK, 2000, 2, 29 },
		{ "1990-03-05", DATE_OK, 1990, 3, 5 },
		{ "  23/11/2026 ", DATE_OK, 2026, 11, 23 },
		{ "\t2026-11-23\t", DATE_OK, 2026, 11, 23 },
		{ "29/2/1900", DATE_ERANGE, 0, 0, 0 },
		{ "29/02/2025", DATE_ERANGE, 0, 0, 0 },
		{ "30/2/2027", DATE_ERANGE, 0, 0, 0 },
		{ "1/13/2026", DATE_ERANGE, 0, 0, 0 },
		{ "0/1/2026", DATE_ERANGE, 0, 0, 0 },
		{ "00/00/2026", DATE_ERANGE, 0, 0, 0 },
		{ "1/1/0999", DATE_ERANGE, 0, 0, 0 },
		{ "2027-02-30", DATE_ERANGE, 0, 0, 0 },
		{ "", DATE_ESYNTAX, 0, 0, 0 },
		{ "   ", DATE_ESYNTAX, 0, 0, 0 },
		{ "5/3/90", DATE_ESYNTAX, 0, 0, 0 },
		{ "5/3/19900", DATE_ESYNTAX, 0, 0, 0 },
		{ "005/3/1990", DATE_ESYNTAX, 0, 0, 0 },
		{ "5/003/1990", DATE_ESYNTAX, 0, 0, 0 },
		{ "/3/1990", DATE_ESYNTAX, 0, 0, 0 },
		{ "5//1990", DATE_ESYNTAX, 0, 0, 0 },
		{ "5/3/", DATE_ESYNTAX, 0, 0, 0 },
		{ "5-3-1990", DATE_ESYNTAX, 0, 0, 0 },
		{ "5.3.1990", DATE_ESYNTAX, 0, 0, 0 },
		{ "5/3/1990x", DATE_ESYNTAX, 0, 0, 0 },
		{ "5 /3/1990", DATE_ESYNTAX, 0, 0, 0 },
		{ "a/3/1990", DATE_ESYNTAX, 0, 0, 0 },
		{ "1990-3-5", DATE_ESYNTAX, 0, 0, 0 },
		{ "1990/03/05", DATE_ESYNTAX, 0, 0, 0 },
		{ "5/3/1990                         ", DATE_OK, 1990, 3, 5 },
		{ "12345678901234567890", DATE_ESYNTAX, 0, 0, 0 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int32_t days = -99999;
		int rc = date_parse_user(cases[i].in, &days);
		if (cases[i].rc == DATE_OK)
			CHECK(rc == DATE_OK && days == date_from_ymd(
			    cases[i].y, cases[i].m, cases[i].d),
			    "user \"%s\" parses", cases[i].in);
		else
			CHECK(rc == cases[i].rc && days == -99999,
			    "user \"%s\" gives %d (got %d)", cases[i].in,
			    cases[i].rc, rc);
	}
	int32_t days;
	CHECK(date_parse_user(NULL, &days) == DATE_ESYNTAX, "user NULL");
}

/* Formatting, and parse(format(x)) == x over a long range. */
static void
test_format(void)
{
	char buf[11];
	int32_t back;

	date_format_iso(date_from_ymd(2026, 3, 5), buf);
	CHECK_STR(buf, "2026-03-05", "format iso");
	date_format_vn(date_from_ymd(2026, 3, 5), buf);
	CHECK_STR(buf, "05/03/2026", "format vn");
	date_format_iso(0, buf);
	CHECK_STR(buf, "1970-01-01", "format iso epoch");
	date_format_vn(-1, buf);
	CHECK_STR(buf, "31/12/1969", "format vn before epoch");
	date_format_iso(date_from_ymd(1000, 1, 1), buf);
	CHECK_STR(buf, "1000-01-01", "format iso year 1000");
	date_format_iso(date_from_ymd(999, 1, 1), buf);
	CHECK_STR(buf, "0999-01-01", "format iso pads a 3-digit year");
	date_format_iso(date_from_ymd(10000, 1, 1), buf);
	/* "\?" because "??-" is a trigraph in C17. */
	CHECK_STR(buf, "\?\?\?\?-01-01", "format iso of year 10000");
	date_format_vn(date_from_ymd(-5, 1, 1), buf);
	CHECK_STR(buf, "01/01/\?\?\?\?", "format vn of a negative year");
	date_format_iso(INT32_MIN, buf);
	CHECK(strlen(buf) == 10, "format iso of INT32_MIN is 10 chars");

	int bad_iso = 0, bad_vn = 0;
	for (int32_t day = date_from_ymd(1900, 1, 1);
	    day < date_from_ymd(2200, 1, 1); day++) {
		date_format_iso(day, buf);
		if (date_parse_iso(buf, &back) != DATE_OK || back != day)
			bad_iso++;
		date_format_vn(day, buf);
		if (date_parse_user(buf, &back) != DATE_OK || back != day)
			bad_vn++;
	}
	CHECK(bad_iso == 0, "iso format/parse round-trip 1900-2199 (%d wrong)",
	    bad_iso);
	CHECK(bad_vn == 0, "vn format/parse round-trip 1900-2199 (%d wrong)",
	    bad_vn);
}

/* Dates and times in Vietnam (UTC+7) from Unix instants. */
static void
test_instant(void)
{
	/* 2026-11-22T00:00:00Z */
	const int64_t d22 = (int64_t)date_from_ymd(2026, 11, 22) * 86400;
	int32_t d23 = date_from_ymd(2026, 11, 23);
	char buf[17];

	CHECK(date_of_instant_vn(d22 + 17 * 3600) == d23,
	    "2026-11-22T17:00:00Z is 23/11 in Vietnam");
	CHECK(date_of_instant_vn(d22 + 17 * 3600 - 1) == d23 - 1,
	    "2026-11-22T16:59:59Z is still 22/11 in Vietnam");
	CHECK(date_of_instant_vn(d22) == d23 - 1,
	    "UTC midnight is 07:00 the same day in Vietnam");
	CHECK(date_of_instant_vn(d22 + 86400 + 16 * 3600 + 3599) == d23,
	    "2026-11-23T16:59:59Z is 23/11 in Vietnam");
	CHECK(date_of_instant_vn(0) == 0, "epoch is 1970-01-01 in Vietnam");
	CHECK(date_of_instant_vn(-7 * 3600) == 0,
	    "1969-12-31T17:00:00Z is 1970-01-01 in Vietnam");
	CHECK(date_of_instant_vn(-7 * 3600 - 1) == -1,
	    "1969-12-31T16:59:59Z is 1969-12-31 in Vietnam");
	CHECK(date_of_instant_vn(-86400) == -1, "t = -86400");
	CHECK(date_of_instant_vn(-86400 - 7 * 3600 - 1) == -2,
	    "t = -86400 - 7h - 1s is two days back");
	CHECK(date_of_instant_vn((int64_t)date_from_ymd(1945, 9, 2) * 86400 +
	    2 * 3600) == date_from_ymd(1945, 9, 2),
	    "a 1945 instant (negative t)");
	CHECK(date_of_instant_vn(INT64_MAX) == INT32_MAX,
	    "INT64_MAX clamps");
	CHECK(date_of_instant_vn(INT64_MIN) == INT32_MIN + 1,
	    "INT64_MIN clamps above the INT32_MIN sentinel");

	date_format_instant_vn(d22 + 17 * 3600, buf);
	CHECK_STR(buf, "23/11/2026 00:00", "format at VN midnight");
	date_format_instant_vn(d22 + 17 * 3600 - 1, buf);
	CHECK_STR(buf, "22/11/2026 23:59", "format one second before");
	date_format_instant_vn(d22 + 2 * 3600 + 5 * 60 + 59, buf);
	CHECK_STR(buf, "22/11/2026 09:05", "format morning, seconds dropped");
	date_format_instant_vn(0, buf);
	CHECK_STR(buf, "01/01/1970 07:00", "format epoch");
	date_format_instant_vn(-1, buf);
	CHECK_STR(buf, "01/01/1970 06:59", "format t = -1");
	date_format_instant_vn(-7 * 3600 - 60, buf);
	CHECK_STR(buf, "31/12/1969 23:59", "format before epoch in VN");
	date_format_instant_vn(INT64_MIN, buf);
	CHECK(strlen(buf) == 16, "format of INT64_MIN is 16 chars");

	/* Every hour over a few years, both signs of t. */
	int bad = 0;
	for (int64_t t = -3LL * 366 * 86400; t < 3LL * 366 * 86400;
	    t += 3600) {
		int64_t local = t + 7 * 3600;
		int64_t want = local >= 0 ? local / 86400 :
		    -((-local + 86399) / 86400);
		if (date_of_instant_vn(t) != want)
			bad++;
	}
	CHECK(bad == 0, "hourly instants 1967-1972 (%d wrong)", bad);
}

/* date_today_vn follows the clock, not TZ. */
static void
test_today(void)
{
	int64_t now = (int64_t)time(NULL);
	int32_t before = date_of_instant_vn(now);

	setenv("TZ", "America/Los_Angeles", 1);
	tzset();
	int32_t today = date_today_vn();
	int32_t after = date_of_instant_vn((int64_t)time(NULL));
	CHECK(today == before || today == after,
	    "date_today_vn ignores TZ");
	setenv("TZ", "Pacific/Kiritimati", 1);
	tzset();
	today = date_today_vn();
	after = date_of_instant_vn((int64_t)time(NULL));
	CHECK(today == before || today == after,
	    "date_today_vn ignores TZ (UTC+14)");
	unsetenv("TZ");
	tzset();
	CHECK(today > date_from_ymd(2020, 1, 1), "today is after 2020");
}

int
main(void)
{
	test_valid();
	test_known_days();
	test_round_trip();
	test_weekday();
	test_parse_iso();
	test_parse_user();
	test_format();
	test_instant();
	test_today();
	return t_done();
}
