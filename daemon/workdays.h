/* workdays.h: working-day arithmetic for deadlines, on the district's
 * calendar (common/cal.h). */
#ifndef HOSOD_WORKDAYS_H
#define HOSOD_WORKDAYS_H

#include <stdint.h>

/* The n-th working day after day. */
int32_t workdays_add(int32_t day, int n);
/* Working days after from, up to and including to. */
int workdays_between(int32_t from, int32_t to);

#endif
