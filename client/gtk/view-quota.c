/* view-quota.c: the quotas page (see view-quota.h).  One row per unit:
 * its name, a progress bar of admissions against the target, and the
 * funnel drawn with cairo, narrowing bars with their numbers; the numbers
 * are also the funnel's accessible label, so colour and shape are never
 * the only way to read them.  It loads when shown, after a change of unit
 * or period, and after a reconnect. */
#include <stdlib.h>

#include "date.h"
#include "hoso/client.h"
#include "i18n.h"
#include "model-quota.h"
#include "view-quota.h"
#include "window.h"

#define YEARS_AROUND 5          /* the year spin: this year +- 5 */
#define TERM_FIRST 2025         /* terms run 2025-2030, 2030-2035 ... */
#define TERM_YEARS 5
#define FUNNEL_ROW 22           /* pixels per bar of the funnel */
#define FUNNEL_BARS 150         /* pixels for the widest bar */

struct _HosoQuotaView {
	GtkBox parent;
	HosoSession *s;
	gulong reconnected_id;
	guint64 org_id;         /* asked for; 0: the user's unit */
	guint64 shown_id;       /* resolved */
	gboolean dirty;         /* to load when next shown */
	gboolean loading, again;
	GtkWidget *year, *term, *status, *list;
};

G_DEFINE_FINAL_TYPE(HosoQuotaView, hoso_quota_view, GTK_TYPE_BOX)

static void quota_load(HosoQuotaView *q);

/* ---- the funnel ------------------------------------------------------------ */

/* The text colour of w. */
static void
text_color(GtkWidget *w, GdkRGBA *c)
{
#if GTK_CHECK_VERSION(4, 10, 0)
	gtk_widget_get_color(w, c);
#else
	gtk_style_context_get_color(gtk_widget_get_style_context(w), c);
#endif
}

/* The funnel's numbers, and each bar's words ("12 identified"),
 * newly allocated.  Without it, as wide as they get. */
static void
funnel_texts(const HosoQuotaItem *it, guint v[4], char *t[4])
{
	v[0] = it ? it->identified : 9999;
	v[1] = it ? it->in_course : 9999;
	v[2] = it ? it->course_passed : 9999;
	v[3] = it ? it->funnel_admitted : 9999;
	t[0] = g_strdup_printf(_("%u identified"), v[0]);
	t[1] = g_strdup_printf(_("%u in the course"), v[1]);
	t[2] = g_strdup_printf(_("%u passed the course"), v[2]);
	t[3] = g_strdup_printf(_("%u admitted"), v[3]);
}

/* Wide enough for the bars and the longest words beside them, the same
 * for every row so that the funnels line up. */
static int
funnel_width(GtkWidget *w)
{
	guint v[4];
	char *t[4];
	int widest = 0;
	funnel_texts(NULL, v, t);
	for (int i = 0; i < 4; i++) {
		PangoLayout *pl = gtk_widget_create_pango_layout(w, t[i]);
		int tw, th;
		pango_layout_get_pixel_size(pl, &tw, &th);
		widest = MAX(widest, tw);
		g_object_unref(pl);
		g_free(t[i]);
	}
	return FUNNEL_BARS + 12 + widest + 4;
}

static void
draw_funnel(GtkDrawingArea *a, cairo_t *cr, int w, int h, gpointer data)
{
	HosoQuotaItem *it = data;
	guint v[4];
	char *words[4];
	funnel_texts(it, v, words);
	/* Bars shade from light to dark blue as the funnel narrows. */
	static const double shade[4][3] = {
		{ 0.60, 0.76, 0.95 }, { 0.42, 0.64, 0.92 },
		{ 0.25, 0.52, 0.88 }, { 0.13, 0.38, 0.75 },
	};
	double bars = MIN(FUNNEL_BARS, w), rowh = h / 4.0;
	guint max = 1;
	GdkRGBA fg;
	text_color(GTK_WIDGET(a), &fg);
	for (int i = 0; i < 4; i++)
		if (v[i] > max)
			max = v[i];
	for (int i = 0; i < 4; i++) {
		double bw = bars * v[i] / max;
		if (bw < 3.0)
			bw = 3.0;
		cairo_set_source_rgb(cr, shade[i][0], shade[i][1], shade[i][2]);
		cairo_rectangle(cr, (bars - bw) / 2, i * rowh + 2, bw, rowh - 4);
		cairo_fill(cr);
		PangoLayout *pl = gtk_widget_create_pango_layout(GTK_WIDGET(a),
		    words[i]);
		int tw, th;
		pango_layout_get_pixel_size(pl, &tw, &th);
		gdk_cairo_set_source_rgba(cr, &fg);
		cairo_move_to(cr, bars + 12, i * rowh + (rowh - th) / 2);
		pango_cairo_show_layout(cr, pl);
		g_object_unref(pl);
		g_free(words[i]);
	}
}

