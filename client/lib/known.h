/* known.h: the servers this user has connected to over TLS and the
 * fingerprints of their certificates, like ssh's known_hosts.
 *
 * The file holds one server a line, "HOST:PORT SHA256:AB:CD:...", where
 * HOST:PORT is the address as the user wrote it (host in lower case,
 * an IPv6 address in brackets) and the fingerprint is the SHA-256 of the
 * certificate (DER) in upper-case hex pairs joined by colons.  Blank
 * lines and lines starting with '#' are skipped, and so are lines that do
 * not have this shape.  The first contact with a server records it; after
 * that, another certificate is refused until its line is removed. */
#ifndef HOSO_KNOWN_H
#define HOSO_KNOWN_H

#include <stdint.h>

/* "AB:CD:...": 32 bytes as 95 characters and a NUL. */
#define KNOWN_FP_LEN 96

/* $HOSO_KNOWN_SERVERS when set and not empty, else
 * $XDG_CONFIG_HOME/hoso/known_servers, else ~/.config/hoso/known_servers.
 * malloc'd; NULL when no home directory is known or out of memory. */
char *known_default_path(void);

/* The key of a server in the file: "host:port", "[v6addr]:port";
 * malloc'd, or NULL when out of memory. */
char *known_key(const char *host, uint16_t port);

enum known_result {
	KNOWN_MATCH = 0,        /* a line for key has this fingerprint */
	KNOWN_NEW,              /* no line for key (or no file at all) */
	KNOWN_CHANGED,          /* lines for key, none with this fingerprint */
};

/* Look key up in the file at path.  Returns a known_result; for
 * KNOWN_CHANGED *old is the first recorded fingerprint for key (malloc'd)
 * and *line its line number.  A file that exists but cannot be read gives
 * HOSO_E_FILE with *err set. */
int known_lookup(const char *path, const char *key, const char *fp,
    char **old, unsigned *line, char **err);

/* Append "key SHA256:fp" to the file, creating it (mode 0600) and its
 * directory (0700) if needed.  Returns 0 or HOSO_E_FILE with *err. */
int known_record(const char *path, const char *key, const char *fp,
    char **err);

/* 32 bytes as "AB:CD:..." into fp. */
void known_format_fp(const uint8_t digest[32], char fp[KNOWN_FP_LEN]);

#endif
