/* test_msgfmt.c: unit tests for common/msgfmt.c. */
#include <stdlib.h>

#include "msgfmt.h"
#include "t.h"

/* Format fmt with args and compare with want. */
static void
fmt_is(const char *fmt, const char *const *args, size_t nargs,
    const char *want)
{
	char *got = msgfmt(fmt, args, nargs);
	CHECK_STR(got, want, "msgfmt \"%s\" with %zu args", fmt, nargs);
	free(got);
}

/* Plain "%s" in order, missing and NULL arguments. */
static void
test_plain(void)
{
	const char *one[] = { "Nguyễn Văn Ánh" };
	const char *two[] = { "Phường 25", "Chi bộ khu phố 3" };
	const char *with_null[] = { NULL, "x" };

	fmt_is("", NULL, 0, "");
	fmt_is("no conversions", NULL, 0, "no conversions");
	fmt_is("%s", one, 1, "Nguyễn Văn Ánh");
	fmt_is("candidate %s is not in your cell", one, 1,
	    "candidate Nguyễn Văn Ánh is not in your cell");
	fmt_is("%s / %s", two, 2, "Phường 25 / Chi bộ khu phố 3");
	fmt_is("%s%s", two, 2, "Phường 25Chi bộ khu phố 3");
	fmt_is("%s, %s and %s", two, 2, "Phường 25, Chi bộ khu phố 3 and ");
	fmt_is("%s and %s", NULL, 0, " and ");
	fmt_is("[%s|%s]", with_null, 2, "[|x]");
	fmt_is("%s", one, 0, "");
}

/* Positional "%N$s". */
static void
test_positional(void)
{
	const char *two[] = { "first", "second" };
	const char *nine[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9" };

	fmt_is("%2$s %1$s", two, 2, "second first");
	fmt_is("%1$s %1$s", two, 2, "first first");
	fmt_is("%3$s", two, 2, "");
	fmt_is("%9$s%1$s", nine, 9, "91");
	fmt_is("%1$s then %s", two, 2, "first then first");
	fmt_is("%s then %1$s", two, 2, "first then first");
	fmt_is("%0$s", two, 2, "%0$s");
	fmt_is("%10$s", two, 2, "%10$s");
	fmt_is("%1$d", two, 2, "%1$d");
	fmt_is("%1$", two, 2, "%1$");
	fmt_is("%1", two, 2, "%1");
}

/* "%%", other conversions copied as is, a "%" at the very end. */
static void
test_other(void)
{
	const char *one[] = { "x" };

	fmt_is("100%%", NULL, 0, "100%");
	fmt_is("%%s", one, 1, "%s");
	fmt_is("%%%s", one, 1, "%x");
	fmt_is("%%%%", NULL, 0, "%%");
	fmt_is("%d", one, 1, "%d");
	fmt_is("%d %s", one, 1, "%d x");
	fmt_is("%n%p%x%ls%5s", one, 1, "%n%p%x%ls%5s");
	fmt_is("50%", NULL, 0, "50%");
	fmt_is("%", NULL, 0, "%");
	fmt_is("%s%", one, 1, "x%");
	fmt_is("%%%", NULL, 0, "%%");
}

/* A long argument and many conversions grow the buffer correctly. */
static void
test_long(void)
{
	size_t n = 10000;
	char *big = malloc(n + 1);
	if (big == NULL) {
		CHECK(0, "malloc");
		return;
	}
	memset(big, 'a', n);
	big[n] = '\0';
	const char *args[] = { big };
	char *got = msgfmt("<%s>", args, 1);
	CHECK(got != NULL && strlen(got) == n + 2 && got[0] == '<' &&
	    got[n + 1] == '>' && got[n] == 'a', "10000-byte argument");
	free(got);

	char fmt[2001];
	for (size_t i = 0; i < 1000; i++) {
		fmt[2 * i] = '%';
		fmt[2 * i + 1] = 's';
	}
	fmt[2000] = '\0';
	got = msgfmt(fmt, args, 1);
	CHECK(got != NULL && strlen(got) == n,
	    "1000 conversions, one argument");
	free(got);
	free(big);
}

int
main(void)
{
	test_plain();
	test_positional();
	test_other();
	test_long();
	return t_done();
}
