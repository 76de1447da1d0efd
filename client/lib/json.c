/* json.c: a small JSON writer (see json.h). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

void
json_init(struct json *j)
{
	memset(j, 0, sizeof *j);
}

void
json_free(struct json *j)
{
	free(j->buf);
	json_init(j);
}

/* Append n bytes, growing the buffer; sets the sticky error on failure. */
static void
json_put(struct json *j, const char *s, size_t n)
{
	if (j->err)
		return;
	if (j->len + n + 2 > j->cap) {
		size_t ncap = j->cap ? j->cap : 256;
		while (ncap < j->len + n + 2)
			ncap *= 2;
		char *nb = realloc(j->buf, ncap);
		if (nb == NULL) {
			j->err = 1;
			return;
		}
		j->buf = nb;
		j->cap = ncap;
	}
	memcpy(j->buf + j->len, s, n);
	j->len += n;
}

/* Before any value: check it is allowed here and write its comma. */
static void
json_pre_value(struct json *j)
{
	if (j->err)
		return;
	if (j->depth == 0) {
		if (j->top_done)
			j->err = 1;
		j->top_done = true;
		return;
	}
	int d = j->depth - 1;
	if (j->in_object[d]) {
		if (!j->key_done)
			j->err = 1;
		j->key_done = false;
		return;
	}
	if (j->has_items[d])
		json_put(j, ",", 1);
	j->has_items[d] = true;
}

/* Code point length of the valid UTF-8 sequence at s, or 0 if invalid
 * (overlong forms, surrogates and values over U+10FFFF are invalid). */
static size_t
json_utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	size_t n;
	uint32_t cp;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

/* Write s as a quoted, escaped JSON string. */
static void
json_quoted(struct json *j, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	json_put(j, "\"", 1);
	while (*s != '\0') {
		const unsigned char *run = s;
		size_t n;
		while (*s >= 0x20 && *s != '"' && *s != '\\' &&
		    (n = json_utf8_len(s)) > 0)
			s += n;
		json_put(j, (const char *)run, (size_t)(s - run));
		if (*s == '\0')
			break;
		if (*s == '"' || *s == '\\') {
			char esc[2] = { '\\', (char)*s };
			json_put(j, esc, 2);
		} else if (*s < 0x20) {
			char esc[7];
			snprintf(esc, sizeof esc, "\\u%04x", *s);
			json_put(j, esc, 6);
		} else {
			json_put(j, "\xef\xbf\xbd", 3);   /* U+FFFD */
		}
		s++;
	}
	json_put(j, "\"", 1);
}

/* Open a nested object or array. */
static void
json_open(struct json *j, bool object)
{
	json_pre_value(j);
	if (j->err)
		return;
	if (j->depth == JSON_MAX_DEPTH) {
		j->err = 1;
		return;
	}
	j->in_object[j->depth] = object;
	j->has_items[j->depth] = false;
	j->depth++;
	json_put(j, object ? "{" : "[", 1);
}

/* Close the innermost level, which must be of the given kind. */
static void
json_close(struct json *j, bool object)
{
	if (j->err)
		return;
	if (j->depth == 0 || j->in_object[j->depth - 1] != object ||
	    j->key_done) {
		j->err = 1;
		return;
	}
	j->depth--;
	json_put(j, object ? "}" : "]", 1);
}

void
json_begin_object(struct json *j)
{
	json_open(j, true);
}

void
json_end_object(struct json *j)
{
	json_close(j, true);
}

void
json_begin_array(struct json *j)
{
	json_open(j, false);
}

void
json_end_array(struct json *j)
{
	json_close(j, false);
}

void
json_key(struct json *j, const char *key)
{
	if (j->err)
		return;
	int d = j->depth - 1;
	if (d < 0 || !j->in_object[d] || j->key_done || key == NULL) {
		j->err = 1;
		return;
	}
	if (j->has_items[d])
		json_put(j, ",", 1);
	j->has_items[d] = true;
	json_quoted(j, key);
	json_put(j, ":", 1);
	j->key_done = true;
}

void
json_string(struct json *j, const char *s)
{
	if (s == NULL) {
		json_null(j);
		return;
	}
	json_pre_value(j);
	json_quoted(j, s);
}

void
json_string_or_null(struct json *j, const char *s)
{
	json_string(j, s != NULL && *s != '\0' ? s : NULL);
}

/* Write an unquoted token as a value. */
static void
json_token(struct json *j, const char *tok)
{
	json_pre_value(j);
	json_put(j, tok, strlen(tok));
}

void
json_uint(struct json *j, uint64_t v)
{
	char num[24];
	snprintf(num, sizeof num, "%" PRIu64, v);
	json_token(j, num);
}

void
json_int(struct json *j, int64_t v)
{
	char num[24];
	snprintf(num, sizeof num, "%" PRId64, v);
	json_token(j, num);
}

void
json_id_or_null(struct json *j, uint64_t v)
{
	if (v == 0)
		json_null(j);
	else
		json_uint(j, v);
}

void
json_number(struct json *j, double v)
{
	/* By hand, not "%f": the user's locale may write a decimal comma. */
	if (!(v > -1e15 && v < 1e15)) {         /* also NaN */
		json_null(j);
		return;
	}
	bool neg = v < 0;
	double a = neg ? -v : v;
	uint64_t hundredths = (uint64_t)(a * 100.0 + 0.5);
	char num[40];
	unsigned frac = (unsigned)(hundredths % 100);
	int n = snprintf(num, sizeof num, "%s%" PRIu64,
	    neg && hundredths != 0 ? "-" : "", hundredths / 100);
	if (frac != 0 && n > 0 && (size_t)n < sizeof num - 4) {
		if (frac % 10 == 0)
			snprintf(num + n, sizeof num - (size_t)n, ".%u",
			    frac / 10);
		else
			snprintf(num + n, sizeof num - (size_t)n, ".%02u",
			    frac);
	}
	json_token(j, num);
}

void
json_bool(struct json *j, bool v)
{
	json_token(j, v ? "true" : "false");
}

void
json_null(struct json *j)
{
	json_token(j, "null");
}

char *
json_finish(struct json *j)
{
	char *out = NULL;
	if (!j->err && j->depth == 0 && j->top_done) {
		json_put(j, "\n", 1);
		if (!j->err) {
			j->buf[j->len] = '\0';
			out = j->buf;
			j->buf = NULL;
		}
	}
	json_free(j);
	return out;
}
