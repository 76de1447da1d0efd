/* loadgen.c: drives hosod (or the framed echo server) over the real
 * protocol with N connections, each with one request outstanding (send,
 * wait for the reply, send the next), for a fixed time or count, and prints
 * throughput and latency percentiles from every sample, sorted.
 *
 *   loadgen [options] HOST PORT
 *     -c CONNS        connections (50)
 *     -t SECONDS      run this long (5), or
 *     -n COUNT        stop after COUNT replies
 *     -w WORKLOAD     get | list | search | due | create | transition | mixed
 *     -r READ_PCT     mixed: share of reads in per cent (90); reads are
 *                     get/list/search 7:2:1, writes create/transition 1:1
 *     -L LABEL        name on the RESULT line (default: the workload)
 *     --ids N         people have ids 1..N (get)
 *     --cells F:N     cell ids F..F+N-1 (list)
 *     --pool F:N      candidates at "identified" that transition may put
 *                     on hold and back, ids F..F+N-1
 *     --serial-base S first CCCD serial of create (default from the clock)
 *     --echo          the peer is tests/bench/echo.c: no Hello, replies
 *                     are counted, not decoded
 *
 * Logs in with HOSO_TOKEN (a session token, sent in Hello).
 *
 * Workloads: get = PersonGet and FileGet of random ids; list = one page
 * (20) of PersonList from a random id, or of a random cell from a random
 * id; search = PersonFind of a common name prefix without diacritics;
 * due = CheckList of overdue checks (the deadline index); create =
 * PersonCreate with a fresh CCCD; transition = FileAdvance to on-hold and
 * back to identified, each a move with a history entry.
 *
 * Output: a human line per kind, then one line for scripts:
 *   RESULT name=get conns=50 secs=5.00 n=... errors=... rps=... p50_us=...
 *          p99_us=... p999_us=... req_bytes=... reply_bytes=...
 * (in mixed mode also RESULT lines named LABEL.read and LABEL.write). */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
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

#define INBUF (1 << 20)
#define PAGE 20
#define N(a) (sizeof a / sizeof a[0])

enum kind { K_GET, K_LIST, K_SEARCH, K_DUE, K_CREATE, K_TRANSITION };
static const char *kind_names[] = { "get", "list", "search", "due", "create",
    "transition" };

/* Latency samples of one class (reads or writes), in nanoseconds. */
struct samples {
	uint64_t *v;
	size_t n, cap;
	uint64_t reply_bytes, req_bytes;
};

struct lconn {
	int fd;
	uint8_t *in;
	size_t inlen;
	uint64_t sent_ns;
	uint64_t seq;
	enum kind kind;             /* of the request outstanding */
	size_t req_bytes;
	uint64_t rng;
	/* transition: the person this connection moves, and the next move */
	uint64_t person, step;
	bool resume;
};

static struct {
	int conns;
	double secs;
	uint64_t count;
	enum kind workload;
	bool mixed, echo;
	int read_pct;
	const char *label;
	uint64_t ids, cell_first, cell_count, pool_first, pool_count;
	uint64_t serial;
} opt = { .conns = 50, .secs = 5, .read_pct = 90, .ids = 30,
    .cell_first = 5, .cell_count = 6 };

static struct samples lat[2];   /* 0 reads, 1 writes */
static uint64_t errors, misses;
static char last_error[256];

static const char *queries[] = { "nguyen van", "tran thi", "le van",
    "pham thi", "hoang", "nguyen thi ngoc", "vo van", "ngoc anh", "huynh",
    "dang thi", "bui van", "do thi", "ho van", "ngo", "duong thi", "ly van",
    "tran minh", "le thi thu", "phan van", "vu thi" };
static const char *family[] = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng",
    "Phan", "Võ", "Đặng" };
static const char *given[] = { "An", "Bình", "Cường", "Dũng", "Hải",
    "Khánh", "Long", "Phúc", "Quân", "Tùng", "Sơn", "Vinh" };

static uint64_t
now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* xorshift64*, one state per connection. */
static uint64_t
rnd(struct lconn *c)
{
	c->rng ^= c->rng >> 12;
	c->rng ^= c->rng << 25;
	c->rng ^= c->rng >> 27;
	return c->rng * 0x2545f4914f6cdd1du;
}

static bool
is_write(enum kind k)
{
	return k == K_CREATE || k == K_TRANSITION;
}

