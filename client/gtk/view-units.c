/* view-units.c: the sidebar's tree of units (see view-units.h).
 *
 * The units come from OrgList, page after page (limit 1000), into a new
 * HosoUnits; once the last page is in, the tree is rebuilt from it: a
 * GtkTreeListModel whose children are asked of HosoUnits, shown by a
 * GtkListView with a GtkTreeExpander per row. */
#include "i18n.h"
#include "view-units.h"
#include "window.h"

#define UNITS_PAGE 1000

struct _HosoUnitsView {
	GtkBox parent;
	HosoSession *session;
	HosoUnits *units;               /* shown */
	HosoUnits *loading;             /* pages coming in, or NULL */
	GtkTreeListModel *tree;
	GtkSingleSelection *sel;
	GtkWidget *list;
	GtkWidget *status;
	guint64 selected;
	gboolean building;              /* selection changes are ours */
	gulong reconnected_id;
};

enum {
	SIG_UNIT_SELECTED,
	SIG_LOADED,
	N_SIGNALS
};
static guint units_signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE(HosoUnitsView, hoso_units_view, GTK_TYPE_BOX)

static void units_load(HosoUnitsView *v, const char *cursor);

static void
hoso_units_view_dispose(GObject *obj)
{
	HosoUnitsView *v = HOSO_UNITS_VIEW(obj);
	if (v->reconnected_id != 0) {
		g_signal_handler_disconnect(v->session, v->reconnected_id);
		v->reconnected_id = 0;
	}
	g_clear_object(&v->session);
	g_clear_object(&v->units);
	g_clear_object(&v->loading);
	g_clear_object(&v->tree);
	g_clear_object(&v->sel);
	G_OBJECT_CLASS(hoso_units_view_parent_class)->dispose(obj);
}

static void
hoso_units_view_class_init(HosoUnitsViewClass *klass)
{
	G_OBJECT_CLASS(klass)->dispose = hoso_units_view_dispose;
	units_signals[SIG_UNIT_SELECTED] = g_signal_new("unit-selected",
	    G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
	    G_TYPE_NONE, 1, G_TYPE_UINT64);
	units_signals[SIG_LOADED] = g_signal_new("loaded",
	    G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
	    G_TYPE_NONE, 0);
}

static void
hoso_units_view_init(HosoUnitsView *v)
{
	(void)v;
}

static void
units_set_status(HosoUnitsView *v, const char *text)
{
	gtk_label_set_text(GTK_LABEL(v->status), text != NULL ? text : "");
	gtk_widget_set_visible(v->status, text != NULL && *text != '\0');
}

/* GtkTreeListModel's question: the children of item. */
static GListModel *
units_child_model(gpointer item, gpointer data)
{
	return hoso_units_children(HOSO_UNITS(data),
	    hoso_unit_item_get_id(HOSO_UNIT_ITEM(item)));
}

static void
units_setup_row(GtkSignalListItemFactory *f, GtkListItem *li, gpointer data)
{
	(void)f;
	(void)data;
	GtkWidget *exp = gtk_tree_expander_new();
	GtkWidget *label = gtk_label_new("");
	gtk_label_set_xalign(GTK_LABEL(label), 0.0);
	gtk_label_set_ellipsize(GTK_LABEL(label), PANGO_ELLIPSIZE_END);
	gtk_widget_set_margin_top(label, 3);
	gtk_widget_set_margin_bottom(label, 3);
	gtk_tree_expander_set_child(GTK_TREE_EXPANDER(exp), label);
	gtk_list_item_set_child(li, exp);
}

static void
units_bind_row(GtkSignalListItemFactory *f, GtkListItem *li, gpointer data)
{
	(void)f;
	(void)data;
	GtkTreeListRow *row = gtk_list_item_get_item(li);
	GtkWidget *exp = gtk_list_item_get_child(li);
	GtkWidget *label = gtk_tree_expander_get_child(GTK_TREE_EXPANDER(exp));
	HosoUnitItem *u = gtk_tree_list_row_get_item(row);
	const char *name = hoso_unit_item_get_name(u);
	gtk_tree_expander_set_list_row(GTK_TREE_EXPANDER(exp), row);
	gtk_label_set_text(GTK_LABEL(label), name);
	char *tip = g_strdup_printf("%s · %s", hoso_unit_item_get_kind_text(u),
	    hoso_unit_item_get_code(u));
	gtk_widget_set_tooltip_text(label, tip);
	g_free(tip);
	if (hoso_unit_item_get_kind(u) == HOSO__ORG_KIND__ORG_POLICE)
		gtk_widget_add_css_class(label, "dim-label");
	else
		gtk_widget_remove_css_class(label, "dim-label");
	/* The row is named by its label (the expander is labelled by it). */
	g_object_unref(u);
}

