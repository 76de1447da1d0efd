/* test_writer.c: unit tests for writer_run_batch, the group commit, called
 * directly (no threads) on a fresh temporary store: each request runs in
 * its own child transaction, a refused one undoes only itself, later ones
 * see earlier ones, and each reply is packed as a frame that decodes to
 * the same response. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_fixture.h"
#include "demo.h"

/* The reply frame of j decodes to j->resp; what names the request. */
static void
check_frame(const struct job *j, const char *what)
{
	CHECK(j->frame != NULL && j->frame_len > HOSO_FRAME_HDR,
	    "%s: reply frame packed (%zu bytes)", what, j->frame_len);
	if (j->frame == NULL || j->frame_len <= HOSO_FRAME_HDR)
		return;
	uint32_t n = frame_get_len(j->frame);
	CHECK(n == j->frame_len - HOSO_FRAME_HDR,
	    "%s: 4-byte big-endian length %u = payload size", what, n);
	Hoso__ServerMessage *sm = hoso__server_message__unpack(NULL,
	    j->frame_len - HOSO_FRAME_HDR, j->frame + HOSO_FRAME_HDR);
	CHECK(sm != NULL && sm->body_case == HOSO__SERVER_MESSAGE__BODY_RESPONSE &&
	    sm->response != NULL, "%s: payload is a ServerMessage with a Response",
	    what);
	if (sm == NULL || sm->response == NULL) {
		if (sm != NULL)
			hoso__server_message__free_unpacked(sm, NULL);
		return;
	}
	const Hoso__Response *r = sm->response, *w = &j->resp;
	bool same = r->id == w->id && r->id == j->req->id &&
	    r->status == w->status && r->body_case == w->body_case &&
	    strcmp(r->field, w->field ? w->field : "") == 0 &&
	    strcmp(r->message, w->message ? w->message : "") == 0 &&
	    strcmp(r->message_format,
	    w->message_format ? w->message_format : "") == 0 &&
	    r->n_message_args == w->n_message_args;
	for (size_t i = 0; same && i < r->n_message_args; i++)
		same = strcmp(r->message_args[i], w->message_args[i]) == 0;
	if (same && r->body_case == HOSO__RESPONSE__BODY_PERSON)
		same = r->person->id == w->person->id &&
		    r->person->version == w->person->version &&
		    strcmp(r->person->name, w->person->name) == 0 &&
		    strcmp(r->person->id_number, w->person->id_number) == 0;
	if (same && r->body_case == HOSO__RESPONSE__BODY_ORG)
		same = r->org->id == w->org->id &&
		    strcmp(r->org->code, w->org->code) == 0;
	CHECK(same, "%s: decoded response equals the job's (id %llu, status %d)",
	    what, (unsigned long long)r->id, r->status);
	hoso__server_message__free_unpacked(sm, NULL);
}

/* Units: later requests in a batch see earlier ones (ward under the
 * district created two requests before). */
static void
test_units(struct store *st)
{
	struct fx_batch b;
	fx_batch_init(&b);
	struct job *d = fx_org_create(&b, HOSO__ORG_KIND__ORG_DISTRICT, "QHA",
	    "Quận ủy Hòa An", 0);
	struct job *w = fx_org_create(&b, HOSO__ORG_KIND__ORG_WARD, "P01",
	    "Đảng ủy Phường 1", 1);
	struct job *c = fx_org_create(&b, HOSO__ORG_KIND__ORG_CELL, "P01-KP1",
	    "Chi bộ Khu phố 1", 2);
	struct job *p = fx_org_create(&b, HOSO__ORG_KIND__ORG_POLICE, "CA-P01",
	    "Công an Phường 1", 2);
	fx_run(st, &b);
	CHECK(d->resp.status == 0 && d->resp.org->id == 1, "district is unit 1");
	CHECK(w->resp.status == 0 && w->resp.org->id == 2,
	    "ward (parent created earlier in the same batch) is unit 2");
	CHECK(c->resp.status == 0 && c->resp.org->id == 3, "cell is unit 3");
	CHECK(p->resp.status == 0 && p->resp.org->id == 4, "police is unit 4");
	for (struct job *j = b.head; j != NULL; j = j->next)
		check_frame(j, j->cmd->name);
	fx_batch_free(&b);
	CHECK(fx_last_id(st, DB_ID2ORG) == 4, "4 units committed");
}

