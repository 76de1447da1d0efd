/* test_cli_auth.c: libhoso's parts for accounts, sessions, TLS and the
 * audit log (protocol 1.4): the known_servers file (parsing, recording,
 * a changed fingerprint), where session tokens are kept and with which
 * permissions, the role words, loopback addresses, the JSON shapes of
 * User and AuditEntry, checking an audit chain built here with
 * audit_hash (intact, an edited entry, a gap, a broken link), and
 * connections to a fake TLS server on loopback: first contact recorded,
 * second silent, a new certificate refused before anything is sent, a CA
 * file checking chain and name, the token in Hello and a refused one, and
 * replies and Events buffered inside TLS. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "audithash.h"
#include "frame.h"
#include "hoso/client.h"
#include "json.h"
#include "known.h"
#include "t.h"

#define DOC(j, BODY) (json_init(&(j)), BODY, json_finish(&(j)))

static char tmpdir[] = "/tmp/hoso-test-auth.XXXXXX";

/* The permission bits of path, or -1. */
static int
mode_of(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

static char *
path_in(const char *rel)
{
	char *s = NULL;
	if (asprintf(&s, "%s/%s", tmpdir, rel) < 0)
		abort();
	return s;
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0)
		abort();
}

/* ---- known_servers -------------------------------------------------- */

static void
test_known(void)
{
	static const char fp1[] = "AB:CD:EF", fp2[] = "12:34:56";
	char *file = path_in("cfg/deeper/known_servers"), *old = NULL;
	char *err = NULL, *k;
	unsigned line = 0;

	k = known_key("Server.Example", 7707);
	CHECK_STR(k, "server.example:7707", "key: host in lower case");
	free(k);
	k = known_key("::1", 7000);
	CHECK_STR(k, "[::1]:7000", "key: an IPv6 address in brackets");
	free(k);

	CHECK(known_lookup(file, "h:1", fp1, &old, &line, &err) == KNOWN_NEW,
	    "no file: a new server");
	umask(0);       /* the modes must not depend on the umask */
	CHECK(known_record(file, "h:1", fp1, &err) == 0, "record h:1");
	umask(022);
	char *dir = path_in("cfg/deeper");
	CHECK(mode_of(file) == 0600, "the file is made 0600 (%o)",
	    (unsigned)mode_of(file));
	CHECK(mode_of(dir) == 0700, "its directory is made 0700 (%o)",
	    (unsigned)mode_of(dir));
	free(dir);
	CHECK(known_lookup(file, "h:1", fp1, &old, &line, &err) ==
	    KNOWN_MATCH, "recorded: the same fingerprint matches");
	CHECK(known_lookup(file, "H:1", "ab:cd:ef", &old, &line, &err) ==
	    KNOWN_MATCH, "key and fingerprint compare ignoring case");
	CHECK(known_lookup(file, "h:2", fp1, &old, &line, &err) == KNOWN_NEW,
	    "another port is another server");

	write_file(file, "# comment\n\nnot-a-line\nh:2 MD5:00\n"
	    "h:1 SHA256:AB:CD:EF\nh:3 SHA256:AA\nh:3 SHA256:12:34:56\n");
	CHECK(known_lookup(file, "h:1", fp2, &old, &line, &err) ==
	    KNOWN_CHANGED && line == 5 && old != NULL &&
	    strcmp(old, fp1) == 0,
	    "another fingerprint: changed, with the old one and its line (%u)",
	    line);
	free(old);
	old = NULL;
	CHECK(known_lookup(file, "h:2", fp2, &old, &line, &err) == KNOWN_NEW,
	    "junk, comments and other hash kinds are skipped");
	CHECK(known_lookup(file, "h:3", fp2, &old, &line, &err) ==
	    KNOWN_MATCH, "any line of a server may match");
	if (geteuid() != 0 && chmod(file, 0) == 0) {
		CHECK(known_lookup(file, "h:1", fp1, &old, &line, &err) ==
		    HOSO_E_FILE && err != NULL,
		    "an unreadable file is an error: %s", err ? err : "");
		free(err);
		err = NULL;
	}
	chmod(file, 0600);

	uint8_t d[32];
	char fp[KNOWN_FP_LEN];
	for (int i = 0; i < 32; i++)
		d[i] = (uint8_t)(i * 8 + 10);
	known_format_fp(d, fp);
	CHECK(strlen(fp) == 95 && strncmp(fp, "0A:12:1A:", 9) == 0 &&
	    strcmp(fp + 93, "02") == 0,
	    "fingerprint: upper-case hex pairs joined by colons (%s)", fp);

	setenv("HOSO_KNOWN_SERVERS", "/x/known", 1);
	k = known_default_path();
	CHECK_STR(k, "/x/known", "HOSO_KNOWN_SERVERS wins");
	free(k);
	unsetenv("HOSO_KNOWN_SERVERS");
	setenv("XDG_CONFIG_HOME", "/cfg", 1);
	k = hoso_known_servers_path();
	CHECK_STR(k, "/cfg/hoso/known_servers", "then XDG_CONFIG_HOME");
	free(k);
	setenv("XDG_CONFIG_HOME", "relative", 1);
	setenv("HOME", "/home/u", 1);
	k = known_default_path();
	CHECK_STR(k, "/home/u/.config/hoso/known_servers",
	    "a relative XDG_CONFIG_HOME is ignored: ~/.config");
	free(k);
	unsetenv("XDG_CONFIG_HOME");
	free(file);
}

