/* view-file-form.h: the small modal forms of the file page (move the
 * file, record a paper, add a mentor, add an evaluation).
 *
 * A HosoForm is a modal dialog window with "Cancel" and one action button
 * (the default: Enter in an entry activates it; Escape closes).  Fields are
 * added under names: the request's field names, so that a server error
 * naming Response.field is shown in red under that field, and an error
 * naming no known field at the top.  The form belongs to its window and is
 * freed with it; the window is also the owner to pass to
 * hoso_session_call, so a reply to a closed form is dropped. */
#ifndef HOSO_GTK_VIEW_FILE_FORM_H
#define HOSO_GTK_VIEW_FILE_FORM_H

#include <gtk/gtk.h>

#include "hoso/client.h"
#include "session.h"

G_BEGIN_DECLS

typedef struct HosoForm HosoForm;
typedef void (*HosoFormFunc)(HosoForm *f, gpointer data);

/* A form over parent's window titled title, whose action button reads
 * action (with a mnemonic) and is called action_name for screen readers. */
HosoForm *hoso_form_new(GtkWidget *parent, const char *title,
    const char *action, const char *action_name);
GtkWindow *hoso_form_window(HosoForm *f);
/* Call cb when the user asks for the action. */
void hoso_form_on_submit(HosoForm *f, HosoFormFunc cb, gpointer data);
void hoso_form_present(HosoForm *f);
void hoso_form_close(HosoForm *f);

/* Add widget w as field name: a visible label (label, with a mnemonic)
 * above it, bound to it, its accessible name (name), and a hidden error
 * line under it.  Returns w. */
GtkWidget *hoso_form_add(HosoForm *f, const char *field, const char *label,
    const char *name, GtkWidget *w);
/* An entry holding text (NULL: empty). */
GtkWidget *hoso_form_entry(HosoForm *f, const char *field, const char *label,
    const char *name, const char *text);
/* An entry for a date, showing iso as dd/mm/yyyy (NULL: today; "": empty),
 * with a placeholder saying how to write it. */
GtkWidget *hoso_form_date(HosoForm *f, const char *field, const char *label,
    const char *name, const char *iso);
/* An entry for a whole number (empty: 0). */
GtkWidget *hoso_form_number(HosoForm *f, const char *field,
    const char *label, const char *name);
/* A drop-down of the labels of words (translated), showing value. */
GtkWidget *hoso_form_choice(HosoForm *f, const char *field,
    const char *label, const char *name, const struct hoso_enum_word *words,
    int value);
/* A dim paragraph of explanation. */
void hoso_form_text_line(HosoForm *f, const char *text);
/* Add any widget (no label, no error line) below the fields so far. */
void hoso_form_append(HosoForm *f, GtkWidget *w);

/* Field values.  hoso_form_get_text: trimmed, newly allocated ("" for an
 * unknown field).  hoso_form_get_date: "" when empty, else ISO; FALSE after
 * showing an error under the field when it is not a date.
 * hoso_form_get_number: likewise FALSE when it is not a whole number.
 * hoso_form_get_choice: the enum value chosen (0 when none). */
char *hoso_form_get_text(HosoForm *f, const char *field);
gboolean hoso_form_get_date(HosoForm *f, const char *field, char iso[11]);
gboolean hoso_form_get_number(HosoForm *f, const char *field,
    unsigned *n);
int hoso_form_get_choice(HosoForm *f, const char *field);
GtkWidget *hoso_form_get_widget(HosoForm *f, const char *field);

void hoso_form_clear_errors(HosoForm *f);
/* Show text in red under field, or at the top when field is NULL or not
 * one of the form's. */
void hoso_form_error(HosoForm *f, const char *field, const char *text);
/* Show a server's refusal: the message under Response.field (or at the
 * top), and each unmet requirement under the field code_field(code) names
 * (or at the top). */
void hoso_form_show_response(HosoForm *f, const Hoso__Response *r,
    const char *(*code_field)(const char *code));
/* While a request is out: the action button is insensitive. */
void hoso_form_set_busy(HosoForm *f, gboolean busy);
/* A wrapping red line for an error, hidden until there is one (the form's
 * own, and the file page's details editors'). */
GtkWidget *hoso_form_error_label_new(void);

/* A search box that finds people by name (PersonFind) and, when one is
 * picked, writes their id into target: replacing its text, or appended
 * to a comma-separated list when append is TRUE. */
GtkWidget *hoso_member_finder_new(HosoSession *s, GtkEditable *target,
    gboolean append);

G_END_DECLS

#endif
