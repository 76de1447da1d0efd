/* view-pipeline.c: the pipeline board (see view-pipeline.h).
 *
 * The board is a row of columns in a horizontally scrolled window; each
 * column has a heading bound to its HosoStageColumn's title and its own
 * vertically scrolled list of cards.  A reload sends one PipelineCount
 * and one PersonList per column; replies to older reloads are dropped
 * (the session answers in request order, so a reply is the newest when
 * it is the last one asked for).  A column's page may come back short, or
 * empty, with a cursor (the server reads a bounded stretch of its index
 * per request): the column then asks for the next page by itself, a few
 * times, until a page's worth of cards is shown. */
#include "i18n.h"
#include "model-persons.h"
#include "model-pipeline.h"
#include "view-pipeline.h"
#include "window.h"

#define PIPELINE_PAGE 50
#define COLUMN_WIDTH 250
#define PIPELINE_HOPS 20        /* short pages continued without asking */

/* One column's widgets and its requests. */
struct pipe_column {
	HosoPipelineView *view;
	int stage;
	GtkWidget *cards;               /* box of cards */
	GtkWidget *empty;               /* "no one at this stage" */
	GtkWidget *more;                /* "Show more" */
	char *cursor;                   /* for the next page, or NULL */
	guint sent, answered;           /* PersonList requests */
	guint batch, hops;              /* cards and pages since asked */
};

static void pipeline_send(struct pipe_column *c);

struct _HosoPipelineView {
	GtkBox parent;
	HosoSession *session;
	guint64 org_id;
	gboolean loaded;
	GListStore *columns;            /* HosoStageColumn */
	struct pipe_column *cols;
	guint n_cols;
	GtkWidget *error;
	guint count_sent, count_answered;
	gulong reconnected_id;
};

enum {
	SIG_OPEN_FILE,
	N_SIGNALS
};
static guint pipeline_signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE(HosoPipelineView, hoso_pipeline_view, GTK_TYPE_BOX)

static void
hoso_pipeline_view_dispose(GObject *obj)
{
	HosoPipelineView *v = HOSO_PIPELINE_VIEW(obj);
	if (v->reconnected_id != 0) {
		g_signal_handler_disconnect(v->session, v->reconnected_id);
		v->reconnected_id = 0;
	}
	g_clear_object(&v->session);
	g_clear_object(&v->columns);
	G_OBJECT_CLASS(hoso_pipeline_view_parent_class)->dispose(obj);
}

static void
hoso_pipeline_view_finalize(GObject *obj)
{
	HosoPipelineView *v = HOSO_PIPELINE_VIEW(obj);
	for (guint i = 0; i < v->n_cols; i++)
		g_free(v->cols[i].cursor);
	g_free(v->cols);
	G_OBJECT_CLASS(hoso_pipeline_view_parent_class)->finalize(obj);
}

static void
hoso_pipeline_view_class_init(HosoPipelineViewClass *klass)
{
	GObjectClass *oc = G_OBJECT_CLASS(klass);
	oc->dispose = hoso_pipeline_view_dispose;
	oc->finalize = hoso_pipeline_view_finalize;
	pipeline_signals[SIG_OPEN_FILE] = g_signal_new("open-file",
	    G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
	    G_TYPE_NONE, 1, G_TYPE_UINT64);
}

static void
hoso_pipeline_view_init(HosoPipelineView *v)
{
	(void)v;
}

/* Show msg in the strip above the board; NULL hides the strip. */
static void
pipeline_set_error(HosoPipelineView *v, const char *msg)
{
	gtk_label_set_text(GTK_LABEL(v->error), msg != NULL ? msg : "");
	gtk_widget_set_visible(v->error, msg != NULL);
}

static void
pipeline_card_clicked(GtkButton *b, gpointer data)
{
	HosoPipelineView *v = data;
	guint64 *id = g_object_get_data(G_OBJECT(b), "person-id");
	g_signal_emit(v, pipeline_signals[SIG_OPEN_FILE], 0, *id);
}

/* A card: the name, and the day the stage was reached. */
static GtkWidget *
pipeline_card_new(HosoPipelineView *v, HosoPersonItem *p)
{
	GtkWidget *b = gtk_button_new();
	gtk_widget_add_css_class(b, "flat");
	gtk_widget_add_css_class(b, "person-card");
	GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 3);
	GtkWidget *name = gtk_label_new(hoso_person_item_get_name(p));
	gtk_label_set_wrap(GTK_LABEL(name), TRUE);
	gtk_label_set_xalign(GTK_LABEL(name), 0.0);
	gtk_widget_add_css_class(name, "heading");
	gtk_box_append(GTK_BOX(box), name);
	const char *since = hoso_person_item_get_since_text(p);
	if (*since != '\0') {
		char *s = g_strdup_printf(_("since %s"), since);
		GtkWidget *l = gtk_label_new(s);
		gtk_label_set_xalign(GTK_LABEL(l), 0.0);
		gtk_widget_add_css_class(l, "dim-label");
		gtk_widget_add_css_class(l, "caption");
		gtk_box_append(GTK_BOX(box), l);
		gtk_accessible_update_property(GTK_ACCESSIBLE(b),
		    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, s, -1);
		g_free(s);
	}
	gtk_button_set_child(GTK_BUTTON(b), box);
	gtk_accessible_update_property(GTK_ACCESSIBLE(b),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, hoso_person_item_get_name(p), -1);
	guint64 *id = g_new(guint64, 1);
	*id = hoso_person_item_get_id(p);
	g_object_set_data_full(G_OBJECT(b), "person-id", id, g_free);
	g_signal_connect(b, "clicked", G_CALLBACK(pipeline_card_clicked), v);
	return b;
}

