/* log.c: line logging to stderr or the journal (see log.h). */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "journal.h"
#include "log.h"

static enum log_level log_level = LOG_INFO;
static const char *log_names[] = { "error", "warn", "info", "debug" };
/* syslog priorities of the levels: LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG */
static const int log_priorities[] = { 3, 4, 6, 7 };

/* Decided once, at the first line: is stderr the journal?  Cleared for
 * good when journald turns out not to be there. */
static pthread_once_t log_once = PTHREAD_ONCE_INIT;
static bool log_journal;

struct log_context {
	const char *request, *user, *peer;
	uint64_t conn;
};
static _Thread_local struct log_context log_ctx;

void
log_set_level(enum log_level l)
{
	log_level = l;
}

int
log_level_parse(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (strcasecmp(s, log_names[i]) == 0)
			return i;
	return -1;
}

void
log_context_set(const char *request, const char *user, const char *peer,
    uint64_t conn)
{
	log_ctx.request = request;
	log_ctx.user = user;
	log_ctx.peer = peer;
	log_ctx.conn = conn;
}

void
log_context_clear(void)
{
	log_ctx = (struct log_context){ 0 };
}

static void
log_detect(void)
{
	bool on = journal_is_stream(STDERR_FILENO);
	__atomic_store_n(&log_journal, on, __ATOMIC_RELAXED);
}

/* The message as a journal record; false if journald did not take it. */
static bool
log_to_journal(enum log_level l, const char *msg)
{
	struct journal_rec r = {
		.priority = log_priorities[l], .message = msg,
		.request = log_ctx.request, .user = log_ctx.user,
		.peer = log_ctx.peer, .conn = log_ctx.conn,
	};
	int rc = journal_send(&r);
	if (rc >= 0)
		return true;
	/* journald has gone (its socket is dead): stderr from now on.
	 * Anything else: stderr for this line only. */
	if (rc == -ENOENT || rc == -ECONNREFUSED || rc == -ENOTCONN ||
	    rc == -EACCES)
		__atomic_store_n(&log_journal, false, __ATOMIC_RELAXED);
	return false;
}

/* Print one line: UTC time, level, message.  One fprintf call per line so
 * lines from the writer thread never interleave with the loop's. */
static void __attribute__((format(printf, 2, 0)))
log_vline(enum log_level l, const char *fmt, va_list ap)
{
	char msg[1024], ts[32];
	struct timespec now;
	struct tm tm;

	vsnprintf(msg, sizeof msg, fmt, ap);
	pthread_once(&log_once, log_detect);
	if (__atomic_load_n(&log_journal, __ATOMIC_RELAXED) &&
	    log_to_journal(l, msg))
		return;
	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s hosod %s: %s\n", ts, log_names[l], msg);
}

void
log_msg(enum log_level l, const char *fmt, ...)
{
	if (l > log_level)
		return;
	va_list ap;
	va_start(ap, fmt);
	log_vline(l, fmt, ap);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_vline(LOG_ERROR, fmt, ap);
	va_end(ap);
	exit(1);
}
