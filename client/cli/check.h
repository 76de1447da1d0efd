/* check.h: what the background-check commands share (cmd-check.c,
 * cmd-check-out.c, cmd-alert.c, cmd-report.c): printing a Verification,
 * a page of them and an explanation, and the words for statuses and alert
 * kinds. */
#ifndef HOSO_CLI_CHECK_H
#define HOSO_CLI_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"

/* The server's status word ("on-time", "due-soon", "overdue",
 * "suspended", "closed") or alert kind ("due-soon", "overdue", "digest")
 * in the user's language; an unknown word comes back as it is. */
const char *check_status_label(const char *word);
const char *check_alert_kind_label(const char *word);
/* A leg in words ("ward police check"), "" for none. */
const char *check_leg_label(int kind);

/* One check as a label block, then one line per leg and a line for each
 * extension and suspension. */
void check_print(struct cli *cli, const Hoso__Verification *v);
/* A table of checks, and how to go on when there are more. */
void check_print_page(const Hoso__CheckPage *page);
/* How the current leg's deadline was counted, line by line, translated. */
void check_print_explanation(const Hoso__Explanation *e);
/* An alert's message in the user's language, malloc'd (NULL when out of
 * memory). */
char *check_alert_text(const Hoso__Alert *a);

#endif
