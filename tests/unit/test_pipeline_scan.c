/* test_pipeline_scan.c: what the pipeline board stands on, on a fresh
 * temporary store: person_peek (a stored person's stage, cell and
 * residence read without unpacking) agrees with protobuf-c on every record
 * shape and refuses broken ones; PersonList's stage and unit filters stop
 * after PPAGE_SCAN_MAX index entries with a cursor to go on, and following
 * the cursors finds everyone exactly once; PipelineCount counts ten
 * thousand people in one pass.  The people are written straight into the
 * tables (id2person, cell2person), as many as the bound needs.  Invented
 * people only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_fixture.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Units, by id (created in this order). */
enum { U_TOP = 1, U_WARD, U_CELL_A, U_CELL_B, U_WARD2, U_CELL_C };

/* Cell A: MANY people identified, then FEW in the dossier stage, so the
 * dossier ones lie past the bound of one request. */
#define MANY 10050
#define FEW 3

/* ---- person_peek ------------------------------------------------------- */

/* Pack p, peek at it and compare with what protobuf-c unpacks. */
static bool
peek_agrees(const Hoso__Person *p)
{
	size_t n = hoso__person__get_packed_size(p);
	uint8_t *buf = malloc(n ? n : 1);
	hoso__person__pack(p, buf);
	MDB_val v = { n, buf };
	struct person_peek pk;
	int rc = person_peek(&v, &pk);
	Hoso__Person *u = hoso__person__unpack(NULL, n, buf);
	bool ok = rc == 0 && u != NULL && pk.stage == u->stage &&
	    pk.cell_id == u->cell_id && pk.residence_id == u->residence_id;
	if (u != NULL)
		hoso__person__free_unpacked(u, NULL);
	free(buf);
	return ok;
}

static void
test_peek(void)
{
	Hoso__Person p = HOSO__PERSON__INIT;
	CHECK(peek_agrees(&p), "peek: an empty record is STAGE_NONE, no cell");
	p.id = 7;
	p.name = (char *)"Nguyễn Văn An";
	p.born = (char *)"1990-04-12";
	p.gender = HOSO__GENDER__MALE;
	p.residence_id = 2;
	p.cell_id = 0x0123456789abcdefull;
	p.created_at = -5;                  /* a ten-byte varint */
	p.notes = (char *)"Dòng một\nDòng hai";
	p.stage = HOSO__STAGE__STAGE_VERIFYING;
	p.stage_since = (char *)"2026-11-20";
	CHECK(peek_agrees(&p), "peek: a full record, a 64-bit cell id, a "
	    "negative time");
	p.stage = HOSO__STAGE__STAGE_NOT_RECOGNISED;
	p.cell_id = 300;
	CHECK(peek_agrees(&p), "peek: the last stage, a two-byte cell id");
	p.stage = (Hoso__Stage)-3;
	CHECK(peek_agrees(&p), "peek: a negative enum value reads as protobuf-c "
	    "reads it");

	/* Field 20 twice: the last one wins, as protobuf-c has it. */
	uint8_t twice[] = { 0xa0, 0x01, 0x05, 0x58, 0x09, 0xa0, 0x01, 0x06 };
	MDB_val v = { sizeof twice, twice };
	struct person_peek pk;
	CHECK(person_peek(&v, &pk) == 0 && pk.stage == 6 && pk.cell_id == 9,
	    "peek: a repeated field: the last occurrence wins");
	/* Unknown fields of every wire type are skipped. */
	uint8_t unknown[] = { 0xf8, 0x07, 0x01,             /* 127: varint */
	    0xf9, 0x07, 1, 2, 3, 4, 5, 6, 7, 8,              /* 127: 64-bit */
	    0xfa, 0x07, 0x02, 'x', 'y',                      /* 127: bytes */
	    0xfd, 0x07, 1, 2, 3, 4,                          /* 127: 32-bit */
	    0xa0, 0x01, 0x0b };
	v.mv_size = sizeof unknown;
	v.mv_data = unknown;
	CHECK(person_peek(&v, &pk) == 0 && pk.stage == 11,
	    "peek: unknown fields of each wire type are skipped");

	static const struct {
		const char *what;
		uint8_t b[12];
		size_t n;
	} bad[] = {
		{ "a tag cut short", { 0xa0 }, 1 },
		{ "a varint cut short", { 0xa0, 0x01, 0x85 }, 3 },
		{ "a string longer than the record", { 0x1a, 0x05, 'a' }, 3 },
		{ "a 64-bit value cut short", { 0x09, 1, 2, 3 }, 4 },
		{ "a 32-bit value cut short", { 0x0d, 1, 2 }, 3 },
		{ "field number 0", { 0x00, 0x01 }, 2 },
		{ "a group", { 0x0b, 0x0c }, 2 },
		{ "a varint of eleven bytes", { 0x08, 0xff, 0xff, 0xff, 0xff,
		    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 }, 12 },
	};
	for (size_t i = 0; i < NELEM(bad); i++) {
		uint8_t *copy = malloc(bad[i].n);   /* exact size for ASan */
		memcpy(copy, bad[i].b, bad[i].n);
		v.mv_size = bad[i].n;
		v.mv_data = copy;
		CHECK(person_peek(&v, &pk) == MDB_CORRUPTED,
		    "peek: %s -> MDB_CORRUPTED", bad[i].what);
		free(copy);
	}
}

