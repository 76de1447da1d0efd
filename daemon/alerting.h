/* alerting.h: the loop's side of deadlines and alerts: the sweep timer
 * (at start, at every Vietnamese midnight and digest hour, at least hourly,
 * and soon after a write moves a deadline), pushing new alerts as Events
 * to subscribed connections, and running notify_command for each. */
#ifndef HOSOD_ALERTING_H
#define HOSOD_ALERTING_H

struct server;
struct job;

int alerting_init(struct server *srv);
void alerting_free(struct server *srv);
/* Sweep after secs seconds (0: on the next loop pass), unless one is due
 * sooner. */
void alerting_schedule(struct server *srv, long secs);
/* The writer finished a sweep job: push, notify, schedule the next. */
void alerting_sweep_done(struct server *srv, struct job *j);
/* Push and pass on the alerts a job of the daemon raised (SweepReply). */
void alerting_raised(struct server *srv, struct job *j);

#endif
