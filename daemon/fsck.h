/* fsck.h: hosod --check: walk every table of an open store and check each
 * index against the records it points to (and each record against the
 * indexes that must name it), the id sequences, the deadline index, and
 * the audit log's hash chain.  Read-only: one read transaction, so it can
 * run beside a serving daemon on the same data dir. */
#ifndef HOSOD_FSCK_H
#define HOSOD_FSCK_H

#include <stdint.h>
#include <stdio.h>

struct store;

struct fsck_result {
	uint64_t records;           /* records and index entries looked at */
	uint64_t problems;          /* inconsistencies found */
};

/* Check st; print one line per problem to out (English, for admins and
 * logs: "table key: what is wrong"), and a closing summary line.  Returns
 * 0 when the walk finished (problems counted in *res), or an LMDB error
 * code with *cause set (malloc'd) when the store could not be read. */
int fsck_run(struct store *st, FILE *out, struct fsck_result *res,
    char **cause);

#endif
