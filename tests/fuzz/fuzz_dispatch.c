/* fuzz_dispatch.c: requests run through the dispatch table against a real
 * LMDB store, the way a connection runs them (daemon/conn.c conn_serve):
 * decode into a job's arena, look the type up (unknown and internal types
 * refused), the role gate (authz_role), then a read runs at once in a read
 * transaction (job_run: scope check, handler) and a write goes through the
 * writer's group commit (writer_run_batch: child transaction, scope check,
 * handler, commit, packed reply).
 *
 * Input: byte 0 picks who asks (the daemon itself, or a logged-in admin,
 * ward officer, cell secretary, police officer or inspector of the seeded
 * units) and the CCCD rules; the rest is a stream of frames (4-byte
 * big-endian length, Request), at most MAX_REQS of them, run in order.
 * So one input can make a person and then move their file.
 *
 * Every input starts from the same store: hosod --demo's invented
 * district (units, candidates at every stage, checks, accounts) and a
 * calendar edit, seeded once per process and copied back before each
 * input that follows one that wrote, so a crash replays from its input
 * alone (on the same day: the demo's dates follow the clock) and the
 * store never grows.  Skipped: Hello,
 * Login and AdminBackup, which need a live connection and server (conn.c,
 * auth.c, backup.c), and the internal requests, which the daemon refuses
 * from clients before dispatch.
 *
 * Checked: every reply packs and decodes as a ServerMessage with the
 * request's id and a known status, a refusal says why, and after the
 * input the store passes hosod --check (fsck_run) with no problem.
 * FUZZ_VERBOSE=1 in the environment prints each reply on stderr. */
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "hoso/protocol.h"
#include "frame.h"
#include "authz.h"
#include "config.h"
#include "date.h"
#include "demo.h"
#include "dispatch.h"
#include "fsck.h"
#include "job.h"
#include "log.h"
#include "workdays.h"
#include "writer.h"
#include "fuzz_store.h"

#define MAX_REQS 16

/* Units of the demo district, by id (daemon/demo.c). */
enum { U_QHA = 1, U_P01, U_P02, U_P03, U_KP1, U_KP2, U_KP3 };

static struct store st;
static char dir[300], datafile[320];
static uint8_t *tmpl;           /* data.mdb right after seeding */
static size_t tmpl_len;
static bool dirty;              /* the store changed since the copy */
static struct job *job;
static struct config cfg;
static int64_t now;
static uint64_t grows;
static FILE *devnull;
static bool verbose;            /* FUZZ_VERBOSE set: each reply on stderr */

/* A status as the daemon may send it. */
static bool
known_status(int s)
{
	return s >= HOSO__STATUS__OK && s <= HOSO__STATUS__INTERNAL;
}

/* The reply packed in j decodes, answers the request and says why not. */
static void
check_reply(const struct job *j)
{
	FUZZ_ASSERT(j->frame != NULL && j->frame_len >= HOSO_FRAME_HDR,
	    "%s: no reply packed", j->cmd->name);
	uint32_t n = frame_get_len(j->frame);
	FUZZ_ASSERT(n + HOSO_FRAME_HDR == j->frame_len, "frame length");
	Hoso__ServerMessage *sm = hoso__server_message__unpack(NULL, n,
	    j->frame + HOSO_FRAME_HDR);
	FUZZ_ASSERT(sm != NULL, "%s: the reply does not decode", j->cmd->name);
	FUZZ_ASSERT(sm->body_case == HOSO__SERVER_MESSAGE__BODY_RESPONSE &&
	    sm->response->id == j->req->id, "%s: reply to the wrong request",
	    j->cmd->name);
	const Hoso__Response *r = sm->response;
	FUZZ_ASSERT(known_status(r->status), "%s: status %d", j->cmd->name,
	    r->status);
	FUZZ_ASSERT(r->status == HOSO__STATUS__OK || *r->message != '\0',
	    "%s: status %d without a message", j->cmd->name, r->status);
	hoso__server_message__free_unpacked(sm, NULL);
}

