/* cmd-file.c: the recruitment file: read it, list the moves it can make,
 * make one, and record papers, introducers, mentors, relatives, checks. */
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "dispatch.h"
#include "hist.h"
#include "tables.h"
#include "validate.h"
#include "workflow.h"
#include "cmd-file.h"

/* Load a candidate and their file; on failure the status is set. */
int
file_load(struct req_ctx *c, uint64_t id, Hoso__Person **p, Hoso__File **f)
{
	int rc;
	*p = person_get(c->txn, id, c->arena, &rc);
	if (*p == NULL)
		return rc == MDB_NOTFOUND ? ctx_fail(c, HOSO__STATUS__NOT_FOUND,
		    "person_id", N_("there is no person with id %s"),
		    ctx_u64(c, id)) : ctx_store_error(c, rc);
	*f = file_get(c->txn, id, c->arena, &rc);
	if (*f == NULL && rc != MDB_NOTFOUND)
		return ctx_store_error(c, rc);
	return 0;
}

/* A file that may still change; FAILED_PRECONDITION otherwise. */
int
file_open_for_change(struct req_ctx *c, Hoso__Person *p, Hoso__File *f)
{
	if (f == NULL)
		return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION, "person_id",
		    N_("%s is a party member entered directly, not a candidate"),
		    p->name);
	if (stage_closed(f->stage))
		return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION, "person_id",
		    N_("the file of %s is closed (%s)"), p->name,
		    stage_label(f->stage));
	return 0;
}

/* Reply with the file. */
int
file_reply(struct req_ctx *c, Hoso__File *f)
{
	c->resp->body_case = HOSO__RESPONSE__BODY_FILE;
	c->resp->file = f;
	return 0;
}

/* Today in Vietnam as ISO text. */
char *
today_iso(struct req_ctx *c)
{
	char *b = arena_alloc(c->arena, 11);
	date_format_iso(date_of_instant_vn(c->now), b);
	return b;
}

/* An optional date field: empty -> def; else valid and not in the future. */
int
date_field(struct req_ctx *c, const char *field, const char *label,
    const char *s, int32_t def, int32_t *out)
{
	int st;
	if (s == NULL || *s == '\0') {
		*out = def;
		return 0;
	}
	if ((st = valid_date(c, field, label, s, out)) != 0)
		return st;
	if (*out > date_of_instant_vn(c->now))
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, field,
		    N_("%s %s is in the future"), label, s);
	return 0;
}

int
cmd_file_get(struct req_ctx *c)
{
	Hoso__Person *p;
	Hoso__File *f;
	int st = file_load(c, c->req->file_get->person_id, &p, &f);
	if (st != 0)
		return st;
	if (f == NULL) {
		f = arena_alloc(c->arena, sizeof *f);
		hoso__file__init(f);
		f->person_id = p->id;
	}
	return file_reply(c, f);
}

int
cmd_file_moves(struct req_ctx *c)
{
	const Hoso__FileMoves *in = c->req->file_moves;
	Hoso__Person *p;
	Hoso__File *f;
	int32_t at;
	int st = file_load(c, in->person_id, &p, &f);
	if (st != 0 || (st = date_field(c, "at", N_("date"), in->at,
	    date_of_instant_vn(c->now), &at)) != 0)
		return st;
	Hoso__MoveList *ml = arena_alloc(c->arena, sizeof *ml);
	hoso__move_list__init(ml);
	ml->person_id = p->id;
	ml->stage = f ? f->stage : HOSO__STAGE__STAGE_NONE;
	Hoso__Stage to[32];
	size_t n = f ? wf_moves(f, to, 32) : 0;
	ml->moves = arena_alloc(c->arena, sizeof(Hoso__Move *) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		struct wf w = { .c = c, .p = p, .f = f, .at = at };
		wf_check(&w, to[i]);
		Hoso__Move *m = arena_alloc(c->arena, sizeof *m);
		hoso__move__init(m);
		m->to = to[i];
		m->possible = w.n_unmet == 0;
		m->unmet = w.unmet;
		m->n_unmet = w.n_unmet;
		ml->moves[ml->n_moves++] = m;
	}
	c->resp->body_case = HOSO__RESPONSE__BODY_MOVES;
	c->resp->moves = ml;
	return 0;
}

