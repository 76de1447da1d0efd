/* authz.c: roles and scope, checked for every request (see authz.h). */
#include <string.h>

#include "i18n.h"
#include "alert.h"
#include "authz.h"
#include "check.h"
#include "dispatch.h"
#include "request.h"
#include "tables.h"

#define ORG_DEPTH_MAX 8             /* district > ward > cell, with room */

const char *
role_name(int role)
{
	switch (role) {
	case HOSO__ROLE__ROLE_ADMIN: return "admin";
	case HOSO__ROLE__ROLE_WARD_OFFICER: return "ward-officer";
	case HOSO__ROLE__ROLE_CELL_SECRETARY: return "cell-secretary";
	case HOSO__ROLE__ROLE_POLICE: return "police";
	case HOSO__ROLE__ROLE_INSPECTOR: return "inspector";
	case ROLE_SYSTEM: return "system";
	default: return "none";
	}
}

bool
authz_role(const struct principal *who, const struct cmd *cmd)
{
	if (who->role == ROLE_SYSTEM)
		return true;
	if (who->role <= 0 || who->role >= 32)
		return false;
	return (cmd->roles & (1u << who->role)) != 0;
}

bool
authz_district_wide(const struct req_ctx *c)
{
	int r = c->who->role;
	return r == ROLE_SYSTEM || r == HOSO__ROLE__ROLE_ADMIN ||
	    r == HOSO__ROLE__ROLE_INSPECTOR;
}

/* The unit whose subtree the caller works in (not district-wide roles). */
static uint64_t
scope_root(const struct principal *who)
{
	return who->role == HOSO__ROLE__ROLE_POLICE ? who->ward_id :
	    who->org_id;
}

/* Is anc the unit org or one of the units above it? */
static bool
org_under(struct req_ctx *c, uint64_t org, uint64_t anc)
{
	for (int depth = 0; org != 0 && depth < ORG_DEPTH_MAX; depth++) {
		if (org == anc)
			return true;
		int rc;
		Hoso__Org *o = org_get(c->txn, org, c->arena, &rc);
		if (o == NULL)
			return false;
		org = o->parent_id;
	}
	return false;
}

uint64_t
authz_home_unit(const struct req_ctx *c)
{
	return authz_district_wide(c) ? 0 : scope_root(c->who);
}

bool
authz_sees_org(struct req_ctx *c, uint64_t org_id)
{
	if (authz_district_wide(c))
		return true;
	uint64_t root = scope_root(c->who);
	/* Its own subtree, and the units above it (to name them). */
	return root != 0 && (org_under(c, org_id, root) ||
	    org_under(c, root, org_id));
}

/* May the caller see the people of home cell cell_id? */
static bool
sees_cell(struct req_ctx *c, uint64_t cell_id)
{
	switch (c->who->role) {
	case HOSO__ROLE__ROLE_WARD_OFFICER:
		return cell_id != 0 && org_under(c, cell_id, c->who->org_id);
	case HOSO__ROLE__ROLE_CELL_SECRETARY:
		return cell_id != 0 && cell_id == c->who->org_id;
	default:
		return authz_district_wide(c);
	}
}

bool
authz_sees_person(struct req_ctx *c, const Hoso__Person *p)
{
	if (authz_district_wide(c))
		return true;
	return p != NULL && sees_cell(c, p->cell_id);
}

static bool
sees_person_id(struct req_ctx *c, uint64_t id)
{
	if (authz_district_wide(c))
		return true;
	int rc;
	Hoso__Person *p = person_get(c->txn, id, c->arena, &rc);
	return p != NULL && authz_sees_person(c, p);
}

bool
authz_sees_check(struct req_ctx *c, const Hoso__Verification *v)
{
	if (authz_district_wide(c))
		return true;
	if (v == NULL)
		return false;
	switch (c->who->role) {
	case HOSO__ROLE__ROLE_POLICE:
		return v->ward_id != 0 && v->ward_id == c->who->ward_id;
	case HOSO__ROLE__ROLE_WARD_OFFICER:
		if (v->ward_id != 0 && v->ward_id == c->who->org_id)
			return true;
		/* FALLTHROUGH */
	default:
		return sees_person_id(c, v->person_id);
	}
}