/* ---- session tokens ---------------------------------------------------- */

static void
test_token(void)
{
	char *p, *err = NULL, *tok = NULL;
	setenv("XDG_RUNTIME_DIR", "/run/user/1000", 1);
	p = hoso_token_path("127.0.0.1", 7707);
	CHECK_STR(p, "/run/user/1000/hoso/token-127.0.0.1_7707",
	    "token file under XDG_RUNTIME_DIR");
	free(p);
	p = hoso_token_path("::1", 7707);
	CHECK_STR(p, "/run/user/1000/hoso/token-__1_7707",
	    "an IPv6 host becomes a plain name");
	free(p);
	p = hoso_token_path("Srv/../X", 1);
	CHECK_STR(p, "/run/user/1000/hoso/token-srv_.._x_1",
	    "no slash from the host reaches the path");
	free(p);
	unsetenv("XDG_RUNTIME_DIR");
	setenv("HOME", "/home/u", 1);
	p = hoso_token_path("hoso.example", 7707);
	CHECK_STR(p, "/home/u/.cache/hoso/token-hoso.example_7707",
	    "without XDG_RUNTIME_DIR: ~/.cache/hoso");
	free(p);

	char *dir = path_in("run");
	setenv("XDG_RUNTIME_DIR", dir, 1);
	p = hoso_token_path("127.0.0.1", 7707);
	CHECK(hoso_token_read(p, &tok, &err) == 0 && tok == NULL,
	    "no token file: no token");
	umask(0);
	CHECK(hoso_token_write(p, "abc123", &err) == 0, "keep a token");
	umask(022);
	char *hdir = path_in("run/hoso");
	CHECK(mode_of(p) == 0600, "token file mode 0600 (%o)",
	    (unsigned)mode_of(p));
	CHECK(mode_of(hdir) == 0700, "token directory mode 0700 (%o)",
	    (unsigned)mode_of(hdir));
	CHECK(hoso_token_read(p, &tok, &err) == 0 && tok != NULL &&
	    strcmp(tok, "abc123") == 0, "read it back");
	free(tok);
	CHECK(hoso_token_write(p, "def456", &err) == 0 &&
	    hoso_token_read(p, &tok, &err) == 0 && tok != NULL &&
	    strcmp(tok, "def456") == 0, "a new token replaces the old one");
	free(tok);
	CHECK(chmod(hdir, 0755) == 0 && hoso_token_write(p, "x", &err) == 0 &&
	    mode_of(hdir) == 0700, "a directory opened up is narrowed again");
	write_file(p, "\n  \n");
	CHECK(hoso_token_read(p, &tok, &err) == 0 && tok == NULL,
	    "a blank file holds no token");
	CHECK(hoso_token_remove(p, &err) == 0 && access(p, F_OK) != 0,
	    "remove the token file");
	CHECK(hoso_token_remove(p, &err) == 0,
	    "removing a token that is not there is fine");
	/* No temporary file left behind. */
	char *cmd = NULL;
	if (asprintf(&cmd, "test -z \"$(ls -A '%s')\"", hdir) >= 0)
		CHECK(system(cmd) == 0, "the token directory is empty");
	free(cmd);
	unsetenv("XDG_RUNTIME_DIR");
	free(hdir);
	free(dir);
	free(p);
}