/* ---- rows ---------------------------------------------------------------- */

static GtkWidget *
quota_row(gpointer item, gpointer data)
{
	HosoQuotaItem *it = item;
	(void)data;
	GtkWidget *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 18);
	gtk_widget_set_margin_start(row, 12 + 24 * (int)MIN(it->depth, 6));
	gtk_widget_set_margin_end(row, 12);
	gtk_widget_set_margin_top(row, 10);
	gtk_widget_set_margin_bottom(row, 10);

	GtkWidget *left = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
	gtk_widget_set_hexpand(left, TRUE);
	gtk_widget_set_valign(left, GTK_ALIGN_CENTER);
	GtkWidget *top = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
	GtkWidget *name = gtk_label_new(it->name);
	gtk_label_set_xalign(GTK_LABEL(name), 0);
	gtk_label_set_wrap(GTK_LABEL(name), TRUE);
	gtk_widget_set_hexpand(name, TRUE);
	gtk_widget_add_css_class(name, it->depth == 0 ? "title-4" :
	    "heading");
	GtkWidget *count = gtk_label_new(it->progress_text);
	gtk_widget_set_valign(count, GTK_ALIGN_BASELINE);
	gtk_widget_set_valign(name, GTK_ALIGN_BASELINE);
	if (it->target == 0)
		gtk_widget_add_css_class(count, "dim-label");
	gtk_box_append(GTK_BOX(top), name);
	gtk_box_append(GTK_BOX(top), count);
	gtk_box_append(GTK_BOX(left), top);

	/* The text is shown beside the name, where it is easier to read
	 * than on the bar; the bar keeps it for screen readers. */
	GtkWidget *bar = gtk_progress_bar_new();
	gtk_progress_bar_set_fraction(GTK_PROGRESS_BAR(bar), it->fraction);
	gtk_progress_bar_set_text(GTK_PROGRESS_BAR(bar), it->progress_text);
	char *label = g_strdup_printf(_("Admissions of %s"), it->name);
	gtk_accessible_update_property(GTK_ACCESSIBLE(bar),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
	    GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, it->progress_text, -1);
	g_free(label);
	gtk_box_append(GTK_BOX(left), bar);
	if (it->course_target > 0) {
		char *t = g_strdup_printf(_("Course target: %u"),
		    it->course_target);
		GtkWidget *ct = gtk_label_new(t);
		gtk_label_set_xalign(GTK_LABEL(ct), 0);
		gtk_widget_add_css_class(ct, "dim-label");
		gtk_box_append(GTK_BOX(left), ct);
		g_free(t);
	}
	gtk_box_append(GTK_BOX(row), left);

	GtkWidget *funnel = g_object_new(GTK_TYPE_DRAWING_AREA,
	    "accessible-role", GTK_ACCESSIBLE_ROLE_IMG, NULL);
	gtk_drawing_area_set_content_width(GTK_DRAWING_AREA(funnel),
	    funnel_width(funnel));
	gtk_drawing_area_set_content_height(GTK_DRAWING_AREA(funnel),
	    4 * FUNNEL_ROW);
	gtk_drawing_area_set_draw_func(GTK_DRAWING_AREA(funnel), draw_funnel,
	    g_object_ref(it), g_object_unref);
	gtk_accessible_update_property(GTK_ACCESSIBLE(funnel),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, it->funnel_text, -1);
	gtk_widget_set_tooltip_text(funnel, it->funnel_text);
	gtk_box_append(GTK_BOX(row), funnel);
	return row;
}

/* ---- loading ---------------------------------------------------------------- */

static void
show_status(HosoQuotaView *q, const char *text, gboolean error)
{
	gtk_label_set_text(GTK_LABEL(q->status), text ? text : "");
	gtk_widget_set_visible(q->status, text != NULL && *text != '\0');
	if (error)
		gtk_widget_add_css_class(q->status, "error");
	else
		gtk_widget_remove_css_class(q->status, "error");
}

/* The term that holds year: 2025-2030 for 2025 to 2029. */
static void
term_of(unsigned year, unsigned *first, unsigned *last)
{
	unsigned k = year >= TERM_FIRST ? (year - TERM_FIRST) / TERM_YEARS : 0;
	*first = TERM_FIRST + k * TERM_YEARS;
	*last = *first + TERM_YEARS;
}

static void
load_finished(HosoQuotaView *q)
{
	q->loading = FALSE;
	if (q->again) {
		q->again = FALSE;
		quota_load(q);
	}
}

