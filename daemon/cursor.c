/* cursor.c: paging cursors (see cursor.h). */
#include <string.h>

#include "hoso/protocol.h"
#include "i18n.h"
#include "arena.h"
#include "cursor.h"

char *
cursor_encode(struct req_ctx *c, const MDB_val *k)
{
	static const char hex[] = "0123456789abcdef";
	char *s = arena_alloc(c->arena, k->mv_size * 2 + 1);
	if (s == NULL)
		return (char *)"";
	const uint8_t *p = k->mv_data;
	for (size_t i = 0; i < k->mv_size; i++) {
		s[2 * i] = hex[p[i] >> 4];
		s[2 * i + 1] = hex[p[i] & 15];
	}
	s[k->mv_size * 2] = '\0';
	return s;
}

/* Value of one hex digit, or -1. */
static int
hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

int
cursor_decode(struct req_ctx *c, const char *text, uint8_t *buf, size_t *len)
{
	size_t n = strlen(text);
	if (n % 2 != 0 || n / 2 > CURSOR_KEY_MAX)
		goto bad;
	for (size_t i = 0; i < n / 2; i++) {
		int hi = hexval(text[2 * i]), lo = hexval(text[2 * i + 1]);
		if (hi < 0 || lo < 0)
			goto bad;
		buf[i] = (uint8_t)(hi << 4 | lo);
	}
	*len = n / 2;
	return 0;
bad:
	return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "cursor",
	    N_("the paging cursor is not one this server gave out"));
}

uint32_t
cursor_limit(uint32_t asked)
{
	if (asked == 0)
		return HOSO_PAGE_DEFAULT;
	return asked > HOSO_PAGE_MAX ? HOSO_PAGE_MAX : asked;
}

int
cursor_start(MDB_cursor *cur, const uint8_t *after, size_t alen,
    const void *from, size_t flen, MDB_val *k, MDB_val *v)
{
	int rc;
	if (alen > 0) {
		k->mv_size = alen;
		k->mv_data = (void *)after;
		rc = mdb_cursor_get(cur, k, v, MDB_SET_RANGE);
		if (rc == 0 && k->mv_size == alen &&
		    memcmp(k->mv_data, after, alen) == 0)
			rc = mdb_cursor_get(cur, k, v, MDB_NEXT);
		return rc;
	}
	if (flen == 0)
		return mdb_cursor_get(cur, k, v, MDB_FIRST);
	k->mv_size = flen;
	k->mv_data = (void *)from;
	return mdb_cursor_get(cur, k, v, MDB_SET_RANGE);
}
