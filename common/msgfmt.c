/* msgfmt.c: safe "%s" substitution (see msgfmt.h). */
#include <stdlib.h>
#include <string.h>

#include "msgfmt.h"

/* Append n bytes to a growing buffer; returns -1 on allocation failure. */
static int
append(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		size_t ncap = (*cap ? *cap : 64);
		while (ncap < *len + n + 1)
			ncap *= 2;
		char *nb = realloc(*buf, ncap);
		if (nb == NULL)
			return -1;
		*buf = nb;
		*cap = ncap;
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
	return 0;
}

char *
msgfmt(const char *fmt, const char *const *args, size_t nargs)
{
	char *buf = NULL;
	size_t len = 0, cap = 0, next = 0;
	const char *p = fmt;

	if (append(&buf, &len, &cap, "", 0) < 0)
		return NULL;
	while (*p != '\0') {
		const char *pct = strchr(p, '%');
		if (pct == NULL) {
			if (append(&buf, &len, &cap, p, strlen(p)) < 0)
				goto fail;
			break;
		}
		if (append(&buf, &len, &cap, p, (size_t)(pct - p)) < 0)
			goto fail;
		size_t idx = (size_t)-1, skip = 0;
		if (pct[1] == '%') {
			if (append(&buf, &len, &cap, "%", 1) < 0)
				goto fail;
			p = pct + 2;
			continue;
		} else if (pct[1] == 's') {
			idx = next++;
			skip = 2;
		} else if (pct[1] >= '1' && pct[1] <= '9' && pct[2] == '$' &&
		    pct[3] == 's') {
			idx = (size_t)(pct[1] - '1');
			skip = 4;
		}
		if (skip == 0) {
			if (append(&buf, &len, &cap, "%", 1) < 0)
				goto fail;
			p = pct + 1;
			continue;
		}
		const char *a = (idx < nargs && args[idx] != NULL) ? args[idx] : "";
		if (append(&buf, &len, &cap, a, strlen(a)) < 0)
			goto fail;
		p = pct + skip;
	}
	return buf;
fail:
	free(buf);
	return NULL;
}
