/* tls.c: TLS 1.3 over a non-blocking socket, with OpenSSL (see tlsc.h).
 * The socket is wrapped in a BIO of our own only so that writes use
 * send(MSG_NOSIGNAL): a server that goes away must not kill the program
 * with SIGPIPE, and a library may not change the signal dispositions of
 * the program that uses it. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "hoso/client.h"
#include "i18n.h"
#include "tlsc.h"

struct tls {
	SSL_CTX *ctx;
	SSL *ssl;
	bool verify;            /* a CA file checks the chain and the name */
};

static BIO_METHOD *tls_bio_method;
static pthread_once_t tls_bio_once = PTHREAD_ONCE_INIT;

static int
tls_bio_write(BIO *b, const char *buf, int len)
{
	int fd = (int)(intptr_t)BIO_get_data(b);
	BIO_clear_retry_flags(b);
	ssize_t n = send(fd, buf, (size_t)len, MSG_NOSIGNAL);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK ||
	    errno == EINTR))
		BIO_set_retry_write(b);
	return (int)n;
}

static int
tls_bio_read(BIO *b, char *buf, int len)
{
	int fd = (int)(intptr_t)BIO_get_data(b);
	BIO_clear_retry_flags(b);
	ssize_t n = recv(fd, buf, (size_t)len, 0);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK ||
	    errno == EINTR))
		BIO_set_retry_read(b);
	return (int)n;
}

static long
tls_bio_ctrl(BIO *b, int cmd, long num, void *ptr)
{
	(void)b;
	(void)num;
	(void)ptr;
	/* Writes go straight to the socket: nothing to flush. */
	return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

static int
tls_bio_create(BIO *b)
{
	BIO_set_init(b, 1);
	return 1;
}

static void
tls_bio_setup(void)
{
	BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK,
	    "hoso socket");
	if (m == NULL)
		return;
	if (!BIO_meth_set_write(m, tls_bio_write) ||
	    !BIO_meth_set_read(m, tls_bio_read) ||
	    !BIO_meth_set_ctrl(m, tls_bio_ctrl) ||
	    !BIO_meth_set_create(m, tls_bio_create)) {
		BIO_meth_free(m);
		return;
	}
	tls_bio_method = m;
}

/* OpenSSL's reason for the last failure, or fallback. */
static void
tls_set_err(char **err, const char *fallback)
{
	if (err == NULL)
		return;
	unsigned long e = ERR_peek_last_error();
	char buf[256];
	const char *why = fallback;
	if (e != 0) {
		const char *r = ERR_reason_error_string(e);
		if (r != NULL) {
			snprintf(buf, sizeof buf, "%s", r);
			why = buf;
		}
	}
	*err = strdup(why);
}

/* Whether host is an IPv4 or IPv6 address rather than a name. */
static bool
tls_is_address(const char *host)
{
	unsigned char a[16];
	return inet_pton(AF_INET, host, a) == 1 ||
	    inet_pton(AF_INET6, host, a) == 1;
}