/* One bad request in the middle of a batch undoes only itself. */
static void
test_middle_refused(struct store *st)
{
	struct fx_batch b;
	char ca[13], cb[13], cc[13], ce[13];
	fx_cccd(ca, 79, 1990, false, 123456);
	fx_cccd(cb, 1, 1995, true, 654321);
	fx_cccd(cc, 79, 2001, false, 111222);
	fx_cccd(ce, 79, 1987, true, 333444);

	struct cmd *pc = cmd_lookup(HOSO__REQUEST__BODY_PERSON_CREATE);
	uint64_t calls0 = pc->calls, fails0 = pc->failures;

	fx_batch_init(&b);
	struct job *a = fx_person_create(&b, "Nguyễn Văn An", "1990-04-12",
	    HOSO__GENDER__MALE, ca, 2, 3);
	struct job *bb = fx_person_create(&b, "Đặng Thị Hường", "1995-11-03",
	    HOSO__GENDER__FEMALE, cb, 2, 3);
	struct job *c = fx_person_create(&b, "Trần Minh Khôi", "2027-02-30",
	    HOSO__GENDER__MALE, cc, 2, 3);
	struct job *d = fx_person_create(&b, "Lê Văn Tám", "1990-08-19",
	    HOSO__GENDER__MALE, ca, 2, 3);         /* An's CCCD */
	struct job *e = fx_person_create(&b, "Phạm Thị Thu Hà", "1987-01-25",
	    HOSO__GENDER__FEMALE, ce, 2, 3);
	fx_run(st, &b);

	CHECK(a->resp.status == HOSO__STATUS__OK, "An created");
	CHECK(bb->resp.status == HOSO__STATUS__OK, "Hường created");
	CHECK(c->resp.status == HOSO__STATUS__INVALID_ARGUMENT,
	    "born 2027-02-30: INVALID_ARGUMENT (%d)", c->resp.status);
	CHECK_STR(c->resp.field, "born", "  on field born");
	CHECK(c->resp.message && strstr(c->resp.message, "2027-02-30"),
	    "  message quotes the date: %s", c->resp.message);
	CHECK(c->resp.n_message_args == 2 &&
	    strcmp(c->resp.message_args[1], "2027-02-30") == 0,
	    "  message_args carry the date for translation");
	CHECK(d->resp.status == HOSO__STATUS__CONFLICT,
	    "An's CCCD again: CONFLICT (%d)", d->resp.status);
	CHECK_STR(d->resp.field, "id_number", "  on field id_number");
	CHECK(d->resp.message && strstr(d->resp.message, "person 1"),
	    "  message names who has it: %s", d->resp.message);
	CHECK(e->resp.status == HOSO__STATUS__OK, "Hà (after both refusals) created");
	CHECK(a->resp.person->id == 1 && bb->resp.person->id == 2 &&
	    e->resp.person->id == 3,
	    "ids 1, 2, 3: refused requests took no id");
	CHECK(a->resp.person->version == 1, "new record has version 1");
	for (struct job *j = b.head; j != NULL; j = j->next)
		check_frame(j, j->cmd->name);
	CHECK(pc->calls - calls0 == 5 && pc->failures - fails0 == 2,
	    "person.create metrics: 5 calls, 2 failures");
	fx_batch_free(&b);

	/* Read back what was committed, and that nothing of the refused. */
	char *n1 = fx_person_name(st, 1, NULL), *n2 = fx_person_name(st, 2, NULL),
	    *n3 = fx_person_name(st, 3, NULL), *n4 = fx_person_name(st, 4, NULL);
	CHECK_STR(n1, "Nguyễn Văn An", "person 1 read back");
	CHECK_STR(n2, "Đặng Thị Hường", "person 2 read back");
	CHECK_STR(n3, "Phạm Thị Thu Hà", "person 3 read back");
	CHECK(n4 == NULL, "no person 4");
	free(n1);
	free(n2);
	free(n3);
	free(n4);
	CHECK(fx_cccd_owner(st, ca) == 1, "An's CCCD points at person 1");
	CHECK(fx_cccd_owner(st, cc) == 0, "the refused person's CCCD is not indexed");
	CHECK(fx_count(st, DB_CCCD2PERSON) == 3, "3 CCCDs indexed");
	CHECK(fx_count(st, DB_CELL2PERSON) == 3, "3 cell memberships");
	CHECK(fx_count(st, DB_WARD2PERSON) == 3, "3 ward memberships");
	struct job *f = fx_person_find("tran minh", 0, "");
	CHECK(fx_read(st, f) == 0 && f->resp.person_page->n_items == 0,
	    "the refused person's name is not indexed");
	job_free(f);
	f = fx_person_find("le van tam", 0, "");
	CHECK(fx_read(st, f) == 0 && f->resp.person_page->n_items == 0,
	    "nor the conflicting one's");
	job_free(f);
}

