/* validate.h: field checks shared by the handlers.  Each returns 0 or the
 * status it set on the response with ctx_fail (naming the field). */
#ifndef HOSOD_VALIDATE_H
#define HOSOD_VALIDATE_H

#include <stdbool.h>
#include <stdint.h>

#include "hoso.pb-c.h"
#include "request.h"

/* Normalise free text in place (*s becomes arena memory): NFC, trimmed.
 * label is the plain-words name used in messages. */
int valid_text(struct req_ctx *c, const char *field, const char *label,
    char **s, size_t max_chars, bool required, bool multiline);
/* Check an ISO date; *days gets the day number. */
int valid_date(struct req_ctx *c, const char *field, const char *label,
    const char *s, int32_t *days);
/* The unit id must exist and be of kind (or kind2, if not 0). */
int valid_org_ref(struct req_ctx *c, const char *field, uint64_t id,
    Hoso__OrgKind kind, Hoso__OrgKind kind2);
/* Every rule for a person record (normalises its text fields).  The CCCD
 * is checked against the birth data only when check_cccd: an update that
 * touches none of id_number, born, gender must not fail on a number stored
 * under laxer rules. */
int valid_person(struct req_ctx *c, Hoso__Person *p, bool check_cccd);
/* Every rule for an org record. */
int valid_org(struct req_ctx *c, Hoso__Org *o);

/* Plain words for an org kind ("ward"), for messages. */
const char *org_kind_word(Hoso__OrgKind k);

#endif
