/* names.c: words for codes, statuses and protocol enums; response texts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "hoso/client.h"
#include "i18n.h"
#include "msgfmt.h"

const char *
hoso_strerror(int code)
{
	switch (code) {
	case 0:
		return _("no error");
	case HOSO_E_NOMEM:
		return _("out of memory");
	case HOSO_E_RESOLVE:
		return _("cannot find the server's address");
	case HOSO_E_CONNECT:
		return _("cannot connect to the server");
	case HOSO_E_TIMEOUT:
		return _("the server did not answer in time");
	case HOSO_E_IO:
		return _("sending to or receiving from the server failed");
	case HOSO_E_CLOSED:
		return _("the server closed the connection");
	case HOSO_E_PROTO:
		return _("the server sent something this program does not "
		    "understand");
	case HOSO_E_TOOBIG:
		return _("a message was larger than allowed");
	case HOSO_E_REFUSED:
		return _("the server refused the connection");
	case HOSO_E_ADDRESS:
		return _("the server address is not valid");
	case HOSO_E_BROKEN:
		return _("the connection cannot be used after an earlier "
		    "error");
	case HOSO_E_TLS:
		return _("the encrypted connection (TLS) could not be set up");
	case HOSO_E_TLS_CHANGED:
		return _("the server's certificate is not the one recorded "
		    "for it");
	case HOSO_E_AUTH:
		return _("not logged in, or the session has ended");
	case HOSO_E_FILE:
		return _("a local file could not be read or written");
	case HOSO_E_TLS_NEW:
		return _("the server is not known yet: check its certificate's "
		    "fingerprint");
	}
	return _("unknown error");
}

const char *
hoso_status_name(Hoso__Status s)
{
	const ProtobufCEnumValue *v =
	    protobuf_c_enum_descriptor_get_value(&hoso__status__descriptor, s);
	return v != NULL ? v->name : "UNKNOWN";
}

const char *
hoso_status_text(Hoso__Status s)
{
	switch (s) {
	case HOSO__STATUS__OK:
		return _("done");
	case HOSO__STATUS__INVALID_ARGUMENT:
		return _("a value is not acceptable");
	case HOSO__STATUS__NOT_FOUND:
		return _("the record does not exist");
	case HOSO__STATUS__CONFLICT:
		return _("the record was changed by someone else, or the value "
		    "is already taken");
	case HOSO__STATUS__FAILED_PRECONDITION:
		return _("this is not allowed at this stage");
	case HOSO__STATUS__PERMISSION_DENIED:
		return _("you are not allowed to do this");
	case HOSO__STATUS__UNAUTHENTICATED:
		return _("you need to log in first");
	case HOSO__STATUS__RESOURCE_EXHAUSTED:
		return _("the server is over one of its limits");
	case HOSO__STATUS__INTERNAL:
		return _("the server had an internal fault; nothing was "
		    "changed");
	default:
		break;
	}
	return _("the server refused the request");
}

/* Whether s is the English messages of unmet joined by "; ". */
static bool
names_is_unmet_list(const char *s, Hoso__Requirement *const *unmet,
    size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *m = unmet[i]->message ? unmet[i]->message : "";
		size_t len = strlen(m);
		if (i > 0) {
			if (strncmp(s, "; ", 2) != 0)
				return false;
			s += 2;
		}
		if (strncmp(s, m, len) != 0)
			return false;
		s += len;
	}
	return *s == '\0';
}