/* Frame and send one request (blocking is fine: requests are small). */
static int
send_req(struct lconn *c, Hoso__Request *r)
{
	uint8_t buf[4096];
	size_t n = hoso__request__get_packed_size(r);
	if (n + 4 > sizeof buf)
		return -1;
	frame_put_len(buf, (uint32_t)n);
	hoso__request__pack(r, buf + 4);
	c->req_bytes = n + 4;
	c->sent_ns = now_ns();
	size_t off = 0;
	while (off < n + 4) {
		ssize_t w = write(c->fd, buf + off, n + 4 - off);
		if (w < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (w <= 0)
			return -1;
		off += (size_t)w;
	}
	return 0;
}

/* Hex text of a big-endian key: a paging cursor. */
static char *
cursor_hex(char *out, const uint64_t *parts, int n)
{
	char *p = out;
	for (int i = 0; i < n; i++)
		for (int b = 7; b >= 0; b--)
			p += sprintf(p, "%02x", (unsigned)(parts[i] >> (8 * b)) & 0xff);
	return out;
}

/* The next request of kind k on connection c. */
static int
send_kind(struct lconn *c, enum kind k)
{
	Hoso__Request r = HOSO__REQUEST__INIT;
	Hoso__PersonGet pg = HOSO__PERSON_GET__INIT;
	Hoso__FileGet fg = HOSO__FILE_GET__INIT;
	Hoso__PersonList pl = HOSO__PERSON_LIST__INIT;
	Hoso__PersonFind pf = HOSO__PERSON_FIND__INIT;
	Hoso__CheckList cl = HOSO__CHECK_LIST__INIT;
	Hoso__PersonCreate pc = HOSO__PERSON_CREATE__INIT;
	Hoso__Person p = HOSO__PERSON__INIT;
	Hoso__FileAdvance fa = HOSO__FILE_ADVANCE__INIT;
	char cursor[40], cccd[16], name[96], born[16];
	uint64_t parts[2];
	r.id = ++c->seq;
	c->kind = k;
	switch (k) {
	case K_GET:
		if (c->seq & 1) {
			pg.id = 1 + rnd(c) % opt.ids;
			r.body_case = HOSO__REQUEST__BODY_PERSON_GET;
			r.person_get = &pg;
		} else {
			fg.person_id = 1 + rnd(c) % opt.ids;
			r.body_case = HOSO__REQUEST__BODY_FILE_GET;
			r.file_get = &fg;
		}
		break;
	case K_LIST:
		pl.limit = PAGE;
		if (c->seq & 1) {
			parts[0] = rnd(c) % opt.ids;
			pl.cursor = cursor_hex(cursor, parts, 1);
		} else {
			pl.cell_id = parts[0] = opt.cell_first +
			    rnd(c) % opt.cell_count;
			parts[1] = rnd(c) % opt.ids;
			pl.cursor = cursor_hex(cursor, parts, 2);
		}
		r.body_case = HOSO__REQUEST__BODY_PERSON_LIST;
		r.person_list = &pl;
		break;
	case K_SEARCH:
		pf.text = (char *)queries[rnd(c) % N(queries)];
		pf.limit = PAGE;
		r.body_case = HOSO__REQUEST__BODY_PERSON_FIND;
		r.person_find = &pf;
		break;
	case K_DUE:
		cl.overdue = true;
		cl.limit = PAGE;
		r.body_case = HOSO__REQUEST__BODY_CHECK_LIST;
		r.check_list = &cl;
		break;
	case K_CREATE: {
		/* CCCD 074 (no seeded person has it), sex and year from the
		 * serial: 40 M distinct numbers. */
		uint64_t s = opt.serial++ % 40000000u;
		unsigned female = (unsigned)(s / 20000000u);
		unsigned yy = 80 + (unsigned)(s / 1000000u % 20u);
		snprintf(cccd, sizeof cccd, "074%u%02u%06u", female, yy,
		    (unsigned)(s % 1000000u));
		snprintf(born, sizeof born, "19%02u-%02u-%02u", yy,
		    1 + (unsigned)(rnd(c) % 12), 1 + (unsigned)(rnd(c) % 28));
		snprintf(name, sizeof name, "%s %s %s %s",
		    family[rnd(c) % N(family)], female ? "Thị" : "Văn",
		    given[rnd(c) % N(given)], given[rnd(c) % N(given)]);
		p.name = name;
		p.born = born;
		p.gender = female ? HOSO__GENDER__FEMALE : HOSO__GENDER__MALE;
		p.id_number = cccd;
		p.cell_id = opt.cell_first + rnd(c) % opt.cell_count;
		p.workplace = (char *)"Công ty TNHH Tải thử";
		pc.person = &p;
		r.body_case = HOSO__REQUEST__BODY_PERSON_CREATE;
		r.person_create = &pc;
		break;
	}
	case K_TRANSITION:
		fa.person_id = c->person;
		if (c->resume) {
			fa.to = HOSO__STAGE__STAGE_IDENTIFIED;
		} else {
			fa.to = HOSO__STAGE__STAGE_ON_HOLD;
			fa.reason = (char *)"Tạm dừng để thử tải";
		}
		r.body_case = HOSO__REQUEST__BODY_FILE_ADVANCE;
		r.file_advance = &fa;
		break;
	}
	return send_req(c, &r);
}

/* The kind of the next request of this connection. */
static enum kind
next_kind(struct lconn *c)
{
	if (!opt.mixed)
		return opt.workload;
	if (c->kind == K_TRANSITION && c->resume)
		return K_TRANSITION;    /* finish the hold and resume pair */
	unsigned r = (unsigned)(rnd(c) % 1000);
	if (r < (unsigned)opt.read_pct * 10) {
		r = (unsigned)(rnd(c) % 10);
		return r < 7 ? K_GET : r < 9 ? K_LIST : K_SEARCH;
	}
	return rnd(c) & 1 ? K_CREATE : K_TRANSITION;
}

/* Pick the next pool person of connection i for the transition workload. */
static void
next_person(struct lconn *c, int i)
{
	if (opt.pool_count == 0)
		return;
	c->person = opt.pool_first + (c->step * (uint64_t)opt.conns +
	    (uint64_t)i) % opt.pool_count;
	c->step++;
	c->resume = false;
}

/* Note one reply's outcome; for transition, the connection's next move.
 * A refused move (FAILED_PRECONDITION: a person left on hold by an earlier
 * run that was cut short, or not on hold) counts as a miss, not an error. */
static void
reply_status(struct lconn *c, int i, const Hoso__ServerMessage *m)
{
	int st = m && m->response ? (int)m->response->status : -1;
	if (c->kind == K_TRANSITION) {
		if (st == HOSO__STATUS__FAILED_PRECONDITION)
			misses++;
		if (!c->resume && (st == 0 ||
		    st == HOSO__STATUS__FAILED_PRECONDITION))
			c->resume = true;
		else
			next_person(c, i);
		if (st == HOSO__STATUS__FAILED_PRECONDITION)
			return;
	}
	if (st != 0) {
		errors++;
		snprintf(last_error, sizeof last_error, "%s: status %d: %s",
		    kind_names[c->kind], st, m && m->response &&
		    m->response->message ? m->response->message : "(no reply)");
	}
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
	if (opt.echo) {
		fcntl(c->fd, F_SETFL, O_NONBLOCK);
		return 0;
	}
	Hoso__Request r = HOSO__REQUEST__INIT;
	Hoso__Hello h = HOSO__HELLO__INIT;
	h.protocol_major = HOSO_PROTO_MAJOR;
	h.client_name = (char *)"loadgen";
	/* A session token (protocol 1.4): every request but Hello needs one. */
	const char *tok = getenv("HOSO_TOKEN");
	if (tok != NULL)
		h.token = (char *)tok;
	r.id = ++c->seq;
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
		fprintf(stderr, "loadgen: Hello refused (%d): %s\n", st,
		    m && m->response ? m->response->message : "?");
	hoso__server_message__free_unpacked(m, NULL);
	if (st != 0)
		return -1;
	fcntl(c->fd, F_SETFL, O_NONBLOCK);
	return 0;
}

static void
sample_add(struct samples *s, uint64_t ns, size_t req, size_t reply)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1 << 16;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		if (s->v == NULL) {
			perror("loadgen");
			exit(1);
		}
	}
	s->v[s->n++] = ns;
	s->req_bytes += req;
	s->reply_bytes += reply;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* The q-quantile (0..1) of sorted samples, in microseconds. */
