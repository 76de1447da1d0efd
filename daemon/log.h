/* log.h: one line per significant event.  On stderr in the form
 * "2026-01-02T03:04:05Z hosod info: message"; when stderr is systemd's
 * journal stream, as a journald record with PRIORITY=, SYSLOG_IDENTIFIER=
 * and, while a request is served, HOSO_REQUEST=, HOSO_USER=, HOSO_PEER=,
 * HOSO_CONN= (journal.c). */
#ifndef HOSOD_LOG_H
#define HOSOD_LOG_H

#include <stdint.h>

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG };

void log_set_level(enum log_level l);
/* Parses "error", "warn", "info", "debug"; -1 if unknown. */
int log_level_parse(const char *s);
void log_msg(enum log_level l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

/* Prints to stderr and exits 1: for start-up failures only. */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* The request this thread serves, for the journal's fields: its type's
 * name ("person.get"), the caller's login, address and connection number
 * (0: none).  The strings must live until log_context_clear; only the
 * pointers are stored. */
void log_context_set(const char *request, const char *user, const char *peer,
    uint64_t conn);
void log_context_clear(void);

#endif