/* ---- the store ------------------------------------------------------------ */

/* The units, through the real handler. */
static void
seed_units(struct store *st)
{
	struct fx_batch b;
	int bad = 0;
	fx_batch_init(&b);
	fx_org_create(&b, HOSO__ORG_KIND__ORG_DISTRICT, "QHA", "Quận ủy Hòa An", 0);
	fx_org_create(&b, HOSO__ORG_KIND__ORG_WARD, "P01", "Đảng ủy Phường 1",
	    U_TOP);
	fx_org_create(&b, HOSO__ORG_KIND__ORG_CELL, "P01-KP1", "Chi bộ Khu phố 1",
	    U_WARD);
	fx_org_create(&b, HOSO__ORG_KIND__ORG_CELL, "P01-KP2", "Chi bộ Khu phố 2",
	    U_WARD);
	fx_org_create(&b, HOSO__ORG_KIND__ORG_WARD, "P02", "Đảng ủy Phường 2",
	    U_TOP);
	fx_org_create(&b, HOSO__ORG_KIND__ORG_CELL, "P02-KP3", "Chi bộ Khu phố 3",
	    U_WARD2);
	fx_run(st, &b);
	for (struct job *j = b.head; j != NULL; j = j->next)
		bad += j->resp.status != 0;
	fx_batch_free(&b);
	if (bad != 0) {
		printf("Bail out! seeding the units failed\n");
		exit(2);
	}
}

/* Put person id in cell at stage straight into the tables. */
static int
put_person(struct txn *t, uint64_t id, uint64_t cell, Hoso__Stage stage)
{
	static const char *fam[] = { "Nguyễn", "Trần", "Lê", "Phạm", "Võ" };
	static const char *giv[] = { "An", "Bình", "Hà", "Lan", "Sơn", "Yến" };
	char name[64];
	Hoso__Person p = HOSO__PERSON__INIT;
	snprintf(name, sizeof name, "%s Văn %s", fam[id % 5], giv[id % 6]);
	p.id = id;
	p.version = 1;
	p.name = name;
	p.born = (char *)"1995-05-05";
	p.gender = HOSO__GENDER__MALE;
	p.residence_id = cell == U_CELL_C ? U_WARD2 : U_WARD;
	p.cell_id = cell;
	p.stage = stage;
	p.stage_since = (char *)"2026-01-10";
	person_put(t, &p);
	return org2person_add(t, DB_CELL2PERSON, cell, id);
}

/* Cell A: MANY identified then FEW in the dossier stage; cell B: one on
 * probation, one member (STAGE_NONE); cell C (the other ward): two
 * verifying.  Returns the next free id. */
