/* test_cli_file.c: libhoso's pure parts for the recruitment file (protocol
 * 1.1): the stage, membership and other word tables the CLI's contract
 * names, requirement texts, and the JSON shapes of File, MoveList,
 * HistoryPage, DueList, Evaluation, Quota and QuotaReport. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hoso/client.h"
#include "json.h"
#include "t.h"

#define DOC(j, BODY) (json_init(&(j)), BODY, json_finish(&(j)))

/* Every word of tab parses back to its value and has a label; no word is
 * there twice. */
static void
check_table(const struct hoso_enum_word *tab, const char *name)
{
	int ok = 1;
	for (const struct hoso_enum_word *w = tab; w->word; w++) {
		if (hoso_enum_parse(tab, w->word) != w->value ||
		    w->label == NULL || w->label[0] == '\0' ||
		    strcmp(hoso_enum_word(tab, w->value), w->word) != 0)
			ok = 0;
		for (const struct hoso_enum_word *x = w + 1; x->word; x++)
			if (strcmp(x->word, w->word) == 0 || x->value == w->value)
				ok = 0;
	}
	CHECK(ok, "%s: words round-trip, have labels, are unique", name);
}

static void
test_stage_words(void)
{
	/* The contract: these words, these values. */
	static const struct {
		const char *word;
		int value;
	} want[] = {
		{ "identified", HOSO__STAGE__STAGE_IDENTIFIED },
		{ "in-course", HOSO__STAGE__STAGE_IN_COURSE },
		{ "course-passed", HOSO__STAGE__STAGE_COURSE_PASSED },
		{ "mentored", HOSO__STAGE__STAGE_MENTORED },
		{ "dossier", HOSO__STAGE__STAGE_DOSSIER },
		{ "verifying", HOSO__STAGE__STAGE_VERIFYING },
		{ "cell-vote", HOSO__STAGE__STAGE_CELL_VOTE },
		{ "proposed", HOSO__STAGE__STAGE_PROPOSED },
		{ "decided", HOSO__STAGE__STAGE_DECIDED },
		{ "probation", HOSO__STAGE__STAGE_PROBATION },
		{ "official", HOSO__STAGE__STAGE_OFFICIAL },
		{ "on-hold", HOSO__STAGE__STAGE_ON_HOLD },
		{ "moved", HOSO__STAGE__STAGE_MOVED },
		{ "withdrawn", HOSO__STAGE__STAGE_WITHDRAWN },
		{ "removed", HOSO__STAGE__STAGE_REMOVED },
		{ "rejected", HOSO__STAGE__STAGE_REJECTED },
		{ "not-recognised", HOSO__STAGE__STAGE_NOT_RECOGNISED },
	};
	size_t n = sizeof want / sizeof want[0], count = 0;
	int ok = 1;
	for (size_t i = 0; i < n; i++) {
		if (hoso_enum_parse(hoso_stage_words, want[i].word) !=
		    want[i].value)
			ok = 0;
		const char *w = hoso_enum_word(hoso_stage_words, want[i].value);
		if (w == NULL || strcmp(w, want[i].word) != 0)
			ok = 0;
	}
	for (const struct hoso_enum_word *w = hoso_stage_words; w->word; w++)
		count++;
	CHECK(ok && count == n, "the 17 stage words map to the Stage enum "
	    "and back");
	CHECK(hoso_enum_word(hoso_stage_words, HOSO__STAGE__STAGE_NONE) == NULL,
	    "STAGE_NONE has no word (JSON null)");
	CHECK(hoso_enum_parse(hoso_stage_words, "none") == -1 &&
	    hoso_enum_parse(hoso_stage_words, "cell_vote") == -1 &&
	    hoso_enum_parse(hoso_stage_words, "Cell-Vote") ==
	    HOSO__STAGE__STAGE_CELL_VOTE, "stage words: near misses refused, "
	    "ASCII case ignored");
	check_table(hoso_stage_words, "stage");

	CHECK(hoso_enum_parse(hoso_membership_words, "none") == 0 &&
	    hoso_enum_parse(hoso_membership_words, "probationary") ==
	    HOSO__MEMBERSHIP__MEMBER_PROBATIONARY &&
	    hoso_enum_parse(hoso_membership_words, "official") ==
	    HOSO__MEMBERSHIP__MEMBER_OFFICIAL, "membership words: none, "
	    "probationary, official");
	CHECK_STR(hoso_enum_word(hoso_membership_words, 0), "none",
	    "membership none has a word");
	check_table(hoso_membership_words, "membership");

	check_table(hoso_doc_kind_words, "document kind");
	CHECK(hoso_enum_parse(hoso_doc_kind_words, "residence-cell-comment") ==
	    HOSO__DOC_KIND__DOC_RESIDENCE_CELL_COMMENT &&
	    hoso_enum_parse(hoso_doc_kind_words, "mass-org-comment") ==
	    HOSO__DOC_KIND__DOC_MASS_ORG_COMMENT, "document kind words");
	check_table(hoso_relation_words, "relation");
	CHECK(hoso_relation_words[0].value == HOSO__RELATION__SELF &&
	    hoso_enum_parse(hoso_relation_words + 1, "self") == -1 &&
	    hoso_enum_parse(hoso_relation_words + 1, "spouse-sibling") ==
	    HOSO__RELATION__SPOUSE_SIBLING &&
	    hoso_enum_parse(hoso_relation_words + 1, "father-in-law") ==
	    HOSO__RELATION__FATHER_IN_LAW,
	    "relation words: self first, the relatives after it");
	check_table(hoso_check_status_words, "check status");
	check_table(hoso_rating_words, "rating");
	CHECK(hoso_enum_parse(hoso_rating_words, "poor") == HOSO__RATING__POOR,
	    "rating words");
}

