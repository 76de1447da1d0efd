/* view-file.c: one candidate's file page (see view-file.h): the widget,
 * loading its replies, and the header.  The sections that show the file
 * are in view-file-sections.c, the personal details in
 * view-file-details.c, the dialogs in view-file-move.c and
 * view-file-record.c. */
#include "i18n.h"
#include "view-file-int.h"

/* The history is read 100 entries a page; a file with more than this many
 * pages shows the newest it could read. */
#define HISTORY_PAGE 100
#define HISTORY_MAX_PAGES 20

enum { SIG_BACK, SIG_CHANGED, N_SIGS };
static guint sigs[N_SIGS];

G_DEFINE_FINAL_TYPE(HosoFileView, hoso_file_view, GTK_TYPE_BOX)

static void fv_render(HosoFileView *v);

/* ---- small helpers ------------------------------------------------------- */

gpointer
fv_copy(const ProtobufCMessage *m)
{
	size_t n = protobuf_c_message_get_packed_size(m);
	uint8_t *buf = g_malloc(n ? n : 1);
	protobuf_c_message_pack(m, buf);
	ProtobufCMessage *c = protobuf_c_message_unpack(m->descriptor, NULL, n,
	    buf);
	g_free(buf);
	return c;
}

static void
msg_clear(gpointer pp)
{
	ProtobufCMessage **p = pp;
	if (*p != NULL)
		protobuf_c_message_free_unpacked(*p, NULL);
	*p = NULL;
}

char *
fv_response_text(const Hoso__Response *r)
{
	if (r->status == HOSO__STATUS__CONFLICT &&
	    g_strcmp0(r->field, "expected_version") == 0)
		return g_strdup(_("Someone else changed this file meanwhile. "
		    "The page now shows their change: check it and try "
		    "again."));
	return hoso_reply_error(r, NULL);
}

const char *
fv_member_name(HosoFileView *v, guint64 id)
{
	return g_hash_table_lookup(v->names, &id);
}

GtkWidget *
fv_label(const char *text, const char *css)
{
	GtkWidget *l = gtk_label_new(text);
	gtk_label_set_xalign(GTK_LABEL(l), 0);
	gtk_label_set_wrap(GTK_LABEL(l), TRUE);
	gtk_label_set_wrap_mode(GTK_LABEL(l), PANGO_WRAP_WORD_CHAR);
	if (css != NULL)
		gtk_widget_add_css_class(l, css);
	return l;
}

void
fv_box_clear(GtkWidget *box)
{
	GtkWidget *c;
	while ((c = gtk_widget_get_first_child(box)) != NULL)
		gtk_widget_unparent(c);
}

