/* test_async.c: libhoso's non-blocking interface against a real hosod
 * ($HOSOD, default build/hosod) on a demo data directory: pipelined calls
 * answered in order, a pushed alert Event delivered to the event callback,
 * a call past its timeout, the server going away, TLS with the first
 * contact confirmed by the user, and a changed certificate refused. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "hoso/client.h"
#include "t.h"
#include "t-daemon.h"

/* Run the loop as a GUI would: poll the fd for what the library asks,
 * process, until done() or ms pass.  Returns the last process code. */
static int
loop_until(struct hoso_client *c, bool (*done)(void), int ms)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (done())
			return 0;
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		int spent = (int)((now.tv_sec - t0.tv_sec) * 1000 +
		    (now.tv_nsec - t0.tv_nsec) / 1000000);
		if (spent >= ms)
			return HOSO_E_TIMEOUT;
		int wait = ms - spent, lib = hoso_async_timeout(c);
		if (lib >= 0 && lib < wait)
			wait = lib;
		if (hoso_buffered(c))
			wait = 0;
		struct pollfd p = { .fd = hoso_fd(c),
		    .events = hoso_async_events(c) };
		if (poll(&p, 1, wait) < 0 && errno != EINTR)
			return HOSO_E_IO;
		char *err = NULL;
		int rc = hoso_async_process(c, &err);
		free(err);
		if (rc < 0)
			return rc;
	}
}

/* ---- replies in order ---------------------------------------------------- */

#define NCALLS 300
static int got[NCALLS], ngot, nbad_order, nfailed;
static Hoso__Status statuses[NCALLS];

static void
on_reply(struct hoso_client *c, int rc, Hoso__Response *resp,
    const char *err, void *arg)
{
	(void)c;
	(void)err;
	int i = (int)(intptr_t)arg;
	if (rc < 0) {
		nfailed++;
		return;
	}
	if (ngot != i)
		nbad_order++;
	got[ngot++] = i;
	statuses[i] = resp->status;
}

static bool all_in(void) { return ngot + nfailed == NCALLS; }

static Hoso__Response *last;
static int last_rc;
static char *last_err;
static bool have_last;

static void
on_one(struct hoso_client *c, int rc, Hoso__Response *resp, const char *err,
    void *arg)
{
	(void)c;
	(void)arg;
	last_rc = rc;
	free(last_err);
	last_err = err ? strdup(err) : NULL;
	hoso_response_free(last);
	last = NULL;
	if (resp != NULL) {
		/* Ours only during the call: keep a copy. */
		size_t n = hoso__response__get_packed_size(resp);
		uint8_t *b = malloc(n);
		hoso__response__pack(resp, b);
		last = hoso__response__unpack(NULL, n, b);
		free(b);
	}
	have_last = true;
}

static bool one_in(void) { return have_last; }

/* One call run to its reply; the Response in `last`. */
static int
call(struct hoso_client *c, Hoso__Request *req, int ms)
{
	have_last = false;
	char *err = NULL;
	int rc = hoso_async_send(c, req, on_one, NULL, &err);
	free(err);
	if (rc < 0)
		return rc;
	rc = loop_until(c, one_in, ms);
	return rc < 0 ? rc : last_rc;
}

static int nevents;
static uint64_t event_alert;

static void
on_event(struct hoso_client *c, Hoso__Event *ev, void *arg)
{
	(void)c;
	(void)arg;
	nevents++;
	if (ev->alert != NULL)
		event_alert = ev->alert->id;
}

static bool an_event(void) { return nevents > 0; }

static struct hoso_client *
login(const char *where, const char *user, int timeout_ms)
{
	struct hoso_connect_opts o = { .server = where,
	    .timeout_ms = timeout_ms };
	struct hoso_client *c;
	char *err = NULL;
	if (hoso_connect_opts(&o, &c, &err) < 0) {
		printf("# connect: %s\n", err);
		free(err);
		return NULL;
	}
	char *pw = demo_password(user);
	Hoso__Login l = HOSO__LOGIN__INIT;
	l.login = (char *)user;
	l.password = pw;
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_LOGIN;
	req.login = &l;
	int rc = call(c, &req, 10000);
	free(pw);
	if (rc < 0 || last->status != HOSO__STATUS__OK) {
		printf("# login failed\n");
		hoso_close(c);
		return NULL;
	}
	return c;
}

