/* arena.h: a bump allocator that owns everything one request allocates.
 * protobuf-c unpacks into it (arena_pb_allocator), handlers build responses
 * in it, and one arena_reset() frees it all.  Chunks are kept for reuse, so
 * a steady load does no malloc per request. */
#ifndef HOSOD_ARENA_H
#define HOSOD_ARENA_H

#include <stddef.h>
#include <protobuf-c/protobuf-c.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;   /* chunk being filled */
	struct arena_chunk *free;   /* spare chunks after a reset */
	ProtobufCAllocator pb;      /* allocator handing out arena memory */
};

void arena_init(struct arena *a);
void arena_reset(struct arena *a);
void arena_free(struct arena *a);
/* Zeroed memory, 16-byte aligned; NULL only if malloc fails. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Room for element n of an arena array arr of capacity *cap (elements of
 * size bytes): arr itself, or a copy with double the capacity (at least
 * 16); NULL without memory, arr untouched. */
void *arena_reserve(struct arena *a, void *arr, size_t n, size_t *cap,
    size_t size);
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
