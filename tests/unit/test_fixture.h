/* test_fixture.h: what the daemon's unit tests share: a fresh data
 * directory holding a real LMDB store, and jobs built the way daemon/demo.c
 * builds them, run through the writer's group commit (writer_run_batch) or,
 * for reads, through job_run on the loop's read transaction.  No mocks.
 *
 * Every function here is static and marked unused, so each test file takes
 * only what it needs under -Werror.  All people are invented. */
#ifndef HOSO_TEST_FIXTURE_H
#define HOSO_TEST_FIXTURE_H

#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hoso/protocol.h"
#include "frame.h"
#include "dispatch.h"
#include "job.h"
#include "log.h"
#include "store.h"
#include "tables.h"
#include "writer.h"
#include "t.h"

#define FX_UNUSED __attribute__((unused))

/* ---- data directories ------------------------------------------------- */

/* A new empty directory under /tmp; malloc'd path.  Exits if impossible. */
static FX_UNUSED char *
fx_tmpdir(void)
{
	char tmpl[] = "/tmp/hoso-unit-XXXXXX";
	if (mkdtemp(tmpl) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
	return strdup(tmpl);
}

/* Remove dir and the plain files in it (an LMDB environment is flat);
 * frees the path. */
static FX_UNUSED void
fx_rmdir(char *dir)
{
	DIR *d = opendir(dir);
	if (d != NULL) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char path[4096];
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
	free(dir);
}

/* Open the store in dir or exit: the tests below cannot run without one. */
static FX_UNUSED void
fx_open(struct store *st, const char *dir, uint64_t map_size)
{
	char *cause = NULL;
	if (store_open(st, dir, map_size, &cause) < 0) {
		printf("Bail out! store_open %s: %s\n", dir, cause ? cause : "?");
		exit(2);
	}
}

/* ---- jobs ---------------------------------------------------------------- */

/* A list of write jobs to commit together. */
struct fx_batch {
	struct job *head, **tail;
};

static uint64_t fx_req_id = 1000;     /* Request.id, echoed in the reply */
static uint64_t fx_grows;             /* writer's map-growth counter */
static bool fx_strict = true;         /* rules.cccd_strict for new jobs */

/* An empty batch. */
static FX_UNUSED void
fx_batch_init(struct fx_batch *b)
{
	b->head = NULL;
	b->tail = &b->head;
}

/* A job for one request of kind body, appended to b if b is not NULL. */
static FX_UNUSED struct job *
fx_job(struct fx_batch *b, Hoso__Request__BodyCase body)
{
	struct job *j = job_new();
	if (j == NULL) {
		printf("Bail out! out of memory\n");
		exit(2);
	}
	j->req = arena_alloc(&j->req_arena, sizeof *j->req);
	hoso__request__init(j->req);
	j->req->id = ++fx_req_id;
	j->req->body_case = body;
	j->cmd = cmd_lookup(body);
	j->rules.cccd_strict = fx_strict;
	j->now = (int64_t)time(NULL);
	j->who.role = ROLE_SYSTEM;
	snprintf(j->who.login, sizeof j->who.login, "unit-test");
	if (b != NULL) {
		*b->tail = j;
		b->tail = &j->next;
	}
	return j;
}

/* A copy of s in the job's request arena, as an unpacked request has. */
static FX_UNUSED char *
fx_str(struct job *j, const char *s)
{
	return arena_strdup(&j->req_arena, s ? s : "");
}

/* Commit the batch in one group commit, as the writer thread does. */
static FX_UNUSED void
fx_run(struct store *st, struct fx_batch *b)
{
	writer_run_batch(st, b->head, NULL, 0, &fx_grows);
}

/* Free every job of the batch. */
static FX_UNUSED void
fx_batch_free(struct fx_batch *b)
{
	while (b->head != NULL) {
		struct job *n = b->head->next;
		job_free(b->head);
		b->head = n;
	}
	b->tail = &b->head;
}

/* Run one write job alone (a batch of one); returns its status. */
static FX_UNUSED int
fx_write1(struct store *st, struct job *j)
{
	j->next = NULL;
	writer_run_batch(st, j, NULL, 0, &fx_grows);
	return j->resp.status;
}

/* Run a read job in the loop's way: on the reused read txn. */
static FX_UNUSED int
fx_read(struct store *st, struct job *j)
{
	struct txn t;
	if (store_read_begin(st, &t) != 0) {
		printf("Bail out! store_read_begin\n");
		exit(2);
	}
	job_resp_init(j);
	int s = job_run(j, &t, NULL, NULL);
	store_read_end(&t);
	return s;
}

/* ---- request builders ---------------------------------------------------- */

/* An org-create job (code may be "" to have one generated). */
static FX_UNUSED struct job *
fx_org_create(struct fx_batch *b, Hoso__OrgKind kind, const char *code,
    const char *name, uint64_t parent)
{
	struct job *j = fx_job(b, HOSO__REQUEST__BODY_ORG_CREATE);
	Hoso__OrgCreate *oc = arena_alloc(&j->req_arena, sizeof *oc);
	hoso__org_create__init(oc);
	oc->kind = kind;
	oc->code = fx_str(j, code);
	oc->name = fx_str(j, name);
	oc->parent_id = parent;
	j->req->org_create = oc;
	return j;
}

/* A person-create job; the record it sends is j->req->person_create->person
 * for the caller to adjust.  gender: HOSO__GENDER__MALE or FEMALE. */
static FX_UNUSED struct job *
fx_person_create(struct fx_batch *b, const char *name, const char *born,
    Hoso__Gender gender, const char *cccd, uint64_t ward, uint64_t cell)
{
	struct job *j = fx_job(b, HOSO__REQUEST__BODY_PERSON_CREATE);
	struct arena *a = &j->req_arena;
	Hoso__Person *p = arena_alloc(a, sizeof *p);
	hoso__person__init(p);
	p->name = fx_str(j, name);
	p->born = fx_str(j, born);
	p->gender = gender;
	p->id_number = fx_str(j, cccd);
	p->ethnicity = fx_str(j, "Kinh");
	p->religion = fx_str(j, "Không");
	p->education = HOSO__EDUCATION__UNIVERSITY;
	p->residence_id = ward;
	p->cell_id = cell;
	p->introduced_by = HOSO__INTRODUCED_BY__YOUTH_UNION;
	p->workplace = fx_str(j, "Công ty TNHH Thương mại Hòa An");
	p->phone = fx_str(j, "0903 123 456");
	Hoso__PersonCreate *pc = arena_alloc(a, sizeof *pc);
	hoso__person_create__init(pc);
	pc->person = p;
	j->req->person_create = pc;
	return j;
}

/* A person-update job changing the NULL-terminated field names given; the
 * new values go into j->req->person_update->person. */
static FX_UNUSED struct job *
fx_person_update(struct fx_batch *b, uint64_t id, uint64_t expected, ...)
{
	struct job *j = fx_job(b, HOSO__REQUEST__BODY_PERSON_UPDATE);
	struct arena *a = &j->req_arena;
	Hoso__PersonUpdate *u = arena_alloc(a, sizeof *u);
	hoso__person_update__init(u);
	u->id = id;
	u->expected_version = expected;
	u->fields = arena_alloc(a, sizeof(char *) * 16);
	va_list ap;
	va_start(ap, expected);
	for (const char *f; (f = va_arg(ap, const char *)) != NULL &&
	    u->n_fields < 16;)
		u->fields[u->n_fields++] = fx_str(j, f);
	va_end(ap);
	u->person = arena_alloc(a, sizeof *u->person);
	hoso__person__init(u->person);
	j->req->person_update = u;
	return j;
}

/* An org-update job changing the NULL-terminated field names given; the
 * new values go into j->req->org_update->org. */
static FX_UNUSED struct job *
fx_org_update(struct fx_batch *b, uint64_t id, uint64_t expected, ...)
{
	struct job *j = fx_job(b, HOSO__REQUEST__BODY_ORG_UPDATE);
	struct arena *a = &j->req_arena;
	Hoso__OrgUpdate *u = arena_alloc(a, sizeof *u);
	hoso__org_update__init(u);
	u->id = id;
	u->expected_version = expected;
	u->fields = arena_alloc(a, sizeof(char *) * 8);
	va_list ap;
	va_start(ap, expected);
	for (const char *f; (f = va_arg(ap, const char *)) != NULL &&
	    u->n_fields < 8;)
		u->fields[u->n_fields++] = fx_str(j, f);
	va_end(ap);
	u->org = arena_alloc(a, sizeof *u->org);
	hoso__org__init(u->org);
	j->req->org_update = u;
	return j;
}

/* A person-get job. */
static FX_UNUSED struct job *
fx_person_get(uint64_t id)
{
	struct job *j = fx_job(NULL, HOSO__REQUEST__BODY_PERSON_GET);
	Hoso__PersonGet *g = arena_alloc(&j->req_arena, sizeof *g);
	hoso__person_get__init(g);
	g->id = id;
	j->req->person_get = g;
	return j;
}

/* An org-get job. */
static FX_UNUSED struct job *
fx_org_get(uint64_t id)
{
	struct job *j = fx_job(NULL, HOSO__REQUEST__BODY_ORG_GET);
	Hoso__OrgGet *g = arena_alloc(&j->req_arena, sizeof *g);
	hoso__org_get__init(g);
	g->id = id;
	j->req->org_get = g;
	return j;
}

/* A person-find job for one page. */
static FX_UNUSED struct job *
fx_person_find(const char *text, uint32_t limit, const char *cursor)
{
	struct job *j = fx_job(NULL, HOSO__REQUEST__BODY_PERSON_FIND);
	Hoso__PersonFind *f = arena_alloc(&j->req_arena, sizeof *f);
	hoso__person_find__init(f);
	f->text = fx_str(j, text);
	f->limit = limit;
	f->cursor = fx_str(j, cursor);
	j->req->person_find = f;
	return j;
}

/* A person-list job for one page (0: no filter). */
static FX_UNUSED struct job *
fx_person_list(uint64_t cell, uint64_t ward, uint32_t limit,
    const char *cursor)
{
	struct job *j = fx_job(NULL, HOSO__REQUEST__BODY_PERSON_LIST);
	Hoso__PersonList *l = arena_alloc(&j->req_arena, sizeof *l);
	hoso__person_list__init(l);
	l->cell_id = cell;
	l->residence_id = ward;
	l->limit = limit;
	l->cursor = fx_str(j, cursor);
	j->req->person_list = l;
	return j;
}

/* An org-list job for one page (0: no filter). */
static FX_UNUSED struct job *
fx_org_list(Hoso__OrgKind kind, uint64_t parent, uint32_t limit,
    const char *cursor)
{
	struct job *j = fx_job(NULL, HOSO__REQUEST__BODY_ORG_LIST);
	Hoso__OrgList *l = arena_alloc(&j->req_arena, sizeof *l);
	hoso__org_list__init(l);
	l->kind = kind;
	l->parent_id = parent;
	l->limit = limit;
	l->cursor = fx_str(j, cursor);
	j->req->org_list = l;
	return j;
}

/* ---- reading back ---------------------------------------------------------- */

/* A CCCD for someone born in year: province code (e.g. 79, 1), the century
 * and sex digit, the year's last two digits and a serial. */
static FX_UNUSED void
fx_cccd(char buf[13], int province, int year, bool female, unsigned serial)
{
	int d4 = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%03d%d%02d%06u", province % 1000, d4,
	    year % 100, serial % 1000000);
	memcpy(buf, tmp, 12);
	buf[12] = '\0';
}