static void
pipelined(const char *where)
{
	struct hoso_client *c = login(where, "admin", 10000);
	CHECK(c != NULL, "connected and logged in through the async calls");
	if (c == NULL)
		return;
	/* All queued before the loop runs once: a pipeline of mixed kinds,
	 * some of them refused, answered one by one in request order. */
	Hoso__Ping ping = HOSO__PING__INIT;
	Hoso__PersonGet pg = HOSO__PERSON_GET__INIT;
	int sent = 0;
	for (int i = 0; i < NCALLS; i++) {
		Hoso__Request req = HOSO__REQUEST__INIT;
		if (i % 3 == 0) {
			req.body_case = HOSO__REQUEST__BODY_PING;
			req.ping = &ping;
		} else {
			pg.id = i % 3 == 1 ? 1000000u + (unsigned)i : 14;
			req.body_case = HOSO__REQUEST__BODY_PERSON_GET;
			req.person_get = &pg;
		}
		sent += hoso_async_send(c, &req, on_reply, (void *)(intptr_t)i,
		    NULL) == 0;
	}
	CHECK(sent == NCALLS, "%d requests queued without waiting", sent);
	CHECK(hoso_async_waiting(c) == NCALLS, "%zu calls wait",
	    hoso_async_waiting(c));
	int rc = loop_until(c, all_in, 10000);
	CHECK(rc == 0 && ngot == NCALLS, "every reply came (%d of %d, rc %d)",
	    ngot, NCALLS, rc);
	CHECK(nbad_order == 0 && nfailed == 0, "each to its own callback, in "
	    "order (%d out of order, %d failed)", nbad_order, nfailed);
	int nf = 0, ok = 0;
	for (int i = 0; i < NCALLS; i++) {
		if (i % 3 == 1)
			nf += statuses[i] == HOSO__STATUS__NOT_FOUND;
		else
			ok += statuses[i] == HOSO__STATUS__OK;
	}
	CHECK(nf == NCALLS / 3 && ok == NCALLS - NCALLS / 3,
	    "the statuses match the requests (%d not found, %d ok)", nf, ok);
	CHECK(hoso_async_waiting(c) == 0, "nothing waits afterwards");

	/* A request over the server's frame limit is refused at once and the
	 * connection stays usable. */
	Hoso__PersonFind f = HOSO__PERSON_FIND__INIT;
	size_t big = hoso_server(c)->max_frame + 10;
	f.text = malloc(big);
	memset(f.text, 'a', big - 1);
	f.text[big - 1] = '\0';
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_PERSON_FIND;
	req.person_find = &f;
	char *err = NULL;
	rc = hoso_async_send(c, &req, on_one, NULL, &err);
	CHECK(rc == HOSO_E_TOOBIG && err != NULL, "an oversized request is "
	    "refused before sending: %s", err ? err : "");
	free(err);
	free(f.text);
	req.body_case = HOSO__REQUEST__BODY_PING;
	req.ping = &ping;
	CHECK(call(c, &req, 5000) == 0 && last->status == HOSO__STATUS__OK,
	    "and the connection goes on");

	/* Closing with calls waiting: abort calls each back once. */
	ngot = nfailed = nbad_order = 0;
	for (int i = 0; i < 3; i++)
		hoso_async_send(c, &req, on_reply, (void *)(intptr_t)i, NULL);
	hoso_async_abort(c);
	CHECK(nfailed == 3 && ngot == 0 && hoso_async_waiting(c) == 0,
	    "abort fails the 3 waiting calls (%d failed, %d answered)",
	    nfailed, ngot);
	CHECK(hoso_async_send(c, &req, on_one, NULL, NULL) == HOSO_E_BROKEN,
	    "and nothing more is sent");
	hoso_close(c);
}

/* Open a background check dated ten days back on a demo candidate in the
 * verification stage: its forwarding leg is overdue, and the sweep that
 * follows the write pushes an alert to subscribers. */
