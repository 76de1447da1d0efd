/* lunar.c: the Vietnamese lunar calendar (see lunar.h).
 * A port of Hồ Ngọc Đức's algorithm ("Computing the Vietnamese lunar
 * calendar", https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html)
 * with Jean Meeus' formulas ("Astronomical Algorithms"), kept step for step
 * so that it gives the same days as his programs and tables.
 *
 * Internally days are Julian Day Numbers (JDN = day number + 2440588); new
 * moons are counted by k, the k-th new moon after the one of 1900-01-01.
 *
 * The sine and floor are our own: the formulas only need sin() of a few
 * angles in degrees, and writing them here keeps libm out of the link and
 * the results independent of the libm at hand. */
#include <stddef.h>

#include "date.h"
#include "lunar.h"

#define LUNAR_JDN_1970 2440588          /* JDN of day number 0 */
#define LUNAR_NEW_MOON_1900 2415021.076998695   /* JD of new moon k = 0 */
#define LUNAR_SYNODIC 29.530588853      /* mean lunar month, days */
#define LUNAR_TZ (LUNAR_TZ_HOURS / 24.0)
#define LUNAR_PI 3.14159265358979323846

/* The largest integer not above x (|x| < 2^62). */
static double
lunar_floor(double x)
{
	double t = (double)(int64_t)x;
	return t > x ? t - 1.0 : t;
}

/* floor(x) as an integer, the INT() of the original. */
static int64_t
lunar_int(double x)
{
	return (int64_t)lunar_floor(x);
}

/* The sine of an angle in degrees.  The reduction to [-90, 90] degrees is
 * exact; the Taylor series to x^25 is then good to the last bit. */
static double
lunar_sin(double deg)
{
	/* 1 / ((2n)(2n+1)) for n = 1..12 */
	static const double inv[] = {
		1.0 / 6, 1.0 / 20, 1.0 / 42, 1.0 / 72, 1.0 / 110, 1.0 / 156,
		1.0 / 210, 1.0 / 272, 1.0 / 342, 1.0 / 420, 1.0 / 506,
		1.0 / 600,
	};
	double x = deg - 360.0 * lunar_floor(deg / 360.0);

	if (x > 180.0)
		x -= 360.0;
	if (x > 90.0)
		x = 180.0 - x;
	else if (x < -90.0)
		x = -180.0 - x;
	double r = x * (LUNAR_PI / 180.0), r2 = r * r, t = 1.0;
	for (int n = 12; n >= 1; n--)
		t = 1.0 - r2 * inv[n - 1] * t;
	return r * t;
}

/* Julian Day (UTC, fractional) of the k-th new moon after 1900-01-01. */
static double
lunar_new_moon(int k)
{
	double T = k / 1236.85;         /* Julian centuries from 1900-01-00.5 */
	double T2 = T * T, T3 = T2 * T;
	double jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 -
	    0.000000155 * T3;
	jd1 += 0.00033 * lunar_sin(166.56 + 132.87 * T - 0.009173 * T2);
	/* the sun's and the moon's mean anomaly, the moon's argument of
	 * latitude, in degrees */
	double M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 -
	    0.00000347 * T3;
	double Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 +
	    0.00001236 * T3;
	double F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 -
	    0.00000239 * T3;
	double c1 = (0.1734 - 0.000393 * T) * lunar_sin(M) +
	    0.0021 * lunar_sin(2 * M);
	c1 = c1 - 0.4068 * lunar_sin(Mpr) + 0.0161 * lunar_sin(2 * Mpr);
	c1 = c1 - 0.0004 * lunar_sin(3 * Mpr);
	c1 = c1 + 0.0104 * lunar_sin(2 * F) - 0.0051 * lunar_sin(M + Mpr);
	c1 = c1 - 0.0074 * lunar_sin(M - Mpr) + 0.0004 * lunar_sin(2 * F + M);
	c1 = c1 - 0.0004 * lunar_sin(2 * F - M) -
	    0.0006 * lunar_sin(2 * F + Mpr);
	c1 = c1 + 0.0010 * lunar_sin(2 * F - Mpr) +
	    0.0005 * lunar_sin(2 * Mpr + M);
	double deltat;                  /* ΔT, days */
	if (T < -11)
		deltat = 0.001 + 0.000839 * T + 0.0002261 * T2 -
		    0.00000845 * T3 - 0.000000081 * T * T3;
	else
		deltat = -0.000278 + 0.000265 * T + 0.000262 * T2;
	return jd1 + c1 - deltat;
}

