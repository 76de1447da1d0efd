/* test_legdue.c: unit tests for daemon/legdue.c, the deadline of a leg of
 * a background check and its explanation. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "date.h"
#include "legdue.h"
#include "t.h"

#define D(y, m, d) date_from_ymd(y, m, d)
#define NLINES 512

/* A deterministic pseudo-random number (xorshift64). */
static uint64_t
rnd(void)
{
	static uint64_t s = 0x2545f4914f6cdd1du;
	s ^= s << 13;
	s ^= s >> 7;
	s ^= s << 17;
	return s;
}

/* A leg starting on start with n working days, nothing else. */
static struct legdue_in
leg(int32_t start, int n)
{
	return (struct legdue_in){ .start = start, .n = n,
	    .extended_to = LEGDUE_NONE };
}

/* "YYYY-MM-DD" of day in a static buffer (one at a time). */
static const char *
iso(int32_t day)
{
	static char buf[11];
	date_format_iso(day, buf);
	return buf;
}

/* Print lines as the test log's comments. */
static void
dump(const struct legdue_line *l, long n)
{
	for (long i = 0; i < n; i++) {
		printf("#   %-7s %s  %s |", l[i].code, iso(l[i].day), l[i].fmt);
		for (int j = 0; j < l[i].nargs; j++)
			printf(" [%s]", l[i].args[j]);
		printf("\n");
	}
}

/* The explanation of in into l[NLINES]; its length, or -1. */
static long
explain(const struct cal *c, const struct legdue_in *in,
    struct legdue_line *l)
{
	long n = legdue_explain(c, in, l, NLINES);
	return n > NLINES ? -1 : n;
}

/* The first line with code about day, or NULL. */
static const struct legdue_line *
find(const struct legdue_line *l, long n, const char *code, int32_t day)
{
	for (long i = 0; i < n; i++)
		if (strcmp(l[i].code, code) == 0 && l[i].day == day)
			return &l[i];
	return NULL;
}

/* Whether fmt has exactly nargs conversions, all of them "%s". */
static bool
fmt_ok(const char *fmt, int nargs)
{
	int n = 0;

	for (const char *p = fmt; (p = strchr(p, '%')) != NULL; p += 2) {
		if (p[1] != 's')
			return false;
		n++;
	}
	return n == nargs;
}

/* The examples the rule is defined by, on the built-in 2026 calendar. */
static void
test_rule(void)
{
	struct cal c;
	struct legdue_out o;
	struct legdue_in in;

	cal_init(&c);
	in = leg(D(2026, 11, 20), 7);
	CHECK(legdue(&c, &in, &o) == 0 && o.day_one == D(2026, 11, 20) &&
	    o.due_rule == D(2026, 12, 1) && o.shift == 0 &&
	    o.due_original == D(2026, 12, 1) && o.due == D(2026, 12, 1) &&
	    !o.suspended, "Friday 2026-11-20 + 7 is due Tuesday 2026-12-01");

	in = leg(D(2026, 11, 21), 7);
	CHECK(legdue(&c, &in, &o) == 0 && o.day_one == D(2026, 11, 23) &&
	    o.due == D(2026, 12, 2) && date_weekday(o.due) == 2,
	    "Saturday 2026-11-21 + 7: day one Monday 23/11, due Wednesday "
	    "2026-12-02");

	in = leg(D(2026, 11, 20), 0);
	CHECK(legdue(&c, &in, &o) == 0 && o.day_one == D(2026, 11, 20) &&
	    o.due_rule == D(2026, 11, 20) && o.due == D(2026, 11, 20),
	    "n = 0 started Friday 20/11 is due 20/11");
	in = leg(D(2026, 11, 21), 0);
	CHECK(legdue(&c, &in, &o) == 0 && o.day_one == D(2026, 11, 23) &&
	    o.due == D(2026, 11, 23), "n = 0 started Saturday 21/11 is due "
	    "Monday 23/11");

	/* Friday 13/2: weekend 14-15, Tết 16-20, weekend 21-22; Mon 23 = 1
	 * ... Fri 27 = 5, Mon 2/3 = 6, Tue 3/3 = 7. */
	in = leg(D(2026, 2, 13), 7);
	CHECK(legdue(&c, &in, &o) == 0 && o.due == D(2026, 3, 3) &&
	    o.due == cal_add_workdays(&c, D(2026, 2, 13), 7),
	    "Friday 2026-02-13 + 7 across Tết is due Tuesday 2026-03-03");
	in = leg(D(2026, 2, 16), 3);
	CHECK(legdue(&c, &in, &o) == 0 && o.day_one == D(2026, 2, 23) &&
	    o.due == D(2026, 2, 26), "started on Tết (16/2): day one 23/2, "
	    "+3 is 26/2");

	/* Every start of 2025-2027 and n in 0..20 agree with cal.h. */
	int bad = 0;
	for (int32_t s = D(2025, 1, 1); s <= D(2027, 12, 31); s++)
		for (int n = 0; n <= 20; n++) {
			in = leg(s, n);
			int32_t d1 = cal_add_workdays(&c, s, 0);
			if (legdue(&c, &in, &o) != 0 || o.day_one != d1 ||
			    o.due != cal_add_workdays(&c, d1, n) ||
			    cal_workdays_between(&c, d1, o.due) != n)
				bad++;
		}
	CHECK(bad == 0, "every start of 2025-2027, n 0..20, agrees with "
	    "cal_add_workdays (%d bad)", bad);
	in = leg(D(2026, 11, 21), 7);
	CHECK(legdue(&c, &in, &o) == 0 &&
	    o.due == cal_add_workdays(&c, D(2026, 11, 21), 8),
	    "a start on a day off: D itself is not counted either");
	cal_free(&c);
}

