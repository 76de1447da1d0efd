/* tls.c: the certificate hosod presents, its fingerprint, the TLS 1.3
 * server context and the loopback test (see tls.h).
 *
 * A hosod without an admin-provided certificate makes its own on first
 * start: an EC P-256 key and a self-signed X.509 v3 certificate for the
 * host name, localhost, 127.0.0.1 and ::1, valid ten years.  Clients do
 * not check it against a CA; they pin its SHA-256 fingerprint, which hosod
 * logs at start and writes to DATA/tls/fingerprint. */

/* OpenSSL 3 APIs only: a deprecated call does not even compile here. */
#define OPENSSL_API_COMPAT 30000
#define OPENSSL_NO_DEPRECATED

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include "config.h"
#include "tls.h"

#define TLS_DAYS 3652               /* ten years, leap days included */
#define TLS_BACKDATE (60 * 60)      /* notBefore an hour ago: clock skew */

/* cause = "what: the oldest OpenSSL error" (the queue is cleared). */
static void
set_ssl_cause(char **cause, const char *what)
{
	char err[256] = "unknown OpenSSL error";
	unsigned long e = ERR_get_error();
	if (e != 0)
		ERR_error_string_n(e, err, sizeof err);
	ERR_clear_error();
	if (asprintf(cause, "%s (%s)", what, err) < 0)
		*cause = NULL;
}

static void set_cause(char **cause, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
set_cause(char **cause, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(cause, fmt, ap) < 0)
		*cause = NULL;
	va_end(ap);
}

/* A PEM password callback that refuses: an encrypted key is an error, not
 * a prompt on the daemon's terminal. */
static int
no_password(char *buf, int size, int rw, void *arg)
{
	(void)buf;
	(void)size;
	(void)rw;
	(void)arg;
	return -1;
}

/* mkdir -p of path's parent directories (mode 0700). */
static int
mkdir_parents(const char *path)
{
	char p[4096];
	if (snprintf(p, sizeof p, "%s", path) >= (int)sizeof p)
		return ENAMETOOLONG;
	for (char *s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST)
			return errno;
		*s = '/';
	}
	return 0;
}

/* Write path atomically with this mode (whatever the umask): a
 * temporary file beside it, synced, then renamed over it. */
static int
write_atomic(const char *path, const void *data, size_t len, mode_t mode,
    char **cause)
{
	char *tmp = NULL;
	int err = 0;
	if (asprintf(&tmp, "%s.tmp", path) < 0) {
		*cause = NULL;
		return -1;
	}
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
	    mode);
	if (fd < 0 || fchmod(fd, mode) < 0)
		err = errno;
	for (size_t off = 0; err == 0 && off < len; ) {
		ssize_t n = write(fd, (const char *)data + off, len - off);
		if (n > 0)
			off += (size_t)n;
		else if (n == 0 || errno != EINTR)
			err = n == 0 ? EIO : errno;
	}
	if (err == 0 && fsync(fd) < 0)
		err = errno;
	if (fd >= 0 && close(fd) < 0 && err == 0)
		err = errno;
	if (err == 0 && rename(tmp, path) < 0)
		err = errno;
	if (err != 0) {
		unlink(tmp);
		set_cause(cause, "cannot write %s: %s", path, strerror(err));
	}
	free(tmp);
	return err ? -1 : 0;
}

