/* echo.c: the floor.  A framed echo server with hosod's frame format (4-byte
 * big-endian length, then the payload), one libevent thread, no work: for
 * every complete frame it sends back that frame, or a frame of REPLY_BYTES
 * zero bytes so the reply has the size of a real one.  Like hosod it
 * parses every complete frame per wake-up, writes at once, and arms
 * EV_WRITE only when the socket is full.
 *
 *   echo [--reply-bytes N] [--port-file FILE] HOST:PORT     (PORT 0: any)
 *
 * Stops on SIGTERM or SIGINT.  loadgen --echo drives it. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <event2/event.h>
#include <event2/listener.h>

#include "frame.h"

#define BUF (1 << 20)

struct econn {
	int fd;
	struct event *rev, *wev;
	uint8_t in[BUF];
	size_t inlen;
	uint8_t *out;
	size_t outlen, outcap;
};

static size_t reply_bytes;      /* 0: echo the frame itself */

static void
econn_free(struct econn *c)
{
	event_free(c->rev);
	event_free(c->wev);
	close(c->fd);
	free(c->out);
	free(c);
}

/* Queue n bytes for the peer. */
static int
econn_queue(struct econn *c, const uint8_t *p, size_t n, bool zeros)
{
	if (c->outlen + n > c->outcap) {
		size_t cap = c->outcap ? c->outcap : 4096;
		while (cap < c->outlen + n)
			cap *= 2;
		uint8_t *o = realloc(c->out, cap);
		if (o == NULL)
			return -1;
		c->out = o;
		c->outcap = cap;
	}
	if (zeros)
		memset(c->out + c->outlen, 0, n);
	else
		memcpy(c->out + c->outlen, p, n);
	c->outlen += n;
	return 0;
}

/* Write what is queued; arm EV_WRITE if the socket is full. */
static int
econn_flush(struct econn *c)
{
	size_t off = 0;
	while (off < c->outlen) {
		ssize_t w = write(c->fd, c->out + off, c->outlen - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EAGAIN)
			break;
		if (w <= 0)
			return -1;
		off += (size_t)w;
	}
	memmove(c->out, c->out + off, c->outlen - off);
	c->outlen -= off;
	if (c->outlen > 0)
		event_add(c->wev, NULL);
	return 0;
}

static void
econn_write_cb(evutil_socket_t fd, short what, void *arg)
{
	struct econn *c = arg;
	(void)fd;
	(void)what;
	if (econn_flush(c) < 0)
		econn_free(c);
}

static void
econn_read_cb(evutil_socket_t fd, short what, void *arg)
{
	struct econn *c = arg;
	(void)what;
	ssize_t r = read(fd, c->in + c->inlen, BUF - c->inlen);
	if (r < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (r <= 0) {
		econn_free(c);
		return;
	}
	c->inlen += (size_t)r;
	size_t off = 0;
	while (c->inlen - off >= 4) {
		uint32_t len = frame_get_len(c->in + off);
		if (len > BUF - 4) {
			econn_free(c);
			return;
		}
		if (c->inlen - off < 4 + len)
			break;
		int rc;
		if (reply_bytes == 0) {
			rc = econn_queue(c, c->in + off, 4 + len, false);
		} else {
			uint8_t hdr[4];
			frame_put_len(hdr, (uint32_t)reply_bytes);
			rc = econn_queue(c, hdr, 4, false);
			if (rc == 0)
				rc = econn_queue(c, NULL, reply_bytes, true);
		}
		if (rc < 0) {
			econn_free(c);
			return;
		}
		off += 4 + len;
	}
	memmove(c->in, c->in + off, c->inlen - off);
	c->inlen -= off;
	if (c->outlen > 0 && econn_flush(c) < 0)
		econn_free(c);
}

static void
accept_cb(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *sa,
    int salen, void *arg)
{
	struct event_base *base = arg;
	(void)l;
	(void)sa;
	(void)salen;
	struct econn *c = calloc(1, sizeof *c);
	if (c == NULL) {
		close(fd);
		return;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	c->fd = fd;
	c->rev = event_new(base, fd, EV_READ | EV_PERSIST, econn_read_cb, c);
	c->wev = event_new(base, fd, EV_WRITE, econn_write_cb, c);
	if (c->rev == NULL || c->wev == NULL || event_add(c->rev, NULL) < 0) {
		close(fd);
		free(c);
	}
}

static void
stop_cb(evutil_socket_t sig, short what, void *arg)
{
	(void)sig;
	(void)what;
	event_base_loopbreak(arg);
}

int
main(int argc, char **argv)
{
	const char *port_file = NULL, *addr = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--reply-bytes") == 0 && i + 1 < argc)
			reply_bytes = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--port-file") == 0 && i + 1 < argc)
			port_file = argv[++i];
		else
			addr = argv[i];
	}
	const char *colon = addr ? strrchr(addr, ':') : NULL;
	if (colon == NULL || reply_bytes > BUF - 4) {
		fprintf(stderr, "usage: echo [--reply-bytes N] [--port-file FILE] "
		    "HOST:PORT\n");
		return 2;
	}
	char host[64];
	snprintf(host, sizeof host, "%.*s", (int)(colon - addr), addr);
	struct sockaddr_in sa = { .sin_family = AF_INET,
	    .sin_port = htons((uint16_t)atoi(colon + 1)) };
	if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
		fprintf(stderr, "echo: %s is not an IPv4 address\n", host);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	struct event_base *base = event_base_new();
	struct evconnlistener *l = evconnlistener_new_bind(base, accept_cb, base,
	    LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE, 1024,
	    (struct sockaddr *)&sa, sizeof sa);
	if (l == NULL) {
		perror("echo: listen");
		return 1;
	}
	struct sockaddr_in bound;
	socklen_t blen = sizeof bound;
	getsockname(evconnlistener_get_fd(l), (struct sockaddr *)&bound, &blen);
	if (port_file != NULL) {
		char tmp[4096];
		snprintf(tmp, sizeof tmp, "%s.tmp", port_file);
		FILE *f = fopen(tmp, "w");
		if (f == NULL || fprintf(f, "%d\n", ntohs(bound.sin_port)) < 0 ||
		    fclose(f) != 0 || rename(tmp, port_file) != 0) {
			perror(port_file);
			return 1;
		}
	}
	struct event *sigterm = evsignal_new(base, SIGTERM, stop_cb, base);
	struct event *sigint = evsignal_new(base, SIGINT, stop_cb, base);
	event_add(sigterm, NULL);
	event_add(sigint, NULL);
	event_base_dispatch(base);
	event_free(sigterm);
	event_free(sigint);
	evconnlistener_free(l);
	event_base_free(base);
	return 0;
}
