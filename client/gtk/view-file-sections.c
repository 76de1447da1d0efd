/* view-file-sections.c: the file page's sections that show the file as
 * the server has it: the moves with what each still needs, the papers,
 * mentors, monthly evaluations, the history as a timeline, and the
 * background checks with their deadlines' status in colour and in
 * words. */
#include <string.h>

#include "i18n.h"
#include "view-file-int.h"

static void
on_move_clicked(GtkButton *b, gpointer data)
{
	HosoFileView *v = data;
	HosoMoveItem *m = g_object_get_data(G_OBJECT(b), "move");
	fv_move_open(v, m);
}

/* A move's button: its accessible name is its text, "Move to: ...". */
static GtkWidget *
move_button(HosoMoveItem *m, HosoFileView *v)
{
	GtkWidget *b = gtk_button_new_with_label(m->button_text);
	gtk_accessible_update_property(GTK_ACCESSIBLE(b),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, m->button_text, -1);
	gtk_widget_set_halign(b, GTK_ALIGN_START);
	gtk_widget_set_sensitive(b, m->possible);
	if (m->suggested)
		gtk_widget_add_css_class(b, "suggested-action");
	g_object_set_data_full(G_OBJECT(b), "move", g_object_ref(m),
	    g_object_unref);
	g_signal_connect(b, "clicked", G_CALLBACK(on_move_clicked), v);
	return b;
}

/* A move along the main line, or one not possible: its button and,
 * under it, what it still needs. */
static GtkWidget *
move_row(HosoMoveItem *m, HosoFileView *v)
{
	GtkWidget *box = fv_row_box(GTK_ORIENTATION_VERTICAL);
	GtkWidget *b = move_button(m, v);
	gtk_box_append(GTK_BOX(box), b);
	if (m->possible || *m->unmet_text == '\0')
		return box;
	GtkWidget *h = fv_label(_("Still needed:"), "dim-label");
	gtk_widget_set_margin_top(h, 6);
	gtk_box_append(GTK_BOX(box), h);
	char **lines = g_strsplit(m->unmet_text, "\n", -1);
	for (char **l = lines; *l; l++) {
		char *t = g_strdup_printf("• %s", *l);
		GtkWidget *u = fv_label(t, "dim-label");
		gtk_widget_set_margin_start(u, 12);
		gtk_box_append(GTK_BOX(box), u);
		g_free(t);
	}
	g_strfreev(lines);
	gtk_accessible_update_property(GTK_ACCESSIBLE(b),
	    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, m->unmet_text, -1);
	return box;
}

/* The moves: the main line's (and any not possible) a row each, with
 * what they need; the side paths that are open (hold, withdraw ...)
 * together in the last row. */
static void
render_moves(HosoFileView *v)
{
	GtkListBox *lb = GTK_LIST_BOX(v->moves_list);
	GtkListBoxRow *r;
	while ((r = gtk_list_box_get_row_at_index(lb, 0)) != NULL)
		gtk_list_box_remove(lb, GTK_WIDGET(r));
	GListModel *m = hoso_move_model_new(v->moves);
	GtkWidget *side = NULL;
	guint n = g_list_model_get_n_items(m);
	for (guint i = 0; i < n; i++) {
		HosoMoveItem *it = g_list_model_get_item(m, i);
		if (it->forward || !it->possible) {
			gtk_list_box_append(lb, move_row(it, v));
		} else {
			if (side == NULL) {
				side = gtk_flow_box_new();
				gtk_flow_box_set_selection_mode(
				    GTK_FLOW_BOX(side), GTK_SELECTION_NONE);
				gtk_flow_box_set_max_children_per_line(
				    GTK_FLOW_BOX(side), 8);
				gtk_flow_box_set_column_spacing(
				    GTK_FLOW_BOX(side), 6);
				gtk_flow_box_set_row_spacing(GTK_FLOW_BOX(side),
				    6);
			}
			gtk_flow_box_append(GTK_FLOW_BOX(side),
			    move_button(it, v));
		}
		g_object_unref(it);
	}
	if (side != NULL) {
		GtkWidget *box = fv_row_box(GTK_ORIENTATION_VERTICAL);
		gtk_box_append(GTK_BOX(box), fv_label(_("Other moves:"),
		    "dim-label"));
		gtk_box_append(GTK_BOX(box), side);
		gtk_list_box_append(lb, box);
	}
	g_object_unref(m);
}