/* Two creates with the same CCCD in one batch: first wins. */
static void
test_same_cccd_in_batch(struct store *st)
{
	struct fx_batch b;
	char cccd[13];
	fx_cccd(cccd, 1, 1999, true, 424242);
	fx_batch_init(&b);
	struct job *x = fx_person_create(&b, "Bùi Thị Mai", "1999-06-30",
	    HOSO__GENDER__FEMALE, cccd, 2, 3);
	struct job *y = fx_person_create(&b, "Bùi Thị Mai", "1999-06-30",
	    HOSO__GENDER__FEMALE, cccd, 2, 3);
	fx_run(st, &b);
	CHECK(x->resp.status == HOSO__STATUS__OK, "first of two with one CCCD: OK");
	CHECK(y->resp.status == HOSO__STATUS__CONFLICT,
	    "second: CONFLICT (%d)", y->resp.status);
	CHECK_STR(y->resp.field, "id_number", "  on field id_number");
	uint64_t id = x->resp.status == 0 ? x->resp.person->id : 0;
	CHECK(id == 4 && fx_cccd_owner(st, cccd) == id,
	    "the CCCD belongs to the first (person %llu)", (unsigned long long)id);
	char want[64];
	snprintf(want, sizeof want, "person %llu", (unsigned long long)id);
	CHECK(y->resp.message && strstr(y->resp.message, want),
	    "  the refusal names %s: %s", want, y->resp.message);
	check_frame(x, "first");
	check_frame(y, "second");
	fx_batch_free(&b);
}

/* A create and updates of the new record in one batch see each other. */
static void
test_update_in_batch(struct store *st)
{
	struct fx_batch b;
	char cccd[13];
	fx_cccd(cccd, 79, 1985, false, 777001);
	fx_batch_init(&b);
	struct job *c = fx_person_create(&b, "Võ Quốc Bảo", "1985-09-02",
	    HOSO__GENDER__MALE, cccd, 2, 3);
	struct job *u1 = fx_person_update(&b, 5, 1, "phone", NULL);
	u1->req->person_update->person->phone = fx_str(u1, "0912 345 678");
	struct job *u2 = fx_person_update(&b, 5, 1, "phone", NULL);
	u2->req->person_update->person->phone = fx_str(u2, "0987 654 321");
	struct job *u3 = fx_person_update(&b, 5, 2, "workplace", NULL);
	u3->req->person_update->person->workplace = fx_str(u3, "UBND Phường 1");
	fx_run(st, &b);
	CHECK(c->resp.status == 0 && c->resp.person->id == 5, "person 5 created");
	CHECK(u1->resp.status == 0 && u1->resp.person->version == 2,
	    "update of the record created in the same batch: version 2");
	CHECK(u2->resp.status == HOSO__STATUS__CONFLICT,
	    "a second update expecting version 1 sees version 2: CONFLICT");
	CHECK_STR(u2->resp.field, "expected_version", "  on expected_version");
	CHECK(u3->resp.status == 0 && u3->resp.person->version == 3,
	    "an update expecting version 2: OK, version 3");
	for (struct job *j = b.head; j != NULL; j = j->next)
		check_frame(j, j->cmd->name);
	fx_batch_free(&b);

	struct job *g = fx_person_get(5);
	CHECK(fx_read(st, g) == 0, "person 5 read back");
	if (g->resp.status == 0) {
		CHECK_STR(g->resp.person->phone, "0912 345 678",
		    "the phone of the first update");
		CHECK_STR(g->resp.person->workplace, "UBND Phường 1",
		    "the workplace of the third");
		CHECK(g->resp.person->version == 3, "version 3");
	}
	CHECK(g->frame == NULL, "job_run packs nothing itself");
	CHECK(job_pack(g) == 0, "job_pack of a read reply");
	check_frame(g, "person.get");
	job_free(g);
}

