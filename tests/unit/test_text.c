/* test_text.c: unit tests for common/text.c. */
#include <stdlib.h>

#include "t.h"
#include "text.h"

#define MSG_UTF8 "is not valid UTF-8"
#define MSG_CTRL "contains a control character"

/* Normalise NUL-terminated s and compare with want. */
static void
norm_ok(const char *s, int keep_newlines, const char *want, const char *what)
{
	const char *why = NULL;
	char *got = text_normalize(s, strlen(s), keep_newlines, &why);
	CHECK_STR(got, want, "normalize %s", what);
	free(got);
}

/* Normalise s[0..len) and expect a refusal with the msgid want_why. */
static void
norm_bad(const char *s, size_t len, int keep_newlines, const char *want_why,
    const char *what)
{
	const char *why = NULL;
	char *got = text_normalize(s, len, keep_newlines, &why);
	CHECK(got == NULL, "normalize refuses %s", what);
	CHECK_STR(why, want_why, "normalize says why for %s", what);
	free(got);
}

/* Fold s and compare with want. */
static void
fold_ok(const char *s, const char *want)
{
	char *got = text_fold(s);
	CHECK_STR(got, want, "fold \"%s\"", s);
	free(got);
}

/* NFC composition of Vietnamese text typed in decomposed form. */
static void
test_nfc(void)
{
	norm_ok("Nguye\xcc\x82\xcc\x83n", 0, "Nguy\xe1\xbb\x85n",
	    "NFD Nguyễn to NFC");
	norm_ok("Nguy\xc3\xaa\xcc\x83n", 0, "Nguy\xe1\xbb\x85n",
	    "half-composed Nguyễn to NFC");
	norm_ok("Nguyễn Văn Ánh", 0, "Nguyễn Văn Ánh", "NFC stays NFC");
	norm_ok("Tra\xcc\x82\xcc\x80n Thi\xcc\xa3 Hu\xcc\x9bo\xcc\x9b\xcc\x80ng",
	    0, "Trần Thị Hường", "NFD Trần Thị Hường");
	norm_ok("D\xcc\x9b", 0, "D\xcc\x9b", "a mark with no composition stays");
	norm_ok("\xc3\x85ngstr\xc3\xb6m", 0, "Ångström", "Latin-1 letters");
	norm_ok("\xe2\x84\xab", 0, "\xc3\x85", "Angstrom sign becomes Å (NFC)");
	norm_ok("\xef\xac\x81", 0, "\xef\xac\x81", "NFC keeps the fi ligature");
	norm_ok("\xf0\x9f\x98\x80 ok", 0, "\xf0\x9f\x98\x80 ok", "4-byte emoji");
	norm_ok("\xe4\xb8\xad\xe6\x96\x87", 0, "中文", "CJK");
}

/* Trimming and collapsing of white space. */
static void
test_blanks(void)
{
	norm_ok("  Nguyễn   Văn\tÁnh  ", 0, "Nguyễn Văn Ánh", "spaces and tab");
	norm_ok("\t\tLê\t \tLợi\t", 0, "Lê Lợi", "tabs at both ends");
	norm_ok("a\xc2\xa0\xc2\xa0" "b", 0, "a b", "no-break spaces");
	norm_ok("a\xe3\x80\x80" "b", 0, "a b", "ideographic space");
	norm_ok("\xe2\x80\x83" "a\xe2\x80\xaf" "b\xe2\x80\x89", 0, "a b",
	    "em, narrow and thin spaces");
	norm_ok("a\xe2\x80\xa8" "b", 0, "a b", "line separator is a blank");
	norm_ok("", 0, "", "empty string");
	norm_ok("   ", 0, "", "only spaces gives empty");
	norm_ok(" \t\xc2\xa0 ", 0, "", "only blanks gives empty");
	norm_ok("x", 0, "x", "one letter");
	norm_ok(" x ", 0, "x", "one letter with spaces");
	norm_ok("a b", 0, "a b", "single space stays");

	const char *why = NULL;
	char *got = text_normalize("abcdef", 3, 0, &why);
	CHECK_STR(got, "abc", "normalize honours len");
	free(got);
	got = text_normalize(NULL, 0, 0, &why);
	CHECK_STR(got, "", "normalize NULL with len 0 is empty");
	free(got);
}

