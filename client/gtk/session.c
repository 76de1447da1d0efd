/* session.c: HosoSession, the GUI's connection to hosod (session.h).
 *
 * Connecting (resolve, TCP, TLS, Hello, Login) blocks, so it runs in a
 * GTask worker thread on a connection no other thread sees yet.  Once it
 * is handed to the main thread the connection is driven only through
 * libhoso's non-blocking calls from a GSource that watches its socket:
 * prepare asks libhoso what to wait for and how long, dispatch lets it
 * send, read and call back. */
#include <poll.h>
#include <string.h>

#include "hoso/client.h"
#include "i18n.h"
#include "session.h"

#define CONNECT_TIMEOUT_MS 15000    /* and for each call's reply */
#define BACKOFF_MAX_S 30
/* A Ping when nothing else was sent for this long: it finds a dead link
 * (a pulled cable sends nothing) within a call timeout, and keeps the
 * server from closing the connection as idle. */
#define KEEPALIVE_S 30

struct _HosoSession {
	GObject parent;
	struct hoso_client *c;       /* NULL while not connected */
	GSource *source;
	char *server;
	char *token;                 /* the Login's session token */
	Hoso__User *user;
	char *fingerprint;           /* "" without TLS */
	char new_fp[HOSO_FP_LEN];    /* after HOSO_SESSION_ERROR_NEW_SERVER */
	char *status;
	gboolean connected;
	gboolean logging_in;
	gboolean ended;              /* logged out: no reconnecting */
	gboolean in_process;         /* inside hoso_async_process */
	gboolean lost;               /* a send failed: process to find out */
	guint reconnect_id;
	guint keepalive_id;
	gint64 last_send;            /* monotonic µs of the last call */
	unsigned backoff;            /* seconds before the next attempt */
	GCancellable *cancel;        /* the reconnect in flight */
};

G_DEFINE_TYPE(HosoSession, hoso_session, G_TYPE_OBJECT)
G_DEFINE_QUARK(hoso-session-error-quark, hoso_session_error)

enum { PROP_0, PROP_CONNECTED, PROP_STATUS, N_PROPS };
static GParamSpec *props[N_PROPS];
enum { SIG_EVENT, SIG_RECONNECTED, SIG_ENDED, N_SIGS };
static guint sigs[N_SIGS];

static void session_lost(HosoSession *s, const char *why);
static void session_reconnect_later(HosoSession *s);

/* ---- state ----------------------------------------------------------- */

static void
session_set_status(HosoSession *s, const char *text)
{
	if (g_strcmp0(s->status, text) == 0)
		return;
	g_free(s->status);
	s->status = g_strdup(text);
	g_object_notify_by_pspec(G_OBJECT(s), props[PROP_STATUS]);
}

static void
session_set_connected(HosoSession *s, gboolean on)
{
	if (s->connected == on)
		return;
	s->connected = on;
	g_object_notify_by_pspec(G_OBJECT(s), props[PROP_CONNECTED]);
}

/* ---- the socket's GSource --------------------------------------------- */

typedef struct {
	GSource base;
	HosoSession *s;
	gpointer tag;
} ConnSource;

static gboolean
conn_prepare(GSource *src, gint *timeout)
{
	ConnSource *cs = (ConnSource *)src;
	HosoSession *s = cs->s;
	*timeout = -1;
	if (s->c == NULL)
		return FALSE;
	if (s->lost || hoso_buffered(s->c)) {
		*timeout = 0;
		return TRUE;
	}
	short ev = hoso_async_events(s->c);
	GIOCondition cond = G_IO_IN | G_IO_HUP | G_IO_ERR;
	if (ev & POLLOUT)
		cond |= G_IO_OUT;
	g_source_modify_unix_fd(src, cs->tag, cond);
	*timeout = hoso_async_timeout(s->c);
	return *timeout == 0;
}

static gboolean
conn_check(GSource *src)
{
	ConnSource *cs = (ConnSource *)src;
	HosoSession *s = cs->s;
	if (s->c == NULL)
		return FALSE;
	return g_source_query_unix_fd(src, cs->tag) != 0 || s->lost ||
	    hoso_buffered(s->c) || hoso_async_timeout(s->c) == 0;
}