/* A batch in which every request is refused leaves the store as it was. */
static void
test_all_refused(struct store *st)
{
	struct fx_batch b;
	size_t n0 = fx_count(st, DB_ID2PERSON), k0 = fx_count(st, DB_NAME2PERSON);
	char cccd[13];
	fx_cccd(cccd, 79, 1990, false, 123456);    /* An's */
	fx_batch_init(&b);
	struct job *x = fx_person_create(&b, "Hồ Văn Long", "1990-02-03",
	    HOSO__GENDER__MALE, cccd, 2, 3);
	struct job *y = fx_person_create(&b, "Ngô Thị Yến", "1993-07-07",
	    HOSO__GENDER__FEMALE, "07930", 2, 3);
	struct job *z = fx_person_create(&b, "Đỗ Văn Hải", "1992-12-12",
	    HOSO__GENDER__MALE, "079092000777", 2, 4);  /* 4 is police */
	struct job *u = fx_person_update(&b, 99, 1, "phone", NULL);
	fx_run(st, &b);
	CHECK(x->resp.status == HOSO__STATUS__CONFLICT, "dup CCCD: CONFLICT");
	CHECK(y->resp.status == HOSO__STATUS__INVALID_ARGUMENT &&
	    strcmp(y->resp.field, "id_number") == 0,
	    "5-digit CCCD: INVALID_ARGUMENT on id_number");
	CHECK(z->resp.status == HOSO__STATUS__INVALID_ARGUMENT &&
	    strcmp(z->resp.field, "cell_id") == 0,
	    "a police station as home cell: INVALID_ARGUMENT on cell_id (%s)",
	    z->resp.field);
	CHECK(u->resp.status == HOSO__STATUS__NOT_FOUND &&
	    strcmp(u->resp.field, "id") == 0, "update of person 99: NOT_FOUND");
	for (struct job *j = b.head; j != NULL; j = j->next)
		check_frame(j, j->cmd->name);
	fx_batch_free(&b);
	CHECK(fx_count(st, DB_ID2PERSON) == n0 &&
	    fx_count(st, DB_NAME2PERSON) == k0, "store unchanged");
}

/* Test-only handlers: each writes a marker key into the meta table, then
 * succeeds, refuses, or trips a store error after the write. */
static void
mark(struct req_ctx *c)
{
	char key[32];
	snprintf(key, sizeof key, "test:%llu", (unsigned long long)c->req->id);
	MDB_val k = { strlen(key), key }, v = { 1, (void *)"x" };
	txn_put(c->txn, DB_META, &k, &v, 0);
}

/* Write a marker, succeed. */
static int
cmd_mark_ok(struct req_ctx *c)
{
	mark(c);
	return 0;
}

/* Write a marker, then refuse the request. */
static int
cmd_mark_refuse(struct req_ctx *c)
{
	mark(c);
	return ctx_fail(c, HOSO__STATUS__FAILED_PRECONDITION, "test",
	    "refused after writing");
}

