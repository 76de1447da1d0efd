/* i18n.c: gettext set-up (see i18n.h). */
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/share/locale"
#endif

/* The language part ("vi") of the first of LC_ALL, LC_MESSAGES, LANG set. */
static const char *
i18n_env_language(char *buf, size_t size)
{
	const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v == NULL || *v == '\0')
			continue;
		size_t n = strcspn(v, ".@");
		if (n == 0 || n >= size)
			return NULL;
		memcpy(buf, v, n);
		buf[n] = '\0';
		return buf;
	}
	return NULL;
}

/* Directory of catalogues: see i18n.h for the order. */
static void
i18n_bind(void)
{
	const char *env = getenv("HOSO_LOCALEDIR");
	if (env != NULL && *env != '\0') {
		bindtextdomain(HOSO_TEXTDOMAIN, env);
		return;
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 32);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash != NULL) {
			/* The build tree (build/locale), then an installed
			 * tree wherever its prefix is (bin/../share/locale). */
			strcpy(slash + 1, "locale");
			if (access(exe, R_OK | X_OK) == 0) {
				bindtextdomain(HOSO_TEXTDOMAIN, exe);
				return;
			}
			strcpy(slash + 1, "../share/locale");
			if (access(exe, R_OK | X_OK) == 0) {
				bindtextdomain(HOSO_TEXTDOMAIN, exe);
				return;
			}
		}
	}
	bindtextdomain(HOSO_TEXTDOMAIN, LOCALEDIR);
}

void
i18n_init(void)
{
	if (setlocale(LC_ALL, "") == NULL) {
		char lang[32];
		const char *l = i18n_env_language(lang, sizeof lang);
		setlocale(LC_ALL, "C.UTF-8");
		if (l != NULL && strcmp(l, "C") != 0 && strcmp(l, "POSIX") != 0 &&
		    getenv("LANGUAGE") == NULL)
			setenv("LANGUAGE", l, 1);
	}
	i18n_bind();
	bind_textdomain_codeset(HOSO_TEXTDOMAIN, "UTF-8");
}