static gboolean
conn_dispatch(GSource *src, GSourceFunc cb, gpointer data)
{
	(void)cb;
	(void)data;
	HosoSession *s = ((ConnSource *)src)->s;
	if (s->c == NULL)
		return G_SOURCE_CONTINUE;
	char *err = NULL;
	s->in_process = TRUE;
	int rc = hoso_async_process(s->c, &err);
	s->in_process = FALSE;
	if (rc < 0 || s->ended)
		session_lost(s, err);
	free(err);
	return G_SOURCE_CONTINUE;
}

static GSourceFuncs conn_funcs = {
	.prepare = conn_prepare,
	.check = conn_check,
	.dispatch = conn_dispatch,
};

static void
on_event(struct hoso_client *c, Hoso__Event *ev, void *arg)
{
	(void)c;
	g_signal_emit(arg, sigs[SIG_EVENT], 0, ev);
}

/* ---- calls ------------------------------------------------------------ */

typedef struct {
	HosoSession *s;
	GWeakRef owner;
	gboolean has_owner;
	HosoReplyFunc cb;
	gpointer data;
	GError *error;               /* for a call failed before sending */
} Call;

static void
call_free(Call *k)
{
	g_weak_ref_clear(&k->owner);
	g_clear_error(&k->error);
	g_free(k);
}

/* Call back unless the owner is gone; frees k. */
static void
call_finish(Call *k, const Hoso__Response *resp, const GError *error)
{
	GObject *owner = k->has_owner ? g_weak_ref_get(&k->owner) : NULL;
	if ((!k->has_owner || owner != NULL) && k->cb != NULL)
		k->cb(k->s, resp, error, k->data);
	if (owner != NULL)
		g_object_unref(owner);
	call_free(k);
}

static void
on_reply(struct hoso_client *c, int rc, Hoso__Response *resp, const char *err,
    void *arg)
{
	(void)c;
	Call *k = arg;
	if (rc < 0) {
		GError *e = g_error_new_literal(HOSO_SESSION_ERROR,
		    HOSO_SESSION_ERROR_LOST, err != NULL ? err :
		    hoso_strerror(rc));
		call_finish(k, NULL, e);
		g_error_free(e);
		return;
	}
	call_finish(k, resp, NULL);
}

static gboolean
call_fail_idle(gpointer data)
{
	Call *k = data;
	call_finish(k, NULL, k->error);
	return G_SOURCE_REMOVE;
}

void
hoso_session_call(HosoSession *s, Hoso__Request *req, GObject *owner,
    HosoReplyFunc cb, gpointer user_data)
{
	g_return_if_fail(HOSO_IS_SESSION(s));
	Call *k = g_new0(Call, 1);
	k->s = s;
	k->cb = cb;
	k->data = user_data;
	g_weak_ref_init(&k->owner, owner);
	k->has_owner = owner != NULL;
	char *err = NULL;
	int rc = HOSO_E_BROKEN;
	if (s->c != NULL && s->connected)
		rc = hoso_async_send(s->c, req, on_reply, k, &err);
	s->last_send = g_get_monotonic_time();
	if (rc == 0)
		return;
	if (rc == HOSO_E_TOOBIG) {
		k->error = g_error_new_literal(HOSO_SESSION_ERROR,
		    HOSO_SESSION_ERROR_FAILED, err);
	} else {
		k->error = g_error_new_literal(HOSO_SESSION_ERROR,
		    HOSO_SESSION_ERROR_LOST, s->status != NULL && *s->status ?
		    s->status : _("Not connected to the server."));
		if (s->c != NULL)
			s->lost = TRUE;     /* let the source find out why */
	}
	free(err);
	g_idle_add(call_fail_idle, k);
}

/* ---- connecting (worker thread) -------------------------------------- */

typedef struct {
	char *server, *login, *password, *trust, *token;
	/* results */
	struct hoso_client *c;
	Hoso__LoginReply *reply;
	char seen_fp[HOSO_FP_LEN];
	int code;                    /* HosoSessionError on failure */
	char *message;
} Attempt;