static void
test_requirement_text(void)
{
	Hoso__Requirement q = HOSO__REQUIREMENT__INIT;
	char *args[] = { "2", "official members" };
	char *s;

	q.code = "introducers";
	q.message = "English";
	q.message_format = "needs %1$s introducers who are %2$s";
	q.message_args = args;
	q.n_message_args = 2;
	s = hoso_requirement_text(&q);
	CHECK_STR(s, "needs 2 introducers who are official members",
	    "requirement: format and arguments");
	free(s);
	q.message_format = "";
	s = hoso_requirement_text(&q);
	CHECK_STR(s, "English", "requirement without a format: its message");
	free(s);
	q.message = "";
	s = hoso_requirement_text(&q);
	CHECK_STR(s, "introducers", "neither: its code");
	free(s);
	q.code = "";
	s = hoso_requirement_text(&q);
	CHECK(s != NULL && s[0] != '\0', "nothing at all: still some words");
	free(s);
	q.message_format = "%s %s %s";
	q.n_message_args = 0;
	s = hoso_requirement_text(&q);
	CHECK_STR(s, "  ", "missing arguments are empty, never read");
	free(s);
}

static void
test_response_with_unmet(void)
{
	Hoso__Response r = HOSO__RESPONSE__INIT;
	Hoso__Requirement q1 = HOSO__REQUIREMENT__INIT, q2 = q1;
	char *qargs[] = { "application for admission", "2024-09-10", "12" };
	char *rargs[] = { "voted by the cell",
	    "application for admission dated 2024-09-10 is older than 12 "
	    "months; education level not recorded" };
	char *s;

	q1.code = "doc_application";
	q1.message = "application for admission dated 2024-09-10 is older "
	    "than 12 months";
	q1.message_format = "%s dated %s is older than %s months";
	q1.message_args = qargs;
	q1.n_message_args = 3;
	q2.code = "education_missing";
	q2.message = "education level not recorded";
	q2.message_format = "education level not recorded";
	Hoso__Requirement *qs[] = { &q1, &q2 };
	s = hoso_requirement_text(&q1);
	CHECK_STR(s, "application for admission dated 10/09/2024 is older "
	    "than 12 months", "a date argument is written dd/mm/yyyy");
	free(s);

	r.status = HOSO__STATUS__FAILED_PRECONDITION;
	r.message_format = "the file cannot move to '%s' yet: %s";
	r.message_args = rargs;
	r.n_message_args = 2;
	r.unmet = qs;
	r.n_unmet = 2;
	s = hoso_response_text(&r);
	CHECK_STR(s, "the file cannot move to 'voted by the cell' yet: "
	    "application for admission dated 10/09/2024 is older than 12 "
	    "months; education level not recorded", "an argument listing the "
	    "unmet requirements is rebuilt from them (in the user's language)");
	free(s);
	rargs[1] = "something else";
	s = hoso_response_text(&r);
	CHECK_STR(s, "the file cannot move to 'voted by the cell' yet: "
	    "something else", "any other argument stays as it is");
	free(s);
	rargs[1] = "2027-02-30";
	s = hoso_response_text(&r);
	CHECK(s != NULL && strstr(s, "2027-02-30") != NULL,
	    "an impossible date stays as it is");
	free(s);
}