/* The sun's true longitude in degrees, [0, 360), at Julian Day jd (UTC). */
static double
lunar_sun_longitude(double jd)
{
	double T = (jd - 2451545.0) / 36525;    /* centuries from J2000.0 */
	double T2 = T * T;
	double M = 357.52910 + 35999.05030 * T - 0.0001559 * T2 -
	    0.00000048 * T * T2;                /* mean anomaly */
	double L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
	double DL = (1.914600 - 0.004817 * T - 0.000014 * T2) * lunar_sin(M);
	DL += (0.019993 - 0.000101 * T) * lunar_sin(2 * M) +
	    0.000290 * lunar_sin(3 * M);
	double L = L0 + DL;
	return L - 360.0 * lunar_floor(L / 360.0);
}

/* JDN of the local (UTC+7) day of the k-th new moon. */
static int32_t
lunar_new_moon_day(int k)
{
	return (int32_t)lunar_int(lunar_new_moon(k) + 0.5 + LUNAR_TZ);
}

/* Which 30-degree sector (0-11, 0 = from the spring equinox) the sun is in
 * at the local midnight that starts day jdn; sector 9 starts at the winter
 * solstice.  A month whose first day and next month's first day are in the
 * same sector has no major solar term. */
static int
lunar_sun_sector(int32_t jdn)
{
	return (int)lunar_int(lunar_sun_longitude(jdn - 0.5 - LUNAR_TZ) / 30.0);
}

/* JDN of the first day of lunar month 11 that holds the winter solstice of
 * solar year yy. */
static int32_t
lunar_month11(int yy)
{
	int32_t off = date_from_ymd(yy, 12, 31) + LUNAR_JDN_1970 - 2415021;
	int k = (int)lunar_int(off / LUNAR_SYNODIC);
	int32_t nm = lunar_new_moon_day(k);

	if (lunar_sun_sector(nm) >= 9)  /* the solstice is already past */
		nm = lunar_new_moon_day(k - 1);
	return nm;
}

/* k of the new moon whose day is month_start, the first day of a month. */
static int
lunar_k_of(int32_t month_start)
{
	return (int)lunar_int((month_start - LUNAR_NEW_MOON_1900) /
	    LUNAR_SYNODIC + 0.5);
}

/* In the 13-month year that starts at month 11 on JDN a11: how many months
 * after a11 the leap month starts (the first month without a major term). */
static int
lunar_leap_offset(int32_t a11)
{
	int k = lunar_k_of(a11);
	int i = 1, last, arc = lunar_sun_sector(lunar_new_moon_day(k + 1));

	do {
		last = arc;
		i++;
		arc = lunar_sun_sector(lunar_new_moon_day(k + i));
	} while (arc != last && i < 14);
	return i - 1;
}

/* The domain of lunar.h as day numbers. */
static bool
lunar_in_domain(int32_t days)
{
	return days >= date_from_ymd(LUNAR_MIN_YEAR, 1, 1) &&
	    days <= date_from_ymd(LUNAR_MAX_YEAR, 12, 31);
}

