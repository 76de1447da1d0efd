/* demo.c: invented demo data, written through the real handlers and the
 * writer's batch path, so it obeys every rule real data does.  All people
 * and the district are made up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "demo.h"
#include "dispatch.h"
#include "job.h"
#include "log.h"
#include "writer.h"

struct demo_org {
	Hoso__OrgKind kind;
	const char *code, *name;
	int parent;                 /* index into the table + 1, or 0 */
};

/* Ids follow table order because the store is empty when we seed. */
static const struct demo_org demo_orgs[] = {
	{ HOSO__ORG_KIND__ORG_DISTRICT, "QHA", "Quận ủy Hòa An", 0 },
	{ HOSO__ORG_KIND__ORG_WARD, "P01", "Đảng ủy Phường 1", 1 },
	{ HOSO__ORG_KIND__ORG_WARD, "P02", "Đảng ủy Phường 2", 1 },
	{ HOSO__ORG_KIND__ORG_WARD, "P03", "Đảng ủy Phường Tân Lập", 1 },
	{ HOSO__ORG_KIND__ORG_CELL, "P01-KP1", "Chi bộ Khu phố 1", 2 },
	{ HOSO__ORG_KIND__ORG_CELL, "P01-KP2", "Chi bộ Khu phố 2", 2 },
	{ HOSO__ORG_KIND__ORG_CELL, "P02-KP3", "Chi bộ Khu phố 3", 3 },
	{ HOSO__ORG_KIND__ORG_CELL, "P02-THCS", "Chi bộ Trường THCS Lê Lợi", 3 },
	{ HOSO__ORG_KIND__ORG_CELL, "P03-KP5", "Chi bộ Khu phố 5", 4 },
	{ HOSO__ORG_KIND__ORG_CELL, "P03-CTY", "Chi bộ Công ty CP Cơ khí Tân Lập", 4 },
	{ HOSO__ORG_KIND__ORG_POLICE, "CA-P01", "Công an Phường 1", 2 },
	{ HOSO__ORG_KIND__ORG_POLICE, "CA-P02", "Công an Phường 2", 3 },
	{ HOSO__ORG_KIND__ORG_POLICE, "CA-P03", "Công an Phường Tân Lập", 4 },
};
#define DEMO_NORGS (sizeof demo_orgs / sizeof demo_orgs[0])
#define DEMO_FIRST_CELL 5
#define DEMO_NCELLS 6

static const char *family[] = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng",
    "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô" };
static const char *middle_m[] = { "Văn", "Minh", "Hoàng", "Quốc", "Đức" };
static const char *middle_f[] = { "Thị", "Ngọc", "Thu", "Bích", "Thanh" };
static const char *given_m[] = { "An", "Bảo", "Cường", "Dũng", "Hải",
    "Khánh", "Long", "Phúc", "Quân", "Tùng" };
static const char *given_f[] = { "Anh", "Hà", "Hường", "Lan", "Linh",
    "Mai", "Ngọc", "Phương", "Thảo", "Yến" };
static const Hoso__IntroducedBy demo_intro[] = {
    HOSO__INTRODUCED_BY__YOUTH_UNION, HOSO__INTRODUCED_BY__TRADE_UNION,
    HOSO__INTRODUCED_BY__WOMENS_UNION, HOSO__INTRODUCED_BY__CELL };
static const Hoso__Education demo_edu[] = { HOSO__EDUCATION__UNIVERSITY,
    HOSO__EDUCATION__UPPER_SECONDARY, HOSO__EDUCATION__COLLEGE,
    HOSO__EDUCATION__MASTER, HOSO__EDUCATION__VOCATIONAL };
#define DEMO_NPEOPLE 30
#define N(a) (sizeof a / sizeof a[0])

/* A job holding one request whose body the caller fills in. */
struct job *
demo_job(Hoso__Request__BodyCase body, const struct rules *rules,
    struct job **tail)
{
	struct job *j = job_new();
	if (j == NULL)
		return NULL;
	j->req = arena_alloc(&j->req_arena, sizeof *j->req);
	hoso__request__init(j->req);
	j->req->body_case = body;
	j->cmd = cmd_lookup(body);
	j->rules = *rules;
	j->now = (int64_t)time(NULL);
	j->who.role = ROLE_SYSTEM;
	*tail = j;
	return j;
}

