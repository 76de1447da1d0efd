/* cmd-person.c: people (candidates): create, get, update.  Listing and
 * search are in cmd-person-list.c. */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "hist.h"
#include "i18n.h"
#include "text.h"
#include "dispatch.h"
#include "tables.h"
#include "validate.h"

/* Reply with the record p. */
static int
person_reply(struct req_ctx *c, Hoso__Person *p)
{
	c->resp->body_case = HOSO__RESPONSE__BODY_PERSON;
	c->resp->person = p;
	return 0;
}

/* The folded search form of a name, in the arena. */
static char *
person_fold(struct req_ctx *c, const char *name)
{
	char *f = text_fold(name);
	char *r = arena_strdup(c->arena, f ? f : "");
	free(f);
	return r;
}

/* Claim the CCCD for person id; CONFLICT names who has it. */
static int
person_claim_cccd(struct req_ctx *c, const char *cccd, uint64_t id)
{
	int rc = cccd2person_add(c->txn, cccd, id);
	if (rc == MDB_KEYEXIST) {
		uint64_t other = 0;
		cccd2person_get(c->txn, cccd, &other);
		return ctx_fail(c, HOSO__STATUS__CONFLICT, "id_number",
		    N_("national ID number (CCCD) %s is already recorded for "
		    "person %s"), cccd, ctx_u64(c, other));
	}
	return rc ? ctx_store_error(c, rc) : 0;
}

/* Membership and the starting stage of a new person: a member entered
 * directly has no file; anyone else starts IDENTIFIED on stage_since
 * (default today), which may not be in the future. */
static int
person_start_stage(struct req_ctx *c, Hoso__Person *p)
{
	int32_t d, today = date_of_instant_vn(c->now);
	int st;
	if (p->membership != HOSO__MEMBERSHIP__MEMBERSHIP_NONE) {
		p->stage = HOSO__STAGE__STAGE_NONE;
		p->stage_since = (char *)"";
		return 0;
	}
	p->member_since = (char *)"";
	p->stage = HOSO__STAGE__STAGE_IDENTIFIED;
	if (p->stage_since == NULL || *p->stage_since == '\0') {
		p->stage_since = arena_alloc(c->arena, 11);
		date_format_iso(today, p->stage_since);
		return 0;
	}
	if ((st = valid_date(c, "stage_since", N_("date identified"),
	    p->stage_since, &d)) != 0)
		return st;
	if (d > today)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "stage_since",
		    N_("date identified %s is in the future"), p->stage_since);
	return 0;
}

int
cmd_person_create(struct req_ctx *c)
{
	const Hoso__Person *in = c->req->person_create->person;
	Hoso__Person *p = arena_alloc(c->arena, sizeof *p);
	int st;
	if (in == NULL)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "person",
		    N_("the person's details are missing"));
	*p = *in;
	p->base.n_unknown_fields = 0;    /* store only fields we know */
	p->base.unknown_fields = NULL;
	if ((st = valid_person(c, p, true)) != 0)
		return st;
	if ((st = person_start_stage(c, p)) != 0)
		return st;
	p->id = txn_last_id(c->txn, DB_ID2PERSON) + 1;
	c->audit_id = p->id;
	p->version = 1;
	p->created_at = p->updated_at = c->now;
	if ((st = person_claim_cccd(c, p->id_number, p->id)) != 0)
		return st;
	if (p->stage != HOSO__STAGE__STAGE_NONE) {
		Hoso__File *f = arena_alloc(c->arena, sizeof *f);
		Hoso__StageDate *sd = arena_alloc(c->arena, sizeof *sd);
		Hoso__StageDate **sds = arena_alloc(c->arena, sizeof *sds);
		hoso__file__init(f);
		hoso__stage_date__init(sd);
		f->person_id = p->id;
		f->version = 1;
		f->stage = p->stage;
		f->stage_since = sd->date = p->stage_since;
		sd->stage = p->stage;
		sds[0] = sd;
		f->stage_dates = sds;
		f->n_stage_dates = 1;
		file_put(c->txn, f);
	}
	hist_add(c, p->id, "created", 0, p->stage, p->stage_since, NULL,
	    p->membership ? "party member entered directly" : "candidate");
	name2person_add(c->txn, person_fold(c, p->name), p->id);
	if (p->cell_id)
		org2person_add(c->txn, DB_CELL2PERSON, p->cell_id, p->id);
	if (p->residence_id)
		org2person_add(c->txn, DB_WARD2PERSON, p->residence_id, p->id);
	person_put(c->txn, p);
	return person_reply(c, p);
}

