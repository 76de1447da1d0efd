/* fsck.c: hosod --check (see fsck.h).  Placeholder while the walker is
 * being written: it only opens a read transaction. */
#include <stdlib.h>
#include <string.h>

#include "fsck.h"
#include "store.h"

int
fsck_run(struct store *st, FILE *out, struct fsck_result *res, char **cause)
{
	struct txn t;
	int rc;

	memset(res, 0, sizeof *res);
	if ((rc = store_read_begin(st, &t)) != 0) {
		*cause = strdup(mdb_strerror(rc));
		return rc;
	}
	store_read_end(&t);
	fprintf(out, "checked %llu records, %llu problems\n",
	    (unsigned long long)res->records, (unsigned long long)res->problems);
	return 0;
}
