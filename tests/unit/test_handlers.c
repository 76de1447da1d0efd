/* test_handlers.c: the org and person handlers on a fresh temporary store:
 * writes through writer_run_batch, reads through job_run on the loop's read
 * transaction (conn and srv NULL; Hello needs a connection and is tested by
 * the integration layer).  Covers updates and their index upkeep, search,
 * paging, cursors, the unit rules and the CCCD rules.  People invented. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_fixture.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Units, by id. */
enum { U_QHA = 1, U_P01, U_P02, U_KP1, U_KP3, U_CAP01 };

/* The people, by id (created in this order). */
struct who {
	const char *name, *born;
	bool female;
	int province;
	uint64_t ward, cell;
	char cccd[13];
};

static struct who people[] = {
	{ "Nguyễn Văn An", "1990-04-12", false, 79, U_P01, U_KP1, "" },
	{ "Đặng Thị Hường", "1995-11-03", true, 1, U_P01, U_KP1, "" },
	{ "Nguyễn Ngọc Nam", "2001-07-15", false, 79, U_P02, U_KP3, "" },
	{ "Trần Thị Thu Hà", "1988-02-29", true, 79, U_P02, U_KP3, "" },
	{ "Lê Văn Bình", "1979-10-10", false, 1, U_P01, U_KP1, "" },
	{ "Nguyễn Thị Lan", "1992-03-08", true, 79, U_P02, U_KP3, "" },
	{ "Hoàng Văn Nam", "1983-12-01", false, 48, U_P01, U_KP1, "" },
	{ "Nguyễn Văn Anh", "1998-01-20", false, 79, U_P02, U_KP1, "" },
	{ "Trần Hải Đăng", "2000-09-09", false, 79, U_P01, U_KP3, "" },
	{ "Ngô Thị Yến", "2003-05-05", true, 1, U_P01, U_KP1, "" },
};
#define NPEOPLE NELEM(people)

/* Status of one write request run alone; the job is freed. */
static int
write1(struct store *st, struct job *j, const char **field)
{
	static char fieldbuf[64];
	int s = fx_write1(st, j);
	snprintf(fieldbuf, sizeof fieldbuf, "%s", j->resp.field ? j->resp.field : "");
	if (field != NULL)
		*field = fieldbuf;
	job_free(j);
	return s;
}

/* The units and people every test below starts from. */
static void
seed(struct store *st)
{
	struct fx_batch b;
	int bad = 0;
	fx_batch_init(&b);
	fx_org_create(&b, HOSO__ORG_KIND__ORG_DISTRICT, "QHA", "Quận ủy Hòa An", 0);
	fx_org_create(&b, HOSO__ORG_KIND__ORG_WARD, "P01", "Đảng ủy Phường 1", U_QHA);
	fx_org_create(&b, HOSO__ORG_KIND__ORG_WARD, "P02", "Đảng ủy Phường 2", U_QHA);
	fx_org_create(&b, HOSO__ORG_KIND__ORG_CELL, "P01-KP1", "Chi bộ Khu phố 1",
	    U_P01);
	fx_org_create(&b, HOSO__ORG_KIND__ORG_CELL, "P02-KP3", "Chi bộ Khu phố 3",
	    U_P02);
	fx_org_create(&b, HOSO__ORG_KIND__ORG_POLICE, "CA-P01", "Công an Phường 1",
	    U_P01);
	fx_run(st, &b);
	for (struct job *j = b.head; j != NULL; j = j->next)
		bad += j->resp.status != 0;
	fx_batch_free(&b);

	fx_batch_init(&b);
	for (size_t i = 0; i < NPEOPLE; i++) {
		struct who *w = &people[i];
		int year = atoi(w->born);
		fx_cccd(w->cccd, w->province, year, w->female, 10007u * (unsigned)(i + 3));
		fx_person_create(&b, w->name, w->born, w->female ?
		    HOSO__GENDER__FEMALE : HOSO__GENDER__MALE, w->cccd, w->ward,
		    w->cell);
	}
	fx_run(st, &b);
	uint64_t id = 0;
	for (struct job *j = b.head; j != NULL; j = j->next) {
		bad += j->resp.status != 0;
		if (j->resp.status == 0 && j->resp.person->id != ++id)
			bad++;
	}
	fx_batch_free(&b);
	CHECK(bad == 0, "seeded 6 units and %zu people with ids in order", NPEOPLE);
	if (bad != 0) {
		printf("Bail out! seeding failed\n");
		exit(2);
	}
}

/* Find (or list, when text is NULL) with page size limit over all pages
 * gives exactly the ids want, each once. */
static void
expect_ids(struct store *st, const char *text, uint64_t cell, uint64_t ward,
    uint32_t limit, const uint64_t *want, size_t nwant, const char *what)
{
	uint64_t ids[64];
	int pages;
	int n = fx_collect(st, text, cell, ward, limit, ids, NELEM(ids), &pages);
	bool ok = fx_same_set(ids, n, want, nwant);
	CHECK(ok, "%s: %zu found, each once (%d pages of %u)", what, nwant, pages,
	    limit);
	if (!ok) {
		printf("#   got");
		for (int i = 0; i < n; i++)
			printf(" %llu", (unsigned long long)ids[i]);
		printf("\n");
	}
}

/* ---- search --------------------------------------------------------- */

