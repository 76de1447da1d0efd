/* fuzz_request.c: arbitrary bytes as the body of one frame: unpacked as a
 * Request the way conn_serve does (hoso__request__unpack into a job's
 * request arena, the daemon's allocator; the body no larger than the
 * default max_frame), then:
 *   - packing what was decoded and decoding that again gives the same
 *     bytes once more (the codec is stable), and the packed size is what
 *     get_packed_size said;
 *   - every string field anywhere in the message goes through the text
 *     rules (text_normalize is idempotent, valid_text agrees with it,
 *     text_fold works on what it accepts) and the date parsers (valid_date
 *     agrees with date_parse_iso);
 *   - the daemon's record validation runs on what carries a record
 *     (valid_person for PersonCreate/PersonUpdate, valid_org for
 *     OrgCreate/OrgUpdate) inside a read transaction on an empty store, so
 *     references to units are looked up for real;
 *   - the failure response that validation builds packs, and decodes as a
 *     ServerMessage.
 * Input byte 0 sets the CCCD rules (strict or lax); the rest is the body. */
#include <stdbool.h>
#include <string.h>

#include "hoso/protocol.h"
#include "frame.h"
#include "date.h"
#include "text.h"
#include "dispatch.h"
#include "job.h"
#include "request.h"
#include "validate.h"
#include "fuzz_store.h"

static struct store st;
static struct job *job;
static int64_t now;             /* fixed, so a replay sees the same day */

static void
setup(void)
{
	char dir[300];
	snprintf(dir, sizeof dir, "%s/empty", fzs_tmpdir());
	fzs_open(&st, dir);
	job = job_new();
	FUZZ_ASSERT(job != NULL, "job_new");
	now = (int64_t)date_from_ymd(2026, 11, 20) * 86400 + 3 * 3600;
}

/* A fresh response for the next validation call. */
static void
reset_resp(struct req_ctx *c)
{
	hoso__response__init(c->resp);
	c->resp->id = c->req->id;
}

/* Text and date rules on one string of the request. */
static void
check_string(struct req_ctx *c, const char *name, const char *s)
{
	size_t len = strlen(s);
	for (int nl = 0; nl <= 1; nl++) {
		const char *why = NULL;
		char *norm = text_normalize(s, len, nl, &why);
		char *copy = (char *)s;
		reset_resp(c);
		int rc = valid_text(c, name, name, &copy, (size_t)-1, false, nl);
		FUZZ_ASSERT((norm != NULL) == (rc == 0),
		    "valid_text(%s) = %d, text_normalize %s", name, rc,
		    norm ? "accepts" : "refuses");
		if (norm == NULL) {
			FUZZ_ASSERT(why != NULL && c->resp->message != NULL &&
			    *c->resp->message != '\0', "refusal without a reason");
			continue;
		}
		FUZZ_ASSERT(strcmp(copy, norm) == 0, "valid_text result differs");
		const char *why2 = NULL;
		char *again = text_normalize(norm, strlen(norm), nl, &why2);
		FUZZ_ASSERT(again != NULL && strcmp(again, norm) == 0,
		    "text_normalize not idempotent on field %s", name);
		FUZZ_ASSERT(text_length(norm) <= strlen(norm), "text_length");
		char *fold = text_fold(norm);
		FUZZ_ASSERT(fold != NULL, "text_fold refused normalised text");
		free(fold);
		free(again);
		free(norm);
	}
	int32_t d1 = 0, d2 = 0;
	int prc = date_parse_iso(s, &d1);
	reset_resp(c);
	int vrc = valid_date(c, name, name, s, &d2);
	FUZZ_ASSERT((prc == DATE_OK) == (vrc == 0) && (vrc != 0 || d1 == d2),
	    "valid_date and date_parse_iso disagree on field %s", name);
}

/* Call fn on m and each message inside it, and on_str on every string
 * field of them (either may be NULL). */
static void
walk(struct req_ctx *c, ProtobufCMessage *m, int depth,
    void (*fn)(ProtobufCMessage *),
    void (*on_str)(struct req_ctx *, const char *, const char *))
{
	const ProtobufCMessageDescriptor *d = m->descriptor;
	FUZZ_ASSERT(depth < 64, "message nested %d deep", depth);
	if (fn != NULL)
		fn(m);
	for (unsigned i = 0; i < d->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &d->fields[i];
		char *base = (char *)m;
		if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
			uint32_t which = *(const uint32_t *)(base +
			    f->quantifier_offset);
			if (which != f->id)
				continue;
		}
		size_t n = 1;
		void *vals = base + f->offset;
		if (f->label == PROTOBUF_C_LABEL_REPEATED) {
			n = *(const size_t *)(base + f->quantifier_offset);
			vals = *(void **)vals;
		}
		for (size_t k = 0; k < n; k++) {
			if (f->type == PROTOBUF_C_TYPE_STRING && on_str != NULL) {
				const char *s = ((char **)vals)[k];
				if (s != NULL)
					on_str(c, f->name, s);
			} else if (f->type == PROTOBUF_C_TYPE_MESSAGE) {
				ProtobufCMessage *sub = ((ProtobufCMessage **)vals)[k];
				if (sub != NULL)
					walk(c, sub, depth + 1, fn, on_str);
			}
		}
	}
}

