/* alert.h: stored alerts (hoso.Alert) and raising each one only once.
 *
 *   id2alert  key +-----------+  value +------------+
 *                 | id u64 BE |        | hoso.Alert |
 *                 +-----------+        +------------+
 *   alertkey  key +--------+-----------+---------+----------+-------------+
 *                 | rec u8 | id u64 BE | code u8 | level u8 | day u32 BE  |
 *                 +--------+-----------+---------+----------+-------------+
 *             value: the alert id (u64 BE).  One alert per record, deadline,
 *             level and due day: a moved deadline may alert again. */
#ifndef HOSOD_ALERT_H
#define HOSOD_ALERT_H

#include <stdint.h>

#include "hoso.pb-c.h"
#include "request.h"

enum alert_level {
	ALERT_DUE_SOON = 1,
	ALERT_OVERDUE = 2,
	ALERT_DIGEST = 3,
	ALERT_SECURITY = 4,         /* repeated failed logins */
};

const char *alert_level_word(enum alert_level level);

/* What identifies an alert for the once-only rule. */
struct alert_key {
	uint8_t rec;                /* enum due_rec, or 0 for a digest */
	uint64_t id;                /* the record, or the ward of a digest */
	uint8_t code;               /* enum due_code, 0 for a digest */
	uint8_t level;
	int32_t day;                /* the due day, or the digest's day */
};

/* Store a new alert a (its id and raised_at are set here) unless one with
 * key k exists: returns 1 if stored, 0 if it already existed, or a store
 * error (sticky in the txn). */
int alert_raise(struct req_ctx *c, const struct alert_key *k, Hoso__Alert *a);
Hoso__Alert *alert_get(struct txn *t, uint64_t id, struct arena *a, int *rc);
int alert_put(struct txn *t, const Hoso__Alert *a);

#endif
