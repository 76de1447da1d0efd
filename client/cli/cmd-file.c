/* cmd-file.c: a candidate's recruitment file (hồ sơ): hoso person file,
 * moves, history and advance.  The commands that record papers,
 * introducers, mentors, relatives and checks are in cmd-record.c. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "file.h"
#include "i18n.h"

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
			char *q = cli_requirement_text(mv->unmet[k]);
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
