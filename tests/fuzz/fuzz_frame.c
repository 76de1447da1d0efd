/* fuzz_frame.c: a byte stream split into length-prefixed frames, as hosod
 * and libhoso read it.
 *
 * hosod's split lives inline in daemon/conn.c (conn_process, conn_serve),
 * tied to a live connection, so it cannot be called from here.  This
 * target runs the callable pieces the same way conn_process does: the
 * stream sits in a libevent evbuffer; the 4-byte prefix is read with
 * frame_get_len (common/frame.h); a length over max_frame ends the stream,
 * an empty frame is an error and reading goes on, and each body is
 * unpacked with hoso__request__unpack into a job's request arena (the
 * daemon's allocator), looked up in the dispatch table and named for the
 * audit log (authz_target), then the arena is reset as a recycled job's
 * is.  The same stream then goes through libhoso's real frame reader
 * (client/lib/wire.c) in chunks of sizes taken from the input, and both
 * must find the same frame boundaries and stop at the same frame.
 *
 * Input: byte 0 picks the frame limit, byte 1 seeds the chunk sizes, the
 * rest is the stream. */
#include <stdbool.h>
#include <string.h>

#include <event2/buffer.h>

#include "hoso/client.h"
#include "hoso/protocol.h"
#include "frame.h"
#include "authz.h"
#include "dispatch.h"
#include "job.h"
#include "wire.h"
#include "fuzz.h"

#define MAX_FRAMES 4096

/* How a frame ended, in stream order. */
enum outcome { F_BODY, F_EMPTY, F_TOOBIG };

struct seen {
	enum outcome what[MAX_FRAMES];
	uint32_t len[MAX_FRAMES];
	size_t n;
};

static void
note(struct seen *s, enum outcome what, uint32_t len)
{
	if (s->n < MAX_FRAMES) {
		s->what[s->n] = what;
		s->len[s->n] = len;
	}
	s->n++;
}

/* The daemon's way (conn_process), on an evbuffer. */
static void
split_daemon(const uint8_t *data, size_t size, uint32_t max,
    struct job *j, struct seen *s)
{
	struct evbuffer *in = evbuffer_new();
	FUZZ_ASSERT(in != NULL && evbuffer_add(in, data, size) == 0, "evbuffer");
	uint8_t hdr[HOSO_FRAME_HDR];
	size_t consumed = 0;
	for (;;) {
		size_t len = evbuffer_get_length(in);
		FUZZ_ASSERT(consumed + len == size, "bytes lost: %zu + %zu != %zu",
		    consumed, len, size);
		if (len < HOSO_FRAME_HDR)
			break;
		evbuffer_copyout(in, hdr, HOSO_FRAME_HDR);
		uint32_t n = frame_get_len(hdr);
		uint8_t again[HOSO_FRAME_HDR];
		frame_put_len(again, n);
		FUZZ_ASSERT(memcmp(again, hdr, HOSO_FRAME_HDR) == 0,
		    "frame_put_len(frame_get_len(x)) != x");
		if (n > max) {
			note(s, F_TOOBIG, n);
			break;                  /* error frame, then closed */
		}
		if (len < HOSO_FRAME_HDR + (size_t)n)
			break;                  /* wait for the rest */
		const uint8_t *p = evbuffer_pullup(in, HOSO_FRAME_HDR + n);
		FUZZ_ASSERT(p != NULL, "pullup");
		if (n == 0) {
			note(s, F_EMPTY, 0);
		} else {
			note(s, F_BODY, n);
			j->req = hoso__request__unpack(&j->req_arena.pb, n,
			    p + HOSO_FRAME_HDR);
			if (j->req != NULL) {
				const char *kind = NULL;
				uint64_t rec = 0;
				j->cmd = cmd_lookup(j->req->body_case);
				FUZZ_ASSERT(j->cmd == NULL ||
				    j->cmd->body == j->req->body_case, "table row");
				authz_target(j->req, &kind, &rec);
			}
			job_reset(j);
		}
		evbuffer_drain(in, HOSO_FRAME_HDR + n);
		consumed += HOSO_FRAME_HDR + n;
	}
	evbuffer_free(in);
}

/* libhoso's way: wire_in fed in chunks; compared with the daemon's. */
static void
split_client(const uint8_t *data, size_t size, uint32_t max, uint8_t seed,
    const struct seen *want)
{
	struct wire_in w;
	struct seen got = { .n = 0 };
	size_t off = 0;
	uint32_t rnd = seed * 2654435761u + 1;
	bool stopped = false, empty = false;
	wire_in_init(&w, max);
	while (!stopped) {
		Hoso__ServerMessage *msg = NULL;
		int rc;
		for (;;) {
			if (w.len >= HOSO_FRAME_HDR && frame_get_len(w.buf) == 0) {
				note(&got, F_EMPTY, 0);   /* HOSO_E_PROTO: stop */
				empty = stopped = true;
				break;
			}
			if ((rc = wire_in_next(&w, &msg)) == 0)
				break;
			if (rc == 1) {
				hoso__server_message__free_unpacked(msg, NULL);
				note(&got, F_BODY, 0);
			} else if (rc == HOSO_E_PROTO) {
				note(&got, F_BODY, 0);  /* body not a message */
			} else {
				FUZZ_ASSERT(rc == HOSO_E_TOOBIG, "wire_in_next %d", rc);
				note(&got, F_TOOBIG, 0);
				stopped = true;
				break;
			}
		}
		if (stopped || off == size)
			break;
		size_t room;
		int why = 0;
		uint8_t *dst = wire_in_space(&w, &room, &why);
		if (dst == NULL) {
			/* wire_in_next would have said so first. */
			FUZZ_ASSERT(false, "wire_in_space %d after wire_in_next 0",
			    why);
		}
		FUZZ_ASSERT(room >= 1, "no room");
		FUZZ_ASSERT(w.cap <= (size_t)HOSO_FRAME_HDR + max + 4096,
		    "buffer of %zu bytes for a limit of %u", w.cap, max);
		rnd = rnd * 1103515245u + 12345u;
		size_t chunk = 1 + (rnd >> 16) % 300;
		if (chunk > room)
			chunk = room;
		if (chunk > size - off)
			chunk = size - off;
		memcpy(dst, data + off, chunk);
		wire_in_added(&w, chunk);
		off += chunk;
	}
	wire_in_free(&w);

	/* Same frames up to where either stopped. */
	size_t n = got.n < want->n ? got.n : want->n;
	if (n > MAX_FRAMES)
		n = MAX_FRAMES;
	for (size_t i = 0; i < n; i++)
		FUZZ_ASSERT(got.what[i] == want->what[i],
		    "frame %zu: client saw %d, daemon %d", i, got.what[i],
		    want->what[i]);
	/* The client stops at the first empty frame; until then it sees
	 * every frame the daemon does. */
	if (!empty)
		FUZZ_ASSERT(got.n == want->n, "client saw %zu frames, daemon %zu",
		    got.n, want->n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct job *j;
	if (j == NULL)
		j = job_new();
	if (size < 2)
		return 0;
	/* Limits: the smallest a config allows (64), small ones, the default. */
	static const uint32_t limits[] = { 64, 100, 1000, 4096,
	    HOSO_FRAME_MAX_DEFAULT };
	uint32_t max = limits[data[0] % (sizeof limits / sizeof limits[0])];
	uint8_t seed = data[1];
	data += 2;
	size -= 2;

	struct seen s = { .n = 0 };
	split_daemon(data, size, max, j, &s);
	split_client(data, size, max, seed, &s);
	return 0;
}