/* Write a marker, then make the txn fail (an empty key). */
static int
cmd_mark_store_error(struct req_ctx *c)
{
	mark(c);
	MDB_val k = { 0, (void *)"" }, v = { 1, (void *)"x" };
	txn_put(c->txn, DB_META, &k, &v, 0);   /* empty key: sticky error */
	return 0;
}

/* Whether request id's marker key was committed. */
static bool
marked(struct store *st, uint64_t id)
{
	char key[32];
	struct txn t;
	MDB_val v;
	snprintf(key, sizeof key, "test:%llu", (unsigned long long)id);
	MDB_val k = { strlen(key), key };
	if (store_read_begin(st, &t) != 0)
		return false;
	int rc = txn_get(&t, DB_META, &k, &v);
	store_read_end(&t);
	return rc == 0;
}

/* The writer itself: a refused request's writes are undone even when the
 * handler wrote before refusing, and a store error fails only its own
 * request.  (The real handlers validate before writing, so they cannot
 * show this.) */
static void
test_child_undo(struct store *st)
{
	static struct cmd ok = { HOSO__REQUEST__BODY_PING, "test.ok", cmd_mark_ok,
	    CMD_WRITE, 0, 0 };
	static struct cmd refuse = { HOSO__REQUEST__BODY_PING, "test.refuse",
	    cmd_mark_refuse, CMD_WRITE, 0, 0 };
	static struct cmd storeerr = { HOSO__REQUEST__BODY_PING, "test.storeerr",
	    cmd_mark_store_error, CMD_WRITE, 0, 0 };
	struct cmd *seq[] = { &ok, &refuse, &ok, &storeerr, &ok };
	struct job *jobs[5];
	struct fx_batch b;
	fx_batch_init(&b);
	for (int i = 0; i < 5; i++) {
		jobs[i] = fx_job(&b, HOSO__REQUEST__BODY_PING);
		jobs[i]->cmd = seq[i];
	}
	fx_run(st, &b);
	CHECK(jobs[0]->resp.status == 0 && jobs[2]->resp.status == 0 &&
	    jobs[4]->resp.status == 0, "the three plain writes: OK");
	CHECK(jobs[1]->resp.status == HOSO__STATUS__FAILED_PRECONDITION,
	    "write-then-refuse: its own status");
	CHECK(jobs[3]->resp.status == HOSO__STATUS__INTERNAL &&
	    strstr(jobs[3]->resp.message, "nothing was saved") != NULL,
	    "write-then-store-error: INTERNAL, \"%s\"", jobs[3]->resp.message);
	CHECK(marked(st, jobs[0]->req->id) && marked(st, jobs[2]->req->id) &&
	    marked(st, jobs[4]->req->id), "their writes committed");
	CHECK(!marked(st, jobs[1]->req->id),
	    "the refused request's write was undone");
	CHECK(!marked(st, jobs[3]->req->id),
	    "the failed request's write was undone");
	CHECK(ok.calls == 3 && ok.failures == 0 && refuse.failures == 1 &&
	    storeerr.failures == 1, "per-command call and failure counts");
	for (int i = 0; i < 5; i++)
		check_frame(jobs[i], jobs[i]->cmd->name);
	fx_batch_free(&b);
}

/* A batch that fills a tiny map is retried after growing: the refused
 * request in its middle still reports its own refusal, the rest succeed. */
