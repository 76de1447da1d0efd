/* initadmin.h: `hosod --data DIR --init-admin NAME`, the first account,
 * made on the server itself before anyone can log in. */
#ifndef HOSOD_INITADMIN_H
#define HOSOD_INITADMIN_H

#include "config.h"

/* Take "--init-admin NAME" (or "--init-admin=NAME") out of argv; returns
 * NAME (static argv memory) or NULL. */
const char *initadmin_take_arg(int *argc, char **argv);
/* Ask for the password (twice, without echo on a terminal; two lines when
 * stdin is not one), and store an enabled admin account NAME.  Returns the
 * exit status: 0 made, 1 refused (message printed), 2 usage. */
int initadmin_run(const struct config *cfg, const char *login);

#endif