bool
authz_sees_alert(struct req_ctx *c, const Hoso__Alert *a)
{
	if (authz_district_wide(c))
		return true;
	if (a == NULL)
		return false;
	int rc;
	if (a->record_kind != NULL && strcmp(a->record_kind, "check") == 0) {
		Hoso__Verification *v = verif_get(c->txn, a->record_id,
		    c->arena, &rc);
		return authz_sees_check(c, v);
	}
	switch (c->who->role) {
	case HOSO__ROLE__ROLE_WARD_OFFICER:
		if (a->person_id == 0)          /* a ward's digest */
			return a->org_id == c->who->org_id;
		return sees_person_id(c, a->person_id);
	case HOSO__ROLE__ROLE_CELL_SECRETARY:
		return a->person_id != 0 && sees_person_id(c, a->person_id);
	default:
		return false;
	}
}

/* The record a request names, by request type. */
struct target {
	const char *kind;
	uint64_t id;
};

static struct target
request_target(const Hoso__Request *r)
{
	struct target t = { NULL, 0 };
#define T(k, v) do { t.kind = (k); t.id = (v); } while (0)
	switch (r->body_case) {
	case HOSO__REQUEST__BODY_ORG_GET: T("org", r->org_get->id); break;
	case HOSO__REQUEST__BODY_ORG_UPDATE: T("org", r->org_update->id); break;
	case HOSO__REQUEST__BODY_PERSON_GET: T("person", r->person_get->id); break;
	case HOSO__REQUEST__BODY_PERSON_UPDATE:
		T("person", r->person_update->id); break;
	case HOSO__REQUEST__BODY_PERSON_CREATE: T("person", 0); break;
	case HOSO__REQUEST__BODY_FILE_GET:
		T("person", r->file_get->person_id); break;
	case HOSO__REQUEST__BODY_FILE_MOVES:
		T("person", r->file_moves->person_id); break;
	case HOSO__REQUEST__BODY_FILE_ADVANCE:
		T("person", r->file_advance->person_id); break;
	case HOSO__REQUEST__BODY_FILE_RECORD:
		T("person", r->file_record->person_id); break;
	case HOSO__REQUEST__BODY_HISTORY_LIST:
		T("person", r->history_list->person_id); break;
	case HOSO__REQUEST__BODY_EVALUATION_ADD:
		T("person", r->evaluation_add->evaluation ?
		    r->evaluation_add->evaluation->person_id : 0); break;
	case HOSO__REQUEST__BODY_EVALUATIONS_DUE:
		T("org", r->evaluations_due->cell_id); break;
	case HOSO__REQUEST__BODY_QUOTA_SET:
		T("org", r->quota_set->quota ? r->quota_set->quota->org_id : 0);
		break;
	case HOSO__REQUEST__BODY_QUOTA_SHOW:
		T("org", r->quota_show->org_id); break;
	case HOSO__REQUEST__BODY_PERSON_LIST:
		if (r->person_list->org_id != 0)
			T("org", r->person_list->org_id);
		break;
	case HOSO__REQUEST__BODY_PIPELINE_COUNT:
		T("org", r->pipeline_count->org_id); break;
	case HOSO__REQUEST__BODY_CHECK_OPEN:
		T("person", r->check_open->person_id); break;
	case HOSO__REQUEST__BODY_CHECK_STEP:
		T("check", r->check_step->check_id); break;
	case HOSO__REQUEST__BODY_CHECK_GET:
		T("check", r->check_get->check_id); break;
	case HOSO__REQUEST__BODY_CHECK_EXPLAIN:
		T("check", r->check_explain->check_id); break;
	case HOSO__REQUEST__BODY_ALERT_ACK:
		T("alert", r->alert_ack->alert_id); break;
	case HOSO__REQUEST__BODY_USER_SET_ENABLED:
	case HOSO__REQUEST__BODY_USER_PASSWD:
	case HOSO__REQUEST__BODY_USER_ADD:
		T("user", 0); break;
	case HOSO__REQUEST__BODY_CALENDAR_SET:
	case HOSO__REQUEST__BODY_CALENDAR_UNSET:
		T("calendar", 0); break;
	default:
		break;
	}
#undef T
	return t;
}

void
authz_target(const Hoso__Request *r, const char **kind, uint64_t *id)
{
	struct target t = request_target(r);
	*kind = t.kind;
	*id = t.id;
}

static int
deny(struct req_ctx *c, const char *why)
{
	return ctx_fail(c, HOSO__STATUS__PERMISSION_DENIED, NULL,
	    N_("permission denied: %s (you are signed in as %s, %s)"), why,
	    c->who->login, role_name(c->who->role));
}

