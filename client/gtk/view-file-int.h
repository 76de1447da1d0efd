/* view-file-int.h: what the parts of the file page share (view-file.c the
 * page and its loading, view-file-sections.c the sections that show the
 * file, view-file-details.c the personal details,
 * view-file-move.c the move dialog, view-file-record.c the dialogs that
 * record papers, mentors and evaluations). */
#ifndef HOSO_GTK_VIEW_FILE_INT_H
#define HOSO_GTK_VIEW_FILE_INT_H

#include "model-file.h"
#include "view-file-form.h"
#include "view-file.h"
#include "window.h"

struct _HosoFileView {
	GtkBox parent;
	HosoSession *s;
	guint64 person_id;
	gulong reconnected_id;

	/* The last replies, copied (they outlive the callbacks); NULL when
	 * not loaded or refused. */
	Hoso__Person *person;
	Hoso__File *file;
	Hoso__MoveList *moves;
	Hoso__CheckPage *checks;
	GListStore *history;    /* HosoHistoryItem, the timeline */
	GListStore *evals;      /* HosoEvalItem */
	GListModel *mentors;    /* HosoMentorItem */
	GHashTable *names;      /* member id (guint64 *) -> name */
	char *cell_name;

	/* A load in flight: replies still awaited, and whether another
	 * load was asked for meanwhile. */
	int pending;
	gboolean again;
	guint history_pages;
	GListStore *history_next, *evals_next;  /* filling */
	char *error;            /* the first error of this load */

	/* Widgets. */
	GtkWidget *back;
	GtkWidget *banner, *banner_label;
	GtkWidget *content;
	GtkWidget *name_label, *stage_label, *since_label, *cell_label;
	GtkWidget *hold_label, *deadlines;
	GtkWidget *moves_list, *docs_list, *mentors_list, *evals_list;
	GtkWidget *history_list, *checks_box;
	GtkWidget *file_sections[5];    /* hidden when there is no file */

	/* Personal details (view-file-details.c). */
	GtkWidget *details_grid, *details_error;
	GtkWidget *edit_button, *save_button, *cancel_button;
	GListModel *fields;     /* HosoFieldItem, as loaded */
	GPtrArray *editors;     /* the widget per field while editing */
	gboolean editing;
	gboolean saving;
};

/* Copy a protobuf message (pack and unpack); free the copy with
 * protobuf_c_message_free_unpacked(m, NULL). */
gpointer fv_copy(const ProtobufCMessage *m);
/* The server accepted a change: reload and tell the window. */
void fv_changed(HosoFileView *v);
/* A section: a heading, an optional button beside it, and a framed list
 * box (returned in *list) named name for screen readers. */
GtkWidget *fv_section(const char *title, GtkWidget *button,
    GtkWidget **list, const char *placeholder);
/* A button reading mnemonic, called name for screen readers. */
GtkWidget *fv_button(const char *mnemonic, const char *name, GCallback cb,
    gpointer data);
/* A left-aligned wrapping label, with a style class (or NULL). */
GtkWidget *fv_label(const char *text, const char *css);
/* A list row's box with the usual padding. */
GtkWidget *fv_row_box(GtkOrientation o);
/* Remove every child of box (a GtkBox or a GtkGrid). */
void fv_box_clear(GtkWidget *box);
/* The name of member id when known, else NULL. */
const char *fv_member_name(HosoFileView *v, guint64 id);
/* Words for the kind of message: "The file was changed by someone else
 * meanwhile..." when r is a CONFLICT, else the server's text; newly
 * allocated. */
char *fv_response_text(const Hoso__Response *r);

/* view-file-sections.c: show the moves, papers, mentors, evaluations,
 * history and checks of the last load. */
void fv_render_sections(HosoFileView *v);

/* view-file-details.c */
GtkWidget *fv_details_new(HosoFileView *v);
void fv_details_update(HosoFileView *v);
void fv_details_cancel(HosoFileView *v);

/* view-file-move.c */
void fv_move_open(HosoFileView *v, const HosoMoveItem *m);

/* view-file-record.c */
void fv_paper_open(HosoFileView *v);
void fv_mentor_open(HosoFileView *v);
void fv_eval_open(HosoFileView *v);

#endif
