/* window.h: the main window ("hoso"): a header bar with the page switcher,
 * who is logged in and "Log out"; a banner while the connection is lost;
 * the units sidebar beside a stack of pages (Pipeline, Files, Alerts,
 * Quotas, and a candidate's file page opened from any of them).
 *
 * Signal "log-out" (no arguments): the user asked to log out; the
 * application ends the session and shows the login window. */
#ifndef HOSO_GTK_WINDOW_H
#define HOSO_GTK_WINDOW_H

#include <stdint.h>

#include <gtk/gtk.h>

#include "session.h"

G_BEGIN_DECLS

#define HOSO_TYPE_WINDOW (hoso_window_get_type())
G_DECLARE_FINAL_TYPE(HosoWindow, hoso_window, HOSO, WINDOW,
    GtkApplicationWindow)

HosoWindow *hoso_window_new(GtkApplication *app, HosoSession *s);
/* Show the file page of a candidate; its Back button returns to the page
 * shown before. */
void hoso_window_open_file(HosoWindow *w, uint64_t person_id);
/* Show a page: "pipeline", "files", "alerts", "quotas". */
void hoso_window_show_page(HosoWindow *w, const char *name);

/* Why a call failed, for people: the reply's message (hoso_response_text)
 * when there is a reply, else the error's, newly allocated (g_free).  For
 * the views' "Could not ...: %s" lines. */
char *hoso_reply_error(const Hoso__Response *resp, const GError *error);

/* Make name (translated) the accessible name of w, and the only one.
 * For a control with a mnemonic label ("_Log in", "_Password"): GTK 4.8
 * names it by its label property ("_Log in", underscore included) and by
 * the label it is labelled by, both at once ("_Log in Log in"); the
 * contract wants the plain msgid ("Log in").  (A button made with a plain
 * label is named by it alone and needs nothing.) */
void hoso_accessible_name(GtkWidget *w, const char *name);

/* Give list, a GtkListBox, a dim label reading text to show while it has
 * no rows, margin pixels above and below; returns the label (owned by
 * list), for a view that changes its text. */
GtkWidget *hoso_list_placeholder(GtkWidget *list, const char *text,
    int margin);

G_END_DECLS

#endif
