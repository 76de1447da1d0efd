/* seed.c: a reproducible benchmark data set, written straight into a data
 * directory through the daemon's own request handlers (so every index is
 * exactly what hosod itself would write, and `hosod --check` passes).
 *
 *   seed DIR N [SEED]
 *
 * DIR must not hold a store yet.  It gets an invented district with 20
 * wards of 10 cells each and a police station per ward, and N people:
 *   - official members (2 %, at least 3 per cell): mentors, introducers;
 *   - candidates at every early stage, with their history: identified,
 *     in the course, course passed, mentored, dossier, on hold, withdrawn,
 *     and 3 % in background verification with a check at the ward (most
 *     returned, some with the police, a few overdue), so the deadline
 *     index has work;
 *   - a pool of candidates left at "identified", which the transition
 *     benchmark puts on hold and back (ids in bench.env).
 * Names, birth dates and CCCD numbers come from a fixed-seed generator;
 * dates count back from the day of seeding.  Requests run in one write
 * transaction per BATCH requests with MDB_NOSYNC, then one sync at the end.
 * The deadline sweep runs once at the end, as hosod would at start.
 * DIR/bench.env tells run.sh and loadgen the id ranges. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal.h"
#include "config.h"
#include "date.h"
#include "dispatch.h"
#include "job.h"
#include "store.h"
#include "workdays.h"

#define BATCH 10000
#define NWARDS 20
#define CELLS_PER_WARD 10
#define NCELLS (NWARDS * CELLS_PER_WARD)
#define FIRST_WARD 2
#define FIRST_CELL (FIRST_WARD + NWARDS)
#define FIRST_POLICE (FIRST_CELL + NCELLS)
#define N(a) (sizeof a / sizeof a[0])

struct seed {
	struct store st;
	struct txn t;
	struct job *j;
	struct rules rules;
	const struct cal *cal;
	int32_t today;
	int64_t now;
	uint64_t rng;
	unsigned pending;           /* requests in the open transaction */
	uint64_t requests, commits, checks;
	uint64_t members;           /* ids 1..members are official members */
};

/* --- invented names ---------------------------------------------------- */

/* Family names with a rough share of the population, in per mille. */
static const struct { const char *name; unsigned share; } family[] = {
	{ "Nguyễn", 380 }, { "Trần", 110 }, { "Lê", 95 }, { "Phạm", 70 },
	{ "Hoàng", 35 }, { "Huỳnh", 30 }, { "Phan", 45 }, { "Vũ", 20 },
	{ "Võ", 39 }, { "Đặng", 21 }, { "Bùi", 20 }, { "Đỗ", 14 },
	{ "Hồ", 13 }, { "Ngô", 13 }, { "Dương", 10 }, { "Lý", 5 },
	{ "Đinh", 10 }, { "Trương", 12 }, { "Lâm", 8 }, { "Mai", 10 },
	{ "Tạ", 5 }, { "Châu", 5 }, { "Cao", 15 }, { "Lương", 15 },
};
static const char *middle_m[] = { "Văn", "Văn", "Văn", "Minh", "Hoàng",
    "Quốc", "Đức", "Hữu", "Thanh", "Công", "Xuân", "Gia", "Tuấn" };
static const char *middle_f[] = { "Thị", "Thị", "Thị", "Ngọc", "Thu",
    "Bích", "Thanh", "Kim", "Mỹ", "Phương", "Hồng", "Diệu" };
static const char *given_m[] = { "An", "Bảo", "Cường", "Dũng", "Hải",
    "Khánh", "Long", "Phúc", "Quân", "Tùng", "Hùng", "Nam", "Sơn", "Thắng",
    "Trung", "Vinh", "Hiếu", "Huy", "Khoa", "Lộc", "Minh", "Nghĩa", "Phong",
    "Quang", "Tài", "Thành", "Thịnh", "Toàn", "Tuấn", "Việt", "Đạt", "Đông" };
static const char *given_f[] = { "Anh", "Hà", "Hường", "Lan", "Linh",
    "Mai", "Ngọc", "Phương", "Thảo", "Yến", "Trang", "Hương", "Hằng",
    "Nhung", "Oanh", "Quyên", "Thủy", "Trinh", "Uyên", "Vân", "Xuân", "Châu",
    "Dung", "Giang", "Hạnh", "Hoa", "Huyền", "Loan", "My", "Nga", "Nhi" };
