/* date.h: calendar dates as day numbers, ISO 8601 and Vietnamese formats.
 * A date is an int32_t count of days since 1970-01-01 in the proleptic
 * Gregorian calendar.  "Today" and instants are taken in Vietnam's time
 * (UTC+7, no DST) whatever the process's TZ says. */
#ifndef HOSO_DATE_H
#define HOSO_DATE_H

#include <stdbool.h>
#include <stdint.h>

#define DATE_VN_OFFSET (7 * 3600)   /* Vietnam: UTC+7 all year */
#define DATE_MIN_YEAR 1000
#define DATE_MAX_YEAR 9999

/* Result codes of the parsers. */
#define DATE_OK 0
#define DATE_ESYNTAX (-1)     /* not in the expected shape */
#define DATE_ERANGE (-2)      /* shaped right but no such day (2027-02-30) */

/* Whether y-m-d exists and y is in DATE_MIN_YEAR..DATE_MAX_YEAR. */
bool date_valid_ymd(int y, int m, int d);
int32_t date_from_ymd(int y, int m, int d);
void date_to_ymd(int32_t days, int *y, int *m, int *d);
/* 0 = Monday ... 6 = Sunday */
int date_weekday(int32_t days);

/* Strict "YYYY-MM-DD" (exactly 10 chars, year 1000-9999). */
int date_parse_iso(const char *s, int32_t *days);
/* What a person types: "YYYY-MM-DD" or "D/M/YYYY" ("05/03/1990", "5/3/1990"). */
int date_parse_user(const char *s, int32_t *days);

/* buf must hold 11 bytes. */
void date_format_iso(int32_t days, char *buf);
void date_format_vn(int32_t days, char *buf);    /* dd/mm/yyyy */

/* The calendar date in Vietnam at Unix time t. */
int32_t date_of_instant_vn(int64_t t);
int32_t date_today_vn(void);
/* "dd/mm/yyyy HH:MM" in Vietnam's time; buf must hold 17 bytes. */
void date_format_instant_vn(int64_t t, char *buf);

/* An instant: a date (ISO or D/M/YYYY; 00:00 that day), optionally 'T' or
 * ' ' and HH:MM[:SS], optionally 'Z' or +HH:MM/-HH:MM; Vietnam's time when
 * no offset is given.  DATE_OK, DATE_ESYNTAX or DATE_ERANGE. */
int date_parse_instant(const char *s, int64_t *t);
/* The day of a stored ISO date, or DATE_NONE when s is NULL, empty or not
 * a date. */
#define DATE_NONE INT32_MIN
int32_t date_iso_day(const char *s);
/* "YYYY-MM-DDTHH:MM:SS+07:00" in Vietnam's time; buf must hold 26 bytes. */
void date_format_instant_iso(int64_t t, char *buf);

/* The same day n months later (clamped to the month's end: 31/1 + 1 month
 * is 28/2 or 29/2). */
int32_t date_add_months(int32_t days, int months);
/* Whole months from from to to (age in months, validity periods). */
int date_months_between(int32_t from, int32_t to);

#endif
