/* cmd-file.h: helpers shared by the file handlers (cmd-file.c,
 * cmd-record.c, cmd-eval.c). */
#ifndef HOSOD_CMD_FILE_H
#define HOSOD_CMD_FILE_H

#include <stdint.h>

#include "request.h"

/* Load a person and their file (NULL for a member entered directly). */
int file_load(struct req_ctx *c, uint64_t id, Hoso__Person **p,
    Hoso__File **f);
/* FAILED_PRECONDITION unless the file exists and is not closed. */
int file_open_for_change(struct req_ctx *c, Hoso__Person *p, Hoso__File *f);
int file_reply(struct req_ctx *c, Hoso__File *f);
char *today_iso(struct req_ctx *c);
/* An optional date field: empty -> def; else a real date, not future. */
int date_field(struct req_ctx *c, const char *field, const char *label,
    const char *s, int32_t def, int32_t *out);

#endif
