/* model-alerts.c: the unacknowledged alerts (see model-alerts.h). */
#include <stdlib.h>
#include <string.h>

#include "hoso/client.h"
#include "i18n.h"
#include "model-alerts.h"
#include "model-util.h"

/* The kinds of alert the server raises, their words for people and the
 * CSS class of their colour (client/gtk/style.c). */
static const struct {
	const char *kind;
	const char *label;
	const char *css;
} alert_kinds[] = {
	{ "overdue", N_("overdue"), "overdue" },
	{ "due-soon", N_("due soon"), "due-soon" },
	{ "digest", N_("digest"), "" },
};

struct _HosoAlertItem {
	GObject parent;
	guint64 id;
	gint64 raised_at;
	char *text;
	char *kind;
	char *due_text;
	char *raised_text;
	guint64 person_id;
	gboolean acked;
	gboolean pushed;        /* came in an Event */
	guint serial;           /* pushed: the list's serial then */
};

enum {
	ALERT_PROP_0,
	ALERT_PROP_ID,
	ALERT_PROP_TEXT,
	ALERT_PROP_KIND,
	ALERT_PROP_KIND_TEXT,
	ALERT_PROP_CSS_CLASS,
	ALERT_PROP_DUE_TEXT,
	ALERT_PROP_PERSON_ID,
	ALERT_N_PROPS
};
static GParamSpec *alert_props[ALERT_N_PROPS];

G_DEFINE_FINAL_TYPE(HosoAlertItem, hoso_alert_item, G_TYPE_OBJECT)

static void
hoso_alert_item_finalize(GObject *obj)
{
	HosoAlertItem *a = HOSO_ALERT_ITEM(obj);
	g_free(a->text);
	g_free(a->kind);
	g_free(a->due_text);
	g_free(a->raised_text);
	G_OBJECT_CLASS(hoso_alert_item_parent_class)->finalize(obj);
}

static void
hoso_alert_item_get_property(GObject *obj, guint id, GValue *v,
    GParamSpec *ps)
{
	HosoAlertItem *a = HOSO_ALERT_ITEM(obj);
	switch (id) {
	case ALERT_PROP_ID:
		g_value_set_uint64(v, a->id);
		break;
	case ALERT_PROP_TEXT:
		g_value_set_string(v, a->text);
		break;
	case ALERT_PROP_KIND:
		g_value_set_string(v, a->kind);
		break;
	case ALERT_PROP_KIND_TEXT:
		g_value_set_string(v, hoso_alert_item_get_kind_text(a));
		break;
	case ALERT_PROP_CSS_CLASS:
		g_value_set_string(v, hoso_alert_item_get_css_class(a));
		break;
	case ALERT_PROP_DUE_TEXT:
		g_value_set_string(v, a->due_text);
		break;
	case ALERT_PROP_PERSON_ID:
		g_value_set_uint64(v, a->person_id);
		break;
	default:
		G_OBJECT_WARN_INVALID_PROPERTY_ID(obj, id, ps);
	}
}

static void
hoso_alert_item_class_init(HosoAlertItemClass *klass)
{
	GObjectClass *oc = G_OBJECT_CLASS(klass);
	GParamFlags f = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
	oc->finalize = hoso_alert_item_finalize;
	oc->get_property = hoso_alert_item_get_property;
	alert_props[ALERT_PROP_ID] = g_param_spec_uint64("id", NULL, NULL,
	    0, G_MAXUINT64, 0, f);
	alert_props[ALERT_PROP_TEXT] = g_param_spec_string("text", NULL, NULL,
	    "", f);
	alert_props[ALERT_PROP_KIND] = g_param_spec_string("kind", NULL, NULL,
	    "", f);
	alert_props[ALERT_PROP_KIND_TEXT] = g_param_spec_string("kind-text",
	    NULL, NULL, "", f);
	alert_props[ALERT_PROP_CSS_CLASS] = g_param_spec_string("css-class",
	    NULL, NULL, "", f);
	alert_props[ALERT_PROP_DUE_TEXT] = g_param_spec_string("due-text",
	    NULL, NULL, "", f);
	alert_props[ALERT_PROP_PERSON_ID] = g_param_spec_uint64("person-id",
	    NULL, NULL, 0, G_MAXUINT64, 0, f);
	g_object_class_install_properties(oc, ALERT_N_PROPS, alert_props);
}

static void
hoso_alert_item_init(HosoAlertItem *a)
{
	(void)a;
}

HosoAlertItem *
hoso_alert_item_new(const Hoso__Alert *al)
{
	HosoAlertItem *a = g_object_new(HOSO_TYPE_ALERT_ITEM, NULL);
	a->id = al->id;
	a->raised_at = al->raised_at;
	char *text = hoso_message_text(al->message_format, al->message_args,
	    al->n_message_args, al->message);
	a->text = g_strdup(text != NULL ? text : "");
	free(text);
	a->kind = g_strdup(al->kind != NULL ? al->kind : "");
	a->due_text = hoso_date_text(al->due);
	a->raised_text = hoso_instant_text(al->raised_at);
	a->person_id = al->person_id;
	a->acked = al->acked_at != 0;
	return a;
}

