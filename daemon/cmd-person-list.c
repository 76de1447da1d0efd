/* cmd-person-list.c: listing people by unit and stage, and finding them by
 * name or national ID number.  Every scan starts at the cursor and stops
 * after one page, or after PPAGE_SCAN_MAX index entries when filters leave
 * most of them out (the page then comes back short, possibly empty, with a
 * cursor to go on), so its cost follows the page size, not the table size.
 * Lists come in person id order; a unit's cells are merged to keep it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "cursor.h"
#include "authz.h"
#include "dispatch.h"
#include "tables.h"
#include "unitset.h"
#include "workflow.h"

/* Index entries one request reads at most before it returns what it has. */
#define PPAGE_SCAN_MAX 10000

/* A page of people being filled. */
struct ppage {
	Hoso__PersonPage *page;
	uint32_t limit;
	uint32_t scanned;           /* index entries read, for the bound */
	MDB_val last;               /* the last one read (valid in the txn) */
	uint8_t lastid[8];          /* ... when it is a person id (merged) */
	bool done;                  /* full or out of budget: next_cursor set */
	Hoso__Stage stage;          /* only people at this stage (0: any) */
	uint64_t residence;         /* only people living here (0: any) */
};

/* Start an empty page of at most limit items; NULL on no memory. */
static int
ppage_init(struct req_ctx *c, struct ppage *pp, uint32_t limit)
{
	memset(pp, 0, sizeof *pp);
	pp->limit = cursor_limit(limit);
	pp->page = arena_alloc(c->arena, sizeof *pp->page);
	if (pp->page == NULL)
		return -1;
	hoso__person_page__init(pp->page);
	pp->page->items = arena_alloc(c->arena, sizeof(Hoso__Person *) *
	    pp->limit);
	pp->page->next_cursor = (char *)"";
	return pp->page->items ? 0 : -1;
}

/* Add person id to the page (loading it); store error code or 0. */
static int
ppage_add(struct req_ctx *c, struct ppage *pp, uint64_t id)
{
	int rc;
	Hoso__Person *p = person_get(c->txn, id, c->arena, &rc);
	if (p == NULL)
		return rc == MDB_NOTFOUND ? MDB_CORRUPTED : rc;
	if (!authz_sees_person(c, p))
		return 0;               /* left out, as if it were not there */
	pp->page->items[pp->page->n_items++] = p;
	return 0;
}

/* Stop the scan here: the next page starts after the last entry read. */
static void
ppage_stop(struct req_ctx *c, struct ppage *pp)
{
	pp->page->next_cursor = cursor_encode(c, &pp->last);
	pp->done = true;
}

/* Finish: the reply, or the store error that stopped the scan. */
static int
ppage_reply(struct req_ctx *c, struct ppage *pp, int rc)
{
	if (rc != 0 && rc != MDB_NOTFOUND)
		return ctx_store_error(c, rc);
	c->resp->body_case = HOSO__RESPONSE__BODY_PERSON_PAGE;
	c->resp->person_page = pp->page;
	return 0;
}

/* Does person id (at key k, value v of db) pass the stage and residence
 * filters?  Reads only the fields filtered on; 0 or a store error. */
static int
ppage_filter(struct req_ctx *c, const struct ppage *pp, enum store_db db,
    const MDB_val *v, uint64_t id, bool *keep)
{
	struct person_peek pk;
	int rc;
	*keep = true;
	if (pp->stage == HOSO__STAGE__STAGE_NONE && pp->residence == 0)
		return 0;
	if (db == DB_ID2PERSON)
		rc = person_peek(v, &pk);
	else if ((rc = person_peek_id(c->txn, id, &pk)) == MDB_NOTFOUND)
		rc = MDB_CORRUPTED;     /* an index entry without its person */
	if (rc != 0)
		return rc;
	*keep = (pp->stage == HOSO__STAGE__STAGE_NONE || pk.stage == pp->stage) &&
	    (pp->residence == 0 || pk.residence_id == pp->residence);
	return 0;
}

/* One index entry read, for person id (value v of db): count it against
 * the bound, filter it, add it to the page.  Sets pp->done, without
 * taking the entry, when the bound is reached or the page is full and the
 * entry would go on it.  0 or a store error. */
static int
ppage_visit(struct req_ctx *c, struct ppage *pp, enum store_db db,
    const MDB_val *v, uint64_t id, bool want)
{
	int rc;
	if (pp->scanned == PPAGE_SCAN_MAX) {
		ppage_stop(c, pp);
		return 0;
	}
	pp->scanned++;
	if (want && (rc = ppage_filter(c, pp, db, v, id, &want)) != 0)
		return rc;
	if (want && pp->page->n_items == pp->limit) {
		ppage_stop(c, pp);
		return 0;
	}
	return want ? ppage_add(c, pp, id) : 0;
}

