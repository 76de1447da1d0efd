/* fuzz_store.h: a real LMDB store for the fuzz targets, in a private
 * directory on tmpfs (/dev/shm) when there is one, opened with MDB_NOSYNC
 * (a fuzz run needs no durability, and an fsync per write would make it
 * crawl).  The directory goes away at exit.  Static functions: include in
 * one target file only. */
#ifndef HOSO_FUZZ_STORE_H
#define HOSO_FUZZ_STORE_H

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lmdb.h>

#include "store.h"
#include "fuzz.h"

#define FZS_MAP_SIZE (64ull << 20)

static char fzs_dir[256];

/* Remove the plain files of dir, then dir (an LMDB environment is flat). */
static void
fzs_rmdir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d != NULL) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			char path[512];
			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

static void
fzs_cleanup(void)
{
	if (fzs_dir[0] != '\0')
		fzs_rmdir(fzs_dir);
}

/* Make the private directory (once); its path. */
static const char *
fzs_tmpdir(void)
{
	if (fzs_dir[0] != '\0')
		return fzs_dir;
	const char *base = getenv("FUZZ_TMPDIR");
	if (base == NULL)
		base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(fzs_dir, sizeof fzs_dir, "%s/hoso-fuzz-XXXXXX", base);
	FUZZ_ASSERT(mkdtemp(fzs_dir) != NULL, "mkdtemp %s", fzs_dir);
	atexit(fzs_cleanup);
	return fzs_dir;
}

/* Open (creating) the store in dir, without fsync; aborts on failure:
 * nothing can be fuzzed without it. */
static void
fzs_open(struct store *st, const char *dir)
{
	char *cause = NULL;
	FUZZ_ASSERT(store_open(st, dir, FZS_MAP_SIZE, &cause) == 0,
	    "store_open %s: %s", dir, cause ? cause : "?");
	FUZZ_ASSERT(mdb_env_set_flags(st->env, MDB_NOSYNC, 1) == 0, "NOSYNC");
}

/* The whole of file path, malloc'd, in *len. */
static __attribute__((unused)) uint8_t *
fzs_slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	struct stat sb;
	FUZZ_ASSERT(fd >= 0 && fstat(fd, &sb) == 0, "open %s", path);
	uint8_t *buf = malloc((size_t)sb.st_size + 1);
	FUZZ_ASSERT(buf != NULL, "out of memory");
	size_t got = 0;
	while (got < (size_t)sb.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)sb.st_size - got);
		FUZZ_ASSERT(r > 0, "read %s", path);
		got += (size_t)r;
	}
	close(fd);
	*len = got;
	return buf;
}

/* Replace file path by data[0..len). */
static __attribute__((unused)) void
fzs_spill(const char *path, const uint8_t *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	FUZZ_ASSERT(fd >= 0, "create %s", path);
	size_t put = 0;
	while (put < len) {
		ssize_t w = write(fd, data + put, len - put);
		FUZZ_ASSERT(w > 0, "write %s", path);
		put += (size_t)w;
	}
	close(fd);
}

#endif
