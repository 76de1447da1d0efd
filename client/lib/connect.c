/* connect.c: opening a hoso connection: resolve and connect (each wait
 * bounded by the caller's timeout), TLS with the server's certificate
 * pinned in known_servers or checked against a CA file, then Hello with
 * the session token. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "connection.h"
#include "hoso/client.h"
#include "i18n.h"
#include "known.h"
#include "tlsc.h"
#include "wire.h"

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

bool
hoso_host_is_loopback(const char *host)
{
	struct in_addr a4;
	struct in6_addr a6;
	if (host == NULL)
		return false;
	if (strcasecmp(host, "localhost") == 0 ||
	    strcasecmp(host, "localhost.") == 0)
		return true;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, host, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6) ||
		    (IN6_IS_ADDR_V4MAPPED(&a6) && a6.s6_addr[12] == 127);
	return false;
}

char *
hoso_known_servers_path(void)
{
	return known_default_path();
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

/* Resolve host and connect to the first address that answers.
 * Returns the socket, or a negative code with *err set. */
static int
client_open(const char *hostport, const char *host, uint16_t port,
    int64_t deadline, char **err)
{
	char portstr[8];
	snprintf(portstr, sizeof portstr, "%u", (unsigned)port);
	struct addrinfo hints = { .ai_family = AF_UNSPEC,
	    .ai_socktype = SOCK_STREAM }, *res = NULL;
	int gai = getaddrinfo(host, portstr, &hints, &res);
	if (gai != 0) {
		client_err(err, _("cannot find the server %s: %s"), hostport,
		    gai == EAI_SYSTEM ? strerror(errno) : gai_strerror(gai));
		return HOSO_E_RESOLVE;
	}
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

/* The TLS handshake on c->fd, before the deadline. */
static int
client_tls_handshake(struct hoso_client *c, const char *host,
    const char *ca_file, int64_t deadline, char **err)
{
	char *why = NULL;
	int rc = tls_new(&c->tls, c->fd, host, ca_file, &why);
	while (rc == 0) {
		short want = POLLIN;
		rc = tls_handshake(c->tls, &want, &why);
		if (rc == 1)
			return 0;
		if (rc != TLS_AGAIN)
			break;
		rc = client_wait(c->fd, want, deadline);
		if (rc == HOSO_E_TIMEOUT) {
			client_err(err, _("%s did not finish the TLS handshake "
			    "within %d seconds"), c->where,
			    (c->timeout_ms + 999) / 1000);
			return rc;
		}
		if (rc < 0)
			why = strdup(strerror(errno));
	}
	if (ca_file != NULL)
		client_err(err, _("cannot set up TLS with %s: %s (the "
		    "certificate was checked against %s)"), c->where,
		    why ? why : hoso_strerror(rc), ca_file);
	else
		client_err(err, _("cannot set up TLS with %s: %s; does the "
		    "server accept TLS?"), c->where, why ? why :
		    hoso_strerror(rc));
	free(why);
	return rc == HOSO_E_NOMEM ? rc : HOSO_E_TLS;
}

/* The certificate is not the one recorded: a loud message, several
 * lines, naming both fingerprints, the file and the line. */
static void
client_changed_err(char **err, const char *key, const char *file,
    unsigned line, const char *old, const char *now)
{
	client_err(err, _("WARNING: THE CERTIFICATE OF SERVER %s HAS CHANGED!\n"
	    "  recorded in %s, line %u:\n"
	    "    SHA256:%s\n"
	    "  presented now:\n"
	    "    SHA256:%s\n"
	    "Someone may be intercepting the connection, or the server got "
	    "a new certificate.  Nothing was sent.  Ask the server's "
	    "administrator for its fingerprint (hosod writes it to "
	    "DATA/tls/fingerprint and to its log).  If the change is "
	    "expected, remove line %u from %s and connect again."),
	    key, file, line, old, now, line, file);
}

/* hoso_connect_opts.seen_fingerprint gets a copy of known.c's fingerprint. */
_Static_assert(HOSO_FP_LEN >= KNOWN_FP_LEN, "HOSO_FP_LEN < KNOWN_FP_LEN");

/* Pin the server's certificate in the known_servers file, as o says. */
static int
client_pin(struct hoso_client *c, const char *host, uint16_t port,
    const struct hoso_connect_opts *o, char **err)
{
	char fp[KNOWN_FP_LEN], *key = NULL, *old = NULL;
	unsigned line = 0;
	int rc = tls_fingerprint(c->tls, fp);
	if (rc < 0) {
		client_err(err, _("%s sent no certificate"), c->where);
		return rc;
	}
	if (o->seen_fingerprint != NULL)
		memcpy(o->seen_fingerprint, fp, KNOWN_FP_LEN);
	c->info.fingerprint = strdup(fp);
	c->info.known_file = o->known_servers != NULL ?
	    strdup(o->known_servers) : known_default_path();
	key = known_key(host, port);
	if (c->info.fingerprint == NULL || key == NULL)
		rc = HOSO_E_NOMEM;
	else if (c->info.known_file == NULL) {
		client_err(err, _("cannot check the certificate of %s: there "
		    "is no home directory for the known_servers file; set "
		    "HOSO_KNOWN_SERVERS"), c->where);
		rc = HOSO_E_FILE;
	} else {
		rc = known_lookup(c->info.known_file, key, fp, &old, &line, err);
	}
	if (rc == KNOWN_NEW && o->confirm_new && (o->trust_fingerprint ==
	    NULL || strcasecmp(o->trust_fingerprint, fp) != 0)) {
		client_err(err, _("first connection to %s: its certificate "
		    "has the fingerprint\n  SHA256:%s\nCheck with the server's "
		    "administrator that it is the same (hosod writes it to "
		    "DATA/tls/fingerprint) before trusting it."), key, fp);
		rc = HOSO_E_TLS_NEW;
	} else if (rc == KNOWN_NEW) {
		rc = known_record(c->info.known_file, key, fp, err);
		c->info.new_server = rc == 0;
	} else if (rc == KNOWN_CHANGED) {
		client_changed_err(err, key, c->info.known_file, line, old, fp);
		rc = HOSO_E_TLS_CHANGED;
	} else if (rc == HOSO_E_NOMEM) {
		client_err(err, "%s", hoso_strerror(rc));
	}
	free(key);
	free(old);
	return rc;
}

/* Send Hello (with token, unless NULL or "") and keep what the server
 * says about itself.  A refused token fails with HOSO_E_AUTH; another
 * refusal, or a server of another major version, with HOSO_E_REFUSED. */
static int
client_hello(struct hoso_client *c, const char *name, const char *token,
    char **err)
{
	Hoso__Hello hello = HOSO__HELLO__INIT;
	hello.protocol_major = HOSO_PROTO_MAJOR;
	hello.protocol_minor = HOSO_PROTO_MINOR;
	hello.client_name = (char *)(name != NULL ? name : "hoso");
	hello.client_version = (char *)HOSO_VERSION;
	if (token != NULL)
		hello.token = (char *)token;
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
		rc = resp->status == HOSO__STATUS__UNAUTHENTICATED ?
		    HOSO_E_AUTH : HOSO_E_REFUSED;
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
		Hoso__HelloReply *h = resp->hello;
		/* Keep who we are: taken out of the reply before it is freed. */
		c->info.user = h->user;
		h->user = NULL;
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

int
hoso_connect_opts(const struct hoso_connect_opts *o,
    struct hoso_client **out, char **err)
{
	const char *hostport = o->server != NULL ? o->server :
	    HOSO_DEFAULT_SERVER;
	char *host = NULL;
	uint16_t port;
	*out = NULL;
	if (o->seen_fingerprint != NULL)
		o->seen_fingerprint[0] = '\0';
	int rc = hoso_parse_hostport(hostport, &host, &port);
	if (rc < 0) {
		client_err(err, _("'%s' is not a server address; write it as "
		    "HOST or HOST:PORT, e.g. 127.0.0.1:%d"), hostport,
		    HOSO_DEFAULT_PORT);
		return rc;
	}
	struct hoso_client *c = calloc(1, sizeof *c);
	if (c == NULL || (c->where = strdup(hostport)) == NULL) {
		client_err(err, "%s", hoso_strerror(HOSO_E_NOMEM));
		free(c);
		free(host);
		return HOSO_E_NOMEM;
	}
	c->fd = -1;
	c->timeout_ms = o->timeout_ms;
	c->send_max = HOSO_FRAME_MAX_DEFAULT;
	wire_in_init(&c->in, HOSO_CLIENT_FRAME_MAX);

	/* A CA file named by the caller asks for TLS even on loopback; one
	 * from the environment only says how to check TLS when it is used
	 * (a real CA's certificate seldom names 127.0.0.1). */
	const char *ca = o->ca_file;
	bool tls = o->tls == HOSO_TLS_ON || (o->tls == HOSO_TLS_AUTO &&
	    (ca != NULL || !hoso_host_is_loopback(host)));
	if (ca == NULL && (ca = getenv("HOSO_CA")) != NULL && *ca == '\0')
		ca = NULL;
	int64_t deadline = client_deadline(o->timeout_ms);
	rc = c->fd = client_open(hostport, host, port, deadline, err);
	if (rc >= 0 && tls) {
		c->info.tls = true;
		c->info.verified = ca != NULL;
		rc = client_tls_handshake(c, host, ca, deadline, err);
		if (rc == 0 && ca == NULL)
			rc = client_pin(c, host, port, o, err);
	}
	free(host);
	if (rc >= 0)
		rc = client_hello(c, o->client_name, o->token != NULL &&
		    *o->token != '\0' ? o->token : NULL, err);
	if (rc < 0) {
		hoso_close(c);
		return rc;
	}
	*out = c;
	return 0;
}

struct hoso_client *
hoso_connect(const char *hostport, int timeout_ms, char **err)
{
	struct hoso_connect_opts o = { .server = hostport,
	    .timeout_ms = timeout_ms };
	struct hoso_client *c;
	hoso_connect_opts(&o, &c, err);
	return c;
}
