#!/usr/bin/env bash
# test_auth_cli.sh: accounts, sessions and the audit log through the hoso
# command against a real hosod (protocol 1.4): login (password on stdin),
# the token file and its permissions, HOSO_TOKEN, whoami, what needs a
# login and what does not, logout (also of a session that has ended), user
# add / list / disable / enable / passwd, role checks, failed logins
# slowed down, audit list with its filters and paging, audit verify on an
# intact log and on one edited behind the daemon's back.
. "$(dirname "$0")/lib.sh"

export XDG_RUNTIME_DIR=$T_TMP/run HOSO_KNOWN_SERVERS=$T_TMP/known
# This test makes its accounts and logs in itself (lib.sh would log in as
# its admin and export HOSO_TOKEN).
D_ADMIN=no
unset HOSO_TOKEN HOSO_CA
D=$T_TMP/d
PW=admin-test-password
NOT_LOGGED_IN="hoso: Not logged in, or the session has ended: run 'hoso login --user NAME'"

if ! "$HOSOD" --help 2>&1 | grep -q -- --init-admin; then
	skip "accounts" "this hosod has no --init-admin"
	done_testing
fi
printf '%s\n%s\n' "$PW" "$PW" | "$HOSOD" --data "$D" --init-admin admin \
	>"$T_TMP/init.log" 2>&1
ok "hosod --init-admin admin" test $? -eq 0
if ! daemon_start "$D"; then
	fail "hosod starts"
	done_testing
fi

# feed TEXT ARGS...: hoso --server ... ARGS with TEXT (lines) on stdin.
feed() {
	local text=$1; shift
	printf '%s\n' "$text" | "$HOSO" --server "127.0.0.1:$D_PORT" "$@" \
		>"$T_TMP/out" 2>"$T_TMP/err"
	RC=$?; OUT=$(cat "$T_TMP/out"); ERR=$(cat "$T_TMP/err")
}
TOKFILE=$XDG_RUNTIME_DIR/hoso/token-127.0.0.1_$D_PORT

# ---- before logging in ------------------------------------------------------------

cli org list
rc_is 1 "org list before login: exit 1"
is "$ERR" "$NOT_LOGGED_IN" "it says to log in"
cli whoami
rc_is 1 "whoami before login: exit 1"
is "$ERR" "$NOT_LOGGED_IN" "whoami says to log in"
cli ping
rc_is 0 "ping needs no login"
cli server info
rc_is 0 "server info needs no login"
cli logout
rc_is 0 "logout without a session is fine"
like "$OUT" "not logged in" "and says so"

# ---- login ---------------------------------------------------------------------

feed "wrong-password-x" login --user admin
rc_is 1 "a wrong password: exit 1"
like "$ERR" "wrong user name or password" "the server's message is shown"
ok "no token kept after a failed login" test ! -e "$TOKFILE"

feed "$PW" login --user admin
rc_is 0 "login with the password on stdin"
like "$OUT" "Logged in as Administrator \(admin\): admin \(district admin\), unit 0" \
	"login says who is logged in: name, role word, unit"
like "$OUT" "The session ends after [0-9]+ (minutes|seconds) without use" \
	"and when the session ends if idle"
ok "the token file exists" test -f "$TOKFILE"
is "$(stat -c %a "$TOKFILE")" 600 "the token file is 0600"
is "$(stat -c %a "$XDG_RUNTIME_DIR/hoso")" 700 "its directory is 0700"
like "$(cat "$TOKFILE")" '^[0-9a-f]{64}$' "it holds the 64 hex digits of the token"

cli whoami
rc_is 0 "whoami after login"
like "$OUT" "Login: +admin" "whoami names the login"
like "$OUT" "Role: +admin \(district admin\)" "and the role"
cli --json whoami
is "$(jget '[d["user"]["login"], d["user"]["role"], d["user"]["enabled"]]')" \
	'["admin", "admin", true]' "whoami --json"
cli --json server info
is "$(jget 'd["user"]')" admin "server info says who is logged in"

