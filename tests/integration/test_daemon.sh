#!/usr/bin/env bash
# hosod's own start-up: its flags, a data dir that does not exist yet (as
# on the README's first run), and settings it must refuse.
. "$(dirname "$0")/lib.sh"

"$HOSOD" --help >/dev/null 2>&1
is "$?" 0 "hosod --help exits 0"
out=$("$HOSOD" --version 2>&1)
like "$out" '^hosod [0-9]+\.[0-9]+\.[0-9]+ \(protocol 1\.[0-9]+\)$' "hosod --version names the release and protocol"
err=$("$HOSOD" --no-such-flag 2>&1)
is "$?" 2 "an unknown flag exits 2"
like "$err" "unknown option '--no-such-flag'" "and names the flag"
err=$("$HOSOD" --data "$T_TMP/x" --max-frame 10 2>&1)
is "$?" 2 "--max-frame 10 is refused"
like "$err" "max_frame must be between" "with the allowed range"
err=$("$HOSOD" --data "$T_TMP/x" --listen nonsense 2>&1)
is "$?" 1 "a listen address without a port is refused"
like "$err" "expected ADDR:PORT" "and the message says what is expected"

# A nested data dir that does not exist yet is created (make demo's ./var/hoso).
nested=$T_TMP/new/nested/dir
"$HOSOD" --data "$nested" --listen 127.0.0.1:0 --port-file "$T_TMP/nport" \
	--demo 2>"$T_TMP/nlog" &
pid=$!
for _ in $(seq 100); do [ -s "$T_TMP/nport" ] && break; sleep 0.1; done
ok "a nested, not yet existing data dir is created" test -f "$nested/data.mdb"
is "$(stat -c %a "$nested")" 700 "the data dir is private (0700)"
is "$(stat -c %a "$nested/data.mdb")" 600 "the database file is private (0600)"
is "$(stat -c %a "$nested/demo-accounts.txt")" 600 \
	"the demo accounts file is private (0600)"
is "$(grep -c '^[a-z-]* [a-z0-9]\{12\} [1-5] ' "$nested/demo-accounts.txt")" 5 \
	"a demo account for each of the 5 roles"
like "$(cat "$T_TMP/nlog")" 'hoso login --user ward-officer +password: [a-z0-9]{12}' \
	"the demo accounts are printed at start"
pw=$(awk '$1 == "admin" { print $2 }' "$nested/demo-accounts.txt")
tok=$(printf '%s\n' "$pw" | "$HOSO" --server "127.0.0.1:$(cat "$T_TMP/nport")" \
	login --user admin --print-token 2>&1)
like "$tok" '^[0-9a-f]{64}$' "the demo admin logs in with the printed password"
HOSO_TOKEN=$tok run --server "127.0.0.1:$(cat "$T_TMP/nport")" --json org list
is "$(jget 'len(d["items"])')" 13 "demo data is there: 13 units"
kill "$pid"; wait "$pid"
is "$?" 0 "hosod exits 0 on SIGTERM"

# The source-tree default: without --data, a binary in build/ uses ./var/hoso.
mkdir -p "$T_TMP/cwd" && cd "$T_TMP/cwd" || exit 1
"$HOSOD" --listen 127.0.0.1:0 --port-file "$T_TMP/cwd/port" 2>"$T_TMP/cwd/log" &
pid=$!
for _ in $(seq 50); do [ -s "$T_TMP/cwd/port" ] && break; sleep 0.1; done
kill "$pid"; wait "$pid"
ok "run from the source tree, the default data dir is ./var/hoso" test -f "$T_TMP/cwd/var/hoso/data.mdb"
done_testing