static void
units_unbind_row(GtkSignalListItemFactory *f, GtkListItem *li, gpointer data)
{
	(void)f;
	(void)data;
	GtkWidget *exp = gtk_list_item_get_child(li);
	gtk_tree_expander_set_list_row(GTK_TREE_EXPANDER(exp), NULL);
}

/* The id of the unit at position pos of the tree, or 0. */
static guint64
units_id_at(HosoUnitsView *v, guint pos)
{
	GtkTreeListRow *row = gtk_tree_list_model_get_row(v->tree, pos);
	if (row == NULL)
		return 0;
	HosoUnitItem *u = gtk_tree_list_row_get_item(row);
	guint64 id = hoso_unit_item_get_id(u);
	g_object_unref(u);
	g_object_unref(row);
	return id;
}

static void
units_selected_cb(GObject *o, GParamSpec *ps, gpointer data)
{
	HosoUnitsView *v = data;
	(void)o;
	(void)ps;
	if (v->building)
		return;
	guint pos = gtk_single_selection_get_selected(v->sel);
	if (pos == GTK_INVALID_LIST_POSITION)
		return;
	guint64 id = units_id_at(v, pos);
	if (id == 0 || id == v->selected)
		return;
	v->selected = id;
	g_signal_emit(v, units_signals[SIG_UNIT_SELECTED], 0, id);
}

/* Expand the rows from a root down to target (target too), and select
 * target; an unknown target selects the first root. */
static void
units_reveal(HosoUnitsView *v, guint64 target)
{
	GArray *path = hoso_units_path(v->units, target);
	guint pos = 0, found = GTK_INVALID_LIST_POSITION;
	for (guint k = 0; k < path->len; k++) {
		guint64 want = g_array_index(path, guint64, k);
		guint n = g_list_model_get_n_items(G_LIST_MODEL(v->tree));
		guint i;
		for (i = pos; i < n && units_id_at(v, i) != want; i++)
			;
		if (i == n)
			break;
		GtkTreeListRow *row = gtk_tree_list_model_get_row(v->tree, i);
		gtk_tree_list_row_set_expanded(row, TRUE);
		g_object_unref(row);
		found = i;
		pos = i + 1;
	}
	g_array_unref(path);
	if (found == GTK_INVALID_LIST_POSITION &&
	    g_list_model_get_n_items(G_LIST_MODEL(v->tree)) > 0) {
		/* No unit of its own (an admin's is 0): the top unit, open. */
		GtkTreeListRow *row = gtk_tree_list_model_get_row(v->tree, 0);
		gtk_tree_list_row_set_expanded(row, TRUE);
		g_object_unref(row);
		found = 0;
	}
	gtk_single_selection_set_selected(v->sel, found);
}

/* Show the units just loaded, keeping the selection (at first: the
 * user's own unit). */
static void
units_rebuild(HosoUnitsView *v)
{
	guint64 target = v->selected;
	if (target == 0) {
		const Hoso__User *me = hoso_session_get_user(v->session);
		target = me != NULL ? me->org_id : 0;
	}
	v->building = TRUE;
	g_clear_object(&v->tree);
	GListModel *roots = hoso_units_children(v->units, 0);
	if (roots == NULL)
		roots = G_LIST_MODEL(g_list_store_new(HOSO_TYPE_UNIT_ITEM));
	v->tree = gtk_tree_list_model_new(roots, FALSE, FALSE,
	    units_child_model, g_object_ref(v->units), g_object_unref);
	gtk_single_selection_set_model(v->sel, G_LIST_MODEL(v->tree));
	units_reveal(v, target);
	v->building = FALSE;
	units_set_status(v, hoso_units_count(v->units) == 0 ?
	    _("No units to show.") : NULL);
	g_signal_emit(v, units_signals[SIG_LOADED], 0);
	/* Say which unit is selected now, once. */
	v->selected = 0;
	units_selected_cb(NULL, NULL, v);
}

