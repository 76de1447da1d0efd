/* workdays.c: the calendar in force and its publication (workdays.h). */
#include <stdatomic.h>
#include <stdlib.h>

#include "cal.h"
#include "store.h"
#include "tables.h"
#include "workdays.h"

/* Every calendar ever published, newest first; the head is in force. */
struct published {
	struct published *older;
	struct cal cal;
};

static struct cal builtin;                  /* before any edit is loaded */
static struct published *_Atomic current;

const struct cal *
workdays_cal(void)
{
	struct published *p = atomic_load_explicit(&current, memory_order_acquire);
	return p ? &p->cal : &builtin;
}

void
workdays_publish(struct cal *c)
{
	struct published *p = malloc(sizeof *p);
	if (p == NULL)
		return;     /* keep the old calendar; the edit shows on restart */
	p->cal = *c;
	p->older = atomic_load_explicit(&current, memory_order_acquire);
	atomic_store_explicit(&current, p, memory_order_release);
}

void
workdays_free(void)
{
	struct published *p = atomic_exchange_explicit(&current, NULL,
	    memory_order_acq_rel);
	while (p != NULL) {
		struct published *older = p->older;
		cal_free(&p->cal);
		free(p);
		p = older;
	}
}

int
workdays_load(struct store *st)
{
	struct txn t;
	struct cal c;
	int rc = store_read_begin(st, &t);
	if (rc != 0)
		return rc;
	cal_init(&c);
	rc = calendar_load(&t, &c);
	store_read_end(&t);
	if (rc != 0) {
		cal_free(&c);
		return rc;
	}
	workdays_publish(&c);
	return 0;
}
