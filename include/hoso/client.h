/* client.h: libhoso, the client library shared by the hoso CLI and the GUI.
 *
 * A connection is a struct hoso_client.  For now every call blocks (with a
 * timeout); the library is built in layers so that a non-blocking
 * interface (an fd to watch plus a callback per response, for the GTK GUI)
 * can be added without touching the codec:
 *   wire.c     framing and protobuf decoding, no I/O (client/lib/wire.h);
 *   tls.c      TLS 1.3 over a non-blocking socket, no waiting (tlsc.h);
 *   known.c    the known_servers file that pins servers' certificates;
 *   client.c   sockets: write a request, wait for its reply, events;
 *   connect.c  resolve, connect, TLS and pinning, Hello.
 *
 * Ownership: the caller owns what it passes in and frees what it gets back
 * (with the function named next to each call).  Errors are returned, never
 * printed: functions return 0 or a negative HOSO_E_* code, and when `err`
 * is not NULL they store a malloc'd human message in the user's language
 * in *err (the caller frees it).  On success *err is left untouched.
 *
 * Messages go through gettext domain "hoso" (common/i18n.h); call
 * i18n_init() first if the program wants them translated. */
#ifndef HOSO_CLIENT_H
#define HOSO_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hoso.pb-c.h"
#include "hoso/protocol.h"

/* Largest reply frame accepted when the server announced no bigger limit. */
#define HOSO_CLIENT_FRAME_MAX (16u * 1024u * 1024u)
/* How many unsolicited Events are kept for hoso_next_event() (a deadline
 * sweep may raise many alerts at once while a call is waiting). */
#define HOSO_EVENT_QUEUE 256

/* Error codes (negative); hoso_strerror() names them in plain words. */
#define HOSO_E_NOMEM (-1)      /* out of memory */
#define HOSO_E_RESOLVE (-2)    /* the host name could not be resolved */
#define HOSO_E_CONNECT (-3)    /* TCP connection refused/unreachable */
#define HOSO_E_TIMEOUT (-4)    /* no answer within the timeout */
#define HOSO_E_IO (-5)         /* read/write failed */
#define HOSO_E_CLOSED (-6)     /* the server closed the connection */
#define HOSO_E_PROTO (-7)      /* undecodable or unexpected frame */
#define HOSO_E_TOOBIG (-8)     /* a frame over the size limit */
#define HOSO_E_REFUSED (-9)    /* the server refused Hello */
#define HOSO_E_ADDRESS (-10)   /* malformed "HOST:PORT" */
#define HOSO_E_BROKEN (-11)    /* connection unusable after an earlier error */
#define HOSO_E_TLS (-12)       /* TLS handshake or certificate check failed */
#define HOSO_E_TLS_CHANGED (-13) /* the server's certificate is not the
                                  * one recorded in known_servers */
#define HOSO_E_AUTH (-14)      /* the session token was refused
                                * (UNAUTHENTICATED): log in again */
#define HOSO_E_FILE (-15)      /* a local file could not be read or written */
#define HOSO_E_TLS_NEW (-16)   /* first contact with a server, not yet
                                * trusted (hoso_connect_opts.confirm_new) */

struct hoso_client;

/* Callbacks of the non-blocking interface (hoso_async_*, below). */
typedef void (*hoso_reply_fn)(struct hoso_client *c, int rc,
    Hoso__Response *resp, const char *err, void *arg);
typedef void (*hoso_event_fn)(struct hoso_client *c, Hoso__Event *ev,
    void *arg);

/* What the server said about itself in its HelloReply, and how the
 * connection is secured; owned by the client. */
struct hoso_server_info {
	const char *name;
	const char *version;
	uint32_t protocol_major;
	uint32_t protocol_minor;
	uint32_t max_frame;     /* largest request frame it accepts */
	/* Protocol 1.4: who the token sent in Hello is logged in as; NULL
	 * without a token (or from an older server). */
	const Hoso__User *user;
	bool tls;               /* the connection is encrypted */
	bool verified;          /* TLS: checked against a CA file, not pinned */
	/* TLS: the SHA-256 of the server's certificate (DER) as upper-case
	 * hex pairs joined by colons, "AB:CD:..." (NULL without TLS). */
	const char *fingerprint;
	/* TLS, pinned: the known_servers file used, and whether this was the
	 * first contact, the fingerprint having just been recorded there.
	 * The library prints nothing: a program should tell its user then,
	 * so they can check the fingerprint with the server's admin. */
	const char *known_file;
	bool new_server;
};

