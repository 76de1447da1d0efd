#!/usr/bin/env bash
# run.sh: runs the end-to-end GUI tests (tests/gui/test_*.py, or the ones
# named as arguments) against the real hoso-gtk on a private X display.
#
# Outside a display it starts itself again under xvfb-run (a fresh Xvfb
# server, 1280x800) and dbus-run-session (a private session bus); inside, it
# gives the tests a throw-away HOME and XDG directories, turns assistive
# technologies on, starts the AT-SPI bus, and runs each test with
# Debian's python3 (where dogtail is).  The tests print TAP lines; the exit
# status is non-zero when a test failed.
#
# Environment as tests/run.sh sets it: B (build directory), HOSOD, HOSO,
# TOP, HOSO_LOCALEDIR, PYTHONPATH ($B/proto).  Screenshots go to
# $B/gui-shots/.  HOSO_KEEP_TMP=1 keeps the temporary directories.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
B=${B:-build}
case $B in /*) ;; *) B=$top/$B ;; esac
export B TOP=${TOP:-$top}
export HOSOD=${HOSOD:-$B/hosod} HOSO=${HOSO:-$B/hoso}
export HOSO_LOCALEDIR=${HOSO_LOCALEDIR:-$B/locale}
case ":${PYTHONPATH:-}:" in *":$B/proto:"*) ;; *)
	export PYTHONPATH=$B/proto${PYTHONPATH:+:$PYTHONPATH} ;;
esac

if [ -z "${HOSO_GUI_INNER:-}" ]; then
	for t in xvfb-run dbus-run-session /usr/libexec/at-spi-bus-launcher import; do
		if ! command -v "$t" >/dev/null 2>&1; then
			echo "ok 1 # SKIP $t is not installed (scripts/install-deps.sh)"
			exit 0
		fi
	done
	if [ -z "${HOSO_GTK:-}" ] && [ ! -x "$B/hoso-gtk" ]; then
		echo "ok 1 # SKIP no $B/hoso-gtk (GTK 4 not installed?)"
		exit 0
	fi
	export HOSO_GUI_INNER=1
	exec xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
	    dbus-run-session -- "$0" "$@" 2>&1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hoso-gui.XXXXXX") || exit 1
launcher=
cleanup() {
	[ -n "$launcher" ] && kill "$launcher" 2>/dev/null && wait "$launcher" 2>/dev/null
	if [ -n "${HOSO_KEEP_TMP:-}" ]; then
		echo "# kept $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# Nothing of the user's own desktop: settings, caches, tokens, known servers.
mkdir -p "$tmp/home" "$tmp/run" && chmod 700 "$tmp/run"
export HOME=$tmp/home XDG_RUNTIME_DIR=$tmp/run
export XDG_CONFIG_HOME=$tmp/home/.config XDG_CACHE_HOME=$tmp/home/.cache
export XDG_DATA_HOME=$tmp/home/.local/share
export HOSO_GUI_TMP=$tmp
export GTK_A11Y=atspi NO_AT_BRIDGE=0 GDK_BACKEND=x11
# Settings in memory only: the dconf service would write the user's real
# HOME (it runs with the session bus's environment).  dogtail wants
# toolkit-accessibility on: gui.py sets it in its own process.
export GSETTINGS_BACKEND=memory
unset GTK_MODULES

/usr/libexec/at-spi-bus-launcher --launch-immediately >"$tmp/at-spi.log" 2>&1 &
launcher=$!
# The accessibility bus answers once the launcher has it running.
for _ in $(seq 50); do
	dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus \
	    org.a11y.Bus.GetAddress >/dev/null 2>&1 && break
	sleep 0.1
done

if [ $# -eq 0 ]; then
	set -- "$top"/tests/gui/test_*.py
fi
rc=0
for t in "$@"; do
	/usr/bin/python3 "$t" || rc=1
done
exit $rc