/* Run a batch in one commit; fail if any request was refused. */
int
demo_commit(struct store *st, struct job *batch, char **cause)
{
	uint64_t grows = 0;
	int rc = 0;
	writer_run_batch(st, batch, NULL, 0, &grows);
	while (batch != NULL) {
		struct job *next = batch->next;
		if (batch->resp.status != HOSO__STATUS__OK && rc == 0) {
			rc = -1;
			if (asprintf(cause, "demo data refused: %s",
			    batch->resp.message) < 0)
				*cause = NULL;
		}
		job_free(batch);
		batch = next;
	}
	return rc;
}

/* The units, in one commit. */
static int
demo_units(struct store *st, const struct rules *rules, char **cause)
{
	struct job *batch = NULL, **tail = &batch;
	for (size_t i = 0; i < DEMO_NORGS; i++) {
		struct job *j = demo_job(HOSO__REQUEST__BODY_ORG_CREATE, rules, tail);
		if (j == NULL)
			break;
		tail = &j->next;
		Hoso__OrgCreate *oc = arena_alloc(&j->req_arena, sizeof *oc);
		hoso__org_create__init(oc);
		oc->kind = demo_orgs[i].kind;
		oc->code = (char *)demo_orgs[i].code;
		oc->name = (char *)demo_orgs[i].name;
		oc->parent_id = (uint64_t)demo_orgs[i].parent;
		j->req->org_create = oc;
	}
	return demo_commit(st, batch, cause);
}

/* The candidates, in one commit: names, birth dates and CCCDs are made
 * up from small tables so they are plausible and consistent. */
static int
demo_people(struct store *st, const struct rules *rules, char **cause)
{
	struct job *batch = NULL, **tail = &batch;
	for (unsigned i = 0; i < DEMO_NPEOPLE; i++) {
		struct job *j = demo_job(HOSO__REQUEST__BODY_PERSON_CREATE, rules,
		    tail);
		if (j == NULL)
			break;
		tail = &j->next;
		struct arena *a = &j->req_arena;
		bool female = i % 3 == 1;
		int year = 1978 + (int)(i * 7 % 27), month = 1 + (int)(i * 5 % 12),
		    day = 1 + (int)(i * 11 % 28);
		Hoso__Person *p = arena_alloc(a, sizeof *p);
		hoso__person__init(p);
		p->name = arena_printf(a, "%s %s %s", family[i % N(family)],
		    female ? middle_f[i % N(middle_f)] : middle_m[i % N(middle_m)],
		    female ? given_f[(i * 3) % N(given_f)] :
		    given_m[(i * 3) % N(given_m)]);
		p->born = arena_printf(a, "%04d-%02d-%02d", year, month, day);
		p->gender = female ? HOSO__GENDER__FEMALE : HOSO__GENDER__MALE;
		p->ethnicity = (char *)(i % 9 == 4 ? "Hoa" : "Kinh");
		p->religion = (char *)(i % 7 == 3 ? "Công giáo" : "Không");
		p->education = demo_edu[i % N(demo_edu)];
		p->id_number = arena_printf(a, "079%d%02d%06u",
		    (year >= 2000 ? 2 : 0) + (female ? 1 : 0), year % 100,
		    100000 + i * 7919);
		p->cell_id = DEMO_FIRST_CELL + i % DEMO_NCELLS;
		p->residence_id = 2 + (p->cell_id - DEMO_FIRST_CELL) / 2;
		p->introduced_by = demo_intro[i % N(demo_intro)];
		p->phone = arena_printf(a, "09%08u", 12345678 + i * 104729);
		p->workplace = (char *)(i % 2 ? "Công ty TNHH Thương mại Hòa An" :
		    "Trường THCS Lê Lợi");
		p->stage_since = arena_alloc(a, 11);
		date_format_iso(date_today_vn() - 60, p->stage_since);
		Hoso__PersonCreate *pc = arena_alloc(a, sizeof *pc);
		hoso__person_create__init(pc);
		pc->person = p;
		j->req->person_create = pc;
	}
	return demo_commit(st, batch, cause);
}