/* How to reach the server (hoso_connect_opts).  Zero is the default for
 * every field. */
enum hoso_tls_mode {
	HOSO_TLS_AUTO = 0,      /* TLS unless the host is loopback */
	HOSO_TLS_ON,            /* always TLS */
	HOSO_TLS_OFF,           /* never TLS (plain TCP) */
};

struct hoso_connect_opts {
	const char *server;     /* "HOST:PORT"; NULL: HOSO_DEFAULT_SERVER */
	int timeout_ms;         /* as for hoso_connect; <= 0: no limit */
	const char *token;      /* a session token for Hello; NULL or "": none */
	enum hoso_tls_mode tls;
	/* PEM file of CA certificates: check the server's chain and that its
	 * certificate names the host, instead of pinning; given here, it
	 * makes HOSO_TLS_AUTO use TLS on loopback too.  NULL: $HOSO_CA when
	 * set and not empty (only when TLS is used), else pinning. */
	const char *ca_file;
	/* The known_servers file for pinning; NULL: the default
	 * (hoso_known_servers_path). */
	const char *known_servers;
	const char *client_name;    /* Hello.client_name; NULL: "hoso" */
	/* Pinning, first contact: with confirm_new set, a server not yet in
	 * known_servers is recorded only if its fingerprint equals
	 * trust_fingerprint ("AB:CD:..."); otherwise the connection fails
	 * with HOSO_E_TLS_NEW before anything is sent, so a program can show
	 * the fingerprint and ask its user.  Without confirm_new the first
	 * contact is recorded at once (like ssh's accept-new). */
	bool confirm_new;
	const char *trust_fingerprint;
	/* When not NULL: receives the server's fingerprint (TLS, also on
	 * failure after the handshake), HOSO_FP_LEN bytes; "" without TLS. */
	char *seen_fingerprint;
};

/* Room for a fingerprint "AB:CD:...:EF" and its NUL. */
#define HOSO_FP_LEN 96

/* Split "HOST:PORT", "[V6ADDR]:PORT", "[V6ADDR]", "HOST" or a bare IPv6
 * address into a malloc'd *host and *port (HOSO_DEFAULT_PORT if absent).
 * Returns 0 or HOSO_E_ADDRESS. */
int hoso_parse_hostport(const char *hostport, char **host, uint16_t *port);

/* Connect to hostport (NULL: HOSO_DEFAULT_SERVER), send Hello and check the
 * reply.  timeout_ms bounds the connection, the Hello, and later each
 * hoso_call from sending to the whole reply (<= 0: no limit).  Replies may
 * be up to the larger of HOSO_CLIENT_FRAME_MAX and the server's max_frame;
 * a longer length prefix fails the call before anything is allocated.
 * Returns NULL with *err set ("cannot connect to 127.0.0.1:7707: Connection
 * refused", or the server's own message when it refuses Hello).
 * A connection is used by one thread at a time. */
struct hoso_client *hoso_connect(const char *hostport, int timeout_ms,
    char **err);

/* Connect as o says: resolve and connect, then with TLS (see
 * enum hoso_tls_mode) do a TLS 1.3 handshake and check the server's
 * certificate, then send Hello with o->token.  Returns 0 with *out set,
 * or a negative code with *out NULL and *err set; among them:
 *   HOSO_E_TLS          the handshake or a certificate check failed;
 *   HOSO_E_TLS_CHANGED  pinned: the server's certificate is not the one
 *                       recorded for HOST:PORT; nothing was sent, and
 *                       *err (several lines) names both fingerprints, the
 *                       file and line, and what to do;
 *   HOSO_E_AUTH         the server refused the token: *err is its message;
 *   HOSO_E_FILE         the known_servers file cannot be read or written.
 * Pinning works like ssh's known_hosts: the first contact with HOST:PORT
 * records its fingerprint (hoso_server()->new_server says so), later ones
 * must present the same certificate.  hoso_connect(hostport, timeout_ms,
 * err) is this with only server and timeout_ms set. */
