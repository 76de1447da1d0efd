/* test_cli_check.c: libhoso's parts for background checks and alerts
 * (protocol 1.3): the JSON shapes 'hoso check', 'hoso report checks',
 * 'hoso alerts' and 'hoso watch' print; the words of the new enums; the
 * translated text of an explanation line or an alert (ISO dates written
 * dd/mm/yyyy, other arguments looked up, formats never read past their
 * arguments); and hoso_wait_event() against a fake server on loopback:
 * Events that arrive while a call waits are queued and come out in order,
 * a timeout leaves the connection usable, a close is reported. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "frame.h"
#include "hoso/client.h"
#include "json.h"
#include "t.h"

#define DOC(j, BODY) (json_init(&(j)), BODY, json_finish(&(j)))

/* 2026-11-20T16:30:00+07:00 (a Friday afternoon) and the Monday after. */
#define FRI_1630 1795167000
#define MON_0900 1795399200

static void
test_words(void)
{
	CHECK_STR(hoso_enum_word(hoso_leg_kind_words,
	    HOSO__LEG_KIND__LEG_POLICE), "police", "leg word: police");
	CHECK(hoso_enum_word(hoso_leg_kind_words, 0) == NULL,
	    "LEG_NONE has no word");
	CHECK_STR(hoso_enum_word(hoso_vstate_words,
	    HOSO__VERIFICATION_STATE__VSTATE_RESULT_AT_WARD), "result-at-ward",
	    "state word: result-at-ward");
	CHECK_STR(hoso_enum_word(hoso_vstate_words,
	    HOSO__VERIFICATION_STATE__VSTATE_SENT_OUTSIDE), "sent-outside",
	    "state word: sent-outside");
	CHECK(hoso_enum_parse(hoso_check_result_words, "Concern") ==
	    HOSO__CHECK_RESULT__RESULT_CONCERN, "result word: concern, any case");
	CHECK(hoso_enum_parse(hoso_check_result_words, "none") == -1,
	    "result word: none is not one");
	CHECK(hoso_enum_parse(hoso_check_step_words, "police-received") ==
	    HOSO__CHECK_STEP_KIND__STEP_POLICE_RECEIVED,
	    "step word: police-received");
	CHECK(hoso_enum_parse(hoso_check_step_words, "decide") ==
	    HOSO__CHECK_STEP_KIND__STEP_DECIDE, "step word: decide");
	size_t n = 0;
	for (const struct hoso_enum_word *w = hoso_check_step_words; w->word;
	    w++)
		n++;
	CHECK(n == 8, "eight steps have words (%zu)", n);
}

static void
test_message_text(void)
{
	char *args[] = { "2026-11-21", "Saturday", "2026-11-21T00:00", "" };
	char *s = hoso_message_text("%s: %s, not counted (%s)[%s]", args, 4,
	    "English");
	CHECK_STR(s, "21/11/2026: Saturday, not counted (2026-11-21T00:00)[]",
	    "an ISO date is written dd/mm/yyyy, anything else as it is");
	free(s);
	char *when[] = { "2026-11-20T16:30:00+07:00", "2026-11-20T16:30:00Z",
	    "2026-11-20T16:30", "2026-02-30T16:30:00+07:00" };
	s = hoso_message_text("%s|%s|%s|%s", when, 4, "English");
	CHECK_STR(s, "20/11/2026 16:30|2026-11-20T16:30:00Z|2026-11-20T16:30|"
	    "2026-02-30T16:30:00+07:00", "an instant in the daemon's ISO form "
	    "is written dd/mm/yyyy HH:MM; other shapes and no such day as "
	    "they are");
	free(s);
	s = hoso_message_text("%2$s before %1$s", args, 2, "English");
	CHECK_STR(s, "Saturday before 21/11/2026", "numbered arguments");
	free(s);
	s = hoso_message_text("%s %s %s %s %s %d", args, 1, "English");
	CHECK_STR(s, "21/11/2026     %d",
	    "missing arguments are empty; other conversions copied, not read");
	free(s);
	s = hoso_message_text("", args, 4, "English message");
	CHECK_STR(s, "English message", "no format: the message");
	free(s);
	s = hoso_message_text(NULL, NULL, 0, NULL);
	CHECK_STR(s, "", "neither: empty, not NULL");
	free(s);
}