/* Line breaks in notes. */
static void
test_newlines(void)
{
	norm_ok("line one\nline two", 1, "line one\nline two", "keeps \\n");
	norm_ok("one  \n   two", 1, "one\ntwo", "trims spaces around \\n");
	norm_ok("one\r\ntwo\r\n", 1, "one\ntwo", "CRLF becomes \\n");
	norm_ok("\n\none\n\n\ntwo\n\n", 1, "one\n\ntwo",
	    "keeps one empty line, trims ends");
	norm_ok("one\n\ntwo", 1, "one\n\ntwo", "paragraph break");
	norm_ok("one \n \n \n two", 1, "one\n\ntwo",
	    "blank lines with spaces");
	norm_ok("a  b\n c   d ", 1, "a b\nc d", "collapses within lines");
	norm_ok("\n \n", 1, "", "only line breaks gives empty");
	norm_bad("one\ntwo", 7, 0, MSG_CTRL, "\\n when not keeping lines");
	norm_bad("one\r\ntwo", 8, 0, MSG_CTRL, "CRLF when not keeping lines");
	norm_bad("one\rtwo", 7, 1, MSG_CTRL, "a lone \\r");
	norm_bad("one\r", 4, 1, MSG_CTRL, "a final lone \\r");
}

/* Bytes that are not UTF-8 and characters that are not allowed. */
static void
test_refusals(void)
{
	norm_bad("\xc3\x28", 2, 0, MSG_UTF8, "bad continuation C3 28");
	norm_bad("\xc0\xaf", 2, 0, MSG_UTF8, "overlong C0 AF");
	norm_bad("\xe0\x80\xaf", 3, 0, MSG_UTF8, "overlong E0 80 AF");
	norm_bad("\xf0\x80\x80\xaf", 4, 0, MSG_UTF8, "overlong F0 80 80 AF");
	norm_bad("\xed\xa0\x80", 3, 0, MSG_UTF8, "surrogate ED A0 80");
	norm_bad("\xed\xbf\xbf", 3, 0, MSG_UTF8, "surrogate ED BF BF");
	norm_bad("\xf4\x90\x80\x80", 4, 0, MSG_UTF8, "above U+10FFFF");
	norm_bad("\xff", 1, 0, MSG_UTF8, "byte FF");
	norm_bad("\x80", 1, 0, MSG_UTF8, "lone continuation byte");
	norm_bad("ab\xc3", 3, 0, MSG_UTF8, "truncated sequence at the end");
	norm_bad("\xe1\xbb", 2, 0, MSG_UTF8, "truncated 3-byte sequence");
	norm_bad("Nguy\xe1\xbb\x85n\xc3", 9, 0, MSG_UTF8,
	    "len cuts a sequence");
	norm_bad("Nguy\xea\x6e", 6, 0, MSG_UTF8, "Latin-1 ê");

	norm_bad("a\0b", 3, 0, MSG_CTRL, "NUL inside");
	norm_bad("a\x01", 2, 0, MSG_CTRL, "SOH");
	norm_bad("\x1b[31mred", 8, 0, MSG_CTRL, "ESC (terminal escape)");
	norm_bad("a\x7f", 2, 0, MSG_CTRL, "DEL");
	norm_bad("a\xc2\x85", 3, 1, MSG_CTRL, "C1 NEL");
	norm_bad("a\xc2\x9b" "31m", 6, 0, MSG_CTRL, "C1 CSI");
	norm_bad("a\x0b" "b", 3, 1, MSG_CTRL, "vertical tab");
	norm_bad("a\x0c" "b", 3, 1, MSG_CTRL, "form feed");
	norm_bad("a\x01\xc3\x28", 4, 0, MSG_CTRL, "first problem wins (ctrl)");
	norm_bad("\xc3\x28\x01", 3, 0, MSG_UTF8, "first problem wins (utf8)");
}

