#!/usr/bin/env bash
# The hoso calendar commands against a real hosod: the working-day calendar
# (built-in holidays of 2026, the lunar dates of Tết), adding and counting
# working days, an admin's edits of single days (which survive a restart,
# move the deadlines of open files and say whose file became overdue), the
# import of a holiday calendar (.ics), and the refusals.  Every person and
# unit here is invented.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

DATA=$TOP/tests/integration/data

if [ ! -x "$HOSOD" ] || [ ! -x "$HOSO" ]; then
	fail "hosod and hoso are built" "missing $HOSOD or $HOSO (run make)"
	done_testing
fi

# day ISO N: the date N days after ISO (N may be negative).
day() {
	"$PY" -c 'import datetime, sys
print(datetime.date.fromisoformat(sys.argv[1]) + datetime.timedelta(days=int(sys.argv[2])))' "$1" "$2"
}
# weekday ISO: 0 = Monday ... 6 = Sunday.
weekday() {
	"$PY" -c 'import datetime, sys
print(datetime.date.fromisoformat(sys.argv[1]).weekday())' "$1"
}

# ---- --help ----------------------------------------------------------------------

run calendar --help
rc_is 0 "hoso calendar --help"
HELP=$OUT
for v in show lunar add-workdays workdays set unset import; do
	like "$HELP" "hoso calendar $v " "hoso calendar --help lists calendar $v"
	run calendar "$v" --help
	if [ "$RC" = 0 ] && [[ $OUT == *"Usage: hoso calendar $v"* ]]; then
		pass "hoso calendar $v --help exits 0 with its usage"
	else
		fail "hoso calendar $v --help exits 0 with its usage" "exit $RC; $OUT $ERR"
	fi
done
run calendar import --help
like "$OUT" "làm bù" "import --help says which events make working days"

# ---- usage errors need no server: exit 2 ----------------------------------------

dead=$(free_port)
srv=(--server "127.0.0.1:$dead")
run "${srv[@]}" calendar set 2026-02-30 off --reason "Nghỉ"
rc_is 2 "set 2026-02-30: no such day (2)"
like "$ERR" "2026-02-30" "... and the message names the date"
run "${srv[@]}" calendar set 2026-02-03 work-ish --reason "Nghỉ"
rc_is 2 "set DATE work-ish (2)"
like "$ERR" "expected off or work, got 'work-ish'" "... the message says what is expected"
run "${srv[@]}" calendar set 2026-02-03 off
rc_is 2 "set without --reason (2)"
like "$ERR" "--reason is required" "... the message names --reason"
run "${srv[@]}" calendar set 2026-02-03 off --reason "   "
rc_is 2 "set with a blank --reason (2)"
run "${srv[@]}" calendar set 2026-02-03 --reason "Nghỉ"
rc_is 2 "set without the kind (2)"
run "${srv[@]}" calendar unset
rc_is 2 "unset without a date (2)"
run "${srv[@]}" calendar lunar yesterday
rc_is 2 "lunar of a word that is no date (2)"
like "$ERR" "is not a date" "... the message says so"
run "${srv[@]}" calendar show 26
rc_is 2 "show 26: not a year (2)"
run "${srv[@]}" calendar add-workdays 2026-02-13 many
rc_is 2 "add-workdays with N not a number (2)"
run "${srv[@]}" calendar add-workdays 2026-02-13
rc_is 2 "add-workdays without N (2)"
run "${srv[@]}" calendar workdays 2026-02-13 2026-02-28 2026-03-01
rc_is 2 "workdays with three dates (2)"
run "${srv[@]}" calendar show 2026
rc_is 3 "no server listening: exit 3"

# ---- the built-in calendar -------------------------------------------------------

D1=$T_TMP/d1
if ! daemon_start "$D1"; then
	fail "hosod starts"
	done_testing
fi
pass "hosod starts ($D_PORT)"

