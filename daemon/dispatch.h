/* dispatch.h: the one table that maps a request type to its handler.
 * Access checks, audit records and metrics hang on this one point. */
#ifndef HOSOD_DISPATCH_H
#define HOSOD_DISPATCH_H

#include <stdint.h>

#include "request.h"

#define CMD_WRITE 0x1           /* runs in the writer thread, in a write txn */
#define CMD_BEFORE_HELLO 0x2    /* allowed before the Hello exchange */
#define CMD_INTERNAL 0x4        /* the daemon's own; refused from clients */
#define CMD_NO_AUTH 0x8         /* allowed before login (Hello, Ping, Login) */
#define CMD_AUDIT 0x10          /* a read that goes into the audit log */
#define CMD_PASSWORD 0x20       /* password work first, off the loop (auth.c) */

/* What a request names, for the scope check (authz.c). */
enum cmd_scope {
	SCOPE_NONE,                 /* the role decides alone */
	SCOPE_PERSON,               /* a person (and their file) */
	SCOPE_NEW_PERSON,           /* the cell of a person to be made */
	SCOPE_CHECK,                /* a background check */
	SCOPE_ORG,                  /* a unit */
	SCOPE_ALERT,                /* an alert */
	SCOPE_LIST,                 /* a list: the handler filters each item;
	                             * a unit it is narrowed to must be the
	                             * caller's (authz.c) */
};

typedef int (*cmd_fn)(struct req_ctx *);

struct cmd {
	Hoso__Request__BodyCase body;
	const char *name;           /* for logs and metrics */
	cmd_fn fn;
	unsigned flags;
	unsigned roles;             /* R_* bits of the roles that may send it */
	enum cmd_scope scope;
	/* metrics, updated by the thread that runs the command */
	uint64_t calls, failures;
};

/* The row for a request type, or NULL if there is none. */
struct cmd *cmd_lookup(Hoso__Request__BodyCase body);

/* The handlers, one file per family (cmd-*.c). */
int cmd_hello(struct req_ctx *);
int cmd_ping(struct req_ctx *);
int cmd_org_create(struct req_ctx *);
int cmd_org_get(struct req_ctx *);
int cmd_org_update(struct req_ctx *);
int cmd_org_list(struct req_ctx *);
int cmd_person_create(struct req_ctx *);
int cmd_person_get(struct req_ctx *);
int cmd_person_update(struct req_ctx *);
int cmd_person_list(struct req_ctx *);
int cmd_person_find(struct req_ctx *);
int cmd_pipeline_count(struct req_ctx *);
int cmd_file_get(struct req_ctx *);
int cmd_file_moves(struct req_ctx *);
int cmd_file_advance(struct req_ctx *);
int cmd_file_record(struct req_ctx *);
int cmd_history_list(struct req_ctx *);
int cmd_evaluation_add(struct req_ctx *);
int cmd_evaluations_due(struct req_ctx *);
int cmd_quota_set(struct req_ctx *);
int cmd_quota_show(struct req_ctx *);
int cmd_calendar_set(struct req_ctx *);
int cmd_calendar_unset(struct req_ctx *);
int cmd_calendar_show(struct req_ctx *);
int cmd_calendar_lunar(struct req_ctx *);
int cmd_calendar_add_workdays(struct req_ctx *);
int cmd_calendar_workdays(struct req_ctx *);
int cmd_check_open(struct req_ctx *);
int cmd_check_step(struct req_ctx *);
int cmd_check_get(struct req_ctx *);
int cmd_check_list(struct req_ctx *);
int cmd_check_explain(struct req_ctx *);
int cmd_check_report(struct req_ctx *);
int cmd_alert_list(struct req_ctx *);
int cmd_alert_ack(struct req_ctx *);
int cmd_subscribe(struct req_ctx *);
int cmd_deadline_sweep(struct req_ctx *);
int cmd_security_alert(struct req_ctx *);
int cmd_login(struct req_ctx *);
int cmd_logout(struct req_ctx *);
int cmd_user_add(struct req_ctx *);
int cmd_user_set_enabled(struct req_ctx *);
int cmd_user_passwd(struct req_ctx *);
int cmd_user_list(struct req_ctx *);
int cmd_audit_list(struct req_ctx *);

#endif
