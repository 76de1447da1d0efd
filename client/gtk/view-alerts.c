/* view-alerts.c: the alerts panel (see view-alerts.h).
 *
 * A GtkListBox bound to a HosoAlertList.  A reload takes a mark of the
 * list before sending AlertList, so that alerts pushed while the request
 * was on its way survive the reply (model-alerts.h).  Only the reply to
 * the last AlertList sent is used. */
#include "i18n.h"
#include "view-alerts.h"
#include "window.h"

#define ALERTS_LIMIT 200

struct _HosoAlertsView {
	GtkBox parent;
	HosoSession *session;
	HosoAlertList *list;
	GtkWidget *listbox;
	GtkWidget *count;
	GtkWidget *error;
	guint sent, answered;
	guint mark;                     /* of the last AlertList sent */
	gulong event_id, reconnected_id;
};

enum {
	SIG_OPEN_FILE,
	N_SIGNALS
};
static guint alerts_signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE(HosoAlertsView, hoso_alerts_view, GTK_TYPE_BOX)

static void
hoso_alerts_view_dispose(GObject *obj)
{
	HosoAlertsView *v = HOSO_ALERTS_VIEW(obj);
	if (v->session != NULL) {
		g_signal_handler_disconnect(v->session, v->event_id);
		g_signal_handler_disconnect(v->session, v->reconnected_id);
	}
	g_clear_object(&v->session);
	g_clear_object(&v->list);
	G_OBJECT_CLASS(hoso_alerts_view_parent_class)->dispose(obj);
}

static void
hoso_alerts_view_class_init(HosoAlertsViewClass *klass)
{
	G_OBJECT_CLASS(klass)->dispose = hoso_alerts_view_dispose;
	alerts_signals[SIG_OPEN_FILE] = g_signal_new("open-file",
	    G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
	    G_TYPE_NONE, 1, G_TYPE_UINT64);
}

static void
hoso_alerts_view_init(HosoAlertsView *v)
{
	(void)v;
}

static void
alerts_set_error(HosoAlertsView *v, const char *msg)
{
	gtk_label_set_text(GTK_LABEL(v->error), msg != NULL ? msg : "");
	gtk_widget_set_visible(v->error, msg != NULL);
}

/* The desktop notification's id for an alert. */
static char *
alerts_notification_id(guint64 id)
{
	return g_strdup_printf("alert-%" G_GUINT64_FORMAT, id);
}

static void
alerts_ack_cb(HosoSession *s, const Hoso__Response *resp,
    const GError *error, gpointer data)
{
	GtkWidget *button = data;
	(void)s;
	GtkWidget *w = gtk_widget_get_ancestor(button, HOSO_TYPE_ALERTS_VIEW);
	if (w == NULL)
		return;
	HosoAlertsView *v = HOSO_ALERTS_VIEW(w);
	guint64 *id = g_object_get_data(G_OBJECT(button), "alert-id");
	if (resp == NULL || resp->status != HOSO__STATUS__OK) {
		char *why = hoso_reply_error(resp, error);
		char *msg = g_strdup_printf(_("Could not acknowledge the "
		    "alert: %s"), why);
		alerts_set_error(v, msg);
		g_free(msg);
		g_free(why);
		gtk_widget_set_sensitive(button, TRUE);
		return;
	}
	alerts_set_error(v, NULL);
	GApplication *app = g_application_get_default();
	if (app != NULL) {
		char *nid = alerts_notification_id(*id);
		g_application_withdraw_notification(app, nid);
		g_free(nid);
	}
	/* This destroys the row and the button. */
	hoso_alert_list_remove(v->list, *id);
}

static void
alerts_ack_clicked(GtkButton *b, gpointer data)
{
	HosoAlertsView *v = data;
	guint64 *id = g_object_get_data(G_OBJECT(b), "alert-id");
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__AlertAck ack = HOSO__ALERT_ACK__INIT;
	ack.alert_id = *id;
	req.body_case = HOSO__REQUEST__BODY_ALERT_ACK;
	req.alert_ack = &ack;
	gtk_widget_set_sensitive(GTK_WIDGET(b), FALSE);
	hoso_session_call(v->session, &req, G_OBJECT(b), alerts_ack_cb, b);
}

/* The link to the file: open it here instead of following the URI. */
static gboolean
alerts_open_link(GtkLinkButton *b, gpointer data)
{
	HosoAlertsView *v = data;
	guint64 *id = g_object_get_data(G_OBJECT(b), "person-id");
	g_signal_emit(v, alerts_signals[SIG_OPEN_FILE], 0, *id);
	return TRUE;
}

/* Keep a copy of id on obj under key. */
static void
alerts_set_id(gpointer obj, const char *key, guint64 id)
{
	guint64 *p = g_new(guint64, 1);
	*p = id;
	g_object_set_data_full(G_OBJECT(obj), key, p, g_free);
}