static uint64_t
seed_people(struct store *st)
{
	struct txn t;
	uint64_t id = 1;
	int rc = store_write_begin(st, NULL, &t);
	for (int i = 0; rc == 0 && i < MANY; i++)
		rc = put_person(&t, id++, U_CELL_A, HOSO__STAGE__STAGE_IDENTIFIED);
	for (int i = 0; rc == 0 && i < FEW; i++)
		rc = put_person(&t, id++, U_CELL_A, HOSO__STAGE__STAGE_DOSSIER);
	if (rc == 0)
		rc = put_person(&t, id++, U_CELL_B, HOSO__STAGE__STAGE_PROBATION);
	if (rc == 0)
		rc = put_person(&t, id++, U_CELL_B, HOSO__STAGE__STAGE_NONE);
	for (int i = 0; rc == 0 && i < 2; i++)
		rc = put_person(&t, id++, U_CELL_C, HOSO__STAGE__STAGE_VERIFYING);
	if (rc == 0)
		rc = txn_commit(&t);
	else
		txn_abort(&t);
	if (rc != 0) {
		printf("Bail out! writing the people failed: %s\n",
		    store_strerror(rc));
		exit(2);
	}
	return id;
}

/* ---- PersonList with filters ------------------------------------------- */

/* A person-list job for one page with the 1.6 filters. */
static struct job *
list_job(uint64_t org, Hoso__Stage stage, uint64_t cell, uint32_t limit,
    const char *cursor)
{
	struct job *j = fx_person_list(cell, 0, limit, cursor);
	j->req->person_list->org_id = org;
	j->req->person_list->stage = stage;
	return j;
}

/* Follow the cursors of a filtered list to its end: the ids found (at
 * most max), the pages asked for, the empty pages that had a cursor. */
struct walk {
	uint64_t ids[64];
	size_t n;
	int pages, empty_with_cursor, failed;
};

static void
walk_list(struct store *st, uint64_t org, Hoso__Stage stage, uint64_t cell,
    uint32_t limit, struct walk *w)
{
	char *cursor = strdup("");
	memset(w, 0, sizeof *w);
	while (w->pages < 100) {
		struct job *j = list_job(org, stage, cell, limit, cursor);
		w->pages++;
		if (fx_read(st, j) != HOSO__STATUS__OK) {
			w->failed++;
			job_free(j);
			break;
		}
		const Hoso__PersonPage *pg = j->resp.person_page;
		for (size_t i = 0; i < pg->n_items && w->n < NELEM(w->ids); i++)
			w->ids[w->n++] = pg->items[i]->id;
		if (pg->n_items == 0 && pg->next_cursor[0] != '\0')
			w->empty_with_cursor++;
		free(cursor);
		cursor = strdup(pg->next_cursor);
		job_free(j);
		if (*cursor == '\0')
			break;
	}
	free(cursor);
}

