# hoso-gtk, the GTK 4 desktop client (client/gtk/), built when gtk4 is
# installed (scripts/install-deps.sh installs it).
#   client/gtk/model-*.c   view models (GListModel objects) and session.c
#                          (the connection), on GIO only, so
#                          tests/gtk/test_model_*.c run without a display;
#   client/gtk/*.c         the rest: the application, one file per view.
# tests/gui/ drives the real window under Xvfb (tests/run.sh).

GTK_OK := $(shell pkg-config --exists gtk4 && echo 1)
ifeq ($(GTK_OK),1)
GIO_CFLAGS := $(shell pkg-config --cflags gio-2.0)
GIO_LIBS := $(shell pkg-config --libs gio-2.0)
GTK_CFLAGS := $(shell pkg-config --cflags gtk4)
GTK_LIBS := $(shell pkg-config --libs gtk4)

GTK_ALL_SRC = $(wildcard client/gtk/*.c)
MODEL_SRC = $(wildcard client/gtk/model-*.c) client/gtk/session.c
GUI_SRC = $(filter-out $(MODEL_SRC),$(GTK_ALL_SRC))
MODEL_OBJ = $(MODEL_SRC:%.c=$(B)/%.o)
GUI_OBJ = $(GUI_SRC:%.c=$(B)/%.o)
GTK_TEST_SRC = $(wildcard tests/gtk/test_model_*.c)
GTK_TEST_BIN = $(GTK_TEST_SRC:tests/gtk/%.c=$(B)/tests/%)

$(MODEL_OBJ): ALL_CFLAGS += $(GIO_CFLAGS) -Iclient/gtk
# client/gtk/ first: daemon/ has a session.h too.
$(B)/tests/gtk/%.o: ALL_CFLAGS := -Iclient/gtk $(GIO_CFLAGS) $(ALL_CFLAGS)
$(GUI_OBJ): ALL_CFLAGS += $(GTK_CFLAGS) -Iclient/gtk

$(B)/libhoso-models.a: $(MODEL_OBJ)
	$(AR) rcs $@ $^

$(B)/hoso-gtk: $(GUI_OBJ) $(B)/libhoso-models.a $(B)/libhoso.a $(B)/libcommon.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(GTK_LIBS) $(LIBS)

$(B)/tests/test_model_%: $(B)/tests/gtk/test_model_%.o $(B)/libhoso-models.a $(B)/libhoso.a $(B)/libcommon.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(GIO_LIBS) $(LIBS)

all: $(B)/hoso-gtk
check: $(GTK_TEST_BIN)
endif
