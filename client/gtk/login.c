/* login.c: the login window (see login.h).
 *
 * One form: server address, user name, password, an error label under
 * them, and "Log in" (the default: Enter in any entry logs in).  While the
 * session connects in its worker thread the form is insensitive and a
 * spinner turns.  The session's errors decide what follows:
 *   NEW_SERVER  a dialog shows the certificate's fingerprint; "Trust this
 *               server" logs in again passing it as trust_fingerprint;
 *   CHANGED     an error dialog with the session's (long) message; no
 *               login;
 *   others      the message in the error label. */
#include "hoso/protocol.h"
#include "i18n.h"
#include "login.h"
#include "window.h"

struct _HosoLoginWindow {
	GtkApplicationWindow parent;
	HosoSession *session;
	GCancellable *cancel;
	GtkWidget *server;
	GtkWidget *user;
	GtkWidget *password;
	GtkWidget *button;
	GtkWidget *spinner;
	GtkWidget *error;
	GtkWidget *form;
};

enum {
	SIG_LOGGED_IN,
	N_SIGNALS
};
static guint login_signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE(HosoLoginWindow, hoso_login_window,
    GTK_TYPE_APPLICATION_WINDOW)

static void login_start(HosoLoginWindow *w, const char *trust);

static void
hoso_login_window_dispose(GObject *obj)
{
	HosoLoginWindow *w = HOSO_LOGIN_WINDOW(obj);
	if (w->cancel != NULL)
		g_cancellable_cancel(w->cancel);
	g_clear_object(&w->cancel);
	g_clear_object(&w->session);
	G_OBJECT_CLASS(hoso_login_window_parent_class)->dispose(obj);
}

static void
hoso_login_window_class_init(HosoLoginWindowClass *klass)
{
	G_OBJECT_CLASS(klass)->dispose = hoso_login_window_dispose;
	login_signals[SIG_LOGGED_IN] = g_signal_new("logged-in",
	    G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
	    G_TYPE_NONE, 0);
}

static void
hoso_login_window_init(HosoLoginWindow *w)
{
	(void)w;
}

/* Whether the form can be used (not while logging in). */
static void
login_set_busy(HosoLoginWindow *w, gboolean busy)
{
	gtk_widget_set_sensitive(w->form, !busy);
	gtk_widget_set_sensitive(w->button, !busy);
	gtk_spinner_set_spinning(GTK_SPINNER(w->spinner), busy);
	gtk_widget_set_visible(w->spinner, busy);
}

static void
login_show_error(HosoLoginWindow *w, const char *msg)
{
	gtk_label_set_text(GTK_LABEL(w->error), msg != NULL ? msg : "");
	gtk_widget_set_visible(w->error, msg != NULL && *msg != '\0');
}

static void
login_trust_response(GtkDialog *d, int response, gpointer data)
{
	HosoLoginWindow *w = data;
	char *fp = g_strdup(g_object_get_data(G_OBJECT(d), "fingerprint"));
	gtk_window_destroy(GTK_WINDOW(d));
	if (response == GTK_RESPONSE_ACCEPT)
		login_start(w, fp);
	else {
		login_show_error(w, _("Not logged in: the server was not "
		    "trusted."));
		gtk_widget_grab_focus(w->server);
	}
	g_free(fp);
	g_object_unref(w);
}

/* First contact: show the server's fingerprint and ask. */
static void
login_ask_trust(HosoLoginWindow *w)
{
	const char *fp = hoso_session_get_new_fingerprint(w->session);
	const char *server = gtk_editable_get_text(GTK_EDITABLE(w->server));
	GtkWidget *d = gtk_message_dialog_new(GTK_WINDOW(w),
	    GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
	    GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s",
	    _("Trust this server?"));
	gtk_message_dialog_format_secondary_text(GTK_MESSAGE_DIALOG(d),
	    _("First connection to %s. Check with the server's administrator "
	    "that its certificate fingerprint is:\n%s"),
	    *server != '\0' ? server : HOSO_DEFAULT_SERVER,
	    fp != NULL ? fp : "");
	hoso_accessible_name(gtk_dialog_add_button(GTK_DIALOG(d),
	    _("_Cancel"), GTK_RESPONSE_CANCEL), _("Cancel"));
	hoso_accessible_name(gtk_dialog_add_button(GTK_DIALOG(d),
	    _("_Trust this server"), GTK_RESPONSE_ACCEPT),
	    _("Trust this server"));
	/* Trusting is a decision to make, not the default. */
	gtk_dialog_set_default_response(GTK_DIALOG(d), GTK_RESPONSE_CANCEL);
	gtk_window_set_title(GTK_WINDOW(d), _("New server"));
	g_object_set_data_full(G_OBJECT(d), "fingerprint", g_strdup(fp),
	    g_free);
	g_signal_connect(d, "response", G_CALLBACK(login_trust_response),
	    g_object_ref(w));
	gtk_window_present(GTK_WINDOW(d));
}

static void
login_changed_response(GtkDialog *d, int response, gpointer data)
{
	HosoLoginWindow *w = data;
	(void)response;
	gtk_window_destroy(GTK_WINDOW(d));
	gtk_widget_grab_focus(w->server);
}

