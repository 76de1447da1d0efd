/* cmd-record.c: adding papers, introducers, mentors, relatives and checks
 * to a file, and concluding checks.  Each change is in the history. */
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "cmd-file.h"
#include "dispatch.h"
#include "hist.h"
#include "tables.h"
#include "validate.h"
#include "workflow.h"

/* A protocol enum value as a lower-case word ("doc_application"). */
static const char *
enum_word(struct req_ctx *c, const ProtobufCEnumDescriptor *d, int v)
{
	const ProtobufCEnumValue *ev = protobuf_c_enum_descriptor_get_value(d, v);
	if (ev == NULL)
		return ctx_u64(c, (uint64_t)v);
	char *w = arena_strdup(c->arena, ev->name);
	for (char *p = w; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return w ? w : "";
}

/* Grow a repeated field by one element (arena memory). */
static void **
append(struct req_ctx *c, void **v, size_t *n, void *item)
{
	void **nv = arena_alloc(c->arena, sizeof *nv * (*n + 1));
	if (nv == NULL)
		return v;
	if (*n)
		memcpy(nv, v, sizeof *nv * *n);
	nv[(*n)++] = item;
	return nv;
}
#define APPEND(c, f, field, item) \
	((f)->field = (void *)append(c, (void **)(f)->field, &(f)->n_##field, item))

/* An official member other than the candidate, for introducers/mentors. */
static int
need_member(struct req_ctx *c, const char *field, uint64_t id,
    const Hoso__Person *cand)
{
	int rc;
	Hoso__Person *m = id ? person_get(c->txn, id, c->arena, &rc) : NULL;
	if (id == 0 || (m == NULL && rc == MDB_NOTFOUND))
		return ctx_fail(c, HOSO__STATUS__NOT_FOUND, field,
		    N_("there is no person with id %s"), ctx_u64(c, id));
	if (m == NULL)
		return ctx_store_error(c, rc);
	if (m->id == cand->id || m->membership !=
	    HOSO__MEMBERSHIP__MEMBER_OFFICIAL)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, field,
		    N_("%s is not an official party member"), m->name);
	return 0;
}

static int
rec_document(struct req_ctx *c, Hoso__File *f, Hoso__Document *d,
    const char **detail)
{
	int32_t day;
	int st;
	if (d->kind < HOSO__DOC_KIND__DOC_APPLICATION ||
	    d->kind > HOSO__DOC_KIND__DOC_SUMMARY)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "kind",
		    N_("unknown kind of paper"));
	if (d->date == NULL || *d->date == '\0')
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "date",
		    N_("the date on the paper is required"));
	if ((st = date_field(c, "date", N_("date on the paper"), d->date, 0,
	    &day)) != 0 || (st = valid_text(c, "note", N_("note"), &d->note,
	    1000, false, true)) != 0)
		return st;
	d->base.n_unknown_fields = 0;
	APPEND(c, f, documents, d);
	*detail = arena_printf(c->arena, "document %s dated %s",
	    enum_word(c, &hoso__doc_kind__descriptor, d->kind), d->date);
	return 0;
}

static int
rec_introducer(struct req_ctx *c, const Hoso__Person *p, Hoso__File *f,
    Hoso__Introducer *in, const char **detail)
{
	int32_t day;
	int st;
	if (in->member_id != 0) {
		if ((st = need_member(c, "member_id", in->member_id, p)) != 0)
			return st;
		if (in->since == NULL || *in->since == '\0')
			return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "since",
			    N_("since when the introducer has known the candidate "
			    "is required"));
	} else if (in->org != HOSO__INTRODUCED_BY__YOUTH_UNION &&
	    in->org != HOSO__INTRODUCED_BY__TRADE_UNION) {
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "member_id",
		    N_("an introducer is an official member or the Youth Union "
		    "or Trade Union"));
	}
	if ((st = date_field(c, "since", N_("known since"), in->since, 0,
	    &day)) != 0 || (st = date_field(c, "date",
	    N_("date of the introduction"), in->date, 0, &day)) != 0)
		return st;
	in->base.n_unknown_fields = 0;
	APPEND(c, f, introducers, in);
	*detail = in->member_id ? arena_printf(c->arena, "introducer: member "
	    "%llu, known since %s", (unsigned long long)in->member_id,
	    in->since) : arena_printf(c->arena, "introducer: %s",
	    enum_word(c, &hoso__introduced_by__descriptor, in->org));
	return 0;
}

