/* json-auth.c: accounts, sessions and the audit log (protocol 1.4) as
 * JSON, in the shapes the hoso CLI promises scripts (see json.h).  Keys
 * are the proto field names, the role its command-line word, instants ISO
 * 8601 in Vietnam's time or null, hashes lower-case hex.  A session token
 * is never written: it is a password for as long as the session lasts. */
#include "hoso/client.h"
#include "json.h"

/* "key": bytes as lower-case hex, or null when there are none. */
static void
json_hex(struct json *j, const char *key, ProtobufCBinaryData b)
{
	static const char hex[] = "0123456789abcdef";
	char buf[2 * 64 + 1];
	json_key(j, key);
	if (b.len == 0 || b.len > 64) {
		json_null(j);
		return;
	}
	for (size_t i = 0; i < b.len; i++) {
		buf[2 * i] = hex[b.data[i] >> 4];
		buf[2 * i + 1] = hex[b.data[i] & 15];
	}
	buf[2 * b.len] = '\0';
	json_string(j, buf);
}

void
json_user(struct json *j, const Hoso__User *u)
{
	json_begin_object(j);
	json_key(j, "id");
	json_uint(j, u->id);
	json_key(j, "login");
	json_string(j, u->login);
	json_key(j, "display_name");
	json_string(j, u->display_name);
	json_key(j, "role");
	json_string(j, hoso_enum_word(hoso_role_words, u->role));
	json_key(j, "org_id");
	json_uint(j, u->org_id);
	json_key(j, "enabled");
	json_bool(j, u->enabled);
	json_key(j, "version");
	json_uint(j, u->version);
	json_key(j, "created_at");
	json_instant(j, u->created_at);
	json_key(j, "updated_at");
	json_instant(j, u->updated_at);
	json_key(j, "password_changed_at");
	json_instant(j, u->password_changed_at);
	json_key(j, "created_by");
	json_string_or_null(j, u->created_by);
	json_end_object(j);
}

void
json_user_page(struct json *j, const Hoso__UserPage *page)
{
	json_begin_object(j);
	json_key(j, "items");
	json_begin_array(j);
	for (size_t i = 0; i < page->n_items; i++)
		json_user(j, page->items[i]);
	json_end_array(j);
	json_key(j, "next");
	json_string_or_null(j, page->next_cursor);
	json_end_object(j);
}

void
json_login_reply(struct json *j, const Hoso__LoginReply *r)
{
	json_begin_object(j);
	json_key(j, "user");
	if (r->user != NULL)
		json_user(j, r->user);
	else
		json_null(j);
	json_key(j, "idle_timeout");
	json_uint(j, r->idle_timeout);
	json_key(j, "expires_at");
	json_instant(j, r->expires_at);
	json_end_object(j);
}

void
json_audit_entry(struct json *j, const Hoso__AuditEntry *e)
{
	json_begin_object(j);
	json_key(j, "seq");
	json_uint(j, e->seq);
	json_key(j, "time");
	json_instant(j, e->time);
	json_key(j, "user");
	json_string_or_null(j, e->user);
	json_key(j, "role");
	json_string(j, hoso_enum_word(hoso_role_words, e->role));
	json_key(j, "peer");
	json_string_or_null(j, e->peer);
	json_key(j, "request");
	json_string(j, e->request);
	json_key(j, "record_kind");
	json_string_or_null(j, e->record_kind);
	json_key(j, "record_id");
	json_id_or_null(j, e->record_id);
	json_key(j, "outcome");
	json_string(j, hoso_status_name(e->outcome));
	json_hex(j, "prev_hash", e->prev_hash);
	json_hex(j, "hash", e->hash);
	json_end_object(j);
}

void
json_audit_page(struct json *j, const Hoso__AuditPage *page)
{
	json_begin_object(j);
	json_key(j, "items");
	json_begin_array(j);
	for (size_t i = 0; i < page->n_items; i++)
		json_audit_entry(j, page->items[i]);
	json_end_array(j);
	json_key(j, "next");
	json_string_or_null(j, page->next_cursor);
	json_key(j, "last_seq");
	json_uint(j, page->last_seq);
	json_end_object(j);
}