/* ---- words, addresses, JSON -------------------------------------------- */

static void
test_roles(void)
{
	static const struct { const char *word; int value; } want[] = {
		{ "admin", HOSO__ROLE__ROLE_ADMIN },
		{ "ward-officer", HOSO__ROLE__ROLE_WARD_OFFICER },
		{ "cell-secretary", HOSO__ROLE__ROLE_CELL_SECRETARY },
		{ "police", HOSO__ROLE__ROLE_POLICE },
		{ "inspector", HOSO__ROLE__ROLE_INSPECTOR },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		CHECK(hoso_enum_parse(hoso_role_words, want[i].word) ==
		    want[i].value && strcmp(hoso_enum_word(hoso_role_words,
		    want[i].value), want[i].word) == 0 &&
		    hoso_enum_label(hoso_role_words, want[i].value) != NULL,
		    "role word %s", want[i].word);
	}
	CHECK(hoso_enum_parse(hoso_role_words, "Ward-Officer") ==
	    HOSO__ROLE__ROLE_WARD_OFFICER, "role words ignore case");
	CHECK(hoso_enum_parse(hoso_role_words, "ward_officer") == -1 &&
	    hoso_enum_parse(hoso_role_words, "none") == -1,
	    "no other role words");
	CHECK(hoso_enum_word(hoso_role_words, 0) == NULL,
	    "ROLE_NONE has no word");

	CHECK(hoso_host_is_loopback("127.0.0.1") &&
	    hoso_host_is_loopback("127.8.9.10") &&
	    hoso_host_is_loopback("::1") && hoso_host_is_loopback("LocalHost") &&
	    hoso_host_is_loopback("::ffff:127.0.0.1"),
	    "loopback: 127/8, ::1, localhost");
	CHECK(!hoso_host_is_loopback("10.0.0.1") &&
	    !hoso_host_is_loopback("128.0.0.1") &&
	    !hoso_host_is_loopback("localhost.example") &&
	    !hoso_host_is_loopback("::2") && !hoso_host_is_loopback(""),
	    "not loopback: other addresses and names");
}

static void
test_json(void)
{
	struct json j;
	char *s;
	Hoso__User u = HOSO__USER__INIT;
	u.id = 2;
	u.version = 3;
	u.login = "nva";
	u.display_name = "Nguyễn Văn An";
	u.role = HOSO__ROLE__ROLE_WARD_OFFICER;
	u.org_id = 4;
	u.enabled = true;
	u.created_at = 1795167000;
	u.created_by = "admin";
	u.password_hash = "$argon2id$secret";
	s = DOC(j, json_user(&j, &u));
	CHECK_STR(s, "{\"id\":2,\"login\":\"nva\",\"display_name\":"
	    "\"Nguyễn Văn An\",\"role\":\"ward-officer\",\"org_id\":4,"
	    "\"enabled\":true,\"version\":3,\"created_at\":"
	    "\"2026-11-20T16:30:00+07:00\",\"updated_at\":null,"
	    "\"password_changed_at\":null,\"created_by\":\"admin\"}\n",
	    "User as JSON, role as its word, never the password hash");
	free(s);

	uint8_t h[32] = { 0xab, 0x01 };
	Hoso__AuditEntry e = HOSO__AUDIT_ENTRY__INIT;
	e.seq = 7;
	e.time = 1795167000;
	e.user = "nva";
	e.role = HOSO__ROLE__ROLE_WARD_OFFICER;
	e.peer = "10.0.0.5:41000";
	e.request = "file.get";
	e.record_kind = "person";
	e.record_id = 12;
	e.outcome = HOSO__STATUS__PERMISSION_DENIED;
	e.hash.data = h;
	e.hash.len = 32;
	s = DOC(j, json_audit_entry(&j, &e));
	CHECK_STR(s, "{\"seq\":7,\"time\":\"2026-11-20T16:30:00+07:00\","
	    "\"user\":\"nva\",\"role\":\"ward-officer\",\"peer\":"
	    "\"10.0.0.5:41000\",\"request\":\"file.get\",\"record_kind\":"
	    "\"person\",\"record_id\":12,\"outcome\":\"PERMISSION_DENIED\","
	    "\"prev_hash\":null,\"hash\":\"ab0100000000000000000000000000000000"
	    "0000000000000000000000000000\"}\n", "AuditEntry as JSON");
	free(s);
}