static void
units_page_cb(HosoSession *s, const Hoso__Response *resp, const GError *error,
    gpointer data)
{
	HosoUnitsView *v = data;
	(void)s;
	if (resp == NULL || resp->status != HOSO__STATUS__OK ||
	    resp->body_case != HOSO__RESPONSE__BODY_ORG_PAGE) {
		char *why = hoso_reply_error(resp, error);
		char *msg = g_strdup_printf(_("Could not load the units: %s"),
		    why);
		units_set_status(v, msg);
		g_free(msg);
		g_free(why);
		g_clear_object(&v->loading);
		return;
	}
	hoso_units_add_page(v->loading, resp->org_page);
	const char *next = resp->org_page->next_cursor;
	if (next != NULL && *next != '\0') {
		units_load(v, next);
		return;
	}
	g_clear_object(&v->units);
	v->units = v->loading;
	v->loading = NULL;
	units_rebuild(v);
}

/* Ask for a page of units; cursor NULL starts over. */
static void
units_load(HosoUnitsView *v, const char *cursor)
{
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__OrgList ol = HOSO__ORG_LIST__INIT;
	if (cursor == NULL) {
		g_clear_object(&v->loading);
		v->loading = hoso_units_new();
	}
	ol.limit = UNITS_PAGE;
	ol.cursor = (char *)(cursor != NULL ? cursor : "");
	req.body_case = HOSO__REQUEST__BODY_ORG_LIST;
	req.org_list = &ol;
	hoso_session_call(v->session, &req, G_OBJECT(v), units_page_cb, v);
}

static void
units_reconnected_cb(HosoSession *s, gpointer data)
{
	(void)s;
	units_load(data, NULL);
}

GtkWidget *
hoso_units_view_new(HosoSession *s)
{
	HosoUnitsView *v = g_object_new(HOSO_TYPE_UNITS_VIEW,
	    "orientation", GTK_ORIENTATION_VERTICAL, "spacing", 6, NULL);
	v->session = g_object_ref(s);
	v->units = hoso_units_new();
	gtk_widget_add_css_class(GTK_WIDGET(v), "sidebar-pane");

	GtkWidget *heading = gtk_label_new(_("Units"));
	gtk_widget_add_css_class(heading, "heading");
	gtk_label_set_xalign(GTK_LABEL(heading), 0.0);
	gtk_widget_set_margin_start(heading, 12);
	gtk_widget_set_margin_top(heading, 12);
	gtk_box_append(GTK_BOX(v), heading);

	v->status = gtk_label_new(_("Loading the units…"));
	gtk_label_set_wrap(GTK_LABEL(v->status), TRUE);
	gtk_label_set_xalign(GTK_LABEL(v->status), 0.0);
	gtk_widget_add_css_class(v->status, "dim-label");
	gtk_widget_set_margin_start(v->status, 12);
	gtk_widget_set_margin_end(v->status, 12);
	gtk_box_append(GTK_BOX(v), v->status);

	v->sel = gtk_single_selection_new(NULL);
	gtk_single_selection_set_autoselect(v->sel, FALSE);
	gtk_single_selection_set_can_unselect(v->sel, FALSE);
	g_signal_connect(v->sel, "notify::selected",
	    G_CALLBACK(units_selected_cb), v);
	GtkListItemFactory *f = gtk_signal_list_item_factory_new();
	g_signal_connect(f, "setup", G_CALLBACK(units_setup_row), NULL);
	g_signal_connect(f, "bind", G_CALLBACK(units_bind_row), NULL);
	g_signal_connect(f, "unbind", G_CALLBACK(units_unbind_row), NULL);
	v->list = gtk_list_view_new(GTK_SELECTION_MODEL(g_object_ref(v->sel)),
	    f);
	gtk_widget_add_css_class(v->list, "navigation-sidebar");
	gtk_accessible_update_property(GTK_ACCESSIBLE(v->list),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Units"), -1);
	GtkWidget *scroll = gtk_scrolled_window_new();
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroll),
	    GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(scroll), v->list);
	gtk_widget_set_vexpand(scroll, TRUE);
	gtk_box_append(GTK_BOX(v), scroll);

	v->reconnected_id = g_signal_connect(s, "reconnected",
	    G_CALLBACK(units_reconnected_cb), v);
	units_load(v, NULL);
	return GTK_WIDGET(v);
}

HosoUnits *
hoso_units_view_get_units(HosoUnitsView *v)
{
	return v->units;
}
