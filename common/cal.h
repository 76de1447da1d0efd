/* cal.h: working days, the unit of every deadline in hoso.
 * A working day is a Monday to Friday that is not a day off.  Days are
 * date.h day numbers (calendar dates in Vietnam); nothing here looks at the
 * clock or the process's time zone.
 *
 * Built-in days off (Labour Code 2019, art. 112, with DOMAIN.md's
 * defaults): 1/1; Tết, the last day of the lunar year and the first four of
 * the new one; Hùng Kings' day, 10/3 lunar; 30/4; 1/5; 2/9 and the day
 * beside it, 3/9 if 2/9 is a Monday, else 1/9.  Each of these that falls on
 * a Saturday or Sunday gives a compensatory day off on the next day that is
 * neither a weekend nor another built-in day off (for Tết, after the Tết
 * days).  They are computed once per year and remembered for the whole
 * process (thread-safe), so stepping through days costs no lunar
 * arithmetic.
 *
 * A struct cal adds an admin's edits for particular days ("overrides"),
 * which win over the rules above: CAL_OFF makes any day a day off, CAL_WORK
 * makes any day a working day (a working Saturday, or a built-in day off
 * taken back).  The built-in compensatory days do not move when an edit
 * falls on them; an edit is exactly what it says, for the one day.
 *
 * Reasons are English msgids (N_()) to pass through _(), or the admin's
 * own text for an edit (which _() returns unchanged).  A struct cal may be
 * read by several threads at once but not while it is being edited. */
#ifndef HOSO_CAL_H
#define HOSO_CAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Kinds of override. */
#define CAL_OFF 1               /* a day off */
#define CAL_WORK 2              /* a working day */

/* Result codes. */
#define CAL_ENOMEM (-1)         /* out of memory */
#define CAL_EINVAL (-2)         /* no such kind, or a day outside date.h's
                                   years */
#define CAL_ENOENT (-3)         /* cal_unset: no edit on that day */

/* An admin's edit of one day. */
struct cal_override {
	int32_t day;
	int kind;               /* CAL_OFF or CAL_WORK */
	char *reason;           /* owned; may be NULL */
};

struct cal {
	struct cal_override *ov;        /* sorted by day, one per day */
	size_t n_ov, cap_ov;
};

/* One day off, as cal_year_days_off lists them. */
struct cal_day_off {
	int32_t day;
	const char *reason;     /* never NULL */
	bool edited;            /* off because of an override */
};

/* An empty calendar: the built-in rules only.  cal_free releases it.  A
 * zero-initialised struct cal is the same. */
void cal_init(struct cal *c);
/* Free the overrides; c is then empty again, as after cal_init. */
void cal_free(struct cal *c);

/* Set the override of day, replacing any there was; reason is copied and
 * may be NULL.  0, CAL_EINVAL or CAL_ENOMEM (c unchanged). */
int cal_set(struct cal *c, int32_t day, int kind, const char *reason);
/* Remove the override of day: 0, or CAL_ENOENT if there was none. */
int cal_unset(struct cal *c, int32_t day);
/* The override of day, or NULL. */
const struct cal_override *cal_get(const struct cal *c, int32_t day);

/* Whether day is a working day. */
bool cal_is_workday(const struct cal *c, int32_t day);

/* Whether day is a day off, with *reason (reason may be NULL): the edit's
 * reason (N_("day off") if it has none), else the holiday's, even on a
 * weekend, else N_("weekend").  On a working day *reason is the reason of
 * a CAL_WORK edit ("working Saturday ...") or NULL. */
bool cal_day_off(const struct cal *c, int32_t day, const char **reason);

/* The n-th working day after day: cal_add_workdays(c, received, 7) is the
 * deadline "within 7 working days of receipt".  n = 0 gives day itself if
 * it is a working day, else the next working day; n < 0 the |n|-th working
 * day before day.  INT32_MIN if the answer is outside date.h's years. */
int32_t cal_add_workdays(const struct cal *c, int32_t day, int n);

/* The number of working days after from, up to and including to; 0 if
 * to <= from.  So for a working day a and n >= 0,
 * cal_workdays_between(c, a, cal_add_workdays(c, a, n)) == n.
 * Linear in to - from; days outside date.h's years count as none. */
int cal_workdays_between(const struct cal *c, int32_t from, int32_t to);

/* Every day off of year that is not a Saturday or Sunday, in date order,
 * compensatory days and edits included: writes at most max of them to out
 * and returns how many there are (call with max = 0 to size out). */
size_t cal_year_days_off(const struct cal *c, int year,
    struct cal_day_off *out, size_t max);

/* An English msgid for a CAL_E* code. */
const char *cal_strerror(int code);

#endif
