/* loadgen.c: drives hosod over the real protocol with N connections, each
 * with one request outstanding, and prints throughput and latency
 * percentiles.  Usage:
 *   loadgen HOST PORT CONNS SECONDS MIX [WRITERS]
 * MIX: "read" (PersonGet of random ids 1..30), "write" (PersonCreate with
 * fresh CCCDs), or "mixed": the first WRITERS connections write, the rest
 * read, and latencies are reported for each kind separately. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "hoso.pb-c.h"
#include "hoso/protocol.h"
#include "frame.h"

#define MAXLAT (4 * 1000 * 1000)

struct lconn {
	int fd;
	int writer;
	uint8_t in[65536];
	size_t inlen;
	uint64_t sent_ns;
	uint64_t seq;
};

static uint64_t *lat[2];
static size_t nlat[2];
static unsigned cccd_serial;

/* Monotonic nanoseconds. */
static uint64_t
now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Frame and send one request (blocking is fine: requests are small). */
static int
send_req(struct lconn *c, Hoso__Request *r)
{
	uint8_t buf[1024];
	size_t n = hoso__request__get_packed_size(r);
	frame_put_len(buf, (uint32_t)n);
	hoso__request__pack(r, buf + 4);
	c->sent_ns = now_ns();
	size_t off = 0;
	while (off < n + 4) {
		ssize_t w = write(c->fd, buf + off, n + 4 - off);
		if (w < 0 && errno == EAGAIN)
			continue;
		if (w <= 0)
			return -1;
		off += (size_t)w;
	}
	return 0;
}

/* The next request of this connection's kind. */
static int
send_next(struct lconn *c)
{
	Hoso__Request r = HOSO__REQUEST__INIT;
	r.id = ++c->seq;
	if (c->writer) {
		Hoso__Person p = HOSO__PERSON__INIT;
		Hoso__PersonCreate pc = HOSO__PERSON_CREATE__INIT;
		char cccd[16], name[64], born[16];
		unsigned s = cccd_serial++ % 50000000u, yy = 50 + s / 1000000;
		snprintf(cccd, sizeof cccd, "0790%02u%06u", yy, s % 1000000);
		snprintf(born, sizeof born, "19%02u-06-15", yy);
		snprintf(name, sizeof name, "Nguyễn Văn Tải %u", s);
		for (char *q = name; *q; q++)   /* names hold no digits */
			if (*q >= '0' && *q <= '9')
				*q = (char)('a' + (*q - '0'));
		p.name = name;
		p.born = born;
		p.gender = HOSO__GENDER__MALE;
		p.id_number = cccd;
		pc.person = &p;
		r.body_case = HOSO__REQUEST__BODY_PERSON_CREATE;
		r.person_create = &pc;
		return send_req(c, &r);
	}
	Hoso__PersonGet g = HOSO__PERSON_GET__INIT;
	g.id = 1 + (uint64_t)(rand() % 30);
	r.body_case = HOSO__REQUEST__BODY_PERSON_GET;
	r.person_get = &g;
	return send_req(c, &r);
}

/* Connect and say Hello (blocking), then go non-blocking. */
static int
lconn_open(struct lconn *c, const char *host, int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	inet_pton(AF_INET, host, &sa.sin_addr);
	c->fd = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(c->fd, (struct sockaddr *)&sa, sizeof sa) < 0)
		return -1;
	int one = 1;
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	Hoso__Request r = HOSO__REQUEST__INIT;
	Hoso__Hello h = HOSO__HELLO__INIT;
	h.protocol_major = HOSO_PROTO_MAJOR;
	/* A session token (protocol 1.4): every request but Hello needs one. */
	const char *tok = getenv("HOSO_TOKEN");
	if (tok != NULL)
		h.token = (char *)tok;
	r.body_case = HOSO__REQUEST__BODY_HELLO;
	r.hello = &h;
	if (send_req(c, &r) < 0)
		return -1;
	uint8_t hdr[4], body[4096];
	if (recv(c->fd, hdr, 4, MSG_WAITALL) != 4)
		return -1;
	uint32_t n = frame_get_len(hdr);
	if (n > sizeof body || recv(c->fd, body, n, MSG_WAITALL) != (ssize_t)n)
		return -1;
	Hoso__ServerMessage *m = hoso__server_message__unpack(NULL, n, body);
	int st = m && m->body_case == HOSO__SERVER_MESSAGE__BODY_RESPONSE ?
	    (int)m->response->status : -1;
	if (st != 0)
		fprintf(stderr, "Hello refused (%d): %s\n", st, m && m->response ?
		    m->response->message : "?");
	hoso__server_message__free_unpacked(m, NULL);
	if (st != 0)
		return -1;
	fcntl(c->fd, F_SETFL, O_NONBLOCK);
	return 0;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Print count, rate and percentiles of one kind. */
