/* test_model_file.c: the file page's view models (client/gtk/model-file.c)
 * from protobuf replies built by hand: dates dd/mm/yyyy, the timeline's
 * order and titles, moves and their unmet requirements, the documents
 * checklist, checks with their status classes and words, evaluations out
 * of the history, and the personal-details fields.  Runs with LANGUAGE=C,
 * so texts are the English msgids. */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "model_test.h"
#include "model-file.h"

static void
test_helpers(void)
{
	char *s = hoso_date_text("2026-03-05");
	CHECK_STR(s, "05/03/2026", "an ISO date is shown dd/mm/yyyy");
	g_free(s);
	s = hoso_date_text("");
	CHECK_STR(s, "", "no date is shown as nothing");
	g_free(s);
	s = hoso_date_text(NULL);
	CHECK_STR(s, "", "a NULL date is shown as nothing");
	g_free(s);
	s = hoso_month_text("2026-11");
	CHECK_STR(s, "11/2026", "a month is shown mm/yyyy");
	g_free(s);
	char month[8];
	CHECK(hoso_month_parse("03/2026", month) &&
	    strcmp(month, "2026-03") == 0, "mm/yyyy is a month");
	CHECK(hoso_month_parse(" 3/2026 ", month) &&
	    strcmp(month, "2026-03") == 0, "m/yyyy too, spaces aside");
	CHECK(hoso_month_parse("2025-12", month) &&
	    strcmp(month, "2025-12") == 0, "and yyyy-mm");
	CHECK(!hoso_month_parse("13/2026", month), "no month 13");
	CHECK(!hoso_month_parse("03/2026x", month), "nothing after it");
	CHECK(!hoso_month_parse("", month), "an empty text is no month");
	CHECK_STR(hoso_stage_text(HOSO__STAGE__STAGE_IN_COURSE),
	    "attending the awareness course", "stage label");
	CHECK_STR(hoso_stage_text(HOSO__STAGE__STAGE_NONE), "",
	    "no stage, no label");
}

static void
test_deadlines(void)
{
	Hoso__File f = HOSO__FILE__INIT;
	f.decision_due = "2026-05-20";
	f.course_cert_expires = "2030-01-31";
	f.ceremony_due = "";
	GListModel *m = hoso_deadline_model_new(&f);
	CHECK(g_list_model_get_n_items(m) == 2, "only deadlines that are set");
	HosoFactItem *a = nth(m, 0), *b = nth(m, 1);
	CHECK_STR(a->label, "Decision due", "the decision first");
	CHECK_STR(a->value, "20/05/2026", "its date dd/mm/yyyy");
	CHECK_STR(b->label, "Course certificate valid until",
	    "the certificate's expiry last");
	char *v = NULL;
	g_object_get(b, "value", &v, NULL);
	CHECK_STR(v, "31/01/2030", "the value is a property too");
	g_free(v);
	g_object_unref(m);
}

