# make bench: throughput and latency through the real protocol, against
# Redis and a framed echo server, on a seeded 1 M-person data set
# (tests/bench/run.sh, tests/bench/README.md).
BENCH_SRC = $(wildcard tests/bench/*.c)
BENCH_BIN = $(BENCH_SRC:tests/bench/%.c=$(B)/bench/%)

# seed writes through the daemon's own handlers: it links libhosod.a.
$(B)/bench/seed: $(B)/tests/bench/seed.o $(B)/libhosod.a $(B)/libcommon.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(B)/bench/%: $(B)/tests/bench/%.o $(B)/libcommon.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

bench-tools: all $(BENCH_BIN)

bench: bench-tools
	B=$(B) tests/bench/run.sh

.PHONY: bench bench-tools
