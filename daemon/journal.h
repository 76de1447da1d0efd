/* journal.h: one log record sent to journald with hosod's own fields.
 *
 * Kept apart from log.c: sd-journal.h pulls in <syslog.h>, whose LOG_INFO
 * and LOG_DEBUG macros would clash with log.h's level names. */
#ifndef HOSOD_JOURNAL_H
#define HOSOD_JOURNAL_H

#include <stdbool.h>
#include <stdint.h>

struct journal_rec {
	int priority;               /* syslog priority: 3 err ... 7 debug */
	const char *message;
	/* The request being served, or NULL/"" (and conn 0) outside one. */
	const char *request, *user, *peer;
	uint64_t conn;
};

/* Should lines meant for fd go to the journal?  True when $JOURNAL_STREAM
 * ("DEVICE:INODE", see systemd.exec(5)) names fd's file and journald's
 * socket is there. */
bool journal_is_stream(int fd);

/* Send one record (MESSAGE=, PRIORITY=, SYSLOG_IDENTIFIER=hosod and the
 * HOSO_* fields that are set); 0, or a negative errno. */
int journal_send(const struct journal_rec *r);

#endif
