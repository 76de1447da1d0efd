/* model-file.h: view models of one candidate's file page (view-file.c),
 * built from protobuf replies.  GIO only: no GTK here.
 *
 * Every item is a plain record that never changes once made (except a
 * mentor's name, filled in when its PersonGet comes back): views read the
 * fields directly, and each field is also a read-only GObject property of
 * the same name (underscores as dashes) for bindings.  Strings are owned by
 * the item, translated and formatted for people (dates dd/mm/yyyy), never
 * NULL ("" when there is nothing). */
#ifndef HOSO_GTK_MODEL_FILE_H
#define HOSO_GTK_MODEL_FILE_H

#include <gio/gio.h>

#include "hoso/client.h"
#include "model-util.h"

G_BEGIN_DECLS

/* ---- small formatting helpers ------------------------------------------ */

/* "YYYY-MM" as mm/yyyy, newly allocated (month itself when malformed). */
char *hoso_month_text(const char *month);

/* What a user typed for a month, "mm/yyyy", "m/yyyy" or "yyyy-mm", as
 * "YYYY-MM" in out; FALSE when it is none of these. */
gboolean hoso_month_parse(const char *text, char out[8]);

/* ---- facts: a label and a value (the header's deadlines) ---------------- */

#define HOSO_TYPE_FACT_ITEM (hoso_fact_item_get_type())
G_DECLARE_FINAL_TYPE(HosoFactItem, hoso_fact_item, HOSO, FACT_ITEM, GObject)
struct _HosoFactItem {
	GObject parent_instance;
	char *label;
	char *value;
};

/* The file's deadlines and dates that are set, in the order a file meets
 * them: the decision due, the ceremony due, the end of probation, the
 * recognition vote and decision due, and when the course certificate
 * expires. */
GListModel *hoso_deadline_model_new(const Hoso__File *f);

/* ---- moves (FileMoves) -------------------------------------------------- */

#define HOSO_TYPE_MOVE_ITEM (hoso_move_item_get_type())
G_DECLARE_FINAL_TYPE(HosoMoveItem, hoso_move_item, HOSO, MOVE_ITEM, GObject)
struct _HosoMoveItem {
	GObject parent_instance;
	int to;                 /* a Hoso__Stage */
	char *label;            /* the stage's label, translated */
	char *button_text;      /* "Move to: <label>", translated */
	gboolean possible;
	gboolean forward;       /* along the main line (or resuming) */
	gboolean suggested;     /* the first possible forward move */
	char *unmet_text;       /* each unmet requirement, joined by '\n' */
};

/* The moves in the server's order. */
GListModel *hoso_move_model_new(const Hoso__MoveList *ml);

/* ---- the documents checklist --------------------------------------------- */

#define HOSO_TYPE_DOC_ITEM (hoso_doc_item_get_type())
G_DECLARE_FINAL_TYPE(HosoDocItem, hoso_doc_item, HOSO, DOC_ITEM, GObject)
struct _HosoDocItem {
	GObject parent_instance;
	int kind;               /* a Hoso__DocKind */
	char *label;
	gboolean present;
	char *date_text;        /* the latest paper's date, else "missing" */
	char *note;
};

/* One item per kind of paper (hoso_doc_kind_words order). */
GListModel *hoso_doc_model_new(const Hoso__File *f);

/* ---- mentors ------------------------------------------------------------- */

#define HOSO_TYPE_MENTOR_ITEM (hoso_mentor_item_get_type())
G_DECLARE_FINAL_TYPE(HosoMentorItem, hoso_mentor_item, HOSO, MENTOR_ITEM,
    GObject)
struct _HosoMentorItem {
	GObject parent_instance;
	guint64 member_id;
	char *name;             /* "Member #12" until set */
	char *since_text;
};

GListModel *hoso_mentor_model_new(const Hoso__File *f);
/* The mentor's name, once known; notifies "name". */
void hoso_mentor_item_set_name(HosoMentorItem *m, const char *name);

/* ---- the history timeline and the monthly evaluations -------------------- */

#define HOSO_TYPE_HISTORY_ITEM (hoso_history_item_get_type())
G_DECLARE_FINAL_TYPE(HosoHistoryItem, hoso_history_item, HOSO, HISTORY_ITEM,
    GObject)
struct _HosoHistoryItem {
	GObject parent_instance;
	guint64 seq;
	char *kind;             /* the server's word: "stage", "document" ... */
	char *effective;        /* ISO, for sorting */
	char *date_text;        /* the effective date */
	char *entered_text;     /* "dd/mm/yyyy HH:MM" when typed on another
	                         * day than the effective date, else "" */
	char *title;            /* "identified → in the awareness course" */
	char *note;
	char *user;
};

