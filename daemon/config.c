/* config.c: the settings table, flags and hosod.conf (see config.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hoso/protocol.h"
#include "config.h"
#include "log.h"

enum opt_type { OPT_STR, OPT_LIST, OPT_UINT, OPT_SIZE, OPT_BOOL, OPT_LEVEL };

struct opt {
	const char *key;
	enum opt_type type;
	size_t off;
	const char *arg;
	const char *help;
	bool reload;                /* SIGHUP applies it to a running daemon */
};

#define OFF(f) offsetof(struct config, f)

/* Every setting: the file key, its flag (key with '-'), its type, its help. */
static const struct opt opts[] = {
	{ "data", OPT_STR, OFF(data), "DIR",
	  "data directory (default ./var/hoso in the source tree, /var/lib/hoso installed)" },
	{ "listen", OPT_LIST, OFF(listen), "ADDR:PORT",
	  "listen address, repeatable; [::1]:7707 for IPv6 (default 127.0.0.1:7707)" },
	{ "port_file", OPT_STR, OFF(port_file), "FILE",
	  "write the first listener's port here once listening" },
	{ "demo", OPT_BOOL, OFF(demo), NULL,
	  "seed demo data into an empty data directory" },
	{ "max_frame", OPT_SIZE, OFF(max_frame), "BYTES", "largest frame accepted (1M)", true },
	{ "max_connections", OPT_UINT, OFF(max_connections), "N",
	  "connections served at once (1024)", true },
	{ "idle_timeout", OPT_UINT, OFF(idle_timeout), "SECS",
	  "close connections idle this long (600)", true },
	{ "frame_timeout", OPT_UINT, OFF(frame_timeout), "SECS",
	  "a started frame must arrive whole within this (30)", true },
	{ "output_cap", OPT_SIZE, OFF(output_cap), "BYTES",
	  "replies queued to one client before it is paused (8M)", true },
	{ "write_timeout", OPT_UINT, OFF(write_timeout), "SECS",
	  "drop a client that reads nothing for this long while paused (30)", true },
	{ "map_size", OPT_SIZE, OFF(map_size), "BYTES",
	  "initial LMDB map size; it grows by itself (64M)" },
	{ "batch_max", OPT_UINT, OFF(batch_max), "N",
	  "write requests grouped into one commit at most (256)", true },
	{ "log_level", OPT_LEVEL, OFF(log_level), "LEVEL", "error, warn, info or debug", true },
	{ "cccd_strict", OPT_BOOL, OFF(rules.cccd_strict), NULL,
	  "check a CCCD's province, century/sex and year digits (yes)", true },
	{ "rules.age_min_months", OPT_UINT, OFF(rules.age_min_months), "N",
	  "youngest age at the cell vote, in months (216)", true },
	{ "rules.age_max_months", OPT_UINT, OFF(rules.age_max_months), "N",
	  "oldest age at the cell vote, in months (720)", true },
	{ "rules.course_valid_months", OPT_UINT, OFF(rules.course_valid_months),
	  "N", "awareness-course certificate validity (60)", true },
	{ "rules.paper_valid_months", OPT_UINT, OFF(rules.paper_valid_months),
	  "N", "validity of each dossier paper (12)", true },
	{ "rules.introducer_months", OPT_UINT, OFF(rules.introducer_months),
	  "N", "months an introducer has known the candidate (12)", true },
	{ "rules.vote_numerator", OPT_UINT, OFF(rules.vote_numerator), "N",
	  "votes in favour needed: numerator of the share (2)", true },
	{ "rules.vote_denominator", OPT_UINT, OFF(rules.vote_denominator), "N",
	  "... of the cell's official members: denominator (3)", true },
	{ "rules.min_education", OPT_UINT, OFF(rules.min_education), "N",
	  "lowest education level (2 = lower secondary, 0 = no rule)", true },
	{ "rules.decision_workdays", OPT_UINT, OFF(rules.decision_workdays),
	  "N", "working days from the cell resolution to the decision (60)",
	  true },
	{ "rules.extension_max_workdays", OPT_UINT,
	  OFF(rules.extension_max_workdays), "N",
	  "longest extension of that limit (30)", true },
	{ "rules.ceremony_workdays", OPT_UINT, OFF(rules.ceremony_workdays),
	  "N", "working days from the decision to the ceremony (30)", true },
	{ "rules.probation_months", OPT_UINT, OFF(rules.probation_months), "N",
	  "probation from the ceremony (12)", true },
	{ "rules.recognition_vote_workdays", OPT_UINT,
	  OFF(rules.recognition_vote_workdays), "N",
	  "working days after probation for the recognition vote (30)", true },
	{ "rules.recognition_decision_workdays", OPT_UINT,
	  OFF(rules.recognition_decision_workdays), "N",
	  "working days from that vote to the decision (30)", true },
	{ "rules.check_forward_workdays", OPT_UINT,
	  OFF(rules.check_forward_workdays), "N",
	  "background check: ward committee forwards to police within (0 = "
	  "the same working day)", true },
	{ "rules.check_police_workdays", OPT_UINT,
	  OFF(rules.check_police_workdays), "N",
	  "background check: police answer within, working days (7)", true },
	{ "rules.check_return_workdays", OPT_UINT,
	  OFF(rules.check_return_workdays), "N",
	  "background check: ward returns the result within (3)", true },
	{ "rules.check_outside_workdays", OPT_UINT,
	  OFF(rules.check_outside_workdays), "N",
	  "background check outside the district: remind after (15)", true },
	{ "rules.due_soon_workdays", OPT_UINT, OFF(rules.due_soon_workdays), "N",
	  "alert when this many working days are left (1)", true },
	{ "rules.digest_hour", OPT_UINT, OFF(rules.digest_hour), "H",
	  "hour of the daily digest per ward, Vietnam time (7)", true },
	{ "alert_delay", OPT_UINT, OFF(alert_delay), "SECS",
	  "wait this long after a write moves a deadline before alerting, so "
	  "steps entered one after another settle first (120)", true },
	{ "notify_command", OPT_STR, OFF(notify_command), "PATH",
	  "program run for each new alert, with the alert as arguments and "
	  "environment (no shell)", true },
	{ "insecure", OPT_BOOL, OFF(insecure), NULL,
	  "also accept plain TCP (no TLS) on listeners that are not loopback "
	  "(no: only TLS there)" },
	{ "tls_cert", OPT_STR, OFF(tls_cert), "FILE",
	  "TLS certificate (PEM); made self-signed on first start if missing "
	  "(default DATA/tls/cert.pem)" },
	{ "tls_key", OPT_STR, OFF(tls_key), "FILE",
	  "TLS private key (PEM; default DATA/tls/key.pem)" },
	{ "session_idle", OPT_UINT, OFF(session_idle), "SECS",
	  "a session ends after this long without a request (1800)", true },
	{ "session_max", OPT_UINT, OFF(session_max), "SECS",
	  "a session ends this long after login at the latest (43200)", true },
	{ "login_delay_max", OPT_UINT, OFF(login_delay_max), "SECS",
	  "longest wait imposed after repeated failed logins (300)", true },
	{ "now", OPT_STR, OFF(now), "TIMESTAMP",
	  "testing only: run as if the clock read this instant at start" },
};
#define NOPTS (sizeof opts / sizeof opts[0])