int hoso_connect_opts(const struct hoso_connect_opts *o,
    struct hoso_client **out, char **err);

/* Whether host (as in HOST:PORT, without brackets) is this machine:
 * "localhost", 127.0.0.0/8, ::1 or ::ffff:127.x.y.z. */
bool hoso_host_is_loopback(const char *host);

/* The default known_servers file: $HOSO_KNOWN_SERVERS when set and not
 * empty, else $XDG_CONFIG_HOME/hoso/known_servers, else
 * ~/.config/hoso/known_servers.  malloc'd; NULL if no home is known. */
char *hoso_known_servers_path(void);

/* Send req (its id is assigned here) and wait for its Response, keeping any
 * Events that arrive meanwhile.  Returns 0 with *resp set (free it with
 * hoso_response_free), whatever the Response's status; or a negative code
 * when no Response could be had, after which the connection is broken
 * (except HOSO_E_TOOBIG for a request over the server's max_frame: nothing
 * was sent).  A Response with id 0 (the server could not decode the
 * request) is returned as the answer. */
int hoso_call(struct hoso_client *c, Hoso__Request *req,
    Hoso__Response **resp, char **err);

void hoso_response_free(Hoso__Response *resp);

/* A request answered by several Responses (AdminBackup): wait for the
 * next Response to the last hoso_call, as hoso_call waits for the first
 * (same timeout per Response, same return codes). */
int hoso_call_next(struct hoso_client *c, Hoso__Response **resp,
    char **err);

/* The oldest queued Event (free with hoso__event__free_unpacked(ev, NULL)),
 * or NULL.  Only the last HOSO_EVENT_QUEUE Events are kept. */
Hoso__Event *hoso_next_event(struct hoso_client *c);

/* Wait for the next Event on a connection that subscribed to alerts
 * (Request Subscribe, sent with hoso_call): the oldest queued one if any,
 * else the next to arrive, blocking in poll() for at most timeout_ms
 * (<= 0: no limit).  Returns 0 with *ev set (free it with
 * hoso__event__free_unpacked(*ev, NULL)); HOSO_E_TIMEOUT when none came in
 * time, after which the connection is still usable (send a Ping now and
 * then: the server closes connections that stay silent); or another
 * negative code with *err set when the connection is lost.  A Response
 * arriving while no call waits for it is dropped.  Do not call it from
 * inside hoso_call (one thread at a time). */
int hoso_wait_event(struct hoso_client *c, int timeout_ms, Hoso__Event **ev,
    char **err);

const struct hoso_server_info *hoso_server(const struct hoso_client *c);
/* The socket, e.g. to check it is still open; the client keeps owning it.
 * With TLS, poll() on it does not see bytes already read and decrypted:
 * ask hoso_buffered() first. */
int hoso_fd(const struct hoso_client *c);
/* Whether something was already received and waits in the library (a
 * queued Event, bytes of a frame, decrypted TLS data), so that reading
 * goes on without the socket becoming readable. */
bool hoso_buffered(const struct hoso_client *c);
/* Close the connection and free everything; NULL is allowed. */
void hoso_close(struct hoso_client *c);

/* A static plain-words description of a HOSO_E_* code, translated. */
const char *hoso_strerror(int code);

/* ---- the non-blocking interface ---------------------------------------- */
/*
 * For a program with its own event loop (the GTK client in GLib's): after
 * hoso_connect_opts (which blocks: run it in a worker thread), hand the
 * connection to the loop's thread and use only these calls on it, never
 * hoso_call or hoso_wait_event.  Watch hoso_fd() for hoso_async_events();
 * when it is ready, when hoso_buffered() says data waits in the library,
 * or when hoso_async_timeout() ms have passed, call hoso_async_process().
 * Nothing here waits.
 *
 * Requests are pipelined: each hoso_async_send queues one frame and its
 * callback; the server answers in order and each Response goes to its
 * request's callback as (c, 0, resp, NULL, arg), resp whatever its status,
 * freed by the library when the callback returns.  When the connection is
 * lost or a reply is late, every waiting callback is called once with
 * (c, rc < 0, NULL, message, arg), in request order.  Callbacks may send
 * further requests; they must not close the connection (do that after
 * hoso_async_process returns).  Not for AdminBackup (several Responses).
 */

