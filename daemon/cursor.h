/* cursor.h: paging cursors.  A cursor is the last key of the previous page,
 * sent as lower-case hex; clients treat it as opaque. */
#ifndef HOSOD_CURSOR_H
#define HOSOD_CURSOR_H

#include <stddef.h>
#include <stdint.h>

#include <lmdb.h>

#include "request.h"

#define CURSOR_KEY_MAX 512

/* Hex text of key k, in the arena. */
char *cursor_encode(struct req_ctx *c, const MDB_val *k);
/* Decode text into buf; 0, or the INVALID_ARGUMENT status it set. */
int cursor_decode(struct req_ctx *c, const char *text, uint8_t *buf,
    size_t *len);
/* The page size asked for: 0 -> default, capped at the maximum. */
uint32_t cursor_limit(uint32_t asked);
/* Position cur after the cursor key (or at from when there is none): the
 * first key strictly after after[0..alen), or the first >= from. */
int cursor_start(MDB_cursor *cur, const uint8_t *after, size_t alen,
    const void *from, size_t flen, MDB_val *k, MDB_val *v);

#endif
