/* test_cli_json.c: libhoso's pure parts: the JSON writer and record shapes,
 * enum words, status names, response texts, address parsing, instants, and
 * the frame layer (wire.c) fed from memory instead of a socket. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "hoso/client.h"
#include "json.h"
#include "t.h"
#include "wire.h"

/* The document built by the calls in BODY, or NULL.  (CHECK evaluates its
 * condition twice: calls with side effects stay outside it.) */
#define DOC(j, BODY) (json_init(&(j)), BODY, json_finish(&(j)))

static void
test_json_values(void)
{
	struct json j;
	char *s;

	s = DOC(j, json_string(&j, "a\"b\\c"));
	CHECK_STR(s, "\"a\\\"b\\\\c\"\n", "quote and backslash are escaped");
	free(s);
	s = DOC(j, json_string(&j, "tab\there\nnl\x01\x1f"));
	CHECK_STR(s, "\"tab\\u0009here\\u000anl\\u0001\\u001f\"\n",
	    "control characters become \\u00XX");
	free(s);
	s = DOC(j, json_string(&j, "Nguyễn Văn An 𝄞 /"));
	CHECK_STR(s, "\"Nguyễn Văn An 𝄞 /\"\n", "UTF-8 passes through");
	free(s);
	s = DOC(j, json_string(&j, "a\xff" "b\xc3" "c\xed\xa0\x80" "d\xc0\xaf"));
	CHECK_STR(s, "\"a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd\xef\xbf\xbd"
	    "\xef\xbf\xbd" "d\xef\xbf\xbd\xef\xbf\xbd\"\n",
	    "invalid UTF-8 bytes become U+FFFD, one per byte");
	free(s);
	s = DOC(j, json_string(&j, NULL));
	CHECK_STR(s, "null\n", "a NULL string is null");
	free(s);
	s = DOC(j, json_string_or_null(&j, ""));
	CHECK_STR(s, "null\n", "string_or_null: empty is null");
	free(s);
	s = DOC(j, json_uint(&j, UINT64_MAX));
	CHECK_STR(s, "18446744073709551615\n", "uint64 max");
	free(s);
	s = DOC(j, json_int(&j, INT64_MIN));
	CHECK_STR(s, "-9223372036854775808\n", "int64 min");
	free(s);
	s = DOC(j, json_id_or_null(&j, 0));
	CHECK_STR(s, "null\n", "id 0 is null");
	free(s);
}

static void
test_json_nesting(void)
{
	struct json j;
	char *s;

	s = DOC(j, (json_begin_object(&j), json_end_object(&j)));
	CHECK_STR(s, "{}\n", "empty object");
	free(s);
	s = DOC(j, (json_begin_array(&j), json_end_array(&j)));
	CHECK_STR(s, "[]\n", "empty array");
	free(s);
	s = DOC(j, (json_begin_object(&j), json_key(&j, "a"),
	    json_begin_array(&j), json_uint(&j, 1), json_bool(&j, true),
	    json_null(&j), json_begin_object(&j), json_end_object(&j),
	    json_end_array(&j), json_key(&j, "k\"ey"), json_string(&j, "v"),
	    json_end_object(&j)));
	CHECK_STR(s, "{\"a\":[1,true,null,{}],\"k\\\"ey\":\"v\"}\n",
	    "nested values get their commas");
	free(s);

	s = DOC(j, (json_begin_object(&j), json_uint(&j, 1),
	    json_end_object(&j)));
	CHECK(s == NULL, "a value without a key in an object fails");
	free(s);
	s = DOC(j, (json_begin_array(&j), json_key(&j, "a"),
	    json_end_array(&j)));
	CHECK(s == NULL, "a key in an array fails");
	free(s);
	s = DOC(j, (json_begin_object(&j), json_key(&j, "a"),
	    json_end_object(&j)));
	CHECK(s == NULL, "a key without its value fails");
	free(s);
	s = DOC(j, json_begin_array(&j));
	CHECK(s == NULL, "an unclosed array fails");
	free(s);
	s = DOC(j, (json_begin_array(&j), json_end_object(&j)));
	CHECK(s == NULL, "closing with the wrong bracket fails");
	free(s);
	s = DOC(j, (json_uint(&j, 1), json_uint(&j, 2)));
	CHECK(s == NULL, "two top-level values fail");
	free(s);
	s = DOC(j, (void)0);
	CHECK(s == NULL, "an empty document fails");
	free(s);
	json_init(&j);
	for (int i = 0; i < JSON_MAX_DEPTH + 1; i++)
		json_begin_array(&j);
	CHECK(j.err != 0, "nesting deeper than JSON_MAX_DEPTH fails");
	json_free(&j);
}

