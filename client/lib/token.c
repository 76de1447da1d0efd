/* token.c: where a session token is kept between commands (see client.h,
 * "sessions").  The token is as good as the password for as long as the
 * session lasts, so it lives in the user's runtime directory when there
 * is one (gone at logout of the desktop session or reboot), in a
 * directory only the user can enter, in a file only the user can read
 * from the moment it exists. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hoso/client.h"
#include "i18n.h"
#include "userdir.h"

#define TOKEN_MAX 1024          /* longer files are not ours */

char *
hoso_token_path(const char *host, uint16_t port)
{
	/* Only the host comes from the user: keep it a plain file name. */
	char *name = strdup(host), *dir = NULL, *s = NULL;
	if (name == NULL)
		return NULL;
	for (char *p = name; *p != '\0'; p++) {
		unsigned char ch = (unsigned char)tolower((unsigned char)*p);
		*p = (char)(isalnum(ch) || ch == '.' || ch == '-' ? ch : '_');
	}
	dir = userdir_hoso("XDG_RUNTIME_DIR", ".cache");
	if (dir != NULL && asprintf(&s, "%s/token-%s_%u", dir, name,
	    (unsigned)port) < 0)
		s = NULL;
	free(dir);
	free(name);
	return s;
}

/* Set *err (the arguments give the path and strerror(errno)). */
static int __attribute__((format(printf, 2, 3)))
token_fail(char **err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (err != NULL && vasprintf(err, fmt, ap) < 0)
		*err = NULL;
	va_end(ap);
	return HOSO_E_FILE;
}

int
hoso_token_read(const char *path, char **token, char **err)
{
	*token = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		return token_fail(err, _("cannot read the session token %s: "
		    "%s"), path, strerror(errno));
	}
	char buf[TOKEN_MAX + 1];
	size_t len = 0;
	for (;;) {
		ssize_t n = read(fd, buf + len, sizeof buf - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int rc = token_fail(err, _("cannot read the session "
			    "token %s: %s"), path, strerror(errno));
			close(fd);
			return rc;
		}
		len += (size_t)n;
		if (n == 0 || len == sizeof buf - 1)
			break;
	}
	close(fd);
	buf[len] = '\0';
	while (len > 0 && isspace((unsigned char)buf[len - 1]))
		buf[--len] = '\0';
	/* An empty or garbled file holds no token: as if there were none. */
	for (size_t i = 0; i < len; i++)
		if (!isgraph((unsigned char)buf[i]))
			len = 0;
	if (len > 0 && (*token = strdup(buf)) == NULL)
		return HOSO_E_NOMEM;
	explicit_bzero(buf, sizeof buf);
	return 0;
}

int
hoso_token_write(const char *path, const char *token, char **err)
{
	char *dir = userdir_parent(path), *tmp = NULL;
	int rc = dir == NULL ? HOSO_E_NOMEM : userdir_make(dir, err);
	free(dir);
	if (rc < 0)
		return rc;
	if (asprintf(&tmp, "%s.XXXXXX", path) < 0)
		return HOSO_E_NOMEM;
	/* mkostemp creates the file with O_EXCL and mode 0600: nobody else
	 * can open it at any moment, whatever the umask. */
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		rc = token_fail(err, _("cannot keep the session token in %s: "
		    "%s"), path, strerror(errno));
		free(tmp);
		return rc;
	}
	size_t len = strlen(token);
	errno = ENOSPC;         /* what a short write without an error means */
	bool ok = fchmod(fd, 0600) == 0 &&
	    write(fd, token, len) == (ssize_t)len && write(fd, "\n", 1) == 1;
	int saved = errno;
	if (close(fd) < 0 && ok) {
		ok = false;
		saved = errno;
	}
	if (ok && rename(tmp, path) < 0) {
		ok = false;
		saved = errno;
	}
	if (!ok) {
		unlink(tmp);
		errno = saved;
		rc = token_fail(err, _("cannot keep the session token in %s: "
		    "%s"), path, strerror(errno));
	}
	free(tmp);
	return rc;
}

int
hoso_token_remove(const char *path, char **err)
{
	if (unlink(path) < 0 && errno != ENOENT)
		return token_fail(err, _("cannot remove the session token %s: "
		    "%s"), path, strerror(errno));
	return 0;
}
