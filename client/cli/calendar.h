/* calendar.h: what hoso calendar's commands share (cmd-calendar.c,
 * cmd-calendar-import.c). */
#ifndef HOSO_CLI_CALENDAR_H
#define HOSO_CLI_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cli.h"

/* Person ids, each once, in the order first seen. */
struct cal_ids {
	uint64_t *id;
	size_t n, cap;
};

/* "off" / "work" with their labels. */
extern const struct hoso_enum_word cal_kind_words[];
/* Monday..Sunday (msgids), indexed by date_weekday(). */
extern const char *const cal_weekdays[7];

/* Add ids to s, skipping those already there. */
void cal_ids_add(struct cal_ids *s, const uint64_t *ids, size_t n);
/* Between min and max positional arguments; missing says what is. */
int cal_positional(const struct cli_args *args, int min, int max,
    const char *missing);
/* How many deadlines moved and whose file became overdue, names looked up
 * for the first few. */
void cal_print_effects(struct cli *cli, uint32_t moved, const uint64_t *overdue,
    size_t n);
/* Send one CalendarSet; *resp holds the CalendarChange on success. */
int cal_send_set(struct cli *cli, const char *iso, int kind, const char *reason,
    Hoso__Response **resp);
/* The weekday name (msgid) of day. */
const char *cal_weekday(int32_t day);

#endif
