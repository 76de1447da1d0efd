/* cmd-file.c: a candidate's recruitment file (hồ sơ): hoso person file,
 * moves, advance, history, and the commands that record its papers,
 * introducers, mentors, relatives and background checks.  Every change
 * answers with the whole File; the human output shows the part that
 * changed, --json the File. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"

/* What a File printout shows. */
#define FILE_HEAD 0x001         /* who, stage, since, on hold */
#define FILE_STAGES 0x002       /* the date each stage was reached */
#define FILE_COURSE 0x004
#define FILE_MENTORS 0x008
#define FILE_INTRODUCERS 0x010
#define FILE_DOCS 0x020
#define FILE_RELATIVES 0x040
#define FILE_CHECKS 0x080
#define FILE_STEPS 0x100        /* votes, proposal, decisions, ceremony */
#define FILE_DEADLINES 0x200
#define FILE_ALL 0x3ff

/* ---- options ---------------------------------------------------------- */

const struct cli_opt cmd_file_moves_opts[] = {
	{ "at", N_("DATE"), N_("as on this day (default today)"), 0, "at" },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_file_advance_opts[] = {
	{ "to", N_("STAGE"), N_("the stage the file moves to"), CLI_REQ, "to",
	    hoso_stage_words },
	{ "at", N_("DATE"), N_("the day it happened on paper (default "
	    "today); not in the future, not before the last step"), 0, "at" },
	{ "note", N_("TEXT"), N_("a note for the file's history"), 0,
	    "note" },
	{ "cert-number", N_("N"), N_("number of the awareness course "
	    "certificate"), 0, "cert_number" },
	{ "mentor", N_("ID"), N_("an official member assigned to help the "
	    "candidate; repeat for each"), CLI_MULTI, "mentor_ids" },
	{ "votes-for", N_("N"), N_("votes in favour"), 0, "votes_for" },
	{ "votes-against", N_("N"), N_("votes against"), 0,
	    "votes_against" },
	{ "vote-date", N_("DATE"), N_("date of the cell's vote on "
	    "recognition"), 0, "vote_date" },
	{ "decision-number", N_("N"), N_("number of the committee's "
	    "decision"), 0, "decision_number" },
	{ "extension-days", N_("N"), N_("extra working days granted to the "
	    "deciding committee"), 0, "extension_days" },
	{ "reason", N_("TEXT"), N_("why the file stops or pauses"), 0,
	    "reason" },
	{ "cell", N_("ID"), N_("the party cell the file moves to"), 0,
	    "cell_id" },
	{ "course-date", N_("DATE"), N_("when the new member finished the "
	    "political-theory course for new members"), 0, "course_date" },
	{ "expect-version", N_("N"), N_("move the file only if its version "
	    "is still N (as shown by 'hoso person file')"), 0,
	    "expected_version" },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_file_history_opts[] = {
	{ "limit", N_("N"), N_("at most N entries (default 50)"), 0,
	    "limit" },
	{ "cursor", N_("C"), N_("continue a previous list where it stopped"),
	    0, "cursor" },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_file_doc_opts[] = {
	{ "kind", N_("KIND"), N_("which paper"), CLI_REQ, "kind",
	    hoso_doc_kind_words },
	{ "date", N_("DATE"), N_("the date on the paper"), CLI_REQ, "date" },
	{ "note", N_("TEXT"), N_("a note about the paper"), 0, "note" },
	{ NULL, NULL, NULL, 0, NULL },
};

/* The bodies whose executive committee may introduce a candidate. */
static const struct hoso_enum_word file_introducer_org_words[] = {
	{ HOSO__INTRODUCED_BY__YOUTH_UNION, "youth-union", N_("Youth Union") },
	{ HOSO__INTRODUCED_BY__TRADE_UNION, "trade-union", N_("Trade Union") },
	{ 0, NULL, NULL },
};

const struct cli_opt cmd_file_introducer_opts[] = {
	{ "member", N_("ID"), N_("the official member who introduces the "
	    "candidate"), 0, "member_id" },
	{ "org", N_("ORG"), N_("or: the executive committee that introduces "
	    "the candidate (it counts with one official member)"), 0, "org",
	    file_introducer_org_words },
	{ "since", N_("DATE"), N_("working, studying or living with the "
	    "candidate since (required for a member)"), 0, "since" },
	{ "date", N_("DATE"), N_("date of the introduction"), 0, "date" },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_file_mentor_opts[] = {
	{ "member", N_("ID"), N_("the official member assigned to help the "
	    "candidate"), CLI_REQ, "member_id" },
	{ "since", N_("DATE"), N_("assigned on this day (default today)"), 0,
	    "since" },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_file_relative_opts[] = {
	{ "relation", N_("WHO"), N_("the relative's relation to the "
	    "candidate"), CLI_REQ, "relation", hoso_relation_words + 1 },
	{ "name", N_("NAME"), N_("full name"), CLI_REQ, "name" },
	{ "born", N_("DATE"), N_("date of birth"), 0, "born" },
	{ "party-member", NULL, N_("the relative is a party member"), 0,
	    "party_member" },
	{ "residence", N_("TEXT"), N_("address as declared"), 0,
	    "residence" },
	{ "residence-ward", N_("ID"), N_("number of the ward of residence, "
	    "if it is one of ours"), 0, "residence_id" },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_file_check_opts[] = {
	{ "relation", N_("WHO"), N_("add: whose background is checked"), 0,
	    "relation", hoso_relation_words },
	{ "subject", N_("NAME"), N_("add: the name of the person checked"), 0,
	    "subject" },
	{ "reason", N_("TEXT"), N_("add, waive: why"), 0, "reason" },
	{ "date", N_("DATE"), N_("conclude, resolve: the day it happened "
	    "(default today)"), 0, "date" },
	{ "concern", NULL, N_("conclude: the result raised a concern"), 0,
	    NULL },
	{ NULL, NULL, NULL, 0, NULL },
};

/* ---- printing --------------------------------------------------------- */

/* "label (word)", or the word alone when there is no label. */
static void
file_stage_text(int stage, char *buf, size_t size)
{
	const char *word = hoso_enum_word(hoso_stage_words, stage);
	if (word == NULL) {
		snprintf(buf, size, "%s", stage == 0 ? "" : "?");
		return;
	}
	const char *label = cli_label(hoso_stage_words, stage);
	if (strcmp(label, word) == 0)
		snprintf(buf, size, "%s", word);
	else
		snprintf(buf, size, "%s (%s)", label, word);
}

static bool
file_set(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* A section title. */
static void
file_title(const char *title)
{
	printf("\n%s\n", title);
}

static void
file_print_head(struct cli *cli, const Hoso__File *f)
{
	struct cli_block b = { 0 };
	char day[11], stage[160];
	char *who = cli_person_ref(cli, f->person_id);
	cli_block_add(&b, _("Candidate"), "%s", who ? who : "");
	free(who);
	if (f->stage == HOSO__STAGE__STAGE_NONE) {
		cli_block_add(&b, _("Stage"), "%s", _("none: not a candidate"));
		cli_block_print(&b);
		return;
	}
	file_stage_text(f->stage, stage, sizeof stage);
	cli_block_add(&b, _("Stage"), "%s", stage);
	cli_block_add(&b, _("Since"), "%s", cli_format_date(f->stage_since,
	    day));
	if (f->stage == HOSO__STAGE__STAGE_ON_HOLD) {
		file_stage_text(f->held_stage, stage, sizeof stage);
		cli_block_add(&b, _("Resumes at"), "%s", stage);
		cli_block_add(&b, _("Why on hold"), "%s", f->hold_reason);
	}
	cli_block_add(&b, _("File version"), "%llu",
	    (unsigned long long)f->version);
	cli_block_print(&b);
}

static void
file_print_stages(const Hoso__File *f)
{
	file_title(_("Stages reached:"));
	if (f->n_stage_dates == 0) {
		printf("%s\n", _("none yet"));
		return;
	}
	const char *headers[] = { _("Stage"), _("Date") };
	struct cli_table t;
	char day[11];
	cli_table_init(&t, 2, headers);
	for (size_t i = 0; i < f->n_stage_dates; i++) {
		const char *w = hoso_enum_word(hoso_stage_words,
		    f->stage_dates[i]->stage);
		cli_table_add(&t, "%s", w ? w : "?");
		cli_table_add(&t, "%s", cli_format_date(f->stage_dates[i]->date,
		    day));
	}
	cli_table_print(&t);
}

static void
file_print_course(const Hoso__File *f)
{
	char day[11];
	if (!file_set(f->course_cert_number) && !file_set(f->course_cert_date))
		return;
	struct cli_block b = { 0 };
	cli_block_add(&b, _("Course certificate"), _("no. %s of %s"),
	    f->course_cert_number, cli_format_date(f->course_cert_date, day));
	putchar('\n');
	cli_block_print(&b);
}

static void
file_print_mentors(struct cli *cli, const Hoso__File *f)
{
	char day[11];
	file_title(_("Mentors:"));
	if (f->n_mentors == 0) {
		printf("%s\n", _("none yet"));
		return;
	}
	const char *headers[] = { _("Member"), _("Since") };
	struct cli_table t;
	cli_table_init(&t, 2, headers);
	for (size_t i = 0; i < f->n_mentors; i++) {
		char *who = cli_person_ref(cli, f->mentors[i]->member_id);
		cli_table_add(&t, "%s", who ? who : "");
		cli_table_add(&t, "%s", cli_format_date(f->mentors[i]->since,
		    day));
		free(who);
	}
	cli_table_print(&t);
}

static void
file_print_introducers(struct cli *cli, const Hoso__File *f)
{
	char day[11];
	file_title(_("Introducers:"));
	if (f->n_introducers == 0) {
		printf("%s\n", _("none yet"));
		return;
	}
	const char *headers[] = { _("Introduced by"), _("Known since"),
	    _("Date") };
	struct cli_table t;
	cli_table_init(&t, 3, headers);
	for (size_t i = 0; i < f->n_introducers; i++) {
		const Hoso__Introducer *in = f->introducers[i];
		if (in->member_id != 0) {
			char *who = cli_person_ref(cli, in->member_id);
			cli_table_add(&t, "%s", who ? who : "");
			free(who);
		} else {
			cli_table_add(&t, _("the executive committee of the %s"),
			    cli_label(hoso_introduced_by_words, in->org));
		}
		cli_table_add(&t, "%s", cli_format_date(in->since, day));
		cli_table_add(&t, "%s", cli_format_date(in->date, day));
	}
	cli_table_print(&t);
}

static void
file_print_docs(const Hoso__File *f)
{
	char day[11];
	file_title(_("Papers:"));
	if (f->n_documents == 0) {
		printf("%s\n", _("none yet"));
		return;
	}
	const char *headers[] = { _("Paper"), _("Date"), _("Note") };
	struct cli_table t;
	cli_table_init(&t, 3, headers);
	for (size_t i = 0; i < f->n_documents; i++) {
		const Hoso__Document *d = f->documents[i];
		cli_table_add(&t, "%s", cli_label(hoso_doc_kind_words, d->kind));
		cli_table_add(&t, "%s", cli_format_date(d->date, day));
		cli_table_add(&t, "%s", d->note);
	}
	cli_table_print(&t);
}

static void
file_print_relatives(struct cli *cli, const Hoso__File *f)
{
	char day[11];
	file_title(_("Relatives:"));
	if (f->n_relatives == 0) {
		printf("%s\n", _("none yet"));
		return;
	}
	const char *headers[] = { _("No."), _("Relation"), _("Name"),
	    _("Born"), _("Party member"), _("Lives at") };
	struct cli_table t;
	cli_table_init(&t, 6, headers);
	for (size_t i = 0; i < f->n_relatives; i++) {
		const Hoso__Relative *r = f->relatives[i];
		cli_table_add(&t, "%u", (unsigned)r->id);
		cli_table_add(&t, "%s", cli_label(hoso_relation_words,
		    r->relation));
		cli_table_add(&t, "%s", r->name);
		cli_table_add(&t, "%s", cli_format_date(r->born, day));
		cli_table_add(&t, "%s", r->party_member ? _("yes") : "");
		char *ward = r->residence_id ? cli_org_ref(cli, r->residence_id) :
		    NULL;
		if (ward != NULL && file_set(r->residence))
			cli_table_add(&t, "%s, %s", r->residence, ward);
		else
			cli_table_add(&t, "%s", ward ? ward : r->residence);
		free(ward);
	}
	cli_table_print(&t);
}

/* The state of a check in words. */
static void
file_check_state(const Hoso__Check *c, char *buf, size_t size)
{
	char day[11];
	const char *status = cli_label(hoso_check_status_words, c->status);
	if (c->status == HOSO__CHECK_STATUS__CHECK_CONCLUDED) {
		const char *result = !c->concern ? _("no concern") :
		    c->concern_resolved ? _("concern cleared") :
		    _("CONCERN");
		snprintf(buf, size, "%s %s: %s", status,
		    cli_format_date(c->concluded, day), result);
	} else {
		snprintf(buf, size, "%s", status);
	}
}

static void
file_print_checks(const Hoso__File *f)
{
	file_title(_("Background checks:"));
	if (f->n_checks == 0) {
		printf("%s\n", _("none yet"));
		return;
	}
	const char *headers[] = { _("No."), _("Whose"), _("Name"), _("State"),
	    _("Why"), _("Note") };
	struct cli_table t;
	char state[200];
	cli_table_init(&t, 6, headers);
	for (size_t i = 0; i < f->n_checks; i++) {
		const Hoso__Check *c = f->checks[i];
		cli_table_add(&t, "%u", (unsigned)c->id);
		cli_table_add(&t, "%s", cli_label(hoso_relation_words,
		    c->relation));
		cli_table_add(&t, "%s", c->subject);
		file_check_state(c, state, sizeof state);
		cli_table_add(&t, "%s", state);
		cli_table_add(&t, "%s", c->reason);
		cli_table_add(&t, "%s", c->note);
	}
	cli_table_print(&t);
}

/* A vote in words into b, if one was held. */
static void
file_vote(struct cli_block *b, const char *label, const Hoso__Vote *v)
{
	char day[11];
	if (v == NULL || !file_set(v->date))
		return;
	cli_block_add(b, label, _("%s: %u for, %u against, of %u official "
	    "members"), cli_format_date(v->date, day), (unsigned)v->votes_for,
	    (unsigned)v->votes_against, (unsigned)v->roll);
}

/* A decision in words into b, if one was issued. */
static void
file_decision(struct cli *cli, struct cli_block *b, const char *label,
    const Hoso__Decision *d)
{
	char day[11];
	if (d == NULL || (!file_set(d->number) && !file_set(d->date)))
		return;
	char *body = d->body_id ? cli_org_ref(cli, d->body_id) : NULL;
	if (body != NULL && *body != '\0')
		cli_block_add(b, label, _("no. %s of %s, by %s"), d->number,
		    cli_format_date(d->date, day), body);
	else
		cli_block_add(b, label, _("no. %s of %s"), d->number,
		    cli_format_date(d->date, day));
	free(body);
}

static void
file_print_steps(struct cli *cli, const Hoso__File *f)
{
	struct cli_block b = { 0 };
	char day[11];
	file_vote(&b, _("Cell vote"), f->cell_vote);
	if (file_set(f->proposal_date))
		cli_block_add(&b, _("Proposed"), "%s",
		    cli_format_date(f->proposal_date, day));
	if (f->extension_days != 0)
		cli_block_add(&b, _("Extension"), _("%u working days"),
		    (unsigned)f->extension_days);
	file_decision(cli, &b, _("Admission decision"), f->decision);
	if (file_set(f->ceremony_date))
		cli_block_add(&b, _("Admitted (ceremony)"), "%s",
		    cli_format_date(f->ceremony_date, day));
	if (file_set(f->probation_end))
		cli_block_add(&b, _("Probation ends"), "%s",
		    cli_format_date(f->probation_end, day));
	if (file_set(f->new_member_course_date))
		cli_block_add(&b, _("New-member course"), "%s",
		    cli_format_date(f->new_member_course_date, day));
	file_vote(&b, _("Recognition vote"), f->recognition_vote);
	file_decision(cli, &b, _("Recognition decision"),
	    f->recognition_decision);
	if (file_set(f->official_date))
		cli_block_add(&b, _("Official member from"), "%s",
		    cli_format_date(f->official_date, day));
	if (b.n == 0)
		return;
	file_title(_("Votes and decisions:"));
	cli_block_print(&b);
}

/* One deadline into b; the days left only while its step is still due. */
static void
file_deadline(struct cli_block *b, const char *label, const char *due,
    bool done)
{
	char day[11], left[64];
	if (!file_set(due))
		return;
	cli_block_add(b, label, "%s%s", cli_format_date(due, day),
	    done ? "" : cli_days_left(due, left, sizeof left));
}

static void
file_print_deadlines(const Hoso__File *f)
{
	struct cli_block b = { 0 };
	bool stopped = f->stage >= HOSO__STAGE__STAGE_MOVED;
	file_deadline(&b, _("Decision due"), f->decision_due, stopped ||
	    (f->decision != NULL && file_set(f->decision->date)));
	file_deadline(&b, _("Ceremony due"), f->ceremony_due, stopped ||
	    file_set(f->ceremony_date));
	file_deadline(&b, _("Recognition vote due"), f->recognition_vote_due,
	    stopped || (f->recognition_vote != NULL &&
	    file_set(f->recognition_vote->date)));
	file_deadline(&b, _("Recognition decision due"),
	    f->recognition_decision_due, stopped ||
	    (f->recognition_decision != NULL &&
	    file_set(f->recognition_decision->date)) ||
	    f->stage == HOSO__STAGE__STAGE_OFFICIAL);
	if (b.n == 0)
		return;
	file_title(_("Deadlines (working days):"));
	cli_block_print(&b);
}

/* Print the parts of f named by what; every part after the head opens
 * with an empty line. */
static void
file_print(struct cli *cli, const Hoso__File *f, unsigned what)
{
	if (what & FILE_HEAD)
		file_print_head(cli, f);
	if (f->stage == HOSO__STAGE__STAGE_NONE && f->version == 0)
		return;         /* a member entered directly: no file */
	if (what & FILE_STAGES)
		file_print_stages(f);
	if (what & FILE_COURSE)
		file_print_course(f);
	if (what & FILE_MENTORS)
		file_print_mentors(cli, f);
	if (what & FILE_INTRODUCERS)
		file_print_introducers(cli, f);
	if (what & FILE_DOCS)
		file_print_docs(f);
	if (what & FILE_RELATIVES)
		file_print_relatives(cli, f);
	if (what & FILE_CHECKS)
		file_print_checks(f);
	if (what & FILE_STEPS)
		file_print_steps(cli, f);
	if (what & FILE_DEADLINES)
		file_print_deadlines(f);
}

/* Send req, expecting a File back; print it as JSON, or the confirmation
 * line said (if not NULL) and the parts named by what. */
static int
file_call_print(struct cli *cli, Hoso__Request *req, const char *said,
    unsigned what)
{
	Hoso__Response *resp;
	int rc = cli_call(cli, req, &resp, HOSO__RESPONSE__BODY_FILE);
	if (rc != 0)
		return rc;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_file(&j, resp->file);
		rc = cli_print_json(&j);
	} else {
		if (said != NULL)
			printf("%s\n", said);
		file_print(cli, resp->file, what);
	}
	hoso_response_free(resp);
	return rc;
}

/* ---- person file, moves, history -------------------------------------- */

int
cmd_file_show(struct cli *cli, const struct cli_args *args)
{
	Hoso__FileGet get = HOSO__FILE_GET__INIT;
	int rc = cli_one_id(args, &get.person_id);
	if (rc != 0)
		return rc;
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_FILE_GET;
	req.file_get = &get;
	return file_call_print(cli, &req, NULL, FILE_ALL);
}

/* Print the moves of m, one a line: "✓ dossier" or "✗ cell-vote: ...". */
static int
file_moves_print(struct cli *cli, const Hoso__MoveList *m)
{
	char stage[160];
	char *who = cli_person_ref(cli, m->person_id);
	file_stage_text(m->stage, stage, sizeof stage);
	if (m->stage == HOSO__STAGE__STAGE_NONE)
		printf(_("%s is not a candidate.\n"), who ? who : "");
	else
		printf(_("%s is at stage: %s\n"), who ? who : "", stage);
	free(who);
	if (m->n_moves == 0 && m->stage != HOSO__STAGE__STAGE_NONE) {
		printf("%s\n", _("No move is possible from this stage."));
		return CLI_EXIT_OK;
	}
	for (size_t i = 0; i < m->n_moves; i++) {
		const Hoso__Move *mv = m->moves[i];
		const char *w = hoso_enum_word(hoso_stage_words, mv->to);
		char *line = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&line, &len);
		if (mem == NULL)
			return CLI_EXIT_UNREACHABLE;
		fprintf(mem, "%s", w ? w : "?");
		for (size_t k = 0; k < mv->n_unmet; k++) {
			char *q = hoso_requirement_text(mv->unmet[k]);
			fprintf(mem, "%s%s", k == 0 ? ": " : "; ", q ? q : "");
			free(q);
		}
		if (fclose(mem) != 0 || line == NULL) {
			free(line);
			return CLI_EXIT_UNREACHABLE;
		}
		char *clean = cli_clean(line, false);
		/* A move may be impossible without a requirement to name
		 * (the server's rules say no). */
		fputs(mv->possible ? "✓ " : "✗ ", stdout);
		cli_print_wrapped(stdout, clean ? clean : "", 2, 6);
		free(clean);
		free(line);
	}
	return CLI_EXIT_OK;
}

int
cmd_file_moves(struct cli *cli, const struct cli_args *args)
{
	Hoso__FileMoves fm = HOSO__FILE_MOVES__INIT;
	char at[11];
	const char *v;
	int rc = cli_one_id(args, &fm.person_id);
	if (rc != 0)
		return rc;
	if ((v = cli_arg(args, "at")) != NULL) {
		if ((rc = cli_parse_date(args->cmd, "--at", v, at)) != 0)
			return rc;
		fm.at = at;
	}
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_FILE_MOVES;
	req.file_moves = &fm;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_MOVES);
	if (rc != 0)
		return rc;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_move_list(&j, resp->moves);
		rc = cli_print_json(&j);
	} else {
		rc = file_moves_print(cli, resp->moves);
	}
	hoso_response_free(resp);
	return rc;
}

/* Whether e moved the file from one stage to another. */
static bool
file_history_moved(const Hoso__HistoryEntry *e)
{
	return e->to != HOSO__STAGE__STAGE_NONE && e->from != e->to;
}

static void
file_history_print(const Hoso__HistoryPage *page)
{
	if (page->n_items == 0) {
		printf("%s\n", _("Nothing recorded."));
		return;
	}
	bool users = false;
	for (size_t i = 0; i < page->n_items; i++)
		if (file_set(page->items[i]->user))
			users = true;
	const char *headers[] = { _("Entered"), _("Effective"), _("What"),
	    _("Change"), _("Note"), _("By") };
	struct cli_table t;
	char when[17], day[11];
	cli_table_init(&t, users ? 6 : 5, headers);
	for (size_t i = 0; i < page->n_items; i++) {
		const Hoso__HistoryEntry *e = page->items[i];
		cli_table_add(&t, "%s", cli_format_instant(e->entered_at, when));
		cli_table_add(&t, "%s", cli_format_date(e->effective, day));
		cli_table_add(&t, "%s", e->kind);
		/* The change: the stages, else what the detail says. */
		if (file_history_moved(e)) {
			const char *from = hoso_enum_word(hoso_stage_words,
			    e->from);
			const char *to = hoso_enum_word(hoso_stage_words, e->to);
			cli_table_add(&t, "%s → %s", from ? from : "",
			    to ? to : "?");
			if (file_set(e->note) && file_set(e->detail))
				cli_table_add(&t, "%s [%s]", e->note, e->detail);
			else
				cli_table_add(&t, "%s", file_set(e->note) ?
				    e->note : e->detail);
		} else {
			cli_table_add(&t, "%s", e->detail);
			cli_table_add(&t, "%s", e->note);
		}
		if (users)
			cli_table_add(&t, "%s", e->user);
	}
	cli_table_print(&t);
	cli_more(page->next_cursor);
}

int
cmd_file_history(struct cli *cli, const struct cli_args *args)
{
	Hoso__HistoryList hl = HOSO__HISTORY_LIST__INIT;
	const char *v;
	int rc = cli_one_id(args, &hl.person_id);
	if (rc != 0)
		return rc;
	if ((v = cli_arg(args, "limit")) != NULL &&
	    (rc = cli_parse_limit(args->cmd, v, &hl.limit)) != 0)
		return rc;
	if ((v = cli_arg(args, "cursor")) != NULL)
		hl.cursor = (char *)v;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_HISTORY_LIST;
	req.history_list = &hl;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_HISTORY_PAGE);
	if (rc != 0)
		return rc;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_history_page(&j, resp->history_page);
		rc = cli_print_json(&j);
	} else {
		file_history_print(resp->history_page);
	}
	hoso_response_free(resp);
	return rc;
}

/* ---- person advance ----------------------------------------------------- */

/* Which stage options go with which --to (as proto/hoso.proto says);
 * --at, --note and --expect-version go with every move. */
static const struct {
	const char *opt;
	int stages[6];
} file_stage_opts[] = {
	{ "cert-number", { HOSO__STAGE__STAGE_COURSE_PASSED } },
	{ "mentor", { HOSO__STAGE__STAGE_MENTORED } },
	{ "votes-for", { HOSO__STAGE__STAGE_CELL_VOTE,
	    HOSO__STAGE__STAGE_OFFICIAL } },
	{ "votes-against", { HOSO__STAGE__STAGE_CELL_VOTE,
	    HOSO__STAGE__STAGE_OFFICIAL } },
	{ "vote-date", { HOSO__STAGE__STAGE_OFFICIAL } },
	{ "decision-number", { HOSO__STAGE__STAGE_DECIDED,
	    HOSO__STAGE__STAGE_OFFICIAL } },
	{ "extension-days", { HOSO__STAGE__STAGE_PROPOSED } },
	{ "reason", { HOSO__STAGE__STAGE_ON_HOLD, HOSO__STAGE__STAGE_WITHDRAWN,
	    HOSO__STAGE__STAGE_REMOVED, HOSO__STAGE__STAGE_REJECTED,
	    HOSO__STAGE__STAGE_NOT_RECOGNISED } },
	{ "cell", { HOSO__STAGE__STAGE_MOVED } },
	{ "course-date", { HOSO__STAGE__STAGE_OFFICIAL } },
};

/* Refuse a stage option given with a --to it does not go with. */
static int
file_check_stage_opts(const struct cli_args *args, int to)
{
	for (size_t i = 0; i < sizeof file_stage_opts /
	    sizeof file_stage_opts[0]; i++) {
		if (cli_arg(args, file_stage_opts[i].opt) == NULL)
			continue;
		char list[200] = "";
		bool ok = false;
		for (size_t k = 0; k < 6 && file_stage_opts[i].stages[k]; k++) {
			int s = file_stage_opts[i].stages[k];
			if (s == to)
				ok = true;
			size_t len = strlen(list);
			snprintf(list + len, sizeof list - len, "%s%s",
			    k ? ", " : "", hoso_enum_word(hoso_stage_words, s));
		}
		if (!ok)
			return cli_usage_error(args->cmd, _("--%s goes only with "
			    "--to %s"), file_stage_opts[i].opt, list);
	}
	return 0;
}

/* A date option into buf and *field, if given. */
static int
file_date_opt(const struct cli_args *args, const char *name, char buf[11],
    char **field)
{
	const char *v = cli_arg(args, name);
	char what[40];
	if (v == NULL)
		return 0;
	snprintf(what, sizeof what, "--%s", name);
	int rc = cli_parse_date(args->cmd, what, v, buf);
	if (rc == 0)
		*field = buf;
	return rc;
}

/* A count option into *out, if given. */
static int
file_count_opt(const struct cli_args *args, const char *name, uint32_t max,
    uint32_t *out)
{
	const char *v = cli_arg(args, name);
	char what[40];
	if (v == NULL)
		return 0;
	snprintf(what, sizeof what, "--%s", name);
	return cli_parse_count(args->cmd, what, v, max, out);
}

int
cmd_file_advance(struct cli *cli, const struct cli_args *args)
{
	Hoso__FileAdvance fa = HOSO__FILE_ADVANCE__INIT;
	char at[11], vote_date[11], course_date[11];
	const char *mentors[CLI_MAX_MULTI];
	uint64_t mentor_ids[CLI_MAX_MULTI];
	const char *v;
	int to, rc;

	if ((rc = cli_one_id(args, &fa.person_id)) != 0 ||
	    (rc = cli_parse_enum(args->cmd, "--to", hoso_stage_words,
	    cli_arg(args, "to"), &to)) != 0 ||
	    (rc = file_check_stage_opts(args, to)) != 0)
		return rc;
	fa.to = (Hoso__Stage)to;
	if ((rc = file_date_opt(args, "at", at, &fa.at)) != 0 ||
	    (rc = file_date_opt(args, "vote-date", vote_date,
	    &fa.vote_date)) != 0 ||
	    (rc = file_date_opt(args, "course-date", course_date,
	    &fa.course_date)) != 0 ||
	    (rc = file_count_opt(args, "votes-for", 100000,
	    &fa.votes_for)) != 0 ||
	    (rc = file_count_opt(args, "votes-against", 100000,
	    &fa.votes_against)) != 0 ||
	    (rc = file_count_opt(args, "extension-days", 1000,
	    &fa.extension_days)) != 0)
		return rc;
	if ((v = cli_arg(args, "note")) != NULL)
		fa.note = (char *)v;
	if ((v = cli_arg(args, "cert-number")) != NULL)
		fa.cert_number = (char *)v;
	if ((v = cli_arg(args, "decision-number")) != NULL)
		fa.decision_number = (char *)v;
	if ((v = cli_arg(args, "reason")) != NULL)
		fa.reason = (char *)v;
	if ((v = cli_arg(args, "cell")) != NULL &&
	    (rc = cli_parse_id(args->cmd, "--cell", v, false,
	    &fa.cell_id)) != 0)
		return rc;
	if ((v = cli_arg(args, "expect-version")) != NULL &&
	    (rc = cli_parse_id(args->cmd, "--expect-version", v, false,
	    &fa.expected_version)) != 0)
		return rc;
	fa.n_mentor_ids = cli_arg_all(args, "mentor", mentors, CLI_MAX_MULTI);
	for (size_t i = 0; i < fa.n_mentor_ids; i++)
		if ((rc = cli_parse_id(args->cmd, "--mentor", mentors[i], false,
		    &mentor_ids[i])) != 0)
			return rc;
	fa.mentor_ids = mentor_ids;

	/* Moving to another cell leaves the stage as it was: say where. */
	char *said = NULL;
	if (fa.to == HOSO__STAGE__STAGE_MOVED && !cli->json) {
		char *cell = cli_org_ref(cli, fa.cell_id);
		if (asprintf(&said, _("The file now belongs to cell %s."),
		    cell ? cell : "") < 0)
			said = NULL;
		free(cell);
	}
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_FILE_ADVANCE;
	req.file_advance = &fa;
	rc = file_call_print(cli, &req, said, FILE_HEAD | FILE_COURSE |
	    FILE_STEPS | FILE_DEADLINES);
	free(said);
	return rc;
}

/* ---- recording ---------------------------------------------------------- */

/* Send a FileRecord for the candidate and print the File's part what. */
static int
file_record(struct cli *cli, Hoso__FileRecord *fr, const char *said,
    unsigned what)
{
	Hoso__Request req = HOSO__REQUEST__INIT;
	req.body_case = HOSO__REQUEST__BODY_FILE_RECORD;
	req.file_record = fr;
	return file_call_print(cli, &req, said, what);
}

int
cmd_file_doc(struct cli *cli, const struct cli_args *args)
{
	Hoso__FileRecord fr = HOSO__FILE_RECORD__INIT;
	Hoso__Document doc = HOSO__DOCUMENT__INIT;
	char date[11];
	int kind, rc;

	if ((rc = cli_one_id(args, &fr.person_id)) != 0 ||
	    (rc = cli_parse_enum(args->cmd, "--kind", hoso_doc_kind_words,
	    cli_arg(args, "kind"), &kind)) != 0 ||
	    (rc = file_date_opt(args, "date", date, &doc.date)) != 0)
		return rc;
	doc.kind = (Hoso__DocKind)kind;
	if (cli_arg(args, "note") != NULL)
		doc.note = (char *)cli_arg(args, "note");
	fr.item_case = HOSO__FILE_RECORD__ITEM_DOCUMENT;
	fr.document = &doc;
	return file_record(cli, &fr, _("The paper is recorded."), FILE_DOCS);
}

int
cmd_file_introducer(struct cli *cli, const struct cli_args *args)
{
	Hoso__FileRecord fr = HOSO__FILE_RECORD__INIT;
	Hoso__Introducer in = HOSO__INTRODUCER__INIT;
	char since[11], date[11];
	const char *member = cli_arg(args, "member"), *org = cli_arg(args,
	    "org");
	int v, rc;

	if ((rc = cli_one_id(args, &fr.person_id)) != 0)
		return rc;
	if ((member == NULL) == (org == NULL))
		return cli_usage_error(args->cmd, _("say who introduces the "
		    "candidate: --member or --org, one of them"));
	if (member != NULL) {
		if ((rc = cli_parse_id(args->cmd, "--member", member, false,
		    &in.member_id)) != 0)
			return rc;
		if (cli_arg(args, "since") == NULL)
			return cli_usage_error(args->cmd, _("--since is "
			    "required with --member: since when the member has "
			    "known the candidate"));
	} else {
		if ((rc = cli_parse_enum(args->cmd, "--org",
		    file_introducer_org_words, org, &v)) != 0)
			return rc;
		in.org = (Hoso__IntroducedBy)v;
	}
	if ((rc = file_date_opt(args, "since", since, &in.since)) != 0 ||
	    (rc = file_date_opt(args, "date", date, &in.date)) != 0)
		return rc;
	fr.item_case = HOSO__FILE_RECORD__ITEM_INTRODUCER;
	fr.introducer = &in;
	return file_record(cli, &fr, _("The introducer is recorded."),
	    FILE_INTRODUCERS);
}

int
cmd_file_mentor(struct cli *cli, const struct cli_args *args)
{
	Hoso__FileRecord fr = HOSO__FILE_RECORD__INIT;
	Hoso__Mentor m = HOSO__MENTOR__INIT;
	char since[11];
	int rc;

	if ((rc = cli_one_id(args, &fr.person_id)) != 0 ||
	    (rc = cli_parse_id(args->cmd, "--member", cli_arg(args, "member"),
	    false, &m.member_id)) != 0 ||
	    (rc = file_date_opt(args, "since", since, &m.since)) != 0)
		return rc;
	fr.item_case = HOSO__FILE_RECORD__ITEM_MENTOR;
	fr.mentor = &m;
	return file_record(cli, &fr, _("The mentor is recorded."),
	    FILE_MENTORS);
}

int
cmd_file_relative(struct cli *cli, const struct cli_args *args)
{
	Hoso__FileRecord fr = HOSO__FILE_RECORD__INIT;
	Hoso__Relative r = HOSO__RELATIVE__INIT;
	char born[11];
	const char *v;
	int rel, rc;

	if ((rc = cli_one_id(args, &fr.person_id)) != 0 ||
	    (rc = cli_parse_enum(args->cmd, "--relation",
	    hoso_relation_words + 1, cli_arg(args, "relation"), &rel)) != 0 ||
	    (rc = file_date_opt(args, "born", born, &r.born)) != 0)
		return rc;
	r.relation = (Hoso__Relation)rel;
	r.name = (char *)cli_arg(args, "name");
	r.party_member = cli_arg(args, "party-member") != NULL;
	if ((v = cli_arg(args, "residence")) != NULL)
		r.residence = (char *)v;
	if ((v = cli_arg(args, "residence-ward")) != NULL &&
	    (rc = cli_parse_id(args->cmd, "--residence-ward", v, false,
	    &r.residence_id)) != 0)
		return rc;
	fr.item_case = HOSO__FILE_RECORD__ITEM_RELATIVE;
	fr.relative = &r;
	return file_record(cli, &fr, _("The relative is recorded."),
	    FILE_RELATIVES);
}

/* The actions of 'hoso person check', and the options each takes. */
static const struct {
	const char *word;
	int action;             /* CheckAction, or 0 for add */
	bool check_id;          /* takes CHECKID */
	const char *opts[4];    /* options allowed */
	const char *required[4];
} file_check_actions[] = {
	{ "propose", HOSO__CHECK_ACTION__CHECK_PROPOSE, false, { NULL },
	    { NULL } },
	{ "add", 0, false, { "relation", "subject", "reason" },
	    { "relation", "subject", "reason" } },
	{ "conclude", HOSO__CHECK_ACTION__CHECK_CONCLUDE, true,
	    { "date", "concern" }, { NULL } },
	{ "resolve", HOSO__CHECK_ACTION__CHECK_RESOLVE, true, { "date" },
	    { NULL } },
	{ "waive", HOSO__CHECK_ACTION__CHECK_WAIVE, true, { "reason" },
	    { "reason" } },
};

int
cmd_file_check(struct cli *cli, const struct cli_args *args)
{
	Hoso__FileRecord fr = HOSO__FILE_RECORD__INIT;
	Hoso__Check add = HOSO__CHECK__INIT;
	Hoso__CheckUpdate up = HOSO__CHECK_UPDATE__INIT;
	char date[11];
	size_t a, n = sizeof file_check_actions / sizeof file_check_actions[0];
	uint64_t check_id = 0;
	int rel, rc;

	if (args->npos < 2)
		return cli_usage_error(args->cmd, args->npos == 0 ?
		    _("say which record: its number (ID) is missing") :
		    _("say what to do: propose, add, conclude, resolve or "
		    "waive"));
	if ((rc = cli_parse_id(args->cmd, _("ID"), args->pos[0], false,
	    &fr.person_id)) != 0)
		return rc;
	for (a = 0; a < n; a++)
		if (strcmp(args->pos[1], file_check_actions[a].word) == 0)
			break;
	if (a == n)
		return cli_usage_error(args->cmd, _("'%s' is not something to "
		    "do with a check; say propose, add, conclude, resolve or "
		    "waive"), args->pos[1]);
	int want = file_check_actions[a].check_id ? 3 : 2;
	if (args->npos < want)
		return cli_usage_error(args->cmd, _("say which check: its "
		    "number (CHECKID, as 'hoso person file' shows) is "
		    "missing"));
	if (args->npos > want)
		return cli_usage_error(args->cmd, _("too many arguments: "
		    "'%s'"), args->pos[want]);
	if (want == 3 && (rc = cli_parse_id(args->cmd, "CHECKID",
	    args->pos[2], false, &check_id)) != 0)
		return rc;
	if (check_id > UINT32_MAX)
		return cli_usage_error(args->cmd, _("there is no check %s"),
		    args->pos[2]);
	for (const struct cli_opt *o = args->cmd->opts; o->name; o++) {
		bool ok = false;
		for (size_t k = 0; k < 4 && file_check_actions[a].opts[k]; k++)
			if (strcmp(file_check_actions[a].opts[k], o->name) == 0)
				ok = true;
		if (cli_arg(args, o->name) != NULL && !ok)
			return cli_usage_error(args->cmd, _("--%s does not go "
			    "with '%s'"), o->name, file_check_actions[a].word);
	}
	for (size_t k = 0; k < 4 && file_check_actions[a].required[k]; k++)
		if (cli_arg(args, file_check_actions[a].required[k]) == NULL)
			return cli_usage_error(args->cmd, _("--%s is required "
			    "with '%s'"), file_check_actions[a].required[k],
			    file_check_actions[a].word);

	const char *said;
	if (file_check_actions[a].action == 0) {
		if ((rc = cli_parse_enum(args->cmd, "--relation",
		    hoso_relation_words, cli_arg(args, "relation"), &rel)) != 0)
			return rc;
		add.relation = (Hoso__Relation)rel;
		add.subject = (char *)cli_arg(args, "subject");
		add.reason = (char *)cli_arg(args, "reason");
		fr.item_case = HOSO__FILE_RECORD__ITEM_CHECK_ADD;
		fr.check_add = &add;
		said = _("The check is added.");
	} else {
		if ((rc = file_date_opt(args, "date", date, &up.date)) != 0)
			return rc;
		up.check_id = (uint32_t)check_id;
		up.action = (Hoso__CheckAction)file_check_actions[a].action;
		if (up.action == HOSO__CHECK_ACTION__CHECK_CONCLUDE &&
		    cli_arg(args, "concern") != NULL)
			up.action = HOSO__CHECK_ACTION__CHECK_CONCLUDE_CONCERN;
		if (cli_arg(args, "reason") != NULL)
			up.reason = (char *)cli_arg(args, "reason");
		fr.item_case = HOSO__FILE_RECORD__ITEM_CHECK_UPDATE;
		fr.check_update = &up;
		switch (up.action) {
		case HOSO__CHECK_ACTION__CHECK_PROPOSE:
			said = _("The checks the relatives call for are "
			    "proposed.");
			break;
		case HOSO__CHECK_ACTION__CHECK_CONCLUDE:
			said = _("The result is recorded: no concern.");
			break;
		case HOSO__CHECK_ACTION__CHECK_CONCLUDE_CONCERN:
			said = _("The result is recorded: it raised a "
			    "concern.");
			break;
		case HOSO__CHECK_ACTION__CHECK_RESOLVE:
			said = _("The concern is recorded as cleared.");
			break;
		default:
			said = _("The check is waived.");
			break;
		}
	}
	return file_record(cli, &fr, said, FILE_CHECKS);
}
