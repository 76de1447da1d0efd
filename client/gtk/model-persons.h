/* model-persons.h: candidates as list items for the files list and the
 * pipeline's cards.
 *
 * HosoPersonItem carries what a row shows, already formatted for people:
 * the name, the birth date and the date the stage was reached as
 * dd/mm/yyyy, the stage's translated label.  GIO only. */
#ifndef HOSO_GTK_MODEL_PERSONS_H
#define HOSO_GTK_MODEL_PERSONS_H

#include <gio/gio.h>

#include "hoso.pb-c.h"

G_BEGIN_DECLS

#define HOSO_TYPE_PERSON_ITEM (hoso_person_item_get_type())
G_DECLARE_FINAL_TYPE(HosoPersonItem, hoso_person_item, HOSO, PERSON_ITEM,
    GObject)

HosoPersonItem *hoso_person_item_new(const Hoso__Person *p);
guint64 hoso_person_item_get_id(HosoPersonItem *p);
const char *hoso_person_item_get_name(HosoPersonItem *p);
/* dd/mm/yyyy, or "" when unknown. */
const char *hoso_person_item_get_born_text(HosoPersonItem *p);
/* A Hoso__Stage. */
int hoso_person_item_get_stage(HosoPersonItem *p);
/* The stage's label, translated; "" for STAGE_NONE. */
const char *hoso_person_item_get_stage_text(HosoPersonItem *p);
/* The day the stage was reached, dd/mm/yyyy, or "". */
const char *hoso_person_item_get_since_text(HosoPersonItem *p);

/* Append a HosoPersonItem to store (a GListStore of them) for each person
 * of page, in the page's order, in one items-changed.  Returns how many. */
guint hoso_person_store_append_page(GListStore *store,
    const Hoso__PersonPage *page);

G_END_DECLS

#endif