/* Are w's ids first, first+1, ... first+n-1, each once? */
static bool
walk_is(const struct walk *w, uint64_t first, size_t n)
{
	if (w->failed || w->n != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (w->ids[i] != first + i)
			return false;
	return true;
}

static void
test_bound(struct store *st)
{
	struct walk w;
	uint64_t dossier = MANY + 1;
	walk_list(st, 0, HOSO__STAGE__STAGE_DOSSIER, U_CELL_A, 50, &w);
	CHECK(walk_is(&w, dossier, FEW) && w.pages == 2 &&
	    w.empty_with_cursor == 1, "cell A, stage dossier: the first request "
	    "stops after %d entries with an empty page and a cursor, the "
	    "second finds the %d (%zu found, %d pages)", 10000, FEW, w.n,
	    w.pages);
	walk_list(st, U_WARD, HOSO__STAGE__STAGE_DOSSIER, 0, 50, &w);
	CHECK(walk_is(&w, dossier, FEW) && w.pages == 2,
	    "ward P01 (cells A and B), stage dossier: the same over the "
	    "ward's cells (%zu found, %d pages)", w.n, w.pages);
	walk_list(st, U_TOP, HOSO__STAGE__STAGE_DOSSIER, 0, 2, &w);
	CHECK(walk_is(&w, dossier, FEW) && w.pages == 3,
	    "the top unit, stage dossier, by 2: everyone's table, bounded too "
	    "(%zu found, %d pages)", w.n, w.pages);
	walk_list(st, U_WARD, HOSO__STAGE__STAGE_PROBATION, 0, 1, &w);
	CHECK(walk_is(&w, MANY + FEW + 1, 1) && w.pages == 2,
	    "ward P01, stage probation, by 1: a bounded request in cell A, then "
	    "the rest of A and cell B's one (%zu found, %d pages)", w.n,
	    w.pages);
	walk_list(st, U_WARD2, HOSO__STAGE__STAGE_VERIFYING, 0, 1, &w);
	CHECK(walk_is(&w, MANY + FEW + 3, 2) && w.pages == 2,
	    "ward P02, stage verifying, by 1: two pages, no empty third "
	    "(%d pages)", w.pages);
	walk_list(st, U_WARD, HOSO__STAGE__STAGE_VERIFYING, 0, 10, &w);
	CHECK(w.n == 0 && !w.failed, "ward P01 has nobody verifying (cell C "
	    "is the other ward's)");
	walk_list(st, U_CELL_B, 0, 0, 10, &w);
	CHECK(walk_is(&w, MANY + FEW + 1, 2) && w.pages == 1,
	    "cell B, any stage: the candidate and the member, one page");
	walk_list(st, U_WARD2, 0, U_CELL_A, 10, &w);
	CHECK(w.n == 0 && !w.failed && w.pages == 1,
	    "cell A asked for under ward P02: nobody");

	/* A unit's list takes a person id as its cursor, nothing else. */
	struct job *j = list_job(U_WARD, 0, 0, 10, "0001");
	int s = fx_read(st, j);
	CHECK(s == HOSO__STATUS__INVALID_ARGUMENT && j->resp.field != NULL &&
	    strcmp(j->resp.field, "cursor") == 0, "ward P01 with a 2-byte "
	    "cursor -> INVALID_ARGUMENT on cursor");
	job_free(j);
	j = list_job(U_WARD, 0, 0, 10, "ffffffffffffffff");
	s = fx_read(st, j);
	CHECK(s == 0 && j->resp.person_page->n_items == 0 &&
	    j->resp.person_page->next_cursor[0] == '\0', "ward P01 after the "
	    "largest id: an empty last page");
	job_free(j);
	j = list_job(U_WARD, 0, 0, 2, "0000000000002749");   /* after 10057 */
	s = fx_read(st, j);
	CHECK(s == 0 && j->resp.person_page->n_items == 0 &&
	    j->resp.person_page->next_cursor[0] == '\0', "ward P01 after "
	    "everyone's id: nobody left");
	job_free(j);
	j = list_job(U_WARD, 0, 0, 2, "0000000000002747");   /* after 10055 */
	s = fx_read(st, j);
	CHECK(s == 0 && j->resp.person_page->n_items == 0,
	    "ward P01 after id 10055: ward P02's people are not its own");
	job_free(j);
	j = list_job(U_WARD, 0, 0, 2, "0000000000002745");   /* after 10053 */
	s = fx_read(st, j);
	CHECK(s == 0 && j->resp.person_page->n_items == 2 &&
	    j->resp.person_page->items[0]->id == MANY + FEW + 1 &&
	    j->resp.person_page->next_cursor[0] == '\0', "ward P01 after id "
	    "%d: cell B's two, from a cursor that no page gave", MANY + FEW);
	job_free(j);
}

/* ---- PipelineCount -------------------------------------------------------- */

/* The count of stage in a reply, 0 if it is not listed. */
static uint32_t
count_of(const Hoso__Pipeline *pl, Hoso__Stage s)
{
	for (size_t i = 0; i < pl->n_counts; i++)
		if (pl->counts[i]->stage == s)
			return pl->counts[i]->count;
	return 0;
}

/* Run PipelineCount for org as who (role, unit); the status. */
static int
pipeline(struct store *st, uint64_t org, int role, uint64_t unit,
    struct job **out)
{
	struct job *j = fx_job(NULL, HOSO__REQUEST__BODY_PIPELINE_COUNT);
	Hoso__PipelineCount *pc = arena_alloc(&j->req_arena, sizeof *pc);
	hoso__pipeline_count__init(pc);
	pc->org_id = org;
	j->req->pipeline_count = pc;
	j->who.role = role;
	j->who.org_id = unit;
	j->who.user_id = 1;
	int s = fx_read(st, j);
	*out = j;
	return s;
}

static void
test_count(struct store *st)
{
	struct job *j;
	const Hoso__Pipeline *pl;
	int s = pipeline(st, U_WARD, ROLE_SYSTEM, 0, &j);
	pl = j->resp.pipeline;
	CHECK(s == 0 && pl != NULL && pl->org_id == U_WARD &&
	    pl->n_counts == 3 && count_of(pl, HOSO__STAGE__STAGE_IDENTIFIED) ==
	    MANY && count_of(pl, HOSO__STAGE__STAGE_DOSSIER) == FEW &&
	    count_of(pl, HOSO__STAGE__STAGE_PROBATION) == 1 &&
	    pl->total == MANY + FEW + 1, "ward P01: %d identified, %d dossier, "
	    "1 on probation, the member not counted", MANY, FEW);
	bool ordered = pl != NULL;
	for (size_t i = 1; ordered && i < pl->n_counts; i++)
		ordered = pl->counts[i]->stage > pl->counts[i - 1]->stage;
	CHECK(ordered, "ward P01: the stages come in Stage order");
	job_free(j);

	s = pipeline(st, 0, HOSO__ROLE__ROLE_ADMIN, 0, &j);
	pl = j->resp.pipeline;
	CHECK(s == 0 && pl->org_id == 0 && pl->n_counts == 4 &&
	    pl->total == MANY + FEW + 3, "an admin asking for 0: everyone "
	    "(%u)", s == 0 ? pl->total : 0);
	job_free(j);

	s = pipeline(st, 0, HOSO__ROLE__ROLE_WARD_OFFICER, U_WARD2, &j);
	pl = j->resp.pipeline;
	CHECK(s == 0 && pl->org_id == U_WARD2 && pl->n_counts == 1 &&
	    count_of(pl, HOSO__STAGE__STAGE_VERIFYING) == 2 && pl->total == 2,
	    "ward officer of P02 asking for 0: its ward's 2 verifying");
	job_free(j);

	s = pipeline(st, U_CELL_A, HOSO__ROLE__ROLE_WARD_OFFICER, U_WARD2, &j);
	CHECK(s == HOSO__STATUS__PERMISSION_DENIED, "ward officer of P02 asking "
	    "for cell A of P01 -> PERMISSION_DENIED (%d)", s);
	job_free(j);

	s = pipeline(st, U_CELL_B, HOSO__ROLE__ROLE_CELL_SECRETARY, U_CELL_A, &j);
	CHECK(s == HOSO__STATUS__PERMISSION_DENIED, "secretary of cell A asking "
	    "for cell B -> PERMISSION_DENIED (%d)", s);
	job_free(j);

	s = pipeline(st, 999, HOSO__ROLE__ROLE_INSPECTOR, 0, &j);
	CHECK(s == HOSO__STATUS__NOT_FOUND && j->resp.field != NULL &&
	    strcmp(j->resp.field, "org_id") == 0, "an inspector asking for unit "
	    "999 -> NOT_FOUND on org_id");
	job_free(j);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);   /* keep the output of a crash */
	log_set_level(LOG_WARN);
	test_peek();
	char *dir = fx_tmpdir();
	struct store st;
	fx_open(&st, dir, 64u << 20);
	seed_units(&st);
	seed_people(&st);
	test_bound(&st);
	test_count(&st);
	store_close(&st);
	fx_rmdir(dir);
	return t_done();
}
