/* password.c: reading passwords, which never come from the command line
 * (other users could read them in the process list, and they would stay
 * in the shell's history).  On a terminal the password is typed on
 * /dev/tty with echo off; otherwise it is the next line of standard
 * input, so scripts can pipe it in. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"

#define PASSWORD_MAX 1024

/* The terminal while echo is off, so a signal can turn echo back on. */
static int pw_tty = -1;
static struct termios pw_saved;
static const int pw_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT,
    SIGTSTP };
#define PW_NSIGNALS (sizeof pw_signals / sizeof pw_signals[0])
static struct sigaction pw_old[PW_NSIGNALS];

/* Put the terminal back as it was, then let the signal do what it does. */
static void
pw_on_signal(int sig)
{
	if (pw_tty >= 0)
		tcsetattr(pw_tty, TCSAFLUSH, &pw_saved);
	for (size_t i = 0; i < PW_NSIGNALS; i++)
		if (pw_signals[i] == sig)
			sigaction(sig, &pw_old[i], NULL);
	raise(sig);
}

void
cli_password_free(char *pw)
{
	if (pw == NULL)
		return;
	explicit_bzero(pw, strlen(pw));
	free(pw);
}

/* One line typed on the terminal fd with echo off, without its newline. */
static int
pw_read_tty(int fd, const char *prompt, char **pw)
{
	char buf[PASSWORD_MAX];
	size_t len = 0;
	bool echo_off = false;
	struct termios t;

	if (write(fd, prompt, strlen(prompt)) < 0)
		return -1;
	if (tcgetattr(fd, &pw_saved) == 0) {
		t = pw_saved;
		t.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
		t.c_lflag |= ECHONL;
		struct sigaction sa = { .sa_handler = pw_on_signal };
		sigemptyset(&sa.sa_mask);
		pw_tty = fd;
		for (size_t i = 0; i < PW_NSIGNALS; i++)
			sigaction(pw_signals[i], &sa, &pw_old[i]);
		echo_off = tcsetattr(fd, TCSAFLUSH, &t) == 0;
	}
	int rc = 0;
	for (;;) {
		char ch;
		ssize_t n = read(fd, &ch, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -1;
			break;
		}
		if (n == 0 || ch == '\n' || ch == '\r')
			break;
		if (len + 1 < sizeof buf)
			buf[len++] = ch;
	}
	/* ECHONL echoed the newline that ended the line. */
	if (echo_off)
		tcsetattr(fd, TCSAFLUSH, &pw_saved);
	if (pw_tty >= 0) {
		for (size_t i = 0; i < PW_NSIGNALS; i++)
			sigaction(pw_signals[i], &pw_old[i], NULL);
		pw_tty = -1;
	}
	buf[len] = '\0';
	if (rc == 0 && (*pw = strdup(buf)) == NULL)
		rc = -1;
	explicit_bzero(buf, sizeof buf);
	return rc;
}

/* The next line of standard input, without its line ending. */
static int
pw_read_stdin(char **pw)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (n < 0) {
		free(line);
		return 1;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	*pw = line;
	return 0;
}

int
cli_read_password(const char *prompt, char **pw)
{
	*pw = NULL;
	if (isatty(STDIN_FILENO)) {
		int fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
		int rc = fd >= 0 ? pw_read_tty(fd, prompt, pw) : -1;
		if (fd >= 0)
			close(fd);
		if (rc < 0) {
			cli_error(_("cannot read the password from the terminal: "
			    "%s"), strerror(errno));
			return CLI_EXIT_USAGE;
		}
	} else if (pw_read_stdin(pw) != 0) {
		cli_error("%s", _("no password: standard input ended (give "
		    "each password on a line of its own)"));
		return CLI_EXIT_USAGE;
	}
	if (**pw == '\0') {
		cli_password_free(*pw);
		*pw = NULL;
		cli_error("%s", _("the password is empty"));
		return CLI_EXIT_USAGE;
	}
	return 0;
}

int
cli_read_new_password(const char *prompt, const char *again, char **pw)
{
	char *second = NULL;
	int rc = cli_read_password(prompt, pw);
	if (rc != 0 || !isatty(STDIN_FILENO))
		return rc;
	rc = cli_read_password(again, &second);
	if (rc == 0 && strcmp(*pw, second) != 0) {
		cli_error("%s", _("the two passwords differ; nothing was "
		    "changed"));
		rc = CLI_EXIT_USAGE;
	}
	cli_password_free(second);
	if (rc != 0) {
		cli_password_free(*pw);
		*pw = NULL;
	}
	return rc;
}
