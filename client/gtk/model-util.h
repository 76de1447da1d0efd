/* model-util.h: the formatting every view model shares: dates and enum
 * words as people read them.  GIO only: no GTK here. */
#ifndef HOSO_GTK_MODEL_UTIL_H
#define HOSO_GTK_MODEL_UTIL_H

#include <gio/gio.h>

#include "hoso/client.h"

G_BEGIN_DECLS

/* An ISO date "YYYY-MM-DD" as dd/mm/yyyy, newly allocated; "" when iso is
 * NULL or empty, iso itself when it is not a date. */
char *hoso_date_text(const char *iso);
/* An instant (Unix seconds) as "dd/mm/yyyy HH:MM" in Vietnam's time, newly
 * allocated; "" for 0 (not set). */
char *hoso_instant_text(int64_t t);
/* The label of value in tab, translated; "" when tab has no such value. */
const char *hoso_enum_text(const struct hoso_enum_word *tab, int value);
/* A stage's label, translated; "" for STAGE_NONE or an unknown value. */
const char *hoso_stage_text(int stage);

G_END_DECLS

#endif
