/* cal-import.h: what importing a holiday calendar (.ics) needs beyond an
 * iCalendar parser: which events mark a working day, and the reason an
 * event's day is given.  Pure functions, no I/O; the hoso CLI parses the
 * file with libical and calls these (a GUI may do the same). */
#ifndef HOSO_CAL_IMPORT_H
#define HOSO_CAL_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

/* Longest reason the server takes for a calendar edit, in code points. */
#define HOSO_CAL_REASON_MAX 200

/* Whether an event marks a working day (a Saturday worked to make up for a
 * day off) rather than a day off.  Matching ignores case and diacritics:
 * the SUMMARY holds "làm bù", "đi làm" or "working day" (not right after
 * "non-", "non ", "not a ", "not " or "không ": "Non-working day" and
 * "Không đi làm" are days off), or one of the CATEGORIES values is
 * WORKDAY, WORKING DAY or WORKING-DAY.  summary and the categories may be
 * NULL; text that is not valid UTF-8 matches nothing. */
bool hoso_event_is_workday(const char *summary,
    const char *const *categories, size_t ncat);

/* The reason for an event's days: summary with white space collapsed and
 * trimmed, NFC, cut to HOSO_CAL_REASON_MAX code points (the last one "…"
 * when cut).  Malloc'd; "" for a NULL or blank summary.  NULL when summary
 * is not valid UTF-8 or holds a control character (*why then says so, an
 * English msgid), or when memory runs out (*why "out of memory"). */
char *hoso_event_reason(const char *summary, const char **why);

#endif
