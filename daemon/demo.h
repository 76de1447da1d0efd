/* demo.h: invented demo data for a newcomer's first run. */
#ifndef HOSOD_DEMO_H
#define HOSOD_DEMO_H

#include "hoso.pb-c.h"
#include "config.h"
#include "store.h"

/* Seed a district, its wards, cells, police stations and candidates, all
 * invented, through the real handlers, if the store holds no unit yet. */
int demo_seed(struct store *st, const struct rules *rules, char **cause);

/* Internal to demo*.c: a job for one request of type body, linked at
 * *tail; and running a batch in one commit (-1 with *cause if any request
 * was refused). */
struct job;
struct job *demo_job(Hoso__Request__BodyCase body, const struct rules *rules,
    struct job **tail);
int demo_commit(struct store *st, struct job *batch, char **cause);
/* demo-checks.c: three candidates in verification with checks in
 * different states (overdue, running, returned with a concern). */
int demo_checks(struct store *st, const struct rules *rules, char **cause);
/* demo-users.c: an account for every role, printed and kept in
 * DATA/demo-accounts.txt (demo_accounts_path, malloc'd). */
int demo_users(struct store *st, const struct rules *rules, char **cause);
char *demo_accounts_path(const char *dir);

#endif
