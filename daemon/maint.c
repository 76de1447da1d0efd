/* maint.c: the data dir's lock, hosod --check and hosod --restore. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "fsck.h"
#include "maint.h"
#include "store.h"

#define LOCK_NAME "hosod.lock"
#define RESTORE_DIR "restore.tmp"

static int lock_fd = -1;

static char *
path_join(const char *dir, const char *name)
{
	char *p;
	return asprintf(&p, "%s/%s", dir, name) < 0 ? NULL : p;
}

int
maint_lock(const char *dir, char **cause)
{
	int err = store_mkdirs(dir);
	char *path = err == 0 ? path_join(dir, LOCK_NAME) : NULL;
	if (path == NULL) {
		if (asprintf(cause, "%s: %s", dir, strerror(err ? err : ENOMEM)) < 0)
			*cause = NULL;
		return -1;
	}
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) < 0) {
		err = errno;
		char pid[32] = "";
		if (fd >= 0) {
			ssize_t n = pread(fd, pid, sizeof pid - 1, 0);
			pid[n > 0 ? n : 0] = '\0';
			pid[strcspn(pid, "\n")] = '\0';
			close(fd);
		}
		if (err == EWOULDBLOCK) {
			if (asprintf(cause, "%s is in use by another hosod "
			    "(pid %s); stop it first", dir, pid[0] ? pid : "?") < 0)
				*cause = NULL;
		} else if (asprintf(cause, "%s: %s", path, strerror(err)) < 0) {
			*cause = NULL;
		}
		free(path);
		return -1;
	}
	free(path);
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%d\n", (int)getpid());
	if (ftruncate(fd, 0) == 0 && pwrite(fd, buf, (size_t)n, 0) != n) {
		/* the pid is a courtesy for the message above; the lock holds */
	}
	lock_fd = fd;           /* held until exit */
	return 0;
}

/* Open dir's store and check it; prints to out.  Returns 0 clean, 1 with
 * problems, 2 when it cannot be read. */
static int
check_dir(const struct config *cfg, const char *dir, FILE *out)
{
	struct store st;
	struct fsck_result res;
	char *cause = NULL;
	if (store_open(&st, dir, cfg->map_size, &cause) < 0) {
		fprintf(stderr, "hosod: %s\n", cause ? cause : dir);
		free(cause);
		return 2;
	}
	int rc = fsck_run(&st, out, &res, &cause);
	store_close(&st);
	if (rc != 0) {
		fprintf(stderr, "hosod: %s: %s\n", dir, cause ? cause : "read error");
		free(cause);
		return 2;
	}
	return res.problems == 0 ? 0 : 1;
}

int
maint_check(struct config *cfg)
{
	return check_dir(cfg, cfg->data, stdout);
}

/* Copy the file at from to to (created 0600), then fsync it. */
static int
copy_file(const char *from, const char *to, char **cause)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		if (asprintf(cause, "%s: %s", from, strerror(errno)) < 0)
			*cause = NULL;
		return -1;
	}
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (out < 0) {
		if (asprintf(cause, "%s: %s", to, strerror(errno)) < 0)
			*cause = NULL;
		close(in);
		return -1;
	}
	static char buf[1 << 16];
	ssize_t n;
	const char *bad = NULL;
	int err = 0;
	while ((n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			bad = from;
			err = errno;
			break;
		}
		for (ssize_t off = 0, w; off < n; off += w) {
			if ((w = write(out, buf + off, (size_t)(n - off))) < 0) {
				if (errno == EINTR) {
					w = 0;
					continue;
				}
				bad = to;
				err = errno;
				break;
			}
		}
		if (bad != NULL)
			break;
	}
	if (bad == NULL && fsync(out) < 0) {
		bad = to;
		err = errno;
	}
	close(in);
	if (close(out) < 0 && bad == NULL) {
		bad = to;
		err = errno;
	}
	if (bad == NULL)
		return 0;
	if (asprintf(cause, "%s: %s", bad, strerror(err)) < 0)
		*cause = NULL;
	return -1;
}