static void
test_moves(void)
{
	Hoso__Requirement q1 = HOSO__REQUIREMENT__INIT,
	    q2 = HOSO__REQUIREMENT__INIT;
	q1.code = "doc_application";
	q1.message = "paper missing: application";
	q1.message_format = "paper missing: %s";
	char *args[] = { "application" };
	q1.message_args = args;
	q1.n_message_args = 1;
	q2.code = "checks_none";
	q2.message = "no background check recorded";
	Hoso__Requirement *qs[] = { &q1, &q2 };
	Hoso__Move hold = HOSO__MOVE__INIT, verify = HOSO__MOVE__INIT,
	    vote = HOSO__MOVE__INIT;
	hold.to = HOSO__STAGE__STAGE_ON_HOLD;
	hold.possible = true;
	verify.to = HOSO__STAGE__STAGE_VERIFYING;
	verify.possible = false;
	verify.unmet = qs;
	verify.n_unmet = 2;
	vote.to = HOSO__STAGE__STAGE_CELL_VOTE;
	vote.possible = true;
	Hoso__Move *ms[] = { &hold, &verify, &vote };
	Hoso__MoveList ml = HOSO__MOVE_LIST__INIT;
	ml.stage = HOSO__STAGE__STAGE_DOSSIER;
	ml.moves = ms;
	ml.n_moves = 3;
	GListModel *m = hoso_move_model_new(&ml);
	CHECK(g_list_model_get_n_items(m) == 3, "one item per move");
	HosoMoveItem *a = nth(m, 0), *b = nth(m, 1), *c = nth(m, 2);
	CHECK_STR(a->button_text, "Move to: on hold", "button text");
	CHECK(a->possible && !a->forward && !a->suggested,
	    "putting on hold is possible, not forward, not suggested");
	CHECK_STR(b->label, "background verification", "the stage label");
	CHECK(!b->possible && b->forward && !b->suggested,
	    "an impossible forward move is not suggested");
	CHECK_STR(b->unmet_text, "paper missing: application\n"
	    "no background check recorded", "unmet requirements, a line each");
	CHECK(c->possible && c->forward && c->suggested,
	    "the first possible forward move is suggested");
	CHECK_STR(a->unmet_text, "", "nothing unmet: empty text");
	g_object_unref(m);

	/* From on hold, resuming counts as forward. */
	Hoso__Move resume = HOSO__MOVE__INIT;
	resume.to = HOSO__STAGE__STAGE_MENTORED;
	resume.possible = true;
	Hoso__Move *rs[] = { &resume };
	ml.stage = HOSO__STAGE__STAGE_ON_HOLD;
	ml.moves = rs;
	ml.n_moves = 1;
	m = hoso_move_model_new(&ml);
	HosoMoveItem *r = nth(m, 0);
	CHECK(r->forward && r->suggested, "resuming from hold is forward");
	g_object_unref(m);
	m = hoso_move_model_new(NULL);
	CHECK(g_list_model_get_n_items(m) == 0, "no move list, no moves");
	g_object_unref(m);
}

static void
test_documents(void)
{
	Hoso__Document d1 = HOSO__DOCUMENT__INIT, d2 = HOSO__DOCUMENT__INIT,
	    d3 = HOSO__DOCUMENT__INIT;
	d1.kind = HOSO__DOC_KIND__DOC_BACKGROUND;
	d1.date = "2026-01-10";
	d2.kind = HOSO__DOC_KIND__DOC_BACKGROUND;
	d2.date = "2026-02-14";
	d2.note = "bản khai bổ sung";
	d3.kind = HOSO__DOC_KIND__DOC_APPLICATION;
	d3.date = "2025-12-01";
	Hoso__Document *ds[] = { &d1, &d2, &d3 };
	Hoso__File f = HOSO__FILE__INIT;
	f.documents = ds;
	f.n_documents = 3;
	GListModel *m = hoso_doc_model_new(&f);
	guint n = 0;
	for (const struct hoso_enum_word *w = hoso_doc_kind_words; w->word;
	    w++)
		n++;
	CHECK(g_list_model_get_n_items(m) == n, "one row per kind of paper");
	HosoDocItem *app = nth(m, 0), *bg = nth(m, 1), *intro = nth(m, 2);
	CHECK(app->kind == HOSO__DOC_KIND__DOC_APPLICATION,
	    "in the table's order");
	CHECK(app->present, "the application is there");
	CHECK_STR(app->date_text, "01/12/2025", "with its date");
	CHECK_STR(app->label, "application for party membership (1-KNĐ)",
	    "and its label");
	CHECK_STR(bg->date_text, "14/02/2026", "the latest paper of a kind");
	CHECK_STR(bg->note, "bản khai bổ sung", "and its note");
	CHECK(!intro->present, "a missing paper");
	CHECK_STR(intro->date_text, "missing", "says missing");
	g_object_unref(m);
}

