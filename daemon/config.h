/* config.h: hosod settings.  Every key of hosod.conf ("key = value", '#'
 * comments) is also a command-line flag (--key, with '-' for '_'); the flag
 * wins over the file.  One table in config.c lists them all. */
#ifndef HOSOD_CONFIG_H
#define HOSOD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CONFIG_MAX_LISTEN 16
/* Frames beyond this are refused as a setting: the length must fit the
 * protocol's uint32 HelloReply.max_frame with room to spare. */
#define CONFIG_FRAME_LIMIT (256u << 20)

/* Workflow rules: copied into every write job, so the writer thread never
 * reads a config that SIGHUP may be replacing. */
struct rules {
	bool cccd_strict;           /* check CCCD structure against birth data */
	/* The recruitment rules ([rules] in hosod.conf; DOMAIN.md defaults). */
	uint64_t age_min_months;            /* 18 years on the cell vote */
	uint64_t age_max_months;            /* 60 years */
	uint64_t course_valid_months;       /* awareness-course certificate */
	uint64_t paper_valid_months;        /* dossier papers */
	uint64_t introducer_months;         /* alongside the candidate */
	uint64_t vote_numerator;            /* share of the cell's official */
	uint64_t vote_denominator;          /* members voting in favour: 2/3 */
	uint64_t min_education;             /* Education enum: 2 lower secondary */
	uint64_t decision_workdays;         /* after the cell's resolution */
	uint64_t extension_max_workdays;
	uint64_t ceremony_workdays;         /* after the decision */
	uint64_t probation_months;
	uint64_t recognition_vote_workdays; /* after probation ends */
	uint64_t recognition_decision_workdays; /* after that vote */
	/* Background checks (seed 003's turnaround; a local rule). */
	uint64_t check_forward_workdays;    /* 0: the same working day */
	uint64_t check_police_workdays;     /* 7 */
	uint64_t check_return_workdays;     /* 3 */
	uint64_t check_outside_workdays;    /* reminder for checks outside: 15 */
	uint64_t due_soon_workdays;         /* "due soon" alert: 1 left */
	uint64_t digest_hour;               /* daily digest, Vietnam time: 7 */
};

struct config {
	char *config_file;          /* flag only */
	char *data;
	char *listen[CONFIG_MAX_LISTEN];
	int nlisten;
	char *port_file;
	bool demo;
	uint64_t max_frame;
	uint64_t max_connections;
	uint64_t idle_timeout;      /* seconds */
	uint64_t frame_timeout;     /* seconds to finish a frame once started */
	uint64_t output_cap;        /* bytes queued to one client */
	uint64_t write_timeout;     /* seconds without write progress */
	uint64_t map_size;          /* initial LMDB map size */
	uint64_t batch_max;         /* write requests per commit */
	int log_level;
	char *notify_command;       /* run for each new alert, or NULL */
	uint64_t alert_delay;       /* seconds from a deadline write to a sweep */
	char *now;                  /* testing: the clock at start, or NULL */
	bool insecure;              /* plain TCP allowed beyond loopback */
	char *tls_cert, *tls_key;   /* PEM files, or NULL: DATA/tls/... */
	uint64_t session_idle;      /* seconds without a request */
	uint64_t session_max;       /* seconds from login */
	uint64_t login_delay_max;   /* cap of the failed-login delay */
	struct rules rules;
	uint64_t from_flags;        /* bit i: table row i was set by a flag */
};

/* Defaults for everything; data depends on where the binary runs from. */
void config_defaults(struct config *c);
void config_free(struct config *c);
/* Apply argv flags (before the file is read, so --config and --data are
 * known); returns 0, 1 when --help/--version was handled, -1 on error. */
int config_parse_args(struct config *c, int argc, char **argv, char **cause);
/* Read the file; keys already set by flags are kept.  A missing file is
 * fine unless it was named with --config. */
int config_load_file(struct config *c, const char *path, bool must_exist,
    char **cause);
/* The file to read: --config, else DATA/hosod.conf. */
char *config_file_path(const struct config *c);
void config_usage(FILE *f);
/* Copy the settings SIGHUP may change from src into dst, except those
 * dst got from command-line flags. */
void config_reload_into(struct config *dst, const struct config *src);

#endif
