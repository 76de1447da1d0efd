/* server.c: event loop, listeners, signals, timeouts, the TLS context and
 * the job pool (see server.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/ssl.h>

#include "i18n.h"
#include "conn.h"
#include "job.h"
#include "alerting.h"
#include "date.h"
#include "log.h"
#include "sdnotify.h"
#include "server.h"
#include "tls.h"

#define POOL_MAX 64
/* Descriptors besides the clients': listeners, the store, the log, the
 * writer's and the password thread's wake-ups, TLS files, a spare. */
#define SERVER_FD_MARGIN 64
/* How long the listeners rest when accept() fails even with the spare. */
#define SERVER_ACCEPT_PAUSE_MS 100
/* Clients accepted in a row before the listeners wait for the next loop
 * pass: libevent accepts until the backlog is empty, and a connection
 * flood would otherwise hold the loop for a whole backlog (1024). */
#define SERVER_ACCEPT_BURST 64

/* A descriptor kept open (on /dev/null) to be given up when accept()
 * finds none left, so that the client can still be told why it is
 * refused (see server_accept_error_cb).  One server per process. */
static int server_spare_fd = -1;
/* Clients accepted since the listeners last rested. */
static unsigned server_accept_count;

static void server_accept_resume_cb(evutil_socket_t fd, short what,
    void *arg);

/* Stop accepting for delay_ms (0: until the next loop pass). */
static void
server_accept_pause(struct server *srv, long delay_ms)
{
	struct timeval tv = { delay_ms / 1000, (delay_ms % 1000) * 1000 };
	for (int i = 0; i < srv->nlisteners; i++)
		evconnlistener_disable(srv->listeners[i]);
	if (event_base_once(srv->base, -1, EV_TIMEOUT, server_accept_resume_cb,
	    srv, &tv) < 0)
		server_accept_resume_cb(-1, 0, srv);
}

time_t
server_now(struct server *srv)
{
	struct timeval tv;
	event_base_gettimeofday_cached(srv->base, &tv);
	return tv.tv_sec + srv->clock_offset;
}

struct job *
server_get_job(struct server *srv)
{
	struct job *j = srv->pool;
	if (j != NULL) {
		srv->pool = j->next;
		srv->npool--;
		j->next = NULL;
		return j;
	}
	return job_new();
}

void
server_put_job(struct server *srv, struct job *j)
{
	job_reset(j);
	if (srv->npool >= POOL_MAX) {
		job_free(j);
		return;
	}
	j->next = srv->pool;
	srv->pool = j;
	srv->npool++;
}

void
server_submit(struct server *srv, struct job *j)
{
	srv->inflight++;
	writer_submit(&srv->writer, j);
}

void
server_maybe_exit(struct server *srv)
{
	if (!srv->stopping || srv->inflight != 0)
		return;
	bool late = server_now(srv) - srv->stop_at >=
	    (time_t)srv->cfg->write_timeout;
	for (struct conn *c = srv->conns; c != NULL && !late; c = c->next)
		if (conn_queued(c) > 0)
			return;         /* its conn_flush calls again when done */
	event_base_loopexit(srv->base, NULL);
}

/* The writer handed a finished job back (loop thread). */
static void
server_job_done(struct job *j, void *arg)
{
	struct server *srv = arg;
	srv->inflight--;
	if (j->due_changed && j->resp.status == HOSO__STATUS__OK)
		alerting_schedule(srv, (long)srv->cfg->alert_delay);
	auth_after_write(srv, j);
	if (j->conn == NULL && j->req->body_case ==
	    HOSO__REQUEST__BODY_SECURITY_ALERT)
		alerting_raised(srv, j);        /* the daemon's own job */
	else if (j->conn == NULL)
		alerting_sweep_done(srv, j);
	else
		conn_job_done(j->conn, j);
	server_put_job(srv, j);
	server_maybe_exit(srv);
}

void
server_addr_text(const struct sockaddr *sa, char *buf, size_t size)
{
	char host[INET6_ADDRSTRLEN] = "?";
	int port = 0;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *s4 = (const void *)sa;
		inet_ntop(AF_INET, &s4->sin_addr, host, sizeof host);
		port = ntohs(s4->sin_port);
		snprintf(buf, size, "%s:%d", host, port);
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const void *)sa;
		inet_ntop(AF_INET6, &s6->sin6_addr, host, sizeof host);
		port = ntohs(s6->sin6_port);
		snprintf(buf, size, "[%s]:%d", host, port);
	} else {
		snprintf(buf, size, "?");
	}
}

