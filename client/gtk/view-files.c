/* view-files.c: the files list with instant search (see view-files.h).
 *
 * Results live in a GListStore of HosoPersonItem bound to a GtkListBox.
 * Every query (a new text, the unit's list, "More") bumps a counter; a
 * reply is used only when it answers the last query sent (the session
 * answers in request order), so a slow reply to "ng" never overwrites
 * the results of "nguyen".  A page may come back short, or empty, with a
 * cursor (the server reads a bounded stretch of its index per request):
 * the view then asks for the next page by itself, a few times, until a
 * page's worth of results is shown. */
#include "i18n.h"
#include "model-persons.h"
#include "view-files.h"
#include "window.h"

#define FILES_PAGE 50
#define FILES_HOPS 20           /* short pages continued without asking */

struct _HosoFilesView {
	GtkBox parent;
	HosoSession *session;
	guint64 org_id;
	gboolean loaded;
	GtkWidget *entry;
	GtkWidget *list;
	GtkWidget *placeholder;
	GtkWidget *more;
	GtkWidget *error;
	GListStore *store;              /* HosoPersonItem */
	char *query;                    /* of the results shown */
	char *cursor;                   /* for "More", or NULL */
	guint sent, answered;
	gboolean sent_more;             /* the last query sent was "More" */
	guint batch, hops;              /* results and pages since the user
	                                 * asked */
	gulong reconnected_id;
};

enum {
	SIG_OPEN_FILE,
	N_SIGNALS
};
static guint files_signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE(HosoFilesView, hoso_files_view, GTK_TYPE_BOX)

static void files_send(HosoFilesView *v, gboolean more);

static void
hoso_files_view_dispose(GObject *obj)
{
	HosoFilesView *v = HOSO_FILES_VIEW(obj);
	if (v->reconnected_id != 0) {
		g_signal_handler_disconnect(v->session, v->reconnected_id);
		v->reconnected_id = 0;
	}
	g_clear_object(&v->session);
	g_clear_object(&v->store);
	G_OBJECT_CLASS(hoso_files_view_parent_class)->dispose(obj);
}

static void
hoso_files_view_finalize(GObject *obj)
{
	HosoFilesView *v = HOSO_FILES_VIEW(obj);
	g_free(v->query);
	g_free(v->cursor);
	G_OBJECT_CLASS(hoso_files_view_parent_class)->finalize(obj);
}

static void
hoso_files_view_class_init(HosoFilesViewClass *klass)
{
	GObjectClass *oc = G_OBJECT_CLASS(klass);
	oc->dispose = hoso_files_view_dispose;
	oc->finalize = hoso_files_view_finalize;
	files_signals[SIG_OPEN_FILE] = g_signal_new("open-file",
	    G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
	    G_TYPE_NONE, 1, G_TYPE_UINT64);
}

static void
hoso_files_view_init(HosoFilesView *v)
{
	(void)v;
}

static void
files_set_error(HosoFilesView *v, const char *msg)
{
	gtk_label_set_text(GTK_LABEL(v->error), msg != NULL ? msg : "");
	gtk_widget_set_visible(v->error, msg != NULL);
}

static void
files_name_clicked(GtkButton *b, gpointer data)
{
	HosoFilesView *v = data;
	HosoPersonItem *p = g_object_get_data(G_OBJECT(b), "person");
	g_signal_emit(v, files_signals[SIG_OPEN_FILE], 0,
	    hoso_person_item_get_id(p));
}

/* A label of a row's column, chars wide. */
static GtkWidget *
files_cell(const char *text, int chars)
{
	GtkWidget *l = gtk_label_new(text);
	gtk_label_set_xalign(GTK_LABEL(l), 0.0);
	gtk_label_set_width_chars(GTK_LABEL(l), chars);
	gtk_label_set_max_width_chars(GTK_LABEL(l), chars);
	gtk_label_set_ellipsize(GTK_LABEL(l), PANGO_ELLIPSIZE_END);
	return l;
}

/* A result: the name as a flat button, the birth date, the stage. */
static GtkWidget *
files_row_new(gpointer item, gpointer data)
{
	HosoPersonItem *p = item;
	HosoFilesView *v = data;
	const char *name = hoso_person_item_get_name(p);
	GtkWidget *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
	gtk_widget_set_margin_start(row, 6);
	gtk_widget_set_margin_end(row, 12);
	GtkWidget *b = gtk_button_new_with_label(name);
	gtk_widget_add_css_class(b, "flat");
	gtk_widget_set_hexpand(b, TRUE);
	GtkWidget *bl = gtk_button_get_child(GTK_BUTTON(b));
	if (GTK_IS_LABEL(bl))
		gtk_label_set_xalign(GTK_LABEL(bl), 0.0);
	/* GTK names the button by its label: exactly the full name. */
	g_object_set_data_full(G_OBJECT(b), "person", g_object_ref(p),
	    g_object_unref);
	g_signal_connect(b, "clicked", G_CALLBACK(files_name_clicked), v);
	gtk_box_append(GTK_BOX(row), b);
	GtkWidget *born = files_cell(hoso_person_item_get_born_text(p), 10);
	gtk_box_append(GTK_BOX(row), born);
	GtkWidget *stage = files_cell(hoso_person_item_get_stage_text(p), 30);
	gtk_widget_add_css_class(stage, "dim-label");
	gtk_box_append(GTK_BOX(row), stage);
	return row;
}

