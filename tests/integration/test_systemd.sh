#!/usr/bin/env bash
# hosod under systemd, tested without a systemd to run it (none is PID 1
# here): the unit's exposure level and syntax (systemd-analyze), the
# sd_notify messages and the watchdog against a notify socket of our own
# (including a writer thread stuck in fdatasync), the journal fields
# against a stand-in journald, and every system call hosod makes against
# the unit's SystemCallFilter= and MemoryDenyWriteExecute=.
. "$(dirname "$0")/lib.sh"

UNIT=$TOP/systemd/hosod.service
ABS_HOSOD=$(cd "$(dirname "$HOSOD")" && pwd)/$(basename "$HOSOD")
have() { command -v "$1" >/dev/null 2>&1; }

# ---- the unit ---------------------------------------------------------------

if have systemd-analyze; then
	out=$(systemd-analyze security --offline=true "$UNIT" 2>&1)
	line=$(printf '%s\n' "$out" | grep 'Overall exposure level')
	num=$(sed -E 's/.*: ([0-9]+\.[0-9]+) ([A-Z]+).*/\1/' <<<"$line")
	level=$(sed -E 's/.*: ([0-9]+\.[0-9]+) ([A-Z]+).*/\2/' <<<"$line")
	note "systemd-analyze security --offline=true: exposure $num $level"
	case $level in
	OK | SAFE | PERFECT) pass "the unit's exposure level is OK or better ($num $level)" ;;
	*) fail "the unit's exposure level is OK or better" "$line" ;;
	esac
	# 1.1 when written; a later edit that loosens the sandbox shows here.
	ok "the exposure stays at 1.5 or below" \
		awk -v n="$num" 'BEGIN { exit !(n != "" && n <= 1.5) }'

	# verify needs the ExecStart binary: a copy of the unit that runs ours.
	mkdir -p "$T_TMP/unit"
	sed "s|^ExecStart=[^ ]*|ExecStart=$ABS_HOSOD|" "$UNIT" >"$T_TMP/unit/hosod.service"
	out=$(cd "$T_TMP/unit" && systemd-analyze verify --man=no hosod.service 2>&1)
	rc=$?
	is "$rc" 0 "systemd-analyze verify accepts the unit"
	is "$(printf '%s\n' "$out" | grep -c 'hosod\.service')" 0 \
		"and says nothing about it"
	[ -z "$out" ] || note "$out"
else
	skip "the unit's exposure level" "no systemd-analyze"
fi
grep -q '^u hoso ' "$TOP/systemd/hoso.sysusers.conf"
is "$?" 0 "the sysusers.d file makes the user the unit runs as"
is "$(sed -n 's/^User=//p' "$UNIT")" hoso "User=hoso"

# ---- sd_notify and the watchdog ---------------------------------------------

# notify_listen SOCKET LOG: a datagram socket like systemd's; each line of
# each message goes to LOG as "MONOTONIC-SECONDS LINE".
notify_listen() {
	"$PY" - "$1" "$2" <<'EOF' &
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "a", buffering=1) as f:
    while True:
        data = s.recv(65536)
        t = time.monotonic()
        for line in data.decode("utf-8", "replace").split("\n"):
            if line:
                f.write("%.3f %s\n" % (t, line))
EOF
	N_PID=$!
	T_PIDS+=("$N_PID")
	local i
	for i in $(seq 100); do [ -S "$1" ] && return 0; sleep 0.05; done
	return 1
}
now() { "$PY" -c 'import time; print("%.3f" % time.monotonic())'; }
# wait_for REGEX [SECS]: until a line of $NLOG matches.
wait_for() {
	local i
	for i in $(seq $((${2:-10} * 20))); do
		grep -Eq "$1" "$NLOG" && return 0
		sleep 0.05
	done
	return 1
}
# pings FROM TO: the WATCHDOG=1 times in [FROM, TO).
pings() { awk -v a="$1" -v b="$2" '$2 == "WATCHDOG=1" && $1 >= a && $1 < b { print $1 }' "$NLOG"; }
max_gap() { awk 'NR > 1 { g = $1 - p; if (g > m) m = g } { p = $1 } END { printf "%.3f\n", m }'; }

