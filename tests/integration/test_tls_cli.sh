#!/usr/bin/env bash
# test_tls_cli.sh: the hoso command over TLS against a real hosod.  The
# first --tls contact records the server's certificate in known_servers
# (the fingerprint hosod wrote to DATA/tls/fingerprint) and says so on
# stderr; the next ones are silent; --ca checks the chain and the name
# instead; after the daemon makes a new certificate, the command is refused
# loudly (exit 3, both fingerprints, the file and line) and nothing is sent.
# HOSO_KNOWN_SERVERS and XDG_RUNTIME_DIR point into the test's directory,
# so the user's own files are never touched.
. "$(dirname "$0")/lib.sh"

export HOSO_KNOWN_SERVERS=$T_TMP/known XDG_RUNTIME_DIR=$T_TMP/run
# This test makes its accounts and logs in itself (lib.sh would log in as
# its admin and export HOSO_TOKEN).
D_ADMIN=no
unset HOSO_TOKEN HOSO_CA
KNOWN=$HOSO_KNOWN_SERVERS
D=$T_TMP/d
PW=tls-test-password

# An admin to log in as, when this hosod has accounts.
if "$HOSOD" --help 2>&1 | grep -q -- --init-admin; then
	printf '%s\n%s\n' "$PW" "$PW" | "$HOSOD" --data "$D" --init-admin admin \
		>>"$T_TMP/init.log" 2>&1
	ok "hosod --init-admin admin" test $? -eq 0
	ACCOUNTS=yes
else
	mkdir -p "$D"
	ACCOUNTS=no
fi

if ! daemon_start "$D"; then
	fail "hosod starts"
	done_testing
fi
PORT=$D_PORT
FP=$(tr -d ' \n' <"$D/tls/fingerprint" 2>/dev/null)
like "$FP" '^([0-9A-F]{2}:){31}[0-9A-F]{2}$' \
	"hosod wrote its certificate's fingerprint to DATA/tls/fingerprint"

# ---- first contact, then silence ------------------------------------------

cli --tls server info
rc_is 0 "first --tls contact: server info works"
like "$ERR" "First connection to 127\.0\.0\.1:$PORT; its certificate" \
	"the first contact is told on stderr"
like "$(printf '%s' "$ERR" | tr -d '\n ')" "SHA256:$FP" \
	"the notice shows the fingerprint"
like "$ERR" "recorded in" "the notice says where it is recorded"
like "$(printf '%s' "$ERR" | tr -s '\n ' '  ')" \
	"Check it with the server's administrator" "the notice says to check it"
is "$(cat "$KNOWN" 2>/dev/null)" "127.0.0.1:$PORT SHA256:$FP" \
	"known_servers holds HOST:PORT and the daemon's fingerprint"
is "$(stat -c %a "$KNOWN" 2>/dev/null)" 600 "known_servers is 0600"

cli --tls server info
rc_is 0 "second --tls contact works"
is "$ERR" "" "second contact: nothing on stderr"
is "$(wc -l <"$KNOWN")" 1 "nothing more recorded"

cli --tls --json ping
rc_is 0 "--tls ping"
is "$(jget 'd["ok"]')" true "ping over TLS answers"
cli --tls --json server info
is "$(jget '[d["tls"], d["verified"], d["fingerprint"]]')" \
	"[true, false, \"$FP\"]" "server info: TLS, pinned, with the fingerprint"
cli --json server info
is "$(jget 'd["tls"]')" false "without --tls, loopback is plain TCP"

cli --tls --insecure ping
rc_is 2 "--tls with --insecure is a usage error"

cli --insecure ping
rc_is 0 "--insecure on loopback: plain TCP works"
is "$ERR" "" "--insecure to this machine: no warning"

# ---- --ca: chain and name checked, nothing pinned ------------------------------

