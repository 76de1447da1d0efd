/* json.h: a small JSON writer for the clients' --json output.
 * Values are appended to a growing buffer; commas and nesting are handled
 * here.  Errors are sticky: after an allocation failure or a misuse
 * (a value where a key is due, unbalanced ends, too deep) every call does
 * nothing and json_finish() returns NULL.
 * Strings must be UTF-8: ", \ and control characters are escaped (the
 * latter as \u00XX), invalid bytes become U+FFFD, anything else passes. */
#ifndef HOSO_JSON_H
#define HOSO_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hoso.pb-c.h"

#define JSON_MAX_DEPTH 32

struct json {
	char *buf;
	size_t len, cap;
	int depth;
	int err;                              /* sticky: nonzero = failed */
	bool in_object[JSON_MAX_DEPTH];       /* per level: object or array */
	bool has_items[JSON_MAX_DEPTH];       /* per level: a comma is due */
	bool key_done;                        /* a key waits for its value */
	bool top_done;                        /* the one top value is written */
};

void json_init(struct json *j);
/* Free the buffer of an unfinished writer. */
void json_free(struct json *j);

void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_begin_array(struct json *j);
void json_end_array(struct json *j);
/* The key of the next value; only inside an object. */
void json_key(struct json *j, const char *key);

/* A string value; NULL writes null. */
void json_string(struct json *j, const char *s);
/* A string value, or null when s is NULL or empty. */
void json_string_or_null(struct json *j, const char *s);
void json_uint(struct json *j, uint64_t v);
void json_int(struct json *j, int64_t v);
/* A number, or null when v is 0 (ids meaning "none"). */
void json_id_or_null(struct json *j, uint64_t v);
/* A number rounded to two decimals, without trailing zeros ("40", "98.4",
 * "33.33"), whatever the locale; null if it is not finite or too large. */
void json_number(struct json *j, double v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);

/* The finished document plus a newline, malloc'd (the caller owns it), or
 * NULL if anything failed or the document is incomplete.  The writer is
 * emptied either way. */
char *json_finish(struct json *j);

/* ---- hoso records, in the shape scripts rely on ----------------------- */

/* Unix time t as an ISO 8601 string in Vietnam's time, or null for 0. */
void json_instant(struct json *j, int64_t t);
void json_org(struct json *j, const Hoso__Org *o);
void json_person(struct json *j, const Hoso__Person *p);
/* {"items":[...],"next": cursor or null} */
void json_org_page(struct json *j, const Hoso__OrgPage *page);
void json_person_page(struct json *j, const Hoso__PersonPage *page);

/* The recruitment file: enums as words, dates ISO or null, a vote or a
 * decision not yet taken as null. */
void json_file(struct json *j, const Hoso__File *f);
/* {"person_id","stage","moves":[{"to","possible","unmet":[{"code",
 * "message"}]}]}, message translated (hoso_requirement_text). */
void json_move_list(struct json *j, const Hoso__MoveList *m);
/* [{"code","message"}...] */
void json_requirements(struct json *j, Hoso__Requirement *const *q,
    size_t n);
/* {"items":[{"seq","entered_at","effective","kind","from","to","note",
 * "detail","user"}],"next"} */
void json_history_page(struct json *j, const Hoso__HistoryPage *page);
void json_evaluation(struct json *j, const Hoso__Evaluation *e);
/* {"items":[{"person_id","name","months":["YYYY-MM"...]}]} */
void json_due_list(struct json *j, const Hoso__DueList *d);
/* {"org_id","year","term_start","term_end","target","course_target"},
 * year or term null when not set. */
void json_quota(struct json *j, const Hoso__Quota *q);
/* {"org_id","org_name","period","target","admitted","percent",
 * "course_target","funnel":{...},"children":[...]} */
void json_quota_report(struct json *j, const Hoso__QuotaReport *r);

/* ---- the working-day calendar (protocol 1.2) ------------------------- */

