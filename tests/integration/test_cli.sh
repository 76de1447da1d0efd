#!/usr/bin/env bash
# The hoso CLI against a real hosod: the contract commands, JSON shapes, exit
# codes (0 ok, 1 refused by the server, 2 usage, 3 unreachable), and the
# daemon's flags, signals, config file, demo data and translations.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

if [ ! -x "$HOSOD" ] || [ ! -x "$HOSO" ]; then
	fail "hosod and hoso are built" "missing $HOSOD or $HOSO (run make)"
	done_testing
fi

# ---- --help at every level ---------------------------------------------------

for lvl in "" org "org add" "org list" "org show" "org edit" \
	person "person add" "person show" "person find" "person list" "person edit"; do
	# shellcheck disable=SC2086
	run $lvl --help
	if [ "$RC" = 0 ] && [ -n "$OUT" ]; then pass "hoso ${lvl:+$lvl }--help exits 0 with text on stdout"
	else fail "hoso ${lvl:+$lvl }--help exits 0 with text on stdout" "exit $RC; stderr: $ERR"; fi
done
"$HOSOD" --help >"$T_TMP/dhelp" 2>&1
is "$?" 0 "hosod --help exits 0"
like "$(cat "$T_TMP/dhelp")" "--listen" "hosod --help lists --listen"

# ---- usage errors: exit 2 ----------------------------------------------------

run
rc_is 2 "hoso without a command is a usage error (2)"
run frobnicate
rc_is 2 "an unknown command is a usage error (2)"
run org list --no-such-option
rc_is 2 "an unknown option is a usage error (2)"
run org add --kind planet --name "Hành tinh"
rc_is 2 "org add --kind planet is a usage error (2)"
run person add --name "Lê Hoàng Phúc" --born 2003-12-24 --gender robot --id-number 079203009876
rc_is 2 "person add --gender robot is a usage error (2)"
run person add --name
rc_is 2 "an option without its value is a usage error (2)"
run person add --born 2003-12-24 --gender male --id-number 079203009876
rc_is 2 "person add without --name is a usage error (2)"
run person show
rc_is 2 "person show without an id is a usage error (2)"
run person show abc
rc_is 2 "person show with a non-numeric id is a usage error (2)"

# ---- unreachable server: exit 3 -------------------------------------------------

dead=$(free_port)
run --server "127.0.0.1:$dead" person list
rc_is 3 "no server listening: exit 3"
[ -n "$ERR" ] && pass "and a message on stderr" || fail "and a message on stderr"
HOSO_SERVER="127.0.0.1:$dead" run org list
rc_is 3 "HOSO_SERVER pointing nowhere: exit 3"

# ---- a daemon ---------------------------------------------------------------------

D1=$T_TMP/d1
if ! daemon_start "$D1"; then
	fail "hosod starts"
	done_testing
fi
pass "hosod starts and writes its port ($D_PORT)"

# ---- organisations ------------------------------------------------------------

cli --json org add --kind district --name "Quận ủy Bình Thạnh" --code QBT
rc_is 0 "org add --kind district"
DIS=$(jget 'd["id"]')
like "$DIS" '^[1-9][0-9]*$' "org add prints the record with an id"
is "$(jget 'd["name"]')" "Quận ủy Bình Thạnh" "org add prints the name"
is "$(jget 'd.get("code")')" "QBT" "org add prints the code"

cli --json org add --kind ward --name "Đảng ủy Phường 25" --parent "$DIS" --code P25
rc_is 0 "org add --kind ward --parent DISTRICT"
WARD=$(jget 'd["id"]')
is "$(jget 'str(d.get("parent_id"))')" "$DIS" "the ward's parent_id is the district"
cli --json org add --kind ward --name "Đảng ủy Phường 26" --parent "$DIS"
rc_is 0 "org add without --code"
WARD2=$(jget 'd["id"]')
cli --json org add --kind cell --name "Chi bộ Khu phố 3" --parent "$WARD"
rc_is 0 "org add --kind cell --parent WARD"
CELL=$(jget 'd["id"]')
cli --json org add --kind police --name "Công an Phường 25" --parent "$WARD"
rc_is 0 "org add --kind police --parent WARD"
POL=$(jget 'd["id"]')