/* A changed certificate: refuse loudly with the session's message. */
static void
login_show_changed(HosoLoginWindow *w, const char *msg)
{
	GtkWidget *d = gtk_message_dialog_new(GTK_WINDOW(w),
	    GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
	    GTK_MESSAGE_ERROR, GTK_BUTTONS_NONE, "%s",
	    _("The server's certificate has changed"));
	gtk_message_dialog_format_secondary_text(GTK_MESSAGE_DIALOG(d), "%s",
	    msg);
	hoso_accessible_name(gtk_dialog_add_button(GTK_DIALOG(d), _("_Close"),
	    GTK_RESPONSE_CLOSE), _("Close"));
	gtk_dialog_set_default_response(GTK_DIALOG(d), GTK_RESPONSE_CLOSE);
	gtk_window_set_title(GTK_WINDOW(d), _("Not logged in"));
	/* The message names files and fingerprints: let it be copied. */
	GtkWidget *area = gtk_message_dialog_get_message_area(
	    GTK_MESSAGE_DIALOG(d));
	for (GtkWidget *c = gtk_widget_get_first_child(area); c != NULL;
	    c = gtk_widget_get_next_sibling(c))
		if (GTK_IS_LABEL(c))
			gtk_label_set_selectable(GTK_LABEL(c), TRUE);
	g_signal_connect(d, "response", G_CALLBACK(login_changed_response),
	    w);
	login_show_error(w, _("Not logged in: the server's certificate has "
	    "changed."));
	gtk_window_present(GTK_WINDOW(d));
}

static void
login_done(GObject *src, GAsyncResult *res, gpointer data)
{
	HosoLoginWindow *w = data;
	GError *error = NULL;
	gboolean ok = hoso_session_login_finish(HOSO_SESSION(src), res,
	    &error);
	if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
		/* The window is going away. */
		g_error_free(error);
		g_object_unref(w);
		return;
	}
	login_set_busy(w, FALSE);
	if (ok) {
		gtk_editable_set_text(GTK_EDITABLE(w->password), "");
		login_show_error(w, NULL);
		g_signal_emit(w, login_signals[SIG_LOGGED_IN], 0);
	} else if (g_error_matches(error, HOSO_SESSION_ERROR,
	    HOSO_SESSION_ERROR_NEW_SERVER)) {
		login_show_error(w, NULL);
		login_ask_trust(w);
	} else if (g_error_matches(error, HOSO_SESSION_ERROR,
	    HOSO_SESSION_ERROR_CHANGED)) {
		login_show_changed(w, error->message);
	} else {
		login_show_error(w, error != NULL ? error->message :
		    _("Could not log in."));
		if (g_error_matches(error, HOSO_SESSION_ERROR,
		    HOSO_SESSION_ERROR_AUTH))
			gtk_widget_grab_focus(w->password);
	}
	if (error != NULL)
		g_error_free(error);
	g_object_unref(w);
}

/* Log in with what the form holds; trust: a fingerprint the user
 * accepted, or NULL. */
static void
login_start(HosoLoginWindow *w, const char *trust)
{
	const char *user = gtk_editable_get_text(GTK_EDITABLE(w->user));
	if (*user == '\0') {
		login_show_error(w, _("Type your user name."));
		gtk_widget_grab_focus(w->user);
		return;
	}
	login_show_error(w, NULL);
	login_set_busy(w, TRUE);
	g_clear_object(&w->cancel);
	w->cancel = g_cancellable_new();
	hoso_session_login_async(w->session,
	    gtk_editable_get_text(GTK_EDITABLE(w->server)), user,
	    gtk_editable_get_text(GTK_EDITABLE(w->password)), trust, w->cancel,
	    login_done, g_object_ref(w));
}

static void
login_clicked(GtkButton *b, gpointer data)
{
	(void)b;
	login_start(data, NULL);
}

/* A mnemonic label and its entry on row of grid; name: the entry's
 * accessible name (the contract's msgid, the label without "_"). */
static void
login_add_row(GtkGrid *grid, int row, const char *mnemonic, const char *name,
    GtkWidget *entry)
{
	GtkWidget *label = gtk_label_new_with_mnemonic(mnemonic);
	gtk_label_set_xalign(GTK_LABEL(label), 1.0);
	gtk_widget_add_css_class(label, "dim-label");
	gtk_label_set_mnemonic_widget(GTK_LABEL(label), entry);
	gtk_widget_set_hexpand(entry, TRUE);
	hoso_accessible_name(entry, name);
	gtk_grid_attach(grid, label, 0, row, 1, 1);
	gtk_grid_attach(grid, entry, 1, row, 1, 1);
}