/* Search by name (folded, any word start) and by CCCD prefix, in pages. */
static void
test_find(struct store *st)
{
	static const uint64_t nguyen_van[] = { 1, 8 }, dang[] = { 2, 9 },
	    ng[] = { 1, 3, 6, 8, 10 }, nam[] = { 3, 7 }, thi[] = { 2, 4, 6, 10 },
	    nguyen[] = { 1, 3, 6, 8 }, an[] = { 1, 8 }, none[] = { 0 };

	expect_ids(st, "nguyen van", 0, 0, 0, nguyen_van, 2, "find \"nguyen van\"");
	expect_ids(st, "NGUYỄN VĂN", 0, 0, 0, nguyen_van, 2, "find \"NGUYỄN VĂN\"");
	expect_ids(st, "van an", 0, 0, 0, nguyen_van, 2,
	    "find \"van an\" (from the middle word)");
	expect_ids(st, "  Nguyễn   văn ", 0, 0, 0, nguyen_van, 2,
	    "find with extra blanks");
	/* Decomposed (NFD) input: e + combining circumflex + combining tilde. */
	expect_ids(st, "Nguye\xcc\x82\xcc\x83n Va\xcc\x86n", 0, 0, 0, nguyen_van, 2,
	    "find with decomposed diacritics");
	expect_ids(st, "an", 0, 0, 0, an, 2, "find \"an\" (last word, prefix of anh)");
	expect_ids(st, "đang", 0, 0, 0, dang, 2, "find \"đang\" (Đặng, Đăng)");
	expect_ids(st, "dang", 0, 0, 0, dang, 2, "find \"dang\"");
	expect_ids(st, "ĐẶNG THỊ", 0, 0, 0, dang, 1, "find \"ĐẶNG THỊ\"");
	expect_ids(st, "ng", 0, 0, 0, ng, NELEM(ng),
	    "find \"ng\" (Nguyễn Ngọc Nam matches at two words)");
	expect_ids(st, "nam", 0, 0, 0, nam, 2, "find \"nam\"");
	expect_ids(st, "thi", 0, 0, 0, thi, NELEM(thi), "find \"thi\"");
	expect_ids(st, "xuan", 0, 0, 0, none, 0, "find \"xuan\": nobody");
	expect_ids(st, "guyen", 0, 0, 0, none, 0,
	    "find \"guyen\": only word starts match");

	/* Paging: small pages, no duplicates, no gaps. */
	expect_ids(st, "ng", 0, 0, 2, ng, NELEM(ng), "find \"ng\" by 2");
	expect_ids(st, "ng", 0, 0, 1, ng, NELEM(ng), "find \"ng\" by 1");
	expect_ids(st, "nguyen", 0, 0, 2, nguyen, NELEM(nguyen),
	    "find \"nguyen\" by 2");
	expect_ids(st, "thi", 0, 0, 3, thi, NELEM(thi), "find \"thi\" by 3");
	int pages;
	uint64_t ids[16];
	fx_collect(st, "ng", 0, 0, 2, ids, NELEM(ids), &pages);
	CHECK(pages == 3, "5 results by 2: 3 pages, the last without a cursor (%d)",
	    pages);
	fx_collect(st, "nguyen", 0, 0, 2, ids, NELEM(ids), &pages);
	CHECK(pages == 2, "4 results by 2: 2 pages, no empty third (%d)", pages);

	/* By CCCD: all digits is a prefix search on the number. */
	uint64_t p079[NPEOPLE], p001[NPEOPLE];
	size_t n079 = 0, n001 = 0;
	for (size_t i = 0; i < NPEOPLE; i++) {
		if (people[i].province == 79)
			p079[n079++] = i + 1;
		if (people[i].province == 1)
			p001[n001++] = i + 1;
	}
	expect_ids(st, "079", 0, 0, 2, p079, n079, "find \"079\" (CCCD prefix) by 2");
	expect_ids(st, "001", 0, 0, 0, p001, n001, "find \"001\"");
	uint64_t seven = 7;
	expect_ids(st, people[6].cccd, 0, 0, 0, &seven, 1, "find a whole CCCD");

	/* The response to a find. */
	struct job *j = fx_person_find("hoang van nam", 0, "");
	CHECK(fx_read(st, j) == 0 && j->resp.id == j->req->id &&
	    j->resp.body_case == HOSO__RESPONSE__BODY_PERSON_PAGE &&
	    j->resp.person_page->n_items == 1, "find replies with a PersonPage");
	if (j->resp.status == 0 && j->resp.person_page->n_items == 1) {
		CHECK_STR(j->resp.person_page->items[0]->name, "Hoàng Văn Nam",
		    "  holding the whole record");
		CHECK_STR(j->resp.person_page->next_cursor, "", "  no next cursor");
	}
	job_free(j);
}

/* Bad inputs to find and the listings. */
static void
test_find_refusals(struct store *st)
{
	struct job *j = fx_person_find("   ", 0, "");
	CHECK(fx_read(st, j) == HOSO__STATUS__INVALID_ARGUMENT &&
	    strcmp(j->resp.field, "text") == 0, "find \"   \": INVALID_ARGUMENT text");
	job_free(j);
	j = fx_person_find("ng\xff", 0, "");
	CHECK(fx_read(st, j) == HOSO__STATUS__INVALID_ARGUMENT &&
	    strcmp(j->resp.field, "text") == 0,
	    "find with invalid UTF-8: INVALID_ARGUMENT text");
	job_free(j);

	static const char *bad[] = { "zz", "abc", "0g" };
	for (size_t i = 0; i < NELEM(bad); i++) {
		j = fx_person_find("ng", 2, bad[i]);
		CHECK(fx_read(st, j) == HOSO__STATUS__INVALID_ARGUMENT &&
		    strcmp(j->resp.field, "cursor") == 0,
		    "find, cursor \"%s\": INVALID_ARGUMENT cursor", bad[i]);
		job_free(j);
		j = fx_person_list(U_KP1, 0, 2, bad[i]);
		CHECK(fx_read(st, j) == HOSO__STATUS__INVALID_ARGUMENT &&
		    strcmp(j->resp.field, "cursor") == 0,
		    "list, cursor \"%s\": INVALID_ARGUMENT cursor", bad[i]);
		job_free(j);
		j = fx_org_list(0, 0, 2, bad[i]);
		CHECK(fx_read(st, j) == HOSO__STATUS__INVALID_ARGUMENT &&
		    strcmp(j->resp.field, "cursor") == 0,
		    "org list, cursor \"%s\": INVALID_ARGUMENT cursor", bad[i]);
		job_free(j);
	}
	/* A cursor longer than any key. */
	char longc[2 * 600 + 1];
	memset(longc, 'a', sizeof longc - 1);
	longc[sizeof longc - 1] = '\0';
	j = fx_person_find("ng", 2, longc);
	CHECK(fx_read(st, j) == HOSO__STATUS__INVALID_ARGUMENT &&
	    strcmp(j->resp.field, "cursor") == 0,
	    "find, 600-byte cursor: INVALID_ARGUMENT cursor");
	job_free(j);

	/* A cursor from one search used for another. */
	j = fx_person_find("ng", 2, "");
	char *cur = NULL;
	if (fx_read(st, j) == 0)
		cur = strdup(j->resp.person_page->next_cursor);
	job_free(j);
	CHECK(cur != NULL && *cur != '\0', "find \"ng\" by 2 gives a cursor");
	j = fx_person_find("tran", 2, cur ? cur : "");
	CHECK(fx_read(st, j) == HOSO__STATUS__INVALID_ARGUMENT &&
	    strcmp(j->resp.field, "cursor") == 0,
	    "that cursor with \"tran\": INVALID_ARGUMENT cursor");
	job_free(j);
	j = fx_person_find("NG", 2, cur ? cur : "");
	CHECK(fx_read(st, j) == 0 && j->resp.person_page->n_items == 2,
	    "and with \"NG\" (same folded query) the next page");
	job_free(j);
	free(cur);
}

