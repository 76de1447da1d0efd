# make install [PREFIX=/usr/local] [DESTDIR=]: the programs (hoso-gtk and
# its .desktop file when GTK 4 is there), their
# translations, the man pages, the bash completion, the systemd unit (its
# ExecStart= pointed at the installed hosod), the sysusers.d file and a
# sample hosod.conf.  make uninstall removes exactly those files.
# Each directory can be moved on the command line (e.g. UNITDIR=/lib/...).
BINDIR ?= $(PREFIX)/bin
SBINDIR ?= $(PREFIX)/sbin
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
LOCALEDIR ?= $(DATADIR)/locale
DOCDIR ?= $(DATADIR)/doc/hoso
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
INSTALL ?= install

MAN_PAGES = $(wildcard man/*.1 man/*.5 man/*.8)
# The installed files, for uninstall.
INSTALLED = $(SBINDIR)/hosod $(BINDIR)/hoso \
	$(MO:$(B)/locale/%=$(LOCALEDIR)/%) \
	$(foreach p,$(MAN_PAGES),$(MANDIR)/man$(subst .,,$(suffix $(p)))/$(notdir $(p))) \
	$(BASHCOMPDIR)/hoso $(UNITDIR)/hosod.service $(SYSUSERSDIR)/hoso.conf \
	$(DOCDIR)/hosod.conf.example $(DOCDIR)/README.md
# The desktop client, when it was built (mk/gtk.mk).
ifeq ($(GTK_OK),1)
INSTALLED += $(BINDIR)/hoso-gtk $(DATADIR)/applications/org.hoso.Desktop.desktop
endif

install: all
	$(INSTALL) -D -m 0755 $(B)/hosod $(DESTDIR)$(SBINDIR)/hosod
	$(INSTALL) -D -m 0755 $(B)/hoso $(DESTDIR)$(BINDIR)/hoso
	$(if $(GTK_OK),$(INSTALL) -D -m 0755 $(B)/hoso-gtk $(DESTDIR)$(BINDIR)/hoso-gtk)
	$(if $(GTK_OK),$(INSTALL) -D -m 0644 client/gtk/org.hoso.Desktop.desktop \
	  $(DESTDIR)$(DATADIR)/applications/org.hoso.Desktop.desktop)
	for m in $(MO); do \
	  $(INSTALL) -D -m 0644 $$m $(DESTDIR)$(LOCALEDIR)/$${m#$(B)/locale/} || exit 1; \
	done
	for p in $(MAN_PAGES); do \
	  $(INSTALL) -D -m 0644 $$p $(DESTDIR)$(MANDIR)/man$${p##*.}/$${p#man/} || exit 1; \
	done
	$(INSTALL) -D -m 0644 completion/hoso $(DESTDIR)$(BASHCOMPDIR)/hoso
	$(INSTALL) -d $(DESTDIR)$(UNITDIR)
	sed 's|^ExecStart=[^ ]*|ExecStart=$(SBINDIR)/hosod|' systemd/hosod.service \
	  >$(DESTDIR)$(UNITDIR)/hosod.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/hosod.service
	$(INSTALL) -D -m 0644 systemd/hoso.sysusers.conf $(DESTDIR)$(SYSUSERSDIR)/hoso.conf
	$(INSTALL) -D -m 0644 systemd/hosod.conf.example $(DESTDIR)$(DOCDIR)/hosod.conf.example
	$(INSTALL) -D -m 0644 README.md $(DESTDIR)$(DOCDIR)/README.md

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null

.PHONY: install uninstall
