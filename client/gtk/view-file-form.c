/* view-file-form.c: the file page's modal forms and the member finder
 * (see view-file-form.h). */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "view-file-form.h"
#include "window.h"

struct form_field {
	GtkWidget *w;
	GtkWidget *error;       /* the red line under it */
	const struct hoso_enum_word *words;     /* a drop-down's values */
};

struct HosoForm {
	GtkWindow *win;
	GtkWidget *action;
	GtkWidget *top_error;
	GtkWidget *box;         /* the fields, top to bottom */
	GHashTable *fields;     /* name -> struct form_field */
	HosoFormFunc cb;
	gpointer data;
	gboolean busy;
};

static void
form_free(gpointer p)
{
	HosoForm *f = p;
	g_hash_table_unref(f->fields);
	g_free(f);
}

static void
form_submit(HosoForm *f)
{
	if (f->busy || f->cb == NULL)
		return;
	f->cb(f, f->data);
}

static void
on_action_clicked(GtkButton *b, gpointer data)
{
	(void)b;
	form_submit(data);
}

static void
on_cancel_clicked(GtkButton *b, gpointer data)
{
	(void)b;
	hoso_form_close(data);
}

static gboolean
on_escape(GtkWidget *w, GVariant *args, gpointer data)
{
	(void)args;
	(void)data;
	gtk_window_close(GTK_WINDOW(w));
	return TRUE;
}

GtkWidget *
hoso_form_error_label_new(void)
{
	GtkWidget *l = gtk_label_new(NULL);
	gtk_label_set_wrap(GTK_LABEL(l), TRUE);
	gtk_label_set_xalign(GTK_LABEL(l), 0);
	gtk_widget_add_css_class(l, "error");
	gtk_widget_set_visible(l, FALSE);
	return l;
}

HosoForm *
hoso_form_new(GtkWidget *parent, const char *title, const char *action,
    const char *action_name)
{
	HosoForm *f = g_new0(HosoForm, 1);
	f->fields = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    g_free);
	f->win = g_object_new(GTK_TYPE_WINDOW, "accessible-role",
	    GTK_ACCESSIBLE_ROLE_DIALOG, "title", title, "modal", TRUE,
	    "destroy-with-parent", TRUE, "default-width", 460, NULL);
	g_object_set_data_full(G_OBJECT(f->win), "hoso-form", f, form_free);
	GtkRoot *root = parent ? gtk_widget_get_root(parent) : NULL;
	if (root != NULL && GTK_IS_WINDOW(root))
		gtk_window_set_transient_for(f->win, GTK_WINDOW(root));

	GtkWidget *hb = gtk_header_bar_new();
	gtk_header_bar_set_show_title_buttons(GTK_HEADER_BAR(hb), FALSE);
	GtkWidget *cancel = gtk_button_new_with_mnemonic(_("_Cancel"));
	hoso_accessible_name(cancel, _("Cancel"));
	g_signal_connect(cancel, "clicked", G_CALLBACK(on_cancel_clicked), f);
	gtk_header_bar_pack_start(GTK_HEADER_BAR(hb), cancel);
	f->action = gtk_button_new_with_mnemonic(action);
	hoso_accessible_name(f->action, action_name);
	gtk_widget_add_css_class(f->action, "suggested-action");
	g_signal_connect(f->action, "clicked", G_CALLBACK(on_action_clicked),
	    f);
	gtk_header_bar_pack_end(GTK_HEADER_BAR(hb), f->action);
	gtk_window_set_titlebar(f->win, hb);
	gtk_window_set_default_widget(f->win, f->action);

	GtkEventController *sc = gtk_shortcut_controller_new();
	gtk_shortcut_controller_add_shortcut(GTK_SHORTCUT_CONTROLLER(sc),
	    gtk_shortcut_new(gtk_keyval_trigger_new(GDK_KEY_Escape, 0),
	    gtk_callback_action_new(on_escape, NULL, NULL)));
	gtk_widget_add_controller(GTK_WIDGET(f->win), sc);

	/* No scrolling: the forms are short, and the window grows with the
	 * error lines shown in it. */
	f->box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
	gtk_widget_set_margin_start(f->box, 18);
	gtk_widget_set_margin_end(f->box, 18);
	gtk_widget_set_margin_top(f->box, 18);
	gtk_widget_set_margin_bottom(f->box, 18);
	f->top_error = hoso_form_error_label_new();
	gtk_box_append(GTK_BOX(f->box), f->top_error);
	gtk_window_set_child(f->win, f->box);
	return f;
}

GtkWindow *
hoso_form_window(HosoForm *f)
{
	return f->win;
}