static void
pipeline_clear_cards(struct pipe_column *c)
{
	GtkWidget *w;
	while ((w = gtk_widget_get_first_child(c->cards)) != NULL)
		gtk_box_remove(GTK_BOX(c->cards), w);
}

static void
pipeline_list_cb(HosoSession *s, const Hoso__Response *resp,
    const GError *error, gpointer data)
{
	struct pipe_column *c = data;
	HosoPipelineView *v = c->view;
	(void)s;
	if (++c->answered != c->sent)
		return;         /* an older request's reply */
	if (resp == NULL || resp->status != HOSO__STATUS__OK ||
	    resp->body_case != HOSO__RESPONSE__BODY_PERSON_PAGE) {
		char *why = hoso_reply_error(resp, error);
		char *msg = g_strdup_printf(_("Could not list the files: %s"),
		    why);
		pipeline_set_error(v, msg);
		g_free(msg);
		g_free(why);
		return;
	}
	GListStore *store = g_list_store_new(HOSO_TYPE_PERSON_ITEM);
	hoso_person_store_append_page(store, resp->person_page);
	guint n = g_list_model_get_n_items(G_LIST_MODEL(store));
	for (guint i = 0; i < n; i++) {
		HosoPersonItem *p = g_list_model_get_item(G_LIST_MODEL(store),
		    i);
		gtk_box_append(GTK_BOX(c->cards), pipeline_card_new(v, p));
		g_object_unref(p);
	}
	g_object_unref(store);
	c->batch += n;
	g_free(c->cursor);
	const char *next = resp->person_page->next_cursor;
	c->cursor = next != NULL && *next != '\0' ? g_strdup(next) : NULL;
	if (c->cursor != NULL && c->batch < PIPELINE_PAGE &&
	    c->hops < PIPELINE_HOPS) {
		c->hops++;
		pipeline_send(c);
		return;
	}
	gtk_widget_set_visible(c->more, c->cursor != NULL);
	gtk_widget_set_visible(c->empty,
	    gtk_widget_get_first_child(c->cards) == NULL);
}

/* Ask for a column's next page (from c->cursor; NULL: the first). */
static void
pipeline_send(struct pipe_column *c)
{
	HosoPipelineView *v = c->view;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__PersonList pl = HOSO__PERSON_LIST__INIT;
	pl.org_id = v->org_id;
	pl.stage = c->stage;
	pl.limit = PIPELINE_PAGE;
	pl.cursor = c->cursor != NULL ? c->cursor : "";
	req.body_case = HOSO__REQUEST__BODY_PERSON_LIST;
	req.person_list = &pl;
	c->sent++;
	hoso_session_call(v->session, &req, G_OBJECT(v), pipeline_list_cb, c);
}

/* Ask for a column's cards: the first page, or the next (more). */
static void
pipeline_list(struct pipe_column *c, gboolean more)
{
	if (!more || c->cursor == NULL) {
		g_clear_pointer(&c->cursor, g_free);
		pipeline_clear_cards(c);
		gtk_widget_set_visible(c->empty, FALSE);
	}
	gtk_widget_set_visible(c->more, FALSE);
	c->batch = 0;
	c->hops = 0;
	pipeline_send(c);
}

static void
pipeline_more_clicked(GtkButton *b, gpointer data)
{
	(void)b;
	pipeline_list(data, TRUE);
}

static void
pipeline_count_cb(HosoSession *s, const Hoso__Response *resp,
    const GError *error, gpointer data)
{
	HosoPipelineView *v = data;
	(void)s;
	if (++v->count_answered != v->count_sent)
		return;
	if (resp == NULL || resp->status != HOSO__STATUS__OK ||
	    resp->body_case != HOSO__RESPONSE__BODY_PIPELINE) {
		hoso_pipeline_columns_update(v->columns, NULL);
		char *why = hoso_reply_error(resp, error);
		char *msg = g_strdup_printf(_("Could not count the files: %s"),
		    why);
		pipeline_set_error(v, msg);
		g_free(msg);
		g_free(why);
		return;
	}
	hoso_pipeline_columns_update(v->columns, resp->pipeline);
}

void
hoso_pipeline_view_reload(HosoPipelineView *v)
{
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__PipelineCount pc = HOSO__PIPELINE_COUNT__INIT;
	pipeline_set_error(v, NULL);
	pc.org_id = v->org_id;
	req.body_case = HOSO__REQUEST__BODY_PIPELINE_COUNT;
	req.pipeline_count = &pc;
	v->count_sent++;
	hoso_session_call(v->session, &req, G_OBJECT(v), pipeline_count_cb, v);
	for (guint i = 0; i < v->n_cols; i++)
		pipeline_list(&v->cols[i], FALSE);
	v->loaded = TRUE;
}