static void
test_json_records(void)
{
	struct json j;
	char *s;
	Hoso__Org o = HOSO__ORG__INIT;
	o.id = 2;
	o.version = 3;
	o.kind = HOSO__ORG_KIND__ORG_WARD;
	o.code = "P01";
	o.name = "Đảng ủy Phường 1";
	o.created_at = 1795431900;      /* 2026-11-23 11:05:00 UTC */
	s = DOC(j, json_org(&j, &o));
	CHECK_STR(s, "{\"id\":2,\"version\":3,\"kind\":\"ward\",\"code\":\"P01\","
	    "\"name\":\"Đảng ủy Phường 1\",\"parent_id\":null,"
	    "\"decides_admission\":false,\"created_at\":\"2026-11-23T18:05:00+07:00\","
	    "\"updated_at\":null}\n", "org JSON shape");
	free(s);

	Hoso__Person p = HOSO__PERSON__INIT;
	p.id = 7;
	p.version = 1;
	p.name = "Trần Thị Bích Ngọc";
	p.born = "2001-03-09";
	p.gender = HOSO__GENDER__FEMALE;
	p.education = HOSO__EDUCATION__LOWER_SECONDARY;
	p.id_number = "048301000777";
	p.cell_id = 5;
	p.introduced_by = HOSO__INTRODUCED_BY__WOMENS_UNION;
	p.notes = "a\nb";
	p.created_at = p.updated_at = 1795431900;
	s = DOC(j, json_person(&j, &p));
	CHECK_STR(s, "{\"id\":7,\"version\":1,\"name\":\"Trần Thị Bích Ngọc\","
	    "\"born\":\"2001-03-09\",\"gender\":\"female\",\"ethnicity\":\"\","
	    "\"religion\":\"\",\"education\":\"lower-secondary\","
	    "\"id_number\":\"048301000777\",\"residence_id\":null,"
	    "\"cell_id\":5,\"workplace\":\"\",\"introduced_by\":"
	    "\"womens-union\",\"phone\":\"\",\"notes\":\"a\\u000ab\","
	    "\"membership\":\"none\",\"member_since\":null,\"stage\":null,"
	    "\"stage_since\":null,\"created_at\":\"2026-11-23T18:05:00+07:00\","
	    "\"updated_at\":\"2026-11-23T18:05:00+07:00\"}\n",
	    "person JSON shape");
	free(s);
	p.gender = 0;
	p.education = 99;
	s = DOC(j, json_person(&j, &p));
	CHECK(s != NULL && strstr(s, "\"gender\":null") != NULL &&
	    strstr(s, "\"education\":null") != NULL,
	    "unspecified and unknown enum values are null");
	free(s);
	p.membership = HOSO__MEMBERSHIP__MEMBER_PROBATIONARY;
	p.member_since = "2025-05-19";
	p.stage = HOSO__STAGE__STAGE_PROBATION;
	p.stage_since = "2025-05-19";
	s = DOC(j, json_person(&j, &p));
	CHECK(s != NULL && strstr(s, "\"membership\":\"probationary\","
	    "\"member_since\":\"2025-05-19\",\"stage\":\"probation\","
	    "\"stage_since\":\"2025-05-19\"") != NULL,
	    "person: membership, member_since, stage, stage_since");
	free(s);

	Hoso__Org *items[] = { &o, &o };
	Hoso__OrgPage page = HOSO__ORG_PAGE__INIT;
	page.n_items = 2;
	page.items = items;
	page.next_cursor = "abc";
	s = DOC(j, json_org_page(&j, &page));
	CHECK(s != NULL && strncmp(s, "{\"items\":[{", 11) == 0 &&
	    strstr(s, "},{\"id\":2") != NULL &&
	    strstr(s, "],\"next\":\"abc\"}\n") != NULL, "org page shape");
	free(s);
	Hoso__PersonPage pp = HOSO__PERSON_PAGE__INIT;
	s = DOC(j, json_person_page(&j, &pp));
	CHECK_STR(s, "{\"items\":[],\"next\":null}\n",
	    "an empty last page: no items, next null");
	free(s);
}

static void
test_instants(void)
{
	char buf[HOSO_INSTANT_ISO_LEN];
	hoso_format_instant_iso(0, buf);
	CHECK_STR(buf, "1970-01-01T07:00:00+07:00", "epoch in Vietnam's time");
	hoso_format_instant_iso(1795431900 + 6 * 3600 + 59 * 60 + 59, buf);
	CHECK_STR(buf, "2026-11-24T01:04:59+07:00", "after midnight in Vietnam "
	    "is the next day");
	hoso_format_instant_iso(-1, buf);
	CHECK_STR(buf, "1970-01-01T06:59:59+07:00", "before the epoch");
}

