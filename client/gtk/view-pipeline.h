/* view-pipeline.h: the pipeline board: a column per stage with its count
 * ("identified (12)") and the cards of the candidates at that stage in
 * the selected unit.  Clicking a card emits "open-file" (guint64
 * person_id).  Counts come from PipelineCount, cards from PersonList;
 * both reload on hoso_pipeline_view_set_org, hoso_pipeline_view_reload
 * and the session's "reconnected". */
#ifndef HOSO_GTK_VIEW_PIPELINE_H
#define HOSO_GTK_VIEW_PIPELINE_H

#include <gtk/gtk.h>

#include "session.h"

G_BEGIN_DECLS

#define HOSO_TYPE_PIPELINE_VIEW (hoso_pipeline_view_get_type())
G_DECLARE_FINAL_TYPE(HosoPipelineView, hoso_pipeline_view, HOSO,
    PIPELINE_VIEW, GtkBox)

/* org_id: the unit whose candidates are shown (0: all the user sees). */
GtkWidget *hoso_pipeline_view_new(HosoSession *s, guint64 org_id);
/* Show another unit (nothing happens when it is the one shown). */
void hoso_pipeline_view_set_org(HosoPipelineView *v, guint64 org_id);
/* Ask the server again (after a file moved). */
void hoso_pipeline_view_reload(HosoPipelineView *v);

G_END_DECLS

#endif
