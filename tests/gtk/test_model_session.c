/* test_model_session.c: HosoSession (client/gtk/session.c) in a GLib main
 * loop, without a display, against a real hosod reached through a small
 * TCP relay this test can cut, the way a LAN cable comes out: wrong and
 * right passwords, calls and their replies, a reply dropped for a view
 * that is gone, a pushed alert, then the link lost (banner text, calls
 * failed, "connected" FALSE) and back (reconnected by itself with the
 * session token, calls work again), and logging out. */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "hoso/client.h"
#include "session.h"
#include "../unit/t.h"
#include "../unit/t-daemon.h"

/* ---- a TCP relay in a child process ------------------------------------ */

static pid_t relay_pid = -1;

/* Copy between a and b until either side closes. */
static void
relay_pair(int a, int b)
{
	struct pollfd p[2] = { { a, POLLIN, 0 }, { b, POLLIN, 0 } };
	char buf[16384];
	for (;;) {
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		for (int i = 0; i < 2; i++) {
			if (p[i].revents == 0)
				continue;
			ssize_t n = read(p[i].fd, buf, sizeof buf);
			if (n <= 0)
				return;
			if (write(p[1 - i].fd, buf, (size_t)n) != n)
				return;
		}
	}
}

/* Listen on 127.0.0.1:port (0: any; the port is returned) and relay each
 * connection to the daemon at dport, in a child process. */
