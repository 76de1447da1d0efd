/* test_cal.c: unit tests for common/cal.c, working days. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal.h"
#include "date.h"
#include "t.h"

#define D(y, m, d) date_from_ymd(y, m, d)

/* A deterministic pseudo-random number (xorshift64). */
static uint64_t
rnd(void)
{
	static uint64_t s = 0x9e3779b97f4a7c15u;
	s ^= s << 13;
	s ^= s >> 7;
	s ^= s << 17;
	return s;
}

/* A random day of lo..hi. */
static int32_t
rnd_day(int32_t lo, int32_t hi)
{
	return lo + (int32_t)(rnd() % (uint64_t)(hi - lo + 1));
}

/* Whether year's weekday days off are exactly want[] (dates as "MM-DD"),
 * with these reasons; prints the list on failure. */
static bool
year_is(const struct cal *c, int year, const char *const want[][2],
    size_t nwant)
{
	struct cal_day_off got[40];
	size_t n = cal_year_days_off(c, year, got, 40);
	bool ok = n == nwant;

	for (size_t i = 0; ok && i < n; i++) {
		char iso[11];
		date_format_iso(got[i].day, iso);
		ok = strcmp(iso + 5, want[i][0]) == 0 &&
		    strcmp(got[i].reason, want[i][1]) == 0;
	}
	if (!ok) {
		for (size_t i = 0; i < n && i < 40; i++) {
			char iso[11];
			date_format_iso(got[i].day, iso);
			printf("#   %s %s\n", iso, got[i].reason);
		}
	}
	return ok;
}

#define NY "New Year's Day"
#define TET "Lunar New Year (Tết)"
#define HUNG "Hùng Kings' Commemoration Day"
#define REU "Reunification Day"
#define LAB "International Labour Day"
#define NAT "National Day"
#define COMP "compensatory day off"