/* A history entry for the tests. */
static Hoso__HistoryEntry
entry(uint64_t seq, const char *kind, const char *eff, int64_t entered)
{
	Hoso__HistoryEntry e = HOSO__HISTORY_ENTRY__INIT;
	e.seq = seq;
	e.kind = (char *)kind;
	e.effective = (char *)eff;
	e.entered_at = entered;
	e.note = "";
	e.detail = "";
	e.user = "";
	return e;
}

/* Noon in Vietnam on an ISO day. */
static int64_t
noon(const char *iso)
{
	int32_t d;
	date_parse_iso(iso, &d);
	return (int64_t)d * 86400 - DATE_VN_OFFSET + 12 * 3600;
}

static void
test_history(void)
{
	Hoso__HistoryEntry e1 = entry(1, "created", "2025-09-01",
	    noon("2025-09-01"));
	e1.to = HOSO__STAGE__STAGE_IDENTIFIED;
	Hoso__HistoryEntry e2 = entry(2, "stage", "2025-10-15",
	    noon("2025-10-20"));
	e2.from = HOSO__STAGE__STAGE_IDENTIFIED;
	e2.to = HOSO__STAGE__STAGE_IN_COURSE;
	e2.note = "lớp tháng 10";
	e2.user = "bithu.kp1";
	Hoso__HistoryEntry e3 = entry(3, "document", "2025-10-15",
	    noon("2025-10-15"));
	e3.detail = "document doc_application dated 2025-10-15";
	Hoso__HistoryEntry e4 = entry(4, "evaluation", "2026-01-05",
	    noon("2026-01-05"));
	e4.detail = "month=2025-12 rating=2";
	e4.note = "Tích cực trong công tác đoàn";
	Hoso__HistoryEntry e5 = entry(5, "mystery", "2024-01-01", 0);
	Hoso__HistoryEntry e6 = entry(6, "evaluation", "2026-02-03",
	    noon("2026-02-03"));
	e6.detail = "month=2026-01 rating=1";
	Hoso__HistoryEntry *p1[] = { &e1, &e2, &e3 }, *p2[] = { &e4, &e5, &e6 };
	Hoso__HistoryPage page1 = HOSO__HISTORY_PAGE__INIT,
	    page2 = HOSO__HISTORY_PAGE__INIT;
	page1.items = p1;
	page1.n_items = 3;
	page2.items = p2;
	page2.n_items = 3;

	GListStore *st = hoso_history_store_new();
	hoso_history_store_add_page(st, &page1);
	hoso_history_store_add_page(st, &page2);
	GListModel *m = G_LIST_MODEL(st);
	CHECK(g_list_model_get_n_items(m) == 6, "every entry of both pages");
	HosoHistoryItem *it[6];
	for (guint i = 0; i < 6; i++)
		it[i] = nth(m, i);
	CHECK(it[0]->seq == 6 && it[1]->seq == 4 && it[2]->seq == 3 &&
	    it[3]->seq == 2 && it[4]->seq == 1 && it[5]->seq == 5,
	    "newest first: by effective date, then the later entry");
	CHECK_STR(it[3]->title, "identified → attending the awareness course",
	    "a stage entry's title names both stages");
	CHECK_STR(it[3]->date_text, "15/10/2025", "the effective date");
	CHECK_STR(it[3]->entered_text, "20/10/2025 12:00",
	    "entered on another day: when it was typed");
	CHECK_STR(it[3]->note, "lớp tháng 10", "the note");
	CHECK_STR(it[3]->user, "bithu.kp1", "the user");
	CHECK_STR(it[2]->entered_text, "", "entered the same day: nothing");
	CHECK_STR(it[2]->title,
	    "Paper recorded: application for party membership (1-KNĐ)",
	    "a paper's title names its kind");
	CHECK_STR(it[4]->title, "File opened", "a created entry");
	CHECK_STR(it[1]->title, "Evaluation for 12/2025: good",
	    "an evaluation's title: month and rating");
	CHECK_STR(it[5]->title, "mystery", "an unknown kind as it is");
	CHECK_STR(it[5]->entered_text, "", "no entry time: nothing");
	g_object_unref(st);

	/* A member entered directly: created, at no stage. */
	Hoso__HistoryEntry em = entry(1, "created", "2026-01-02", 0);
	Hoso__HistoryEntry *pm[] = { &em };
	Hoso__HistoryPage pagem = HOSO__HISTORY_PAGE__INIT;
	pagem.items = pm;
	pagem.n_items = 1;
	st = hoso_history_store_new();
	hoso_history_store_add_page(st, &pagem);
	HosoHistoryItem *mi = nth(G_LIST_MODEL(st), 0);
	CHECK_STR(mi->title, "Recorded as a party member",
	    "a member's record is not a file opened");
	g_object_unref(st);

	GListStore *ev = hoso_eval_store_new();
	hoso_eval_store_add_page(ev, &page1);
	hoso_eval_store_add_page(ev, &page2);
	m = G_LIST_MODEL(ev);
	CHECK(g_list_model_get_n_items(m) == 2, "only evaluation entries");
	HosoEvalItem *a = nth(m, 0), *b = nth(m, 1);
	CHECK_STR(a->month_text, "01/2026", "newest month first");
	CHECK_STR(a->rating_text, "excellent", "rating label");
	CHECK_STR(b->month, "2025-12", "then the older month");
	CHECK(b->rating == HOSO__RATING__GOOD, "rating value");
	CHECK_STR(b->comment, "Tích cực trong công tác đoàn",
	    "the comment is the entry's note");
	CHECK_STR(b->date_text, "05/01/2026", "recorded on");
	g_object_unref(ev);
}