cli --json org list
rc_is 0 "org list --json"
is "$(jget 'len(d["items"])')" 5 "org list has the 5 units"
is "$(jget 'd["next"]')" null "org list: next is null on the last page"
is "$(jget 'sorted(i["id"] for i in d["items"]) == sorted([int(x) for x in "'"$DIS $WARD $WARD2 $CELL $POL"'".split()])')" true \
	"org list returns exactly the ids created"
cli org list
rc_is 0 "org list (human)"
like "$OUT" "Phường 25" "org list (human) shows the names"

cli --json org show "$WARD"
rc_is 0 "org show ID"
is "$(jget 'd["name"]')" "Đảng ủy Phường 25" "org show prints the name"
cli org show "$WARD"
like "$OUT" "Đảng ủy Phường 25" "org show (human) shows the name"

cli --json org edit "$WARD" --name "Đảng ủy Phường 25 (mới)"
rc_is 0 "org edit ID --name"
cli --json org show "$WARD"
is "$(jget 'd["name"]')" "Đảng ủy Phường 25 (mới)" "org show after edit has the new name"
is "$(jget 'd.get("code")')" "P25" "and the code is untouched"

cli org add --kind ward --name "Đảng ủy Phường 27" --parent "$CELL"
rc_is 1 "a ward under a cell is refused (1)"
like "$ERR" "parent" "the error names the parent field"
cli org add --kind ward --name "Đảng ủy Phường 27" --parent "$DIS" --code P25
rc_is 1 "a taken org code is refused (1)"
like "$ERR" "code" "the error names the code field"
cli org show 987654
rc_is 1 "org show of an unknown id: 1"
[ -n "$ERR" ] && pass "with a message on stderr" || fail "with a message on stderr"

# ---- people --------------------------------------------------------------------

cli --json person add --name "Nguyễn Văn An" --born 1990-05-17 --gender male \
	--id-number 079090012345 --cell "$CELL" --residence "$WARD" --introduced-by youth-union
rc_is 0 "person add with every contract option"
AN=$(jget 'd["id"]')
like "$AN" '^[1-9][0-9]*$' "person add prints the record with an id"
is "$(jget 'd["name"]')" "Nguyễn Văn An" "JSON name"
is "$(jget 'd["born"]')" "1990-05-17" "JSON born"
is "$(jget 'd["gender"].lower()')" "male" "JSON gender"
is "$(jget 'd["id_number"]')" "079090012345" "JSON id_number"
is "$(jget 'str(d["cell_id"])')" "$CELL" "JSON cell_id"
is "$(jget 'str(d["residence_id"])')" "$WARD" "JSON residence_id"
is "$(jget 'd["introduced_by"].lower().replace("_", "-")')" "youth-union" "JSON introduced_by"

cli --json person add --name "Đặng Thị Hường" --born 1985-11-02 --gender female \
	--id-number 001185004321 --cell "$CELL" --introduced-by trade-union
rc_is 0 "person add (female, trade union)"
HUONG=$(jget 'd["id"]')
cli --json person add --name "Trần Thị Bích Ngọc" --born 2001-03-09 --gender female \
	--id-number 048301000777 --residence "$WARD2" --introduced-by womens-union
rc_is 0 "person add (introduced by the women's union)"
NGOC=$(jget 'd["id"]')

cli --json person show "$AN"
rc_is 0 "person show ID"
is "$(jget 'd["name"] + "|" + d["born"] + "|" + d["id_number"]')" \
	"Nguyễn Văn An|1990-05-17|079090012345" "person show returns what was added"