/* A check received on a Friday afternoon, forwarded on the Monday, the
 * police leg extended and suspended once. */
static void
test_json_verification(void)
{
	struct json j;
	char *s;
	Hoso__Extension x = HOSO__EXTENSION__INIT;
	x.new_due = "2026-12-10";
	x.old_due = "2026-12-02";
	x.reason = "Người được thẩm tra đi vắng";
	x.by = "Trần Văn Công";
	Hoso__Extension *xs[] = { &x };
	Hoso__Suspension su = HOSO__SUSPENSION__INIT;
	su.from = MON_0900;
	su.reason = "Chờ hồ sơ";
	Hoso__Suspension *sus[] = { &su };
	Hoso__Leg l1 = HOSO__LEG__INIT, l2 = HOSO__LEG__INIT;
	l1.kind = HOSO__LEG_KIND__LEG_FORWARD;
	l1.started = FRI_1630;
	l1.ended = MON_0900;
	l1.due_original = "2026-11-20";
	l1.due = "2026-11-20";
	l1.started_by = "Lê Thị Hoa";
	l2.kind = HOSO__LEG_KIND__LEG_POLICE;
	l2.started = MON_0900;
	l2.workdays = 7;
	l2.due_original = "2026-12-02";
	l2.due = "2026-12-10";
	l2.start_assumed = true;
	l2.n_extensions = 1;
	l2.extensions = xs;
	l2.n_suspensions = 1;
	l2.suspensions = sus;
	Hoso__Leg *legs[] = { &l1, &l2 };
	Hoso__Verification v = HOSO__VERIFICATION__INIT;
	v.id = 4;
	v.person_id = 12;
	v.person_name = "Phan Thanh Long";
	v.file_check_id = 2;
	v.subject = "Phan Văn Cường";
	v.ward_id = 3;
	v.version = 5;
	v.state = HOSO__VERIFICATION_STATE__VSTATE_AT_POLICE;
	v.n_legs = 2;
	v.legs = legs;
	v.due = "";
	v.status = "suspended";
	v.missed = true;
	s = DOC(j, json_verification(&j, &v));
	CHECK_STR(s, "{\"id\":4,\"person_id\":12,\"person_name\":"
	    "\"Phan Thanh Long\",\"file_check_id\":2,\"subject\":"
	    "\"Phan Văn Cường\",\"ward_id\":3,\"outside\":null,\"state\":"
	    "\"at-police\",\"status\":\"suspended\",\"due\":null,\"result\":"
	    "null,\"result_text\":null,\"missed\":true,\"version\":5,"
	    "\"entered_at\":null,\"note\":\"\",\"legs\":[{\"kind\":\"forward\","
	    "\"started\":\"2026-11-20T16:30:00+07:00\",\"ended\":"
	    "\"2026-11-23T09:00:00+07:00\",\"workdays\":0,\"due_original\":"
	    "\"2026-11-20\",\"due\":\"2026-11-20\",\"started_by\":"
	    "\"Lê Thị Hoa\",\"ended_by\":null,\"start_assumed\":false,"
	    "\"extensions\":[],\"suspensions\":[]},{\"kind\":\"police\","
	    "\"started\":\"2026-11-23T09:00:00+07:00\",\"ended\":null,"
	    "\"workdays\":7,\"due_original\":\"2026-12-02\",\"due\":"
	    "\"2026-12-10\",\"started_by\":null,\"ended_by\":null,"
	    "\"start_assumed\":true,\"extensions\":[{\"new_due\":"
	    "\"2026-12-10\",\"old_due\":\"2026-12-02\",\"reason\":"
	    "\"Người được thẩm tra đi vắng\",\"by\":\"Trần Văn Công\","
	    "\"entered_at\":null}],\"suspensions\":[{\"from\":"
	    "\"2026-11-23T09:00:00+07:00\",\"to\":null,\"reason\":"
	    "\"Chờ hồ sơ\",\"by\":null,\"resumed_by\":null}]}]}\n",
	    "verification: the contract's keys, words, dates and instants");
	free(s);

	Hoso__Verification out = HOSO__VERIFICATION__INIT;
	out.id = 9;
	out.person_id = 12;
	out.outside = "Đảng ủy xã Tân Phú, huyện Đức Hòa";
	out.state = HOSO__VERIFICATION_STATE__VSTATE_RETURNED;
	out.result = HOSO__CHECK_RESULT__RESULT_CONCERN;
	out.result_text = "Có tiền án";
	out.status = "closed";
	out.due = "2026-12-01";
	Hoso__Verification *items[] = { &v, &out };
	Hoso__CheckPage page = HOSO__CHECK_PAGE__INIT;
	page.n_items = 2;
	page.items = items;
	page.next_cursor = "9";
	page.as_of = "2026-11-23";
	s = DOC(j, json_check_page(&j, &page));
	CHECK(s != NULL && strncmp(s, "{\"items\":[{\"id\":4,", 18) == 0 &&
	    strstr(s, "\"ward_id\":null,\"outside\":\"Đảng ủy xã Tân Phú, "
	    "huyện Đức Hòa\",\"state\":\"returned\",\"status\":\"closed\","
	    "\"due\":\"2026-12-01\",\"result\":\"concern\",\"result_text\":"
	    "\"Có tiền án\"") != NULL &&
	    strstr(s, "],\"next\":\"9\",\"as_of\":\"2026-11-23\"}\n") != NULL,
	    "check page: items, a check sent outside, next and as_of");
	free(s);
}

