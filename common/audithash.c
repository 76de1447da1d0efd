/* audithash.c: the audit log's hash chain (see audithash.h). */
#include <string.h>

#include <sodium.h>

#include "audithash.h"

#define AUDIT_DOMAIN "hoso-audit-1"

static void
put_u64(crypto_hash_sha256_state *st, uint64_t v)
{
	uint8_t b[8];
	for (int i = 7; i >= 0; i--, v >>= 8)
		b[i] = (uint8_t)v;
	crypto_hash_sha256_update(st, b, sizeof b);
}

static void
put_u32(crypto_hash_sha256_state *st, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16),
	    (uint8_t)(v >> 8), (uint8_t)v };
	crypto_hash_sha256_update(st, b, sizeof b);
}

static void
put_str(crypto_hash_sha256_state *st, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	put_u32(st, (uint32_t)n);
	if (n)
		crypto_hash_sha256_update(st, (const uint8_t *)s, n);
}

void
audit_hash(const Hoso__AuditEntry *e, const uint8_t prev[AUDIT_HASH_LEN],
    uint8_t out[AUDIT_HASH_LEN])
{
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const uint8_t *)AUDIT_DOMAIN,
	    sizeof AUDIT_DOMAIN);     /* with its NUL */
	put_u64(&st, e->seq);
	put_u64(&st, (uint64_t)e->time);
	put_str(&st, e->user);
	put_u32(&st, (uint32_t)e->role);
	put_str(&st, e->peer);
	put_str(&st, e->request);
	put_str(&st, e->record_kind);
	put_u64(&st, e->record_id);
	put_u32(&st, (uint32_t)e->outcome);
	crypto_hash_sha256_update(&st, prev, AUDIT_HASH_LEN);
	crypto_hash_sha256_final(&st, out);
}

enum audit_verdict
audit_check(const Hoso__AuditEntry *e, uint64_t prev_seq,
    const uint8_t prev[AUDIT_HASH_LEN])
{
	uint8_t h[AUDIT_HASH_LEN];
	if (e->seq != prev_seq + 1)
		return AUDIT_BAD_SEQ;
	if (e->prev_hash.len != AUDIT_HASH_LEN ||
	    memcmp(e->prev_hash.data, prev, AUDIT_HASH_LEN) != 0)
		return AUDIT_BAD_PREV;
	audit_hash(e, prev, h);
	if (e->hash.len != AUDIT_HASH_LEN ||
	    sodium_memcmp(e->hash.data, h, AUDIT_HASH_LEN) != 0)
		return AUDIT_BAD_HASH;
	return AUDIT_OK;
}