/* ---- listing ----------------------------------------------------------- */

/* Listing by cell, by ward and by both, in pages. */
static void
test_list(struct store *st)
{
	uint64_t kp1[NPEOPLE], p02[NPEOPLE], both[NPEOPLE];
	size_t nkp1 = 0, np02 = 0, nboth = 0;
	for (size_t i = 0; i < NPEOPLE; i++) {
		if (people[i].cell == U_KP1)
			kp1[nkp1++] = i + 1;
		if (people[i].ward == U_P02)
			p02[np02++] = i + 1;
		if (people[i].cell == U_KP1 && people[i].ward == U_P02)
			both[nboth++] = i + 1;
	}
	expect_ids(st, NULL, U_KP1, 0, 2, kp1, nkp1, "list cell KP1 by 2");
	expect_ids(st, NULL, 0, U_P02, 2, p02, np02, "list ward P02 by 2");
	expect_ids(st, NULL, U_KP1, U_P02, 1, both, nboth,
	    "list cell KP1 living in P02 by 1");
	expect_ids(st, NULL, U_CAP01, 0, 2, NULL, 0, "list a police station: empty");

}

/* Listing everyone (no cell, no ward): by id, in pages.
 *
 * BUG: cmd_person_list (daemon/cmd-person-list.c) calls ppage_scan with
 * prefix NULL and plen 0 for this listing, and ppage_scan does
 * memcmp(k.mv_data, prefix, plen) on every key: memcmp with a null pointer
 * is undefined even for length 0.  Under UBSan (make ... SANITIZE=1, which
 * sets -fno-sanitize-recover) the process dies here with "null pointer
 * passed as argument 2"; hosod built that way dies on the first
 * PersonList without filters.  Kept last so the checks above still run in
 * the sanitizer build. */
static void
test_list_everyone(struct store *st)
{
	uint64_t all[64];
	size_t n_all = fx_count(st, DB_ID2PERSON);
	for (size_t i = 0; i < n_all && i < NELEM(all); i++)
		all[i] = i + 1;
	expect_ids(st, NULL, 0, 0, 2, all, n_all, "list everyone by 2");
	expect_ids(st, NULL, 0, 0, 3, all, n_all, "list everyone by 3");
	expect_ids(st, NULL, 0, 0, 0, all, n_all, "list everyone, default page");
	uint64_t ids[64];
	int pages, n = fx_collect(st, NULL, 0, 0, 3, ids, NELEM(ids), &pages);
	bool ascending = n == (int)n_all;
	for (int i = 1; ascending && i < n; i++)
		ascending = ids[i] > ids[i - 1];
	CHECK(ascending, "list everyone comes in id order");
	CHECK(pages == (int)(n_all + 2) / 3, "%zu people by 3: %zu pages (%d)",
	    n_all, (n_all + 2) / 3, pages);
	fx_collect(st, NULL, 0, 0, 2, ids, NELEM(ids), &pages);
	CHECK(pages == (int)(n_all + 1) / 2, "%zu people by 2: %zu pages, no empty "
	    "extra one (%d)", n_all, (n_all + 1) / 2, pages);
}

/* ---- person updates ------------------------------------------------- */