/* Search keys: Vietnamese without diacritics, lower case, đ -> d. */
static void
test_fold(void)
{
	fold_ok("Nguyễn Văn Ánh", "nguyen van anh");
	fold_ok("ĐẶNG THỊ Hường", "dang thi huong");
	fold_ok("Đ", "d");
	fold_ok("đ", "d");
	fold_ok("ĐĐđđ", "dddd");
	fold_ok("Đỗ Đức Được", "do duc duoc");
	fold_ok("TRẦN THỊ THU HƯƠNG", "tran thi thu huong");
	fold_ok("trần thị thu hương", "tran thi thu huong");
	fold_ok("Phạm Ngọc Thạch", "pham ngoc thach");
	fold_ok("Bùi Xuân Phái", "bui xuan phai");
	fold_ok("Lý Thường Kiệt", "ly thuong kiet");
	fold_ok("Hồ Xuân Hương", "ho xuan huong");
	fold_ok("Ơ Ư Ă Â Ê Ô", "o u a a e o");
	fold_ok("ỹ ỷ ỵ ỳ ý", "y y y y y");
	fold_ok("Nguye\xcc\x82\xcc\x83n", "nguyen");
	fold_ok("  Võ   Thị\tSáu  ", "vo thi sau");
	fold_ok("Lê\xc2\xa0Lợi", "le loi");
	fold_ok("Phường 25, Quận Bình Thạnh", "phuong 25, quan binh thanh");
	fold_ok("abc", "abc");
	fold_ok("", "");
	fold_ok("   ", "");
	/* Ð (U+00D0, Icelandic eth) is what cp1258 text read as Latin-1
	 * puts where Đ was meant. */
	fold_ok("\xc3\x90\xe1\xbb\x97", "do");
	fold_ok("Ｎｇｕｙễｎ", "nguyen");
	fold_ok("Nguy\xe2\x80\x8b" "ễn", "nguyen");
	fold_ok("Stra\xc3\x9f" "e", "strasse");

	char *a = text_fold("NGUYỄN");
	char *b = text_fold("nguyen");
	char *c = text_fold("Nguye\xcc\x82\xcc\x83N");
	CHECK(a && b && c && strcmp(a, b) == 0 && strcmp(b, c) == 0,
	    "upper, plain and NFD fold to the same key");
	free(a);
	free(b);
	free(c);
	CHECK(text_fold(NULL) == NULL, "fold NULL");
	CHECK(text_fold("\xc3\x28") == NULL, "fold refuses invalid UTF-8");
}

/* Code point counts and terminal widths. */
static void
test_length_width(void)
{
	CHECK(text_length("") == 0, "length of empty");
	CHECK(text_length("abc") == 3, "length of ASCII");
	CHECK(text_length("Nguyễn") == 6, "length of Nguyễn (NFC)");
	CHECK(text_length("Nguye\xcc\x82\xcc\x83n") == 8,
	    "length of NFD Nguyễn counts the marks");
	CHECK(text_length("中文") == 2, "length of CJK");
	CHECK(text_length("\xf0\x9f\x98\x80") == 1, "length of an emoji");

	CHECK(text_width("") == 0, "width of empty");
	CHECK(text_width("abc") == 3, "width of ASCII");
	CHECK(text_width("Nguyễn Văn Ánh") == 14, "width of NFC Vietnamese");
	CHECK(text_width("Nguye\xcc\x82\xcc\x83n") == 6,
	    "combining marks have width 0");
	CHECK(text_width("中文") == 4, "CJK is double width");
	CHECK(text_width("a\xf0\x9f\x98\x80") == 3, "emoji is double width");
	CHECK(text_width("a\xc3") == 2, "a stray byte counts 1");
}

int
main(void)
{
	test_nfc();
	test_blanks();
	test_newlines();
	test_refusals();
	test_fold();
	test_length_width();
	return t_done();
}
