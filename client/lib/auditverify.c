/* auditverify.c: walking the audit log's hash chain from its first entry
 * (see client.h, "the audit log").  The hashes themselves are computed by
 * common/audithash.c, the same code hosod appends with. */
#include <stdio.h>
#include <string.h>

#include "audithash.h"
#include "hoso/client.h"
#include "i18n.h"

_Static_assert((int)HOSO_AUDIT_BAD_PREV == (int)AUDIT_BAD_PREV &&
    (int)HOSO_AUDIT_BAD_HASH == (int)AUDIT_BAD_HASH &&
    (int)HOSO_AUDIT_BAD_SEQ == (int)AUDIT_BAD_SEQ,
    "hoso_audit_break follows audit_verdict");

void
hoso_audit_walk_init(struct hoso_audit_walk *w)
{
	memset(w, 0, sizeof *w);
}

bool
hoso_audit_walk_next(struct hoso_audit_walk *w, const Hoso__AuditEntry *e)
{
	if (w->broken != HOSO_AUDIT_INTACT)
		return false;
	enum audit_verdict v = audit_check(e, w->seq, w->hash);
	if (v != AUDIT_OK) {
		w->broken = (enum hoso_audit_break)v;
		w->bad_seq = e->seq;
		return false;
	}
	w->count++;
	w->seq = e->seq;
	memcpy(w->hash, e->hash.data, sizeof w->hash);
	return true;
}

char *
hoso_audit_walk_text(const struct hoso_audit_walk *w)
{
	char *s = NULL;
	unsigned long long bad = w->bad_seq, prev = w->seq;
	int n = -1;
	switch (w->broken) {
	case HOSO_AUDIT_INTACT:
		return NULL;
	case HOSO_AUDIT_BAD_PREV:
		n = asprintf(&s, _("entry #%llu does not follow entry #%llu: "
		    "its link to the entry before it does not match, so "
		    "entries were removed, added or changed in between"), bad,
		    prev);
		break;
	case HOSO_AUDIT_BAD_HASH:
		n = asprintf(&s, _("entry #%llu was changed after it was "
		    "written: its hash does not match its contents"), bad);
		break;
	case HOSO_AUDIT_BAD_SEQ:
		if (bad == prev + 2)
			n = asprintf(&s, _("entry #%llu is missing"), prev + 1);
		else if (bad > prev)
			n = asprintf(&s, _("entries #%llu to #%llu are missing"),
			    prev + 1, bad - 1);
		else if (prev == 0)
			n = asprintf(&s, _("the first entry is #%llu instead of "
			    "#1"), bad);
		else
			n = asprintf(&s, _("entry #%llu comes again, or out of "
			    "order, after entry #%llu"), bad, prev);
		break;
	}
	return n < 0 ? NULL : s;
}
