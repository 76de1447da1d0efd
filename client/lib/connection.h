/* connection.h: what client.c (reading, writing, calls, events) and
 * connect.c (resolving, connecting, TLS, Hello) share inside libhoso. */
#ifndef HOSO_CONNECTION_H
#define HOSO_CONNECTION_H

#include <stdint.h>

#include "hoso/client.h"
#include "wire.h"

struct tls;
struct async_call;

struct hoso_client {
	int fd;
	struct tls *tls;           /* NULL: plain TCP */
	char *where;               /* "host:port" as the caller wrote it */
	int timeout_ms;            /* per call; <= 0: none */
	uint64_t next_id;
	uint32_t send_max;         /* largest request body the server takes */
	int broken;                /* HOSO_E_* that made the connection unusable */
	struct wire_in in;
	struct hoso_server_info info;
	Hoso__Event *events[HOSO_EVENT_QUEUE];   /* ring, oldest at ev_head */
	size_t ev_head, ev_count;

	/* The non-blocking interface (async.c). */
	struct async_call *calls;  /* ring of calls awaiting their Response */
	size_t calls_head, calls_count, calls_cap;
	uint8_t *out;              /* packed requests not yet sent */
	size_t out_off, out_len, out_cap;
	short tls_want;            /* what TLS waits for to go on, or 0 */
	hoso_event_fn on_event;
	void *on_event_arg;
};

/* Store a malloc'd formatted message in *err if err is not NULL. */
void client_err(char **err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Milliseconds on a monotonic clock. */
int64_t client_now_ms(void);

/* The deadline for a wait of timeout_ms from now; -1 for none. */
int64_t client_deadline(int timeout_ms);

/* Mark the connection unusable (code) and describe why in *err. */
int client_fail(struct hoso_client *c, int code, int sys_errno, char **err);

/* One send / receive without waiting, through TLS when it is on: bytes
 * (> 0; 0 from client_recv: the server closed), TLS_AGAIN with *want set,
 * or HOSO_E_CLOSED, HOSO_E_IO (errno set) or HOSO_E_TLS. */
ssize_t client_send(struct hoso_client *c, const uint8_t *buf, size_t len,
    short *want);
ssize_t client_recv(struct hoso_client *c, uint8_t *buf, size_t len,
    short *want);

/* Give req the next id and pack it into a malloc'd frame; or a negative
 * code with *err set: HOSO_E_BROKEN (the connection was lost earlier),
 * HOSO_E_TOOBIG (over the server's max_frame), HOSO_E_NOMEM. */
int client_pack(struct hoso_client *c, Hoso__Request *req, uint8_t **buf,
    size_t *len, char **err);

/* Keep an Event for hoso_next_event(), dropping the oldest when full. */
void client_queue_event(struct hoso_client *c, Hoso__Event *ev);

/* Free what the non-blocking interface holds (async.c), without calling
 * back. */
void async_free(struct hoso_client *c);

/* Wait until fd is ready for events or the deadline passes.  Returns 0,
 * HOSO_E_TIMEOUT, or HOSO_E_IO with errno set. */
int client_wait(int fd, short events, int64_t deadline);

#endif