/* The built-in days off of years with something to show. */
static void
test_years(void)
{
	struct cal c;
	cal_init(&c);

	/* 2026: 1/1 Thu; Tết 17/2 (Tue), so 16-20/2 Mon-Fri; Hùng Kings 26/4
	 * is a Sunday, so Monday 27/4 is off instead; 30/4 Thu, 1/5 Fri;
	 * 2/9 is a Wednesday, so the day beside it is Tuesday 1/9. */
	static const char *const y2026[][2] = {
		{ "01-01", NY }, { "02-16", TET }, { "02-17", TET },
		{ "02-18", TET }, { "02-19", TET }, { "02-20", TET },
		{ "04-27", COMP }, { "04-30", REU }, { "05-01", LAB },
		{ "09-01", NAT }, { "09-02", NAT },
	};
	CHECK(year_is(&c, 2026, y2026, 11), "2026's days off");
	const char *why = NULL;
	CHECK(cal_day_off(&c, D(2026, 4, 26), &why) && why != NULL &&
	    strcmp(why, HUNG) == 0, "Sunday 2026-04-26 is off as Hùng Kings' "
	    "day");
	CHECK(cal_day_off(&c, D(2026, 4, 25), &why) && why != NULL &&
	    strcmp(why, "weekend") == 0, "Saturday 2026-04-25 is a weekend");
	CHECK(!cal_day_off(&c, D(2026, 4, 28), &why) && why == NULL,
	    "Tuesday 2026-04-28 is a working day, no reason");
	CHECK(cal_day_off(&c, D(2026, 4, 27), NULL), "reason may be NULL");

	/* 2025: Tết 29/1, so 28/1-1/2 Tue-Sat; Saturday 1/2 gives Monday
	 * 3/2; Hùng Kings Monday 7/4; 2/9 Tuesday, so Monday 1/9. */
	static const char *const y2025[][2] = {
		{ "01-01", NY }, { "01-28", TET }, { "01-29", TET },
		{ "01-30", TET }, { "01-31", TET }, { "02-03", COMP },
		{ "04-07", HUNG }, { "04-30", REU }, { "05-01", LAB },
		{ "09-01", NAT }, { "09-02", NAT },
	};
	CHECK(year_is(&c, 2025, y2025, 11), "2025's days off");

	/* 2024: 2/9 is a Monday, so 3/9 Tuesday is the day beside it. */
	/* Tết 2024 is Saturday 10/2: eve Fri 9/2 ... Tue 13/2; Sat 10 and
	 * Sun 11 give Wed 14 and Thu 15. */
	static const char *const y2024[][2] = {
		{ "01-01", NY }, { "02-09", TET }, { "02-12", TET },
		{ "02-13", TET }, { "02-14", COMP }, { "02-15", COMP },
		{ "04-18", HUNG }, { "04-30", REU }, { "05-01", LAB },
		{ "09-02", NAT }, { "09-03", NAT },
	};
	CHECK(year_is(&c, 2024, y2024, 11), "2024's days off");

	/* 2027: Tết Saturday 6/2: eve Fri 5/2, Sat 6, Sun 7, Mon 8, Tue 9;
	 * the weekend gives Wed 10 and Thu 11.  Hùng Kings Fri 16/4; 1/5
	 * Saturday gives Mon 3/5; 2/9 Thursday, so Wednesday 1/9. */
	static const char *const y2027[][2] = {
		{ "01-01", NY }, { "02-05", TET }, { "02-08", TET },
		{ "02-09", TET }, { "02-10", COMP }, { "02-11", COMP },
		{ "04-16", HUNG }, { "04-30", REU }, { "05-03", COMP },
		{ "09-01", NAT }, { "09-02", NAT },
	};
	CHECK(year_is(&c, 2027, y2027, 11), "2027's days off");

	/* 2028: 1/1 Saturday -> Monday 3/1; 2/9 Saturday, 1/9 Friday ->
	 * Monday 4/9.  2029: 2/9 Sunday, so 1/9 Saturday: both give a day,
	 * Monday 3/9 and Tuesday 4/9. */
	CHECK(cal_day_off(&c, D(2028, 1, 3), &why) && strcmp(why, COMP) == 0,
	    "Monday 2028-01-03 makes up for 1/1 on a Saturday");
	CHECK(cal_day_off(&c, D(2028, 9, 1), NULL) &&
	    cal_day_off(&c, D(2028, 9, 4), NULL) &&
	    cal_is_workday(&c, D(2028, 9, 5)), "2028: 1/9 Fri and 4/9 Mon off");
	CHECK(cal_day_off(&c, D(2029, 9, 3), NULL) &&
	    cal_day_off(&c, D(2029, 9, 4), NULL) &&
	    cal_is_workday(&c, D(2029, 9, 5)),
	    "2029: 2/9 Sunday and 1/9 Saturday give Mon 3/9 and Tue 4/9");

	/* 2022: 30/4 Saturday and 1/5 Sunday gave Monday 2/5 and Tuesday
	 * 3/5, as the government announced. */
	CHECK(cal_day_off(&c, D(2022, 5, 2), NULL) &&
	    cal_day_off(&c, D(2022, 5, 3), NULL) &&
	    cal_is_workday(&c, D(2022, 5, 4)), "2022: 2/5 and 3/5 off");
	cal_free(&c);
}

/* Rules that must hold every year: every holiday is off, the day beside
 * 2/9, and 11 weekday days off a year (each weekend holiday moves to a
 * weekday).  From 1948: in 1947 Hùng Kings' day fell on 30/4. */