GtkWidget *
fv_section(const char *title, GtkWidget *button, GtkWidget **list,
    const char *placeholder)
{
	GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
	GtkWidget *head = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
	GtkWidget *h = fv_label(title, "heading");
	gtk_widget_set_hexpand(h, TRUE);
	gtk_accessible_update_property(GTK_ACCESSIBLE(h),
	    GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
	gtk_box_append(GTK_BOX(head), h);
	if (button != NULL) {
		gtk_widget_set_valign(button, GTK_ALIGN_CENTER);
		gtk_box_append(GTK_BOX(head), button);
	}
	gtk_box_append(GTK_BOX(box), head);
	if (list == NULL)
		return box;
	GtkWidget *frame = gtk_frame_new(NULL);
	*list = gtk_list_box_new();
	gtk_list_box_set_selection_mode(GTK_LIST_BOX(*list),
	    GTK_SELECTION_NONE);
	gtk_widget_add_css_class(*list, "rich-list");
	gtk_accessible_update_property(GTK_ACCESSIBLE(*list),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
	if (placeholder != NULL) {
		GtkWidget *ph = fv_label(placeholder, "dim-label");
		gtk_widget_set_margin_start(ph, 12);
		gtk_widget_set_margin_top(ph, 12);
		gtk_widget_set_margin_bottom(ph, 12);
		gtk_list_box_set_placeholder(GTK_LIST_BOX(*list), ph);
	}
	gtk_frame_set_child(GTK_FRAME(frame), *list);
	gtk_box_append(GTK_BOX(box), frame);
	return box;
}

GtkWidget *
fv_row_box(GtkOrientation o)
{
	GtkWidget *b = gtk_box_new(o, o == GTK_ORIENTATION_VERTICAL ? 3 : 12);
	gtk_widget_set_margin_start(b, 12);
	gtk_widget_set_margin_end(b, 12);
	gtk_widget_set_margin_top(b, 8);
	gtk_widget_set_margin_bottom(b, 8);
	return b;
}

/* ---- loading ---------------------------------------------------------------- */

/* Note the first error of a load. */
static void
load_error(HosoFileView *v, const Hoso__Response *r, const GError *err)
{
	if (v->error == NULL)
		v->error = hoso_reply_error(r, err);
}

/* One reply of the load is in: when it was the last, show the page. */
static void
load_done(HosoFileView *v)
{
	if (--v->pending > 0)
		return;
	g_clear_object(&v->history);
	g_clear_object(&v->evals);
	v->history = g_steal_pointer(&v->history_next);
	v->evals = g_steal_pointer(&v->evals_next);
	fv_render(v);
	if (v->again) {
		v->again = FALSE;
		hoso_file_view_reload(v);
	}
}

/* Whether r is an OK reply holding body; else note the error. */
static gboolean
reply_ok(HosoFileView *v, const Hoso__Response *r, const GError *err,
    Hoso__Response__BodyCase body)
{
	if (r != NULL && r->status == HOSO__STATUS__OK && r->body_case == body)
		return TRUE;
	load_error(v, r, err);
	return FALSE;
}

static void
call(HosoFileView *v, Hoso__Request *req, HosoReplyFunc cb)
{
	hoso_session_call(v->s, req, G_OBJECT(v), cb, v);
}

static void
on_cell(HosoSession *s, const Hoso__Response *r, const GError *err,
    gpointer data)
{
	HosoFileView *v = data;
	(void)s;
	(void)err;
	if (r == NULL || r->status != HOSO__STATUS__OK ||
	    r->body_case != HOSO__RESPONSE__BODY_ORG)
		return;
	g_free(v->cell_name);
	v->cell_name = g_strdup(r->org->name);
	gtk_label_set_text(GTK_LABEL(v->cell_label), v->cell_name);
	hoso_accessible_name(v->cell_label, _("Cell"));
	gtk_widget_set_visible(v->cell_label, TRUE);
}

static void
on_person(HosoSession *s, const Hoso__Response *r, const GError *err,
    gpointer data)
{
	HosoFileView *v = data;
	(void)s;
	msg_clear(&v->person);
	if (reply_ok(v, r, err, HOSO__RESPONSE__BODY_PERSON)) {
		v->person = fv_copy(&r->person->base);
		if (v->person->cell_id != 0) {
			Hoso__OrgGet og = HOSO__ORG_GET__INIT;
			Hoso__Request req = HOSO__REQUEST__INIT;
			og.id = v->person->cell_id;
			req.body_case = HOSO__REQUEST__BODY_ORG_GET;
			req.org_get = &og;
			call(v, &req, on_cell);
		}
	}
	load_done(v);
}

/* Set the name of member id on the mentors shown. */
static void
mentors_name(HosoFileView *v, guint64 id, const char *name)
{
	guint n = v->mentors ? g_list_model_get_n_items(v->mentors) : 0;
	for (guint i = 0; i < n; i++) {
		HosoMentorItem *m = g_list_model_get_item(v->mentors, i);
		if (m->member_id == id)
			hoso_mentor_item_set_name(m, name);
		g_object_unref(m);
	}
}

static void
on_member(HosoSession *s, const Hoso__Response *r, const GError *err,
    gpointer data)
{
	HosoFileView *v = data;
	(void)s;
	(void)err;
	if (r == NULL || r->status != HOSO__STATUS__OK ||
	    r->body_case != HOSO__RESPONSE__BODY_PERSON)
		return;
	guint64 *id = g_new(guint64, 1);
	*id = r->person->id;
	g_hash_table_replace(v->names, id, g_strdup(r->person->name));
	mentors_name(v, *id, r->person->name);
}

/* Ask for the names of mentors not known yet. */
static void
ask_names(HosoFileView *v)
{
	for (size_t i = 0; v->file != NULL && i < v->file->n_mentors; i++) {
		guint64 id = v->file->mentors[i]->member_id;
		if (id == 0 || fv_member_name(v, id) != NULL)
			continue;
		Hoso__PersonGet pg = HOSO__PERSON_GET__INIT;
		Hoso__Request req = HOSO__REQUEST__INIT;
		pg.id = id;
		req.body_case = HOSO__REQUEST__BODY_PERSON_GET;
		req.person_get = &pg;
		call(v, &req, on_member);
	}
}

static void
on_file(HosoSession *s, const Hoso__Response *r, const GError *err,
    gpointer data)
{
	HosoFileView *v = data;
	(void)s;
	msg_clear(&v->file);
	/* A member entered directly has no file: not an error. */
	if (r != NULL && r->status == HOSO__STATUS__NOT_FOUND) {
		load_done(v);
		return;
	}
	if (reply_ok(v, r, err, HOSO__RESPONSE__BODY_FILE)) {
		v->file = fv_copy(&r->file->base);
		ask_names(v);
	}
	load_done(v);
}

static void
on_moves(HosoSession *s, const Hoso__Response *r, const GError *err,
    gpointer data)
{
	HosoFileView *v = data;
	(void)s;
	msg_clear(&v->moves);
	if (r != NULL && r->status == HOSO__STATUS__NOT_FOUND) {
		load_done(v);
		return;
	}
	if (reply_ok(v, r, err, HOSO__RESPONSE__BODY_MOVES))
		v->moves = fv_copy(&r->moves->base);
	load_done(v);
}

static void history_ask(HosoFileView *v, const char *cursor);

static void
on_history(HosoSession *s, const Hoso__Response *r, const GError *err,
    gpointer data)
{
	HosoFileView *v = data;
	(void)s;
	if (reply_ok(v, r, err, HOSO__RESPONSE__BODY_HISTORY_PAGE)) {
		const Hoso__HistoryPage *pg = r->history_page;
		hoso_history_store_add_page(v->history_next, pg);
		hoso_eval_store_add_page(v->evals_next, pg);
		if (pg->next_cursor && *pg->next_cursor &&
		    ++v->history_pages < HISTORY_MAX_PAGES) {
			v->pending++;
			history_ask(v, pg->next_cursor);
		}
	}
	load_done(v);
}

static void
history_ask(HosoFileView *v, const char *cursor)
{
	Hoso__HistoryList hl = HOSO__HISTORY_LIST__INIT;
	Hoso__Request req = HOSO__REQUEST__INIT;
	hl.person_id = v->person_id;
	hl.limit = HISTORY_PAGE;
	hl.cursor = (char *)(cursor ? cursor : "");
	req.body_case = HOSO__REQUEST__BODY_HISTORY_LIST;
	req.history_list = &hl;
	call(v, &req, on_history);
}

static void
on_checks(HosoSession *s, const Hoso__Response *r, const GError *err,
    gpointer data)
{
	HosoFileView *v = data;
	(void)s;
	(void)err;
	msg_clear(&v->checks);
	/* Without the right to read checks the file's own list still
	 * shows: no error for that. */
	if (r != NULL && r->status == HOSO__STATUS__OK &&
	    r->body_case == HOSO__RESPONSE__BODY_CHECK_PAGE)
		v->checks = fv_copy(&r->check_page->base);
	else if (r == NULL)
		load_error(v, r, err);
	load_done(v);
}

void
hoso_file_view_reload(HosoFileView *v)
{
	g_return_if_fail(HOSO_IS_FILE_VIEW(v));
	if (v->s == NULL)
		return;     /* disposed: a dialog outlived the page */
	if (v->pending > 0) {
		v->again = TRUE;
		return;
	}
	g_clear_pointer(&v->error, g_free);
	g_clear_object(&v->history_next);
	g_clear_object(&v->evals_next);
	v->history_next = hoso_history_store_new();
	v->evals_next = hoso_eval_store_new();
	v->history_pages = 0;
	v->pending = 5;

	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__PersonGet pg = HOSO__PERSON_GET__INIT;
	pg.id = v->person_id;
	req.body_case = HOSO__REQUEST__BODY_PERSON_GET;
	req.person_get = &pg;
	call(v, &req, on_person);

	Hoso__FileGet fg = HOSO__FILE_GET__INIT;
	fg.person_id = v->person_id;
	req.body_case = HOSO__REQUEST__BODY_FILE_GET;
	req.file_get = &fg;
	call(v, &req, on_file);

	Hoso__FileMoves fm = HOSO__FILE_MOVES__INIT;
	fm.person_id = v->person_id;
	req.body_case = HOSO__REQUEST__BODY_FILE_MOVES;
	req.file_moves = &fm;
	call(v, &req, on_moves);

	history_ask(v, NULL);

	Hoso__CheckList cl = HOSO__CHECK_LIST__INIT;
	cl.person_id = v->person_id;
	cl.include_closed = true;
	cl.limit = 100;
	req.body_case = HOSO__REQUEST__BODY_CHECK_LIST;
	req.check_list = &cl;
	call(v, &req, on_checks);
}

void
fv_changed(HosoFileView *v)
{
	hoso_file_view_reload(v);
	g_signal_emit(v, sigs[SIG_CHANGED], 0);
}

/* ---- rendering ------------------------------------------------------------------ */

static void
render_header(HosoFileView *v)
{
	const Hoso__Person *p = v->person;
	const Hoso__File *f = v->file;
	int stage = f ? (int)f->stage : p ? (int)p->stage : 0;
	const char *since = f ? f->stage_since : p ? p->stage_since : NULL;
	const char *what = hoso_stage_text(stage);
	if (stage == HOSO__STAGE__STAGE_NONE && p != NULL) {
		/* A member entered directly: no file, a membership. */
		const char *m = hoso_enum_label(hoso_membership_words,
		    p->membership);
		what = m ? _(m) : "";
		since = p->member_since;
	}
	gtk_label_set_text(GTK_LABEL(v->name_label), p ? p->name : "");
	gtk_label_set_text(GTK_LABEL(v->stage_label), what);
	/* GTK 4.8 makes a label's new text its accessible label too. */
	hoso_accessible_name(v->stage_label, _("Stage"));
	char *d = hoso_date_text(since);
	char *t = *d ? g_strdup_printf(_("since %s"), d) : g_strdup("");
	gtk_label_set_text(GTK_LABEL(v->since_label), t);
	g_free(t);
	g_free(d);
	gtk_widget_set_visible(v->cell_label, p && p->cell_id && v->cell_name);

	if (f != NULL && f->stage == HOSO__STAGE__STAGE_ON_HOLD) {
		t = g_strdup_printf(_("On hold: %s. It resumes at: %s."),
		    f->hold_reason && *f->hold_reason ? f->hold_reason :
		    _("no reason given"), hoso_stage_text(f->held_stage));
		gtk_label_set_text(GTK_LABEL(v->hold_label), t);
		g_free(t);
	}
	gtk_widget_set_visible(v->hold_label, f != NULL &&
	    f->stage == HOSO__STAGE__STAGE_ON_HOLD);

	fv_box_clear(v->deadlines);
	GListModel *dl = hoso_deadline_model_new(f);
	guint n = g_list_model_get_n_items(dl);
	for (guint i = 0; i < n; i++) {
		HosoFactItem *it = g_list_model_get_item(dl, i);
		GtkWidget *k = fv_label(it->label, "dim-label");
		GtkWidget *val = fv_label(it->value, NULL);
		gtk_grid_attach(GTK_GRID(v->deadlines), k, 0, (int)i, 1, 1);
		gtk_grid_attach(GTK_GRID(v->deadlines), val, 1, (int)i, 1, 1);
		g_object_unref(it);
	}
	gtk_widget_set_visible(v->deadlines, n > 0);
	g_object_unref(dl);
}

/* Show what the last load brought. */
static void
fv_render(HosoFileView *v)
{
	gtk_widget_set_visible(v->banner, v->error != NULL);
	if (v->error != NULL) {
		char *t = g_strdup_printf(_("Could not load all of this file: "
		    "%s"), v->error);
		gtk_label_set_text(GTK_LABEL(v->banner_label), t);
		g_free(t);
	}
	gtk_widget_set_visible(v->content, v->person != NULL);
	if (v->person == NULL)
		return;
	render_header(v);
	gboolean candidate = v->file != NULL &&
	    v->file->stage != HOSO__STAGE__STAGE_NONE;
	for (guint i = 0; i < G_N_ELEMENTS(v->file_sections); i++)
		gtk_widget_set_visible(v->file_sections[i], candidate);
	fv_details_update(v);
	fv_render_sections(v);
}

/* ---- the widget -------------------------------------------------------------------- */

static void
on_back_clicked(GtkButton *b, gpointer data)
{
	(void)b;
	g_signal_emit(data, sigs[SIG_BACK], 0);
}

static void
on_retry_clicked(GtkButton *b, gpointer data)
{
	(void)b;
	hoso_file_view_reload(data);
}

/* Escape: leave the edit mode if in it, else go back.  Only while the
 * page is on screen (the shortcut is managed by the window). */
static gboolean
on_escape(GtkWidget *w, GVariant *args, gpointer data)
{
	HosoFileView *v = HOSO_FILE_VIEW(w);
	(void)args;
	(void)data;
	if (!gtk_widget_get_mapped(w))
		return FALSE;
	if (v->editing)
		fv_details_cancel(v);
	else
		g_signal_emit(v, sigs[SIG_BACK], 0);
	return TRUE;
}

static void
on_reconnected(HosoSession *s, gpointer data)
{
	(void)s;
	hoso_file_view_reload(data);
}

static void
on_add_paper(GtkButton *b, gpointer data)
{
	(void)b;
	fv_paper_open(data);
}

static void
on_add_mentor(GtkButton *b, gpointer data)
{
	(void)b;
	fv_mentor_open(data);
}

static void
on_add_eval(GtkButton *b, gpointer data)
{
	(void)b;
	fv_eval_open(data);
}

GtkWidget *
fv_button(const char *mnemonic, const char *name, GCallback cb,
    gpointer data)
{
	GtkWidget *b = gtk_button_new_with_mnemonic(mnemonic);
	hoso_accessible_name(b, name);
	g_signal_connect(b, "clicked", cb, data);
	return b;
}

static GtkWidget *
build_header(HosoFileView *v)
{
	GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
	v->name_label = fv_label("", "title-1");
	gtk_accessible_update_property(GTK_ACCESSIBLE(v->name_label),
	    GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
	gtk_box_append(GTK_BOX(box), v->name_label);

	GtkWidget *line = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
	v->stage_label = fv_label("", "title-4");
	gtk_accessible_update_property(GTK_ACCESSIBLE(v->stage_label),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stage"), -1);
	v->since_label = fv_label("", "dim-label");
	gtk_widget_set_valign(v->since_label, GTK_ALIGN_BASELINE);
	gtk_widget_set_valign(v->stage_label, GTK_ALIGN_BASELINE);
	gtk_box_append(GTK_BOX(line), v->stage_label);
	gtk_box_append(GTK_BOX(line), v->since_label);
	gtk_box_append(GTK_BOX(box), line);
	v->cell_label = fv_label("", NULL);
	gtk_accessible_update_property(GTK_ACCESSIBLE(v->cell_label),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cell"), -1);
	gtk_widget_set_visible(v->cell_label, FALSE);
	gtk_box_append(GTK_BOX(box), v->cell_label);
	v->hold_label = fv_label("", "warning");
	gtk_widget_set_visible(v->hold_label, FALSE);
	gtk_box_append(GTK_BOX(box), v->hold_label);
	v->deadlines = gtk_grid_new();
	gtk_grid_set_column_spacing(GTK_GRID(v->deadlines), 18);
	gtk_grid_set_row_spacing(GTK_GRID(v->deadlines), 3);
	gtk_widget_set_margin_top(v->deadlines, 6);
	gtk_accessible_update_property(GTK_ACCESSIBLE(v->deadlines),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Deadlines"), -1);
	gtk_box_append(GTK_BOX(box), v->deadlines);
	return box;
}

static void
build(HosoFileView *v)
{
	gtk_orientable_set_orientation(GTK_ORIENTABLE(v),
	    GTK_ORIENTATION_VERTICAL);
	GtkWidget *bar = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
	gtk_widget_set_margin_start(bar, 12);
	gtk_widget_set_margin_end(bar, 12);
	gtk_widget_set_margin_top(bar, 12);
	v->back = fv_button(_("_Back"), _("Back"), G_CALLBACK(on_back_clicked),
	    v);
	GtkWidget *bc = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
	gtk_box_append(GTK_BOX(bc), gtk_image_new_from_icon_name(
	    "go-previous-symbolic"));
	GtkWidget *bl = gtk_label_new_with_mnemonic(_("_Back"));
	gtk_label_set_mnemonic_widget(GTK_LABEL(bl), v->back);
	gtk_box_append(GTK_BOX(bc), bl);
	gtk_button_set_child(GTK_BUTTON(v->back), bc);
	hoso_accessible_name(v->back, _("Back"));
	gtk_box_append(GTK_BOX(bar), v->back);
	gtk_box_append(GTK_BOX(v), bar);

	v->banner = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
	gtk_widget_set_margin_start(v->banner, 24);
	gtk_widget_set_margin_end(v->banner, 24);
	gtk_widget_set_margin_top(v->banner, 12);
	v->banner_label = fv_label("", "error");
	gtk_widget_set_hexpand(v->banner_label, TRUE);
	gtk_box_append(GTK_BOX(v->banner), v->banner_label);
	gtk_box_append(GTK_BOX(v->banner), fv_button(_("_Try again"),
	    _("Try again"), G_CALLBACK(on_retry_clicked), v));
	gtk_widget_set_visible(v->banner, FALSE);
	gtk_box_append(GTK_BOX(v), v->banner);

	GtkWidget *scroll = gtk_scrolled_window_new();
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroll),
	    GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
	gtk_widget_set_vexpand(scroll, TRUE);
	v->content = gtk_box_new(GTK_ORIENTATION_VERTICAL, 24);
	gtk_widget_set_margin_start(v->content, 24);
	gtk_widget_set_margin_end(v->content, 24);
	gtk_widget_set_margin_top(v->content, 12);
	gtk_widget_set_margin_bottom(v->content, 24);
	gtk_widget_set_visible(v->content, FALSE);
	gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(scroll), v->content);
	gtk_box_append(GTK_BOX(v), scroll);

	GtkWidget *c = v->content;
	gtk_box_append(GTK_BOX(c), build_header(v));
	/* The sections of the file, hidden for a member who has none. */
	v->file_sections[0] = fv_section(_("Next steps"), NULL,
	    &v->moves_list, _("No moves from this stage."));
	v->file_sections[1] = fv_section(_("Papers"), fv_button(
	    _("_Record a paper"), _("Record a paper"), G_CALLBACK(on_add_paper),
	    v), &v->docs_list, NULL);
	v->file_sections[2] = fv_section(_("Mentors"), fv_button(
	    _("Add _mentor"), _("Add mentor"), G_CALLBACK(on_add_mentor), v),
	    &v->mentors_list, _("No mentor assigned yet."));
	v->file_sections[3] = fv_section(_("Monthly evaluations"),
	    fv_button(_("Add e_valuation"), _("Add evaluation"),
	    G_CALLBACK(on_add_eval), v), &v->evals_list,
	    _("No evaluations yet."));
	gtk_box_append(GTK_BOX(c), v->file_sections[0]);
	gtk_box_append(GTK_BOX(c), fv_details_new(v));
	gtk_box_append(GTK_BOX(c), v->file_sections[1]);
	gtk_box_append(GTK_BOX(c), v->file_sections[2]);
	gtk_box_append(GTK_BOX(c), v->file_sections[3]);
	gtk_box_append(GTK_BOX(c), fv_section(_("History"), NULL,
	    &v->history_list, _("Nothing recorded yet.")));
	/* Rows without padding, so the timeline's line runs through. */
	gtk_widget_remove_css_class(v->history_list, "rich-list");
	GtkWidget *checks = fv_section(_("Background checks"), NULL, NULL,
	    NULL);
	v->checks_box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 12);
	gtk_accessible_update_property(GTK_ACCESSIBLE(v->checks_box),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Background checks"), -1);
	gtk_box_append(GTK_BOX(checks), v->checks_box);
	gtk_box_append(GTK_BOX(c), checks);
	v->file_sections[4] = checks;

	GtkEventController *sc = gtk_shortcut_controller_new();
	gtk_shortcut_controller_set_scope(GTK_SHORTCUT_CONTROLLER(sc),
	    GTK_SHORTCUT_SCOPE_MANAGED);
	gtk_shortcut_controller_add_shortcut(GTK_SHORTCUT_CONTROLLER(sc),
	    gtk_shortcut_new(gtk_keyval_trigger_new(GDK_KEY_Escape, 0),
	    gtk_callback_action_new(on_escape, NULL, NULL)));
	gtk_widget_add_controller(GTK_WIDGET(v), sc);
}

static void
hoso_file_view_dispose(GObject *o)
{
	HosoFileView *v = HOSO_FILE_VIEW(o);
	if (v->s != NULL && v->reconnected_id != 0)
		g_signal_handler_disconnect(v->s, v->reconnected_id);
	v->reconnected_id = 0;
	g_clear_object(&v->s);
	g_clear_object(&v->history);
	g_clear_object(&v->evals);
	g_clear_object(&v->history_next);
	g_clear_object(&v->evals_next);
	g_clear_object(&v->mentors);
	g_clear_object(&v->fields);
	g_clear_pointer(&v->editors, g_ptr_array_unref);
	G_OBJECT_CLASS(hoso_file_view_parent_class)->dispose(o);
}

static void
hoso_file_view_finalize(GObject *o)
{
	HosoFileView *v = HOSO_FILE_VIEW(o);
	msg_clear(&v->person);
	msg_clear(&v->file);
	msg_clear(&v->moves);
	msg_clear(&v->checks);
	g_hash_table_unref(v->names);
	g_free(v->cell_name);
	g_free(v->error);
	G_OBJECT_CLASS(hoso_file_view_parent_class)->finalize(o);
}

static void
hoso_file_view_class_init(HosoFileViewClass *k)
{
	GObjectClass *oc = G_OBJECT_CLASS(k);
	oc->dispose = hoso_file_view_dispose;
	oc->finalize = hoso_file_view_finalize;
	sigs[SIG_BACK] = g_signal_new("back", G_TYPE_FROM_CLASS(k),
	    G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
	sigs[SIG_CHANGED] = g_signal_new("changed", G_TYPE_FROM_CLASS(k),
	    G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hoso_file_view_init(HosoFileView *v)
{
	v->names = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free,
	    g_free);
	build(v);
}

GtkWidget *
hoso_file_view_new(HosoSession *s, uint64_t person_id)
{
	HosoFileView *v = g_object_new(HOSO_TYPE_FILE_VIEW, NULL);
	v->s = g_object_ref(s);
	v->person_id = person_id;
	v->reconnected_id = g_signal_connect(s, "reconnected",
	    G_CALLBACK(on_reconnected), v);
	hoso_file_view_reload(v);
	return GTK_WIDGET(v);
}