static void
test_words(void)
{
	CHECK_STR(hoso_enum_word(hoso_org_kind_words, HOSO__ORG_KIND__ORG_POLICE),
	    "police", "org kind word");
	CHECK(hoso_enum_word(hoso_org_kind_words, 0) == NULL,
	    "unspecified has no word");
	CHECK(hoso_enum_parse(hoso_education_words, "Upper-Secondary") ==
	    HOSO__EDUCATION__UPPER_SECONDARY, "parse ignores ASCII case");
	CHECK(hoso_enum_parse(hoso_introduced_by_words, "youth_union") == -1,
	    "parse refuses a near miss");
	CHECK(hoso_enum_parse(hoso_gender_words, "") == -1,
	    "parse refuses the empty word");
	CHECK_STR(hoso_enum_label(hoso_introduced_by_words,
	    HOSO__INTRODUCED_BY__VETERANS), "Veterans' Association",
	    "labels are English msgids");
	CHECK_STR(hoso_status_name(HOSO__STATUS__FAILED_PRECONDITION),
	    "FAILED_PRECONDITION", "status name");
	CHECK_STR(hoso_status_name((Hoso__Status)42), "UNKNOWN",
	    "unknown status name");
	CHECK(strlen(hoso_strerror(HOSO_E_CLOSED)) > 0 &&
	    strlen(hoso_strerror(-999)) > 0, "every code has words");
}

static void
test_response_text(void)
{
	Hoso__Response r = HOSO__RESPONSE__INIT;
	char *args[] = { "079", "12" };
	char *s;

	r.status = HOSO__STATUS__INVALID_ARGUMENT;
	r.message = "English message";
	r.message_format = "ID %2$s has %1$s";
	r.message_args = args;
	r.n_message_args = 2;
	s = hoso_response_text(&r);
	CHECK_STR(s, "ID 12 has 079", "message_format with its arguments");
	free(s);
	r.n_message_args = 0;
	s = hoso_response_text(&r);
	CHECK_STR(s, "ID  has ", "missing arguments are empty, never read");
	free(s);
	r.message_format = "";
	s = hoso_response_text(&r);
	CHECK_STR(s, "English message", "no format: the message");
	free(s);
	r.message = "";
	s = hoso_response_text(&r);
	CHECK(s != NULL && strlen(s) > 0, "neither: the status in words");
	free(s);
}

static void
test_hostport(void)
{
	static const struct {
		const char *in, *host;
		unsigned port;
	} ok[] = {
		{ "127.0.0.1:7707", "127.0.0.1", 7707 },
		{ "example.org", "example.org", HOSO_DEFAULT_PORT },
		{ "[::1]:9000", "::1", 9000 },
		{ "[fe80::1%eth0]", "fe80::1%eth0", HOSO_DEFAULT_PORT },
		{ "::1", "::1", HOSO_DEFAULT_PORT },
		{ "h:65535", "h", 65535 },
	};
	static const char *bad[] = { "", ":7707", "h:", "h:0", "h:65536",
	    "h:12x", "h:-1", "[::1", "[]:1", "[::1]x", "[::1]:", "h: 1" };

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		char *host = NULL;
		uint16_t port = 0;
		int rc = hoso_parse_hostport(ok[i].in, &host, &port);
		CHECK(rc == 0 && host != NULL && strcmp(host, ok[i].host) == 0 &&
		    port == ok[i].port, "address '%s'", ok[i].in);
		free(host);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *host = NULL;
		uint16_t port = 0;
		int rc = hoso_parse_hostport(bad[i], &host, &port);
		CHECK(rc == HOSO_E_ADDRESS && host == NULL, "bad address '%s'",
		    bad[i]);
		free(host);
	}
}

/* A framed ServerMessage holding a Response with the given id, malloc'd. */
static uint8_t *
frame_response(uint64_t id, size_t *len)
{
	Hoso__Response r = HOSO__RESPONSE__INIT;
	Hoso__ServerMessage m = HOSO__SERVER_MESSAGE__INIT;
	r.id = id;
	r.status = HOSO__STATUS__NOT_FOUND;
	r.message = "no such record";
	m.body_case = HOSO__SERVER_MESSAGE__BODY_RESPONSE;
	m.response = &r;
	size_t n = hoso__server_message__get_packed_size(&m);
	uint8_t *buf = malloc(HOSO_FRAME_HDR + n);
	frame_put_len(buf, (uint32_t)n);
	hoso__server_message__pack(&m, buf + HOSO_FRAME_HDR);
	*len = HOSO_FRAME_HDR + n;
	return buf;
}

