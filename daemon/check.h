/* check.h: background-check requests (hoso.Verification): their legs,
 * deadlines and status.  The rules are in proto/hoso.proto ("background
 * checks"); the day arithmetic is legdue.h's. */
#ifndef HOSOD_CHECK_H
#define HOSOD_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "hoso.pb-c.h"
#include "request.h"

struct cal;

/* id2check.c: the requests, and ward2check (ward id, check id) -> nothing.
 * verif_put also points the check's entry in the deadline index at its
 * current leg's deadline (none when closed or suspended). */
Hoso__Verification *verif_get(struct txn *t, uint64_t id, struct arena *a,
    int *rc);
int verif_put(struct txn *t, const Hoso__Verification *v);
int ward2check_add(struct txn *t, uint64_t ward, uint64_t id);

/* The running leg (the last one, not ended), or NULL. */
Hoso__Leg *check_leg(const Hoso__Verification *v);
/* The working days a leg of kind gets under rules r. */
int check_leg_workdays(const struct rules *r, Hoso__LegKind kind);
/* The deadline code (dueidx.h) of a leg kind. */
int check_leg_due_code(Hoso__LegKind kind);
struct legdue_in;
/* The legdue.h input for leg l (its days in Vietnam; arena memory);
 * -1 without memory. */
int check_leg_input(struct req_ctx *c, const Hoso__Leg *l,
    struct legdue_in *in);
/* Compute the running leg's due_original and due on calendar cal (arena
 * strings); returns 1 if the deadline in force changed. */
int check_recompute(struct req_ctx *c, Hoso__Verification *v,
    const struct cal *cal);
/* The running leg's deadline day in force, or INT32_MIN (none: closed or
 * the clock stopped). */
int32_t check_due_day(const Hoso__Verification *v);
/* Fill the computed fields (due, status, missed) as of day as_of. */
void check_fill_status(struct req_ctx *c, Hoso__Verification *v,
    int32_t as_of, const struct cal *cal);
/* "on-time", "due-soon", "overdue": due day against as_of. */
const char *check_due_status(const struct rules *r, const struct cal *cal,
    int32_t due, int32_t as_of);

#endif
