/* journal.c: journald's native protocol through libsystemd (see journal.h). */
#define SD_JOURNAL_SUPPRESS_LOCATION 1  /* CODE_FILE= would name this file */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>

#include <systemd/sd-journal.h>

#include "journal.h"

/* Where journald takes native records (sd_journal_sendv sends there). */
#define JOURNAL_SOCKET "/run/systemd/journal/socket"

bool
journal_is_stream(int fd)
{
	const char *env = getenv("JOURNAL_STREAM");
	if (env == NULL || *env == '\0')
		return false;
	char *end;
	errno = 0;
	unsigned long long dev = strtoull(env, &end, 10);
	if (errno != 0 || end == env || *end != ':')
		return false;
	const char *s = end + 1;
	unsigned long long ino = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0')
		return false;
	struct stat st;
	if (fstat(fd, &st) < 0 || (unsigned long long)st.st_dev != dev ||
	    (unsigned long long)st.st_ino != ino)
		return false;
	/* sd_journal_send reports success when journald is not there at
	 * all; then the lines must stay on fd. */
	return stat(JOURNAL_SOCKET, &st) == 0 && S_ISSOCK(st.st_mode);
}

/* Add "NAME=value" to iov[*n], formatted into buf, when value is set. */
static void
journal_field(struct iovec *iov, int *n, char *buf, size_t size,
    const char *name, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	int len = snprintf(buf, size, "%s=%s", name, value);
	if (len < 0)
		return;
	iov[*n].iov_base = buf;
	iov[*n].iov_len = (size_t)len < size ? (size_t)len : size - 1;
	(*n)++;
}

int
journal_send(const struct journal_rec *r)
{
	/* sd_journal_sendv takes one whole "NAME=value" per iovec. */
	char prio[16], msg[1100], req[96], user[96], peer[96], conn[32];
	struct iovec iov[8];
	int n = 0;

	snprintf(prio, sizeof prio, "PRIORITY=%d", r->priority);
	iov[n++] = (struct iovec){ prio, strlen(prio) };
	journal_field(iov, &n, msg, sizeof msg, "MESSAGE", r->message);
	iov[n++] = (struct iovec){ (void *)"SYSLOG_IDENTIFIER=hosod", 23 };
	journal_field(iov, &n, req, sizeof req, "HOSO_REQUEST", r->request);
	journal_field(iov, &n, user, sizeof user, "HOSO_USER", r->user);
	journal_field(iov, &n, peer, sizeof peer, "HOSO_PEER", r->peer);
	if (r->conn != 0) {
		char id[24];
		snprintf(id, sizeof id, "%" PRIu64, r->conn);
		journal_field(iov, &n, conn, sizeof conn, "HOSO_CONN", id);
	}
	return sd_journal_sendv(iov, n);
}
