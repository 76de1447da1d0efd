/* dispatch.c: the request table (see dispatch.h). */
#include <stddef.h>

#include "dispatch.h"

#define B(x) HOSO__REQUEST__BODY_##x

static struct cmd cmd_table[] = {
	{ B(HELLO), "hello", cmd_hello, CMD_BEFORE_HELLO },
	{ B(PING), "ping", cmd_ping, 0 },
	{ B(ORG_CREATE), "org.create", cmd_org_create, CMD_WRITE },
	{ B(ORG_GET), "org.get", cmd_org_get, 0 },
	{ B(ORG_UPDATE), "org.update", cmd_org_update, CMD_WRITE },
	{ B(ORG_LIST), "org.list", cmd_org_list, 0 },
	{ B(PERSON_CREATE), "person.create", cmd_person_create, CMD_WRITE },
	{ B(PERSON_GET), "person.get", cmd_person_get, 0 },
	{ B(PERSON_UPDATE), "person.update", cmd_person_update, CMD_WRITE },
	{ B(PERSON_LIST), "person.list", cmd_person_list, 0 },
	{ B(PERSON_FIND), "person.find", cmd_person_find, 0 },
	{ B(FILE_GET), "file.get", cmd_file_get, 0 },
	{ B(FILE_MOVES), "file.moves", cmd_file_moves, 0 },
	{ B(FILE_ADVANCE), "file.advance", cmd_file_advance, CMD_WRITE },
	{ B(FILE_RECORD), "file.record", cmd_file_record, CMD_WRITE },
	{ B(HISTORY_LIST), "history.list", cmd_history_list, 0 },
	{ B(EVALUATION_ADD), "evaluation.add", cmd_evaluation_add, CMD_WRITE },
	{ B(EVALUATIONS_DUE), "evaluations.due", cmd_evaluations_due, 0 },
	{ B(QUOTA_SET), "quota.set", cmd_quota_set, CMD_WRITE },
	{ B(QUOTA_SHOW), "quota.show", cmd_quota_show, 0 },
	{ B(CALENDAR_SET), "calendar.set", cmd_calendar_set, CMD_WRITE },
	{ B(CALENDAR_UNSET), "calendar.unset", cmd_calendar_unset, CMD_WRITE },
	{ B(CALENDAR_SHOW), "calendar.show", cmd_calendar_show, 0 },
	{ B(CALENDAR_LUNAR), "calendar.lunar", cmd_calendar_lunar, 0 },
	{ B(CALENDAR_ADD_WORKDAYS), "calendar.add_workdays",
	  cmd_calendar_add_workdays, 0 },
	{ B(CALENDAR_WORKDAYS), "calendar.workdays", cmd_calendar_workdays, 0 },
	{ B(CHECK_OPEN), "check.open", cmd_check_open, CMD_WRITE },
	{ B(CHECK_STEP), "check.step", cmd_check_step, CMD_WRITE },
	{ B(CHECK_GET), "check.get", cmd_check_get, 0 },
	{ B(CHECK_LIST), "check.list", cmd_check_list, 0 },
	{ B(CHECK_EXPLAIN), "check.explain", cmd_check_explain, 0 },
	{ B(CHECK_REPORT), "check.report", cmd_check_report, 0 },
	{ B(ALERT_LIST), "alert.list", cmd_alert_list, 0 },
	{ B(ALERT_ACK), "alert.ack", cmd_alert_ack, CMD_WRITE },
	{ B(SUBSCRIBE), "subscribe", cmd_subscribe, 0 },
	{ B(DEADLINE_SWEEP), "deadline.sweep", cmd_deadline_sweep,
	  CMD_WRITE | CMD_INTERNAL },
};

struct cmd *
cmd_lookup(Hoso__Request__BodyCase body)
{
	for (size_t i = 0; i < sizeof cmd_table / sizeof cmd_table[0]; i++)
		if (cmd_table[i].body == body)
			return &cmd_table[i];
	return NULL;
}