static void
test_json_explanation(void)
{
	struct json j;
	char *s;
	char *args[] = { "2026-11-21", "Saturday" };
	Hoso__ExplainLine l1 = HOSO__EXPLAIN_LINE__INIT;
	Hoso__ExplainLine l2 = HOSO__EXPLAIN_LINE__INIT;
	l1.code = "skip";
	l1.date = "2026-11-21";
	l1.message = "21/11/2026 is not counted: Saturday";
	l1.message_format = "%s is not counted: %s";
	l1.message_args = args;
	l1.n_message_args = 2;
	l2.code = "due";
	l2.message = "Due at the end of the day";
	Hoso__ExplainLine *lines[] = { &l1, &l2 };
	Hoso__Explanation e = HOSO__EXPLANATION__INIT;
	e.check_id = 4;
	e.leg = HOSO__LEG_KIND__LEG_POLICE;
	e.due = "2026-12-02";
	e.n_lines = 2;
	e.lines = lines;
	s = DOC(j, json_explanation(&j, &e));
	CHECK_STR(s, "{\"check_id\":4,\"leg\":\"police\",\"due\":\"2026-12-02\","
	    "\"lines\":[{\"code\":\"skip\",\"date\":\"2026-11-21\",\"text\":"
	    "\"21/11/2026 is not counted: Saturday\"},{\"code\":\"due\","
	    "\"date\":null,\"text\":\"Due at the end of the day\"}]}\n",
	    "explanation: code, date and the English text of each line");
	free(s);
}

