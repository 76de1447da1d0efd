/* client.c: a blocking hoso connection: connect, Hello, one call at a time.
 * Sockets stay non-blocking and every wait goes through poll() with a
 * deadline, so a dead server costs at most the timeout. */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "connection.h"
#include "hoso/client.h"
#include "i18n.h"
#include "tlsc.h"
#include "wire.h"

void
client_err(char **err, const char *fmt, ...)
{
	if (err == NULL)
		return;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(err, fmt, ap) < 0)
		*err = NULL;
	va_end(ap);
}

/* Milliseconds on a monotonic clock. */
int64_t
client_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
client_deadline(int timeout_ms)
{
	return timeout_ms > 0 ? client_now_ms() + timeout_ms : -1;
}

int
client_wait(int fd, short events, int64_t deadline)
{
	for (;;) {
		int ms = -1;
		if (deadline >= 0) {
			int64_t left = deadline - client_now_ms();
			if (left <= 0)
				return HOSO_E_TIMEOUT;
			ms = left > 1000000000 ? 1000000000 : (int)left;
		}
		struct pollfd p = { .fd = fd, .events = events };
		int n = poll(&p, 1, ms);
		if (n > 0)
			return 0;
		if (n == 0)
			return HOSO_E_TIMEOUT;
		if (errno != EINTR)
			return HOSO_E_IO;
	}
}

/* Mark the connection unusable and describe why in *err. */
int
client_fail(struct hoso_client *c, int code, int sys_errno, char **err)
{
	c->broken = code;
	if (code == HOSO_E_TIMEOUT)
		client_err(err, _("%s did not answer within %d seconds"),
		    c->where, (c->timeout_ms + 999) / 1000);
	else if (code == HOSO_E_IO && sys_errno != 0)
		client_err(err, _("lost the connection to %s: %s"), c->where,
		    strerror(sys_errno));
	else
		client_err(err, _("lost the connection to %s: %s"), c->where,
		    hoso_strerror(code));
	return code;
}

/* HOSO_E_BROKEN, with *err set, when an earlier failure broke the
 * connection; else 0. */
static int
client_usable(const struct hoso_client *c, char **err)
{
	if (c->broken == 0)
		return 0;
	client_err(err, _("lost the connection to %s: %s"), c->where,
	    hoso_strerror(HOSO_E_BROKEN));
	return HOSO_E_BROKEN;
}

/* One send on the connection, through TLS when it is on: the bytes sent
 * (> 0), TLS_AGAIN with *want set, or HOSO_E_CLOSED, HOSO_E_IO (errno
 * set) or HOSO_E_TLS. */
ssize_t
client_send(struct hoso_client *c, const uint8_t *buf, size_t len,
    short *want)
{
	if (c->tls != NULL)
		return tls_write(c->tls, buf, len, want);
	for (;;) {
		ssize_t n = send(c->fd, buf, len, MSG_NOSIGNAL);
		if (n >= 0)
			return n;
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			*want = POLLOUT;
			return TLS_AGAIN;
		}
		if (errno == EPIPE || errno == ECONNRESET)
			return HOSO_E_CLOSED;
		return HOSO_E_IO;
	}
}

/* One receive, as client_send; 0 when the server closed the connection. */
ssize_t
client_recv(struct hoso_client *c, uint8_t *buf, size_t len, short *want)
{
	if (c->tls != NULL)
		return tls_read(c->tls, buf, len, want);
	for (;;) {
		ssize_t n = recv(c->fd, buf, len, 0);
		if (n >= 0)
			return n;
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			*want = POLLIN;
			return TLS_AGAIN;
		}
		if (errno == ECONNRESET)
			return HOSO_E_CLOSED;
		return HOSO_E_IO;
	}
}

/* Write all of buf before the deadline. */
static int
client_write(struct hoso_client *c, const uint8_t *buf, size_t len,
    int64_t deadline, char **err)
{
	while (len > 0) {
		short want = POLLOUT;
		ssize_t n = client_send(c, buf, len, &want);
		if (n > 0) {
			buf += n;
			len -= (size_t)n;
			continue;
		}
		if (n == TLS_AGAIN) {
			int rc = client_wait(c->fd, want, deadline);
			if (rc < 0)
				return client_fail(c, rc, errno, err);
			continue;
		}
		if (n == 0)
			n = HOSO_E_IO;
		return client_fail(c, (int)n, errno, err);
	}
	return 0;
}

/* Read until one whole ServerMessage is decoded.  With soft set, the
 * deadline passing returns HOSO_E_TIMEOUT and leaves the connection usable
 * (bytes of a frame read so far stay buffered); otherwise it breaks it. */
static int
client_read(struct hoso_client *c, Hoso__ServerMessage **msg,
    int64_t deadline, bool soft, char **err)
{
	for (;;) {
		int rc = wire_in_next(&c->in, msg);
		if (rc > 0)
			return 0;
		if (rc < 0)
			return client_fail(c, rc, 0, err);
		size_t room;
		uint8_t *p = wire_in_space(&c->in, &room, &rc);
		if (p == NULL)
			return client_fail(c, rc, 0, err);
		short want = POLLIN;
		ssize_t n = client_recv(c, p, room, &want);
		if (n > 0) {
			wire_in_added(&c->in, (size_t)n);
			continue;
		}
		if (n == 0)
			return client_fail(c, HOSO_E_CLOSED, 0, err);
		if (n == TLS_AGAIN) {
			rc = client_wait(c->fd, want, deadline);
			if (rc == HOSO_E_TIMEOUT && soft)
				return rc;
			if (rc < 0)
				return client_fail(c, rc, errno, err);
			continue;
		}
		return client_fail(c, (int)n, errno, err);
	}
}

