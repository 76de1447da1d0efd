#!/usr/bin/env bash
# Runs the fuzz targets (see tests/fuzz/README.md); prints TAP lines and
# ends with "N passed, N failed"; exits non-zero if anything failed.
#
#   tests/fuzz/run.sh            each libFuzzer binary in $FUZZ_B/fuzz/ (make
#                                fuzz): replay tests/fuzz/regress/<name>/, then
#                                fuzz for $FUZZ_SECONDS from a working corpus
#                                in $FUZZ_B/corpus/<name>/ plus the seeds
#   tests/fuzz/run.sh --replay   each replay program in $B/fuzz-replay/ (make
#                                fuzz-regress) on regress/<name>/ and the seeds
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
mode=fuzz
[ "${1:-}" = --replay ] && mode=replay
secs=${FUZZ_SECONDS:-60}
passed=0 failed=0

# The targets' private stores go here, and go away with it.
tmp=$(mktemp -d "$( [ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/hoso-fuzz-run.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export FUZZ_TMPDIR=$tmp

ok() { echo "ok - $*"; passed=$((passed + 1)); }
notok() { echo "not ok - $*"; failed=$((failed + 1)); }

# Largest input per target: a few frames, a request, a short stream.
max_len() {
	case $1 in
	frame) echo 65536 ;;
	request) echo 16384 ;;
	dispatch) echo 8192 ;;
	*) echo 1024 ;;
	esac
}

if [ "$mode" = replay ]; then
	B=${B:-build}
	case $B in /*) ;; *) B=$top/$B ;; esac
	if [ "${SANITIZE:-}" = 1 ]; then
		export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
		export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	fi
	for bin in "$B"/fuzz-replay/fuzz_*; do
		case $bin in *.o|*.d) continue ;; esac
		[ -x "$bin" ] || continue
		name=${bin##*/fuzz_}
		dirs=()
		for d in "$top/tests/fuzz/regress/$name" "$top/tests/fuzz/corpus/$name"; do
			[ -d "$d" ] && dirs+=("$d")
		done
		[ ${#dirs[@]} -gt 0 ] || continue
		log=$tmp/replay-$name.log
		"$bin" "${dirs[@]}" >"$log" 2>&1
		rc=$?
		n=$(grep -c '^ok - replay' "$log")
		if [ "$rc" -eq 0 ] && [ "$n" -eq 0 ]; then
			notok "fuzz_$name replayed no input (empty seed directory?)"
		elif [ "$rc" -eq 0 ]; then
			ok "fuzz_$name replays $n regression and seed inputs"
		else
			notok "fuzz_$name replay exited with status $rc"
			tail -n 20 "$log" | sed 's/^/#   /'
		fi
	done
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi

FB=${FUZZ_B:-build-fuzz}
case $FB in /*) ;; *) FB=$top/$FB ;; esac
mkdir -p "$FB/logs"
for bin in "$FB"/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=${bin##*/fuzz_}
	log=$FB/logs/$name.log

	# Every crash kept as a regression input must stay fixed.
	reg=$top/tests/fuzz/regress/$name
	if [ -d "$reg" ] && [ -n "$(ls -A "$reg")" ]; then
		n=$(ls -A "$reg" | wc -l)
		if "$bin" "$reg"/* >"$FB/logs/$name-regress.log" 2>&1; then
			ok "fuzz_$name replays $n regression inputs"
		else
			notok "fuzz_$name fails on a regression input (log: $FB/logs/$name-regress.log)"
			grep -E 'invariant broken|ERROR|runtime error|^Running' \
			    "$FB/logs/$name-regress.log" | tail -n 5 | sed 's/^/#   /'
		fi
	fi

	work=$FB/corpus/$name
	art=$FB/crashes/$name
	mkdir -p "$work" "$art"
	before=$(ls -A "$art" | wc -l)
	timeout -k 10 $((secs + 300)) nice -n 10 "$bin" \
	    -max_total_time="$secs" -max_len="$(max_len "$name")" -timeout=30 \
	    -rss_limit_mb=2560 -print_final_stats=1 -artifact_prefix="$art/" \
	    "$work" "$top/tests/fuzz/corpus/$name" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(grep -E '^#[0-9]+' "$log" | grep -o 'cov: [0-9]*' | tail -n 1 | cut -d' ' -f2)
	: "${execs:=0}" "${cov:=?}"
	if [ "$rc" -eq 0 ]; then
		ok "fuzz_$name ran $secs s, $execs execs ($((execs / (secs > 0 ? secs : 1)))/s), cov $cov, no crash"
	else
		crash=$(ls -t "$art" | head -n 1)
		[ "$(ls -A "$art" | wc -l)" -gt "$before" ] && crash=$art/$crash || crash="(none written)"
		notok "fuzz_$name exited with status $rc after $execs execs: crash input $crash (log: $log)"
		grep -E 'invariant broken|ERROR|runtime error|SUMMARY' "$log" | head -n 5 | sed 's/^/#   /'
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