static void
attempt_free(Attempt *a)
{
	g_free(a->server);
	g_free(a->login);
	if (a->password != NULL) {
		explicit_bzero(a->password, strlen(a->password));
		g_free(a->password);
	}
	g_free(a->trust);
	g_free(a->token);
	hoso_close(a->c);
	if (a->reply != NULL)
		hoso__login_reply__free_unpacked(a->reply, NULL);
	free(a->message);
	g_free(a);
}

/* Connect (with the token when reconnecting), then Login (first time). */
static void
attempt_run(GTask *task, gpointer src, gpointer data, GCancellable *cancel)
{
	(void)src;
	(void)cancel;
	Attempt *a = data;
	struct hoso_connect_opts o = {
		.server = a->server,
		.timeout_ms = CONNECT_TIMEOUT_MS,
		.token = a->token,
		.client_name = "hoso-gtk",
		.confirm_new = TRUE,
		.trust_fingerprint = a->trust,
		.seen_fingerprint = a->seen_fp,
	};
	int rc = hoso_connect_opts(&o, &a->c, &a->message);
	if (rc < 0) {
		a->code = rc == HOSO_E_TLS_NEW ? HOSO_SESSION_ERROR_NEW_SERVER :
		    rc == HOSO_E_TLS_CHANGED ? HOSO_SESSION_ERROR_CHANGED :
		    rc == HOSO_E_AUTH ? HOSO_SESSION_ERROR_AUTH :
		    rc == HOSO_E_RESOLVE || rc == HOSO_E_CONNECT ||
		    rc == HOSO_E_TIMEOUT ? HOSO_SESSION_ERROR_CONNECT :
		    HOSO_SESSION_ERROR_FAILED;
		g_task_return_boolean(task, FALSE);
		return;
	}
	if (a->token == NULL) {
		Hoso__Login l = HOSO__LOGIN__INIT;
		l.login = a->login;
		l.password = a->password;
		Hoso__Request req = HOSO__REQUEST__INIT;
		req.body_case = HOSO__REQUEST__BODY_LOGIN;
		req.login = &l;
		Hoso__Response *resp = NULL;
		rc = hoso_call(a->c, &req, &resp, &a->message);
		if (rc < 0) {
			a->code = HOSO_SESSION_ERROR_CONNECT;
		} else if (resp->status != HOSO__STATUS__OK ||
		    resp->body_case != HOSO__RESPONSE__BODY_LOGIN) {
			a->message = hoso_response_text(resp);
			a->code = HOSO_SESSION_ERROR_AUTH;
			rc = -1;
		} else {
			a->reply = resp->login;
			resp->login = NULL;
			resp->body_case = HOSO__RESPONSE__BODY__NOT_SET;
		}
		hoso_response_free(resp);
	}
	g_task_return_boolean(task, rc == 0);
}

static GError *
attempt_error(Attempt *a)
{
	return g_error_new_literal(HOSO_SESSION_ERROR, a->code,
	    a->message != NULL ? a->message : _("Cannot connect."));
}

/* ---- going live -------------------------------------------------------- */

static void
on_subscribed(HosoSession *s, const Hoso__Response *resp, const GError *e,
    gpointer data)
{
	(void)s;
	(void)data;
	if (resp != NULL && resp->status != HOSO__STATUS__OK)
		g_warning("subscribing to alerts: %s", resp->message);
	(void)e;
}

static gboolean
keepalive(gpointer data)
{
	HosoSession *s = data;
	if (s->c != NULL && s->connected && g_get_monotonic_time() -
	    s->last_send >= (gint64)KEEPALIVE_S * G_USEC_PER_SEC) {
		Hoso__Ping ping = HOSO__PING__INIT;
		Hoso__Request req = HOSO__REQUEST__INIT;
		req.body_case = HOSO__REQUEST__BODY_PING;
		req.ping = &ping;
		hoso_session_call(s, &req, NULL, NULL, NULL);
	}
	return G_SOURCE_CONTINUE;
}

