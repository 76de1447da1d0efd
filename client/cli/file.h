/* file.h: what the file commands (cmd-file.c, cmd-record.c) share:
 * printing a File (file-out.c) and option helpers. */
#ifndef HOSO_CLI_FILE_H
#define HOSO_CLI_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cli.h"

/* What a File printout shows. */
#define FILE_HEAD 0x001         /* who, stage, since, on hold */
#define FILE_STAGES 0x002       /* the date each stage was reached */
#define FILE_COURSE 0x004
#define FILE_MENTORS 0x008
#define FILE_INTRODUCERS 0x010
#define FILE_DOCS 0x020
#define FILE_RELATIVES 0x040
#define FILE_CHECKS 0x080
#define FILE_STEPS 0x100        /* votes, proposal, decisions, ceremony */
#define FILE_DEADLINES 0x200
#define FILE_ALL 0x3ff

/* "label (word)" of a stage into buf. */
void file_stage_text(int stage, char *buf, size_t size);
/* True if s holds text. */
bool file_set(const char *s);
/* A section title in the human printout. */
void file_title(const char *title);
/* Print the parts what of a File. */
void file_print(struct cli *cli, const Hoso__File *f, unsigned what);
/* Send req, expecting a File back; print it (JSON, or said + parts). */
int file_call_print(struct cli *cli, Hoso__Request *req, const char *said,
    unsigned what);
/* A date option into buf and *field, if given. */
int file_date_opt(const struct cli_args *args, const char *name, char buf[11],
    char **field);
/* A count option into *out, if given. */
int file_count_opt(const struct cli_args *args, const char *name, uint32_t max,
    uint32_t *out);

#endif
