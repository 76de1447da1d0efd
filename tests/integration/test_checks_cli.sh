#!/usr/bin/env bash
# The background-check and alert commands (protocol 1.3) against a real
# hosod whose clock is set with --now: hoso check open|forward|
# police-received|police-result|return|extend|suspend|resume|decide|show|
# list|explain, hoso report checks, hoso alerts [ack] and hoso watch.
# A check received on a Friday afternoon goes through its three legs, with
# the deadline and status of each step checked as of given days; explain
# shows the weekend days skipped; an extension keeps a missed deadline
# missed; a suspension moves the deadline; a check sent outside the
# district is answered; an overdue check raises an alert that a running
# 'hoso watch --json' prints at once.  Every person and unit is invented.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

if [ ! -x "$HOSOD" ] || [ ! -x "$HOSO" ]; then
	fail "hosod and hoso are built" "missing $HOSOD or $HOSO (run make)"
	done_testing
fi

# The daemon's clock: a Monday morning, after every step below.
NOW=2026-12-07T09:00

# ---- --help ----------------------------------------------------------------------

run check --help
rc_is 0 "hoso check --help"
HELP=$OUT
for v in open forward police-received police-result return extend suspend resume \
	decide show list explain; do
	like "$HELP" "hoso check $v " "hoso check --help lists check $v"
	run check "$v" --help
	if [ "$RC" = 0 ] && [[ $OUT == *"Usage: hoso check $v"* ]]; then
		pass "hoso check $v --help exits 0 with its usage"
	else
		fail "hoso check $v --help exits 0 with its usage" "exit $RC; $OUT $ERR"
	fi
done
for c in "report checks" "alerts ack" "alerts" "watch"; do
	# shellcheck disable=SC2086
	run $c --help
	if [ "$RC" = 0 ] && [[ $OUT == *"Usage: hoso $c"* ]]; then
		pass "hoso $c --help exits 0 with its usage"
	else
		fail "hoso $c --help exits 0 with its usage" "exit $RC; $OUT $ERR"
	fi
done
run alerts --help
like "$OUT" "hoso alerts ack ID" "alerts --help says how to acknowledge one"
run --help
like "$OUT" "hoso watch " "hoso --help lists watch"
like "$OUT" "hoso report checks " "hoso --help lists report checks"

# ---- usage errors need no server: exit 2 ----------------------------------------

dead=$(free_port)
srv=(--server "127.0.0.1:$dead")
usage() {   # DESC ERR-REGEX ARGS...
	local desc=$1 re=$2; shift 2
	run "${srv[@]}" "$@"
	rc_is 2 "$desc (2)"
	[ -n "$re" ] && like "$ERR" "$re" "  ... $re"
}
usage "open without --person" "--person is required" check open --ward 2
usage "open with --ward and --outside" "--ward or --outside" check open --person 1 --ward 2 --outside "Xã Tân Phú"
usage "open with neither --ward nor --outside" "--ward or --outside" check open --person 1
usage "open --at not a moment" "--at: 'hôm qua' is not a date and time" check open --person 1 --ward 2 --at "hôm qua"
usage "open --at 25:00" "--at: there is no such day or time" check open --person 1 --ward 2 --at 2026-11-20T25:00
usage "open --ward 0" "--ward: expected a record number" check open --person 1 --ward 0
usage "forward without ID" "ID" check forward
usage "forward ID ID" "too many arguments" check forward 1 2
usage "police-result without --result" "--result is required" check police-result 1
usage "police-result --result maybe" "--result: expected clear or concern, got 'maybe'" check police-result 1 --result maybe
usage "police-result concern without --text" "--text is required with --result concern" check police-result 1 --result concern
usage "return --text without --result" "--text goes with --result" check return 1 --text "Không có vấn đề"
usage "extend without --to" "--to is required" check extend 1 --reason "Đi công tác"
usage "extend without --reason" "--reason is required" check extend 1 --to 2026-12-10
usage "extend --to not a date" "--to: 'sau Tết' is not a date" check extend 1 --to "sau Tết" --reason x
usage "suspend without --reason" "--reason is required" check suspend 1
usage "decide without --text" "--text is required" check decide 1
usage "show --as-of not a date" "--as-of" check show 1 --as-of tomorrow
usage "list --limit 0" "--limit" check list --limit 0
usage "list with an argument" "unexpected argument" check list 3
usage "report without --from" "--from is required" report checks --to 2026-11-30
usage "alerts with an argument" "hoso alerts ack ID" alerts 5
usage "alerts ack without ID" "ID" alerts ack
usage "watch --ward x" "--ward: expected a record number" watch --ward x
run "${srv[@]}" check list
rc_is 3 "no server listening: exit 3"