/* Take the connected client a over into the main loop. */
static void
session_go_live(HosoSession *s, Attempt *a)
{
	s->c = a->c;
	a->c = NULL;
	s->lost = FALSE;
	s->backoff = 0;
	g_free(s->fingerprint);
	s->fingerprint = g_strdup(hoso_server(s->c)->fingerprint ?
	    hoso_server(s->c)->fingerprint : "");
	hoso_async_set_event_fn(s->c, on_event, s);
	ConnSource *cs = (ConnSource *)g_source_new(&conn_funcs,
	    sizeof *cs);
	cs->s = s;
	cs->tag = g_source_add_unix_fd(&cs->base, hoso_fd(s->c),
	    G_IO_IN | G_IO_HUP | G_IO_ERR);
	g_source_set_name(&cs->base, "hoso connection");
	g_source_attach(&cs->base, NULL);
	s->source = &cs->base;
	if (s->keepalive_id == 0)
		s->keepalive_id = g_timeout_add_seconds(KEEPALIVE_S / 3,
		    keepalive, s);
	session_set_status(s, "");
	session_set_connected(s, TRUE);

	/* Alerts of the user's unit; all of them for the district's admin
	 * and inspector. */
	Hoso__Subscribe sub = HOSO__SUBSCRIBE__INIT;
	uint64_t org = s->user != NULL ? s->user->org_id : 0;
	if (s->user == NULL || s->user->role == HOSO__ROLE__ROLE_ADMIN ||
	    s->user->role == HOSO__ROLE__ROLE_INSPECTOR || org == 0) {
		sub.all = TRUE;
	} else {
		sub.n_org_ids = 1;
		sub.org_ids = &org;
	}
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_SUBSCRIBE;
	req.subscribe = &sub;
	hoso_session_call(s, &req, NULL, on_subscribed, NULL);
}

/* Close the connection (after hoso_async_process returned). */
static void
session_close(HosoSession *s)
{
	if (s->keepalive_id != 0) {
		g_source_remove(s->keepalive_id);
		s->keepalive_id = 0;
	}
	if (s->source != NULL) {
		g_source_destroy(s->source);
		g_source_unref(s->source);
		s->source = NULL;
	}
	if (s->c != NULL) {
		/* Calls still waiting (a Logout's, say) are called back with
		 * an error before their Call records go. */
		hoso_async_abort(s->c);
		hoso_close(s->c);
		s->c = NULL;
	}
	s->lost = FALSE;
}

static void
session_lost(HosoSession *s, const char *why)
{
	session_close(s);
	session_set_connected(s, FALSE);
	if (s->ended) {
		session_set_status(s, "");
		return;
	}
	if (why != NULL)
		g_message("%s", why);
	session_reconnect_later(s);
}

/* ---- reconnecting ------------------------------------------------------ */

static void
reconnected(GObject *src, GAsyncResult *res, gpointer data)
{
	HosoSession *s = HOSO_SESSION(src);
	Attempt *a = data;
	GCancellable *mine = g_task_get_cancellable(G_TASK(res));
	if (s->cancel == mine)
		g_clear_object(&s->cancel);
	/* Logged out, or a new login took over while this one ran: its
	 * connection is not wanted (attempt_free closes it). */
	if (s->ended || g_cancellable_is_cancelled(mine)) {
		attempt_free(a);
		return;
	}
	if (g_task_propagate_boolean(G_TASK(res), NULL)) {
		session_go_live(s, a);
		attempt_free(a);
		g_signal_emit(s, sigs[SIG_RECONNECTED], 0);
		return;
	}
	if (a->code == HOSO_SESSION_ERROR_AUTH) {
		/* The session ended on the server (expired, or logged out
		 * elsewhere): only a new login helps. */
		session_set_status(s, _("Your session has ended. Log in "
		    "again."));
		attempt_free(a);
		g_signal_emit(s, sigs[SIG_ENDED], 0);
		return;
	}
	if (a->code == HOSO_SESSION_ERROR_CHANGED) {
		session_set_status(s, a->message);
		attempt_free(a);
		return;
	}
	attempt_free(a);
	session_reconnect_later(s);
}