void
hoso_form_on_submit(HosoForm *f, HosoFormFunc cb, gpointer data)
{
	f->cb = cb;
	f->data = data;
}

void
hoso_form_present(HosoForm *f)
{
	gtk_window_present(f->win);
}

void
hoso_form_close(HosoForm *f)
{
	gtk_window_destroy(f->win);
}

/* ---- fields ------------------------------------------------------------ */

GtkWidget *
hoso_form_add(HosoForm *f, const char *field, const char *label,
    const char *name, GtkWidget *w)
{
	struct form_field *ff = g_new0(struct form_field, 1);
	GtkWidget *l = gtk_label_new_with_mnemonic(label);
	gtk_label_set_xalign(GTK_LABEL(l), 0);
	gtk_label_set_mnemonic_widget(GTK_LABEL(l), w);
	gtk_widget_set_margin_top(l, 6);
	hoso_accessible_name(w, name);
	ff->w = w;
	ff->error = hoso_form_error_label_new();
	gtk_accessible_update_relation(GTK_ACCESSIBLE(w),
	    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, ff->error, NULL, -1);
	gtk_box_append(GTK_BOX(f->box), l);
	gtk_box_append(GTK_BOX(f->box), w);
	gtk_box_append(GTK_BOX(f->box), ff->error);
	g_hash_table_replace(f->fields, g_strdup(field), ff);
	return w;
}

GtkWidget *
hoso_form_entry(HosoForm *f, const char *field, const char *label,
    const char *name, const char *text)
{
	GtkWidget *e = gtk_entry_new();
	gtk_entry_set_activates_default(GTK_ENTRY(e), TRUE);
	if (text != NULL)
		gtk_editable_set_text(GTK_EDITABLE(e), text);
	return hoso_form_add(f, field, label, name, e);
}

GtkWidget *
hoso_form_date(HosoForm *f, const char *field, const char *label,
    const char *name, const char *iso)
{
	char buf[11] = "";
	int32_t day;
	if (iso == NULL)
		date_format_vn(date_today_vn(), buf);
	else if (date_parse_iso(iso, &day) == DATE_OK)
		date_format_vn(day, buf);
	GtkWidget *e = hoso_form_entry(f, field, label, name, buf);
	gtk_entry_set_placeholder_text(GTK_ENTRY(e), _("dd/mm/yyyy"));
	gtk_entry_set_input_purpose(GTK_ENTRY(e), GTK_INPUT_PURPOSE_DIGITS);
	return e;
}

GtkWidget *
hoso_form_number(HosoForm *f, const char *field, const char *label,
    const char *name)
{
	GtkWidget *e = hoso_form_entry(f, field, label, name, NULL);
	gtk_entry_set_input_purpose(GTK_ENTRY(e), GTK_INPUT_PURPOSE_DIGITS);
	gtk_editable_set_width_chars(GTK_EDITABLE(e), 6);
	gtk_widget_set_halign(e, GTK_ALIGN_START);
	return e;
}

GtkWidget *
hoso_form_choice(HosoForm *f, const char *field, const char *label,
    const char *name, const struct hoso_enum_word *words, int value)
{
	GtkStringList *sl = gtk_string_list_new(NULL);
	guint i = 0, sel = 0;
	for (const struct hoso_enum_word *w = words; w->word; w++, i++) {
		gtk_string_list_append(sl, _(w->label));
		if (w->value == value)
			sel = i;
	}
	GtkWidget *dd = gtk_drop_down_new(G_LIST_MODEL(sl), NULL);
	gtk_drop_down_set_selected(GTK_DROP_DOWN(dd), sel);
	hoso_form_add(f, field, label, name, dd);
	struct form_field *ff = g_hash_table_lookup(f->fields, field);
	ff->words = words;
	return dd;
}

void
hoso_form_text_line(HosoForm *f, const char *text)
{
	GtkWidget *l = gtk_label_new(text);
	gtk_label_set_wrap(GTK_LABEL(l), TRUE);
	gtk_label_set_xalign(GTK_LABEL(l), 0);
	gtk_widget_add_css_class(l, "dim-label");
	hoso_form_append(f, l);
}

void
hoso_form_append(HosoForm *f, GtkWidget *w)
{
	gtk_box_append(GTK_BOX(f->box), w);
}

GtkWidget *
hoso_form_get_widget(HosoForm *f, const char *field)
{
	struct form_field *ff = g_hash_table_lookup(f->fields, field);
	return ff ? ff->w : NULL;
}

char *
hoso_form_get_text(HosoForm *f, const char *field)
{
	GtkWidget *w = hoso_form_get_widget(f, field);
	if (w == NULL || !GTK_IS_EDITABLE(w))
		return g_strdup("");
	return g_strstrip(g_strdup(gtk_editable_get_text(GTK_EDITABLE(w))));
}