/* True if the binary runs from a source tree (build/hosod beside daemon/). */
static bool
config_in_source_tree(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 32);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash == NULL)
		return false;
	strcpy(slash, "/../daemon/dispatch.c");
	return access(exe, R_OK) == 0;
}

void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->data = strdup(config_in_source_tree() ? "./var/hoso" : "/var/lib/hoso");
	c->max_frame = HOSO_FRAME_MAX_DEFAULT;
	c->max_connections = 1024;
	c->idle_timeout = 600;
	c->frame_timeout = 30;
	c->output_cap = 8u << 20;
	c->write_timeout = 30;
	c->session_idle = 1800;
	c->session_max = 43200;
	c->login_delay_max = 300;
	c->map_size = 64u << 20;
	c->batch_max = 256;
	c->log_level = LOG_INFO;
	c->rules.cccd_strict = true;
	c->rules.age_min_months = 18 * 12;
	c->rules.age_max_months = 60 * 12;
	c->rules.course_valid_months = 60;
	c->rules.paper_valid_months = 12;
	c->rules.introducer_months = 12;
	c->rules.vote_numerator = 2;
	c->rules.vote_denominator = 3;
	c->rules.min_education = 2;
	c->rules.decision_workdays = 60;
	c->rules.extension_max_workdays = 30;
	c->rules.ceremony_workdays = 30;
	c->rules.probation_months = 12;
	c->rules.recognition_vote_workdays = 30;
	c->rules.recognition_decision_workdays = 30;
	c->rules.check_forward_workdays = 0;
	c->rules.check_police_workdays = 7;
	c->rules.check_return_workdays = 3;
	c->rules.check_outside_workdays = 15;
	c->rules.due_soon_workdays = 1;
	c->rules.digest_hour = 7;
	c->alert_delay = 120;
}

void
config_free(struct config *c)
{
	free(c->config_file);
	free(c->data);
	free(c->port_file);
	free(c->notify_command);
	free(c->now);
	free(c->tls_cert);
	free(c->tls_key);
	for (int i = 0; i < c->nlisten; i++)
		free(c->listen[i]);
	memset(c, 0, sizeof *c);
}