/* ---- the audit chain --------------------------------------------------- */

#define NCHAIN 6

/* A chain of NCHAIN entries, seq 1.., each hashed over the one before. */
static void
chain_build(Hoso__AuditEntry *e, uint8_t hashes[][32], uint8_t prevs[][32])
{
	static const char *users[] = { "admin", "nva", "", "ttb", "nva",
	    "admin" };
	for (int i = 0; i < NCHAIN; i++) {
		hoso__audit_entry__init(&e[i]);
		e[i].seq = (uint64_t)i + 1;
		e[i].time = 1795167000 + i * 60;
		e[i].user = (char *)users[i];
		e[i].role = i % 5;
		e[i].peer = "127.0.0.1:5000";
		e[i].request = i == 2 ? "login" : "file.get";
		e[i].record_kind = "person";
		e[i].record_id = (uint64_t)i * 3;
		e[i].outcome = i == 2 ? HOSO__STATUS__UNAUTHENTICATED :
		    HOSO__STATUS__OK;
		if (i == 0)
			memset(prevs[0], 0, 32);
		else
			memcpy(prevs[i], hashes[i - 1], 32);
		audit_hash(&e[i], prevs[i], hashes[i]);
		e[i].prev_hash.data = prevs[i];
		e[i].prev_hash.len = 32;
		e[i].hash.data = hashes[i];
		e[i].hash.len = 32;
	}
}

/* Walk entries e[0..n) but skip index skip (-1: none). */
static void
chain_walk(struct hoso_audit_walk *w, Hoso__AuditEntry *e, int n, int skip)
{
	hoso_audit_walk_init(w);
	for (int i = 0; i < n; i++)
		if (i != skip)
			hoso_audit_walk_next(w, &e[i]);
}

