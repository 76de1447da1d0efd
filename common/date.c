/* date.c: calendar dates as day numbers (see date.h).
 * The conversions are Howard Hinnant's days_from_civil / civil_from_days
 * (http://howardhinnant.github.io/date_algorithms.html): exact for every
 * proleptic Gregorian date, no tables, no loops, no time zone database.
 * Vietnam's time is plain arithmetic on UTC (UTC+7, no DST), so nothing
 * here depends on TZ or localtime(). */
#include <stddef.h>
#include <string.h>
#include <time.h>

#include "date.h"

#define SECS_PER_DAY 86400

/* Whether y is a leap year in the Gregorian calendar. */
static bool
date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Number of days in month m (1-12) of year y. */
static int
date_month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	if (m == 2 && date_is_leap(y))
		return 29;
	return days[m - 1];
}

/* Whether y-m-d is a real day with a four-digit year (1000-9999). */
bool
date_valid_ymd(int y, int m, int d)
{
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR || m < 1 || m > 12 || d < 1)
		return false;
	return d <= date_month_days(y, m);
}

/* Day number of y-m-d (days_from_civil); the date need not be in range but
 * must exist. */
int32_t
date_from_ymd(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;                             /* [0, 399] */
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;   /* [0, 146096] */
	return (int32_t)(era * 146097 + doe - 719468);
}

/* Year, month and day of day number days (civil_from_days). */
void
date_to_ymd(int32_t days, int *y, int *m, int *d)
{
	int64_t z = (int64_t)days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;                        /* [0, 146096] */
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);    /* [0, 365] */
	int64_t mp = (5 * doy + 2) / 153;                          /* [0, 11] */
	int mm = (int)(mp < 10 ? mp + 3 : mp - 9);

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = mm;
	*y = (int)(yoe + era * 400 + (mm <= 2));
}