cli person show "$AN"
rc_is 0 "person show (human)"
like "$OUT" "Nguyễn Văn An" "person show (human) shows the name"

cli --json person find "nguyen van"
rc_is 0 "person find TEXT"
is "$(jget '[i["id"] for i in d["items"]]')" "[$AN]" "find 'nguyen van' gives Nguyễn Văn An only"
is "$(jget 'd["next"]')" null "find: next is null"
cli --json person find "dang"
is "$(jget '[i["id"] for i in d["items"]]')" "[$HUONG]" "find 'dang' gives Đặng Thị Hường"
cli --json person find "ĐẶNG"
is "$(jget '[i["id"] for i in d["items"]]')" "[$HUONG]" "find 'ĐẶNG' gives Đặng Thị Hường"
cli --json person find "0011850"
is "$(jget '[i["id"] for i in d["items"]]')" "[$HUONG]" "find by CCCD prefix"
cli person find "bich ngoc"
rc_is 0 "person find (human)"
like "$OUT" "Trần Thị Bích Ngọc" "person find (human) shows the name"

cli --json person list
rc_is 0 "person list --json"
is "$(jget 'len(d["items"])')" 3 "person list has the 3 persons"
is "$(jget 'd["next"]')" null "person list: next is null"
cli person list
rc_is 0 "person list (human)"
like "$OUT" "Đặng Thị Hường" "person list (human) shows the names"

cli --json person edit "$AN" --name "Nguyễn Văn Anh"
rc_is 0 "person edit ID --name"
cli --json person show "$AN"
is "$(jget 'd["name"]')" "Nguyễn Văn Anh" "person show after edit has the new name"
is "$(jget 'd["id_number"] + "|" + str(d["cell_id"])')" "079090012345|$CELL" \
	"and the other fields are untouched"
cli --json person edit "$NGOC" --cell "$CELL"
rc_is 0 "person edit ID --cell"
cli --json person show "$NGOC"
is "$(jget 'str(d["cell_id"])')" "$CELL" "the cell was changed"

# refusals: exit 1 and the field on stderr
cli person add --name "Nguyễn Văn Bình" --born 1990-05-17 --gender male --id-number 079090012345
rc_is 1 "a duplicate CCCD is refused (1)"
like "$ERR" "id[-_ ]?number|CCCD" "the error names the id_number field"
cli person add --name "Lê Hoàng Phúc" --born 2027-02-30 --gender male --id-number 079203009876
rc_is 1 "born 2027-02-30 is refused (1)"
like "$ERR" "born" "the error names the born field"
cli person add --name "Lê Hoàng Phúc" --born 2003-12-24 --gender male --id-number 079303009876
rc_is 1 "a CCCD whose 4th digit says female for a man is refused (1)"
like "$ERR" "id[-_ ]?number|CCCD" "the error names the id_number field"
cli person add --name "Lê Hoàng Phúc" --born 2003-12-24 --gender male --id-number 079203009876 --cell "$WARD"
rc_is 1 "--cell pointing to a ward is refused (1)"
like "$ERR" "cell" "the error names the cell field"
cli person show 987654
rc_is 1 "person show of an unknown id: 1"
cli person edit 987654 --name "Không Ai"
rc_is 1 "person edit of an unknown id: 1"
cli --json person list
is "$(jget 'len(d["items"])')" 3 "the refused commands added nobody"

# server address from the environment
HOSO_SERVER="127.0.0.1:$D_PORT" run --json person list
rc_is 0 "HOSO_SERVER gives the server address"
is "$(jget 'len(d["items"])')" 3 "and the same 3 persons"
HOSO_SERVER="127.0.0.1:$dead" run --server "127.0.0.1:$D_PORT" person list
rc_is 0 "--server overrides HOSO_SERVER"

# ---- Vietnamese messages -------------------------------------------------------------