static void
test_every_year(void)
{
	struct cal c;
	int bad_count = 0, bad_day = 0, bad_sep = 0, first_bad = 0;

	cal_init(&c);
	for (int y = 1948; y <= 2199; y++) {
		int32_t nd = D(y, 9, 2);
		int32_t beside = date_weekday(nd) == 0 ? nd + 1 : nd - 1;
		int32_t other = date_weekday(nd) == 0 ? nd - 1 : nd + 1;
		int32_t fixed[] = { D(y, 1, 1), D(y, 4, 30), D(y, 5, 1), nd,
		    beside };
		for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
			if (cal_is_workday(&c, fixed[i]) && bad_day++ == 0)
				first_bad = y;
		/* the other neighbour is off only as a weekend or a
		 * compensatory day */
		const char *why;
		if (cal_day_off(&c, other, &why) && strcmp(why, NAT) == 0 &&
		    bad_sep++ == 0)
			first_bad = y;
		if (cal_year_days_off(&c, y, NULL, 0) != 11 && bad_count++ == 0)
			first_bad = y;
	}
	if (bad_count + bad_day + bad_sep > 0)
		printf("# first bad year: %d\n", first_bad);
	CHECK(bad_day == 0, "1/1, 30/4, 1/5, 2/9 and the day beside it are off "
	    "1948-2199 (%d bad)", bad_day);
	CHECK(bad_sep == 0, "the day beside 2/9 is 3/9 for a Monday, 1/9 "
	    "otherwise (%d bad)", bad_sep);
	CHECK(bad_count == 0, "11 weekday days off every year 1948-2199 (%d "
	    "bad)", bad_count);
	/* Outside the lunar calendar's years only the solar holidays are
	 * left: 1/1, 30/4, 1/5, 2/9 and its neighbour, 5 weekdays. */
	CHECK(cal_year_days_off(&c, 3000, NULL, 0) == 5,
	    "year 3000: 5 weekday days off, no Tết");
	CHECK(cal_year_days_off(&c, 2250, NULL, 0) == 11,
	    "year 2250 (outside the remembered years): 11 days off");
	CHECK(cal_year_days_off(&c, 999, NULL, 0) == 0 &&
	    cal_year_days_off(&c, 10000, NULL, 0) == 0,
	    "years outside date.h's have no days off listed");
	cal_free(&c);
}