/* Updates that must be refused leave the record exactly as it was. */
static void
test_update_refusals(struct store *st)
{
	const char *field;
	uint64_t ver = 0;
	struct job *j = fx_person_update(NULL, 5, 0, "name", NULL);
	j->req->person_update->person->name = fx_str(j, "Lê Văn Bính");
	CHECK(write1(st, j, &field) == HOSO__STATUS__CONFLICT &&
	    strcmp(field, "expected_version") == 0,
	    "update expecting version 0: CONFLICT expected_version");
	j = fx_person_update(NULL, 5, 2, "name", NULL);
	j->req->person_update->person->name = fx_str(j, "Lê Văn Bính");
	CHECK(write1(st, j, &field) == HOSO__STATUS__CONFLICT &&
	    strcmp(field, "expected_version") == 0,
	    "update expecting version 2 of a version-1 record: CONFLICT");
	char *name = fx_person_name(st, 5, &ver);
	CHECK_STR(name, "Lê Văn Bình", "  the name is unchanged");
	CHECK(ver == 1, "  and the version still 1");
	free(name);
	uint64_t five = 5;
	expect_ids(st, "le van binh", 0, 0, 0, &five, 1, "  still found by its name");

	j = fx_person_update(NULL, 999, 1, "phone", NULL);
	CHECK(write1(st, j, &field) == HOSO__STATUS__NOT_FOUND &&
	    strcmp(field, "id") == 0, "update of person 999: NOT_FOUND id");
	j = fx_person_update(NULL, 5, 1, NULL);
	CHECK(write1(st, j, &field) == HOSO__STATUS__INVALID_ARGUMENT &&
	    strcmp(field, "fields") == 0, "update naming no field: INVALID fields");
	j = fx_person_update(NULL, 5, 1, "phone", "version", NULL);
	CHECK(write1(st, j, &field) == HOSO__STATUS__INVALID_ARGUMENT &&
	    strcmp(field, "fields") == 0, "update of \"version\": INVALID fields");
	j = fx_person_update(NULL, 5, 1, "id", NULL);
	CHECK(write1(st, j, &field) == HOSO__STATUS__INVALID_ARGUMENT &&
	    strcmp(field, "fields") == 0, "update of \"id\": INVALID fields");
	/* A born date the CCCD's year digits contradict (strict rules). */
	j = fx_person_update(NULL, 5, 1, "born", NULL);
	j->req->person_update->person->born = fx_str(j, "1980-10-10");
	CHECK(write1(st, j, &field) == HOSO__STATUS__INVALID_ARGUMENT &&
	    strcmp(field, "id_number") == 0,
	    "born moved to 1980, CCCD year digits say 79: INVALID id_number");
	j = fx_person_update(NULL, 5, 1, "cell_id", NULL);
	j->req->person_update->person->cell_id = U_P01;
	CHECK(write1(st, j, &field) == HOSO__STATUS__INVALID_ARGUMENT &&
	    strcmp(field, "cell_id") == 0, "a ward as home cell: INVALID cell_id");
	j = fx_person_update(NULL, 5, 1, "name", NULL);
	j->req->person_update->person->name = fx_str(j, "");
	CHECK(write1(st, j, &field) == HOSO__STATUS__INVALID_ARGUMENT &&
	    strcmp(field, "name") == 0, "clearing the name: INVALID name");
	name = fx_person_name(st, 5, &ver);
	CHECK(ver == 1 && name && strcmp(name, "Lê Văn Bình") == 0,
	    "after all the refusals person 5 is untouched");
	free(name);
}

/* A rename moves the person's search keys from the old name to the new. */
static void
test_update_name(struct store *st)
{
	uint64_t five = 5, ver = 0;
	size_t keys0 = fx_count(st, DB_NAME2PERSON);
	struct job *j = fx_person_update(NULL, 5, 1, "name", NULL);
	j->req->person_update->person->name = fx_str(j, "  Lê   Thành Công ");
	int s = fx_write1(st, j);
	CHECK(s == 0 && j->resp.person->version == 2,
	    "rename person 5: OK, version 2");
	CHECK_STR(s == 0 ? j->resp.person->name : NULL, "Lê Thành Công",
	    "  the new name normalised in the reply");
	job_free(j);
	char *name = fx_person_name(st, 5, &ver);
	CHECK_STR(name, "Lê Thành Công", "  and stored");
	CHECK(ver == 2, "  stored version 2");
	free(name);
	expect_ids(st, "binh", 0, 0, 0, NULL, 0, "  old word \"binh\" no longer found");
	expect_ids(st, "le van", 0, 0, 0, NULL, 0, "  old \"le van\" no longer found");
	expect_ids(st, "thanh cong", 0, 0, 0, &five, 1, "  new \"thanh cong\" found");
	expect_ids(st, "le thanh", 0, 0, 0, &five, 1, "  new \"le thanh\" found");
	expect_ids(st, "cong", 0, 0, 0, &five, 1, "  new \"cong\" found");
	CHECK(fx_count(st, DB_NAME2PERSON) == keys0,
	    "  three words out, three in: %zu index keys", keys0);

	/* Same folded form: only the stored spelling changes. */
	j = fx_person_update(NULL, 5, 2, "name", NULL);
	j->req->person_update->person->name = fx_str(j, "LÊ THÀNH CÔNG");
	CHECK(fx_write1(st, j) == 0, "rename to the same name in capitals");
	job_free(j);
	expect_ids(st, "le thanh cong", 0, 0, 0, &five, 1, "  still found once");
	CHECK(fx_count(st, DB_NAME2PERSON) == keys0, "  index unchanged");
}

/* A new CCCD frees the old one for someone else; a taken one is refused. */
static void
test_update_cccd(struct store *st)
{
	struct who *w = &people[6];     /* Hoàng Văn Nam, id 7 */
	char newc[13], taken[13];
	const char *field;
	uint64_t ver = 0;
	snprintf(taken, sizeof taken, "%s", people[0].cccd);
	fx_cccd(newc, 48, 1983, false, 909090);

	/* A CCCD someone else has, together with a new name: nothing applied.
	 * (Lax rules, so An's number is well-formed for Nam's birth year.) */
	struct job *j = fx_person_update(NULL, 7, 1, "name", "id_number", NULL);
	j->rules.cccd_strict = false;
	j->req->person_update->person->name = fx_str(j, "Hoàng Văn Nhâm");
	j->req->person_update->person->id_number = fx_str(j, taken);
	CHECK(write1(st, j, &field) == HOSO__STATUS__CONFLICT &&
	    strcmp(field, "id_number") == 0,
	    "taking An's CCCD: CONFLICT id_number");
	expect_ids(st, "hoang van nham", 0, 0, 0, NULL, 0,
	    "  the name change in the same request was not applied");
	CHECK(fx_cccd_owner(st, taken) == 1 && fx_cccd_owner(st, w->cccd) == 7,
	    "  both CCCDs still point at their owners");

	j = fx_person_update(NULL, 7, 1, "id_number", NULL);
	j->req->person_update->person->id_number = fx_str(j, newc);
	CHECK(write1(st, j, &field) == 0, "person 7 gets a new CCCD");
	CHECK(fx_cccd_owner(st, newc) == 7, "  the new CCCD points at 7");
	CHECK(fx_cccd_owner(st, w->cccd) == 0, "  the old CCCD is free");
	uint64_t seven = 7;
	expect_ids(st, newc, 0, 0, 0, &seven, 1, "  find by the new number");
	expect_ids(st, w->cccd, 0, 0, 0, NULL, 0, "  the old number finds nobody");

	j = fx_person_create(NULL, "Hồ Minh Quân", "1983-06-16",
	    HOSO__GENDER__MALE, w->cccd, U_P01, U_KP1);
	int s = fx_write1(st, j);
	uint64_t id = s == 0 ? j->resp.person->id : 0;
	job_free(j);
	CHECK(s == 0 && id == NPEOPLE + 1,
	    "another person takes the freed CCCD (person %llu)",
	    (unsigned long long)id);
	CHECK(fx_cccd_owner(st, w->cccd) == id, "  and it points at them");
	CHECK(fx_count(st, DB_CCCD2PERSON) == fx_count(st, DB_ID2PERSON),
	    "  one CCCD key per person (%zu)", fx_count(st, DB_ID2PERSON));
	char *name = fx_person_name(st, 7, &ver);
	CHECK(ver == 2 && name && strcmp(name, "Hoàng Văn Nam") == 0,
	    "  person 7 at version 2 with the old name");
	free(name);
	snprintf(w->cccd, sizeof w->cccd, "%s", newc);
}

