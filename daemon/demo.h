/* demo.h: invented demo data for a newcomer's first run. */
#ifndef HOSOD_DEMO_H
#define HOSOD_DEMO_H

#include "config.h"
#include "store.h"

/* Seed a district, its wards, cells, police stations and candidates, all
 * invented, through the real handlers, if the store holds no unit yet. */
int demo_seed(struct store *st, const struct rules *rules, char **cause);

#endif
