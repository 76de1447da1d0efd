/* view-quota.h: the quotas page: a unit's admissions against its target
 * for a year (or the whole term), with each unit below it, and the funnel
 * identified -> in the course -> passed the course -> admitted drawn for
 * each (QuotaShow). */
#ifndef HOSO_GTK_VIEW_QUOTA_H
#define HOSO_GTK_VIEW_QUOTA_H

#include <stdint.h>

#include <gtk/gtk.h>

#include "session.h"

G_BEGIN_DECLS

#define HOSO_TYPE_QUOTA_VIEW (hoso_quota_view_get_type())
G_DECLARE_FINAL_TYPE(HosoQuotaView, hoso_quota_view, HOSO, QUOTA_VIEW, GtkBox)

/* Shows the user's own unit (the top unit for a district-wide account)
 * until hoso_quota_view_set_org says otherwise. */
GtkWidget *hoso_quota_view_new(HosoSession *s);
/* Show unit org_id (0: the user's own unit) and load it. */
void hoso_quota_view_set_org(GtkWidget *view, uint64_t org_id);

G_END_DECLS

#endif
