/* cmd-user.c: accounts (add, enable/disable, password, list), logout, and
 * the daemon's own alert about repeated failed logins.  Login itself runs
 * in auth.c: its password check must stay off the loop and the writer. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "i18n.h"
#include "alert.h"
#include "auth.h"
#include "conn.h"
#include "cursor.h"
#include "date.h"
#include "dispatch.h"
#include "server.h"
#include "tables.h"
#include "validate.h"

/* Reply with the account u, never with its hash. */
static int
user_reply(struct req_ctx *c, Hoso__User *u)
{
	u->password_hash = (char *)"";
	c->resp->body_case = HOSO__RESPONSE__BODY_USER;
	c->resp->user = u;
	return 0;
}

/* An account that must exist; NULL after NOT_FOUND or a store error. */
static Hoso__User *
user_must_get(struct req_ctx *c, const char *login, int *st)
{
	int rc;
	Hoso__User *u = user_by_login(c->txn, login, c->arena, &rc);
	if (u == NULL)
		*st = rc == MDB_NOTFOUND ? ctx_fail(c, HOSO__STATUS__NOT_FOUND,
		    "login", N_("there is no account %s"), login) :
		    ctx_store_error(c, rc);
	return u;
}

/* 1-32 of a-z 0-9 . _ -, starting with a letter or digit. */
static int
valid_login(struct req_ctx *c, const char *s)
{
	size_t n = strlen(s);
	bool ok = n >= 1 && n < LOGIN_MAX && s[0] != '.' && s[0] != '-' &&
	    s[0] != '_';
	for (size_t i = 0; ok && i < n; i++)
		ok = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '.' || s[i] == '_' || s[i] == '-';
	if (!ok)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "login",
		    N_("a login is 1 to 32 characters: lower-case letters a-z, "
		    "digits, '.', '_' or '-', starting with a letter or digit"));
	return 0;
}

/* The unit a role applies to: a ward for ward officers and police (or a
 * police station), a cell for cell secretaries, the top unit (or 0) for
 * district-wide roles. */
static int
valid_role_unit(struct req_ctx *c, Hoso__Role role, uint64_t org_id)
{
	switch (role) {
	case HOSO__ROLE__ROLE_ADMIN:
	case HOSO__ROLE__ROLE_INSPECTOR:
		return org_id == 0 ? 0 : valid_org_ref(c, "org_id", org_id,
		    HOSO__ORG_KIND__ORG_DISTRICT, 0);
	case HOSO__ROLE__ROLE_WARD_OFFICER:
		return valid_org_ref(c, "org_id", org_id, HOSO__ORG_KIND__ORG_WARD,
		    0);
	case HOSO__ROLE__ROLE_POLICE:
		return valid_org_ref(c, "org_id", org_id, HOSO__ORG_KIND__ORG_WARD,
		    HOSO__ORG_KIND__ORG_POLICE);
	case HOSO__ROLE__ROLE_CELL_SECRETARY:
		return valid_org_ref(c, "org_id", org_id, HOSO__ORG_KIND__ORG_CELL,
		    0);
	default:
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "role",
		    N_("choose a role: admin, ward-officer, cell-secretary, "
		    "police or inspector"));
	}
}

int
cmd_user_add(struct req_ctx *c)
{
	Hoso__UserAdd *in = c->req->user_add;
	int st, rc;
	if ((st = valid_login(c, in->login)) != 0 ||
	    (st = valid_text(c, "display_name", N_("display name"),
	    &in->display_name, 100, true, false)) != 0 ||
	    (st = valid_role_unit(c, in->role, in->org_id)) != 0)
		return st;
	if (c->pw_hash == NULL)
		return ctx_fail(c, HOSO__STATUS__INTERNAL, NULL,
		    N_("the password was not hashed"));
	if (user_by_login(c->txn, in->login, c->arena, &rc) != NULL)
		return ctx_fail(c, HOSO__STATUS__CONFLICT, "login",
		    N_("the login %s is already taken"), in->login);
	Hoso__User *u = arena_alloc(c->arena, sizeof *u);
	hoso__user__init(u);
	u->id = txn_last_id(c->txn, DB_ID2USER) + 1;
	u->version = 1;
	u->login = in->login;
	u->display_name = in->display_name;
	u->role = in->role;
	u->org_id = in->org_id;
	u->enabled = true;
	u->created_at = u->updated_at = u->password_changed_at = c->now;
	u->created_by = (char *)c->who->login;
	u->password_hash = (char *)c->pw_hash;
	user_put(c->txn, u);
	c->audit_id = u->id;
	return user_reply(c, u);
}

int
cmd_user_set_enabled(struct req_ctx *c)
{
	const Hoso__UserSetEnabled *in = c->req->user_set_enabled;
	int st = 0;
	Hoso__User *u = user_must_get(c, in->login, &st);
	if (u == NULL)
		return st;
	c->audit_id = u->id;
	if (!in->enabled && strcmp(u->login, c->who->login) == 0)
		return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION, "login",
		    N_("you cannot disable your own account"));
	if (u->enabled != in->enabled) {
		u->enabled = in->enabled;
		u->version++;
		u->updated_at = c->now;
		user_put(c->txn, u);
	}
	return user_reply(c, u);
}