# ---- a district, a ward, a cell, a candidate at the verification stage ----------

D1=$T_TMP/d1
if ! daemon_start "$D1" --now "$NOW" --alert-delay 1; then
	fail "hosod --now $NOW starts"
	done_testing
fi
pass "hosod --now $NOW starts ($D_PORT)"

id_of() { jget 'd["id"]'; }
cli --json org add --kind district --name "Quận ủy Hòa An" --code QHA-CK
DIS=$(id_of)
cli --json org add --kind ward --name "Đảng ủy Phường 7" --parent "$DIS" --code P7-CK
WARD=$(id_of)
cli --json org add --kind ward --name "Đảng ủy Phường 9" --parent "$DIS" --code P9-CK
WARD2=$(id_of)
cli --json org add --kind cell --name "Chi bộ Khu phố 3" --parent "$WARD" --code CB-P7-03-CK
CELL=$(id_of)
like "$DIS $WARD $WARD2 $CELL" '^[0-9]+ [0-9]+ [0-9]+ [0-9]+$' "a district, two wards and a cell"

member() {  # NAME BORN GENDER CCCD SINCE
	cli --json person add --name "$1" --born "$2" --gender "$3" --id-number "$4" \
		--cell "$CELL" --member official --member-since "$5"
	id_of
}
M1=$(member "Nguyễn Văn Hùng" 1968-04-12 male 079068700011 1995-02-03)
M2=$(member "Trần Thị Mai" 1975-09-30 female 079175700012 2001-05-19)
cli --json person add --name "Phan Thanh Long" --born 1996-08-20 --gender male \
	--id-number 079096700015 --cell "$CELL" --residence "$WARD" --education university \
	--introduced-by youth-union --identified 2025-01-06
A=$(id_of)
like "$M1 $M2 $A" '^[0-9]+ [0-9]+ [0-9]+$' "two official members and a candidate"

cli person advance "$A" --to in-course --at 2025-03-02
cli person advance "$A" --to course-passed --at 2025-04-15 --cert-number 15/GCN-TTCT
cli person advance "$A" --to mentored --at 2025-05-05 --mentor "$M1" --mentor "$M2"
cli person advance "$A" --to dossier --at 2026-09-01
for k in application background introduction mass-org-comment residence-cell-comment summary; do
	cli person doc "$A" --kind "$k" --date 2026-09-20
done
cli person introducer "$A" --member "$M1" --since 2019-03-01 --date 2026-09-22
cli person introducer "$A" --member "$M2" --since 2020-05-01 --date 2026-09-22
cli person relative "$A" --relation father --name "Phan Văn Cường" --born 1966-02-14 \
	--residence-ward "$WARD"
cli person relative "$A" --relation mother --name "Nguyễn Thị Hạnh" --born 1970-07-01 \
	--residence-ward "$WARD"
cli person advance "$A" --to verifying --at 2026-10-15 --json
rc_is 0 "the candidate's file reaches background verification"

# show ID AS_OF: "due status missed state" of check ID as of AS_OF.
show() {
	cli --json check show "$1" --as-of "$2"
	printf '%s %s %s %s' "$(jget 'd["due"]')" "$(jget 'd["status"]')" \
		"$(jget 'd["missed"]')" "$(jget 'd["state"]')"
}

# ---- check A: received on a Friday afternoon, through its three legs ------------

