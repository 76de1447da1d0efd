/* workdays.c: working-day arithmetic for deadlines (see workdays.h).
 * One calendar for the process: the built-in holidays (common/cal.c,
 * cached per year and safe to read from several threads).  An admin's
 * per-year edits, stored in LMDB, come with the calendar commands. */
#include "cal.h"
#include "workdays.h"

static struct cal workdays_cal;     /* empty: built-in rules only */

int32_t
workdays_add(int32_t day, int n)
{
	return cal_add_workdays(&workdays_cal, day, n);
}

int
workdays_between(int32_t from, int32_t to)
{
	return cal_workdays_between(&workdays_cal, from, to);
}
