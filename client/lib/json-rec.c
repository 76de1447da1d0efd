/* json-rec.c: hoso records as JSON, the shape office scripts rely on.
 * Keys are the proto field names; enums are the command-line words (null
 * when unspecified); ids meaning "none" are null; instants are ISO 8601
 * strings in Vietnam's time. */
#include "hoso/client.h"
#include "json.h"

void
json_instant(struct json *j, int64_t t)
{
	if (t == 0) {
		json_null(j);
		return;
	}
	char buf[HOSO_INSTANT_ISO_LEN];
	hoso_format_instant_iso(t, buf);
	json_string(j, buf);
}

void
json_org(struct json *j, const Hoso__Org *o)
{
	json_begin_object(j);
	json_key(j, "id");
	json_uint(j, o->id);
	json_key(j, "version");
	json_uint(j, o->version);
	json_key(j, "kind");
	json_string(j, hoso_enum_word(hoso_org_kind_words, o->kind));
	json_key(j, "code");
	json_string(j, o->code);
	json_key(j, "name");
	json_string(j, o->name);
	json_key(j, "parent_id");
	json_id_or_null(j, o->parent_id);
	json_key(j, "created_at");
	json_instant(j, o->created_at);
	json_key(j, "updated_at");
	json_instant(j, o->updated_at);
	json_end_object(j);
}

void
json_person(struct json *j, const Hoso__Person *p)
{
	json_begin_object(j);
	json_key(j, "id");
	json_uint(j, p->id);
	json_key(j, "version");
	json_uint(j, p->version);
	json_key(j, "name");
	json_string(j, p->name);
	json_key(j, "born");
	json_string_or_null(j, p->born);
	json_key(j, "gender");
	json_string(j, hoso_enum_word(hoso_gender_words, p->gender));
	json_key(j, "ethnicity");
	json_string(j, p->ethnicity);
	json_key(j, "religion");
	json_string(j, p->religion);
	json_key(j, "education");
	json_string(j, hoso_enum_word(hoso_education_words, p->education));
	json_key(j, "id_number");
	json_string(j, p->id_number);
	json_key(j, "residence_id");
	json_id_or_null(j, p->residence_id);
	json_key(j, "cell_id");
	json_id_or_null(j, p->cell_id);
	json_key(j, "workplace");
	json_string(j, p->workplace);
	json_key(j, "introduced_by");
	json_string(j, hoso_enum_word(hoso_introduced_by_words,
	    p->introduced_by));
	json_key(j, "phone");
	json_string(j, p->phone);
	json_key(j, "notes");
	json_string(j, p->notes);
	json_key(j, "created_at");
	json_instant(j, p->created_at);
	json_key(j, "updated_at");
	json_instant(j, p->updated_at);
	json_end_object(j);
}

void
json_org_page(struct json *j, const Hoso__OrgPage *page)
{
	json_begin_object(j);
	json_key(j, "items");
	json_begin_array(j);
	for (size_t i = 0; i < page->n_items; i++)
		json_org(j, page->items[i]);
	json_end_array(j);
	json_key(j, "next");
	json_string_or_null(j, page->next_cursor);
	json_end_object(j);
}

void
json_person_page(struct json *j, const Hoso__PersonPage *page)
{
	json_begin_object(j);
	json_key(j, "items");
	json_begin_array(j);
	for (size_t i = 0; i < page->n_items; i++)
		json_person(j, page->items[i]);
	json_end_array(j);
	json_key(j, "next");
	json_string_or_null(j, page->next_cursor);
	json_end_object(j);
}