static int
relay_start(int port, int dport)
{
	int l = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in sa = { .sin_family = AF_INET,
	    .sin_port = htons((uint16_t)port),
	    .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	if (bind(l, (struct sockaddr *)&sa, sizeof sa) < 0 ||
	    listen(l, 16) < 0) {
		perror("relay");
		exit(2);
	}
	socklen_t len = sizeof sa;
	getsockname(l, (struct sockaddr *)&sa, &len);
	relay_pid = fork();
	if (relay_pid == 0) {
		setpgid(0, 0);              /* relay_cut kills the group */
		signal(SIGCHLD, SIG_IGN);   /* no zombies from the pairs */
		for (;;) {
			int a = accept(l, NULL, NULL);
			if (a < 0)
				continue;
			if (fork() == 0) {
				close(l);
				int b = socket(AF_INET, SOCK_STREAM, 0);
				struct sockaddr_in d = sa;
				d.sin_port = htons((uint16_t)dport);
				if (connect(b, (struct sockaddr *)&d,
				    sizeof d) == 0)
					relay_pair(a, b);
				_exit(0);
			}
			close(a);
		}
	}
	setpgid(relay_pid, relay_pid);
	close(l);
	return ntohs(sa.sin_port);
}

/* Cut every relayed connection and stop listening. */
static void
relay_cut(void)
{
	if (relay_pid > 0) {
		kill(-relay_pid, SIGKILL);
		kill(relay_pid, SIGKILL);
		waitpid(relay_pid, NULL, 0);
	}
	relay_pid = -1;
}

/* ---- waiting in the main loop ------------------------------------------ */

static gboolean
give_up(gpointer data)
{
	*(gboolean *)data = TRUE;
	return G_SOURCE_REMOVE;
}

/* Iterate the default main context until *flag or ms pass. */
static gboolean
wait_for(const gboolean *flag, int ms)
{
	gboolean late = FALSE;
	guint id = g_timeout_add(ms, give_up, &late);
	while (!*flag && !late)
		g_main_context_iteration(NULL, TRUE);
	if (!late)
		g_source_remove(id);
	return *flag;
}

/* ---- a call and its reply ---------------------------------------------- */

typedef struct {
	gboolean done;
	Hoso__Status status;
	size_t n;                    /* items in a PersonPage */
	char *first;                 /* the first person's name */
	char *error;
	int calls;
} Reply;

static void
on_reply(HosoSession *s, const Hoso__Response *resp, const GError *e,
    gpointer data)
{
	(void)s;
	Reply *r = data;
	r->calls++;
	r->done = TRUE;
	g_free(r->error);
	r->error = e != NULL ? g_strdup(e->message) : NULL;
	if (resp == NULL)
		return;
	r->status = resp->status;
	if (resp->body_case == HOSO__RESPONSE__BODY_PERSON_PAGE) {
		r->n = resp->person_page->n_items;
		g_free(r->first);
		r->first = r->n ? g_strdup(resp->person_page->items[0]->name) :
		    NULL;
	}
}

static void
find(HosoSession *s, const char *text, GObject *owner, Reply *r)
{
	Hoso__PersonFind f = HOSO__PERSON_FIND__INIT;
	f.text = (char *)text;
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_PERSON_FIND;
	req.person_find = &f;
	r->done = FALSE;
	hoso_session_call(s, &req, owner, on_reply, r);
}

typedef struct {
	gboolean done, ok;
	int code;
	char *message;
} Login;

static void
on_login(GObject *src, GAsyncResult *res, gpointer data)
{
	Login *l = data;
	GError *e = NULL;
	l->ok = hoso_session_login_finish(HOSO_SESSION(src), res, &e);
	l->code = e != NULL ? e->code : -1;
	g_free(l->message);
	l->message = e != NULL ? g_strdup(e->message) : NULL;
	g_clear_error(&e);
	l->done = TRUE;
}

static gboolean
do_login(HosoSession *s, const char *where, const char *user,
    const char *pw, Login *l)
{
	l->done = FALSE;
	hoso_session_login_async(s, where, user, pw, NULL, NULL, on_login, l);
	return wait_for(&l->done, 20000) && l->ok;
}

static int nevents, nreconnected;
static gboolean got_event, got_reconnected, got_down, got_ended;

static void
on_ended(HosoSession *s, gpointer data)
{
	(void)s;
	(void)data;
	got_ended = TRUE;
}

static void
on_event(HosoSession *s, gpointer ev, gpointer data)
{
	(void)s;
	(void)data;
	nevents += ((Hoso__Event *)ev)->alert != NULL;
	got_event = TRUE;
}

static void
on_reconnected(HosoSession *s, gpointer data)
{
	(void)s;
	(void)data;
	nreconnected++;
	got_reconnected = TRUE;
}

static void
on_connected(GObject *o, GParamSpec *ps, gpointer data)
{
	(void)ps;
	(void)data;
	if (!hoso_session_get_connected(HOSO_SESSION(o)))
		got_down = TRUE;
}

/* The candidates being verified, from a PersonList reply. */
typedef struct {
	gboolean done;
	uint64_t id[64], ward[64];
	int n;
	Hoso__Status status;
} Verifying;

static void
on_list(HosoSession *s, const Hoso__Response *resp, const GError *e,
    gpointer data)
{
	(void)s;
	(void)e;
	Verifying *v = data;
	v->done = TRUE;
	if (resp == NULL)
		return;
	v->status = resp->status;
	if (resp->body_case != HOSO__RESPONSE__BODY_PERSON_PAGE)
		return;
	for (size_t i = 0; i < resp->person_page->n_items && v->n < 64; i++) {
		Hoso__Person *p = resp->person_page->items[i];
		if (p->stage == HOSO__STAGE__STAGE_VERIFYING) {
			v->id[v->n] = p->id;
			v->ward[v->n++] = p->residence_id;
		}
	}
}

/* Open a check ten days back on a demo candidate being verified, so the
 * sweep after the write raises an overdue alert. */
static gboolean
raise_alert(HosoSession *s)
{
	Verifying v = { 0 };
	Hoso__PersonList pl = HOSO__PERSON_LIST__INIT;
	pl.limit = 200;
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_PERSON_LIST;
	req.person_list = &pl;
	hoso_session_call(s, &req, NULL, on_list, &v);
	wait_for(&v.done, 5000);
	for (int i = 0; i < v.n; i++) {
		Hoso__CheckOpen co = HOSO__CHECK_OPEN__INIT;
		co.person_id = v.id[i];
		co.ward_id = v.ward[i];
		co.subject = (char *)"Phạm Văn Kiểm";   /* a new check */
		co.at = (int64_t)time(NULL) - 10 * 86400;
		req.body_case = HOSO__REQUEST__BODY_CHECK_OPEN;
		req.check_open = &co;
		Reply r = { 0 };
		hoso_session_call(s, &req, NULL, on_reply, &r);
		if (wait_for(&r.done, 5000) && r.status == HOSO__STATUS__OK)
			return TRUE;
	}
	return FALSE;
}

int
main(void)
{
	setenv("LANGUAGE", "C", 1);
	signal(SIGPIPE, SIG_IGN);
	snprintf(dir, sizeof dir, "/tmp/hoso-session-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 2;
	char env[128];
	snprintf(env, sizeof env, "%s/known_servers", dir);
	setenv("HOSO_KNOWN_SERVERS", env, 1);
	snprintf(env, sizeof env, "%s/run", dir);
	setenv("XDG_RUNTIME_DIR", env, 1);
	const char *dwhere = start_daemon(NULL);
	int dport = atoi(strchr(dwhere, ':') + 1);
	int rport = relay_start(0, dport);
	char where[64];
	snprintf(where, sizeof where, "127.0.0.1:%d", rport);

	HosoSession *s = hoso_session_new();
	g_signal_connect(s, "event", G_CALLBACK(on_event), NULL);
	g_signal_connect(s, "reconnected", G_CALLBACK(on_reconnected), NULL);
	g_signal_connect(s, "notify::connected", G_CALLBACK(on_connected),
	    NULL);
	g_signal_connect(s, "ended", G_CALLBACK(on_ended), NULL);

	Login l = { 0 };
	CHECK(!do_login(s, where, "ward-officer", "not the password", &l) &&
	    l.code == HOSO_SESSION_ERROR_AUTH && l.message != NULL,
	    "a wrong password is refused with the server's words: %s",
	    l.message ? l.message : "");
	CHECK(!hoso_session_get_connected(s), "and nothing is connected");
	CHECK(!do_login(s, "127.0.0.1:1", "admin", "x", &l) &&
	    l.code == HOSO_SESSION_ERROR_CONNECT, "no server there: a "
	    "connection error: %s", l.message ? l.message : "");

	char *pw = demo_password("admin");
	CHECK(do_login(s, where, "admin", pw, &l), "the right password logs "
	    "in (%s)", l.message ? l.message : "ok");
	CHECK(hoso_session_get_connected(s) && hoso_session_get_user(s) &&
	    strcmp(hoso_session_get_user(s)->login, "admin") == 0,
	    "connected as admin");
	CHECK_STR(hoso_session_get_status(s), "", "no banner text while "
	    "connected");

	Reply r = { 0 };
	find(s, "nguyen", NULL, &r);
	CHECK(!r.done, "the call returned before its reply");
	CHECK(wait_for(&r.done, 5000) && r.status == HOSO__STATUS__OK &&
	    r.n > 0 && r.first && g_str_has_prefix(r.first, "Nguyễn"),
	    "the reply came on the main loop: %zu found, first %s", r.n,
	    r.first ? r.first : "-");

	/* A view that is gone before its reply is not called back. */
	GObject *view = g_object_new(G_TYPE_OBJECT, NULL);
	Reply gone = { 0 };
	find(s, "tran", view, &gone);
	g_object_unref(view);
	Reply after = { 0 };
	find(s, "le", NULL, &after);
	wait_for(&after.done, 5000);
	CHECK(after.done && gone.calls == 0, "a reply for a finalized owner "
	    "is dropped (%d calls)", gone.calls);

	CHECK(raise_alert(s), "opened a check dated ten days back");
	CHECK(wait_for(&got_event, 15000) && nevents > 0, "the pushed alert "
	    "came as the \"event\" signal");

	/* The cable comes out. */
	got_down = FALSE;
	kill(daemon_pid, SIGSTOP);      /* so the call is surely in flight */
	find(s, "nguyen", NULL, &r);
	relay_cut();
	CHECK(wait_for(&got_down, 20000), "a cut link: connected turns FALSE");
	kill(daemon_pid, SIGCONT);
	CHECK(wait_for(&r.done, 1000) && r.error != NULL, "the call in "
	    "flight failed with: %s", r.error ? r.error : "(none)");
	CHECK(strstr(hoso_session_get_status(s), "Lost the connection") !=
	    NULL, "the banner says so: %s", hoso_session_get_status(s));
	find(s, "nguyen", NULL, &r);
	CHECK(wait_for(&r.done, 2000) && r.error != NULL, "a call while "
	    "disconnected fails at once (from an idle): %s",
	    r.error ? r.error : "");

	/* It comes back on the same port: the session reconnects alone. */
	relay_start(rport, dport);
	CHECK(wait_for(&got_reconnected, 20000) &&
	    hoso_session_get_connected(s), "reconnected by itself");
	CHECK_STR(hoso_session_get_status(s), "", "the banner text is gone");
	find(s, "nguyen", NULL, &r);
	CHECK(wait_for(&r.done, 5000) && r.error == NULL &&
	    r.status == HOSO__STATUS__OK && r.n > 0, "calls work again with "
	    "the same session token");

	hoso_session_logout(s);
	CHECK(!hoso_session_get_connected(s), "logged out");
	find(s, "nguyen", NULL, &r);
	CHECK(wait_for(&r.done, 2000) && r.error != NULL, "no calls after "
	    "logging out");
	relay_cut();
	gboolean never = FALSE;
	wait_for(&never, 1500);
	CHECK(nreconnected == 1, "and no reconnecting after logout (%d)",
	    nreconnected);

	/* A restarted server has forgotten every session: reconnecting is
	 * refused, and the session says a new login is needed. */
	relay_start(rport, dport);
	CHECK(do_login(s, where, "admin", pw, &l), "logged in again");
	stop_daemon();
	char listen[32];
	snprintf(listen, sizeof listen, "127.0.0.1:%d", dport);
	start_daemon_on(listen, NULL);
	CHECK(wait_for(&got_ended, 30000) && !hoso_session_get_connected(s),
	    "after a server restart the session has \"ended\"");
	CHECK(strstr(hoso_session_get_status(s), "ended") != NULL,
	    "and the banner says: %s", hoso_session_get_status(s));
	relay_cut();

	g_object_unref(s);
	free(pw);
	g_free(r.first);
	g_free(r.error);
	g_free(after.first);
	g_free(after.error);
	g_free(l.message);
	stop_daemon();
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return t_done();
}
