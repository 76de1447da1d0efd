/* model-quota.c: quota rows flattened from a QuotaReport (see
 * model-quota.h). */
#include "i18n.h"
#include "model-quota.h"

/* Reports nest units below units; deeper trees than this are cut. */
#define QUOTA_MAX_DEPTH 16

enum {
	QUOTA_PROP_0,
	QUOTA_PROP_ORG_ID,
	QUOTA_PROP_NAME,
	QUOTA_PROP_PERIOD,
	QUOTA_PROP_DEPTH,
	QUOTA_PROP_ADMITTED,
	QUOTA_PROP_TARGET,
	QUOTA_PROP_FRACTION,
	QUOTA_PROP_PROGRESS_TEXT,
	QUOTA_PROP_FUNNEL_TEXT,
	QUOTA_N_PROPS
};
static GParamSpec *quota_props[QUOTA_N_PROPS];

G_DEFINE_FINAL_TYPE(HosoQuotaItem, hoso_quota_item, G_TYPE_OBJECT)

static void
hoso_quota_item_finalize(GObject *obj)
{
	HosoQuotaItem *q = HOSO_QUOTA_ITEM(obj);
	g_free(q->name);
	g_free(q->period);
	g_free(q->progress_text);
	g_free(q->funnel_text);
	G_OBJECT_CLASS(hoso_quota_item_parent_class)->finalize(obj);
}

static void
hoso_quota_item_get_property(GObject *obj, guint id, GValue *v,
    GParamSpec *ps)
{
	HosoQuotaItem *q = HOSO_QUOTA_ITEM(obj);
	switch (id) {
	case QUOTA_PROP_ORG_ID:
		g_value_set_uint64(v, q->org_id);
		break;
	case QUOTA_PROP_NAME:
		g_value_set_string(v, q->name);
		break;
	case QUOTA_PROP_PERIOD:
		g_value_set_string(v, q->period);
		break;
	case QUOTA_PROP_DEPTH:
		g_value_set_uint(v, q->depth);
		break;
	case QUOTA_PROP_ADMITTED:
		g_value_set_uint(v, q->admitted);
		break;
	case QUOTA_PROP_TARGET:
		g_value_set_uint(v, q->target);
		break;
	case QUOTA_PROP_FRACTION:
		g_value_set_double(v, q->fraction);
		break;
	case QUOTA_PROP_PROGRESS_TEXT:
		g_value_set_string(v, q->progress_text);
		break;
	case QUOTA_PROP_FUNNEL_TEXT:
		g_value_set_string(v, q->funnel_text);
		break;
	default:
		G_OBJECT_WARN_INVALID_PROPERTY_ID(obj, id, ps);
	}
}

static void
hoso_quota_item_class_init(HosoQuotaItemClass *klass)
{
	GObjectClass *oc = G_OBJECT_CLASS(klass);
	GParamFlags f = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
	oc->finalize = hoso_quota_item_finalize;
	oc->get_property = hoso_quota_item_get_property;
	quota_props[QUOTA_PROP_ORG_ID] = g_param_spec_uint64("org-id", NULL,
	    NULL, 0, G_MAXUINT64, 0, f);
	quota_props[QUOTA_PROP_NAME] = g_param_spec_string("name", NULL, NULL,
	    "", f);
	quota_props[QUOTA_PROP_PERIOD] = g_param_spec_string("period", NULL,
	    NULL, "", f);
	quota_props[QUOTA_PROP_DEPTH] = g_param_spec_uint("depth", NULL, NULL,
	    0, G_MAXUINT, 0, f);
	quota_props[QUOTA_PROP_ADMITTED] = g_param_spec_uint("admitted", NULL,
	    NULL, 0, G_MAXUINT, 0, f);
	quota_props[QUOTA_PROP_TARGET] = g_param_spec_uint("target", NULL,
	    NULL, 0, G_MAXUINT, 0, f);
	quota_props[QUOTA_PROP_FRACTION] = g_param_spec_double("fraction",
	    NULL, NULL, 0.0, 1.0, 0.0, f);
	quota_props[QUOTA_PROP_PROGRESS_TEXT] = g_param_spec_string(
	    "progress-text", NULL, NULL, "", f);
	quota_props[QUOTA_PROP_FUNNEL_TEXT] = g_param_spec_string(
	    "funnel-text", NULL, NULL, "", f);
	g_object_class_install_properties(oc, QUOTA_N_PROPS, quota_props);
}

static void
hoso_quota_item_init(HosoQuotaItem *q)
{
	(void)q;
}

static HosoQuotaItem *
quota_item_new(const Hoso__QuotaReport *r, guint depth)
{
	HosoQuotaItem *q = g_object_new(HOSO_TYPE_QUOTA_ITEM, NULL);
	const Hoso__Funnel *f = r->funnel;
	q->org_id = r->org_id;
	q->name = g_strdup(r->org_name ? r->org_name : "");
	q->period = g_strdup(r->period ? r->period : "");
	q->depth = depth;
	q->admitted = r->admitted;
	q->target = r->target;
	q->course_target = r->course_target;
	if (r->target > 0) {
		q->fraction = (double)r->admitted / r->target;
		if (q->fraction > 1.0)
			q->fraction = 1.0;
		q->progress_text = g_strdup_printf(_("%u/%u (%.0f%%)"),
		    r->admitted, r->target, r->percent);
	} else {
		q->fraction = 0.0;
		q->progress_text = g_strdup_printf(
		    _("%u admitted, no target set"), r->admitted);
	}
	if (f != NULL) {
		q->identified = f->identified;
		q->in_course = f->in_course;
		q->course_passed = f->course_passed;
		q->funnel_admitted = f->admitted;
	}
	q->funnel_text = g_strdup_printf(_("Funnel: %u identified, %u in the "
	    "course, %u passed the course, %u admitted"), q->identified,
	    q->in_course, q->course_passed, q->funnel_admitted);
	return q;
}

/* Append r and everything below it, depth first. */
static void
quota_add(GListStore *store, const Hoso__QuotaReport *r, guint depth)
{
	HosoQuotaItem *q = quota_item_new(r, depth);
	g_list_store_append(store, q);
	g_object_unref(q);
	if (depth >= QUOTA_MAX_DEPTH)
		return;
	for (size_t i = 0; i < r->n_children; i++)
		quota_add(store, r->children[i], depth + 1);
}

GListModel *
hoso_quota_model_new(const Hoso__QuotaReport *r)
{
	GListStore *store = g_list_store_new(HOSO_TYPE_QUOTA_ITEM);
	if (r != NULL)
		quota_add(store, r, 0);
	return G_LIST_MODEL(store);
}
