/* login.h: the login window ("Log in to hoso").
 *
 * Asks for the server address, the user name and the password and logs
 * the session in (hoso_session_login_async) without blocking.  A server
 * met for the first time shows its certificate's fingerprint and asks
 * whether to trust it; a changed certificate is refused with the
 * session's message.  On success the password entry is cleared and the
 * window emits "logged-in" (no arguments); the caller then opens the main
 * window and destroys this one. */
#ifndef HOSO_GTK_LOGIN_H
#define HOSO_GTK_LOGIN_H

#include <gtk/gtk.h>

#include "session.h"

G_BEGIN_DECLS

#define HOSO_TYPE_LOGIN_WINDOW (hoso_login_window_get_type())
G_DECLARE_FINAL_TYPE(HosoLoginWindow, hoso_login_window, HOSO, LOGIN_WINDOW,
    GtkApplicationWindow)

/* server and user prefill the form (NULL: empty). */
GtkWidget *hoso_login_window_new(GtkApplication *app, HosoSession *s,
    const char *server, const char *user);
/* What the form holds now (owned by the window's entries). */
const char *hoso_login_window_get_server(HosoLoginWindow *w);
const char *hoso_login_window_get_user(HosoLoginWindow *w);
/* Show msg in the error label (why the user is asked to log in again). */
void hoso_login_window_set_error(HosoLoginWindow *w, const char *msg);

G_END_DECLS

#endif
