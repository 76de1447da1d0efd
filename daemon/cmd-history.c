/* cmd-history.c: reading a file's history, oldest first, page by page. */
#include <string.h>

#include "i18n.h"
#include "cursor.h"
#include "dispatch.h"
#include "tables.h"

int
cmd_history_list(struct req_ctx *c)
{
	const Hoso__HistoryList *in = c->req->history_list;
	uint8_t after[CURSOR_KEY_MAX], prefix[8];
	size_t alen = 0;
	int st, rc;
	Hoso__Person *p = person_get(c->txn, in->person_id, c->arena, &rc);
	if (p == NULL)
		return rc == MDB_NOTFOUND ? ctx_fail(c, HOSO__STATUS__NOT_FOUND,
		    "person_id", N_("there is no person with id %s"),
		    ctx_u64(c, in->person_id)) : ctx_store_error(c, rc);
	if (in->cursor != NULL && *in->cursor != '\0' &&
	    (st = cursor_decode(c, in->cursor, after, &alen)) != 0)
		return st;
	key_put_u64(prefix, in->person_id);
	if (alen > 0 && (alen != 16 || memcmp(after, prefix, 8) != 0))
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "cursor",
		    N_("the paging cursor belongs to another person"));
	uint32_t limit = cursor_limit(in->limit);
	Hoso__HistoryPage *page = arena_alloc(c->arena, sizeof *page);
	hoso__history_page__init(page);
	page->items = arena_alloc(c->arena, sizeof(Hoso__HistoryEntry *) * limit);
	page->next_cursor = (char *)"";
	MDB_cursor *cur;
	MDB_val k, v, last = { 0, NULL };
	if ((rc = txn_cursor(c->txn, DB_HISTORY, &cur)) != 0)
		return ctx_store_error(c, rc);
	for (rc = cursor_start(cur, after, alen, prefix, 8, &k, &v); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (k.mv_size != 16 || memcmp(k.mv_data, prefix, 8) != 0)
			break;
		if (page->n_items == limit) {
			page->next_cursor = cursor_encode(c, &last);
			break;
		}
		Hoso__HistoryEntry *e = hoso__history_entry__unpack(&c->arena->pb,
		    v.mv_size, v.mv_data);
		if (e == NULL) {
			rc = MDB_CORRUPTED;
			break;
		}
		page->items[page->n_items++] = e;
		last = k;
	}
	mdb_cursor_close(cur);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return ctx_store_error(c, rc);
	c->resp->body_case = HOSO__RESPONSE__BODY_HISTORY_PAGE;
	c->resp->history_page = page;
	return 0;
}