static void
count_notify(GObject *o, GParamSpec *ps, gpointer data)
{
	(void)o;
	(void)ps;
	(*(int *)data)++;
}

static void
test_mentors(void)
{
	Hoso__Mentor m1 = HOSO__MENTOR__INIT;
	m1.member_id = 12;
	m1.since = "2026-02-01";
	Hoso__Mentor *ms[] = { &m1 };
	Hoso__File f = HOSO__FILE__INIT;
	f.mentors = ms;
	f.n_mentors = 1;
	GListModel *m = hoso_mentor_model_new(&f);
	HosoMentorItem *it = nth(m, 0);
	CHECK(it->member_id == 12, "the member id");
	CHECK_STR(it->name, "Member #12", "a placeholder name");
	CHECK_STR(it->since_text, "01/02/2026", "since dd/mm/yyyy");
	int notified = 0;
	g_signal_connect(it, "notify::name", G_CALLBACK(count_notify),
	    &notified);
	hoso_mentor_item_set_name(it, "Lê Văn Cường");
	CHECK_STR(it->name, "Lê Văn Cường", "the name once known");
	CHECK(notified == 1, "notifies the name");
	g_object_unref(m);
}

/* A leg for the tests. */
static Hoso__Leg
leg(Hoso__LegKind k, int64_t start, int64_t end, const char *due)
{
	Hoso__Leg l = HOSO__LEG__INIT;
	l.kind = k;
	l.started = start;
	l.ended = end;
	l.due = (char *)due;
	l.due_original = (char *)due;
	return l;
}

