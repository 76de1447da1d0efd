/* log.c: line logging to stderr (see log.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "log.h"

static enum log_level log_level = LOG_INFO;
static const char *log_names[] = { "error", "warn", "info", "debug" };

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

/* Print one line: UTC time, level, message.  One fprintf call per line so
 * lines from the writer thread never interleave with the loop's. */
static void
log_vline(enum log_level l, const char *fmt, va_list ap)
{
	char msg[1024], ts[32];
	struct timespec now;
	struct tm tm;

	vsnprintf(msg, sizeof msg, fmt, ap);
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