/* A row: kind tag, message, deadline, link to the file, Acknowledge. */
static GtkWidget *
alerts_row_new(gpointer item, gpointer data)
{
	HosoAlertItem *a = item;
	HosoAlertsView *v = data;
	GtkWidget *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
	gtk_widget_set_margin_top(row, 12);
	gtk_widget_set_margin_bottom(row, 12);
	gtk_widget_set_margin_start(row, 12);
	gtk_widget_set_margin_end(row, 12);

	GtkWidget *tag = gtk_label_new(hoso_alert_item_get_kind_text(a));
	gtk_widget_add_css_class(tag, "tag");
	const char *css = hoso_alert_item_get_css_class(a);
	if (*css != '\0')
		gtk_widget_add_css_class(tag, css);
	gtk_widget_set_valign(tag, GTK_ALIGN_START);
	gtk_widget_set_size_request(tag, 110, -1);
	gtk_box_append(GTK_BOX(row), tag);

	GtkWidget *body = gtk_box_new(GTK_ORIENTATION_VERTICAL, 4);
	gtk_widget_set_hexpand(body, TRUE);
	GtkWidget *text = gtk_label_new(hoso_alert_item_get_text(a));
	gtk_label_set_wrap(GTK_LABEL(text), TRUE);
	gtk_label_set_xalign(GTK_LABEL(text), 0.0);
	gtk_label_set_selectable(GTK_LABEL(text), TRUE);
	gtk_box_append(GTK_BOX(body), text);
	const char *due = hoso_alert_item_get_due_text(a);
	const char *raised = hoso_alert_item_get_raised_text(a);
	char *meta = NULL;
	if (*due != '\0' && *raised != '\0')
		meta = g_strdup_printf(_("Due %s · raised %s"), due, raised);
	else if (*due != '\0')
		meta = g_strdup_printf(_("Due %s"), due);
	else if (*raised != '\0')
		meta = g_strdup_printf(_("Raised %s"), raised);
	if (meta != NULL) {
		GtkWidget *m = gtk_label_new(meta);
		gtk_label_set_xalign(GTK_LABEL(m), 0.0);
		gtk_widget_add_css_class(m, "dim-label");
		gtk_widget_add_css_class(m, "caption");
		gtk_box_append(GTK_BOX(body), m);
		g_free(meta);
	}
	gtk_box_append(GTK_BOX(row), body);

	guint64 person = hoso_alert_item_get_person_id(a);
	if (person != 0) {
		char *uri = g_strdup_printf("hoso:person/%" G_GUINT64_FORMAT,
		    person);
		GtkWidget *link = gtk_link_button_new_with_label(uri,
		    _("Open the file"));
		g_free(uri);
		gtk_widget_set_has_tooltip(link, FALSE);
		gtk_widget_set_valign(link, GTK_ALIGN_CENTER);
		alerts_set_id(link, "person-id", person);
		g_signal_connect(link, "activate-link",
		    G_CALLBACK(alerts_open_link), v);
		gtk_box_append(GTK_BOX(row), link);
	}

	GtkWidget *ack = gtk_button_new_with_mnemonic(_("_Acknowledge"));
	hoso_accessible_name(ack, _("Acknowledge"));
	/* Named by its label, "Acknowledge"; which alert, by the
	 * description. */
	gtk_accessible_update_property(GTK_ACCESSIBLE(ack),
	    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, hoso_alert_item_get_text(a),
	    -1);
	gtk_widget_set_valign(ack, GTK_ALIGN_CENTER);
	alerts_set_id(ack, "alert-id", hoso_alert_item_get_id(a));
	g_signal_connect(ack, "clicked", G_CALLBACK(alerts_ack_clicked), v);
	gtk_box_append(GTK_BOX(row), ack);
	return row;
}

static void
alerts_count_cb(GObject *o, GParamSpec *ps, gpointer data)
{
	HosoAlertsView *v = data;
	(void)o;
	(void)ps;
	char *t = g_strdup_printf(_("Unacknowledged alerts: %u"),
	    hoso_alert_list_get_n_unacked(v->list));
	gtk_label_set_text(GTK_LABEL(v->count), t);
	g_free(t);
}

static void
alerts_list_cb(HosoSession *s, const Hoso__Response *resp,
    const GError *error, gpointer data)
{
	HosoAlertsView *v = data;
	(void)s;
	if (++v->answered != v->sent)
		return;
	if (resp == NULL || resp->status != HOSO__STATUS__OK ||
	    resp->body_case != HOSO__RESPONSE__BODY_ALERT_PAGE) {
		char *why = hoso_reply_error(resp, error);
		char *msg = g_strdup_printf(_("Could not load the alerts: %s"),
		    why);
		alerts_set_error(v, msg);
		g_free(msg);
		g_free(why);
		return;
	}
	alerts_set_error(v, NULL);
	hoso_alert_list_replace(v->list, resp->alert_page, v->mark);
}

