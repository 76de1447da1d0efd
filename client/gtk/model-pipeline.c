/* model-pipeline.c: the pipeline board's columns (see model-pipeline.h). */
#include "hoso/client.h"
#include "i18n.h"
#include "model-pipeline.h"
#include "model-util.h"

/* The board's stages, in the order a file goes through them. */
static const int pipeline_stages[] = {
	HOSO__STAGE__STAGE_IDENTIFIED,
	HOSO__STAGE__STAGE_IN_COURSE,
	HOSO__STAGE__STAGE_COURSE_PASSED,
	HOSO__STAGE__STAGE_MENTORED,
	HOSO__STAGE__STAGE_DOSSIER,
	HOSO__STAGE__STAGE_VERIFYING,
	HOSO__STAGE__STAGE_CELL_VOTE,
	HOSO__STAGE__STAGE_PROPOSED,
	HOSO__STAGE__STAGE_DECIDED,
	HOSO__STAGE__STAGE_PROBATION,
	HOSO__STAGE__STAGE_OFFICIAL,
	HOSO__STAGE__STAGE_ON_HOLD,
};
#define PIPELINE_N_STAGES (sizeof pipeline_stages / sizeof pipeline_stages[0])

struct _HosoStageColumn {
	GObject parent;
	int stage;
	guint count;
	gboolean has_count;
	char *title;
};

enum {
	COL_PROP_0,
	COL_PROP_STAGE,
	COL_PROP_LABEL,
	COL_PROP_TITLE,
	COL_PROP_COUNT,
	COL_PROP_HAS_COUNT,
	COL_N_PROPS
};
static GParamSpec *col_props[COL_N_PROPS];

G_DEFINE_FINAL_TYPE(HosoStageColumn, hoso_stage_column, G_TYPE_OBJECT)

guint
hoso_pipeline_n_stages(void)
{
	return PIPELINE_N_STAGES;
}

int
hoso_pipeline_stage(guint i)
{
	return i < PIPELINE_N_STAGES ? pipeline_stages[i] : 0;
}

static void
hoso_stage_column_finalize(GObject *obj)
{
	g_free(HOSO_STAGE_COLUMN(obj)->title);
	G_OBJECT_CLASS(hoso_stage_column_parent_class)->finalize(obj);
}

static void
hoso_stage_column_get_property(GObject *obj, guint id, GValue *v,
    GParamSpec *ps)
{
	HosoStageColumn *c = HOSO_STAGE_COLUMN(obj);
	switch (id) {
	case COL_PROP_STAGE:
		g_value_set_int(v, c->stage);
		break;
	case COL_PROP_LABEL:
		g_value_set_string(v, hoso_stage_column_get_label(c));
		break;
	case COL_PROP_TITLE:
		g_value_set_string(v, c->title);
		break;
	case COL_PROP_COUNT:
		g_value_set_uint(v, c->count);
		break;
	case COL_PROP_HAS_COUNT:
		g_value_set_boolean(v, c->has_count);
		break;
	default:
		G_OBJECT_WARN_INVALID_PROPERTY_ID(obj, id, ps);
	}
}

static void
hoso_stage_column_class_init(HosoStageColumnClass *klass)
{
	GObjectClass *oc = G_OBJECT_CLASS(klass);
	GParamFlags f = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
	    G_PARAM_EXPLICIT_NOTIFY;
	oc->finalize = hoso_stage_column_finalize;
	oc->get_property = hoso_stage_column_get_property;
	col_props[COL_PROP_STAGE] = g_param_spec_int("stage", NULL, NULL,
	    0, G_MAXINT, 0, f);
	col_props[COL_PROP_LABEL] = g_param_spec_string("label", NULL, NULL,
	    "", f);
	col_props[COL_PROP_TITLE] = g_param_spec_string("title", NULL, NULL,
	    "", f);
	col_props[COL_PROP_COUNT] = g_param_spec_uint("count", NULL, NULL,
	    0, G_MAXUINT, 0, f);
	col_props[COL_PROP_HAS_COUNT] = g_param_spec_boolean("has-count",
	    NULL, NULL, FALSE, f);
	g_object_class_install_properties(oc, COL_N_PROPS, col_props);
}

static void
hoso_stage_column_init(HosoStageColumn *c)
{
	(void)c;
}

/* Set the count (has: known) and the title, notifying what changed. */
static void
stage_column_set(HosoStageColumn *c, gboolean has, guint count)
{
	char *title = has ?
	    g_strdup_printf(_("%s (%u)"), hoso_stage_column_get_label(c),
	    count) : g_strdup(hoso_stage_column_get_label(c));
	gboolean changed_count = c->count != count;
	gboolean changed_has = c->has_count != has;
	gboolean changed_title = c->title == NULL ||
	    g_strcmp0(c->title, title) != 0;
	c->count = count;
	c->has_count = has;
	g_free(c->title);
	c->title = title;
	if (changed_count)
		g_object_notify_by_pspec(G_OBJECT(c), col_props[COL_PROP_COUNT]);
	if (changed_has)
		g_object_notify_by_pspec(G_OBJECT(c),
		    col_props[COL_PROP_HAS_COUNT]);
	if (changed_title)
		g_object_notify_by_pspec(G_OBJECT(c), col_props[COL_PROP_TITLE]);
}

int
hoso_stage_column_get_stage(HosoStageColumn *c)
{
	return c->stage;
}

const char *
hoso_stage_column_get_label(HosoStageColumn *c)
{
	return hoso_stage_text(c->stage);
}

const char *
hoso_stage_column_get_title(HosoStageColumn *c)
{
	return c->title;
}

guint
hoso_stage_column_get_count(HosoStageColumn *c)
{
	return c->count;
}

gboolean
hoso_stage_column_get_has_count(HosoStageColumn *c)
{
	return c->has_count;
}

GListStore *
hoso_pipeline_columns_new(void)
{
	GListStore *store = g_list_store_new(HOSO_TYPE_STAGE_COLUMN);
	for (size_t i = 0; i < PIPELINE_N_STAGES; i++) {
		HosoStageColumn *c = g_object_new(HOSO_TYPE_STAGE_COLUMN, NULL);
		c->stage = pipeline_stages[i];
		c->title = g_strdup(hoso_stage_column_get_label(c));
		g_list_store_append(store, c);
		g_object_unref(c);
	}
	return store;
}

void
hoso_pipeline_columns_update(GListStore *columns, const Hoso__Pipeline *p)
{
	guint n = g_list_model_get_n_items(G_LIST_MODEL(columns));
	for (guint i = 0; i < n; i++) {
		HosoStageColumn *c = g_list_model_get_item(G_LIST_MODEL(columns),
		    i);
		guint count = 0;
		for (size_t j = 0; p != NULL && j < p->n_counts; j++)
			if (p->counts[j] != NULL &&
			    (int)p->counts[j]->stage == c->stage)
				count += p->counts[j]->count;
		stage_column_set(c, p != NULL, count);
		g_object_unref(c);
	}
}
