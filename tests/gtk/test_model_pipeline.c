/* test_model_pipeline.c: the pipeline board's columns
 * (client/gtk/model-pipeline.c): stages in order without the terminal
 * ones, counts from a Pipeline with zeros for the stages it leaves out,
 * titles, notifications on reload. */
#include "model_test.h"
#include "model-pipeline.h"

static guint title_notes;

static void
title_cb(GObject *o, GParamSpec *ps, gpointer data)
{
	(void)o;
	(void)ps;
	(void)data;
	title_notes++;
}

static HosoStageColumn *
column(GListStore *s, guint i)
{
	return nth(G_LIST_MODEL(s), i);
}

int
main(void)
{
	model_test_english();
	GListStore *cols = hoso_pipeline_columns_new();
	guint n = g_list_model_get_n_items(G_LIST_MODEL(cols));
	CHECK(n == 12, "12 columns (identified ... official, on hold)");
	CHECK(n == hoso_pipeline_n_stages(), "as many as the board's stages");
	int prev = 0;
	gboolean ordered = TRUE, terminal = FALSE;
	for (guint i = 0; i < n; i++) {
		int st = hoso_stage_column_get_stage(column(cols, i));
		if (st <= prev)
			ordered = FALSE;
		if (st >= HOSO__STAGE__STAGE_MOVED)
			terminal = TRUE;
		prev = st;
	}
	CHECK(ordered, "columns in stage order");
	CHECK(!terminal, "no terminal stage (moved, withdrawn ...)");
	HosoStageColumn *first = column(cols, 0), *last = column(cols, n - 1);
	CHECK(hoso_stage_column_get_stage(first) ==
	    HOSO__STAGE__STAGE_IDENTIFIED, "first: identified");
	CHECK(hoso_stage_column_get_stage(last) == HOSO__STAGE__STAGE_ON_HOLD,
	    "last: on hold");
	CHECK_STR(hoso_stage_column_get_title(first), "identified",
	    "title before the counts: the label alone");
	CHECK(!hoso_stage_column_get_has_count(first), "count unknown");

	Hoso__StageCount sc[4];
	Hoso__StageCount *scp[4];
	for (int i = 0; i < 4; i++) {
		hoso__stage_count__init(&sc[i]);
		scp[i] = &sc[i];
	}
	sc[0].stage = HOSO__STAGE__STAGE_IDENTIFIED;
	sc[0].count = 3;
	sc[1].stage = HOSO__STAGE__STAGE_VERIFYING;
	sc[1].count = 2;
	sc[2].stage = HOSO__STAGE__STAGE_ON_HOLD;
	sc[2].count = 1;
	sc[3].stage = HOSO__STAGE__STAGE_WITHDRAWN;
	sc[3].count = 5;
	Hoso__Pipeline p = HOSO__PIPELINE__INIT;
	p.counts = scp;
	p.n_counts = 4;
	p.total = 11;

	g_signal_connect(first, "notify::title", G_CALLBACK(title_cb), NULL);
	struct changes ch;
	changes_watch(cols, &ch);
	hoso_pipeline_columns_update(cols, &p);
	CHECK(ch.n == 0, "a reload keeps the columns (no items-changed)");
	CHECK(title_notes == 1, "notify::title once");
	CHECK_STR(hoso_stage_column_get_title(first), "identified (3)",
	    "title with its count");
	CHECK(hoso_stage_column_get_count(first) == 3, "count 3");
	CHECK(hoso_stage_column_get_has_count(first), "count known");
	HosoStageColumn *course = column(cols, 1);
	CHECK_STR(hoso_stage_column_get_title(course),
	    "attending the awareness course (0)",
	    "a stage the reply leaves out: 0");
	CHECK_STR(hoso_stage_column_get_title(column(cols, 5)),
	    "background verification (2)", "verifying (2)");
	CHECK_STR(hoso_stage_column_get_title(last), "on hold (1)",
	    "on hold (1)");
	char *label = NULL;
	g_object_get(course, "label", &label, NULL);
	CHECK_STR(label, "attending the awareness course", "property label");
	g_free(label);

	hoso_pipeline_columns_update(cols, &p);
	CHECK(title_notes == 1, "the same counts again: no notify");
	sc[0].count = 4;
	hoso_pipeline_columns_update(cols, &p);
	CHECK(title_notes == 2, "a new count: notify::title");
	CHECK_STR(hoso_stage_column_get_title(first), "identified (4)",
	    "the new count");
	hoso_pipeline_columns_update(cols, NULL);
	CHECK_STR(hoso_stage_column_get_title(first), "identified",
	    "counts unknown again: the label alone");
	CHECK(!hoso_stage_column_get_has_count(first), "has-count false");
	CHECK(hoso_pipeline_stage(99) == 0, "stage out of range: 0");

	g_object_unref(cols);
	return t_done();
}
