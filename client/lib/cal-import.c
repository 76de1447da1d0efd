/* cal-import.c: which imported events mark a working day, and their
 * reasons (see cal-import.h). */
#include <stdlib.h>
#include <string.h>

#include "cal-import.h"
#include "i18n.h"
#include "text.h"

/* Whether folded text holds phrase somewhere not negated. */
static bool
cal_has_phrase(const char *text, const char *phrase)
{
	static const char *const negations[] = { "non-", "non ", "not a ",
	    "not ", "khong " };
	size_t plen = strlen(phrase);
	for (const char *p = strstr(text, phrase); p != NULL;
	    p = strstr(p + 1, phrase)) {
		/* Whole words only: "di lam" is not in "nhadi lam". */
		bool word = (p == text || !((p[-1] >= 'a' && p[-1] <= 'z') ||
		    (p[-1] >= '0' && p[-1] <= '9'))) &&
		    !((p[plen] >= 'a' && p[plen] <= 'z') ||
		    (p[plen] >= '0' && p[plen] <= '9'));
		if (!word)
			continue;
		bool negated = false;
		for (size_t i = 0; i < sizeof negations / sizeof negations[0];
		    i++) {
			size_t n = strlen(negations[i]);
			if ((size_t)(p - text) >= n &&
			    memcmp(p - n, negations[i], n) == 0 &&
			    (p - n == text || p[-(ptrdiff_t)n - 1] == ' ' ||
			    p[-(ptrdiff_t)n - 1] == '('))
				negated = true;
		}
		if (!negated)
			return true;
	}
	return false;
}

/* The folded form of s with every run of white space made one space and
 * the ends trimmed; NULL for invalid text or without memory. */
static char *
cal_fold(const char *s)
{
	char *f = text_fold(s);
	if (f == NULL)
		return NULL;
	char *o = f;
	for (const char *p = f; *p != '\0'; p++) {
		bool space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
		if (space && (o == f || o[-1] == ' '))
			continue;
		*o++ = space ? ' ' : *p;
	}
	if (o > f && o[-1] == ' ')
		o--;
	*o = '\0';
	return f;
}

bool
hoso_event_is_workday(const char *summary, const char *const *categories,
    size_t ncat)
{
	static const char *const phrases[] = { "lam bu", "di lam",
	    "working day" };
	static const char *const cats[] = { "workday", "working day",
	    "working-day" };
	bool work = false;
	char *f = summary != NULL ? cal_fold(summary) : NULL;
	for (size_t i = 0; f != NULL && !work &&
	    i < sizeof phrases / sizeof phrases[0]; i++)
		work = cal_has_phrase(f, phrases[i]);
	free(f);
	for (size_t c = 0; !work && c < ncat; c++) {
		if (categories[c] == NULL)
			continue;
		f = cal_fold(categories[c]);
		for (size_t i = 0; f != NULL && !work &&
		    i < sizeof cats / sizeof cats[0]; i++)
			work = strcmp(f, cats[i]) == 0;
		free(f);
	}
	return work;
}

char *
hoso_event_reason(const char *summary, const char **why)
{
	if (summary == NULL)
		summary = "";
	/* A SUMMARY may span lines ("\n" in the file): one line here. */
	char *flat = strdup(summary);
	if (flat == NULL) {
		*why = N_("out of memory");
		return NULL;
	}
	for (char *p = flat; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	char *r = text_normalize(flat, strlen(flat), 0, why);
	free(flat);
	if (r == NULL)
		return NULL;
	/* Cut at a code point boundary, leaving room for "…". */
	size_t n = 0;
	for (char *p = r; *p != '\0'; p++) {
		if (((unsigned char)*p & 0xc0) == 0x80)
			continue;
		if (++n == HOSO_CAL_REASON_MAX && text_length(p) > 1) {
			/* p starts the last code point kept: replace it and
			 * the rest with "…" (3 bytes, fits since a code point
			 * ... plus what follows takes at least 2). */
			size_t left = strlen(p);
			if (left < 3) {
				char *nr = realloc(r, (size_t)(p - r) + 4);
				if (nr == NULL) {
					free(r);
					*why = N_("out of memory");
					return NULL;
				}
				p = nr + (p - r);
				r = nr;
			}
			memcpy(p, "\xe2\x80\xa6", 4);
			break;
		}
	}
	return r;
}