/* Moving a person between cells and wards moves their membership keys. */
static void
test_update_units(struct store *st)
{
	/* Person 1 (An): cell KP1 -> KP3, ward P01 -> P02. */
	struct job *j = fx_person_update(NULL, 1, 1, "cell_id", "residence_id",
	    NULL);
	j->req->person_update->person->cell_id = U_KP3;
	j->req->person_update->person->residence_id = U_P02;
	const char *field;
	CHECK(write1(st, j, &field) == 0, "person 1 moves to cell KP3, ward P02");
	people[0].cell = U_KP3;
	people[0].ward = U_P02;

	uint64_t kp1[NPEOPLE + 1], kp3[NPEOPLE + 1], p01[NPEOPLE + 1],
	    p02[NPEOPLE + 1];
	size_t n1 = 0, n3 = 0, w1 = 0, w2 = 0;
	for (size_t i = 0; i < NPEOPLE; i++) {
		if (people[i].cell == U_KP1)
			kp1[n1++] = i + 1;
		else
			kp3[n3++] = i + 1;
		if (people[i].ward == U_P01)
			p01[w1++] = i + 1;
		else
			p02[w2++] = i + 1;
	}
	kp1[n1++] = NPEOPLE + 1;            /* Hồ Minh Quân */
	p01[w1++] = NPEOPLE + 1;
	expect_ids(st, NULL, U_KP1, 0, 2, kp1, n1, "  cell KP1 without person 1");
	expect_ids(st, NULL, U_KP3, 0, 2, kp3, n3, "  cell KP3 with person 1");
	expect_ids(st, NULL, 0, U_P01, 2, p01, w1, "  ward P01 without person 1");
	expect_ids(st, NULL, 0, U_P02, 2, p02, w2, "  ward P02 with person 1");
	CHECK(fx_count(st, DB_CELL2PERSON) == NPEOPLE + 1 &&
	    fx_count(st, DB_WARD2PERSON) == NPEOPLE + 1,
	    "  one membership key per person per list");

	/* Clearing the cell removes the membership. */
	j = fx_person_update(NULL, 1, 2, "cell_id", NULL);
	j->req->person_update->person->cell_id = 0;
	CHECK(write1(st, j, &field) == 0, "person 1 leaves every cell");
	CHECK(fx_count(st, DB_CELL2PERSON) == NPEOPLE,
	    "  one cell membership fewer");
	expect_ids(st, NULL, U_KP3, 0, 2, kp3 + 1, n3 - 1, "  cell KP3 without person 1");
}

/* ---- person records --------------------------------------------------- */