/* The admin's edits: the 2026 government schedule, replacing, removing. */
static void
test_overrides(void)
{
	struct cal c;
	const char *why;

	cal_init(&c);
	CHECK(cal_set(&c, D(2026, 1, 2), CAL_OFF, "Nghỉ Tết Dương lịch") == 0,
	    "set Fri 2026-01-02 off");
	CHECK(cal_set(&c, D(2026, 1, 10), CAL_WORK, "Làm bù ngày 2/1") == 0,
	    "set Sat 2026-01-10 worked");
	CHECK(!cal_is_workday(&c, D(2026, 1, 2)), "2026-01-02 is off");
	CHECK(cal_is_workday(&c, D(2026, 1, 10)), "2026-01-10 is worked");
	CHECK(cal_day_off(&c, D(2026, 1, 2), &why) && why != NULL &&
	    strcmp(why, "Nghỉ Tết Dương lịch") == 0, "the edit's reason");
	CHECK(!cal_day_off(&c, D(2026, 1, 10), &why) && why != NULL &&
	    strcmp(why, "Làm bù ngày 2/1") == 0,
	    "a worked Saturday tells why it is worked");
	CHECK(cal_add_workdays(&c, D(2025, 12, 31), 1) == D(2026, 1, 5),
	    "1 working day after Wed 2025-12-31 is Mon 2026-01-05");
	CHECK(cal_add_workdays(&c, D(2026, 1, 9), 1) == D(2026, 1, 10),
	    "1 working day after Fri 2026-01-09 is Sat 2026-01-10");
	CHECK(cal_workdays_between(&c, D(2026, 1, 9), D(2026, 1, 12)) == 2,
	    "Sat 10 and Mon 12 are the working days after Fri 9/1 to 12/1");

	struct cal_day_off got[20];
	size_t n = cal_year_days_off(&c, 2026, got, 20);
	CHECK(n == 12 && got[1].day == D(2026, 1, 2) && got[1].edited &&
	    !got[0].edited && strcmp(got[1].reason, "Nghỉ Tết Dương lịch") == 0,
	    "2026 lists 12 days off, 2/1 as an edit (%zu)", n);
	CHECK(cal_year_days_off(&c, 2026, got, 3) == 12 && got[2].day ==
	    D(2026, 2, 16), "a short out gets the first days and the count");

	/* Taking back a built-in day: the compensatory Monday 27/4. */
	CHECK(cal_set(&c, D(2026, 4, 27), CAL_WORK, NULL) == 0 &&
	    cal_is_workday(&c, D(2026, 4, 27)) &&
	    cal_year_days_off(&c, 2026, NULL, 0) == 11,
	    "CAL_WORK takes back the compensatory 27/4");
	CHECK(!cal_day_off(&c, D(2026, 4, 27), &why) && why == NULL,
	    "a CAL_WORK edit without reason gives none");
	/* Replacing an edit, then removing it. */
	CHECK(cal_set(&c, D(2026, 4, 27), CAL_OFF, NULL) == 0 && c.n_ov == 3 &&
	    cal_day_off(&c, D(2026, 4, 27), &why) &&
	    strcmp(why, "day off") == 0,
	    "a new edit of the same day replaces the old one");
	CHECK(cal_unset(&c, D(2026, 4, 27)) == 0 && c.n_ov == 2 &&
	    cal_day_off(&c, D(2026, 4, 27), &why) && strcmp(why, COMP) == 0,
	    "removing the edit brings the built-in day back");
	CHECK(cal_unset(&c, D(2026, 4, 27)) == CAL_ENOENT,
	    "removing it twice is CAL_ENOENT");
	CHECK(cal_get(&c, D(2026, 1, 10)) != NULL &&
	    cal_get(&c, D(2026, 1, 10))->kind == CAL_WORK &&
	    cal_get(&c, D(2026, 1, 11)) == NULL, "cal_get");
	CHECK(cal_set(&c, D(2026, 5, 4), 0, NULL) == CAL_EINVAL &&
	    cal_set(&c, D(2026, 5, 4), 3, NULL) == CAL_EINVAL &&
	    cal_set(&c, D(10000, 1, 1), CAL_OFF, NULL) == CAL_EINVAL &&
	    cal_set(&c, INT32_MIN, CAL_OFF, NULL) == CAL_EINVAL && c.n_ov == 2,
	    "bad kinds and days are CAL_EINVAL and change nothing");
	CHECK(strcmp(cal_strerror(CAL_ENOENT), cal_strerror(CAL_EINVAL)) != 0 &&
	    cal_strerror(-99) != NULL, "cal_strerror");

	cal_free(&c);
	CHECK(c.n_ov == 0 && cal_is_workday(&c, D(2026, 1, 2)),
	    "after cal_free the calendar is empty and usable");
	cal_free(&c);
}

/* Random edits against a plain model: the array stays sorted, one edit per
 * day, and cal_get finds what the model holds. */
static void
test_overrides_random(void)
{
	enum { SPAN = 200 };
	int model[SPAN] = { 0 };        /* 0 none, else the kind */
	int32_t base = D(2030, 1, 1);
	struct cal c;
	int bad = 0;

	cal_init(&c);
	for (int i = 0; i < 5000; i++) {
		int k = (int)(rnd() % SPAN);
		if (rnd() % 3 == 0) {
			int rc = cal_unset(&c, base + k);
			if (rc != (model[k] ? 0 : CAL_ENOENT))
				bad++;
			model[k] = 0;
		} else {
			int kind = rnd() % 2 ? CAL_OFF : CAL_WORK;
			char why[16];
			snprintf(why, sizeof why, "r%d", i);
			if (cal_set(&c, base + k, kind, why) != 0)
				bad++;
			model[k] = kind;
		}
	}
	size_t count = 0;
	for (int k = 0; k < SPAN; k++) {
		const struct cal_override *o = cal_get(&c, base + k);
		count += model[k] != 0;
		if ((o == NULL) != (model[k] == 0) ||
		    (o != NULL && o->kind != model[k]))
			bad++;
		if (model[k] && cal_is_workday(&c, base + k) !=
		    (model[k] == CAL_WORK))
			bad++;
	}
	for (size_t i = 1; i < c.n_ov; i++)
		if (c.ov[i - 1].day >= c.ov[i].day)
			bad++;
	CHECK(bad == 0 && count == c.n_ov, "5000 random edits agree with a "
	    "model (%d bad, %zu edits)", bad, c.n_ov);
	cal_free(&c);
}

