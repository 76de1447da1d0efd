/* alerting.c: see alerting.h.  Everything here runs in the loop thread. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <event2/event.h>

#include "hoso/protocol.h"
#include "alerting.h"
#include "conn.h"
#include "date.h"
#include "dispatch.h"
#include "job.h"
#include "log.h"
#include "server.h"
#include "tables.h"

extern char **environ;

/* The timer: hand a DeadlineSweep to the writer (one at a time). */
static void
sweep_cb(evutil_socket_t fd, short what, void *arg)
{
	struct server *srv = arg;
	(void)fd;
	(void)what;
	srv->sweep_at = 0;
	if (srv->stopping)
		return;                 /* the next start sweeps */
	if (srv->sweep_running) {
		srv->sweep_again = true;
		return;
	}
	struct job *j = server_get_job(srv);
	if (j == NULL) {
		alerting_schedule(srv, 60);
		return;
	}
	Hoso__Request *req = arena_alloc(&j->req_arena, sizeof *req);
	Hoso__DeadlineSweep *sw = arena_alloc(&j->req_arena, sizeof *sw);
	if (req == NULL || sw == NULL) {
		server_put_job(srv, j);
		alerting_schedule(srv, 60);
		return;
	}
	hoso__request__init(req);
	hoso__deadline_sweep__init(sw);
	req->body_case = HOSO__REQUEST__BODY_DEADLINE_SWEEP;
	req->deadline_sweep = sw;
	j->req = req;
	j->cmd = cmd_lookup(req->body_case);
	j->conn = NULL;
	j->now = (int64_t)server_now(srv);
	j->who.role = ROLE_SYSTEM;
	j->rules = srv->cfg->rules;
	srv->sweep_running = true;
	server_submit(srv, j);
}

static void
sigchld_cb(evutil_socket_t fd, short what, void *arg)
{
	int status;
	pid_t pid;
	(void)fd;
	(void)what;
	(void)arg;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			continue;
		log_warn("notify_command (pid %d) failed: %s %d", (int)pid,
		    WIFEXITED(status) ? "exit status" : "signal",
		    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	}
}

int
alerting_init(struct server *srv)
{
	srv->sweep_ev = evtimer_new(srv->base, sweep_cb, srv);
	srv->sigchld = evsignal_new(srv->base, SIGCHLD, sigchld_cb, srv);
	if (srv->sweep_ev == NULL || srv->sigchld == NULL)
		return -1;
	event_add(srv->sigchld, NULL);
	alerting_schedule(srv, 0);      /* catch what passed while down */
	return 0;
}

void
alerting_free(struct server *srv)
{
	if (srv->sweep_ev)
		event_free(srv->sweep_ev);
	if (srv->sigchld)
		event_free(srv->sigchld);
}

void
alerting_schedule(struct server *srv, long secs)
{
	time_t at = server_now(srv) + secs;
	if (srv->sweep_at != 0 && srv->sweep_at <= at)
		return;
	srv->sweep_at = at;
	struct timeval tv = { secs, 0 };
	evtimer_add(srv->sweep_ev, &tv);
}

/* Seconds to the next moment a deadline can change level: the next
 * midnight or digest hour in Vietnam, at most an hour. */
static long
next_sweep_in(struct server *srv)
{
	int64_t now = server_now(srv);
	long secs = (long)((now + DATE_VN_OFFSET) % 86400);
	long to_midnight = 86400 - secs + 1;
	long digest = (long)srv->cfg->rules.digest_hour * 3600;
	long next = to_midnight;
	if (secs < digest && digest - secs < next)
		next = digest - secs + 1;
	return next < 3600 ? next : 3600;
}

/* Is unit org, or one of its parents, in the connection's list? */
static bool
wants(struct conn *c, const uint64_t *chain, size_t n, uint64_t escalated)
{
	if (c->sub_all)
		return true;
	for (size_t i = 0; i < c->n_subs; i++) {
		if (c->subs[i] == escalated && escalated != 0)
			return true;
		for (size_t j = 0; j < n; j++)
			if (c->subs[i] == chain[j])
				return true;
	}
	return false;
}

/* The unit and its parents, nearest first. */
static size_t
unit_chain(struct server *srv, uint64_t org, uint64_t *chain, size_t max)
{
	struct txn t;
	struct arena a;
	size_t n = 0;
	if (org == 0 || store_read_begin(&srv->store, &t) != 0)
		return 0;
	arena_init(&a);
	while (org != 0 && n < max) {
		int rc;
		chain[n++] = org;
		Hoso__Org *o = org_get(&t, org, &a, &rc);
		org = o ? o->parent_id : 0;
	}
	arena_free(&a);
	store_read_end(&t);
	return n;
}

