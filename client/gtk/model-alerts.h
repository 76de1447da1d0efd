/* model-alerts.h: the unacknowledged alerts, newest first.
 *
 * HosoAlertItem is one Alert as a row shows it: its message in the user's
 * language (hoso_message_text), the kind as a translated word and a CSS
 * class for its colour, the deadline as dd/mm/yyyy, the person's id for a
 * link to the file.
 *
 * HosoAlertList is a GListModel of them, filled from AlertList replies and
 * from the Events the server pushes; an alert is never listed twice (by
 * id).  A reload that crosses pushed Events keeps them: begin a reload
 * with hoso_alert_list_mark(), pass the mark to hoso_alert_list_replace(),
 * and the alerts pushed since the mark stay even if the page (read before
 * they were raised) lacks them.  GIO only. */
#ifndef HOSO_GTK_MODEL_ALERTS_H
#define HOSO_GTK_MODEL_ALERTS_H

#include <gio/gio.h>

#include "hoso.pb-c.h"

G_BEGIN_DECLS

#define HOSO_TYPE_ALERT_ITEM (hoso_alert_item_get_type())
G_DECLARE_FINAL_TYPE(HosoAlertItem, hoso_alert_item, HOSO, ALERT_ITEM,
    GObject)

HosoAlertItem *hoso_alert_item_new(const Hoso__Alert *a);
guint64 hoso_alert_item_get_id(HosoAlertItem *a);
/* The message, translated, dates dd/mm/yyyy. */
const char *hoso_alert_item_get_text(HosoAlertItem *a);
/* The server's word: "due-soon", "overdue", "digest" ... */
const char *hoso_alert_item_get_kind(HosoAlertItem *a);
/* The kind for people, translated ("overdue"). */
const char *hoso_alert_item_get_kind_text(HosoAlertItem *a);
/* The CSS class for the kind's colour ("overdue", "due-soon"), or "". */
const char *hoso_alert_item_get_css_class(HosoAlertItem *a);
/* The deadline, dd/mm/yyyy, or "". */
const char *hoso_alert_item_get_due_text(HosoAlertItem *a);
/* When it was raised, "dd/mm/yyyy HH:MM" in Vietnam's time, or "". */
const char *hoso_alert_item_get_raised_text(HosoAlertItem *a);
guint64 hoso_alert_item_get_person_id(HosoAlertItem *a);
gboolean hoso_alert_item_get_acked(HosoAlertItem *a);

#define HOSO_TYPE_ALERT_LIST (hoso_alert_list_get_type())
G_DECLARE_FINAL_TYPE(HosoAlertList, hoso_alert_list, HOSO, ALERT_LIST,
    GObject)

HosoAlertList *hoso_alert_list_new(void);
/* Add the page's alerts not listed yet (acknowledged ones are left out). */
void hoso_alert_list_add_page(HosoAlertList *l, const Hoso__AlertPage *page);
/* A mark to pass to hoso_alert_list_replace: take it when the AlertList
 * request is sent. */
guint hoso_alert_list_mark(HosoAlertList *l);
/* Make the list what page says, but keep the alerts added by
 * hoso_alert_list_add_event since mark. */
void hoso_alert_list_replace(HosoAlertList *l, const Hoso__AlertPage *page,
    guint mark);
/* Add a pushed Event's alert.  Returns the new item (owned by the list) or
 * NULL when it was listed already, acknowledged, or ev has no alert. */
HosoAlertItem *hoso_alert_list_add_event(HosoAlertList *l,
    const Hoso__Event *ev);
/* Remove the alert with this id; whether it was there. */
gboolean hoso_alert_list_remove(HosoAlertList *l, guint64 id);
/* The alert with this id, or NULL; owned by the list. */
HosoAlertItem *hoso_alert_list_lookup(HosoAlertList *l, guint64 id);
/* How many unacknowledged alerts are listed (property "n-unacked"). */
guint hoso_alert_list_get_n_unacked(HosoAlertList *l);

G_END_DECLS

#endif