/* Scan db from the cursor over keys starting with prefix; id_at(k) gives
 * the person id of a key and value; keep(k, v) may skip keys (NULL keeps
 * all), then the page's filters.  Sets pp->done when it stopped early. */
static int
ppage_scan(struct req_ctx *c, struct ppage *pp, enum store_db db,
    const uint8_t *after, size_t alen, const void *prefix, size_t plen,
    uint64_t (*id_at)(const MDB_val *k, const MDB_val *v),
    int (*keep)(const MDB_val *k, const MDB_val *v, const void *arg),
    const void *arg)
{
	MDB_cursor *cur;
	MDB_val k, v;
	int rc;
	if ((rc = txn_cursor(c->txn, db, &cur)) != 0)
		return rc;
	for (rc = cursor_start(cur, after, alen, prefix, plen, &k, &v); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (plen > 0 && (k.mv_size < plen ||
		    memcmp(k.mv_data, prefix, plen) != 0))
			break;
		bool want = keep == NULL || keep(&k, &v, arg);
		if ((rc = ppage_visit(c, pp, db, &v, id_at(&k, &v), want)) != 0 ||
		    pp->done)
			break;
		pp->last = k;
	}
	mdb_cursor_close(cur);
	return rc;
}

/* Id in an id2person key. */
static uint64_t
id_of_idkey(const MDB_val *k, const MDB_val *v)
{
	(void)v;
	return key_get_u64(k->mv_data);
}

/* Person id in a membership key (unit, person). */
static uint64_t
id_of_member(const MDB_val *k, const MDB_val *v)
{
	(void)v;
	return key_get_u64((const uint8_t *)k->mv_data + 8);
}

/* Person id in a name key (text, 0, id). */
static uint64_t
id_of_namekey(const MDB_val *k, const MDB_val *v)
{
	(void)v;
	return key_get_u64((const uint8_t *)k->mv_data + k->mv_size - 8);
}

/* One cell's run of membership keys in a merge (ppage_unit). */
struct cellrun {
	MDB_cursor *cur;
	uint8_t prefix[8];
	uint64_t id;                /* person id at the cursor, if live */
	bool live;
};

/* Take the cursor key k of run r: live while it is one of its cell's. */
static void
cellrun_take(struct cellrun *r, const MDB_val *k, int rc)
{
	r->live = rc == 0 && k->mv_size == 16 &&
	    memcmp(k->mv_data, r->prefix, 8) == 0;
	if (r->live)
		r->id = key_get_u64((const uint8_t *)k->mv_data + 8);
}

/* The runs' next keys: the live run with the smallest person id. */
static struct cellrun *
cellrun_min(struct cellrun *runs, size_t n)
{
	struct cellrun *m = NULL;
	for (size_t i = 0; i < n; i++)
		if (runs[i].live && (m == NULL || runs[i].id < m->id))
			m = &runs[i];
	return m;
}

/* List the people of a unit's cells in person id order, merging the
 * cells' cell2person ranges (each in id order).  The cursor (alen 0 or 8)
 * is the last person id read, as an id2person key; every cell resumes
 * after it.  0 or a store error. */
static int
ppage_unit(struct req_ctx *c, struct ppage *pp, const struct unitset *u,
    const uint8_t *after, size_t alen)
{
	struct cellrun *runs;
	uint64_t from = 0;
	size_t n = 0;
	int rc = 0;
	if (alen == 8 && (from = key_get_u64(after)) == UINT64_MAX)
		return 0;               /* nothing comes after the last id */
	if (u->ncells == 0)
		return 0;
	if ((runs = arena_alloc(c->arena, sizeof *runs * u->ncells)) == NULL)
		return ENOMEM;
	while (n < u->ncells) {
		uint8_t kb[16];
		MDB_val k = { 16, kb }, v;
		struct cellrun *r = &runs[n];
		key_put_u64(r->prefix, u->cells[n]);
		memcpy(kb, r->prefix, 8);
		key_put_u64(kb + 8, alen ? from + 1 : 0);
		if ((rc = txn_cursor(c->txn, DB_CELL2PERSON, &r->cur)) != 0)
			break;
		n++;                    /* runs[0..n) have a cursor to close */
		rc = mdb_cursor_get(r->cur, &k, &v, MDB_SET_RANGE);
		if (rc != 0 && rc != MDB_NOTFOUND)
			break;
		cellrun_take(r, &k, rc);
		rc = 0;
	}
	struct cellrun *r;
	while (rc == 0 && (r = cellrun_min(runs, n)) != NULL) {
		MDB_val k, v;
		if ((rc = ppage_visit(c, pp, DB_CELL2PERSON, NULL, r->id,
		    true)) != 0 || pp->done)
			break;
		key_put_u64(pp->lastid, r->id);
		pp->last.mv_size = 8;
		pp->last.mv_data = pp->lastid;
		rc = mdb_cursor_get(r->cur, &k, &v, MDB_NEXT);
		if (rc != 0 && rc != MDB_NOTFOUND)
			break;
		cellrun_take(r, &k, rc);
		rc = 0;
	}
	for (size_t i = 0; i < n; i++)
		mdb_cursor_close(runs[i].cur);
	return rc;
}

