/* cmd-audit.c: reading the audit log (admin and inspector).  Entries come
 * oldest first; without filters a page is an unbroken stretch of the chain,
 * which is how `hoso audit verify` walks it. */
#include <string.h>

#include "i18n.h"
#include "audit.h"
#include "cursor.h"
#include "date.h"
#include "dispatch.h"
#include "validate.h"

#define VN_OFFSET (7 * 3600)

int
cmd_audit_list(struct req_ctx *c)
{
	const Hoso__AuditList *in = c->req->audit_list;
	uint8_t after[CURSOR_KEY_MAX];
	size_t alen = 0;
	int32_t from = 0, to = 0;
	int st, rc;
	if (in->cursor != NULL && *in->cursor != '\0' &&
	    (st = cursor_decode(c, in->cursor, after, &alen)) != 0)
		return st;
	if (in->from[0] && (st = valid_date(c, "from", N_("first day"),
	    in->from, &from)) != 0)
		return st;
	if (in->to[0] && (st = valid_date(c, "to", N_("last day"), in->to,
	    &to)) != 0)
		return st;
	if (in->from[0] && in->to[0] && to < from)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "to",
		    N_("the last day is before the first day"));
	/* Days are Vietnam's: [from 00:00, to+1 00:00) at UTC+7. */
	int64_t t0 = in->from[0] ? (int64_t)from * 86400 - VN_OFFSET : INT64_MIN;
	int64_t t1 = in->to[0] ? ((int64_t)to + 1) * 86400 - VN_OFFSET :
	    INT64_MAX;
	uint32_t limit = cursor_limit(in->limit);
	Hoso__AuditPage *page = arena_alloc(c->arena, sizeof *page);
	hoso__audit_page__init(page);
	page->items = arena_alloc(c->arena, sizeof(Hoso__AuditEntry *) * limit);
	page->next_cursor = (char *)"";
	page->last_seq = audit_last_seq(c->txn);
	MDB_cursor *cur;
	MDB_val k, v, last = { 0, NULL };
	if ((rc = txn_cursor(c->txn, DB_AUDIT, &cur)) != 0)
		return ctx_store_error(c, rc);
	for (rc = cursor_start(cur, after, alen, NULL, 0, &k, &v); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		Hoso__AuditEntry *e = hoso__audit_entry__unpack(&c->arena->pb,
		    v.mv_size, v.mv_data);
		if (e == NULL) {
			rc = MDB_CORRUPTED;
			break;
		}
		if ((in->user[0] && strcmp(e->user, in->user) != 0) ||
		    (in->record_id && e->record_id != in->record_id) ||
		    (in->record_kind[0] && strcmp(e->record_kind,
		    in->record_kind) != 0) ||
		    e->time < t0 || e->time >= t1) {
			last = k;
			continue;
		}
		if (page->n_items == limit) {
			page->next_cursor = cursor_encode(c, &last);
			break;
		}
		last = k;
		page->items[page->n_items++] = e;
	}
	mdb_cursor_close(cur);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return ctx_store_error(c, rc);
	c->resp->body_case = HOSO__RESPONSE__BODY_AUDIT_PAGE;
	c->resp->audit_page = page;
	return 0;
}