/* Suspensions and extensions. */
static void
test_susp_extend(void)
{
	struct cal c;
	struct legdue_out o;
	struct legdue_in in;

	cal_init(&c);
	struct legdue_susp closed = { D(2026, 11, 23), D(2026, 11, 25) };
	in = leg(D(2026, 11, 20), 7);
	in.susp = &closed;
	in.n_susp = 1;
	CHECK(legdue(&c, &in, &o) == 0 && o.shift == 2 &&
	    o.due_rule == D(2026, 12, 1) && o.due_original == D(2026, 12, 3) &&
	    o.due == D(2026, 12, 3) && !o.suspended,
	    "stopped Mon 23/11, restarted Wed 25/11: moves 1/12 to 3/12");

	struct legdue_susp weekend = { D(2026, 11, 27), D(2026, 11, 29) };
	in.susp = &weekend;
	CHECK(legdue(&c, &in, &o) == 0 && o.shift == 0 &&
	    o.due == D(2026, 12, 1), "stopped Friday, restarted Sunday: "
	    "no move");

	struct legdue_susp two[2] = {
		{ D(2026, 11, 23), D(2026, 11, 25) },
		{ D(2026, 11, 27), D(2026, 11, 30) },
	};
	in.susp = two;
	in.n_susp = 2;
	CHECK(legdue(&c, &in, &o) == 0 && o.shift == 3 &&
	    o.due_original == D(2026, 12, 4), "two closed suspensions add up "
	    "(2 + 1)");

	struct legdue_susp open[2] = {
		{ D(2026, 11, 23), D(2026, 11, 25) },
		{ D(2026, 11, 26), LEGDUE_OPEN },
	};
	in.susp = open;
	CHECK(legdue(&c, &in, &o) == 0 && o.suspended &&
	    o.due == LEGDUE_NONE && o.shift == 2 &&
	    o.due_original == D(2026, 12, 3), "an open suspension: "
	    "suspended, no deadline, due_original from the closed one");

	in = leg(D(2026, 11, 20), 7);
	in.extended_to = D(2026, 12, 15);
	CHECK(legdue(&c, &in, &o) == 0 && o.due == D(2026, 12, 15) &&
	    o.due_original == D(2026, 12, 1) && o.due_rule == D(2026, 12, 1),
	    "an extension replaces due, not due_original");
	in.susp = &open[1];
	in.n_susp = 1;
	CHECK(legdue(&c, &in, &o) == 0 && o.suspended &&
	    o.due == LEGDUE_NONE && o.due_original == D(2026, 12, 1),
	    "extended but suspended: no deadline");
	cal_free(&c);
}

