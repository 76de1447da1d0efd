/* main.c: hosod start-up: settings, store, demo data, listeners, loop. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hoso/protocol.h"
#include "config.h"
#include "demo.h"
#include "i18n.h"
#include "initadmin.h"
#include "log.h"
#include "maint.h"
#include "server.h"
#include "tls.h"
#include "workdays.h"

/* Remove flag from argv if it is there (exactly); true if it was. */
static bool
take_flag(int *argc, char **argv, const char *flag)
{
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], flag) != 0)
			continue;
		memmove(argv + i, argv + i + 1, (size_t)(*argc - i) * sizeof *argv);
		(*argc)--;
		return true;
	}
	return false;
}

/* Remove "flag VALUE" (or "flag=VALUE") from argv; the value, NULL if the
 * flag is not there, "" if it has no value. */
static const char *
take_opt(int *argc, char **argv, const char *flag)
{
	size_t fl = strlen(flag);
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		const char *v;
		int used;
		if (strcmp(argv[i], flag) == 0) {
			v = i + 1 < *argc ? argv[i + 1] : "";
			used = i + 1 < *argc ? 2 : 1;
		} else if (strncmp(argv[i], flag, fl) == 0 && argv[i][fl] == '=') {
			v = argv[i] + fl + 1;
			used = 1;
		} else {
			continue;
		}
		memmove(argv + i, argv + i + used,
		    (size_t)(*argc - i - used + 1) * sizeof *argv);
		*argc -= used;
		return v;
	}
	return NULL;
}

/* hosod --show-fingerprint: load (or make) the certificate of these
 * settings and print its SHA-256 fingerprint. */
static int
show_fingerprint(struct config *cfg)
{
	struct tls_identity id;
	char *cause = NULL;
	int rc = tls_identity_load(cfg, &id, &cause);
	if (rc == 0)
		printf("%s\n", id.fingerprint);
	else
		fprintf(stderr, "hosod: %s\n", cause ? cause : "out of memory");
	free(cause);
	tls_identity_free(&id);
	config_free(cfg);
	return rc == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	bool show_fp = take_flag(&argc, argv, "--show-fingerprint");
	bool check = take_flag(&argc, argv, "--check");
	const char *restore = take_opt(&argc, argv, "--restore");
	if (restore != NULL && *restore == '\0') {
		fprintf(stderr, "hosod: --restore needs the backup file: "
		    "hosod --data DIR --restore FILE\n");
		return 2;
	}
	struct config cfg;
	struct server srv;
	char *cause = NULL, *path;

	const char *init_admin = initadmin_take_arg(&argc, argv);
	config_defaults(&cfg);
	int rc = config_parse_args(&cfg, argc, argv, &cause);
	if (rc != 0) {
		if (rc < 0)
			fprintf(stderr, "hosod: %s\n", cause ? cause : "bad arguments");
		free(cause);
		config_free(&cfg);
		return rc < 0 ? 2 : 0;
	}
	path = config_file_path(&cfg);
	if (config_load_file(&cfg, path, cfg.config_file != NULL, &cause) < 0) {
		fprintf(stderr, "hosod: %s\n", cause ? cause : path);
		free(cause);
		free(path);
		config_free(&cfg);
		return 2;
	}
	free(path);
	if (show_fp)
		return show_fingerprint(&cfg);
	if (check || restore != NULL) {
		log_set_level(cfg.log_level);
		rc = check ? maint_check(&cfg) : maint_restore(&cfg, restore);
		config_free(&cfg);
		return rc;
	}
	if (maint_lock(cfg.data, &cause) < 0) {
		fprintf(stderr, "hosod: %s\n", cause ? cause : cfg.data);
		free(cause);
		config_free(&cfg);
		return 1;
	}
	if (init_admin != NULL) {
		rc = initadmin_run(&cfg, init_admin);
		config_free(&cfg);
		return rc;
	}
	if (cfg.nlisten == 0)
		cfg.listen[cfg.nlisten++] = strdup(HOSO_DEFAULT_SERVER);
	log_set_level(cfg.log_level);

	if (server_init(&srv, &cfg, &cause) < 0)
		goto fail;
	if (workdays_load(&srv.store) != 0) {
		cause = strdup("cannot read the calendar edits");
		goto fail;
	}
	if (cfg.demo && demo_seed(&srv.store, &cfg.rules, &cause) < 0)
		goto fail;
	if (server_listen(&srv, &cause) < 0)
		goto fail;
	log_info("hosod started: data %s, map %llu MiB, protocol %s, pid %d",
	    cfg.data, (unsigned long long)(srv.store.map_size >> 20),
	    HOSO_PROTO_VERSION_STRING, (int)getpid());
	server_run(&srv);
	server_free(&srv);
	workdays_free();
	log_info("hosod stopped cleanly");
	config_free(&cfg);
	return 0;
fail:
	log_error("%s", cause ? cause : "start-up failed");
	free(cause);
	server_free(&srv);
	workdays_free();
	config_free(&cfg);
	return 1;
}