static void
test_json_report(void)
{
	struct json j;
	char *s;
	Hoso__LegStats st = HOSO__LEG_STATS__INIT;
	st.kind = HOSO__LEG_KIND__LEG_POLICE;
	st.finished = 4;
	st.median_workdays = 6.5;
	st.p90_workdays = 9;
	st.early = 1;
	st.on_time = 1;
	st.late_new_date = 1;
	st.late = 1;
	Hoso__LegStats *stats[] = { &st };
	Hoso__LateLeg late = HOSO__LATE_LEG__INIT;
	late.check_id = 7;
	late.kind = HOSO__LEG_KIND__LEG_POLICE;
	late.due_original = "2026-12-02";
	late.workdays_late = 3;
	late.held_by = "Công an phường 25";
	Hoso__LateLeg *lates[] = { &late };
	Hoso__WardTurnaround w = HOSO__WARD_TURNAROUND__INIT;
	w.ward_id = 3;
	w.ward_name = "Đảng ủy Phường 25";
	w.checks = 5;
	w.overdue_now = 1;
	w.n_legs = 1;
	w.legs = stats;
	w.n_late = 1;
	w.late = lates;
	Hoso__WardTurnaround *wards[] = { &w };
	Hoso__CheckReportReply r = HOSO__CHECK_REPORT_REPLY__INIT;
	r.from = "2026-11-01";
	r.to = "2026-11-30";
	r.n_wards = 1;
	r.wards = wards;
	s = DOC(j, json_check_report(&j, &r));
	CHECK_STR(s, "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"wards\":"
	    "[{\"ward_id\":3,\"ward_name\":\"Đảng ủy Phường 25\",\"checks\":5,"
	    "\"overdue_now\":1,\"legs\":[{\"kind\":\"police\",\"finished\":4,"
	    "\"median_workdays\":6.5,\"p90_workdays\":9,\"early\":1,"
	    "\"on_time\":1,\"late_new_date\":1,\"late\":1}],\"late\":[{"
	    "\"check_id\":7,\"kind\":\"police\",\"due_original\":"
	    "\"2026-12-02\",\"ended\":null,\"workdays_late\":3,\"held_by\":"
	    "\"Công an phường 25\",\"extended\":false}]}]}\n",
	    "check report: wards, legs with their kind word, late legs");
	free(s);
}

static void
test_json_alert(void)
{
	struct json j;
	char *s;
	char *args[] = { "4", "2026-11-20" };
	Hoso__Alert a = HOSO__ALERT__INIT;
	a.id = 2;
	a.raised_at = MON_0900;
	a.kind = "overdue";
	a.deadline = "check-forward";
	a.org_id = 3;
	a.escalated_to = 1;
	a.record_kind = "check";
	a.record_id = 4;
	a.person_id = 12;
	a.due = "2026-11-20";
	a.message = "Check 4 was due on 2026-11-20";
	a.message_format = "Check %s was due on %s";
	a.message_args = args;
	a.n_message_args = 2;
	s = DOC(j, json_alert(&j, &a));
	CHECK_STR(s, "{\"id\":2,\"raised_at\":\"2026-11-23T09:00:00+07:00\","
	    "\"kind\":\"overdue\",\"deadline\":\"check-forward\",\"org_id\":3,"
	    "\"escalated_to\":1,\"record_kind\":\"check\",\"record_id\":4,"
	    "\"person_id\":12,\"due\":\"2026-11-20\",\"message\":"
	    "\"Check 4 was due on 2026-11-20\",\"acked_at\":null,\"acked_by\":"
	    "null}\n", "alert: every key, message in English");
	free(s);
	char *t = hoso_message_text(a.message_format, a.message_args,
	    a.n_message_args, a.message);
	CHECK_STR(t, "Check 4 was due on 20/11/2026",
	    "alert text: the date written dd/mm/yyyy");
	free(t);

	a.acked_at = MON_0900 + 3600;
	a.acked_by = "Lê Thị Hoa";
	Hoso__Alert *items[] = { &a };
	Hoso__AlertPage page = HOSO__ALERT_PAGE__INIT;
	page.n_items = 1;
	page.items = items;
	s = DOC(j, json_alert_page(&j, &page));
	CHECK(s != NULL && strncmp(s, "{\"items\":[{\"id\":2,", 18) == 0 &&
	    strstr(s, "\"acked_at\":\"2026-11-23T10:00:00+07:00\",\"acked_by\":"
	    "\"Lê Thị Hoa\"}],\"next\":null}\n") != NULL,
	    "alert page: items, acknowledged, next null");
	free(s);
}