static void
test_checks(void)
{
	Hoso__Check c1 = HOSO__CHECK__INIT, c2 = HOSO__CHECK__INIT,
	    c3 = HOSO__CHECK__INIT;
	c1.id = 1;
	c1.relation = HOSO__RELATION__SELF;
	c1.subject = "Nguyễn Văn An";
	c1.status = HOSO__CHECK_STATUS__CHECK_PENDING;
	c1.request_id = 7;
	c2.id = 2;
	c2.relation = HOSO__RELATION__FATHER;
	c2.subject = "Nguyễn Văn Bình";
	c2.status = HOSO__CHECK_STATUS__CHECK_PENDING;
	c3.id = 3;
	c3.relation = HOSO__RELATION__MOTHER;
	c3.subject = "Trần Thị Lan";
	c3.status = HOSO__CHECK_STATUS__CHECK_WAIVED;
	Hoso__Check *cs[] = { &c1, &c2, &c3 };
	Hoso__File f = HOSO__FILE__INIT;
	f.checks = cs;
	f.n_checks = 3;

	Hoso__Leg fw = leg(HOSO__LEG_KIND__LEG_FORWARD, noon("2026-03-02"),
	    noon("2026-03-02"), "2026-03-02");
	Hoso__Leg po = leg(HOSO__LEG_KIND__LEG_POLICE, noon("2026-03-02"), 0,
	    "2026-03-13");
	po.due_original = "2026-03-11";
	Hoso__Extension ext = HOSO__EXTENSION__INIT;
	Hoso__Extension *exts[] = { &ext };
	po.extensions = exts;
	po.n_extensions = 1;
	Hoso__Leg *legs[] = { &fw, &po };
	Hoso__Verification v = HOSO__VERIFICATION__INIT;
	v.id = 7;
	v.file_check_id = 1;
	v.subject = "Nguyễn Văn An";
	v.state = HOSO__VERIFICATION_STATE__VSTATE_AT_POLICE;
	v.legs = legs;
	v.n_legs = 2;
	v.due = "2026-03-13";
	v.status = "overdue";
	Hoso__Verification *vs[] = { &v };
	Hoso__CheckPage page = HOSO__CHECK_PAGE__INIT;
	page.items = vs;
	page.n_items = 1;

	GListModel *m = hoso_check_model_new(&page, &f);
	CHECK(g_list_model_get_n_items(m) == 3,
	    "the verification, then the two checks it does not answer");
	HosoCheckItem *a = nth(m, 0), *b = nth(m, 1), *c = nth(m, 2);
	CHECK(a->id == 7 && !a->pending, "the verification first");
	CHECK_STR(a->subject, "Nguyễn Văn An (the candidate)",
	    "subject with its relation");
	CHECK_STR(a->state_text, "at the ward police", "state label");
	CHECK_STR(a->due_text, "13/03/2026", "due dd/mm/yyyy");
	CHECK_STR(a->css_class, "overdue", "the status's style class");
	CHECK_STR(a->status_text, "overdue", "and its word");
	CHECK(g_list_model_get_n_items(G_LIST_MODEL(a->legs)) == 2,
	    "every leg");
	HosoLegItem *l0 = nth(G_LIST_MODEL(a->legs), 0),
	    *l1 = nth(G_LIST_MODEL(a->legs), 1);
	CHECK_STR(l0->leg_text, "forwarding to the ward police", "leg label");
	CHECK_STR(l0->started_text, "02/03/2026 12:00", "started instant");
	CHECK_STR(l0->ended_text, "02/03/2026 12:00", "ended instant");
	CHECK_STR(l1->ended_text, "", "a running leg has no end");
	CHECK_STR(l1->due_text, "13/03/2026", "the deadline in force");
	CHECK_STR(l1->note_text, "extended; first due 11/03/2026",
	    "an extension keeps the first deadline in sight");
	CHECK(b->pending && b->id == 0, "a check not sent is pending");
	CHECK_STR(b->subject, "Nguyễn Văn Bình (father)", "its subject");
	CHECK_STR(b->state_text, "not sent yet", "not sent yet");
	CHECK_STR(b->status_text, "pending", "pending in words");
	CHECK_STR(b->css_class, "", "no colour for a check not sent");
	CHECK(!c->pending, "a waived check is not pending");
	CHECK_STR(c->state_text, "waived", "it says waived");
	g_object_unref(m);

	/* Every status has its class and word. */
	static const char *st[][2] = {
		{ "on-time", "on time" }, { "due-soon", "due soon" },
		{ "overdue", "overdue" }, { "suspended", "suspended" },
		{ "closed", "closed" },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(st); i++) {
		v.status = (char *)st[i][0];
		m = hoso_check_model_new(&page, NULL);
		HosoCheckItem *x = nth(m, 0);
		CHECK(strcmp(x->css_class, st[i][0]) == 0 &&
		    strcmp(x->status_text, st[i][1]) == 0,
		    "status %s: class %s, word '%s'", st[i][0], st[i][0],
		    st[i][1]);
		g_object_unref(m);
	}
	m = hoso_check_model_new(NULL, NULL);
	CHECK(g_list_model_get_n_items(m) == 0, "nothing: no checks");
	g_object_unref(m);
}

