#!/usr/bin/env bash
# make bench: hosod against Redis and a framed echo server on the same
# machine in the same run, on a seeded data set of BENCH_PEOPLE people;
# prints one table with ratios, then the scale figures (10 000 vs 1 M).
# See tests/bench/README.md.
#
#   BENCH_SECONDS  seconds per load line (5)
#   BENCH_RUNS     runs of each line; the table shows the median (3)
#   BENCH_CONNS    connections of the "@50" lines (50)
#   BENCH_PEOPLE   people in the big data set (1000000)
#   BENCH_SMALL    people in the small one, for the scale rows (10000)
#   BENCH_SEED     the generator's seed (42)
#   BENCH_PROFILE  1: perf record -g hosod during one get@50 line, print the
#                  top symbols (needs perf)
#
# Data dirs live under var/ on disk, never tmpfs, so durable commits
# really sync.  The seeded sets are cached in var/bench-seed/ (delete it
# to seed again); each run works on a copy, removed at the end.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
B=${B:-build}
case $B in /*) ;; *) B=$top/$B ;; esac
secs=${BENCH_SECONDS:-5}
runs=${BENCH_RUNS:-3}
conns=${BENCH_CONNS:-50}
people=${BENCH_PEOPLE:-1000000}
small=${BENCH_SMALL:-10000}
seed=${BENCH_SEED:-42}
profile=${BENCH_PROFILE:-0}

mkdir -p "$top/var"
work=$(mktemp -d "$top/var/bench.XXXXXX")
results=$work/results
: >"$results"
pids=()

# Stop what we started, by PID, and remove the working copies.
cleanup() {
	for p in "${pids[@]}"; do
		kill "$p" 2>/dev/null || true
	done
	for p in "${pids[@]}"; do
		wait "$p" 2>/dev/null || true
	done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Forget a PID that has been stopped and waited for.
forget() {
	local keep=() p
	for p in "${pids[@]}"; do
		[ "$p" = "$1" ] || keep+=("$p")
	done
	pids=("${keep[@]}")
}

stop() {
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
	forget "$1"
}

# Wait until file $1 is non-empty (at most 30 s).
wait_file() {
	local i
	for i in $(seq 3000); do
		[ -s "$1" ] && return 0
		sleep 0.01
	done
	echo "bench: $1 did not appear" >&2
	return 1
}

# A free loopback TCP port.
free_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 40000))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
}

ms_now() { date +%s%3N; }

# --- seeded data sets ------------------------------------------------------

schema=$(sed -n 's/^#define STORE_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$top/daemon/store.h")
gen=$(cksum <"$top/tests/bench/seed.c" | cut -c1-6)

# The cached data set of $1 people (seeded now if missing); prints its dir.
seeded() {
	local n=$1 dir base
	base=$top/var/bench-seed
	dir=$base/v$schema-g$gen-s$seed-n$n
	if [ ! -f "$dir/ready" ]; then
		mkdir -p "$base"
		# Sets made by another seed.c or schema are stale.
		find "$base" -maxdepth 1 -name "*-s$seed-n$n" ! -path "$dir" \
			-exec rm -rf {} + 2>/dev/null || true
		rm -rf "$dir.tmp"
		echo "bench: seeding $n people into $dir (once; cached)" >&2
		local t0 t1
		t0=$(ms_now)
		"$B/bench/seed" "$dir.tmp" "$n" "$seed" 2>"$work/seed.log" >&2 ||
			{ cat "$work/seed.log" >&2; return 1; }
		# The account loadgen logs in with, made the way an operator
		# makes the first one: hosod --init-admin, password on stdin.
		local pw
		pw=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
		printf '%s\n%s\n' "$pw" "$pw" |
			"$B/hosod" --data "$dir.tmp" --init-admin bench >/dev/null 2>&1
		(umask 077; echo "$pw" >"$dir.tmp/bench-admin.txt")
		t1=$(ms_now)
		echo "SEED_TOTAL_SECONDS=$(awk -v a="$t0" -v b="$t1" \
			'BEGIN { printf "%.1f", (b - a) / 1000 }')" >>"$dir.tmp/bench.env"
		mv "$dir.tmp" "$dir"
		touch "$dir/ready"
	fi
	# The self-signed certificate hosod makes on first start, made once
	# here so that start-up times do not include a key generation.
	[ -f "$dir/tls/cert.pem" ] ||
		"$B/hosod" --data "$dir" --show-fingerprint >/dev/null 2>&1
	echo "$dir"
}

# --- hosod -----------------------------------------------------------------

# Start hosod on data dir $1; sets pid, port, start_ms (to the port file).
start_hosod() {
	local data=$1 t0
	shift
	rm -f "$work/port"
	t0=$(ms_now)
	"$B/hosod" --data "$data" --listen 127.0.0.1:0 --port-file "$work/port" \
		--log-level warn "$@" 2>>"$work/hosod.log" &
	pid=$!
	pids+=("$pid")
	wait_file "$work/port"
	start_ms=$(($(ms_now) - t0))
	port=$(cat "$work/port")
}

# Log in as the bench account of data dir $1; exports HOSO_TOKEN.
login() {
	HOSO_TOKEN=$(HOSO_KNOWN_SERVERS=$work/known XDG_RUNTIME_DIR=$work \
		"$B/hoso" --server "127.0.0.1:$port" login --user bench \
		--print-token <"$1/bench-admin.txt")
	export HOSO_TOKEN
}

# Resident memory of pid $1 outside the LMDB map, in KiB: VmRSS minus the
# resident part of the data.mdb mapping (from /proc/PID/smaps).
rss_outside_map() {
	awk '/^[0-9a-f]+-[0-9a-f]+ / { map = ($6 ~ /data\.mdb$/) }
	     /^Rss:/ { total += $2; if (map) mdb += $2 }
	     END { print total - mdb, mdb }' "/proc/$1/smaps"
}

# loadgen with the seeded ranges; RESULT lines go to the results file.
lg() {
	"$B/bench/loadgen" --ids "$SEED_PEOPLE" \
		--cells "$SEED_CELL_FIRST:$SEED_CELL_COUNT" \
		--pool "$SEED_POOL_FIRST:$SEED_POOL_COUNT" "$@" 127.0.0.1 "$port" \
		>"$work/lg.out" 2>&1 || {
		cat "$work/lg.out" >&2
		echo "bench: loadgen $* failed" >&2
		return 1
	}
	grep '^loadgen:\|^RESULT' "$work/lg.out" | sed 's/^/  /' >&2
	grep '^RESULT' "$work/lg.out" >>"$results"
}

# Same as lg, against the echo server (no login, no decoding).
lg_echo() {
	"$B/bench/loadgen" --echo "$@" 127.0.0.1 "$eport" >"$work/lg.out" 2>&1 ||
		{ cat "$work/lg.out" >&2; return 1; }
	grep '^RESULT' "$work/lg.out" | sed 's/^/  /' >&2
	grep '^RESULT' "$work/lg.out" >>"$results"
}

# --- Redis -----------------------------------------------------------------

# Start a private redis-server on a free port with extra args; sets rpid,
# rport.  Tries another port if the one picked was taken meanwhile.
start_redis() {
	local try i
	for try in 1 2 3; do
		rport=$(free_port)
		redis-server --bind 127.0.0.1 --port "$rport" --save "" \
			--daemonize no --logfile "" --loglevel warning "$@" \
			>>"$work/redis.log" 2>&1 &
		rpid=$!
		pids+=("$rpid")
		for i in $(seq 3000); do
			redis-cli -p "$rport" ping >/dev/null 2>&1 && return 0
			kill -0 "$rpid" 2>/dev/null || break
			sleep 0.01
		done
		stop "$rpid"
	done
	echo "bench: redis-server did not start:" >&2
	tail -5 "$work/redis.log" >&2
	return 1
}

# redis-benchmark counts requests, not time: a short probe (which also
# fills the keys GET reads) gives the rate, then the measured run takes
# about secs seconds.  $1 name prefix, $2 conns, $3 tests.
# CSV: "test","rps","avg_ms","min_ms","p50_ms","p95_ms","p99_ms","max_ms".
redis_bench() {
	local name=$1 c=$2 tests=$3 n rps
	rps=$(redis-benchmark -h 127.0.0.1 -p "$rport" -c "$c" -n $((c * 400)) \
		-d "$payload" -r 100000 -t "$tests" --csv 2>/dev/null | tr -d '"' |
		awk -F, '$1 ~ /^(SET|GET)$/ && (min == "" || $2 < min) { min = $2 }
			END { printf "%d", min }')
	n=$((rps * secs))
	[ "$n" -ge 1000 ] || n=1000
	redis-benchmark -h 127.0.0.1 -p "$rport" -c "$c" -n "$n" -d "$payload" \
		-r 100000 -t "$tests" --csv 2>/dev/null | tr -d '"' |
		awk -F, -v name="$name" -v c="$c" '$1 ~ /^(SET|GET)$/ {
			printf "RESULT name=%s.%s conns=%s rps=%.0f p50_us=%.1f " \
			    "p99_us=%.1f p999_us=- errors=0\n", name, tolower($1),
			    c, $2, $5 * 1000, $7 * 1000 }' | tee -a "$results" |
		sed 's/^/  /' >&2
}

# --- the runs --------------------------------------------------------------

big=$(seeded "$people")
sml=$(seeded "$small")

# One run of every line on a fresh copy of the big set.
run_once() {
	local r=$1
	echo "== run $r of $runs" >&2
	# shellcheck disable=SC1091
	. "$big/bench.env"
	rm -rf "$work/big"
	cp -a "$big" "$work/big"
	start_hosod "$work/big"
	login "$work/big"
	local w
	for w in get list search; do
		if [ "$w" = get ] && [ "$profile" = 1 ] && [ "$r" = 1 ]; then
			perf record -g -o "$work/perf.data" -p "$pid" -- sleep "$secs" \
				>/dev/null 2>&1 &
			local perfpid=$!
			pids+=("$perfpid")
			lg -c "$conns" -t "$secs" -w "$w" -L "hosod.$w@$conns"
			wait "$perfpid" || true
			forget "$perfpid"
		else
			lg -c "$conns" -t "$secs" -w "$w" -L "hosod.$w@$conns"
		fi
	done
	lg -c "$conns" -t "$secs" -w create -L "hosod.create@$conns" \
		--serial-base $((r * 2000000))
	lg -c "$conns" -t "$secs" -w transition -L "hosod.transition@$conns"
	lg -c "$conns" -t "$secs" -w mixed -r 90 -L "hosod.mixed90@$conns" \
		--serial-base $((r * 2000000 + 1000000))
	lg -c 1 -t "$secs" -w get -L "hosod.get@1"
	read -r rss mdb < <(rss_outside_map "$pid")
	echo "RESULT name=scale.rss.$people kib=$rss mdb_kib=$mdb" >>"$results"
	stop "$pid"

	# The floor: the same frames, answered with a reply of the size of
	# hosod's get reply.
	payload=$(awk -v n="hosod.get@$conns" '$2 == "name=" n {
		for (i = 3; i <= NF; i++) if ($i ~ /^reply_bytes=/) {
			sub(/reply_bytes=/, "", $i); print $i - 4 } }' "$results" |
		tail -1)
	rm -f "$work/eport"
	"$B/bench/echo" --reply-bytes "$payload" --port-file "$work/eport" \
		127.0.0.1:0 &
	local epid=$!
	pids+=("$epid")
	wait_file "$work/eport"
	eport=$(cat "$work/eport")
	lg_echo -c "$conns" -t "$secs" -w get -L "echo@$conns"
	lg_echo -c 1 -t "$secs" -w get -L "echo@1"
	stop "$epid"

	# The anchor: Redis with the same payload and connections.
	start_redis --appendonly no
	redis_bench "redis@$conns" "$conns" set,get
	redis_bench "redis@1" 1 get
	stop "$rpid"
	mkdir -p "$work/redis-aof"
	start_redis --appendonly yes --appendfsync always --dir "$work/redis-aof"
	redis_bench "redis-always@$conns" "$conns" set
	stop "$rpid"
	rm -rf "$work/redis-aof"
}

# Start-up time, memory, due deadlines and a page at n people (data dir $1).
scale() {
	local dir=$1 n i starts=() rss mdb
	# shellcheck disable=SC1091
	. "$dir/bench.env"
	n=$SEED_PEOPLE
	rm -rf "$work/scale"
	cp -a "$dir" "$work/scale"
	for i in 1 2 3; do
		start_hosod "$work/scale"
		starts+=("$start_ms")
		[ "$i" = 3 ] || stop "$pid"
	done
	echo "RESULT name=scale.start.$n ms=$(printf '%s\n' "${starts[@]}" |
		sort -n | sed -n 2p)" >>"$results"
	login "$work/scale"
	lg -c 1 -t 2 -w due -L "scale.due.$n"
	lg -c 1 -t 2 -w list -L "scale.list.$n"
	lg -c 1 -t 2 -w get -L "scale.get.$n"
	read -r rss mdb < <(rss_outside_map "$pid")
	echo "RESULT name=scale.rss1.$n kib=$rss mdb_kib=$mdb" >>"$results"
	stop "$pid"
	rm -rf "$work/scale"
}

for r in $(seq "$runs"); do
	run_once "$r"
done
echo "== scale: $small and $people people" >&2
scale "$sml"
scale "$big"
rm -rf "$work/big"

if [ "$profile" = 1 ] && [ -f "$work/perf.data" ]; then
	echo "== perf: hosod under get@$conns, self time by thread and library"
	perf report -i "$work/perf.data" --no-children --sort pid,dso -g none \
		--stdio 2>/dev/null | grep '%' | head -12
	echo "== perf: top symbols (self time)"
	perf report -i "$work/perf.data" --no-children --sort dso,symbol -g none \
		--stdio 2>/dev/null | grep '%' | head -25
	echo
fi

# --- the table -------------------------------------------------------------

# shellcheck disable=SC1091
. "$big/bench.env"
bigsize=$(du -sm "$big" | cut -f1)
# shellcheck disable=SC1091
seed_s=$(. "$big/bench.env"; echo "${SEED_TOTAL_SECONDS:-$SEED_SECONDS}")
awk -v runs="$runs" -v secs="$secs" -v conns="$conns" -v people="$people" \
    -v small="$small" -v seed_s="$seed_s" -v bigsize="$bigsize" '
function med(name, field,   n, i, j, t, v) {
	n = cnt[name]
	if (n == 0)
		return ""
	for (i = 1; i <= n; i++)
		v[i] = val[name, i, field]
	for (i = 1; i <= n; i++)
		for (j = i + 1; j <= n; j++)
			if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
	return v[int((n + 1) / 2)]
}
function ratio(a, b) { return (a == "" || b == "" || b + 0 == 0) ? "-" : sprintf("%.2f", a / b) }
function us(x) { return x == "" || x == "-" ? "-" : sprintf("%.0f", x) }
function row(label, name, anchor, anchor_label, floor,   rps, p50, p99, p999) {
	rps = med(name, "rps"); p50 = med(name, "p50_us")
	p99 = med(name, "p99_us"); p999 = med(name, "p999_us")
	printf "%-34s %9s %8s %8s %8s  %6s %-22s %6s\n", label, rps == "" ? "-" : rps,
	    us(p50), us(p99), us(p999), anchor == "" ? "" : ratio(rps, med(anchor, "rps")),
	    anchor_label, floor == "" ? "" : ratio(rps, med(floor, "rps"))
}
$1 == "RESULT" {
	name = ""
	for (i = 2; i <= NF; i++) {
		split($i, kv, "=")
		if (kv[1] == "name") { name = kv[2]; cnt[name]++ }
		else if (name != "") val[name, cnt[name], kv[1]] = kv[2]
	}
}
END {
	printf "\nhoso benchmark: %d people (seeded in %s s, %s MiB on disk), %s s per line, median of %d run(s), loopback\n\n",
	    people, seed_s, bigsize, secs, runs
	printf "%-34s %9s %8s %8s %8s  %-29s %6s\n", "", "req/s", "p50 us", "p99 us",
	    "p99.9 us", "vs Redis", "vs echo"
	c = "@" conns
	row("hosod get (Person/FileGet)" c, "hosod.get" c, "redis" c ".get", "GET" c, "echo" c)
	row("hosod list (page of 20)" c, "hosod.list" c, "redis" c ".get", "GET" c, "echo" c)
	row("hosod search (name prefix)" c, "hosod.search" c, "redis" c ".get", "GET" c, "echo" c)
	row("hosod create, durable" c, "hosod.create" c, "redis-always" c ".set", "SET always" c, "echo" c)
	row("hosod transition, durable" c, "hosod.transition" c, "redis-always" c ".set", "SET always" c, "echo" c)
	row("hosod mixed 90% read" c, "hosod.mixed90" c, "", "", "echo" c)
	row("hosod get@1", "hosod.get@1", "", "", "echo@1")
	p99h = med("hosod.get@1", "p99_us"); p99r = med("redis@1.get", "p99_us")
	printf "%-34s %9s %8s %8s %8s  %6s %-22s\n", "  p99 @1 / Redis GET p99 @1", "", "",
	    "", "", ratio(p99h, p99r), "(target <= 2)"
	row("echo floor" c, "echo" c, "", "", "")
	row("echo floor@1", "echo@1", "", "", "")
	row("redis GET" c, "redis" c ".get", "", "", "echo" c)
	row("redis SET, no persistence" c, "redis" c ".set", "", "", "echo" c)
	row("redis GET@1", "redis@1.get", "", "", "echo@1")
	row("redis SET, appendfsync always" c, "redis-always" c ".set", "", "", "echo" c)
	printf "\n(targets at %d connections: reads >= 1.00 x Redis GET, durable writes >= 1.00 x Redis SET appendfsync always)\n", conns
	printf "payload: hosod get request %s B, reply %s B; Redis -d %s; echo reply %s B\n",
	    med("hosod.get" c, "req_bytes"), med("hosod.get" c, "reply_bytes"),
	    med("hosod.get" c, "reply_bytes") - 4, med("hosod.get" c, "reply_bytes")
	printf "\nscale                              %12s %12s   target\n", small, people
	printf "%-34s %12s %12s   < 500\n", "start-up to port file, ms (median of 3)",
	    med("scale.start." small, "ms"), med("scale.start." people, "ms")
	printf "%-34s %12.1f %12.1f   < 64\n", "RSS outside the LMDB map, MiB",
	    med("scale.rss1." small, "kib") / 1024, med("scale.rss1." people, "kib") / 1024
	printf "%-34s %12s %12.1f\n", "  after the @50 loads, MiB", "",
	    med("scale.rss." people, "kib") / 1024
	printf "%-34s %12s %12s   flat\n", "overdue checks, one page, p50 us",
	    us(med("scale.due." small, "p50_us")), us(med("scale.due." people, "p50_us"))
	printf "%-34s %12s %12s   flat\n", "list a page of 20, p50 us",
	    us(med("scale.list." small, "p50_us")), us(med("scale.list." people, "p50_us"))
	printf "%-34s %12s %12s   flat\n", "get one person or file, p50 us",
	    us(med("scale.get." small, "p50_us")), us(med("scale.get." people, "p50_us"))
}' "$results"