/* Run the request decoded into job as conn_serve would, as who; its
 * status (-1 when the daemon would not dispatch it). */
static int
serve(const struct principal *who, bool strict, bool pw_ok)
{
	struct job *j = job;
	j->cmd = cmd_lookup(j->req->body_case);
	if (j->cmd == NULL || (j->cmd->flags & CMD_INTERNAL))
		return -1;              /* "unknown request type" */
	switch (j->req->body_case) {
	case HOSO__REQUEST__BODY_HELLO:
	case HOSO__REQUEST__BODY_LOGIN:
	case HOSO__REQUEST__BODY_ADMIN_BACKUP:
		return -1;              /* need a connection and a server */
	default:
		break;
	}
	j->now = now;
	j->who = *who;
	snprintf(j->who.peer, sizeof j->who.peer, "fuzz");
	if (!(j->cmd->flags & CMD_NO_AUTH) && !authz_role(&j->who, j->cmd))
		return HOSO__STATUS__PERMISSION_DENIED;
	j->rules = cfg.rules;
	j->rules.cccd_strict = strict;
	if (j->cmd->flags & CMD_PASSWORD) {
		/* What the password thread hands back (auth.c). */
		snprintf(j->pw_hash, sizeof j->pw_hash, "%s",
		    "$argon2id$v=19$m=65536,t=2,p=1$ZnV6emZ1enpmdXp6$"
		    "ZnV6emZ1enpmdXp6ZnV6emZ1enpmdXp6ZnV6eg");
		j->pw_ok = pw_ok;
	}
	if (j->cmd->flags & CMD_WRITE) {
		j->next = NULL;
		writer_run_batch(&st, j, NULL, 0, &grows);
		dirty = true;
	} else {
		struct txn t;
		job_resp_init(j);
		FUZZ_ASSERT(store_read_begin(&st, &t) == 0, "read txn");
		job_run(j, &t, NULL, NULL);
		store_read_end(&t);
		FUZZ_ASSERT(job_pack(j) == 0, "job_pack");
	}
	check_reply(j);
	if (verbose)
		fprintf(stderr, "%s as role %d: %d %s%s%s\n", j->cmd->name,
		    j->who.role, j->resp.status, j->resp.field ? j->resp.field : "",
		    j->resp.field && *j->resp.field ? ": " : "",
		    j->resp.message ? j->resp.message : "");
	return j->resp.status;
}

/* ---- seeding ---------------------------------------------------------- */

static const struct principal system_who = { .role = ROLE_SYSTEM,
    .login = "fuzz" };

/* Run a request built in C (seeding) and insist that it worked. */
static void
seed_run(Hoso__Request *r)
{
	job_reset(job);
	job->req = r;
	int s = serve(&system_who, false, true);
	FUZZ_ASSERT(s == HOSO__STATUS__OK, "seeding request %d failed: %d %s",
	    r->body_case, s, job->resp.message ? job->resp.message : "");
}

/* The invented district of `hosod --demo` (daemon/demo.c: units, thirty
 * candidates at every stage, background checks in every state, an account
 * per role), and a calendar edit. */
static void
seed(void)
{
	char *cause = NULL;
	/* demo_users prints the accounts it makes on stderr: not into fuzz
	 * logs. */
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	FUZZ_ASSERT(saved >= 0 && dup2(fileno(devnull), STDERR_FILENO) >= 0,
	    "stderr");
	int rc = demo_seed(&st, &cfg.rules, &cause);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	FUZZ_ASSERT(rc == 0, "demo_seed: %s", cause ? cause : "?");
	Hoso__CalendarSet cs = HOSO__CALENDAR_SET__INIT;
	Hoso__Request r = HOSO__REQUEST__INIT;
	cs.date = (char *)"2026-12-05";
	cs.kind = HOSO__CAL_DAY_KIND__CAL_DAY_WORK;
	cs.reason = (char *)"Làm bù";
	r.id = 4;
	r.body_case = HOSO__REQUEST__BODY_CALENDAR_SET;
	r.calendar_set = &cs;
	seed_run(&r);
}

