/* model-file.c: view models of a candidate's file page (see model-file.h).
 *
 * The item types share one small property scheme: a table per type names
 * each field, its type and its offset in the instance, and one getter and
 * one finalizer serve every type from its table. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "model-file.h"

/* ---- the shared property scheme ----------------------------------------- */

enum item_prop_type { P_STR, P_BOOL, P_INT, P_U64, P_STORE };

struct item_prop {
	const char *name;       /* the property: the field with dashes */
	enum item_prop_type type;
	size_t off;             /* of the field in the instance struct */
};

#define ITEM_FIELD(p, off, T) ((T *)(void *)((char *)(p) + (off)))

static void
item_install(GObjectClass *oc, const struct item_prop *props, size_t n)
{
	GParamFlags fl = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
	for (size_t i = 0; i < n; i++) {
		const char *nm = props[i].name;
		GParamSpec *ps = NULL;
		switch (props[i].type) {
		case P_STR:
			ps = g_param_spec_string(nm, NULL, NULL, "", fl);
			break;
		case P_BOOL:
			ps = g_param_spec_boolean(nm, NULL, NULL, FALSE, fl);
			break;
		case P_INT:
			ps = g_param_spec_int(nm, NULL, NULL, G_MININT,
			    G_MAXINT, 0, fl);
			break;
		case P_U64:
			ps = g_param_spec_uint64(nm, NULL, NULL, 0,
			    G_MAXUINT64, 0, fl);
			break;
		case P_STORE:
			ps = g_param_spec_object(nm, NULL, NULL,
			    G_TYPE_LIST_STORE, fl);
			break;
		}
		g_object_class_install_property(oc, (guint)i + 1, ps);
	}
}

static void
item_get(GObject *o, const struct item_prop *props, size_t n, guint id,
    GValue *v, GParamSpec *ps)
{
	if (id == 0 || id > n) {
		G_OBJECT_WARN_INVALID_PROPERTY_ID(o, id, ps);
		return;
	}
	const struct item_prop *p = &props[id - 1];
	switch (p->type) {
	case P_STR:
		g_value_set_string(v, *ITEM_FIELD(o, p->off, char *));
		break;
	case P_BOOL:
		g_value_set_boolean(v, *ITEM_FIELD(o, p->off, gboolean));
		break;
	case P_INT:
		g_value_set_int(v, *ITEM_FIELD(o, p->off, int));
		break;
	case P_U64:
		g_value_set_uint64(v, *ITEM_FIELD(o, p->off, guint64));
		break;
	case P_STORE:
		g_value_set_object(v, *ITEM_FIELD(o, p->off, GListStore *));
		break;
	}
}

/* Free the strings and stores a table names. */
static void
item_clear(GObject *o, const struct item_prop *props, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (props[i].type == P_STR)
			g_clear_pointer(ITEM_FIELD(o, props[i].off, char *),
			    g_free);
		else if (props[i].type == P_STORE)
			g_clear_object(ITEM_FIELD(o, props[i].off,
			    GListStore *));
	}
}