/* Keep an Event for hoso_next_event(), dropping the oldest when full. */
void
client_queue_event(struct hoso_client *c, Hoso__Event *ev)
{
	if (c->ev_count == HOSO_EVENT_QUEUE) {
		hoso__event__free_unpacked(c->events[c->ev_head], NULL);
		c->ev_head = (c->ev_head + 1) % HOSO_EVENT_QUEUE;
		c->ev_count--;
	}
	c->events[(c->ev_head + c->ev_count) % HOSO_EVENT_QUEUE] = ev;
	c->ev_count++;
}

Hoso__Event *
hoso_next_event(struct hoso_client *c)
{
	if (c->ev_count == 0)
		return NULL;
	Hoso__Event *ev = c->events[c->ev_head];
	c->ev_head = (c->ev_head + 1) % HOSO_EVENT_QUEUE;
	c->ev_count--;
	return ev;
}

/* Read messages until the Response to request id; Events are queued and
 * message kinds from a newer server are skipped. */
static int
client_await(struct hoso_client *c, uint64_t id, Hoso__Response **resp,
    int64_t deadline, char **err)
{
	for (;;) {
		Hoso__ServerMessage *msg;
		int rc = client_read(c, &msg, deadline, false, err);
		if (rc < 0)
			return rc;
		switch (msg->body_case) {
		case HOSO__SERVER_MESSAGE__BODY_EVENT:
			client_queue_event(c, msg->event);
			msg->event = NULL;
			break;
		case HOSO__SERVER_MESSAGE__BODY_RESPONSE:
			/* Id 0: the server could not decode our request. */
			if (msg->response->id != id && msg->response->id != 0) {
				hoso__server_message__free_unpacked(msg, NULL);
				return client_fail(c, HOSO_E_PROTO, 0, err);
			}
			*resp = msg->response;
			msg->response = NULL;
			break;
		default:
			break;
		}
		msg->body_case = HOSO__SERVER_MESSAGE__BODY__NOT_SET;
		hoso__server_message__free_unpacked(msg, NULL);
		if (*resp != NULL)
			return 0;
	}
}

int
hoso_wait_event(struct hoso_client *c, int timeout_ms, Hoso__Event **ev,
    char **err)
{
	*ev = hoso_next_event(c);
	if (*ev != NULL)
		return 0;
	int rc = client_usable(c, err);
	if (rc < 0)
		return rc;
	int64_t deadline = client_deadline(timeout_ms);
	for (;;) {
		Hoso__ServerMessage *msg;
		rc = client_read(c, &msg, deadline, true, err);
		if (rc < 0)
			return rc;
		if (msg->body_case == HOSO__SERVER_MESSAGE__BODY_EVENT) {
			*ev = msg->event;
			msg->event = NULL;
			msg->body_case = HOSO__SERVER_MESSAGE__BODY__NOT_SET;
		}
		/* No call is waiting: a Response here (an error frame with
		 * id 0 before a close, say) answers nothing and is dropped,
		 * as are message kinds from a newer server. */
		hoso__server_message__free_unpacked(msg, NULL);
		if (*ev != NULL)
			return 0;
	}
}

int
client_pack(struct hoso_client *c, Hoso__Request *req, uint8_t **buf,
    size_t *len, char **err)
{
	int rc = client_usable(c, err);
	if (rc < 0)
		return rc;
	req->id = ++c->next_id;
	rc = wire_pack_request(req, c->send_max, buf, len);
	if (rc == HOSO_E_TOOBIG)
		client_err(err, _("the request is too large for the server "
		    "(at most %u bytes)"), (unsigned)c->send_max);
	else if (rc < 0)
		client_err(err, "%s", hoso_strerror(rc));
	return rc;
}

int
hoso_call(struct hoso_client *c, Hoso__Request *req, Hoso__Response **resp,
    char **err)
{
	*resp = NULL;
	uint8_t *buf;
	size_t len;
	int rc = client_pack(c, req, &buf, &len, err);
	if (rc < 0)
		return rc;
	int64_t deadline = client_deadline(c->timeout_ms);
	rc = client_write(c, buf, len, deadline, err);
	free(buf);
	if (rc < 0)
		return rc;
	return client_await(c, req->id, resp, deadline, err);
}

int
hoso_call_next(struct hoso_client *c, Hoso__Response **resp, char **err)
{
	*resp = NULL;
	int rc = client_usable(c, err);
	if (rc < 0)
		return rc;
	return client_await(c, c->next_id, resp,
	    client_deadline(c->timeout_ms), err);
}

void
hoso_response_free(Hoso__Response *resp)
{
	if (resp != NULL)
		hoso__response__free_unpacked(resp, NULL);
}


const struct hoso_server_info *
hoso_server(const struct hoso_client *c)
{
	return &c->info;
}

int
hoso_fd(const struct hoso_client *c)
{
	return c->fd;
}

bool
hoso_buffered(const struct hoso_client *c)
{
	return c->ev_count > 0 || c->in.len > 0 ||
	    (c->tls != NULL && tls_pending(c->tls) > 0);
}

void
hoso_close(struct hoso_client *c)
{
	if (c == NULL)
		return;
	tls_free(c->tls);               /* before the socket it writes to */
	if (c->fd >= 0)
		close(c->fd);
	Hoso__Event *ev;
	while ((ev = hoso_next_event(c)) != NULL)
		hoso__event__free_unpacked(ev, NULL);
	async_free(c);
	wire_in_free(&c->in);
	free((char *)c->info.name);
	free((char *)c->info.version);
	free((char *)c->info.fingerprint);
	free((char *)c->info.known_file);
	if (c->info.user != NULL)
		hoso__user__free_unpacked((Hoso__User *)c->info.user, NULL);
	free(c->where);
	free(c);
}
