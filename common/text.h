/* text.h: Unicode text rules for names and free text (utf8proc).
 * Stored text is valid UTF-8, NFC, without control characters, trimmed,
 * with runs of white space collapsed to one space.  Search keys are the
 * "folded" form: lower case, diacritics removed, đ/Đ -> d. */
#ifndef HOSO_TEXT_H
#define HOSO_TEXT_H

#include <stddef.h>

/* A malloc'd normalised copy of s[0..len), or NULL with *why set to a static
 * English msgid ("is not valid UTF-8", "contains a control character",
 * "is too long" when memory runs out).  Tabs count as white space.  Line
 * breaks ("\n", "\r\n" stored as "\n") are allowed only if keep_newlines (for
 * notes): blanks around them are dropped and at most one empty line is kept
 * between paragraphs.  The result may be empty. */
char *text_normalize(const char *s, size_t len, int keep_newlines,
    const char **why);

/* A malloc'd folded search key for NUL-terminated valid UTF-8 s; NULL only on
 * allocation failure or invalid input. */
char *text_fold(const char *s);

/* Number of code points in valid UTF-8 s. */
size_t text_length(const char *s);

/* Terminal display width of valid UTF-8 s (for aligning tables). */
size_t text_width(const char *s);

#endif