/* A new client: refuse it with an error frame if we are full. */
static void
server_accept_cb(struct evconnlistener *l, evutil_socket_t fd,
    struct sockaddr *sa, int salen, void *arg)
{
	struct server *srv = arg;
	char peer[64];
	(void)l;
	(void)salen;
	if (++server_accept_count >= SERVER_ACCEPT_BURST) {
		server_accept_count = 0;
		server_accept_pause(srv, 0);
	}
	server_addr_text(sa, peer, sizeof peer);
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (srv->stopping || srv->nconns >= srv->cfg->max_connections) {
		char lim[24];
		snprintf(lim, sizeof lim, "%llu",
		    (unsigned long long)srv->cfg->max_connections);
		log_warn("refusing %s: %s", peer, srv->stopping ?
		    "shutting down" : "too many connections");
		/* A plain frame, even to a TLS client: no handshake is spent
		 * on a client that cannot be served. */
		if (srv->stopping)
			conn_refuse(srv, fd, HOSO__STATUS__RESOURCE_EXHAUSTED,
			    N_("the server is shutting down; try again in a "
			    "moment"));
		else
			conn_refuse(srv, fd, HOSO__STATUS__RESOURCE_EXHAUSTED,
			    N_("the server has too many connections (limit %s); "
			    "try again later"), lim);
		close(fd);
		return;
	}
	if (conn_new(srv, fd, peer) == NULL) {
		log_error("cannot serve %s: out of memory", peer);
		close(fd);
		return;
	}
	log_debug("connection from %s", peer);
}

/* The listeners rested (a burst of clients, or accept() failed): take
 * clients again. */
static void
server_accept_resume_cb(evutil_socket_t fd, short what, void *arg)
{
	struct server *srv = arg;
	(void)fd;
	(void)what;
	if (srv->stopping)
		return;
	for (int i = 0; i < srv->nlisteners; i++)
		evconnlistener_enable(srv->listeners[i]);
}

/* accept() failed.  Out of descriptors (EMFILE, ENFILE) the client would
 * stay in the backlog and the listener would fire again at once, for
 * ever: give up the spare descriptor to accept the client and refuse it
 * with an error frame, then take the spare back.  If accept() fails even
 * so, or for another reason, let the listeners rest for a moment. */
static void
server_accept_error_cb(struct evconnlistener *l, void *arg)
{
	struct server *srv = arg;
	int err = EVUTIL_SOCKET_ERROR();
	if ((err == EMFILE || err == ENFILE) && server_spare_fd >= 0) {
		close(server_spare_fd);
		int fd = accept4(evconnlistener_get_fd(l), NULL, NULL,
		    SOCK_NONBLOCK | SOCK_CLOEXEC);
		err = errno;
		if (fd >= 0) {
			char lim[24];
			snprintf(lim, sizeof lim, "%u", srv->nconns);
			log_warn("refusing a client: no file descriptor left "
			    "(%u connections open)", srv->nconns);
			conn_refuse(srv, fd, HOSO__STATUS__RESOURCE_EXHAUSTED,
			    N_("the server has too many connections (limit %s); "
			    "try again later"), lim);
			close(fd);
		}
		server_spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (fd >= 0)
			return;
	}
	if (err == EAGAIN || err == EWOULDBLOCK || err == EINTR ||
	    err == ECONNABORTED)
		return;
	log_warn("accept: %s; not accepting for %d ms", strerror(err),
	    SERVER_ACCEPT_PAUSE_MS);
	server_accept_pause(srv, SERVER_ACCEPT_PAUSE_MS);
}

/* Parse "HOST:PORT" or "[V6]:PORT" into host and port strings. */
static int
split_hostport(const char *s, char *host, size_t hsize, char *port,
    size_t psize)
{
	const char *colon;
	if (*s == '[') {
		const char *end = strchr(s, ']');
		if (end == NULL || end[1] != ':')
			return -1;
		snprintf(host, hsize, "%.*s", (int)(end - s - 1), s + 1);
		colon = end + 1;
	} else {
		colon = strrchr(s, ':');
		if (colon == NULL)
			return -1;
		snprintf(host, hsize, "%.*s", (int)(colon - s), s);
	}
	snprintf(port, psize, "%s", colon + 1);
	return *host && *port ? 0 : -1;
}

