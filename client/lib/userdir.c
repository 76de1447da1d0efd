/* userdir.c: per-user directories for libhoso (see userdir.h). */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hoso/client.h"
#include "i18n.h"
#include "userdir.h"

/* The user's home directory, or NULL. */
static const char *
userdir_home(void)
{
	const char *home = getenv("HOME");
	if (home != NULL && home[0] == '/')
		return home;
	struct passwd *pw = getpwuid(getuid());
	return pw != NULL && pw->pw_dir != NULL && pw->pw_dir[0] == '/' ?
	    pw->pw_dir : NULL;
}

char *
userdir_hoso(const char *env, const char *fallback)
{
	const char *base = env != NULL ? getenv(env) : NULL;
	char *s = NULL;
	int n;
	/* The XDG specification: a relative path in the variable is
	 * invalid and is ignored. */
	if (base != NULL && base[0] == '/') {
		n = asprintf(&s, "%s/hoso", base);
	} else {
		const char *home = userdir_home();
		if (home == NULL)
			return NULL;
		n = asprintf(&s, "%s/%s/hoso", home, fallback);
	}
	return n < 0 ? NULL : s;
}

char *
userdir_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

static int
userdir_fail(char **err, const char *dir)
{
	int saved = errno;
	if (err != NULL && asprintf(err, _("cannot create the directory "
	    "%s: %s"), dir, strerror(saved)) < 0)
		*err = NULL;
	return HOSO_E_FILE;
}

int
userdir_make(const char *dir, char **err)
{
	struct stat st;
	if (stat(dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			return userdir_fail(err, dir);
		}
		if (st.st_uid == getuid() && (st.st_mode & 077) != 0 &&
		    chmod(dir, 0700) < 0)
			return userdir_fail(err, dir);
		return 0;
	}
	if (errno != ENOENT)
		return userdir_fail(err, dir);
	char *parent = userdir_parent(dir);
	if (parent == NULL) {
		errno = ENOMEM;
		return userdir_fail(err, dir);
	}
	int rc = 0;
	if (strcmp(parent, dir) != 0 && strcmp(parent, ".") != 0 &&
	    stat(parent, &st) < 0)
		rc = userdir_make(parent, err);
	free(parent);
	if (rc < 0)
		return rc;
	/* mkdir's mode is narrowed by the umask, never widened: 0700 at
	 * most, which is what we want. */
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return userdir_fail(err, dir);
	return 0;
}