/* Days out of range and bad input. */
static void
test_errors(void)
{
	struct cal c;
	struct legdue_out o;
	struct legdue_in in;
	struct legdue_line l[4];

	cal_init(&c);
	in = leg(D(999, 12, 31), 1);
	CHECK(legdue(&c, &in, &o) == -1 &&
	    legdue_explain(&c, &in, l, 4) == -1, "a start before year 1000");
	in = leg(D(9999, 12, 29), 5);
	CHECK(legdue(&c, &in, &o) == -1 &&
	    legdue_explain(&c, &in, NULL, 0) == -1, "a deadline after 9999");
	in = leg(D(2026, 11, 20), -1);
	CHECK(legdue(&c, &in, &o) == -1, "a negative n");
	struct legdue_susp s = { D(2026, 11, 23), D(10000, 1, 1) };
	in = leg(D(2026, 11, 20), 7);
	in.susp = &s;
	in.n_susp = 1;
	CHECK(legdue(&c, &in, &o) == -1, "a suspension ending after 9999");
	s.from = INT32_MIN + 1;
	s.to = LEGDUE_OPEN;
	CHECK(legdue(&c, &in, &o) == -1, "an open suspension from before "
	    "year 1000");
	in = leg(D(2026, 11, 20), 7);
	in.extended_to = D(10000, 1, 1);
	CHECK(legdue(&c, &in, &o) == -1, "an extension after 9999");
	cal_free(&c);
}

/* The explanation of the plain case, line by line. */
static void
test_explain_plain(void)
{
	struct cal c;
	struct legdue_line l[NLINES];
	struct legdue_in in;

	cal_init(&c);
	in = leg(D(2026, 11, 20), 7);
	long n = explain(&c, &in, l);
	/* start, day-one, 21 22 skipped, 23-27 counted, 28 29 skipped,
	 * 30 1 counted, due */
	bool ok = n == 14 &&
	    strcmp(l[0].code, "start") == 0 && l[0].day == D(2026, 11, 20) &&
	    l[0].nargs == 2 && strcmp(l[0].args[0], "2026-11-20") == 0 &&
	    strcmp(l[0].args[1], "Friday") == 0 &&
	    strcmp(l[1].code, "day-one") == 0 && l[1].day == D(2026, 11, 20) &&
	    strcmp(l[2].code, "skip") == 0 && l[2].day == D(2026, 11, 21) &&
	    strcmp(l[2].args[1], "weekend") == 0 &&
	    strcmp(l[4].code, "count") == 0 && l[4].day == D(2026, 11, 23) &&
	    strcmp(l[4].args[1], "1") == 0 && strcmp(l[4].args[2], "7") == 0 &&
	    strcmp(l[12].code, "count") == 0 && l[12].day == D(2026, 12, 1) &&
	    strcmp(l[12].args[1], "7") == 0 &&
	    strcmp(l[13].code, "due") == 0 && l[13].day == D(2026, 12, 1) &&
	    strcmp(l[13].args[0], "2026-12-01") == 0;
	CHECK(ok, "Friday 20/11 + 7 explained in 14 lines");
	if (!ok)
		dump(l, n);

	in = leg(D(2026, 11, 21), 0);
	n = explain(&c, &in, l);
	ok = n == 4 && strcmp(l[0].code, "start") == 0 &&
	    strcmp(l[0].args[1], "Saturday") == 0 &&
	    strcmp(l[1].code, "skip") == 0 && l[1].day == D(2026, 11, 21) &&
	    strcmp(l[1].args[1], "weekend") == 0 &&
	    strstr(l[1].fmt, "not a working day") != NULL &&
	    strcmp(l[2].code, "skip") == 0 && l[2].day == D(2026, 11, 22) &&
	    strcmp(l[3].code, "due") == 0 && l[3].day == D(2026, 11, 23) &&
	    strstr(l[3].fmt, "Same working day") != NULL;
	CHECK(ok, "Saturday 21/11 + 0: start, why, Sunday, due Monday");
	if (!ok)
		dump(l, n);

	in = leg(D(2026, 11, 20), 0);
	n = explain(&c, &in, l);
	CHECK(n == 2 && strcmp(l[1].code, "due") == 0 &&
	    l[1].day == D(2026, 11, 20), "Friday 20/11 + 0: start and due");

	in = leg(D(2026, 2, 13), 7);
	n = explain(&c, &in, l);
	const struct legdue_line *t = find(l, n, "skip", D(2026, 2, 17));
	const struct legdue_line *m2 = find(l, n, "count", D(2026, 3, 2));
	ok = t != NULL && strcmp(t->args[1], "Lunar New Year (Tết)") == 0 &&
	    strstr(t->fmt, "administrator") == NULL && m2 != NULL &&
	    strcmp(m2->args[1], "6") == 0 &&
	    strcmp(l[n - 1].code, "due") == 0 && l[n - 1].day == D(2026, 3, 3);
	CHECK(ok, "across Tết: 17/2 skipped for Tết, 2/3 is day 6 of 7, "
	    "due 3/3");
	if (!ok)
		dump(l, n);
	cal_free(&c);
}

