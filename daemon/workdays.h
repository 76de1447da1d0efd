/* workdays.h: the district's working-day calendar (common/cal.h): the
 * built-in holidays plus the admin's edits stored in LMDB.  Readers take
 * the current calendar; an edit publishes a new one after its commit and
 * the old one is kept until exit, since a reader may still hold it. */
#ifndef HOSOD_WORKDAYS_H
#define HOSOD_WORKDAYS_H

struct cal;

/* The calendar in force now (never NULL). */
const struct cal *workdays_cal(void);
/* Make c (owned from now on) the calendar in force. */
void workdays_publish(struct cal *c);
struct store;
/* Publish the built-in rules plus the edits stored in st (at start). */
int workdays_load(struct store *st);
/* Free every calendar published (at exit). */
void workdays_free(void);

#endif
