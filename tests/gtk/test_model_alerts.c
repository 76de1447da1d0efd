/* test_model_alerts.c: the alerts panel's list (client/gtk/model-alerts.c):
 * texts from msgids and arguments, kinds' words and colours, newest
 * first, no duplicates between pages and pushed Events, removal, a reload
 * that crosses a pushed alert, items-changed positions, n-unacked. */
#include "model_test.h"
#include "model-alerts.h"

static Hoso__Alert al[5];
static Hoso__Alert *alp[5];
static char *args0[] = { "Nguyễn Văn An", "2026-11-20" };

static void
alert_set(int i, uint64_t id, int64_t raised, const char *kind,
    const char *due, uint64_t person)
{
	hoso__alert__init(&al[i]);
	al[i].id = id;
	al[i].raised_at = raised;
	al[i].kind = (char *)kind;
	al[i].due = (char *)due;
	al[i].person_id = person;
	al[i].message = "an English message";
	alp[i] = &al[i];
}

static guint n_notes;

static void
n_cb(GObject *o, GParamSpec *ps, gpointer data)
{
	(void)o;
	(void)ps;
	(void)data;
	n_notes++;
}

/* The ids in the list, "3,2,1". */
static char *
ids(HosoAlertList *l)
{
	GString *s = g_string_new("");
	guint n = g_list_model_get_n_items(G_LIST_MODEL(l));
	for (guint i = 0; i < n; i++) {
		HosoAlertItem *a = g_list_model_get_item(G_LIST_MODEL(l), i);
		g_string_append_printf(s, "%s%" G_GUINT64_FORMAT, i ? "," : "",
		    hoso_alert_item_get_id(a));
		g_object_unref(a);
	}
	return g_string_free(s, FALSE);
}

static void
check_ids(HosoAlertList *l, const char *want, const char *what)
{
	char *got = ids(l);
	CHECK_STR(got, want, "%s", what);
	g_free(got);
}