/* Day of the week of day number days: 0 = Monday ... 6 = Sunday. */
int
date_weekday(int32_t days)
{
	/* 1970-01-01 was a Thursday (3). */
	int64_t w = ((int64_t)days + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

/* Value of n ASCII digits at s, or -1 if one of them is not a digit. */
static int
date_digits(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Store the day number of y-m-d in *days if it is a valid date. */
static int
date_store(int y, int m, int d, int32_t *days)
{
	if (!date_valid_ymd(y, m, d))
		return DATE_ERANGE;
	*days = date_from_ymd(y, m, d);
	return DATE_OK;
}

/* Parse exactly "YYYY-MM-DD". */
int
date_parse_iso(const char *s, int32_t *days)
{
	if (s == NULL)
		return DATE_ESYNTAX;
	/* Check the shape before looking past a possible early NUL. */
	for (size_t i = 0; i < 10; i++) {
		char c = s[i];
		if (i == 4 || i == 7) {
			if (c != '-')
				return DATE_ESYNTAX;
		} else if (c < '0' || c > '9') {
			return DATE_ESYNTAX;
		}
	}
	if (s[10] != '\0')
		return DATE_ESYNTAX;
	return date_store(date_digits(s, 4), date_digits(s + 5, 2),
	    date_digits(s + 8, 2), days);
}

/* Parse 1 or 2 digits at *p followed by sep; advance *p past sep. */
static int
date_small_field(const char **p, char sep)
{
	const char *s = *p;
	size_t n = 0;
	while (n < 3 && s[n] >= '0' && s[n] <= '9')
		n++;
	if (n < 1 || n > 2 || s[n] != sep)
		return -1;
	*p = s + n + 1;
	return date_digits(s, n);
}

/* Parse what a person types: ISO "YYYY-MM-DD", or "D/M/YYYY" with one or two
 * digits of day and month; blanks around the date are ignored. */
int
date_parse_user(const char *s, int32_t *days)
{
	char buf[16];
	size_t n;

	if (s == NULL)
		return DATE_ESYNTAX;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= sizeof buf)
		return DATE_ESYNTAX;
	memcpy(buf, s, n);
	buf[n] = '\0';

	if (n == 10 && buf[4] == '-')
		return date_parse_iso(buf, days);

	const char *p = buf;
	int d = date_small_field(&p, '/');
	if (d < 0)
		return DATE_ESYNTAX;
	int m = date_small_field(&p, '/');
	if (m < 0)
		return DATE_ESYNTAX;
	int y = date_digits(p, 4);
	if (y < 0 || p[4] != '\0')
		return DATE_ESYNTAX;
	return date_store(y, m, d, days);
}

/* Write the n low decimal digits of v (v >= 0) at buf. */
static void
date_put_digits(char *buf, int v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		buf[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* Write y, m, d in the order and with the separator asked; a year that does
 * not have four digits is written "????" rather than overflow buf. */
static void
date_format(int32_t days, char *buf, bool iso)
{
	int y, m, d;
	char *py, *pm, *pd, sep = iso ? '-' : '/';

	date_to_ymd(days, &y, &m, &d);
	if (iso) {
		py = buf; pm = buf + 5; pd = buf + 8;
		buf[4] = buf[7] = sep;
	} else {
		pd = buf; pm = buf + 3; py = buf + 6;
		buf[2] = buf[5] = sep;
	}
	if (y >= 0 && y <= 9999)
		date_put_digits(py, y, 4);
	else
		py[0] = py[1] = py[2] = py[3] = '?';
	date_put_digits(pm, m, 2);
	date_put_digits(pd, d, 2);
	buf[10] = '\0';
}

/* "YYYY-MM-DD" into buf[11]. */
void
date_format_iso(int32_t days, char *buf)
{
	date_format(days, buf, true);
}

/* "dd/mm/yyyy" into buf[11]. */
void
date_format_vn(int32_t days, char *buf)
{
	date_format(days, buf, false);
}

/* Split Unix time t into its Vietnamese day number and the seconds since
 * midnight of that day, with floor division so that times before 1970 work;
 * day numbers beyond int32_t are clamped. */
static int32_t
date_split_instant_vn(int64_t t, int *secs)
{
	/* Divide first and add the offset to the remainder: no overflow even
	 * at INT64_MAX. */
	int64_t q = t / SECS_PER_DAY, r = t % SECS_PER_DAY;
	if (r < 0) {
		r += SECS_PER_DAY;
		q--;
	}
	r += DATE_VN_OFFSET;
	if (r >= SECS_PER_DAY) {
		r -= SECS_PER_DAY;
		q++;
	}
	*secs = (int)r;
	if (q > INT32_MAX)
		return INT32_MAX;
	if (q < INT32_MIN + 1)      /* INT32_MIN means "no date" to callers */
		return INT32_MIN + 1;
	return (int32_t)q;
}

/* The calendar date in Vietnam at Unix time t. */
int32_t
date_of_instant_vn(int64_t t)
{
	int secs;
	return date_split_instant_vn(t, &secs);
}

/* Today's date in Vietnam, whatever the machine's time zone. */
int32_t
date_today_vn(void)
{
	return date_of_instant_vn((int64_t)time(NULL));
}

/* "dd/mm/yyyy HH:MM" of Unix time t in Vietnam's time into buf[17]. */
void
date_format_instant_vn(int64_t t, char *buf)
{
	int secs;
	int32_t days = date_split_instant_vn(t, &secs);

	date_format_vn(days, buf);
	buf[10] = ' ';
	date_put_digits(buf + 11, secs / 3600, 2);
	buf[13] = ':';
	date_put_digits(buf + 14, secs / 60 % 60, 2);
	buf[16] = '\0';
}

int32_t
date_add_months(int32_t days, int months)
{
	int y, m, d;
	date_to_ymd(days, &y, &m, &d);
	int total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	int last = date_month_days(y, m);
	return date_from_ymd(y, m, d > last ? last : d);
}

int
date_months_between(int32_t from, int32_t to)
{
	int y1, m1, d1, y2, m2, d2;
	date_to_ymd(from, &y1, &m1, &d1);
	date_to_ymd(to, &y2, &m2, &d2);
	int n = (y2 - y1) * 12 + (m2 - m1);
	if (n > 0 && d2 < d1 && date_add_months(from, n) > to)
		n--;
	return n;
}

/* Two digits at s into *v, 0 on success. */
static int
date_two_digits(const char *s, int *v)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	*v = (s[0] - '0') * 10 + (s[1] - '0');
	return 0;
}

/* An instant as a person or a client writes it: a date (ISO or dd/mm/yyyy,
 * meaning that day at 00:00 in Vietnam), optionally followed by 'T' or a
 * space and HH:MM or HH:MM:SS, optionally followed by 'Z' or a +HH:MM /
 * -HH:MM offset; without an offset the time is Vietnam's. */
int
date_parse_instant(const char *s, int64_t *t)
{
	char d[16];
	size_t n = strcspn(s, "T ");
	if (n == 0 || n >= sizeof d)
		return DATE_ESYNTAX;
	memcpy(d, s, n);
	d[n] = '\0';
	int32_t days;
	int rc = date_parse_user(d, &days);
	if (rc != DATE_OK)
		return rc;
	int64_t secs = 0, offset = DATE_VN_OFFSET;
	const char *p = s + n;
	if (*p != '\0') {
		int hh, mm, ss = 0;
		p++;
		if (date_two_digits(p, &hh) || p[2] != ':' ||
		    date_two_digits(p + 3, &mm))
			return DATE_ESYNTAX;
		p += 5;
		if (*p == ':') {
			if (date_two_digits(p + 1, &ss))
				return DATE_ESYNTAX;
			p += 3;
		}
		if (hh > 23 || mm > 59 || ss > 59)
			return DATE_ERANGE;
		secs = hh * 3600 + mm * 60 + ss;
		if (*p == 'Z' && p[1] == '\0') {
			offset = 0;
		} else if ((*p == '+' || *p == '-') && strlen(p) == 6) {
			int oh, om;
			if (date_two_digits(p + 1, &oh) || p[3] != ':' ||
			    date_two_digits(p + 4, &om))
				return DATE_ESYNTAX;
			if (oh > 14 || om > 59)
				return DATE_ERANGE;
			offset = (oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
		} else if (*p != '\0') {
			return DATE_ESYNTAX;
		}
	}
	*t = (int64_t)days * 86400 + secs - offset;
	return DATE_OK;
}

/* "YYYY-MM-DDTHH:MM:SS+07:00" of Unix time t into buf[26]. */
void
date_format_instant_iso(int64_t t, char *buf)
{
	int secs;
	int32_t days = date_split_instant_vn(t, &secs);
	date_format_iso(days, buf);
	buf[10] = 'T';
	date_put_digits(buf + 11, secs / 3600, 2);
	buf[13] = ':';
	date_put_digits(buf + 14, secs / 60 % 60, 2);
	buf[16] = ':';
	date_put_digits(buf + 17, secs % 60, 2);
	memcpy(buf + 19, "+07:00", 7);
}

int32_t
date_iso_day(const char *s)
{
	int32_t d;
	if (s == NULL || *s == '\0' || date_parse_iso(s, &d) != DATE_OK)
		return DATE_NONE;
	return d;
}