static void
test_json_number(void)
{
	static const struct {
		double v;
		const char *want;
	} cases[] = {
		{ 40.000000000000007, "40" }, { 98.4, "98.4" }, { 110, "110" },
		{ 100.0 / 3, "33.33" }, { 0, "0" }, { 0.004, "0" },
		{ 99.996, "100" }, { -1.5, "-1.5" }, { 1.05, "1.05" },
		{ 12345678.9, "12345678.9" },
	};
	struct json j;
	char *s;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = DOC(j, json_number(&j, cases[i].v));
		char want[40];
		snprintf(want, sizeof want, "%s\n", cases[i].want);
		CHECK_STR(s, want, "json_number %s", cases[i].want);
		free(s);
	}
	s = DOC(j, json_number(&j, NAN));
	CHECK_STR(s, "null\n", "NaN is null");
	free(s);
	s = DOC(j, json_number(&j, INFINITY));
	CHECK_STR(s, "null\n", "infinity is null");
	free(s);
}

static void
test_json_file(void)
{
	struct json j;
	char *s;
	Hoso__File f = HOSO__FILE__INIT;

	f.person_id = 12;
	f.version = 1;
	f.stage = HOSO__STAGE__STAGE_IDENTIFIED;
	f.stage_since = "2026-01-05";
	s = DOC(j, json_file(&j, &f));
	CHECK_STR(s, "{\"person_id\":12,\"version\":1,\"stage\":\"identified\","
	    "\"stage_since\":\"2026-01-05\",\"held_stage\":null,"
	    "\"hold_reason\":\"\",\"stage_dates\":[],"
	    "\"course_cert_number\":\"\",\"course_cert_date\":null,"
	    "\"mentors\":[],\"introducers\":[],\"documents\":[],"
	    "\"relatives\":[],\"checks\":[],\"cell_vote\":null,"
	    "\"proposal_date\":null,\"extension_days\":0,\"decision\":null,"
	    "\"ceremony_date\":null,\"probation_end\":null,"
	    "\"new_member_course_date\":null,\"recognition_vote\":null,"
	    "\"recognition_decision\":null,\"official_date\":null,"
	    "\"decision_due\":null,\"ceremony_due\":null,"
	    "\"recognition_vote_due\":null,"
	    "\"recognition_decision_due\":null}\n",
	    "a new file: empty lists, null dates, votes and decisions");
	free(s);

	Hoso__StageDate sd1 = HOSO__STAGE_DATE__INIT, sd2 = sd1;
	sd1.stage = HOSO__STAGE__STAGE_IDENTIFIED;
	sd1.date = "2025-01-05";
	sd2.stage = HOSO__STAGE__STAGE_ON_HOLD;
	sd2.date = "2026-02-01";
	Hoso__StageDate *sds[] = { &sd1, &sd2 };
	Hoso__Mentor m = HOSO__MENTOR__INIT;
	m.member_id = 3;
	m.since = "2025-05-01";
	Hoso__Mentor *ms[] = { &m };
	Hoso__Introducer in1 = HOSO__INTRODUCER__INIT, in2 = in1;
	in1.member_id = 3;
	in1.since = "2023-01-01";
	in1.date = "2025-09-01";
	in2.org = HOSO__INTRODUCED_BY__YOUTH_UNION;
	in2.date = "2025-09-02";
	Hoso__Introducer *ins[] = { &in1, &in2 };
	Hoso__Document d = HOSO__DOCUMENT__INIT;
	d.kind = HOSO__DOC_KIND__DOC_MASS_ORG_COMMENT;
	d.date = "2025-09-03";
	d.note = "Công đoàn";
	Hoso__Document *ds[] = { &d };
	Hoso__Relative r = HOSO__RELATIVE__INIT;
	r.id = 1;
	r.relation = HOSO__RELATION__FATHER_IN_LAW;
	r.name = "Lê Văn C";
	r.born = "1960-02-03";
	r.party_member = 1;
	r.residence = "12 Lê Lợi";
	r.residence_id = 4;
	Hoso__Relative *rs[] = { &r };
	Hoso__Check c = HOSO__CHECK__INIT;
	c.id = 2;
	c.relation = HOSO__RELATION__SELF;
	c.subject = "Nguyễn Văn An";
	c.status = HOSO__CHECK_STATUS__CHECK_CONCLUDED;
	c.concern = 1;
	c.concluded = "2025-10-01";
	Hoso__Check *cs[] = { &c };
	Hoso__Vote v = HOSO__VOTE__INIT;
	v.date = "2025-11-01";
	v.votes_for = 8;
	v.votes_against = 1;
	v.roll = 10;
	Hoso__Decision dec = HOSO__DECISION__INIT;
	dec.number = "123-QĐ/ĐU";
	dec.date = "2025-12-01";
	dec.body_id = 2;
	Hoso__Decision empty_dec = HOSO__DECISION__INIT;
	Hoso__Vote empty_vote = HOSO__VOTE__INIT;

	f.stage = HOSO__STAGE__STAGE_ON_HOLD;
	f.held_stage = HOSO__STAGE__STAGE_DECIDED;
	f.hold_reason = "nghỉ thai sản";
	f.n_stage_dates = 2;
	f.stage_dates = sds;
	f.n_mentors = 1;
	f.mentors = ms;
	f.n_introducers = 2;
	f.introducers = ins;
	f.n_documents = 1;
	f.documents = ds;
	f.n_relatives = 1;
	f.relatives = rs;
	f.n_checks = 1;
	f.checks = cs;
	f.cell_vote = &v;
	f.decision = &dec;
	f.recognition_vote = &empty_vote;
	f.recognition_decision = &empty_dec;
	f.ceremony_due = "2026-01-14";
	s = DOC(j, json_file(&j, &f));
	CHECK(s != NULL, "a full file makes a document");
	CHECK(s && strstr(s, "\"stage\":\"on-hold\",\"stage_since\":"
	    "\"2026-01-05\",\"held_stage\":\"decided\",\"hold_reason\":"
	    "\"nghỉ thai sản\",\"stage_dates\":[{\"stage\":\"identified\","
	    "\"date\":\"2025-01-05\"},{\"stage\":\"on-hold\",\"date\":"
	    "\"2026-02-01\"}]") != NULL, "on hold: held stage, stage dates");
	CHECK(s && strstr(s, "\"mentors\":[{\"member_id\":3,\"since\":"
	    "\"2025-05-01\"}],\"introducers\":[{\"member_id\":3,\"org\":null,"
	    "\"since\":\"2023-01-01\",\"date\":\"2025-09-01\"},"
	    "{\"member_id\":null,\"org\":\"youth-union\",\"since\":null,"
	    "\"date\":\"2025-09-02\"}]") != NULL,
	    "mentors; introducers: a member or an organisation");
	CHECK(s && strstr(s, "\"documents\":[{\"kind\":\"mass-org-comment\","
	    "\"date\":\"2025-09-03\",\"note\":\"Công đoàn\"}]") != NULL,
	    "documents");
	CHECK(s && strstr(s, "\"relatives\":[{\"id\":1,\"relation\":"
	    "\"father-in-law\",\"name\":\"Lê Văn C\",\"born\":\"1960-02-03\","
	    "\"party_member\":true,\"residence\":\"12 Lê Lợi\","
	    "\"residence_id\":4}]") != NULL, "relatives");
	CHECK(s && strstr(s, "\"checks\":[{\"id\":2,\"relation\":\"self\","
	    "\"subject\":\"Nguyễn Văn An\",\"relative_id\":null,\"status\":"
	    "\"concluded\",\"concern\":true,\"concern_resolved\":false,"
	    "\"reason\":\"\",\"concluded\":\"2025-10-01\",\"note\":\"\"}]") !=
	    NULL, "checks");
	CHECK(s && strstr(s, "\"cell_vote\":{\"date\":\"2025-11-01\","
	    "\"votes_for\":8,\"votes_against\":1,\"roll\":10}") != NULL,
	    "the cell vote");
	CHECK(s && strstr(s, "\"decision\":{\"number\":\"123-QĐ/ĐU\","
	    "\"date\":\"2025-12-01\",\"body_id\":2}") != NULL, "the decision");
	CHECK(s && strstr(s, "\"recognition_vote\":null,"
	    "\"recognition_decision\":null") != NULL,
	    "empty vote and decision messages are null");
	CHECK(s && strstr(s, "\"ceremony_due\":\"2026-01-14\"") != NULL,
	    "deadlines");
	CHECK(s && strstr(s, "next_") == NULL,
	    "the server's counters stay out");
	free(s);
}