cli --json calendar show 2026
rc_is 0 "calendar show 2026 --json"
is "$(jget 'd["year"]')" 2026 "... year 2026"
is "$(jget '" ".join(x["date"] for x in d["days_off"])')" \
	"2026-01-01 2026-02-16 2026-02-17 2026-02-18 2026-02-19 2026-02-20 2026-04-27 2026-04-30 2026-05-01 2026-09-01 2026-09-02" \
	"the weekdays off of 2026: 1/1, Tết 16-20/02, 27/04 compensatory, 30/04, 01/05, 01/09, 02/09"
is "$(jget 'd["days_off"][1]["reason"]')" "Lunar New Year (Tết)" "16/02 is Tết"
is "$(jget 'd["days_off"][6]["reason"]')" "compensatory day off" \
	"27/04 is the compensatory day for Hùng Kings' day (Sunday 26/04)"
is "$(jget 'any(x["edited"] for x in d["days_off"])')" false "no day is edited yet"
is "$(jget 'd["edits"]')" "[]" "no edits yet"
cli calendar show 2026
rc_is 0 "calendar show 2026 (human)"
like "$OUT" "16/02/2026 +Monday +29/12 +Lunar New Year" "the table: dd/mm/yyyy, weekday, lunar date, reason"
like "$OUT" "17/02/2026 +Tuesday +1/1 " "17/02/2026 is lunar 1/1"
like "$OUT" "No edits in 2026" "and it says there are no edits"
cli calendar show 1850
rc_is 1 "show 1850: the server refuses the year (1)"

cli --json calendar lunar 2026-02-17
rc_is 0 "calendar lunar 2026-02-17 --json"
is "$(jget '[d["day"], d["month"], d["year"], d["leap"]]')" "[1, 1, 2026, false]" \
	"17/02/2026 is 1/1/2026 of the lunar calendar (Tết Bính Ngọ)"
cli --json calendar lunar 02/02/2030
is "$(jget '[d["day"], d["month"], d["year"], d["leap"]]')" "[1, 1, 2030, false]" \
	"02/02/2030 is Tết in Vietnam (China's is 03/02)"
cli --json calendar lunar 2030-02-03
is "$(jget '[d["day"], d["month"]]')" "[2, 1]" "03/02/2030 is the second day of Tết"
cli calendar lunar 2026-02-17
like "$OUT" "17/02/2026 \(Tuesday\): lunar date 1/1 of the year Bính Ngọ \(2026\)" \
	"lunar (human): the date, the lunar date and the year's name"
cli --json calendar lunar 2025-07-25
is "$(jget '[d["day"], d["month"], d["leap"]]')" "[1, 6, true]" "25/07/2025 is 1/6 of the leap sixth month"

cli --json calendar add-workdays 2026-02-13 1
rc_is 0 "calendar add-workdays 2026-02-13 1 --json"
is "$(jget 'd["date"]')" 2026-02-23 "the working day after Friday 13/02/2026 is Monday 23/02, after Tết"
cli --json calendar add-workdays 2026-02-13 0
is "$(jget 'd["date"]')" 2026-02-13 "N = 0 on a working day is the day itself"
cli calendar add-workdays 2026-02-13 1
like "$OUT" "23/02/2026 \(Monday\)" "add-workdays (human) shows dd/mm/yyyy and the weekday"
cli --json calendar workdays 2026-02-13 2026-02-28
rc_is 0 "calendar workdays --json"
is "$(jget 'd["workdays"]')" 5 "5 working days after 13/02 up to 28/02/2026"
cli --json calendar workdays 2026-02-28 2026-02-13
is "$(jget 'd["workdays"]')" 0 "none when TO is before FROM"

# ---- edits: the 2026 swap ------------------------------------------------------------

cli --json calendar add-workdays 2026-01-01 1
is "$(jget 'd["date"]')" 2026-01-02 "before the swap: Friday 02/01/2026 is a working day"
cli --json calendar add-workdays 2026-01-09 1
is "$(jget 'd["date"]')" 2026-01-12 "before the swap: after Friday 09/01 comes Monday 12/01"