static void
push(struct server *srv, Hoso__Alert *a)
{
	Hoso__Event ev = HOSO__EVENT__INIT;
	Hoso__ServerMessage sm = HOSO__SERVER_MESSAGE__INIT;
	ev.seq = a->id;
	ev.time = a->raised_at;
	ev.kind = a->kind;
	ev.text = a->message;
	ev.record_id = a->record_id;
	ev.alert = a;
	sm.body_case = HOSO__SERVER_MESSAGE__BODY_EVENT;
	sm.event = &ev;
	size_t n;
	uint8_t *buf = server_msg_frame(&sm, &n);
	if (buf == NULL)
		return;
	uint64_t chain[8];
	size_t nc = unit_chain(srv, a->org_id, chain, 8);
	/* Each subscriber gets only what its user may see. */
	struct txn t;
	struct arena ar;
	if (store_read_begin(&srv->store, &t) != 0) {
		free(buf);
		return;
	}
	arena_init(&ar);
	struct req_ctx rc = { .arena = &ar, .txn = &t, .srv = srv };
	for (struct conn *c = srv->conns; c != NULL; c = c->next) {
		if (c->dead || !c->hello || !c->authed ||
		    (!c->sub_all && c->n_subs == 0))
			continue;
		if (!wants(c, chain, nc, a->escalated_to))
			continue;
		rc.who = &c->who;
		if (!authz_sees_alert(&rc, a))
			continue;
		conn_send(c, buf, n);
		conn_flush(c);
	}
	arena_free(&ar);
	store_read_end(&t);
	free(buf);
}

/* Run notify_command with the alert as arguments and environment; no
 * shell, stdin from /dev/null; reaped by sigchld_cb. */
static void
notify(struct server *srv, const Hoso__Alert *a)
{
	const char *cmd = srv->cfg->notify_command;
	if (cmd == NULL || *cmd == '\0')
		return;
	char id[24], unit[24], rec[24];
	snprintf(id, sizeof id, "%llu", (unsigned long long)a->id);
	snprintf(unit, sizeof unit, "%llu", (unsigned long long)a->org_id);
	snprintf(rec, sizeof rec, "%llu", (unsigned long long)a->record_id);
	char *argv[] = { (char *)cmd, a->kind, a->deadline, id, unit,
	    a->record_kind, rec, a->due, a->message, NULL };
	size_t ne = 0;
	while (environ[ne] != NULL)
		ne++;
	char **envp = calloc(ne + 9, sizeof *envp);
	if (envp == NULL)
		return;
	size_t k = 0;
	for (size_t i = 0; i < ne; i++)
		if (strncmp(environ[i], "HOSO_ALERT_", 11) != 0)
			envp[k++] = environ[i];
	char *own[8];
	int no = 0;
	if (asprintf(&own[no], "HOSO_ALERT_ID=%s", id) >= 0) no++;
	if (asprintf(&own[no], "HOSO_ALERT_KIND=%s", a->kind) >= 0) no++;
	if (asprintf(&own[no], "HOSO_ALERT_DEADLINE=%s", a->deadline) >= 0) no++;
	if (asprintf(&own[no], "HOSO_ALERT_UNIT=%s", unit) >= 0) no++;
	if (asprintf(&own[no], "HOSO_ALERT_RECORD=%s:%s", a->record_kind,
	    rec) >= 0) no++;
	if (asprintf(&own[no], "HOSO_ALERT_DUE=%s", a->due) >= 0) no++;
	if (asprintf(&own[no], "HOSO_ALERT_TEXT=%s", a->message) >= 0) no++;
	for (int i = 0; i < no; i++)
		envp[k++] = own[i];
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	pid_t pid;
	int rc = posix_spawn(&pid, cmd, &fa, NULL, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		log_warn("notify_command %s: cannot run it: %s", cmd,
		    strerror(rc));
	for (int i = 0; i < no; i++)
		free(own[i]);
	free(envp);
}

void
alerting_raised(struct server *srv, struct job *j)
{
	const Hoso__SweepReply *r = j->resp.body_case ==
	    HOSO__RESPONSE__BODY_SWEEP ? j->resp.sweep : NULL;
	for (size_t i = 0; r != NULL && i < r->n_raised; i++) {
		Hoso__Alert *a = r->raised[i];
		log_info("alert %llu %s %s: %s", (unsigned long long)a->id,
		    a->kind, a->deadline, a->message);
		push(srv, a);
		notify(srv, a);
	}
}

void
alerting_sweep_done(struct server *srv, struct job *j)
{
	srv->sweep_running = false;
	if (j->resp.status != HOSO__STATUS__OK) {
		log_error("deadline sweep failed: %s", j->resp.message);
		alerting_schedule(srv, 60);
		return;
	}
	alerting_raised(srv, j);
	if (srv->sweep_again) {
		srv->sweep_again = false;
		alerting_schedule(srv, 0);
	} else {
		alerting_schedule(srv, next_sweep_in(srv));
	}
}
