/* validate.c: field checks (see validate.h). */
#include <stdlib.h>
#include <string.h>

#include "cccd.h"
#include "date.h"
#include "i18n.h"
#include "tables.h"
#include "text.h"
#include "validate.h"

#define NAME_MAX_CHARS 100
#define SHORT_MAX_CHARS 100
#define LONG_MAX_CHARS 200
#define NOTES_MAX_CHARS 4000

const char *
org_kind_word(Hoso__OrgKind k)
{
	switch (k) {
	case HOSO__ORG_KIND__ORG_DISTRICT: return N_("top unit");
	case HOSO__ORG_KIND__ORG_WARD: return N_("ward committee");
	case HOSO__ORG_KIND__ORG_CELL: return N_("party cell");
	case HOSO__ORG_KIND__ORG_POLICE: return N_("police station");
	default: return N_("unit");
	}
}

int
valid_text(struct req_ctx *c, const char *field, const char *label, char **s,
    size_t max_chars, bool required, bool multiline)
{
	const char *why = NULL;
	const char *in = *s ? *s : "";
	char *norm = text_normalize(in, strlen(in), multiline, &why);
	if (norm == NULL)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, field,
		    N_("%s %s"), label, why ? why : N_("is not valid text"));
	size_t n = text_length(norm);
	if (required && n == 0) {
		free(norm);
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, field,
		    N_("%s is required"), label);
	}
	if (n > max_chars) {
		free(norm);
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, field,
		    N_("%s is too long: %s characters, at most %s"), label,
		    ctx_u64(c, n), ctx_u64(c, max_chars));
	}
	*s = arena_strdup(c->arena, norm);
	free(norm);
	return 0;
}

int
valid_date(struct req_ctx *c, const char *field, const char *label,
    const char *s, int32_t *days)
{
	int rc = date_parse_iso(s ? s : "", days);
	if (rc == DATE_ESYNTAX)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, field,
		    N_("%s must be a date written YYYY-MM-DD, not '%s'"), label,
		    s ? s : "");
	if (rc != DATE_OK)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, field,
		    N_("%s: %s is not a real date"), label, s);
	return 0;
}

int
valid_org_ref(struct req_ctx *c, const char *field, uint64_t id,
    Hoso__OrgKind kind, Hoso__OrgKind kind2)
{
	int rc;
	Hoso__Org *o = org_get(c->txn, id, c->arena, &rc);
	if (o == NULL && rc == MDB_NOTFOUND)
		return ctx_fail(c, HOSO__STATUS__NOT_FOUND, field,
		    N_("there is no unit with id %s"), ctx_u64(c, id));
	if (o == NULL)
		return ctx_store_error(c, rc);
	if (o->kind != kind && (kind2 == 0 || o->kind != kind2))
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, field,
		    N_("unit %s (%s) is a %s; a %s is needed here"),
		    ctx_u64(c, id), o->name, org_kind_word(o->kind),
		    org_kind_word(kind));
	return 0;
}

/* Phone numbers: digits with spaces, dots, dashes, brackets, a leading +. */
static int
valid_phone(struct req_ctx *c, const char *s)
{
	size_t digits = 0;
	for (const char *p = s; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" .-()", *p) && !(*p == '+' && p == s))
			goto bad;
	}
	if (digits == 0 && *s == '\0')
		return 0;
	if (digits >= 8 && digits <= 15)
		return 0;
bad:
	return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "phone",
	    N_("phone number '%s' is not valid: use 8 to 15 digits"), s);
}

/* Names hold letters, spaces and a few marks, never digits. */
static int
valid_name_chars(struct req_ctx *c, const char *s)
{
	for (const char *p = s; *p != '\0'; p++)
		if ((*p >= '0' && *p <= '9') || strchr("@#$%^&*_=+<>{}[]|\\/;:\"", *p))
			return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "name",
			    N_("full name '%s' contains a digit or symbol; "
			    "was another field typed here?"), s);
	return 0;
}

