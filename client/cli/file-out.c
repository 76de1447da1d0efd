/* file-out.c: printing a candidate's recruitment file for the file
 * commands, and the option helpers they share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "file.h"
#include "i18n.h"

/* ---- printing --------------------------------------------------------- */

/* "label (word)", or the word alone when there is no label. */
void
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

bool
file_set(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* A section title. */
void
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
		/* a reason the server wrote is a msgid; a clerk's comes back as is */
		cli_table_add(&t, "%s", c->reason[0] ? _(c->reason) : "");
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
void
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
int
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

/* A date option into buf and *field, if given. */
int
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
int
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
