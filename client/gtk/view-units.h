/* view-units.h: the sidebar: the tree of units (district, wards, cells,
 * police stations under their ward) the user may see.
 *
 * Loads every unit with OrgList (all pages) when created and again on
 * "reconnected"; expands the path to the user's own unit and selects it.
 * Signals:
 *   "unit-selected" (guint64 org_id)   the user picked a unit;
 *   "loaded"        ()                 the units are known (again). */
#ifndef HOSO_GTK_VIEW_UNITS_H
#define HOSO_GTK_VIEW_UNITS_H

#include <gtk/gtk.h>

#include "model-units.h"
#include "session.h"

G_BEGIN_DECLS

#define HOSO_TYPE_UNITS_VIEW (hoso_units_view_get_type())
G_DECLARE_FINAL_TYPE(HosoUnitsView, hoso_units_view, HOSO, UNITS_VIEW,
    GtkBox)

GtkWidget *hoso_units_view_new(HosoSession *s);
/* The units loaded so far (owned by the view). */
HosoUnits *hoso_units_view_get_units(HosoUnitsView *v);

G_END_DECLS

#endif
