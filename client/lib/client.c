/* client.c: a blocking hoso connection: connect, Hello, one call at a time.
 * Sockets stay non-blocking and every wait goes through poll() with a
 * deadline, so a dead server costs at most the timeout. */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "hoso/client.h"
#include "i18n.h"
#include "wire.h"

struct hoso_client {
	int fd;
	char *where;               /* "host:port" as the caller wrote it */
	int timeout_ms;            /* per call; <= 0: none */
	uint64_t next_id;
	uint32_t send_max;         /* largest request body the server takes */
	int broken;                /* HOSO_E_* that made the connection unusable */
	struct wire_in in;
	struct hoso_server_info info;
	Hoso__Event *events[HOSO_EVENT_QUEUE];   /* ring, oldest at ev_head */
	size_t ev_head, ev_count;
};

/* Store a malloc'd formatted message in *err if err is not NULL. */
static void __attribute__((format(printf, 2, 3)))
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
static int64_t
client_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The deadline for a wait of timeout_ms from now; -1 for none. */
static int64_t
client_deadline(int timeout_ms)
{
	return timeout_ms > 0 ? client_now_ms() + timeout_ms : -1;
}

/* Wait until fd is ready for events or the deadline passes.  Returns 0,
 * HOSO_E_TIMEOUT, or HOSO_E_IO with errno set. */
static int
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

int
hoso_parse_hostport(const char *hostport, char **host, uint16_t *port)
{
	const char *h = hostport, *p = NULL;
	size_t hlen;

	if (hostport == NULL || *hostport == '\0')
		return HOSO_E_ADDRESS;
	if (*h == '[') {
		const char *close = strchr(h, ']');
		if (close == NULL || close == h + 1)
			return HOSO_E_ADDRESS;
		h++;
		hlen = (size_t)(close - h);
		if (close[1] == ':')
			p = close + 2;
		else if (close[1] != '\0')
			return HOSO_E_ADDRESS;
	} else {
		const char *colon = strrchr(h, ':');
		if (colon != NULL && strchr(h, ':') == colon) {
			hlen = (size_t)(colon - h);
			p = colon + 1;
		} else {
			/* No colon, or several: a bare IPv6 address. */
			hlen = strlen(h);
		}
		if (hlen == 0)
			return HOSO_E_ADDRESS;
	}
	unsigned long n = HOSO_DEFAULT_PORT;
	if (p != NULL) {
		char *end;
		if (*p < '0' || *p > '9')
			return HOSO_E_ADDRESS;
		errno = 0;
		n = strtoul(p, &end, 10);
		if (errno != 0 || *end != '\0' || n == 0 || n > 65535)
			return HOSO_E_ADDRESS;
	}
	*host = strndup(h, hlen);
	if (*host == NULL)
		return HOSO_E_NOMEM;
	*port = (uint16_t)n;
	return 0;
}

/* Connect a non-blocking socket to one address before the deadline.
 * Returns the socket or -1 with errno set. */
static int
client_connect_one(const struct addrinfo *ai, int64_t deadline)
{
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, ai->ai_protocol);
	if (fd < 0)
		return -1;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
		if (errno != EINPROGRESS)
			goto fail;
		int rc = client_wait(fd, POLLOUT, deadline);
		if (rc == HOSO_E_TIMEOUT) {
			errno = ETIMEDOUT;
			goto fail;
		}
		if (rc < 0)
			goto fail;
		int soerr = 0;
		socklen_t len = sizeof soerr;
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) < 0)
			goto fail;
		if (soerr != 0) {
			errno = soerr;
			goto fail;
		}
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	return fd;
fail:;
	int saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

/* Resolve hostport and connect to the first address that answers.
 * Returns the socket, or a negative code with *err set. */