/* Refuse the move with every unmet requirement listed. */
static int
advance_refuse(struct req_ctx *c, struct wf *w, Hoso__Stage to)
{
	size_t len = 0;
	for (size_t i = 0; i < w->n_unmet; i++)
		len += strlen(w->unmet[i]->message) + 2;
	char *all = arena_alloc(c->arena, len + 1);
	for (size_t i = 0; all && i < w->n_unmet; i++) {
		if (i)
			strcat(all, "; ");
		strcat(all, w->unmet[i]->message);
	}
	ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION, "to",
	    N_("the file cannot move to '%s' yet"), stage_label(to));
	/* The English message lists them too, for clients that show only it;
	 * the translatable format leaves them to Response.unmet. */
	c->resp->message = arena_printf(c->arena, "%s: %s", c->resp->message,
	    all ? all : "");
	c->resp->unmet = w->unmet;
	c->resp->n_unmet = w->n_unmet;
	return HOSO__STATUS__FAILED_PRECONDITION;
}

/* Note the first date the file reached stage s. */
static void
file_mark_stage(struct req_ctx *c, Hoso__File *f, Hoso__Stage s,
    const char *day)
{
	for (size_t i = 0; i < f->n_stage_dates; i++)
		if (f->stage_dates[i]->stage == s)
			return;
	Hoso__StageDate **v = arena_alloc(c->arena, sizeof *v *
	    (f->n_stage_dates + 1));
	Hoso__StageDate *sd = arena_alloc(c->arena, sizeof *sd);
	if (v == NULL || sd == NULL)
		return;
	if (f->n_stage_dates)
		memcpy(v, f->stage_dates, sizeof *v * f->n_stage_dates);
	hoso__stage_date__init(sd);
	sd->stage = s;
	sd->date = (char *)day;
	v[f->n_stage_dates++] = sd;
	f->stage_dates = v;
}

/* Move the person to another cell, keeping the membership index right. */
static void
person_change_cell(struct req_ctx *c, Hoso__Person *p, uint64_t cell)
{
	if (p->cell_id)
		org2person_del(c->txn, DB_CELL2PERSON, p->cell_id, p->id);
	org2person_add(c->txn, DB_CELL2PERSON, cell, p->id);
	p->cell_id = cell;
}

int
cmd_file_advance(struct req_ctx *c)
{
	const Hoso__FileAdvance *in = c->req->file_advance;
	Hoso__Person *p;
	Hoso__File *f;
	int32_t at, last;
	int st = file_load(c, in->person_id, &p, &f);
	if (st != 0 || (st = file_open_for_change(c, p, f)) != 0)
		return st;
	if (in->expected_version != 0 && in->expected_version != f->version)
		return ctx_fail(c, HOSO__STATUS__CONFLICT, "expected_version",
		    N_("the file of %s was changed by someone else (version %s, "
		    "you had %s); reload it and try again"), p->name,
		    ctx_u64(c, f->version), ctx_u64(c, in->expected_version));
	if (in->at != NULL && *in->at != '\0') {
		if ((st = valid_date(c, "at", N_("effective date"), in->at,
		    &at)) != 0)
			return st;
	} else {
		at = date_of_instant_vn(c->now);
	}
	struct wf w = { .c = c, .p = p, .f = f, .adv = in, .at = at };
	if (wf_check(&w, in->to) < 0)
		return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION, "to",
		    N_("there is no move from '%s' to '%s'"),
		    stage_label(f->stage), stage_label(in->to));
	/* Effective dates: never in the future, never before the last step. */
	if (at > date_of_instant_vn(c->now))
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "at",
		    N_("the effective date %s is in the future"), in->at);
	if (date_parse_iso(f->stage_since, &last) == DATE_OK && at < last)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "at",
		    N_("the effective date %s is before the file's last step "
		    "(%s)"), in->at, f->stage_since);
	if (w.n_unmet > 0)
		return advance_refuse(c, &w, in->to);

	Hoso__Stage from = f->stage;
	char *day = arena_alloc(c->arena, 11);
	date_format_iso(at, day);
	wf_apply(&w, in->to);
	const char *note = in->note && *in->note ? in->note : in->reason;
	if (in->to == HOSO__STAGE__STAGE_MOVED) {
		const char *detail = arena_printf(c->arena, "cell %llu -> %llu",
		    (unsigned long long)p->cell_id,
		    (unsigned long long)in->cell_id);
		person_change_cell(c, p, in->cell_id);
		hist_add(c, p->id, "moved", from, from, day, note, detail);
	} else {
		f->stage = in->to;
		f->stage_since = day;
		file_mark_stage(c, f, in->to, day);
		p->stage = in->to;
		p->stage_since = day;
		hist_add(c, p->id, "stage", from, in->to, day, note, NULL);
	}
	f->version++;
	p->version++;
	p->updated_at = c->now;
	person_put(c->txn, p);
	file_put(c->txn, f);
	return file_reply(c, f);
}
