/* tls.h: hosod's TLS: the certificate it presents (the admin's, or one it
 * makes for itself on first start), its fingerprint, the server's SSL_CTX,
 * and which local addresses count as loopback (plain TCP allowed there). */
#ifndef HOSOD_TLS_H
#define HOSOD_TLS_H

#include <stdbool.h>
#include <stddef.h>

#include <openssl/ssl.h>
#include <openssl/x509.h>

struct config;
struct sockaddr;
struct bufferevent;

/* "AB:CD:...": 32 bytes of SHA-256, upper-case hex, ':' between. */
#define TLS_FINGERPRINT_SIZE (32 * 3)

struct tls_identity {
	X509 *cert;                 /* the server's certificate */
	STACK_OF(X509) *chain;      /* certificates after it in the file, or NULL */
	EVP_PKEY *key;
	char fingerprint[TLS_FINGERPRINT_SIZE];
	char *cert_path, *key_path;
	bool made;                  /* made self-signed just now */
};

/* Load the certificate and key of cfg (tls_cert, tls_key, default
 * DATA/tls/cert.pem and key.pem), or make a self-signed pair when both
 * files are missing; write DATA/tls/fingerprint.  A missing half, an
 * unreadable file or a key that does not match is an error naming the
 * file. */
int tls_identity_load(const struct config *cfg, struct tls_identity *id,
    char **cause);
void tls_identity_free(struct tls_identity *id);

/* A TLS 1.3-only server context presenting id. */
SSL_CTX *tls_ctx_new(const struct tls_identity *id, char **cause);

/* 127.0.0.0/8, ::1 or ::ffff:127.x.x.x. */
bool tls_addr_is_loopback(const struct sockaddr *sa);

/* Why an OpenSSL bufferevent failed, for logs: its OpenSSL errors, else
 * sys_errno's text, else "connection closed".  True when OpenSSL itself
 * reported an error (a protocol failure rather than a dropped socket). */
bool tls_bev_error(struct bufferevent *bev, int sys_errno, char *buf,
    size_t size);

#endif
