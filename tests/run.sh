#!/usr/bin/env bash
# Runs every test: C unit tests, integration scripts, Python protocol tests.
# Each prints TAP-style "ok ..." / "not ok ..." lines; a program that exits
# non-zero without a "not ok" line counts as one failure.  Ends with the line
# "N passed, N failed" and writes the two numbers to $B/test-counts.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-build}
case $B in /*) ;; *) B=$top/$B ;; esac
export B HOSOD=$B/hosod HOSO=$B/hoso TOP=$top
export PYTHONPATH=$B/proto${PYTHONPATH:+:$PYTHONPATH}
export LOCPATH= HOSO_LOCALEDIR=$B/locale
if [ "${SANITIZE:-}" = 1 ]; then
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
	export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
PY=/usr/bin/python3
filter=${1:-}
passed=0 failed=0 skipped=0
logdir=$B/test-logs
mkdir -p "$logdir"

run_one() {
	local name=$1; shift
	case $name in *"$filter"*) ;; *) return ;; esac
	local log=$logdir/$(basename "$name").log
	timeout -k 10 "${TEST_TIMEOUT:-600}" "$@" >"$log" 2>&1
	local rc=$?
	[ "$rc" -eq 124 ] && echo "not ok - $name timed out" >>"$log"
	local ok notok skip
	# A skipped check ("ok N - ... # SKIP why") tested nothing: not a pass.
	skip=$(grep -c '^ok .*# SKIP' "$log")
	ok=$(($(grep -c '^ok ' "$log") - skip))
	notok=$(grep -c '^not ok ' "$log")
	skipped=$((skipped + skip))
	if [ "$rc" -ne 0 ] && [ "$notok" -eq 0 ]; then
		notok=1
		echo "not ok - $name exited with status $rc" >>"$log"
	fi
	passed=$((passed + ok)); failed=$((failed + notok))
	if [ "$notok" -gt 0 ]; then
		printf 'FAIL %-40s %d passed, %d failed (log: %s)\n' "$name" "$ok" "$notok" "$log"
		grep -E '^(not ok|#)' "$log" | head -n 30 | sed 's/^/    /'
		tail -n 15 "$log" | sed 's/^/    | /'
	else
		printf 'ok   %-40s %d passed%s\n' "$name" "$ok" \
			"$([ "$skip" -gt 0 ] && echo ", $skip skipped")"
	fi
}

for t in "$B"/tests/test_*; do
	[ -x "$t" ] || continue
	run_one "unit/$(basename "$t")" "$t"
done
# The fuzz targets on their seeds and past crashes (gcc replay programs).
[ -d "$B/fuzz-replay" ] && run_one "fuzz/replay" "$top/tests/fuzz/run.sh" --replay
# Scripts by directory, each with its runner.  tests/gui/run.sh drives the
# GUI under a private X display (tests/gui/README.md), or says SKIP where
# Xvfb or the GUI is missing.
for spec in "integration/*.sh bash" "crash/*.sh bash" "crash/*.py $PY" \
    "python/*.py $PY" "gui/*.py bash $top/tests/gui/run.sh"; do
	set -- $spec
	glob=$1; shift
	for t in "$top"/tests/${glob%%/*}/test_${glob#*/}; do
		[ -f "$t" ] || continue
		run_one "${glob%%/*}/$(basename "$t")" "$@" "$t"
	done
done

echo "$passed $failed" >"$B/test-counts"
[ "$skipped" -gt 0 ] && echo "checks skipped (counted neither way): $skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
