# hoso: plain GNU Make build.  `make` builds everything into build/,
# `make check` runs every test, `make check SANITIZE=1` does the same under
# ASan+UBSan in build-san/.

SANITIZE ?=
ifeq ($(SANITIZE),1)
B ?= build-san
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else
B ?= build
SANFLAGS =
endif

CC ?= cc
PKGS = libevent libevent_pthreads libevent_openssl lmdb libprotobuf-c libutf8proc \
       libsodium libssl libcrypto libsystemd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS := $(shell pkg-config --libs $(PKGS))

# libical parses .ics files for 'hoso calendar import': the CLI alone
# links it.
CLI_PKGS = libical
CLI_CFLAGS := $(shell pkg-config --cflags $(CLI_PKGS))
CLI_LIBS := $(shell pkg-config --libs $(CLI_PKGS))

WARN = -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wmissing-prototypes \
       -Wstrict-prototypes -Wno-missing-field-initializers
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c17 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) $(PKG_CFLAGS) \
	-Iinclude -Icommon -Iclient/lib -Idaemon -I$(B)/proto -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)
LIBS = $(PKG_LIBS) -lpthread

PREFIX ?= /usr/local

PROTO_C = $(B)/proto/hoso.pb-c.c
PROTO_H = $(B)/proto/hoso.pb-c.h

COMMON_SRC = $(wildcard common/*.c)
LIB_SRC = $(wildcard client/lib/*.c)
CLI_SRC = $(wildcard client/cli/*.c)
DAEMON_SRC = $(filter-out daemon/main.c,$(wildcard daemon/*.c))
UNIT_SRC = $(wildcard tests/unit/test_*.c)
TOOL_SRC = $(wildcard tests/tools/*.c)

COMMON_OBJ = $(COMMON_SRC:%.c=$(B)/%.o) $(B)/proto/hoso.pb-c.o
LIB_OBJ = $(LIB_SRC:%.c=$(B)/%.o)
CLI_OBJ = $(CLI_SRC:%.c=$(B)/%.o)
DAEMON_OBJ = $(DAEMON_SRC:%.c=$(B)/%.o)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
TOOL_BIN = $(TOOL_SRC:tests/tools/%.c=$(B)/tests/%)

PO = $(wildcard po/*.po)
MO = $(PO:po/%.po=$(B)/locale/%/LC_MESSAGES/hoso.mo)

all: $(B)/hosod $(B)/hoso $(MO)

$(B)/proto/hoso.pb-c.c $(B)/proto/hoso.pb-c.h &: proto/hoso.proto
	@mkdir -p $(B)/proto
	protoc-c --c_out=$(B)/proto -Iproto proto/hoso.proto

$(B)/proto/hoso_pb2.py: proto/hoso.proto
	@mkdir -p $(B)/proto
	protoc --python_out=$(B)/proto -Iproto proto/hoso.proto

$(B)/%.o: %.c $(PROTO_H)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/proto/hoso.pb-c.o: $(PROTO_C)
	$(CC) $(filter-out -Wmissing-prototypes,$(ALL_CFLAGS)) -c -o $@ $<

$(B)/libcommon.a: $(COMMON_OBJ)
	$(AR) rcs $@ $^
$(B)/libhoso.a: $(LIB_OBJ)
	$(AR) rcs $@ $^
$(B)/libhosod.a: $(DAEMON_OBJ)
	$(AR) rcs $@ $^

$(B)/hosod: $(B)/daemon/main.o $(B)/libhosod.a $(B)/libcommon.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(CLI_OBJ): ALL_CFLAGS += $(CLI_CFLAGS)
$(B)/hoso: $(CLI_OBJ) $(B)/libhoso.a $(B)/libcommon.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CLI_LIBS) $(LIBS)

$(B)/tests/%: $(B)/tests/unit/%.o $(B)/libhosod.a $(B)/libhoso.a $(B)/libcommon.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(B)/tests/%: $(B)/tests/tools/%.o $(B)/libhoso.a $(B)/libcommon.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(B)/locale/%/LC_MESSAGES/hoso.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# Translation template, made from the sources (not kept in git).
$(B)/hoso.pot: $(COMMON_SRC) $(LIB_SRC) $(CLI_SRC) $(DAEMON_SRC) daemon/main.c \
    $(wildcard client/gtk/*.c)
	@mkdir -p $(B)
	xgettext --from-code=UTF-8 -k_ -kN_ -kg_dngettext:2,3 -kdngettext:2,3 -o $@ --package-name=hoso $^

update-po: $(B)/hoso.pot
	for p in $(PO); do msgmerge --update --backup=none $$p $<; done

check: all $(UNIT_BIN) $(TOOL_BIN) $(B)/proto/hoso_pb2.py
	B=$(B) SANITIZE=$(SANITIZE) tests/run.sh

demo: all
	$(B)/hosod --data var/hoso --demo

clean:
	rm -rf build build-san build-fuzz

# Further targets, one file each: bench (mk/bench.mk), fuzz (mk/fuzz.mk),
# install (mk/install.mk).
include $(wildcard mk/*.mk)

.PHONY: all check demo clean update-po
.SECONDARY:

-include $(shell find $(B) -name '*.d' 2>/dev/null)