/* Two official members per cell: the cells' rolls, mentors, introducers. */
static int
demo_members(struct store *st, const struct rules *rules, char **cause)
{
	static const char *names[] = { "Phan Văn Mười", "Lý Thị Hoa",
	    "Đinh Công Sơn", "Tạ Thị Hằng", "Mai Xuân Trường", "Châu Thị Nga",
	    "Lương Văn Thắng", "Kiều Thị Oanh", "Quách Minh Đạt",
	    "Tôn Nữ Diệu Hiền", "La Văn Tấn", "Khổng Thị Xuân" };
	struct job *batch = NULL, **tail = &batch;
	for (unsigned i = 0; i < N(names); i++) {
		struct job *j = demo_job(HOSO__REQUEST__BODY_PERSON_CREATE, rules,
		    tail);
		if (j == NULL)
			break;
		tail = &j->next;
		struct arena *a = &j->req_arena;
		bool female = i % 2 == 1;
		int year = 1960 + (int)(i * 3 % 25);
		Hoso__Person *p = arena_alloc(a, sizeof *p);
		hoso__person__init(p);
		p->name = (char *)names[i];
		p->born = arena_printf(a, "%04d-%02d-%02d", year, 1 + i % 12,
		    1 + i % 27);
		p->gender = female ? HOSO__GENDER__FEMALE : HOSO__GENDER__MALE;
		p->id_number = arena_printf(a, "079%d%02d%06u", female ? 1 : 0,
		    year % 100, 500000 + i * 4241);
		p->cell_id = DEMO_FIRST_CELL + i / 2;
		p->residence_id = 2 + i / 4;
		p->education = HOSO__EDUCATION__UNIVERSITY;
		p->membership = HOSO__MEMBERSHIP__MEMBER_OFFICIAL;
		p->member_since = arena_printf(a, "%04d-05-19", 2000 + (int)i);
		Hoso__PersonCreate *pc = arena_alloc(a, sizeof *pc);
		hoso__person_create__init(pc);
		pc->person = p;
		j->req->person_create = pc;
	}
	return demo_commit(st, batch, cause);
}

/* Move some candidates along, with effective dates before today, so every
 * early stage has someone in it. */
static int
demo_progress(struct store *st, const struct rules *rules, char **cause)
{
	struct job *batch = NULL, **tail = &batch;
	int32_t today = date_today_vn();
	for (unsigned i = 0; i < DEMO_NPEOPLE; i++) {
		static const Hoso__Stage path[] = { HOSO__STAGE__STAGE_IN_COURSE,
		    HOSO__STAGE__STAGE_COURSE_PASSED, HOSO__STAGE__STAGE_MENTORED,
		    HOSO__STAGE__STAGE_DOSSIER };
		unsigned steps = i % 5;     /* 0..4 steps along the path */
		for (unsigned s = 0; s < steps; s++) {
			struct job *j = demo_job(HOSO__REQUEST__BODY_FILE_ADVANCE,
			    rules, tail);
			if (j == NULL)
				break;
			tail = &j->next;
			struct arena *a = &j->req_arena;
			Hoso__FileAdvance *fa = arena_alloc(a, sizeof *fa);
			hoso__file_advance__init(fa);
			fa->person_id = i + 1;
			fa->to = path[s];
			fa->at = arena_alloc(a, 11);
			date_format_iso(today - 40 + (int32_t)s * 7, fa->at);
			if (path[s] == HOSO__STAGE__STAGE_COURSE_PASSED)
				fa->cert_number = arena_printf(a, "%u/GCN-QU", 100 + i);
			if (path[s] == HOSO__STAGE__STAGE_MENTORED) {
				fa->mentor_ids = arena_alloc(a, sizeof(uint64_t));
				fa->mentor_ids[0] = DEMO_NPEOPLE + 1 +
				    2 * ((i % DEMO_NCELLS));
				fa->n_mentor_ids = 1;
			}
			j->req->file_advance = fa;
		}
	}
	return demo_commit(st, batch, cause);
}

int
demo_seed(struct store *st, const struct rules *rules, char **cause)
{
	struct txn t;
	if (store_read_begin(st, &t) != 0) {
		*cause = strdup("cannot read the store");
		return -1;
	}
	uint64_t last = txn_last_id(&t, DB_ID2ORG);
	store_read_end(&t);
	if (last != 0) {
		char *path = demo_accounts_path(st->dir);
		log_info("demo: the store already has data; nothing seeded");
		if (path != NULL && access(path, R_OK) == 0)
			log_info("demo: the demo accounts are in %s", path);
		free(path);
		return 0;
	}
	if (demo_units(st, rules, cause) < 0 || demo_people(st, rules, cause) < 0 ||
	    demo_members(st, rules, cause) < 0 ||
	    demo_progress(st, rules, cause) < 0 ||
	    demo_checks(st, rules, cause) < 0 ||
	    demo_users(st, rules, cause) < 0)
		return -1;
	log_info("demo: seeded %zu units, %d candidates and 12 members "
	    "(invented)", DEMO_NORGS, DEMO_NPEOPLE);
	return 0;
}