static double
quantile(const struct samples *s, double q)
{
	size_t i = (size_t)(q * (double)s->n);
	if (i >= s->n)
		i = s->n - 1;
	return (double)s->v[i] / 1e3;
}

/* Print one class: a line for people and a RESULT line for scripts. */
static void
report(const char *name, struct samples *s, double secs)
{
	if (s->n == 0)
		return;
	qsort(s->v, s->n, sizeof *s->v, cmp_u64);
	double rps = (double)s->n / secs;
	printf("%-18s %9zu req %9.0f req/s  p50 %7.1f us  p99 %7.1f us  "
	    "p99.9 %7.1f us  (request %llu B, reply %llu B)\n", name, s->n, rps,
	    quantile(s, .5), quantile(s, .99), quantile(s, .999),
	    (unsigned long long)(s->req_bytes / s->n),
	    (unsigned long long)(s->reply_bytes / s->n));
	printf("RESULT name=%s conns=%d secs=%.2f n=%zu errors=%llu "
	    "misses=%llu rps=%.0f p50_us=%.1f p99_us=%.1f p999_us=%.1f "
	    "req_bytes=%llu reply_bytes=%llu\n", name, opt.conns, secs, s->n,
	    (unsigned long long)errors, (unsigned long long)misses, rps,
	    quantile(s, .5), quantile(s, .99), quantile(s, .999),
	    (unsigned long long)(s->req_bytes / s->n),
	    (unsigned long long)(s->reply_bytes / s->n));
}

