/* sdnotify.h: telling systemd how hosod is doing (sd_notify(3)), for a
 * Type=notify service: READY=1 once the listeners are up, STATUS= now and
 * then (connections, people, writes per second), RELOADING=1 and READY=1
 * around a SIGHUP reload, STOPPING=1 on SIGTERM, and WATCHDOG=1 while the
 * event loop and the writer thread both make progress.  Without
 * NOTIFY_SOCKET in the environment every call does nothing. */
#ifndef HOSOD_SDNOTIFY_H
#define HOSOD_SDNOTIFY_H

struct server;

/* The loop is about to run: READY=1, and the status and watchdog timers. */
void sdnotify_ready(struct server *srv);
/* SIGHUP: before and after rereading the settings. */
void sdnotify_reload_begin(void);
void sdnotify_reload_end(struct server *srv);
/* SIGTERM/SIGINT: shutting down. */
void sdnotify_stopping(struct server *srv);
/* Free the timers (before the event base goes). */
void sdnotify_free(void);

#endif
