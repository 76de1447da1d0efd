/* async.c: the non-blocking interface of a hoso connection, for programs
 * with their own event loop.  Requests are packed into one output buffer
 * and sent as the socket takes them; each waits in a ring of calls until
 * the Response with its id arrives.  Nothing here blocks: every send and
 * receive stops at EAGAIN (or TLS_AGAIN) and says what to wait for. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "connection.h"
#include "hoso/client.h"
#include "i18n.h"
#include "tlsc.h"
#include "wire.h"

struct async_call {
	uint64_t id;
	int64_t deadline;          /* monotonic ms; -1: none */
	hoso_reply_fn cb;
	void *arg;
};

void
hoso_async_set_event_fn(struct hoso_client *c, hoso_event_fn fn, void *arg)
{
	c->on_event = fn;
	c->on_event_arg = arg;
}

/* Append a call to the ring, growing it; -1 when out of memory. */
static int
async_push(struct hoso_client *c, const struct async_call *call)
{
	if (c->calls_count == c->calls_cap) {
		size_t cap = c->calls_cap ? c->calls_cap * 2 : 16;
		struct async_call *n = malloc(cap * sizeof *n);
		if (n == NULL)
			return -1;
		for (size_t i = 0; i < c->calls_count; i++)
			n[i] = c->calls[(c->calls_head + i) % c->calls_cap];
		free(c->calls);
		c->calls = n;
		c->calls_cap = cap;
		c->calls_head = 0;
	}
	c->calls[(c->calls_head + c->calls_count) % c->calls_cap] = *call;
	c->calls_count++;
	return 0;
}

/* Take the oldest call out of the ring. */
static struct async_call
async_pop(struct hoso_client *c)
{
	struct async_call call = c->calls[c->calls_head];
	c->calls_head = (c->calls_head + 1) % c->calls_cap;
	c->calls_count--;
	return call;
}

/* Append len bytes to the output buffer; -1 when out of memory. */
static int
async_queue_bytes(struct hoso_client *c, const uint8_t *buf, size_t len)
{
	if (c->out_off > 0 && c->out_off == c->out_len)
		c->out_off = c->out_len = 0;
	if (c->out_len + len > c->out_cap && c->out_off > 0) {
		/* Move what is left to the front before growing. */
		memmove(c->out, c->out + c->out_off, c->out_len - c->out_off);
		c->out_len -= c->out_off;
		c->out_off = 0;
	}
	if (c->out_len + len > c->out_cap) {
		size_t cap = c->out_cap ? c->out_cap : 4096;
		while (cap < c->out_len + len)
			cap *= 2;
		uint8_t *n = realloc(c->out, cap);
		if (n == NULL)
			return -1;
		c->out = n;
		c->out_cap = cap;
	}
	memcpy(c->out + c->out_len, buf, len);
	c->out_len += len;
	return 0;
}

/* Send from the output buffer until it is empty or the socket is full.
 * Returns 0 or a negative code (the connection is lost). */
static int
async_flush(struct hoso_client *c, char **err)
{
	while (c->out_off < c->out_len) {
		short want = POLLOUT;
		ssize_t n = client_send(c, c->out + c->out_off,
		    c->out_len - c->out_off, &want);
		if (n > 0) {
			c->out_off += (size_t)n;
			continue;
		}
		if (n == TLS_AGAIN) {
			c->tls_want = want;
			return 0;
		}
		if (n == 0)
			n = HOSO_E_IO;
		return client_fail(c, (int)n, errno, err);
	}
	c->out_off = c->out_len = 0;
	return 0;
}

int
hoso_async_send(struct hoso_client *c, Hoso__Request *req, hoso_reply_fn cb,
    void *arg, char **err)
{
	uint8_t *buf;
	size_t len;
	int rc = client_pack(c, req, &buf, &len, err);
	if (rc < 0)
		return rc;
	struct async_call call = { .id = req->id, .cb = cb, .arg = arg,
	    .deadline = client_deadline(c->timeout_ms) };
	if (async_queue_bytes(c, buf, len) < 0)
		rc = HOSO_E_NOMEM;
	free(buf);
	if (rc == 0 && async_push(c, &call) < 0) {
		c->out_len -= len;          /* not sent: flush comes later */
		rc = HOSO_E_NOMEM;
	}
	if (rc < 0) {
		client_err(err, "%s", hoso_strerror(rc));
		return rc;
	}
	/* Sending now saves the caller's loop a wake-up; a failure here is
	 * reported by the next hoso_async_process, with the callbacks. */
	if (c->tls_want == 0)
		(void)async_flush(c, NULL);
	return 0;
}

short
hoso_async_events(const struct hoso_client *c)
{
	short ev = POLLIN;
	if (c->out_off < c->out_len || c->tls_want == POLLOUT)
		ev |= POLLOUT;
	return ev;
}