int
valid_person(struct req_ctx *c, Hoso__Person *p, bool check_cccd)
{
	int32_t born;
	const char *why;
	int rc;

	if ((rc = valid_text(c, "name", N_("full name"), &p->name,
	    NAME_MAX_CHARS, true, false)) != 0 ||
	    (rc = valid_name_chars(c, p->name)) != 0)
		return rc;
	if (p->born == NULL || *p->born == '\0')
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "born",
		    N_("date of birth is required"));
	if ((rc = valid_date(c, "born", N_("date of birth"), p->born, &born)) != 0)
		return rc;
	if (born < date_from_ymd(1900, 1, 1))
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "born",
		    N_("date of birth %s is too far in the past"), p->born);
	if (born > date_of_instant_vn(c->now))
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "born",
		    N_("date of birth %s is in the future"), p->born);
	if (p->gender != HOSO__GENDER__MALE && p->gender != HOSO__GENDER__FEMALE)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "gender",
		    N_("gender must be male or female"));
	if (p->id_number == NULL || *p->id_number == '\0')
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "id_number",
		    N_("national ID number (CCCD) is required"));
	if (check_cccd && cccd_check(p->id_number, c->rules->cccd_strict, born,
	    p->gender == HOSO__GENDER__MALE ? 1 : 2, &why) < 0)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "id_number",
		    N_("national ID number (CCCD) %s: %s"), p->id_number, why);
	if ((unsigned)p->education > HOSO__EDUCATION__DOCTORATE)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "education",
		    N_("unknown education level"));
	if ((unsigned)p->introduced_by > HOSO__INTRODUCED_BY__OTHER)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT,
		    "introduced_by", N_("unknown introducing organisation"));
	if ((rc = valid_text(c, "ethnicity", N_("ethnicity"), &p->ethnicity,
	    SHORT_MAX_CHARS, false, false)) != 0 ||
	    (rc = valid_text(c, "religion", N_("religion"), &p->religion,
	    SHORT_MAX_CHARS, false, false)) != 0 ||
	    (rc = valid_text(c, "workplace", N_("workplace"), &p->workplace,
	    LONG_MAX_CHARS, false, false)) != 0 ||
	    (rc = valid_text(c, "phone", N_("phone number"), &p->phone,
	    SHORT_MAX_CHARS, false, false)) != 0 ||
	    (rc = valid_phone(c, p->phone)) != 0 ||
	    (rc = valid_text(c, "notes", N_("notes"), &p->notes,
	    NOTES_MAX_CHARS, false, true)) != 0)
		return rc;
	if ((unsigned)p->membership > HOSO__MEMBERSHIP__MEMBER_OFFICIAL)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "membership",
		    N_("membership must be none, probationary or official"));
	if (p->member_since != NULL && *p->member_since != '\0') {
		int32_t since;
		if ((rc = valid_date(c, "member_since", N_("member since"),
		    p->member_since, &since)) != 0)
			return rc;
		if (since > date_of_instant_vn(c->now))
			return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT,
			    "member_since", N_("member since %s is in the future"),
			    p->member_since);
	}
	if (p->residence_id != 0 && (rc = valid_org_ref(c, "residence_id",
	    p->residence_id, HOSO__ORG_KIND__ORG_WARD, 0)) != 0)
		return rc;
	if (p->cell_id != 0 && (rc = valid_org_ref(c, "cell_id", p->cell_id,
	    HOSO__ORG_KIND__ORG_CELL, 0)) != 0)
		return rc;
	return 0;
}

/* Codes: 1-32 of A-Z a-z 0-9 . _ - */
static int
valid_code(struct req_ctx *c, const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 32)
		goto bad;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("._-", *p)))
			goto bad;
	return 0;
bad:
	return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "code",
	    N_("code '%s' is not valid: use 1 to 32 letters A-Z, digits, "
	    "'.', '_' or '-'"), s);
}

int
valid_org(struct req_ctx *c, Hoso__Org *o)
{
	int rc;
	if (o->kind < HOSO__ORG_KIND__ORG_DISTRICT ||
	    o->kind > HOSO__ORG_KIND__ORG_POLICE)
		return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "kind",
		    N_("kind of unit must be district, ward, cell or police"));
	if ((rc = valid_text(c, "name", N_("name of the unit"), &o->name,
	    LONG_MAX_CHARS, true, false)) != 0)
		return rc;
	if (o->code != NULL && *o->code != '\0' &&
	    (rc = valid_code(c, o->code)) != 0)
		return rc;
	switch (o->kind) {
	case HOSO__ORG_KIND__ORG_DISTRICT:
		if (o->parent_id != 0)
			return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT,
			    "parent_id", N_("a top unit has no parent unit"));
		return 0;
	case HOSO__ORG_KIND__ORG_WARD:
		if (o->parent_id == 0)
			goto need_parent;
		return valid_org_ref(c, "parent_id", o->parent_id,
		    HOSO__ORG_KIND__ORG_DISTRICT, 0);
	case HOSO__ORG_KIND__ORG_CELL:
		if (o->parent_id == 0)
			goto need_parent;
		return valid_org_ref(c, "parent_id", o->parent_id,
		    HOSO__ORG_KIND__ORG_WARD, HOSO__ORG_KIND__ORG_DISTRICT);
	case HOSO__ORG_KIND__ORG_POLICE:
		if (o->parent_id == 0)
			goto need_parent;
		return valid_org_ref(c, "parent_id", o->parent_id,
		    HOSO__ORG_KIND__ORG_WARD, 0);
	default:
		return 0;
	}
need_parent:
	return ctx_fail(c, HOSO__STATUS__INVALID_ARGUMENT, "parent_id",
	    N_("a %s needs a parent unit"), org_kind_word(o->kind));
}