static GtkWidget *
doc_row(gpointer item, gpointer data)
{
	HosoDocItem *d = item;
	(void)data;
	GtkWidget *box = fv_row_box(GTK_ORIENTATION_HORIZONTAL);
	GtkWidget *icon = gtk_image_new_from_icon_name(d->present ?
	    "object-select-symbolic" : "list-remove-symbolic");
	if (!d->present)
		gtk_widget_add_css_class(icon, "dim-label");
	gtk_accessible_update_property(GTK_ACCESSIBLE(icon),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, d->present ? _("present") :
	    _("missing"), -1);
	GtkWidget *l = fv_label(d->label, NULL);
	gtk_widget_set_hexpand(l, TRUE);
	GtkWidget *date = fv_label(d->date_text, d->present ? NULL :
	    "dim-label");
	gtk_label_set_xalign(GTK_LABEL(date), 1);
	gtk_box_append(GTK_BOX(box), icon);
	if (*d->note) {
		GtkWidget *v = gtk_box_new(GTK_ORIENTATION_VERTICAL, 2);
		gtk_widget_set_hexpand(v, TRUE);
		gtk_box_append(GTK_BOX(v), l);
		gtk_box_append(GTK_BOX(v), fv_label(d->note, "dim-label"));
		gtk_box_append(GTK_BOX(box), v);
	} else {
		gtk_box_append(GTK_BOX(box), l);
	}
	gtk_box_append(GTK_BOX(box), date);
	return box;
}

static GtkWidget *
mentor_row(gpointer item, gpointer data)
{
	HosoMentorItem *m = item;
	(void)data;
	GtkWidget *box = fv_row_box(GTK_ORIENTATION_HORIZONTAL);
	GtkWidget *name = fv_label(m->name, NULL);
	gtk_widget_set_hexpand(name, TRUE);
	g_object_bind_property(m, "name", name, "label", G_BINDING_DEFAULT);
	char *t = g_strdup_printf(_("since %s"), m->since_text);
	GtkWidget *since = fv_label(t, "dim-label");
	g_free(t);
	gtk_box_append(GTK_BOX(box), name);
	gtk_box_append(GTK_BOX(box), since);
	return box;
}

static GtkWidget *
eval_row(gpointer item, gpointer data)
{
	HosoEvalItem *e = item;
	(void)data;
	GtkWidget *box = fv_row_box(GTK_ORIENTATION_VERTICAL);
	GtkWidget *top = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
	GtkWidget *m = fv_label(e->month_text, "heading");
	GtkWidget *r = fv_label(e->rating_text, NULL);
	gtk_widget_set_hexpand(r, TRUE);
	gtk_box_append(GTK_BOX(top), m);
	gtk_box_append(GTK_BOX(top), r);
	gtk_box_append(GTK_BOX(box), top);
	if (*e->comment)
		gtk_box_append(GTK_BOX(box), fv_label(e->comment, "dim-label"));
	return box;
}

/* The timeline's line and dot: a line through the row (cut above the
 * first entry and below the last) and a dot beside the title. */
static void
draw_timeline(GtkDrawingArea *a, cairo_t *cr, int w, int h, gpointer data)
{
	guint flags = GPOINTER_TO_UINT(data);
	double x = w / 2.0, dot = 16.0;
	(void)a;
	cairo_set_source_rgba(cr, 0.6, 0.6, 0.6, 0.8);
	cairo_set_line_width(cr, 2.0);
	cairo_move_to(cr, x, (flags & 1) ? dot : 0);
	cairo_line_to(cr, x, (flags & 2) ? dot : h);
	cairo_stroke(cr);
	if (flags & 4)
		cairo_set_source_rgb(cr, 0.21, 0.52, 0.89);
	else
		cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
	cairo_arc(cr, x, dot, (flags & 4) ? 6.0 : 4.5, 0, 2 * G_PI);
	cairo_fill(cr);
}

/* A list row without padding, so that the timeline's line runs on from
 * one row to the next.  The page's own style, not the application's:
 * the provider is the row's alone. */
