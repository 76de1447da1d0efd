/* model-pipeline.h: the columns of the pipeline board.
 *
 * One HosoStageColumn per stage a candidate rests in on the way to
 * membership (identified ... official, then on hold), in that order; the
 * terminal stages (withdrawn, removed, rejected, not recognised, moved)
 * are left out.  Each column has the stage's translated label and, once a
 * Pipeline reply came, its count and a title "label (count)".  The
 * columns stay the same objects across reloads: a reload changes their
 * counts (notify::count, notify::title).  GIO only. */
#ifndef HOSO_GTK_MODEL_PIPELINE_H
#define HOSO_GTK_MODEL_PIPELINE_H

#include <gio/gio.h>

#include "hoso.pb-c.h"

G_BEGIN_DECLS

#define HOSO_TYPE_STAGE_COLUMN (hoso_stage_column_get_type())
G_DECLARE_FINAL_TYPE(HosoStageColumn, hoso_stage_column, HOSO, STAGE_COLUMN,
    GObject)

/* A Hoso__Stage. */
int hoso_stage_column_get_stage(HosoStageColumn *c);
/* The stage's label, translated. */
const char *hoso_stage_column_get_label(HosoStageColumn *c);
/* "label (count)", or the label alone while the count is unknown. */
const char *hoso_stage_column_get_title(HosoStageColumn *c);
guint hoso_stage_column_get_count(HosoStageColumn *c);
gboolean hoso_stage_column_get_has_count(HosoStageColumn *c);

/* A new GListStore of the board's columns, counts unknown. */
GListStore *hoso_pipeline_columns_new(void);
/* Set every column's count from p (0 for a stage p does not list);
 * p NULL makes the counts unknown again. */
void hoso_pipeline_columns_update(GListStore *columns,
    const Hoso__Pipeline *p);
/* How many stages the board shows, and the i-th of them (a Hoso__Stage). */
guint hoso_pipeline_n_stages(void);
int hoso_pipeline_stage(guint i);

G_END_DECLS

#endif
