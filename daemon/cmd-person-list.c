/* cmd-person-list.c: listing people by unit and finding them by name or
 * national ID number.  Every scan starts at the cursor and stops after one
 * page, so its cost follows the page size, not the table size. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "cursor.h"
#include "authz.h"
#include "dispatch.h"
#include "tables.h"

/* A page of people being filled. */
struct ppage {
	Hoso__PersonPage *page;
	uint32_t limit;
};

/* Start an empty page of at most limit items; NULL on no memory. */
static int
ppage_init(struct req_ctx *c, struct ppage *pp, uint32_t limit)
{
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

/* Scan db from the cursor over keys starting with prefix; id_at(k) gives
 * the person id of a key and value; keep(k, v) may skip keys (NULL keeps all). */
static int
ppage_scan(struct req_ctx *c, struct ppage *pp, enum store_db db,
    const uint8_t *after, size_t alen, const void *prefix, size_t plen,
    uint64_t (*id_at)(const MDB_val *k, const MDB_val *v),
    int (*keep)(const MDB_val *k, const MDB_val *v, const void *arg),
    const void *arg)
{
	MDB_cursor *cur;
	MDB_val k, v, last = { 0, NULL };
	int rc;
	if ((rc = txn_cursor(c->txn, db, &cur)) != 0)
		return rc;
	for (rc = cursor_start(cur, after, alen, prefix, plen, &k, &v); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (plen > 0 && (k.mv_size < plen ||
		    memcmp(k.mv_data, prefix, plen) != 0))
			break;
		if (keep != NULL && !keep(&k, &v, arg))
			continue;
		if (pp->page->n_items == pp->limit) {
			pp->page->next_cursor = cursor_encode(c, &last);
			break;
		}
		if ((rc = ppage_add(c, pp, id_at(&k, &v))) != 0)
			break;
		last = k;
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

/* Keep members whose record has the wanted residence ward. */
static int
keep_residence(const MDB_val *k, const MDB_val *v, const void *arg)
{
	const struct { struct req_ctx *c; uint64_t ward; } *a = arg;
	int rc;
	Hoso__Person *p = person_get(a->c->txn, id_of_member(k, v), a->c->arena,
	    &rc);
	return p != NULL && p->residence_id == a->ward;
}

int
cmd_person_list(struct req_ctx *c)
{
	const Hoso__PersonList *in = c->req->person_list;
	uint8_t after[CURSOR_KEY_MAX], prefix[8];
	size_t alen = 0;
	struct ppage pp;
	int st, rc;
	if (in->cursor != NULL && *in->cursor != '\0' &&
	    (st = cursor_decode(c, in->cursor, after, &alen)) != 0)
		return st;
	if (ppage_init(c, &pp, in->limit) < 0)
		return ctx_store_error(c, ENOMEM);
	if (in->cell_id != 0) {
		struct { struct req_ctx *c; uint64_t ward; } arg = { c,
		    in->residence_id };
		key_put_u64(prefix, in->cell_id);
		rc = ppage_scan(c, &pp, DB_CELL2PERSON, after, alen, prefix, 8,
		    id_of_member, in->residence_id ? keep_residence : NULL, &arg);
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