static int
rec_mentor(struct req_ctx *c, const Hoso__Person *p, Hoso__File *f,
    Hoso__Mentor *m, const char **detail)
{
	int32_t day;
	int st;
	if ((st = need_member(c, "member_id", m->member_id, p)) != 0 ||
	    (st = date_field(c, "since", N_("mentor since"), m->since,
	    date_of_instant_vn(c->now), &day)) != 0)
		return st;
	if (m->since == NULL || *m->since == '\0')
		m->since = today_iso(c);
	m->base.n_unknown_fields = 0;
	APPEND(c, f, mentors, m);
	*detail = arena_printf(c->arena, "mentor: member %llu since %s",
	    (unsigned long long)m->member_id, m->since);
	return 0;
}

static int
rec_relative(struct req_ctx *c, Hoso__File *f, Hoso__Relative *r,
    const char **detail)
{
	int32_t day;
	int st;
	if (r->relation <= HOSO__RELATION__SELF ||
	    r->relation > HOSO__RELATION__SPOUSE_SIBLING)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "relation",
		    N_("unknown family relation"));
	if ((st = valid_text(c, "name", N_("full name"), &r->name, 100, true,
	    false)) != 0 || (st = valid_text(c, "residence", N_("address"),
	    &r->residence, 300, false, false)) != 0 ||
	    (st = date_field(c, "born", N_("date of birth"), r->born, 0,
	    &day)) != 0)
		return st;
	if (r->residence_id != 0 && (st = valid_org_ref(c, "residence_id",
	    r->residence_id, HOSO__ORG_KIND__ORG_WARD, 0)) != 0)
		return st;
	r->id = ++f->next_relative_id;
	r->base.n_unknown_fields = 0;
	APPEND(c, f, relatives, r);
	*detail = arena_printf(c->arena, "relative %u: %s %s", r->id,
	    enum_word(c, &hoso__relation__descriptor, r->relation), r->name);
	return 0;
}

static int
rec_check_add(struct req_ctx *c, Hoso__File *f, Hoso__Check *ck,
    const char **detail)
{
	int st;
	if (ck->relation < HOSO__RELATION__SELF ||
	    ck->relation > HOSO__RELATION__SPOUSE_SIBLING)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "relation",
		    N_("unknown family relation"));
	if ((st = valid_text(c, "subject", N_("person to verify"), &ck->subject,
	    100, true, false)) != 0 || (st = valid_text(c, "reason",
	    N_("reason"), &ck->reason, 500, true, false)) != 0)
		return st;
	ck->id = ++f->next_check_id;
	ck->status = HOSO__CHECK_STATUS__CHECK_PENDING;
	ck->concern = ck->concern_resolved = false;
	ck->concluded = (char *)"";
	ck->base.n_unknown_fields = 0;
	APPEND(c, f, checks, ck);
	*detail = arena_printf(c->arena, "check %u added: %s %s", ck->id,
	    enum_word(c, &hoso__relation__descriptor, ck->relation),
	    ck->subject);
	return 0;
}