cli check open --person "$A" --ward "$WARD" --at 2026-11-20T16:30 --by "Lê Thị Hoa" --json
rc_is 0 "check open --ward --at 2026-11-20T16:30 (a Friday afternoon)"
CA=$(id_of)
like "$CA" '^[1-9][0-9]*$' "  ... prints the check with its \"id\""
is "$(jget 'd["subject"]') $(jget 'd["person_name"]')" "Phan Thanh Long Phan Thanh Long" \
	"  ... the candidate's own check without --subject"
is "$(jget 'd["legs"][0]["kind"]') $(jget 'd["legs"][0]["started"]')" \
	"forward 2026-11-20T16:30:00+07:00" "  ... its first leg, forward, started at 16:30 in Vietnam"
is "$(jget 'd["legs"][0]["started_by"]') $(jget 'd["legs"][0]["ended"]')" "Lê Thị Hoa null" \
	"  ... by the clerk, still running"
is "$(show "$CA" 2026-11-20)" "2026-11-20 due-soon false at-ward" \
	"as of 20/11: due the same working day, due soon"
is "$(show "$CA" 2026-11-23)" "2026-11-20 overdue true at-ward" \
	"as of 23/11 (Monday): overdue, missed"

cli check forward "$CA" --at 2026-11-20T16:45 --by "Lê Thị Hoa" --json
rc_is 0 "check forward --at 2026-11-20T16:45"
is "$(jget 'd["legs"][1]["kind"]') $(jget 'd["legs"][1]["start_assumed"]')" "police true" \
	"  ... the police leg runs, counted from the forwarding until they record receipt"
is "$(show "$CA" 2026-11-23)" "2026-12-01 on-time false at-police" \
	"as of 23/11: the police are due 01/12 (7 working days after Friday 20/11)"

cli check explain "$CA"
rc_is 0 "check explain"
like "$OUT" "21/11/2026[^\n]*weekend" "  ... Saturday 21/11 is skipped as a weekend day"
like "$OUT" "22/11/2026[^\n]*weekend" "  ... and Sunday 22/11"
like "$OUT" "due 01/12/2026" "  ... it gives the deadline dd/mm/yyyy"
cli check explain "$CA" --json
rc_is 0 "check explain --json"
is "$(jget 'd["check_id"] == '"$CA"' and d["leg"] == "police" and d["due"] == "2026-12-01"')" true \
	"  ... check_id, leg and due"
is "$(jget '[l["date"] for l in d["lines"] if l["code"] == "skip"][:2]')" \
	'["2026-11-21", "2026-11-22"]' "  ... the first lines skipped are the weekend 21-22/11"
is "$(jget 'all(set(l) == {"code", "date", "text"} for l in d["lines"])')" true \
	"  ... each line has code, date and text"
LANG=vi_VN.UTF-8 cli check explain "$CA"
like "$OUT" "Thứ Sáu" "LANG=vi_VN.UTF-8: the weekday is in Vietnamese"
like "$OUT" "01/12/2026" "  ... dates still dd/mm/yyyy"

cli check police-received "$CA" --at 2026-11-23T10:00 --by "Đại úy Võ Minh Tâm" --json
rc_is 0 "check police-received --at Monday 23/11"
is "$(jget 'd["legs"][1]["start_assumed"]')" false "  ... the receipt is recorded"
is "$(show "$CA" 2026-11-23)" "2026-12-02 on-time false at-police" \
	"  ... the police are now due 02/12, 7 working days after Monday"

cli check police-result "$CA" --result concern --text "Có tiền án năm 2015 (đã được xóa án tích)" \
	--at 2026-12-01T15:00 --by "Đại úy Võ Minh Tâm" --json
rc_is 0 "check police-result --result concern --text ..."
is "$(jget 'd["result"]') $(jget 'd["legs"][2]["kind"]')" "concern return" \
	"  ... the result is a concern; the return leg runs"
is "$(show "$CA" 2026-12-02)" "2026-12-04 on-time false result-at-ward" \
	"  ... the ward committee must return it by 04/12 (3 working days)"