static void
remove_env_files(const char *dir)
{
	char *p;
	if ((p = path_join(dir, "data.mdb")) != NULL) {
		unlink(p);
		free(p);
	}
	if ((p = path_join(dir, "lock.mdb")) != NULL) {
		unlink(p);
		free(p);
	}
}

static int
fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

int
maint_restore(struct config *cfg, const char *file)
{
	char *cause = NULL, *tmp = NULL, *tmpdata = NULL, *live = NULL,
	    *keep = NULL, *lockmdb = NULL;
	int status = 2;
	uint32_t ver = 0;
	const char *why;

	if (maint_lock(cfg->data, &cause) < 0)
		goto out;
	tmp = path_join(cfg->data, RESTORE_DIR);
	live = path_join(cfg->data, "data.mdb");
	lockmdb = path_join(cfg->data, "lock.mdb");
	if (tmp == NULL || live == NULL || lockmdb == NULL)
		goto oom;
	if ((tmpdata = path_join(tmp, "data.mdb")) == NULL)
		goto oom;
	/* Work on a copy: opening the store may migrate it, and the backup
	 * file stays as it was. */
	remove_env_files(tmp);
	int err = store_mkdirs(tmp);
	if (err != 0) {
		if (asprintf(&cause, "%s: %s", tmp, strerror(err)) < 0)
			cause = NULL;
		goto out;
	}
	printf("hosod: copying %s ...\n", file);
	fflush(stdout);
	if (copy_file(file, tmpdata, &cause) < 0)
		goto out;
	if ((why = store_peek_schema(tmp, &ver)) != NULL) {
		if (asprintf(&cause, "%s cannot be restored: %s", file, why) < 0)
			cause = NULL;
		status = 1;
		goto out;
	}
	if (ver > STORE_SCHEMA_VERSION) {
		if (asprintf(&cause, "%s was written by a newer hosod (schema %u, "
		    "this one knows up to %u)", file, ver,
		    STORE_SCHEMA_VERSION) < 0)
			cause = NULL;
		status = 1;
		goto out;
	}
	printf("hosod: checking the backup (schema %u) ...\n", ver);
	fflush(stdout);
	int rc = check_dir(cfg, tmp, stdout);
	if (rc != 0) {
		if (asprintf(&cause, "%s %s; nothing was changed", file, rc == 1 ?
		    "has inconsistencies (listed above)" : "cannot be read") < 0)
			cause = NULL;
		status = 1;
		goto out;
	}
	/* Keep the database being replaced, then move the checked copy in. */
	if (access(live, F_OK) == 0) {
		char stamp[32];
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
		if (asprintf(&keep, "%s/data.mdb.before-restore-%s", cfg->data,
		    stamp) < 0) {
			keep = NULL;
			goto oom;
		}
		if (rename(live, keep) < 0) {
			if (asprintf(&cause, "%s: %s", live, strerror(errno)) < 0)
				cause = NULL;
			goto out;
		}
	}
	unlink(lockmdb);
	if (rename(tmpdata, live) < 0 || fsync_dir(cfg->data) < 0) {
		if (asprintf(&cause, "%s: %s", live, strerror(errno)) < 0)
			cause = NULL;
		goto out;
	}
	remove_env_files(tmp);
	rmdir(tmp);
	printf("hosod: restored %s into %s\n", file, cfg->data);
	if (keep != NULL)
		printf("hosod: the database it replaced is kept as %s\n", keep);
	status = 0;
	goto out;
oom:
	cause = strdup("out of memory");
out:
	if (status != 0) {
		fprintf(stderr, "hosod: %s\n", cause ? cause : "restore failed");
		if (tmp != NULL) {
			remove_env_files(tmp);
			rmdir(tmp);
		}
	}
	free(cause);
	free(tmp);
	free(tmpdata);
	free(live);
	free(keep);
	free(lockmdb);
	return status;
}
