/* msgfmt.h: safe "%s" substitution for messages that cross the wire.
 * A server error travels as an English msgid plus string arguments; the
 * client translates the msgid and substitutes.  Only "%s", "%N$s" (N = 1..9)
 * and "%%" are understood; anything else is copied as is, so a hostile or
 * broken format can never read beyond the arguments. */
#ifndef HOSO_MSGFMT_H
#define HOSO_MSGFMT_H

#include <stddef.h>

/* A malloc'd string: fmt with its conversions replaced by args. */
char *msgfmt(const char *fmt, const char *const *args, size_t nargs);

#endif