static void
files_reply_cb(HosoSession *s, const Hoso__Response *resp,
    const GError *error, gpointer data)
{
	HosoFilesView *v = data;
	(void)s;
	if (++v->answered != v->sent)
		return;         /* an older query: dropped */
	if (resp == NULL || resp->status != HOSO__STATUS__OK ||
	    resp->body_case != HOSO__RESPONSE__BODY_PERSON_PAGE) {
		char *why = hoso_reply_error(resp, error);
		char *msg = g_strdup_printf(_("Could not search: %s"), why);
		files_set_error(v, msg);
		g_free(msg);
		g_free(why);
		return;
	}
	files_set_error(v, NULL);
	if (!v->sent_more)
		g_list_store_remove_all(v->store);
	v->batch += hoso_person_store_append_page(v->store,
	    resp->person_page);
	g_free(v->cursor);
	const char *next = resp->person_page->next_cursor;
	v->cursor = next != NULL && *next != '\0' ? g_strdup(next) : NULL;
	if (v->cursor != NULL && v->batch < FILES_PAGE &&
	    v->hops < FILES_HOPS) {
		v->hops++;
		files_send(v, TRUE);
		return;
	}
	gtk_widget_set_visible(v->more, v->cursor != NULL);
	if (*v->query == '\0')
		gtk_label_set_text(GTK_LABEL(v->placeholder),
		    _("No files yet"));
	else {
		char *t = g_strdup_printf(_("No one matches “%s”"), v->query);
		gtk_label_set_text(GTK_LABEL(v->placeholder), t);
		g_free(t);
	}
}

/* Send the query of the results shown (more: its next page). */
static void
files_send(HosoFilesView *v, gboolean more)
{
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__PersonFind pf = HOSO__PERSON_FIND__INIT;
	Hoso__PersonList pl = HOSO__PERSON_LIST__INIT;
	if (*v->query != '\0') {
		pf.text = v->query;
		pf.limit = FILES_PAGE;
		pf.cursor = more ? v->cursor : "";
		req.body_case = HOSO__REQUEST__BODY_PERSON_FIND;
		req.person_find = &pf;
	} else {
		pl.org_id = v->org_id;
		pl.limit = FILES_PAGE;
		pl.cursor = more ? v->cursor : "";
		req.body_case = HOSO__REQUEST__BODY_PERSON_LIST;
		req.person_list = &pl;
	}
	v->sent++;
	v->sent_more = more;
	hoso_session_call(v->session, &req, G_OBJECT(v), files_reply_cb, v);
}

/* Send the query for the entry's text (more: the next page of the
 * results shown). */
static void
files_query(HosoFilesView *v, gboolean more)
{
	if (!more || v->query == NULL) {
		g_free(v->query);
		v->query = g_strstrip(g_strdup(
		    gtk_editable_get_text(GTK_EDITABLE(v->entry))));
		g_clear_pointer(&v->cursor, g_free);
		more = FALSE;
	}
	v->batch = 0;
	v->hops = 0;
	v->loaded = TRUE;
	files_send(v, more);
}

static void
files_search_changed(GtkSearchEntry *e, gpointer data)
{
	(void)e;
	files_query(data, FALSE);
}

/* Enter in the search entry opens the first result. */
static void
files_search_activate(GtkSearchEntry *e, gpointer data)
{
	HosoFilesView *v = data;
	(void)e;
	HosoPersonItem *p = g_list_model_get_item(G_LIST_MODEL(v->store), 0);
	if (p == NULL)
		return;
	g_signal_emit(v, files_signals[SIG_OPEN_FILE], 0,
	    hoso_person_item_get_id(p));
	g_object_unref(p);
}

static void
files_more_clicked(GtkButton *b, gpointer data)
{
	(void)b;
	files_query(data, TRUE);
}

static void
files_reconnected_cb(HosoSession *s, gpointer data)
{
	(void)s;
	files_query(data, FALSE);
}

void
hoso_files_view_reload(HosoFilesView *v)
{
	files_query(v, FALSE);
}

