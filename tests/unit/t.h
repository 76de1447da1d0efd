/* t.h: a minimal TAP-style check helper for C unit tests.
 * Each CHECK prints "ok N - what" or "not ok N - what (file:line)";
 * tests/run.sh counts those lines.  A test's main returns t_done(). */
#ifndef HOSO_T_H
#define HOSO_T_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int t_count, t_failed;

#define CHECK(cond, ...) do { \
	int t_c_ = !!(cond); \
	t_count++; \
	if (t_c_) { \
		printf("ok %d - ", t_count); \
	} else { \
		t_failed++; \
		printf("not ok %d - ", t_count); \
	} \
	printf(__VA_ARGS__); \
	if (!t_c_) \
		printf(" (%s:%d: %s)", __FILE__, __LINE__, #cond); \
	printf("\n"); \
} while (0)

#define CHECK_STR(got, want, ...) do { \
	const char *t_g_ = (got), *t_w_ = (want); \
	int t_ok_ = t_g_ != NULL && t_w_ != NULL && strcmp(t_g_, t_w_) == 0; \
	CHECK(t_ok_, __VA_ARGS__); \
	if (!t_ok_) \
		printf("#   got \"%s\", want \"%s\"\n", t_g_ ? t_g_ : "(null)", \
		    t_w_ ? t_w_ : "(null)"); \
} while (0)

static inline int t_done(void)
{
	printf("# %d checks, %d failed\n", t_count, t_failed);
	return t_failed ? 1 : 0;
}

#endif