/* cal_add_workdays and cal_workdays_between on days counted by hand. */
static void
test_add(void)
{
	struct cal c;
	cal_init(&c);

	CHECK(cal_add_workdays(&c, D(2026, 2, 13), 1) == D(2026, 2, 23),
	    "Fri 2026-02-13 + 1 working day is Mon 2026-02-23, after Tết");
	CHECK(cal_workdays_between(&c, D(2026, 2, 13), D(2026, 2, 23)) == 1,
	    "1 working day from 2026-02-13 to 2026-02-23");
	/* From Fri 24/4/2026: Sat 25, Sun 26 (Hùng Kings) and Mon 27 (its
	 * compensatory day) are off; Tue 28 (1), Wed 29 (2); Thu 30/4 and
	 * Fri 1/5 off; Sat 2, Sun 3; Mon 4 (3), Tue 5 (4), Wed 6 (5),
	 * Thu 7 (6), Fri 8 (7). */
	CHECK(cal_add_workdays(&c, D(2026, 4, 24), 7) == D(2026, 5, 8),
	    "7 working days after Fri 2026-04-24 is Fri 2026-05-08");
	CHECK(cal_workdays_between(&c, D(2026, 4, 24), D(2026, 5, 8)) == 7,
	    "and there are 7 working days in between");
	/* Sat 20/12/2025: Mon 22-Fri 26 (1-5), Mon 29-Wed 31 (6-8), Thu 1/1
	 * off, Fri 2/1 (9), Mon 5/1 (10). */
	CHECK(cal_add_workdays(&c, D(2025, 12, 20), 10) == D(2026, 1, 5),
	    "10 working days after Sat 2025-12-20 is Mon 2026-01-05");
	CHECK(cal_add_workdays(&c, D(2026, 2, 11), 0) == D(2026, 2, 11),
	    "n = 0 on a working day is that day");
	CHECK(cal_add_workdays(&c, D(2026, 2, 14), 0) == D(2026, 2, 23),
	    "n = 0 on Sat 2026-02-14 is the next working day, after Tết");
	CHECK(cal_add_workdays(&c, D(2026, 2, 14), 1) == D(2026, 2, 23),
	    "n = 1 on Sat 2026-02-14 is Mon 2026-02-23 too");
	CHECK(cal_add_workdays(&c, D(2026, 2, 23), -1) == D(2026, 2, 13),
	    "n = -1 from Mon 2026-02-23 is Fri 2026-02-13");
	CHECK(cal_workdays_between(&c, D(2026, 2, 23), D(2026, 2, 13)) == 0 &&
	    cal_workdays_between(&c, D(2026, 2, 23), D(2026, 2, 23)) == 0,
	    "to <= from gives 0");
	CHECK(cal_workdays_between(&c, D(2026, 2, 13), D(2026, 2, 13) + 365) ==
	    cal_workdays_between(&c, D(2026, 2, 13), D(2026, 12, 31)) +
	    cal_workdays_between(&c, D(2026, 12, 31), D(2027, 2, 13)),
	    "between adds up across a year");
	CHECK(cal_workdays_between(&c, D(2026, 1, 1) - 1, D(2026, 12, 31)) ==
	    261 - 11, "2026 has 261 weekdays and 250 working days");
	CHECK(cal_add_workdays(&c, D(9999, 12, 31), 1) == INT32_MIN &&
	    cal_add_workdays(&c, D(1000, 1, 1), -1) == INT32_MIN &&
	    cal_add_workdays(&c, INT32_MAX, 0) == INT32_MIN &&
	    cal_add_workdays(&c, INT32_MIN, 5) == INT32_MIN,
	    "leaving date.h's years gives INT32_MIN");
	/* 1000-01-01 is a Wednesday and New Year's Day (no Tết so early):
	 * Thu 2, Fri 3, Mon 6 - Fri 10.  9999-12-28 is a Tuesday. */
	CHECK(cal_workdays_between(&c, INT32_MIN, D(1000, 1, 10)) == 7 &&
	    cal_workdays_between(&c, D(9999, 12, 28), INT32_MAX) == 3 &&
	    cal_workdays_between(&c, INT32_MAX - 1, INT32_MAX) == 0,
	    "between counts only days inside date.h's years");
	cal_free(&c);
}

