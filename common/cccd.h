/* cccd.h: Vietnamese national ID numbers (căn cước công dân, 12 digits).
 * Layout (Circular 59/2021/TT-BCA): digits 1-3 province of birth
 * registration, digit 4 century and sex (0/1: 1900s male/female, 2/3:
 * 2000s, 4/5: 2100s, 6/7: 2200s, 8/9: 2300s), digits 5-6 the last two digits
 * of the year of birth, digits 7-12 a serial number. */
#ifndef HOSO_CCCD_H
#define HOSO_CCCD_H

#include <stdbool.h>
#include <stdint.h>

#define CCCD_LEN 12

/* 0 if s is acceptable, else -1 with *why a static English msgid saying
 * what is wrong in plain words.  Always: exactly 12 ASCII digits.  If strict:
 * digits 1-3 are a real province code and, when born_days is not INT32_MIN,
 * digits 4-6 agree with the century and year of birth; the sex in digit 4 is
 * checked only when gender is 1 (male) or 2 (female).  A birth before 1900
 * or after 2399 fits no number. */
int cccd_check(const char *s, bool strict, int32_t born_days, int gender,
    const char **why);

#endif