/* Events pushed by the server go to fn (ev valid during the call) instead
 * of the queue of hoso_next_event.  fn NULL: queue them again. */
void hoso_async_set_event_fn(struct hoso_client *c, hoso_event_fn fn,
    void *arg);

/* Queue req (its id is set here) with cb, and send what the socket takes
 * now.  Returns 0, or a negative code with *err set and cb never called:
 * HOSO_E_BROKEN (the connection was lost earlier), HOSO_E_TOOBIG (req over
 * the server's max_frame; the connection stays usable), HOSO_E_NOMEM. */
int hoso_async_send(struct hoso_client *c, Hoso__Request *req,
    hoso_reply_fn cb, void *arg, char **err);

/* What to watch hoso_fd() for: POLLIN, plus POLLOUT while requests wait to
 * be sent (or TLS needs to write). */
short hoso_async_events(const struct hoso_client *c);

/* Milliseconds until the oldest waiting call runs out of the connect
 * timeout (hoso_connect_opts.timeout_ms), 0 if it has; -1 when nothing
 * waits or there is no timeout. */
int hoso_async_timeout(const struct hoso_client *c);

/* Send what can be sent, read what has arrived, and call back for every
 * whole message.  Returns 0; or, when the connection is lost (closed,
 * reset, undecodable data, a call past its timeout), the negative code
 * with *err set, after every waiting callback was called with it; the
 * connection is then broken: close it. */
int hoso_async_process(struct hoso_client *c, char **err);

/* Calls sent and not yet answered. */
size_t hoso_async_waiting(const struct hoso_client *c);

/* Give up on the connection (before closing it while calls wait): it is
 * broken from now on, and every waiting callback is called with
 * HOSO_E_BROKEN and a message saying the connection was closed. */
void hoso_async_abort(struct hoso_client *c);

/* ---- responses ---------------------------------------------------------- */

/* The Response's message in the user's language, malloc'd: the translated
 * message_format with message_args substituted, else a copy of message,
 * else a description of the status.  NULL only when out of memory. */
char *hoso_response_text(const Hoso__Response *r);

/* One unmet requirement (Response.unmet, Move.unmet) in the user's
 * language, malloc'd, made like hoso_response_text: the translated
 * message_format with message_args, else message, else code.  NULL only
 * when out of memory. */
char *hoso_requirement_text(const Hoso__Requirement *q);

/* A message that crossed the wire as a msgid and arguments (an
 * ExplainLine, an Alert), in the user's language, malloc'd: the translated
 * format with args substituted as for hoso_response_text (an argument that
 * is exactly an ISO date "YYYY-MM-DD" is written dd/mm/yyyy, one that is
 * exactly an instant as the daemon writes it, "2026-11-20T16:30:00+07:00",
 * is written "20/11/2026 16:30", any other is looked up in the catalogue,
 * so holiday names come out translated); a copy of message when format is
 * empty.  NULL only when out of memory. */
char *hoso_message_text(const char *format, char **args, size_t nargs,
    const char *message);

/* "OK", "INVALID_ARGUMENT", ...; "UNKNOWN" for a value this build lacks. */
const char *hoso_status_name(Hoso__Status s);
/* The status in plain words, translated ("the record does not exist"). */
const char *hoso_status_text(Hoso__Status s);

/* ---- enum words --------------------------------------------------------- */

/* One value of a protocol enum: the word used on command lines and in JSON
 * ("youth-union") and a label for people (an English msgid: translate it
 * with _() before showing it).  Tables end with a NULL word. */
struct hoso_enum_word {
	int value;
	const char *word;
	const char *label;
};

extern const struct hoso_enum_word hoso_org_kind_words[];
extern const struct hoso_enum_word hoso_gender_words[];
extern const struct hoso_enum_word hoso_education_words[];
extern const struct hoso_enum_word hoso_introduced_by_words[];
/* none, probationary, official (none has the value 0 and a word). */
extern const struct hoso_enum_word hoso_membership_words[];
/* identified, in-course, ... not-recognised; STAGE_NONE has no word. */
extern const struct hoso_enum_word hoso_stage_words[];
extern const struct hoso_enum_word hoso_doc_kind_words[];
/* self first, then the relatives: hoso_relation_words + 1 lists only the
 * relatives (for a Relative, which is never the candidate). */
