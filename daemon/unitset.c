/* unitset.c: the people a unit covers (see unitset.h). */
#include <errno.h>
#include <string.h>

#include "i18n.h"
#include "request.h"
#include "tables.h"
#include "unitset.h"

/* Collect the cells whose parent is org, in id order (id2org is small:
 * one record per unit). */
static int
unitset_children(struct req_ctx *c, uint64_t org, struct unitset *u)
{
	MDB_cursor *cur;
	MDB_val k, v;
	size_t cap = 0;
	int rc;
	if ((rc = txn_cursor(c->txn, DB_ID2ORG, &cur)) != 0)
		return ctx_store_error(c, rc);
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		Hoso__Org *o = hoso__org__unpack(&c->arena->pb, v.mv_size,
		    v.mv_data);
		if (o == NULL) {
			rc = MDB_CORRUPTED;
			break;
		}
		if (o->kind != HOSO__ORG_KIND__ORG_CELL || o->parent_id != org)
			continue;
		uint64_t *cells = arena_reserve(c->arena, u->cells, u->ncells,
		    &cap, sizeof *u->cells);
		if (cells == NULL) {
			rc = ENOMEM;
			break;
		}
		u->cells = cells;
		u->cells[u->ncells++] = o->id;
	}
	mdb_cursor_close(cur);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return ctx_store_error(c, rc);
	return 0;
}

int
unitset_resolve(struct req_ctx *c, uint64_t org_id, struct unitset *u)
{
	int rc;
	memset(u, 0, sizeof *u);
	u->org_id = org_id;
	if (org_id == 0) {
		u->all = true;
		return 0;
	}
	Hoso__Org *o = org_get(c->txn, org_id, c->arena, &rc);
	if (o == NULL)
		return rc == MDB_NOTFOUND ? ctx_fail(c, HOSO__STATUS__NOT_FOUND,
		    "org_id", N_("there is no unit with id %s"),
		    ctx_u64(c, org_id)) : ctx_store_error(c, rc);
	if (o->kind == HOSO__ORG_KIND__ORG_CELL) {
		u->cells = arena_alloc(c->arena, sizeof *u->cells);
		if (u->cells == NULL)
			return ctx_store_error(c, ENOMEM);
		u->cells[u->ncells++] = o->id;
		return 0;
	}
	if (o->parent_id == 0) {
		u->all = true;
		return 0;
	}
	return unitset_children(c, o->id, u);
}

bool
unitset_has_cell(const struct unitset *u, uint64_t cell)
{
	if (u->all)
		return true;
	for (size_t i = 0; i < u->ncells; i++)
		if (u->cells[i] == cell)
			return true;
	return false;
}