/* The field item called name. */
static HosoFieldItem *
field(GListModel *m, const char *name)
{
	for (guint i = 0; i < g_list_model_get_n_items(m); i++) {
		HosoFieldItem *f = nth(m, i);
		if (strcmp(f->name, name) == 0)
			return f;
	}
	return NULL;
}

static void
test_person_fields(void)
{
	Hoso__Person p = HOSO__PERSON__INIT;
	p.name = "Trần Thị Bích Ngọc";
	p.born = "1998-07-21";
	p.gender = HOSO__GENDER__FEMALE;
	p.education = HOSO__EDUCATION__UNIVERSITY;
	p.phone = "0903123456";
	GListModel *m = hoso_person_field_model_new(&p);
	CHECK(g_list_model_get_n_items(m) == 11, "eleven fields");
	HosoFieldItem *name = nth(m, 0), *born = field(m, "born"),
	    *gender = field(m, "gender"), *notes = field(m, "notes"),
	    *phone = field(m, "phone");
	CHECK_STR(name->name, "name", "the name first");
	CHECK_STR(name->label, "_Full name", "with a mnemonic label");
	CHECK(born && born->kind == HOSO_FIELD_DATE, "born is a date");
	CHECK_STR(born->value_text, "21/07/1998", "shown dd/mm/yyyy");
	CHECK_STR(born->edit_text, "21/07/1998", "edited dd/mm/yyyy");
	CHECK(gender && gender->kind == HOSO_FIELD_ENUM &&
	    gender->value == HOSO__GENDER__FEMALE, "gender is an enum");
	CHECK_STR(gender->value_text, "female", "shown as its label");
	CHECK(notes && notes->kind == HOSO_FIELD_MULTILINE &&
	    *notes->value_text == '\0', "empty notes");

	CHECK(!hoso_field_item_changed(born, " 21/07/1998 ", 0),
	    "the same date is no change");
	CHECK(hoso_field_item_changed(born, "22/07/1998", 0), "a new date is");
	CHECK(hoso_field_item_changed(gender, NULL, HOSO__GENDER__MALE),
	    "another gender is a change");
	CHECK(!hoso_field_item_changed(phone, "0903123456", 0),
	    "the same phone is not");

	Hoso__Person out = HOSO__PERSON__INIT;
	GPtrArray *keep = g_ptr_array_new_with_free_func(g_free);
	CHECK(hoso_person_field_set(&out, born, "3/4/1999", 0, keep),
	    "a date typed d/m/yyyy is taken");
	CHECK_STR(out.born, "1999-04-03", "and sent as ISO");
	CHECK(!hoso_person_field_set(&out, born, "31/02/1999", 0, keep),
	    "no such day is refused");
	CHECK_STR(out.born, "1999-04-03", "leaving the field alone");
	CHECK(hoso_person_field_set(&out, phone, " 0912 ", 0, keep) &&
	    strcmp(out.phone, "0912") == 0, "text is trimmed");
	CHECK(hoso_person_field_set(&out, gender, NULL, HOSO__GENDER__MALE,
	    keep) && out.gender == HOSO__GENDER__MALE, "an enum is set");
	g_ptr_array_unref(keep);

	CHECK_STR(hoso_person_field_of_error("born"), "born",
	    "error field 'born'");
	CHECK_STR(hoso_person_field_of_error("person.id_number"), "id_number",
	    "error field 'person.id_number'");
	CHECK(hoso_person_field_of_error("expected_version") == NULL,
	    "not a person field");
	g_object_unref(m);
}

int
main(void)
{
	model_test_english();
	test_helpers();
	test_deadlines();
	test_moves();
	test_documents();
	test_history();
	test_mentors();
	test_checks();
	test_person_fields();
	return t_done();
}
