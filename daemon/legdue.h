/* legdue.h: the deadline of one leg of a background check on a working-day
 * calendar, and the explanation of how it was computed.  Pure functions of
 * their arguments: no store, no clock, no allocation.
 *
 * The rule (issue 4, proto/hoso.proto "background checks"): a leg that
 * starts on day S is counted from S if S is a working day, else from the
 * next working day (call it D).  With n working days it is due at the end
 * of the n-th working day after D; n = 0 ("the same working day") is due at
 * the end of D.  A closed suspension from day F to day T moves the
 * deadline by cal_workdays_between(F, T) working days (the working days
 * after F up to and including T).  An open suspension stops the clock: no
 * deadline until it resumes.  An extension replaces the deadline in force
 * with its own date but never changes due_original. */
#ifndef HOSOD_LEGDUE_H
#define HOSOD_LEGDUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cal;

#define LEGDUE_OPEN INT32_MIN       /* a suspension not yet resumed */
#define LEGDUE_NONE INT32_MIN       /* no extension / no deadline */

struct legdue_susp {
	int32_t from;               /* day the clock stopped */
	int32_t to;                 /* day it restarted, or LEGDUE_OPEN */
};

struct legdue_in {
	int32_t start;              /* day the leg started (in Vietnam) */
	int n;                      /* working days allowed, >= 0 */
	const struct legdue_susp *susp;
	size_t n_susp;
	int32_t extended_to;        /* the last extension's date, or LEGDUE_NONE */
};

struct legdue_out {
	int32_t day_one;            /* D: start, or the next working day */
	int32_t due_rule;           /* from the rule alone */
	int shift;                  /* working days added by closed suspensions */
	int32_t due_original;       /* due_rule moved by shift */
	int32_t due;                /* in force: extended_to, else due_original;
	                               LEGDUE_NONE while suspended */
	bool suspended;             /* an open suspension */
};

/* Compute out; 0, or -1 if a day falls outside the calendar's years. */
int legdue(const struct cal *c, const struct legdue_in *in,
    struct legdue_out *out);

/* One line of an explanation: an English msgid with "%s" conversions and
 * its arguments (dates as "YYYY-MM-DD", numbers in decimal, reasons as the
 * calendar gives them: msgids or an admin's text). */
#define LEGDUE_ARGS 4
#define LEGDUE_ARG_MAX 208
struct legdue_line {
	const char *code;           /* "start", "day-one", "count", "skip",
	                               "suspend", "due", "extend" */
	int32_t day;                /* the day the line is about */
	const char *fmt;            /* N_() msgid */
	int nargs;
	char args[LEGDUE_ARGS][LEGDUE_ARG_MAX];
};

/* Explain legdue's result day by day: where counting starts and why, each
 * working day counted ("working day 3 of 7"), each day skipped and why
 * (weekend, the holiday's name, an administrator's edit and its reason),
 * each suspension and how far it moved the deadline, the day it is due,
 * and an extension if there is one.  Writes at most max lines to out and
 * returns how many there are (call with max = 0 to size out); -1 as for
 * legdue. */
long legdue_explain(const struct cal *c, const struct legdue_in *in,
    struct legdue_line *out, size_t max);

#endif
