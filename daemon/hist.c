/* hist.c: history entries from handlers (see hist.h). */
#include "authz.h"
#include "date.h"
#include "hist.h"
#include "tables.h"

void
hist_add(struct req_ctx *c, uint64_t person, const char *kind,
    Hoso__Stage from, Hoso__Stage to, const char *effective,
    const char *note, const char *detail)
{
	Hoso__HistoryEntry e = HOSO__HISTORY_ENTRY__INIT;
	char today[11];
	if (effective == NULL || *effective == '\0') {
		date_format_iso(date_of_instant_vn(c->now), today);
		effective = today;
	}
	e.seq = history_next_seq(c->txn, person);
	e.person_id = person;
	e.entered_at = c->now;
	e.effective = (char *)effective;
	e.kind = (char *)kind;
	e.from = from;
	e.to = to;
	e.note = (char *)(note ? note : "");
	e.detail = (char *)(detail ? detail : "");
	e.user = (char *)c->who->login;     /* who typed it in */
	history_add(c->txn, &e);
}
