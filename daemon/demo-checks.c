/* demo-checks.c: invented background checks for the demo, so a newcomer
 * sees every state: a check not forwarded in time (overdue), one with the
 * police and on time, and one returned with a concern awaiting the
 * committee.  Written through the real handlers like the rest of demo.c. */
#include <string.h>

#include "cal.h"
#include "date.h"
#include "demo.h"
#include "job.h"
#include "workdays.h"

/* Demo candidates left in the dossier stage (demo_progress: i % 5 == 4),
 * by person id, with their cell's two official members. */
static const struct {
	uint64_t person, members[2], ward;
} demo_cands[] = {
	{ 5, { 39, 40 }, 4 },       /* i = 4: cell 9, ward 4 */
	{ 10, { 37, 38 }, 3 },      /* i = 9: cell 8, ward 3 */
	{ 15, { 35, 36 }, 3 },      /* i = 14: cell 7, ward 3 */
};
#define NCANDS (sizeof demo_cands / sizeof demo_cands[0])

static const Hoso__DocKind papers[] = { HOSO__DOC_KIND__DOC_APPLICATION,
    HOSO__DOC_KIND__DOC_BACKGROUND, HOSO__DOC_KIND__DOC_INTRODUCTION,
    HOSO__DOC_KIND__DOC_MASS_ORG_COMMENT,
    HOSO__DOC_KIND__DOC_RESIDENCE_CELL_COMMENT, HOSO__DOC_KIND__DOC_SUMMARY };

static char *
iso(struct arena *a, int32_t day)
{
	char *s = arena_alloc(a, 11);
	date_format_iso(day, s);
	return s;
}

/* 09:00 (plus minutes) in Vietnam on day. */
static int64_t
at_nine(int32_t day, int minutes)
{
	return (int64_t)day * 86400 + 2 * 3600 + minutes * 60;
}

/* Papers, two introducers and the move to verification. */
static int
demo_dossiers(struct store *st, const struct rules *rules, int32_t today,
    char **cause)
{
	struct job *batch = NULL, **tail = &batch;
	for (size_t i = 0; i < NCANDS; i++) {
		for (size_t k = 0; k < sizeof papers / sizeof papers[0] + 2; k++) {
			struct job *j = demo_job(HOSO__REQUEST__BODY_FILE_RECORD,
			    rules, tail);
			if (j == NULL)
				return -1;
			tail = &j->next;
			struct arena *a = &j->req_arena;
			Hoso__FileRecord *fr = arena_alloc(a, sizeof *fr);
			hoso__file_record__init(fr);
			fr->person_id = demo_cands[i].person;
			if (k < sizeof papers / sizeof papers[0]) {
				Hoso__Document *d = arena_alloc(a, sizeof *d);
				hoso__document__init(d);
				d->kind = papers[k];
				d->date = iso(a, today - 18);
				fr->item_case = HOSO__FILE_RECORD__ITEM_DOCUMENT;
				fr->document = d;
			} else {
				Hoso__Introducer *in = arena_alloc(a, sizeof *in);
				hoso__introducer__init(in);
				in->member_id = demo_cands[i].members[k - 6];
				in->since = iso(a, today - 3 * 365);
				in->date = iso(a, today - 18);
				fr->item_case = HOSO__FILE_RECORD__ITEM_INTRODUCER;
				fr->introducer = in;
			}
			j->req->file_record = fr;
		}
		struct job *j = demo_job(HOSO__REQUEST__BODY_FILE_ADVANCE, rules,
		    tail);
		if (j == NULL)
			return -1;
		tail = &j->next;
		Hoso__FileAdvance *fa = arena_alloc(&j->req_arena, sizeof *fa);
		hoso__file_advance__init(fa);
		fa->person_id = demo_cands[i].person;
		fa->to = HOSO__STAGE__STAGE_VERIFYING;
		fa->at = iso(&j->req_arena, today - 15);
		j->req->file_advance = fa;
	}
	return demo_commit(st, batch, cause);
}

static struct job *
step(const struct rules *rules, struct job ***tail, uint64_t id,
    Hoso__CheckStepKind kind, int64_t at, const char *by)
{
	struct job *j = demo_job(HOSO__REQUEST__BODY_CHECK_STEP, rules, *tail);
	if (j == NULL)
		return NULL;
	*tail = &j->next;
	Hoso__CheckStep *cs = arena_alloc(&j->req_arena, sizeof *cs);
	hoso__check_step__init(cs);
	cs->check_id = id;
	cs->step = kind;
	cs->at = at;
	cs->by = (char *)by;
	j->req->check_step = cs;
	return j;
}

int
demo_checks(struct store *st, const struct rules *rules, char **cause)
{
	const struct cal *cal = workdays_cal();
	int32_t today = date_today_vn();
	if (demo_dossiers(st, rules, today, cause) < 0)
		return -1;
	/* Opened 2, 3 and 10 working days ago. */
	static const int ago[NCANDS] = { 2, 3, 10 };
	static const char *clerk = "Nguyễn Thị Hạnh (Đảng ủy phường)";
	static const char *officer = "Đại úy Trần Văn Khôi";
	struct job *batch = NULL, **tail = &batch;
	for (size_t i = 0; i < NCANDS; i++) {
		struct job *j = demo_job(HOSO__REQUEST__BODY_CHECK_OPEN, rules,
		    tail);
		if (j == NULL)
			return -1;
		tail = &j->next;
		Hoso__CheckOpen *co = arena_alloc(&j->req_arena, sizeof *co);
		hoso__check_open__init(co);
		co->person_id = demo_cands[i].person;
		co->ward_id = demo_cands[i].ward;
		co->at = at_nine(cal_add_workdays(cal, today, -ago[i]), 0);
		co->by = (char *)clerk;
		j->req->check_open = co;
	}
	if (demo_commit(st, batch, cause) < 0)
		return -1;
	/* Check 1 stays unforwarded (overdue).  Check 2 is with the police.
	 * Check 3 came back with a concern. */
	batch = NULL;
	tail = &batch;
	int32_t d2 = cal_add_workdays(cal, today, -3);
	int32_t d3 = cal_add_workdays(cal, today, -10);
	int32_t r3 = cal_add_workdays(cal, today, -4);
	step(rules, &tail, 2, HOSO__CHECK_STEP_KIND__STEP_FORWARD,
	    at_nine(d2, 120), clerk);
	step(rules, &tail, 2, HOSO__CHECK_STEP_KIND__STEP_POLICE_RECEIVED,
	    at_nine(d2, 300), officer);
	step(rules, &tail, 3, HOSO__CHECK_STEP_KIND__STEP_FORWARD,
	    at_nine(d3, 60), clerk);
	step(rules, &tail, 3, HOSO__CHECK_STEP_KIND__STEP_POLICE_RECEIVED,
	    at_nine(d3, 240), officer);
	struct job *j = step(rules, &tail, 3,
	    HOSO__CHECK_STEP_KIND__STEP_POLICE_RESULT, at_nine(r3, 30), officer);
	if (j != NULL) {
		j->req->check_step->result = HOSO__CHECK_RESULT__RESULT_CONCERN;
		j->req->check_step->text = (char *)"Anh trai từng bị xử phạt "
		    "vi phạm hành chính (năm 2015)";
	}
	step(rules, &tail, 3, HOSO__CHECK_STEP_KIND__STEP_RETURN,
	    at_nine(cal_add_workdays(cal, today, -2), 0), clerk);
	return demo_commit(st, batch, cause);
}