/* The lunar date of day number days: see lunar.h. */
int
lunar_from_solar(int32_t days, struct lunar_date *out)
{
	if (!lunar_in_domain(days))
		return LUNAR_ERANGE;

	int32_t jdn = days + LUNAR_JDN_1970;
	int k = (int)lunar_int((jdn - LUNAR_NEW_MOON_1900) / LUNAR_SYNODIC);
	int32_t start = lunar_new_moon_day(k + 1);
	/* k comes from the mean lunation, and a true new moon can be far
	 * enough from the mean one that month k starts after jdn too: the
	 * original stops at k and then gives "day 0" (1877-04-13, 2054-05-07,
	 * 2062-04-09, ...). */
	while (start > jdn)
		start = lunar_new_moon_day(k--);

	int yy, mm, dd;
	date_to_ymd(days, &yy, &mm, &dd);
	int32_t a11 = lunar_month11(yy), b11 = a11;
	int year;
	if (a11 >= start) {
		year = yy;
		a11 = lunar_month11(yy - 1);
	} else {
		year = yy + 1;
		b11 = lunar_month11(yy + 1);
	}

	int diff = (start - a11) / 29;  /* months since month 11 */
	int month = diff + 11;
	bool leap = false;
	if (b11 - a11 > 365) {
		int leap_off = lunar_leap_offset(a11);
		if (diff >= leap_off) {
			month = diff + 10;
			leap = diff == leap_off;
		}
	}
	if (month > 12)
		month -= 12;
	if (month >= 11 && diff < 4)
		year--;

	out->day = jdn - start + 1;
	out->month = month;
	out->year = year;
	out->leap = leap;
	return 0;
}

/* JDN of the first day of lunar month (year, month, leap) and its length,
 * or -1 if the year has no such month. */
static int
lunar_month_start(int year, int month, bool leap, int32_t *start, int *len)
{
	if (year < LUNAR_MIN_YEAR - 1 || year > LUNAR_MAX_YEAR || month < 1 ||
	    month > 12)
		return -1;

	int32_t a11, b11;
	if (month < 11) {
		a11 = lunar_month11(year - 1);
		b11 = lunar_month11(year);
	} else {
		a11 = lunar_month11(year);
		b11 = lunar_month11(year + 1);
	}
	int k = lunar_k_of(a11);
	int off = month - 11;
	if (off < 0)
		off += 12;
	if (b11 - a11 > 365) {
		int leap_off = lunar_leap_offset(a11);
		int leap_month = leap_off - 2;
		if (leap_month < 0)
			leap_month += 12;
		if (leap && month != leap_month)
			return -1;
		if (leap || off >= leap_off)
			off++;
	} else if (leap) {
		return -1;
	}
	*start = lunar_new_moon_day(k + off);
	*len = lunar_new_moon_day(k + off + 1) - *start;
	return 0;
}

/* The day number of lunar date *l: see lunar.h. */
int32_t
lunar_to_solar(const struct lunar_date *l)
{
	int32_t start;
	int len;

	if (l->day < 1 || lunar_month_start(l->year, l->month, l->leap, &start,
	    &len) != 0 || l->day > len)
		return INT32_MIN;
	int32_t days = start + l->day - 1 - LUNAR_JDN_1970;
	return lunar_in_domain(days) ? days : INT32_MIN;
}

/* The leap month of lunar year year, 0 if none: see lunar.h.  The months
 * from 11 of year - 1 to 10 of year lie between lunar_month11(year - 1) and
 * lunar_month11(year); months 11 and 12 of year in the next such span. */
int
lunar_leap_month(int year)
{
	if (year < LUNAR_MIN_YEAR - 1 || year > LUNAR_MAX_YEAR)
		return 0;

	int32_t a11 = lunar_month11(year - 1), b11 = lunar_month11(year);
	if (b11 - a11 > 365) {
		int off = lunar_leap_offset(a11);
		if (off >= 3)   /* 1 and 2: months 11, 12 of year - 1 */
			return off - 2;
	}
	int32_t c11 = lunar_month11(year + 1);
	if (c11 - b11 > 365) {
		int off = lunar_leap_offset(b11);
		if (off <= 2)
			return off + 10;
	}
	return 0;
}

/* Length of a lunar month: see lunar.h. */
int
lunar_month_days(int year, int month, bool leap)
{
	int32_t start;
	int len;

	if (lunar_month_start(year, month, leap, &start, &len) != 0)
		return 0;
	return len;
}