int
tls_new(struct tls **out, int fd, const char *host, const char *ca_file,
    char **err)
{
	*out = NULL;
	pthread_once(&tls_bio_once, tls_bio_setup);
	struct tls *t = calloc(1, sizeof *t);
	if (t == NULL || tls_bio_method == NULL) {
		free(t);
		if (err != NULL)
			*err = strdup(hoso_strerror(HOSO_E_NOMEM));
		return HOSO_E_NOMEM;
	}
	ERR_clear_error();
	t->ctx = SSL_CTX_new(TLS_client_method());
	if (t->ctx == NULL)
		goto fail;
	SSL_CTX_set_min_proto_version(t->ctx, TLS1_3_VERSION);
	/* A close without close_notify is just a close: the frames carry
	 * their own lengths, so nothing can be cut short unnoticed. */
	SSL_CTX_set_options(t->ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
	SSL_CTX_set_mode(t->ctx, SSL_MODE_ENABLE_PARTIAL_WRITE);
	if (ca_file != NULL) {
		if (SSL_CTX_load_verify_locations(t->ctx, ca_file, NULL) != 1) {
			if (err != NULL && asprintf(err, _("cannot use the CA "
			    "certificates in %s"), ca_file) < 0)
				*err = NULL;
			tls_free(t);
			return HOSO_E_TLS;
		}
		SSL_CTX_set_verify(t->ctx, SSL_VERIFY_PEER, NULL);
		t->verify = true;
	} else {
		SSL_CTX_set_verify(t->ctx, SSL_VERIFY_NONE, NULL);
	}
	t->ssl = SSL_new(t->ctx);
	if (t->ssl == NULL)
		goto fail;
	if (!tls_is_address(host) && SSL_set_tlsext_host_name(t->ssl,
	    host) != 1)
		goto fail;
	if (t->verify) {
		X509_VERIFY_PARAM *p = SSL_get0_param(t->ssl);
		int ok = tls_is_address(host) ?
		    X509_VERIFY_PARAM_set1_ip_asc(p, host) :
		    X509_VERIFY_PARAM_set1_host(p, host, 0);
		if (ok != 1)
			goto fail;
	}
	BIO *bio = BIO_new(tls_bio_method);
	if (bio == NULL)
		goto fail;
	BIO_set_data(bio, (void *)(intptr_t)fd);
	SSL_set_bio(t->ssl, bio, bio);
	SSL_set_connect_state(t->ssl);
	*out = t;
	return 0;
fail:
	tls_set_err(err, hoso_strerror(HOSO_E_TLS));
	tls_free(t);
	return HOSO_E_TLS;
}

/* What a failed SSL call with result rc means: TLS_AGAIN with *want, 0 for
 * a clean close, or a HOSO_E_* code (errno kept for HOSO_E_IO). */
static int
tls_result(struct tls *t, int rc, short *want)
{
	int saved = errno;
	switch (SSL_get_error(t->ssl, rc)) {
	case SSL_ERROR_WANT_READ:
		*want = POLLIN;
		return TLS_AGAIN;
	case SSL_ERROR_WANT_WRITE:
		*want = POLLOUT;
		return TLS_AGAIN;
	case SSL_ERROR_ZERO_RETURN:
		return 0;
	case SSL_ERROR_SYSCALL:
		if (ERR_peek_error() != 0)
			return HOSO_E_TLS;
		if (saved == 0 || saved == EPIPE || saved == ECONNRESET)
			return HOSO_E_CLOSED;
		errno = saved;
		return HOSO_E_IO;
	default:
		return HOSO_E_TLS;
	}
}

int
tls_handshake(struct tls *t, short *want, char **err)
{
	ERR_clear_error();
	errno = 0;
	int rc = SSL_do_handshake(t->ssl);
	if (rc == 1)
		return 1;
	rc = tls_result(t, rc, want);
	if (rc == TLS_AGAIN)
		return rc;
	if (rc == 0)
		rc = HOSO_E_CLOSED;
	if (err == NULL)
		return rc;
	long v = SSL_get_verify_result(t->ssl);
	if (t->verify && v != X509_V_OK)
		*err = strdup(X509_verify_cert_error_string(v));
	else if (rc == HOSO_E_TLS)
		tls_set_err(err, hoso_strerror(HOSO_E_TLS));
	else if (rc == HOSO_E_IO)
		*err = strdup(strerror(errno));
	else
		*err = strdup(hoso_strerror(rc));
	return rc;
}

int
tls_fingerprint(struct tls *t, char fp[KNOWN_FP_LEN])
{
	X509 *cert = SSL_get1_peer_certificate(t->ssl);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	int ok = cert != NULL && X509_digest(cert, EVP_sha256(), md, &len) == 1
	    && len == 32;
	X509_free(cert);
	if (!ok)
		return HOSO_E_TLS;
	known_format_fp(md, fp);
	return 0;
}

ssize_t
tls_read(struct tls *t, void *buf, size_t len, short *want)
{
	size_t got = 0;
	ERR_clear_error();
	errno = 0;
	int rc = SSL_read_ex(t->ssl, buf, len, &got);
	if (rc == 1)
		return (ssize_t)got;
	return tls_result(t, rc, want);
}

ssize_t
tls_write(struct tls *t, const void *buf, size_t len, short *want)
{
	size_t done = 0;
	ERR_clear_error();
	errno = 0;
	int rc = SSL_write_ex(t->ssl, buf, len, &done);
	if (rc == 1)
		return (ssize_t)done;
	rc = tls_result(t, rc, want);
	return rc == 0 ? HOSO_E_CLOSED : rc;
}

size_t
tls_pending(const struct tls *t)
{
	int n = SSL_pending(t->ssl);
	return n > 0 ? (size_t)n : 0;
}

void
tls_free(struct tls *t)
{
	if (t == NULL)
		return;
	if (t->ssl != NULL) {
		/* Say goodbye if we can do it at once; never wait for it. */
		if (SSL_is_init_finished(t->ssl)) {
			ERR_clear_error();
			SSL_shutdown(t->ssl);
		}
		SSL_free(t->ssl);       /* frees the BIO too */
	}
	if (t->ctx != NULL)
		SSL_CTX_free(t->ctx);
	free(t);
}