cli --json calendar set 2026-01-02 off --reason "Nghỉ bù Tết Dương lịch"
rc_is 0 "set 2026-01-02 off --reason ..."
is "$(jget '[d["date"], d["kind"], d["reason"], d["deadlines_moved"], d["now_overdue"]]')" \
	'["2026-01-02", "off", "Nghỉ bù Tết Dương lịch", 0, []]' \
	"the change as JSON: date, kind, reason, deadlines_moved, now_overdue"
cli calendar set 10/01/2026 work --reason "Làm bù cho ngày 02/01"
rc_is 0 "set 10/01/2026 work (dd/mm/yyyy)"
like "$OUT" "10/01/2026 \(Saturday\) is now a working day: Làm bù cho ngày 02/01" \
	"set (human) says what the day became"
like "$OUT" "No deadline of an open file moved" "... and that no deadline moved"

check_swap() {
	cli --json calendar add-workdays 2026-01-01 1
	is "$(jget 'd["date"]')" 2026-01-05 "$1: after 01/01 comes Monday 05/01 (02/01 is off)"
	cli --json calendar add-workdays 2026-01-09 1
	is "$(jget 'd["date"]')" 2026-01-10 "$1: Saturday 10/01 is a working day"
	cli --json calendar workdays 2026-01-01 2026-01-09
	is "$(jget 'd["workdays"]')" 5 "$1: 5 working days from 02/01 to 09/01"
	cli --json calendar show 2026
	is "$(jget '[(x["date"], x["reason"], x["edited"]) for x in d["days_off"] if x["edited"]]')" \
		'[["2026-01-02", "Nghỉ bù Tết Dương lịch", true]]' "$1: show lists 02/01 as an edited day off"
	is "$(jget '[(x["date"], x["kind"], x["reason"]) for x in d["edits"]]')" \
		'[["2026-01-02", "off", "Nghỉ bù Tết Dương lịch"], ["2026-01-10", "work", "Làm bù cho ngày 02/01"]]' \
		"$1: show lists both edits, the working Saturday too"
}
check_swap "after the swap"
cli calendar show 2026
like "$OUT" "02/01/2026 +Friday +14/11 +Nghỉ bù Tết Dương lịch \*" "show (human) marks the edited day"
like "$OUT" "10/01/2026 +Saturday +working day +Làm bù cho ngày 02/01" "show (human) lists the edits"

daemon_stop
is "$D_STATUS" 0 "hosod stops cleanly"
if ! daemon_start "$D1"; then
	fail "hosod starts again on the same data"
	done_testing
fi
check_swap "after a restart"

cli --json calendar unset 2026-01-02
rc_is 0 "unset 2026-01-02"
is "$(jget '[d["date"], d["kind"], d["reason"]]')" '["2026-01-02", "off", "Nghỉ bù Tết Dương lịch"]' \
	"unset answers with the edit it removed"
cli calendar unset 10/01/2026
rc_is 0 "unset 10/01/2026 (human)"
like "$OUT" "The edit of 10/01/2026 \(Saturday\) is removed" "unset (human) says what was removed"
cli --json calendar add-workdays 2026-01-01 1
is "$(jget 'd["date"]')" 2026-01-02 "after the unsets: 02/01 is a working day again"
cli --json calendar add-workdays 2026-01-09 1
is "$(jget 'd["date"]')" 2026-01-12 "after the unsets: Saturday 10/01 is a weekend day again"
cli --json calendar show 2026
is "$(jget 'd["edits"]')" "[]" "no edits are left"
cli calendar unset 2026-01-02
rc_is 1 "unset again is refused (1)"
like "$ERR" "02/01/2026 has no edit" "... NOT_FOUND, naming the date"

# A day off taken back: a built-in holiday made a working day.
cli --json calendar set 2026-09-01 work --reason "Đi làm, đổi ngày nghỉ"
rc_is 0 "set a built-in holiday to work"
cli --json calendar show 2026
is "$(jget '"2026-09-01" in [x["date"] for x in d["days_off"]]')" false "01/09 is no longer a day off"
cli --json calendar unset 2026-09-01
rc_is 0 "and back"

