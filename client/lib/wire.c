/* wire.c: hoso frames and messages without any I/O (see wire.h). */
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "hoso/client.h"
#include "hoso/protocol.h"
#include "wire.h"

#define WIRE_READ_CHUNK 4096

void
wire_in_init(struct wire_in *in, uint32_t max)
{
	memset(in, 0, sizeof *in);
	in->max = max;
}

void
wire_in_free(struct wire_in *in)
{
	free(in->buf);
	memset(in, 0, sizeof *in);
}

/* How many bytes the buffer must hold to finish the frame being read:
 * the header, then the header plus the body once the length is known.
 * Returns HOSO_E_TOOBIG for a length of 0 or over the limit. */
static int
wire_in_need(const struct wire_in *in, size_t *need)
{
	if (in->len < HOSO_FRAME_HDR) {
		*need = HOSO_FRAME_HDR;
		return 0;
	}
	uint32_t n = frame_get_len(in->buf);
	if (n == 0)
		return HOSO_E_PROTO;
	if (n > in->max)
		return HOSO_E_TOOBIG;
	*need = HOSO_FRAME_HDR + (size_t)n;
	return 0;
}

uint8_t *
wire_in_space(struct wire_in *in, size_t *room, int *why)
{
	size_t need;
	int rc = wire_in_need(in, &need);
	if (rc < 0) {
		*why = rc;
		return NULL;
	}
	/* Read ahead a little so several small frames come in one read, but
	 * never grow the buffer for bytes of a frame not yet checked. */
	size_t want = need > in->len ? need : in->len;
	if (want - in->len < WIRE_READ_CHUNK && in->len >= HOSO_FRAME_HDR)
		want = in->len + WIRE_READ_CHUNK;
	else if (want < WIRE_READ_CHUNK)
		want = WIRE_READ_CHUNK;
	if (want > in->cap) {
		uint8_t *nb = realloc(in->buf, want);
		if (nb == NULL) {
			*why = HOSO_E_NOMEM;
			return NULL;
		}
		in->buf = nb;
		in->cap = want;
	}
	*room = in->cap - in->len;
	return in->buf + in->len;
}

void
wire_in_added(struct wire_in *in, size_t n)
{
	in->len += n;
}

int
wire_in_next(struct wire_in *in, Hoso__ServerMessage **msg)
{
	size_t need;
	int rc = wire_in_need(in, &need);
	if (rc < 0)
		return rc;
	if (in->len < need)
		return 0;
	*msg = hoso__server_message__unpack(NULL, need - HOSO_FRAME_HDR,
	    in->buf + HOSO_FRAME_HDR);
	memmove(in->buf, in->buf + need, in->len - need);
	in->len -= need;
	if (*msg == NULL)
		return HOSO_E_PROTO;
	return 1;
}

int
wire_pack_request(const Hoso__Request *req, uint32_t max, uint8_t **out,
    size_t *outlen)
{
	size_t n = hoso__request__get_packed_size(req);
	if (n > max)
		return HOSO_E_TOOBIG;
	uint8_t *buf = malloc(HOSO_FRAME_HDR + n);
	if (buf == NULL)
		return HOSO_E_NOMEM;
	size_t packed = hoso__request__pack(req, buf + HOSO_FRAME_HDR);
	frame_put_len(buf, (uint32_t)packed);
	*out = buf;
	*outlen = HOSO_FRAME_HDR + packed;
	return 0;
}