static int
rec_check_update(struct req_ctx *c, Hoso__Person *p, Hoso__File *f,
    const Hoso__CheckUpdate *u, const char **detail)
{
	int32_t day;
	int st;
	if (u->action == HOSO__CHECK_ACTION__CHECK_PROPOSE) {
		struct wf w = { .c = c, .p = p, .f = f,
		    .at = date_of_instant_vn(c->now) };
		size_t before = f->n_checks;
		wf_propose_checks(&w);
		*detail = arena_printf(c->arena, "checks proposed: %zu new",
		    f->n_checks - before);
		return 0;
	}
	Hoso__Check *ck = NULL;
	for (size_t i = 0; i < f->n_checks; i++)
		if (f->checks[i]->id == u->check_id)
			ck = f->checks[i];
	if (ck == NULL)
		return ctx_fail(c, HOSO__STATUS__NOT_FOUND, "check_id",
		    N_("the file has no check number %s"),
		    ctx_u64(c, u->check_id));
	if (ck->request_id != 0 && u->action != HOSO__CHECK_ACTION__CHECK_RESOLVE)
		return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION, "check_id",
		    N_("check %s is tracked as check request %s; record its "
		    "steps there"), ctx_u64(c, ck->id), ctx_u64(c, ck->request_id));
	if ((st = date_field(c, "date", N_("date"), u->date,
	    date_of_instant_vn(c->now), &day)) != 0)
		return st;
	char *d = arena_alloc(c->arena, 11);
	date_format_iso(day, d);
	switch (u->action) {
	case HOSO__CHECK_ACTION__CHECK_CONCLUDE:
	case HOSO__CHECK_ACTION__CHECK_CONCLUDE_CONCERN:
		ck->status = HOSO__CHECK_STATUS__CHECK_CONCLUDED;
		ck->concern = u->action ==
		    HOSO__CHECK_ACTION__CHECK_CONCLUDE_CONCERN;
		ck->concern_resolved = false;
		ck->concluded = d;
		break;
	case HOSO__CHECK_ACTION__CHECK_RESOLVE:
		if (!ck->concern)
			return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION,
			    "check_id", N_("check %s raised no concern to "
			    "resolve"), ctx_u64(c, ck->id));
		ck->concern_resolved = true;
		break;
	case HOSO__CHECK_ACTION__CHECK_WAIVE:
		if (u->reason == NULL || *u->reason == '\0')
			return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "reason",
			    N_("a reason is needed to waive a check"));
		if (ck->status == HOSO__CHECK_STATUS__CHECK_CONCLUDED)
			return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION,
			    "check_id", N_("check %s already has its result; it "
			    "cannot be waived"), ctx_u64(c, ck->id));
		ck->status = HOSO__CHECK_STATUS__CHECK_WAIVED;
		ck->note = u->reason;       /* why waived; reason keeps why added */
		break;
	default:
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "action",
		    N_("unknown action on a check"));
	}
	*detail = arena_printf(c->arena, "check %u (%s): %s", ck->id,
	    ck->subject, enum_word(c, &hoso__check_action__descriptor,
	    u->action));
	return 0;
}

/* A copy of a request item in the response arena: handlers normalise it
 * in place, and a retried batch must find the request unchanged. */
static void *
dup_item(struct req_ctx *c, const void *src, size_t size)
{
	void *d = arena_alloc(c->arena, size);
	if (d != NULL)
		memcpy(d, src, size);
	return d;
}
#define DUP(c, x) ((__typeof__(x))dup_item(c, x, sizeof *(x)))

int
cmd_file_record(struct req_ctx *c)
{
	const Hoso__FileRecord *in = c->req->file_record;
	Hoso__Person *p;
	Hoso__File *f;
	const char *detail = "", *kind = "record", *eff = NULL;
	int st = file_load(c, in->person_id, &p, &f);
	if (st != 0 || (st = file_open_for_change(c, p, f)) != 0)
		return st;
	switch (in->item_case) {
	case HOSO__FILE_RECORD__ITEM_DOCUMENT:
		kind = "document";
		st = rec_document(c, f, DUP(c, in->document), &detail);
		eff = in->document->date;      /* the day on the paper */
		break;
	case HOSO__FILE_RECORD__ITEM_INTRODUCER:
		kind = "introducer";
		st = rec_introducer(c, p, f, DUP(c, in->introducer), &detail);
		eff = in->introducer->date && *in->introducer->date ?
		    in->introducer->date : NULL;
		break;
	case HOSO__FILE_RECORD__ITEM_MENTOR:
		kind = "mentor";
		st = rec_mentor(c, p, f, DUP(c, in->mentor), &detail);
		eff = in->mentor->since;
		break;
	case HOSO__FILE_RECORD__ITEM_RELATIVE:
		kind = "relative";
		st = rec_relative(c, f, DUP(c, in->relative), &detail);
		break;
	case HOSO__FILE_RECORD__ITEM_CHECK_ADD:
		kind = "check";
		st = rec_check_add(c, f, DUP(c, in->check_add), &detail);
		break;
	case HOSO__FILE_RECORD__ITEM_CHECK_UPDATE:
		kind = "check";
		st = rec_check_update(c, p, f, in->check_update, &detail);
		eff = in->check_update->date;
		break;
	default:
		st = ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "item",
		    N_("nothing to record"));
	}
	if (st != 0)
		return st;
	f->version++;
	file_put(c->txn, f);
	hist_add(c, p->id, kind, 0, 0, eff, in->note, detail);
	return file_reply(c, f);
}
