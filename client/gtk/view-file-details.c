/* view-file-details.c: the file page's personal details: shown read-only,
 * and after "Edit" as entries and drop-downs whose changed fields "Save"
 * sends in one PersonUpdate (only the fields that changed, with the
 * version the page loaded).  A refused field gets its error under it. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "view-file-int.h"

/* An editor's error line (set as object data on the editor). */
#define ERROR_KEY "hoso-error-label"

static void details_build(HosoFileView *v);

static void
show_error(GtkWidget *label, const char *text)
{
	gtk_label_set_text(GTK_LABEL(label), text ? text : "");
	gtk_widget_set_visible(label, text != NULL && *text != '\0');
}

static void
set_mode(HosoFileView *v, gboolean editing)
{
	v->editing = editing;
	gtk_widget_set_visible(v->edit_button, !editing);
	gtk_widget_set_visible(v->save_button, editing);
	gtk_widget_set_visible(v->cancel_button, editing);
	gtk_widget_set_sensitive(v->save_button, !v->saving);
	details_build(v);
}

void
fv_details_update(HosoFileView *v)
{
	if (v->editing)
		return;     /* keep what the user is typing */
	g_clear_object(&v->fields);
	v->fields = hoso_person_field_model_new(v->person);
	details_build(v);
}

void
fv_details_cancel(HosoFileView *v)
{
	show_error(v->details_error, NULL);
	set_mode(v, FALSE);
	fv_details_update(v);
	gtk_widget_grab_focus(v->edit_button);
}

static void
on_entry_activate(GtkEntry *e, gpointer data)
{
	HosoFileView *v = data;
	(void)e;
	gtk_widget_activate(v->save_button);
}

/* The editor for field f: an entry, a text view or a drop-down. */
static GtkWidget *
editor_new(HosoFileView *v, HosoFieldItem *f)
{
	if (f->kind == HOSO_FIELD_ENUM) {
		GtkStringList *sl = gtk_string_list_new(NULL);
		guint i = 1, sel = 0;
		gtk_string_list_append(sl, _("not recorded"));
		for (const struct hoso_enum_word *w = f->words; w->word; w++,
		    i++) {
			gtk_string_list_append(sl, _(w->label));
			if (w->value == f->value)
				sel = i;
		}
		GtkWidget *dd = gtk_drop_down_new(G_LIST_MODEL(sl), NULL);
		gtk_drop_down_set_selected(GTK_DROP_DOWN(dd), sel);
		gtk_widget_set_halign(dd, GTK_ALIGN_START);
		return dd;
	}
	if (f->kind == HOSO_FIELD_MULTILINE) {
		GtkWidget *tv = gtk_text_view_new();
		gtk_text_view_set_wrap_mode(GTK_TEXT_VIEW(tv), GTK_WRAP_WORD_CHAR);
		gtk_text_buffer_set_text(gtk_text_view_get_buffer(
		    GTK_TEXT_VIEW(tv)), f->edit_text, -1);
		gtk_widget_set_size_request(tv, -1, 72);
		gtk_text_view_set_left_margin(GTK_TEXT_VIEW(tv), 6);
		gtk_text_view_set_top_margin(GTK_TEXT_VIEW(tv), 6);
		return tv;
	}
	GtkWidget *e = gtk_entry_new();
	gtk_editable_set_text(GTK_EDITABLE(e), f->edit_text);
	gtk_widget_set_hexpand(e, TRUE);
	if (f->kind == HOSO_FIELD_DATE)
		gtk_entry_set_placeholder_text(GTK_ENTRY(e), _("dd/mm/yyyy"));
	g_signal_connect(e, "activate", G_CALLBACK(on_entry_activate), v);
	return e;
}

/* What editor w holds: its text (newly allocated, NULL for a drop-down)
 * and, for a drop-down of field f, the enum value. */
static char *
editor_value(GtkWidget *w, HosoFieldItem *f, int *value)
{
	*value = 0;
	if (GTK_IS_DROP_DOWN(w)) {
		guint sel = gtk_drop_down_get_selected(GTK_DROP_DOWN(w)), i = 1;
		for (const struct hoso_enum_word *x = f->words; x->word; x++,
		    i++)
			if (i == sel)
				*value = x->value;
		return NULL;
	}
	if (GTK_IS_TEXT_VIEW(w)) {
		GtkTextBuffer *b = gtk_text_view_get_buffer(GTK_TEXT_VIEW(w));
		GtkTextIter s, e;
		gtk_text_buffer_get_bounds(b, &s, &e);
		return gtk_text_buffer_get_text(b, &s, &e, FALSE);
	}
	return g_strdup(gtk_editable_get_text(GTK_EDITABLE(w)));
}

