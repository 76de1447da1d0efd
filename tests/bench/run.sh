#!/usr/bin/env bash
# make bench: start a private hosod on a data dir on disk (not tmpfs, so
# commits really sync), drive it with loadgen, print the figures.
# The full comparison against Redis and the echo floor comes with issue 6.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
B=${B:-build}
case $B in /*) ;; *) B=$top/$B ;; esac
secs=${BENCH_SECONDS:-3}
data=$(mktemp -d "$top/var/bench.XXXXXX" 2>/dev/null || { mkdir -p "$top/var"; mktemp -d "$top/var/bench.XXXXXX"; })
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$data"' EXIT
run_daemon() {
	"$B/hosod" --data "$data/db$1" --listen 127.0.0.1:0 --port-file "$data/port$1" \
		--demo --log-level warn "${@:2}" 2>"$data/log$1" &
	pid=$!
	for _ in $(seq 50); do [ -s "$data/port$1" ] && break; sleep 0.1; done
	port=$(cat "$data/port$1")
	# Log in as the demo admin: every request but Hello needs a session.
	HOSO_TOKEN=$(awk '$1 == "admin" { print $2 }' "$data/db$1/demo-accounts.txt" |
		HOSO_KNOWN_SERVERS=$data/known XDG_RUNTIME_DIR=$data \
		"$B/hoso" --server "127.0.0.1:$port" login --user admin --print-token)
	export HOSO_TOKEN
}
echo "== group commit (default): writes acknowledged after the LMDB commit is on disk"
run_daemon 1
"$B/bench/loadgen" 127.0.0.1 "$port" 1 "$secs" read
"$B/bench/loadgen" 127.0.0.1 "$port" 50 "$secs" read
"$B/bench/loadgen" 127.0.0.1 "$port" 1 "$secs" write
"$B/bench/loadgen" 127.0.0.1 "$port" 50 "$secs" write
"$B/bench/loadgen" 127.0.0.1 "$port" 50 "$secs" mixed 25
kill "$pid"; wait "$pid" || true
echo "== one commit per write (batch_max 1), for comparison"
run_daemon 2 --batch-max 1
"$B/bench/loadgen" 127.0.0.1 "$port" 50 "$secs" write
"$B/bench/loadgen" 127.0.0.1 "$port" 50 "$secs" mixed 25