/* A copy of the stored person id's name, or NULL if there is none. */
static FX_UNUSED char *
fx_person_name(struct store *st, uint64_t id, uint64_t *version)
{
	struct txn t;
	struct arena a;
	int rc;
	char *name = NULL;
	arena_init(&a);
	if (store_read_begin(st, &t) != 0)
		return NULL;
	Hoso__Person *p = person_get(&t, id, &a, &rc);
	if (p != NULL) {
		name = strdup(p->name);
		if (version != NULL)
			*version = p->version;
	}
	store_read_end(&t);
	arena_free(&a);
	return name;
}

/* The person id holding cccd, 0 if none. */
static FX_UNUSED uint64_t
fx_cccd_owner(struct store *st, const char *cccd)
{
	struct txn t;
	uint64_t id = 0;
	if (store_read_begin(st, &t) != 0)
		return 0;
	if (cccd2person_get(&t, cccd, &id) != 0)
		id = 0;
	store_read_end(&t);
	return id;
}

/* txn_last_id of db on a read txn. */
static FX_UNUSED uint64_t
fx_last_id(struct store *st, enum store_db db)
{
	struct txn t;
	if (store_read_begin(st, &t) != 0)
		return 0;
	uint64_t id = txn_last_id(&t, db);
	store_read_end(&t);
	return id;
}