cli --json org add --kind district --name "Quận ủy Thử"
rc_is 0 "with the token a command works"
DIST=$(jget 'd["id"]')
cli --json org add --kind ward --name "Đảng ủy phường Một" --parent "$DIST"
WARD=$(jget 'd["id"]')
cli --json org add --kind cell --name "Chi bộ khu phố 1" --parent "$WARD"
CELL=$(jget 'd["id"]')
like "$WARD$CELL" '^[0-9]+$' "a ward and a cell to give accounts"

feed "$PW" login --user admin --print-token
rc_is 0 "login --print-token"
like "$OUT" '^[0-9a-f]{64}$' "--print-token prints the token alone"
is "$(cat "$TOKFILE")" "$OUT" "and keeps it in the token file too"
TOKEN=$OUT

# ---- HOSO_TOKEN ---------------------------------------------------------------

mv "$TOKFILE" "$T_TMP/token.saved"
HOSO_TOKEN=$TOKEN cli whoami
rc_is 0 "HOSO_TOKEN is sent without a token file"
HOSO_TOKEN=0000000000000000000000000000000000000000000000000000000000000000 cli whoami
rc_is 1 "an unknown token: exit 1"
is "$ERR" "$NOT_LOGGED_IN" "an unknown token: log in again"
HOSO_TOKEN=0000000000000000000000000000000000000000000000000000000000000000 cli ping
rc_is 0 "ping works even with a stale token"
mv "$T_TMP/token.saved" "$TOKFILE"

# ---- accounts -------------------------------------------------------------------

feed "officer-password-1" --json user add nva --name "Nguyễn Văn An" \
	--role ward-officer --org "$WARD"
rc_is 0 "user add a ward officer (password on stdin)"
is "$(jget '[d["login"], d["display_name"], d["role"], d["org_id"], d["enabled"]]')" \
	"[\"nva\", \"Nguyễn Văn An\", \"ward-officer\", $WARD, true]" "user add --json"
ok "no password hash in the JSON" test "$(jget '"password_hash" in d')" = false
feed "secretary-pass-1" user add ttb --name "Trần Thị Bích" --role cell-secretary \
	--org "$CELL"
rc_is 0 "user add a cell secretary"
like "$OUT" "The account ttb is added" "user add says so"
like "$OUT" "Role: +cell-secretary \(cell secretary\)" "and shows the role"
feed "short" user add x1 --name "X" --role inspector
rc_is 1 "a short password: refused by the server"
like "$ERR" "10" "the message says how long a password must be"
feed "long-enough-pw" user add x2 --name "X" --role chairman
rc_is 2 "an unknown role word: usage error"
like "$ERR" "admin, ward-officer, cell-secretary, police, inspector" \
	"the role words are listed"
cli user add x3 --name X --role inspector --password secret-on-cli
rc_is 2 "no --password option: passwords never go on the command line"

cli user list
rc_is 0 "user list"
like "$OUT" "nva +Nguyễn Văn An +ward-officer \(ward officer\) +$WARD +yes" \
	"user list shows the officer"
cli --json user list
is "$(jget '[u["login"] for u in d["items"]]')" '["admin", "nva", "ttb"]' \
	"user list --json"
is "$(jget 'd["next"]')" null "one page"
cli user list --limit 1
like "$OUT" "There are more: repeat the command with --cursor" "user list pages"

# The officer, in a session of their own (another runtime directory).
XDG_RUNTIME_DIR=$T_TMP/run2 feed "officer-password-1" login --user nva --print-token
rc_is 0 "the officer logs in"
NVA=$OUT
HOSO_TOKEN=$NVA cli whoami
like "$OUT" "Name: +Nguyễn Văn An" "whoami as the officer"
HOSO_TOKEN=$NVA cli user list
rc_is 1 "the officer may not list accounts"
like "$ERR" "permission denied" "the server's refusal is shown"
HOSO_TOKEN=$NVA cli audit list
rc_is 1 "the officer may not read the audit log"

