/* view-file.h: one candidate's file page.
 *
 * A scrollable page: the header (name, stage, cell, deadlines), the moves
 * the server allows with what each still needs, personal details (with an
 * edit mode), the papers checklist, mentors, monthly evaluations, the
 * history as a timeline and the background checks.  It loads itself with
 * PersonGet, FileGet, FileMoves, HistoryList and CheckList and reloads on
 * the session's "reconnected".
 *
 * Signals:
 *   "back"     (GtkWidget *view, gpointer data): the Back button or Escape;
 *   "changed"  (GtkWidget *view, gpointer data): after a move or an edit
 *              the server accepted, so lists elsewhere can reload. */
#ifndef HOSO_GTK_VIEW_FILE_H
#define HOSO_GTK_VIEW_FILE_H

#include <stdint.h>

#include <gtk/gtk.h>

#include "session.h"

G_BEGIN_DECLS

#define HOSO_TYPE_FILE_VIEW (hoso_file_view_get_type())
G_DECLARE_FINAL_TYPE(HosoFileView, hoso_file_view, HOSO, FILE_VIEW, GtkBox)

GtkWidget *hoso_file_view_new(HosoSession *s, uint64_t person_id);
/* Load everything again from the server. */
void hoso_file_view_reload(HosoFileView *v);

G_END_DECLS

#endif
