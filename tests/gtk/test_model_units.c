/* test_model_units.c: the sidebar's units (client/gtk/model-units.c): the
 * tree from OrgList pages, siblings' order, roots when the top unit is not
 * visible, paths, replacement by id. */
#include "model_test.h"
#include "model-units.h"

static Hoso__Org orgs[8];
static Hoso__Org *org_ptrs[8];

static void
org_set(int i, uint64_t id, Hoso__OrgKind kind, const char *code,
    const char *name, uint64_t parent)
{
	hoso__org__init(&orgs[i]);
	orgs[i].id = id;
	orgs[i].kind = kind;
	orgs[i].code = (char *)code;
	orgs[i].name = (char *)name;
	orgs[i].parent_id = parent;
	org_ptrs[i] = &orgs[i];
}

/* The ids of a list of units, "1,2,3". */
static char *
ids(GListModel *m)
{
	GString *s = g_string_new("");
	guint n = m != NULL ? g_list_model_get_n_items(m) : 0;
	for (guint i = 0; i < n; i++) {
		HosoUnitItem *u = g_list_model_get_item(m, i);
		g_string_append_printf(s, "%s%" G_GUINT64_FORMAT,
		    i ? "," : "", hoso_unit_item_get_id(u));
		g_object_unref(u);
	}
	return g_string_free(s, FALSE);
}

static void
check_children(HosoUnits *u, guint64 parent, const char *want,
    const char *what)
{
	GListModel *m = hoso_units_children(u, parent);
	char *got = ids(m);
	CHECK_STR(got, want, "%s", what);
	g_free(got);
	if (m != NULL)
		g_object_unref(m);
}

int
main(void)
{
	model_test_english();
	/* Listed in no particular order, as pages may come. */
	org_set(0, 6, HOSO__ORG_KIND__ORG_CELL, "CB-P02-01",
	    "Chi bộ khu phố 1", 3);
	org_set(1, 2, HOSO__ORG_KIND__ORG_WARD, "P01", "Phường Bến Nghé", 1);
	org_set(2, 7, HOSO__ORG_KIND__ORG_POLICE, "CA-P01",
	    "Công an phường Bến Nghé", 2);
	org_set(3, 5, HOSO__ORG_KIND__ORG_CELL, "CB-P01-02",
	    "Chi bộ khu phố 2", 2);
	org_set(4, 1, HOSO__ORG_KIND__ORG_DISTRICT, "Q1", "Quận 1", 0);
	org_set(5, 4, HOSO__ORG_KIND__ORG_CELL, "CB-P01-01",
	    "Chi bộ khu phố 1", 2);
	org_set(6, 3, HOSO__ORG_KIND__ORG_WARD, "P02", "Phường Đa Kao", 1);

	Hoso__OrgPage page = HOSO__ORG_PAGE__INIT;
	page.items = org_ptrs;
	page.n_items = 4;
	HosoUnits *u = hoso_units_new();
	hoso_units_add_page(u, &page);
	CHECK(hoso_units_count(u) == 4, "first page: 4 units");
	/* Without the district, ward 2 is a root, as is cell 6 (ward 3
	 * unknown yet). */
	check_children(u, 0, "2,6", "roots: units whose parent is not known");

	page.items = org_ptrs + 4;
	page.n_items = 3;
	hoso_units_add_page(u, &page);
	CHECK(hoso_units_count(u) == 7, "second page: 7 units");
	check_children(u, 0, "1", "root: the district");
	check_children(u, 1, "2,3", "the district's wards, by code");
	check_children(u, 2, "4,5,7", "a ward: cells by code, then police");
	check_children(u, 3, "6", "the other ward's cell");
	GListModel *leaf = hoso_units_children(u, 4);
	CHECK(leaf == NULL, "a cell has no children: NULL");
	CHECK(hoso_units_has_children(u, 2), "ward has children");
	CHECK(!hoso_units_has_children(u, 5), "cell has none");

	HosoUnitItem *it = hoso_units_lookup(u, 5);
	CHECK(it != NULL, "lookup 5");
	CHECK_STR(hoso_unit_item_get_name(it), "Chi bộ khu phố 2", "name");
	CHECK_STR(hoso_unit_item_get_code(it), "CB-P01-02", "code");
	CHECK(hoso_unit_item_get_parent_id(it) == 2, "parent id");
	CHECK(hoso_unit_item_get_kind(it) == HOSO__ORG_KIND__ORG_CELL, "kind");
	CHECK_STR(hoso_unit_item_get_kind_text(it), "cell", "kind text");
	CHECK(hoso_units_lookup(u, 99) == NULL, "lookup of an unknown id");

	GArray *path = hoso_units_path(u, 5);
	CHECK(path->len == 3 && g_array_index(path, guint64, 0) == 1 &&
	    g_array_index(path, guint64, 1) == 2 &&
	    g_array_index(path, guint64, 2) == 5, "path 1 > 2 > 5");
	g_array_unref(path);
	path = hoso_units_path(u, 99);
	CHECK(path->len == 0, "no path to an unknown unit");
	g_array_unref(path);

	/* The same id again replaces the unit (renamed on the server). */
	Hoso__Org renamed;
	Hoso__Org *rp = &renamed;
	hoso__org__init(&renamed);
	renamed = orgs[3];
	renamed.name = "Chi bộ khu phố 2A";
	page.items = &rp;
	page.n_items = 1;
	hoso_units_add_page(u, &page);
	CHECK(hoso_units_count(u) == 7, "replaced, not added");
	CHECK_STR(hoso_unit_item_get_name(hoso_units_lookup(u, 5)),
	    "Chi bộ khu phố 2A", "the new name");

	/* A parent loop in bad data does not hang. */
	orgs[0].parent_id = 6;
	page.items = org_ptrs;
	page.n_items = 1;
	hoso_units_add_page(u, &page);
	path = hoso_units_path(u, 6);
	CHECK(path->len == 1, "a unit that is its own parent: path of one");
	g_array_unref(path);

	g_object_unref(u);
	return t_done();
}