static const char *workplaces[] = { "Công ty TNHH Thương mại Bình Nguyên",
    "Trường THPT Nguyễn Du", "Bệnh viện Quận", "Ủy ban nhân dân phường",
    "Công ty CP Cơ khí Phú Lâm", "Hợp tác xã Rau sạch Tân Phú",
    "Trường Tiểu học Kim Đồng", "Ngân hàng TMCP Sài Gòn", "" };
/* Province codes of the CCCDs seeded: 74 is left to loadgen's creates. */
static const int provinces[] = { 79, 1, 31, 48, 92, 75, 77, 80, 82, 83 };

/* splitmix64: small, fast, the same everywhere. */
static uint64_t
rnd(struct seed *s)
{
	uint64_t z = (s->rng += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static unsigned
below(struct seed *s, unsigned n)
{
	return (unsigned)(rnd(s) % n);
}

static const char *
pick_family(struct seed *s)
{
	unsigned r = below(s, 1000);
	for (size_t i = 0; i < N(family); i++) {
		if (r < family[i].share)
			return family[i].name;
		r -= family[i].share;
	}
	return family[0].name;
}

/* --- running requests -------------------------------------------------- */

/* Commit the open transaction and begin the next one (unless last). */
static void
seed_commit(struct seed *s, bool last)
{
	int rc = txn_commit(&s->t);
	if (rc != 0) {
		fprintf(stderr, "seed: commit: %s\n", mdb_strerror(rc));
		exit(1);
	}
	s->commits++;
	s->pending = 0;
	if (!last && store_write_begin(&s->st, NULL, &s->t) != 0) {
		fprintf(stderr, "seed: cannot begin a write transaction\n");
		exit(1);
	}
}

/* A fresh request of type body in the reused job; the caller fills it. */
static Hoso__Request *
req_new(struct seed *s, Hoso__Request__BodyCase body)
{
	struct job *j = s->j;
	job_reset(j);
	j->req = arena_alloc(&j->req_arena, sizeof *j->req);
	hoso__request__init(j->req);
	j->req->body_case = body;
	j->cmd = cmd_lookup(body);
	j->rules = s->rules;
	j->now = s->now;
	j->who.role = ROLE_SYSTEM;
	return j->req;
}

static void *
req_alloc(struct seed *s, size_t n)
{
	return arena_alloc(&s->j->req_arena, n);
}

static char *
req_day(struct seed *s, int32_t day)
{
	char *b = req_alloc(s, 11);
	date_format_iso(day, b);
	return b;
}

/* Run the request in the open transaction; any refusal is a bug here. */
static Hoso__Response *
req_run(struct seed *s)
{
	struct job *j = s->j;
	job_resp_init(j);
	int st = job_run(j, &s->t, NULL, NULL);
	if (st != HOSO__STATUS__OK) {
		fprintf(stderr, "seed: request %s refused (%d): %s\n",
		    j->cmd->name, st, j->resp.message ? j->resp.message : "");
		exit(1);
	}
	s->requests++;
	if (++s->pending >= BATCH)
		seed_commit(s, false);
	return &j->resp;
}

/* --- the units --------------------------------------------------------- */

static uint64_t
org_new(struct seed *s, Hoso__OrgKind kind, const char *code,
    const char *name, uint64_t parent)
{
	Hoso__Request *r = req_new(s, HOSO__REQUEST__BODY_ORG_CREATE);
	Hoso__OrgCreate *oc = req_alloc(s, sizeof *oc);
	hoso__org_create__init(oc);
	oc->kind = kind;
	oc->code = (char *)code;
	oc->name = (char *)name;
	oc->parent_id = parent;
	r->org_create = oc;
	return req_run(s)->org->id;
}

/* District 1, wards 2..21, cells 22..221, police 222..241: checked. */
static void
seed_units(struct seed *s)
{
	char code[32], name[96];
	uint64_t id = org_new(s, HOSO__ORG_KIND__ORG_DISTRICT, "QBN",
	    "Quận ủy Bình Nguyên", 0);
	for (int w = 0; w < NWARDS; w++) {
		snprintf(code, sizeof code, "P%02d", w + 1);
		snprintf(name, sizeof name, "Đảng ủy Phường %d", w + 1);
		id = org_new(s, HOSO__ORG_KIND__ORG_WARD, code, name, 1);
		if (id != (uint64_t)(FIRST_WARD + w))
			goto order;
	}
	for (int c = 0; c < NCELLS; c++) {
		int w = c / CELLS_PER_WARD;
		snprintf(code, sizeof code, "P%02d-KP%02d", w + 1,
		    c % CELLS_PER_WARD + 1);
		snprintf(name, sizeof name, "Chi bộ Khu phố %d, Phường %d",
		    c % CELLS_PER_WARD + 1, w + 1);
		id = org_new(s, HOSO__ORG_KIND__ORG_CELL, code, name,
		    (uint64_t)(FIRST_WARD + w));
		if (id != (uint64_t)(FIRST_CELL + c))
			goto order;
	}
	for (int w = 0; w < NWARDS; w++) {
		snprintf(code, sizeof code, "CA-P%02d", w + 1);
		snprintf(name, sizeof name, "Công an Phường %d", w + 1);
		org_new(s, HOSO__ORG_KIND__ORG_POLICE, code, name,
		    (uint64_t)(FIRST_WARD + w));
	}
	return;
order:
	fprintf(stderr, "seed: unit ids do not follow creation order\n");
	exit(1);
}

/* --- people ------------------------------------------------------------ */

static uint64_t
ward_of_cell(uint64_t cell)
{
	return FIRST_WARD + (cell - FIRST_CELL) / CELLS_PER_WARD;
}

/* Create person number i (0-based, id i + 1) in cell; returns the id. */
static uint64_t
person_new(struct seed *s, uint64_t i, uint64_t cell, bool member,
    int32_t since)
{
	Hoso__Request *r = req_new(s, HOSO__REQUEST__BODY_PERSON_CREATE);
	Hoso__PersonCreate *pc = req_alloc(s, sizeof *pc);
	Hoso__Person *p = req_alloc(s, sizeof *p);
	hoso__person_create__init(pc);
	hoso__person__init(p);
	bool female = below(s, 2);
	/* Candidates are 18 to 40, members 30 to 70 on the day of seeding. */
	int32_t born = s->today - 365 * (member ? 30 : 18) - 30 -
	    (int32_t)below(s, member ? 40 * 365 : 22 * 365);
	int y, m, d;
	date_to_ymd(born, &y, &m, &d);
	const char *mid = female ? middle_f[below(s, N(middle_f))] :
	    middle_m[below(s, N(middle_m))];
	const char *giv = female ? given_f[below(s, N(given_f))] :
	    given_m[below(s, N(given_m))];
	const char *fam = pick_family(s);
	if (below(s, 4) == 0) {     /* a double given name: "Ngọc Anh" */
		const char *g2 = female ? given_f[below(s, N(given_f))] :
		    given_m[below(s, N(given_m))];
		p->name = arena_printf(&s->j->req_arena, "%s %s %s %s", fam, mid,
		    g2, giv);
	} else {
		p->name = arena_printf(&s->j->req_arena, "%s %s %s", fam, mid,
		    giv);
	}
	p->born = req_day(s, born);
	p->gender = female ? HOSO__GENDER__FEMALE : HOSO__GENDER__MALE;
	p->ethnicity = (char *)(below(s, 20) == 0 ? "Hoa" : "Kinh");
	p->religion = (char *)(below(s, 10) == 0 ? "Công giáo" :
	    below(s, 12) == 0 ? "Phật giáo" : "Không");
	p->education = (Hoso__Education)(HOSO__EDUCATION__UPPER_SECONDARY +
	    below(s, 4));
	/* Unique: (province, serial) is unique for i < 10 000 000. */
	p->id_number = arena_printf(&s->j->req_arena, "%03d%d%02d%06u",
	    provinces[i / 1000000 % N(provinces)],
	    (y >= 2000 ? 2 : 0) + (female ? 1 : 0), y % 100,
	    (unsigned)(i % 1000000));
	p->cell_id = cell;
	p->residence_id = below(s, 10) == 0 ? FIRST_WARD + below(s, NWARDS) :
	    ward_of_cell(cell);
	p->workplace = (char *)workplaces[below(s, N(workplaces))];
	p->phone = arena_printf(&s->j->req_arena, "09%08u", below(s, 100000000));
	p->introduced_by = (Hoso__IntroducedBy)(1 + below(s, 4));
	if (member) {
		p->membership = HOSO__MEMBERSHIP__MEMBER_OFFICIAL;
		p->member_since = req_day(s, born + 365 * 25 +
		    (int32_t)below(s, 365));
		if (date_iso_day(p->member_since) > s->today)
			p->member_since = req_day(s, s->today - 400);
	} else {
		p->stage_since = req_day(s, since);
	}
	pc->person = p;
	r->person_create = pc;
	return req_run(s)->person->id;
}

/* Move a file to stage `to` effective on day at. */
static Hoso__FileAdvance *
advance(struct seed *s, uint64_t id, Hoso__Stage to, int32_t at)
{
	Hoso__Request *r = req_new(s, HOSO__REQUEST__BODY_FILE_ADVANCE);
	Hoso__FileAdvance *fa = req_alloc(s, sizeof *fa);
	hoso__file_advance__init(fa);
	fa->person_id = id;
	fa->to = to;
	fa->at = req_day(s, at);
	r->file_advance = fa;
	return fa;
}

/* One of the official members of cell (member ids are 1..members, cell
 * of member k is FIRST_CELL + (k - 1) % NCELLS); nth picks which. */
static uint64_t
member_of(struct seed *s, uint64_t cell, uint64_t nth)
{
	uint64_t per = s->members / NCELLS;
	return 1 + (cell - FIRST_CELL) + NCELLS * (nth % per);
}

/* The papers and two introducers a dossier needs, dated before day. */
static void
seed_papers(struct seed *s, uint64_t id, uint64_t cell, int32_t day)
{
	for (int k = HOSO__DOC_KIND__DOC_APPLICATION;
	    k <= HOSO__DOC_KIND__DOC_SUMMARY; k++) {
		Hoso__Request *r = req_new(s, HOSO__REQUEST__BODY_FILE_RECORD);
		Hoso__FileRecord *fr = req_alloc(s, sizeof *fr);
		Hoso__Document *d = req_alloc(s, sizeof *d);
		hoso__file_record__init(fr);
		hoso__document__init(d);
		d->kind = (Hoso__DocKind)k;
		d->date = req_day(s, day - 20 - (int32_t)below(s, 30));
		fr->person_id = id;
		fr->item_case = HOSO__FILE_RECORD__ITEM_DOCUMENT;
		fr->document = d;
		r->file_record = fr;
		req_run(s);
	}
	unsigned first = below(s, 1000);
	for (unsigned k = 0; k < 2; k++) {
		Hoso__Request *r = req_new(s, HOSO__REQUEST__BODY_FILE_RECORD);
		Hoso__FileRecord *fr = req_alloc(s, sizeof *fr);
		Hoso__Introducer *in = req_alloc(s, sizeof *in);
		hoso__file_record__init(fr);
		hoso__introducer__init(in);
		in->member_id = member_of(s, cell, first + k);
		in->since = req_day(s, day - 3 * 365);
		in->date = req_day(s, day - 20);
		fr->person_id = id;
		fr->item_case = HOSO__FILE_RECORD__ITEM_INTRODUCER;
		fr->introducer = in;
		r->file_record = fr;
		req_run(s);
	}
}

/* 09:00 in Vietnam on day, plus minutes. */
static int64_t
at_nine(int32_t day, int minutes)
{
	return (int64_t)day * 86400 + 2 * 3600 + minutes * 60;
}

static void
check_step(struct seed *s, uint64_t check, Hoso__CheckStepKind kind,
    int64_t at)
{
	Hoso__Request *r = req_new(s, HOSO__REQUEST__BODY_CHECK_STEP);
	Hoso__CheckStep *cs = req_alloc(s, sizeof *cs);
	hoso__check_step__init(cs);
	cs->check_id = check;
	cs->step = kind;
	cs->at = at;
	cs->by = (char *)(kind == HOSO__CHECK_STEP_KIND__STEP_FORWARD ||
	    kind == HOSO__CHECK_STEP_KIND__STEP_RETURN ?
	    "Văn phòng Đảng ủy phường" : "Công an phường");
	if (kind == HOSO__CHECK_STEP_KIND__STEP_POLICE_RESULT)
		cs->result = HOSO__CHECK_RESULT__RESULT_CLEAR;
	r->check_step = cs;
	req_run(s);
}

/* Verification: opened w working days ago at the candidate's ward.  Most
 * checks came back (w >= 9), recent ones are with the police, the newest
 * are not forwarded yet (w = 1: overdue), and one in 50 of the old ones was
 * never forwarded (overdue). */
static void
seed_verification(struct seed *s, uint64_t id, uint64_t cell, int32_t dossier)
{
	unsigned w = below(s, 26);
	int32_t open = cal_add_workdays(s->cal, s->today, -(int)w);
	if (open <= dossier)
		open = dossier + 1;
	seed_papers(s, id, cell, open);
	Hoso__FileAdvance *fa = advance(s, id, HOSO__STAGE__STAGE_VERIFYING, open);
	(void)fa;
	req_run(s);
	Hoso__Request *r = req_new(s, HOSO__REQUEST__BODY_CHECK_OPEN);
	Hoso__CheckOpen *co = req_alloc(s, sizeof *co);
	hoso__check_open__init(co);
	co->person_id = id;
	co->ward_id = ward_of_cell(cell);
	co->at = open < s->today ? at_nine(open, 0) : 0;
	co->by = (char *)"Văn phòng Đảng ủy phường";
	r->check_open = co;
	uint64_t check = req_run(s)->check->id;
	s->checks++;
	bool stuck = below(s, 50) == 0;
	if (w < 2 || (w >= 9 && stuck))
		return;
	int32_t recv = cal_add_workdays(s->cal, open, 1);
	check_step(s, check, HOSO__CHECK_STEP_KIND__STEP_FORWARD, at_nine(open, 60));
	check_step(s, check, HOSO__CHECK_STEP_KIND__STEP_POLICE_RECEIVED,
	    at_nine(recv, 0));
	if (w < 9)
		return;
	check_step(s, check, HOSO__CHECK_STEP_KIND__STEP_POLICE_RESULT,
	    at_nine(cal_add_workdays(s->cal, open, 5), 0));
	check_step(s, check, HOSO__CHECK_STEP_KIND__STEP_RETURN,
	    at_nine(cal_add_workdays(s->cal, open, 7), 0));
}

/* A candidate and the moves of their file, each with its history entry. */
static void
seed_candidate(struct seed *s, uint64_t i)
{
	uint64_t cell = FIRST_CELL + below(s, NCELLS);
	int32_t start = s->today - 400 - (int32_t)below(s, 300);
	uint64_t id = person_new(s, i, cell, false, start);
	unsigned r = below(s, 1000);
	Hoso__FileAdvance *fa;
	if (r < 430)
		return;                                 /* identified */
	if (r < 450) {                                  /* withdrawn */
		fa = advance(s, id, HOSO__STAGE__STAGE_WITHDRAWN, start + 10);
		fa->reason = (char *)"Chuyển công tác ra ngoài địa bàn";
		req_run(s);
		return;
	}
	advance(s, id, HOSO__STAGE__STAGE_IN_COURSE, start + 30);
	req_run(s);
	if (r < 640)
		return;                                 /* in the course */
	if (r < 660) {                                  /* on hold */
		fa = advance(s, id, HOSO__STAGE__STAGE_ON_HOLD, start + 45);
		fa->reason = (char *)"Đi học dài hạn ở nước ngoài";
		req_run(s);
		return;
	}
	fa = advance(s, id, HOSO__STAGE__STAGE_COURSE_PASSED, start + 60);
	fa->cert_number = arena_printf(&s->j->req_arena, "%llu/GCN-TTCT",
	    (unsigned long long)(1000 + id));
	req_run(s);
	if (r < 810)
		return;                                 /* course passed */
	fa = advance(s, id, HOSO__STAGE__STAGE_MENTORED, start + 90);
	fa->mentor_ids = req_alloc(s, sizeof(uint64_t));
	fa->mentor_ids[0] = member_of(s, cell, below(s, 1000));
	fa->n_mentor_ids = 1;
	req_run(s);
	if (r < 890)
		return;                                 /* mentored */
	advance(s, id, HOSO__STAGE__STAGE_DOSSIER, start + 120);
	req_run(s);
	if (r < 970)
		return;                                 /* dossier */
	seed_verification(s, id, cell, start + 120);
}

/* The deadline sweep hosod runs at start: alerts for what is due. */
static size_t
seed_sweep(struct seed *s)
{
	Hoso__Request *r = req_new(s, HOSO__REQUEST__BODY_DEADLINE_SWEEP);
	Hoso__DeadlineSweep *sw = req_alloc(s, sizeof *sw);
	hoso__deadline_sweep__init(sw);
	r->deadline_sweep = sw;
	Hoso__Response *resp = req_run(s);
	return resp->sweep ? resp->sweep->n_raised : 0;
}

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: seed DIR N [SEED]\n");
		return 2;
	}
	const char *dir = argv[1];
	uint64_t n = strtoull(argv[2], NULL, 10);
	static struct seed s;
	s.rng = argc > 3 ? strtoull(argv[3], NULL, 10) : 42;
	char *cause = NULL;
	struct config cfg;
	config_defaults(&cfg);
	s.rules = cfg.rules;
	/* A map big enough for everything: LMDB maps it lazily, and the
	 * file only grows to what is used. */
	uint64_t map = (256ull << 20) + n * 8192;
	if (store_open(&s.st, dir, map, &cause) < 0) {
		fprintf(stderr, "seed: %s\n", cause ? cause : dir);
		return 1;
	}
	mdb_env_set_flags(s.st.env, MDB_NOSYNC, 1);
	if (workdays_load(&s.st) != 0) {
		fprintf(stderr, "seed: cannot load the calendar\n");
		return 1;
	}
	s.cal = workdays_cal();
	s.now = (int64_t)time(NULL);
	s.today = date_today_vn();
	s.j = job_new();
	if (store_write_begin(&s.st, NULL, &s.t) != 0 ||
	    txn_last_id(&s.t, DB_ID2ORG) != 0) {
		fprintf(stderr, "seed: %s already holds a store\n", dir);
		return 1;
	}
	double t0 = now_s();
	uint64_t pool = n / 50 > 1000 ? n / 50 : 1000;
	s.members = n / 50 > 3 * NCELLS ? n / 50 / NCELLS * NCELLS : 3 * NCELLS;
	if (n < s.members + pool + 1) {
		fprintf(stderr, "seed: N must be at least %llu\n",
		    (unsigned long long)(s.members + pool + 1));
		return 2;
	}
	seed_units(&s);
	for (uint64_t i = 0; i < s.members; i++)
		person_new(&s, i, FIRST_CELL + i % NCELLS, true, 0);
	uint64_t cand_end = n - pool;
	for (uint64_t i = s.members; i < cand_end; i++) {
		seed_candidate(&s, i);
		if ((i + 1) % 100000 == 0)
			fprintf(stderr, "seed: %llu people, %.0f s\n",
			    (unsigned long long)(i + 1), now_s() - t0);
	}
	for (uint64_t i = cand_end; i < n; i++)
		person_new(&s, i, FIRST_CELL + below(&s, NCELLS), false,
		    s.today - 30);
	size_t alerts = seed_sweep(&s);
	seed_commit(&s, true);
	mdb_env_set_flags(s.st.env, MDB_NOSYNC, 0);
	mdb_env_sync(s.st.env, 1);
	double el = now_s() - t0;

	char path[4096];
	snprintf(path, sizeof path, "%s/bench.env", dir);
	FILE *f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		return 1;
	}
	fprintf(f, "# written by tests/bench/seed.c\nSEED_PEOPLE=%llu\n"
	    "SEED_MEMBERS=%llu\nSEED_POOL_FIRST=%llu\nSEED_POOL_COUNT=%llu\n"
	    "SEED_CELL_FIRST=%d\nSEED_CELL_COUNT=%d\nSEED_CHECKS=%llu\n"
	    "SEED_REQUESTS=%llu\nSEED_SECONDS=%.1f\nSEED_DAY=%d\n",
	    (unsigned long long)n, (unsigned long long)s.members,
	    (unsigned long long)(cand_end + 1), (unsigned long long)pool,
	    FIRST_CELL, NCELLS, (unsigned long long)s.checks,
	    (unsigned long long)s.requests, el, (int)s.today);
	fclose(f);
	printf("seed: %llu people (%llu members, %llu checks, %zu alerts) "
	    "in %llu requests, %llu commits, %.1f s\n", (unsigned long long)n,
	    (unsigned long long)s.members, (unsigned long long)s.checks, alerts,
	    (unsigned long long)s.requests, (unsigned long long)s.commits, el);
	job_free(s.j);
	store_close(&s.st);
	workdays_free();
	config_free(&cfg);
	return 0;
}
