/* view-file-move.c: the "Move the file" dialog: the effective date, a note
 * and the arguments the target stage needs (proto FileAdvance), sent with
 * the file's version.  A refusal stays in the dialog: the message under
 * the field it names, each unmet requirement under the field it is about,
 * the rest at the top. */
#include <string.h>

#include "i18n.h"
#include "view-file-int.h"

#define ST(x) HOSO__STAGE__STAGE_##x

struct move {
	HosoFileView *v;        /* a reference */
	HosoForm *f;
	int to;
	GArray *cells;          /* guint64 ids, in the cell drop-down's order */
};

static void
move_free(gpointer p)
{
	struct move *m = p;
	g_object_unref(m->v);
	if (m->cells != NULL)
		g_array_unref(m->cells);
	g_free(m);
}

/* The form field an unmet requirement (its code) is about, or NULL. */
static const char *
code_field(const char *code)
{
	static const struct {
		const char *code, *field;
	} map[] = {
		{ "cert_number", "cert_number" },
		{ "mentor_none", "mentor_ids" },
		{ "mentor_not_official", "mentor_ids" },
		{ "roll_empty", "votes_for" },
		{ "vote_count", "votes_for" },
		{ "vote_short", "votes_for" },
		{ "vote_date", "vote_date" },
		{ "vote_early", "vote_date" },
		{ "vote_after", "vote_date" },
		{ "decision_number", "decision_number" },
		{ "extension", "extension_days" },
		{ "reason", "reason" },
		{ "cell_missing", "cell_id" },
		{ "cell_same", "cell_id" },
		{ "cell_invalid", "cell_id" },
		{ "new_member_course", "course_date" },
		{ "probation", "at" },
	};
	for (size_t i = 0; code != NULL && i < G_N_ELEMENTS(map); i++)
		if (strcmp(code, map[i].code) == 0)
			return map[i].field;
	return NULL;
}

/* ---- the cells of the MOVED drop-down ------------------------------------ */

static void
on_cells(HosoSession *s, const Hoso__Response *r, const GError *err,
    gpointer data)
{
	struct move *m = data;
	(void)s;
	GtkWidget *dd = hoso_form_get_widget(m->f, "cell_id");
	if (r == NULL || r->status != HOSO__STATUS__OK ||
	    r->body_case != HOSO__RESPONSE__BODY_ORG_PAGE) {
		char *t = r ? fv_response_text(r) : g_strdup(err ? err->message :
		    "");
		hoso_form_error(m->f, "cell_id", t);
		g_free(t);
		return;
	}
	GtkStringList *sl = gtk_string_list_new(NULL);
	guint64 mine = m->v->person ? m->v->person->cell_id : 0;
	for (size_t i = 0; i < r->org_page->n_items; i++) {
		const Hoso__Org *o = r->org_page->items[i];
		if (o->id == mine)
			continue;
		gtk_string_list_append(sl, o->name);
		g_array_append_val(m->cells, o->id);
	}
	gtk_drop_down_set_model(GTK_DROP_DOWN(dd), G_LIST_MODEL(sl));
	g_object_unref(sl);
	gtk_widget_set_sensitive(dd, m->cells->len > 0);
}

static void
ask_cells(struct move *m)
{
	Hoso__OrgList ol = HOSO__ORG_LIST__INIT;
	Hoso__Request req = HOSO__REQUEST__INIT;
	ol.kind = HOSO__ORG_KIND__ORG_CELL;
	ol.limit = 1000;
	req.body_case = HOSO__REQUEST__BODY_ORG_LIST;
	req.org_list = &ol;
	hoso_session_call(m->v->s, &req, G_OBJECT(hoso_form_window(m->f)),
	    on_cells, m);
}

/* ---- the fields a target needs ------------------------------------------------ */

static void
add_votes(HosoForm *f)
{
	hoso_form_number(f, "votes_for", _("Votes _for"), _("Votes for"));
	hoso_form_number(f, "votes_against", _("Votes _against"),
	    _("Votes against"));
}