/* fsync a directory, so renames in it survive a crash (best effort). */
static void
sync_dir_of(const char *path)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash == NULL)
		snprintf(dir, sizeof dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Write an OpenSSL memory BIO's contents to path. */
static int
write_bio(BIO *b, const char *path, mode_t mode, char **cause)
{
	char *p;
	long n = BIO_get_mem_data(b, &p);
	if (n <= 0) {
		set_ssl_cause(cause, "cannot encode the TLS certificate");
		return -1;
	}
	return write_atomic(path, p, (size_t)n, mode, cause);
}

/* Append a GEN_DNS or GEN_IPADD name to names. */
static int
add_name(GENERAL_NAMES *names, int type, const char *text)
{
	GENERAL_NAME *gn = GENERAL_NAME_new();
	ASN1_STRING *s;
	if (gn == NULL)
		return -1;
	if (type == GEN_IPADD) {
		s = a2i_IPADDRESS(text);
	} else {
		s = ASN1_IA5STRING_new();
		if (s != NULL && !ASN1_STRING_set(s, text, -1)) {
			ASN1_STRING_free(s);
			s = NULL;
		}
	}
	if (s == NULL) {
		GENERAL_NAME_free(gn);
		return -1;
	}
	GENERAL_NAME_set0_value(gn, type, s);
	if (!sk_GENERAL_NAME_push(names, gn)) {
		GENERAL_NAME_free(gn);
		return -1;
	}
	return 0;
}

/* subjectAltName: DNS:host, DNS:localhost, IP:127.0.0.1, IP:::1. */
static int
add_alt_names(X509 *x, const char *host)
{
	GENERAL_NAMES *names = sk_GENERAL_NAME_new_null();
	int rc = -1;
	if (names == NULL)
		return -1;
	if (add_name(names, GEN_DNS, host) == 0 &&
	    (strcmp(host, "localhost") == 0 ||
	    add_name(names, GEN_DNS, "localhost") == 0) &&
	    add_name(names, GEN_IPADD, "127.0.0.1") == 0 &&
	    add_name(names, GEN_IPADD, "::1") == 0 &&
	    X509_add1_ext_i2d(x, NID_subject_alt_name, names, 0,
	    X509V3_ADD_DEFAULT) == 1)
		rc = 0;
	GENERAL_NAMES_free(names);
	return rc;
}

/* One extension in OpenSSL's configuration syntax ("critical,CA:FALSE"). */
static int
add_ext(X509 *x, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509V3_set_ctx(&ctx, x, x, NULL, NULL, 0);
	X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	if (ext == NULL)
		return -1;
	int ok = X509_add_ext(x, ext, -1);
	X509_EXTENSION_free(ext);
	return ok ? 0 : -1;
}

/* The machine's host name, if it can stand in a certificate; else
 * "localhost". */
static void
host_name(char *buf, size_t size)
{
	if (gethostname(buf, size) < 0)
		buf[0] = '\0';
	buf[size - 1] = '\0';
	size_t n = strlen(buf);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)buf[i];
		if (!(ch == '-' || ch == '.' || ch == '_' ||
		    (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
		    (ch >= 'A' && ch <= 'Z')))
			n = 0;
	}
	if (n == 0 || n > 63)           /* CN holds at most 64 characters */
		snprintf(buf, size, "localhost");
}

/* A self-signed certificate for key: random serial, ten years, CN and
 * DNS name the host name. */
static X509 *
make_cert(EVP_PKEY *key)
{
	char host[256];
	unsigned char rnd[16];
	X509 *x = X509_new();
	BIGNUM *serial = NULL;
	X509_NAME *name;
	if (x == NULL)
		return NULL;
	host_name(host, sizeof host);
	if (RAND_bytes(rnd, sizeof rnd) != 1)
		goto fail;
	rnd[0] = (unsigned char)((rnd[0] & 0x7f) | 0x40);  /* positive, 127 bits */
	serial = BN_bin2bn(rnd, sizeof rnd, NULL);
	name = X509_get_subject_name(x);
	if (serial == NULL ||
	    !X509_set_version(x, X509_VERSION_3) ||
	    BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(x)) == NULL ||
	    X509_gmtime_adj(X509_getm_notBefore(x), -TLS_BACKDATE) == NULL ||
	    X509_time_adj_ex(X509_getm_notAfter(x), TLS_DAYS, 0, NULL) == NULL ||
	    !X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
	    (const unsigned char *)host, -1, -1, 0) ||
	    !X509_set_issuer_name(x, name) ||
	    !X509_set_pubkey(x, key) ||
	    add_ext(x, NID_basic_constraints, "critical,CA:FALSE") < 0 ||
	    add_ext(x, NID_ext_key_usage, "serverAuth") < 0 ||
	    add_ext(x, NID_subject_key_identifier, "hash") < 0 ||
	    add_ext(x, NID_authority_key_identifier, "keyid:always") < 0 ||
	    add_alt_names(x, host) < 0 ||
	    X509_sign(x, key, EVP_sha256()) <= 0)
		goto fail;
	BN_free(serial);
	return x;
fail:
	BN_free(serial);
	X509_free(x);
	return NULL;
}

/* Make a key and a self-signed certificate and write them: the key first
 * (0600, in a secure-heap BIO so its PEM text is wiped), then the
 * certificate (0644). */
