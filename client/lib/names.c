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

char *
hoso_response_text(const Hoso__Response *r)
{
	if (r->message_format != NULL && r->message_format[0] != '\0') {
		/* Arguments may be msgids too ("full name", "ward committee");
		 * text that is not in the catalogue comes back unchanged. */
		const char *args[16];
		size_t n = r->n_message_args < 16 ? r->n_message_args : 16;
		for (size_t i = 0; i < n; i++)
			args[i] = r->message_args[i][0] ? _(r->message_args[i]) :
			    r->message_args[i];
		return msgfmt(_(r->message_format), args, n);
	}
	if (r->message != NULL && r->message[0] != '\0')
		return strdup(r->message);
	return strdup(hoso_status_text(r->status));
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
	int32_t day = date_of_instant_vn(t);
	int64_t secs = t % 86400;
	if (secs < 0)
		secs += 86400;
	secs = (secs + DATE_VN_OFFSET) % 86400;
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	/* The modulos only bound the widths for the compiler: dates are
	 * years 1000-9999 and secs is within the day. */
	snprintf(buf, HOSO_INSTANT_ISO_LEN,
	    "%04u-%02u-%02uT%02u:%02u:%02u+07:00", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u,
	    (unsigned)(secs / 3600) % 100u, (unsigned)(secs / 60 % 60) % 100u,
	    (unsigned)(secs % 60) % 100u);
}