if [ ! -f "$TOP/po/vi.po" ]; then
	skip "LANG=vi_VN.UTF-8 gives Vietnamese CLI messages" "no po/vi.po"
else
	run --server "127.0.0.1:$dead" person list
	en=$ERR
	LANG=vi_VN.UTF-8 run --server "127.0.0.1:$dead" person list
	vi=$ERR
	if [ "$en" != "$vi" ] && [ -n "$vi" ] && printf '%s' "$vi" | grep -qP '[^\x00-\x7F]'; then
		pass "LANG=vi_VN.UTF-8 gives Vietnamese CLI messages"
	else
		fail "LANG=vi_VN.UTF-8 gives Vietnamese CLI messages" "C: $en
vi: $vi"
	fi
	cli person show 987654
	en=$ERR
	LANG=vi_VN.UTF-8 cli person show 987654
	vi=$ERR
	if [ "$en" != "$vi" ] && [ -n "$vi" ] && printf '%s' "$vi" | grep -qP '[^\x00-\x7F]'; then
		pass "LANG=vi_VN.UTF-8 translates a server's refusal"
	else
		fail "LANG=vi_VN.UTF-8 translates a server's refusal" "C: $en
vi: $vi"
	fi
	LANG=vi_VN.UTF-8 run --help
	vh=$OUT
	run --help
	[ "$vh" != "$OUT" ] && pass "LANG=vi_VN.UTF-8 translates --help" \
		|| fail "LANG=vi_VN.UTF-8 translates --help"
fi

# ---- signals -----------------------------------------------------------------------

kill -HUP "$D_PID"
sleep 0.5
if kill -0 "$D_PID" 2>/dev/null; then pass "hosod survives SIGHUP"; else fail "hosod survives SIGHUP"; fi
like "$(cat "$D_LOG")" "[Rr]eload" "SIGHUP logs a reload line"
cli --json person show "$AN"
rc_is 0 "hosod serves after SIGHUP"

daemon_stop TERM
is "$D_STATUS" 0 "hosod exits 0 on SIGTERM"
if daemon_start "$D1"; then
	cli --json person show "$AN"
	is "$(jget 'd["name"]')" "Nguyễn Văn Anh" "the data is kept across SIGTERM and restart"
	cli --json person list
	is "$(jget 'len(d["items"])')" 3 "all 3 persons are still there"
	# --demo on a store that has data adds nothing.
	daemon_stop TERM
	daemon_start "$D1" --demo
	cli --json person list
	is "$(jget 'len(d["items"])')" 3 "--demo on a non-empty store adds no persons"
	cli --json org list
	is "$(jget 'len(d["items"])')" 5 "--demo on a non-empty store adds no units"
	daemon_stop TERM
else
	fail "hosod restarts on the same data directory"
fi

# ---- listeners --------------------------------------------------------------------

if has_ipv6_loopback; then
	D_LISTEN=no
	if daemon_start "$T_TMP/d6" --listen "[::1]:0"; then
		run --server "[::1]:$D_PORT" --json org list
		rc_is 0 "an IPv6 listener ([::1]:0) serves the CLI"
		daemon_stop TERM
		is "$D_STATUS" 0 "the IPv6 daemon exits 0"
	else
		fail "hosod --listen [::1]:0 starts"
	fi
	D_LISTEN=yes
else
	skip "an IPv6 listener ([::1]:0) serves the CLI" "no ::1 on this machine"
fi