/* Lay the fields out again, read-only or as editors. */
static void
details_build(HosoFileView *v)
{
	GtkGrid *g = GTK_GRID(v->details_grid);
	fv_box_clear(v->details_grid);
	g_clear_pointer(&v->editors, g_ptr_array_unref);
	if (v->fields == NULL)
		return;
	v->editors = g_ptr_array_new();
	guint n = g_list_model_get_n_items(v->fields);
	for (guint i = 0; i < n; i++) {
		HosoFieldItem *f = g_list_model_get_item(v->fields, i);
		GtkWidget *l = gtk_label_new_with_mnemonic(f->label);
		gtk_label_set_xalign(GTK_LABEL(l), 0);
		gtk_widget_set_valign(l, v->editing ? GTK_ALIGN_CENTER :
		    GTK_ALIGN_START);
		gtk_widget_add_css_class(l, "dim-label");
		GtkWidget *w;
		if (v->editing) {
			w = editor_new(v, f);
			GtkWidget *err = hoso_form_error_label_new();
			g_object_set_data(G_OBJECT(w), ERROR_KEY, err);
			gtk_grid_attach(g, err, 1, (int)i * 2 + 1, 1, 1);
			gtk_accessible_update_relation(GTK_ACCESSIBLE(w),
			    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, err, NULL, -1);
			if (GTK_IS_TEXT_VIEW(w)) {
				GtkWidget *fr = gtk_frame_new(NULL);
				gtk_frame_set_child(GTK_FRAME(fr), w);
				gtk_grid_attach(g, fr, 1, (int)i * 2, 1, 1);
			} else {
				gtk_grid_attach(g, w, 1, (int)i * 2, 1, 1);
			}
			g_ptr_array_add(v->editors, w);
		} else {
			w = gtk_label_new(*f->value_text ? f->value_text :
			    _("not recorded"));
			gtk_label_set_xalign(GTK_LABEL(w), 0);
			gtk_label_set_wrap(GTK_LABEL(w), TRUE);
			gtk_label_set_selectable(GTK_LABEL(w), TRUE);
			gtk_widget_set_hexpand(w, TRUE);
			if (*f->value_text == '\0')
				gtk_widget_add_css_class(w, "dim-label");
			gtk_grid_attach(g, w, 1, (int)i * 2, 1, 1);
		}
		gtk_label_set_mnemonic_widget(GTK_LABEL(l), w);
		hoso_accessible_name(w, gtk_label_get_text(GTK_LABEL(l)));
		gtk_grid_attach(g, l, 0, (int)i * 2, 1, 1);
		g_object_unref(f);
	}
}

static void
on_edit(GtkButton *b, gpointer data)
{
	HosoFileView *v = data;
	(void)b;
	if (v->person == NULL)
		return;
	show_error(v->details_error, NULL);
	set_mode(v, TRUE);
	if (v->editors && v->editors->len > 0)
		gtk_widget_grab_focus(g_ptr_array_index(v->editors, 0));
}

static void
on_cancel(GtkButton *b, gpointer data)
{
	(void)b;
	fv_details_cancel(data);
}

/* The editor of field name, or NULL. */
static GtkWidget *
editor_of(HosoFileView *v, const char *name)
{
	guint n = v->fields ? g_list_model_get_n_items(v->fields) : 0;
	GtkWidget *w = NULL;
	for (guint i = 0; v->editors && i < n && i < v->editors->len; i++) {
		HosoFieldItem *f = g_list_model_get_item(v->fields, i);
		if (strcmp(f->name, name) == 0)
			w = g_ptr_array_index(v->editors, i);
		g_object_unref(f);
	}
	return w;
}

static void
editor_error(GtkWidget *w, const char *text)
{
	show_error(g_object_get_data(G_OBJECT(w), ERROR_KEY), text);
	gtk_widget_grab_focus(w);
}

static void
on_saved(HosoSession *s, const Hoso__Response *r, const GError *err,
    gpointer data)
{
	HosoFileView *v = data;
	(void)s;
	v->saving = FALSE;
	gtk_widget_set_sensitive(v->save_button, TRUE);
	if (r != NULL && r->status == HOSO__STATUS__OK) {
		set_mode(v, FALSE);
		fv_changed(v);
		gtk_widget_grab_focus(v->edit_button);
		return;
	}
	if (r == NULL) {
		show_error(v->details_error, err ? err->message : "");
		return;
	}
	char *t = fv_response_text(r);
	const char *field = hoso_person_field_of_error(r->field);
	GtkWidget *w = field ? editor_of(v, field) : NULL;
	if (r->status == HOSO__STATUS__CONFLICT &&
	    g_strcmp0(r->field, "expected_version") == 0) {
		/* Show their change; the user edits again from it. */
		set_mode(v, FALSE);
		show_error(v->details_error, t);
		hoso_file_view_reload(v);
	} else if (w != NULL) {
		editor_error(w, t);
	} else {
		show_error(v->details_error, t);
	}
	g_free(t);
}

