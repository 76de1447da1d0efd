/* known.c: the known_servers file (see known.h). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "hoso/client.h"
#include "i18n.h"
#include "known.h"
#include "userdir.h"

#define KNOWN_FP_PREFIX "SHA256:"

char *
known_default_path(void)
{
	const char *env = getenv("HOSO_KNOWN_SERVERS");
	if (env != NULL && *env != '\0')
		return strdup(env);
	char *dir = userdir_hoso("XDG_CONFIG_HOME", ".config"), *s = NULL;
	if (dir != NULL && asprintf(&s, "%s/known_servers", dir) < 0)
		s = NULL;
	free(dir);
	return s;
}

char *
known_key(const char *host, uint16_t port)
{
	char *s = NULL;
	bool v6 = strchr(host, ':') != NULL;
	if (asprintf(&s, "%s%s%s:%u", v6 ? "[" : "", host, v6 ? "]" : "",
	    (unsigned)port) < 0)
		return NULL;
	for (char *p = s; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

void
known_format_fp(const uint8_t digest[32], char fp[KNOWN_FP_LEN])
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < 32; i++) {
		fp[i * 3] = hex[digest[i] >> 4];
		fp[i * 3 + 1] = hex[digest[i] & 15];
		fp[i * 3 + 2] = i + 1 < 32 ? ':' : '\0';
	}
}

/* Split one line into its key and its fingerprint (without the prefix),
 * in place.  Returns false for blank lines, comments and junk. */
static bool
known_parse_line(char *line, char **key, char **fp)
{
	char *save = NULL;
	char *k = strtok_r(line, " \t\r\n", &save);
	if (k == NULL || *k == '#')
		return false;
	char *f = strtok_r(NULL, " \t\r\n", &save);
	if (f == NULL || strncasecmp(f, KNOWN_FP_PREFIX,
	    strlen(KNOWN_FP_PREFIX)) != 0)
		return false;
	*key = k;
	*fp = f + strlen(KNOWN_FP_PREFIX);
	return **fp != '\0';
}

int
known_lookup(const char *path, const char *key, const char *fp, char **old,
    unsigned *line, char **err)
{
	*old = NULL;
	*line = 0;
	FILE *f = fopen(path, "re");
	if (f == NULL) {
		if (errno == ENOENT)
			return KNOWN_NEW;
		if (err != NULL && asprintf(err, _("cannot read %s: %s"), path,
		    strerror(errno)) < 0)
			*err = NULL;
		return HOSO_E_FILE;
	}
	char *buf = NULL;
	size_t cap = 0;
	unsigned n = 0;
	int result = KNOWN_NEW;
	while (getline(&buf, &cap, f) >= 0) {
		char *k, *v;
		n++;
		if (!known_parse_line(buf, &k, &v) || strcasecmp(k, key) != 0)
			continue;
		if (strcasecmp(v, fp) == 0) {
			result = KNOWN_MATCH;
			break;
		}
		if (result == KNOWN_NEW) {
			result = KNOWN_CHANGED;
			*old = strdup(v);
			*line = n;
		}
	}
	free(buf);
	fclose(f);
	if (result != KNOWN_CHANGED) {
		free(*old);
		*old = NULL;
		*line = 0;
	} else if (*old == NULL) {
		return HOSO_E_NOMEM;
	}
	return result;
}

int
known_record(const char *path, const char *key, const char *fp, char **err)
{
	char *dir = userdir_parent(path), *line = NULL;
	int rc = dir == NULL ? HOSO_E_NOMEM : userdir_make(dir, err);
	free(dir);
	if (rc < 0)
		return rc;
	int len = asprintf(&line, "%s %s%s\n", key, KNOWN_FP_PREFIX, fp);
	if (len < 0)
		return HOSO_E_NOMEM;
	/* The umask may narrow 0600, never widen it. */
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
	    O_NOFOLLOW, 0600);
	ssize_t w = fd >= 0 ? write(fd, line, (size_t)len) : -1;
	if (fd < 0 || w != len || close(fd) < 0) {
		int saved = w >= 0 && w != len ? ENOSPC : errno;
		if (fd >= 0 && w != len)
			close(fd);
		if (err != NULL && asprintf(err, _("cannot record the server "
		    "in %s: %s"), path, strerror(saved)) < 0)
			*err = NULL;
		rc = HOSO_E_FILE;
	}
	free(line);
	return rc;
}
