/* arena.c: per-request bump allocator (see arena.h). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define ARENA_CHUNK (16 * 1024)

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;            /* usable bytes in data[] */
	size_t used;
	_Alignas(16) unsigned char data[];
};

/* protobuf-c hook: allocate from the arena. */
static void *
arena_pb_alloc(void *data, size_t size)
{
	return arena_alloc(data, size);
}

/* protobuf-c hook: arena memory is freed all at once by arena_reset. */
static void
arena_pb_free(void *data, void *ptr)
{
	(void)data;
	(void)ptr;
}

void
arena_init(struct arena *a)
{
	a->head = NULL;
	a->free = NULL;
	a->pb.alloc = arena_pb_alloc;
	a->pb.free = arena_pb_free;
	a->pb.allocator_data = a;
}

/* Get a chunk with at least n usable bytes, from the spare list if one fits. */
static struct arena_chunk *
arena_chunk_get(struct arena *a, size_t n)
{
	struct arena_chunk **pp = &a->free;
	for (; *pp != NULL; pp = &(*pp)->next) {
		if ((*pp)->size >= n) {
			struct arena_chunk *c = *pp;
			*pp = c->next;
			return c;
		}
	}
	size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
	struct arena_chunk *c = malloc(sizeof *c + size);
	if (c == NULL)
		return NULL;
	c->size = size;
	return c;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	if (n > SIZE_MAX / 2)
		return NULL;
	n = (n + 15) & ~(size_t)15;
	if (n == 0)
		n = 16;
	struct arena_chunk *c = a->head;
	if (c == NULL || c->size - c->used < n) {
		c = arena_chunk_get(a, n);
		if (c == NULL)
			return NULL;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	void *p = c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = arena_alloc(a, (size_t)n + 1);
	if (p == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_reset(struct arena *a)
{
	while (a->head != NULL) {
		struct arena_chunk *c = a->head;
		a->head = c->next;
		if (c->size > ARENA_CHUNK) {
			free(c);        /* keep only standard chunks for reuse */
			continue;
		}
		c->next = a->free;
		a->free = c;
	}
}

void
arena_free(struct arena *a)
{
	arena_reset(a);
	while (a->free != NULL) {
		struct arena_chunk *c = a->free;
		a->free = c->next;
		free(c);
	}
}

void *
arena_reserve(struct arena *a, void *arr, size_t n, size_t *cap, size_t size)
{
	if (arr != NULL && n < *cap)
		return arr;
	size_t ncap = *cap >= 8 ? *cap * 2 : 16;
	if (ncap <= n)
		ncap = n + 16;
	void *na = arena_alloc(a, ncap * size);
	if (na == NULL)
		return NULL;
	if (n)
		memcpy(na, arr, n * size);
	*cap = ncap;
	return na;
}
