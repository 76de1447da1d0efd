/* test_model_quota.c: the quotas view's rows (client/gtk/model-quota.c)
 * from a QuotaReport tree built by hand: depth-first flattening with
 * depths, the progress text and its fraction (clamped to 1), the text
 * without a target, and the funnel's numbers and words.  Runs with
 * LANGUAGE=C, so texts are the English msgids. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "model_test.h"
#include "model-quota.h"

/* A report node for the tests. */
static Hoso__QuotaReport
node(uint64_t id, const char *name, uint32_t target, uint32_t admitted,
    double percent, Hoso__Funnel *f)
{
	Hoso__QuotaReport r = HOSO__QUOTA_REPORT__INIT;
	r.org_id = id;
	r.org_name = (char *)name;
	r.period = "2026";
	r.target = target;
	r.admitted = admitted;
	r.percent = percent;
	r.funnel = f;
	return r;
}

static void
test_tree(void)
{
	Hoso__Funnel fw = HOSO__FUNNEL__INIT, f1 = HOSO__FUNNEL__INIT;
	fw.identified = 12;
	fw.in_course = 8;
	fw.course_passed = 6;
	fw.admitted = 3;
	f1.identified = 5;
	f1.admitted = 4;
	Hoso__QuotaReport c1 = node(5, "Chi bộ Khu phố 1", 3, 4, 133.3, &f1);
	Hoso__QuotaReport c2 = node(6, "Chi bộ Khu phố 2", 0, 2, 0, NULL);
	Hoso__QuotaReport *cells[] = { &c1, &c2 };
	Hoso__QuotaReport ward = node(2, "Đảng ủy Phường 1", 8, 6, 75.0, &fw);
	ward.children = cells;
	ward.n_children = 2;
	Hoso__QuotaReport *wards[] = { &ward };
	Hoso__QuotaReport top = node(1, "Quận ủy Hòa An", 40, 6, 15.0, NULL);
	top.children = wards;
	top.n_children = 1;

	GListModel *m = hoso_quota_model_new(&top);
	CHECK(g_list_model_get_n_items(m) == 4, "the unit and all below it");
	HosoQuotaItem *t = nth(m, 0), *w = nth(m, 1), *a = nth(m, 2),
	    *b = nth(m, 3);
	CHECK(t->depth == 0 && w->depth == 1 && a->depth == 2 &&
	    b->depth == 2, "depth first, with depths");
	CHECK(t->org_id == 1 && w->org_id == 2 && a->org_id == 5 &&
	    b->org_id == 6, "in the server's order");
	CHECK_STR(w->name, "Đảng ủy Phường 1", "the unit's name");
	CHECK_STR(w->period, "2026", "the period");
	CHECK_STR(w->progress_text, "6/8 (75%)", "admitted/target (percent)");
	CHECK(fabs(w->fraction - 0.75) < 1e-9, "fraction admitted/target");
	CHECK_STR(t->progress_text, "6/40 (15%)", "the top unit's progress");
	CHECK_STR(a->progress_text, "4/3 (133%)",
	    "over the target: the percent as the server says");
	CHECK(a->fraction == 1.0, "the fraction is clamped to 1");
	CHECK_STR(b->progress_text, "2 admitted, no target set",
	    "no target: says so");
	CHECK(b->fraction == 0.0, "no target: an empty bar");
	CHECK(w->identified == 12 && w->in_course == 8 &&
	    w->course_passed == 6 && w->funnel_admitted == 3,
	    "the funnel's numbers");
	CHECK_STR(w->funnel_text, "Funnel: 12 identified, 8 in the course, "
	    "6 passed the course, 3 admitted", "the funnel in words");
	CHECK(b->identified == 0 && b->funnel_admitted == 0,
	    "no funnel: zeros");
	char *txt = NULL;
	double frac = 0;
	g_object_get(w, "progress-text", &txt, "fraction", &frac, NULL);
	CHECK(txt && strcmp(txt, "6/8 (75%)") == 0 && fabs(frac - 0.75) < 1e-9,
	    "fields are properties too");
	g_free(txt);
	g_object_unref(m);

	m = hoso_quota_model_new(NULL);
	CHECK(g_list_model_get_n_items(m) == 0, "no report, no rows");
	g_object_unref(m);
}

int
main(void)
{
	model_test_english();
	test_tree();
	return t_done();
}