/* Copy len bytes into in, at most chunk at a time as a socket would. */
static int
feed(struct wire_in *in, const uint8_t *p, size_t len, size_t chunk)
{
	while (len > 0) {
		size_t room;
		int why = 0;
		uint8_t *dst = wire_in_space(in, &room, &why);
		if (dst == NULL)
			return why;
		size_t n = len < room ? len : room;
		if (n > chunk)
			n = chunk;
		memcpy(dst, p, n);
		wire_in_added(in, n);
		p += n;
		len -= n;
	}
	return 0;
}

static void
test_wire(void)
{
	struct wire_in in;
	Hoso__ServerMessage *m = NULL;
	size_t l1, l2;
	uint8_t *f1 = frame_response(1, &l1), *f2 = frame_response(2, &l2);

	/* Byte by byte: nothing until the frame is whole. */
	wire_in_init(&in, 1024);
	int got = 0;
	for (size_t i = 0; i < l1; i++) {
		feed(&in, f1 + i, 1, 1);
		int rc = wire_in_next(&in, &m);
		if (rc == 1) {
			got = i + 1 == l1;
			break;
		}
	}
	CHECK(got && m != NULL && m->response->id == 1 &&
	    strcmp(m->response->message, "no such record") == 0,
	    "a frame fed byte by byte decodes once whole");
	hoso__server_message__free_unpacked(m, NULL);
	CHECK(in.len == 0, "and nothing is left over");

	/* Two frames in one read. */
	uint8_t both[512];
	memcpy(both, f1, l1);
	memcpy(both + l1, f2, l2);
	feed(&in, both, l1 + l2, sizeof both);
	int rc = wire_in_next(&in, &m);
	CHECK(rc == 1 && m->response->id == 1,
	    "two frames in one read: the first");
	if (rc == 1)
		hoso__server_message__free_unpacked(m, NULL);
	rc = wire_in_next(&in, &m);
	CHECK(rc == 1 && m->response->id == 2,
	    "two frames in one read: the second");
	if (rc == 1)
		hoso__server_message__free_unpacked(m, NULL);
	rc = wire_in_next(&in, &m);
	CHECK(rc == 0, "then: need more bytes");
	wire_in_free(&in);

	/* A length over the limit is refused before the buffer grows. */
	wire_in_init(&in, 1024);
	uint8_t hdr[HOSO_FRAME_HDR];
	frame_put_len(hdr, 0x7fffffff);
	feed(&in, hdr, sizeof hdr, sizeof hdr);
	size_t cap = in.cap;
	rc = wire_in_next(&in, &m);
	CHECK(rc == HOSO_E_TOOBIG, "a 2 GiB length is refused");
	size_t room;
	int why = 0;
	uint8_t *space = wire_in_space(&in, &room, &why);
	CHECK(space == NULL && why == HOSO_E_TOOBIG && in.cap == cap &&
	    cap < 64 * 1024, "without allocating for it");
	wire_in_free(&in);

	wire_in_init(&in, 1024);
	frame_put_len(hdr, 0);
	feed(&in, hdr, sizeof hdr, sizeof hdr);
	rc = wire_in_next(&in, &m);
	CHECK(rc == HOSO_E_PROTO, "an empty frame is refused");
	wire_in_free(&in);

	wire_in_init(&in, 1024);
	uint8_t junk[] = { 0, 0, 0, 3, 0xff, 0xff, 0xff };
	feed(&in, junk, sizeof junk, sizeof junk);
	rc = wire_in_next(&in, &m);
	CHECK(rc == HOSO_E_PROTO, "an undecodable body is refused");
	wire_in_free(&in);

	/* Packing: the prefix is the body's length; too big is refused. */
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__PersonFind pf = HOSO__PERSON_FIND__INIT;
	char text[300];
	memset(text, 'a', sizeof text - 1);
	text[sizeof text - 1] = '\0';
	pf.text = text;
	req.id = 9;
	req.body_case = HOSO__REQUEST__BODY_PERSON_FIND;
	req.person_find = &pf;
	uint8_t *out = NULL;
	size_t outlen = 0;
	rc = wire_pack_request(&req, 1024, &out, &outlen);
	CHECK(rc == 0 && frame_get_len(out) + HOSO_FRAME_HDR == outlen,
	    "pack: prefix matches the body");
	Hoso__Request *back = hoso__request__unpack(NULL, outlen - 4, out + 4);
	CHECK(back != NULL && back->id == 9 &&
	    strcmp(back->person_find->text, text) == 0, "pack: round trip");
	hoso__request__free_unpacked(back, NULL);
	free(out);
	rc = wire_pack_request(&req, 100, &out, &outlen);
	CHECK(rc == HOSO_E_TOOBIG,
	    "pack: a request over the server's max_frame is refused");
	free(f1);
	free(f2);
}

int
main(void)
{
	test_json_values();
	test_json_nesting();
	test_json_records();
	test_instants();
	test_words();
	test_response_text();
	test_hostport();
	test_wire();
	return t_done();
}