guint64
hoso_alert_item_get_id(HosoAlertItem *a)
{
	return a->id;
}

const char *
hoso_alert_item_get_text(HosoAlertItem *a)
{
	return a->text;
}

const char *
hoso_alert_item_get_kind(HosoAlertItem *a)
{
	return a->kind;
}

const char *
hoso_alert_item_get_kind_text(HosoAlertItem *a)
{
	for (size_t i = 0; i < G_N_ELEMENTS(alert_kinds); i++)
		if (strcmp(a->kind, alert_kinds[i].kind) == 0)
			return _(alert_kinds[i].label);
	return a->kind;
}

const char *
hoso_alert_item_get_css_class(HosoAlertItem *a)
{
	for (size_t i = 0; i < G_N_ELEMENTS(alert_kinds); i++)
		if (strcmp(a->kind, alert_kinds[i].kind) == 0)
			return alert_kinds[i].css;
	return "";
}

const char *
hoso_alert_item_get_due_text(HosoAlertItem *a)
{
	return a->due_text;
}

const char *
hoso_alert_item_get_raised_text(HosoAlertItem *a)
{
	return a->raised_text;
}

guint64
hoso_alert_item_get_person_id(HosoAlertItem *a)
{
	return a->person_id;
}

gboolean
hoso_alert_item_get_acked(HosoAlertItem *a)
{
	return a->acked;
}

/* ---- the list -------------------------------------------------------------- */

struct _HosoAlertList {
	GObject parent;
	GPtrArray *items;       /* HosoAlertItem *, newest first, owned */
	guint serial;
};

enum {
	LIST_PROP_0,
	LIST_PROP_N_UNACKED,
	LIST_N_PROPS
};
static GParamSpec *list_props[LIST_N_PROPS];

