/* test_config.c: unit tests for daemon/config.c: flags, hosod.conf, which
 * of the two wins, size suffixes, error causes, and what a SIGHUP reload
 * copies (config_reload_into). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_fixture.h"
#include "config.h"

static char *dir;

/* Write text to DIR/name; returns the malloc'd path. */
static char *
write_file(const char *name, const char *text)
{
	char *path;
	if (asprintf(&path, "%s/%s", dir, name) < 0)
		exit(2);
	FILE *f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
	return path;
}

/* Apply flags (a NULL-terminated list) to c; returns config_parse_args'
 * result and its cause in *cause (caller frees). */
static int
flags(struct config *c, char **cause, ...)
{
	char *argv[32];
	int argc = 0;
	va_list ap;
	argv[argc++] = (char *)"hosod";
	va_start(ap, cause);
	for (char *a; (a = va_arg(ap, char *)) != NULL && argc < 31;)
		argv[argc++] = a;
	va_end(ap);
	argv[argc] = NULL;
	*cause = NULL;
	return config_parse_args(c, argc, argv, cause);
}

/* What config_defaults sets. */
static void
test_defaults(void)
{
	struct config c;
	config_defaults(&c);
	CHECK(c.max_frame == HOSO_FRAME_MAX_DEFAULT, "default max_frame 1 MiB");
	CHECK(c.map_size == 64u << 20, "default map_size 64 MiB");
	CHECK(c.batch_max == 256 && c.max_connections == 1024 &&
	    c.idle_timeout == 600 && c.frame_timeout == 30 &&
	    c.write_timeout == 30 && c.output_cap == 8u << 20,
	    "default limits and timeouts as documented in --help");
	CHECK(c.rules.cccd_strict, "cccd_strict on by default");
	CHECK(c.nlisten == 0, "no listen address until main adds the default");
	CHECK(c.data != NULL && *c.data != '\0', "a default data directory (%s)",
	    c.data);
	CHECK(c.from_flags == 0, "nothing from flags");
	config_free(&c);
}