/* ---- events from a fake server ---------------------------------------- */

struct fake {
	int listen_fd;
	int go[2];              /* the test writes a byte: send the last Event */
};

/* Read exactly n bytes. */
static int
fake_read(int fd, uint8_t *buf, size_t n)
{
	while (n > 0) {
		ssize_t r = read(fd, buf, n);
		if (r <= 0)
			return -1;
		buf += r;
		n -= (size_t)r;
	}
	return 0;
}

/* The next Request from the client, or NULL. */
static Hoso__Request *
fake_request(int fd)
{
	uint8_t hdr[4], buf[4096];
	if (fake_read(fd, hdr, 4) < 0)
		return NULL;
	uint32_t n = frame_get_len(hdr);
	if (n == 0 || n > sizeof buf || fake_read(fd, buf, n) < 0)
		return NULL;
	return hoso__request__unpack(NULL, n, buf);
}

static void
fake_send(int fd, const Hoso__ServerMessage *m)
{
	uint8_t buf[4096];
	size_t n = hoso__server_message__pack(m, buf + 4);
	frame_put_len(buf, (uint32_t)n);
	if (write(fd, buf, n + 4) != (ssize_t)(n + 4))
		perror("fake server: write");
}

static void
fake_response(int fd, uint64_t id, Hoso__Response *r)
{
	Hoso__ServerMessage m = HOSO__SERVER_MESSAGE__INIT;
	r->id = id;
	m.body_case = HOSO__SERVER_MESSAGE__BODY_RESPONSE;
	m.response = r;
	fake_send(fd, &m);
}

/* An Event carrying alert id. */
static void
fake_event(int fd, uint64_t id)
{
	Hoso__ServerMessage m = HOSO__SERVER_MESSAGE__INIT;
	Hoso__Event ev = HOSO__EVENT__INIT;
	Hoso__Alert a = HOSO__ALERT__INIT;
	a.id = id;
	a.kind = "overdue";
	ev.seq = id;
	ev.kind = "overdue";
	ev.alert = &a;
	m.body_case = HOSO__SERVER_MESSAGE__BODY_EVENT;
	m.event = &ev;
	fake_send(fd, &m);
}

/* Hello; then Event 1 before the answer to the next request and Event 2
 * after it; an unsolicited Response (id 0) and Event 3 once the test says
 * go; then close. */
static void *
fake_server(void *arg)
{
	struct fake *f = arg;
	int fd = accept(f->listen_fd, NULL, NULL);
	if (fd < 0)
		return NULL;
	Hoso__Request *req = fake_request(fd);
	if (req != NULL && req->body_case == HOSO__REQUEST__BODY_HELLO) {
		Hoso__Response r = HOSO__RESPONSE__INIT;
		Hoso__HelloReply h = HOSO__HELLO_REPLY__INIT;
		h.protocol_major = HOSO_PROTO_MAJOR;
		h.protocol_minor = HOSO_PROTO_MINOR;
		h.server_name = "fake";
		h.server_version = "0";
		r.body_case = HOSO__RESPONSE__BODY_HELLO;
		r.hello = &h;
		fake_response(fd, req->id, &r);
	}
	hoso__request__free_unpacked(req, NULL);
	req = fake_request(fd);
	if (req != NULL) {
		Hoso__Response r = HOSO__RESPONSE__INIT;
		Hoso__Pong pong = HOSO__PONG__INIT;
		r.body_case = HOSO__RESPONSE__BODY_PONG;
		r.pong = &pong;
		fake_event(fd, 1);
		fake_response(fd, req->id, &r);
		fake_event(fd, 2);
	}
	hoso__request__free_unpacked(req, NULL);
	char c;
	if (read(f->go[0], &c, 1) == 1) {
		Hoso__Response r = HOSO__RESPONSE__INIT;
		r.status = HOSO__STATUS__RESOURCE_EXHAUSTED;
		fake_response(fd, 0, &r);
		fake_event(fd, 3);
	}
	close(fd);
	return NULL;
}