static int
make_identity(struct tls_identity *id, char **cause)
{
	int err = mkdir_parents(id->key_path);
	if (err == 0)
		err = mkdir_parents(id->cert_path);
	if (err != 0) {
		set_cause(cause, "cannot make the directory of %s: %s",
		    id->key_path, strerror(err));
		return -1;
	}
	id->key = EVP_EC_gen("P-256");
	if (id->key == NULL) {
		set_ssl_cause(cause, "cannot make a TLS key");
		return -1;
	}
	id->cert = make_cert(id->key);
	if (id->cert == NULL) {
		set_ssl_cause(cause, "cannot make a TLS certificate");
		return -1;
	}
	BIO *kb = BIO_new(BIO_s_secmem()), *cb = BIO_new(BIO_s_mem());
	int rc = -1;
	if (kb == NULL || cb == NULL ||
	    !PEM_write_bio_PrivateKey(kb, id->key, NULL, NULL, 0, NULL, NULL) ||
	    !PEM_write_bio_X509(cb, id->cert))
		set_ssl_cause(cause, "cannot encode the TLS certificate");
	else if (write_bio(kb, id->key_path, 0600, cause) == 0 &&
	    write_bio(cb, id->cert_path, 0644, cause) == 0)
		rc = 0;
	BIO_free(kb);
	BIO_free(cb);
	sync_dir_of(id->key_path);
	sync_dir_of(id->cert_path);
	id->made = rc == 0;
	return rc;
}

/* Read the certificate (and any chain after it) and the key. */
static int
read_identity(struct tls_identity *id, char **cause)
{
	BIO *b = BIO_new_file(id->cert_path, "r");
	if (b == NULL) {
		set_cause(cause, "TLS certificate %s: %s", id->cert_path,
		    strerror(errno));
		ERR_clear_error();
		return -1;
	}
	id->cert = PEM_read_bio_X509(b, NULL, no_password, NULL);
	X509 *more;
	while (id->cert != NULL &&
	    (more = PEM_read_bio_X509(b, NULL, no_password, NULL)) != NULL) {
		if (id->chain == NULL)
			id->chain = sk_X509_new_null();
		if (id->chain == NULL || !sk_X509_push(id->chain, more)) {
			X509_free(more);
			break;
		}
	}
	BIO_free(b);
	if (id->cert == NULL) {
		char what[4200];
		snprintf(what, sizeof what, "TLS certificate %s: no PEM "
		    "certificate in it", id->cert_path);
		set_ssl_cause(cause, what);
		return -1;
	}
	ERR_clear_error();              /* the end of the file after the chain */

	b = BIO_new_file(id->key_path, "r");
	if (b == NULL) {
		set_cause(cause, "TLS key %s: %s", id->key_path, strerror(errno));
		ERR_clear_error();
		return -1;
	}
	id->key = PEM_read_bio_PrivateKey(b, NULL, no_password, NULL);
	BIO_free(b);
	if (id->key == NULL) {
		char what[4200];
		snprintf(what, sizeof what, "TLS key %s: no unencrypted PEM "
		    "private key in it", id->key_path);
		set_ssl_cause(cause, what);
		return -1;
	}
	if (X509_check_private_key(id->cert, id->key) != 1) {
		ERR_clear_error();
		set_cause(cause, "TLS key %s does not match the certificate %s",
		    id->key_path, id->cert_path);
		return -1;
	}
	return 0;
}

/* Does path exist?  1 yes, 0 no, -1 cannot tell (cause set). */
static int
exists(const char *what, const char *path, char **cause)
{
	struct stat st;
	if (stat(path, &st) == 0)
		return 1;
	if (errno == ENOENT)
		return 0;
	if (asprintf(cause, "%s %s: %s", what, path, strerror(errno)) < 0)
		*cause = NULL;
	return -1;
}

/* A file named by a setting, else DATA/tls/name (malloc'd; NULL: out of
 * memory). */
static char *
setting_path(const struct config *cfg, const char *set, const char *name)
{
	char *p;
	if (set != NULL)
		return strdup(set);
	if (asprintf(&p, "%s/tls/%s", cfg->data, name) < 0)
		return NULL;
	return p;
}

/* Whether the file at path holds exactly these len bytes. */
static bool
file_holds(const char *path, const char *want, size_t len)
{
	char buf[TLS_FINGERPRINT_SIZE + 2];
	FILE *f = fopen(path, "re");
	if (f == NULL)
		return false;
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	return n == len && memcmp(buf, want, len) == 0;
}

/* "AB:CD:..." of the SHA-256 of the certificate's DER. */
static int
fingerprint(X509 *cert, char out[TLS_FINGERPRINT_SIZE])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	if (!X509_digest(cert, EVP_sha256(), md, &n) || n != 32)
		return -1;
	for (unsigned int i = 0; i < n; i++)
		snprintf(out + 3 * i, 4, "%02X%s", md[i], i + 1 < n ? ":" : "");
	return 0;
}