static gboolean
reconnect_now(gpointer data)
{
	HosoSession *s = data;
	s->reconnect_id = 0;
	Attempt *a = g_new0(Attempt, 1);
	a->server = g_strdup(s->server);
	a->token = g_strdup(s->token);
	a->trust = g_strdup(s->fingerprint);
	s->cancel = g_cancellable_new();
	GTask *t = g_task_new(s, s->cancel, reconnected, a);
	g_task_set_task_data(t, a, NULL);
	g_task_run_in_thread(t, attempt_run);
	g_object_unref(t);
	char *msg = g_strdup_printf(_("Lost the connection to %s. "
	    "Reconnecting…"), s->server);
	session_set_status(s, msg);
	g_free(msg);
	return G_SOURCE_REMOVE;
}

/* No more attempts: the timer goes, and the one in flight is cancelled
 * (reconnected() drops its result once s->ended is set). */
static void
session_stop_reconnect(HosoSession *s)
{
	if (s->reconnect_id != 0) {
		g_source_remove(s->reconnect_id);
		s->reconnect_id = 0;
	}
	if (s->cancel != NULL)
		g_cancellable_cancel(s->cancel);
}

static void
session_reconnect_later(HosoSession *s)
{
	s->backoff = s->backoff == 0 ? 1 : MIN(s->backoff * 2, BACKOFF_MAX_S);
	char *msg = g_strdup_printf(g_dngettext(HOSO_TEXTDOMAIN,
	    "Lost the connection to %s. Trying again in %u second…",
	    "Lost the connection to %s. Trying again in %u seconds…",
	    s->backoff), s->server, s->backoff);
	session_set_status(s, msg);
	g_free(msg);
	if (s->reconnect_id != 0)
		g_source_remove(s->reconnect_id);
	s->reconnect_id = g_timeout_add_seconds(s->backoff, reconnect_now, s);
}

/* ---- logging in -------------------------------------------------------- */

static void
logged_in(GObject *src, GAsyncResult *res, gpointer data)
{
	HosoSession *s = HOSO_SESSION(src);
	GTask *outer = data;
	Attempt *a = g_task_get_task_data(G_TASK(res));
	s->logging_in = FALSE;
	if (!g_task_propagate_boolean(G_TASK(res), NULL)) {
		if (a->code == HOSO_SESSION_ERROR_NEW_SERVER)
			g_strlcpy(s->new_fp, a->seen_fp, sizeof s->new_fp);
		g_task_return_error(outer, attempt_error(a));
		g_object_unref(outer);
		return;
	}
	session_stop_reconnect(s);
	session_close(s);
	g_free(s->server);
	s->server = g_strdup(a->server);
	g_free(s->token);
	s->token = g_strdup(a->reply->token);
	if (s->user != NULL)
		hoso__user__free_unpacked(s->user, NULL);
	s->user = a->reply->user;
	a->reply->user = NULL;
	s->ended = FALSE;
	session_go_live(s, a);
	g_task_return_boolean(outer, TRUE);
	g_object_unref(outer);
}

void
hoso_session_login_async(HosoSession *s, const char *server,
    const char *login, const char *password, const char *trust_fingerprint,
    GCancellable *cancellable, GAsyncReadyCallback callback,
    gpointer user_data)
{
	GTask *outer = g_task_new(s, cancellable, callback, user_data);
	if (s->logging_in) {
		g_task_return_new_error(outer, HOSO_SESSION_ERROR,
		    HOSO_SESSION_ERROR_BUSY, "%s",
		    _("Already logging in; please wait."));
		g_object_unref(outer);
		return;
	}
	s->logging_in = TRUE;
	s->new_fp[0] = '\0';
	Attempt *a = g_new0(Attempt, 1);
	a->server = g_strdup(server != NULL && *server ? server :
	    HOSO_DEFAULT_SERVER);
	a->login = g_strdup(login != NULL ? login : "");
	a->password = g_strdup(password != NULL ? password : "");
	a->trust = trust_fingerprint != NULL && *trust_fingerprint ?
	    g_strdup(trust_fingerprint) : NULL;
	GTask *t = g_task_new(s, cancellable, logged_in, outer);
	g_task_set_task_data(t, a, (GDestroyNotify)attempt_free);
	g_task_run_in_thread(t, attempt_run);
	g_object_unref(t);
}