int
cmd_person_list(struct req_ctx *c)
{
	const Hoso__PersonList *in = c->req->person_list;
	uint8_t after[CURSOR_KEY_MAX], prefix[8];
	size_t alen = 0;
	struct ppage pp;
	struct unitset u;
	int st, rc;
	if (in->stage != HOSO__STAGE__STAGE_NONE && !stage_known(in->stage))
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "stage",
		    N_("unknown stage"));
	if (in->cursor != NULL && *in->cursor != '\0' &&
	    (st = cursor_decode(c, in->cursor, after, &alen)) != 0)
		return st;
	if ((st = unitset_resolve(c, in->org_id, &u)) != 0)
		return st;
	if (ppage_init(c, &pp, in->limit) < 0)
		return ctx_store_error(c, ENOMEM);
	pp.stage = in->stage;
	if (in->cell_id != 0) {
		pp.residence = in->residence_id;
		key_put_u64(prefix, in->cell_id);
		rc = unitset_has_cell(&u, in->cell_id) ? ppage_scan(c, &pp,
		    DB_CELL2PERSON, after, alen, prefix, 8, id_of_member, NULL,
		    NULL) : 0;
	} else if (!u.all) {
		if (alen != 0 && alen != 8)
			return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT,
			    "cursor", N_("the paging cursor is not one this "
			    "server gave out"));
		pp.residence = in->residence_id;
		rc = ppage_unit(c, &pp, &u, after, alen);
	} else if (in->residence_id != 0) {
		key_put_u64(prefix, in->residence_id);
		rc = ppage_scan(c, &pp, DB_WARD2PERSON, after, alen, prefix, 8,
		    id_of_member, NULL, NULL);
	} else {
		rc = ppage_scan(c, &pp, DB_ID2PERSON, after, alen, NULL, 0,
		    id_of_idkey, NULL, NULL);
	}
	return ppage_reply(c, &pp, rc);
}

/* Keep a name key only at the first word where the query matches. */
static int
keep_first_match(const MDB_val *k, const MDB_val *v, const void *arg)
{
	const char *q = arg;
	char folded[NAME_KEY_MAX + 1];
	size_t fn = v->mv_size < NAME_KEY_MAX ? v->mv_size : NAME_KEY_MAX;
	memcpy(folded, v->mv_data, fn);
	folded[fn] = '\0';
	size_t slen = k->mv_size - 9;
	if (slen > fn)
		return 1;
	return name2person_first_match(folded, fn - slen, q);
}

/* True if s is one or more ASCII digits. */
static int
all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* The person id held in a cccd2person value. */
static uint64_t
id_of_cccd(const MDB_val *k, const MDB_val *v)
{
	(void)k;
	return v->mv_size == 8 ? key_get_u64(v->mv_data) : 0;
}

int
cmd_person_find(struct req_ctx *c)
{
	const Hoso__PersonFind *in = c->req->person_find;
	uint8_t after[CURSOR_KEY_MAX];
	size_t alen = 0;
	struct ppage pp;
	int st, rc;
	const char *why = NULL;
	char *norm = text_normalize(in->text ? in->text : "",
	    in->text ? strlen(in->text) : 0, 0, &why);
	if (norm == NULL)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "text",
		    N_("search text %s"), why);
	char *q = text_fold(norm);
	free(norm);
	char *qa = arena_strdup(c->arena, q ? q : "");
	free(q);
	if (*qa == '\0')
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "text",
		    N_("type part of a name or of a national ID number to "
		    "search for"));
	if (strlen(qa) > NAME_KEY_MAX)
		qa[NAME_KEY_MAX] = '\0';
	if (in->cursor != NULL && *in->cursor != '\0') {
		if ((st = cursor_decode(c, in->cursor, after, &alen)) != 0)
			return st;
		if (alen < strlen(qa) || memcmp(after, qa, strlen(qa)) != 0)
			return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT,
			    "cursor", N_("the paging cursor belongs to another "
			    "search"));
	}
	if (ppage_init(c, &pp, in->limit) < 0)
		return ctx_store_error(c, ENOMEM);
	if (all_digits(qa))
		rc = ppage_scan(c, &pp, DB_CCCD2PERSON, after, alen, qa,
		    strlen(qa), id_of_cccd, NULL, NULL);
	else
		rc = ppage_scan(c, &pp, DB_NAME2PERSON, after, alen, qa,
		    strlen(qa), id_of_namekey, keep_first_match, qa);
	return ppage_reply(c, &pp, rc);
}
