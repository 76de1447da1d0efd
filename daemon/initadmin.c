/* initadmin.c: making the first administrator (see initadmin.h). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "i18n.h"
#include "audit.h"
#include "auth.h"
#include "dispatch.h"
#include "initadmin.h"
#include "job.h"
#include "store.h"
#include "writer.h"

#define PW_MAX 1024

const char *
initadmin_take_arg(int *argc, char **argv)
{
	const char *name = NULL;
	int out = 1;
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--init-admin") == 0 && i + 1 < *argc) {
			name = argv[++i];
			continue;
		}
		if (strncmp(argv[i], "--init-admin=", 13) == 0) {
			name = argv[i] + 13;
			continue;
		}
		argv[out++] = argv[i];
	}
	argv[out] = NULL;
	*argc = out;
	return name;
}

/* One line of at most PW_MAX bytes from f, without its newline; echo off
 * while reading from a terminal.  0, or -1 at end of input. */
static int
read_secret(FILE *f, const char *prompt, char *buf, size_t size)
{
	struct termios old, quiet;
	bool tty = isatty(fileno(f)) && tcgetattr(fileno(f), &old) == 0;
	if (tty) {
		fputs(prompt, stderr);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(f), TCSAFLUSH, &quiet);
	}
	char *got = fgets(buf, (int)size, f);
	if (tty) {
		tcsetattr(fileno(f), TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (got == NULL)
		return -1;
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}

int
initadmin_run(const struct config *cfg, const char *login)
{
	char pw1[PW_MAX + 2], pw2[PW_MAX + 2], *cause = NULL;
	int status = 1;
	if (sodium_init() < 0) {
		fprintf(stderr, "hosod: %s\n", _("cannot start libsodium"));
		return 1;
	}
	if (read_secret(stdin, _("Password for the new administrator: "), pw1,
	    sizeof pw1) < 0 || read_secret(stdin, _("The same password "
	    "again: "), pw2, sizeof pw2) < 0) {
		fprintf(stderr, "hosod: %s\n", _("--init-admin: no password "
		    "given (two lines on standard input)"));
		return 2;
	}
	if (strcmp(pw1, pw2) != 0) {
		fprintf(stderr, "hosod: %s\n", _("--init-admin: the two "
		    "passwords differ; nothing was changed"));
		goto out;
	}
	size_t n = strlen(pw1);
	if (n < 10 || n > PW_MAX) {
		fprintf(stderr, "hosod: %s\n", _("--init-admin: a password "
		    "needs 10 to 1024 characters; nothing was changed"));
		goto out;
	}
	struct store st;
	if (store_open(&st, cfg->data, cfg->map_size, &cause) < 0) {
		fprintf(stderr, "hosod: %s\n", cause ? cause : cfg->data);
		free(cause);
		goto out;
	}
	struct job *j = job_new();
	if (j == NULL)
		goto close;
	Hoso__Request *req = arena_alloc(&j->req_arena, sizeof *req);
	Hoso__UserAdd *ua = arena_alloc(&j->req_arena, sizeof *ua);
	hoso__request__init(req);
	hoso__user_add__init(ua);
	ua->login = arena_strdup(&j->req_arena, login);
	ua->display_name = arena_strdup(&j->req_arena, _("Administrator"));
	ua->role = HOSO__ROLE__ROLE_ADMIN;
	ua->password = (char *)"";
	req->body_case = HOSO__REQUEST__BODY_USER_ADD;
	req->user_add = ua;
	j->req = req;
	j->cmd = cmd_lookup(req->body_case);
	j->now = (int64_t)time(NULL);
	j->who.role = ROLE_SYSTEM;
	snprintf(j->who.login, sizeof j->who.login, "hosod --init-admin");
	if (auth_hash_password(j->pw_hash, pw1, n) != 0) {
		fprintf(stderr, "hosod: %s\n", _("out of memory"));
		job_free(j);
		goto close;
	}
	uint64_t grows = 0;
	writer_run_batch(&st, j, NULL, 0, &grows);
	if (j->resp.status == HOSO__STATUS__OK) {
		/* The first entry of the audit log says who began it. */
		struct audit_rec rec;
		audit_rec_set(&rec, &j->who, j->now, "user.add", "user",
		    j->resp.user ? j->resp.user->id : 0, HOSO__STATUS__OK);
		writer_run_batch(&st, NULL, &rec, 1, &grows);
		printf(_("Administrator %s created. Log in with: hoso login "
		    "--user %s\n"), login, login);
		status = 0;
	} else {
		fprintf(stderr, "hosod: --init-admin %s: %s\n", login,
		    j->resp.message);
	}
	job_free(j);
close:
	store_close(&st);
out:
	sodium_memzero(pw1, sizeof pw1);
	sodium_memzero(pw2, sizeof pw2);
	return status;
}