HOSO_TOKEN=$NVA feed "wrong-old-pass-1
officer-password-2" user passwd
rc_is 1 "own password with a wrong old one: refused"
like "$ERR" "old password is wrong" "it says the old password is wrong"
HOSO_TOKEN=$NVA feed "officer-password-1
officer-password-2" user passwd
rc_is 0 "own password: old, then new, on stdin"
like "$OUT" "The password of nva is changed" "passwd says so"
feed "officer-password-3" user passwd nva
rc_is 0 "the admin sets the officer's password (one line)"

cli user disable nva
rc_is 0 "user disable"
like "$OUT" "The account nva is disabled" "disable says so"
XDG_RUNTIME_DIR=$T_TMP/run2 feed "officer-password-3" login --user nva
rc_is 1 "a disabled account cannot log in"
cli user enable nva
rc_is 0 "user enable"
XDG_RUNTIME_DIR=$T_TMP/run2 feed "officer-password-3" login --user nva
rc_is 0 "enabled again, with the new password"
XDG_RUNTIME_DIR=$T_TMP/run2 cli --json whoami
is "$(jget 'd["user"]["login"]')" nva "the officer's token file is their own"
ok "the admin's token file is untouched" test "$(cat "$TOKFILE")" = "$TOKEN"

# ---- the audit log ---------------------------------------------------------------

cli audit list
rc_is 0 "audit list"
like "$OUT" "user\.add +user [0-9]+ +OK" "user.add entries are listed"
like "$OUT" "login +user 1 +UNAUTHENTICATED" "the failed login is listed"
like "$OUT" "[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2} +admin +admin +127\.0\.0\.1:" \
	"time dd/mm/yyyy HH:MM, user, role, peer"
cli --json audit list --user nva
rc_is 0 "audit list --user"
is "$(jget 'sorted(set(e["user"] for e in d["items"]))')" '["nva"]' \
	"--user gives only that account's entries"
cli --json audit list --limit 3
is "$(jget 'len(d["items"])')" 3 "--limit 3 gives 3 entries"
is "$(jget '[e["seq"] for e in d["items"]]')" "[1, 2, 3]" "oldest first"
NEXT=$(jget 'd["next"]')
like "$(jget 'd["last_seq"]')" '^[0-9]+$' "last_seq is given"
cli --json audit list --limit 2 --cursor "$NEXT"
is "$(jget '[e["seq"] for e in d["items"]]')" "[4, 5]" "--cursor goes on"
cli audit list --limit 2
like "$OUT" "There are more: repeat the command with --cursor" \
	"audit list --limit says there are more"
cli --json audit list
ALL=$(jget 'len(d["items"])')
is "$(jget 'd["next"]')" null "without --limit every entry comes, page after page"
cli --json audit list --from 2020-01-01 --to 2020-12-31
is "$(jget 'len(d["items"])')" 0 "--from/--to: nothing in 2020"
cli audit list --from 2020-13-45
rc_is 1 "an impossible date is refused"
cli audit list --from yesterday
rc_is 2 "a date in another shape is a usage error"
cli --json audit list --kind user --record 2
is "$(jget 'sorted(set((e["record_kind"], e["record_id"]) for e in d["items"]))')" \
	'[["user", 2]]' "--kind user --record 2"

cli audit verify
rc_is 0 "audit verify on an intact log: exit 0"
like "$OUT" "^Audit log intact: [0-9]+ entries, newest #[0-9]+, hash [0-9a-f]{16}…$" \
	"audit verify: intact, entries, newest, hash"
cli --json audit verify
is "$(jget 'd["intact"]')" true "audit verify --json"

# ---- logout, and sessions that end --------------------------------------------------

cli logout
rc_is 0 "logout"
is "$OUT" "Logged out." "logout says so"
ok "logout removes the token file" test ! -e "$TOKFILE"
cli whoami
rc_is 1 "after logout: not logged in"
HOSO_TOKEN=$TOKEN cli whoami
rc_is 1 "the token of the ended session is refused"
cli logout
rc_is 0 "logout again"