static void
test_audit_chain(void)
{
	Hoso__AuditEntry e[NCHAIN];
	uint8_t hashes[NCHAIN][32], prevs[NCHAIN][32];
	struct hoso_audit_walk w;
	char *text;

	chain_build(e, hashes, prevs);
	chain_walk(&w, e, NCHAIN, -1);
	CHECK(w.broken == HOSO_AUDIT_INTACT && w.count == NCHAIN &&
	    w.seq == NCHAIN && memcmp(w.hash, hashes[NCHAIN - 1], 32) == 0,
	    "an intact chain: every entry checks, the last hash is kept");
	CHECK(hoso_audit_walk_text(&w) == NULL, "intact: no break to tell");

	e[3].user = "someone-else";             /* edited afterwards */
	chain_walk(&w, e, NCHAIN, -1);
	text = hoso_audit_walk_text(&w);
	CHECK(w.broken == HOSO_AUDIT_BAD_HASH && w.bad_seq == 4 &&
	    w.count == 3 && text != NULL && strstr(text, "#4") != NULL,
	    "an edited entry: its hash fails (%s)", text ? text : "");
	free(text);
	CHECK(!hoso_audit_walk_next(&w, &e[4]) && w.bad_seq == 4,
	    "after a break the first one is kept");

	/* Rehashed after the edit: the entry is consistent, the next one's
	 * link is not. */
	audit_hash(&e[3], prevs[3], hashes[3]);
	chain_walk(&w, e, NCHAIN, -1);
	text = hoso_audit_walk_text(&w);
	CHECK(w.broken == HOSO_AUDIT_BAD_PREV && w.bad_seq == 5,
	    "an edited and rehashed entry breaks the next link (%s)",
	    text ? text : "");
	free(text);

	chain_build(e, hashes, prevs);
	chain_walk(&w, e, NCHAIN, 2);
	text = hoso_audit_walk_text(&w);
	CHECK(w.broken == HOSO_AUDIT_BAD_SEQ && w.bad_seq == 4 &&
	    w.seq == 2 && text != NULL &&
	    strcmp(text, "entry #3 is missing") == 0,
	    "a removed entry is a gap in seq (%s)", text ? text : "");
	free(text);

	hoso_audit_walk_init(&w);
	hoso_audit_walk_next(&w, &e[0]);
	hoso_audit_walk_next(&w, &e[4]);
	text = hoso_audit_walk_text(&w);
	CHECK_STR(text, "entries #2 to #4 are missing", "a longer gap");
	free(text);

	hoso_audit_walk_init(&w);
	hoso_audit_walk_next(&w, &e[1]);
	CHECK(w.broken == HOSO_AUDIT_BAD_SEQ && w.bad_seq == 2,
	    "a log must start at entry #1");

	hoso_audit_walk_init(&w);
	hoso_audit_walk_next(&w, &e[0]);
	hoso_audit_walk_next(&w, &e[1]);
	hoso_audit_walk_next(&w, &e[1]);
	text = hoso_audit_walk_text(&w);
	CHECK(w.broken == HOSO_AUDIT_BAD_SEQ && text != NULL &&
	    strstr(text, "#2 comes again") != NULL,
	    "a repeated entry (%s)", text ? text : "");
	free(text);

	e[0].hash.len = 31;
	chain_walk(&w, e, 1, -1);
	CHECK(w.broken == HOSO_AUDIT_BAD_HASH, "a short hash does not pass");
}

/* ---- a fake TLS server ---------------------------------------------------- */

/* A self-signed certificate for 127.0.0.1 (an IP address SAN). */
static void
make_cert(EVP_PKEY **key, X509 **cert)
{
	*key = EVP_EC_gen("P-256");
	*cert = X509_new();
	X509_set_version(*cert, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(*cert), 1);
	X509_gmtime_adj(X509_getm_notBefore(*cert), -60);
	X509_gmtime_adj(X509_getm_notAfter(*cert), 86400);
	X509_set_pubkey(*cert, *key);
	X509_NAME *name = X509_get_subject_name(*cert);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
	    (const unsigned char *)"hoso-test", -1, -1, 0);
	X509_set_issuer_name(*cert, name);
	X509V3_CTX ctx;
	X509V3_set_ctx_nodb(&ctx);
	X509V3_set_ctx(&ctx, *cert, *cert, NULL, NULL, 0);
	X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &ctx,
	    NID_subject_alt_name, "IP:127.0.0.1");
	X509_add_ext(*cert, ext, -1);
	X509_EXTENSION_free(ext);
	X509_sign(*cert, *key, EVP_sha256());
}

struct fake {
	int listen_fd;
	char addr[64];
	EVP_PKEY *key;
	X509 *cert;
	int nreq;               /* requests the server received */
	char token[80];         /* Hello.token it received */
};

static int
fake_read(SSL *ssl, uint8_t *buf, size_t n)
{
	size_t got;
	while (n > 0) {
		if (SSL_read_ex(ssl, buf, n, &got) != 1)
			return -1;
		buf += got;
		n -= got;
	}
	return 0;
}

