/* userdir.h: where libhoso keeps its per-user files (the known servers,
 * session tokens), and creating those directories so that nobody else
 * can look inside. */
#ifndef HOSO_USERDIR_H
#define HOSO_USERDIR_H

/* "$ENV/hoso" when the environment variable env holds an absolute path,
 * else "$HOME/fallback/hoso" (HOME from the password database when unset).
 * malloc'd; NULL when no home directory is known or out of memory. */
char *userdir_hoso(const char *env, const char *fallback);

/* Create dir and its missing parents with mode 0700; dir itself, when it
 * already exists, is narrowed to 0700 if it is ours and wider.  Returns 0,
 * or HOSO_E_FILE with *err set (English-or-translated, malloc'd). */
int userdir_make(const char *dir, char **err);

/* The directory part of path, malloc'd ("." when there is none). */
char *userdir_parent(const char *path);

#endif