static void
test_retry_after_grow(void)
{
	char *dir = fx_tmpdir();
	struct store st;
	struct fx_batch b;
	fx_open(&st, dir, 32768 * 4);
	fx_batch_init(&b);
	fx_org_create(&b, HOSO__ORG_KIND__ORG_DISTRICT, "QHA", "Quận ủy Hòa An", 0);
	fx_org_create(&b, HOSO__ORG_KIND__ORG_WARD, "P01", "Đảng ủy Phường 1", 1);
	fx_org_create(&b, HOSO__ORG_KIND__ORG_CELL, "KP1", "Chi bộ Khu phố 1", 2);
	fx_run(&st, &b);
	fx_batch_free(&b);

	uint64_t grows0 = fx_grows;
	fx_batch_init(&b);
	struct job *bad = NULL;
	unsigned ok = 0;
	for (unsigned i = 1; i <= 301; i++) {
		char cccd[13], name[64];
		fx_cccd(cccd, 79, 1980 + (int)(i % 20), false, 500000 + i);
		snprintf(name, sizeof name, "Nguyễn Đức Thành %s",
		    (const char *[]){ "An", "Bình", "Châu", "Duy" }[i % 4]);
		char born[11];
		snprintf(born, sizeof born, "%d-05-05", 1980 + (int)(i % 20));
		struct job *j = fx_person_create(&b, name,
		    i == 150 ? "1985-13-01" : born, HOSO__GENDER__MALE, cccd, 2, 3);
		if (i == 150)
			bad = j;
	}
	fx_run(&st, &b);
	for (struct job *j = b.head; j != NULL; j = j->next)
		ok += j != bad && j->resp.status == HOSO__STATUS__OK;
	CHECK(fx_grows > grows0, "the batch filled the map and was retried");
	CHECK(ok == 300, "300 of 301 OK after the retry (%u)", ok);
	CHECK(bad->resp.status == HOSO__STATUS__INVALID_ARGUMENT &&
	    strcmp(bad->resp.field, "born") == 0,
	    "month 13 still INVALID_ARGUMENT on born after the retry");
	check_frame(bad, "the refused one");
	check_frame(b.head, "an accepted one");
	fx_batch_free(&b);
	CHECK(fx_count(&st, DB_ID2PERSON) == 300, "300 people stored");
	CHECK(fx_last_id(&st, DB_ID2PERSON) == 300, "ids 1..300");
	store_close(&st);
	fx_rmdir(dir);
}

/* The --demo data goes through the same batch path and obeys every rule
 * (strict CCCDs included); seeding twice does nothing the second time. */
static void
test_demo(void)
{
	char *dir = fx_tmpdir(), *cause = NULL;
	struct store st;
	struct config cfg;
	config_defaults(&cfg);          /* the rules a demo run has */
	struct rules strict = cfg.rules;
	strict.cccd_strict = true;
	config_free(&cfg);
	fx_open(&st, dir, 1 << 20);
	int rc = demo_seed(&st, &strict, &cause);
	CHECK(rc == 0, "demo_seed under strict rules (%s)", cause ? cause : "ok");
	free(cause);
	cause = NULL;
	CHECK(fx_count(&st, DB_ID2ORG) == 13 && fx_count(&st, DB_ID2PERSON) == 42,
	    "13 units and 42 people (30 candidates, 12 members)");
	CHECK(fx_count(&st, DB_ID2CHECK) == 3 && fx_count(&st, DB_WARD2CHECK) == 3,
	    "3 background checks");
	CHECK(fx_count(&st, DB_CCCD2PERSON) == 42 &&
	    fx_count(&st, DB_CELL2PERSON) == 42 &&
	    fx_count(&st, DB_WARD2PERSON) == 42, "every index filled");
	CHECK(fx_count(&st, DB_ID2FILE) == 30, "a file for each candidate");
	rc = demo_seed(&st, &strict, &cause);
	CHECK(rc == 0 && fx_count(&st, DB_ID2PERSON) == 42,
	    "a second demo_seed adds nothing");
	free(cause);
	struct job *j = fx_person_find("nguyen", 0, "");
	CHECK(fx_read(&st, j) == 0 && j->resp.person_page->n_items > 0,
	    "demo people can be found by name (%zu Nguyễn)",
	    j->resp.status == 0 ? j->resp.person_page->n_items : 0);
	job_free(j);
	store_close(&st);
	fx_rmdir(dir);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);   /* keep the output of a crash */
	log_set_level(LOG_WARN);
	char *dir = fx_tmpdir();
	struct store st;
	fx_open(&st, dir, 1 << 20);
	test_units(&st);
	test_middle_refused(&st);
	test_same_cccd_in_batch(&st);
	test_update_in_batch(&st);
	test_all_refused(&st);
	test_child_undo(&st);
	store_close(&st);
	fx_rmdir(dir);
	test_retry_after_grow();
	test_demo();
	return t_done();
}