static void hoso_alert_list_model_init(GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE(HosoAlertList, hoso_alert_list, G_TYPE_OBJECT,
    G_IMPLEMENT_INTERFACE(G_TYPE_LIST_MODEL, hoso_alert_list_model_init))

static GType
alert_list_get_item_type(GListModel *m)
{
	(void)m;
	return HOSO_TYPE_ALERT_ITEM;
}

static guint
alert_list_get_n_items(GListModel *m)
{
	return HOSO_ALERT_LIST(m)->items->len;
}

static gpointer
alert_list_get_item(GListModel *m, guint pos)
{
	HosoAlertList *l = HOSO_ALERT_LIST(m);
	if (pos >= l->items->len)
		return NULL;
	return g_object_ref(g_ptr_array_index(l->items, pos));
}

static void
hoso_alert_list_model_init(GListModelInterface *iface)
{
	iface->get_item_type = alert_list_get_item_type;
	iface->get_n_items = alert_list_get_n_items;
	iface->get_item = alert_list_get_item;
}

static void
hoso_alert_list_finalize(GObject *obj)
{
	g_ptr_array_unref(HOSO_ALERT_LIST(obj)->items);
	G_OBJECT_CLASS(hoso_alert_list_parent_class)->finalize(obj);
}

static void
hoso_alert_list_get_property(GObject *obj, guint id, GValue *v,
    GParamSpec *ps)
{
	switch (id) {
	case LIST_PROP_N_UNACKED:
		g_value_set_uint(v,
		    hoso_alert_list_get_n_unacked(HOSO_ALERT_LIST(obj)));
		break;
	default:
		G_OBJECT_WARN_INVALID_PROPERTY_ID(obj, id, ps);
	}
}

static void
hoso_alert_list_class_init(HosoAlertListClass *klass)
{
	GObjectClass *oc = G_OBJECT_CLASS(klass);
	oc->finalize = hoso_alert_list_finalize;
	oc->get_property = hoso_alert_list_get_property;
	list_props[LIST_PROP_N_UNACKED] = g_param_spec_uint("n-unacked", NULL,
	    NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
	g_object_class_install_properties(oc, LIST_N_PROPS, list_props);
}

static void
hoso_alert_list_init(HosoAlertList *l)
{
	l->items = g_ptr_array_new_with_free_func(g_object_unref);
}

HosoAlertList *
hoso_alert_list_new(void)
{
	return g_object_new(HOSO_TYPE_ALERT_LIST, NULL);
}

/* Whether a comes before b: newest first, then the higher id. */
static gboolean
alert_before(const HosoAlertItem *a, const HosoAlertItem *b)
{
	if (a->raised_at != b->raised_at)
		return a->raised_at > b->raised_at;
	return a->id > b->id;
}

static int
alert_cmp(gconstpointer pa, gconstpointer pb)
{
	const HosoAlertItem *a = *(HosoAlertItem *const *)pa;
	const HosoAlertItem *b = *(HosoAlertItem *const *)pb;
	if (a == b)
		return 0;
	return alert_before(a, b) ? -1 : 1;
}

/* The position of id in the list, or -1. */
static int
alert_list_find(HosoAlertList *l, guint64 id)
{
	for (guint i = 0; i < l->items->len; i++)
		if (((HosoAlertItem *)g_ptr_array_index(l->items, i))->id == id)
			return (int)i;
	return -1;
}

/* Say that the list changed at pos. */
static void
alert_list_changed(HosoAlertList *l, guint pos, guint removed, guint added)
{
	g_list_model_items_changed(G_LIST_MODEL(l), pos, removed, added);
	if (removed != added)
		g_object_notify_by_pspec(G_OBJECT(l),
		    list_props[LIST_PROP_N_UNACKED]);
}

/* Insert item (taking the reference) at its place; returns the place. */
static guint
alert_list_insert(HosoAlertList *l, HosoAlertItem *item)
{
	guint pos = 0;
	while (pos < l->items->len &&
	    alert_before(g_ptr_array_index(l->items, pos), item))
		pos++;
	g_ptr_array_insert(l->items, (int)pos, item);
	return pos;
}

void
hoso_alert_list_add_page(HosoAlertList *l, const Hoso__AlertPage *page)
{
	for (size_t i = 0; i < page->n_items; i++) {
		const Hoso__Alert *a = page->items[i];
		if (a == NULL || a->acked_at != 0 ||
		    alert_list_find(l, a->id) >= 0)
			continue;
		guint pos = alert_list_insert(l, hoso_alert_item_new(a));
		alert_list_changed(l, pos, 0, 1);
	}
}

guint
hoso_alert_list_mark(HosoAlertList *l)
{
	return ++l->serial;
}

static guint64
alert_id_at(GPtrArray *a, guint i)
{
	return ((HosoAlertItem *)g_ptr_array_index(a, i))->id;
}

/* next[j] becomes the item old[i] (the same alert): its row stays. */
static void
alert_keep(GPtrArray *old, guint i, GPtrArray *next, guint j)
{
	g_object_unref(g_ptr_array_index(next, j));
	g_ptr_array_index(next, j) = g_object_ref(g_ptr_array_index(old, i));
}

void
hoso_alert_list_replace(HosoAlertList *l, const Hoso__AlertPage *page,
    guint mark)
{
	GPtrArray *next = g_ptr_array_new_with_free_func(g_object_unref);
	GHashTable *seen = g_hash_table_new(g_int64_hash, g_int64_equal);
	for (size_t i = 0; i < page->n_items; i++) {
		const Hoso__Alert *a = page->items[i];
		if (a == NULL || a->acked_at != 0 ||
		    g_hash_table_contains(seen, &a->id))
			continue;
		HosoAlertItem *item = hoso_alert_item_new(a);
		g_hash_table_add(seen, &item->id);
		g_ptr_array_add(next, item);
	}
	for (guint i = 0; i < l->items->len; i++) {
		HosoAlertItem *item = g_ptr_array_index(l->items, i);
		if (item->pushed && item->serial >= mark &&
		    !g_hash_table_contains(seen, &item->id))
			g_ptr_array_add(next, g_object_ref(item));
	}
	g_hash_table_unref(seen);
	g_ptr_array_sort(next, alert_cmp);
	/* Keep the rows that stay: the same alerts at the start and at the
	 * end keep their items, and items-changed covers only the middle, so
	 * a reload that finds nothing new leaves the list (and the rows a
	 * person or a screen reader is on) alone. */
	GPtrArray *old = l->items;
	guint p = 0, q = 0;
	while (p < old->len && p < next->len &&
	    alert_id_at(old, p) == alert_id_at(next, p)) {
		alert_keep(old, p, next, p);
		p++;
	}
	while (q < old->len - p && q < next->len - p &&
	    alert_id_at(old, old->len - 1 - q) ==
	    alert_id_at(next, next->len - 1 - q)) {
		alert_keep(old, old->len - 1 - q, next, next->len - 1 - q);
		q++;
	}
	guint removed = old->len - p - q, added = next->len - p - q;
	l->items = next;
	g_ptr_array_unref(old);
	if (removed != 0 || added != 0)
		alert_list_changed(l, p, removed, added);
}

HosoAlertItem *
hoso_alert_list_add_event(HosoAlertList *l, const Hoso__Event *ev)
{
	if (ev == NULL || ev->alert == NULL || ev->alert->acked_at != 0 ||
	    alert_list_find(l, ev->alert->id) >= 0)
		return NULL;
	HosoAlertItem *item = hoso_alert_item_new(ev->alert);
	item->pushed = TRUE;
	item->serial = l->serial;
	guint pos = alert_list_insert(l, item);
	alert_list_changed(l, pos, 0, 1);
	return item;
}

gboolean
hoso_alert_list_remove(HosoAlertList *l, guint64 id)
{
	int pos = alert_list_find(l, id);
	if (pos < 0)
		return FALSE;
	g_ptr_array_remove_index(l->items, (guint)pos);
	alert_list_changed(l, (guint)pos, 1, 0);
	return TRUE;
}

HosoAlertItem *
hoso_alert_list_lookup(HosoAlertList *l, guint64 id)
{
	int pos = alert_list_find(l, id);
	return pos < 0 ? NULL : g_ptr_array_index(l->items, pos);
}

guint
hoso_alert_list_get_n_unacked(HosoAlertList *l)
{
	return l->items->len;
}