static void
on_save(GtkButton *b, gpointer data)
{
	HosoFileView *v = data;
	(void)b;
	if (!v->editing || v->saving || v->person == NULL)
		return;
	show_error(v->details_error, NULL);
	Hoso__Person p = HOSO__PERSON__INIT;
	GPtrArray *names = g_ptr_array_new();
	GPtrArray *keep = g_ptr_array_new_with_free_func(g_free);
	gboolean bad = FALSE;
	guint n = g_list_model_get_n_items(v->fields);
	for (guint i = 0; i < n && i < v->editors->len; i++) {
		HosoFieldItem *f = g_list_model_get_item(v->fields, i);
		GtkWidget *w = g_ptr_array_index(v->editors, i);
		int value;
		char *text = editor_value(w, f, &value);
		show_error(g_object_get_data(G_OBJECT(w), ERROR_KEY), NULL);
		if (hoso_field_item_changed(f, text, value)) {
			if (hoso_person_field_set(&p, f, text, value, keep)) {
				g_ptr_array_add(names, f->name);
			} else {
				editor_error(w, _("Write the date as "
				    "dd/mm/yyyy, for example 05/03/2026."));
				bad = TRUE;
			}
		}
		g_free(text);
		g_object_unref(f);      /* v->fields keeps f->name alive */
	}
	if (!bad && names->len == 0) {
		fv_details_cancel(v);
	} else if (!bad) {
		Hoso__PersonUpdate pu = HOSO__PERSON_UPDATE__INIT;
		Hoso__Request req = HOSO__REQUEST__INIT;
		pu.id = v->person->id;
		pu.expected_version = v->person->version;
		pu.fields = (char **)names->pdata;
		pu.n_fields = names->len;
		pu.person = &p;
		req.body_case = HOSO__REQUEST__BODY_PERSON_UPDATE;
		req.person_update = &pu;
		v->saving = TRUE;
		gtk_widget_set_sensitive(v->save_button, FALSE);
		hoso_session_call(v->s, &req, G_OBJECT(v), on_saved, v);
	}
	g_ptr_array_unref(keep);
	g_ptr_array_unref(names);
}

GtkWidget *
fv_details_new(HosoFileView *v)
{
	GtkWidget *buttons = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
	v->edit_button = fv_button(_("_Edit"), _("Edit"), G_CALLBACK(on_edit),
	    v);
	v->cancel_button = fv_button(_("_Cancel"), _("Cancel"),
	    G_CALLBACK(on_cancel), v);
	v->save_button = fv_button(_("_Save"), _("Save"), G_CALLBACK(on_save),
	    v);
	gtk_widget_add_css_class(v->save_button, "suggested-action");
	gtk_widget_set_visible(v->cancel_button, FALSE);
	gtk_widget_set_visible(v->save_button, FALSE);
	gtk_box_append(GTK_BOX(buttons), v->edit_button);
	gtk_box_append(GTK_BOX(buttons), v->cancel_button);
	gtk_box_append(GTK_BOX(buttons), v->save_button);

	GtkWidget *box = fv_section(_("Personal details"), buttons, NULL,
	    NULL);
	v->details_error = hoso_form_error_label_new();
	gtk_box_append(GTK_BOX(box), v->details_error);

	GtkWidget *frame = gtk_frame_new(NULL);
	v->details_grid = gtk_grid_new();
	gtk_grid_set_column_spacing(GTK_GRID(v->details_grid), 18);
	gtk_grid_set_row_spacing(GTK_GRID(v->details_grid), 6);
	gtk_widget_set_margin_start(v->details_grid, 12);
	gtk_widget_set_margin_end(v->details_grid, 12);
	gtk_widget_set_margin_top(v->details_grid, 12);
	gtk_widget_set_margin_bottom(v->details_grid, 12);
	gtk_accessible_update_property(GTK_ACCESSIBLE(v->details_grid),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Personal details"), -1);
	gtk_frame_set_child(GTK_FRAME(frame), v->details_grid);
	gtk_box_append(GTK_BOX(box), frame);
	return box;
}