/* The GObject boilerplate of an item type whose fields TABLE lists. */
#define ITEM_DEFINE(Type, prefix, TABLE) \
	G_DEFINE_FINAL_TYPE(Type, prefix, G_TYPE_OBJECT) \
	static void \
	prefix##_get_property(GObject *o, guint id, GValue *v, GParamSpec *ps) \
	{ \
		item_get(o, TABLE, G_N_ELEMENTS(TABLE), id, v, ps); \
	} \
	static void \
	prefix##_finalize(GObject *o) \
	{ \
		item_clear(o, TABLE, G_N_ELEMENTS(TABLE)); \
		G_OBJECT_CLASS(prefix##_parent_class)->finalize(o); \
	} \
	static void \
	prefix##_class_init(Type##Class *k) \
	{ \
		GObjectClass *oc = G_OBJECT_CLASS(k); \
		oc->get_property = prefix##_get_property; \
		oc->finalize = prefix##_finalize; \
		item_install(oc, TABLE, G_N_ELEMENTS(TABLE)); \
	} \
	static void \
	prefix##_init(Type *self) \
	{ \
		(void)self; \
	}

#define PS(T, f, name) { name, P_STR, offsetof(T, f) }
#define PB(T, f, name) { name, P_BOOL, offsetof(T, f) }
#define PI(T, f, name) { name, P_INT, offsetof(T, f) }
#define PU(T, f, name) { name, P_U64, offsetof(T, f) }

/* ---- formatting helpers -------------------------------------------------- */

char *
hoso_month_text(const char *month)
{
	int y, m;
	char tail;
	if (month == NULL)
		return g_strdup("");
	if (strlen(month) != 7 || sscanf(month, "%4d-%2d%c", &y, &m,
	    &tail) != 2 || m < 1 || m > 12)
		return g_strdup(month);
	return g_strdup_printf("%02d/%04d", m, y);
}

gboolean
hoso_month_parse(const char *text, char out[8])
{
	int y, m, n = 0;
	if (text == NULL)
		return FALSE;
	while (g_ascii_isspace(*text))
		text++;
	if (sscanf(text, "%4d-%2d %n", &y, &m, &n) == 2 && n > 0 &&
	    text[n] == '\0' && strchr(text, '-') == text + 4) {
		/* yyyy-mm */
	} else if (sscanf(text, "%2d/%4d %n", &m, &y, &n) == 2 && n > 0 &&
	    text[n] == '\0') {
		/* mm/yyyy */
	} else {
		return FALSE;
	}
	if (m < 1 || m > 12 || y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
		return FALSE;
	g_snprintf(out, 8, "%04d-%02d", y, m);
	return TRUE;
}

static gboolean
set(const char *s)
{
	return s != NULL && *s != '\0';
}

/* ---- facts ---------------------------------------------------------------- */

static const struct item_prop fact_props[] = {
	PS(HosoFactItem, label, "label"),
	PS(HosoFactItem, value, "value"),
};
ITEM_DEFINE(HosoFactItem, hoso_fact_item, fact_props)

/* Append "label: date" to store when iso is set. */
static void
fact_add_date(GListStore *store, const char *label, const char *iso)
{
	if (!set(iso))
		return;
	HosoFactItem *it = g_object_new(HOSO_TYPE_FACT_ITEM, NULL);
	it->label = g_strdup(label);
	it->value = hoso_date_text(iso);
	g_list_store_append(store, it);
	g_object_unref(it);
}

GListModel *
hoso_deadline_model_new(const Hoso__File *f)
{
	GListStore *store = g_list_store_new(HOSO_TYPE_FACT_ITEM);
	if (f == NULL)
		return G_LIST_MODEL(store);
	fact_add_date(store, _("Decision due"), f->decision_due);
	fact_add_date(store, _("Ceremony due"), f->ceremony_due);
	fact_add_date(store, _("Probation ends"), f->probation_end);
	fact_add_date(store, _("Recognition vote due"),
	    f->recognition_vote_due);
	fact_add_date(store, _("Recognition decision due"),
	    f->recognition_decision_due);
	fact_add_date(store, _("Course certificate valid until"),
	    f->course_cert_expires);
	return G_LIST_MODEL(store);
}

/* ---- moves ------------------------------------------------------------------ */

static const struct item_prop move_props[] = {
	PI(HosoMoveItem, to, "to"),
	PS(HosoMoveItem, label, "label"),
	PS(HosoMoveItem, button_text, "button-text"),
	PB(HosoMoveItem, possible, "possible"),
	PB(HosoMoveItem, forward, "forward"),
	PB(HosoMoveItem, suggested, "suggested"),
	PS(HosoMoveItem, unmet_text, "unmet-text"),
};
ITEM_DEFINE(HosoMoveItem, hoso_move_item, move_props)

/* Stages of the main line, identified .. official. */
static gboolean
stage_main_line(int s)
{
	return s >= HOSO__STAGE__STAGE_IDENTIFIED &&
	    s <= HOSO__STAGE__STAGE_OFFICIAL;
}

/* Each unmet requirement in the user's language, one a line. */
static char *
unmet_join(Hoso__Requirement *const *q, size_t n)
{
	GString *s = g_string_new(NULL);
	for (size_t i = 0; i < n; i++) {
		char *t = hoso_requirement_text(q[i]);
		if (s->len > 0)
			g_string_append_c(s, '\n');
		g_string_append(s, t ? t : "");
		free(t);
	}
	return g_string_free(s, FALSE);
}

GListModel *
hoso_move_model_new(const Hoso__MoveList *ml)
{
	GListStore *store = g_list_store_new(HOSO_TYPE_MOVE_ITEM);
	gboolean suggested = FALSE;
	for (size_t i = 0; ml != NULL && i < ml->n_moves; i++) {
		const Hoso__Move *m = ml->moves[i];
		HosoMoveItem *it = g_object_new(HOSO_TYPE_MOVE_ITEM, NULL);
		it->to = m->to;
		it->label = g_strdup(hoso_stage_text(m->to));
		it->button_text = g_strdup_printf(_("Move to: %s"), it->label);
		it->possible = m->possible;
		it->forward = stage_main_line(m->to) &&
		    (ml->stage == HOSO__STAGE__STAGE_ON_HOLD ||
		    (int)m->to > (int)ml->stage);
		if (it->forward && it->possible && !suggested)
			it->suggested = suggested = TRUE;
		it->unmet_text = unmet_join(m->unmet, m->n_unmet);
		g_list_store_append(store, it);
		g_object_unref(it);
	}
	return G_LIST_MODEL(store);
}

/* ---- documents ---------------------------------------------------------------- */

static const struct item_prop doc_props[] = {
	PI(HosoDocItem, kind, "kind"),
	PS(HosoDocItem, label, "label"),
	PB(HosoDocItem, present, "present"),
	PS(HosoDocItem, date_text, "date-text"),
	PS(HosoDocItem, note, "note"),
};
ITEM_DEFINE(HosoDocItem, hoso_doc_item, doc_props)

GListModel *
hoso_doc_model_new(const Hoso__File *f)
{
	GListStore *store = g_list_store_new(HOSO_TYPE_DOC_ITEM);
	for (const struct hoso_enum_word *w = hoso_doc_kind_words; w->word;
	    w++) {
		const Hoso__Document *latest = NULL;
		for (size_t i = 0; f != NULL && i < f->n_documents; i++) {
			const Hoso__Document *d = f->documents[i];
			if ((int)d->kind == w->value && (latest == NULL ||
			    g_strcmp0(d->date, latest->date) >= 0))
				latest = d;
		}
		HosoDocItem *it = g_object_new(HOSO_TYPE_DOC_ITEM, NULL);
		it->kind = w->value;
		it->label = g_strdup(_(w->label));
		it->present = latest != NULL;
		it->date_text = latest ? hoso_date_text(latest->date) :
		    g_strdup(_("missing"));
		it->note = g_strdup(latest && latest->note ? latest->note : "");
		g_list_store_append(store, it);
		g_object_unref(it);
	}
	return G_LIST_MODEL(store);
}

/* ---- mentors ---------------------------------------------------------------- */

static const struct item_prop mentor_props[] = {
	PU(HosoMentorItem, member_id, "member-id"),
	PS(HosoMentorItem, name, "name"),
	PS(HosoMentorItem, since_text, "since-text"),
};
ITEM_DEFINE(HosoMentorItem, hoso_mentor_item, mentor_props)

GListModel *
hoso_mentor_model_new(const Hoso__File *f)
{
	GListStore *store = g_list_store_new(HOSO_TYPE_MENTOR_ITEM);
	for (size_t i = 0; f != NULL && i < f->n_mentors; i++) {
		const Hoso__Mentor *m = f->mentors[i];
		HosoMentorItem *it = g_object_new(HOSO_TYPE_MENTOR_ITEM, NULL);
		it->member_id = m->member_id;
		it->name = g_strdup_printf(_("Member #%llu"),
		    (unsigned long long)m->member_id);
		it->since_text = hoso_date_text(m->since);
		g_list_store_append(store, it);
		g_object_unref(it);
	}
	return G_LIST_MODEL(store);
}

void
hoso_mentor_item_set_name(HosoMentorItem *m, const char *name)
{
	g_return_if_fail(HOSO_IS_MENTOR_ITEM(m));
	if (name == NULL || g_strcmp0(m->name, name) == 0)
		return;
	g_free(m->name);
	m->name = g_strdup(name);
	g_object_notify(G_OBJECT(m), "name");
}

/* ---- history ---------------------------------------------------------------- */

static const struct item_prop history_props[] = {
	PU(HosoHistoryItem, seq, "seq"),
	PS(HosoHistoryItem, kind, "kind"),
	PS(HosoHistoryItem, effective, "effective"),
	PS(HosoHistoryItem, date_text, "date-text"),
	PS(HosoHistoryItem, entered_text, "entered-text"),
	PS(HosoHistoryItem, title, "title"),
	PS(HosoHistoryItem, note, "note"),
	PS(HosoHistoryItem, user, "user"),
};
ITEM_DEFINE(HosoHistoryItem, hoso_history_item, history_props)

/* Titles of the kinds of entry the server writes (daemon/hist.c callers);
 * "stage" and "document" are built from the entry itself. */
static const struct {
	const char *kind, *title;
} history_titles[] = {
	{ "created", N_("File opened") },
	{ "moved", N_("Moved to another cell") },
	{ "edit", N_("Personal details changed") },
	{ "document", N_("Paper recorded") },
	{ "introducer", N_("Introduction recorded") },
	{ "mentor", N_("Mentor assigned") },
	{ "relative", N_("Relative recorded") },
	{ "check", N_("Background check") },
	{ "evaluation", N_("Monthly evaluation") },
	{ "deadline", N_("Deadlines recomputed") },
};

/* The kind of paper a "document" entry's detail names ("document
 * doc_application dated 2026-03-02"), or DOC_NONE. */
static int
history_doc_kind(const char *detail)
{
	const char *p = detail ? strstr(detail, "document ") : NULL;
	if (p == NULL)
		return HOSO__DOC_KIND__DOC_NONE;
	p += strlen("document ");
	size_t n = strcspn(p, " ");
	char *name = g_ascii_strup(p, (gssize)n);
	const ProtobufCEnumValue *ev =
	    protobuf_c_enum_descriptor_get_value_by_name(
	    &hoso__doc_kind__descriptor, name);
	g_free(name);
	return ev ? ev->value : HOSO__DOC_KIND__DOC_NONE;
}

/* What an evaluation entry's detail says: "month=2026-03 rating=2".
 * FALSE when it does not say both. */
static gboolean
history_eval_detail(const char *detail, char month[8], int *rating)
{
	const char *m = detail ? strstr(detail, "month=") : NULL;
	const char *r = detail ? strstr(detail, "rating=") : NULL;
	if (m == NULL || r == NULL)
		return FALSE;
	m += strlen("month=");
	size_t n = strcspn(m, " ");
	if (n != 7)
		return FALSE;
	memcpy(month, m, 7);
	month[7] = '\0';
	*rating = (int)g_ascii_strtoll(r + strlen("rating="), NULL, 10);
	return TRUE;
}

/* A readable title for entry e, newly allocated. */
static char *
history_title(const Hoso__HistoryEntry *e)
{
	const char *kind = e->kind ? e->kind : "";
	if (strcmp(kind, "stage") == 0) {
		if (e->from == HOSO__STAGE__STAGE_NONE)
			return g_strdup(hoso_stage_text(e->to));
		return g_strdup_printf("%s → %s", hoso_stage_text(e->from),
		    hoso_stage_text(e->to));
	}
	if (strcmp(kind, "created") == 0 && e->to == HOSO__STAGE__STAGE_NONE)
		return g_strdup(_("Recorded as a party member"));
	if (strcmp(kind, "document") == 0) {
		int k = history_doc_kind(e->detail);
		if (k != HOSO__DOC_KIND__DOC_NONE)
			return g_strdup_printf(_("Paper recorded: %s"),
			    hoso_enum_text(hoso_doc_kind_words, k));
	}
	if (strcmp(kind, "evaluation") == 0) {
		char month[8];
		int rating;
		if (history_eval_detail(e->detail, month, &rating)) {
			char *mt = hoso_month_text(month);
			char *t = g_strdup_printf(_("Evaluation for %s: %s"),
			    mt, hoso_enum_text(hoso_rating_words, rating));
			g_free(mt);
			return t;
		}
	}
	for (size_t i = 0; i < G_N_ELEMENTS(history_titles); i++)
		if (strcmp(kind, history_titles[i].kind) == 0)
			return g_strdup(_(history_titles[i].title));
	return g_strdup(kind);
}

static HosoHistoryItem *
history_item_new(const Hoso__HistoryEntry *e)
{
	HosoHistoryItem *it = g_object_new(HOSO_TYPE_HISTORY_ITEM, NULL);
	it->seq = e->seq;
	it->kind = g_strdup(e->kind ? e->kind : "");
	it->effective = g_strdup(e->effective ? e->effective : "");
	it->date_text = hoso_date_text(e->effective);
	it->title = history_title(e);
	it->note = g_strdup(e->note ? e->note : "");
	it->user = g_strdup(e->user ? e->user : "");
	it->entered_text = date_iso_day(e->effective) !=
	    date_of_instant_vn(e->entered_at) ?
	    hoso_instant_text(e->entered_at) : g_strdup("");
	return it;
}

/* Newest first: the later effective date, then the later entry. */
static int
history_cmp(gconstpointer a, gconstpointer b, gpointer data)
{
	const HosoHistoryItem *x = a, *y = b;
	int c = strcmp(y->effective, x->effective);
	(void)data;
	if (c != 0)
		return c;
	return x->seq < y->seq ? 1 : x->seq > y->seq ? -1 : 0;
}

GListStore *
hoso_history_store_new(void)
{
	return g_list_store_new(HOSO_TYPE_HISTORY_ITEM);
}

void
hoso_history_store_add_page(GListStore *store, const Hoso__HistoryPage *page)
{
	for (size_t i = 0; page != NULL && i < page->n_items; i++) {
		HosoHistoryItem *it = history_item_new(page->items[i]);
		g_list_store_insert_sorted(store, it, history_cmp, NULL);
		g_object_unref(it);
	}
}

/* ---- evaluations ------------------------------------------------------------- */

static const struct item_prop eval_props[] = {
	PS(HosoEvalItem, month, "month"),
	PS(HosoEvalItem, month_text, "month-text"),
	PI(HosoEvalItem, rating, "rating"),
	PS(HosoEvalItem, rating_text, "rating-text"),
	PS(HosoEvalItem, comment, "comment"),
	PS(HosoEvalItem, date_text, "date-text"),
};
ITEM_DEFINE(HosoEvalItem, hoso_eval_item, eval_props)

/* Newest month first. */
static int
eval_cmp(gconstpointer a, gconstpointer b, gpointer data)
{
	const HosoEvalItem *x = a, *y = b;
	(void)data;
	return strcmp(y->month, x->month);
}

GListStore *
hoso_eval_store_new(void)
{
	return g_list_store_new(HOSO_TYPE_EVAL_ITEM);
}

void
hoso_eval_store_add_page(GListStore *store, const Hoso__HistoryPage *page)
{
	for (size_t i = 0; page != NULL && i < page->n_items; i++) {
		const Hoso__HistoryEntry *e = page->items[i];
		char month[8];
		int rating;
		if (g_strcmp0(e->kind, "evaluation") != 0 ||
		    !history_eval_detail(e->detail, month, &rating))
			continue;
		HosoEvalItem *it = g_object_new(HOSO_TYPE_EVAL_ITEM, NULL);
		it->month = g_strdup(month);
		it->month_text = hoso_month_text(month);
		it->rating = rating;
		it->rating_text = g_strdup(hoso_enum_text(hoso_rating_words,
		    rating));
		it->comment = g_strdup(e->note ? e->note : "");
		it->date_text = hoso_date_text(e->effective);
		g_list_store_insert_sorted(store, it, eval_cmp, NULL);
		g_object_unref(it);
	}
}

/* ---- background checks -------------------------------------------------------- */

static const struct item_prop leg_props[] = {
	PI(HosoLegItem, kind, "kind"),
	PS(HosoLegItem, leg_text, "leg-text"),
	PS(HosoLegItem, started_text, "started-text"),
	PS(HosoLegItem, ended_text, "ended-text"),
	PS(HosoLegItem, due_text, "due-text"),
	PS(HosoLegItem, note_text, "note-text"),
};
ITEM_DEFINE(HosoLegItem, hoso_leg_item, leg_props)

static const struct item_prop check_props[] = {
	PU(HosoCheckItem, id, "id"),
	PS(HosoCheckItem, subject, "subject"),
	PS(HosoCheckItem, state_text, "state-text"),
	PS(HosoCheckItem, due_text, "due-text"),
	PS(HosoCheckItem, status, "status"),
	PS(HosoCheckItem, css_class, "css-class"),
	PS(HosoCheckItem, status_text, "status-text"),
	PS(HosoCheckItem, result_text, "result-text"),
	PB(HosoCheckItem, pending, "pending"),
	{ "legs", P_STORE, offsetof(HosoCheckItem, legs) },
};
ITEM_DEFINE(HosoCheckItem, hoso_check_item, check_props)

/* The statuses a Verification may have, their style class and words. */
static const struct {
	const char *status, *css, *text;
} check_statuses[] = {
	{ "on-time", "on-time", N_("on time") },
	{ "due-soon", "due-soon", N_("due soon") },
	{ "overdue", "overdue", N_("overdue") },
	{ "suspended", "suspended", N_("suspended") },
	{ "closed", "closed", N_("closed") },
};

/* What else a leg's deadline went through: an extension, a stopped
 * clock.  Newly allocated, "" when nothing. */
static char *
leg_note(const Hoso__Leg *l)
{
	GString *s = g_string_new(NULL);
	if (l->n_extensions > 0 && set(l->due_original) &&
	    g_strcmp0(l->due_original, l->due) != 0) {
		char *d = hoso_date_text(l->due_original);
		g_string_append_printf(s, _("extended; first due %s"), d);
		g_free(d);
	}
	for (size_t i = 0; i < l->n_suspensions; i++) {
		if (l->suspensions[i]->to != 0)
			continue;
		char *d = hoso_instant_text(l->suspensions[i]->from);
		if (s->len > 0)
			g_string_append(s, "; ");
		g_string_append_printf(s, _("clock stopped since %s"), d);
		g_free(d);
	}
	return g_string_free(s, FALSE);
}

static HosoLegItem *
leg_item_new(const Hoso__Leg *l)
{
	HosoLegItem *it = g_object_new(HOSO_TYPE_LEG_ITEM, NULL);
	it->kind = l->kind;
	it->leg_text = g_strdup(hoso_enum_text(hoso_leg_kind_words, l->kind));
	it->started_text = hoso_instant_text(l->started);
	it->ended_text = hoso_instant_text(l->ended);
	it->due_text = hoso_date_text(l->due);
	it->note_text = leg_note(l);
	return it;
}

/* The file's check with this id, or NULL. */
static const Hoso__Check *
file_check(const Hoso__File *f, uint32_t id)
{
	for (size_t i = 0; f != NULL && id != 0 && i < f->n_checks; i++)
		if (f->checks[i]->id == id)
			return f->checks[i];
	return NULL;
}

/* "name (relation)" when the relation is known, else name. */
static char *
check_subject(const char *name, const Hoso__Check *ck)
{
	const char *rel = ck ? hoso_enum_text(hoso_relation_words, ck->relation) :
	    "";
	if (*rel == '\0')
		return g_strdup(name ? name : "");
	return g_strdup_printf("%s (%s)", name ? name : "", rel);
}

static HosoCheckItem *
check_item_verification(const Hoso__Verification *v, const Hoso__File *f)
{
	HosoCheckItem *it = g_object_new(HOSO_TYPE_CHECK_ITEM, NULL);
	it->id = v->id;
	it->subject = check_subject(v->subject, file_check(f,
	    v->file_check_id));
	it->state_text = g_strdup(hoso_enum_text(hoso_vstate_words, v->state));
	it->due_text = hoso_date_text(v->due);
	it->status = g_strdup(v->status ? v->status : "");
	const char *css = "", *text = it->status;
	for (size_t i = 0; i < G_N_ELEMENTS(check_statuses); i++) {
		if (strcmp(it->status, check_statuses[i].status) == 0) {
			css = check_statuses[i].css;
			text = _(check_statuses[i].text);
			break;
		}
	}
	it->css_class = g_strdup(css);
	it->status_text = g_strdup(text);
	const char *res = hoso_enum_text(hoso_check_result_words, v->result);
	it->result_text = *res && set(v->result_text) ?
	    g_strdup_printf("%s: %s", res, v->result_text) : g_strdup(res);
	it->legs = g_list_store_new(HOSO_TYPE_LEG_ITEM);
	for (size_t i = 0; i < v->n_legs; i++) {
		HosoLegItem *l = leg_item_new(v->legs[i]);
		g_list_store_append(it->legs, l);
		g_object_unref(l);
	}
	return it;
}

/* A file check no Verification answers: waiting to be sent, or settled
 * without one (waived, concluded on paper). */
static HosoCheckItem *
check_item_file(const Hoso__Check *ck)
{
	HosoCheckItem *it = g_object_new(HOSO_TYPE_CHECK_ITEM, NULL);
	it->subject = check_subject(ck->subject, ck);
	it->pending = ck->status == HOSO__CHECK_STATUS__CHECK_PENDING;
	it->state_text = g_strdup(it->pending ? _("not sent yet") :
	    hoso_enum_text(hoso_check_status_words, ck->status));
	it->due_text = g_strdup("");
	it->status = g_strdup(it->pending ? "pending" : "");
	it->css_class = g_strdup("");
	it->status_text = g_strdup(it->pending ? _("pending") : "");
	it->result_text = g_strdup(ck->concern && set(ck->concern_text) ?
	    ck->concern_text : "");
	it->legs = g_list_store_new(HOSO_TYPE_LEG_ITEM);
	return it;
}

GListModel *
hoso_check_model_new(const Hoso__CheckPage *page, const Hoso__File *f)
{
	GListStore *store = g_list_store_new(HOSO_TYPE_CHECK_ITEM);
	for (size_t i = 0; page != NULL && i < page->n_items; i++) {
		HosoCheckItem *it = check_item_verification(page->items[i], f);
		g_list_store_append(store, it);
		g_object_unref(it);
	}
	for (size_t i = 0; f != NULL && i < f->n_checks; i++) {
		const Hoso__Check *ck = f->checks[i];
		gboolean answered = FALSE;
		for (size_t j = 0; page != NULL && j < page->n_items; j++)
			if (page->items[j]->file_check_id == ck->id ||
			    (ck->request_id != 0 &&
			    page->items[j]->id == ck->request_id))
				answered = TRUE;
		if (answered)
			continue;
		HosoCheckItem *it = check_item_file(ck);
		g_list_store_append(store, it);
		g_object_unref(it);
	}
	return G_LIST_MODEL(store);
}

/* ---- personal details --------------------------------------------------------- */

static const struct item_prop field_props[] = {
	PS(HosoFieldItem, name, "name"),
	PS(HosoFieldItem, label, "label"),
	PI(HosoFieldItem, kind, "kind"),
	PI(HosoFieldItem, value, "value"),
	PS(HosoFieldItem, value_text, "value-text"),
	PS(HosoFieldItem, edit_text, "edit-text"),
};
ITEM_DEFINE(HosoFieldItem, hoso_field_item, field_props)

/* The Person fields the page shows and edits; text fields by offset. */
static const struct person_field {
	const char *name, *label;
	HosoFieldKind kind;
	const struct hoso_enum_word *words;
	size_t off;             /* of a char * field, for text and dates */
} person_fields[] = {
	{ "name", N_("_Full name"), HOSO_FIELD_TEXT, NULL,
	    offsetof(Hoso__Person, name) },
	{ "born", N_("Date of _birth"), HOSO_FIELD_DATE, NULL,
	    offsetof(Hoso__Person, born) },
	{ "gender", N_("_Gender"), HOSO_FIELD_ENUM, hoso_gender_words, 0 },
	{ "ethnicity", N_("_Ethnicity"), HOSO_FIELD_TEXT, NULL,
	    offsetof(Hoso__Person, ethnicity) },
	{ "religion", N_("_Religion"), HOSO_FIELD_TEXT, NULL,
	    offsetof(Hoso__Person, religion) },
	{ "education", N_("Educa_tion"), HOSO_FIELD_ENUM, hoso_education_words,
	    0 },
	{ "id_number", N_("_ID number"), HOSO_FIELD_TEXT, NULL,
	    offsetof(Hoso__Person, id_number) },
	{ "workplace", N_("_Workplace"), HOSO_FIELD_TEXT, NULL,
	    offsetof(Hoso__Person, workplace) },
	{ "phone", N_("_Phone"), HOSO_FIELD_TEXT, NULL,
	    offsetof(Hoso__Person, phone) },
	{ "introduced_by", N_("Introduced b_y"), HOSO_FIELD_ENUM,
	    hoso_introduced_by_words, 0 },
	{ "notes", N_("N_otes"), HOSO_FIELD_MULTILINE, NULL,
	    offsetof(Hoso__Person, notes) },
};

/* The value of enum field name in p. */
static int
person_enum_get(const Hoso__Person *p, const char *name)
{
	if (strcmp(name, "gender") == 0)
		return p->gender;
	if (strcmp(name, "education") == 0)
		return p->education;
	return p->introduced_by;
}

static void
person_enum_set(Hoso__Person *p, const char *name, int v)
{
	if (strcmp(name, "gender") == 0)
		p->gender = (Hoso__Gender)v;
	else if (strcmp(name, "education") == 0)
		p->education = (Hoso__Education)v;
	else
		p->introduced_by = (Hoso__IntroducedBy)v;
}

GListModel *
hoso_person_field_model_new(const Hoso__Person *p)
{
	GListStore *store = g_list_store_new(HOSO_TYPE_FIELD_ITEM);
	for (size_t i = 0; p != NULL && i < G_N_ELEMENTS(person_fields);
	    i++) {
		const struct person_field *pf = &person_fields[i];
		HosoFieldItem *it = g_object_new(HOSO_TYPE_FIELD_ITEM, NULL);
		it->name = g_strdup(pf->name);
		it->label = g_strdup(_(pf->label));
		it->kind = pf->kind;
		it->words = pf->words;
		if (pf->kind == HOSO_FIELD_ENUM) {
			it->value = person_enum_get(p, pf->name);
			it->value_text = g_strdup(hoso_enum_text(pf->words,
			    it->value));
			it->edit_text = g_strdup(it->value_text);
		} else {
			const char *s = *ITEM_FIELD(p, pf->off, char *);
			s = s ? s : "";
			it->edit_text = pf->kind == HOSO_FIELD_DATE ?
			    hoso_date_text(s) : g_strdup(s);
			it->value_text = g_strdup(it->edit_text);
		}
		g_list_store_append(store, it);
		g_object_unref(it);
	}
	return G_LIST_MODEL(store);
}

static const struct person_field *
person_field_find(const char *name)
{
	for (size_t i = 0; name != NULL && i < G_N_ELEMENTS(person_fields);
	    i++)
		if (strcmp(person_fields[i].name, name) == 0)
			return &person_fields[i];
	return NULL;
}

gboolean
hoso_field_item_changed(const HosoFieldItem *f, const char *text, int value)
{
	if (f->kind == HOSO_FIELD_ENUM)
		return value != f->value;
	char *t = g_strstrip(g_strdup(text ? text : ""));
	gboolean changed = strcmp(t, f->edit_text) != 0;
	g_free(t);
	return changed;
}

gboolean
hoso_person_field_set(Hoso__Person *p, const HosoFieldItem *f,
    const char *text, int value, GPtrArray *keep)
{
	const struct person_field *pf = person_field_find(f->name);
	if (pf == NULL)
		return FALSE;
	if (pf->kind == HOSO_FIELD_ENUM) {
		person_enum_set(p, pf->name, value);
		return TRUE;
	}
	char *t = g_strstrip(g_strdup(text ? text : ""));
	if (pf->kind == HOSO_FIELD_DATE && *t != '\0') {
		int32_t day;
		if (date_parse_user(t, &day) != DATE_OK) {
			g_free(t);
			return FALSE;
		}
		g_free(t);
		t = g_malloc(11);
		date_format_iso(day, t);
	}
	g_ptr_array_add(keep, t);
	*ITEM_FIELD(p, pf->off, char *) = t;
	return TRUE;
}

const char *
hoso_person_field_of_error(const char *field)
{
	if (field == NULL)
		return NULL;
	if (g_str_has_prefix(field, "person."))
		field += strlen("person.");
	const struct person_field *pf = person_field_find(field);
	return pf ? pf->name : NULL;
}