int
hoso_async_timeout(const struct hoso_client *c)
{
	if (c->calls_count == 0)
		return -1;
	int64_t dl = c->calls[c->calls_head].deadline;
	if (dl < 0)
		return -1;
	int64_t left = dl - client_now_ms();
	if (left <= 0)
		return 0;
	return left > 1000000000 ? 1000000000 : (int)left;
}

size_t
hoso_async_waiting(const struct hoso_client *c)
{
	return c->calls_count;
}

/* The connection is lost with rc: call every waiting callback with it. */
static int
async_fail_all(struct hoso_client *c, int rc, const char *msg, char **err)
{
	while (c->calls_count > 0) {
		struct async_call call = async_pop(c);
		if (call.cb != NULL)
			call.cb(c, rc, NULL, msg, call.arg);
	}
	if (err != NULL) {
		free(*err);
		*err = msg != NULL ? strdup(msg) : NULL;
	}
	return rc;
}

/* Hand one decoded message to its callback. */
static int
async_deliver(struct hoso_client *c, Hoso__ServerMessage *msg, char **why)
{
	if (msg->body_case == HOSO__SERVER_MESSAGE__BODY_EVENT) {
		Hoso__Event *ev = msg->event;
		msg->event = NULL;
		msg->body_case = HOSO__SERVER_MESSAGE__BODY__NOT_SET;
		if (c->on_event != NULL) {
			c->on_event(c, ev, c->on_event_arg);
			hoso__event__free_unpacked(ev, NULL);
		} else {
			client_queue_event(c, ev);
		}
		return 0;
	}
	if (msg->body_case != HOSO__SERVER_MESSAGE__BODY_RESPONSE)
		return 0;               /* a kind from a newer server */
	Hoso__Response *resp = msg->response;
	if (c->calls_count == 0)
		return 0;               /* nobody asks (a farewell frame) */
	/* Answers come in request order; id 0 answers a request the server
	 * could not decode, which is the oldest still waiting. */
	if (resp->id != 0 && resp->id != c->calls[c->calls_head].id)
		return client_fail(c, HOSO_E_PROTO, 0, why);
	struct async_call call = async_pop(c);
	if (call.cb != NULL)
		call.cb(c, 0, resp, NULL, call.arg);
	return 0;
}

int
hoso_async_process(struct hoso_client *c, char **err)
{
	char *why = NULL;
	int rc = c->broken;
	if (rc == 0) {
		c->tls_want = 0;
		rc = async_flush(c, &why);
	}
	while (rc == 0) {
		Hoso__ServerMessage *msg;
		int got = wire_in_next(&c->in, &msg);
		if (got < 0) {
			rc = client_fail(c, got, 0, &why);
			break;
		}
		if (got > 0) {
			rc = async_deliver(c, msg, &why);
			hoso__server_message__free_unpacked(msg, NULL);
			if (rc == 0 && c->broken)
				rc = c->broken;     /* a callback broke it */
			continue;
		}
		size_t room;
		uint8_t *p = wire_in_space(&c->in, &room, &got);
		if (p == NULL) {
			rc = client_fail(c, got, 0, &why);
			break;
		}
		short want = POLLIN;
		ssize_t n = client_recv(c, p, room, &want);
		if (n > 0) {
			wire_in_added(&c->in, (size_t)n);
			continue;
		}
		if (n == TLS_AGAIN) {
			if (want == POLLOUT)
				c->tls_want = POLLOUT;
			break;
		}
		rc = client_fail(c, n == 0 ? HOSO_E_CLOSED : (int)n, errno,
		    &why);
	}
	if (rc == 0 && c->calls_count > 0 && hoso_async_timeout(c) == 0)
		rc = client_fail(c, HOSO_E_TIMEOUT, 0, &why);
	if (rc == 0 && c->out_off < c->out_len && c->tls_want == 0)
		rc = async_flush(c, &why);      /* callbacks sent more */
	if (rc == 0)
		return 0;
	if (why == NULL)
		client_err(&why, _("lost the connection to %s: %s"), c->where,
		    hoso_strerror(rc));
	async_fail_all(c, rc, why, err);
	free(why);
	return rc;
}

void
hoso_async_abort(struct hoso_client *c)
{
	if (c->broken == 0)
		c->broken = HOSO_E_BROKEN;
	if (c->calls_count == 0)
		return;
	char *why = NULL;
	client_err(&why, _("the connection to %s was closed"), c->where);
	async_fail_all(c, HOSO_E_BROKEN, why, NULL);
	free(why);
}

void
async_free(struct hoso_client *c)
{
	free(c->calls);
	c->calls = NULL;
	c->calls_count = c->calls_cap = c->calls_head = 0;
	free(c->out);
	c->out = NULL;
	c->out_off = c->out_len = c->out_cap = 0;
}