/* Parse a bool word; -1 if it is none. */
static int
parse_bool(const char *v)
{
	const char *yes[] = { "yes", "true", "on", "1" };
	const char *no[] = { "no", "false", "off", "0" };
	for (int i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* Parse "123", "64K", "64M", "2G" into *out; -1 if malformed. */
static int
parse_num(const char *v, bool suffix, uint64_t *out)
{
	char *end;
	errno = 0;
	if (*v < '0' || *v > '9')
		return -1;
	unsigned long long n = strtoull(v, &end, 10);
	if (errno != 0)
		return -1;
	unsigned shift = 0;
	if (suffix && *end != '\0' && end[1] == '\0') {
		switch (*end) {
		case 'k': case 'K': shift = 10; end++; break;
		case 'm': case 'M': shift = 20; end++; break;
		case 'g': case 'G': shift = 30; end++; break;
		}
	}
	if (*end != '\0' || (shift && n > (UINT64_MAX >> shift)))
		return -1;
	*out = (uint64_t)n << shift;
	return 0;
}

/* Set option o from text v; source names where v came from, for errors. */
static int
config_set(struct config *c, const struct opt *o, const char *v,
    const char *source, char **cause)
{
	void *field = (char *)c + o->off;
	int b;

	switch (o->type) {
	case OPT_STR:
		free(*(char **)field);
		*(char **)field = strdup(v);
		return 0;
	case OPT_LIST:
		if (c->nlisten == CONFIG_MAX_LISTEN)
			goto bad;
		c->listen[c->nlisten++] = strdup(v);
		return 0;
	case OPT_UINT:
	case OPT_SIZE:
		if (parse_num(v, o->type == OPT_SIZE, field) < 0)
			goto bad;
		if (o->off == OFF(max_frame) && (*(uint64_t *)field < 64 ||
		    *(uint64_t *)field > CONFIG_FRAME_LIMIT)) {
			if (asprintf(cause, "%s: max_frame must be between 64 "
			    "bytes and %u MiB", source, CONFIG_FRAME_LIMIT >> 20) < 0)
				*cause = NULL;
			return -1;
		}
		return 0;
	case OPT_BOOL:
		if ((b = parse_bool(v)) < 0)
			goto bad;
		*(bool *)field = b;
		return 0;
	case OPT_LEVEL:
		if ((b = log_level_parse(v)) < 0)
			goto bad;
		*(int *)field = b;
		return 0;
	}
bad:
	if (asprintf(cause, "%s: bad value '%s' for %s", source, v, o->key) < 0)
		*cause = NULL;
	return -1;
}

/* Find the row for key (file form "max_frame" or flag form "max-frame"). */
static int
config_find(const char *key, size_t len)
{
	for (size_t i = 0; i < NOPTS; i++) {
		const char *k = opts[i].key;
		if (strlen(k) != len)
			continue;
		size_t j;
		for (j = 0; j < len; j++)
			if (k[j] != key[j] && !(k[j] == '_' && key[j] == '-'))
				break;
		if (j == len)
			return (int)i;
	}
	return -1;
}

void
config_usage(FILE *f)
{
	fprintf(f, "Usage: hosod [OPTION]...\n"
	    "The hoso server: keeps the party-recruitment files and enforces the rules.\n\n"
	    "  --config FILE          settings file (default DATA/hosod.conf)\n");
	for (size_t i = 0; i < NOPTS; i++) {
		char flag[64];
		snprintf(flag, sizeof flag, "--%s%s%s", opts[i].key,
		    opts[i].arg ? " " : "", opts[i].arg ? opts[i].arg : "");
		for (char *p = flag + 2; *p != '\0' && *p != ' '; p++)
			if (*p == '_')
				*p = '-';
		fprintf(f, "  %-22s %s\n", flag, opts[i].help);
	}
	fprintf(f, "  --help, --version\n\n"
	    "Every option is also a 'key = value' line in the settings file.\n\n"
	    "One-off tasks (then hosod exits):\n"
	    "  --init-admin NAME      make the first administrator account; the\n"
	    "                         password is asked twice (two lines on stdin\n"
	    "                         when it is not a terminal)\n"
	    "  --show-fingerprint     print the TLS certificate's SHA-256\n"
	    "                         fingerprint (making the certificate if none)\n"
	    "  --check                walk every index against the records and the\n"
	    "                         audit chain; exit 0 clean, 1 problems, 2 cannot\n"
	    "                         read (safe beside a running hosod)\n"
	    "  --restore FILE         put a backup from 'hoso admin backup' in place\n"
	    "                         of DATA's database after checking it (the old\n"
	    "                         one is kept beside it); hosod must be stopped\n");
}

int
config_parse_args(struct config *c, int argc, char **argv, char **cause)
{
	const char *a = NULL;
	for (int i = 1; i < argc; i++) {
		a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			config_usage(stdout);
			return 1;
		}
		if (strcmp(a, "--version") == 0) {
			printf("hosod %s (protocol %d.%d)\n", HOSO_VERSION,
			    HOSO_PROTO_MAJOR, HOSO_PROTO_MINOR);
			return 1;
		}
		if (strncmp(a, "--", 2) != 0)
			goto unknown;
		const char *key = a + 2, *eq = strchr(key, '=');
		size_t klen = eq ? (size_t)(eq - key) : strlen(key);
		const char *val = eq ? eq + 1 : NULL;
		if (klen == 6 && strncmp(key, "config", 6) == 0) {
			if (val == NULL && (val = argv[++i]) == NULL)
				goto missing;
			free(c->config_file);
			c->config_file = strdup(val);
			continue;
		}
		int idx = config_find(key, klen);
		if (idx < 0)
			goto unknown;
		const struct opt *o = &opts[idx];
		if (val == NULL && o->type == OPT_BOOL)
			val = "yes";
		if (val == NULL && (val = argv[++i]) == NULL)
			goto missing;
		if (config_set(c, o, val, "command line", cause) < 0)
			return -1;
		c->from_flags |= 1ull << idx;
	}
	return 0;
unknown:
	if (asprintf(cause, "unknown option '%s' (try --help)", a) < 0)
		*cause = NULL;
	return -1;
missing:
	if (asprintf(cause, "option '%s' needs a value", a) < 0)
		*cause = NULL;
	return -1;
}

char *
config_file_path(const struct config *c)
{
	char *p;
	if (c->config_file != NULL)
		return strdup(c->config_file);
	if (asprintf(&p, "%s/hosod.conf", c->data) < 0)
		return NULL;
	return p;
}

/* Strip leading and trailing blanks in place. */
static char *
trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

int
config_load_file(struct config *c, const char *path, bool must_exist,
    char **cause)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		if (!must_exist && errno == ENOENT)
			return 0;
		if (asprintf(cause, "%s: %s", path, strerror(errno)) < 0)
			*cause = NULL;
		return -1;
	}
	char *line = NULL, where[PATH_MAX + 32], section[64] = "";
	size_t cap = 0;
	int lineno = 0, rc = 0;
	bool listen_from_file = false;
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		char *s = trim(line);
		if (*s == '\0' || *s == '#')
			continue;
		snprintf(where, sizeof where, "%s:%d", path, lineno);
		if (*s == '[') {
			/* "[rules]": the keys below are rules.KEY until the next section */
			char *end = strchr(s, ']');
			if (end == NULL || end[1] != '\0') {
				if (asprintf(cause, "%s: expected '[section]'", where) < 0)
					*cause = NULL;
				rc = -1;
				break;
			}
			*end = '\0';
			snprintf(section, sizeof section, "%s", trim(s + 1));
			continue;
		}
		char *eq = strchr(s, '=');
		if (eq == NULL) {
			if (asprintf(cause, "%s: expected 'key = value'", where) < 0)
				*cause = NULL;
			rc = -1;
			break;
		}
		*eq = '\0';
		char *key = trim(s), *val = trim(eq + 1), full[128];
		if (*section != '\0') {
			snprintf(full, sizeof full, "%s.%s", section, key);
			key = full;
		}
		int idx = config_find(key, strlen(key));
		if (idx < 0) {
			if (asprintf(cause, "%s: unknown key '%s'", where, key) < 0)
				*cause = NULL;
			rc = -1;
			break;
		}
		if (c->from_flags & (1ull << idx))
			continue;       /* the command line wins */
		if (opts[idx].type == OPT_LIST && !listen_from_file) {
			for (int i = 0; i < c->nlisten; i++)
				free(c->listen[i]);
			c->nlisten = 0;
			listen_from_file = true;
		}
		if ((rc = config_set(c, &opts[idx], val, where, cause)) < 0)
			break;
	}
	free(line);
	fclose(f);
	return rc;
}

void
config_reload_into(struct config *dst, const struct config *src)
{
	for (size_t i = 0; i < NOPTS; i++) {
		const struct opt *o = &opts[i];
		if (!o->reload || (dst->from_flags & (1ull << i)))
			continue;
		if (o->type == OPT_STR) {
			char **d = (char **)((char *)dst + o->off);
			char *const *sv = (char *const *)((const char *)src + o->off);
			char *copy = *sv ? strdup(*sv) : NULL;
			if (*sv && copy == NULL)
				continue;       /* out of memory: keep the old one */
			free(*d);
			*d = copy;
			continue;
		}
		size_t size = o->type == OPT_BOOL ? sizeof(bool) :
		    o->type == OPT_LEVEL ? sizeof(int) : sizeof(uint64_t);
		memcpy((char *)dst + o->off, (const char *)src + o->off, size);
	}
}