extern const struct hoso_enum_word hoso_relation_words[];
extern const struct hoso_enum_word hoso_check_status_words[];
extern const struct hoso_enum_word hoso_rating_words[];
/* Background checks (protocol 1.3): the legs (forward, police, return,
 * outside), the states of a Verification (at-ward ... sent-outside), the
 * results (clear, concern) and the steps (forward ... decide). */
extern const struct hoso_enum_word hoso_leg_kind_words[];
extern const struct hoso_enum_word hoso_vstate_words[];
extern const struct hoso_enum_word hoso_check_result_words[];
extern const struct hoso_enum_word hoso_check_step_words[];

/* The word for value, or NULL (unspecified or unknown value). */
const char *hoso_enum_word(const struct hoso_enum_word *tab, int value);
/* The untranslated label for value, or NULL. */
const char *hoso_enum_label(const struct hoso_enum_word *tab, int value);
/* The value of word (ASCII case ignored); -1 if it is not in the table. */
int hoso_enum_parse(const struct hoso_enum_word *tab, const char *word);

/* admin, ward-officer, cell-secretary, police, inspector (protocol 1.4). */
extern const struct hoso_enum_word hoso_role_words[];

/* ---- sessions (protocol 1.4) -------------------------------------------- */

/* Where the session token for a server is kept:
 * $XDG_RUNTIME_DIR/hoso/token-HOST_PORT, or ~/.cache/hoso/token-HOST_PORT
 * without XDG_RUNTIME_DIR.  HOST is in lower case, with every character
 * other than a-z 0-9 . - written '_'.  malloc'd; NULL if no home. */
char *hoso_token_path(const char *host, uint16_t port);

/* Read the token kept in path: 0 with *token malloc'd, or NULL when there
 * is no such file; HOSO_E_FILE with *err set when it cannot be read. */
int hoso_token_read(const char *path, char **token, char **err);

/* Keep token in path, replacing the file at once (a new file renamed over
 * it).  The directory is made 0700 and the file 0600 from the start, so
 * the token is never readable by others.  Returns 0 or HOSO_E_FILE. */
int hoso_token_write(const char *path, const char *token, char **err);

/* Remove the token file; 0 also when there was none. */
int hoso_token_remove(const char *path, char **err);

/* ---- the audit log (protocol 1.4) ---------------------------------------- */

/* Checking the audit log's hash chain entry by entry, oldest first, from
 * seq 1 (common/audithash.h computes the hashes). */
enum hoso_audit_break {
	HOSO_AUDIT_INTACT = 0,
	HOSO_AUDIT_BAD_PREV,    /* prev_hash is not the previous entry's hash */
	HOSO_AUDIT_BAD_HASH,    /* the entry was changed after it was written */
	HOSO_AUDIT_BAD_SEQ,     /* not the next number: a gap or a repeat */
};

struct hoso_audit_walk {
	uint64_t count;         /* entries checked and found good */
	uint64_t seq;           /* the last good entry, 0 before the first */
	uint8_t hash[32];       /* its hash; zeros before the first */
	enum hoso_audit_break broken;   /* the first break found */
	uint64_t bad_seq;       /* the seq of the entry that broke it */
};

void hoso_audit_walk_init(struct hoso_audit_walk *w);
/* Check the next entry.  Returns true while the chain holds; after a
 * break it returns false and keeps the first break. */
bool hoso_audit_walk_next(struct hoso_audit_walk *w,
    const Hoso__AuditEntry *e);
/* Where and why the chain broke, in plain words, translated and
 * malloc'd: "entry #5 was changed after it was written", "entries #5 to
 * #7 are missing" ...  NULL when intact or out of memory. */
char *hoso_audit_walk_text(const struct hoso_audit_walk *w);

/* ---- times -------------------------------------------------------------- */

/* Unix time t as ISO 8601 in Vietnam's time: "2026-11-23T18:05:00+07:00".
 * buf must hold HOSO_INSTANT_ISO_LEN bytes. */
#define HOSO_INSTANT_ISO_LEN 26
void hoso_format_instant_iso(int64_t t, char *buf);

#endif