# fdatasync waits while $STALL_FILE exists: a disk that hangs.
cat >"$T_TMP/stall.c" <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <unistd.h>
int fdatasync(int fd)
{
	static int (*real)(int);
	const char *f = getenv("STALL_FILE");
	if (real == NULL)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
	while (f != NULL && access(f, F_OK) == 0)
		usleep(10000);
	return real(fd);
}
EOF
cc -shared -fPIC -o "$T_TMP/stall.so" "$T_TMP/stall.c" -ldl 2>"$T_TMP/cc.err"
have_stall=$?

SOCK=$T_TMP/notify.sock NLOG=$T_TMP/notify.log
: >"$NLOG"
if notify_listen "$SOCK" "$NLOG"; then
	export NOTIFY_SOCKET=$SOCK WATCHDOG_USEC=1000000 STALL_FILE=$T_TMP/stall
	if [ "$have_stall" = 0 ]; then
		export LD_PRELOAD=$T_TMP/stall.so
		export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
	fi
	daemon_start "$T_TMP/n"
	started=$?
	unset LD_PRELOAD NOTIFY_SOCKET WATCHDOG_USEC
	is "$started" 0 "hosod starts with NOTIFY_SOCKET and WATCHDOG_USEC set"
	ok "it sends READY=1" wait_for '^[0-9.]+ READY=1$'
	like "$(grep -m1 ' STATUS=' "$NLOG")" \
		" STATUS=serving on 127\.0\.0\.1:$D_PORT, [0-9]+ people; [0-9]+ connections, [0-9.]+ writes/s$" \
		"with STATUS=serving on ADDR, people, connections, writes/s"
	ready_at=$(awk '$2 == "READY=1" { print $1; exit }' "$NLOG")
	t0=$(now)
	sleep 3
	t1=$(now)
	n=$(pings "$t0" "$t1" | wc -l)
	gap=$(pings "$ready_at" "$t1" | max_gap)
	note "$n watchdog pings in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s, longest gap $gap s (WATCHDOG_USEC 1 s)"
	ok "WATCHDOG=1 about every half second (4 to 8 in 3 s; $n)" test "$n" -ge 4 -a "$n" -le 8
	ok "never more than the watchdog interval apart ($gap s)" \
		awk -v g="$gap" 'BEGIN { exit !(g > 0 && g < 0.95) }'

	kill -HUP "$D_PID"
	ok "SIGHUP: RELOADING=1" wait_for ' RELOADING=1$'
	ok "with MONOTONIC_USEC=" wait_for ' MONOTONIC_USEC=[0-9]+$'
	ready_again() { awk '/ RELOADING=1$/ { r = 1 } / READY=1$/ && r { f = 1 } END { exit !f }' "$NLOG"; }
	for _ in $(seq 100); do ready_again && break; sleep 0.05; done
	ok "then READY=1 again" ready_again

	if [ "$have_stall" = 0 ]; then
		# A disk that hangs: the commit of the next write never ends.
		# The loop still runs (it could go on pinging) but must stop.
		touch "$STALL_FILE"
		t_stall=$(now)
		timeout 20 "$HOSO" --server "127.0.0.1:$D_PORT" calendar set \
			2026-01-02 off --reason "stalled" >/dev/null 2>&1 &
		w_pid=$!
		# The write reaches hosod within a second even on a busy machine;
		# a tick sees the writer busy, the next one sees no commit since.
		sleep 4
		t_end=$(now)
		late=$(pings "$(awk -v t="$t_stall" 'BEGIN { print t + 2 }')" "$t_end" | wc -l)
		is "$late" 0 "a writer stuck in fdatasync: no WATCHDOG=1 from 2 s on"
		like "$(cat "$D_LOG")" 'watchdog: the writer has made no commit' \
			"and hosod says why in its log"
		rm -f "$STALL_FILE"
		t_free=$(now)
		wait "$w_pid"
		is "$?" 0 "the stalled write is answered once the disk is back"
		sleep 1.5
		n=$(pings "$t_free" "$(now)" | wc -l)
		ok "the pings come back once the commit ends ($n)" test "$n" -ge 1
	else
		skip "a writer stuck in fdatasync stops the pings" "cannot build the LD_PRELOAD shim"
	fi

	daemon_stop
	is "$D_STATUS" 0 "SIGTERM: hosod exits 0"
	ok "after sending STOPPING=1" grep -q ' STOPPING=1$' "$NLOG"
	like "$(grep ' STATUS=shutting down' "$NLOG")" 'STATUS=shutting down: [0-9]+ writes in flight' \
		"with STATUS=shutting down"
	kill "$N_PID" 2>/dev/null
	wait "$N_PID" 2>/dev/null
	unset STALL_FILE
