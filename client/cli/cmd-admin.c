/* cmd-admin.c: hoso admin backup FILE (protocol 1.5).  The server streams
 * a consistent copy of its database while it goes on serving; the copy is
 * written to FILE.part, checked against the SHA-256 the server sends last,
 * synced, and only then renamed to FILE, so FILE is either a whole backup
 * or absent.  `hosod --restore FILE` puts it back. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "i18n.h"

/* Write all of buf to fd; 0 or an errno. */
static int
write_all(int fd, const uint8_t *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
fsync_parent(const char *path)
{
	char *copy = strdup(path);
	if (copy == NULL)
		return ENOMEM;
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (fd < 0)
		return errno;
	int err = fsync(fd) < 0 ? errno : 0;
	close(fd);
	return err;
}

/* Receive the chunks after the first into fd; 0 or an exit status. */
static int
backup_receive(struct cli *cli, int fd, const char *part, uint64_t *size)
{
	crypto_hash_sha256_state sha;
	crypto_hash_sha256_init(&sha);
	*size = 0;
	for (;;) {
		Hoso__Response *r;
		char *err = NULL;
		int rc = hoso_call_next(cli->conn, &r, &err);
		if (rc < 0) {
			cli_error("%s", err ? err : hoso_strerror(rc));
			free(err);
			return CLI_EXIT_UNREACHABLE;
		}
		if (r->status != HOSO__STATUS__OK) {
			cli_server_error(cli, r);
			hoso_response_free(r);
			return CLI_EXIT_REFUSED;
		}
		if (r->body_case != HOSO__RESPONSE__BODY_BACKUP) {
			hoso_response_free(r);
			cli_error("%s", _("the server sent an answer this program "
			    "does not understand"));
			return CLI_EXIT_UNREACHABLE;
		}
		const Hoso__BackupChunk *k = r->backup;
		int werr = write_all(fd, k->data.data, k->data.len);
		if (werr != 0) {
			cli_error(_("cannot write %s: %s"), part, strerror(werr));
			hoso_response_free(r);
			return CLI_EXIT_REFUSED;
		}
		crypto_hash_sha256_update(&sha, k->data.data, k->data.len);
		*size += k->data.len;
		if (!k->last) {
			hoso_response_free(r);
			continue;
		}
		uint8_t sum[crypto_hash_sha256_BYTES];
		crypto_hash_sha256_final(&sha, sum);
		bool good = k->size == *size && k->sha256.len == sizeof sum &&
		    memcmp(k->sha256.data, sum, sizeof sum) == 0;
		hoso_response_free(r);
		if (!good) {
			cli_error("%s", _("the backup arrived damaged (its size or "
			    "checksum differs from what the server sent); try "
			    "again"));
			return CLI_EXIT_UNREACHABLE;
		}
		return 0;
	}
}

int
cmd_admin_backup(struct cli *cli, const struct cli_args *args)
{
	if (args->npos != 1)
		return cli_usage_error(args->cmd, "%s", _("say where to write the "
		    "backup: hoso admin backup FILE"));
	const char *file = args->pos[0];
	char *part;
	if (asprintf(&part, "%s.part", file) < 0)
		return CLI_EXIT_UNREACHABLE;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__AdminBackup ab = HOSO__ADMIN_BACKUP__INIT;
	Hoso__Response *first;
	req.body_case = HOSO__REQUEST__BODY_ADMIN_BACKUP;
	req.admin_backup = &ab;
	/* Make sure FILE can be written before the server starts copying. */
	int fd = open(part, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		cli_error(_("cannot write %s: %s"), part, strerror(errno));
		free(part);
		return CLI_EXIT_REFUSED;
	}
	int rc = cli_call(cli, &req, &first, HOSO__RESPONSE__BODY_BACKUP);
	uint32_t schema = rc == 0 ? first->backup->schema : 0;
	hoso_response_free(first);
	uint64_t size = 0;
	if (rc == 0)
		rc = backup_receive(cli, fd, part, &size);
	int err = 0;
	if (rc == 0 && fsync(fd) < 0)
		err = errno;
	if (close(fd) < 0 && err == 0)
		err = errno;
	if (rc == 0 && err == 0 && rename(part, file) < 0)
		err = errno;
	if (rc == 0 && err == 0)
		err = fsync_parent(file);
	if (rc == 0 && err != 0) {
		cli_error(_("cannot write %s: %s"), file, strerror(err));
		rc = CLI_EXIT_REFUSED;
	}
	if (rc != 0) {
		unlink(part);
		free(part);
		return rc;
	}
	free(part);
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_begin_object(&j);
		json_key(&j, "file");
		json_string(&j, file);
		json_key(&j, "bytes");
		json_uint(&j, size);
		json_key(&j, "schema");
		json_uint(&j, schema);
		json_end_object(&j);
		return cli_print_json(&j);
	}
	printf(_("Backup written to %s (%llu bytes, schema %u).\n"), file,
	    (unsigned long long)size, (unsigned)schema);
	printf("%s\n", _("Put it back with: hosod --data DIR --restore FILE "
	    "(with the server stopped)."));
	return 0;
}