void
hoso_alerts_view_reload(HosoAlertsView *v)
{
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__AlertList al = HOSO__ALERT_LIST__INIT;
	al.unacked = TRUE;
	al.limit = ALERTS_LIMIT;
	req.body_case = HOSO__REQUEST__BODY_ALERT_LIST;
	req.alert_list = &al;
	v->mark = hoso_alert_list_mark(v->list);
	v->sent++;
	hoso_session_call(v->session, &req, G_OBJECT(v), alerts_list_cb, v);
}

/* A pushed alert: list it and tell the desktop. */
static void
alerts_event_cb(HosoSession *s, gpointer ev, gpointer data)
{
	HosoAlertsView *v = data;
	(void)s;
	HosoAlertItem *a = hoso_alert_list_add_event(v->list, ev);
	GApplication *app = g_application_get_default();
	if (a == NULL || app == NULL)
		return;
	GNotification *n = g_notification_new(_("hoso: new alert"));
	g_notification_set_body(n, hoso_alert_item_get_text(a));
	g_notification_set_default_action(n, "app.show-alerts");
	if (g_strcmp0(hoso_alert_item_get_kind(a), "overdue") == 0)
		g_notification_set_priority(n, G_NOTIFICATION_PRIORITY_HIGH);
	char *nid = alerts_notification_id(hoso_alert_item_get_id(a));
	g_application_send_notification(app, nid, n);
	g_free(nid);
	g_object_unref(n);
}

static void
alerts_reconnected_cb(HosoSession *s, gpointer data)
{
	(void)s;
	hoso_alerts_view_reload(data);
}

static void
alerts_map_cb(GtkWidget *w, gpointer data)
{
	(void)data;
	hoso_alerts_view_reload(HOSO_ALERTS_VIEW(w));
}

GtkWidget *
hoso_alerts_view_new(HosoSession *s)
{
	HosoAlertsView *v = g_object_new(HOSO_TYPE_ALERTS_VIEW,
	    "orientation", GTK_ORIENTATION_VERTICAL, "spacing", 12, NULL);
	v->session = g_object_ref(s);
	v->list = hoso_alert_list_new();
	gtk_widget_set_margin_top(GTK_WIDGET(v), 18);
	gtk_widget_set_margin_bottom(GTK_WIDGET(v), 18);
	gtk_widget_set_margin_start(GTK_WIDGET(v), 18);
	gtk_widget_set_margin_end(GTK_WIDGET(v), 18);

	v->count = gtk_label_new("");
	gtk_label_set_xalign(GTK_LABEL(v->count), 0.0);
	gtk_widget_add_css_class(v->count, "title-4");
	gtk_box_append(GTK_BOX(v), v->count);
	g_signal_connect(v->list, "notify::n-unacked",
	    G_CALLBACK(alerts_count_cb), v);
	alerts_count_cb(NULL, NULL, v);

	v->error = gtk_label_new("");
	gtk_label_set_wrap(GTK_LABEL(v->error), TRUE);
	gtk_label_set_xalign(GTK_LABEL(v->error), 0.0);
	gtk_widget_add_css_class(v->error, "form-error");
	gtk_widget_set_visible(v->error, FALSE);
	gtk_box_append(GTK_BOX(v), v->error);

	v->listbox = gtk_list_box_new();
	gtk_list_box_set_selection_mode(GTK_LIST_BOX(v->listbox),
	    GTK_SELECTION_NONE);
	gtk_widget_add_css_class(v->listbox, "rich-list");
	gtk_accessible_update_property(GTK_ACCESSIBLE(v->listbox),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Alerts"), -1);
	hoso_list_placeholder(v->listbox, _("No alerts to acknowledge"), 24);
	gtk_list_box_bind_model(GTK_LIST_BOX(v->listbox),
	    G_LIST_MODEL(v->list), alerts_row_new, v, NULL);
	GtkWidget *frame = gtk_frame_new(NULL);
	gtk_frame_set_child(GTK_FRAME(frame), v->listbox);
	gtk_widget_set_valign(frame, GTK_ALIGN_START);
	GtkWidget *scroll = gtk_scrolled_window_new();
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroll),
	    GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(scroll), frame);
	gtk_widget_set_vexpand(scroll, TRUE);
	gtk_box_append(GTK_BOX(v), scroll);

	v->event_id = g_signal_connect(s, "event", G_CALLBACK(alerts_event_cb),
	    v);
	v->reconnected_id = g_signal_connect(s, "reconnected",
	    G_CALLBACK(alerts_reconnected_cb), v);
	g_signal_connect(v, "map", G_CALLBACK(alerts_map_cb), NULL);
	hoso_alerts_view_reload(v);
	return GTK_WIDGET(v);
}

HosoAlertList *
hoso_alerts_view_get_list(HosoAlertsView *v)
{
	return v->list;
}