gboolean
hoso_session_login_finish(HosoSession *s, GAsyncResult *res, GError **error)
{
	g_return_val_if_fail(g_task_is_valid(res, s), FALSE);
	return g_task_propagate_boolean(G_TASK(res), error);
}

static void
on_logged_out(HosoSession *s, const Hoso__Response *resp, const GError *e,
    gpointer data)
{
	(void)resp;
	(void)e;
	(void)data;
	/* Closed after the process that called back here returns. */
	s->ended = TRUE;
}

void
hoso_session_logout(HosoSession *s)
{
	session_stop_reconnect(s);
	g_clear_pointer(&s->token, g_free);
	if (s->c != NULL && s->connected) {
		Hoso__Logout lo = HOSO__LOGOUT__INIT;
		Hoso__Request req = HOSO__REQUEST__INIT;
		req.body_case = HOSO__REQUEST__BODY_LOGOUT;
		req.logout = &lo;
		hoso_session_call(s, &req, NULL, on_logged_out, NULL);
	}
	s->ended = TRUE;
	if (!s->in_process && (s->c == NULL || !s->connected)) {
		session_close(s);
	}
	session_set_connected(s, FALSE);
	session_set_status(s, "");
}

/* ---- getters and the object -------------------------------------------- */

const char *
hoso_session_get_new_fingerprint(HosoSession *s)
{
	return s->new_fp;
}

const Hoso__User *
hoso_session_get_user(HosoSession *s)
{
	return s->user;
}

gboolean
hoso_session_get_connected(HosoSession *s)
{
	return s->connected;
}

const char *
hoso_session_get_status(HosoSession *s)
{
	return s->status != NULL ? s->status : "";
}

HosoSession *
hoso_session_new(void)
{
	return g_object_new(HOSO_TYPE_SESSION, NULL);
}

static void
hoso_session_get_property(GObject *o, guint id, GValue *v, GParamSpec *ps)
{
	HosoSession *s = HOSO_SESSION(o);
	switch (id) {
	case PROP_CONNECTED:
		g_value_set_boolean(v, s->connected);
		break;
	case PROP_STATUS:
		g_value_set_string(v, hoso_session_get_status(s));
		break;
	default:
		G_OBJECT_WARN_INVALID_PROPERTY_ID(o, id, ps);
	}
}

static void
hoso_session_dispose(GObject *o)
{
	HosoSession *s = HOSO_SESSION(o);
	s->ended = TRUE;
	session_stop_reconnect(s);
	session_close(s);
	G_OBJECT_CLASS(hoso_session_parent_class)->dispose(o);
}

static void
hoso_session_finalize(GObject *o)
{
	HosoSession *s = HOSO_SESSION(o);
	g_free(s->server);
	if (s->token != NULL)
		explicit_bzero(s->token, strlen(s->token));
	g_free(s->token);
	if (s->user != NULL)
		hoso__user__free_unpacked(s->user, NULL);
	g_free(s->fingerprint);
	g_free(s->status);
	g_clear_object(&s->cancel);
	G_OBJECT_CLASS(hoso_session_parent_class)->finalize(o);
}

static void
hoso_session_class_init(HosoSessionClass *k)
{
	GObjectClass *oc = G_OBJECT_CLASS(k);
	oc->get_property = hoso_session_get_property;
	oc->dispose = hoso_session_dispose;
	oc->finalize = hoso_session_finalize;
	props[PROP_CONNECTED] = g_param_spec_boolean("connected", NULL, NULL,
	    FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
	props[PROP_STATUS] = g_param_spec_string("status", NULL, NULL, "",
	    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
	g_object_class_install_properties(oc, N_PROPS, props);
	sigs[SIG_EVENT] = g_signal_new("event", G_TYPE_FROM_CLASS(k),
	    G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
	    G_TYPE_POINTER);
	sigs[SIG_RECONNECTED] = g_signal_new("reconnected",
	    G_TYPE_FROM_CLASS(k), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
	    G_TYPE_NONE, 0);
	sigs[SIG_ENDED] = g_signal_new("ended", G_TYPE_FROM_CLASS(k),
	    G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hoso_session_init(HosoSession *s)
{
	s->status = g_strdup("");
	s->fingerprint = g_strdup("");
}