/* Admin's edits in the explanation. */
static void
test_explain_edits(void)
{
	struct cal c;
	struct legdue_line l[NLINES];
	struct legdue_out o;
	struct legdue_in in;

	cal_init(&c);
	/* Friday 2/1/2026 given off by the government: an admin's edit. */
	cal_set(&c, D(2026, 1, 2), CAL_OFF, "day off swapped for Saturday "
	    "10/1");
	in = leg(D(2025, 12, 31), 3);
	long n = explain(&c, &in, l);
	const struct legdue_line *ny = find(l, n, "skip", D(2026, 1, 1));
	const struct legdue_line *ed = find(l, n, "skip", D(2026, 1, 2));
	bool ok = legdue(&c, &in, &o) == 0 && o.due == D(2026, 1, 7) &&
	    ny != NULL && strcmp(ny->args[1], "New Year's Day") == 0 &&
	    strstr(ny->fmt, "administrator") == NULL &&
	    ed != NULL && strstr(ed->fmt, "set by an administrator") != NULL &&
	    strcmp(ed->args[1], "day off swapped for Saturday 10/1") == 0 &&
	    find(l, n, "count", D(2026, 1, 5)) != NULL;
	CHECK(ok, "31/12/2025 + 3 skips 1/1 (holiday) and 2/1 (admin, with "
	    "its reason): due 7/1");
	if (!ok)
		dump(l, n);

	/* An edit with no reason: cal_day_off says "day off". */
	cal_set(&c, D(2026, 11, 25), CAL_OFF, NULL);
	in = leg(D(2026, 11, 20), 7);
	n = explain(&c, &in, l);
	ed = find(l, n, "skip", D(2026, 11, 25));
	ok = legdue(&c, &in, &o) == 0 && o.due == D(2026, 12, 2) &&
	    ed != NULL && strstr(ed->fmt, "administrator") != NULL &&
	    strcmp(ed->args[1], "day off") == 0;
	CHECK(ok, "a Wednesday made a day off is skipped, by an "
	    "administrator");
	if (!ok)
		dump(l, n);
	cal_unset(&c, D(2026, 11, 25));

	/* A working Saturday is counted. */
	cal_set(&c, D(2026, 11, 28), CAL_WORK, "working Saturday");
	n = explain(&c, &in, l);
	const struct legdue_line *sa = find(l, n, "count", D(2026, 11, 28));
	ok = legdue(&c, &in, &o) == 0 && o.due == D(2026, 11, 30) &&
	    sa != NULL && strcmp(sa->args[1], "6") == 0 && sa->nargs == 4 &&
	    strcmp(sa->args[3], "working Saturday") == 0 &&
	    find(l, n, "skip", D(2026, 11, 29)) != NULL;
	CHECK(ok, "a working Saturday 28/11 is counted (6 of 7): due Monday "
	    "30/11");
	if (!ok)
		dump(l, n);
	cal_set(&c, D(2026, 11, 28), CAL_WORK, NULL);
	n = explain(&c, &in, l);
	sa = find(l, n, "count", D(2026, 11, 28));
	CHECK(sa != NULL && sa->nargs == 3 &&
	    strstr(sa->fmt, "administrator") != NULL, "... also without a "
	    "reason");

	/* A start made a day off by an admin. */
	cal_set(&c, D(2026, 11, 20), CAL_OFF, "flood");
	n = explain(&c, &in, l);
	ok = n > 2 && strcmp(l[1].code, "skip") == 0 &&
	    l[1].day == D(2026, 11, 20) &&
	    strstr(l[1].fmt, "set by an administrator") != NULL &&
	    strcmp(l[1].args[1], "flood") == 0 &&
	    strcmp(l[4].code, "day-one") == 0 && l[4].day == D(2026, 11, 23);
	CHECK(ok, "a start the admin made a day off says so; counting "
	    "from Monday");
	if (!ok)
		dump(l, n);

	/* A long reason is cut at a character boundary. */
	char longr[400] = "";
	while (strlen(longr) < 300)
		strcat(longr, "ngày nghỉ ");
	cal_set(&c, D(2026, 11, 24), CAL_OFF, longr);
	n = explain(&c, &in, l);
	ed = find(l, n, "skip", D(2026, 11, 24));
	ok = ed != NULL && strlen(ed->args[1]) < LEGDUE_ARG_MAX &&
	    strlen(ed->args[1]) > LEGDUE_ARG_MAX - 5 &&
	    strncmp(ed->args[1], longr, strlen(ed->args[1])) == 0 &&
	    ((unsigned char)longr[strlen(ed->args[1])] & 0xc0) != 0x80;
	CHECK(ok, "a long reason is cut short between characters");
	cal_free(&c);
}