cli check return "$CA" --at 2026-12-03T09:00 --by "Lê Thị Hoa" --json
rc_is 0 "check return"
is "$(jget 'd["state"]') $(jget 'd["status"]') $(jget 'd["due"]') $(jget 'd["missed"]')" \
	"returned closed null false" "  ... closed, nothing due, no deadline missed"
cli check decide "$CA" --text "Ban Thường vụ kết luận: không ảnh hưởng đến tiêu chuẩn kết nạp" \
	--by "Ban Tổ chức"
rc_is 0 "check decide --text (the committee's decision on the concern)"
cli check show "$CA"
rc_is 0 "check show (text)"
like "$OUT" "Result: +a concern was raised: Có tiền án" "  ... the result and its text"
like "$OUT" "20/11/2026 16:30 +20/11/2026 16:45" "  ... instants as dd/mm/yyyy HH:MM"
n=$(printf '%s\n' "$OUT" | grep -cE '^(forwarding to the ward police|police check|signing and returning the result) ')
is "$n" 3 "  ... one line per leg"

# ---- check B: an extension keeps a missed deadline missed -----------------------

cli check open --person "$A" --subject "phan van cuong" --ward "$WARD" --at 2026-11-24T09:00 --json
rc_is 0 "check open --subject 'phan van cuong' (accents do not matter)"
CB=$(id_of)
is "$(jget 'd["subject"]')" "Phan Văn Cường" "  ... the father's check of the file"
cli check forward "$CB" --at 2026-11-24T10:00
is "$(show "$CB" 2026-12-04)" "2026-12-03 overdue true at-police" \
	"as of 04/12 the police (due 03/12) are late"
cli check list --overdue --as-of 2026-12-04 --json
rc_is 0 "check list --overdue --as-of 2026-12-04"
is "$(jget '[i["id"] for i in d["items"]]')" "[$CB]" "  ... lists the late check alone"
is "$(jget 'd["next"]')" null "  ... and no next page"
cli check list --as-of 2026-12-04
like "$OUT" "03/12/2026 +overdue" "check list (text): due dd/mm/yyyy and the status"
cli check extend "$CB" --to 2026-12-10 --reason "Người được thẩm tra đi công tác xa" --json
rc_is 0 "check extend --to 2026-12-10"
is "$(jget 'd["legs"][-1]["due"]') $(jget 'd["legs"][-1]["due_original"]')" \
	"2026-12-10 2026-12-03" "  ... a new date; the original deadline kept"
is "$(jget 'd["legs"][-1]["extensions"][0]["old_due"]')" 2026-12-03 "  ... the extension is listed"
is "$(show "$CB" 2026-12-04)" "2026-12-10 on-time true at-police" \
	"  ... on time for the new date, and still missed"
cli check list --overdue --as-of 2026-12-04 --json
is "$(jget 'len(d["items"])')" 0 "  ... no longer in the overdue list"
cli check extend "$CB" --to 2026-12-01 --reason "Sớm hơn"
rc_is 1 "extend to a date before the one in force: refused (1)"
like "$ERR" "^hoso: --to: " "  ... the error names --to"

# ---- check C: a suspension moves the deadline -----------------------------------

cli check open --person "$A" --subject "Nguyễn Thị Hạnh" --ward "$WARD" --at 2026-11-25T09:00 --json
CC=$(id_of)
cli check forward "$CC" --at 2026-11-25T11:00
is "$(show "$CC" 2026-11-26)" "2026-12-04 on-time false at-police" \
	"check C: the police are due 04/12"
cli check suspend "$CC" --at 2026-11-26T09:00 --reason "Chờ bổ sung lý lịch" --by "Lê Thị Hoa"
rc_is 0 "check suspend --at 2026-11-26T09:00"
is "$(show "$CC" 2026-11-27)" "null suspended false at-police" "  ... suspended: no deadline runs"
cli check resume "$CC" --at 2026-12-01T09:00 --json
rc_is 0 "check resume --at 2026-12-01T09:00"
is "$(jget 'd["legs"][-1]["suspensions"][0]["to"]')" "2026-12-01T09:00:00+07:00" \
	"  ... the suspension is closed"
