/* model-units.c: organisation units for the sidebar (see model-units.h). */
#include <string.h>

#include "hoso/client.h"
#include "model-units.h"
#include "model-util.h"

struct _HosoUnitItem {
	GObject parent;
	guint64 id;
	guint64 parent_id;
	int kind;
	char *name;
	char *code;
};

enum {
	UNIT_PROP_0,
	UNIT_PROP_ID,
	UNIT_PROP_PARENT_ID,
	UNIT_PROP_KIND,
	UNIT_PROP_NAME,
	UNIT_PROP_CODE,
	UNIT_N_PROPS
};
static GParamSpec *unit_props[UNIT_N_PROPS];

G_DEFINE_FINAL_TYPE(HosoUnitItem, hoso_unit_item, G_TYPE_OBJECT)

static void
hoso_unit_item_finalize(GObject *obj)
{
	HosoUnitItem *u = HOSO_UNIT_ITEM(obj);
	g_free(u->name);
	g_free(u->code);
	G_OBJECT_CLASS(hoso_unit_item_parent_class)->finalize(obj);
}

static void
hoso_unit_item_get_property(GObject *obj, guint id, GValue *v,
    GParamSpec *ps)
{
	HosoUnitItem *u = HOSO_UNIT_ITEM(obj);
	switch (id) {
	case UNIT_PROP_ID:
		g_value_set_uint64(v, u->id);
		break;
	case UNIT_PROP_PARENT_ID:
		g_value_set_uint64(v, u->parent_id);
		break;
	case UNIT_PROP_KIND:
		g_value_set_int(v, u->kind);
		break;
	case UNIT_PROP_NAME:
		g_value_set_string(v, u->name);
		break;
	case UNIT_PROP_CODE:
		g_value_set_string(v, u->code);
		break;
	default:
		G_OBJECT_WARN_INVALID_PROPERTY_ID(obj, id, ps);
	}
}

static void
hoso_unit_item_class_init(HosoUnitItemClass *klass)
{
	GObjectClass *oc = G_OBJECT_CLASS(klass);
	GParamFlags f = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
	oc->finalize = hoso_unit_item_finalize;
	oc->get_property = hoso_unit_item_get_property;
	unit_props[UNIT_PROP_ID] = g_param_spec_uint64("id", NULL, NULL,
	    0, G_MAXUINT64, 0, f);
	unit_props[UNIT_PROP_PARENT_ID] = g_param_spec_uint64("parent-id",
	    NULL, NULL, 0, G_MAXUINT64, 0, f);
	unit_props[UNIT_PROP_KIND] = g_param_spec_int("kind", NULL, NULL,
	    0, G_MAXINT, 0, f);
	unit_props[UNIT_PROP_NAME] = g_param_spec_string("name", NULL, NULL,
	    "", f);
	unit_props[UNIT_PROP_CODE] = g_param_spec_string("code", NULL, NULL,
	    "", f);
	g_object_class_install_properties(oc, UNIT_N_PROPS, unit_props);
}

static void
hoso_unit_item_init(HosoUnitItem *u)
{
	(void)u;
}

HosoUnitItem *
hoso_unit_item_new(const Hoso__Org *org)
{
	HosoUnitItem *u = g_object_new(HOSO_TYPE_UNIT_ITEM, NULL);
	u->id = org->id;
	u->parent_id = org->parent_id;
	u->kind = org->kind;
	u->name = g_strdup(org->name != NULL ? org->name : "");
	u->code = g_strdup(org->code != NULL ? org->code : "");
	return u;
}

guint64
hoso_unit_item_get_id(HosoUnitItem *u)
{
	return u->id;
}

guint64
hoso_unit_item_get_parent_id(HosoUnitItem *u)
{
	return u->parent_id;
}

int
hoso_unit_item_get_kind(HosoUnitItem *u)
{
	return u->kind;
}

const char *
hoso_unit_item_get_name(HosoUnitItem *u)
{
	return u->name;
}

const char *
hoso_unit_item_get_code(HosoUnitItem *u)
{
	return u->code;
}

const char *
hoso_unit_item_get_kind_text(HosoUnitItem *u)
{
	return hoso_enum_text(hoso_org_kind_words, u->kind);
}

/* ---- the set of units ---------------------------------------------------- */

struct _HosoUnits {
	GObject parent;
	GHashTable *by_id;      /* guint64 * -> HosoUnitItem *, owned */
};

