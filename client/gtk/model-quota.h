/* model-quota.h: the quotas view's rows (view-quota.c), flattened from a
 * QuotaReport tree.  GIO only: no GTK here.
 *
 * HosoQuotaItem is a plain record that never changes once made: views read
 * its fields directly; each is also a read-only GObject property of the
 * same name (underscores as dashes).  Strings are owned by the item,
 * translated, never NULL. */
#ifndef HOSO_GTK_MODEL_QUOTA_H
#define HOSO_GTK_MODEL_QUOTA_H

#include <gio/gio.h>

#include "hoso.pb-c.h"

G_BEGIN_DECLS

#define HOSO_TYPE_QUOTA_ITEM (hoso_quota_item_get_type())
G_DECLARE_FINAL_TYPE(HosoQuotaItem, hoso_quota_item, HOSO, QUOTA_ITEM,
    GObject)
struct _HosoQuotaItem {
	GObject parent_instance;
	guint64 org_id;
	char *name;
	char *period;           /* "2026" or "2025-2030" */
	guint depth;            /* 0 for the unit asked about */
	guint admitted;
	guint target;           /* 0: none set */
	guint course_target;
	double fraction;        /* admitted / target, 0..1 (0 without target) */
	char *progress_text;    /* "3/5 (60%)" with the server's percent, or
	                         * "3 admitted, no target set" */
	/* The funnel: how many reached each stage within the period. */
	guint identified;
	guint in_course;
	guint course_passed;
	guint funnel_admitted;
	char *funnel_text;      /* the funnel in words, for screen readers */
};

/* The unit, then its children depth first, in the server's order. */
GListModel *hoso_quota_model_new(const Hoso__QuotaReport *r);

G_END_DECLS

#endif