/* The mentors the file has; new ones are added to them. */
static void
add_mentors(struct move *m)
{
	HosoFileView *v = m->v;
	GString *s = g_string_new(NULL);
	for (size_t i = 0; v->file && i < v->file->n_mentors; i++) {
		guint64 id = v->file->mentors[i]->member_id;
		const char *name = fv_member_name(v, id);
		if (s->len)
			g_string_append(s, ", ");
		if (name != NULL)
			g_string_append(s, name);
		else
			g_string_append_printf(s, _("Member #%llu"),
			    (unsigned long long)id);
	}
	if (s->len > 0) {
		char *t = g_strdup_printf(_("Already assigned: %s. Add others "
		    "below if needed."), s->str);
		hoso_form_text_line(m->f, t);
		g_free(t);
	}
	g_string_free(s, TRUE);
	GtkWidget *e = hoso_form_entry(m->f, "mentor_ids",
	    _("_Mentors (member ids)"), _("Mentors (member ids)"), NULL);
	gtk_entry_set_placeholder_text(GTK_ENTRY(e), _("e.g. 12, 15"));
	hoso_form_append(m->f, hoso_member_finder_new(v->s, GTK_EDITABLE(e),
	    TRUE));
}

static void
add_cell(struct move *m)
{
	GtkStringList *sl = gtk_string_list_new(NULL);
	gtk_string_list_append(sl, _("Loading the cells…"));
	GtkWidget *dd = gtk_drop_down_new(G_LIST_MODEL(sl), NULL);
	gtk_widget_set_sensitive(dd, FALSE);
	hoso_form_add(m->f, "cell_id", _("New _cell"), _("New cell"), dd);
	m->cells = g_array_new(FALSE, FALSE, sizeof(guint64));
	ask_cells(m);
}

static void
add_stage_fields(struct move *m)
{
	HosoForm *f = m->f;
	const Hoso__File *file = m->v->file;
	switch (m->to) {
	case ST(COURSE_PASSED):
		hoso_form_entry(f, "cert_number", _("C_ertificate number"),
		    _("Certificate number"), NULL);
		break;
	case ST(MENTORED):
		add_mentors(m);
		break;
	case ST(CELL_VOTE):
		add_votes(f);
		break;
	case ST(PROPOSED):
		hoso_form_number(f, "extension_days",
		    _("E_xtension (working days, if granted)"),
		    _("Extension (working days, if granted)"));
		break;
	case ST(DECIDED):
		hoso_form_entry(f, "decision_number", _("_Decision number"),
		    _("Decision number"), NULL);
		break;
	case ST(OFFICIAL):
		hoso_form_date(f, "vote_date", _("Date of the recognition _vote"),
		    _("Date of the recognition vote"), "");
		add_votes(f);
		hoso_form_entry(f, "decision_number", _("_Decision number"),
		    _("Decision number"), NULL);
		hoso_form_date(f, "course_date",
		    _("New-member _course completed on"),
		    _("New-member course completed on"),
		    file ? file->new_member_course_date : "");
		break;
	case ST(ON_HOLD):
	case ST(WITHDRAWN):
	case ST(REMOVED):
	case ST(REJECTED):
	case ST(NOT_RECOGNISED):
		hoso_form_entry(f, "reason", _("_Reason"), _("Reason"), NULL);
		break;
	case ST(MOVED):
		add_cell(m);
		break;
	default:
		break;
	}
}

/* ---- sending ------------------------------------------------------------------ */

/* Parse "12, 15 17" into ids; FALSE on anything else. */
static gboolean
parse_ids(const char *text, GArray *ids)
{
	char **parts = g_strsplit_set(text, ", ;", -1);
	gboolean ok = TRUE;
	for (char **p = parts; *p && ok; p++) {
		char *end;
		if (**p == '\0')
			continue;
		guint64 id = g_ascii_strtoull(*p, &end, 10);
		if (*end != '\0' || !g_ascii_isdigit(**p) || id == 0)
			ok = FALSE;
		else
			g_array_append_val(ids, id);
	}
	g_strfreev(parts);
	return ok;
}

static void
on_moved(HosoSession *s, const Hoso__Response *r, const GError *err,
    gpointer data)
{
	struct move *m = data;
	(void)s;
	hoso_form_set_busy(m->f, FALSE);
	if (r != NULL && r->status == HOSO__STATUS__OK) {
		HosoFileView *v = g_object_ref(m->v);
		hoso_form_close(m->f);      /* frees m */
		fv_changed(v);
		g_object_unref(v);
		return;
	}
	if (r == NULL) {
		hoso_form_error(m->f, NULL, err ? err->message : "");
		return;
	}
	if (r->status == HOSO__STATUS__CONFLICT &&
	    g_strcmp0(r->field, "expected_version") == 0) {
		char *t = fv_response_text(r);
		hoso_form_error(m->f, NULL, t);
		g_free(t);
		hoso_file_view_reload(m->v);
		return;
	}
	hoso_form_show_response(m->f, r, code_field);
}

