/* model-persons.c: candidates as list items (see model-persons.h). */
#include "hoso/client.h"
#include "model-persons.h"
#include "model-util.h"

struct _HosoPersonItem {
	GObject parent;
	guint64 id;
	char *name;
	char *born_text;
	int stage;
	char *since_text;
};

enum {
	PERSON_PROP_0,
	PERSON_PROP_ID,
	PERSON_PROP_NAME,
	PERSON_PROP_BORN_TEXT,
	PERSON_PROP_STAGE,
	PERSON_PROP_STAGE_TEXT,
	PERSON_PROP_SINCE_TEXT,
	PERSON_N_PROPS
};
static GParamSpec *person_props[PERSON_N_PROPS];

G_DEFINE_FINAL_TYPE(HosoPersonItem, hoso_person_item, G_TYPE_OBJECT)

static void
hoso_person_item_finalize(GObject *obj)
{
	HosoPersonItem *p = HOSO_PERSON_ITEM(obj);
	g_free(p->name);
	g_free(p->born_text);
	g_free(p->since_text);
	G_OBJECT_CLASS(hoso_person_item_parent_class)->finalize(obj);
}

static void
hoso_person_item_get_property(GObject *obj, guint id, GValue *v,
    GParamSpec *ps)
{
	HosoPersonItem *p = HOSO_PERSON_ITEM(obj);
	switch (id) {
	case PERSON_PROP_ID:
		g_value_set_uint64(v, p->id);
		break;
	case PERSON_PROP_NAME:
		g_value_set_string(v, p->name);
		break;
	case PERSON_PROP_BORN_TEXT:
		g_value_set_string(v, p->born_text);
		break;
	case PERSON_PROP_STAGE:
		g_value_set_int(v, p->stage);
		break;
	case PERSON_PROP_STAGE_TEXT:
		g_value_set_string(v, hoso_person_item_get_stage_text(p));
		break;
	case PERSON_PROP_SINCE_TEXT:
		g_value_set_string(v, p->since_text);
		break;
	default:
		G_OBJECT_WARN_INVALID_PROPERTY_ID(obj, id, ps);
	}
}

static void
hoso_person_item_class_init(HosoPersonItemClass *klass)
{
	GObjectClass *oc = G_OBJECT_CLASS(klass);
	GParamFlags f = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
	oc->finalize = hoso_person_item_finalize;
	oc->get_property = hoso_person_item_get_property;
	person_props[PERSON_PROP_ID] = g_param_spec_uint64("id", NULL, NULL,
	    0, G_MAXUINT64, 0, f);
	person_props[PERSON_PROP_NAME] = g_param_spec_string("name", NULL,
	    NULL, "", f);
	person_props[PERSON_PROP_BORN_TEXT] = g_param_spec_string("born-text",
	    NULL, NULL, "", f);
	person_props[PERSON_PROP_STAGE] = g_param_spec_int("stage", NULL,
	    NULL, 0, G_MAXINT, 0, f);
	person_props[PERSON_PROP_STAGE_TEXT] = g_param_spec_string(
	    "stage-text", NULL, NULL, "", f);
	person_props[PERSON_PROP_SINCE_TEXT] = g_param_spec_string(
	    "since-text", NULL, NULL, "", f);
	g_object_class_install_properties(oc, PERSON_N_PROPS, person_props);
}

static void
hoso_person_item_init(HosoPersonItem *p)
{
	(void)p;
}

HosoPersonItem *
hoso_person_item_new(const Hoso__Person *person)
{
	HosoPersonItem *p = g_object_new(HOSO_TYPE_PERSON_ITEM, NULL);
	p->id = person->id;
	p->name = g_strdup(person->name != NULL ? person->name : "");
	p->born_text = hoso_date_text(person->born);
	p->stage = person->stage;
	p->since_text = hoso_date_text(person->stage_since);
	return p;
}

guint64
hoso_person_item_get_id(HosoPersonItem *p)
{
	return p->id;
}

const char *
hoso_person_item_get_name(HosoPersonItem *p)
{
	return p->name;
}

const char *
hoso_person_item_get_born_text(HosoPersonItem *p)
{
	return p->born_text;
}

int
hoso_person_item_get_stage(HosoPersonItem *p)
{
	return p->stage;
}

const char *
hoso_person_item_get_stage_text(HosoPersonItem *p)
{
	return hoso_stage_text(p->stage);
}

const char *
hoso_person_item_get_since_text(HosoPersonItem *p)
{
	return p->since_text;
}

guint
hoso_person_store_append_page(GListStore *store, const Hoso__PersonPage *page)
{
	GPtrArray *items = g_ptr_array_new_with_free_func(g_object_unref);
	for (size_t i = 0; i < page->n_items; i++)
		if (page->items[i] != NULL)
			g_ptr_array_add(items,
			    hoso_person_item_new(page->items[i]));
	guint n = items->len;
	if (n > 0)
		g_list_store_splice(store,
		    g_list_model_get_n_items(G_LIST_MODEL(store)), 0,
		    items->pdata, n);
	g_ptr_array_unref(items);
	return n;
}
