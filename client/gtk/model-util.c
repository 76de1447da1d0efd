/* model-util.c: formatting the view models share (see model-util.h). */
#include "date.h"
#include "i18n.h"
#include "model-util.h"

char *
hoso_date_text(const char *iso)
{
	int32_t day;
	char buf[11];
	if (iso == NULL || *iso == '\0')
		return g_strdup("");
	if (date_parse_iso(iso, &day) != DATE_OK)
		return g_strdup(iso);
	date_format_vn(day, buf);
	return g_strdup(buf);
}

char *
hoso_instant_text(int64_t t)
{
	char buf[17];
	if (t == 0)
		return g_strdup("");
	date_format_instant_vn(t, buf);
	return g_strdup(buf);
}

const char *
hoso_enum_text(const struct hoso_enum_word *tab, int value)
{
	const char *l = hoso_enum_label(tab, value);
	return l != NULL ? _(l) : "";
}

const char *
hoso_stage_text(int stage)
{
	return hoso_enum_text(hoso_stage_words, stage);
}