/* A person that must exist; NULL after setting NOT_FOUND or a store error. */
static Hoso__Person *
person_must_get(struct req_ctx *c, uint64_t id, int *st)
{
	int rc;
	Hoso__Person *p = person_get(c->txn, id, c->arena, &rc);
	if (p != NULL)
		return p;
	*st = rc == MDB_NOTFOUND ? ctx_fail(c, HOSO__STATUS__NOT_FOUND, "id",
	    N_("there is no person with id %s"), ctx_u64(c, id)) :
	    ctx_store_error(c, rc);
	return NULL;
}

int
cmd_person_get(struct req_ctx *c)
{
	int st = 0;
	Hoso__Person *p = person_must_get(c, c->req->person_get->id, &st);
	return p ? person_reply(c, p) : st;
}

/* Copy the field named f from nv into p; -1 if no such changeable field. */
static int
person_apply_field(Hoso__Person *p, const Hoso__Person *nv, const char *f)
{
#define S(name) if (strcmp(f, #name) == 0) { p->name = nv->name; return 0; }
	S(name) S(born) S(gender) S(ethnicity) S(religion) S(education)
	S(id_number) S(residence_id) S(cell_id) S(workplace)
	S(introduced_by) S(phone) S(notes) S(membership) S(member_since)
#undef S
	return -1;
}

/* Move a membership key from old to new unit when it changed. */
static void
person_move(struct req_ctx *c, enum store_db db, uint64_t old, uint64_t nw,
    uint64_t id)
{
	if (old == nw)
		return;
	if (old)
		org2person_del(c->txn, db, old, id);
	if (nw)
		org2person_add(c->txn, db, nw, id);
}

int
cmd_person_update(struct req_ctx *c)
{
	const Hoso__PersonUpdate *in = c->req->person_update;
	int st = 0;
	if (in->n_fields == 0 || in->person == NULL)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "fields",
		    N_("nothing to change: name at least one field"));
	Hoso__Person *p = person_must_get(c, in->id, &st);
	if (p == NULL)
		return st;
	if (in->expected_version != p->version)
		return ctx_fail(c, HOSO__STATUS__CONFLICT, "expected_version",
		    N_("person %s was changed by someone else (version %s, you "
		    "had %s); reload and try again"), ctx_u64(c, p->id),
		    ctx_u64(c, p->version), ctx_u64(c, in->expected_version));
	Hoso__Person old = *p;
	bool identity = false;
	for (size_t i = 0; i < in->n_fields; i++) {
		const char *f = in->fields[i];
		if (person_apply_field(p, in->person, f) < 0)
			return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT,
			    "fields", N_("field '%s' of a person cannot be "
			    "changed"), f);
		if (old.stage != HOSO__STAGE__STAGE_NONE &&
		    (strcmp(f, "membership") == 0 ||
		    strcmp(f, "member_since") == 0))
			return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION,
			    "membership", N_("a candidate becomes a member only "
			    "through the moves of the file (hoso person advance)"));
		identity |= strcmp(f, "id_number") == 0 ||
		    strcmp(f, "born") == 0 || strcmp(f, "gender") == 0;
	}
	if ((st = valid_person(c, p, identity)) != 0)
		return st;
	if (strcmp(old.id_number, p->id_number) != 0) {
		if ((st = person_claim_cccd(c, p->id_number, p->id)) != 0)
			return st;
		cccd2person_del(c->txn, old.id_number);
	}
	char *of = person_fold(c, old.name), *nf = person_fold(c, p->name);
	if (strcmp(of, nf) != 0) {
		name2person_del(c->txn, of, p->id);
		name2person_add(c->txn, nf, p->id);
	}
	person_move(c, DB_CELL2PERSON, old.cell_id, p->cell_id, p->id);
	person_move(c, DB_WARD2PERSON, old.residence_id, p->residence_id, p->id);
	p->version++;
	p->updated_at = c->now;
	person_put(c->txn, p);
	size_t len = 1;
	for (size_t i = 0; i < in->n_fields; i++)
		len += strlen(in->fields[i]) + 1;
	char *detail = arena_alloc(c->arena, len + 8);
	strcpy(detail, "fields:");
	for (size_t i = 0; i < in->n_fields; i++) {
		strcat(detail, " ");
		strcat(detail, in->fields[i]);
	}
	hist_add(c, p->id, "edit", 0, 0, NULL, NULL, detail);
	return person_reply(c, p);
}
