/* cmd-pipeline.c: the pipeline board (PipelineCount): how many candidates
 * stand at each stage in the cells under a unit.  One pass over the unit's
 * membership keys (unitset.h), peeking at each person's stage in the stored
 * record without unpacking it, so the cost is one index entry and one
 * record read per person of the unit, and no allocation per person. */
#include <errno.h>
#include <string.h>

#include "i18n.h"
#include "authz.h"
#include "dispatch.h"
#include "tables.h"
#include "unitset.h"
#include "workflow.h"

/* Stage values are below this (Stage enum: 0..25). */
#define TALLY_SLOTS 32

struct tally {
	uint32_t n[TALLY_SLOTS];
};

/* Count one person's stage. */
static void
tally_add(struct tally *t, const struct person_peek *pk)
{
	if ((unsigned)pk->stage < TALLY_SLOTS)
		t->n[pk->stage]++;
}

/* Count everyone: one pass over id2person. */
static int
tally_all(struct req_ctx *c, struct tally *t)
{
	MDB_cursor *cur;
	MDB_val k, v;
	struct person_peek pk;
	int rc;
	if ((rc = txn_cursor(c->txn, DB_ID2PERSON, &cur)) != 0)
		return rc;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if ((rc = person_peek(&v, &pk)) != 0)
			break;
		tally_add(t, &pk);
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

/* Count the people of one cell (its cell2person keys). */
static int
tally_cell(struct req_ctx *c, uint64_t cell, struct tally *t)
{
	MDB_cursor *cur;
	MDB_val k, v;
	struct person_peek pk;
	uint8_t prefix[8];
	int rc;
	key_put_u64(prefix, cell);
	if ((rc = txn_cursor(c->txn, DB_CELL2PERSON, &cur)) != 0)
		return rc;
	k.mv_size = sizeof prefix;
	k.mv_data = prefix;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (k.mv_size != 16 || memcmp(k.mv_data, prefix, 8) != 0)
			break;
		uint64_t id = key_get_u64((const uint8_t *)k.mv_data + 8);
		if ((rc = person_peek_id(c->txn, id, &pk)) != 0) {
			if (rc == MDB_NOTFOUND)
				rc = MDB_CORRUPTED;     /* a key without its person */
			break;
		}
		tally_add(t, &pk);
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

/* The reply: every stage with someone at it, in Stage order, and the
 * total of those (people outside the pipeline, STAGE_NONE, are not in). */
static int
pipeline_reply(struct req_ctx *c, uint64_t org_id, const struct tally *t)
{
	Hoso__Pipeline *pl = arena_alloc(c->arena, sizeof *pl);
	if (pl == NULL)
		return ctx_store_error(c, ENOMEM);
	hoso__pipeline__init(pl);
	pl->org_id = org_id;
	pl->counts = arena_alloc(c->arena, sizeof *pl->counts * TALLY_SLOTS);
	if (pl->counts == NULL)
		return ctx_store_error(c, ENOMEM);
	for (int s = 1; s < TALLY_SLOTS; s++) {
		if (t->n[s] == 0 || !stage_known((Hoso__Stage)s))
			continue;
		Hoso__StageCount *sc = arena_alloc(c->arena, sizeof *sc);
		if (sc == NULL)
			return ctx_store_error(c, ENOMEM);
		hoso__stage_count__init(sc);
		sc->stage = (Hoso__Stage)s;
		sc->count = t->n[s];
		pl->counts[pl->n_counts++] = sc;
		pl->total += t->n[s];
	}
	c->resp->body_case = HOSO__RESPONSE__BODY_PIPELINE;
	c->resp->pipeline = pl;
	return 0;
}

int
cmd_pipeline_count(struct req_ctx *c)
{
	const Hoso__PipelineCount *in = c->req->pipeline_count;
	uint64_t org = in->org_id != 0 ? in->org_id : authz_home_unit(c);
	struct unitset u;
	struct tally t;
	int st, rc = 0;
	/* authz.c checked a unit named; 0 means the caller's own unit, and
	 * only district-wide callers have none (everyone). */
	if (org == 0 && !authz_district_wide(c))
		return ctx_fail(c, HOSO__STATUS__PERMISSION_DENIED, "org_id",
		    N_("this unit is outside yours"));
	if ((st = unitset_resolve(c, org, &u)) != 0)
		return st;
	memset(&t, 0, sizeof t);
	if (u.all)
		rc = tally_all(c, &t);
	for (size_t i = 0; i < u.ncells && rc == 0; i++)
		rc = tally_cell(c, u.cells[i], &t);
	if (rc != 0)
		return ctx_store_error(c, rc);
	return pipeline_reply(c, u.org_id, &t);
}