else
	fail "a notify socket of our own" "python3 could not bind $SOCK"
fi

# Without NOTIFY_SOCKET nothing is sent and nothing breaks: every other
# test runs hosod that way.  No WATCHDOG_USEC: READY=1 but no pings.
: >"$NLOG"
notify_listen "$T_TMP/notify2.sock" "$NLOG"
NOTIFY_SOCKET=$T_TMP/notify2.sock daemon_start "$T_TMP/n"
wait_for ' READY=1$' 5
sleep 1.2
is "$(grep -c 'WATCHDOG=1' "$NLOG")" 0 "without WATCHDOG_USEC: READY=1 and no pings"
daemon_stop
kill "$N_PID" 2>/dev/null
wait "$N_PID" 2>/dev/null

# ---- journald ---------------------------------------------------------------

# Not the journal (JOURNAL_STREAM names another file): the usual lines.
JOURNAL_STREAM=1:2 "$HOSOD" --data "$T_TMP/j0" --listen nonsense 2>"$T_TMP/j0.err"
like "$(grep 'listen nonsense' "$T_TMP/j0.err")" '^[0-9-]{10}T[0-9:]{8}Z hosod error: listen nonsense: expected ADDR:PORT' \
	"JOURNAL_STREAM of another file: the stderr line format"

JSOCK=/run/systemd/journal/socket
if [ -e "$JSOCK" ]; then
	skip "stderr is the journal but journald is missing: lines stay on stderr" "a journald runs here"
else
	: >"$T_TMP/j1.err"
	JOURNAL_STREAM=$(stat -c '%d:%i' "$T_TMP/j1.err") \
		"$HOSOD" --data "$T_TMP/j1" --listen nonsense 2>>"$T_TMP/j1.err"
	like "$(cat "$T_TMP/j1.err")" 'hosod error: listen nonsense' \
		"stderr is the journal but no journald listens: the line stays on stderr"
fi

# A stand-in journald on journald's socket, only where none runs and we
# may make /run/systemd/journal (and not /run/systemd itself); making the
# directory is the claim, so two runs of this test never share it.
j_cleanup() {
	rm -f "$JSOCK"
	rmdir /run/systemd/journal 2>/dev/null
}
if [ -d /run/systemd ] && [ ! -e "$JSOCK" ] && mkdir /run/systemd/journal 2>/dev/null; then
	trap 'j_cleanup; t_cleanup' EXIT
	JLOG=$T_TMP/journal.jsonl
	"$PY" - "$JSOCK" "$JLOG" <<'EOF' &
import array, json, os, socket, struct, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
s.bind(sys.argv[1])
out = open(sys.argv[2], "a", buffering=1)
while True:
    data, anc, _, _ = s.recvmsg(1 << 20, socket.CMSG_SPACE(16))
    for level, kind, fds in anc:   # big records come in a memfd
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fd = array.array("i", fds[:4])[0]
            data = os.pread(fd, 1 << 20, 0)
            os.close(fd)
    rec, i = {}, 0
    while i < len(data):
        nl = data.index(b"\n", i)
        line = data[i:nl]
        if b"=" in line:
            k, v = line.split(b"=", 1)
            i = nl + 1
        else:
            k = line
            n = struct.unpack("<Q", data[nl + 1:nl + 9])[0]
            v = data[nl + 9:nl + 9 + n]
            i = nl + 9 + n + 1
        rec[k.decode()] = v.decode("utf-8", "replace")
    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