static GtkWidget *
timeline_row(GtkWidget *child)
{
	static GtkCssProvider *css;
	if (css == NULL) {
		css = gtk_css_provider_new();
		gtk_css_provider_load_from_data(css, "row { padding: 0; }", -1);
	}
	GtkWidget *row = gtk_list_box_row_new();
	gtk_list_box_row_set_child(GTK_LIST_BOX_ROW(row), child);
	G_GNUC_BEGIN_IGNORE_DEPRECATIONS
	gtk_style_context_add_provider(gtk_widget_get_style_context(row),
	    GTK_STYLE_PROVIDER(css), GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
	G_GNUC_END_IGNORE_DEPRECATIONS
	return row;
}

static GtkWidget *
history_row(gpointer item, gpointer data)
{
	HosoHistoryItem *e = item;
	HosoFileView *v = data;
	guint pos = 0, n = g_list_model_get_n_items(G_LIST_MODEL(v->history));
	g_list_store_find(v->history, e, &pos);
	guint flags = (pos == 0 ? 1 : 0) | (pos + 1 == n ? 2 : 0) |
	    (strcmp(e->kind, "stage") == 0 || strcmp(e->kind, "created") == 0 ?
	    4 : 0);

	GtkWidget *box = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
	gtk_widget_set_margin_start(box, 6);
	gtk_widget_set_margin_end(box, 12);
	GtkWidget *line = gtk_drawing_area_new();
	gtk_drawing_area_set_content_width(GTK_DRAWING_AREA(line), 24);
	gtk_drawing_area_set_draw_func(GTK_DRAWING_AREA(line), draw_timeline,
	    GUINT_TO_POINTER(flags), NULL);
	gtk_widget_set_vexpand(line, TRUE);
	gtk_accessible_update_state(GTK_ACCESSIBLE(line),
	    GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
	gtk_box_append(GTK_BOX(box), line);

	GtkWidget *col = gtk_box_new(GTK_ORIENTATION_VERTICAL, 2);
	gtk_widget_set_margin_top(col, 6);
	gtk_widget_set_margin_bottom(col, 10);
	gtk_widget_set_hexpand(col, TRUE);
	GtkWidget *top = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
	GtkWidget *title = fv_label(e->title, "heading");
	gtk_widget_set_hexpand(title, TRUE);
	GtkWidget *date = fv_label(e->date_text, NULL);
	gtk_widget_set_valign(date, GTK_ALIGN_START);
	gtk_box_append(GTK_BOX(top), title);
	gtk_box_append(GTK_BOX(top), date);
	gtk_box_append(GTK_BOX(col), top);
	if (*e->note)
		gtk_box_append(GTK_BOX(col), fv_label(e->note, NULL));
	GString *meta = g_string_new(NULL);
	if (*e->user)
		g_string_append_printf(meta, _("by %s"), e->user);
	if (*e->entered_text) {
		if (meta->len)
			g_string_append(meta, " · ");
		g_string_append_printf(meta, _("entered %s"), e->entered_text);
	}
	if (meta->len) {
		GtkWidget *m = fv_label(meta->str, "dim-label");
		gtk_widget_add_css_class(m, "caption");
		gtk_box_append(GTK_BOX(col), m);
	}
	g_string_free(meta, TRUE);
	gtk_box_append(GTK_BOX(box), col);
	return timeline_row(box);
}

/* One background check: subject, status in colour and in words, where it
 * is, its legs. */
static GtkWidget *
check_block(HosoCheckItem *c)
{
	GtkWidget *frame = gtk_frame_new(NULL);
	GtkWidget *box = fv_row_box(GTK_ORIENTATION_VERTICAL);
	GtkWidget *top = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
	GtkWidget *subj = fv_label(c->subject, "heading");
	gtk_widget_set_hexpand(subj, TRUE);
	gtk_box_append(GTK_BOX(top), subj);
	if (*c->status_text) {
		GtkWidget *st = fv_label(c->status_text, NULL);
		if (*c->css_class)
			gtk_widget_add_css_class(st, c->css_class);
		else
			gtk_widget_add_css_class(st, "dim-label");
		gtk_box_append(GTK_BOX(top), st);
	}
	gtk_box_append(GTK_BOX(box), top);
	char *line = *c->due_text ? g_strdup_printf(_("%s · due %s"),
	    c->state_text, c->due_text) : g_strdup(c->state_text);
	GtkWidget *state = fv_label(line, NULL);
	if (*c->css_class)
		gtk_widget_add_css_class(state, c->css_class);
	gtk_box_append(GTK_BOX(box), state);
	g_free(line);
	if (*c->result_text)
		gtk_box_append(GTK_BOX(box), fv_label(c->result_text, NULL));

	guint n = g_list_model_get_n_items(G_LIST_MODEL(c->legs));
	if (n > 0) {
		GtkWidget *g = gtk_grid_new();
		gtk_grid_set_column_spacing(GTK_GRID(g), 18);
		gtk_grid_set_row_spacing(GTK_GRID(g), 3);
		gtk_widget_set_margin_top(g, 6);
		const char *heads[] = { _("Step"), _("Started"), _("Ended"),
		    _("Due") };
		for (int i = 0; i < 4; i++)
			gtk_grid_attach(GTK_GRID(g), fv_label(heads[i],
			    "dim-label"), i, 0, 1, 1);
		for (guint i = 0; i < n; i++) {
			HosoLegItem *l = g_list_model_get_item(
			    G_LIST_MODEL(c->legs), i);
			int row = (int)i * 2 + 1;
			gtk_grid_attach(GTK_GRID(g), fv_label(l->leg_text,
			    NULL), 0, row, 1, 1);
			gtk_grid_attach(GTK_GRID(g), fv_label(l->started_text,
			    NULL), 1, row, 1, 1);
			gtk_grid_attach(GTK_GRID(g), fv_label(*l->ended_text ?
			    l->ended_text : _("running"), *l->ended_text ?
			    NULL : "dim-label"), 2, row, 1, 1);
			gtk_grid_attach(GTK_GRID(g), fv_label(l->due_text,
			    NULL), 3, row, 1, 1);
			if (*l->note_text) {
				GtkWidget *nl = fv_label(l->note_text,
				    "dim-label");
				gtk_widget_add_css_class(nl, "caption");
				gtk_grid_attach(GTK_GRID(g), nl, 0, row + 1,
				    4, 1);
			}
			g_object_unref(l);
		}
		gtk_box_append(GTK_BOX(box), g);
	}
	gtk_frame_set_child(GTK_FRAME(frame), box);
	return frame;
}

static void
render_checks(HosoFileView *v)
{
	fv_box_clear(v->checks_box);
	GListModel *m = hoso_check_model_new(v->checks, v->file);
	guint n = g_list_model_get_n_items(m);
	for (guint i = 0; i < n; i++) {
		HosoCheckItem *c = g_list_model_get_item(m, i);
		gtk_box_append(GTK_BOX(v->checks_box), check_block(c));
		g_object_unref(c);
	}
	if (n == 0)
		gtk_box_append(GTK_BOX(v->checks_box), fv_label(
		    _("No background checks yet."), "dim-label"));
	g_object_unref(m);
}

static void
render_mentors(HosoFileView *v)
{
	g_clear_object(&v->mentors);
	v->mentors = hoso_mentor_model_new(v->file);
	guint n = g_list_model_get_n_items(v->mentors);
	for (guint i = 0; i < n; i++) {
		HosoMentorItem *m = g_list_model_get_item(v->mentors, i);
		const char *name = fv_member_name(v, m->member_id);
		if (name != NULL)
			hoso_mentor_item_set_name(m, name);
		g_object_unref(m);
	}
	gtk_list_box_bind_model(GTK_LIST_BOX(v->mentors_list), v->mentors,
	    mentor_row, v, NULL);
}

void
fv_render_sections(HosoFileView *v)
{
	render_moves(v);
	GListModel *m = hoso_doc_model_new(v->file);
	gtk_list_box_bind_model(GTK_LIST_BOX(v->docs_list), m, doc_row, v,
	    NULL);
	g_object_unref(m);
	render_mentors(v);
	gtk_list_box_bind_model(GTK_LIST_BOX(v->evals_list),
	    G_LIST_MODEL(v->evals), eval_row, v, NULL);
	gtk_list_box_bind_model(GTK_LIST_BOX(v->history_list),
	    G_LIST_MODEL(v->history), history_row, v, NULL);
	render_checks(v);
}