is "$(show "$CC" 2026-12-02)" "2026-12-09 on-time false at-police" \
	"  ... the deadline moves by 27/11, 30/11, 01/12: 09/12"
cli check explain "$CC"
like "$OUT" "26/11/2026" "  ... explain names the day the clock stopped"

# ---- check D: sent outside the district ------------------------------------------

cli check open --person "$A" --subject "Nguyễn Văn Tư" \
	--outside "Đảng ủy xã Tân Phú, huyện Đức Hòa, tỉnh Long An" --at 2026-11-20T08:00 --json
rc_is 0 "check open --outside"
CD=$(id_of)
is "$(jget 'd["state"]') $(jget 'd["ward_id"]') $(jget 'd["legs"][0]["kind"]')" \
	"sent-outside null outside" "  ... sent outside: no ward, one leg"
cli check return "$CD" --at 2026-12-04T10:00
rc_is 1 "return of an outside check without --result: refused (1)"
like "$ERR" "^hoso: --result: " "  ... the error names --result"
cli check return "$CD" --at 2026-12-04T10:00 --result clear --json
rc_is 0 "return --result clear"
is "$(jget 'd["state"]') $(jget 'd["result"]')" "returned clear" "  ... closed, clear"
cli check show "$CD"
like "$OUT" "Tân Phú" "check show: where it was sent"

# ---- refusals name the option ---------------------------------------------------

cli check open --person 9999 --ward "$WARD"
rc_is 1 "open for a person that does not exist (1)"
like "$ERR" "^hoso: --person: " "  ... the error names --person"
cli check open --person "$A" --ward 9999
rc_is 1 "open for a ward that does not exist (1)"
like "$ERR" "^hoso: --ward: " "  ... the error names --ward"
cli check open --person "$A" --ward "$WARD" --at 2099-01-01
rc_is 1 "open --at in the future (1)"
like "$ERR" "^hoso: --at: " "  ... the error names --at"
cli check show 9999
rc_is 1 "show a check that does not exist (1)"
like "$ERR" "^hoso: [^-]" "  ... no field name before the message"
cli check forward "$CB"
rc_is 1 "forward a check already with the police (1)"
cli check list --all --json
is "$(jget 'sorted(i["id"] for i in d["items"])')" "$(printf '[%s, %s, %s, %s]' $(printf '%s\n' "$CA" "$CB" "$CC" "$CD" | sort -n))" \
	"check list --all: the closed checks too"
cli check list --person "$A" --json
is "$(jget 'len(d["items"])')" 2 "check list --person: the two open checks"

# ---- report -----------------------------------------------------------------------

cli report checks --from 2026-11-01 --to 2026-11-30 --as-of 2026-12-04 --json
rc_is 0 "report checks --from --to --as-of --json"
is "$(jget '[w["ward_id"] for w in d["wards"]]')" "[$WARD, null]" \
	"  ... the ward, and the checks sent outside the district"
is "$(jget '[l["kind"] for l in d["wards"][0]["legs"]]')" '["forward", "police", "return"]' \
	"  ... legs by their words"
is "$(jget 'd["wards"][0]["checks"]')" 3 "  ... three checks opened in the ward"
is "$(jget '[(l["check_id"], l["kind"], l["extended"]) for l in d["wards"][0]["late"]]')" \
	"[[$CB, \"police\", true]]" "  ... the late leg: check B's police leg, extended"
cli report checks --from 2026-11-01 --to 2026-11-30 --ward "$WARD"
rc_is 0 "report checks (text)"
like "$OUT" "Đảng ủy Phường 7 \\($WARD\\)" "  ... the ward by name"
like "$OUT" "check $CB, police check: due 03/12/2026" "  ... the late leg"
cli report checks --from 2026-11-30 --to 2026-11-01
rc_is 1 "report checks --from after --to: refused (1)"

# ---- alerts and watch -----------------------------------------------------------