EOF
	J_PID=$!
	T_PIDS+=("$J_PID")
	for _ in $(seq 100); do [ -S "$JSOCK" ] && break; sleep 0.05; done
	mkdir -p "$T_TMP/j2"
	: >"$T_TMP/j2/hosod.log"
	# daemon_start sends hosod's stderr to $D_DIR/hosod.log: make that
	# file the "journal stream".
	JOURNAL_STREAM=$(stat -c '%d:%i' "$T_TMP/j2/hosod.log") \
		daemon_start "$T_TMP/j2" --log-level debug
	cli --json org list
	rc_is 0 "a request while logging to the journal"
	daemon_stop
	sleep 0.3
	kill "$J_PID" 2>/dev/null
	wait "$J_PID" 2>/dev/null
	jq() {
		"$PY" - "$JLOG" "$1" <<'EOF'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
print(eval(sys.argv[2]))
EOF
	}
	is "$(jq 'any(r.get("SYSLOG_IDENTIFIER") == "hosod" and r.get("PRIORITY") == "6" and r.get("MESSAGE", "").startswith("listening on 127.0.0.1:") for r in recs)')" True \
		"journal: 'listening on' with PRIORITY=6 and SYSLOG_IDENTIFIER=hosod"
	is "$(jq 'any(r.get("PRIORITY") == "4" and "TLS certificate" in r.get("MESSAGE", "") for r in recs)')" True \
		"journal: a warning has PRIORITY=4"
	r=$(jq '[ (r["HOSO_REQUEST"], r.get("HOSO_USER"), r.get("HOSO_PEER", "").split(":")[0], r.get("HOSO_CONN", "").isdigit(), r["PRIORITY"]) for r in recs if r.get("HOSO_REQUEST") == "org.list" ][:1]')
	is "$r" "[('org.list', 'admin', '127.0.0.1', True, '7')]" \
		"journal: a request's record has HOSO_REQUEST, HOSO_USER, HOSO_PEER, HOSO_CONN"
	is "$(jq 'sum(1 for r in recs if "HOSO_REQUEST" in r and not r["MESSAGE"].startswith("request ") and r["HOSO_REQUEST"] != "login")')" 0 \
		"journal: lines outside a request have no request fields"
	is "$(grep -c 'hosod info' "$T_TMP/j2/hosod.log")" 0 \
		"nothing went to stderr as well"
	j_cleanup
	trap t_cleanup EXIT
else
	skip "journal fields through a stand-in journald" \
		"journald's socket exists or /run/systemd/journal cannot be made"
fi

# ---- system calls and memory under the unit's filters ----------------------

# Every system call hosod (and its notify_command) makes while starting,
# serving reads, writes, logins, an alert, SIGHUP and SIGTERM must be in
# @system-service minus @privileged and @resources; no mapping may become
# writable and executable.  Sanitizer builds make calls of their own.
if [ "${SANITIZE:-}" = 1 ]; then
	skip "system calls within SystemCallFilter=" "sanitizer build"
elif ! have strace || ! have systemd-analyze; then
	skip "system calls within SystemCallFilter=" "no strace or systemd-analyze"
else
	cat >"$T_TMP/notify.sh" <<EOF
#!/bin/sh
echo "\$HOSO_ALERT_ID \$HOSO_ALERT_KIND" >>"$T_TMP/alerts.txt"
EOF
	chmod +x "$T_TMP/notify.sh"
	cat >"$T_TMP/hosod-strace" <<EOF