static void
test_json_moves(void)
{
	struct json j;
	char *s;
	Hoso__Requirement q1 = HOSO__REQUIREMENT__INIT, q2 = q1;
	char *args[] = { "application" };
	q1.code = "doc_application";
	q1.message = "the application is missing";
	q1.message_format = "the %s is missing";
	q1.message_args = args;
	q1.n_message_args = 1;
	q2.code = "age";
	q2.message = "under 18 on the day";
	Hoso__Requirement *qs[] = { &q1, &q2 };
	Hoso__Move m1 = HOSO__MOVE__INIT, m2 = m1;
	m1.to = HOSO__STAGE__STAGE_CELL_VOTE;
	m1.n_unmet = 2;
	m1.unmet = qs;
	m2.to = HOSO__STAGE__STAGE_WITHDRAWN;
	m2.possible = 1;
	Hoso__Move *ms[] = { &m1, &m2 };
	Hoso__MoveList ml = HOSO__MOVE_LIST__INIT;
	ml.person_id = 12;
	ml.stage = HOSO__STAGE__STAGE_VERIFYING;
	ml.n_moves = 2;
	ml.moves = ms;
	s = DOC(j, json_move_list(&j, &ml));
	CHECK_STR(s, "{\"person_id\":12,\"stage\":\"verifying\",\"moves\":["
	    "{\"to\":\"cell-vote\",\"possible\":false,\"unmet\":["
	    "{\"code\":\"doc_application\",\"message\":\"the application is "
	    "missing\"},{\"code\":\"age\",\"message\":\"under 18 on the "
	    "day\"}]},{\"to\":\"withdrawn\",\"possible\":true,\"unmet\":[]}]}\n",
	    "move list shape; messages from message_format");
	free(s);
	ml.n_moves = 0;
	s = DOC(j, json_move_list(&j, &ml));
	CHECK_STR(s, "{\"person_id\":12,\"stage\":\"verifying\","
	    "\"moves\":[]}\n", "no moves: an empty list");
	free(s);
}

