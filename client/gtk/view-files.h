/* view-files.h: the files list with instant search.
 *
 * A search entry ("Search files") and the list of results: each change of
 * the text (debounced by GtkSearchEntry) sends PersonFind; with no text,
 * the candidates of the selected unit (PersonList).  The server matches
 * names without regard to case or diacritics; nothing is filtered here.
 * Each result is a flat button named by the person's full name; clicking
 * it emits "open-file" (guint64 person_id). */
#ifndef HOSO_GTK_VIEW_FILES_H
#define HOSO_GTK_VIEW_FILES_H

#include <gtk/gtk.h>

#include "session.h"

G_BEGIN_DECLS

#define HOSO_TYPE_FILES_VIEW (hoso_files_view_get_type())
G_DECLARE_FINAL_TYPE(HosoFilesView, hoso_files_view, HOSO, FILES_VIEW, GtkBox)

GtkWidget *hoso_files_view_new(HosoSession *s, guint64 org_id);
/* The unit listed while the search text is empty. */
void hoso_files_view_set_org(HosoFilesView *v, guint64 org_id);
/* Ask again (a file moved). */
void hoso_files_view_reload(HosoFilesView *v);
/* Put the keyboard in the search entry. */
void hoso_files_view_focus_search(HosoFilesView *v);

G_END_DECLS

#endif