GtkWidget *
hoso_login_window_new(GtkApplication *app, HosoSession *s,
    const char *server, const char *user)
{
	HosoLoginWindow *w = g_object_new(HOSO_TYPE_LOGIN_WINDOW,
	    "application", app, NULL);
	w->session = g_object_ref(s);
	gtk_window_set_title(GTK_WINDOW(w), _("Log in to hoso"));
	gtk_window_set_default_size(GTK_WINDOW(w), 460, -1);
	GtkWidget *header = gtk_header_bar_new();
	gtk_window_set_titlebar(GTK_WINDOW(w), header);

	GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 18);
	gtk_widget_set_margin_top(box, 24);
	gtk_widget_set_margin_bottom(box, 24);
	gtk_widget_set_margin_start(box, 24);
	gtk_widget_set_margin_end(box, 24);

	GtkWidget *title = gtk_label_new(_("Party membership files"));
	gtk_widget_add_css_class(title, "title-2");
	gtk_box_append(GTK_BOX(box), title);
	GtkWidget *intro = gtk_label_new(_("Log in with the account the "
	    "district's organisation board gave you."));
	gtk_label_set_wrap(GTK_LABEL(intro), TRUE);
	gtk_label_set_max_width_chars(GTK_LABEL(intro), 40);
	gtk_label_set_justify(GTK_LABEL(intro), GTK_JUSTIFY_CENTER);
	gtk_widget_add_css_class(intro, "dim-label");
	gtk_box_append(GTK_BOX(box), intro);

	GtkWidget *grid = gtk_grid_new();
	gtk_grid_set_row_spacing(GTK_GRID(grid), 12);
	gtk_grid_set_column_spacing(GTK_GRID(grid), 12);
	w->form = grid;
	w->server = gtk_entry_new();
	gtk_entry_set_activates_default(GTK_ENTRY(w->server), TRUE);
	gtk_entry_set_placeholder_text(GTK_ENTRY(w->server),
	    HOSO_DEFAULT_SERVER);
	gtk_entry_set_input_hints(GTK_ENTRY(w->server),
	    GTK_INPUT_HINT_NO_SPELLCHECK | GTK_INPUT_HINT_LOWERCASE);
	login_add_row(GTK_GRID(grid), 0, _("_Server address"),
	    _("Server address"), w->server);
	w->user = gtk_entry_new();
	gtk_entry_set_activates_default(GTK_ENTRY(w->user), TRUE);
	gtk_entry_set_input_hints(GTK_ENTRY(w->user),
	    GTK_INPUT_HINT_NO_SPELLCHECK | GTK_INPUT_HINT_LOWERCASE);
	login_add_row(GTK_GRID(grid), 1, _("_User name"), _("User name"),
	    w->user);
	w->password = gtk_password_entry_new();
	gtk_password_entry_set_show_peek_icon(GTK_PASSWORD_ENTRY(w->password),
	    TRUE);
	g_object_set(w->password, "activates-default", TRUE, NULL);
	login_add_row(GTK_GRID(grid), 2, _("_Password"), _("Password"),
	    w->password);
	gtk_box_append(GTK_BOX(box), grid);

	w->error = gtk_label_new("");
	gtk_label_set_wrap(GTK_LABEL(w->error), TRUE);
	gtk_label_set_max_width_chars(GTK_LABEL(w->error), 50);
	gtk_label_set_xalign(GTK_LABEL(w->error), 0.0);
	gtk_label_set_selectable(GTK_LABEL(w->error), TRUE);
	gtk_widget_add_css_class(w->error, "form-error");
	gtk_widget_set_visible(w->error, FALSE);
	gtk_box_append(GTK_BOX(box), w->error);

	GtkWidget *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
	gtk_widget_set_halign(row, GTK_ALIGN_END);
	w->spinner = gtk_spinner_new();
	gtk_widget_set_visible(w->spinner, FALSE);
	gtk_accessible_update_property(GTK_ACCESSIBLE(w->spinner),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Connecting"), -1);
	gtk_box_append(GTK_BOX(row), w->spinner);
	w->button = gtk_button_new_with_mnemonic(_("_Log in"));
	hoso_accessible_name(w->button, _("Log in"));
	gtk_widget_add_css_class(w->button, "suggested-action");
	g_signal_connect(w->button, "clicked", G_CALLBACK(login_clicked), w);
	gtk_box_append(GTK_BOX(row), w->button);
	gtk_box_append(GTK_BOX(box), row);
	gtk_window_set_default_widget(GTK_WINDOW(w), w->button);

	gtk_window_set_child(GTK_WINDOW(w), box);
	gtk_editable_set_text(GTK_EDITABLE(w->server),
	    server != NULL ? server : "");
	gtk_editable_set_text(GTK_EDITABLE(w->user), user != NULL ? user : "");
	/* Start where something is still to be typed. */
	if (user != NULL && *user != '\0')
		gtk_window_set_focus(GTK_WINDOW(w), w->password);
	else
		gtk_window_set_focus(GTK_WINDOW(w), w->user);
	return GTK_WIDGET(w);
}

const char *
hoso_login_window_get_server(HosoLoginWindow *w)
{
	return gtk_editable_get_text(GTK_EDITABLE(w->server));
}

const char *
hoso_login_window_get_user(HosoLoginWindow *w)
{
	return gtk_editable_get_text(GTK_EDITABLE(w->user));
}

void
hoso_login_window_set_error(HosoLoginWindow *w, const char *msg)
{
	login_show_error(w, msg);
}