/* Write the port of the first listener to the port file, atomically. */
static int
server_write_port_file(struct server *srv, int port)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", srv->cfg->port_file);
	FILE *f = fopen(tmp, "w");
	if (f == NULL)
		return -1;
	fprintf(f, "%d\n", port);
	if (fclose(f) != 0 || rename(tmp, srv->cfg->port_file) != 0)
		return -1;
	return 0;
}

int
server_listen(struct server *srv, char **cause)
{
	if (server_spare_fd < 0)
		server_spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	for (int i = 0; i < srv->cfg->nlisten; i++) {
		const char *spec = srv->cfg->listen[i];
		char host[256], port[16], text[80];
		struct addrinfo hints = { .ai_family = AF_UNSPEC,
		    .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE }, *ai;
		if (split_hostport(spec, host, sizeof host, port, sizeof port) < 0) {
			if (asprintf(cause, "listen %s: expected ADDR:PORT or "
			    "[ADDR]:PORT", spec) < 0)
				*cause = NULL;
			return -1;
		}
		int rc = getaddrinfo(host, port, &hints, &ai);
		if (rc != 0) {
			if (asprintf(cause, "listen %s: %s", spec,
			    gai_strerror(rc)) < 0)
				*cause = NULL;
			return -1;
		}
		struct evconnlistener *l = evconnlistener_new_bind(srv->base,
		    server_accept_cb, srv, LEV_OPT_CLOSE_ON_FREE |
		    LEV_OPT_REUSEABLE | LEV_OPT_CLOSE_ON_EXEC |
		    (ai->ai_family == AF_INET6 ? LEV_OPT_BIND_IPV6ONLY : 0),
		    1024, ai->ai_addr,
		    (int)ai->ai_addrlen);
		int err = errno;
		freeaddrinfo(ai);
		if (l == NULL) {
			if (asprintf(cause, "listen %s: %s", spec,
			    strerror(err)) < 0)
				*cause = NULL;
			return -1;
		}
		srv->listeners[srv->nlisteners++] = l;
		evconnlistener_set_error_cb(l, server_accept_error_cb);
		struct sockaddr_storage ss;
		socklen_t sl = sizeof ss;
		getsockname(evconnlistener_get_fd(l), (struct sockaddr *)&ss, &sl);
		server_addr_text((struct sockaddr *)&ss, text, sizeof text);
		log_info("listening on %s", text);
		if (i == 0 && srv->cfg->port_file != NULL) {
			int p = ss.ss_family == AF_INET6 ?
			    ntohs(((struct sockaddr_in6 *)&ss)->sin6_port) :
			    ntohs(((struct sockaddr_in *)&ss)->sin_port);
			if (server_write_port_file(srv, p) < 0) {
				if (asprintf(cause, "port file %s: %s",
				    srv->cfg->port_file, strerror(errno)) < 0)
					*cause = NULL;
				return -1;
			}
		}
	}
	return 0;
}

/* Once a second: drop idle clients, stalled frames, clients not reading. */
static void
server_tick_cb(evutil_socket_t fd, short what, void *arg)
{
	struct server *srv = arg;
	const struct config *cfg = srv->cfg;
	time_t now = server_now(srv);
	(void)fd;
	(void)what;
	auth_tick(srv);
	struct conn *c = srv->conns;
	while (c != NULL) {
		struct conn *next = c->next;
		if (c->job != NULL) {
			c = next;
			continue;
		}
		if (c->paused && now - c->last_progress >= (time_t)cfg->write_timeout) {
			log_warn("conn %llu %s: not reading its replies (%zu bytes "
			    "queued); dropped", (unsigned long long)c->id, c->peer,
			    conn_queued(c));
			conn_close(c, "output cap");
		} else if (c->frame_started != 0 &&
		    now - c->frame_started >= (time_t)cfg->frame_timeout) {
			log_warn("conn %llu %s: %s not finished within %llus; "
			    "dropped", (unsigned long long)c->id, c->peer,
			    c->tls && !c->tls_up ? "TLS handshake" : "frame",
			    (unsigned long long)cfg->frame_timeout);
			conn_close(c, "frame timeout");
		} else if (c->frame_started == 0 && !c->paused &&
		    conn_queued(c) == 0 &&
		    now - c->last_active >= (time_t)cfg->idle_timeout) {
			conn_close(c, "idle timeout");
		}
		c = next;
	}
	/* Shutting down and some client still has not read its last
	 * replies: give up on it after write_timeout. */
	if (srv->stopping && srv->inflight == 0 &&
	    now - srv->stop_at >= (time_t)cfg->write_timeout)
		server_maybe_exit(srv);
}

