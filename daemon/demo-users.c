/* demo-users.c: one demo account for every role, so a newcomer can try
 * each view.  Their passwords are random, printed at the first start and
 * kept in DATA/demo-accounts.txt (mode 0600): demo data only. */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "auth.h"
#include "demo.h"
#include "dispatch.h"
#include "job.h"
#include "log.h"
#include "tables.h"

struct demo_user {
	const char *login, *name;
	Hoso__Role role;
	uint64_t org;               /* demo unit id (demo.c's table order) */
};

static const struct demo_user demo_users_tab[] = {
	{ "admin", "Trương Văn Quản (Ban Tổ chức)", HOSO__ROLE__ROLE_ADMIN, 0 },
	/* Phường Tân Lập: where the demo's background checks run. */
	{ "ward-officer", "Lâm Thị Phượng (Đảng ủy Phường Tân Lập)",
	  HOSO__ROLE__ROLE_WARD_OFFICER, 4 },
	{ "cell-secretary", "Mai Văn Chí (Chi bộ Khu phố 5)",
	  HOSO__ROLE__ROLE_CELL_SECRETARY, 9 },
	{ "police", "Đinh Công Ân (Công an Phường Tân Lập)",
	  HOSO__ROLE__ROLE_POLICE, 13 },
	{ "inspector", "Tạ Thị Kiểm (Ủy ban Kiểm tra)",
	  HOSO__ROLE__ROLE_INSPECTOR, 0 },
};
#define NUSERS (sizeof demo_users_tab / sizeof demo_users_tab[0])

/* A password easy to type from the screen: no 0/O, 1/l/I. */
static void
demo_password(char *buf, size_t len)
{
	static const char set[] = "abcdefghjkmnpqrstuvwxyz23456789";
	for (size_t i = 0; i + 1 < len; i++)
		buf[i] = set[randombytes_uniform(sizeof set - 1)];
	buf[len - 1] = '\0';
}

char *
demo_accounts_path(const char *dir)
{
	char *p;
	return asprintf(&p, "%s/demo-accounts.txt", dir) < 0 ? NULL : p;
}

int
demo_users(struct store *st, const struct rules *rules, char **cause)
{
	char pw[NUSERS][13];
	struct job *batch = NULL, **tail = &batch;
	if (sodium_init() < 0) {
		*cause = strdup("cannot start libsodium");
		return -1;
	}
	bool taken[NUSERS] = { false };
	struct txn t;
	struct arena a;
	arena_init(&a);
	if (store_read_begin(st, &t) == 0) {
		for (size_t i = 0; i < NUSERS; i++) {
			int rc;
			taken[i] = user_by_login(&t, demo_users_tab[i].login, &a,
			    &rc) != NULL;
		}
		store_read_end(&t);
	}
	arena_free(&a);
	for (size_t i = 0; i < NUSERS; i++) {
		const struct demo_user *d = &demo_users_tab[i];
		if (taken[i])           /* e.g. made with --init-admin */
			continue;
		struct job *j = demo_job(HOSO__REQUEST__BODY_USER_ADD, rules, tail);
		if (j == NULL)
			break;
		tail = &j->next;
		Hoso__UserAdd *ua = arena_alloc(&j->req_arena, sizeof *ua);
		hoso__user_add__init(ua);
		ua->login = (char *)d->login;
		ua->display_name = (char *)d->name;
		ua->role = d->role;
		ua->org_id = d->org;
		ua->password = (char *)"";
		j->req->user_add = ua;
		demo_password(pw[i], sizeof pw[i]);
		auth_hash_password(j->pw_hash, pw[i], strlen(pw[i]));
	}
	if (demo_commit(st, batch, cause) < 0)
		return -1;

	char *path = demo_accounts_path(st->dir);
	int fd = path ? open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600) : -1;
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (f != NULL)
		fprintf(f, "# hoso demo accounts (demo data only): login "
		    "password role unit\n");
	fprintf(stderr, "\nDemo accounts (demo data only; also in %s):\n",
	    path ? path : "?");
	for (size_t i = 0; i < NUSERS; i++) {
		const struct demo_user *d = &demo_users_tab[i];
		if (taken[i]) {
			fprintf(stderr, "  hoso login --user %-15s  (an account "
			    "that was already there)\n", d->login);
			continue;
		}
		fprintf(stderr, "  hoso login --user %-15s  password: %s\n",
		    d->login, pw[i]);
		if (f != NULL)
			fprintf(f, "%s %s %d %llu\n", d->login, pw[i], (int)d->role,
			    (unsigned long long)d->org);
	}
	fputc('\n', stderr);
	if (f != NULL)
		fclose(f);
	else if (fd >= 0)
		close(fd);
	free(path);
	sodium_memzero(pw, sizeof pw);
	return 0;
}
