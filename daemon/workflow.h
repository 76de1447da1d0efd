/* workflow.h: the one transition table that says how a candidate's file
 * may move, and what each move requires.  Handlers never decide a move
 * themselves: they ask wf_check, and apply with wf_apply. */
#ifndef HOSOD_WORKFLOW_H
#define HOSOD_WORKFLOW_H

#include <stdbool.h>
#include <stdint.h>

#include "hoso.pb-c.h"
#include "request.h"

struct wf {
	struct req_ctx *c;
	Hoso__Person *p;
	Hoso__File *f;
	const Hoso__FileAdvance *adv;   /* the move's arguments; NULL to list */
	int32_t at;                     /* effective date of the move */
	Hoso__Requirement **unmet;
	size_t n_unmet, cap_unmet;
};

/* Add every unmet requirement of the move to `to` into w->unmet; -1 if the
 * table has no such move from the file's stage. */
int wf_check(struct wf *w, Hoso__Stage to);
/* Carry out a move that passed wf_check: the file, the person's mirror of
 * the stage, membership, deadlines.  The caller writes them. */
void wf_apply(struct wf *w, Hoso__Stage to);
struct cal;
/* (Re)compute the file's deadlines from its dates on calendar cal;
 * returns how many changed. */
int wf_deadlines(struct req_ctx *c, Hoso__File *f, const struct cal *cal);
/* Moves the table offers from the file's current stage (for FileMoves);
 * returns how many were written to out. */
size_t wf_moves(const Hoso__File *f, Hoso__Stage *out, size_t max);

/* The contract word ("cell-vote") and the plain-words msgid of a stage. */
const char *stage_word(Hoso__Stage s);
const char *stage_label(Hoso__Stage s);
/* True for stages where the file is closed for good. */
int stage_closed(Hoso__Stage s);
/* Is s a value of the Stage enum (a stored or sent number may not be)? */
bool stage_known(Hoso__Stage s);

/* Propose background checks from the declared relatives (candidate,
 * parents or guardians, adult children, spouse and parents-in-law), skipping
 * a side of the family with a party member; keeps existing checks. */
void wf_propose_checks(struct wf *w);
/* Official members on a cell's roll on date at, not counting person skip. */
uint32_t wf_cell_roll(struct req_ctx *c, uint64_t cell, int32_t at,
    uint64_t skip);

#endif