/* "off", "work", or NULL for CAL_DAY_NONE and unknown kinds. */
const char *json_cal_kind_word(int kind);
/* A day's reason translated (an admin's text comes back unchanged); ""
 * for NULL or "". */
const char *json_cal_reason(const char *reason);
/* {"date","kind","reason","entered_at","user"} */
void json_calendar_edit(struct json *j, const Hoso__CalendarEdit *e);
/* {"year","days_off":[{"date","reason","edited"}],"edits":[edit...]}:
 * weekdays off only, in date order; edits include working days. */
void json_calendar_year(struct json *j, const Hoso__CalendarYear *y);
/* {"date","kind","reason","deadlines_moved","now_overdue":[person ids]}:
 * for an unset, the edit that was removed. */
void json_calendar_change(struct json *j, const Hoso__CalendarChange *c);
/* {"date","day","month","year","leap"}, "date" (the solar date, ISO) only
 * when date is not NULL. */
void json_lunar_date(struct json *j, const char *date,
    const Hoso__LunarDate *l);

/* ---- background checks and alerts (protocol 1.3) --------------------- */

/* {"id","person_id","person_name","file_check_id","subject","ward_id",
 * "outside","state","status","due","result","result_text","missed",
 * "version","entered_at","note","legs":[{"kind","started","ended",
 * "workdays","due_original","due","started_by","ended_by",
 * "start_assumed","extensions":[{"new_due","old_due","reason","by",
 * "entered_at"}],"suspensions":[{"from","to","reason","by",
 * "resumed_by"}]}]}: enums as words (null when none), dates ISO or null,
 * instants ISO 8601 in Vietnam's time or null, ward_id null and outside
 * the committee's name for a check sent outside the district. */
void json_verification(struct json *j, const Hoso__Verification *v);
/* {"items":[verification...],"next": cursor or null,"as_of"} */
void json_check_page(struct json *j, const Hoso__CheckPage *page);
/* {"check_id","leg","due","lines":[{"code","date","text"}]}, text the
 * English message. */
void json_explanation(struct json *j, const Hoso__Explanation *e);
/* {"from","to","wards":[{"ward_id","ward_name","checks","overdue_now",
 * "legs":[{"kind","finished","median_workdays","p90_workdays","early",
 * "on_time","late_new_date","late"}],"late":[{"check_id","kind",
 * "due_original","ended","workdays_late","held_by","extended"}]}]};
 * ward_id null for the checks sent outside the district. */
void json_check_report(struct json *j, const Hoso__CheckReportReply *r);
/* {"id","raised_at","kind","deadline","org_id","escalated_to",
 * "record_kind","record_id","person_id","due","message","acked_at",
 * "acked_by"}, message in English. */
void json_alert(struct json *j, const Hoso__Alert *a);
/* {"items":[alert...],"next": cursor or null} */
void json_alert_page(struct json *j, const Hoso__AlertPage *page);

/* ---- accounts, sessions and the audit log (protocol 1.4) ------------ */

/* {"id","login","display_name","role","org_id","enabled","version",
 * "created_at","updated_at","password_changed_at","created_by"}: role as
 * its word (admin, ward-officer ...), instants ISO 8601 or null. */
void json_user(struct json *j, const Hoso__User *u);
/* {"items":[user...],"next": cursor or null} */
void json_user_page(struct json *j, const Hoso__UserPage *page);
/* {"user","idle_timeout","expires_at"}: never the token. */
void json_login_reply(struct json *j, const Hoso__LoginReply *r);
/* {"seq","time","user","role","peer","request","record_kind","record_id",
 * "outcome","prev_hash","hash"}: outcome the status name ("OK",
 * "PERMISSION_DENIED"), hashes lower-case hex. */
void json_audit_entry(struct json *j, const Hoso__AuditEntry *e);
/* {"items":[entry...],"next": cursor or null,"last_seq"} */
void json_audit_page(struct json *j, const Hoso__AuditPage *page);

#endif
