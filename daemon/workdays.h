/* workdays.h: working-day arithmetic for deadlines, on the calendar of
 * the calling thread (the loop and the writer each keep their own, so the
 * calendar's per-year cache needs no lock). */
#ifndef HOSOD_WORKDAYS_H
#define HOSOD_WORKDAYS_H

#include <stdint.h>

/* The n-th working day after day. */
int32_t workdays_add(int32_t day, int n);
/* Working days after from, up to and including to. */
int workdays_between(int32_t from, int32_t to);

#endif
