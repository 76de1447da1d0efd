/* window.c: the main window (see window.h).
 *
 * It builds the pages, passes the unit picked in the sidebar to the
 * pages that show a unit (pipeline, files, quotas), opens the file page
 * when a page asks for it ("open-file") and goes back when the file page
 * says "back", reloads the lists when the file page says "changed", and
 * shows the session's status in a banner while the connection is lost.
 * Keys: Ctrl+F searches the files, Alt+1 ... Alt+4 switch pages, Escape
 * on the file page goes back. */
#include <stdlib.h>
#include <string.h>

#include "hoso/client.h"
#include "i18n.h"
#include "view-alerts.h"
#include "view-file.h"
#include "view-files.h"
#include "view-pipeline.h"
#include "view-quota.h"
#include "view-units.h"
#include "window.h"

static const char *const window_pages[] = {
	"pipeline", "files", "alerts", "quotas",
};

struct _HosoWindow {
	GtkApplicationWindow parent;
	HosoSession *session;
	GtkWidget *stack;
	GtkWidget *banner;              /* revealer */
	GtkWidget *banner_label;
	GtkWidget *units;
	GtkWidget *pipeline;
	GtkWidget *files;
	GtkWidget *alerts;
	GtkWidget *quota;
	GtkWidget *file;                /* the file page, or NULL */
	GtkStackPage *alerts_page;
	GtkWidget *badge;               /* the count of alerts to read */
	GtkWidget *badge_label;
	GtkWidget *unit_label;
	char *prev_page;                /* where Back on the file page goes */
	gulong connected_id, status_id;
};

enum {
	SIG_LOG_OUT,
	N_SIGNALS
};
static guint window_signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE(HosoWindow, hoso_window, GTK_TYPE_APPLICATION_WINDOW)

char *
hoso_reply_error(const Hoso__Response *resp, const GError *error)
{
	if (resp != NULL) {
		char *text = hoso_response_text(resp);
		char *out = g_strdup(text != NULL ? text : "");
		free(text);
		return out;
	}
	return g_strdup(error != NULL ? error->message :
	    _("no reply from the server"));
}