/* Read the form into a FileAdvance; FALSE after showing what is wrong.
 * Strings put into a are added to keep. */
static gboolean
move_read(struct move *m, Hoso__FileAdvance *a, GPtrArray *keep,
    GArray *ids)
{
	HosoForm *f = m->f;
	char *at = g_malloc(11), *vote = g_malloc(11), *course = g_malloc(11);
	gboolean ok = TRUE;
	g_ptr_array_add(keep, at);
	g_ptr_array_add(keep, vote);
	g_ptr_array_add(keep, course);
	ok &= hoso_form_get_date(f, "at", at);
	a->at = at;
	a->note = hoso_form_get_text(f, "note");
	g_ptr_array_add(keep, a->note);
	a->cert_number = hoso_form_get_text(f, "cert_number");
	g_ptr_array_add(keep, a->cert_number);
	a->decision_number = hoso_form_get_text(f, "decision_number");
	g_ptr_array_add(keep, a->decision_number);
	a->reason = hoso_form_get_text(f, "reason");
	g_ptr_array_add(keep, a->reason);
	ok &= hoso_form_get_date(f, "vote_date", vote);
	a->vote_date = vote;
	ok &= hoso_form_get_date(f, "course_date", course);
	a->course_date = course;
	unsigned yes, no, ext;
	ok &= hoso_form_get_number(f, "votes_for", &yes);
	ok &= hoso_form_get_number(f, "votes_against", &no);
	ok &= hoso_form_get_number(f, "extension_days", &ext);
	a->votes_for = yes;
	a->votes_against = no;
	a->extension_days = ext;
	char *mentors = hoso_form_get_text(f, "mentor_ids");
	if (!parse_ids(mentors, ids)) {
		hoso_form_error(f, "mentor_ids", _("Write member ids as "
		    "numbers separated by commas, or find the members by "
		    "name below."));
		ok = FALSE;
	}
	g_free(mentors);
	a->mentor_ids = (uint64_t *)(void *)ids->data;
	a->n_mentor_ids = ids->len;
	GtkWidget *dd = hoso_form_get_widget(f, "cell_id");
	if (dd != NULL && m->cells != NULL) {
		guint sel = gtk_drop_down_get_selected(GTK_DROP_DOWN(dd));
		if (sel < m->cells->len)
			a->cell_id = g_array_index(m->cells, guint64, sel);
	}
	return ok;
}

static void
on_submit(HosoForm *f, gpointer data)
{
	struct move *m = data;
	HosoFileView *v = m->v;
	Hoso__FileAdvance a = HOSO__FILE_ADVANCE__INIT;
	GPtrArray *keep = g_ptr_array_new_with_free_func(g_free);
	GArray *ids = g_array_new(FALSE, FALSE, sizeof(uint64_t));
	hoso_form_clear_errors(f);
	if (v->s != NULL && move_read(m, &a, keep, ids)) {
		Hoso__Request req = HOSO__REQUEST__INIT;
		a.person_id = v->person_id;
		a.to = (Hoso__Stage)m->to;
		a.expected_version = v->file ? v->file->version : 0;
		req.body_case = HOSO__REQUEST__BODY_FILE_ADVANCE;
		req.file_advance = &a;
		hoso_form_set_busy(f, TRUE);
		hoso_session_call(v->s, &req, G_OBJECT(hoso_form_window(f)),
		    on_moved, m);
	}
	g_array_unref(ids);
	g_ptr_array_unref(keep);
}

void
fv_move_open(HosoFileView *v, const HosoMoveItem *mi)
{
	struct move *m = g_new0(struct move, 1);
	m->v = g_object_ref(v);
	m->to = mi->to;
	m->f = hoso_form_new(GTK_WIDGET(v), _("Move the file"), _("_Move"),
	    _("Move"));
	g_object_set_data_full(G_OBJECT(hoso_form_window(m->f)), "hoso-move",
	    m, move_free);
	char *t = g_strdup_printf(_("%s: from “%s” to “%s”."),
	    v->person ? v->person->name : "", v->file ?
	    hoso_stage_text(v->file->stage) : "", mi->label);
	hoso_form_text_line(m->f, t);
	g_free(t);
	hoso_form_date(m->f, "at", _("_Effective date"), _("Effective date"),
	    NULL);
	add_stage_fields(m);
	hoso_form_entry(m->f, "note", _("_Note"), _("Note"), NULL);
	hoso_form_on_submit(m->f, on_submit, m);
	hoso_form_present(m->f);
}
