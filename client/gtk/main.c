/* main.c: hoso-gtk, the desktop client: the application, its command
 * line, and the change from the login window to the main window and
 * back (log out, or a session the server ended).
 *
 *   hoso-gtk [--server HOST:PORT] [--user LOGIN]
 *
 * The server defaults to $HOSO_SERVER, else HOSO_DEFAULT_SERVER, as for
 * the hoso CLI.  Messages are in Vietnamese unless the locale asks for
 * English. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <gtk/gtk.h>

#include "hoso/protocol.h"
#include "i18n.h"
#include "login.h"
#include "session.h"
#include "style.h"
#include "window.h"

struct app {
	GtkApplication *gtk;
	HosoSession *session;           /* of the window shown */
	GtkWidget *login;               /* or NULL */
	HosoWindow *main;               /* or NULL */
	char *server;                   /* for the login form */
	char *user;
	gulong ended_id;
};

static void app_show_login(struct app *a, const char *message);

/* Vietnamese unless the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG
 * that is set starts with "en".  Runs before i18n_init. */
static gboolean
app_choose_language(void)
{
	const char *vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < G_N_ELEMENTS(vars); i++) {
		const char *v = getenv(vars[i]);
		if (v == NULL || *v == '\0')
			continue;
		if (strncmp(v, "en", 2) == 0)
			return FALSE;
		break;
	}
	setenv("LANGUAGE", "vi", 1);
	return TRUE;
}

/* gettext ignores LANGUAGE in the C locale: use C.UTF-8 then (also
 * what GTK needs for Vietnamese text). */
static void
app_locale_for_language(void)
{
	const char *m = setlocale(LC_MESSAGES, NULL);
	if (m != NULL && strcmp(m, "C") != 0 && strcmp(m, "POSIX") != 0)
		return;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_MESSAGES, "C.UTF-8");
}

static void
app_remember_form(struct app *a)
{
	if (a->login == NULL)
		return;
	HosoLoginWindow *lw = HOSO_LOGIN_WINDOW(a->login);
	g_free(a->server);
	a->server = g_strdup(hoso_login_window_get_server(lw));
	g_free(a->user);
	a->user = g_strdup(hoso_login_window_get_user(lw));
}

/* Leave the main window for the login window; message says why (or
 * NULL).  The session is over: a new one serves the next login. */
static void
app_back_to_login(struct app *a, const char *message)
{
	HosoWindow *old = a->main;
	a->main = NULL;
	if (a->session != NULL) {
		g_signal_handler_disconnect(a->session, a->ended_id);
		a->ended_id = 0;
		hoso_session_logout(a->session);
		g_clear_object(&a->session);
	}
	/* The login window first, so the application never has no window. */
	app_show_login(a, message);
	if (old != NULL)
		gtk_window_destroy(GTK_WINDOW(old));
}

static void
app_log_out(HosoWindow *w, gpointer data)
{
	(void)w;
	app_back_to_login(data, NULL);
}

static void
app_session_ended(HosoSession *s, gpointer data)
{
	(void)s;
	app_back_to_login(data, _("Your session has ended. Log in again."));
}

static void
app_logged_in(HosoLoginWindow *lw, gpointer data)
{
	struct app *a = data;
	(void)lw;
	app_remember_form(a);
	a->main = hoso_window_new(a->gtk, a->session);
	g_signal_connect(a->main, "log-out", G_CALLBACK(app_log_out), a);
	a->ended_id = g_signal_connect(a->session, "ended",
	    G_CALLBACK(app_session_ended), a);
	gtk_window_present(GTK_WINDOW(a->main));
	GtkWidget *login = a->login;
	a->login = NULL;
	gtk_window_destroy(GTK_WINDOW(login));
}

static void
app_login_destroyed(GtkWidget *w, gpointer data)
{
	struct app *a = data;
	if (a->login == w) {
		app_remember_form(a);
		a->login = NULL;
	}
}

static void
app_show_login(struct app *a, const char *message)
{
	if (a->session == NULL)
		a->session = hoso_session_new();
	a->login = hoso_login_window_new(a->gtk, a->session, a->server,
	    a->user);
	if (message != NULL)
		hoso_login_window_set_error(HOSO_LOGIN_WINDOW(a->login),
		    message);
	g_signal_connect(a->login, "logged-in", G_CALLBACK(app_logged_in), a);
	g_signal_connect(a->login, "destroy", G_CALLBACK(app_login_destroyed),
	    a);
	gtk_window_present(GTK_WINDOW(a->login));
}

