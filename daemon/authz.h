/* authz.h: who is asking (a principal) and what they may do.
 *
 * Every request is checked here, in one place: the role gate (may this role
 * send this request type at all) when the request arrives, and the scope
 * check (is the record it names inside the caller's unit) inside the
 * request's transaction, so the answer and the data agree.  Lists and
 * searches ask authz_sees_* for each item and leave out the rest. */
#ifndef HOSOD_AUTHZ_H
#define HOSOD_AUTHZ_H

#include <stdbool.h>
#include <stdint.h>

#include "hoso.pb-c.h"

struct req_ctx;
struct txn;
struct cmd;

/* Roles are Hoso__Role values; the daemon's own jobs (the deadline sweep,
 * demo seeding, unit tests) run as ROLE_SYSTEM, which no account has. */
#define ROLE_SYSTEM 100

#define LOGIN_MAX 33                /* 32 characters and the NUL */

struct principal {
	uint64_t user_id;
	int role;                       /* Hoso__Role, ROLE_SYSTEM or 0 */
	uint64_t org_id;                /* the unit the role applies to */
	uint64_t ward_id;               /* police: the ward they serve */
	char login[LOGIN_MAX];
	char peer[64];                  /* source address */
};

/* Role bits for the request table (struct cmd.roles). */
#define R_ADMIN (1u << HOSO__ROLE__ROLE_ADMIN)
#define R_WARD (1u << HOSO__ROLE__ROLE_WARD_OFFICER)
#define R_CELL (1u << HOSO__ROLE__ROLE_CELL_SECRETARY)
#define R_POLICE (1u << HOSO__ROLE__ROLE_POLICE)
#define R_INSPECTOR (1u << HOSO__ROLE__ROLE_INSPECTOR)
#define R_ANY (R_ADMIN | R_WARD | R_CELL | R_POLICE | R_INSPECTOR)
#define R_OFFICE (R_ADMIN | R_WARD | R_CELL | R_INSPECTOR)

/* May who send requests of type cmd at all?  (No store needed.) */
bool authz_role(const struct principal *who, const struct cmd *cmd);

/* The full check of a request inside its transaction: role, then the
 * record it names.  Returns OK or fails c with PERMISSION_DENIED (or the
 * record's NOT_FOUND when the caller could see it anyway).  Also fills
 * c->audit_kind / c->audit_id with the record named. */
int authz_request(struct req_ctx *c);

/* The record a request names ("person", id), for the audit log. */
void authz_target(const Hoso__Request *r, const char **kind, uint64_t *id);

/* Visibility of single records, for lists and searches. */
bool authz_sees_org(struct req_ctx *c, uint64_t org_id);
bool authz_sees_person(struct req_ctx *c, const Hoso__Person *p);
bool authz_sees_check(struct req_ctx *c, const Hoso__Verification *v);
bool authz_sees_alert(struct req_ctx *c, const Hoso__Alert *a);
/* Does the caller see every unit (district-wide roles and the daemon)? */
bool authz_district_wide(const struct req_ctx *c);
/* The unit whose people the caller works with (a ward officer's ward, a
 * cell secretary's cell), or 0 for district-wide callers: everyone. */
uint64_t authz_home_unit(const struct req_ctx *c);

const char *role_name(int role);

#endif