static void
on_report(HosoSession *s, const Hoso__Response *r, const GError *err,
    gpointer data)
{
	HosoQuotaView *q = data;
	(void)s;
	if (r != NULL && r->status == HOSO__STATUS__OK &&
	    r->body_case == HOSO__RESPONSE__BODY_QUOTA_REPORT) {
		GListModel *m = hoso_quota_model_new(r->quota_report);
		gtk_list_box_bind_model(GTK_LIST_BOX(q->list), m, quota_row, q,
		    NULL);
		g_object_unref(m);
		show_status(q, NULL, FALSE);
	} else {
		char *t = hoso_reply_error(r, err);
		gtk_list_box_bind_model(GTK_LIST_BOX(q->list), NULL, NULL, NULL,
		    NULL);
		show_status(q, t, TRUE);
		g_free(t);
	}
	load_finished(q);
}

static void
ask_report(HosoQuotaView *q)
{
	Hoso__QuotaShow qs = HOSO__QUOTA_SHOW__INIT;
	Hoso__Request req = HOSO__REQUEST__INIT;
	unsigned year = (unsigned)gtk_spin_button_get_value_as_int(
	    GTK_SPIN_BUTTON(q->year));
	qs.org_id = q->shown_id;
	if (gtk_check_button_get_active(GTK_CHECK_BUTTON(q->term)))
		term_of(year, &qs.term_start, &qs.term_end);
	else
		qs.year = year;
	req.body_case = HOSO__REQUEST__BODY_QUOTA_SHOW;
	req.quota_show = &qs;
	hoso_session_call(q->s, &req, G_OBJECT(q), on_report, q);
}

/* The top unit, for an account whose unit is the whole tree (0). */
static void
on_top(HosoSession *s, const Hoso__Response *r, const GError *err,
    gpointer data)
{
	HosoQuotaView *q = data;
	(void)s;
	if (r != NULL && r->status == HOSO__STATUS__OK &&
	    r->body_case == HOSO__RESPONSE__BODY_ORG_PAGE &&
	    r->org_page->n_items > 0) {
		q->shown_id = r->org_page->items[0]->id;
		ask_report(q);
		return;
	}
	char *t = r && r->status != HOSO__STATUS__OK ? hoso_response_text(r) :
	    strdup(err ? err->message : _("Choose a unit to see its quotas."));
	show_status(q, t, r == NULL || r->status != HOSO__STATUS__OK);
	free(t);
	load_finished(q);
}

static void
quota_load(HosoQuotaView *q)
{
	if (q->loading) {
		q->again = TRUE;
		return;
	}
	q->dirty = FALSE;
	q->loading = TRUE;
	q->shown_id = q->org_id;
	if (q->shown_id == 0) {
		const Hoso__User *u = hoso_session_get_user(q->s);
		q->shown_id = u ? u->org_id : 0;
	}
	if (q->shown_id != 0) {
		ask_report(q);
		return;
	}
	Hoso__OrgList ol = HOSO__ORG_LIST__INIT;
	Hoso__Request req = HOSO__REQUEST__INIT;
	ol.kind = HOSO__ORG_KIND__ORG_DISTRICT;
	ol.limit = 1;
	req.body_case = HOSO__REQUEST__BODY_ORG_LIST;
	req.org_list = &ol;
	hoso_session_call(q->s, &req, G_OBJECT(q), on_top, q);
}

/* Load now if on screen, else when next shown. */
static void
quota_refresh(HosoQuotaView *q)
{
	q->dirty = TRUE;
	if (gtk_widget_get_mapped(GTK_WIDGET(q)))
		quota_load(q);
}

static void
on_map(GtkWidget *w, gpointer data)
{
	HosoQuotaView *q = HOSO_QUOTA_VIEW(w);
	(void)data;
	if (q->dirty)
		quota_load(q);
}

static void
update_term_label(HosoQuotaView *q)
{
	unsigned first, last;
	term_of((unsigned)gtk_spin_button_get_value_as_int(
	    GTK_SPIN_BUTTON(q->year)), &first, &last);
	char *t = g_strdup_printf(_("Whole _term %u–%u"), first, last);
	gtk_check_button_set_label(GTK_CHECK_BUTTON(q->term), t);
	hoso_accessible_name(q->term, _("Whole term"));
	g_free(t);
}

static void
on_year_changed(GtkSpinButton *b, gpointer data)
{
	(void)b;
	update_term_label(data);
	quota_refresh(data);
}

static void
on_term_toggled(GtkCheckButton *b, gpointer data)
{
	HosoQuotaView *q = data;
	(void)b;
	quota_refresh(q);
}

static void
on_reconnected(HosoSession *s, gpointer data)
{
	(void)s;
	quota_refresh(data);
}

/* ---- the widget -------------------------------------------------------------- */