feed "$PW" login --user admin
rc_is 0 "log in again"
daemon_stop
if ! D_LISTEN=no daemon_start "$D" --listen "127.0.0.1:$D_PORT"; then
	fail "hosod restarts"
	done_testing
fi
cli org list
rc_is 1 "sessions do not survive a restart: exit 1"
is "$ERR" "$NOT_LOGGED_IN" "and the message says to log in"
cli logout
rc_is 0 "logout of a session that had ended"
like "$OUT" "already ended" "says it had already ended"
ok "and removes the token file" test ! -e "$TOKFILE"

# ---- failed logins slow down ----------------------------------------------------------

for i in 1 2 3; do feed "bad-password-$i" login --user ttb; done
rc_is 1 "three wrong passwords"
feed "secretary-pass-1" login --user ttb
rc_is 1 "the next attempt is refused even with the right password"
like "$ERR" "[0-9]+ ?s|second" "the message says how long to wait"
sleep 2
feed "secretary-pass-1" login --user ttb
rc_is 0 "after the wait the right password works"

# ---- audit verify on a log edited behind the daemon's back ---------------------------

feed "$PW" login --user admin
cli --json audit list --user nva
K=$(jget '[e["seq"] for e in d["items"] if e["request"] == "login"][0]')
like "$K" '^[0-9]+$' "an entry to edit: the officer's login (#$K)"
daemon_stop
# audit_edit SEQ FIELD VALUE: rewrite one stored entry with mdb_dump/load.
audit_edit() {
	mdb_dump -s audit "$D" >"$T_TMP/audit.dump" || return 1
	"$PY" - "$T_TMP/audit.dump" "$1" "$2" "$3" >"$T_TMP/audit.load" <<'EOF' || return 1
import sys, hoso_pb2 as pb
path, seq, field, value = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
lines = open(path).read().splitlines()
head = lines[:lines.index("HEADER=END") + 1]
body = lines[len(head):]
for i in range(0, len(body) - 1, 2):
    e = pb.AuditEntry()
    try:
        e.ParseFromString(bytes.fromhex(body[i + 1].strip()))
    except Exception:
        continue
    if e.seq == seq:
        setattr(e, field, int(value) if field == "seq" else value)
        print("\n".join(head + [body[i], " " + e.SerializeToString().hex(), "DATA=END"]))
        sys.exit(0)
sys.exit(1)
EOF
	mdb_load -s audit "$D" <"$T_TMP/audit.load" 2>>"$T_TMP/mdb.log"
}
if command -v mdb_dump >/dev/null && command -v mdb_load >/dev/null; then
	ok "edit entry #$K: another user" audit_edit "$K" user ke.mao.danh
	D_LISTEN=no daemon_start "$D" --listen "127.0.0.1:$D_PORT"
	feed "$PW" login --user admin
	cli audit verify
	rc_is 1 "audit verify on an edited log: exit 1"
	is "$OUT" "Audit log broken at entry #$K: entry #$K was changed after it was written: its hash does not match its contents" \
		"it names the edited entry"
	cli --json audit verify
	is "$(jget '[d["intact"], d["broken_at"], d["reason"], d["entries"]]')" \
		"[false, $K, \"bad-hash\", $((K - 1))]" "audit verify --json on an edited log"
	daemon_stop
	ok "restore it, and renumber #$K as #$((K + 1))" \
		audit_edit "$K" user nva
	ok "renumber entry #$K as #$((K + 1))" audit_edit "$K" seq $((K + 1))
	D_LISTEN=no daemon_start "$D" --listen "127.0.0.1:$D_PORT"
	feed "$PW" login --user admin
	cli audit verify
	rc_is 1 "audit verify with a gap: exit 1"
	is "$OUT" "Audit log broken at entry #$((K + 1)): entry #$K is missing" \
		"it names the missing entry"
else
	skip "audit verify on an edited log" "no mdb_dump/mdb_load"
fi

daemon_stop
done_testing
