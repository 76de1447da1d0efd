/* session.h: the GUI's one connection to hosod, living in the GLib main
 * loop.
 *
 * A HosoSession owns a libhoso connection.  Connecting and logging in run
 * in a worker thread (name resolution and the TLS handshake block); once
 * logged in, every request goes through libhoso's non-blocking interface
 * (hoso_async_*), driven by a GSource watching the socket, so no network
 * call ever blocks the UI thread.  Replies come back to callbacks on the
 * main thread, in request order.
 *
 * When the connection is lost the session says so ("connected" turns
 * FALSE, "status" holds a sentence for a banner), fails the calls in
 * flight with an error, and reconnects by itself with the session token,
 * waiting 1, 2, 4 ... 30 s between attempts.  After a reconnect it
 * subscribes to alerts again and emits "reconnected" so views reload.
 *
 * Alerts: after login the session subscribes to the alerts of the user's
 * unit (all alerts for an admin or inspector) and emits "event" for every
 * Event the server pushes. */
#ifndef HOSO_GTK_SESSION_H
#define HOSO_GTK_SESSION_H

#include <gio/gio.h>

#include "hoso.pb-c.h"

G_BEGIN_DECLS

#define HOSO_TYPE_SESSION (hoso_session_get_type())
G_DECLARE_FINAL_TYPE(HosoSession, hoso_session, HOSO, SESSION, GObject)

#define HOSO_SESSION_ERROR (hoso_session_error_quark())
GQuark hoso_session_error_quark(void);

typedef enum {
	HOSO_SESSION_ERROR_FAILED,      /* anything else: message says what */
	HOSO_SESSION_ERROR_CONNECT,     /* cannot reach the server */
	/* TLS, first contact: the server's certificate is not known yet.
	 * hoso_session_get_new_fingerprint() gives it; show it, and if the
	 * user confirms, log in again passing it as trust_fingerprint. */
	HOSO_SESSION_ERROR_NEW_SERVER,
	/* TLS: the certificate is not the one recorded: refuse loudly; the
	 * message (several lines) says what to do. */
	HOSO_SESSION_ERROR_CHANGED,
	HOSO_SESSION_ERROR_AUTH,        /* wrong user name or password, or the
	                                 * account is disabled: message says */
	HOSO_SESSION_ERROR_LOST,        /* a call failed: the connection was
	                                 * lost (it reconnects by itself) */
	HOSO_SESSION_ERROR_BUSY,        /* login while already logging in */
} HosoSessionError;

HosoSession *hoso_session_new(void);

/* Connect to server ("HOST:PORT", "HOST"; NULL or "": HOSO_DEFAULT_SERVER),
 * then Login.  TLS as libhoso decides (HOSO_TLS_AUTO: not on loopback);
 * pinning in the default known_servers file.  A first-contact server fails
 * with HOSO_SESSION_ERROR_NEW_SERVER unless trust_fingerprint equals its
 * fingerprint, which is then recorded.  Runs in a worker thread; callback
 * on the main thread.  Error messages are translated, for people. */
void hoso_session_login_async(HosoSession *s, const char *server,
    const char *login, const char *password, const char *trust_fingerprint,
    GCancellable *cancellable, GAsyncReadyCallback callback,
    gpointer user_data);
gboolean hoso_session_login_finish(HosoSession *s, GAsyncResult *res,
    GError **error);

/* After HOSO_SESSION_ERROR_NEW_SERVER: "AB:CD:..." (owned by s). */
const char *hoso_session_get_new_fingerprint(HosoSession *s);

/* Who is logged in (owned by s; NULL before login). */
const Hoso__User *hoso_session_get_user(HosoSession *s);
/* Property "connected": logged in and the connection is up. */
gboolean hoso_session_get_connected(HosoSession *s);
/* Property "status": a translated sentence for a banner while not
 * connected after a login ("Lost the connection to the server.  Trying
 * again in 4 s…"); "" while connected or before login. */
const char *hoso_session_get_status(HosoSession *s);

/* The reply to a call.  resp is the server's Response whatever its status
 * (check resp->status; hoso_response_text(resp) is the message for
 * people and resp->field names the offending field); it is owned by the
 * session and valid only during the callback.  resp is NULL when no
 * reply could be had (the connection was lost, or the request could not
 * be sent): error says why. */
typedef void (*HosoReplyFunc)(HosoSession *s, const Hoso__Response *resp,
    const GError *error, gpointer user_data);

/* Send req (packed at once: the caller keeps owning it and may free it on
 * return; its id is set here).  When owner is not NULL the session holds
 * a weak reference to it and, if the owner is finalized before the reply
 * arrives, drops the reply without calling cb (so a closed view is never
 * called back).  Never blocks.  While not connected, cb is called from
 * an idle with HOSO_SESSION_ERROR_LOST. */
void hoso_session_call(HosoSession *s, Hoso__Request *req, GObject *owner,
    HosoReplyFunc cb, gpointer user_data);

/* End the session on the server (Logout) and close; "connected" turns
 * FALSE and no reconnect happens. */
void hoso_session_logout(HosoSession *s);

/* Signals:
 *   "event"        (HosoSession *s, gpointer ev, gpointer data)
 *                  ev is a Hoso__Event *, valid during the emission.
 *   "reconnected"  (HosoSession *s, gpointer data)
 *   "ended"        (HosoSession *s, gpointer data)
 *                  reconnecting found the session gone on the server (a
 *                  restarted server logs everyone out, an expired or
 *                  ended session): only a new login helps; show the login
 *                  window, prefilled.
 * and notify::connected, notify::status. */

G_END_DECLS

#endif
