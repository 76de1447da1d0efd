/* view-alerts.h: the alerts panel: the unacknowledged alerts, newest
 * first, each with its message, its kind as a coloured tag, its deadline,
 * a link to the person's file and an "Acknowledge" button (AlertAck).
 *
 * Loads with AlertList when created, when shown and on "reconnected";
 * adds the alerts the server pushes (the session's "event") and sends a
 * desktop notification for each.  The list (hoso_alerts_view_get_list)
 * has the property "n-unacked" for the window's count.  Signal
 * "open-file" (guint64 person_id). */
#ifndef HOSO_GTK_VIEW_ALERTS_H
#define HOSO_GTK_VIEW_ALERTS_H

#include <gtk/gtk.h>

#include "model-alerts.h"
#include "session.h"

G_BEGIN_DECLS

#define HOSO_TYPE_ALERTS_VIEW (hoso_alerts_view_get_type())
G_DECLARE_FINAL_TYPE(HosoAlertsView, hoso_alerts_view, HOSO, ALERTS_VIEW,
    GtkBox)

GtkWidget *hoso_alerts_view_new(HosoSession *s);
HosoAlertList *hoso_alerts_view_get_list(HosoAlertsView *v);
void hoso_alerts_view_reload(HosoAlertsView *v);

G_END_DECLS

#endif