static void
build(HosoQuotaView *q)
{
	int y, m, d;
	date_to_ymd(date_today_vn(), &y, &m, &d);
	gtk_orientable_set_orientation(GTK_ORIENTABLE(q),
	    GTK_ORIENTATION_VERTICAL);

	GtkWidget *bar = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
	gtk_widget_set_margin_start(bar, 24);
	gtk_widget_set_margin_end(bar, 24);
	gtk_widget_set_margin_top(bar, 18);
	gtk_widget_set_margin_bottom(bar, 6);
	GtkWidget *yl = gtk_label_new_with_mnemonic(_("_Year"));
	q->year = gtk_spin_button_new_with_range(y - YEARS_AROUND,
	    y + YEARS_AROUND, 1);
	gtk_spin_button_set_value(GTK_SPIN_BUTTON(q->year), y);
	gtk_label_set_mnemonic_widget(GTK_LABEL(yl), q->year);
	hoso_accessible_name(q->year, _("Year"));
	q->term = gtk_check_button_new();
	gtk_check_button_set_use_underline(GTK_CHECK_BUTTON(q->term), TRUE);
	update_term_label(q);
	g_object_bind_property(q->term, "active", q->year, "sensitive",
	    G_BINDING_INVERT_BOOLEAN | G_BINDING_SYNC_CREATE);
	g_signal_connect(q->year, "value-changed",
	    G_CALLBACK(on_year_changed), q);
	g_signal_connect(q->term, "toggled", G_CALLBACK(on_term_toggled), q);
	gtk_box_append(GTK_BOX(bar), yl);
	gtk_box_append(GTK_BOX(bar), q->year);
	gtk_box_append(GTK_BOX(bar), q->term);
	gtk_box_append(GTK_BOX(q), bar);

	q->status = gtk_label_new(NULL);
	gtk_label_set_wrap(GTK_LABEL(q->status), TRUE);
	gtk_label_set_xalign(GTK_LABEL(q->status), 0);
	gtk_widget_set_margin_start(q->status, 24);
	gtk_widget_set_margin_end(q->status, 24);
	gtk_widget_set_visible(q->status, FALSE);
	gtk_box_append(GTK_BOX(q), q->status);

	GtkWidget *scroll = gtk_scrolled_window_new();
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroll),
	    GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
	gtk_widget_set_vexpand(scroll, TRUE);
	GtkWidget *frame = gtk_frame_new(NULL);
	gtk_widget_set_margin_start(frame, 24);
	gtk_widget_set_margin_end(frame, 24);
	gtk_widget_set_margin_top(frame, 6);
	gtk_widget_set_margin_bottom(frame, 24);
	gtk_widget_set_valign(frame, GTK_ALIGN_START);
	q->list = gtk_list_box_new();
	gtk_list_box_set_selection_mode(GTK_LIST_BOX(q->list),
	    GTK_SELECTION_NONE);
	gtk_accessible_update_property(GTK_ACCESSIBLE(q->list),
	    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Quotas"), -1);
	hoso_list_placeholder(q->list, _("No quota figures to show."), 18);
	gtk_frame_set_child(GTK_FRAME(frame), q->list);
	gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(scroll), frame);
	gtk_box_append(GTK_BOX(q), scroll);
	g_signal_connect(q, "map", G_CALLBACK(on_map), NULL);
}

static void
hoso_quota_view_dispose(GObject *o)
{
	HosoQuotaView *q = HOSO_QUOTA_VIEW(o);
	if (q->s != NULL && q->reconnected_id != 0)
		g_signal_handler_disconnect(q->s, q->reconnected_id);
	q->reconnected_id = 0;
	g_clear_object(&q->s);
	G_OBJECT_CLASS(hoso_quota_view_parent_class)->dispose(o);
}

static void
hoso_quota_view_class_init(HosoQuotaViewClass *k)
{
	G_OBJECT_CLASS(k)->dispose = hoso_quota_view_dispose;
}

static void
hoso_quota_view_init(HosoQuotaView *q)
{
	q->dirty = TRUE;
	build(q);
}

GtkWidget *
hoso_quota_view_new(HosoSession *s)
{
	HosoQuotaView *q = g_object_new(HOSO_TYPE_QUOTA_VIEW, NULL);
	q->s = g_object_ref(s);
	q->reconnected_id = g_signal_connect(s, "reconnected",
	    G_CALLBACK(on_reconnected), q);
	return GTK_WIDGET(q);
}

void
hoso_quota_view_set_org(GtkWidget *view, uint64_t org_id)
{
	g_return_if_fail(HOSO_IS_QUOTA_VIEW(view));
	HosoQuotaView *q = HOSO_QUOTA_VIEW(view);
	if (q->org_id == org_id && !q->dirty && q->shown_id != 0)
		return;
	q->org_id = org_id;
	quota_refresh(q);
}