static void
pushed_event(const char *where)
{
	struct hoso_client *c = login(where, "admin", 10000);
	if (c == NULL) {
		CHECK(0, "logged in for events");
		return;
	}
	hoso_async_set_event_fn(c, on_event, NULL);
	Hoso__Subscribe sub = HOSO__SUBSCRIBE__INIT;
	sub.all = true;
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_SUBSCRIBE;
	req.subscribe = &sub;
	CHECK(call(c, &req, 5000) == 0 && last->status == HOSO__STATUS__OK,
	    "subscribed to all alerts");

	Hoso__PersonList pl = HOSO__PERSON_LIST__INIT;
	pl.limit = 200;
	req.body_case = HOSO__REQUEST__BODY_PERSON_LIST;
	req.person_list = &pl;
	int rc = call(c, &req, 5000);
	Hoso__Response *list = last;
	last = NULL;
	bool opened = false;
	for (size_t i = 0; rc == 0 && !opened &&
	    i < list->person_page->n_items; i++) {
		Hoso__Person *p = list->person_page->items[i];
		if (p->stage != HOSO__STAGE__STAGE_VERIFYING)
			continue;
		Hoso__CheckOpen co = HOSO__CHECK_OPEN__INIT;
		co.person_id = p->id;
		co.ward_id = p->residence_id;
		co.subject = (char *)"Phạm Văn Kiểm";   /* a new check */
		co.at = (int64_t)time(NULL) - 10 * 86400;
		req.body_case = HOSO__REQUEST__BODY_CHECK_OPEN;
		req.check_open = &co;
		opened = call(c, &req, 5000) == 0 &&
		    last->status == HOSO__STATUS__OK;
		if (!opened && last != NULL)
			printf("# check.open %llu: %s\n",
			    (unsigned long long)p->id, last->message);
	}
	hoso_response_free(list);
	CHECK(opened, "opened a check ten days back on a candidate");
	rc = loop_until(c, an_event, 15000);
	CHECK(rc == 0 && nevents > 0 && event_alert != 0, "the alert the "
	    "server raised arrived as an Event on the callback (alert %llu)",
	    (unsigned long long)event_alert);
	CHECK(hoso_next_event(c) == NULL, "and not in the blocking queue");
	hoso_close(c);
}

static void
timeout_and_loss(const char *where)
{
	struct hoso_client *c = login(where, "admin", 700);
	if (c == NULL) {
		CHECK(0, "logged in for timeouts");
		return;
	}
	Hoso__Ping ping = HOSO__PING__INIT;
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_PING;
	req.ping = &ping;
	kill(daemon_pid, SIGSTOP);
	int rc = call(c, &req, 5000);
	CHECK(rc == HOSO_E_TIMEOUT && last == NULL && last_err != NULL,
	    "a stopped server: the call fails after its timeout (%d): %s", rc,
	    last_err ? last_err : "");
	kill(daemon_pid, SIGCONT);
	char *err = NULL;
	rc = hoso_async_send(c, &req, on_one, NULL, &err);
	CHECK(rc == HOSO_E_BROKEN && err != NULL, "the connection is then "
	    "unusable: %s", err ? err : "");
	free(err);
	hoso_close(c);

	c = login(where, "admin", 0);
	if (c == NULL) {
		CHECK(0, "logged in again");
		return;
	}
	ngot = nfailed = nbad_order = 0;
	for (int i = 0; i < 5; i++)
		hoso_async_send(c, &req, on_reply, (void *)(intptr_t)i, NULL);
	kill(daemon_pid, SIGKILL);
	waitpid(daemon_pid, NULL, 0);
	daemon_pid = -1;
	rc = loop_until(c, all_in, 5000);
	for (int i = 5; rc == HOSO_E_TIMEOUT && i < 50; i++)
		rc = loop_until(c, all_in, 10);
	CHECK(rc < 0 && rc != HOSO_E_TIMEOUT, "a killed server: process "
	    "says the connection is lost (%d, %s)", rc, hoso_strerror(rc));
	CHECK(ngot + nfailed == 5 && hoso_async_waiting(c) == 0,
	    "every waiting call was called back once (%d answered, %d "
	    "failed)", ngot, nfailed);
	hoso_close(c);
}

