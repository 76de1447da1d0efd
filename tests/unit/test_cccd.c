/* test_cccd.c: unit tests for common/cccd.c (invented people only). */
#include <stdint.h>
#include <stdio.h>

#include "cccd.h"
#include "date.h"
#include "t.h"

#define MALE 1
#define FEMALE 2
#define NO_DATE INT32_MIN

#define MSG_LEN "must be exactly 12 digits"
#define MSG_PROVINCE "the first three digits are not a Vietnamese province code"
#define MSG_SEX_CENTURY "the fourth digit (sex and century of birth) does not match the gender and date of birth"
#define MSG_CENTURY "the fourth digit (century of birth) does not match the date of birth"
#define MSG_YEAR "digits 5 and 6 (year of birth) do not match the date of birth"

/* Expect s to pass cccd_check. */
static void
ok(const char *s, bool strict, int32_t born, int gender, const char *what)
{
	const char *why = NULL;
	int rc = cccd_check(s, strict, born, gender, &why);
	CHECK(rc == 0, "%s: \"%s\" passes%s%s", what, s ? s : "(null)",
	    why ? " but said " : "", why ? why : "");
}

/* Expect s to fail cccd_check with the message want. */
static void
bad(const char *s, bool strict, int32_t born, int gender, const char *want,
    const char *what)
{
	const char *why = NULL;
	int rc = cccd_check(s, strict, born, gender, &why);
	CHECK(rc == -1, "%s: \"%s\" fails", what, s ? s : "(null)");
	CHECK_STR(why, want, "%s: message", what);
}

/* Length and digits, in both modes. */
static void
test_shape(void)
{
	static const char *const wrong[] = {
		"", "07909000123", "0790900012345", "079090001234 ",
		" 079090001234", "07909000123a", "O79090001234",
		"079-090-001234", "079 090 001234", "025123456",
		("\xef\xbc\x90" "79090001234"), "0790900012\xd9",
	};
	for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
		bad(wrong[i], false, NO_DATE, 0, MSG_LEN, "shape, lax");
		bad(wrong[i], true, NO_DATE, 0, MSG_LEN, "shape, strict");
	}
	bad(NULL, false, NO_DATE, 0, MSG_LEN, "NULL");

	/* The lax mode takes any 12 digits. */
	ok("000000000000", false, NO_DATE, 0, "lax, province 000");
	ok("999999999999", false, NO_DATE, 0, "lax, province 999");
	ok("003090001234", false, NO_DATE, 0, "lax, province 003");
	ok("079990001234", false, date_from_ymd(1990, 1, 1), MALE,
	    "lax ignores the date");
}

/* Every code from 000 to 999: exactly the 63 listed are provinces. */
static void
test_provinces(void)
{
	static const int codes[] = {
		1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26,
		27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49,
		51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77,
		79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
	};
	size_t ncodes = sizeof codes / sizeof codes[0];
	int wrong = 0, accepted = 0;

	CHECK(ncodes == 63, "63 provinces listed");
	for (int code = 0; code < 1000; code++) {
		char s[16];
		const char *why = NULL;
		bool listed = false;
		for (size_t i = 0; i < ncodes; i++)
			listed = listed || codes[i] == code;
		snprintf(s, sizeof s, "%03d090001234", code);
		int rc = cccd_check(s, true, NO_DATE, 0, &why);
		if (rc == 0)
			accepted++;
		if ((rc == 0) != listed)
			wrong++;
	}
	CHECK(wrong == 0, "province codes 000-999 (%d wrong)", wrong);
	CHECK(accepted == 63, "63 codes accepted (%d)", accepted);

	bad("000090001234", true, NO_DATE, 0, MSG_PROVINCE, "province 000");
	bad("003090001234", true, NO_DATE, 0, MSG_PROVINCE, "province 003");
	bad("097090001234", true, NO_DATE, 0, MSG_PROVINCE, "province 097");
	bad("999090001234", true, NO_DATE, 0, MSG_PROVINCE, "province 999");
	ok("001090001234", true, NO_DATE, 0, "Hà Nội 001");
	ok("079090001234", true, NO_DATE, 0, "Hồ Chí Minh City 079");
	ok("096090001234", true, NO_DATE, 0, "Cà Mau 096");
}