/* The unmet requirements in the user's language, joined by "; ". */
static char *
names_unmet_list(Hoso__Requirement *const *unmet, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (mem == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char *t = hoso_requirement_text(unmet[i]);
		fprintf(mem, "%s%s", i ? "; " : "", t ? t : "");
		free(t);
	}
	if (fclose(mem) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Whether s is an instant exactly as the daemon writes one,
 * "2026-11-20T16:30:00+07:00"; its Unix time in *t. */
static bool
names_is_instant(const char *s, int64_t *t)
{
	return strlen(s) == HOSO_INSTANT_ISO_LEN - 1 && s[10] == 'T' &&
	    strcmp(s + 19, "+07:00") == 0 &&
	    date_parse_instant(s, t) == DATE_OK;
}

/* The translated msgid fmt with its arguments substituted.  Arguments may
 * be msgids too ("full name", "ward committee"); text that is not in the
 * catalogue comes back unchanged.  A date argument ("2026-03-05") is
 * written the Vietnamese way (05/03/2026), and an instant in the daemon's
 * ISO form ("2026-11-20T16:30:00+07:00") as 20/11/2026 16:30.  When the
 * argument is the list of unmet requirements (English, joined by "; "),
 * the list is given in the user's language instead. */
static char *
names_format(const char *fmt, char **margs, size_t nargs,
    Hoso__Requirement *const *unmet, size_t n_unmet)
{
	const char *args[16];
	char dates[16][17];
	char *list = NULL;
	size_t n = nargs < 16 ? nargs : 16;
	for (size_t i = 0; i < n; i++) {
		int32_t day;
		int64_t t;
		if (margs[i][0] == '\0')
			args[i] = margs[i];
		else if (date_parse_iso(margs[i], &day) == DATE_OK) {
			date_format_vn(day, dates[i]);
			args[i] = dates[i];
		} else if (names_is_instant(margs[i], &t)) {
			date_format_instant_vn(t, dates[i]);
			args[i] = dates[i];
		} else if (n_unmet > 0 && list == NULL &&
		    names_is_unmet_list(margs[i], unmet, n_unmet) &&
		    (list = names_unmet_list(unmet, n_unmet)) != NULL)
			args[i] = list;
		else
			args[i] = _(margs[i]);
	}
	char *out = msgfmt(_(fmt), args, n);
	free(list);
	return out;
}

char *
hoso_message_text(const char *format, char **args, size_t nargs,
    const char *message)
{
	if (format != NULL && format[0] != '\0')
		return names_format(format, args, nargs, NULL, 0);
	return strdup(message != NULL ? message : "");
}

char *
hoso_response_text(const Hoso__Response *r)
{
	if (r->message_format != NULL && r->message_format[0] != '\0')
		return names_format(r->message_format, r->message_args,
		    r->n_message_args, r->unmet, r->n_unmet);
	if (r->message != NULL && r->message[0] != '\0')
		return strdup(r->message);
	return strdup(hoso_status_text(r->status));
}

char *
hoso_requirement_text(const Hoso__Requirement *q)
{
	if (q->message_format != NULL && q->message_format[0] != '\0')
		return names_format(q->message_format, q->message_args,
		    q->n_message_args, NULL, 0);
	if (q->message != NULL && q->message[0] != '\0')
		return strdup(q->message);
	if (q->code != NULL && q->code[0] != '\0')
		return strdup(q->code);
	return strdup(_("a requirement is not met"));
}

const struct hoso_enum_word hoso_org_kind_words[] = {
	{ HOSO__ORG_KIND__ORG_DISTRICT, "district", N_("district") },
	{ HOSO__ORG_KIND__ORG_WARD, "ward", N_("ward") },
	{ HOSO__ORG_KIND__ORG_CELL, "cell", N_("cell") },
	{ HOSO__ORG_KIND__ORG_POLICE, "police", N_("police") },
	{ 0, NULL, NULL },
};

const struct hoso_enum_word hoso_gender_words[] = {
	{ HOSO__GENDER__MALE, "male", N_("male") },
	{ HOSO__GENDER__FEMALE, "female", N_("female") },
	{ 0, NULL, NULL },
};

const struct hoso_enum_word hoso_education_words[] = {
	{ HOSO__EDUCATION__PRIMARY, "primary", N_("primary school") },
	{ HOSO__EDUCATION__LOWER_SECONDARY, "lower-secondary",
	    N_("lower secondary school") },
	{ HOSO__EDUCATION__UPPER_SECONDARY, "upper-secondary",
	    N_("upper secondary school") },
	{ HOSO__EDUCATION__VOCATIONAL, "vocational", N_("vocational school") },
	{ HOSO__EDUCATION__COLLEGE, "college", N_("college") },
	{ HOSO__EDUCATION__UNIVERSITY, "university", N_("university") },
	{ HOSO__EDUCATION__MASTER, "master", N_("master's degree") },
	{ HOSO__EDUCATION__DOCTORATE, "doctorate", N_("doctorate") },
	{ 0, NULL, NULL },
};

const struct hoso_enum_word hoso_introduced_by_words[] = {
	{ HOSO__INTRODUCED_BY__YOUTH_UNION, "youth-union", N_("Youth Union") },
	{ HOSO__INTRODUCED_BY__TRADE_UNION, "trade-union", N_("Trade Union") },
	{ HOSO__INTRODUCED_BY__WOMENS_UNION, "womens-union",
	    N_("Women's Union") },
	{ HOSO__INTRODUCED_BY__VETERANS, "veterans",
	    N_("Veterans' Association") },
	{ HOSO__INTRODUCED_BY__CELL, "cell", N_("the party cell") },
	{ HOSO__INTRODUCED_BY__OTHER, "other", N_("other") },
	{ 0, NULL, NULL },
};

const struct hoso_enum_word hoso_membership_words[] = {
	{ HOSO__MEMBERSHIP__MEMBERSHIP_NONE, "none", N_("not a member") },
	{ HOSO__MEMBERSHIP__MEMBER_PROBATIONARY, "probationary",
	    N_("probationary member") },
	{ HOSO__MEMBERSHIP__MEMBER_OFFICIAL, "official",
	    N_("official member") },
	{ 0, NULL, NULL },
};

const struct hoso_enum_word hoso_stage_words[] = {
	{ HOSO__STAGE__STAGE_IDENTIFIED, "identified", N_("identified") },
	{ HOSO__STAGE__STAGE_IN_COURSE, "in-course",
	    N_("attending the awareness course") },
	{ HOSO__STAGE__STAGE_COURSE_PASSED, "course-passed",
	    N_("passed the awareness course") },
	{ HOSO__STAGE__STAGE_MENTORED, "mentored", N_("mentored") },
	{ HOSO__STAGE__STAGE_DOSSIER, "dossier", N_("preparing the dossier") },
	{ HOSO__STAGE__STAGE_VERIFYING, "verifying",
	    N_("background verification") },
	{ HOSO__STAGE__STAGE_CELL_VOTE, "cell-vote",
	    N_("approved by the cell vote") },
	{ HOSO__STAGE__STAGE_PROPOSED, "proposed",
	    N_("proposed to the higher committee") },
	{ HOSO__STAGE__STAGE_DECIDED, "decided",
	    N_("admission decided") },
	{ HOSO__STAGE__STAGE_PROBATION, "probation",
	    N_("probationary member") },
	{ HOSO__STAGE__STAGE_OFFICIAL, "official", N_("official member") },
	{ HOSO__STAGE__STAGE_ON_HOLD, "on-hold", N_("on hold") },
	{ HOSO__STAGE__STAGE_MOVED, "moved", N_("moved to another cell") },
	{ HOSO__STAGE__STAGE_WITHDRAWN, "withdrawn", N_("withdrawn") },
	{ HOSO__STAGE__STAGE_REMOVED, "removed",
	    N_("removed from the list") },
	{ HOSO__STAGE__STAGE_REJECTED, "rejected", N_("rejected") },
	{ HOSO__STAGE__STAGE_NOT_RECOGNISED, "not-recognised",
	    N_("not recognised as an official member") },
	{ 0, NULL, NULL },
};

const struct hoso_enum_word hoso_doc_kind_words[] = {
	{ HOSO__DOC_KIND__DOC_APPLICATION, "application",
	    N_("application for party membership (1-KNĐ)") },
	{ HOSO__DOC_KIND__DOC_BACKGROUND, "background",
	    N_("background declaration (2-KNĐ)") },
	{ HOSO__DOC_KIND__DOC_INTRODUCTION, "introduction",
	    N_("letter of introduction") },
	{ HOSO__DOC_KIND__DOC_MASS_ORG_COMMENT, "mass-org-comment",
	    N_("comments of the mass organisations at work") },
	{ HOSO__DOC_KIND__DOC_RESIDENCE_CELL_COMMENT, "residence-cell-comment",
	    N_("comments of the cell where the candidate lives") },
	{ HOSO__DOC_KIND__DOC_SUMMARY, "summary", N_("summary of opinions") },
	{ 0, NULL, NULL },
};

/* "self" comes first so that hoso_relation_words + 1 lists the relatives
 * alone. */
const struct hoso_enum_word hoso_relation_words[] = {
	{ HOSO__RELATION__SELF, "self", N_("the candidate") },
	{ HOSO__RELATION__FATHER, "father", N_("father") },
	{ HOSO__RELATION__MOTHER, "mother", N_("mother") },
	{ HOSO__RELATION__GUARDIAN, "guardian",
	    N_("guardian (who raised the candidate)") },
	{ HOSO__RELATION__FATHER_IN_LAW, "father-in-law", N_("father-in-law") },
	{ HOSO__RELATION__MOTHER_IN_LAW, "mother-in-law", N_("mother-in-law") },
	{ HOSO__RELATION__SPOUSE, "spouse", N_("spouse") },
	{ HOSO__RELATION__CHILD, "child", N_("child") },
	{ HOSO__RELATION__SIBLING, "sibling", N_("brother or sister") },
	{ HOSO__RELATION__SPOUSE_SIBLING, "spouse-sibling",
	    N_("spouse's brother or sister") },
	{ 0, NULL, NULL },
};

const struct hoso_enum_word hoso_check_status_words[] = {
	{ HOSO__CHECK_STATUS__CHECK_PENDING, "pending", N_("pending") },
	{ HOSO__CHECK_STATUS__CHECK_CONCLUDED, "concluded", N_("concluded") },
	{ HOSO__CHECK_STATUS__CHECK_WAIVED, "waived", N_("waived") },
	{ 0, NULL, NULL },
};

const struct hoso_enum_word hoso_rating_words[] = {
	{ HOSO__RATING__EXCELLENT, "excellent", N_("excellent") },
	{ HOSO__RATING__GOOD, "good", N_("good") },
	{ HOSO__RATING__FAIR, "fair", N_("fair") },
	{ HOSO__RATING__POOR, "poor", N_("poor") },
	{ 0, NULL, NULL },
};

const struct hoso_enum_word hoso_leg_kind_words[] = {
	{ HOSO__LEG_KIND__LEG_FORWARD, "forward",
	    N_("forwarding to the ward police") },
	{ HOSO__LEG_KIND__LEG_POLICE, "police", N_("police check") },
	{ HOSO__LEG_KIND__LEG_RETURN, "return",
	    N_("signing and returning the result") },
	{ HOSO__LEG_KIND__LEG_OUTSIDE, "outside",
	    N_("check outside the district") },
	{ 0, NULL, NULL },
};

const struct hoso_enum_word hoso_vstate_words[] = {
	{ HOSO__VERIFICATION_STATE__VSTATE_AT_WARD, "at-ward",
	    N_("at the ward committee") },
	{ HOSO__VERIFICATION_STATE__VSTATE_AT_POLICE, "at-police",
	    N_("at the ward police") },
	{ HOSO__VERIFICATION_STATE__VSTATE_RESULT_AT_WARD, "result-at-ward",
	    N_("result back at the ward committee") },
	{ HOSO__VERIFICATION_STATE__VSTATE_RETURNED, "returned",
	    N_("result returned") },
	{ HOSO__VERIFICATION_STATE__VSTATE_SENT_OUTSIDE, "sent-outside",
	    N_("sent outside the district") },
	{ 0, NULL, NULL },
};

const struct hoso_enum_word hoso_check_result_words[] = {
	{ HOSO__CHECK_RESULT__RESULT_CLEAR, "clear", N_("no concern") },
	{ HOSO__CHECK_RESULT__RESULT_CONCERN, "concern",
	    N_("a concern was raised") },
	{ 0, NULL, NULL },
};

const struct hoso_enum_word hoso_check_step_words[] = {
	{ HOSO__CHECK_STEP_KIND__STEP_FORWARD, "forward",
	    N_("forwarded to the ward police") },
	{ HOSO__CHECK_STEP_KIND__STEP_POLICE_RECEIVED, "police-received",
	    N_("received by the ward police") },
	{ HOSO__CHECK_STEP_KIND__STEP_POLICE_RESULT, "police-result",
	    N_("police result received") },
	{ HOSO__CHECK_STEP_KIND__STEP_RETURN, "return",
	    N_("result signed and returned") },
	{ HOSO__CHECK_STEP_KIND__STEP_EXTEND, "extend",
	    N_("deadline extended") },
	{ HOSO__CHECK_STEP_KIND__STEP_SUSPEND, "suspend",
	    N_("clock stopped") },
	{ HOSO__CHECK_STEP_KIND__STEP_RESUME, "resume",
	    N_("clock restarted") },
	{ HOSO__CHECK_STEP_KIND__STEP_DECIDE, "decide",
	    N_("committee decision on the concern") },
	{ 0, NULL, NULL },
};

const struct hoso_enum_word hoso_role_words[] = {
	{ HOSO__ROLE__ROLE_ADMIN, "admin", N_("district admin") },
	{ HOSO__ROLE__ROLE_WARD_OFFICER, "ward-officer", N_("ward officer") },
	{ HOSO__ROLE__ROLE_CELL_SECRETARY, "cell-secretary",
	    N_("cell secretary") },
	{ HOSO__ROLE__ROLE_POLICE, "police", N_("ward police") },
	{ HOSO__ROLE__ROLE_INSPECTOR, "inspector", N_("inspector") },
	{ 0, NULL, NULL },
};

const char *
hoso_enum_word(const struct hoso_enum_word *tab, int value)
{
	for (; tab->word != NULL; tab++)
		if (tab->value == value)
			return tab->word;
	return NULL;
}

const char *
hoso_enum_label(const struct hoso_enum_word *tab, int value)
{
	for (; tab->word != NULL; tab++)
		if (tab->value == value)
			return tab->label;
	return NULL;
}

int
hoso_enum_parse(const struct hoso_enum_word *tab, const char *word)
{
	for (; tab->word != NULL; tab++)
		if (strcasecmp(tab->word, word) == 0)
			return tab->value;
	return -1;
}

void
hoso_format_instant_iso(int64_t t, char *buf)
{
	/* One formatter for the daemon's messages and the clients' JSON. */
	date_format_instant_iso(t, buf);
}