int
main(void)
{
	model_test_english();
	alert_set(0, 1, 1000, "due-soon", "2026-11-20", 11);
	al[0].message_format = "The check of %s is due on %s.";
	al[0].message_args = args0;
	al[0].n_message_args = 2;
	alert_set(1, 2, 2000, "overdue", "2026-11-18", 0);
	alert_set(2, 3, 1500, "digest", "", 0);
	alert_set(3, 4, 1800, "overdue", "2026-11-19", 12);
	al[3].acked_at = 1900;          /* acknowledged: not listed */
	alert_set(4, 5, 3000, "overdue", "2026-11-21", 13);

	HosoAlertList *l = hoso_alert_list_new();
	struct changes ch;
	changes_watch(l, &ch);
	g_signal_connect(l, "notify::n-unacked", G_CALLBACK(n_cb), NULL);
	Hoso__AlertPage page = HOSO__ALERT_PAGE__INIT;
	page.items = alp;
	page.n_items = 4;
	hoso_alert_list_add_page(l, &page);
	check_ids(l, "2,3,1", "newest first, acknowledged left out");
	CHECK(hoso_alert_list_get_n_unacked(l) == 3, "3 unacknowledged");
	CHECK(n_notes >= 1, "notify::n-unacked");

	HosoAlertItem *a = hoso_alert_list_lookup(l, 1);
	CHECK_STR(hoso_alert_item_get_text(a),
	    "The check of Nguyễn Văn An is due on 20/11/2026.",
	    "text from the msgid and arguments, ISO date as dd/mm/yyyy");
	CHECK_STR(hoso_alert_item_get_kind(a), "due-soon", "kind");
	CHECK_STR(hoso_alert_item_get_kind_text(a), "due soon", "kind text");
	CHECK_STR(hoso_alert_item_get_css_class(a), "due-soon", "css class");
	CHECK_STR(hoso_alert_item_get_due_text(a), "20/11/2026", "due text");
	CHECK(hoso_alert_item_get_person_id(a) == 11, "person id");
	CHECK(!hoso_alert_item_get_acked(a), "not acked");
	a = hoso_alert_list_lookup(l, 2);
	CHECK_STR(hoso_alert_item_get_text(a), "an English message",
	    "no msgid: the English message");
	CHECK_STR(hoso_alert_item_get_css_class(a), "overdue",
	    "overdue's class");
	CHECK_STR(hoso_alert_item_get_kind_text(a), "overdue",
	    "overdue's word");
	a = hoso_alert_list_lookup(l, 3);
	CHECK_STR(hoso_alert_item_get_css_class(a), "", "digest: no colour");
	CHECK_STR(hoso_alert_item_get_due_text(a), "", "digest: no due date");
	CHECK_STR(hoso_alert_item_get_raised_text(a), "01/01/1970 07:25",
	    "raised at, Vietnam's time");

	/* The same page again adds nothing. */
	guint before = ch.n;
	hoso_alert_list_add_page(l, &page);
	CHECK(ch.n == before, "a page listed already: no change");

	/* A pushed Event: newest, at the top. */
	Hoso__Event ev = HOSO__EVENT__INIT;
	ev.seq = 5;
	ev.alert = &al[4];
	HosoAlertItem *pushed = hoso_alert_list_add_event(l, &ev);
	CHECK(pushed != NULL && hoso_alert_item_get_id(pushed) == 5,
	    "a pushed alert is added");
	CHECK(ch.pos == 0 && ch.removed == 0 && ch.added == 1,
	    "items-changed (0, 0, 1)");
	CHECK(hoso_alert_list_add_event(l, &ev) == NULL,
	    "the same alert pushed twice: not added again");
	ev.alert = &al[1];
	CHECK(hoso_alert_list_add_event(l, &ev) == NULL,
	    "a pushed alert listed already: not added");
	ev.alert = &al[3];
	CHECK(hoso_alert_list_add_event(l, &ev) == NULL,
	    "an acknowledged alert: not added");
	ev.alert = NULL;
	CHECK(hoso_alert_list_add_event(l, &ev) == NULL, "an Event without "
	    "an alert: not added");
	check_ids(l, "5,2,3,1", "after the push");

	/* Remove (acknowledged): items-changed at its place. */
	n_notes = 0;
	CHECK(hoso_alert_list_remove(l, 3), "remove 3");
	CHECK(ch.pos == 2 && ch.removed == 1 && ch.added == 0,
	    "items-changed (2, 1, 0)");
	CHECK(n_notes == 1, "notify::n-unacked on removal");
	CHECK(!hoso_alert_list_remove(l, 3), "remove 3 again: FALSE");
	check_ids(l, "5,2,1", "after the removal");

	/* A reload whose page was read before alert 6 was pushed keeps 6,
	 * and drops 5 (pushed before the reload began, acknowledged
	 * elsewhere since). */
	guint mark = hoso_alert_list_mark(l);
	Hoso__Alert six;
	hoso__alert__init(&six);
	six.id = 6;
	six.raised_at = 4000;
	six.kind = "overdue";
	ev.alert = &six;
	CHECK(hoso_alert_list_add_event(l, &ev) != NULL, "6 pushed");
	page.n_items = 3;               /* 1, 2, 3: 3 is back unacked */
	hoso_alert_list_replace(l, &page, mark);
	check_ids(l, "6,2,3,1", "replace: the page plus what was pushed "
	    "since the mark");
	CHECK(ch.pos == 1 && ch.removed == 2 && ch.added == 2,
	    "items-changed (1, 2, 2): 6 first and 1 last keep their rows");
	HosoAlertItem *first = g_list_model_get_item(G_LIST_MODEL(l), 0);
	guint nch = ch.n;
	hoso_alert_list_replace(l, &page, hoso_alert_list_mark(l) - 1);
	check_ids(l, "6,2,3,1", "the same reload again");
	CHECK(ch.n == nch, "finds nothing new: no items-changed at all");
	HosoAlertItem *again = g_list_model_get_item(G_LIST_MODEL(l), 0);
	CHECK(first == again, "and the items are the same objects");
	g_object_unref(first);
	g_object_unref(again);
	mark = hoso_alert_list_mark(l);
	page.n_items = 1;
	hoso_alert_list_replace(l, &page, mark);
	check_ids(l, "1", "replace with a later mark drops 6");
	page.n_items = 0;
	hoso_alert_list_replace(l, &page, hoso_alert_list_mark(l));
	CHECK(hoso_alert_list_get_n_unacked(l) == 0, "an empty page: none");

	guint nu = 99;
	g_object_get(l, "n-unacked", &nu, NULL);
	CHECK(nu == 0, "property n-unacked");
	CHECK(g_list_model_get_item_type(G_LIST_MODEL(l)) ==
	    HOSO_TYPE_ALERT_ITEM, "item type");
	CHECK(g_list_model_get_item(G_LIST_MODEL(l), 5) == NULL,
	    "out of range: NULL");
	g_object_unref(l);
	return t_done();
}