p2=$(free_port)
if daemon_start "$T_TMP/d2" --listen "127.0.0.1:$p2"; then
	cli --json org list
	rc_is 0 "two --listen: the first listener serves"
	run --server "127.0.0.1:$p2" --json org list
	rc_is 0 "two --listen: the second listener (port $p2) serves"
	# a second daemon on a port in use must not start
	"$HOSOD" --data "$T_TMP/d2b" --listen "127.0.0.1:$p2" >"$T_TMP/busy.log" 2>&1 &
	bpid=$!
	T_PIDS+=("$bpid")
	for i in $(seq 1 100); do kill -0 "$bpid" 2>/dev/null || break; sleep 0.05; done
	if kill -0 "$bpid" 2>/dev/null; then
		kill -KILL "$bpid"; wait "$bpid" 2>/dev/null
		fail "hosod on a port in use exits" "still running after 5 s"
	else
		wait "$bpid"; brc=$?
		if [ "$brc" -ne 0 ]; then pass "hosod on a port in use exits non-zero ($brc)"
		else fail "hosod on a port in use exits non-zero"; fi
		[ -s "$T_TMP/busy.log" ] && pass "and says why on stderr" || fail "and says why on stderr"
	fi
	daemon_stop TERM
else
	fail "hosod with two --listen starts"
fi

"$HOSOD" --data "$T_TMP/d3" --no-such-flag >"$T_TMP/bad.log" 2>&1 &
bpid=$!
T_PIDS+=("$bpid")
for i in $(seq 1 100); do kill -0 "$bpid" 2>/dev/null || break; sleep 0.05; done
if kill -0 "$bpid" 2>/dev/null; then
	kill -KILL "$bpid"; wait "$bpid" 2>/dev/null
	fail "hosod with an unknown flag refuses to start"
else
	wait "$bpid"; brc=$?
	[ "$brc" -ne 0 ] && pass "hosod with an unknown flag exits non-zero ($brc)" \
		|| fail "hosod with an unknown flag exits non-zero"
fi

# ---- config file ------------------------------------------------------------------

cat >"$T_TMP/hosod.conf" <<'EOF'
# hosod test configuration
max_frame = 2048

log_level = info
EOF
if daemon_start "$T_TMP/dc" --config "$T_TMP/hosod.conf"; then
	mf=$("$PY" -c '
import sys, hoso_wire
c = hoso_wire.Conn(int(sys.argv[1])); c.hello(); print(c.hello_reply.max_frame)
' "$D_PORT" 2>&1)
	is "$mf" 2048 "max_frame = 2048 in the config file shows in HelloReply.max_frame"
	big=$(head -c 3000 /dev/zero | tr '\0' a)
	cli person find "$big"
	if [ "$RC" -ne 0 ] && [ "$RC" -ne 2 ]; then pass "a 3000-byte request over max_frame 2048 is refused (exit $RC)"
	else fail "a 3000-byte request over max_frame 2048 is refused" "exit $RC: $OUT $ERR"; fi
	cli --json person find "nguyen"
	rc_is 0 "a small request is still served"
	daemon_stop TERM
	is "$D_STATUS" 0 "the configured daemon exits 0"
else
	fail "hosod --config FILE starts"
fi

# ---- demo data ---------------------------------------------------------------------

DD=$T_TMP/demo
if daemon_start "$DD" --demo; then
	cli --json org list
	rc_is 0 "--demo: org list"
	kinds=$(jget 'sorted({str(i["kind"]).lower().replace("org_", "") for i in d["items"]})')
	for k in district ward cell police; do
		like "$kinds" "\"$k\"" "--demo seeds a $k"
	done
	norgs=$(jget 'len(d["items"])')
	cli --json person list
	npers=$(jget 'len(d["items"])')
	like "$npers" '^[1-9][0-9]*$' "--demo seeds some people ($npers)"
	daemon_stop TERM
	is "$D_STATUS" 0 "the demo daemon exits 0"
	if daemon_start "$DD" --demo; then
		cli --json org list
		is "$(jget 'len(d["items"])')" "$norgs" "a restart with --demo does not duplicate units"
		cli --json person list
		is "$(jget 'len(d["items"])')" "$npers" "a restart with --demo does not duplicate people"
		daemon_stop TERM
	else
		fail "hosod --demo restarts on its data"
	fi
else
	fail "hosod --demo starts"
fi

done_testing