static int
client_open(const char *hostport, int timeout_ms, char **err)
{
	char *host = NULL;
	uint16_t port;
	int rc = hoso_parse_hostport(hostport, &host, &port);
	if (rc < 0) {
		client_err(err, _("'%s' is not a server address; write it as "
		    "HOST or HOST:PORT, e.g. 127.0.0.1:%d"), hostport,
		    HOSO_DEFAULT_PORT);
		return rc;
	}
	char portstr[8];
	snprintf(portstr, sizeof portstr, "%u", (unsigned)port);
	struct addrinfo hints = { .ai_family = AF_UNSPEC,
	    .ai_socktype = SOCK_STREAM }, *res = NULL;
	int gai = getaddrinfo(host, portstr, &hints, &res);
	free(host);
	if (gai != 0) {
		client_err(err, _("cannot find the server %s: %s"), hostport,
		    gai == EAI_SYSTEM ? strerror(errno) : gai_strerror(gai));
		return HOSO_E_RESOLVE;
	}
	int64_t deadline = client_deadline(timeout_ms);
	int fd = -1, last = ECONNREFUSED;
	for (struct addrinfo *ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
		fd = client_connect_one(ai, deadline);
		if (fd < 0)
			last = errno;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		client_err(err, _("cannot connect to %s: %s"), hostport,
		    strerror(last));
		return last == ETIMEDOUT ? HOSO_E_TIMEOUT : HOSO_E_CONNECT;
	}
	return fd;
}

/* Mark the connection unusable and describe why in *err. */
static int
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

/* Write all of buf before the deadline. */
static int
client_write(struct hoso_client *c, const uint8_t *buf, size_t len,
    int64_t deadline, char **err)
{
	while (len > 0) {
		ssize_t n = send(c->fd, buf, len, MSG_NOSIGNAL);
		if (n > 0) {
			buf += n;
			len -= (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			int rc = client_wait(c->fd, POLLOUT, deadline);
			if (rc < 0)
				return client_fail(c, rc, errno, err);
			continue;
		}
		if (n < 0 && (errno == EPIPE || errno == ECONNRESET))
			return client_fail(c, HOSO_E_CLOSED, 0, err);
		return client_fail(c, HOSO_E_IO, errno, err);
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
		ssize_t n = recv(c->fd, p, room, 0);
		if (n > 0) {
			wire_in_added(&c->in, (size_t)n);
			continue;
		}
		if (n == 0)
			return client_fail(c, HOSO_E_CLOSED, 0, err);
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			rc = client_wait(c->fd, POLLIN, deadline);
			if (rc == HOSO_E_TIMEOUT && soft)
				return rc;
			if (rc < 0)
				return client_fail(c, rc, errno, err);
			continue;
		}
		if (errno == ECONNRESET)
			return client_fail(c, HOSO_E_CLOSED, 0, err);
		return client_fail(c, HOSO_E_IO, errno, err);
	}
}

