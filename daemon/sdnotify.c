/* sdnotify.c: sd_notify messages and the watchdog (see sdnotify.h).
 *
 * The watchdog ping must prove more than a running loop: a writer thread
 * stuck in fsync leaves the loop serving reads while every write waits.
 * So each tick (half of WatchdogSec) pings only if the writer is idle or
 * has committed since the tick before, or has been busy for less than
 * one tick.  A writer stuck with work therefore misses the next pings and
 * systemd restarts hosod within 1.5 x WatchdogSec of the last commit. */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <systemd/sd-daemon.h>

#include "log.h"
#include "sdnotify.h"
#include "server.h"

/* STATUS= is refreshed this often (seconds). */
#define SDNOTIFY_STATUS_SECS 10

static struct {
	bool on;                    /* NOTIFY_SOCKET is set */
	struct event *status_ev, *dog_ev;
	char listen[160];           /* "0.0.0.0:7707, [::]:7707" */
	/* writes per second between status updates */
	uint64_t last_jobs;
	struct timespec last_at;
	/* the watchdog's view of the writer at the previous tick */
	uint64_t dog_commits;
	bool dog_busy;
} sdn;

static double
sdnotify_seconds_since(const struct timespec *then, struct timespec *now)
{
	clock_gettime(CLOCK_MONOTONIC, now);
	return (double)(now->tv_sec - then->tv_sec) +
	    (double)(now->tv_nsec - then->tv_nsec) / 1e9;
}

/* How many people the store holds (0 if it cannot be read now). */
static unsigned long long
sdnotify_people(struct server *srv)
{
	struct txn t;
	MDB_stat ms;
	unsigned long long n = 0;
	if (store_read_begin(&srv->store, &t) != 0)
		return 0;
	if (mdb_stat(t.txn, srv->store.dbi[DB_ID2PERSON], &ms) == 0)
		n = ms.ms_entries;
	store_read_end(&t);
	return n;
}

/* "serving on ADDR, N people; N connections, N.N writes/s" */
static void
sdnotify_status(struct server *srv, const char *prefix)
{
	struct timespec now;
	double secs = sdnotify_seconds_since(&sdn.last_at, &now);
	uint64_t jobs = __atomic_load_n(&srv->writer.jobs, __ATOMIC_RELAXED);
	double rate = secs > 0 ? (double)(jobs - sdn.last_jobs) / secs : 0;
	sdn.last_jobs = jobs;
	sdn.last_at = now;
	sd_notifyf(0, "%sSTATUS=serving on %s, %llu people; %u connections, "
	    "%.1f writes/s", prefix, sdn.listen, sdnotify_people(srv),
	    srv->nconns, rate);
}

static void
sdnotify_status_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	struct server *srv = arg;
	if (!srv->stopping)
		sdnotify_status(srv, "");
}

/* Has the writer work that it took or can take? */
static bool
sdnotify_writer_busy(struct server *srv)
{
	struct writer *w = &srv->writer;
	pthread_mutex_lock(&w->mu);
	bool busy = w->queue != NULL || w->naq != 0;
	pthread_mutex_unlock(&w->mu);
	return busy || srv->inflight != 0;
}

static void
sdnotify_dog_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	struct server *srv = arg;
	uint64_t commits = __atomic_load_n(&srv->writer.commits,
	    __ATOMIC_RELAXED);
	bool busy = sdnotify_writer_busy(srv);
	bool stuck = busy && sdn.dog_busy && commits == sdn.dog_commits;
	sdn.dog_commits = commits;
	sdn.dog_busy = busy;
	if (stuck) {
		log_error("watchdog: the writer has made no commit for a "
		    "whole watchdog period with %u writes waiting; not "
		    "telling systemd we are alive", srv->inflight);
		return;
	}
	sd_notify(0, "WATCHDOG=1");
}

/* The listeners' addresses, for STATUS=. */
static void
sdnotify_listen_text(struct server *srv)
{
	size_t used = 0;
	sdn.listen[0] = '\0';
	for (int i = 0; i < srv->nlisteners && used < sizeof sdn.listen; i++) {
		struct sockaddr_storage ss;
		socklen_t sl = sizeof ss;
		char text[80];
		if (getsockname(evconnlistener_get_fd(srv->listeners[i]),
		    (struct sockaddr *)&ss, &sl) < 0)
			continue;
		server_addr_text((struct sockaddr *)&ss, text, sizeof text);
		int n = snprintf(sdn.listen + used, sizeof sdn.listen - used,
		    "%s%s", used ? ", " : "", text);
		if (n > 0)
			used += (size_t)n;
	}
}

void
sdnotify_ready(struct server *srv)
{
	const char *sock = getenv("NOTIFY_SOCKET");
	sdn.on = sock != NULL && *sock != '\0';
	if (!sdn.on)
		return;
	sdnotify_listen_text(srv);
	clock_gettime(CLOCK_MONOTONIC, &sdn.last_at);
	sdn.last_jobs = srv->writer.jobs;
	sdnotify_status(srv, "READY=1\n");
	struct timeval tv = { SDNOTIFY_STATUS_SECS, 0 };
	sdn.status_ev = event_new(srv->base, -1, EV_PERSIST, sdnotify_status_cb,
	    srv);
	if (sdn.status_ev != NULL)
		event_add(sdn.status_ev, &tv);
	uint64_t usec = 0;
	if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0)
		return;
	/* Ping at half the interval, as sd_watchdog_enabled(3) advises. */
	usec /= 2;
	tv = (struct timeval){ (time_t)(usec / 1000000),
	    (suseconds_t)(usec % 1000000) };
	sdn.dog_commits = srv->writer.commits;
	sdn.dog_ev = event_new(srv->base, -1, EV_PERSIST, sdnotify_dog_cb, srv);
	if (sdn.dog_ev == NULL || event_add(sdn.dog_ev, &tv) < 0) {
		log_error("watchdog: cannot start its timer");
		return;
	}
	sd_notify(0, "WATCHDOG=1");
	log_info("watchdog: pinging systemd every %llu ms",
	    (unsigned long long)(usec / 1000));
}

void
sdnotify_reload_begin(void)
{
	if (!sdn.on)
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	sd_notifyf(0, "RELOADING=1\nSTATUS=rereading the settings\n"
	    "MONOTONIC_USEC=%llu", (unsigned long long)now.tv_sec * 1000000ULL +
	    (unsigned long long)now.tv_nsec / 1000ULL);
}

void
sdnotify_reload_end(struct server *srv)
{
	if (sdn.on)
		sdnotify_status(srv, "READY=1\n");
}

void
sdnotify_stopping(struct server *srv)
{
	if (sdn.on)
		sd_notifyf(0, "STOPPING=1\nSTATUS=shutting down: %u writes in "
		    "flight, %u connections", srv->inflight, srv->nconns);
}

void
sdnotify_free(void)
{
	if (sdn.status_ev != NULL)
		event_free(sdn.status_ev);
	if (sdn.dog_ev != NULL)
		event_free(sdn.dog_ev);
	sdn.status_ev = sdn.dog_ev = NULL;
}
