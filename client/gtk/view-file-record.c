/* view-file-record.c: the file page's dialogs that add to a file: a paper
 * and a mentor (FileRecord), a monthly evaluation (EvaluationAdd).  Each
 * stays open on a refusal, with the error under the field it names. */
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "view-file-int.h"

/* What every one of these dialogs keeps. */
struct record {
	HosoFileView *v;        /* a reference */
	HosoForm *f;
};

static void
record_free(gpointer p)
{
	struct record *r = p;
	g_object_unref(r->v);
	g_free(r);
}

static struct record *
record_new(HosoFileView *v, const char *title, HosoFormFunc submit)
{
	struct record *r = g_new0(struct record, 1);
	r->v = g_object_ref(v);
	r->f = hoso_form_new(GTK_WIDGET(v), title, _("_Add"), _("Add"));
	g_object_set_data_full(G_OBJECT(hoso_form_window(r->f)), "hoso-record",
	    r, record_free);
	hoso_form_on_submit(r->f, submit, r);
	return r;
}

static void
on_recorded(HosoSession *s, const Hoso__Response *resp, const GError *err,
    gpointer data)
{
	struct record *r = data;
	(void)s;
	hoso_form_set_busy(r->f, FALSE);
	if (resp != NULL && resp->status == HOSO__STATUS__OK) {
		HosoFileView *v = g_object_ref(r->v);
		hoso_form_close(r->f);      /* frees r */
		fv_changed(v);
		g_object_unref(v);
		return;
	}
	if (resp == NULL) {
		hoso_form_error(r->f, NULL, err ? err->message : "");
		return;
	}
	hoso_form_show_response(r->f, resp, NULL);
}

static void
record_send(struct record *r, Hoso__Request *req)
{
	if (r->v->s == NULL)
		return;     /* the page is gone */
	hoso_form_set_busy(r->f, TRUE);
	hoso_session_call(r->v->s, req, G_OBJECT(hoso_form_window(r->f)),
	    on_recorded, r);
}

/* Send fr, one item for the page's person, as a FileRecord. */
static void
record_file(struct record *r, Hoso__FileRecord *fr)
{
	Hoso__Request req = HOSO__REQUEST__INIT;
	fr->person_id = r->v->person_id;
	req.body_case = HOSO__REQUEST__BODY_FILE_RECORD;
	req.file_record = fr;
	record_send(r, &req);
}

/* ---- a paper ------------------------------------------------------------- */

static void
on_paper_submit(HosoForm *f, gpointer data)
{
	struct record *r = data;
	char date[11];
	hoso_form_clear_errors(f);
	if (!hoso_form_get_date(f, "date", date))
		return;
	char *note = hoso_form_get_text(f, "note");
	Hoso__Document d = HOSO__DOCUMENT__INIT;
	Hoso__FileRecord fr = HOSO__FILE_RECORD__INIT;
	d.kind = (Hoso__DocKind)hoso_form_get_choice(f, "kind");
	d.date = date;
	d.note = note;
	fr.item_case = HOSO__FILE_RECORD__ITEM_DOCUMENT;
	fr.document = &d;
	record_file(r, &fr);
	g_free(note);
}

void
fv_paper_open(HosoFileView *v)
{
	struct record *r = record_new(v, _("Record a paper"), on_paper_submit);
	hoso_form_choice(r->f, "kind", _("_Kind of paper"), _("Kind of paper"),
	    hoso_doc_kind_words, HOSO__DOC_KIND__DOC_APPLICATION);
	hoso_form_date(r->f, "date", _("Date on the _paper"),
	    _("Date on the paper"), NULL);
	hoso_form_entry(r->f, "note", _("_Note"), _("Note"), NULL);
	hoso_form_present(r->f);
}

/* ---- a mentor -------------------------------------------------------------- */

static void
on_mentor_submit(HosoForm *f, gpointer data)
{
	struct record *r = data;
	char since[11];
	hoso_form_clear_errors(f);
	char *idt = hoso_form_get_text(f, "member_id"), *end = NULL;
	guint64 id = g_ascii_strtoull(idt, &end, 10);
	gboolean ok = hoso_form_get_date(f, "since", since);
	if (*idt == '\0' || *end != '\0' || !g_ascii_isdigit(*idt) ||
	    id == 0) {
		hoso_form_error(f, "member_id", _("Write the member's id, or "
		    "find the member by name below."));
		ok = FALSE;
	}
	g_free(idt);
	if (!ok)
		return;
	Hoso__Mentor m = HOSO__MENTOR__INIT;
	Hoso__FileRecord fr = HOSO__FILE_RECORD__INIT;
	m.member_id = id;
	m.since = since;
	fr.item_case = HOSO__FILE_RECORD__ITEM_MENTOR;
	fr.mentor = &m;
	record_file(r, &fr);
}

void
fv_mentor_open(HosoFileView *v)
{
	struct record *r = record_new(v, _("Add a mentor"), on_mentor_submit);
	hoso_form_text_line(r->f, _("A mentor is an official party member "
	    "who follows and helps the candidate."));
	GtkWidget *e = hoso_form_entry(r->f, "member_id", _("_Member id"),
	    _("Member id"), NULL);
	gtk_entry_set_input_purpose(GTK_ENTRY(e), GTK_INPUT_PURPOSE_DIGITS);
	hoso_form_append(r->f, hoso_member_finder_new(v->s, GTK_EDITABLE(e),
	    FALSE));
	hoso_form_date(r->f, "since", _("_Since"), _("Since"), NULL);
	hoso_form_present(r->f);
}

/* ---- a monthly evaluation ----------------------------------------------------- */

static void
on_eval_submit(HosoForm *f, gpointer data)
{
	struct record *r = data;
	char month[8];
	hoso_form_clear_errors(f);
	char *mt = hoso_form_get_text(f, "month");
	gboolean ok = hoso_month_parse(mt, month);
	g_free(mt);
	if (!ok) {
		hoso_form_error(f, "month", _("Write the month as mm/yyyy, for "
		    "example 03/2026."));
		return;
	}
	char *comment = hoso_form_get_text(f, "comment");
	Hoso__Evaluation e = HOSO__EVALUATION__INIT;
	Hoso__EvaluationAdd ea = HOSO__EVALUATION_ADD__INIT;
	Hoso__Request req = HOSO__REQUEST__INIT;
	e.person_id = r->v->person_id;
	e.month = month;
	e.rating = (Hoso__Rating)hoso_form_get_choice(f, "rating");
	e.comment = comment;
	ea.evaluation = &e;
	req.body_case = HOSO__REQUEST__BODY_EVALUATION_ADD;
	req.evaluation_add = &ea;
	record_send(r, &req);
	g_free(comment);
}

void
fv_eval_open(HosoFileView *v)
{
	struct record *r = record_new(v, _("Add a monthly evaluation"),
	    on_eval_submit);
	int y, m, d;
	char last[8];
	/* The month just ended: the one a cell usually evaluates. */
	date_to_ymd(date_today_vn(), &y, &m, &d);
	if (--m == 0) {
		m = 12;
		y--;
	}
	g_snprintf(last, sizeof last, "%02d/%04d", m, y);
	GtkWidget *e = hoso_form_entry(r->f, "month", _("_Month"), _("Month"),
	    last);
	gtk_entry_set_placeholder_text(GTK_ENTRY(e), _("mm/yyyy"));
	hoso_form_choice(r->f, "rating", _("_Rating"), _("Rating"),
	    hoso_rating_words, HOSO__RATING__GOOD);
	hoso_form_entry(r->f, "comment", _("_Comment"), _("Comment"), NULL);
	hoso_form_present(r->f);
}