# ---- import ---------------------------------------------------------------------------

cli --json calendar add-workdays 2027-02-03 1
is "$(jget 'd["date"]')" 2027-02-04 "before the import: Thursday 04/02/2027 is a working day"
cli --json calendar add-workdays 2027-01-29 1
is "$(jget 'd["date"]')" 2027-02-01 "before the import: Saturday 30/01/2027 is a weekend day"

cli calendar import "$DATA/tet-2027.ics" --dry-run
rc_is 0 "import --dry-run"
like "$OUT" "Days in the file: 11 \(days off: 9, working days: 2\)" "dry run: 11 days, 9 off, 2 working"
cli --json calendar show 2027
is "$(jget 'd["edits"]')" "[]" "a dry run sends nothing"

cli calendar import "$DATA/tet-2027.ics"
rc_is 0 "import tet-2027.ics"
like "$OUT" "30/01/2027 +Saturday +working day +Làm bù cho ngày 04/02/2027" "it prints each day set"
like "$OUT" "04/02/2027 +Thursday +day off +Nghỉ Tết Nguyên đán Đinh Mùi" "... the days off with the SUMMARY"
like "$OUT" "Days set: 11 \(days off: 9, working days: 2\)" "... and the total"
like "$ERR" "skipped event 'Họp chi bộ trước Tết': not an all-day event" "a timed event is skipped, with a warning"
cli --json calendar show 2027
is "$(jget 'len(d["edits"])')" 11 "the 11 days are edits of 2027"
is "$(jget '[x["date"] for x in d["edits"] if x["kind"] == "work"]')" '["2027-01-30", "2027-02-20"]' \
	"the SUMMARY 'Làm bù' and CATEGORIES:WORKDAY made working days"
cli --json calendar add-workdays 2027-02-03 1
is "$(jget 'd["date"]')" 2027-02-15 "after the import: Tết runs 04/02 to 12/02/2027"
cli --json calendar add-workdays 2027-01-29 1
is "$(jget 'd["date"]')" 2027-01-30 "after the import: Saturday 30/01/2027 is a working day"

# (cli gives hoso no standard input: this one runs by hand)
"$HOSO" --server "127.0.0.1:$D_PORT" --json calendar import - <"$DATA/tet-2027.ics" >"$T_TMP/out" 2>"$T_TMP/err"
RC=$?; OUT=$(cat "$T_TMP/out"); ERR=$(cat "$T_TMP/err")
rc_is 0 "import - reads standard input (again: the same days, set anew)"
is "$(jget '[d["set"], d["days_off"], d["working_days"], d["stopped_at"], len(d["skipped"])]')" \
	"[11, 9, 2, null, 1]" "import --json: set, days_off, working_days, stopped_at, skipped"
is "$(jget 'd["days"][0]')" \
	'{"date": "2027-01-30", "kind": "work", "reason": "Làm bù cho ngày 04/02/2027", "deadlines_moved": 0, "now_overdue": [], "checks_moved": 0, "checks_now_overdue": []}' \
	"import --json: each day as the change the server answered"