/* Open the store, seed it and keep a copy of its data file. */
static void
setup(void)
{
	log_set_level(LOG_ERROR);
	verbose = getenv("FUZZ_VERBOSE") != NULL;
	devnull = fopen("/dev/null", "w");
	FUZZ_ASSERT(devnull != NULL, "/dev/null");
	config_defaults(&cfg);
	now = (int64_t)time(NULL);      /* demo_seed's dates follow the clock */
	snprintf(dir, sizeof dir, "%s/store", fzs_tmpdir());
	snprintf(datafile, sizeof datafile, "%s/data.mdb", dir);
	fzs_open(&st, dir);
	FUZZ_ASSERT(workdays_load(&st) == 0, "workdays_load");
	job = job_new();
	FUZZ_ASSERT(job != NULL, "job_new");
	seed();
	job_reset(job);
	store_close(&st);
	tmpl = fzs_slurp(datafile, &tmpl_len);
	fzs_open(&st, dir);
	dirty = false;
}

/* Back to the seeded store, and the calendar it holds. */
static void
restore(void)
{
	store_close(&st);
	fzs_spill(datafile, tmpl, tmpl_len);
	fzs_open(&st, dir);
	workdays_free();
	FUZZ_ASSERT(workdays_load(&st) == 0, "workdays_load");
	dirty = false;
}

/* The store is as hosod --check wants it. */
static void
check_store(void)
{
	struct fsck_result res = { 0, 0 };
	char *cause = NULL;
	int rc = fsck_run(&st, devnull, &res, &cause);
	FUZZ_ASSERT(rc == 0, "fsck_run: %s", cause ? cause : "?");
	if (res.problems != 0) {
		fsck_run(&st, stderr, &res, &cause);
		FUZZ_ASSERT(res.problems == 0, "the store has %llu problems",
		    (unsigned long long)res.problems);
	}
}

/* Who asks, from byte 0 (principals as auth.c makes them for accounts). */
static struct principal
pick_who(uint8_t b)
{
	struct principal p = { .user_id = 1 };
	snprintf(p.login, sizeof p.login, "fuzz");
	switch ((b & 0x3f) % 7) {
	case 0: p.role = ROLE_SYSTEM; break;
	case 1: p.role = HOSO__ROLE__ROLE_ADMIN; p.org_id = U_QHA; break;
	case 2: p.role = HOSO__ROLE__ROLE_WARD_OFFICER; p.org_id = U_P01;
		p.ward_id = U_P01; break;
	case 3: p.role = HOSO__ROLE__ROLE_CELL_SECRETARY; p.org_id = U_KP1;
		p.ward_id = U_P01; break;
	case 4: p.role = HOSO__ROLE__ROLE_POLICE; p.org_id = U_P01;
		p.ward_id = U_P01; break;
	case 5: p.role = HOSO__ROLE__ROLE_INSPECTOR; p.org_id = U_QHA; break;
	default: p.role = HOSO__ROLE__ROLE_CELL_SECRETARY; p.org_id = U_KP3;
		p.ward_id = U_P02; break;
	}
	return p;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (job == NULL)
		setup();
	if (size < 1)
		return 0;
	if (dirty)
		restore();
	struct principal who = pick_who(data[0]);
	bool strict = data[0] & 0x80, pw_ok = data[0] & 0x40;
	size_t off = 1;
	for (int i = 0; i < MAX_REQS && size - off >= HOSO_FRAME_HDR; i++) {
		uint32_t n = frame_get_len(data + off);
		off += HOSO_FRAME_HDR;
		if (n > size - off)
			n = (uint32_t)(size - off);     /* the rest */
		job_reset(job);
		job->req = hoso__request__unpack(&job->req_arena.pb, n,
		    data + off);
		off += n;
		if (job->req != NULL)
			serve(&who, strict, pw_ok);
	}
	job_reset(job);
	if (dirty)
		check_store();
	return 0;
}
