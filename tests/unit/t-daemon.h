/* t-daemon.h: a real hosod for client tests: started with --demo on a
 * fresh data directory and a free port on 127.0.0.1 (or a given one),
 * with the demo accounts' passwords read back from DATA/demo-accounts.txt.
 * $HOSOD names the daemon (default build/hosod).  Static functions for
 * one test file each. */
#ifndef HOSO_T_DAEMON_H
#define HOSO_T_DAEMON_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];          /* the data directory (mkdtemp'd by main) */
static pid_t daemon_pid = -1;

/* Start hosod --demo in dir (on its existing data when there is some)
 * listening on listen ("127.0.0.1:0": a free port), with extra as one more
 * argument (or NULL); returns "127.0.0.1:PORT". */
static __attribute__((unused)) const char *
start_daemon_on(const char *listen, const char *extra)
{
	static char where[64];
	char portfile[128];
	snprintf(portfile, sizeof portfile, "%s/port", dir);
	unlink(portfile);
	const char *hosod = getenv("HOSOD") ? getenv("HOSOD") : "build/hosod";
	daemon_pid = fork();
	if (daemon_pid == 0) {
		char log[128];
		snprintf(log, sizeof log, "%s/hosod.log", dir);
		if (freopen(log, "a", stderr) == NULL)
			_exit(127);
		execl(hosod, hosod, "--data", dir, "--demo", "--listen",
		    listen, "--port-file", portfile, "--alert-delay", "0",
		    extra, (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 200; i++) {
		FILE *f = fopen(portfile, "r");
		int port = 0;
		if (f != NULL) {
			if (fscanf(f, "%d", &port) != 1)
				port = 0;
			fclose(f);
		}
		if (port > 0) {
			snprintf(where, sizeof where, "127.0.0.1:%d", port);
			return where;
		}
		usleep(50000);
	}
	fprintf(stderr, "hosod did not start\n");
	exit(2);
}

static __attribute__((unused)) void
stop_daemon(void)
{
	if (daemon_pid > 0) {
		kill(daemon_pid, SIGCONT);
		kill(daemon_pid, SIGTERM);
		waitpid(daemon_pid, NULL, 0);
	}
	daemon_pid = -1;
}

/* The demo account's password from DATA/demo-accounts.txt. */
static __attribute__((unused)) char *
demo_password(const char *login)
{
	char path[128], l[64], p[64];
	snprintf(path, sizeof path, "%s/demo-accounts.txt", dir);
	FILE *f = fopen(path, "r");
	char line[256], *found = NULL;
	while (f != NULL && fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "%63s %63s", l, p) == 2 &&
		    strcmp(l, login) == 0)
			found = strdup(p);
	if (f != NULL)
		fclose(f);
	return found;
}

static __attribute__((unused)) const char *
start_daemon(const char *extra)
{
	return start_daemon_on("127.0.0.1:0", extra);
}

#endif