int
cmd_user_passwd(struct req_ctx *c)
{
	const Hoso__UserPasswd *in = c->req->user_passwd;
	const char *login = in->login[0] ? in->login : c->who->login;
	bool own = strcmp(login, c->who->login) == 0;
	int st = 0;
	if (!own && c->who->role != HOSO__ROLE__ROLE_ADMIN &&
	    c->who->role != ROLE_SYSTEM)
		return ctx_fail(c, HOSO__STATUS__PERMISSION_DENIED, "login",
		    N_("permission denied: only an administrator sets another "
		    "user's password"));
	Hoso__User *u = user_must_get(c, login, &st);
	if (u == NULL)
		return st;
	c->audit_id = u->id;
	if (own && c->who->role != ROLE_SYSTEM && !c->pw_old_ok)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT,
		    "old_password", N_("the old password is wrong"));
	if (c->pw_hash == NULL)
		return ctx_fail(c, HOSO__STATUS__INTERNAL, NULL,
		    N_("the password was not hashed"));
	u->password_hash = (char *)c->pw_hash;
	u->password_changed_at = u->updated_at = c->now;
	u->version++;
	user_put(c->txn, u);
	return user_reply(c, u);
}

int
cmd_user_list(struct req_ctx *c)
{
	const Hoso__UserList *in = c->req->user_list;
	uint8_t after[CURSOR_KEY_MAX];
	size_t alen = 0;
	int st, rc;
	if (in->cursor != NULL && *in->cursor != '\0' &&
	    (st = cursor_decode(c, in->cursor, after, &alen)) != 0)
		return st;
	uint32_t limit = cursor_limit(in->limit);
	Hoso__UserPage *page = arena_alloc(c->arena, sizeof *page);
	hoso__user_page__init(page);
	page->items = arena_alloc(c->arena, sizeof(Hoso__User *) * limit);
	page->next_cursor = (char *)"";
	MDB_cursor *cur;
	MDB_val k, v;
	if ((rc = txn_cursor(c->txn, DB_ID2USER, &cur)) != 0)
		return ctx_store_error(c, rc);
	for (rc = cursor_start(cur, after, alen, NULL, 0, &k, &v); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (page->n_items == limit) {
			MDB_val last = { 8, arena_alloc(c->arena, 8) };
			key_put_u64(last.mv_data, page->items[limit - 1]->id);
			page->next_cursor = cursor_encode(c, &last);
			break;
		}
		Hoso__User *u = hoso__user__unpack(&c->arena->pb, v.mv_size,
		    v.mv_data);
		if (u == NULL) {
			rc = MDB_CORRUPTED;
			break;
		}
		u->password_hash = (char *)"";
		page->items[page->n_items++] = u;
	}
	mdb_cursor_close(cur);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return ctx_store_error(c, rc);
	c->resp->body_case = HOSO__RESPONSE__BODY_USER_PAGE;
	c->resp->user_page = page;
	return 0;
}

/* Login runs in auth.c (auth_start); this row is never called. */
int
cmd_login(struct req_ctx *c)
{
	return ctx_fail(c, HOSO__STATUS__INTERNAL, NULL,
	    N_("login is handled before the request table"));
}

/* Loop thread: end this connection's session (and so every connection
 * that uses its token). */
int
cmd_logout(struct req_ctx *c)
{
	if (c->conn == NULL)
		return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION, NULL,
		    N_("no connection to log out"));
	c->audit_kind = "user";
	c->audit_id = c->conn->who.user_id;
	session_drop(&c->srv->sessions, c->conn->session);
	sodium_memzero(c->conn->session, sizeof c->conn->session);
	c->conn->authed = false;
	return 0;
}

/* Writer (the daemon's own request): store a "security" alert for
 * repeated failed logins, once per account or address and day. */
int
cmd_security_alert(struct req_ctx *c)
{
	const Hoso__SecurityAlert *in = c->req->security_alert;
	int rc;
	Hoso__User *u = in->login[0] ? user_by_login(c->txn, in->login,
	    c->arena, &rc) : NULL;
	uint64_t h;
	uint8_t digest[crypto_hash_sha256_BYTES];
	char *what = arena_printf(c->arena, "%s\n%s", in->login, in->peer);
	crypto_hash_sha256(digest, (const uint8_t *)what, strlen(what));
	memcpy(&h, digest, sizeof h);
	struct alert_key key = { .rec = 0xff, .id = h, .code = 0,
	    .level = ALERT_SECURITY, .day = date_of_instant_vn(c->now) };
	Hoso__Alert *a = arena_alloc(c->arena, sizeof *a);
	hoso__alert__init(a);
	a->kind = (char *)"security";
	a->deadline = (char *)"";
	a->record_kind = (char *)"user";
	a->record_id = u ? u->id : 0;
	a->due = (char *)"";
	const char *args[] = { ctx_u64(c, in->failures), in->login, in->peer };
	ctx_message(c->arena, N_("%s failed logins in a row for the account "
	    "\"%s\" from %s"), args, 3, &a->message, &a->message_args,
	    &a->n_message_args);
	a->message_format = (char *)N_("%s failed logins in a row for the "
	    "account \"%s\" from %s");
	Hoso__SweepReply *r = arena_alloc(c->arena, sizeof *r);
	hoso__sweep_reply__init(r);
	rc = alert_raise(c, &key, a);
	if (rc != 0 && rc != 1)
		return ctx_store_error(c, rc);
	if (rc == 1) {
		r->raised = arena_alloc(c->arena, sizeof *r->raised);
		r->raised[0] = a;
		r->n_raised = 1;
	}
	c->resp->body_case = HOSO__RESPONSE__BODY_SWEEP;
	c->resp->sweep = r;
	return 0;
}