/* Suspensions and extensions in the explanation. */
static void
test_explain_susp(void)
{
	struct cal c;
	struct legdue_line l[NLINES];
	struct legdue_in in;

	cal_init(&c);
	struct legdue_susp s[3] = {
		{ D(2026, 11, 23), D(2026, 11, 25) },
		{ D(2026, 11, 27), D(2026, 11, 30) },
		{ D(2026, 11, 27), D(2026, 11, 29) },
	};
	in = leg(D(2026, 11, 20), 7);
	in.susp = s;
	in.n_susp = 3;
	long n = explain(&c, &in, l);
	const struct legdue_line *c8 = find(l, n, "count", D(2026, 12, 3));
	const struct legdue_line *sp = find(l, n, "suspend", D(2026, 11, 23));
	bool ok = c8 != NULL && strcmp(c8->args[1], "9") == 0 &&
	    strcmp(c8->args[2], "10") == 0 &&
	    sp != NULL && sp->nargs == 3 && strcmp(sp->args[2], "2") == 0 &&
	    strcmp(l[n - 4].code, "suspend") == 0 &&
	    strstr(l[n - 3].fmt, "one working day") != NULL &&
	    strstr(l[n - 2].fmt, "does not move") != NULL &&
	    strcmp(l[n - 1].code, "due") == 0 && l[n - 1].day == D(2026, 12, 4);
	CHECK(ok, "closed suspensions: numbering runs on to 10 of 10, one "
	    "line each (2, 1, 0 days), due 4/12");
	if (!ok)
		dump(l, n);

	struct legdue_susp open = { D(2026, 11, 26), LEGDUE_OPEN };
	in.susp = &open;
	in.n_susp = 1;
	n = explain(&c, &in, l);
	ok = strcmp(l[n - 1].code, "suspend") == 0 &&
	    l[n - 1].day == D(2026, 11, 26) && l[n - 1].nargs == 1 &&
	    strstr(l[n - 1].fmt, "no deadline") != NULL;
	for (long i = 0; i < n; i++)
		ok = ok && strcmp(l[i].code, "due") != 0;
	CHECK(ok, "an open suspension ends the explanation: no due line");
	if (!ok)
		dump(l, n);

	in = leg(D(2026, 11, 20), 7);
	in.extended_to = D(2026, 12, 15);
	n = explain(&c, &in, l);
	ok = n == 15 && strcmp(l[13].code, "due") == 0 &&
	    l[13].day == D(2026, 12, 1) && strcmp(l[14].code, "extend") == 0 &&
	    l[14].day == D(2026, 12, 15) &&
	    strcmp(l[14].args[0], "2026-12-15") == 0 &&
	    strcmp(l[14].args[1], "2026-12-01") == 0;
	CHECK(ok, "an extension: the original due line, then the new date");
	if (!ok)
		dump(l, n);
	cal_free(&c);
}

