/* test_model_persons.c: candidates as list items
 * (client/gtk/model-persons.c): dates dd/mm/yyyy, stage labels, pages
 * appended in one items-changed each; with the build's catalogues
 * ($HOSO_LOCALEDIR, as tests/run.sh sets it), stage labels in Vietnamese. */
#include <unistd.h>

#include "i18n.h"
#include "model_test.h"
#include "model-persons.h"
#include "model-util.h"

/* The stage label of p in Vietnamese, when the catalogue is there. */
static void
check_vietnamese(HosoPersonItem *p)
{
	const char *dir = getenv("HOSO_LOCALEDIR");
	char *mo = g_strdup_printf("%s/vi/LC_MESSAGES/hoso.mo",
	    dir != NULL ? dir : "");
	if (dir == NULL || access(mo, R_OK) != 0) {
		printf("# no Vietnamese catalogue at %s: not checked\n", mo);
		g_free(mo);
		return;
	}
	g_free(mo);
	setenv("LANGUAGE", "vi", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	i18n_init();
	const char *vi = hoso_person_item_get_stage_text(p);
	CHECK(*vi != '\0' && strcmp(vi, "background verification") != 0,
	    "stage label translated with LANGUAGE=vi: %s", vi);
}

int
main(void)
{
	model_test_english();
	Hoso__Person p[3];
	Hoso__Person *pp[3];
	for (int i = 0; i < 3; i++) {
		hoso__person__init(&p[i]);
		pp[i] = &p[i];
	}
	p[0].id = 11;
	p[0].name = "Nguyễn Văn An";
	p[0].born = "1990-03-05";
	p[0].stage = HOSO__STAGE__STAGE_VERIFYING;
	p[0].stage_since = "2026-01-20";
	p[1].id = 12;
	p[1].name = "Trần Thị Bích Ngọc";
	p[1].born = "";
	p[1].stage = HOSO__STAGE__STAGE_NONE;
	p[2].id = 13;
	p[2].name = "Lê Hoàng Minh";
	p[2].born = "05/03/1990";       /* not ISO: shown as it is */
	p[2].stage = HOSO__STAGE__STAGE_ON_HOLD;

	GListStore *store = g_list_store_new(HOSO_TYPE_PERSON_ITEM);
	struct changes ch;
	changes_watch(store, &ch);
	Hoso__PersonPage page = HOSO__PERSON_PAGE__INIT;
	page.items = pp;
	page.n_items = 2;
	CHECK(hoso_person_store_append_page(store, &page) == 2, "2 appended");
	CHECK(ch.n == 1 && ch.pos == 0 && ch.removed == 0 && ch.added == 2,
	    "one items-changed (0, 0, 2)");
	page.items = pp + 2;
	page.n_items = 1;
	hoso_person_store_append_page(store, &page);
	CHECK(ch.n == 2 && ch.pos == 2 && ch.removed == 0 && ch.added == 1,
	    "next page: items-changed (2, 0, 1)");
	page.n_items = 0;
	hoso_person_store_append_page(store, &page);
	CHECK(ch.n == 2, "an empty page changes nothing");

	HosoPersonItem *a = g_list_model_get_item(G_LIST_MODEL(store), 0);
	CHECK(hoso_person_item_get_id(a) == 11, "first keeps the page order");
	CHECK_STR(hoso_person_item_get_name(a), "Nguyễn Văn An", "name");
	CHECK_STR(hoso_person_item_get_born_text(a), "05/03/1990",
	    "born dd/mm/yyyy");
	CHECK(hoso_person_item_get_stage(a) == HOSO__STAGE__STAGE_VERIFYING,
	    "stage");
	CHECK_STR(hoso_person_item_get_stage_text(a),
	    "background verification", "stage label");
	CHECK_STR(hoso_person_item_get_since_text(a), "20/01/2026",
	    "since dd/mm/yyyy");
	char *s = NULL;
	g_object_get(a, "born-text", &s, NULL);
	CHECK_STR(s, "05/03/1990", "property born-text");
	g_free(s);
	g_object_get(a, "stage-text", &s, NULL);
	CHECK_STR(s, "background verification", "property stage-text");
	g_free(s);
	g_object_unref(a);

	HosoPersonItem *b = g_list_model_get_item(G_LIST_MODEL(store), 1);
	CHECK_STR(hoso_person_item_get_born_text(b), "", "no birth date: \"\"");
	CHECK_STR(hoso_person_item_get_stage_text(b), "", "no stage: \"\"");
	CHECK_STR(hoso_person_item_get_since_text(b), "", "no since: \"\"");
	g_object_unref(b);

	HosoPersonItem *c = g_list_model_get_item(G_LIST_MODEL(store), 2);
	CHECK_STR(hoso_person_item_get_born_text(c), "05/03/1990",
	    "a date not in ISO is shown as it is");
	CHECK_STR(hoso_person_item_get_stage_text(c), "on hold", "on hold");
	g_object_unref(c);

	HosoPersonItem *v = g_list_model_get_item(G_LIST_MODEL(store), 0);
	check_vietnamese(v);
	g_object_unref(v);

	char *t = hoso_date_text(NULL);
	CHECK_STR(t, "", "date text of NULL");
	g_free(t);
	t = hoso_date_text("2027-02-30");
	CHECK_STR(t, "2027-02-30", "no such day: as it is");
	g_free(t);

	g_object_unref(store);
	return t_done();
}