static void
app_activate(GApplication *g, gpointer data)
{
	struct app *a = data;
	(void)g;
	if (a->main != NULL)
		gtk_window_present(GTK_WINDOW(a->main));
	else if (a->login != NULL)
		gtk_window_present(GTK_WINDOW(a->login));
	else
		app_show_login(a, NULL);
}

/* app.show-alerts: a notification was clicked. */
static void
app_show_alerts(GSimpleAction *action, GVariant *param, gpointer data)
{
	struct app *a = data;
	(void)action;
	(void)param;
	if (a->main == NULL) {
		app_activate(NULL, a);
		return;
	}
	hoso_window_show_page(a->main, "alerts");
	gtk_window_present(GTK_WINDOW(a->main));
}

/* Ctrl+Q: close every window; main() then logs out. */
static void
app_quit(GSimpleAction *act, GVariant *param, gpointer data)
{
	(void)act;
	(void)param;
	g_application_quit(G_APPLICATION(((struct app *)data)->gtk));
}

static void
app_startup(GApplication *g, gpointer data)
{
	static const GActionEntry actions[] = {
		{ "show-alerts", app_show_alerts, NULL, NULL, NULL, { 0 } },
		{ "quit", app_quit, NULL, NULL, NULL, { 0 } },
	};
	static const char *quit_keys[] = { "<Control>q", NULL };
	hoso_style_load(gdk_display_get_default());
	g_action_map_add_action_entries(G_ACTION_MAP(g), actions,
	    G_N_ELEMENTS(actions), data);
	gtk_application_set_accels_for_action(GTK_APPLICATION(g), "app.quit",
	    quit_keys);
}

/* --server and --user, looked at before the application starts. */
static int
app_local_options(GApplication *g, GVariantDict *opts, gpointer data)
{
	struct app *a = data;
	const char *s;
	(void)g;
	if (g_variant_dict_lookup(opts, "server", "&s", &s)) {
		g_free(a->server);
		a->server = g_strdup(s);
	}
	if (g_variant_dict_lookup(opts, "user", "&s", &s)) {
		g_free(a->user);
		a->user = g_strdup(s);
	}
	return -1;
}

int
main(int argc, char **argv)
{
	struct app a;
	memset(&a, 0, sizeof a);
	gboolean vi = app_choose_language();
	i18n_init();
	if (vi)
		app_locale_for_language();
	/* i18n_init chose the locale; GTK must not choose again. */
	gtk_disable_setlocale();

	const char *env = getenv("HOSO_SERVER");
	a.server = g_strdup(env != NULL && *env != '\0' ? env :
	    HOSO_DEFAULT_SERVER);
	a.gtk = gtk_application_new("org.hoso.Desktop",
	    G_APPLICATION_DEFAULT_FLAGS);
	g_application_add_main_option(G_APPLICATION(a.gtk), "server", 0, 0,
	    G_OPTION_ARG_STRING, _("the server to use (default: "
	    "$HOSO_SERVER, else 127.0.0.1:7707)"), _("HOST:PORT"));
	g_application_add_main_option(G_APPLICATION(a.gtk), "user", 0, 0,
	    G_OPTION_ARG_STRING, _("the user name to fill in"), _("LOGIN"));
	g_signal_connect(a.gtk, "handle-local-options",
	    G_CALLBACK(app_local_options), &a);
	g_signal_connect(a.gtk, "startup", G_CALLBACK(app_startup), &a);
	g_signal_connect(a.gtk, "activate", G_CALLBACK(app_activate), &a);
	int rc = g_application_run(G_APPLICATION(a.gtk), argc, argv);
	if (a.session != NULL) {
		if (a.ended_id != 0)
			g_signal_handler_disconnect(a.session, a.ended_id);
		/* Closing the window ends the session on the server too: the
		 * Logout is written at once, before the socket closes. */
		hoso_session_logout(a.session);
		g_object_unref(a.session);
	}
	g_object_unref(a.gtk);
	g_free(a.server);
	g_free(a.user);
	return rc;
}
