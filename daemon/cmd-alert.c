/* cmd-alert.c: reading and acknowledging alerts, and subscribing a
 * connection to the alerts pushed as Events. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alert.h"
#include "conn.h"
#include "cursor.h"
#include "authz.h"
#include "dispatch.h"
#include "i18n.h"
#include "tables.h"
#include "validate.h"

int
cmd_alert_list(struct req_ctx *c)
{
	const Hoso__AlertList *in = c->req->alert_list;
	uint32_t limit = cursor_limit(in->limit);
	uint8_t after[CURSOR_KEY_MAX];
	size_t alen = 0;
	int rc;
	if (in->cursor && *in->cursor &&
	    (rc = cursor_decode(c, in->cursor, after, &alen)) != 0)
		return rc;
	if (alen != 0 && alen != 8)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "cursor",
		    N_("the paging cursor is not valid here"));
	Hoso__AlertPage *page = arena_alloc(c->arena, sizeof *page);
	hoso__alert_page__init(page);
	page->items = arena_alloc(c->arena, limit * sizeof *page->items);
	page->next_cursor = (char *)"";
	c->resp->body_case = HOSO__RESPONSE__BODY_ALERT_PAGE;
	c->resp->alert_page = page;
	/* Newest first: walk backwards from the cursor (or the end). */
	MDB_cursor *cur;
	MDB_val k, v;
	if ((rc = txn_cursor(c->txn, DB_ID2ALERT, &cur)) != 0)
		return ctx_store_error(c, rc);
	if (alen == 8) {
		k.mv_size = 8;
		k.mv_data = after;
		rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
		if (rc == 0)
			rc = mdb_cursor_get(cur, &k, &v, MDB_PREV);
		else if (rc == MDB_NOTFOUND)
			rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
	} else {
		rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
	}
	MDB_val last = { 0, NULL };
	for (; rc == 0; rc = mdb_cursor_get(cur, &k, &v, MDB_PREV)) {
		Hoso__Alert *a = hoso__alert__unpack(&c->arena->pb, v.mv_size,
		    v.mv_data);
		if (a == NULL) {
			rc = MDB_CORRUPTED;
			break;
		}
		if (in->org_id != 0 && a->org_id != in->org_id &&
		    a->escalated_to != in->org_id)
			continue;
		if (in->unacked && a->acked_at != 0)
			continue;
		if (!authz_sees_alert(c, a))
			continue;
		if (page->n_items == limit) {
			page->next_cursor = cursor_encode(c, &last);
			break;
		}
		last = k;
		page->items[page->n_items++] = a;
	}
	mdb_cursor_close(cur);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return ctx_store_error(c, rc);
	return 0;
}

int
cmd_alert_ack(struct req_ctx *c)
{
	const Hoso__AlertAck *in = c->req->alert_ack;
	char *by = ctx_by(c, in->by);
	int rc, st;
	if ((st = valid_text(c, "by", N_("read by"), &by, 100, false,
	    false)) != 0)
		return st;
	Hoso__Alert *a = alert_get(c->txn, in->alert_id, c->arena, &rc);
	if (a == NULL)
		return rc == MDB_NOTFOUND ? ctx_fail(c, HOSO__STATUS__NOT_FOUND,
		    "alert_id", N_("there is no alert %s"),
		    ctx_u64(c, in->alert_id)) : ctx_store_error(c, rc);
	if (a->acked_at != 0)
		return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION, "alert_id",
		    N_("alert %s was already acknowledged by %s"),
		    ctx_u64(c, a->id), *a->acked_by ? a->acked_by : "?");
	a->acked_at = c->now;
	a->acked_by = *by ? by : (char *)"?";
	alert_put(c->txn, a);
	c->resp->body_case = HOSO__RESPONSE__BODY_ALERT;
	c->resp->alert = a;
	return 0;
}

/* Loop thread: replace the connection's subscription. */
int
cmd_subscribe(struct req_ctx *c)
{
	const Hoso__Subscribe *in = c->req->subscribe;
	if (c->conn == NULL)
		return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION, NULL,
		    N_("no connection to subscribe"));
	for (size_t i = 0; i < in->n_org_ids; i++) {
		int rc;
		if (org_get(c->txn, in->org_ids[i], c->arena, &rc) == NULL)
			return rc == MDB_NOTFOUND ? ctx_fail(c,
			    HOSO__STATUS__NOT_FOUND, "org_ids", N_("there is no "
			    "unit with id %s"), ctx_u64(c, in->org_ids[i])) :
			    ctx_store_error(c, rc);
		if (!authz_sees_org(c, in->org_ids[i]))
			return ctx_fail(c, HOSO__STATUS__PERMISSION_DENIED,
			    "org_ids", N_("permission denied: unit %s is outside "
			    "yours"), ctx_u64(c, in->org_ids[i]));
	}
	uint64_t *subs = NULL;
	if (in->n_org_ids) {
		subs = malloc(in->n_org_ids * sizeof *subs);
		if (subs == NULL)
			return ctx_store_error(c, ENOMEM);
		memcpy(subs, in->org_ids, in->n_org_ids * sizeof *subs);
	}
	struct conn *cn = c->conn;
	free(cn->subs);
	cn->subs = subs;
	cn->n_subs = in->n_org_ids;
	cn->sub_all = in->all || in->n_org_ids == 0;
	return 0;
}
