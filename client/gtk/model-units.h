/* model-units.h: the organisation units as GObjects for the sidebar's tree.
 *
 * HosoUnitItem is one unit (an Org).  HosoUnits holds every unit the user
 * may see, added page by page from OrgList replies, and hands out the
 * children of a unit as a sorted GListModel, which is what a
 * GtkTreeListModel asks for.  GIO only: no GTK here. */
#ifndef HOSO_GTK_MODEL_UNITS_H
#define HOSO_GTK_MODEL_UNITS_H

#include <gio/gio.h>

#include "hoso.pb-c.h"

G_BEGIN_DECLS

#define HOSO_TYPE_UNIT_ITEM (hoso_unit_item_get_type())
G_DECLARE_FINAL_TYPE(HosoUnitItem, hoso_unit_item, HOSO, UNIT_ITEM, GObject)

HosoUnitItem *hoso_unit_item_new(const Hoso__Org *org);
guint64 hoso_unit_item_get_id(HosoUnitItem *u);
guint64 hoso_unit_item_get_parent_id(HosoUnitItem *u);
/* A Hoso__OrgKind. */
int hoso_unit_item_get_kind(HosoUnitItem *u);
const char *hoso_unit_item_get_name(HosoUnitItem *u);
const char *hoso_unit_item_get_code(HosoUnitItem *u);
/* The kind for people, translated ("party cell"); "" when unknown. */
const char *hoso_unit_item_get_kind_text(HosoUnitItem *u);

#define HOSO_TYPE_UNITS (hoso_units_get_type())
G_DECLARE_FINAL_TYPE(HosoUnits, hoso_units, HOSO, UNITS, GObject)

HosoUnits *hoso_units_new(void);
/* Add (or replace, by id) the units of one OrgList page. */
void hoso_units_add_page(HosoUnits *u, const Hoso__OrgPage *page);
guint hoso_units_count(HosoUnits *u);
/* The unit with this id, or NULL; owned by u. */
HosoUnitItem *hoso_units_lookup(HosoUnits *u, guint64 id);
/* A new list of the units directly under parent_id, sorted (cells before
 * police stations, then by code, then by name); parent_id 0 gives the
 * roots: the units whose parent is 0 or not among the units known (a
 * ward officer sees its ward but not the district above it).  NULL when
 * there are none, as GtkTreeListModel wants for a leaf. */
GListModel *hoso_units_children(HosoUnits *u, guint64 parent_id);
/* Whether unit id has any child. */
gboolean hoso_units_has_children(HosoUnits *u, guint64 id);
/* The ids from a root down to id (inclusive), root first, in a new
 * array of guint64; empty when id is unknown. */
GArray *hoso_units_path(HosoUnits *u, guint64 id);

G_END_DECLS

#endif