/* Properties over random legs: sizes, numbering, formats. */
static void
test_explain_random(void)
{
	static struct legdue_line l[NLINES], part[7];
	struct cal c;
	int bad_size = 0, bad_prefix = 0, bad_walk = 0, bad_fmt = 0;
	int bad_end = 0, rounds = 0;

	cal_init(&c);
	for (int i = 0; i < 40; i++)
		cal_set(&c, D(2026, 1, 1) + (int32_t)(rnd() % 730),
		    rnd() % 2 ? CAL_OFF : CAL_WORK, rnd() % 2 ? "edit" : NULL);
	for (int round = 0; round < 2000; round++) {
		struct legdue_susp s[3];
		struct legdue_in in = leg(D(2026, 1, 1) +
		    (int32_t)(rnd() % 600), (int)(rnd() % 12));
		struct legdue_out o;
		in.n_susp = rnd() % 4;
		in.susp = s;
		for (size_t j = 0; j < in.n_susp; j++) {
			s[j].from = in.start + (int32_t)(rnd() % 20);
			s[j].to = rnd() % 8 == 0 ? LEGDUE_OPEN :
			    s[j].from + (int32_t)(rnd() % 10);
		}
		if (rnd() % 4 == 0)
			in.extended_to = in.start + (int32_t)(rnd() % 60);
		if (legdue(&c, &in, &o) != 0)
			continue;
		rounds++;
		long n = legdue_explain(&c, &in, NULL, 0);
		long m = explain(&c, &in, l);
		if (n != m || n < 2)
			bad_size++;
		if (m < 0)
			continue;
		if (legdue_explain(&c, &in, part, 7) != n ||
		    memcmp(part, l, (size_t)(n < 7 ? n : 7) * sizeof l[0]) != 0)
			bad_prefix++;

		long total = in.n + o.shift, k = 0;
		int32_t next = o.day_one + 1, last = INT32_MIN;
		for (long j = 0; j < m; j++) {
			if (!fmt_ok(l[j].fmt, l[j].nargs))
				bad_fmt++;
			bool cnt = strcmp(l[j].code, "count") == 0;
			if (!cnt && strcmp(l[j].code, "skip") != 0)
				continue;
			if (l[j].day <= o.day_one)
				continue;       /* days before D */
			if (l[j].day != next++ ||
			    cnt != cal_is_workday(&c, l[j].day))
				bad_walk++;
			if (cnt) {
				char want[24];
				snprintf(want, sizeof want, "%ld", ++k);
				if (strcmp(l[j].args[1], want) != 0)
					bad_walk++;
				last = l[j].day;
			}
		}
		if (k != total || (total > 0 && last != o.due_original) ||
		    (total > 0 && next != o.due_original + 1))
			bad_end++;
	}
	CHECK(rounds > 1900, "%d random legs computed", rounds);
	CHECK(bad_size == 0, "max = 0 counts the lines a big buffer gets "
	    "(%d bad)", bad_size);
	CHECK(bad_prefix == 0, "a small buffer gets the first lines (%d bad)",
	    bad_prefix);
	CHECK(bad_walk == 0, "every day after D once, counted iff working, "
	    "numbered 1, 2, ... (%d bad)", bad_walk);
	CHECK(bad_end == 0, "the last counted day is due_original, number "
	    "n + shift (%d bad)", bad_end);
	CHECK(bad_fmt == 0, "every fmt has exactly nargs \"%%s\" (%d bad)",
	    bad_fmt);
	cal_free(&c);
}

int
main(void)
{
	test_rule();
	test_susp_extend();
	test_errors();
	test_explain_plain();
	test_explain_edits();
	test_explain_susp();
	test_explain_random();
	return t_done();
}
