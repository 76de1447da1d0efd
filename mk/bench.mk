# make bench: throughput and latency through the real protocol
# (tests/bench/run.sh).
BENCH_SRC = $(wildcard tests/bench/*.c)
BENCH_BIN = $(BENCH_SRC:tests/bench/%.c=$(B)/bench/%)

$(B)/bench/%: $(B)/tests/bench/%.o $(B)/libcommon.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

bench: all $(BENCH_BIN)
	B=$(B) tests/bench/run.sh

.PHONY: bench