/* Properties over random days, with and without edits, checked against a
 * day-by-day walk with cal_is_workday. */
static void
test_add_random(void)
{
	struct cal c;
	int bad_between = 0, bad_back = 0, bad_naive = 0;

	cal_init(&c);
	for (int round = 0; round < 2; round++) {
		for (int i = 0; round == 1 && i < 60; i++) {
			/* some edits, 2024-2026 */
			int32_t d = rnd_day(D(2024, 1, 1), D(2026, 12, 31));
			cal_set(&c, d, rnd() % 2 ? CAL_OFF : CAL_WORK, NULL);
		}
		for (int i = 0; i < 3000; i++) {
			int32_t a = rnd_day(D(1950, 1, 1), D(2190, 12, 31));
			if (round == 1)
				a = rnd_day(D(2023, 6, 1), D(2027, 6, 1));
			int n = (int)(rnd() % 300);
			a = cal_add_workdays(&c, a, 0); /* a working day */
			int32_t b = cal_add_workdays(&c, a, n);
			if (cal_workdays_between(&c, a, b) != n)
				bad_between++;
			if (cal_add_workdays(&c, b, -n) != a)
				bad_back++;
			int32_t d = a;
			for (int k = 0; k < n; )
				k += cal_is_workday(&c, ++d);
			if (d != b || !cal_is_workday(&c, b))
				bad_naive++;
		}
	}
	CHECK(bad_between == 0, "between(a, add(a, n)) == n for 6000 random "
	    "working days a (%d bad)", bad_between);
	CHECK(bad_back == 0, "add(add(a, n), -n) == a (%d bad)", bad_back);
	CHECK(bad_naive == 0, "add agrees with a day-by-day count (%d bad)",
	    bad_naive);
	cal_free(&c);
}

/* Seconds from a monotonic clock. */
static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* cal_add_workdays(..., 60) must not redo lunar arithmetic per day.  The
 * bound is loose enough for valgrind; the figure is printed. */
static void
test_speed(void)
{
	struct cal c;
	int32_t days[1000];
	long stepped = 0;

	cal_init(&c);
	cal_set(&c, D(2026, 1, 2), CAL_OFF, NULL);
	cal_set(&c, D(2026, 1, 10), CAL_WORK, NULL);
	for (int i = 0; i < 1000; i++) {
		days[i] = rnd_day(D(2020, 1, 1), D(2030, 12, 31));
		cal_add_workdays(&c, days[i], 60);      /* warm up */
	}
	double t0 = now();
	for (int r = 0; r < 20; r++)
		for (int i = 0; i < 1000; i++)
			stepped += cal_add_workdays(&c, days[i], 60) - days[i];
	double t = now() - t0;
	double ns_day = t * 1e9 / (double)stepped;
	printf("# cal_add_workdays(..., 60): %.0f ns a call, %.1f ns a day "
	    "stepped\n", t * 1e9 / 20000, ns_day);
	CHECK(ns_day < 20000, "no lunar arithmetic per day stepped");
	cal_free(&c);
}

int
main(void)
{
	test_years();
	test_every_year();
	test_overrides();
	test_overrides_random();
	test_add();
	test_add_random();
	test_speed();
	return t_done();
}
