/* test_check.h: t.h's CHECK, evaluating its condition exactly once.
 *
 * t.h's CHECK(cond, ...) evaluates cond twice (to choose "ok"/"not ok" and
 * again to decide whether to print the failure note), so a condition with
 * an effect -- store_write_begin(...) == 0, fx_read(...) == OK -- runs
 * twice.  The daemon tests check such calls all the time, so they use this
 * version: same output, same counters, one evaluation. */
#ifndef HOSO_TEST_CHECK_H
#define HOSO_TEST_CHECK_H

#include <stdbool.h>

#include "t.h"

#undef CHECK
#define CHECK(cond, ...) do { \
	bool t_c_ = (cond); \
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

#endif
