/* text.c: Unicode rules for stored text and search keys (see text.h).
 * utf8proc does the Unicode work (validation, NFC, decomposition, case
 * folding); this file adds what utf8proc leaves to us: which characters are
 * refused, how white space is collapsed, and the Vietnamese đ.  Every
 * buffer utf8proc returns is malloc'd and is freed here with free(). */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "i18n.h"
#include "text.h"

/* At most this many line breaks in a row survive in notes: one blank line
 * between paragraphs, never a screenful of empty lines. */
#define TEXT_MAX_NEWLINES 2

/* Whether c is white space that collapses to one space: the Zs category
 * (space, no-break space, ideographic space ...), tab, and the Unicode line
 * and paragraph separators. */
static int
text_is_blank(utf8proc_int32_t c)
{
	if (c == '\t')
		return 1;
	utf8proc_category_t cat = utf8proc_category(c);
	return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
	    cat == UTF8PROC_CATEGORY_ZP;
}

/* Check that s[0..len) is valid UTF-8 without control characters other than
 * tab, and, if keep_newlines, "\n" and "\r\n"; returns the msgid of the
 * first problem or NULL. */
static const char *
text_check(const utf8proc_uint8_t *s, size_t len, int keep_newlines)
{
	size_t i = 0;
	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(s + i,
		    (utf8proc_ssize_t)(len - i), &c);
		if (n <= 0)
			return N_("is not valid UTF-8");
		if (utf8proc_category(c) == UTF8PROC_CATEGORY_CC && c != '\t' &&
		    !(keep_newlines && c == '\n') &&
		    !(keep_newlines && c == '\r' && i + 1 < len &&
		    s[i + 1] == '\n'))
			return N_("contains a control character");
		i += (size_t)n;
	}
	return NULL;
}

/* Collapse white space in NUL-terminated valid UTF-8 s, in place: trim both
 * ends, turn each run of blanks into one space and, if keep_newlines, keep
 * up to TEXT_MAX_NEWLINES line breaks of a run (dropping the blanks and
 * "\r" around them); without keep_newlines a line break is a blank. */
static void
text_collapse(char *s, int keep_newlines)
{
	const utf8proc_uint8_t *in = (const utf8proc_uint8_t *)s;
	char *out = s;
	int spaces = 0, newlines = 0;

	while (*in != '\0') {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(in, -1, &c);
		if (n <= 0) {           /* cannot happen on checked input */
			n = 1;
			c = *in;
		}
		if (keep_newlines && (c == '\n' || c == '\r')) {
			newlines += c == '\n';
		} else if (text_is_blank(c) || c == '\n' || c == '\r') {
			spaces = 1;
		} else {
			/* Output never outgrows input: a run of at least one
			 * byte becomes at most as many bytes. */
			if (out != s) {
				if (newlines > 0) {
					for (int k = 0; k < newlines &&
					    k < TEXT_MAX_NEWLINES; k++)
						*out++ = '\n';
				} else if (spaces) {
					*out++ = ' ';
				}
			}
			spaces = newlines = 0;
			memmove(out, in, (size_t)n);
			out += n;
		}
		in += n;
	}
	*out = '\0';
}

/* A malloc'd copy of s[0..len) fit to store: checked, NFC, blanks collapsed. */
char *
text_normalize(const char *s, size_t len, int keep_newlines, const char **why)
{
	utf8proc_uint8_t *nfc = NULL;
	const char *problem;

	if (s == NULL && len > 0) {
		*why = N_("is not valid UTF-8");
		return NULL;
	}
	if (len == 0)
		return strdup("");
	problem = text_check((const utf8proc_uint8_t *)s, len, keep_newlines);
	if (problem != NULL) {
		*why = problem;
		return NULL;
	}
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s,
	    (utf8proc_ssize_t)len, &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0) {
		/* Only an allocation failure is left after text_check. */
		*why = n == UTF8PROC_ERROR_INVALIDUTF8 ?
		    N_("is not valid UTF-8") : N_("is too long");
		return NULL;
	}
	text_collapse((char *)nfc, keep_newlines);
	return (char *)nfc;
}

/* Whether c is U+0111 (đ) or U+00F0 (ð, which text converted from the old
 * Windows-1258 code page carries where Đ was meant). */
static int
text_is_d_with_stroke(utf8proc_int32_t c)
{
	return c == 0x0111 || c == 0x00F0;
}

/* A malloc'd search key for s: compatibility decomposition, marks stripped,
 * case folded, ignorable characters dropped, đ -> d, blanks collapsed. */
char *
text_fold(const char *s)
{
	utf8proc_uint8_t *f = NULL;

	if (s == NULL)
		return NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &f,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
	    UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD |
	    UTF8PROC_IGNORE | UTF8PROC_LUMP);
	if (n < 0)
		return NULL;

	/* Casefold has turned Đ into đ; đ has no decomposition, so STRIPMARK
	 * left it.  Replace it with d in place (2 bytes -> 1). */
	utf8proc_uint8_t *in = f, *out = f;
	while (*in != '\0') {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(in, -1, &c);
		if (k <= 0) {
			k = 1;
			c = *in;
		}
		if (text_is_d_with_stroke(c)) {
			*out++ = 'd';
		} else {
			memmove(out, in, (size_t)k);
			out += k;
		}
		in += k;
	}
	*out = '\0';
	text_collapse((char *)f, 0);
	return (char *)f;
}

/* Number of code points in valid UTF-8 s (bytes that start a sequence). */
size_t
text_length(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p & 0xC0) != 0x80)
			n++;
	return n;
}

/* Columns s takes on a terminal: wide characters count 2, combining marks
 * and controls 0; a byte that is not valid UTF-8 counts 1. */
size_t
text_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t w = 0;

	while (*p != '\0') {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
		if (n <= 0) {
			w++;
			p++;
			continue;
		}
		int cw = utf8proc_charwidth(c);
		if (cw > 0)
			w += (size_t)cw;
		p += n;
	}
	return w;
}