void
hoso_pipeline_view_set_org(HosoPipelineView *v, guint64 org_id)
{
	if (v->loaded && org_id == v->org_id)
		return;
	v->org_id = org_id;
	hoso_pipeline_view_reload(v);
}

static void
pipeline_reconnected_cb(HosoSession *s, gpointer data)
{
	(void)s;
	hoso_pipeline_view_reload(data);
}

/* The widgets of column i. */
static GtkWidget *
pipeline_column_new(HosoPipelineView *v, guint i)
{
	struct pipe_column *c = &v->cols[i];
	HosoStageColumn *col = g_list_model_get_item(G_LIST_MODEL(v->columns),
	    i);
	c->view = v;
	c->stage = hoso_stage_column_get_stage(col);

	GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
	gtk_widget_add_css_class(box, "stage-column");
	gtk_widget_set_size_request(box, COLUMN_WIDTH, -1);
	gtk_accessible_update_property(GTK_ACCESSIBLE(box),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, hoso_stage_column_get_label(col),
	    -1);
	GtkWidget *title = gtk_label_new("");
	gtk_label_set_xalign(GTK_LABEL(title), 0.0);
	gtk_label_set_wrap(GTK_LABEL(title), TRUE);
	gtk_widget_add_css_class(title, "heading");
	gtk_widget_add_css_class(title, "column-title");
	g_object_bind_property(col, "title", title, "label",
	    G_BINDING_SYNC_CREATE);
	gtk_box_append(GTK_BOX(box), title);

	GtkWidget *inner = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
	c->cards = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
	gtk_box_append(GTK_BOX(inner), c->cards);
	c->empty = gtk_label_new(_("No one at this stage"));
	gtk_widget_add_css_class(c->empty, "dim-label");
	gtk_widget_set_margin_top(c->empty, 12);
	gtk_widget_set_visible(c->empty, FALSE);
	gtk_box_append(GTK_BOX(inner), c->empty);
	c->more = gtk_button_new_with_label(_("Show more"));
	gtk_widget_add_css_class(c->more, "flat");
	gtk_widget_set_visible(c->more, FALSE);
	g_signal_connect(c->more, "clicked", G_CALLBACK(pipeline_more_clicked),
	    c);
	gtk_box_append(GTK_BOX(inner), c->more);

	GtkWidget *scroll = gtk_scrolled_window_new();
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroll),
	    GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(scroll), inner);
	gtk_widget_set_vexpand(scroll, TRUE);
	gtk_box_append(GTK_BOX(box), scroll);
	g_object_unref(col);
	return box;
}

GtkWidget *
hoso_pipeline_view_new(HosoSession *s, guint64 org_id)
{
	HosoPipelineView *v = g_object_new(HOSO_TYPE_PIPELINE_VIEW,
	    "orientation", GTK_ORIENTATION_VERTICAL, "spacing", 0, NULL);
	v->session = g_object_ref(s);
	v->org_id = org_id;
	v->columns = hoso_pipeline_columns_new();
	v->n_cols = g_list_model_get_n_items(G_LIST_MODEL(v->columns));
	v->cols = g_new0(struct pipe_column, v->n_cols);

	v->error = gtk_label_new("");
	gtk_label_set_wrap(GTK_LABEL(v->error), TRUE);
	gtk_label_set_xalign(GTK_LABEL(v->error), 0.0);
	gtk_label_set_selectable(GTK_LABEL(v->error), TRUE);
	gtk_widget_add_css_class(v->error, "form-error");
	gtk_widget_set_margin_top(v->error, 12);
	gtk_widget_set_margin_start(v->error, 18);
	gtk_widget_set_margin_end(v->error, 18);
	gtk_widget_set_visible(v->error, FALSE);
	gtk_box_append(GTK_BOX(v), v->error);

	GtkWidget *board = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
	gtk_widget_set_margin_top(board, 12);
	gtk_widget_set_margin_bottom(board, 12);
	gtk_widget_set_margin_start(board, 18);
	gtk_widget_set_margin_end(board, 18);
	for (guint i = 0; i < v->n_cols; i++)
		gtk_box_append(GTK_BOX(board), pipeline_column_new(v, i));
	GtkWidget *scroll = gtk_scrolled_window_new();
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroll),
	    GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
	/* A scroll bar always there says more columns are to the right. */
	gtk_scrolled_window_set_overlay_scrolling(GTK_SCROLLED_WINDOW(scroll),
	    FALSE);
	gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(scroll), board);
	gtk_widget_set_vexpand(scroll, TRUE);
	gtk_widget_set_hexpand(scroll, TRUE);
	gtk_box_append(GTK_BOX(v), scroll);

	v->reconnected_id = g_signal_connect(s, "reconnected",
	    G_CALLBACK(pipeline_reconnected_cb), v);
	hoso_pipeline_view_reload(v);
	return GTK_WIDGET(v);
}
