#!/usr/bin/env bash
# The CLI contract of the recruitment workflow against a real hosod:
# hoso person advance|moves|file|history|doc|introducer|mentor|relative|
# check|evaluate|due-evaluations and hoso quota set|show.  A refused move
# exits 1 and lists each unmet requirement on its own line; usage errors
# exit 2; with LANG=vi_VN.UTF-8 a refusal is in Vietnamese.  A command the
# CLI does not have yet (exit 2, "unknown command" / "has no command") makes
# its checks "# SKIP not implemented yet".  Every person is invented.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

if [ ! -x "$HOSOD" ] || [ ! -x "$HOSO" ]; then
	fail "hosod and hoso are built" "missing $HOSOD or $HOSO (run make)"
	done_testing
fi

# have NOUN VERB: the CLI knows the command (its --help is not refused as
# an unknown command).
declare -A HAVE=()
have() {
	local key="$1 $2"
	if [ -z "${HAVE[$key]:-}" ]; then
		run "$1" "$2" --help
		if [ "$RC" = 2 ] && [[ "$ERR$OUT" =~ (unknown command|has no command) ]]; then
			HAVE[$key]=no
		else
			HAVE[$key]=yes
		fi
	fi
	[ "${HAVE[$key]}" = yes ]
}

# needs DESC NOUN VERB [NOUN VERB]...: true when every command exists, else
# a SKIP line for DESC.
needs() {
	local desc=$1; shift
	while [ $# -ge 2 ]; do
		if ! have "$1" "$2"; then
			skip "$desc" "not implemented yet (hoso $1 $2)"
			return 1
		fi
		shift 2
	done
	return 0
}

# Requirement lines of the last refusal ("  - ..." on stderr).
req_lines() { printf '%s\n' "$ERR" | grep -c '^  - '; }

# rc_and_reqs WANT_RC WANT_LINES DESC: the exit status and the number of
# requirement lines of the last command.
rc_and_reqs() {
	local n
	n=$(req_lines)
	if [ "$RC" = "$1" ] && [ "$n" = "$2" ]; then pass "$3"
	else fail "$3" "exit $RC (want $1), $n requirement lines (want $2)
stderr: $(printf '%s' "$ERR" | head -c 800)"; fi
}

for c in "person advance" "person moves" "person file" "person history" "person doc" \
	"person introducer" "person mentor" "person relative" "person check" \
	"person evaluate" "person due-evaluations" "quota set" "quota show"; do
	# shellcheck disable=SC2086
	if have $c; then pass "hoso $c exists"
	else skip "hoso $c exists" "not implemented yet"; fi
done

D1=$T_TMP/d1
if ! daemon_start "$D1"; then
	fail "hosod starts"
	done_testing
fi
pass "hosod starts ($D_PORT)"

id_of() { jget 'd["id"]'; }

cli --json org add --kind district --name "Quận ủy Bình Thạnh" --code QBT-WF
DIS=$(id_of)
cli --json org add --kind ward --name "Đảng ủy Phường 25" --parent "$DIS" --code P25-WF
WARD=$(id_of)
cli --json org add --kind cell --name "Chi bộ Khu phố 1" --parent "$WARD" --code CB-P25-01-WF
CELL=$(id_of)
cli --json org add --kind cell --name "Chi bộ Khu phố 2" --parent "$WARD" --code CB-P25-02-WF
CELL2=$(id_of)
like "$DIS $WARD $CELL $CELL2" '^[0-9]+ [0-9]+ [0-9]+ [0-9]+$' "a district, a ward and two cells"

# Members entered directly: three in cell 1 (its roll is 3), one in cell 2.
add_member() {  # NAME BORN GENDER CCCD CELL SINCE
	cli --json person add --name "$1" --born "$2" --gender "$3" --id-number "$4" \
		--cell "$5" --member official --member-since "$6"
	if [ "$RC" != 0 ]; then fail "member $1" "$ERR"; echo 0; return; fi
	id_of
}
M1=$(add_member "Nguyễn Văn Hùng" 1968-04-12 male 079068700001 "$CELL" 1995-02-03)
M2=$(add_member "Trần Thị Mai" 1975-09-30 female 079175700002 "$CELL" 2001-05-19)
M3=$(add_member "Lê Quốc Bảo" 1980-01-25 male 001080700003 "$CELL" 2008-03-26)
M4=$(add_member "Dương Công Vinh" 1978-05-05 male 079078700004 "$CELL2" 2005-08-19)
like "$M1 $M2 $M3 $M4" '^[1-9][0-9]* [1-9][0-9]* [1-9][0-9]* [1-9][0-9]*$' "four official members entered directly"

cli --json person show "$M1"
is "$(jget 'd.get("stage")')" null "a member entered directly has no stage"

cli --json person add --name "Phan Thanh Long" --born 1996-08-20 --gender male \
	--id-number 079096700005 --cell "$CELL" --residence "$WARD" --education university \
	--introduced-by youth-union --identified 2021-01-04
rc_is 0 "person add a candidate identified on 2021-01-04"
A=$(id_of)
cli person show "$A" --json
is "$(jget 'd["stage"]')" identified "person show --json has \"stage\": identified"
is "$(jget 'd["stage_since"]')" 2021-01-04 "person show --json has \"stage_since\""

# ---- person advance: refusals and the whole path ------------------------------

if needs "the workflow path" person advance; then
	cli person advance "$A" --to cell-vote --at 2021-02-01
	rc_is 1 "advance identified -> cell-vote: refused (exit 1)"
	like "$ERR" "no move from 'identified' to 'approved by the cell vote'" "  ... 'there is no move from ... to ...'"
	cli person advance "$A" --to in-course --at 2999-01-01
	rc_is 1 "advance --at in the future: refused (exit 1)"
	like "$ERR" "in the future" "  ... saying the date is in the future"
	cli person advance "$A" --to in-course --at 2021-01-03
	rc_is 1 "advance --at before the last step: refused (exit 1)"
	like "$ERR" "before the file's last step" "  ... saying it is before the last step"
	cli person advance "$A" --to in-course --at 2021-03-01 --expect-version 7
	rc_is 1 "advance --expect-version 7 on a file at version 1: refused (exit 1)"
	like "$ERR" "changed by someone else" "  ... the file was changed by someone else"
	cli person advance "$A" --to in-course --at 2021-03-01 --cert-number 15
	rc_is 2 "--cert-number with --to in-course is a usage error (2)"
	cli person advance "$A" --to promoted
	rc_is 2 "--to with an unknown stage is a usage error (2)"
	cli person advance "$A" --at 2021-03-01
	rc_is 2 "advance without --to is a usage error (2)"

	cli person advance "$A" --to in-course --at 2021-03-01 --expect-version 1 \
		--note "Cử đi học lớp bồi dưỡng nhận thức về Đảng khóa 1/2021"
	rc_is 0 "advance --to in-course --at 2021-03-01 --note ..."
	cli person show "$A" --json
	is "$(jget 'd["stage"]') $(jget 'd["stage_since"]')" "in-course 2021-03-01" \
		"person show: stage in-course since 2021-03-01"

	cli person advance "$A" --to course-passed --at 2021-04-15
	rc_and_reqs 1 1 "course-passed without --cert-number: exit 1, one requirement line"
	like "$ERR" "certificate number" "  ... naming the certificate number"
	like "$ERR" "missing \(--cert-number\)" "  ... and the option that gives it (the CLI's hint)"
	cli person moves "$A" --at 2021-04-15 --json
	is "$(jget '[q["message"] for m in d["moves"] for q in m["unmet"] if "--" in q["message"]]')" \
		"[]" "the server's requirement texts name no CLI options (the GUI shows them too)"
	cli person advance "$A" --to course-passed --at 2021-04-15 --cert-number 15/GCN-TTCT --json
	rc_is 0 "course-passed --cert-number 15/GCN-TTCT"
	is "$(jget 'd["course_cert_number"]') $(jget 'd["course_cert_date"]')" "15/GCN-TTCT 2021-04-15" \
		"the file (--json) has the certificate number and date"

	cli person advance "$A" --to mentored --at 2021-05-03
	rc_and_reqs 1 1 "mentored without --mentor: exit 1, one requirement line"
	cli person advance "$A" --to mentored --at 2021-05-03 --mentor "$M1" --mentor "$M2" --json
	rc_is 0 "mentored --mentor M1 --mentor M2"
	is "$(jget '[m["member_id"] for m in d["mentors"]]')" "[$M1, $M2]" "both mentors are on the file"
fi

# ---- monthly evaluations --------------------------------------------------------

if needs "monthly evaluations" person evaluate person due-evaluations; then
	cli person evaluate "$A" --month 2021-05 --rating good --evaluator "$M1" \
		--comment "Tích cực, gương mẫu ở khu phố"
	rc_is 0 "evaluate --month 2021-05 --rating good"
	cli person evaluate "$A" --month 2021-05 --rating fair
	rc_is 1 "the same month twice: refused (exit 1)"
	cli person evaluate "$A" --month 2021-13 --rating good
	if [ "$RC" = 1 ] || [ "$RC" = 2 ]; then pass "month 2021-13 is refused (exit $RC)"
	else fail "month 2021-13 is refused" "exit $RC"; fi
	cli person evaluate "$A" --month 2099-01 --rating good
	rc_is 1 "a month that has not begun: refused (exit 1)"
	cli person due-evaluations --cell "$CELL" --as-of 2021-09-15 --json
	rc_is 0 "due-evaluations --cell --as-of 2021-09-15"
	is "$(jget "[i['months'] for i in d['items'] if i['person_id'] == $A]")" \
		'[["2021-06", "2021-07", "2021-08"]]' "  ... lists the months since mentoring without one"
fi

# ---- the dossier, checks, vote, decision, probation, recognition ------------------

if needs "the dossier and the rest of the path" person advance person doc person introducer \
	person relative person check person moves person file; then
	cli person advance "$A" --to dossier --at 2022-09-05
	rc_is 0 "advance --to dossier"
	cli person advance "$A" --to verifying --at 2022-10-10
	rc_and_reqs 1 7 "verifying with no paper and no introducer: exit 1, 7 requirement lines"
	like "$ERR" "application for admission" "  ... the application is named"
	like "$ERR" "introduction by two official members" "  ... and the introducers"
	cli person moves "$A" --at 2022-10-10 --json
	rc_is 0 "person moves --at 2022-10-10 --json"
	is "$(jget '[len(m["unmet"]) for m in d["moves"] if m["to"] == "verifying"]')" "[7]" \
		"  ... the move to verifying has 7 unmet requirements"
	is "$(jget '[m["possible"] for m in d["moves"] if m["to"] == "verifying"]')" "[false]" \
		"  ... and is not possible"
	cli person moves "$A" --at 2022-10-10
	rc_is 0 "person moves (text)"
	like "$OUT" "✗ verifying" "  ... marks verifying as not possible"

	n=0
	for k in application background introduction mass-org-comment residence-cell-comment summary; do
		cli person doc "$A" --kind "$k" --date 2022-09-20
		[ "$RC" = 0 ] && n=$((n + 1))
	done
	is "$n" 6 "person doc: the six papers are recorded"
	cli person advance "$A" --to verifying --at 2022-10-10
	rc_and_reqs 1 1 "with the papers but no introducer: one requirement line"
	cli person introducer "$A" --member "$M3" --since 2022-01-10 --date 2022-09-12
	rc_is 0 "person introducer --member M3 --since 2022-01-10"
	cli person advance "$A" --to verifying --at 2022-10-10
	rc_and_reqs 1 2 "an introducer known under 12 months: two requirement lines"
	like "$ERR" "has known the candidate only since (2022-01-10|10/01/2022)" \
		"  ... naming the short acquaintance"
	cli person introducer "$A" --member "$M1" --since 2019-03-01 --date 2022-09-12
	rc_is 0 "person introducer --member M1"
	cli person introducer "$A" --member "$M2" --since 2020-05-01 --date 2022-09-12
	rc_is 0 "person introducer --member M2"
	cli person introducer "$A" --org womens-union
	rc_is 2 "person introducer --org womens-union is a usage error (2)"
	cli person relative "$A" --relation father --name "Phan Văn Cường" --born 1966-02-14 \
		--residence "12 Nơ Trang Long" --residence-ward "$WARD"
	rc_is 0 "person relative --relation father"
	cli person relative "$A" --relation mother --name "Nguyễn Thị Hạnh" --born 1970-07-01
	rc_is 0 "person relative --relation mother"
	cli person moves "$A" --at 2022-10-10 --json
	is "$(jget '[m["possible"] for m in d["moves"] if m["to"] == "verifying"]')" "[true]" \
		"person moves: verifying is possible now"
	cli person advance "$A" --to verifying --at 2022-10-10 --json
	rc_is 0 "advance --to verifying"
	is "$(jget '[(c["relation"], c["status"]) for c in d["checks"]]')" \
		'[["self", "pending"], ["father", "pending"], ["mother", "pending"]]' \
		"  ... checks of the candidate and both parents are proposed, pending"
	CK=$(jget '[c["id"] for c in d["checks"]]')
	read -r C1 C2 C3 <<<"$(printf '%s' "$CK" | tr -d '[],')"

	cli person check "$A" conclude "$C1" --date 2022-11-01
	rc_is 0 "person check conclude (the candidate)"
	cli person check "$A" conclude "$C2" --date 2022-11-03 --concern
	rc_is 0 "person check conclude --concern (the father)"
	cli person check "$A" conclude "$C3" --date 2022-11-20
	rc_is 0 "person check conclude (the mother)"
	cli person advance "$A" --to cell-vote --at 2023-05-15 --votes-for 2 --votes-against 1
	rc_and_reqs 1 1 "an open concern: exit 1, one requirement line"
	like "$ERR" "raised a concern" "  ... the concern is named"
	cli person check "$A" resolve "$C2" --date 2022-12-01
	rc_is 0 "person check resolve"
	cli person check "$A" add --relation sibling --subject "Phan Thị Thảo"
	if [ "$RC" = 1 ] || [ "$RC" = 2 ]; then pass "person check add without --reason is refused (exit $RC)"
	else fail "person check add without --reason is refused" "exit $RC"; fi
	cli person check "$A" add --relation sibling --subject "Phan Thị Thảo" \
		--reason "Sống cùng hộ khẩu" --json
	rc_is 0 "person check add --relation sibling --reason ..."
	C4=$(jget '[c["id"] for c in d["checks"]][-1]')
	cli person check "$A" waive "$C4" --reason "Đã xác minh khi kết nạp Đoàn"
	rc_is 0 "person check waive --reason"

	cli person advance "$A" --to cell-vote --at 2023-05-15 --votes-for 1 --votes-against 2
	rc_and_reqs 1 1 "1 of 3 in favour: exit 1, one requirement line"
	like "$ERR" "only 1 of the cell's 3 official members voted in favour; at least 2 needed" \
		"  ... 'only 1 of the cell's 3 ... at least 2 needed'"
	cli person advance "$A" --to cell-vote --at 2023-05-15 --votes-for 2 --votes-against 1 --json
	rc_is 0 "advance --to cell-vote --votes-for 2 --votes-against 1"
	# Mon 2023-05-15 + 60 working days (12 weeks, no holiday in between).
	is "$(jget 'd["decision_due"]')" 2023-08-07 "  ... decision due 60 working days later: 2023-08-07"
	cli person advance "$A" --to proposed --at 2023-06-01 --extension-days 31
	rc_and_reqs 1 1 "an extension of 31 days: exit 1"
	cli person advance "$A" --to proposed --at 2023-06-01 --extension-days 5 --json
	rc_is 0 "advance --to proposed --extension-days 5"
	is "$(jget 'd["decision_due"]')" 2023-08-14 "  ... decision due 65 working days after the vote"
	cli person advance "$A" --to decided --at 2023-06-20
	rc_and_reqs 1 1 "decided without --decision-number: exit 1"
	cli person advance "$A" --to decided --at 2023-06-20 --decision-number 1234-QĐ/QU --json
	rc_is 0 "advance --to decided --decision-number"
	is "$(jget 'd["ceremony_due"]')" 2023-08-01 "  ... ceremony due 30 working days later: 2023-08-01"
	cli person advance "$A" --to probation --at 2023-07-10 --json
	rc_is 0 "advance --to probation (the ceremony)"
	is "$(jget 'd["probation_end"]')" 2024-07-10 "  ... probation ends 12 months later"
	cli person show "$A" --json
	is "$(jget 'd["membership"]')" probationary "the person is a probationary member"
	cli person advance "$A" --to official --at 2024-11-20 --vote-date 2024-07-01 \
		--course-date 2024-03-15 --votes-for 3 --decision-number 567-QĐ/QU
	rc_and_reqs 1 1 "a recognition vote before the end of probation: exit 1"
	like "$ERR" "before the end of probation" "  ... it says so"
	cli person advance "$A" --to official --at 2024-11-20 --vote-date 2024-11-05 \
		--course-date 2024-03-15 --votes-for 3 --votes-against 0 --decision-number 567-QĐ/QU --json
	rc_is 0 "advance --to official with a vote months late"
	is "$(jget 'd["official_date"]')" 2024-07-10 "  ... official from the end of the 12 months"
	is "$(jget 'd["official_date"] == d["probation_end"]')" true "  ... official_date == probation_end"
	cli person show "$A" --json
	is "$(jget 'd["membership"]') $(jget 'd["stage"]')" "official official" \
		"person show: an official member at stage official"
	cli person file "$A"
	rc_is 0 "person file (text) of the official member"
	cli person advance "$M1" --to in-course --at 2023-01-01
	rc_is 1 "advance a member entered directly: refused (exit 1)"
	like "$ERR" "entered directly" "  ... not a candidate"
fi

# ---- history ------------------------------------------------------------------------

if needs "person history" person history; then
	cli person history "$A" --json
	rc_is 0 "person history --json"
	N=$(jget 'len(d["items"])')
	like "$N" '^[1-9][0-9]+$' "  ... $N entries"
	is "$(jget '[e["seq"] for e in d["items"]] == list(range(1, len(d["items"]) + 1))')" true \
		"  ... seq 1, 2, 3 ... in order"
	is "$(jget '[(e["from"], e["to"]) for e in d["items"] if e["kind"] == "stage"][-1]')" \
		'["probation", "official"]' "  ... the last move is probation -> official"
	cli person history "$A" --limit 2 --json
	is "$(jget 'len(d["items"])')" 2 "person history --limit 2 gives 2 entries"
	CUR=$(jget 'd["next"]')
	like "$CUR" '.' "  ... and a cursor"
	cli person history "$A" --limit 2 --cursor "$CUR" --json
	is "$(jget '[e["seq"] for e in d["items"]]')" "[3, 4]" "  ... which continues with entries 3 and 4"
	cli person history "$A"
	rc_is 0 "person history (text)"
	like "$OUT" "identified → in-course" "  ... shows the moves"
fi

# ---- on hold and moved ---------------------------------------------------------------

if needs "on hold and moved" person advance person moves; then
	cli --json person add --name "Huỳnh Thị Thu Trang" --born 1994-03-22 --gender female \
		--id-number 079194700006 --cell "$CELL" --education upper-secondary --identified 2022-02-01
	B=$(id_of)
	cli person advance "$B" --to in-course --at 2022-02-10
	cli person advance "$B" --to course-passed --at 2022-03-20 --cert-number 20/GCN
	cli person advance "$B" --to mentored --at 2022-04-12 --mentor "$M2"
	rc_is 0 "a second candidate is mentored"
	cli person advance "$B" --to on-hold --at 2022-08-01
	rc_and_reqs 1 1 "on-hold without --reason: exit 1"
	cli person advance "$B" --to on-hold --at 2022-08-01 --reason "Nghỉ thai sản"
	rc_is 0 "on-hold --reason 'Nghỉ thai sản'"
	cli person moves "$B" --json
	is "$(jget 'sorted(m["to"] for m in d["moves"])')" '["mentored", "moved", "removed", "withdrawn"]' \
		"person moves from on-hold: the held stage and the exits"
	cli person advance "$B" --to dossier --at 2023-02-01
	rc_is 1 "on-hold -> dossier: refused (exit 1)"
	cli person advance "$B" --to mentored --at 2023-02-01 --json
	rc_is 0 "on-hold -> mentored: resumes where it stopped"
	is "$(jget 'd["stage"]')" mentored "  ... stage mentored"
	cli person advance "$B" --to moved --at 2023-02-15 --cell "$CELL"
	rc_and_reqs 1 1 "moved to the same cell: exit 1"
	cli person advance "$B" --to moved --at 2023-02-15 --cell "$CELL2" --note "Chuyển nơi cư trú"
	rc_is 0 "advance --to moved --cell CELL2"
	cli person show "$B" --json
	is "$(jget 'd["cell_id"]') $(jget 'd["stage"]')" "$CELL2 mentored" "  ... now in cell 2, still mentored"
	cli person list --cell "$CELL2" --json
	is "$(jget "any(p['id'] == $B for p in d['items'])")" true "person list --cell CELL2 lists her"
	if have person history; then
		cli person history "$B" --json
		is "$(jget 'd["items"][-1]["kind"]')" moved "  ... her history ends with a 'moved' entry"
	fi
fi

# ---- quotas ------------------------------------------------------------------------------

if needs "quotas" quota set quota show; then
	cli quota set --org "$DIS" --year 2023 --target 4
	rc_is 0 "quota set --org --year 2023 --target 4"
	cli quota set --org "$DIS" --term 2020-2025 --target 20 --json
	rc_is 0 "quota set --org --term 2020-2025 --target 20"
	is "$(jget '(d["term_start"], d["term_end"], d["target"])')" "[2020, 2025, 20]" "  ... the term quota (--json)"
	cli quota set --org "$DIS" --year 2023 --term 2020-2025 --target 3
	rc_is 2 "quota set with --year and --term is a usage error (2)"
	cli quota set --org "$DIS" --year 2023
	rc_is 2 "quota set without --target is a usage error (2)"
	cli quota set --org 99999 --year 2023 --target 3
	rc_is 1 "quota set for an unknown unit: refused (exit 1)"
	cli quota show --org "$DIS" --year 2023 --json
	rc_is 0 "quota show --org --year 2023 --json"
	is "$(jget '(d["target"], d["admitted"], float(d["percent"]))')" "[4, 1, 25.0]" \
		"  ... target 4, admitted 1 (the 2023 ceremony), percent 25"
	is "$(jget '[(c["org_id"], c["admitted"]) for c in d["children"]]')" "[[$WARD, 1]]" \
		"  ... the ward below, with its admission"
	cli quota show --org "$DIS" --term 2020-2025 --json
	is "$(jget '(d["target"], d["admitted"], float(d["percent"]))')" "[20, 1, 5.0]" \
		"quota show --term 2020-2025: target 20, admitted 1, 5 percent"
	cli quota show --org "$DIS" --year 2024 --json
	is "$(jget '(d["target"], d["admitted"])')" "[0, 0]" "quota show --year 2024: no target, none admitted"
	cli quota show --org "$DIS" --year 2023
	rc_is 0 "quota show (text)"
	like "$OUT" "1/4" "  ... shows admitted/target"
fi

# ---- a refusal in Vietnamese -------------------------------------------------------------

if needs "refusals in Vietnamese" person advance; then
	cli --json person add --name "Võ Hoàng Nam" --born 2001-09-09 --gender male \
		--id-number 079201700007 --cell "$CELL" --identified 2022-01-10
	V=$(id_of)
	cli person advance "$V" --to in-course --at 2022-01-20
	cli person advance "$V" --to course-passed --at 2022-03-01 --cert-number 30/GCN
	cli person advance "$V" --to mentored --at 2022-03-10 --mentor "$M3"
	cli person advance "$V" --to dossier --at 2022-07-01
	rc_is 0 "a third candidate reaches the dossier"
	if ! grep -q "^msgid \"the file cannot move to '%s' yet" "$TOP/po/vi.po" ||
		! grep -q '^msgid "%s missing"' "$TOP/po/vi.po"; then
		skip "a refusal's lines are Vietnamese" "po/vi.po lacks the workflow messages yet"
	else
		LANG=C.UTF-8 cli person advance "$V" --to verifying --at 2022-08-01
		EN=$ERR
		LANG=vi_VN.UTF-8 cli person advance "$V" --to verifying --at 2022-08-01
		rc_and_reqs 1 7 "LANG=vi_VN.UTF-8: the refusal exits 1 with 7 requirement lines"
		bad=0
		while IFS= read -r line; do
			[[ $line =~ [ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉĩọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ] ]] || bad=$((bad + 1))
		done <<<"$ERR"
		if [ "$bad" = 0 ] && [ "$ERR" != "$EN" ]; then pass "  ... every line is Vietnamese"
		else fail "  ... every line is Vietnamese" "$bad lines without Vietnamese letters:
$ERR"; fi
		if printf '%s\n' "$ERR" | grep -qE 'missing|introduction by|application for'; then
			fail "  ... no English requirement is left" "$ERR"
		else
			pass "  ... no English requirement is left"
		fi
	fi
fi

daemon_stop
is "$D_STATUS" 0 "hosod exits 0 on SIGTERM"
done_testing