static void
test_json_history(void)
{
	struct json j;
	char *s;
	Hoso__HistoryEntry e = HOSO__HISTORY_ENTRY__INIT;
	e.seq = 5;
	e.person_id = 12;
	e.entered_at = 1795431900;
	e.effective = "2026-11-20";
	e.kind = "stage";
	e.from = HOSO__STAGE__STAGE_IDENTIFIED;
	e.to = HOSO__STAGE__STAGE_IN_COURSE;
	e.note = "lớp tháng 11";
	Hoso__HistoryEntry *es[] = { &e };
	Hoso__HistoryPage p = HOSO__HISTORY_PAGE__INIT;
	p.n_items = 1;
	p.items = es;
	p.next_cursor = "c1";
	s = DOC(j, json_history_page(&j, &p));
	CHECK_STR(s, "{\"items\":[{\"seq\":5,\"entered_at\":"
	    "\"2026-11-23T18:05:00+07:00\",\"effective\":\"2026-11-20\","
	    "\"kind\":\"stage\",\"from\":\"identified\",\"to\":\"in-course\","
	    "\"note\":\"lớp tháng 11\",\"detail\":\"\",\"user\":\"\"}],"
	    "\"next\":\"c1\"}\n", "history page shape");
	free(s);
}

static void
test_json_evaluations(void)
{
	struct json j;
	char *s;
	Hoso__Evaluation e = HOSO__EVALUATION__INIT;
	e.person_id = 12;
	e.month = "2026-03";
	e.rating = HOSO__RATING__GOOD;
	e.evaluator_id = 3;
	s = DOC(j, json_evaluation(&j, &e));
	CHECK_STR(s, "{\"person_id\":12,\"month\":\"2026-03\",\"rating\":"
	    "\"good\",\"comment\":\"\",\"evaluator_id\":3,\"entered_at\":"
	    "null}\n", "evaluation shape");
	free(s);

	char *months[] = { "2026-01", "2026-02" };
	Hoso__DueEvaluation de = HOSO__DUE_EVALUATION__INIT;
	de.person_id = 12;
	de.name = "Nguyễn Văn An";
	de.n_months = 2;
	de.months = months;
	Hoso__DueEvaluation *des[] = { &de };
	Hoso__DueList dl = HOSO__DUE_LIST__INIT;
	s = DOC(j, json_due_list(&j, &dl));
	CHECK_STR(s, "{\"items\":[]}\n", "nothing due: no items");
	free(s);
	dl.n_items = 1;
	dl.items = des;
	s = DOC(j, json_due_list(&j, &dl));
	CHECK_STR(s, "{\"items\":[{\"person_id\":12,\"name\":\"Nguyễn Văn An\","
	    "\"months\":[\"2026-01\",\"2026-02\"]}]}\n", "due list shape");
	free(s);
}