/* Field rules of a person record, and the normalised text it stores. */
static void
test_person_rules(struct store *st)
{
	const char *field;
	struct {
		const char *name, *born, *cccd;
		Hoso__Gender g;
		uint64_t ward, cell;
		const char *field;
		int status;
		const char *what;
	} cases[] = {
		{ "Nguyễn Văn 2", "1990-01-01", "079090555001", HOSO__GENDER__MALE,
		  U_P01, U_KP1, "name", 1, "a digit in the name" },
		{ "", "1990-01-01", "079090555002", HOSO__GENDER__MALE, U_P01,
		  U_KP1, "name", 1, "no name" },
		{ "Phan Văn Tài", "", "079090555003", HOSO__GENDER__MALE, U_P01,
		  U_KP1, "born", 1, "no date of birth" },
		{ "Phan Văn Tài", "10/01/1990", "079090555004", HOSO__GENDER__MALE,
		  U_P01, U_KP1, "born", 1, "date not in ISO form" },
		{ "Phan Văn Tài", "1899-12-31", "079899555005", HOSO__GENDER__MALE,
		  U_P01, U_KP1, "born", 1, "born before 1900" },
		{ "Phan Văn Tài", "2990-01-01", "079990555006", HOSO__GENDER__MALE,
		  U_P01, U_KP1, "born", 1, "born in the future" },
		{ "Phan Văn Tài", "1990-01-01", "079090555007",
		  HOSO__GENDER__GENDER_UNSPECIFIED, U_P01, U_KP1, "gender", 1,
		  "no gender" },
		{ "Phan Văn Tài", "1990-01-01", "", HOSO__GENDER__MALE, U_P01,
		  U_KP1, "id_number", 1, "no CCCD" },
		{ "Phan Văn Tài", "1990-01-01", "079090555008", HOSO__GENDER__MALE,
		  U_KP1, U_KP1, "residence_id", 1, "a cell as residence ward" },
		{ "Phan Văn Tài", "1990-01-01", "079090555009", HOSO__GENDER__MALE,
		  77, U_KP1, "residence_id", 2, "residence ward 77 missing" },
		{ "Phan Văn Tài", "1990-01-01", "079090555010", HOSO__GENDER__MALE,
		  U_P01, 77, "cell_id", 2, "cell 77 missing" },
	};
	size_t n0 = fx_count(st, DB_ID2PERSON);
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct job *j = fx_person_create(NULL, cases[i].name, cases[i].born,
		    cases[i].g, cases[i].cccd, cases[i].ward, cases[i].cell);
		int s = write1(st, j, &field);
		CHECK(s == cases[i].status && strcmp(field, cases[i].field) == 0,
		    "create with %s: status %d on %s (got %d on %s)",
		    cases[i].what, cases[i].status, cases[i].field, s, field);
	}
	struct job *j = fx_person_create(NULL, "Phan Văn Tài", "1990-01-01",
	    HOSO__GENDER__MALE, "079090555011", U_P01, U_KP1);
	j->req->person_create->person->phone = fx_str(j, "09-ab-12");
	CHECK(write1(st, j, &field) == 1 && strcmp(field, "phone") == 0,
	    "create with phone \"09-ab-12\": INVALID phone");
	j = fx_person_create(NULL, "Phan Văn Tài", "1990-01-01",
	    HOSO__GENDER__MALE, "079090555012", U_P01, U_KP1);
	j->req->person_create->person->education = 42;
	CHECK(write1(st, j, &field) == 1 && strcmp(field, "education") == 0,
	    "create with education 42: INVALID education");
	CHECK(fx_count(st, DB_ID2PERSON) == n0, "none of them stored");

	/* Text is stored trimmed, collapsed and composed (NFC). */
	j = fx_person_create(NULL, " Phan  Văn\tTa\xcc\x80i ", "1990-01-01",
	    HOSO__GENDER__MALE, "079090555013", U_P01, U_KP1);
	j->req->person_create->person->notes = fx_str(j,
	    "Đã học lớp cảm tình Đảng.  \r\nGia đình tốt.");
	int s = fx_write1(st, j);
	uint64_t id = s == 0 ? j->resp.person->id : 0;
	CHECK(s == 0, "create with messy blanks and a decomposed à: OK");
	job_free(j);
	struct job *g = fx_person_get(id);
	CHECK(fx_read(st, g) == 0 && g->resp.body_case ==
	    HOSO__RESPONSE__BODY_PERSON, "person.get of it");
	if (g->resp.status == 0) {
		CHECK_STR(g->resp.person->name, "Phan Văn Tài", "  name normalised");
		CHECK_STR(g->resp.person->notes,
		    "Đã học lớp cảm tình Đảng.\nGia đình tốt.", "  notes normalised");
		CHECK(g->resp.person->created_at > 0 &&
		    g->resp.person->created_at == g->resp.person->updated_at,
		    "  created_at = updated_at, set by the server");
	}
	job_free(g);
	expect_ids(st, "phan van tai", 0, 0, 0, &id, 1, "  and found by name");

	g = fx_person_get(4242);
	CHECK(fx_read(st, g) == HOSO__STATUS__NOT_FOUND &&
	    strcmp(g->resp.field, "id") == 0 &&
	    strstr(g->resp.message, "4242") != NULL,
	    "person.get 4242: NOT_FOUND id, naming the id");
	job_free(g);
}

/* ---- CCCD rules ------------------------------------------------------ */

/* CCCD structure checks with rules.cccd_strict on, then off. */
static void
test_cccd_rules(struct store *st)
{
	const char *field;
	struct {
		const char *cccd, *born;
		bool female;
		bool strict_ok, lax_ok;
		const char *what;
	} cases[] = {
		{ "079090600001", "1990-05-05", false, true, true, "well-formed" },
		{ "999090600002", "1990-05-05", false, false, true, "province 999" },
		{ "003090600003", "1990-05-05", false, false, true, "province 003" },
		{ "079190600004", "1990-05-05", false, false, true,
		  "female digit for a man" },
		{ "079091600005", "1990-05-05", false, false, true,
		  "year digits 91 for 1990" },
		{ "079290600006", "1990-05-05", false, false, true,
		  "2000s digit for 1990" },
		{ "079302600007", "2002-05-05", true, true, true, "woman born 2002" },
		{ "07909060008", "1990-05-05", false, false, false, "11 digits" },
		{ "0790906000O9", "1990-05-05", false, false, false, "a letter O" },
	};
	for (int strict = 1; strict >= 0; strict--) {
		fx_strict = strict;
		for (size_t i = 0; i < NELEM(cases); i++) {
			/* Each number once per mode: the serial's first digit
			 * (index 6, a digit in every case) differs. */
			char cccd[16];
			snprintf(cccd, sizeof cccd, "%s", cases[i].cccd);
			if (!strict)
				cccd[6] = '7';
			struct job *j = fx_person_create(NULL, cases[i].female ?
			    "Vũ Thị Hạnh" : "Vũ Văn Hạnh", cases[i].born,
			    cases[i].female ? HOSO__GENDER__FEMALE : HOSO__GENDER__MALE,
			    cccd, U_P01, U_KP1);
			int s = write1(st, j, &field);
			bool want = strict ? cases[i].strict_ok : cases[i].lax_ok;
			CHECK(want ? s == 0 : s == HOSO__STATUS__INVALID_ARGUMENT &&
			    strcmp(field, "id_number") == 0,
			    "cccd_strict %s, %s (%s): %s", strict ? "on" : "off",
			    cases[i].what, cccd, want ? "accepted" : "INVALID id_number");
		}
	}
	fx_strict = true;
}

/* ---- units ------------------------------------------------------------- */

/* Create one unit alone; its status, field and id (0 if refused). */
static int
org1(struct store *st, int kind, const char *code, const char *name,
    uint64_t parent, const char **field, uint64_t *id, char *code_out)
{
	static char fieldbuf[64];
	struct job *j = fx_org_create(NULL, (Hoso__OrgKind)kind, code, name,
	    parent);
	int s = fx_write1(st, j);
	snprintf(fieldbuf, sizeof fieldbuf, "%s", j->resp.field);
	*field = fieldbuf;
	*id = s == 0 ? j->resp.org->id : 0;
	if (code_out != NULL)
		snprintf(code_out, 40, "%s", s == 0 ? j->resp.org->code : "");
	job_free(j);
	return s;
}