void
hoso_accessible_name(GtkWidget *w, const char *name)
{
	gtk_accessible_reset_relation(GTK_ACCESSIBLE(w),
	    GTK_ACCESSIBLE_RELATION_LABELLED_BY);
	gtk_accessible_update_property(GTK_ACCESSIBLE(w),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

GtkWidget *
hoso_list_placeholder(GtkWidget *list, const char *text, int margin)
{
	GtkWidget *l = gtk_label_new(text);
	gtk_widget_add_css_class(l, "dim-label");
	gtk_widget_set_margin_top(l, margin);
	gtk_widget_set_margin_bottom(l, margin);
	gtk_list_box_set_placeholder(GTK_LIST_BOX(list), l);
	return l;
}

static void
hoso_window_dispose(GObject *obj)
{
	HosoWindow *w = HOSO_WINDOW(obj);
	if (w->session != NULL) {
		g_signal_handler_disconnect(w->session, w->connected_id);
		g_signal_handler_disconnect(w->session, w->status_id);
	}
	g_clear_object(&w->session);
	/* The children go with the window; a pending window_drop_file must
	 * not touch them. */
	w->stack = NULL;
	w->file = NULL;
	G_OBJECT_CLASS(hoso_window_parent_class)->dispose(obj);
}

static void
hoso_window_finalize(GObject *obj)
{
	g_free(HOSO_WINDOW(obj)->prev_page);
	G_OBJECT_CLASS(hoso_window_parent_class)->finalize(obj);
}

static void
hoso_window_class_init(HosoWindowClass *klass)
{
	GObjectClass *oc = G_OBJECT_CLASS(klass);
	oc->dispose = hoso_window_dispose;
	oc->finalize = hoso_window_finalize;
	window_signals[SIG_LOG_OUT] = g_signal_new("log-out",
	    G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
	    G_TYPE_NONE, 0);
}

static void
hoso_window_init(HosoWindow *w)
{
	(void)w;
}

/* The banner follows the session: shown with its status while the
 * connection is lost. */
static void
window_status_cb(GObject *o, GParamSpec *ps, gpointer data)
{
	HosoWindow *w = data;
	(void)o;
	(void)ps;
	const char *status = hoso_session_get_status(w->session);
	gboolean lost = !hoso_session_get_connected(w->session) &&
	    status != NULL && *status != '\0';
	if (lost)
		gtk_label_set_text(GTK_LABEL(w->banner_label), status);
	gtk_revealer_set_reveal_child(GTK_REVEALER(w->banner), lost);
}

void
hoso_window_show_page(HosoWindow *w, const char *name)
{
	gtk_stack_set_visible_child_name(GTK_STACK(w->stack), name);
}

/* Remove the file page if it is not shown (after Back). */
static gboolean
window_drop_file(gpointer data)
{
	HosoWindow *w = data;
	if (w->stack != NULL && w->file != NULL &&
	    gtk_stack_get_visible_child(GTK_STACK(w->stack)) != w->file) {
		gtk_stack_remove(GTK_STACK(w->stack), w->file);
		w->file = NULL;
	}
	g_object_unref(w);
	return G_SOURCE_REMOVE;
}

static void
window_file_back(GtkWidget *view, gpointer data)
{
	HosoWindow *w = data;
	if (view != w->file ||
	    gtk_stack_get_visible_child(GTK_STACK(w->stack)) != view)
		return;
	hoso_window_show_page(w, w->prev_page != NULL ? w->prev_page :
	    "pipeline");
	/* Not now: the page is still emitting "back". */
	g_idle_add(window_drop_file, g_object_ref(w));
}

static void
window_file_changed(GtkWidget *view, gpointer data)
{
	HosoWindow *w = data;
	(void)view;
	hoso_pipeline_view_reload(HOSO_PIPELINE_VIEW(w->pipeline));
	hoso_files_view_reload(HOSO_FILES_VIEW(w->files));
}

void
hoso_window_open_file(HosoWindow *w, uint64_t person_id)
{
	const char *cur = gtk_stack_get_visible_child_name(GTK_STACK(w->stack));
	if (cur != NULL && strcmp(cur, "file") != 0) {
		g_free(w->prev_page);
		w->prev_page = g_strdup(cur);
	}
	if (w->file != NULL) {
		gtk_stack_remove(GTK_STACK(w->stack), w->file);
		w->file = NULL;
	}
	w->file = hoso_file_view_new(w->session, person_id);
	g_signal_connect(w->file, "back", G_CALLBACK(window_file_back), w);
	g_signal_connect(w->file, "changed", G_CALLBACK(window_file_changed),
	    w);
	gtk_stack_add_named(GTK_STACK(w->stack), w->file, "file");
	gtk_stack_set_visible_child(GTK_STACK(w->stack), w->file);
}

static void
window_open_file_cb(GtkWidget *view, guint64 person_id, gpointer data)
{
	(void)view;
	hoso_window_open_file(data, person_id);
}

static void
window_unit_selected(HosoUnitsView *units, guint64 org_id, gpointer data)
{
	HosoWindow *w = data;
	(void)units;
	hoso_pipeline_view_set_org(HOSO_PIPELINE_VIEW(w->pipeline), org_id);
	hoso_files_view_set_org(HOSO_FILES_VIEW(w->files), org_id);
	hoso_quota_view_set_org(w->quota, org_id);
}

/* The header's unit line: the user's unit, named once the units came. */
static void
window_units_loaded(HosoUnitsView *units, gpointer data)
{
	HosoWindow *w = data;
	const Hoso__User *me = hoso_session_get_user(w->session);
	HosoUnits *all = hoso_units_view_get_units(units);
	HosoUnitItem *u = me != NULL ? hoso_units_lookup(all, me->org_id) :
	    NULL;
	if (u == NULL) {
		/* An admin's unit may be given as 0: the top unit. */
		GListModel *roots = hoso_units_children(all, 0);
		if (roots != NULL) {
			if (g_list_model_get_n_items(roots) == 1) {
				HosoUnitItem *r = g_list_model_get_item(roots,
				    0);
				u = hoso_units_lookup(all,
				    hoso_unit_item_get_id(r));
				g_object_unref(r);
			}
			g_object_unref(roots);
		}
	}
	gtk_label_set_text(GTK_LABEL(w->unit_label),
	    u != NULL ? hoso_unit_item_get_name(u) : "");
}

static void
window_alerts_count(GObject *o, GParamSpec *ps, gpointer data)
{
	HosoWindow *w = data;
	(void)ps;
	guint n = hoso_alert_list_get_n_unacked(HOSO_ALERT_LIST(o));
	char num[16], *label;
	g_snprintf(num, sizeof num, "%u", n);
	gtk_label_set_text(GTK_LABEL(w->badge_label), num);
	label = g_strdup_printf(_("Unacknowledged alerts: %u"), n);
	gtk_accessible_update_property(GTK_ACCESSIBLE(w->badge),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
	gtk_widget_set_tooltip_text(w->badge, label);
	g_free(label);
	gtk_widget_set_visible(w->badge, n > 0);
	gtk_stack_page_set_needs_attention(w->alerts_page, n > 0);
}

static void
window_badge_clicked(GtkButton *b, gpointer data)
{
	(void)b;
	hoso_window_show_page(data, "alerts");
}

static void
window_logout_clicked(GtkButton *b, gpointer data)
{
	(void)b;
	g_signal_emit(data, window_signals[SIG_LOG_OUT], 0);
}

/* Ctrl+F: the files page, keyboard in its search entry. */
static gboolean
window_key_search(GtkWidget *widget, GVariant *args, gpointer data)
{
	HosoWindow *w = HOSO_WINDOW(widget);
	(void)args;
	(void)data;
	hoso_window_show_page(w, "files");
	hoso_files_view_focus_search(HOSO_FILES_VIEW(w->files));
	return TRUE;
}

/* Alt+N: page N. */
static gboolean
window_key_page(GtkWidget *widget, GVariant *args, gpointer data)
{
	(void)args;
	hoso_window_show_page(HOSO_WINDOW(widget),
	    window_pages[GPOINTER_TO_UINT(data)]);
	return TRUE;
}

/* Escape on the file page: back. */
static gboolean
window_key_escape(GtkWidget *widget, GVariant *args, gpointer data)
{
	HosoWindow *w = HOSO_WINDOW(widget);
	(void)args;
	(void)data;
	if (w->file == NULL ||
	    gtk_stack_get_visible_child(GTK_STACK(w->stack)) != w->file)
		return FALSE;
	window_file_back(w->file, w);
	return TRUE;
}

static void
window_add_key(GtkShortcutController *sc, const char *accel,
    GtkShortcutFunc fn, gpointer data)
{
	gtk_shortcut_controller_add_shortcut(sc, gtk_shortcut_new(
	    gtk_shortcut_trigger_parse_string(accel),
	    gtk_callback_action_new(fn, data, NULL)));
}

static void
window_add_keys(HosoWindow *w)
{
	GtkEventController *c = gtk_shortcut_controller_new();
	GtkShortcutController *sc = GTK_SHORTCUT_CONTROLLER(c);
	window_add_key(sc, "<Control>f", window_key_search, NULL);
	for (guint i = 0; i < G_N_ELEMENTS(window_pages); i++) {
		char accel[16];
		g_snprintf(accel, sizeof accel, "<Alt>%u", i + 1);
		window_add_key(sc, accel, window_key_page,
		    GUINT_TO_POINTER(i));
	}
	window_add_key(sc, "Escape", window_key_escape, NULL);
	gtk_widget_add_controller(GTK_WIDGET(w), c);
}

/* The header bar: page switcher and alert count in the middle; who is
 * logged in and "Log out" at the end. */
static void
window_build_header(HosoWindow *w)
{
	GtkWidget *header = gtk_header_bar_new();
	GtkWidget *middle = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
	GtkWidget *switcher = gtk_stack_switcher_new();
	gtk_stack_switcher_set_stack(GTK_STACK_SWITCHER(switcher),
	    GTK_STACK(w->stack));
	gtk_box_append(GTK_BOX(middle), switcher);
	w->badge = gtk_button_new();
	w->badge_label = gtk_label_new("0");
	gtk_widget_add_css_class(w->badge_label, "count-badge");
	gtk_button_set_child(GTK_BUTTON(w->badge), w->badge_label);
	gtk_widget_add_css_class(w->badge, "flat");
	gtk_widget_set_valign(w->badge, GTK_ALIGN_CENTER);
	gtk_widget_set_visible(w->badge, FALSE);
	g_signal_connect(w->badge, "clicked", G_CALLBACK(window_badge_clicked),
	    w);
	gtk_box_append(GTK_BOX(middle), w->badge);
	gtk_header_bar_set_title_widget(GTK_HEADER_BAR(header), middle);

	GtkWidget *logout = gtk_button_new_with_mnemonic(_("_Log out"));
	hoso_accessible_name(logout, _("Log out"));
	g_signal_connect(logout, "clicked", G_CALLBACK(window_logout_clicked),
	    w);
	gtk_header_bar_pack_end(GTK_HEADER_BAR(header), logout);

	const Hoso__User *me = hoso_session_get_user(w->session);
	const char *who = me == NULL ? "" : me->display_name != NULL &&
	    *me->display_name != '\0' ? me->display_name : me->login;
	GtkWidget *user = gtk_box_new(GTK_ORIENTATION_VERTICAL, 0);
	gtk_widget_set_valign(user, GTK_ALIGN_CENTER);
	GtkWidget *name = gtk_label_new(who);
	gtk_label_set_xalign(GTK_LABEL(name), 1.0);
	gtk_widget_add_css_class(name, "heading");
	gtk_box_append(GTK_BOX(user), name);
	w->unit_label = gtk_label_new("");
	gtk_label_set_xalign(GTK_LABEL(w->unit_label), 1.0);
	gtk_widget_add_css_class(w->unit_label, "caption");
	gtk_widget_add_css_class(w->unit_label, "dim-label");
	gtk_box_append(GTK_BOX(user), w->unit_label);
	gtk_header_bar_pack_end(GTK_HEADER_BAR(header), user);
	gtk_window_set_titlebar(GTK_WINDOW(w), header);
}

/* The pages, each in the stack under its name and title. */
static void
window_build_pages(HosoWindow *w, guint64 org_id)
{
	GtkStack *stack = GTK_STACK(w->stack);
	w->pipeline = hoso_pipeline_view_new(w->session, org_id);
	g_signal_connect(w->pipeline, "open-file",
	    G_CALLBACK(window_open_file_cb), w);
	gtk_stack_add_titled(stack, w->pipeline, "pipeline", _("Pipeline"));
	w->files = hoso_files_view_new(w->session, org_id);
	g_signal_connect(w->files, "open-file",
	    G_CALLBACK(window_open_file_cb), w);
	gtk_stack_add_titled(stack, w->files, "files", _("Files"));
	w->alerts = hoso_alerts_view_new(w->session);
	g_signal_connect(w->alerts, "open-file",
	    G_CALLBACK(window_open_file_cb), w);
	w->alerts_page = gtk_stack_add_titled(stack, w->alerts, "alerts",
	    _("Alerts"));
	w->quota = hoso_quota_view_new(w->session);
	hoso_quota_view_set_org(w->quota, org_id);
	gtk_stack_add_titled(stack, w->quota, "quotas", _("Quotas"));
	gtk_stack_set_visible_child(stack, w->pipeline);
}

HosoWindow *
hoso_window_new(GtkApplication *app, HosoSession *s)
{
	HosoWindow *w = g_object_new(HOSO_TYPE_WINDOW, "application", app,
	    NULL);
	const Hoso__User *me = hoso_session_get_user(s);
	guint64 org_id = me != NULL ? me->org_id : 0;
	w->session = g_object_ref(s);
	gtk_window_set_title(GTK_WINDOW(w), _("hoso"));
	gtk_window_set_default_size(GTK_WINDOW(w), 1200, 760);

	w->stack = gtk_stack_new();
	gtk_stack_set_transition_type(GTK_STACK(w->stack),
	    GTK_STACK_TRANSITION_TYPE_CROSSFADE);
	gtk_widget_set_hexpand(w->stack, TRUE);
	window_build_pages(w, org_id);
	window_build_header(w);

	GtkWidget *body = gtk_box_new(GTK_ORIENTATION_VERTICAL, 0);
	w->banner = gtk_revealer_new();
	GtkWidget *strip = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
	gtk_widget_add_css_class(strip, "banner");
	GtkWidget *icon = gtk_image_new_from_icon_name(
	    "network-offline-symbolic");
	gtk_box_append(GTK_BOX(strip), icon);
	w->banner_label = gtk_label_new("");
	gtk_label_set_wrap(GTK_LABEL(w->banner_label), TRUE);
	gtk_label_set_xalign(GTK_LABEL(w->banner_label), 0.0);
	gtk_accessible_update_property(GTK_ACCESSIBLE(w->banner_label),
	    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Connection status"), -1);
	gtk_box_append(GTK_BOX(strip), w->banner_label);
	gtk_revealer_set_child(GTK_REVEALER(w->banner), strip);
	gtk_box_append(GTK_BOX(body), w->banner);

	GtkWidget *paned = gtk_paned_new(GTK_ORIENTATION_HORIZONTAL);
	w->units = hoso_units_view_new(s);
	gtk_widget_set_size_request(w->units, 200, -1);
	g_signal_connect(w->units, "unit-selected",
	    G_CALLBACK(window_unit_selected), w);
	g_signal_connect(w->units, "loaded", G_CALLBACK(window_units_loaded),
	    w);
	gtk_paned_set_start_child(GTK_PANED(paned), w->units);
	gtk_paned_set_resize_start_child(GTK_PANED(paned), FALSE);
	gtk_paned_set_shrink_start_child(GTK_PANED(paned), FALSE);
	gtk_paned_set_end_child(GTK_PANED(paned), w->stack);
	gtk_paned_set_position(GTK_PANED(paned), 270);
	gtk_widget_set_vexpand(paned, TRUE);
	gtk_box_append(GTK_BOX(body), paned);
	gtk_window_set_child(GTK_WINDOW(w), body);

	HosoAlertList *alerts = hoso_alerts_view_get_list(
	    HOSO_ALERTS_VIEW(w->alerts));
	g_signal_connect(alerts, "notify::n-unacked",
	    G_CALLBACK(window_alerts_count), w);
	window_alerts_count(G_OBJECT(alerts), NULL, w);

	w->connected_id = g_signal_connect(s, "notify::connected",
	    G_CALLBACK(window_status_cb), w);
	w->status_id = g_signal_connect(s, "notify::status",
	    G_CALLBACK(window_status_cb), w);
	window_status_cb(NULL, NULL, w);
	window_add_keys(w);
	return w;
}
