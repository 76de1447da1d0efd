/* connection.h: what client.c (reading, writing, calls, events) and
 * connect.c (resolving, connecting, TLS, Hello) share inside libhoso. */
#ifndef HOSO_CONNECTION_H
#define HOSO_CONNECTION_H

#include <stdint.h>

#include "hoso/client.h"
#include "wire.h"

struct tls;

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
};

/* Store a malloc'd formatted message in *err if err is not NULL. */
void client_err(char **err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The deadline for a wait of timeout_ms from now; -1 for none. */
int64_t client_deadline(int timeout_ms);

/* Wait until fd is ready for events or the deadline passes.  Returns 0,
 * HOSO_E_TIMEOUT, or HOSO_E_IO with errno set. */
int client_wait(int fd, short events, int64_t deadline);

#endif