/* Command-line flags: every type, suffixes, and refusals with causes. */
static void
test_flags(void)
{
	struct config c;
	char *cause;
	config_defaults(&c);
	int rc = flags(&c, &cause, "--max-frame", "2K", "--map-size=1G",
	    "--idle-timeout", "15", "--cccd-strict=no", "--demo",
	    "--log-level", "debug", "--data", "/srv/hoso-p01", "--listen",
	    "127.0.0.1:7801", "--listen=[::1]:7801", "--output-cap", "3m",
	    "--config", "/etc/hoso/p01.conf", NULL);
	CHECK(rc == 0, "a full command line parses (%s)", cause ? cause : "");
	CHECK(c.max_frame == 2048, "--max-frame 2K is 2048 (%llu)",
	    (unsigned long long)c.max_frame);
	CHECK(c.map_size == 1ull << 30, "--map-size=1G is 2^30");
	CHECK(c.output_cap == 3ull << 20, "--output-cap 3m is 3 MiB");
	CHECK(c.idle_timeout == 15, "--idle-timeout 15");
	CHECK(!c.rules.cccd_strict, "--cccd-strict=no");
	CHECK(c.demo, "--demo alone means yes");
	CHECK(c.log_level == LOG_DEBUG, "--log-level debug");
	CHECK_STR(c.data, "/srv/hoso-p01", "--data");
	CHECK(c.nlisten == 2 && strcmp(c.listen[0], "127.0.0.1:7801") == 0 &&
	    strcmp(c.listen[1], "[::1]:7801") == 0, "two --listen, in order");
	CHECK_STR(c.config_file, "/etc/hoso/p01.conf", "--config");
	char *path = config_file_path(&c);
	CHECK_STR(path, "/etc/hoso/p01.conf", "config_file_path is --config");
	free(path);
	free(cause);
	config_free(&c);

	config_defaults(&c);
	flags(&c, &cause, "--data", "/srv/hoso-p02", NULL);
	path = config_file_path(&c);
	CHECK_STR(path, "/srv/hoso-p02/hosod.conf",
	    "without --config: DATA/hosod.conf");
	free(path);
	free(cause);
	config_free(&c);

	static const struct {
		const char *a, *b, *want;
	} bad[] = {
		{ "--max-frame=abc", NULL, "max_frame" },
		{ "--max-frame", "abc", "'abc'" },
		{ "--max-frame", "2KB", "max_frame" },
		{ "--max-frame", "-1", "max_frame" },
		{ "--max-frame=", NULL, "max_frame" },
		{ "--max-frame", "99999999999999999999", "max_frame" },
		{ "--map-size", "17179869184G", "map_size" },
		{ "--idle-timeout", "5K", "idle_timeout" },
		{ "--demo=perhaps", NULL, "demo" },
		{ "--log-level", "loud", "log_level" },
		{ "--max-frame", NULL, "needs a value" },
		{ "--config", NULL, "needs a value" },
		{ "--frobnicate", NULL, "unknown option '--frobnicate'" },
		{ "max-frame", "2K", "unknown option 'max-frame'" },
		{ "--max", "2K", "unknown option" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		config_defaults(&c);
		rc = flags(&c, &cause, bad[i].a, bad[i].b, NULL);
		CHECK(rc < 0 && cause != NULL && strstr(cause, bad[i].want) != NULL,
		    "%s %s: refused, cause names %s: %s", bad[i].a,
		    bad[i].b ? bad[i].b : "", bad[i].want, cause ? cause : "(none)");
		free(cause);
		config_free(&c);
	}
}

/* hosod.conf: syntax, flags winning, listen lists, errors at file:line. */
static void
test_file(void)
{
	struct config c;
	char *cause = NULL;
	char *path = write_file("full.conf",
	    "# hosod settings for Đảng ủy Phường 1\n"
	    "   # an indented comment: max_frame = 1\n"
	    "\n"
	    "   \t  \n"
	    "max_frame = 8K\n"
	    "idle_timeout=120\r\n"
	    "  listen   =   127.0.0.1:7801  \n"
	    "listen = [::1]:7801\n"
	    "cccd_strict = off\n"
	    "log_level = warn\n"
	    "map-size = 2M\n"
	    "data = /srv/hoso-file\n"
	    "batch_max = 64");                  /* no final newline */
	config_defaults(&c);
	int rc = flags(&c, &cause, "--max-frame", "2K", "--data", "/srv/hoso-flag",
	    NULL);
	free(cause);
	cause = NULL;
	rc = config_load_file(&c, path, true, &cause);
	CHECK(rc == 0, "a file with comments, blank lines, CRLF and no final "
	    "newline loads (%s)", cause ? cause : "");
	CHECK(c.max_frame == 2048, "--max-frame 2K wins over max_frame = 8K");
	CHECK_STR(c.data, "/srv/hoso-flag", "--data wins over data =");
	CHECK(c.idle_timeout == 120, "idle_timeout from the file (CRLF line)");
	CHECK(c.nlisten == 2 && strcmp(c.listen[0], "127.0.0.1:7801") == 0 &&
	    strcmp(c.listen[1], "[::1]:7801") == 0,
	    "both listen lines, blanks trimmed");
	CHECK(!c.rules.cccd_strict, "cccd_strict = off");
	CHECK(c.log_level == LOG_WARN, "log_level = warn");
	CHECK(c.map_size == 2u << 20, "map-size (flag spelling) = 2M");
	CHECK(c.batch_max == 64, "last line without a newline");
	free(cause);
	config_free(&c);

	/* listen: the file replaces what was there; a flag wins over both. */
	config_defaults(&c);
	c.listen[c.nlisten++] = strdup("127.0.0.1:7707");
	cause = NULL;
	rc = config_load_file(&c, path, true, &cause);
	CHECK(rc == 0 && c.nlisten == 2 && strcmp(c.listen[0], "127.0.0.1:7801") == 0,
	    "listen lines in the file replace an earlier listen list");
	free(cause);
	config_free(&c);
	config_defaults(&c);
	flags(&c, &cause, "--listen", "10.8.0.1:7707", NULL);
	free(cause);
	cause = NULL;
	rc = config_load_file(&c, path, true, &cause);
	CHECK(rc == 0 && c.nlisten == 1 && strcmp(c.listen[0], "10.8.0.1:7707") == 0,
	    "--listen wins: the file's listen lines are ignored");
	free(cause);
	config_free(&c);
	free(path);

	/* Errors name file:line and the key. */
	static const struct {
		const char *text, *want1, *want2;
	} bad[] = {
		{ "# ok\nmax_frame = 2K\nmax_frames = 1\n", ":3:", "max_frames" },
		{ "\n\nmax_frame 2K\n", ":3:", "key = value" },
		{ "max_frame = abc\n", ":1:", "max_frame" },
		{ "cccd_strict = maybe\n", ":1:", "cccd_strict" },
		{ "config = /etc/other.conf\n", ":1:", "config" },
		{ "= 5\n", ":1:", "unknown key" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		path = write_file("bad.conf", bad[i].text);
		config_defaults(&c);
		cause = NULL;
		rc = config_load_file(&c, path, false, &cause);
		char where[4200];
		snprintf(where, sizeof where, "%s%s", path, bad[i].want1);
		CHECK(rc < 0 && cause != NULL && strstr(cause, where) != NULL &&
		    strstr(cause, bad[i].want2) != NULL,
		    "bad file %zu refused naming %s and %s: %s", i + 1,
		    bad[i].want1, bad[i].want2, cause ? cause : "(none)");
		free(cause);
		config_free(&c);
		free(path);
	}

	/* Seventeen listen lines are one too many. */
	char big[17 * 40 + 1] = "";
	for (int i = 0; i < 17; i++)
		snprintf(big + strlen(big), sizeof big - strlen(big),
		    "listen = 127.0.0.1:%d\n", 7801 + i);
	path = write_file("many.conf", big);
	config_defaults(&c);
	cause = NULL;
	rc = config_load_file(&c, path, true, &cause);
	CHECK(rc < 0 && cause != NULL && strstr(cause, ":17:") != NULL,
	    "a 17th listen address is refused at line 17: %s", cause ? cause : "");
	free(cause);
	config_free(&c);
	free(path);

	/* A missing file is fine unless named with --config. */
	char *missing;
	if (asprintf(&missing, "%s/nope.conf", dir) < 0)
		exit(2);
	config_defaults(&c);
	cause = NULL;
	CHECK(config_load_file(&c, missing, false, &cause) == 0 && cause == NULL,
	    "a missing DATA/hosod.conf is fine");
	CHECK(config_load_file(&c, missing, true, &cause) < 0 && cause != NULL &&
	    strstr(cause, missing) != NULL, "a missing --config file is an error: %s",
	    cause ? cause : "");
	free(cause);
	free(missing);
	config_free(&c);
}

/* BUG: config_load_file (daemon/config.c) reads with fgets into a 1024-byte
 * buffer and takes whatever does not fit as the next line: a long comment
 * line makes a valid file fail to load (with the wrong line number), or,
 * worse, the tail of the comment is applied as a setting. */
static void
test_long_lines(void)
{
	struct config c;
	char *cause = NULL;
	char text[2048];

	memset(text, 0, sizeof text);
	strcpy(text, "# ");
	memset(text + 2, 'x', 1100);
	strcat(text, "\nmax_frame = 4K\n");
	char *path = write_file("long.conf", text);
	config_defaults(&c);
	int rc = config_load_file(&c, path, true, &cause);
	CHECK(rc == 0 && c.max_frame == 4096,
	    "BUG: a 1102-byte comment line does not break the file (%s)",
	    cause ? cause : "loaded");
	free(cause);
	cause = NULL;
	config_free(&c);
	free(path);

	/* 1023 bytes of comment, then text that looks like a setting. */
	memset(text, 0, sizeof text);
	strcpy(text, "# ");
	memset(text + 2, '-', 1021);
	strcat(text, "max_frame = 7\n");
	path = write_file("long2.conf", text);
	config_defaults(&c);
	rc = config_load_file(&c, path, true, &cause);
	CHECK(rc == 0 && c.max_frame == HOSO_FRAME_MAX_DEFAULT,
	    "BUG: the end of a long comment is not applied as a setting "
	    "(max_frame is now %llu)", (unsigned long long)c.max_frame);
	free(cause);
	config_free(&c);
	free(path);
}

/* BUG: max_frame is stored as a uint64_t and any value is accepted, but a
 * frame length is 32 bits and cmd_hello (daemon/cmd-hello.c) advertises
 * it as (uint32_t)cfg->max_frame: with --max-frame 4097M the server
 * accepts every 32-bit length but tells clients its limit is 1 MiB (4097M
 * mod 2^32), and the client library then refuses to send anything bigger.
 * The value should be refused here (or clamped where it is advertised). */
static void
test_max_frame_range(void)
{
	struct config c;
	char *cause = NULL;
	config_defaults(&c);
	int rc = flags(&c, &cause, "--max-frame", "4097M", NULL);
	CHECK(rc < 0 && cause != NULL && strstr(cause, "max_frame") != NULL,
	    "BUG: --max-frame 4097M (over a 32-bit frame length) is refused "
	    "(accepted as %llu)", (unsigned long long)c.max_frame);
	free(cause);
	config_free(&c);
}

/* SIGHUP: reloadable keys are copied, unless they came from flags. */
static void
test_reload(void)
{
	struct config run, fresh;
	char *cause = NULL;
	config_defaults(&run);
	flags(&run, &cause, "--max-frame", "2K", "--batch-max", "8", "--data",
	    "/srv/hoso-run", "--listen", "127.0.0.1:7801", NULL);
	free(cause);
	cause = NULL;

	char *path = write_file("reload.conf",
	    "max_frame = 8K\nbatch_max = 64\nidle_timeout = 99\n"
	    "write_timeout = 7\noutput_cap = 1M\ncccd_strict = no\n"
	    "log_level = debug\nmax_connections = 10\nframe_timeout = 3\n"
	    "map_size = 1G\ndata = /srv/other\ndemo = yes\n"
	    "listen = 0.0.0.0:9999\nport_file = /tmp/port\n");
	config_defaults(&fresh);
	CHECK(config_load_file(&fresh, path, true, &cause) == 0,
	    "the reload file loads");
	config_reload_into(&run, &fresh);
	CHECK(run.max_frame == 2048, "flag-set max_frame kept over the reload");
	CHECK(run.batch_max == 8, "flag-set batch_max kept");
	CHECK(run.idle_timeout == 99 && run.write_timeout == 7 &&
	    run.frame_timeout == 3 && run.max_connections == 10 &&
	    run.output_cap == 1u << 20, "reloadable limits and timeouts copied");
	CHECK(!run.rules.cccd_strict, "cccd_strict copied");
	CHECK(run.log_level == LOG_DEBUG, "log_level copied");
	CHECK(run.map_size == 64u << 20, "map_size not reloaded");
	CHECK_STR(run.data, "/srv/hoso-run", "data not reloaded");
	CHECK(!run.demo, "demo not reloaded");
	CHECK(run.port_file == NULL, "port_file not reloaded");
	CHECK(run.nlisten == 1 && strcmp(run.listen[0], "127.0.0.1:7801") == 0,
	    "listen not reloaded");
	CHECK(fresh.max_frame == 8192, "the source is left alone");
	free(cause);
	free(path);
	config_free(&fresh);
	config_free(&run);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);   /* keep the output of a crash */
	dir = fx_tmpdir();
	test_defaults();
	test_flags();
	test_file();
	test_long_lines();
	test_max_frame_range();
	test_reload();
	fx_rmdir(dir);
	return t_done();
}