gboolean
hoso_form_get_date(HosoForm *f, const char *field, char iso[11])
{
	char *t = hoso_form_get_text(f, field);
	int32_t day;
	gboolean ok = TRUE;
	iso[0] = '\0';
	if (*t != '\0') {
		if (date_parse_user(t, &day) == DATE_OK) {
			date_format_iso(day, iso);
		} else {
			hoso_form_error(f, field, _("Write the date as "
			    "dd/mm/yyyy, for example 05/03/2026."));
			ok = FALSE;
		}
	}
	g_free(t);
	return ok;
}

gboolean
hoso_form_get_number(HosoForm *f, const char *field, unsigned *n)
{
	char *t = hoso_form_get_text(f, field), *end = NULL;
	guint64 v = 0;
	gboolean ok = TRUE;
	if (*t != '\0') {
		v = g_ascii_strtoull(t, &end, 10);
		if (*end != '\0' || !g_ascii_isdigit(*t) || v > G_MAXUINT32) {
			hoso_form_error(f, field, _("Write a whole number."));
			ok = FALSE;
		}
	}
	*n = ok ? (unsigned)v : 0;
	g_free(t);
	return ok;
}

int
hoso_form_get_choice(HosoForm *f, const char *field)
{
	struct form_field *ff = g_hash_table_lookup(f->fields, field);
	if (ff == NULL || ff->words == NULL || !GTK_IS_DROP_DOWN(ff->w))
		return 0;
	guint sel = gtk_drop_down_get_selected(GTK_DROP_DOWN(ff->w));
	guint i = 0;
	for (const struct hoso_enum_word *w = ff->words; w->word; w++, i++)
		if (i == sel)
			return w->value;
	return 0;
}

/* ---- errors ------------------------------------------------------------ */

void
hoso_form_clear_errors(HosoForm *f)
{
	GHashTableIter it;
	gpointer k, v;
	gtk_label_set_text(GTK_LABEL(f->top_error), "");
	gtk_widget_set_visible(f->top_error, FALSE);
	g_hash_table_iter_init(&it, f->fields);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		struct form_field *ff = v;
		gtk_label_set_text(GTK_LABEL(ff->error), "");
		gtk_widget_set_visible(ff->error, FALSE);
		gtk_widget_remove_css_class(ff->w, "error");
	}
}

/* Add a line to an error label. */
static void
error_append(GtkWidget *l, const char *text)
{
	const char *old = gtk_label_get_text(GTK_LABEL(l));
	char *s = *old ? g_strdup_printf("%s\n%s", old, text) : g_strdup(text);
	gtk_label_set_text(GTK_LABEL(l), s);
	gtk_widget_set_visible(l, TRUE);
	g_free(s);
}

void
hoso_form_error(HosoForm *f, const char *field, const char *text)
{
	struct form_field *ff = field ? g_hash_table_lookup(f->fields, field) :
	    NULL;
	if (ff == NULL) {
		error_append(f->top_error, text);
		return;
	}
	error_append(ff->error, text);
	gtk_widget_add_css_class(ff->w, "error");
	gtk_widget_grab_focus(ff->w);
}

void
hoso_form_show_response(HosoForm *f, const Hoso__Response *r,
    const char *(*code_field)(const char *code))
{
	char *msg = hoso_response_text(r);
	if (r->n_unmet == 0) {
		hoso_form_error(f, r->field && *r->field ? r->field : NULL,
		    msg ? msg : "");
		free(msg);
		return;
	}
	hoso_form_error(f, NULL, msg ? msg : "");
	free(msg);
	for (size_t i = 0; i < r->n_unmet; i++) {
		char *t = hoso_requirement_text(r->unmet[i]);
		hoso_form_error(f, code_field ? code_field(r->unmet[i]->code) :
		    NULL, t ? t : "");
		free(t);
	}
}

void
hoso_form_set_busy(HosoForm *f, gboolean busy)
{
	f->busy = busy;
	gtk_widget_set_sensitive(f->action, !busy);
}

/* ---- the member finder ---------------------------------------------------- */

struct finder {
	HosoSession *s;
	GtkEditable *target;
	gboolean append;
	GtkWidget *results;     /* a GtkListBox */
};

static void
on_member_picked(GtkButton *b, gpointer data)
{
	struct finder *fd = data;
	guint64 id = GPOINTER_TO_SIZE(g_object_get_data(G_OBJECT(b),
	    "member-id"));
	char num[24];
	g_snprintf(num, sizeof num, "%" G_GUINT64_FORMAT, id);
	const char *old = gtk_editable_get_text(fd->target);
	if (fd->append && *old != '\0') {
		char *s = g_strdup_printf("%s, %s", old, num);
		gtk_editable_set_text(fd->target, s);
		g_free(s);
	} else {
		gtk_editable_set_text(fd->target, num);
	}
}