static void
test_events(void)
{
	struct fake f;
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof sa;
	pthread_t th;
	char addr[64], *err = NULL;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	f.listen_fd = socket(AF_INET, SOCK_STREAM, 0);
	if (f.listen_fd < 0 || bind(f.listen_fd, (struct sockaddr *)&sa,
	    sizeof sa) < 0 || listen(f.listen_fd, 1) < 0 ||
	    getsockname(f.listen_fd, (struct sockaddr *)&sa, &len) < 0 ||
	    pipe(f.go) < 0) {
		CHECK(0, "fake server: set up a loopback socket");
		return;
	}
	snprintf(addr, sizeof addr, "127.0.0.1:%u", ntohs(sa.sin_port));
	pthread_create(&th, NULL, fake_server, &f);

	struct hoso_client *c = hoso_connect(addr, 5000, &err);
	CHECK(c != NULL, "connect and Hello to the fake server");
	if (c == NULL) {
		free(err);
		close(f.go[1]);
		pthread_join(th, NULL);
		return;
	}
	Hoso__Request req = HOSO__REQUEST__INIT;
	Hoso__Ping ping = HOSO__PING__INIT;
	Hoso__Response *resp = NULL;
	req.body_case = HOSO__REQUEST__BODY_PING;
	req.ping = &ping;
	int rc = hoso_call(c, &req, &resp, &err);
	CHECK(rc == 0 && resp != NULL &&
	    resp->body_case == HOSO__RESPONSE__BODY_PONG,
	    "a call gets its Response past an Event sent before it");
	hoso_response_free(resp);

	Hoso__Event *ev = NULL;
	rc = hoso_wait_event(c, 5000, &ev, &err);
	CHECK(rc == 0 && ev != NULL && ev->alert != NULL && ev->alert->id == 1,
	    "the Event that came during the call is queued, first");
	if (ev != NULL)
		hoso__event__free_unpacked(ev, NULL);
	ev = NULL;
	rc = hoso_wait_event(c, 5000, &ev, &err);
	CHECK(rc == 0 && ev != NULL && ev->seq == 2,
	    "the Event sent after the Response is read from the socket");
	if (ev != NULL)
		hoso__event__free_unpacked(ev, NULL);
	ev = NULL;
	rc = hoso_wait_event(c, 50, &ev, &err);
	CHECK(rc == HOSO_E_TIMEOUT && ev == NULL,
	    "nothing more within 50 ms: HOSO_E_TIMEOUT");
	CHECK(write(f.go[1], "g", 1) == 1, "tell the fake server to go on");
	rc = hoso_wait_event(c, 5000, &ev, &err);
	CHECK(rc == 0 && ev != NULL && ev->seq == 3,
	    "after a timeout the connection still works; a stray Response is "
	    "skipped");
	if (ev != NULL)
		hoso__event__free_unpacked(ev, NULL);
	ev = NULL;
	rc = hoso_wait_event(c, 5000, &ev, &err);
	CHECK(rc == HOSO_E_CLOSED && ev == NULL && err != NULL,
	    "the server closing is reported: %s", err ? err : "(no message)");
	free(err);
	err = NULL;
	rc = hoso_wait_event(c, 5000, &ev, &err);
	CHECK(rc == HOSO_E_BROKEN, "and then the connection stays broken");
	free(err);
	hoso_close(c);
	pthread_join(th, NULL);
	close(f.listen_fd);
	close(f.go[0]);
	close(f.go[1]);
}

int
main(void)
{
	test_words();
	test_message_text();
	test_json_verification();
	test_json_explanation();
	test_json_report();
	test_json_alert();
	test_events();
	return t_done();
}
