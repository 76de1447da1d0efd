/* wire.h: hoso frames and messages without any I/O, for libhoso.
 * The socket layer (client.c, or later an event loop) appends received bytes
 * to a struct wire_in and takes whole ServerMessages out; it sends the bytes
 * wire_pack_request() makes.  Only this layer touches raw frame bytes. */
#ifndef HOSO_WIRE_H
#define HOSO_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "hoso.pb-c.h"

/* Bytes received and not yet decoded.  The buffer grows only up to one
 * frame, and only after the frame's length was checked against max. */
struct wire_in {
	uint8_t *buf;
	size_t len;        /* bytes held */
	size_t cap;
	uint32_t max;      /* largest frame body accepted */
};

void wire_in_init(struct wire_in *in, uint32_t max);
void wire_in_free(struct wire_in *in);

/* Where to put the next received bytes: returns a pointer and sets *room
 * (at least 1) to how many may be written there, then call wire_in_added().
 * Returns NULL with *why = HOSO_E_NOMEM, or HOSO_E_TOOBIG / HOSO_E_PROTO
 * when the frame being read is over the limit / empty. */
uint8_t *wire_in_space(struct wire_in *in, size_t *room, int *why);
void wire_in_added(struct wire_in *in, size_t n);

/* Take the next whole frame out of in and decode it.  Returns 1 with *msg
 * set (free with hoso__server_message__free_unpacked(*msg, NULL)), 0 if more
 * bytes are needed, or HOSO_E_TOOBIG / HOSO_E_PROTO / HOSO_E_NOMEM. */
int wire_in_next(struct wire_in *in, Hoso__ServerMessage **msg);

/* Pack req as one frame (length prefix + body) into a malloc'd *out.
 * Returns 0, HOSO_E_TOOBIG if the body would exceed max, or HOSO_E_NOMEM. */
int wire_pack_request(const Hoso__Request *req, uint32_t max, uint8_t **out,
    size_t *outlen);

#endif
