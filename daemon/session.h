/* session.h: who is logged in.  A session is made by Login and named by a
 * random 256-bit token that only the client holds; the daemon keeps the
 * token's SHA-256, the user it stands for, and when it was last used.
 * Sessions live in the loop thread's memory: a restart logs everyone out
 * (deliberately: nothing that grants access is written to disk). */
#ifndef HOSOD_SESSION_H
#define HOSOD_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "authz.h"

#define SESSION_TOKEN_HEX 64        /* 32 random bytes as hex */
#define SESSION_KEY_LEN 32
#define SESSION_BUCKETS 1024

struct session {
	struct session *next;       /* bucket chain */
	uint8_t key[SESSION_KEY_LEN];   /* SHA-256 of the token's bytes */
	struct principal who;
	int64_t created, last_used;     /* monotonic milliseconds */
};

struct sessions {
	struct session *bucket[SESSION_BUCKETS];
	size_t n;
};

/* The key of a token given in hex; false if it is not 64 hex digits. */
bool session_key(const char *token_hex, uint8_t key[SESSION_KEY_LEN]);
/* A new session for who: its token in hex (NUL-terminated) and its key.
 * Returns the session, or NULL when out of memory. */
struct session *session_new(struct sessions *s, const struct principal *who,
    int64_t now, char token[SESSION_TOKEN_HEX + 1]);
/* Times are monotonic milliseconds (session_now_ms), limits seconds.
 * The live session with this key, touched (last_used = now); NULL when
 * there is none or it has ended (idle or max age: then it is dropped). */
struct session *session_use(struct sessions *s,
    const uint8_t key[SESSION_KEY_LEN], int64_t now, int64_t idle,
    int64_t max_age);
void session_drop(struct sessions *s, const uint8_t key[SESSION_KEY_LEN]);
/* Drop every session of a user but keep (may be NULL); returns how many. */
size_t session_drop_user(struct sessions *s, uint64_t user_id,
    const uint8_t *keep);
/* Drop the sessions that have ended. */
void session_expire(struct sessions *s, int64_t now, int64_t idle,
    int64_t max_age);
void session_free_all(struct sessions *s);
int64_t session_now_ms(void);

#endif
