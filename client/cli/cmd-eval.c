/* cmd-eval.c: hoso person evaluate and due-evaluations, the cell's monthly
 * evaluation of each candidate it mentors. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"

const struct cli_opt cmd_eval_add_opts[] = {
	{ "month", N_("MONTH"), N_("the month evaluated, YYYY-MM or "
	    "mm/yyyy"), CLI_REQ, "month" },
	{ "rating", N_("RATING"), N_("the cell's rating"), CLI_REQ, "rating",
	    hoso_rating_words },
	{ "comment", N_("TEXT"), N_("what the cell said"), 0, "comment" },
	{ "evaluator", N_("ID"), N_("the member who made the evaluation"), 0,
	    "evaluator_id" },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cli_opt cmd_eval_due_opts[] = {
	{ "cell", N_("ID"), N_("the party cell"), CLI_REQ, "cell_id" },
	{ "as-of", N_("DATE"), N_("count the months ended before this day's "
	    "month (default today)"), 0, "as_of" },
	{ NULL, NULL, NULL, 0, NULL },
};

/* "YYYY-MM" as "mm/yyyy" into buf; anything else as it is. */
static const char *
eval_month(const char *m, char buf[8])
{
	if (m != NULL && strlen(m) == 7 && m[4] == '-') {
		snprintf(buf, 8, "%.2s/%.4s", m + 5, m);
		return buf;
	}
	return m ? m : "";
}

int
cmd_eval_add(struct cli *cli, const struct cli_args *args)
{
	Hoso__EvaluationAdd ea = HOSO__EVALUATION_ADD__INIT;
	Hoso__Evaluation e = HOSO__EVALUATION__INIT;
	char month[8];
	const char *v;
	int rating, rc;

	if ((rc = cli_one_id(args, &e.person_id)) != 0 ||
	    (rc = cli_parse_month(args->cmd, "--month", cli_arg(args, "month"),
	    month)) != 0 ||
	    (rc = cli_parse_enum(args->cmd, "--rating", hoso_rating_words,
	    cli_arg(args, "rating"), &rating)) != 0)
		return rc;
	e.month = month;
	e.rating = (Hoso__Rating)rating;
	if ((v = cli_arg(args, "comment")) != NULL)
		e.comment = (char *)v;
	if ((v = cli_arg(args, "evaluator")) != NULL &&
	    (rc = cli_parse_id(args->cmd, "--evaluator", v, false,
	    &e.evaluator_id)) != 0)
		return rc;
	ea.evaluation = &e;

	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_EVALUATION_ADD;
	req.evaluation_add = &ea;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_EVALUATION);
	if (rc != 0)
		return rc;
	const Hoso__Evaluation *got = resp->evaluation;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_evaluation(&j, got);
		rc = cli_print_json(&j);
	} else {
		struct cli_block b = { 0 };
		char mm[8];
		char *who = cli_person_ref(cli, got->person_id);
		char *by = got->evaluator_id ?
		    cli_person_ref(cli, got->evaluator_id) : NULL;
		printf("%s\n", _("The evaluation is recorded."));
		cli_block_add(&b, _("Candidate"), "%s", who ? who : "");
		cli_block_add(&b, _("Month"), "%s", eval_month(got->month, mm));
		cli_block_add(&b, _("Rating"), "%s",
		    cli_label(hoso_rating_words, got->rating));
		if (got->comment[0] != '\0')
			cli_block_add(&b, _("Comment"), "%s", got->comment);
		if (by != NULL)
			cli_block_add(&b, _("Evaluated by"), "%s", by);
		cli_block_print(&b);
		free(who);
		free(by);
	}
	hoso_response_free(resp);
	return rc;
}

int
cmd_eval_due(struct cli *cli, const struct cli_args *args)
{
	Hoso__EvaluationsDue ed = HOSO__EVALUATIONS_DUE__INIT;
	char as_of[11];
	const char *v;
	int rc;

	if ((rc = cli_no_positional(args)) != 0 ||
	    (rc = cli_parse_id(args->cmd, "--cell", cli_arg(args, "cell"),
	    false, &ed.cell_id)) != 0)
		return rc;
	if ((v = cli_arg(args, "as-of")) != NULL) {
		if ((rc = cli_parse_date(args->cmd, "--as-of", v, as_of)) != 0)
			return rc;
		ed.as_of = as_of;
	}
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	req.body_case = HOSO__REQUEST__BODY_EVALUATIONS_DUE;
	req.evaluations_due = &ed;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_DUE_LIST);
	if (rc != 0)
		return rc;
	const Hoso__DueList *d = resp->due_list;
	if (cli->json) {
		struct json j;
		json_init(&j);
		json_due_list(&j, d);
		rc = cli_print_json(&j);
	} else if (d->n_items == 0) {
		printf("%s\n", _("No evaluation is missing."));
	} else {
		const char *headers[] = { _("ID"), _("Name"),
		    _("Months without an evaluation") };
		struct cli_table t;
		cli_table_init(&t, 3, headers);
		for (size_t i = 0; i < d->n_items; i++) {
			const Hoso__DueEvaluation *e = d->items[i];
			char *months = NULL;
			size_t len = 0;
			FILE *mem = open_memstream(&months, &len);
			for (size_t k = 0; mem != NULL && k < e->n_months; k++) {
				char mm[8];
				fprintf(mem, "%s%s", k ? ", " : "",
				    eval_month(e->months[k], mm));
			}
			if (mem != NULL)
				fclose(mem);
			cli_table_add(&t, "%llu", (unsigned long long)e->person_id);
			cli_table_add(&t, "%s", e->name);
			cli_table_add(&t, "%s", months ? months : "");
			free(months);
		}
		cli_table_print(&t);
	}
	hoso_response_free(resp);
	return rc;
}