/* A person to be made (PersonCreate) or moved to a cell (PersonUpdate):
 * that cell must be the caller's. */
static bool
sees_new_cell(struct req_ctx *c, const Hoso__Person *p)
{
	return authz_district_wide(c) || (p != NULL && sees_cell(c, p->cell_id));
}

static bool
updates_cell(const Hoso__PersonUpdate *u)
{
	for (size_t i = 0; i < u->n_fields; i++)
		if (strcmp(u->fields[i], "cell_id") == 0)
			return true;
	return false;
}

/* Police record what the police did; the rest of a check is the ward's. */
static bool
step_allowed(const struct principal *who, Hoso__CheckStepKind k)
{
	if (who->role != HOSO__ROLE__ROLE_POLICE)
		return true;
	return k == HOSO__CHECK_STEP_KIND__STEP_POLICE_RECEIVED ||
	    k == HOSO__CHECK_STEP_KIND__STEP_POLICE_RESULT;
}

int
authz_request(struct req_ctx *c)
{
	const Hoso__Request *r = c->req;
	struct target t = request_target(r);
	int rc;
	c->audit_kind = t.kind;
	c->audit_id = t.id;
	if (c->who->role == ROLE_SYSTEM || (c->cmd->flags & CMD_NO_AUTH))
		return HOSO__STATUS__OK;
	if (!authz_role(c->who, c->cmd))
		return deny(c, N_("your role may not do this"));
	bool wide = authz_district_wide(c);
	switch (c->cmd->scope) {
	case SCOPE_NONE:
		return HOSO__STATUS__OK;
	case SCOPE_LIST:
		/* A list or count narrowed to a unit (PersonList.org_id,
		 * PipelineCount): the unit must be inside the caller's own,
		 * else it is refused rather than shown empty. */
		if (!wide && t.id != 0 && !org_under(c, t.id,
		    scope_root(c->who)))
			return deny(c, N_("this unit is outside yours"));
		return HOSO__STATUS__OK;
	case SCOPE_NEW_PERSON:
		if (!sees_new_cell(c, r->person_create->person))
			return deny(c, N_("the cell is not yours"));
		return HOSO__STATUS__OK;
	case SCOPE_PERSON:
		if (!wide && !sees_person_id(c, t.id))
			return deny(c, N_("this candidate is outside your unit"));
		if (r->body_case == HOSO__REQUEST__BODY_PERSON_UPDATE &&
		    updates_cell(r->person_update) &&
		    !sees_new_cell(c, r->person_update->person))
			return deny(c, N_("the cell is not yours"));
		/* A file moves only to a cell the caller also holds; between
		 * wards, the district moves it. */
		if (r->body_case == HOSO__REQUEST__BODY_FILE_ADVANCE &&
		    r->file_advance->to == HOSO__STAGE__STAGE_MOVED && !wide &&
		    !sees_cell(c, r->file_advance->cell_id))
			return deny(c, N_("the cell it moves to is not yours"));
		return HOSO__STATUS__OK;
	case SCOPE_CHECK:
		if (!wide) {
			Hoso__Verification *v = verif_get(c->txn, t.id, c->arena,
			    &rc);
			if (!authz_sees_check(c, v))
				return deny(c, N_("this check is outside your "
				    "unit"));
		}
		if (r->body_case == HOSO__REQUEST__BODY_CHECK_STEP &&
		    !step_allowed(c->who, r->check_step->step))
			return deny(c, N_("the police record only receiving a "
			    "check and its result"));
		return HOSO__STATUS__OK;
	case SCOPE_ORG:
		if (!wide && (t.id == 0 || !authz_sees_org(c, t.id)))
			return deny(c, N_("this unit is outside yours"));
		/* Reading a unit above one's own names it; its contents
		 * (quotas, evaluations) stay with its own subtree. */
		if (!wide && r->body_case != HOSO__REQUEST__BODY_ORG_GET &&
		    !org_under(c, t.id, scope_root(c->who)))
			return deny(c, N_("this unit is outside yours"));
		return HOSO__STATUS__OK;
	case SCOPE_ALERT:
		if (!wide) {
			Hoso__Alert *a = alert_get(c->txn, t.id, c->arena, &rc);
			if (!authz_sees_alert(c, a))
				return deny(c, N_("this alert is outside your "
				    "unit"));
		}
		return HOSO__STATUS__OK;
	}
	return deny(c, N_("your role may not do this"));
}