cat >"$T_TMP/unclosed.ics" <<'EOF'
BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
DTSTART;VALUE=DATE:20270301
SUMMARY:Nghỉ
END:VEVENT
EOF
cli calendar import "$T_TMP/unclosed.ics"
rc_is 2 "an .ics without END:VCALENDAR is refused (2)"
like "$ERR" "unclosed.ics: cannot parse it as an iCalendar" "... naming the file"
printf 'BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:2027xx01\nSUMMARY:Nghỉ\nEND:VEVENT\nEND:VCALENDAR\n' >"$T_TMP/baddate.ics"
cli calendar import "$T_TMP/baddate.ics"
rc_is 2 "an .ics libical cannot read a DTSTART of is refused (2)"
like "$ERR" "baddate.ics: cannot parse it as an iCalendar \(.ics\) file: .*2027xx01" "... with libical's reason"
printf 'BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270305\nDTEND;VALUE=DATE:20270303\nSUMMARY:Ngược\nEND:VEVENT\nEND:VCALENDAR\n' >"$T_TMP/backwards.ics"
cli calendar import "$T_TMP/backwards.ics"
rc_is 2 "an event ending before it starts is refused (2)"
like "$ERR" "event 'Ngược': DTEND is not after DTSTART" "... naming the event"
printf 'not a calendar\n' >"$T_TMP/text.ics"
cli calendar import "$T_TMP/text.ics"
rc_is 2 "a text file is refused (2)"
cli calendar import "$T_TMP/none.ics"
rc_is 2 "a missing file is refused (2)"
like "$ERR" "none.ics: cannot read it" "... naming the file"
cli --json calendar show 2027
is "$(jget '[x["date"] for x in d["edits"] if x["date"] >= "2027-03-01"]')" "[]" \
	"the refused files changed nothing"

# ---- deadlines of open files ----------------------------------------------------------
# A candidate's file at the cell vote: the committee must decide within 60
# working days.  The vote is dated so that the decision is due on the first
# working day from today on; making an earlier Saturday a working day brings
# the deadline before today, so the file becomes overdue.

daemon_stop
D2=$T_TMP/d2
if ! daemon_start "$D2"; then
	fail "a second hosod starts"
	done_testing