/* Number of entries in db. */
static FX_UNUSED size_t
fx_count(struct store *st, enum store_db db)
{
	struct txn t;
	MDB_stat s;
	if (store_read_begin(st, &t) != 0)
		return 0;
	mdb_stat(t.txn, st->dbi[db], &s);
	store_read_end(&t);
	return s.ms_entries;
}

/* Every page of a find (text) or list (cell, ward) with page size limit:
 * the person ids in the order given, into ids (at most max); the number of
 * ids, or -1 if a page failed.  *pages gets the number of requests. */
static FX_UNUSED int
fx_collect(struct store *st, const char *text, uint64_t cell, uint64_t ward,
    uint32_t limit, uint64_t *ids, size_t max, int *pages)
{
	char *cursor = strdup("");
	size_t n = 0;
	int rc = 0;
	*pages = 0;
	for (;;) {
		struct job *j = text ? fx_person_find(text, limit, cursor) :
		    fx_person_list(cell, ward, limit, cursor);
		(*pages)++;
		if (fx_read(st, j) != HOSO__STATUS__OK ||
		    j->resp.body_case != HOSO__RESPONSE__BODY_PERSON_PAGE) {
			job_free(j);
			rc = -1;
			break;
		}
		const Hoso__PersonPage *pg = j->resp.person_page;
		if (pg->n_items > (limit ? limit : HOSO_PAGE_DEFAULT))
			rc = -1;
		for (size_t i = 0; i < pg->n_items && n < max; i++)
			ids[n++] = pg->items[i]->id;
		free(cursor);
		cursor = strdup(pg->next_cursor);
		job_free(j);
		if (*cursor == '\0' || *pages > 1000)
			break;
	}
	free(cursor);
	return rc < 0 ? -1 : (int)n;
}

/* Whether ids[0..n) are exactly want[0..nw) as sets, with no repeats. */
static FX_UNUSED bool
fx_same_set(const uint64_t *ids, int n, const uint64_t *want, size_t nw)
{
	if (n < 0 || (size_t)n != nw)
		return false;
	for (int i = 0; i < n; i++) {
		size_t hits = 0;
		for (int k = 0; k < n; k++)
			hits += ids[k] == ids[i];
		bool wanted = false;
		for (size_t k = 0; k < nw; k++)
			wanted |= want[k] == ids[i];
		if (hits != 1 || !wanted)
			return false;
	}
	return true;
}

#endif
