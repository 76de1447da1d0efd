/* model_test.h: shared bits of the view-model tests (tests/gtk/): English
 * messages, a model's n-th item, and a recorder of a GListModel's
 * items-changed signals. */
#ifndef HOSO_MODEL_TEST_H
#define HOSO_MODEL_TEST_H

#include <stdlib.h>

#include <gio/gio.h>

#include "../unit/t.h"

/* The n-th item of a model, a borrowed reference (the model keeps it
 * alive); NULL past the end. */
static inline gpointer
nth(GListModel *m, guint i)
{
	gpointer it = g_list_model_get_item(m, i);
	if (it != NULL)
		g_object_unref(it);
	return it;
}

/* The last items-changed a model emitted, and how many so far. */
struct changes {
	guint n;
	guint pos, removed, added;
};

static void
changes_cb(GListModel *m, guint pos, guint removed, guint added, gpointer p)
{
	struct changes *c = p;
	(void)m;
	c->n++;
	c->pos = pos;
	c->removed = removed;
	c->added = added;
}

static inline void
changes_watch(gpointer model, struct changes *c)
{
	memset(c, 0, sizeof *c);
	g_signal_connect(model, "items-changed", G_CALLBACK(changes_cb), c);
}

/* Messages in English (the msgids), whatever the environment says. */
static inline void
model_test_english(void)
{
	setenv("LANGUAGE", "C", 1);
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
}

#endif
