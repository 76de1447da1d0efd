/* unitset.h: the people a unit covers, for the lists and counts narrowed
 * to a unit (PersonList.org_id, PipelineCount.org_id).
 *
 * A cell covers its own people (cell2person); a ward, or any other unit
 * below the top, the people of the cells directly under it (validate.c
 * puts cells only under a ward or the top unit); the top unit, and 0,
 * cover everyone (id2person), people without a cell too. */
#ifndef HOSOD_UNITSET_H
#define HOSOD_UNITSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct req_ctx;

struct unitset {
	uint64_t org_id;            /* the unit asked for; 0: everyone */
	bool all;                   /* everyone: walk id2person */
	uint64_t *cells;            /* else these cells, ascending (arena) */
	size_t ncells;
};

/* Resolve unit org_id (0: everyone) into u.  0, or the status it set:
 * NOT_FOUND on field "org_id" when there is no such unit. */
int unitset_resolve(struct req_ctx *c, uint64_t org_id, struct unitset *u);
/* Does u cover the people of cell? */
bool unitset_has_cell(const struct unitset *u, uint64_t cell);

#endif