void
hoso_files_view_set_org(HosoFilesView *v, guint64 org_id)
{
	if (v->loaded && org_id == v->org_id)
		return;
	v->org_id = org_id;
	/* A search covers every unit: only the unit's list changes. */
	if (!v->loaded || *gtk_editable_get_text(GTK_EDITABLE(v->entry)) ==
	    '\0')
		files_query(v, FALSE);
}

void
hoso_files_view_focus_search(HosoFilesView *v)
{
	gtk_widget_grab_focus(v->entry);
}

/* The line of column titles above the results. */
static GtkWidget *
files_heads_new(void)
{
	GtkWidget *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
	gtk_widget_set_margin_start(row, 18);
	gtk_widget_set_margin_end(row, 12);
	GtkWidget *name = gtk_label_new(_("Name"));
	gtk_label_set_xalign(GTK_LABEL(name), 0.0);
	gtk_widget_set_hexpand(name, TRUE);
	gtk_box_append(GTK_BOX(row), name);
	gtk_box_append(GTK_BOX(row), files_cell(_("Born"), 10));
	gtk_box_append(GTK_BOX(row), files_cell(_("Current stage"), 30));
	for (GtkWidget *c = gtk_widget_get_first_child(row); c != NULL;
	    c = gtk_widget_get_next_sibling(c)) {
		gtk_widget_add_css_class(c, "heading");
		gtk_widget_add_css_class(c, "dim-label");
	}
	return row;
}

GtkWidget *
hoso_files_view_new(HosoSession *s, guint64 org_id)
{
	HosoFilesView *v = g_object_new(HOSO_TYPE_FILES_VIEW,
	    "orientation", GTK_ORIENTATION_VERTICAL, "spacing", 12, NULL);
	v->session = g_object_ref(s);
	v->org_id = org_id;
	v->store = g_list_store_new(HOSO_TYPE_PERSON_ITEM);
	gtk_widget_set_margin_top(GTK_WIDGET(v), 18);
	gtk_widget_set_margin_bottom(GTK_WIDGET(v), 18);
	gtk_widget_set_margin_start(GTK_WIDGET(v), 18);
	gtk_widget_set_margin_end(GTK_WIDGET(v), 18);

	v->entry = gtk_search_entry_new();
	g_object_set(v->entry, "placeholder-text",
	    _("Search by name or ID number"), NULL);
	gtk_accessible_update_property(GTK_ACCESSIBLE(v->entry),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search files"), -1);
	gtk_widget_set_halign(v->entry, GTK_ALIGN_FILL);
	g_signal_connect(v->entry, "search-changed",
	    G_CALLBACK(files_search_changed), v);
	g_signal_connect(v->entry, "activate",
	    G_CALLBACK(files_search_activate), v);
	gtk_box_append(GTK_BOX(v), v->entry);

	v->error = gtk_label_new("");
	gtk_label_set_wrap(GTK_LABEL(v->error), TRUE);
	gtk_label_set_xalign(GTK_LABEL(v->error), 0.0);
	gtk_widget_add_css_class(v->error, "form-error");
	gtk_widget_set_visible(v->error, FALSE);
	gtk_box_append(GTK_BOX(v), v->error);

	gtk_box_append(GTK_BOX(v), files_heads_new());

	v->list = gtk_list_box_new();
	gtk_list_box_set_selection_mode(GTK_LIST_BOX(v->list),
	    GTK_SELECTION_NONE);
	gtk_widget_add_css_class(v->list, "rich-list");
	gtk_accessible_update_property(GTK_ACCESSIBLE(v->list),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Files"), -1);
	v->placeholder = hoso_list_placeholder(v->list, _("Loading…"), 24);
	gtk_list_box_bind_model(GTK_LIST_BOX(v->list), G_LIST_MODEL(v->store),
	    files_row_new, v, NULL);

	GtkWidget *inner = gtk_box_new(GTK_ORIENTATION_VERTICAL, 12);
	GtkWidget *frame = gtk_frame_new(NULL);
	gtk_frame_set_child(GTK_FRAME(frame), v->list);
	gtk_box_append(GTK_BOX(inner), frame);
	v->more = gtk_button_new_with_mnemonic(_("_More"));
	hoso_accessible_name(v->more, _("More"));
	gtk_widget_set_halign(v->more, GTK_ALIGN_CENTER);
	gtk_widget_set_visible(v->more, FALSE);
	g_signal_connect(v->more, "clicked", G_CALLBACK(files_more_clicked), v);
	gtk_box_append(GTK_BOX(inner), v->more);
	GtkWidget *scroll = gtk_scrolled_window_new();
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroll),
	    GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(scroll), inner);
	gtk_widget_set_vexpand(scroll, TRUE);
	gtk_box_append(GTK_BOX(v), scroll);

	v->reconnected_id = g_signal_connect(s, "reconnected",
	    G_CALLBACK(files_reconnected_cb), v);
	files_query(v, FALSE);
	return GTK_WIDGET(v);
}
