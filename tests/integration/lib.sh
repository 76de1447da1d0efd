# shellcheck shell=bash
# lib.sh: helpers for the integration tests (bash).  Source it.
#
# TAP:     ok DESC CMD...   (passes if CMD exits 0)   is GOT WANT DESC
#          like GOT REGEX DESC   pass DESC   fail DESC [DIAG]   skip DESC WHY
#          done_testing      (prints the summary; exit 1 if anything failed)
# Daemon:  daemon_start DIR [ARGS...]  starts $HOSOD --data DIR --listen
#          127.0.0.1:0 --port-file DIR/port ARGS (no default --listen when
#          D_LISTEN=no), waits for the port; sets D_PID, D_PORT, D_LOG.
#          daemon_stop [SIGNAL]  sends SIGTERM (or SIGNAL), waits; sets D_STATUS.
# CLI:     cli ARGS...  runs $HOSO --server 127.0.0.1:$D_PORT ARGS; sets OUT,
#          ERR, RC.   run ARGS...  the same without --server.
#          jget PYEXPR  evaluates PYEXPR on the JSON in $OUT (as `d`).

set -u
TOP=${TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
B=${B:-$TOP/build}
HOSOD=${HOSOD:-$B/hosod}
HOSO=${HOSO:-$B/hoso}
PY=/usr/bin/python3
export PYTHONPATH=$B/proto:$TOP/tests/python${PYTHONPATH:+:$PYTHONPATH}
# Stable English messages unless a test asks for another language.
export LANG=C.UTF-8
unset LC_ALL LC_MESSAGES LANGUAGE HOSO_SERVER HOSO_TOKEN HOSO_CA

T_N=0
T_FAILED=0
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/hoso-it.XXXXXX")
T_PIDS=()
# Token files and pinned certificates of the tests stay in the test's own
# directory, never in the user's.
export XDG_RUNTIME_DIR=$T_TMP/run XDG_CONFIG_HOME=$T_TMP/config
export HOSO_KNOWN_SERVERS=$T_TMP/known_servers
mkdir -p -m 700 "$XDG_RUNTIME_DIR"

pass() { T_N=$((T_N + 1)); echo "ok $T_N - $1"; }
fail() {
	T_N=$((T_N + 1)); T_FAILED=$((T_FAILED + 1))
	echo "not ok $T_N - $1"
	if [ $# -gt 1 ] && [ -n "$2" ]; then printf '%s\n' "$2" | head -n 20 | sed 's/^/#   /'; fi
	return 0
}
skip() { T_N=$((T_N + 1)); echo "ok $T_N - $1 # SKIP $2"; }
note() { printf '%s\n' "$*" | sed 's/^/# /'; }

# ok DESC CMD...: passes when CMD succeeds.
ok() {
	local desc=$1; shift
	if "$@"; then pass "$desc"; else fail "$desc" "command failed: $*"; fi
}

is() {
	if [ "$1" = "$2" ]; then pass "$3"
	else fail "$3" "got:  '$1'
want: '$2'"; fi
}

like() {
	if [[ $1 =~ $2 ]]; then pass "$3"
	else fail "$3" "got:  '$1'
want a match for /$2/"; fi
}

# The exit status of the last cli/run, with its stderr on failure.
rc_is() {
	if [ "$RC" = "$1" ]; then pass "$2"
	else fail "$2" "exit status $RC, want $1
stdout: $(printf '%s' "$OUT" | head -c 600)
stderr: $(printf '%s' "$ERR" | head -c 600)"; fi
}

done_testing() {
	echo "# $T_N checks, $T_FAILED failed"
	[ "$T_FAILED" -eq 0 ]
	exit $?
}

t_cleanup() {
	local p
	for p in "${T_PIDS[@]}"; do
		kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null
	done
	if [ "$T_FAILED" -eq 0 ]; then rm -rf "$T_TMP"
	else echo "# kept $T_TMP"; fi
}
trap t_cleanup EXIT

# ---- daemon ------------------------------------------------------------------
#
# Accounts (protocol 1.4): daemon_start on a new data directory first makes
# the administrator D_ADMIN_LOGIN with D_ADMIN_PW (hosod --init-admin), and
# after every start of such a directory logs in and exports HOSO_TOKEN, so
# `cli` acts as that administrator.  D_ADMIN=no leaves accounts to the test.

D_PID='' D_PORT='' D_LOG='' D_DIR='' D_STATUS=''
D_LISTEN=${D_LISTEN:-yes}
D_ADMIN=${D_ADMIN:-yes}
D_ADMIN_LOGIN=admin
D_ADMIN_PW='admin-test-password'

daemon_start() {
	D_DIR=$1; shift
	mkdir -p "$D_DIR"
	rm -f "$D_DIR/port"
	D_LOG=$D_DIR/hosod.log
	if [ "$D_ADMIN" = yes ] && [ ! -e "$D_DIR/data.mdb" ]; then
		printf '%s\n%s\n' "$D_ADMIN_PW" "$D_ADMIN_PW" | "$HOSOD" --data "$D_DIR" \
			"$@" --init-admin "$D_ADMIN_LOGIN" >>"$D_LOG" 2>&1 &&
			: >"$D_DIR/.test-admin"
	fi
	_daemon_run "$@" || return 1
	if [ -e "$D_DIR/.test-admin" ]; then
		# The host of the first listener: 127.0.0.1 unless the test
		# gave its own --listen.
		local host=127.0.0.1 a prev=
		if [ "$D_LISTEN" != yes ]; then
			for a in "$@"; do
				if [ "$prev" = --listen ]; then host=${a%:*}; break; fi
				prev=$a
			done
		fi
		HOSO_TOKEN=$(printf '%s\n' "$D_ADMIN_PW" | "$HOSO" --server \
			"$host:$D_PORT" login --user "$D_ADMIN_LOGIN" --print-token \
			2>>"$D_LOG")
		export HOSO_TOKEN
		[ -n "$HOSO_TOKEN" ] || { note "cannot log in as $D_ADMIN_LOGIN"; return 1; }
	fi
	return 0
}

_daemon_run() {
	local listen=()
	[ "$D_LISTEN" = yes ] && listen=(--listen 127.0.0.1:0)
	"$HOSOD" --data "$D_DIR" "${listen[@]}" --port-file "$D_DIR/port" "$@" \
		</dev/null >>"$D_LOG" 2>&1 &
	D_PID=$!
	T_PIDS+=("$D_PID")
	D_PORT=
	local i p last=
	for i in $(seq 1 400); do
		if [ -s "$D_DIR/port" ]; then
			p=$(tr -d ' \n' <"$D_DIR/port")
			if [[ $p =~ ^[0-9]+$ ]] && [ "$p" = "$last" ]; then D_PORT=$p; return 0; fi
			last=$p
		fi
		if ! kill -0 "$D_PID" 2>/dev/null; then
			wait "$D_PID"; D_STATUS=$?
			note "hosod exited with status $D_STATUS before listening; log:"
			tail -n 20 "$D_LOG" | sed 's/^/#   /'
			return 1
		fi
		sleep 0.05
	done
	note "hosod wrote no port file in 20 s"
	return 1
}

daemon_stop() {
	local sig=${1:-TERM} i
	[ -n "$D_PID" ] || { D_STATUS=none; return 1; }
	kill -"$sig" "$D_PID" 2>/dev/null
	for i in $(seq 1 400); do
		kill -0 "$D_PID" 2>/dev/null || break
		sleep 0.05
	done
	if kill -0 "$D_PID" 2>/dev/null; then
		kill -KILL "$D_PID"; wait "$D_PID" 2>/dev/null; D_STATUS=hung
	else
		wait "$D_PID"; D_STATUS=$?
	fi
	D_PID=
	return 0
}

# ---- CLI ---------------------------------------------------------------------

run() {
	"$HOSO" "$@" >"$T_TMP/out" 2>"$T_TMP/err" </dev/null
	RC=$?
	OUT=$(cat "$T_TMP/out"); ERR=$(cat "$T_TMP/err")
}

cli() { run --server "127.0.0.1:$D_PORT" "$@"; }

# jget PYEXPR: evaluate a Python expression over the JSON document in $OUT,
# bound to d; prints the result (None -> "null", True -> "true").
jget() {
	printf '%s' "$OUT" | "$PY" -c '
import json, sys
try:
    d = json.load(sys.stdin)
    v = eval(sys.argv[1])
except Exception as e:
    print("JSON-ERROR: %s" % e); sys.exit(1)
print(json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v)
' "$1"
}

# A TCP port nobody listens on right now (on 127.0.0.1, or ADDR).
free_port() {
	"$PY" -c '
import socket, sys
fam = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET
s = socket.socket(fam); s.bind((sys.argv[1], 0)); print(s.getsockname()[1]); s.close()
' "${1:-127.0.0.1}"
}

has_ipv6_loopback() {
	"$PY" -c 'import socket; s = socket.socket(socket.AF_INET6); s.bind(("::1", 0))' 2>/dev/null
}

# Run directly (tests/run.sh runs every tests/integration/*.sh): check the
# helpers themselves.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	OUT='{"items": [{"id": 1, "name": "Nguyễn Văn An"}, {"id": 2}], "next": null}'
	is "$(jget 'len(d["items"])')" 2 "jget: length of a list"
	is "$(jget 'd["next"]')" null "jget: null prints as null"
	is "$(jget 'd["items"][0]["name"]')" "Nguyễn Văn An" "jget: UTF-8 strings come out as is"
	OUT='not json'
	if jget 'd' >/dev/null; then fail "jget: fails on bad JSON"; else pass "jget: fails on bad JSON"; fi
	like "$(free_port)" '^[0-9]+$' "free_port gives a port number"
	like "hoso org add" '^hoso (org|person)' "like matches a regex"
	done_testing
fi