static void
test_json_quota(void)
{
	struct json j;
	char *s;
	Hoso__Quota q = HOSO__QUOTA__INIT;
	q.org_id = 2;
	q.year = 2026;
	q.target = 15;
	s = DOC(j, json_quota(&j, &q));
	CHECK_STR(s, "{\"org_id\":2,\"year\":2026,\"term_start\":null,"
	    "\"term_end\":null,\"target\":15,\"course_target\":0}\n",
	    "quota for a year");
	free(s);

	Hoso__Funnel fu = HOSO__FUNNEL__INIT;
	fu.identified = 20;
	fu.in_course = 12;
	fu.course_passed = 10;
	fu.admitted = 6;
	Hoso__QuotaReport cell = HOSO__QUOTA_REPORT__INIT;
	cell.org_id = 5;
	cell.org_name = "Chi bộ Khu phố 3";
	cell.period = "2026";
	cell.admitted = 2;
	Hoso__QuotaReport *kids[] = { &cell };
	Hoso__QuotaReport r = HOSO__QUOTA_REPORT__INIT;
	r.org_id = 2;
	r.org_name = "Phường 1";
	r.period = "2026";
	r.target = 15;
	r.admitted = 6;
	r.percent = 6.0 / 15.0 * 100.0;
	r.course_target = 20;
	r.funnel = &fu;
	r.n_children = 1;
	r.children = kids;
	s = DOC(j, json_quota_report(&j, &r));
	CHECK_STR(s, "{\"org_id\":2,\"org_name\":\"Phường 1\",\"period\":"
	    "\"2026\",\"target\":15,\"admitted\":6,\"percent\":40,"
	    "\"course_target\":20,\"funnel\":{\"identified\":20,"
	    "\"in_course\":12,\"course_passed\":10,\"admitted\":6},"
	    "\"children\":[{\"org_id\":5,\"org_name\":\"Chi bộ Khu phố 3\","
	    "\"period\":\"2026\",\"target\":0,\"admitted\":2,\"percent\":0,"
	    "\"course_target\":0,\"funnel\":{\"identified\":0,\"in_course\":0,"
	    "\"course_passed\":0,\"admitted\":0},\"children\":[]}]}\n",
	    "quota report: target, admitted, percent, funnel, children "
	    "(a missing funnel is zeros)");
	free(s);
	r.percent = 98.4;
	s = DOC(j, json_quota_report(&j, &r));
	CHECK(s != NULL && strstr(s, "\"percent\":98.4,") != NULL,
	    "percent with a decimal");
	free(s);
}

int
main(void)
{
	test_stage_words();
	test_requirement_text();
	test_response_with_unmet();
	test_json_number();
	test_json_file();
	test_json_moves();
	test_json_history();
	test_json_evaluations();
	test_json_quota();
	return t_done();
}