static Hoso__Request *
fake_request(SSL *ssl)
{
	uint8_t hdr[4], buf[4096];
	if (fake_read(ssl, hdr, 4) < 0)
		return NULL;
	uint32_t n = frame_get_len(hdr);
	if (n == 0 || n > sizeof buf || fake_read(ssl, buf, n) < 0)
		return NULL;
	return hoso__request__unpack(NULL, n, buf);
}

/* Append message m as a frame to out (at *len). */
static void
fake_put(uint8_t *out, size_t *len, const Hoso__ServerMessage *m)
{
	size_t n = hoso__server_message__pack(m, out + *len + 4);
	frame_put_len(out + *len, (uint32_t)n);
	*len += n + 4;
}

static void
fake_put_response(uint8_t *out, size_t *len, uint64_t id, Hoso__Response *r)
{
	Hoso__ServerMessage m = HOSO__SERVER_MESSAGE__INIT;
	r->id = id;
	m.body_case = HOSO__SERVER_MESSAGE__BODY_RESPONSE;
	m.response = r;
	fake_put(out, len, &m);
}

static void
fake_put_event(uint8_t *out, size_t *len, uint64_t seq)
{
	Hoso__ServerMessage m = HOSO__SERVER_MESSAGE__INIT;
	Hoso__Event ev = HOSO__EVENT__INIT;
	ev.seq = seq;
	ev.kind = "overdue";
	m.body_case = HOSO__SERVER_MESSAGE__BODY_EVENT;
	m.event = &ev;
	fake_put(out, len, &m);
}

/* Answer one connection: Hello (OK with a user for token "good", else
 * UNAUTHENTICATED when a token was given), then each Ping with an Event,
 * the Pong and another Event in one TLS record. */
static void *
fake_server(void *arg)
{
	struct fake *f = arg;
	/* The client may hang up on us: SIGPIPE for this thread only (the
	 * client's side must cope without any help). */
	sigset_t pipe;
	sigemptyset(&pipe);
	sigaddset(&pipe, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe, NULL);
	int fd = accept(f->listen_fd, NULL, NULL);
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
	SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
	SSL_CTX_use_certificate(ctx, f->cert);
	SSL_CTX_use_PrivateKey(ctx, f->key);
	SSL *ssl = SSL_new(ctx);
	SSL_set_fd(ssl, fd);
	Hoso__Request *req;
	if (SSL_accept(ssl) != 1)
		goto out;
	while ((req = fake_request(ssl)) != NULL) {
		uint8_t out[8192];
		size_t len = 0;
		f->nreq++;
		Hoso__Response r = HOSO__RESPONSE__INIT;
		Hoso__HelloReply h = HOSO__HELLO_REPLY__INIT;
		Hoso__User u = HOSO__USER__INIT;
		Hoso__Pong pong = HOSO__PONG__INIT;
		if (req->body_case == HOSO__REQUEST__BODY_HELLO) {
			snprintf(f->token, sizeof f->token, "%s",
			    req->hello->token);
			h.protocol_major = HOSO_PROTO_MAJOR;
			h.protocol_minor = HOSO_PROTO_MINOR;
			h.server_name = "fake";
			h.server_version = "0";
			u.login = "nva";
			u.role = HOSO__ROLE__ROLE_WARD_OFFICER;
			if (strcmp(f->token, "good") == 0)
				h.user = &u;
			r.body_case = HOSO__RESPONSE__BODY_HELLO;
			r.hello = &h;
			if (f->token[0] != '\0' && h.user == NULL) {
				r.status = HOSO__STATUS__UNAUTHENTICATED;
				r.message = "the session has ended; log in "
				    "again";
				r.body_case = HOSO__RESPONSE__BODY__NOT_SET;
			}
			fake_put_response(out, &len, req->id, &r);
		} else {
			r.body_case = HOSO__RESPONSE__BODY_PONG;
			r.pong = &pong;
			fake_put_event(out, &len, 1);
			fake_put_response(out, &len, req->id, &r);
			fake_put_event(out, &len, 2);
		}
		hoso__request__free_unpacked(req, NULL);
		size_t done;
		if (SSL_write_ex(ssl, out, len, &done) != 1)
			break;
	}
out:
	SSL_free(ssl);
	SSL_CTX_free(ctx);
	close(fd);
	return NULL;
}

