/* maint.h: what hosod does to a data dir besides serving it: the lock
 * that keeps a second hosod (or a restore) off a dir in use, --check, and
 * --restore FILE. */
#ifndef HOSOD_MAINT_H
#define HOSOD_MAINT_H

struct config;

/* Take DATA/hosod.lock (creating DATA if needed) for the life of the
 * process; its text is our pid.  -1 with *cause (malloc'd) when another
 * process holds it or the dir cannot be used. */
int maint_lock(const char *dir, char **cause);

/* hosod --check: open the store, walk it (fsck.c), print the findings on
 * stdout.  Exit status: 0 clean, 1 problems found, 2 cannot open/read. */
int maint_check(struct config *cfg);

/* hosod --restore FILE: check that FILE is a hoso database (a backup from
 * `hoso admin backup`) that passes --check, then put it in place of
 * DATA/data.mdb, keeping the old one beside it.  Refused while a daemon
 * holds the dir.  Exit status: 0 restored, 1 refused (FILE not usable),
 * 2 other errors. */
int maint_restore(struct config *cfg, const char *file);

#endif
