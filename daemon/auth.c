/* auth.c: logging in, the password thread and the failed-login brake
 * (see auth.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "i18n.h"
#include "audit.h"
#include "auth.h"
#include "conn.h"
#include "dispatch.h"
#include "job.h"
#include "log.h"
#include "server.h"
#include "tables.h"

#define THROTTLE_MAX 4096           /* accounts and addresses remembered */
#define THROTTLE_FREE 3             /* failures before any wait */
#define THROTTLE_ALERT 5            /* failures that raise an alert */
#define THROTTLE_FORGET_MS (3600 * 1000)

/* ---- the password thread ------------------------------------------------ */

int
auth_hash_password(char out[128], const char *pw, size_t len)
{
	if (crypto_pwhash_str(out, pw, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0)
		return 0;
	out[0] = '\0';
	return -1;
}

/* Hash a new password into j->pw_hash (empty on failure), then wipe it
 * from the request. */
static void
pw_hash_new(struct job *j, char *pw)
{
	auth_hash_password(j->pw_hash, pw, strlen(pw));
	sodium_memzero(pw, strlen(pw));
}

/* Off the loop: verify or hash, as the request asks. */
static void
pw_work(struct auth *au, struct job *j)
{
	const Hoso__Request *r = j->req;
	switch (r->body_case) {
	case HOSO__REQUEST__BODY_LOGIN: {
		const char *pw = r->login->password;
		const char *h = j->pw_hash[0] ? j->pw_hash : au->dummy_hash;
		/* An unknown login costs the same time as a known one. */
		bool ok = crypto_pwhash_str_verify(h, pw, strlen(pw)) == 0;
		j->pw_ok = ok && j->pw_hash[0] != '\0';
		break;
	}
	case HOSO__REQUEST__BODY_USER_PASSWD: {
		Hoso__UserPasswd *in = r->user_passwd;
		if (j->pw_hash[0] != '\0')      /* one's own: old one first */
			j->pw_ok = crypto_pwhash_str_verify(j->pw_hash,
			    in->old_password, strlen(in->old_password)) == 0;
		sodium_memzero(in->old_password, strlen(in->old_password));
		pw_hash_new(j, in->password);
		break;
	}
	case HOSO__REQUEST__BODY_USER_ADD:
		pw_hash_new(j, r->user_add->password);
		break;
	default:
		break;
	}
}

static void *
pw_main(void *arg)
{
	struct auth *au = arg;
	pthread_mutex_lock(&au->mu);
	for (;;) {
		while (au->queue == NULL && !au->stop)
			pthread_cond_wait(&au->cv, &au->mu);
		if (au->queue == NULL)
			break;
		struct job *j = au->queue;
		au->queue = j->next;
		if (au->queue == NULL)
			au->queue_tail = &au->queue;
		j->next = NULL;
		if (au->dummy_hash[0] == '\0') {
			char pw[16];
			randombytes_buf(pw, sizeof pw);
			auth_hash_password(au->dummy_hash, pw, sizeof pw);
		}
		pthread_mutex_unlock(&au->mu);
		pw_work(au, j);
		pthread_mutex_lock(&au->mu);
		bool was_empty = au->done == NULL;
		*au->done_tail = j;
		au->done_tail = &j->next;
		if (was_empty) {
			uint64_t one = 1;
			if (write(au->efd, &one, sizeof one) < 0 && errno != EAGAIN)
				log_error("auth: eventfd: %s", strerror(errno));
		}
	}
	pthread_mutex_unlock(&au->mu);
	return NULL;
}

static void auth_done(struct server *srv, struct job *j);

static void
auth_done_cb(evutil_socket_t fd, short what, void *arg)
{
	struct server *srv = arg;
	struct auth *au = &srv->auth;
	uint64_t v;
	(void)what;
	if (read(fd, &v, sizeof v) < 0 && errno != EAGAIN)
		log_error("auth: eventfd read: %s", strerror(errno));
	pthread_mutex_lock(&au->mu);
	struct job *list = au->done;
	au->done = NULL;
	au->done_tail = &au->done;
	pthread_mutex_unlock(&au->mu);
	while (list != NULL) {
		struct job *j = list;
		list = j->next;
		j->next = NULL;
		auth_done(srv, j);
	}
}

int
auth_init(struct server *srv)
{
	struct auth *au = &srv->auth;
	memset(au, 0, sizeof *au);
	if (sodium_init() < 0)
		return -1;
	au->queue_tail = &au->queue;
	au->done_tail = &au->done;
	au->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (au->efd < 0)
		return -1;
	au->ev = event_new(srv->base, au->efd, EV_READ | EV_PERSIST,
	    auth_done_cb, srv);
	if (au->ev == NULL || event_add(au->ev, NULL) < 0)
		return -1;
	pthread_mutex_init(&au->mu, NULL);
	pthread_cond_init(&au->cv, NULL);
	if (pthread_create(&au->thread, NULL, pw_main, au) != 0)
		return -1;
	au->running = true;
	return 0;
}

void
auth_free(struct server *srv)
{
	struct auth *au = &srv->auth;
	if (au->running) {
		pthread_mutex_lock(&au->mu);
		au->stop = true;
		pthread_cond_signal(&au->cv);
		pthread_mutex_unlock(&au->mu);
		pthread_join(au->thread, NULL);
		au->running = false;
		auth_done_cb(au->efd, EV_READ, srv);
		pthread_mutex_destroy(&au->mu);
		pthread_cond_destroy(&au->cv);
	}
	if (au->ev != NULL)
		event_free(au->ev);
	if (au->efd > 0)
		close(au->efd);
	free(au->th);
	sodium_memzero(au->dummy_hash, sizeof au->dummy_hash);
	session_free_all(&srv->sessions);
	memset(au, 0, sizeof *au);
}

/* ---- the failed-login brake -------------------------------------------- */

static struct throttle_ent *
th_find(struct auth *au, const char *key, bool make)
{
	size_t oldest = 0;
	for (size_t i = 0; i < au->nth; i++) {
		if (strcmp(au->th[i].key, key) == 0)
			return &au->th[i];
		if (au->th[i].last_ms < au->th[oldest].last_ms)
			oldest = i;
	}
	if (!make)
		return NULL;
	struct throttle_ent *e;
	if (au->nth == THROTTLE_MAX) {
		e = &au->th[oldest];
	} else {
		if (au->th == NULL) {
			au->th = calloc(THROTTLE_MAX, sizeof *au->th);
			if (au->th == NULL)
				return NULL;
		}
		e = &au->th[au->nth++];
	}
	memset(e, 0, sizeof *e);
	snprintf(e->key, sizeof e->key, "%s", key);
	return e;
}

/* Milliseconds to wait before key may try again (0: now). */
static int64_t
th_wait(struct auth *au, const char *key, int64_t now)
{
	struct throttle_ent *e = th_find(au, key, false);
	return e != NULL && e->until_ms > now ? e->until_ms - now : 0;
}

/* Count a failure; returns the failures in a row. */
static unsigned
th_fail(struct auth *au, const char *key, int64_t now, uint64_t max_s)
{
	struct throttle_ent *e = th_find(au, key, true);
	if (e == NULL)
		return 0;
	e->failures++;
	e->last_ms = now;
	if (e->failures >= THROTTLE_FREE) {
		unsigned shift = e->failures - THROTTLE_FREE;
		uint64_t s = shift >= 20 ? max_s : (uint64_t)1 << shift;
		if (s > max_s)
			s = max_s;
		e->until_ms = now + (int64_t)s * 1000;
	}
	return e->failures;
}

static void
th_clear(struct auth *au, const char *key)
{
	struct throttle_ent *e = th_find(au, key, false);
	if (e != NULL)
		*e = au->th[--au->nth];
}

/* The address without its port: "1.2.3.4:5" -> "1.2.3.4". */
static void
peer_host(const char *peer, char *out, size_t size)
{
	const char *colon = peer[0] == '[' ? strchr(peer, ']') :
	    strrchr(peer, ':');
	size_t n = colon ? (size_t)(colon - peer) + (peer[0] == '[') :
	    strlen(peer);
	snprintf(out, size, "%.*s", (int)n, peer);
}

/* ---- the flow ----------------------------------------------------------- */

void
auth_audit(struct server *srv, const struct principal *who,
    const char *request, const char *kind, uint64_t id, int outcome)
{
	struct audit_rec r;
	audit_rec_set(&r, who, (int64_t)server_now(srv), request, kind, id,
	    outcome);
	writer_audit(&srv->writer, &r);
}

/* Answer j from the loop, and let c go on. */
static void
finish(struct server *srv, struct job *j)
{
	j->cmd->calls++;
	if (j->resp.status != HOSO__STATUS__OK)
		j->cmd->failures++;
	if (job_pack(j) < 0)
		j->frame = NULL;
	conn_job_done(j->conn, j);
	server_put_job(srv, j);
}

static void
fail(struct server *srv, struct job *j, int status, const char *field,
    const char *fmt, const char *arg)
{
	job_resp_init(j);
	struct req_ctx ctx = { .arena = &j->resp_arena, .resp = &j->resp };
	ctx_failv(&ctx, status, field, fmt, arg, (const char *)NULL);
	finish(srv, j);
}

/* Refuse j at once, from inside conn_serve: answer and let the caller's
 * loop go on with the next frame (no recursion into conn_process). */
static void
refuse_now(struct server *srv, struct job *j, int status, const char *field,
    const char *fmt, const char *arg)
{
	struct conn *c = j->conn;
	job_resp_init(j);
	struct req_ctx ctx = { .arena = &j->resp_arena, .resp = &j->resp };
	ctx_failv(&ctx, status, field, fmt, arg, (const char *)NULL);
	j->cmd->calls++;
	j->cmd->failures++;
	c->job = NULL;
	srv->inflight--;
	if (job_pack(j) == 0)
		conn_send(c, j->frame, j->frame_len);
	server_put_job(srv, j);
}

/* Ask the daemon itself to raise a "security" alert. */
static void
security_alert(struct server *srv, const char *login, const char *peer,
    unsigned failures)
{
	struct job *j = server_get_job(srv);
	if (j == NULL)
		return;
	Hoso__Request *req = arena_alloc(&j->req_arena, sizeof *req);
	Hoso__SecurityAlert *sa = arena_alloc(&j->req_arena, sizeof *sa);
	if (req == NULL || sa == NULL) {
		server_put_job(srv, j);
		return;
	}
	hoso__request__init(req);
	hoso__security_alert__init(sa);
	sa->login = arena_strdup(&j->req_arena, login);
	sa->peer = arena_strdup(&j->req_arena, peer);
	sa->failures = failures;
	req->body_case = HOSO__REQUEST__BODY_SECURITY_ALERT;
	req->security_alert = sa;
	j->req = req;
	j->cmd = cmd_lookup(req->body_case);
	j->now = (int64_t)server_now(srv);
	j->who.role = ROLE_SYSTEM;
	j->rules = srv->cfg->rules;
	server_submit(srv, j);
}

void
auth_principal(struct req_ctx *c, const Hoso__User *u, struct principal *p)
{
	memset(p, 0, sizeof *p);
	p->user_id = u->id;
	p->role = u->role;
	p->org_id = u->org_id;
	snprintf(p->login, sizeof p->login, "%s", u->login);
	int rc;
	Hoso__Org *o = u->org_id ? org_get(c->txn, u->org_id, c->arena, &rc) :
	    NULL;
	if (o == NULL)
		return;
	if (o->kind == HOSO__ORG_KIND__ORG_WARD)
		p->ward_id = o->id;
	else if (o->kind == HOSO__ORG_KIND__ORG_CELL ||
	    o->kind == HOSO__ORG_KIND__ORG_POLICE)
		p->ward_id = o->parent_id;
	if (u->role == HOSO__ROLE__ROLE_POLICE && o->kind ==
	    HOSO__ORG_KIND__ORG_POLICE)
		p->org_id = o->parent_id;       /* a station serves its ward */
}

/* Loop thread: read what the password thread needs, then hand j over. */
void
auth_start(struct conn *c, struct job *j)
{
	struct server *srv = c->srv;
	const Hoso__Request *r = j->req;
	j->conn = c;
	j->now = (int64_t)server_now(srv);
	j->rules = srv->cfg->rules;
	j->who = c->who;
	snprintf(j->who.peer, sizeof j->who.peer, "%s", c->peer);
	c->job = j;
	srv->inflight++;
	job_resp_init(j);

	const char *login = NULL;
	if (r->body_case == HOSO__REQUEST__BODY_LOGIN) {
		char host[64], ku[80], ka[80];
		login = r->login->login;
		peer_host(c->peer, host, sizeof host);
		snprintf(ku, sizeof ku, "u:%s", login);
		snprintf(ka, sizeof ka, "a:%s", host);
		int64_t now = session_now_ms(), wu = th_wait(&srv->auth, ku, now),
		    wa = th_wait(&srv->auth, ka, now), w = wu > wa ? wu : wa;
		snprintf(j->who.login, sizeof j->who.login, "%s", login);
		if (w > 0) {
			char secs[24];
			snprintf(secs, sizeof secs, "%lld",
			    (long long)((w + 999) / 1000));
			log_warn("login %s from %s refused: too many failures, "
			    "wait %s s", login, c->peer, secs);
			auth_audit(srv, &j->who, "login", "user", 0,
			    HOSO__STATUS__RESOURCE_EXHAUSTED);
			refuse_now(srv, j, HOSO__STATUS__RESOURCE_EXHAUSTED, NULL,
			    N_("too many failed logins for this account or from "
			    "this address; try again in %s seconds"), secs);
			return;
		}
	} else if (r->body_case == HOSO__REQUEST__BODY_USER_PASSWD) {
		login = r->user_passwd->login;
		if (login[0] == '\0' || strcmp(login, c->who.login) == 0)
			login = c->who.login;   /* one's own: check the old */
		else
			login = NULL;
	}
	if (r->body_case == HOSO__REQUEST__BODY_USER_ADD ||
	    r->body_case == HOSO__REQUEST__BODY_USER_PASSWD) {
		const char *pw = r->body_case == HOSO__REQUEST__BODY_USER_ADD ?
		    r->user_add->password : r->user_passwd->password;
		size_t chars = 0;
		for (const char *q = pw; *q != '\0'; q++)
			chars += ((unsigned char)*q & 0xC0) != 0x80;
		if (chars < 10 || strlen(pw) > 1024) {
			refuse_now(srv, j, HOSO__STATUS__INVALID_ARGUMENT,
			    "password",
			    N_("a password needs %s to 1024 characters"), "10");
			return;
		}
	}
	if (login != NULL) {
		struct txn t;
		struct arena a;
		int rc = -1;
		arena_init(&a);
		if (store_read_begin(&srv->store, &t) == 0) {
			Hoso__User *u = user_by_login(&t, login, &a, &rc);
			if (u != NULL && u->password_hash != NULL) {
				snprintf(j->pw_hash, sizeof j->pw_hash, "%s",
				    u->password_hash);
				j->audit_id = u->id;
			}
			store_read_end(&t);
		}
		arena_free(&a);
	}
	pthread_mutex_lock(&srv->auth.mu);
	*srv->auth.queue_tail = j;
	srv->auth.queue_tail = &j->next;
	pthread_cond_signal(&srv->auth.cv);
	pthread_mutex_unlock(&srv->auth.mu);
}

/* Login checked: make the session, or count the failure. */
static void
login_done(struct server *srv, struct job *j)
{
	struct conn *c = j->conn;
	const char *login = j->req->login->login;
	char host[64], ku[80], ka[80];
	peer_host(j->who.peer, host, sizeof host);
	snprintf(ku, sizeof ku, "u:%s", login);
	snprintf(ka, sizeof ka, "a:%s", host);
	if (!j->pw_ok) {
		int64_t now = session_now_ms();
		uint64_t max = srv->cfg->login_delay_max;
		unsigned nu = th_fail(&srv->auth, ku, now, max);
		unsigned na = th_fail(&srv->auth, ka, now, max);
		log_warn("login failed for %s from %s (%u in a row for the "
		    "account, %u from the address)", login, j->who.peer, nu, na);
		if (nu == THROTTLE_ALERT || na == THROTTLE_ALERT)
			security_alert(srv, login, host, nu > na ? nu : na);
		auth_audit(srv, &j->who, "login", "user", j->audit_id,
		    HOSO__STATUS__UNAUTHENTICATED);
		fail(srv, j, HOSO__STATUS__UNAUTHENTICATED, NULL,
		    N_("wrong user name or password"), NULL);
		return;
	}
	/* The password was right: read the account again, as it is now. */
	struct txn t;
	Hoso__User *u = NULL;
	int rc = -1;
	job_resp_init(j);
	struct req_ctx ctx = { .arena = &j->resp_arena, .resp = &j->resp,
	    .srv = srv, .conn = c, .who = &j->who, .cmd = j->cmd };
	if (store_read_begin(&srv->store, &t) == 0) {
		ctx.txn = &t;
		u = user_by_login(&t, login, &j->resp_arena, &rc);
		if (u != NULL && u->enabled) {
			struct principal p;
			auth_principal(&ctx, u, &p);
			snprintf(p.peer, sizeof p.peer, "%s", j->who.peer);
			j->who = p;
		}
		store_read_end(&t);
	}
	if (u == NULL || !u->enabled) {
		auth_audit(srv, &j->who, "login", "user", j->audit_id,
		    HOSO__STATUS__UNAUTHENTICATED);
		fail(srv, j, HOSO__STATUS__UNAUTHENTICATED, NULL, u == NULL ?
		    N_("wrong user name or password") :
		    N_("the account %s is disabled; ask the district's "
		    "administrator"), login);
		return;
	}
	th_clear(&srv->auth, ku);
	th_clear(&srv->auth, ka);
	char token[SESSION_TOKEN_HEX + 1];
	struct session *se = session_new(&srv->sessions, &j->who,
	    session_now_ms(), token);
	Hoso__LoginReply *lr = arena_alloc(&j->resp_arena, sizeof *lr);
	if (se == NULL || lr == NULL || c->dead) {
		fail(srv, j, HOSO__STATUS__INTERNAL, NULL,
		    N_("the server is out of memory"), NULL);
		return;
	}
	hoso__login_reply__init(lr);
	lr->token = arena_strdup(&j->resp_arena, token);
	sodium_memzero(token, sizeof token);
	u->password_hash = (char *)"";
	lr->user = u;
	lr->idle_timeout = (uint32_t)srv->cfg->session_idle;
	lr->expires_at = j->now + (int64_t)srv->cfg->session_max;
	j->resp.body_case = HOSO__RESPONSE__BODY_LOGIN;
	j->resp.login = lr;
	c->authed = true;
	c->who = j->who;
	memcpy(c->session, se->key, SESSION_KEY_LEN);
	log_info("login %s (%s) from %s", login, role_name(j->who.role),
	    j->who.peer);
	auth_audit(srv, &j->who, "login", "user", u->id, HOSO__STATUS__OK);
	finish(srv, j);
}

/* Back from the password thread (loop). */
static void
auth_done(struct server *srv, struct job *j)
{
	srv->inflight--;
	if (j->conn->dead) {
		conn_job_done(j->conn, j);      /* frees the connection */
		server_put_job(srv, j);
		return;
	}
	if (j->req->body_case == HOSO__REQUEST__BODY_LOGIN) {
		log_context_set("login", j->req->login->login, j->who.peer,
		    j->conn->id);
		login_done(srv, j);
		log_context_clear();
		return;
	}
	if (j->pw_hash[0] == '\0') {           /* UserAdd, UserPasswd */
		fail(srv, j, HOSO__STATUS__INTERNAL, NULL,
		    N_("the server is out of memory"), NULL);
		return;
	}
	server_submit(srv, j);                  /* on to the writer */
}

int
auth_resume(struct req_ctx *c, const char *token)
{
	struct server *srv = c->srv;
	struct conn *cn = c->conn;
	uint8_t key[SESSION_KEY_LEN];
	struct session *se = NULL;
	if (session_key(token, key))
		se = session_use(&srv->sessions, key, session_now_ms(),
		    (int64_t)srv->cfg->session_idle,
		    (int64_t)srv->cfg->session_max);
	if (se == NULL) {
		cn->authed = false;
		return ctx_fail(c, HOSO__STATUS__UNAUTHENTICATED, "token",
		    N_("the session has ended (or the token is unknown); log "
		    "in again"));
	}
	cn->authed = true;
	cn->who = se->who;
	snprintf(cn->who.peer, sizeof cn->who.peer, "%s", cn->peer);
	memcpy(cn->session, key, SESSION_KEY_LEN);
	return 0;
}

int
auth_gate(struct conn *c, const struct job *j, const char **msg)
{
	struct server *srv = c->srv;
	if (j->cmd->flags & CMD_NO_AUTH)
		return 0;
	if (!c->authed) {
		*msg = N_("log in first (hoso login --user NAME)");
		return HOSO__STATUS__UNAUTHENTICATED;
	}
	if (session_use(&srv->sessions, c->session, session_now_ms(),
	    (int64_t)srv->cfg->session_idle,
	    (int64_t)srv->cfg->session_max) == NULL) {
		c->authed = false;
		*msg = N_("the session has ended; log in again");
		return HOSO__STATUS__UNAUTHENTICATED;
	}
	if (!authz_role(&c->who, j->cmd)) {
		*msg = N_("permission denied: your role may not do this");
		return HOSO__STATUS__PERMISSION_DENIED;
	}
	return 0;
}

void
auth_after_write(struct server *srv, const struct job *j)
{
	if (j->resp.status != HOSO__STATUS__OK)
		return;
	const Hoso__Request *r = j->req;
	size_t n = 0;
	if (r->body_case == HOSO__REQUEST__BODY_USER_SET_ENABLED &&
	    !r->user_set_enabled->enabled)
		n = session_drop_user(&srv->sessions, j->audit_id, NULL);
	else if (r->body_case == HOSO__REQUEST__BODY_USER_PASSWD)
		n = session_drop_user(&srv->sessions, j->audit_id,
		    j->conn && j->conn->who.user_id == j->audit_id ?
		    j->conn->session : NULL);
	if (n > 0)
		log_info("ended %zu session(s) of user %llu", n,
		    (unsigned long long)j->audit_id);
}

void
auth_tick(struct server *srv)
{
	session_expire(&srv->sessions, session_now_ms(),
	    (int64_t)srv->cfg->session_idle, (int64_t)srv->cfg->session_max);
	struct auth *au = &srv->auth;
	int64_t now = session_now_ms();
	for (size_t i = 0; i < au->nth;) {
		if (now - au->th[i].last_ms > THROTTLE_FORGET_MS &&
		    au->th[i].until_ms < now)
			au->th[i] = au->th[--au->nth];
		else
			i++;
	}
}