static int
fake_listen(struct fake *f)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof sa;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	f->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (f->listen_fd < 0 || bind(f->listen_fd, (struct sockaddr *)&sa,
	    sizeof sa) < 0 || listen(f->listen_fd, 4) < 0 ||
	    getsockname(f->listen_fd, (struct sockaddr *)&sa, &len) < 0)
		return -1;
	snprintf(f->addr, sizeof f->addr, "127.0.0.1:%u", ntohs(sa.sin_port));
	return 0;
}

/* Connect once to the fake server with o (server filled in here). */
static int
fake_connect(struct fake *f, struct hoso_connect_opts *o,
    struct hoso_client **c, char **err)
{
	pthread_t th;
	f->nreq = 0;
	f->token[0] = '\0';
	o->server = f->addr;
	o->timeout_ms = 5000;
	pthread_create(&th, NULL, fake_server, f);
	int rc = hoso_connect_opts(o, c, err);
	if (rc < 0)
		pthread_join(th, NULL);
	else
		pthread_detach(th);     /* ends when the client closes */
	return rc;
}

static void
test_tls(void)
{
	struct fake f = { 0 };
	struct hoso_client *c = NULL;
	char *err = NULL, *known = path_in("tls/known_servers");
	char fp[KNOWN_FP_LEN];
	unsigned char md[32];
	unsigned int mdlen;

	make_cert(&f.key, &f.cert);
	X509_digest(f.cert, EVP_sha256(), md, &mdlen);
	known_format_fp(md, fp);
	if (fake_listen(&f) < 0) {
		CHECK(0, "fake TLS server: listen on loopback");
		return;
	}
	struct hoso_connect_opts o = { .tls = HOSO_TLS_ON,
	    .known_servers = known };
	int rc = fake_connect(&f, &o, &c, &err);
	const struct hoso_server_info *si = c ? hoso_server(c) : NULL;
	CHECK(rc == 0 && si != NULL && si->tls && !si->verified &&
	    si->new_server && si->fingerprint != NULL &&
	    strcmp(si->fingerprint, fp) == 0 &&
	    strcmp(si->known_file, known) == 0,
	    "first TLS contact: connected, the fingerprint recorded and "
	    "reported (%s)", err ? err : "ok");
	CHECK(si != NULL && si->user == NULL, "no token: nobody logged in");

	/* A reply and Events in one TLS record: after the call, the
	 * Event behind the Pong is inside OpenSSL, not on the socket. */
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Ping ping = HOSO__PING__INIT;
	Hoso__Response *resp = NULL;
	Hoso__Event *ev = NULL;
	req.body_case = HOSO__REQUEST__BODY_PING;
	req.ping = &ping;
	rc = c ? hoso_call(c, &req, &resp, &err) : -1;
	CHECK(rc == 0 && resp != NULL &&
	    resp->body_case == HOSO__RESPONSE__BODY_PONG, "a call over TLS");
	hoso_response_free(resp);
	CHECK(c != NULL && hoso_buffered(c), "what came with it is buffered");
	rc = c ? hoso_wait_event(c, 2000, &ev, &err) : -1;
	CHECK(rc == 0 && ev != NULL && ev->seq == 1, "the queued Event");
	if (ev != NULL)
		hoso__event__free_unpacked(ev, NULL);
	ev = NULL;
	rc = c ? hoso_wait_event(c, 2000, &ev, &err) : -1;
	CHECK(rc == 0 && ev != NULL && ev->seq == 2,
	    "the Event decrypted but not yet read");
	if (ev != NULL)
		hoso__event__free_unpacked(ev, NULL);
	ev = NULL;
	rc = c ? hoso_wait_event(c, 50, &ev, &err) : -1;
	CHECK(rc == HOSO_E_TIMEOUT, "then nothing: a timeout");
	hoso_close(c);
	c = NULL;

	o.token = "good";
	rc = fake_connect(&f, &o, &c, &err);
	si = c ? hoso_server(c) : NULL;
	CHECK(rc == 0 && si != NULL && !si->new_server && si->user != NULL &&
	    strcmp(si->user->login, "nva") == 0 &&
	    strcmp(f.token, "good") == 0,
	    "second contact: silent; the token goes in Hello, the user "
	    "comes back");
	hoso_close(c);
	c = NULL;

	o.token = "stale";
	rc = fake_connect(&f, &o, &c, &err);
	CHECK(rc == HOSO_E_AUTH && c == NULL && err != NULL &&
	    strstr(err, "log in again") != NULL,
	    "a refused token: HOSO_E_AUTH with the server's message");
	free(err);
	err = NULL;
	o.token = NULL;

	/* A new certificate: refused before Hello. */
	EVP_PKEY *key1 = f.key;
	X509 *cert1 = f.cert;
	make_cert(&f.key, &f.cert);
	rc = fake_connect(&f, &o, &c, &err);
	char *want_line = NULL;
	if (asprintf(&want_line, "%s, line 1", known) < 0)
		want_line = NULL;
	CHECK(rc == HOSO_E_TLS_CHANGED && c == NULL && f.nreq == 0,
	    "another certificate: HOSO_E_TLS_CHANGED, nothing sent");
	CHECK(err != NULL && strstr(err, fp) != NULL &&
	    want_line != NULL && strstr(err, want_line) != NULL &&
	    strstr(err, "remove line 1") != NULL,
	    "the message names the old fingerprint, the file and line, and "
	    "what to do");
	if (err != NULL)
		printf("# %s\n", strtok(err, "\n"));
	free(err);
	err = NULL;
	free(want_line);

	/* A CA file: chain and name checked, nothing pinned. */
	char *ca = path_in("tls/ca.pem");
	FILE *pem = fopen(ca, "w");
	if (pem != NULL) {
		PEM_write_X509(pem, f.cert);
		fclose(pem);
	}
	o.ca_file = ca;
	o.known_servers = NULL;
	setenv("HOSO_KNOWN_SERVERS", "/nonexistent/should-not-be-used", 1);
	rc = fake_connect(&f, &o, &c, &err);
	si = c ? hoso_server(c) : NULL;
	CHECK(rc == 0 && si != NULL && si->tls && si->verified &&
	    !si->new_server, "with a CA file: verified by chain and address "
	    "(%s)", err ? err : "ok");
	hoso_close(c);
	c = NULL;
	free(err);
	err = NULL;
	X509 *cert2 = f.cert;
	f.cert = cert1;
	EVP_PKEY *key2 = f.key;
	f.key = key1;
	rc = fake_connect(&f, &o, &c, &err);
	CHECK(rc == HOSO_E_TLS && c == NULL && err != NULL,
	    "a certificate the CA did not sign is refused: %s",
	    err ? err : "");
	free(err);
	err = NULL;
	unsetenv("HOSO_KNOWN_SERVERS");

	/* A server that does not speak TLS at all. */
	o.ca_file = NULL;
	o.known_servers = known;
	o.tls = HOSO_TLS_OFF;
	rc = fake_connect(&f, &o, &c, &err);
	CHECK(rc < 0 && c == NULL, "plain TCP to a TLS server fails");
	free(err);
	err = NULL;

	X509_free(cert1);
	X509_free(cert2);
	EVP_PKEY_free(key1);
	EVP_PKEY_free(key2);
	close(f.listen_fd);
	free(ca);
	free(known);
}


int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	unsetenv("HOSO_TOKEN");
	unsetenv("HOSO_CA");
	test_known();
	test_token();
	test_roles();
	test_json();
	test_audit_chain();
	test_tls();
	char *cmd = NULL;
	if (asprintf(&cmd, "rm -rf '%s'", tmpdir) >= 0 && system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	free(cmd);
	return t_done();
}