rm -f "$KNOWN"
cli --ca "$D/tls/cert.pem" --json server info
rc_is 0 "--ca with the server's own certificate"
is "$(jget '[d["tls"], d["verified"]]')" "[true, true]" \
	"--ca asks for TLS even on loopback, and the certificate is verified"
ok "--ca does not pin" test ! -e "$KNOWN"
run --server "localhost:$PORT" --ca "$D/tls/cert.pem" ping
rc_is 0 "--ca: the name localhost is in the certificate too"
HOSO_CA="$D/tls/cert.pem" cli --tls --json server info
rc_is 0 "HOSO_CA with --tls"
is "$(jget 'd["verified"]')" true "HOSO_CA works like --ca"
ok "HOSO_CA does not pin either" test ! -e "$KNOWN"
printf 'not a certificate\n' >"$T_TMP/bad-ca.pem"
cli --ca "$T_TMP/bad-ca.pem" ping
rc_is 3 "--ca with a file that holds no certificate: exit 3"
like "$ERR" "bad-ca\.pem" "the message names the CA file"
cli --tls server info
rc_is 0 "pinned again"

# ---- a login over TLS ---------------------------------------------------------

if [ "$ACCOUNTS" = yes ]; then
	"$HOSO" --server "127.0.0.1:$PORT" --tls login --user admin \
		<<<"$PW" >"$T_TMP/out" 2>"$T_TMP/err"
	RC=$?; OUT=$(cat "$T_TMP/out"); ERR=$(cat "$T_TMP/err")
	rc_is 0 "login over TLS"
	cli --tls whoami
	rc_is 0 "whoami over TLS sends the token"
	like "$OUT" "admin" "whoami names the admin"
else
	skip "login over TLS" "this hosod has no accounts"
fi

# ---- a new certificate: refused, nothing sent ------------------------------------

daemon_stop
rm -f "$D"/tls/*
if ! D_LISTEN=no daemon_start "$D" --listen "127.0.0.1:$PORT"; then
	fail "hosod restarts on the same port"
	done_testing
fi
FP2=$(tr -d ' \n' <"$D/tls/fingerprint" 2>/dev/null)
like "$FP2" '^([0-9A-F]{2}:){31}[0-9A-F]{2}$' "a new certificate was made"
ok "it is another certificate" test "$FP2" != "$FP"

if [ "$ACCOUNTS" = yes ]; then
	# Sessions live in the daemon's memory: log in again, in plain TCP
	# (loopback), so that a request sent over TLS would be carried out.
	"$HOSO" --server "127.0.0.1:$PORT" --insecure login --user admin \
		<<<"$PW" >/dev/null 2>"$T_TMP/err"
	ok "log in again after the restart" test $? -eq 0
fi
cli --tls org add --kind district --name "Không được gửi"
rc_is 3 "a changed certificate: exit 3 (the server cannot be trusted)"
FLAT=$(printf '%s' "$ERR" | tr -d '\n ')
like "$ERR" "CHANGED" "the refusal is loud"
like "$FLAT" "SHA256:$FP" "it names the recorded fingerprint"
like "$FLAT" "SHA256:$FP2" "it names the new fingerprint"
like "$FLAT" "$(printf '%s' "$KNOWN" | tr -d ' '),line1" \
	"it names the file and the line"
like "$ERR" "administrator" "it says whom to ask"
like "$FLAT" "removeline1from" "it says how to accept an expected change"
is "$(cat "$KNOWN")" "127.0.0.1:$PORT SHA256:$FP" \
	"known_servers is unchanged"
if [ "$ACCOUNTS" = yes ]; then
	cli --insecure --json org list
	rc_is 0 "org list over plain TCP"
	is "$(jget 'len(d["items"])')" 0 "the refused org add was never sent"
fi

sed -i 1d "$KNOWN"
cli --tls server info
rc_is 0 "after removing the line, the new certificate is accepted"
is "$(cat "$KNOWN")" "127.0.0.1:$PORT SHA256:$FP2" "and recorded"

daemon_stop
done_testing