/* SIGTERM/SIGINT: stop accepting and reading, finish writes, exit. */
static void
server_stop_cb(evutil_socket_t sig, short what, void *arg)
{
	struct server *srv = arg;
	(void)what;
	if (srv->stopping)
		return;
	log_info("signal %d: shutting down (%u writes in flight)", (int)sig,
	    srv->inflight);
	srv->stopping = true;
	srv->stop_at = server_now(srv);
	sdnotify_stopping(srv);
	for (int i = 0; i < srv->nlisteners; i++)
		evconnlistener_disable(srv->listeners[i]);
	for (struct conn *c = srv->conns, *next; c != NULL; c = next) {
		next = c->next;
		conn_stop_reading(c);
	}
	server_maybe_exit(srv);
}

/* SIGHUP: reread the settings file; apply what can change while running. */
static void
server_reload_cb(evutil_socket_t sig, short what, void *arg)
{
	struct server *srv = arg;
	struct config *old = srv->cfg, fresh;
	char *cause = NULL, *path;
	(void)sig;
	(void)what;
	sdnotify_reload_begin();
	config_defaults(&fresh);
	free(fresh.data);
	fresh.data = strdup(old->data);
	fresh.config_file = old->config_file ? strdup(old->config_file) : NULL;
	path = config_file_path(&fresh);
	if (path == NULL || config_load_file(&fresh, path,
	    old->config_file != NULL, &cause) < 0) {
		log_error("reload: %s; keeping the current settings",
		    cause ? cause : "out of memory");
		goto out;
	}
	config_reload_into(old, &fresh);
	log_set_level(old->log_level);
	log_info("reload: settings reread from %s (listen, data and map_size "
	    "need a restart)", path);
out:
	free(cause);
	free(path);
	config_free(&fresh);
	sdnotify_reload_end(srv);
}

/* Connections closed during the last callbacks: free them now. */
static void
server_reap_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	conn_reap(arg);
}

/* The certificate (made on first start) and the TLS context; the
 * fingerprint goes to the log at warn level, so it always shows. */
static int
server_tls_init(struct server *srv, char **cause)
{
	struct tls_identity id;
	if (tls_identity_load(srv->cfg, &id, cause) < 0)
		return -1;
	if (id.made)
		log_info("made a self-signed TLS certificate %s (key %s)",
		    id.cert_path, id.key_path);
	log_warn("TLS certificate SHA-256 fingerprint: %s", id.fingerprint);
	srv->tls_ctx = tls_ctx_new(&id, cause);
	tls_identity_free(&id);
	return srv->tls_ctx != NULL ? 0 : -1;
}

/* Every connection is a descriptor: raise the soft limit on them to the
 * hard one (systemd gives services 1024 soft), and say so if even that is
 * too low for max_connections. */
static void
server_raise_fd_limit(const struct config *cfg)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return;
	rlim_t was = rl.rlim_cur;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0) {
			/* An unlimited hard limit is capped by fs.nr_open. */
			rl.rlim_cur = (rlim_t)cfg->max_connections +
			    SERVER_FD_MARGIN;
			if (rl.rlim_cur > rl.rlim_max ||
			    setrlimit(RLIMIT_NOFILE, &rl) < 0)
				rl.rlim_cur = was;
		}
		if (rl.rlim_cur != was)
			log_info("open file limit raised from %llu to %llu",
			    (unsigned long long)was,
			    (unsigned long long)rl.rlim_cur);
	}
	if (rl.rlim_cur < (rlim_t)cfg->max_connections + SERVER_FD_MARGIN)
		log_warn("open file limit %llu is below max_connections %llu "
		    "+ %d: clients beyond about %llu connections will be "
		    "refused; raise the limit (ulimit -n, systemd "
		    "LimitNOFILE=)", (unsigned long long)rl.rlim_cur,
		    (unsigned long long)cfg->max_connections, SERVER_FD_MARGIN,
		    (unsigned long long)(rl.rlim_cur > SERVER_FD_MARGIN ?
		    rl.rlim_cur - SERVER_FD_MARGIN : 0));
}

