# make fuzz: the libFuzzer targets in tests/fuzz/ (see tests/fuzz/README.md).
# They are built by clang with ASan+UBSan into their own directory,
# build-fuzz/, by a second make with B, CC, CFLAGS and SANFLAGS set, so
# build/ and build-san/ (gcc) are never touched.  Each target runs
# FUZZ_SECONDS seconds after replaying tests/fuzz/regress/<name>/.
#
# make fuzz-regress replays tests/fuzz/regress/<name>/ and the seed corpus
# with the same target sources built by $(CC) with -DFUZZ_REPLAY_MAIN (no
# libFuzzer), in $(B)/fuzz-replay/: under SANITIZE=1 with ASan+UBSan.

FUZZ_B = build-fuzz
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SANFLAGS = -fsanitize=fuzzer-no-link,address,undefined \
	-fno-omit-frame-pointer -fno-sanitize-recover=all
# clang's -Wformat=2 also flags vprintf-style wrappers (log.c).
FUZZ_CFLAGS = -O1 -g -Wno-format-nonliteral

FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(B)/fuzz/%)
FUZZ_REPLAY = $(FUZZ_SRC:tests/fuzz/%.c=$(B)/fuzz-replay/%)
FUZZ_LIBS = $(B)/libhosod.a $(B)/libhoso.a $(B)/libcommon.a

fuzz-build:
	$(MAKE) B=$(FUZZ_B) CC=$(FUZZ_CC) SANITIZE= CFLAGS="$(FUZZ_CFLAGS)" \
	    SANFLAGS="$(FUZZ_SANFLAGS)" fuzz-bins

fuzz-bins: $(FUZZ_BIN)

$(B)/fuzz/%: $(B)/tests/fuzz/%.o $(FUZZ_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBS)

fuzz: fuzz-build
	FUZZ_B=$(FUZZ_B) FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh

$(B)/fuzz-replay/%.o: tests/fuzz/%.c $(PROTO_H)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DFUZZ_REPLAY_MAIN -c -o $@ $<

$(B)/fuzz-replay/%: $(B)/fuzz-replay/%.o $(FUZZ_LIBS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

fuzz-regress: $(FUZZ_REPLAY)
	B=$(B) SANITIZE=$(SANITIZE) tests/fuzz/run.sh --replay

# make check replays the seeds and the regressions (tests/run.sh).
check: $(FUZZ_REPLAY)

.PHONY: fuzz fuzz-build fuzz-bins fuzz-regress