/* Which unit may sit under which, unique codes, generated codes. */
static void
test_org_rules(struct store *st)
{
	const char *f;
	uint64_t id, last = fx_last_id(st, DB_ID2ORG);
	char code[40];
	enum { K_D = 1, K_W, K_C, K_P };
	struct {
		int kind;
		const char *code;
		uint64_t parent;
		int status;
		const char *field, *what;
	} refused[] = {
		{ K_W, "P09", 0, 1, "parent_id", "a ward without a parent" },
		{ K_W, "P09", U_P01, 1, "parent_id", "a ward under a ward" },
		{ K_W, "P09", 99, 2, "parent_id", "a ward under unit 99" },
		{ K_C, "KP9", U_CAP01, 1, "parent_id", "a cell under a police station" },
		{ K_C, "KP9", U_KP1, 1, "parent_id", "a cell under a cell" },
		{ K_C, "KP9", 0, 1, "parent_id", "a cell without a parent" },
		{ K_P, "CA9", U_QHA, 1, "parent_id", "a police station under the district" },
		{ K_D, "QHB", U_QHA, 1, "parent_id", "a district with a parent" },
		{ 0, "X1", U_QHA, 1, "kind", "kind unspecified" },
		{ 9, "X1", U_QHA, 1, "kind", "kind 9" },
		{ K_C, "p01", U_P01, 3, "code", "code p01 (P01 exists)" },
		{ K_C, "Ca-P01", U_P01, 3, "code", "code Ca-P01 (CA-P01 exists)" },
		{ K_C, "P 09", U_P01, 1, "code", "code with a space" },
		{ K_C, "KP_Đông", U_P01, 1, "code", "code with a non-ASCII letter" },
		{ K_C, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", U_P01, 1, "code",
		  "a 33-character code" },
	};
	for (size_t i = 0; i < NELEM(refused); i++) {
		int s = org1(st, refused[i].kind, refused[i].code, "Đơn vị thử",
		    refused[i].parent, &f, &id, NULL);
		CHECK(s == refused[i].status && strcmp(f, refused[i].field) == 0,
		    "%s: status %d on %s (got %d on %s)", refused[i].what,
		    refused[i].status, refused[i].field, s, f);
	}
	CHECK(org1(st, K_C, "x", "", U_P01, &f, &id, NULL) == 1 &&
	    strcmp(f, "name") == 0, "a unit without a name: INVALID name");
	CHECK(fx_last_id(st, DB_ID2ORG) == last, "no refused unit was stored");

	CHECK(org1(st, K_C, "QHA-CQ", "Chi bộ Cơ quan Quận ủy", U_QHA, &f, &id,
	    NULL) == 0 && id == last + 1, "a cell directly under the district");
	CHECK(org1(st, K_P, "CA-P02", "Công an Phường 2", U_P02, &f, &id,
	    NULL) == 0 && id == last + 2, "a police station under a ward");
	CHECK(org1(st, K_W, "", "Đảng ủy Phường 3", U_QHA, &f, &id, code) == 0,
	    "a ward without a code");
	char want[40];
	snprintf(want, sizeof want, "DU%04llu", (unsigned long long)id);
	CHECK_STR(code, want, "  gets the code %s", want);
	uint64_t ward3 = id;
	CHECK(org1(st, K_C, "", "Chi bộ Khu phố 7", ward3, &f, &id, code) == 0,
	    "a cell without a code");
	snprintf(want, sizeof want, "CB%04llu", (unsigned long long)id);
	CHECK_STR(code, want, "  gets the code %s", want);
	/* Take the code the next cell would generate (in lower case). */
	snprintf(want, sizeof want, "cb%04llu", (unsigned long long)id + 2);
	CHECK(org1(st, K_P, want, "Công an Phường 3", ward3, &f, &id, NULL) == 0,
	    "a police station with code %s", want);
	CHECK(org1(st, K_C, "", "Chi bộ Khu phố 8", ward3, &f, &id, code) == 0,
	    "the next cell without a code");
	snprintf(want, sizeof want, "CB%04llu-2", (unsigned long long)id);
	CHECK_STR(code, want, "  steps around the taken code: %s", want);

	struct job *g = fx_org_get(U_P01);
	CHECK(fx_read(st, g) == 0 && g->resp.body_case == HOSO__RESPONSE__BODY_ORG &&
	    g->resp.org->kind == HOSO__ORG_KIND__ORG_WARD &&
	    strcmp(g->resp.org->code, "P01") == 0, "org.get P01");
	job_free(g);
	g = fx_org_get(999);
	CHECK(fx_read(st, g) == HOSO__STATUS__NOT_FOUND &&
	    strcmp(g->resp.field, "id") == 0, "org.get 999: NOT_FOUND id");
	job_free(g);
}

/* Code of unit id as stored, and which unit code maps to. */
static void
org_code(struct store *st, uint64_t id, char *out, size_t len)
{
	struct job *g = fx_org_get(id);
	snprintf(out, len, "%s", fx_read(st, g) == 0 ? g->resp.org->code : "");
	job_free(g);
}

/* The unit holding code (any case), 0 if none. */
static uint64_t
code_owner(struct store *st, const char *code)
{
	struct txn t;
	uint64_t id = 0;
	if (store_read_begin(st, &t) != 0)
		return 0;
	if (code2org_get(&t, code, &id) != 0)
		id = 0;
	store_read_end(&t);
	return id;
}