/* Keep an Event for hoso_next_event(), dropping the oldest when full. */
static void
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
	if (c->broken) {
		client_err(err, _("lost the connection to %s: %s"), c->where,
		    hoso_strerror(HOSO_E_BROKEN));
		return HOSO_E_BROKEN;
	}
	int64_t deadline = client_deadline(timeout_ms);
	for (;;) {
		Hoso__ServerMessage *msg;
		int rc = client_read(c, &msg, deadline, true, err);
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
hoso_call(struct hoso_client *c, Hoso__Request *req, Hoso__Response **resp,
    char **err)
{
	*resp = NULL;
	if (c->broken) {
		client_err(err, _("lost the connection to %s: %s"), c->where,
		    hoso_strerror(HOSO_E_BROKEN));
		return HOSO_E_BROKEN;
	}
	req->id = ++c->next_id;
	uint8_t *buf;
	size_t len;
	int rc = wire_pack_request(req, c->send_max, &buf, &len);
	if (rc == HOSO_E_TOOBIG) {
		client_err(err, _("the request is too large for the server "
		    "(at most %u bytes)"), (unsigned)c->send_max);
		return rc;
	}
	if (rc < 0) {
		client_err(err, "%s", hoso_strerror(rc));
		return rc;
	}
	int64_t deadline = client_deadline(c->timeout_ms);
	rc = client_write(c, buf, len, deadline, err);
	free(buf);
	if (rc < 0)
		return rc;
	return client_await(c, req->id, resp, deadline, err);
}

void
hoso_response_free(Hoso__Response *resp)
{
	if (resp != NULL)
		hoso__response__free_unpacked(resp, NULL);
}

/* Send Hello and keep what the server says about itself.  A refusal, or a
 * server of another major version, fails with HOSO_E_REFUSED. */
static int
client_hello(struct hoso_client *c, char **err)
{
	Hoso__Hello hello = HOSO__HELLO__INIT;
	hello.protocol_major = HOSO_PROTO_MAJOR;
	hello.protocol_minor = HOSO_PROTO_MINOR;
	hello.client_name = (char *)"hoso";
	hello.client_version = (char *)HOSO_VERSION;
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_HELLO;
	req.hello = &hello;

	Hoso__Response *resp;
	char *why = NULL;
	int rc = hoso_call(c, &req, &resp, &why);
	if (rc == HOSO_E_PROTO || rc == HOSO_E_TOOBIG) {
		/* Garbage in answer to Hello: some other kind of server. */
		client_err(err, _("%s did not answer like a hoso server"),
		    c->where);
		free(why);
		return rc;
	}
	if (rc < 0) {
		if (err != NULL)
			*err = why;
		else
			free(why);
		return rc;
	}
	if (resp->status != HOSO__STATUS__OK) {
		if (err != NULL)
			*err = hoso_response_text(resp);
		rc = HOSO_E_REFUSED;
	} else if (resp->body_case != HOSO__RESPONSE__BODY_HELLO) {
		client_err(err, _("%s answered the greeting with something "
		    "unexpected; is it a hoso server?"), c->where);
		rc = HOSO_E_PROTO;
	} else if (resp->hello->protocol_major != HOSO_PROTO_MAJOR) {
		client_err(err, _("the server speaks protocol %u.%u and this "
		    "program %u.%u; they cannot work together"),
		    (unsigned)resp->hello->protocol_major,
		    (unsigned)resp->hello->protocol_minor,
		    (unsigned)HOSO_PROTO_MAJOR, (unsigned)HOSO_PROTO_MINOR);
		rc = HOSO_E_REFUSED;
	} else {
		const Hoso__HelloReply *h = resp->hello;
		c->info.name = strdup(h->server_name);
		c->info.version = strdup(h->server_version);
		c->info.protocol_major = h->protocol_major;
		c->info.protocol_minor = h->protocol_minor;
		c->info.max_frame = h->max_frame;
		if (c->info.name == NULL || c->info.version == NULL) {
			client_err(err, "%s", hoso_strerror(HOSO_E_NOMEM));
			rc = HOSO_E_NOMEM;
		}
		if (h->max_frame != 0)
			c->send_max = h->max_frame;
		if (h->max_frame > c->in.max)
			c->in.max = h->max_frame;
	}
	hoso_response_free(resp);
	return rc;
}

struct hoso_client *
hoso_connect(const char *hostport, int timeout_ms, char **err)
{
	if (hostport == NULL)
		hostport = HOSO_DEFAULT_SERVER;
	struct hoso_client *c = calloc(1, sizeof *c);
	if (c == NULL || (c->where = strdup(hostport)) == NULL) {
		client_err(err, "%s", hoso_strerror(HOSO_E_NOMEM));
		free(c);
		return NULL;
	}
	c->fd = -1;
	c->timeout_ms = timeout_ms;
	c->send_max = HOSO_FRAME_MAX_DEFAULT;
	wire_in_init(&c->in, HOSO_CLIENT_FRAME_MAX);
	c->fd = client_open(hostport, timeout_ms, err);
	if (c->fd < 0 || client_hello(c, err) < 0) {
		hoso_close(c);
		return NULL;
	}
	return c;
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

void
hoso_close(struct hoso_client *c)
{
	if (c == NULL)
		return;
	if (c->fd >= 0)
		close(c->fd);
	Hoso__Event *ev;
	while ((ev = hoso_next_event(c)) != NULL)
		hoso__event__free_unpacked(ev, NULL);
	wire_in_free(&c->in);
	free((char *)c->info.name);
	free((char *)c->info.version);
	free(c->where);
	free(c);
}