WOUT=$T_TMP/watch.out
"$HOSO" --server "127.0.0.1:$D_PORT" watch --json >"$WOUT" 2>"$T_TMP/watch.err" </dev/null &
W1=$!
T_PIDS+=("$W1")
"$HOSO" --server "127.0.0.1:$D_PORT" watch --ward "$WARD2" --json >"$T_TMP/watch2.out" \
	2>"$T_TMP/watch2.err" </dev/null &
W2=$!
T_PIDS+=("$W2")
# wait_for FILE REGEX SECONDS: until FILE holds a line matching REGEX.
wait_for() {
	local i
	for i in $(seq 1 $(($3 * 20))); do
		grep -qE "$2" "$1" 2>/dev/null && return 0
		sleep 0.05
	done
	return 1
}
ok "hoso watch --json subscribes (its notice on stderr)" wait_for "$T_TMP/watch.err" "Waiting for alerts" 10
ok "hoso watch --ward WARD2 subscribes" wait_for "$T_TMP/watch2.err" "Waiting for alerts" 10
is "$(cat "$WOUT")" "" "  ... and prints nothing on stdout before an alert"

# A check received more than a month ago and never forwarded: overdue.
cli check open --person "$A" --subject "Phan Thị Thảo" --ward "$WARD" --at 2026-10-20T09:00 --json
rc_is 0 "open a check received on 20/10, never forwarded"
CE=$(id_of)
if wait_for "$WOUT" "\"record_id\":$CE," 5; then
	pass "  ... hoso watch prints its overdue alert within 5 s"
else
	fail "  ... hoso watch prints its overdue alert within 5 s" "$(cat "$WOUT" "$T_TMP/watch.err")"
fi
LINE=$(grep -m1 "\"record_id\":$CE," "$WOUT")
OUT=$LINE
is "$(jget 'd["kind"]') $(jget 'd["deadline"]') $(jget 'd["due"]') $(jget 'd["record_kind"]')" \
	"overdue check-forward 2026-10-20 check" "  ... kind overdue, the forwarding due 20/10"
is "$(jget 'd["org_id"]') $(jget 'd["escalated_to"]')" "$WARD $DIS" \
	"  ... for the ward, escalated to the district"
ALERT=$(jget 'd["id"]')
bad=$(grep -cv '^{.*}$' "$WOUT")
is "$bad" 0 "  ... every line of watch --json is one JSON object"
is "$(grep -c "\"record_id\":$CE," "$T_TMP/watch2.out")" 0 \
	"  ... a watch of another ward does not get it"

cli alerts --json
rc_is 0 "alerts --json"
is "$(jget "[a['kind'] for a in d['items'] if a['id'] == $ALERT]")" '["overdue"]' \
	"  ... lists the alert"
is "$(jget 'd["items"][0]["id"] >= d["items"][-1]["id"]')" true "  ... newest first"
cli alerts --ward "$WARD" --unacked --json
is "$(jget "$ALERT in [a['id'] for a in d['items']]")" true "alerts --ward --unacked: it is there"
cli alerts
rc_is 0 "alerts (text)"
like "$OUT" "overdue +20/10/2026" "  ... kind and due dd/mm/yyyy"
like "$OUT" "Phan Thị Thảo" "  ... and the message"
cli alerts ack "$ALERT" --by "Lê Thị Hoa" --json
rc_is 0 "alerts ack ID --by"
is "$(jget 'd["acked_by"]')" "Lê Thị Hoa" "  ... acknowledged by the clerk"
like "$(jget 'd["acked_at"]')" '^2026-12-07T' "  ... today (the daemon's clock)"
cli alerts --unacked --json
is "$(jget "$ALERT in [a['id'] for a in d['items']]")" false "alerts --unacked: no longer there"
cli alerts ack 999999
rc_is 1 "alerts ack of an alert that does not exist (1)"
like "$ERR" "^hoso: [^-]" "  ... no field name before the message"

daemon_stop
wait "$W1"
is "$?" 3 "hoso watch exits 3 when the server goes away"
wait "$W2"
like "$(cat "$T_TMP/watch.err")" "connection" "  ... saying the connection was lost"

done_testing
