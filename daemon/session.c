/* session.c: logged-in sessions, in memory (see session.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "session.h"

static size_t
bucket_of(const uint8_t key[SESSION_KEY_LEN])
{
	size_t h;
	memcpy(&h, key, sizeof h);      /* the key is a hash already */
	return h % SESSION_BUCKETS;
}

bool
session_key(const char *token_hex, uint8_t key[SESSION_KEY_LEN])
{
	uint8_t raw[SESSION_TOKEN_HEX / 2];
	size_t n = 0;
	if (token_hex == NULL || strlen(token_hex) != SESSION_TOKEN_HEX ||
	    sodium_hex2bin(raw, sizeof raw, token_hex, SESSION_TOKEN_HEX, NULL,
	    &n, NULL) != 0 || n != sizeof raw)
		return false;
	crypto_hash_sha256(key, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
	return true;
}

struct session *
session_new(struct sessions *s, const struct principal *who, int64_t now,
    char token[SESSION_TOKEN_HEX + 1])
{
	struct session *se = calloc(1, sizeof *se);
	if (se == NULL)
		return NULL;
	uint8_t raw[SESSION_TOKEN_HEX / 2];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(token, SESSION_TOKEN_HEX + 1, raw, sizeof raw);
	crypto_hash_sha256(se->key, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
	se->who = *who;
	se->created = se->last_used = now;
	size_t b = bucket_of(se->key);
	se->next = s->bucket[b];
	s->bucket[b] = se;
	s->n++;
	return se;
}

int64_t
session_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool
ended(const struct session *se, int64_t now, int64_t idle, int64_t max_age)
{
	return (idle > 0 && now - se->last_used >= idle * 1000) ||
	    (max_age > 0 && now - se->created >= max_age * 1000);
}

/* Unlink and free the session *pp points to. */
static void
unlink_at(struct sessions *s, struct session **pp)
{
	struct session *se = *pp;
	*pp = se->next;
	sodium_memzero(se, sizeof *se);
	free(se);
	s->n--;
}

struct session *
session_use(struct sessions *s, const uint8_t key[SESSION_KEY_LEN],
    int64_t now, int64_t idle, int64_t max_age)
{
	struct session **pp = &s->bucket[bucket_of(key)];
	for (; *pp != NULL; pp = &(*pp)->next) {
		if (sodium_memcmp((*pp)->key, key, SESSION_KEY_LEN) != 0)
			continue;
		if (ended(*pp, now, idle, max_age)) {
			unlink_at(s, pp);
			return NULL;
		}
		(*pp)->last_used = now;
		return *pp;
	}
	return NULL;
}

void
session_drop(struct sessions *s, const uint8_t key[SESSION_KEY_LEN])
{
	struct session **pp = &s->bucket[bucket_of(key)];
	for (; *pp != NULL; pp = &(*pp)->next) {
		if (sodium_memcmp((*pp)->key, key, SESSION_KEY_LEN) == 0) {
			unlink_at(s, pp);
			return;
		}
	}
}

size_t
session_drop_user(struct sessions *s, uint64_t user_id, const uint8_t *keep)
{
	size_t n = 0;
	for (size_t b = 0; b < SESSION_BUCKETS; b++) {
		struct session **pp = &s->bucket[b];
		while (*pp != NULL) {
			if ((*pp)->who.user_id == user_id && (keep == NULL ||
			    sodium_memcmp((*pp)->key, keep, SESSION_KEY_LEN) != 0)) {
				unlink_at(s, pp);
				n++;
			} else {
				pp = &(*pp)->next;
			}
		}
	}
	return n;
}

void
session_expire(struct sessions *s, int64_t now, int64_t idle, int64_t max_age)
{
	for (size_t b = 0; b < SESSION_BUCKETS && s->n > 0; b++) {
		struct session **pp = &s->bucket[b];
		while (*pp != NULL) {
			if (ended(*pp, now, idle, max_age))
				unlink_at(s, pp);
			else
				pp = &(*pp)->next;
		}
	}
}

void
session_free_all(struct sessions *s)
{
	for (size_t b = 0; b < SESSION_BUCKETS; b++)
		while (s->bucket[b] != NULL)
			unlink_at(s, &s->bucket[b]);
}