#!/bin/sh
exec strace -f -qq -o "$T_TMP/trace" "$ABS_HOSOD" "\$@"
EOF
	chmod +x "$T_TMP/hosod-strace"
	HOSOD_REAL=$HOSOD HOSOD=$T_TMP/hosod-strace D_ADMIN=no
	daemon_start "$T_TMP/s" --demo --notify-command "$T_TMP/notify.sh"
	pw=$(awk '$1 == "admin" { print $2 }' "$T_TMP/s/demo-accounts.txt")
	HOSO_TOKEN=$(printf '%s\n' "$pw" | "$HOSO" --server "127.0.0.1:$D_PORT" \
		login --user admin --print-token 2>/dev/null)
	export HOSO_TOKEN
	cli person list --limit 5
	rc_is 0 "under strace: a read"
	cli person add --name "Lò Thị Sen" --born 1996-03-04 --gender female \
		--id-number 011196001234 --cell 5 --residence 2 --introduced-by youth-union
	rc_is 0 "under strace: a write"
	printf 'wrong\n' | "$HOSO" --server "127.0.0.1:$D_PORT" login --user admin >/dev/null 2>&1
	for _ in $(seq 100); do [ -s "$T_TMP/alerts.txt" ] && break; sleep 0.1; done
	ok "under strace: notify_command ran for an alert" test -s "$T_TMP/alerts.txt"
	# Signals go to hosod itself: strace would end on them.
	h_pid=$(ps -o pid= --ppid "$D_PID" | tr -d ' ')
	kill -HUP "$h_pid"
	sleep 0.3
	kill -TERM "$h_pid"
	wait "$D_PID"
	is "$?" 0 "under strace: SIGTERM, exit 0"
	D_PID=
	HOSOD=$HOSOD_REAL D_ADMIN=yes
	unset HOSO_TOKEN
	systemd-analyze syscall-filter >"$T_TMP/groups" 2>/dev/null
	bad=$("$PY" - "$T_TMP/groups" "$T_TMP/trace" <<'EOF'
import re, sys
# The output is: a group name at the left margin, then its members indented.
groups, cur = {}, None
for raw in open(sys.argv[1]):
    if not raw.strip() or raw.lstrip().startswith("#"):
        continue
    if not raw.startswith(" "):
        cur = raw.strip()
        groups[cur] = []
    elif cur is not None:
        groups[cur].append(raw.strip())
def expand(g, seen=()):
    out = set()
    for m in groups.get(g, []):
        out |= expand(m, seen + (g,)) if m.startswith("@") and m not in seen else {m}
    return out
allowed = expand("@system-service") - expand("@privileged") - expand("@resources")
used, wx = set(), []
for line in open(sys.argv[2]):
    m = re.match(r"^\d+\s+(?:<\.\.\. )?([a-z0-9_]+)[( ]", line)
    if m:
        used.add(m.group(1))
    if re.search(r"\b(mprotect|pkey_mprotect)\(.*PROT_EXEC", line) or \
       re.search(r"\bmmap\(.*PROT_WRITE\|PROT_EXEC|\bmmap\(.*PROT_EXEC\|PROT_WRITE", line):
        wx.append(line.strip())
print(" ".join(sorted(used - allowed - {"exit", "exit_group", "restart_syscall"})))
print("%d used" % len(used))
print(" ".join(sorted(used & {"execve", "fdatasync", "accept4", "clone", "clone3", "vfork"})))
for l in wx[:5]:
    print("W^X: " + l)
EOF
)
	note "$(printf '%s\n' "$bad" | sed -n 2p) distinct system calls"
	is "$(printf '%s\n' "$bad" | sed -n 1p)" "" \
		"every system call is allowed by SystemCallFilter=@system-service ~@privileged @resources"
	like "$(printf '%s\n' "$bad" | sed -n 3p)" 'accept4.*execve.*fdatasync' \
		"the trace covers accepting, committing and running notify_command"
	is "$(printf '%s\n' "$bad" | grep -c '^W^X')" 0 \
		"no writable+executable memory (MemoryDenyWriteExecute=)"
fi
done_testing