fi
TODAY=$("$PY" -c 'import datetime
print((datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date())')
cli --json calendar add-workdays "$(day "$TODAY" -1)" 1
DUE=$(jget 'd["date"]')
V=$(day "$TODAY" -84)
for _ in $(seq 1 60); do
	cli --json calendar workdays "$V" "$DUE"
	n=$(jget 'd["workdays"]')
	if [ "$n" -gt 60 ]; then V=$(day "$V" 1)
	elif [ "$n" -lt 60 ]; then V=$(day "$V" -1)
	else break; fi
done
note "today $TODAY; cell vote on $V, decision due $DUE"

id_of() { jget 'd["id"]'; }
cli --json org add --kind district --name "Quận ủy Thử Nghiệm" --code QTN
DIS=$(id_of)
cli --json org add --kind ward --name "Đảng ủy Phường 9" --parent "$DIS"
WARD=$(id_of)
cli --json org add --kind cell --name "Chi bộ Khu phố 1" --parent "$WARD"
CELL=$(id_of)
cli --json person add --name "Nguyễn Văn Hùng" --born 1968-04-12 --gender male \
	--id-number 079068000101 --cell "$CELL" --member official --member-since 1995-02-03
M1=$(id_of)
cli --json person add --name "Trần Thị Mai" --born 1975-09-30 --gender female \
	--id-number 079175000102 --cell "$CELL" --member official --member-since 2001-05-19
M2=$(id_of)
cli --json person add --name "Lê Quốc Bảo" --born 1980-01-25 --gender male \
	--id-number 079080000103 --cell "$CELL" --member official --member-since 2008-03-26
cli --json person add --name "Phan Thanh Long" --born 1996-08-20 --gender male \
	--id-number 079096000104 --cell "$CELL" --residence "$WARD" --education university \
	--identified "$(day "$V" -400)"
A=$(id_of)
steps_ok=true
step() { cli "$@"; [ "$RC" = 0 ] || { steps_ok=false; note "failed: $* -> $ERR"; }; }
step person advance "$A" --to in-course --at "$(day "$V" -390)"
step person advance "$A" --to course-passed --at "$(day "$V" -380)" --cert-number 15/GCN-TTCT
step person advance "$A" --to mentored --at "$(day "$V" -370)" --mentor "$M1" --mentor "$M2"
step person advance "$A" --to dossier --at "$(day "$V" -60)"
for k in application background introduction mass-org-comment residence-cell-comment summary; do
	step person doc "$A" --kind "$k" --date "$(day "$V" -50)"
done
step person introducer "$A" --member "$M1" --since "$(day "$V" -400)"
step person introducer "$A" --member "$M2" --since "$(day "$V" -400)"
step person advance "$A" --to verifying --at "$(day "$V" -30)"
step person check "$A" conclude 1 --date "$(day "$V" -10)"
step person advance "$A" --to cell-vote --at "$V" --votes-for 3 --votes-against 0
cli --json person file "$A"
if $steps_ok && [ "$(jget 'd["stage"]')" = cell-vote ]; then
	pass "a candidate's file reaches the cell vote through the CLI"
else
	fail "a candidate's file reaches the cell vote through the CLI" "$OUT"
fi
is "$(jget 'd["decision_due"]')" "$DUE" "the decision is due 60 working days after the vote: $DUE"

# A Saturday between the vote and today made a working day.
wd=$(weekday "$V")
SAT=$(day "$V" $(( (5 - wd + 7) % 7 == 0 ? 7 : (5 - wd + 7) % 7 )))
cli --json calendar set "$SAT" work --reason "Làm bù (thử)"
rc_is 0 "set Saturday $SAT work"
is "$(jget 'd["deadlines_moved"]')" 1 "the file's decision deadline moved"
is "$(jget 'd["now_overdue"]')" "[$A]" "and the file is now overdue: now_overdue names the candidate"
cli --json calendar add-workdays "$V" 60
NEWDUE=$(jget 'd["date"]')
cli --json person file "$A"
is "$(jget 'd["decision_due"]')" "$NEWDUE" "the file's deadline is the new 60th working day ($NEWDUE)"
cli calendar unset "$SAT"
rc_is 0 "unset the Saturday"
like "$OUT" "Deadlines of open files moved: 1" "unset (human): the deadline moved back"
cli calendar set "$SAT" work --reason "Làm bù (thử)"
like "$OUT" "Files now overdue:" "set (human) lists the files now overdue"
like "$OUT" "$A \(Phan Thanh Long\)" "... by number and name"
cli --json calendar unset "$SAT"
# A working day between the vote and the deadline made a day off.
cli --json calendar add-workdays "$SAT" 1
MON=$(jget 'd["date"]')
cli --json calendar set "$MON" off --reason "Nghỉ (thử)"
rc_is 0 "set the working day $MON off"
is "$(jget '[d["deadlines_moved"], d["now_overdue"]]')" "[1, []]" \
	"a day off pushes the deadline later: moved, nobody overdue"
cli --json person file "$A"
is "$(jget 'd["decision_due"] > "'"$DUE"'"')" true "the deadline is later than $DUE"
cli --json calendar unset "$MON"

# ---- valgrind ----------------------------------------------------------------------------

if command -v valgrind >/dev/null && [ "${SANITIZE:-}" != 1 ]; then
	vg() {
		valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
			--error-exitcode=99 "$HOSO" --server "127.0.0.1:$D_PORT" "$@" \
			>"$T_TMP/vg.out" 2>"$T_TMP/vg.err" </dev/null
		local rc=$?
		if [ "$rc" = 99 ]; then fail "valgrind: hoso $*" "$(cat "$T_TMP/vg.err")"
		else pass "valgrind: hoso $* (exit $rc)"; fi
	}
	vg calendar show 2027
	vg --json calendar show 2027
	vg calendar lunar 2026-02-17
	vg calendar add-workdays 2026-02-13 1
	vg calendar workdays 2026-02-13 2026-02-28
	vg calendar set "$SAT" work --reason "Làm bù (thử)"
	vg calendar unset "$SAT"
	vg calendar unset "$SAT"
	vg calendar set 2026-02-30 off --reason x
	vg calendar import "$DATA/tet-2027.ics"
	vg --json calendar import "$DATA/tet-2027.ics" --dry-run
	vg calendar import "$T_TMP/unclosed.ics"
	vg calendar import "$T_TMP/baddate.ics"
	vg calendar import "$T_TMP/backwards.ics"
else
	skip "valgrind" "not installed, or under the sanitizers"
fi

daemon_stop
is "$D_STATUS" 0 "hosod stops cleanly after the edits"
done_testing