/* Digit 4 (century and sex) and digits 5-6 (year) against the birth. */
static void
test_birth(void)
{
	int32_t m1990 = date_from_ymd(1990, 6, 15);
	int32_t f2001 = date_from_ymd(2001, 2, 3);

	ok("079090001234", true, m1990, MALE, "male born 1990");
	ok("001301001234", true, f2001, FEMALE, "female born 2001");
	ok("079190001234", true, m1990, FEMALE, "female born 1990");
	ok("079201001234", true, f2001, MALE, "male born 2001");
	ok("079000001234", true, date_from_ymd(1900, 1, 1), MALE,
	    "male born 1900-01-01");
	ok("079199001234", true, date_from_ymd(1999, 12, 31), FEMALE,
	    "female born 1999-12-31");
	ok("079200001234", true, date_from_ymd(2000, 1, 1), MALE,
	    "male born 2000-01-01");
	ok("079399001234", true, date_from_ymd(2099, 12, 31), FEMALE,
	    "female born 2099");
	ok("079400001234", true, date_from_ymd(2100, 1, 1), MALE,
	    "male born 2100");
	ok("079525001234", true, date_from_ymd(2125, 1, 1), FEMALE,
	    "female born 2125");
	ok("079650001234", true, date_from_ymd(2250, 1, 1), MALE,
	    "male born 2250");
	ok("079799001234", true, date_from_ymd(2299, 1, 1), FEMALE,
	    "female born 2299");
	ok("079800001234", true, date_from_ymd(2300, 1, 1), MALE,
	    "male born 2300");
	ok("079999001234", true, date_from_ymd(2399, 12, 31), FEMALE,
	    "female born 2399");

	bad("079190001234", true, m1990, MALE, MSG_SEX_CENTURY,
	    "female digit for a man");
	bad("079090001234", true, m1990, FEMALE, MSG_SEX_CENTURY,
	    "male digit for a woman");
	bad("001201001234", true, f2001, FEMALE, MSG_SEX_CENTURY,
	    "male digit for a woman born 2001");
	bad("079290001234", true, m1990, MALE, MSG_SEX_CENTURY,
	    "2000s digit for someone born 1990");
	bad("079001001234", true, f2001, MALE, MSG_SEX_CENTURY,
	    "1900s digit for someone born 2001");
	bad("079899001234", true, date_from_ymd(1899, 12, 31), MALE,
	    MSG_SEX_CENTURY, "born 1899 fits no digit");
	bad("079099001234", true, date_from_ymd(1899, 12, 31), MALE,
	    MSG_SEX_CENTURY, "born 1899 is not the 1900s");
	bad("079800001234", true, date_from_ymd(2400, 1, 1), MALE,
	    MSG_SEX_CENTURY, "born 2400 fits no digit");

	bad("079091001234", true, m1990, MALE, MSG_YEAR, "year 91 for 1990");
	bad("001300001234", true, f2001, FEMALE, MSG_YEAR, "year 00 for 2001");
	bad("079009001234", true, m1990, MALE, MSG_YEAR, "year 09 for 1990");
	bad("079019001234", true, date_from_ymd(1909, 1, 1), MALE, MSG_YEAR,
	    "year 19 for 1909");

	/* Unknown gender: century and year still checked, sex not. */
	ok("079090001234", true, m1990, 0, "gender 0, male digit");
	ok("079190001234", true, m1990, 0, "gender 0, female digit");
	ok("079190001234", true, m1990, 3, "gender 3 counts as unknown");
	ok("079190001234", true, m1990, -1, "gender -1 counts as unknown");
	bad("079290001234", true, m1990, 0, MSG_CENTURY,
	    "gender unknown, wrong century");
	bad("079091001234", true, m1990, 0, MSG_YEAR,
	    "gender unknown, wrong year");

	/* Unknown birth: nothing past the province is checked. */
	ok("079990001234", true, NO_DATE, MALE, "no date, digit 9");
	ok("079190001234", true, NO_DATE, MALE, "no date, female digit");

	/* Order: shape, then province, then century/sex, then year. */
	bad("000291001234", true, m1990, MALE, MSG_PROVINCE,
	    "province before birth");
	bad("079291001234", true, m1990, MALE, MSG_SEX_CENTURY,
	    "century before year");
}

/* Whatever the input, *why is set exactly when the check fails. */
static void
test_why_untouched(void)
{
	const char *why = "untouched";
	int rc = cccd_check("079090001234", true, date_from_ymd(1990, 1, 1),
	    MALE, &why);
	CHECK(rc == 0 && strcmp(why, "untouched") == 0,
	    "a pass leaves *why alone");
}

int
main(void)
{
	test_shape();
	test_provinces();
	test_birth();
	test_why_untouched();
	return t_done();
}
