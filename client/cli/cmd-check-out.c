/* cmd-check-out.c: printing background checks for people: one check with
 * its legs, a table of checks, and the day-by-day explanation of a
 * deadline.  Dates are shown dd/mm/yyyy and moments dd/mm/yyyy HH:MM, in
 * Vietnam's time; everything from the server is cleaned before it reaches
 * the terminal (cli_block, cli_table, cli_clean). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "i18n.h"

/* The words the server uses for a check's status and an alert's kind,
 * with their labels (msgids). */
static const struct {
	const char *word, *label;
} check_words[] = {
	{ "on-time", N_("on time") },
	{ "due-soon", N_("due soon") },
	{ "overdue", N_("overdue") },
	{ "suspended", N_("clock stopped") },
	{ "closed", N_("closed") },
	{ "digest", N_("digest") },
};

const char *
check_status_label(const char *word)
{
	for (size_t i = 0; i < sizeof check_words / sizeof check_words[0]; i++)
		if (strcmp(check_words[i].word, word) == 0)
			return _(check_words[i].label);
	return word;
}

const char *
check_alert_kind_label(const char *word)
{
	return check_status_label(word);
}

const char *
check_leg_label(int kind)
{
	return cli_label(hoso_leg_kind_words, kind);
}

/* Whether s holds text. */
static bool
check_set(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* "dd/mm/yyyy" of an ISO date, "" for none; into out. */
static const char *
check_day(const char *iso, char out[11])
{
	if (!check_set(iso)) {
		out[0] = '\0';
		return out;
	}
	return cli_format_date(iso, out);
}

/* Where the check went: the ward (number and name) or the committee
 * outside the district; malloc'd. */
static char *
check_where(struct cli *cli, const Hoso__Verification *v)
{
	char *s = NULL;
	if (v->ward_id != 0)
		return cli_org_ref(cli, v->ward_id);
	if (asprintf(&s, _("outside the district: %s"), v->outside) < 0)
		return NULL;
	return s;
}

/* The state in words: "at the ward police (at-police)". */
static void
check_state_text(int state, char *buf, size_t size)
{
	const char *word = hoso_enum_word(hoso_vstate_words, state);
	if (word == NULL)
		snprintf(buf, size, "%s", state == 0 ? "" : "?");
	else
		snprintf(buf, size, "%s (%s)", cli_label(hoso_vstate_words,
		    state), word);
}

/* Who started and who ended a leg: "A → B", "A", "→ B" or "". */
static void
check_leg_by(const Hoso__Leg *l, char *buf, size_t size)
{
	bool a = check_set(l->started_by), b = check_set(l->ended_by);
	if (a && b && strcmp(l->started_by, l->ended_by) == 0)
		snprintf(buf, size, "%s", l->started_by);
	else if (a && b)
		snprintf(buf, size, "%s → %s", l->started_by, l->ended_by);
	else if (a)
		snprintf(buf, size, "%s", l->started_by);
	else if (b)
		snprintf(buf, size, "→ %s", l->ended_by);
	else
		buf[0] = '\0';
}

/* The legs: a table with one line each, then a line for each extension
 * and suspension. */
static void
check_print_legs(const Hoso__Verification *v)
{
	const char *headers[] = { _("Leg"), _("Started"), _("Ended"),
	    _("Working days"), _("Due"), _("Handled by") };
	struct cli_table t;
	char start[17], end[17], due[11], orig[11], by[512];

	if (v->n_legs == 0)
		return;
	printf("\n%s\n", _("Legs:"));
	cli_table_init(&t, 6, headers);
	for (size_t i = 0; i < v->n_legs; i++) {
		const Hoso__Leg *l = v->legs[i];
		cli_table_add(&t, "%s", check_leg_label(l->kind));
		cli_table_add(&t, "%s%s", cli_format_instant(l->started, start),
		    l->start_assumed ? _(" (assumed)") : "");
		cli_table_add(&t, "%s", cli_format_instant(l->ended, end));
		cli_table_add(&t, "%u", (unsigned)l->workdays);
		check_day(l->due, due);
		check_day(l->due_original, orig);
		if (check_set(l->due_original) && strcmp(due, orig) != 0)
			cli_table_add(&t, _("%s (first %s)"), due, orig);
		else
			cli_table_add(&t, "%s", due);
		check_leg_by(l, by, sizeof by);
		cli_table_add(&t, "%s", by);
	}
	cli_table_print(&t);
	for (size_t i = 0; i < v->n_legs; i++) {
		const Hoso__Leg *l = v->legs[i];
		for (size_t k = 0; k < l->n_extensions; k++) {
			const Hoso__Extension *x = l->extensions[k];
			char *line = NULL;
			check_day(x->new_due, due);
			check_day(x->old_due, orig);
			if (asprintf(&line, _("%s: extended to %s (was %s)%s%s: "
			    "%s"), check_leg_label(l->kind), due, orig,
			    check_set(x->by) ? _(" by ") : "", x->by,
			    x->reason) < 0)
				continue;
			char *clean = cli_clean(line, false);
			printf("  %s\n", clean ? clean : "");
			free(clean);
			free(line);
		}
		for (size_t k = 0; k < l->n_suspensions; k++) {
			const Hoso__Suspension *s = l->suspensions[k];
			char *line = NULL;
			cli_format_instant(s->from, start);
			int n = s->to != 0 ?
			    asprintf(&line, _("%s: clock stopped from %s to "
			    "%s%s%s: %s"), check_leg_label(l->kind), start,
			    cli_format_instant(s->to, end),
			    check_set(s->by) ? _(" by ") : "", s->by,
			    s->reason) :
			    asprintf(&line, _("%s: clock stopped since %s%s%s: "
			    "%s"), check_leg_label(l->kind), start,
			    check_set(s->by) ? _(" by ") : "", s->by,
			    s->reason);
			if (n < 0)
				continue;
			char *clean = cli_clean(line, false);
			printf("  %s\n", clean ? clean : "");
			free(clean);
			free(line);
		}
	}
}

void
check_print(struct cli *cli, const Hoso__Verification *v)
{
	struct cli_block b = { 0 };
	char day[11], when[17], state[160];
	char *where = check_where(cli, v);

	cli_block_add(&b, _("Check (ID)"), "%llu", (unsigned long long)v->id);
	if (check_set(v->person_name))
		cli_block_add(&b, _("Candidate"), "%llu (%s)",
		    (unsigned long long)v->person_id, v->person_name);
	else
		cli_block_add(&b, _("Candidate"), "%llu",
		    (unsigned long long)v->person_id);
	cli_block_add(&b, _("Verified"), "%s", check_set(v->subject) ?
	    v->subject : _("the candidate"));
	if (v->file_check_id != 0)
		cli_block_add(&b, _("Check in the file"), "%u",
		    (unsigned)v->file_check_id);
	cli_block_add(&b, _("Sent to"), "%s", where ? where : "");
	check_state_text(v->state, state, sizeof state);
	cli_block_add(&b, _("State"), "%s", state);
	if (check_set(v->status))
		cli_block_add(&b, _("Status"), "%s",
		    check_status_label(v->status));
	if (check_set(v->due))
		cli_block_add(&b, _("Due"), "%s", cli_format_date(v->due, day));
	if (v->result != HOSO__CHECK_RESULT__RESULT_NONE)
		cli_block_add(&b, _("Result"), "%s%s%s",
		    cli_label(hoso_check_result_words, v->result),
		    check_set(v->result_text) ? ": " : "", v->result_text);
	if (v->missed)
		cli_block_add(&b, _("Deadline missed"), "%s",
		    _("yes: a leg ended, or is still running, after its "
		    "original deadline"));
	if (check_set(v->note))
		cli_block_add(&b, _("Note"), "%s", v->note);
	cli_block_add(&b, _("Version"), "%llu",
	    (unsigned long long)v->version);
	cli_block_add(&b, _("Entered"), "%s",
	    cli_format_instant(v->entered_at, when));
	cli_block_print(&b);
	free(where);
	check_print_legs(v);
}

void
check_print_page(const Hoso__CheckPage *page)
{
	if (page->n_items == 0) {
		printf("%s\n", _("No checks found."));
		return;
	}
	const char *headers[] = { _("ID"), _("Candidate"), _("Verified"),
	    _("Ward"), _("Leg"), _("Due"), _("Status") };
	struct cli_table t;
	char day[11];
	cli_table_init(&t, 7, headers);
	for (size_t i = 0; i < page->n_items; i++) {
		const Hoso__Verification *v = page->items[i];
		cli_table_add(&t, "%llu", (unsigned long long)v->id);
		if (check_set(v->person_name))
			cli_table_add(&t, "%llu (%s)",
			    (unsigned long long)v->person_id, v->person_name);
		else
			cli_table_add(&t, "%llu",
			    (unsigned long long)v->person_id);
		cli_table_add(&t, "%s", v->subject);
		if (v->ward_id != 0)
			cli_table_add(&t, "%llu", (unsigned long long)v->ward_id);
		else
			cli_table_add(&t, _("outside: %s"), v->outside);
		const char *leg = v->n_legs == 0 ? "" :
		    hoso_enum_word(hoso_leg_kind_words,
		    v->legs[v->n_legs - 1]->kind);
		cli_table_add(&t, "%s", leg ? leg : "?");
		cli_table_add(&t, "%s", check_day(v->due, day));
		cli_table_add(&t, "%s", check_status_label(v->status));
	}
	cli_table_print(&t);
	cli_more(page->next_cursor);
}

void
check_print_explanation(const Hoso__Explanation *e)
{
	char day[11];
	if (check_set(e->due))
		printf(_("Check %llu, %s: due %s\n"),
		    (unsigned long long)e->check_id, check_leg_label(e->leg),
		    cli_format_date(e->due, day));
	else
		printf(_("Check %llu, %s: no deadline running\n"),
		    (unsigned long long)e->check_id, check_leg_label(e->leg));
	for (size_t i = 0; i < e->n_lines; i++) {
		const Hoso__ExplainLine *l = e->lines[i];
		char *text = hoso_message_text(l->message_format,
		    l->message_args, l->n_message_args, l->message);
		char *clean = text ? cli_clean(text, false) : NULL;
		printf("  %s\n", clean ? clean : "");
		free(clean);
		free(text);
	}
}

char *
check_alert_text(const Hoso__Alert *a)
{
	return hoso_message_text(a->message_format, a->message_args,
	    a->n_message_args, a->message);
}