static void
finder_clear(struct finder *fd)
{
	GtkWidget *c;
	while ((c = gtk_widget_get_first_child(fd->results)) != NULL)
		gtk_list_box_remove(GTK_LIST_BOX(fd->results), c);
	gtk_widget_set_visible(fd->results, FALSE);
}

static void
on_find_reply(HosoSession *s, const Hoso__Response *r, const GError *err,
    gpointer data)
{
	struct finder *fd = data;
	(void)s;
	finder_clear(fd);
	if (r == NULL || r->status != HOSO__STATUS__OK ||
	    r->body_case != HOSO__RESPONSE__BODY_PERSON_PAGE) {
		char *msg = hoso_reply_error(r, err);
		GtkWidget *l = gtk_label_new(msg);
		gtk_widget_add_css_class(l, "error");
		gtk_list_box_append(GTK_LIST_BOX(fd->results), l);
		gtk_widget_set_visible(fd->results, TRUE);
		g_free(msg);
		return;
	}
	const Hoso__PersonPage *pg = r->person_page;
	for (size_t i = 0; i < pg->n_items; i++) {
		const Hoso__Person *p = pg->items[i];
		const char *mem = hoso_enum_label(hoso_membership_words,
		    p->membership);
		char *t = g_strdup_printf(_("%s — %s (#%llu)"),
		    p->name, mem ? _(mem) : "", (unsigned long long)p->id);
		GtkWidget *b = gtk_button_new_with_label(t);
		gtk_widget_add_css_class(b, "flat");
		gtk_label_set_xalign(GTK_LABEL(gtk_button_get_child(
		    GTK_BUTTON(b))), 0);
		gtk_accessible_update_property(GTK_ACCESSIBLE(b),
		    GTK_ACCESSIBLE_PROPERTY_LABEL, t, -1);
		g_object_set_data(G_OBJECT(b), "member-id",
		    GSIZE_TO_POINTER((gsize)p->id));
		g_signal_connect(b, "clicked", G_CALLBACK(on_member_picked),
		    fd);
		gtk_list_box_append(GTK_LIST_BOX(fd->results), b);
		g_free(t);
	}
	if (pg->n_items == 0) {
		GtkWidget *l = gtk_label_new(_("Nobody found"));
		gtk_widget_add_css_class(l, "dim-label");
		gtk_list_box_append(GTK_LIST_BOX(fd->results), l);
	}
	gtk_widget_set_visible(fd->results, TRUE);
}

static void
on_find_changed(GtkSearchEntry *e, gpointer data)
{
	struct finder *fd = data;
	const char *text = gtk_editable_get_text(GTK_EDITABLE(e));
	if (g_utf8_strlen(text, -1) < 2) {
		finder_clear(fd);
		return;
	}
	Hoso__PersonFind pf = HOSO__PERSON_FIND__INIT;
	Hoso__Request req = HOSO__REQUEST__INIT;
	pf.text = (char *)text;
	pf.limit = 8;
	req.body_case = HOSO__REQUEST__BODY_PERSON_FIND;
	req.person_find = &pf;
	hoso_session_call(fd->s, &req, G_OBJECT(e), on_find_reply, fd);
}

GtkWidget *
hoso_member_finder_new(HosoSession *s, GtkEditable *target, gboolean append)
{
	struct finder *fd = g_new0(struct finder, 1);
	fd->s = s;
	fd->target = target;
	fd->append = append;
	GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
	g_object_set_data_full(G_OBJECT(box), "hoso-finder", fd, g_free);
	GtkWidget *e = gtk_search_entry_new();
	g_object_set(e, "placeholder-text", _("Find a member by name"), NULL);
	gtk_accessible_update_property(GTK_ACCESSIBLE(e),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Find a member by name"), -1);
	g_signal_connect(e, "search-changed", G_CALLBACK(on_find_changed), fd);
	fd->results = gtk_list_box_new();
	gtk_list_box_set_selection_mode(GTK_LIST_BOX(fd->results),
	    GTK_SELECTION_NONE);
	gtk_widget_add_css_class(fd->results, "boxed-list");
	gtk_accessible_update_property(GTK_ACCESSIBLE(fd->results),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, _("People found"), -1);
	gtk_widget_set_visible(fd->results, FALSE);
	gtk_box_append(GTK_BOX(box), e);
	gtk_box_append(GTK_BOX(box), fd->results);
	return box;
}
