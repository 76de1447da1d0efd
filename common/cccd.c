/* cccd.c: checks on Vietnamese national ID numbers (see cccd.h).
 * The province codes are those of Circular 07/2016/TT-BCA, kept by
 * Circular 59/2021/TT-BCA: the 63 provinces as they were registered, which
 * is what numbers already issued carry even after provinces merge. */
#include <stddef.h>

#include "cccd.h"
#include "date.h"
#include "i18n.h"

/* Province codes in ascending order. */
static const short cccd_provinces[] = {
	1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27,
	30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52,
	54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82,
	83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
};

/* Whether code (0-999) is one of the province codes. */
static bool
cccd_province_known(int code)
{
	size_t lo = 0, hi = sizeof cccd_provinces / sizeof cccd_provinces[0];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cccd_provinces[mid] == code)
			return true;
		if (cccd_provinces[mid] < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Check the layout of s; see cccd.h.  The century (digit 4 halved) and the
 * year (digits 5-6) are checked whenever the date of birth is known, the sex
 * (digit 4's parity) only when the gender is known too. */
int
cccd_check(const char *s, bool strict, int32_t born_days, int gender,
    const char **why)
{
	size_t n;

	for (n = 0; s != NULL && s[n] != '\0'; n++) {
		if (n >= CCCD_LEN || s[n] < '0' || s[n] > '9')
			break;
	}
	if (s == NULL || n != CCCD_LEN || s[n] != '\0') {
		*why = N_("must be exactly 12 digits");
		return -1;
	}
	if (!strict)
		return 0;

	int province = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
	if (!cccd_province_known(province)) {
		*why = N_("the first three digits are not a Vietnamese "
		    "province code");
		return -1;
	}
	if (born_days == INT32_MIN)
		return 0;

	int y, m, d;
	date_to_ymd(born_days, &y, &m, &d);
	int digit4 = s[3] - '0';
	/* 1900s -> 0, 2000s -> 1, ... 2300s -> 4; anything else fits no digit. */
	int century = y >= 1900 ? y / 100 - 19 : -1;
	bool sex_known = gender == 1 || gender == 2;
	if (digit4 / 2 != century ||
	    (sex_known && digit4 % 2 != (gender == 2))) {
		*why = sex_known ?
		    N_("the fourth digit (sex and century of birth) does not "
		    "match the gender and date of birth") :
		    N_("the fourth digit (century of birth) does not match "
		    "the date of birth");
		return -1;
	}
	if ((s[4] - '0') * 10 + (s[5] - '0') != y % 100) {
		*why = N_("digits 5 and 6 (year of birth) do not match the "
		    "date of birth");
		return -1;
	}
	return 0;
}
