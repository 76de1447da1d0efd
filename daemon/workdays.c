/* workdays.c: working-day arithmetic on a per-thread calendar. */
#include "date.h"
#include "workdays.h"

/* PROVISIONAL until common/cal.c lands: Monday to Friday only. */
int32_t
workdays_add(int32_t day, int n)
{
	while (n > 0) {
		day++;
		if (date_weekday(day) < 5)
			n--;
	}
	return day;
}

int
workdays_between(int32_t from, int32_t to)
{
	int n = 0;
	for (int32_t d = from + 1; d <= to; d++)
		n += date_weekday(d) < 5;
	return n;
}
