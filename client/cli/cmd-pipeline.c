/* cmd-pipeline.c: hoso file pipeline, the pipeline board: how many
 * candidates stand at each stage in the cells under a unit. */
#include <stdlib.h>

#include "cli.h"
#include "i18n.h"

const struct cli_opt cmd_file_pipeline_opts[] = {
	{ "unit", N_("CODE"), N_("the unit: a cell, a ward or the top unit, "
	    "by its code or number (default: your own unit; everyone for the "
	    "district's roles)"), 0, "org_id" },
	{ NULL, NULL, NULL, 0, NULL },
};

/* {"org_id","counts":[{"stage","count"}],"total"}: stages as words. */
static int
pipeline_json(const Hoso__Pipeline *pl)
{
	struct json j;
	json_init(&j);
	json_begin_object(&j);
	json_key(&j, "org_id");
	json_id_or_null(&j, pl->org_id);
	json_key(&j, "counts");
	json_begin_array(&j);
	for (size_t i = 0; i < pl->n_counts; i++) {
		const char *w = hoso_enum_word(hoso_stage_words,
		    pl->counts[i]->stage);
		json_begin_object(&j);
		json_key(&j, "stage");
		json_string(&j, w);
		json_key(&j, "count");
		json_uint(&j, pl->counts[i]->count);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "total");
	json_uint(&j, pl->total);
	json_end_object(&j);
	return cli_print_json(&j);
}

/* The unit, then one line per stage with its count, then the total. */
static void
pipeline_print(struct cli *cli, const Hoso__Pipeline *pl)
{
	struct cli_block b = { 0 };
	char *unit = pl->org_id ? cli_org_ref(cli, pl->org_id) : NULL;
	cli_block_add(&b, _("Unit"), "%s", unit ? unit : _("every unit"));
	free(unit);
	cli_block_print(&b);
	putchar('\n');
	if (pl->n_counts == 0) {
		printf("%s\n", _("No candidates."));
		return;
	}
	const char *headers[] = { _("Stage"), _("Candidates") };
	struct cli_table t;
	cli_table_init(&t, 2, headers);
	for (size_t i = 0; i < pl->n_counts; i++) {
		cli_table_add(&t, "%s", cli_label(hoso_stage_words,
		    pl->counts[i]->stage));
		cli_table_add(&t, "%u", (unsigned)pl->counts[i]->count);
	}
	cli_table_add(&t, "%s", _("Total"));
	cli_table_add(&t, "%u", (unsigned)pl->total);
	cli_table_print(&t);
}

int
cmd_file_pipeline(struct cli *cli, const struct cli_args *args)
{
	Hoso__PipelineCount pc = HOSO__PIPELINE_COUNT__INIT;
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Response *resp;
	const char *v;
	int rc;

	if ((rc = cli_no_positional(args)) != 0)
		return rc;
	if ((v = cli_arg(args, "unit")) != NULL &&
	    (rc = cli_parse_unit(cli, args->cmd, "--unit", v,
	    &pc.org_id)) != 0)
		return rc;
	req.body_case = HOSO__REQUEST__BODY_PIPELINE_COUNT;
	req.pipeline_count = &pc;
	rc = cli_call(cli, &req, &resp, HOSO__RESPONSE__BODY_PIPELINE);
	if (rc != 0)
		return rc;
	if (cli->json)
		rc = pipeline_json(resp->pipeline);
	else
		pipeline_print(cli, resp->pipeline);
	hoso_response_free(resp);
	return rc;
}