G_DEFINE_FINAL_TYPE(HosoUnits, hoso_units, G_TYPE_OBJECT)

static void
hoso_units_finalize(GObject *obj)
{
	HosoUnits *u = HOSO_UNITS(obj);
	g_hash_table_unref(u->by_id);
	G_OBJECT_CLASS(hoso_units_parent_class)->finalize(obj);
}

static void
hoso_units_class_init(HosoUnitsClass *klass)
{
	G_OBJECT_CLASS(klass)->finalize = hoso_units_finalize;
}

static void
hoso_units_init(HosoUnits *u)
{
	u->by_id = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL,
	    g_object_unref);
}

HosoUnits *
hoso_units_new(void)
{
	return g_object_new(HOSO_TYPE_UNITS, NULL);
}

void
hoso_units_add_page(HosoUnits *u, const Hoso__OrgPage *page)
{
	for (size_t i = 0; i < page->n_items; i++) {
		if (page->items[i] == NULL || page->items[i]->id == 0)
			continue;
		HosoUnitItem *item = hoso_unit_item_new(page->items[i]);
		/* The key points into the value, so it lives as long. */
		g_hash_table_replace(u->by_id, &item->id, item);
	}
}

guint
hoso_units_count(HosoUnits *u)
{
	return g_hash_table_size(u->by_id);
}

HosoUnitItem *
hoso_units_lookup(HosoUnits *u, guint64 id)
{
	return g_hash_table_lookup(u->by_id, &id);
}

/* Where a kind sorts among siblings: wards and cells before police. */
static int
units_kind_rank(int kind)
{
	switch (kind) {
	case HOSO__ORG_KIND__ORG_DISTRICT:
		return 0;
	case HOSO__ORG_KIND__ORG_WARD:
		return 1;
	case HOSO__ORG_KIND__ORG_CELL:
		return 2;
	case HOSO__ORG_KIND__ORG_POLICE:
		return 3;
	default:
		return 4;
	}
}

static int
units_compare(gconstpointer pa, gconstpointer pb, gpointer data)
{
	HosoUnitItem *a = HOSO_UNIT_ITEM((gpointer)pa);
	HosoUnitItem *b = HOSO_UNIT_ITEM((gpointer)pb);
	int c;
	(void)data;
	if ((c = units_kind_rank(a->kind) - units_kind_rank(b->kind)) != 0)
		return c;
	if ((c = strcmp(a->code, b->code)) != 0)
		return c;
	if ((c = g_utf8_collate(a->name, b->name)) != 0)
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Whether item is a child of parent_id in the sense of
 * hoso_units_children. */
static gboolean
units_is_child(HosoUnits *u, HosoUnitItem *item, guint64 parent_id)
{
	if (parent_id != 0)
		return item->parent_id == parent_id && item->id != parent_id;
	return item->parent_id == 0 ||
	    g_hash_table_lookup(u->by_id, &item->parent_id) == NULL;
}

GListModel *
hoso_units_children(HosoUnits *u, guint64 parent_id)
{
	GListStore *store = NULL;
	GHashTableIter it;
	gpointer value;
	g_hash_table_iter_init(&it, u->by_id);
	while (g_hash_table_iter_next(&it, NULL, &value)) {
		if (!units_is_child(u, value, parent_id))
			continue;
		if (store == NULL)
			store = g_list_store_new(HOSO_TYPE_UNIT_ITEM);
		g_list_store_insert_sorted(store, value, units_compare, NULL);
	}
	return store != NULL ? G_LIST_MODEL(store) : NULL;
}

gboolean
hoso_units_has_children(HosoUnits *u, guint64 id)
{
	GHashTableIter it;
	gpointer value;
	g_hash_table_iter_init(&it, u->by_id);
	while (g_hash_table_iter_next(&it, NULL, &value))
		if (units_is_child(u, value, id))
			return TRUE;
	return FALSE;
}

GArray *
hoso_units_path(HosoUnits *u, guint64 id)
{
	GArray *path = g_array_new(FALSE, FALSE, sizeof(guint64));
	HosoUnitItem *item = hoso_units_lookup(u, id);
	guint guard = hoso_units_count(u);
	/* guard: a parent loop in bad data must not hang the GUI. */
	while (item != NULL && guard-- > 0) {
		g_array_prepend_val(path, item->id);
		if (item->parent_id == 0 || item->parent_id == item->id)
			break;
		item = hoso_units_lookup(u, item->parent_id);
	}
	return path;
}
