/* hist.h: appending to a file's history from a handler. */
#ifndef HOSOD_HIST_H
#define HOSOD_HIST_H

#include "request.h"

/* Append an entry for person: kind ("stage", "document", ...), stages
 * from/to (0 when not a move), the effective date (ISO), a note and an
 * English detail. */
void hist_add(struct req_ctx *c, uint64_t person, const char *kind,
    Hoso__Stage from, Hoso__Stage to, const char *effective,
    const char *note, const char *detail);

#endif