/* Recoding and renaming units: conflicts, case, freeing the old code. */
static void
test_org_update(struct store *st)
{
	const char *f;
	char code[40];
	uint64_t id;
	struct job *j = fx_org_update(NULL, U_KP3, 1, "code", NULL);
	j->req->org_update->org->code = fx_str(j, "p01-kp1");
	CHECK(write1(st, j, &f) == HOSO__STATUS__CONFLICT && strcmp(f, "code") == 0,
	    "recode KP3 to p01-kp1 (KP1's, other case): CONFLICT code");
	j = fx_org_update(NULL, U_KP3, 2, "name", NULL);
	j->req->org_update->org->name = fx_str(j, "Chi bộ KP 3");
	CHECK(write1(st, j, &f) == HOSO__STATUS__CONFLICT &&
	    strcmp(f, "expected_version") == 0,
	    "org update with a stale version: CONFLICT expected_version");
	j = fx_org_update(NULL, U_KP3, 1, "parent_id", NULL);
	CHECK(write1(st, j, &f) == HOSO__STATUS__INVALID_ARGUMENT &&
	    strcmp(f, "fields") == 0, "org update of parent_id: INVALID fields");
	j = fx_org_update(NULL, U_KP3, 1, "code", NULL);
	CHECK(write1(st, j, &f) == HOSO__STATUS__INVALID_ARGUMENT &&
	    strcmp(f, "code") == 0, "org update to an empty code: INVALID code");

	j = fx_org_update(NULL, U_KP3, 1, "code", NULL);
	j->req->org_update->org->code = fx_str(j, "p02-kp3");
	CHECK(write1(st, j, &f) == 0, "recode KP3 to its own code in lower case");
	org_code(st, U_KP3, code, sizeof code);
	CHECK_STR(code, "p02-kp3", "  stored as typed");
	CHECK(code_owner(st, "P02-KP3") == U_KP3, "  still looked up as P02-KP3");

	j = fx_org_update(NULL, U_KP3, 2, "code", "name", NULL);
	j->req->org_update->org->code = fx_str(j, "P02-KP03");
	j->req->org_update->org->name = fx_str(j, "Chi bộ Khu phố 3 (mới)");
	CHECK(write1(st, j, &f) == 0, "recode KP3 to P02-KP03 and rename it");
	CHECK(code_owner(st, "P02-KP03") == U_KP3, "  new code points at KP3");
	CHECK(code_owner(st, "P02-KP3") == 0, "  the old code is free");
	CHECK(org1(st, HOSO__ORG_KIND__ORG_CELL, "P02-KP3", "Chi bộ Khu phố 3B",
	    U_P02, &f, &id, NULL) == 0, "  and another unit can take it");
	struct job *g = fx_org_get(U_KP3);
	CHECK(fx_read(st, g) == 0 && g->resp.org->version == 3 &&
	    strcmp(g->resp.org->name, "Chi bộ Khu phố 3 (mới)") == 0 &&
	    g->resp.org->parent_id == U_P02, "  KP3: version 3, new name, same parent");
	job_free(g);
}

/* Org listing: paging and filters. */
static void
test_org_list(struct store *st)
{
	uint64_t last = fx_last_id(st, DB_ID2ORG), seen[64];
	size_t n = 0;
	int pages = 0, bad = 0;
	char *cursor = strdup("");
	do {
		struct job *j = fx_org_list(0, 0, 3, cursor);
		pages++;
		if (fx_read(st, j) != 0) {
			bad++;
			job_free(j);
			break;
		}
		for (size_t i = 0; i < j->resp.org_page->n_items && n < 64; i++)
			seen[n++] = j->resp.org_page->items[i]->id;
		free(cursor);
		cursor = strdup(j->resp.org_page->next_cursor);
		job_free(j);
	} while (*cursor != '\0' && pages < 100);
	free(cursor);
	bool all = bad == 0 && n == last;
	for (size_t i = 0; all && i < n; i++)
		all = seen[i] == i + 1;
	CHECK(all, "org list by 3: units 1..%llu in order, once each (%d pages)",
	    (unsigned long long)last, pages);

	struct job *j = fx_org_list(0, U_P01, 0, "");
	bool ok = fx_read(st, j) == 0 && j->resp.org_page->n_items == 2 &&
	    j->resp.org_page->items[0]->id == U_KP1 &&
	    j->resp.org_page->items[1]->id == U_CAP01;
	CHECK(ok, "org list parent P01: KP1 and CA-P01");
	job_free(j);

	/* BUG: cmd_org_list (daemon/cmd-org.c) tests "page full" before the
	 * kind/parent filter, so a full page after which no record passes the
	 * filter still gets a next_cursor, and following it returns an empty
	 * page.  hoso.proto says next_cursor is "empty on the last page", and
	 * cmd_person_list (ppage_scan) filters first and gets this right.
	 * There are exactly 3 wards (units 2, 3 and 9) among 13 units, so a
	 * page of 3 wards must be the only page. */
	uint64_t wards[16];
	size_t nw = 0;
	pages = 0;
	cursor = strdup("");
	bool empty_page = false;
	do {
		j = fx_org_list(HOSO__ORG_KIND__ORG_WARD, 0, 3, cursor);
		pages++;
		if (fx_read(st, j) != 0) {
			job_free(j);
			break;
		}
		if (j->resp.org_page->n_items == 0)
			empty_page = true;
		for (size_t i = 0; i < j->resp.org_page->n_items && nw < 16; i++)
			wards[nw++] = j->resp.org_page->items[i]->id;
		free(cursor);
		cursor = strdup(j->resp.org_page->next_cursor);
		job_free(j);
	} while (*cursor != '\0' && pages < 100);
	free(cursor);
	CHECK(nw == 3 && wards[0] == U_P01 && wards[1] == U_P02,
	    "org list kind ward by 3: the 3 wards");
	CHECK(!empty_page && pages == 1,
	    "BUG: the page holding the last ward has no next_cursor "
	    "(got %d pages, an empty one: %s)", pages, empty_page ? "yes" : "no");
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);   /* keep the output of a crash */
	log_set_level(LOG_WARN);
	char *dir = fx_tmpdir();
	struct store st;
	fx_open(&st, dir, 1 << 20);
	seed(&st);
	test_find(&st);
	test_find_refusals(&st);
	test_list(&st);
	test_update_refusals(&st);
	test_update_name(&st);
	test_update_cccd(&st);
	test_update_units(&st);
	test_person_rules(&st);
	test_cccd_rules(&st);
	test_org_rules(&st);
	test_org_update(&st);
	test_org_list(&st);
	test_list_everyone(&st);
	store_close(&st);
	fx_rmdir(dir);
	return t_done();
}
