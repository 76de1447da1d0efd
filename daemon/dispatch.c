/* dispatch.c: the request table (see dispatch.h).  Each row says who may
 * send the request (roles) and what record it names (scope); authz.c
 * checks both for every request, in one place. */
#include <stddef.h>

#include "authz.h"
#include "backup.h"
#include "dispatch.h"

#define B(x) HOSO__REQUEST__BODY_##x

/* Writers of the candidates' files, and every reader of them. */
#define R_FILEW (R_ADMIN | R_WARD | R_CELL)
#define R_CHECKW (R_ADMIN | R_WARD | R_POLICE)

static struct cmd cmd_table[] = {
	{ B(HELLO), "hello", cmd_hello, CMD_BEFORE_HELLO | CMD_NO_AUTH,
	  R_ANY, SCOPE_NONE },
	{ B(PING), "ping", cmd_ping, CMD_NO_AUTH, R_ANY, SCOPE_NONE },
	{ B(LOGIN), "login", cmd_login, CMD_NO_AUTH | CMD_PASSWORD, R_ANY,
	  SCOPE_NONE },
	{ B(LOGOUT), "logout", cmd_logout, CMD_AUDIT, R_ANY, SCOPE_NONE },
	{ B(ORG_CREATE), "org.create", cmd_org_create, CMD_WRITE, R_ADMIN,
	  SCOPE_NONE },
	{ B(ORG_GET), "org.get", cmd_org_get, 0, R_ANY, SCOPE_ORG },
	{ B(ORG_UPDATE), "org.update", cmd_org_update, CMD_WRITE, R_ADMIN,
	  SCOPE_ORG },
	{ B(ORG_LIST), "org.list", cmd_org_list, 0, R_ANY, SCOPE_LIST },
	{ B(PERSON_CREATE), "person.create", cmd_person_create, CMD_WRITE,
	  R_FILEW, SCOPE_NEW_PERSON },
	{ B(PERSON_GET), "person.get", cmd_person_get, CMD_AUDIT, R_OFFICE,
	  SCOPE_PERSON },
	{ B(PERSON_UPDATE), "person.update", cmd_person_update, CMD_WRITE,
	  R_FILEW, SCOPE_PERSON },
	{ B(PERSON_LIST), "person.list", cmd_person_list, 0, R_OFFICE,
	  SCOPE_LIST },
	{ B(PERSON_FIND), "person.find", cmd_person_find, 0, R_OFFICE,
	  SCOPE_LIST },
	{ B(PIPELINE_COUNT), "pipeline.count", cmd_pipeline_count, 0,
	  R_OFFICE, SCOPE_LIST },
	{ B(FILE_GET), "file.get", cmd_file_get, CMD_AUDIT, R_OFFICE,
	  SCOPE_PERSON },
	{ B(FILE_MOVES), "file.moves", cmd_file_moves, CMD_AUDIT, R_OFFICE,
	  SCOPE_PERSON },
	{ B(FILE_ADVANCE), "file.advance", cmd_file_advance, CMD_WRITE,
	  R_FILEW, SCOPE_PERSON },
	{ B(FILE_RECORD), "file.record", cmd_file_record, CMD_WRITE, R_FILEW,
	  SCOPE_PERSON },
	{ B(HISTORY_LIST), "history.list", cmd_history_list, CMD_AUDIT,
	  R_OFFICE, SCOPE_PERSON },
	{ B(EVALUATION_ADD), "evaluation.add", cmd_evaluation_add, CMD_WRITE,
	  R_FILEW, SCOPE_PERSON },
	{ B(EVALUATIONS_DUE), "evaluations.due", cmd_evaluations_due, 0,
	  R_OFFICE, SCOPE_ORG },
	{ B(QUOTA_SET), "quota.set", cmd_quota_set, CMD_WRITE, R_ADMIN,
	  SCOPE_ORG },
	{ B(QUOTA_SHOW), "quota.show", cmd_quota_show, 0, R_OFFICE,
	  SCOPE_ORG },
	{ B(CALENDAR_SET), "calendar.set", cmd_calendar_set, CMD_WRITE,
	  R_ADMIN, SCOPE_NONE },
	{ B(CALENDAR_UNSET), "calendar.unset", cmd_calendar_unset, CMD_WRITE,
	  R_ADMIN, SCOPE_NONE },
	{ B(CALENDAR_SHOW), "calendar.show", cmd_calendar_show, 0, R_ANY,
	  SCOPE_NONE },
	{ B(CALENDAR_LUNAR), "calendar.lunar", cmd_calendar_lunar, 0, R_ANY,
	  SCOPE_NONE },
	{ B(CALENDAR_ADD_WORKDAYS), "calendar.add_workdays",
	  cmd_calendar_add_workdays, 0, R_ANY, SCOPE_NONE },
	{ B(CALENDAR_WORKDAYS), "calendar.workdays", cmd_calendar_workdays, 0,
	  R_ANY, SCOPE_NONE },
	{ B(CHECK_OPEN), "check.open", cmd_check_open, CMD_WRITE,
	  R_ADMIN | R_WARD, SCOPE_PERSON },
	{ B(CHECK_STEP), "check.step", cmd_check_step, CMD_WRITE, R_CHECKW,
	  SCOPE_CHECK },
	{ B(CHECK_GET), "check.get", cmd_check_get, CMD_AUDIT, R_ANY,
	  SCOPE_CHECK },
	{ B(CHECK_LIST), "check.list", cmd_check_list, 0, R_ANY, SCOPE_LIST },
	{ B(CHECK_EXPLAIN), "check.explain", cmd_check_explain, CMD_AUDIT,
	  R_ANY, SCOPE_CHECK },
	{ B(CHECK_REPORT), "check.report", cmd_check_report, 0, R_ANY,
	  SCOPE_LIST },
	{ B(ALERT_LIST), "alert.list", cmd_alert_list, 0, R_ANY, SCOPE_LIST },
	{ B(ALERT_ACK), "alert.ack", cmd_alert_ack, CMD_WRITE,
	  R_ADMIN | R_WARD | R_CELL | R_POLICE, SCOPE_ALERT },
	{ B(SUBSCRIBE), "subscribe", cmd_subscribe, 0, R_ANY, SCOPE_LIST },
	{ B(DEADLINE_SWEEP), "deadline.sweep", cmd_deadline_sweep,
	  CMD_WRITE | CMD_INTERNAL, 0, SCOPE_NONE },
	{ B(SECURITY_ALERT), "security.alert", cmd_security_alert,
	  CMD_WRITE | CMD_INTERNAL, 0, SCOPE_NONE },
	{ B(USER_ADD), "user.add", cmd_user_add, CMD_WRITE | CMD_PASSWORD,
	  R_ADMIN, SCOPE_NONE },
	{ B(USER_SET_ENABLED), "user.set_enabled", cmd_user_set_enabled,
	  CMD_WRITE, R_ADMIN, SCOPE_NONE },
	{ B(USER_PASSWD), "user.passwd", cmd_user_passwd,
	  CMD_WRITE | CMD_PASSWORD, R_ANY, SCOPE_NONE },
	{ B(USER_LIST), "user.list", cmd_user_list, 0, R_ADMIN, SCOPE_NONE },
	{ B(AUDIT_LIST), "audit.list", cmd_audit_list, CMD_AUDIT,
	  R_ADMIN | R_INSPECTOR, SCOPE_NONE },
	{ B(ADMIN_BACKUP), "admin.backup", cmd_admin_backup, CMD_AUDIT,
	  R_ADMIN, SCOPE_NONE },
};

struct cmd *
cmd_lookup(Hoso__Request__BodyCase body)
{
	for (size_t i = 0; i < sizeof cmd_table / sizeof cmd_table[0]; i++)
		if (cmd_table[i].body == body)
			return &cmd_table[i];
	return NULL;
}
