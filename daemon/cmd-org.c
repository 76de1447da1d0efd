/* cmd-org.c: organisation units: create, get, update, list. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "cursor.h"
#include "authz.h"
#include "dispatch.h"
#include "tables.h"
#include "validate.h"

/* Reply with the record o. */
static int
org_reply(struct req_ctx *c, Hoso__Org *o)
{
	c->resp->body_case = HOSO__RESPONSE__BODY_ORG;
	c->resp->org = o;
	return 0;
}

/* A unit that must exist; NULL after setting NOT_FOUND (or a store error). */
static Hoso__Org *
org_must_get(struct req_ctx *c, uint64_t id, int *st)
{
	int rc;
	Hoso__Org *o = org_get(c->txn, id, c->arena, &rc);
	if (o != NULL)
		return o;
	*st = rc == MDB_NOTFOUND ? ctx_fail(c, HOSO__STATUS__NOT_FOUND, "id",
	    N_("there is no unit with id %s"), ctx_u64(c, id)) :
	    ctx_store_error(c, rc);
	return NULL;
}

/* Claim code for unit id; CONFLICT if another unit has it. */
static int
org_claim_code(struct req_ctx *c, const char *code, uint64_t id)
{
	int rc = code2org_add(c->txn, code, id);
	if (rc == MDB_KEYEXIST) {
		uint64_t other = 0;
		code2org_get(c->txn, code, &other);
		return ctx_fail(c, HOSO__STATUS__CONFLICT, "code",
		    N_("code %s is already used by unit %s"), code,
		    ctx_u64(c, other));
	}
	return rc ? ctx_store_error(c, rc) : 0;
}

/* A code for a unit created without one: kind prefix and id ("CB0007"). */
static char *
org_default_code(struct req_ctx *c, const Hoso__Org *o, int attempt)
{
	static const char *prefix[] = { "U", "QU", "DU", "CB", "CA" };
	const char *p = (unsigned)o->kind < 5 ? prefix[o->kind] : "U";
	if (attempt == 0)
		return arena_printf(c->arena, "%s%04llu", p,
		    (unsigned long long)o->id);
	return arena_printf(c->arena, "%s%04llu-%d", p,
	    (unsigned long long)o->id, attempt + 1);
}

int
cmd_org_create(struct req_ctx *c)
{
	const Hoso__OrgCreate *in = c->req->org_create;
	Hoso__Org *o = arena_alloc(c->arena, sizeof *o);
	int st;
	hoso__org__init(o);
	o->kind = in->kind;
	o->name = in->name;
	o->code = in->code;
	o->parent_id = in->parent_id;
	o->decides_admission = in->decides_admission;
	if ((st = valid_org(c, o)) != 0)
		return st;
	o->id = txn_last_id(c->txn, DB_ID2ORG) + 1;
	c->audit_kind = "org";
	c->audit_id = o->id;
	o->version = 1;
	o->created_at = o->updated_at = c->now;
	if (o->code == NULL || *o->code == '\0') {
		uint64_t other;
		int attempt = 0;
		do
			o->code = org_default_code(c, o, attempt++);
		while (code2org_get(c->txn, o->code, &other) == 0 && attempt < 100);
	}
	if ((st = org_claim_code(c, o->code, o->id)) != 0)
		return st;
	org_put(c->txn, o);
	return org_reply(c, o);
}

int
cmd_org_get(struct req_ctx *c)
{
	int st = 0;
	Hoso__Org *o = org_must_get(c, c->req->org_get->id, &st);
	return o ? org_reply(c, o) : st;
}

int
cmd_org_update(struct req_ctx *c)
{
	const Hoso__OrgUpdate *in = c->req->org_update;
	const Hoso__Org *nv = in->org;
	int st = 0;

	if (in->n_fields == 0 || nv == NULL)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "fields",
		    N_("nothing to change: name at least one field"));
	Hoso__Org *o = org_must_get(c, in->id, &st);
	if (o == NULL)
		return st;
	if (in->expected_version != o->version)
		return ctx_fail(c, HOSO__STATUS__CONFLICT, "expected_version",
		    N_("unit %s was changed by someone else (version %s, you "
		    "had %s); reload it and try again"), ctx_u64(c, o->id),
		    ctx_u64(c, o->version), ctx_u64(c, in->expected_version));
	char *old_code = o->code;
	for (size_t i = 0; i < in->n_fields; i++) {
		const char *f = in->fields[i];
		if (strcmp(f, "name") == 0)
			o->name = nv->name;
		else if (strcmp(f, "code") == 0)
			o->code = nv->code;
		else if (strcmp(f, "decides_admission") == 0)
			o->decides_admission = nv->decides_admission;
		else
			return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT,
			    "fields", N_("field '%s' of a unit cannot be "
			    "changed"), f);
	}
	if (o->code == NULL || *o->code == '\0')
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "code",
		    N_("a unit's code cannot be empty"));
	if ((st = valid_org(c, o)) != 0)
		return st;
	if (strcasecmp(old_code, o->code) != 0) {
		if ((st = org_claim_code(c, o->code, o->id)) != 0)
			return st;
		code2org_del(c->txn, old_code);
	}
	o->version++;
	o->updated_at = c->now;
	org_put(c->txn, o);
	return org_reply(c, o);
}

int
cmd_org_list(struct req_ctx *c)
{
	const Hoso__OrgList *in = c->req->org_list;
	uint8_t after[CURSOR_KEY_MAX];
	size_t alen = 0;
	int st, rc;
	if (in->cursor != NULL && *in->cursor != '\0' &&
	    (st = cursor_decode(c, in->cursor, after, &alen)) != 0)
		return st;
	uint32_t limit = cursor_limit(in->limit);
	Hoso__OrgPage *page = arena_alloc(c->arena, sizeof *page);
	hoso__org_page__init(page);
	page->items = arena_alloc(c->arena, sizeof(Hoso__Org *) * limit);
	page->next_cursor = (char *)"";

	MDB_cursor *cur;
	MDB_val k, v;
	if ((rc = txn_cursor(c->txn, DB_ID2ORG, &cur)) != 0)
		return ctx_store_error(c, rc);
	for (rc = cursor_start(cur, after, alen, NULL, 0, &k, &v); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		Hoso__Org *o = hoso__org__unpack(&c->arena->pb, v.mv_size,
		    v.mv_data);
		if (o == NULL) {
			rc = MDB_CORRUPTED;
			break;
		}
		if ((in->kind && o->kind != in->kind) ||
		    (in->parent_id && o->parent_id != in->parent_id) ||
		    !authz_sees_org(c, o->id))
			continue;
		if (page->n_items == limit) {
			MDB_val last = { 8, arena_alloc(c->arena, 8) };
			key_put_u64(last.mv_data, page->items[limit - 1]->id);
			page->next_cursor = cursor_encode(c, &last);
			break;
		}
		page->items[page->n_items++] = o;
	}
	mdb_cursor_close(cur);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return ctx_store_error(c, rc);
	c->resp->body_case = HOSO__RESPONSE__BODY_ORG_PAGE;
	c->resp->org_page = page;
	return 0;
}
