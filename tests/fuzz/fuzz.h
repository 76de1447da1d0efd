/* fuzz.h: what the libFuzzer targets in tests/fuzz/ share.
 *
 * Each fuzz_<name>.c defines LLVMFuzzerTestOneInput.  Built with clang and
 * -fsanitize=fuzzer it is a libFuzzer binary (mk/fuzz.mk, `make fuzz`).
 * Built with -DFUZZ_REPLAY_MAIN by any C compiler and without libFuzzer,
 * the main() below runs the target once on each file named on the command
 * line (a directory: on each file in it) and prints one TAP line per file:
 * that is how tests/fuzz/regress/<name>/ is replayed (`make fuzz-regress`).
 *
 * A broken invariant is a crash: FUZZ_ASSERT prints what broke and aborts,
 * so libFuzzer keeps the input as a crash file. */
#ifndef HOSO_FUZZ_H
#define HOSO_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ASSERT(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: invariant broken: %s: ", __FILE__, \
		    __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fprintf(stderr, "\n"); \
		abort(); \
	} \
} while (0)

/* Reads fuzz input piece by piece; past the end every read gives 0. */
struct fz_in {
	const uint8_t *p;
	size_t n;
};

/* The next byte, 0 once the input is used up. */
static inline uint8_t
fz_u8(struct fz_in *in)
{
	if (in->n == 0)
		return 0;
	in->n--;
	return *in->p++;
}

/* The next 4 bytes, little-endian. */
static inline uint32_t
fz_u32(struct fz_in *in)
{
	uint32_t v = 0;
	for (int i = 0; i < 4; i++)
		v |= (uint32_t)fz_u8(in) << (8 * i);
	return v;
}

/* A number in lo..hi (inclusive; lo <= hi). */
static inline int64_t
fz_range(struct fz_in *in, int64_t lo, int64_t hi)
{
	uint64_t span = (uint64_t)(hi - lo) + 1;
	uint64_t v = ((uint64_t)fz_u32(in) << 32) | fz_u32(in);
	return span == 0 ? (int64_t)v : lo + (int64_t)(v % span);
}

#ifdef FUZZ_REPLAY_MAIN
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

/* Run the target on the whole file path; 0, or -1 if it cannot be read. */
static int
fz_replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return -1;
	size_t cap = 4096, n = 0;
	uint8_t *buf = malloc(cap);
	size_t got;
	while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			uint8_t *nb = realloc(buf, cap * 2);
			if (nb == NULL) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf == NULL)
		return -1;
	/* Copy to an exact-size block so ASan sees reads past the end. */
	uint8_t *exact = malloc(n ? n : 1);
	if (exact == NULL) {
		free(buf);
		return -1;
	}
	memcpy(exact, buf, n);
	free(buf);
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	return 0;
}

/* Replay each file argument, or each plain file of a directory argument. */
int
main(int argc, char **argv)
{
	int files = 0, bad = 0;
	for (int i = 1; i < argc; i++) {
		struct stat sb;
		if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			struct dirent **ents;
			int n = scandir(argv[i], &ents, NULL, alphasort);
			for (int k = 0; k < n; k++) {
				char path[4096];
				snprintf(path, sizeof path, "%s/%s", argv[i],
				    ents[k]->d_name);
				if (ents[k]->d_name[0] != '.' &&
				    stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
					int rc = fz_replay_file(path);
					printf("%s - replay %s\n", rc == 0 ? "ok" :
					    "not ok", path);
					files++;
					bad += rc != 0;
				}
				free(ents[k]);
			}
			if (n >= 0)
				free(ents);
			else
				bad++;
		} else {
			int rc = fz_replay_file(argv[i]);
			printf("%s - replay %s\n", rc == 0 ? "ok" : "not ok",
			    argv[i]);
			files++;
			bad += rc != 0;
		}
	}
	printf("# %d files replayed, %d unreadable\n", files, bad);
	return bad ? 1 : 0;
}
#endif

#endif