static void
report(const char *kind, uint64_t *l, size_t n, double secs)
{
	if (n == 0)
		return;
	qsort(l, n, sizeof *l, cmp_u64);
	printf("%-6s %9zu req %10.0f req/s  p50 %7.1f us  p99 %7.1f us  "
	    "p99.9 %7.1f us\n", kind, n, n / secs, l[n / 2] / 1e3,
	    l[n * 99 / 100] / 1e3, l[n * 999 / 1000] / 1e3);
}

int
main(int argc, char **argv)
{
	if (argc < 6) {
		fprintf(stderr, "usage: loadgen HOST PORT CONNS SECONDS "
		    "read|write|mixed [WRITERS]\n");
		return 2;
	}
	int nconn = atoi(argv[3]), writers = argc > 6 ? atoi(argv[6]) : 0;
	double secs = atof(argv[4]);
	const char *mix = argv[5];
	cccd_serial = (unsigned)(now_ns() / 1000 % 50000000u);
	lat[0] = malloc(sizeof(uint64_t) * MAXLAT);
	lat[1] = malloc(sizeof(uint64_t) * MAXLAT);
	struct lconn *cs = calloc((size_t)nconn, sizeof *cs);
	int ep = epoll_create1(0);
	for (int i = 0; i < nconn; i++) {
		cs[i].writer = strcmp(mix, "write") == 0 ||
		    (strcmp(mix, "mixed") == 0 && i < writers);
		if (lconn_open(&cs[i], argv[1], atoi(argv[2])) < 0) {
			perror("connect");
			return 3;
		}
		struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &cs[i] };
		epoll_ctl(ep, EPOLL_CTL_ADD, cs[i].fd, &ev);
	}
	uint64_t start = now_ns(), end = start + (uint64_t)(secs * 1e9);
	size_t errors = 0;
	for (int i = 0; i < nconn; i++)
		send_next(&cs[i]);
	struct epoll_event evs[256];
	while (now_ns() < end) {
		int n = epoll_wait(ep, evs, 256, 100);
		for (int e = 0; e < n; e++) {
			struct lconn *c = evs[e].data.ptr;
			ssize_t r = read(c->fd, c->in + c->inlen,
			    sizeof c->in - c->inlen);
			if (r <= 0) {
				if (r < 0 && errno == EAGAIN)
					continue;
				fprintf(stderr, "server closed a connection\n");
				return 1;
			}
			c->inlen += (size_t)r;
			while (c->inlen >= 4) {
				uint32_t len = frame_get_len(c->in);
				if (c->inlen < 4 + len)
					break;
				Hoso__ServerMessage *m = hoso__server_message__unpack(
				    NULL, len, c->in + 4);
				if (m == NULL || m->response == NULL ||
				    m->response->status != HOSO__STATUS__OK)
					errors++;
				if (m != NULL)
					hoso__server_message__free_unpacked(m, NULL);
				memmove(c->in, c->in + 4 + len, c->inlen - 4 - len);
				c->inlen -= 4 + len;
				uint64_t t = now_ns();
				if (nlat[c->writer] < MAXLAT)
					lat[c->writer][nlat[c->writer]++] = t - c->sent_ns;
				send_next(c);
			}
		}
	}
	double el = (double)(now_ns() - start) / 1e9;
	printf("loadgen: %d connections, %.1f s, mix %s, %zu errors\n", nconn,
	    el, mix, errors);
	report("read", lat[0], nlat[0], el);
	report("write", lat[1], nlat[1], el);
	return errors ? 1 : 0;
}