#define HOSO_TYPE_EVAL_ITEM (hoso_eval_item_get_type())
G_DECLARE_FINAL_TYPE(HosoEvalItem, hoso_eval_item, HOSO, EVAL_ITEM, GObject)
struct _HosoEvalItem {
	GObject parent_instance;
	char *month;            /* "YYYY-MM" */
	char *month_text;       /* mm/yyyy */
	int rating;             /* a Hoso__Rating */
	char *rating_text;
	char *comment;
	char *date_text;        /* when it was recorded */
};

/* A new empty timeline (a GListStore of HosoHistoryItem). */
GListStore *hoso_history_store_new(void);
/* Add one HistoryPage's entries, keeping the newest first: by effective
 * date, then the later entry first. */
void hoso_history_store_add_page(GListStore *store,
    const Hoso__HistoryPage *page);

/* A new empty list of evaluations (GListStore of HosoEvalItem). */
GListStore *hoso_eval_store_new(void);
/* Add the evaluations a HistoryPage holds: the server keeps no list of
 * them apart from the history, whose "evaluation" entries carry the
 * month and rating in their detail ("month=2026-03 rating=2") and the
 * comment as their note.  Newest month first. */
void hoso_eval_store_add_page(GListStore *store,
    const Hoso__HistoryPage *page);

/* ---- background checks --------------------------------------------------- */

#define HOSO_TYPE_LEG_ITEM (hoso_leg_item_get_type())
G_DECLARE_FINAL_TYPE(HosoLegItem, hoso_leg_item, HOSO, LEG_ITEM, GObject)
struct _HosoLegItem {
	GObject parent_instance;
	int kind;               /* a Hoso__LegKind */
	char *leg_text;
	char *started_text;     /* "dd/mm/yyyy HH:MM" */
	char *ended_text;       /* "" while running */
	char *due_text;         /* dd/mm/yyyy */
	char *note_text;        /* "extended from dd/mm/yyyy", "clock stopped" */
};

#define HOSO_TYPE_CHECK_ITEM (hoso_check_item_get_type())
G_DECLARE_FINAL_TYPE(HosoCheckItem, hoso_check_item, HOSO, CHECK_ITEM,
    GObject)
struct _HosoCheckItem {
	GObject parent_instance;
	guint64 id;             /* the Verification, 0 for a check not sent */
	char *subject;          /* "Trần Văn Bình (father)" */
	char *state_text;
	char *due_text;         /* the current deadline, "" if none */
	char *status;           /* the server's word: "on-time", ... */
	char *css_class;        /* the style class for status, or "" */
	char *status_text;      /* the status in words, translated */
	char *result_text;      /* "no concern", "a concern was raised: ..." */
	gboolean pending;       /* a file check with no request sent yet */
	GListStore *legs;       /* HosoLegItem, in order */
};

/* The verifications of a CheckList page (page may be NULL), then the
 * file's own checks that no verification answers yet. */
GListModel *hoso_check_model_new(const Hoso__CheckPage *page,
    const Hoso__File *f);

/* ---- personal details ---------------------------------------------------- */

typedef enum {
	HOSO_FIELD_TEXT,
	HOSO_FIELD_MULTILINE,
	HOSO_FIELD_DATE,
	HOSO_FIELD_ENUM,
} HosoFieldKind;

#define HOSO_TYPE_FIELD_ITEM (hoso_field_item_get_type())
G_DECLARE_FINAL_TYPE(HosoFieldItem, hoso_field_item, HOSO, FIELD_ITEM,
    GObject)
struct _HosoFieldItem {
	GObject parent_instance;
	char *name;             /* the Person field: "born", "phone" ... */
	char *label;            /* for people, with a mnemonic: "_Born" */
	HosoFieldKind kind;
	const struct hoso_enum_word *words;     /* HOSO_FIELD_ENUM */
	int value;              /* HOSO_FIELD_ENUM: the enum value */
	char *value_text;       /* as shown read-only */
	char *edit_text;        /* as put in an entry (dates dd/mm/yyyy) */
};

/* The editable fields of a Person, in the order the page shows them. */
GListModel *hoso_person_field_model_new(const Hoso__Person *p);
/* Whether what the user entered (text, or value for an enum) differs from
 * the field as loaded. */
gboolean hoso_field_item_changed(const HosoFieldItem *f, const char *text,
    int value);
/* Set field f of p from what the user entered: text (trimmed; a date as
 * dd/mm/yyyy or ISO, sent as ISO), or value for an enum.  Strings put into
 * p are added to keep (a GPtrArray freeing with g_free), which must
 * outlive p's use.  FALSE when text is not a date (p is left alone). */
gboolean hoso_person_field_set(Hoso__Person *p, const HosoFieldItem *f,
    const char *text, int value, GPtrArray *keep);
/* The field an error names: Response.field may be "born" or
 * "person.born"; NULL when it names no Person field. */
const char *hoso_person_field_of_error(const char *field);

G_END_DECLS

#endif