int
server_init(struct server *srv, struct config *cfg, char **cause)
{
	memset(srv, 0, sizeof *srv);
	srv->cfg = cfg;
	server_raise_fd_limit(cfg);
	signal(SIGPIPE, SIG_IGN);
	srv->base = event_base_new();
	if (srv->base == NULL) {
		*cause = strdup("cannot create the event loop");
		return -1;
	}
	srv->reap = event_new(srv->base, -1, 0, server_reap_cb, srv);
	if (srv->reap == NULL) {
		*cause = strdup("out of memory");
		return -1;
	}
	if (store_open(&srv->store, cfg->data, cfg->map_size, cause) < 0)
		return -1;
	if (server_tls_init(srv, cause) < 0)
		return -1;
	if (writer_start(&srv->writer, srv->base, &srv->store,
	    (unsigned)cfg->batch_max, server_job_done, srv) < 0) {
		*cause = strdup("cannot start the writer thread");
		return -1;
	}
	if (cfg->now != NULL) {
		int64_t t;
		if (date_parse_instant(cfg->now, &t) != DATE_OK) {
			if (asprintf(cause, "--now %s: not a timestamp "
			    "(YYYY-MM-DDTHH:MM)", cfg->now) < 0)
				*cause = NULL;
			return -1;
		}
		srv->clock_offset = t - (int64_t)time(NULL);
		log_warn("clock set to %s for testing (offset %lld s)", cfg->now,
		    (long long)srv->clock_offset);
	}
	if (auth_init(srv) < 0) {
		*cause = strdup("cannot start the password thread");
		return -1;
	}
	if (alerting_init(srv) < 0) {
		*cause = strdup("cannot start the deadline timer");
		return -1;
	}
	struct timeval sec = { 1, 0 };
	srv->tick = event_new(srv->base, -1, EV_PERSIST, server_tick_cb, srv);
	srv->sigterm = evsignal_new(srv->base, SIGTERM, server_stop_cb, srv);
	srv->sigint = evsignal_new(srv->base, SIGINT, server_stop_cb, srv);
	srv->sighup = evsignal_new(srv->base, SIGHUP, server_reload_cb, srv);
	event_add(srv->tick, &sec);
	event_add(srv->sigterm, NULL);
	event_add(srv->sigint, NULL);
	event_add(srv->sighup, NULL);
	return 0;
}

int
server_run(struct server *srv)
{
	/* Queued replies have left by the time the loop ends (see
	 * server_maybe_exit). */
	sdnotify_ready(srv);
	int rc = event_base_dispatch(srv->base);
	sdnotify_free();
	log_info("stopped: %llu commits for %llu writes", (unsigned long long)
	    srv->writer.commits, (unsigned long long)srv->writer.jobs);
	return rc;
}

void
server_free(struct server *srv)
{
	auth_free(srv);
	writer_stop(&srv->writer);
	while (srv->conns != NULL)
		conn_close(srv->conns, "server exit");
	conn_reap(srv);
	if (srv->reap) event_free(srv->reap);
	SSL_CTX_free(srv->tls_ctx);
	for (int i = 0; i < srv->nlisteners; i++)
		evconnlistener_free(srv->listeners[i]);
	alerting_free(srv);
	if (srv->tick) event_free(srv->tick);
	if (srv->sigterm) event_free(srv->sigterm);
	if (srv->sigint) event_free(srv->sigint);
	if (srv->sighup) event_free(srv->sighup);
	while (srv->pool != NULL) {
		struct job *j = srv->pool;
		srv->pool = j->next;
		job_free(j);
	}
	store_close(&srv->store);
	if (srv->base)
		event_base_free(srv->base);
}