/* Parse "F:N" into two numbers. */
static int
parse_range(const char *s, uint64_t *first, uint64_t *count)
{
	char *end;
	*first = strtoull(s, &end, 10);
	if (*end != ':')
		return -1;
	*count = strtoull(end + 1, &end, 10);
	return *end == '\0' && *count > 0 ? 0 : -1;
}

static void
usage(void)
{
	fprintf(stderr, "usage: loadgen [-c CONNS] [-t SECONDS | -n COUNT] "
	    "[-w get|list|search|due|create|transition|mixed] [-r READ_PCT]\n"
	    "       [-L LABEL] [--ids N] [--cells F:N] [--pool F:N] "
	    "[--serial-base S] [--echo] HOST PORT\n");
	exit(2);
}

static void
parse_args(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "ids", required_argument, NULL, 'I' },
		{ "cells", required_argument, NULL, 'C' },
		{ "pool", required_argument, NULL, 'P' },
		{ "serial-base", required_argument, NULL, 'S' },
		{ "echo", no_argument, NULL, 'E' },
		{ NULL, 0, NULL, 0 },
	};
	const char *w = "get";
	int ch;
	opt.serial = now_ns() / 1000 % 40000000u;
	while ((ch = getopt_long(argc, argv, "c:t:n:w:r:L:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c': opt.conns = atoi(optarg); break;
		case 't': opt.secs = atof(optarg); break;
		case 'n': opt.count = strtoull(optarg, NULL, 10); break;
		case 'w': w = optarg; break;
		case 'r': opt.read_pct = atoi(optarg); break;
		case 'L': opt.label = optarg; break;
		case 'I': opt.ids = strtoull(optarg, NULL, 10); break;
		case 'C':
			if (parse_range(optarg, &opt.cell_first,
			    &opt.cell_count) < 0)
				usage();
			break;
		case 'P':
			if (parse_range(optarg, &opt.pool_first,
			    &opt.pool_count) < 0)
				usage();
			break;
		case 'S': opt.serial = strtoull(optarg, NULL, 10); break;
		case 'E': opt.echo = true; break;
		default: usage();
		}
	}
	if (argc - optind != 2 || opt.conns < 1 || opt.ids < 1)
		usage();
	opt.mixed = strcmp(w, "mixed") == 0;
	size_t k;
	for (k = 0; k < N(kind_names); k++)
		if (strcmp(w, kind_names[k]) == 0)
			break;
	if (k == N(kind_names) && !opt.mixed)
		usage();
	opt.workload = opt.mixed ? K_GET : (enum kind)k;
	if (opt.label == NULL)
		opt.label = w;
	if ((opt.mixed || opt.workload == K_TRANSITION) && opt.pool_count <
	    (uint64_t)opt.conns) {
		fprintf(stderr, "loadgen: transition needs --pool with at least "
		    "one person per connection\n");
		exit(2);
	}
}