/* Forget the fields the schema does not know (arena memory: not freed). */
static void
drop_unknown(ProtobufCMessage *m)
{
	m->n_unknown_fields = 0;
	m->unknown_fields = NULL;
}

/* The codec is stable: pack, unpack, pack gives the same bytes.  Known
 * fields only: protobuf-c keeps unknown ones as they came, and one with
 * field number 0 written as a two-byte tag (81 00) is taken on unpack but
 * packed as the one byte 01 that unpack refuses.  hosod never packs a
 * request, and clears unknown fields from what it stores. */
static void
check_repack(const Hoso__Request *r)
{
	size_t n = hoso__request__get_packed_size(r);
	uint8_t *a = malloc(n ? n : 1), *b = NULL;
	FUZZ_ASSERT(a != NULL, "out of memory");
	FUZZ_ASSERT(hoso__request__pack(r, a) == n, "packed size");
	Hoso__Request *r2 = hoso__request__unpack(NULL, n, a);
	FUZZ_ASSERT(r2 != NULL, "a packed Request does not decode");
	FUZZ_ASSERT(hoso__request__get_packed_size(r2) == n, "size changed");
	b = malloc(n ? n : 1);
	FUZZ_ASSERT(b != NULL, "out of memory");
	hoso__request__pack(r2, b);
	FUZZ_ASSERT(memcmp(a, b, n) == 0, "repacking changed the bytes");
	FUZZ_ASSERT(r2->id == r->id && r2->body_case == r->body_case, "fields");
	hoso__request__free_unpacked(r2, NULL);
	free(a);
	free(b);
}

/* The daemon's record checks, on the records a request carries. */
static void
check_records(struct req_ctx *c, Hoso__Request *r)
{
	Hoso__Org org = HOSO__ORG__INIT;
	reset_resp(c);
	switch (r->body_case) {
	case HOSO__REQUEST__BODY_PERSON_CREATE:
		if (r->person_create->person != NULL)
			valid_person(c, r->person_create->person, true);
		break;
	case HOSO__REQUEST__BODY_PERSON_UPDATE:
		if (r->person_update->person != NULL)
			valid_person(c, r->person_update->person,
			    r->person_update->n_fields > 0);
		break;
	case HOSO__REQUEST__BODY_ORG_CREATE:
		org.kind = r->org_create->kind;
		org.name = r->org_create->name;
		org.code = r->org_create->code;
		org.parent_id = r->org_create->parent_id;
		org.decides_admission = r->org_create->decides_admission;
		valid_org(c, &org);
		break;
	case HOSO__REQUEST__BODY_ORG_UPDATE:
		if (r->org_update->org != NULL)
			valid_org(c, r->org_update->org);
		break;
	default:
		return;
	}
	FUZZ_ASSERT(c->resp->status >= HOSO__STATUS__OK &&
	    c->resp->status <= HOSO__STATUS__INTERNAL, "status %d",
	    c->resp->status);
	FUZZ_ASSERT(c->resp->status == HOSO__STATUS__OK ||
	    (c->resp->message != NULL && *c->resp->message != '\0'),
	    "refusal without a message");
}

/* The response built so far packs into a frame that decodes. */
static void
check_reply(struct job *j)
{
	FUZZ_ASSERT(job_pack(j) == 0, "job_pack");
	uint32_t n = frame_get_len(j->frame);
	FUZZ_ASSERT(n + HOSO_FRAME_HDR == j->frame_len, "frame length");
	Hoso__ServerMessage *sm = hoso__server_message__unpack(NULL, n,
	    j->frame + HOSO_FRAME_HDR);
	FUZZ_ASSERT(sm != NULL && sm->body_case ==
	    HOSO__SERVER_MESSAGE__BODY_RESPONSE && sm->response->id == j->resp.id,
	    "a packed reply does not decode");
	hoso__server_message__free_unpacked(sm, NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (job == NULL)
		setup();
	if (size < 1 || size - 1 > HOSO_FRAME_MAX_DEFAULT)
		return 0;
	struct job *j = job;
	job_reset(j);
	j->rules.cccd_strict = data[0] & 1;
	j->req = hoso__request__unpack(&j->req_arena.pb, size - 1, data + 1);
	if (j->req == NULL)
		return 0;
	j->cmd = cmd_lookup(j->req->body_case);
	FUZZ_ASSERT(j->cmd == NULL || j->cmd->body == j->req->body_case,
	    "table row");
	walk(NULL, &j->req->base, 0, drop_unknown, NULL);
	check_repack(j->req);

	job_resp_init(j);
	struct txn t;
	FUZZ_ASSERT(store_read_begin(&st, &t) == 0, "read txn");
	struct req_ctx c = {
		.arena = &j->resp_arena,
		.txn = &t,
		.rules = &j->rules,
		.now = now,
		.req = j->req,
		.resp = &j->resp,
		.who = &j->who,
		.cmd = j->cmd,
	};
	walk(&c, &j->req->base, 0, NULL, check_string);
	check_records(&c, j->req);
	store_read_end(&t);
	check_reply(j);
	return 0;
}