static void
tls_first_contact(const char *where)
{
	char known[128], seen[HOSO_FP_LEN];
	snprintf(known, sizeof known, "%s/known_servers", dir);
	unlink(known);
	struct hoso_connect_opts o = { .server = where, .timeout_ms = 5000,
	    .tls = HOSO_TLS_ON, .known_servers = known, .confirm_new = true,
	    .seen_fingerprint = seen };
	struct hoso_client *c = NULL;
	char *err = NULL;
	int rc = hoso_connect_opts(&o, &c, &err);
	struct stat st;
	CHECK(rc == HOSO_E_TLS_NEW && c == NULL && strlen(seen) == 95,
	    "first contact asks: %d, fingerprint %s", rc, seen);
	CHECK(err != NULL && strstr(err, seen) != NULL, "the message shows "
	    "the fingerprint");
	CHECK(stat(known, &st) != 0, "nothing recorded before the user "
	    "says so");
	free(err);
	err = NULL;

	char fp[128], path[128];
	snprintf(path, sizeof path, "%s/tls/fingerprint", dir);
	FILE *f = fopen(path, "r");
	CHECK(f != NULL && fgets(fp, sizeof fp, f) != NULL &&
	    strstr(fp, seen) != NULL, "it is the server's own fingerprint");
	if (f != NULL)
		fclose(f);

	o.trust_fingerprint = "00:11";
	rc = hoso_connect_opts(&o, &c, &err);
	CHECK(rc == HOSO_E_TLS_NEW, "another fingerprint confirmed: still "
	    "refused");
	free(err);
	err = NULL;
	o.trust_fingerprint = seen;
	rc = hoso_connect_opts(&o, &c, &err);
	CHECK(rc == 0 && hoso_server(c)->tls && hoso_server(c)->new_server,
	    "the confirmed fingerprint connects and is recorded");
	hoso_close(c);
	o.trust_fingerprint = NULL;
	rc = hoso_connect_opts(&o, &c, &err);
	CHECK(rc == 0 && !hoso_server(c)->new_server, "the next connection "
	    "needs no confirmation");

	/* The async calls over TLS. */
	if (rc == 0) {
		Hoso__Ping ping = HOSO__PING__INIT;
		Hoso__Request req = HOSO__REQUEST__INIT;
		req.body_case = HOSO__REQUEST__BODY_PING;
		req.ping = &ping;
		ngot = nfailed = nbad_order = 0;
		for (int i = 0; i < NCALLS; i++)
			hoso_async_send(c, &req, on_reply,
			    (void *)(intptr_t)i, NULL);
		rc = loop_until(c, all_in, 10000);
		CHECK(rc == 0 && ngot == NCALLS && nbad_order == 0,
		    "%d pipelined pings over TLS, in order", ngot);
	}
	hoso_close(c);

	/* A changed certificate is refused loudly, confirmation or not. */
	f = fopen(known, "w");
	if (f != NULL) {
		fprintf(f, "%s SHA256:%s\n", where, "AA:BB:CC:DD:EE:FF:00:11:"
		    "22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:"
		    "55:66:77:88:99");
		fclose(f);
	}
	o.trust_fingerprint = seen;
	rc = hoso_connect_opts(&o, &c, &err);
	CHECK(rc == HOSO_E_TLS_CHANGED && err != NULL &&
	    strstr(err, "CHANGED") != NULL, "a changed certificate is refused "
	    "even with a fingerprint to trust");
	free(err);
}

int
main(void)
{
	setenv("LANGUAGE", "C", 1);
	setenv("HOSO_CA", "", 1);
	signal(SIGPIPE, SIG_IGN);
	snprintf(dir, sizeof dir, "/tmp/hoso-async-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 2;
	const char *where = start_daemon(NULL);
	pipelined(where);
	pushed_event(where);
	tls_first_contact(where);
	timeout_and_loss(where);
	stop_daemon();
	hoso_response_free(last);
	free(last_err);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return t_done();
}