/* Handle what arrived on c; -1 if the peer closed. */
static int
lconn_read(struct lconn *c, int i, uint64_t *done)
{
	ssize_t r = read(c->fd, c->in + c->inlen, INBUF - c->inlen);
	if (r <= 0)
		return r < 0 && (errno == EAGAIN || errno == EINTR) ? 0 : -1;
	c->inlen += (size_t)r;
	size_t off = 0;
	while (c->inlen - off >= 4) {
		uint32_t len = frame_get_len(c->in + off);
		if (len > INBUF - 4) {
			fprintf(stderr, "loadgen: a %u-byte reply is over the "
			    "buffer\n", len);
			exit(1);
		}
		if (c->inlen - off < 4 + len)
			break;
		uint64_t t = now_ns();
		bool event = false;
		if (!opt.echo) {
			Hoso__ServerMessage *m = hoso__server_message__unpack(
			    NULL, len, c->in + off + 4);
			event = m && m->body_case ==
			    HOSO__SERVER_MESSAGE__BODY_EVENT;
			if (!event)
				reply_status(c, i, m);
			if (m != NULL)
				hoso__server_message__free_unpacked(m, NULL);
		}
		off += 4 + len;
		if (event)
			continue;       /* an alert pushed, not our reply */
		sample_add(&lat[is_write(c->kind)], t - c->sent_ns, c->req_bytes,
		    4 + len);
		(*done)++;
		if (opt.count == 0 || *done + (uint64_t)opt.conns <= opt.count)
			if (send_kind(c, next_kind(c)) < 0)
				return -1;
	}
	memmove(c->in, c->in + off, c->inlen - off);
	c->inlen -= off;
	return 0;
}

int
main(int argc, char **argv)
{
	parse_args(argc, argv);
	const char *host = argv[optind];
	int port = atoi(argv[optind + 1]);
	struct lconn *cs = calloc((size_t)opt.conns, sizeof *cs);
	int ep = epoll_create1(0);
	uint64_t seed = now_ns();
	for (int i = 0; i < opt.conns; i++) {
		struct lconn *c = &cs[i];
		c->in = malloc(INBUF);
		c->rng = seed ^ (0x9e3779b97f4a7c15u * (uint64_t)(i + 1));
		c->step = seed % 1000003u;
		next_person(c, i);
		if (c->in == NULL || lconn_open(c, host, port) < 0) {
			fprintf(stderr, "loadgen: cannot connect to %s:%d\n", host,
			    port);
			return 3;
		}
		struct epoll_event ev = { .events = EPOLLIN, .data.u32 = (uint32_t)i };
		epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
	}
	uint64_t start = now_ns(), end = start + (uint64_t)(opt.secs * 1e9);
	uint64_t done = 0;
	for (int i = 0; i < opt.conns; i++)
		if (send_kind(&cs[i], next_kind(&cs[i])) < 0)
			return 1;
	struct epoll_event evs[256];
	for (;;) {
		if (opt.count ? done >= opt.count : now_ns() >= end)
			break;
		int n = epoll_wait(ep, evs, 256, 100);
		for (int e = 0; e < n; e++) {
			int i = (int)evs[e].data.u32;
			if (lconn_read(&cs[i], i, &done) < 0) {
				fprintf(stderr, "loadgen: the server closed a "
				    "connection\n");
				return 1;
			}
		}
	}
	double el = (double)(now_ns() - start) / 1e9;
	printf("loadgen: %s, %d connections, %.2f s, %llu errors%s%s\n",
	    opt.label, opt.conns, el, (unsigned long long)errors,
	    errors ? "; last: " : "", last_error);
	if (opt.mixed) {
		char name[128];
		struct samples all = { 0 };
		for (int k = 0; k < 2; k++) {
			for (size_t i = 0; i < lat[k].n; i++)
				sample_add(&all, lat[k].v[i], 0, 0);
			all.req_bytes += lat[k].req_bytes;
			all.reply_bytes += lat[k].reply_bytes;
		}
		report(opt.label, &all, el);
		snprintf(name, sizeof name, "%s.read", opt.label);
		report(name, &lat[0], el);
		snprintf(name, sizeof name, "%s.write", opt.label);
		report(name, &lat[1], el);
	} else {
		report(opt.label, &lat[is_write(opt.workload)], el);
	}
	return errors ? 1 : 0;
}