int
tls_identity_load(const struct config *cfg, struct tls_identity *id,
    char **cause)
{
	memset(id, 0, sizeof *id);
	id->cert_path = setting_path(cfg, cfg->tls_cert, "cert.pem");
	id->key_path = setting_path(cfg, cfg->tls_key, "key.pem");
	char *fp_path = setting_path(cfg, NULL, "fingerprint");
	if (id->cert_path == NULL || id->key_path == NULL || fp_path == NULL) {
		*cause = NULL;
		goto fail;
	}
	int have_cert = exists("TLS certificate", id->cert_path, cause);
	int have_key = have_cert < 0 ? -1 :
	    exists("TLS key", id->key_path, cause);
	if (have_cert < 0 || have_key < 0)
		goto fail;
	if (!have_cert && !have_key) {
		if (make_identity(id, cause) < 0)
			goto fail;
	} else if (!have_cert) {
		set_cause(cause, "TLS certificate %s is missing but its key %s "
		    "is there; put the certificate back, or remove the key too to "
		    "have hosod make a new self-signed certificate", id->cert_path,
		    id->key_path);
		goto fail;
	} else if (!have_key) {
		set_cause(cause, "TLS key %s is missing but its certificate %s "
		    "is there; put the key back, or remove the certificate too to "
		    "have hosod make a new self-signed certificate", id->key_path,
		    id->cert_path);
		goto fail;
	} else if (read_identity(id, cause) < 0) {
		goto fail;
	}
	if (fingerprint(id->cert, id->fingerprint) < 0) {
		set_ssl_cause(cause, "cannot hash the TLS certificate");
		goto fail;
	}
	char line[TLS_FINGERPRINT_SIZE + 1];
	int n = snprintf(line, sizeof line, "%s\n", id->fingerprint);
	if (file_holds(fp_path, line, (size_t)n)) {
		free(fp_path);          /* nothing to write: starts on a full disk */
		return 0;
	}
	int err = mkdir_parents(fp_path);
	if (err != 0) {
		set_cause(cause, "cannot make the directory of %s: %s", fp_path,
		    strerror(err));
		goto fail;
	}
	if (write_atomic(fp_path, line, (size_t)n, 0644, cause) < 0)
		goto fail;
	free(fp_path);
	return 0;
fail:
	free(fp_path);
	tls_identity_free(id);
	return -1;
}

void
tls_identity_free(struct tls_identity *id)
{
	X509_free(id->cert);
	sk_X509_pop_free(id->chain, X509_free);
	EVP_PKEY_free(id->key);
	free(id->cert_path);
	free(id->key_path);
	memset(id, 0, sizeof *id);
}

SSL_CTX *
tls_ctx_new(const struct tls_identity *id, char **cause)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
	if (ctx == NULL) {
		set_ssl_cause(cause, "cannot make the TLS context");
		return NULL;
	}
	/* TLS 1.3 only.  No tickets and no session cache: clients pin the
	 * certificate and reconnect rarely.  A peer that drops the socket
	 * without close_notify has just gone (framing catches a truncated
	 * request), not attacked. */
	SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF |
	    SSL_OP_NO_RENEGOTIATION);
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	if (!SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) ||
	    !SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION) ||
	    !SSL_CTX_set_num_tickets(ctx, 0) ||
	    !SSL_CTX_use_certificate(ctx, id->cert) ||
	    !SSL_CTX_use_PrivateKey(ctx, id->key))
		goto fail;
	for (int i = 0; id->chain != NULL && i < sk_X509_num(id->chain); i++)
		if (!SSL_CTX_add1_chain_cert(ctx, sk_X509_value(id->chain, i)))
			goto fail;
	if (!SSL_CTX_check_private_key(ctx))
		goto fail;
	return ctx;
fail:
	set_ssl_cause(cause, "cannot set up the TLS context");
	SSL_CTX_free(ctx);
	return NULL;
}

bool
tls_addr_is_loopback(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *s4 = (const void *)sa;
		return (ntohl(s4->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa->sa_family == AF_INET6) {
		const struct in6_addr *a =
		    &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
		return IN6_IS_ADDR_LOOPBACK(a) ||
		    (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
	}
	return false;
}

bool
tls_bev_error(struct bufferevent *bev, int sys_errno, char *buf, size_t size)
{
	/* The bufferevent keeps SSL_get_error()'s code (a small number)
	 * before the error queue's entries; it hands back the newest first,
	 * so the last real entry is the oldest: the cause. */
	unsigned long e, cause = 0;
	while ((e = bufferevent_get_openssl_error(bev)) != 0)
		if (ERR_GET_LIB(e) != 0 || ERR_SYSTEM_ERROR(e))
			cause = e;
	ERR_clear_error();
	if (cause != 0) {
		const char *r = ERR_reason_error_string(cause);
		if (r != NULL)
			snprintf(buf, size, "%s", r);
		else
			ERR_error_string_n(cause, buf, size);
		return !ERR_SYSTEM_ERROR(cause);
	}
	snprintf(buf, size, "%s", sys_errno != 0 ? strerror(sys_errno) :
	    "connection closed");
	return false;
}
