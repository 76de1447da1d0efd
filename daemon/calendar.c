/* calendar: the admin's edits of single days, over the built-in holidays.
 *
 *   key   +------------------------------+   value  +----------------------+
 *         | date "YYYY-MM-DD" (10 bytes) |          | hoso.CalendarEdit    |
 *         +------------------------------+          +----------------------+
 *
 * ISO dates sort as dates, so a year is one key range. */
#include <string.h>

#include "cal.h"
#include "date.h"
#include "tables.h"

int
calendar_put(struct txn *t, const Hoso__CalendarEdit *e)
{
	MDB_val k = { strlen(e->date), e->date };
	return txn_put_msg(t, DB_CALENDAR, &k, &e->base);
}

int
calendar_del(struct txn *t, const char *date)
{
	MDB_val k = { strlen(date), (void *)date };
	return txn_del(t, DB_CALENDAR, &k, NULL);
}

Hoso__CalendarEdit *
calendar_get(struct txn *t, const char *date, struct arena *a, int *rc)
{
	MDB_val k = { strlen(date), (void *)date };
	return txn_get_msg(t, DB_CALENDAR, &k, &hoso__calendar_edit__descriptor,
	    a, rc);
}

int
calendar_load(struct txn *t, struct cal *c)
{
	MDB_cursor *cur;
	MDB_val k, v;
	int rc = txn_cursor(t, DB_CALENDAR, &cur);
	if (rc != 0)
		return rc;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		Hoso__CalendarEdit *e = hoso__calendar_edit__unpack(NULL,
		    v.mv_size, v.mv_data);
		int32_t day;
		if (e == NULL) {
			rc = MDB_CORRUPTED;
			break;
		}
		if (date_parse_iso(e->date, &day) == DATE_OK)
			rc = cal_set(c, day, e->kind == HOSO__CAL_DAY_KIND__CAL_DAY_WORK ?
			    CAL_WORK : CAL_OFF, e->reason);
		hoso__calendar_edit__free_unpacked(e, NULL);
		if (rc != 0)
			break;
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}
