/* tlsc.h: TLS 1.3 for libhoso's connections, over a non-blocking socket.
 * Nothing here waits: each call does what it can and otherwise says which
 * readiness of the socket (POLLIN or POLLOUT) it needs before it can go
 * on; client.c does the waiting, with its deadlines. */
#ifndef HOSO_TLSC_H
#define HOSO_TLSC_H

#include <stddef.h>
#include <sys/types.h>

#include "known.h"

/* "Wait for *want, then call again": not a HOSO_E_* code. */
#define TLS_AGAIN (-1000)

struct tls;

/* A TLS client on the connected socket fd, for host (a name or an IP
 * address, used for SNI and, with ca_file, to check the certificate).
 * With ca_file the handshake checks the server's chain against those CAs
 * and the certificate against host; without, any certificate passes and
 * the caller pins its fingerprint (tls_fingerprint).  Returns 0, or
 * HOSO_E_NOMEM / HOSO_E_TLS with *err set to the reason (malloc'd). */
int tls_new(struct tls **out, int fd, const char *host, const char *ca_file,
    char **err);

/* Go on with the handshake: 1 when done, TLS_AGAIN with *want set, or
 * HOSO_E_TLS / HOSO_E_CLOSED / HOSO_E_IO (errno set) with *err set to
 * the reason. */
int tls_handshake(struct tls *t, short *want, char **err);

/* The SHA-256 of the server's certificate (DER), "AB:CD:...".  Returns 0
 * or HOSO_E_TLS (no certificate). */
int tls_fingerprint(struct tls *t, char fp[KNOWN_FP_LEN]);

/* Move at most len bytes: returns how many (> 0), 0 when a read finds the
 * connection closed, TLS_AGAIN with *want set, or HOSO_E_CLOSED,
 * HOSO_E_IO (errno set) or HOSO_E_TLS. */
ssize_t tls_read(struct tls *t, void *buf, size_t len, short *want);
ssize_t tls_write(struct tls *t, const void *buf, size_t len, short *want);

/* Bytes already decrypted and buffered: poll() on the socket does not
 * see them. */
size_t tls_pending(const struct tls *t);

/* Free everything (the socket stays the caller's); NULL is allowed. */
void tls_free(struct tls *t);

#endif
