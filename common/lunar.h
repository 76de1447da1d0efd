/* lunar.h: the Vietnamese lunar calendar (âm lịch), computed, not tabled.
 * Hồ Ngọc Đức's algorithm: new moons and the sun's longitude by Jean
 * Meeus' formulas, in Vietnam's time (UTC+7).  A lunar month starts on the
 * day of a new moon; month 11 is the one that holds the winter solstice; a
 * lunar year between two months 11 that are 13 months apart has a leap
 * month, the first one after month 11 in which the sun enters no new major
 * solar term (trung khí); it repeats the number of the month before it.
 * Vietnam's calendar differs from China's (UTC+8) in some years: Tết 1985
 * was 21 January in Vietnam and 20 February in China.
 *
 * Dates are date.h day numbers.  The domain is the solar dates
 * LUNAR_MIN_YEAR-01-01 .. LUNAR_MAX_YEAR-12-31; nothing outside it has a
 * lunar date here.  Over the whole domain this gives the same lunar date
 * as Hồ Ngọc Đức's JavaScript program, day for day, but for five days that
 * it calls "day 0" (see lunar_from_solar).  His published tables, made
 * with finer astronomy, agree on every Tết and leap month from 1968 to
 * 2199 but Tết 2175 and 2199 (a day earlier in the tables), and differ in
 * the length of a few months (2054, 2072, 2077, ...; and of many before
 * 1968, when Vietnam still used China's UTC+8 calendar). */
#ifndef HOSO_LUNAR_H
#define HOSO_LUNAR_H

#include <stdbool.h>
#include <stdint.h>

#define LUNAR_MIN_YEAR 1800
#define LUNAR_MAX_YEAR 2299
#define LUNAR_TZ_HOURS 7        /* Vietnam: UTC+7 */

#define LUNAR_ERANGE (-1)       /* outside the domain */

/* A lunar date: day 1-30, month 1-12, leap for the second (leap) month of
 * that number, year as in "Tết 2026" (the solar year in which most of the
 * lunar year lies). */
struct lunar_date {
	int day, month, year;
	bool leap;
};

/* The lunar date of day number days: 0, or LUNAR_ERANGE outside the
 * domain (*out untouched). */
int lunar_from_solar(int32_t days, struct lunar_date *out);

/* The day number of *l, or INT32_MIN if there is no such day: a leap month
 * that year does not have, day 30 of a 29-day month, a field out of range,
 * or a day outside the domain. */
int32_t lunar_to_solar(const struct lunar_date *l);

/* The number of the leap month of lunar year year (it follows the ordinary
 * month of that number), or 0 if the year has none or is outside
 * LUNAR_MIN_YEAR - 1 .. LUNAR_MAX_YEAR. */
int lunar_leap_month(int year);

/* Length of a lunar month, 29 or 30 days; 0 if there is no such month or
 * the year is outside LUNAR_MIN_YEAR - 1 .. LUNAR_MAX_YEAR. */
int lunar_month_days(int year, int month, bool leap);

#endif
