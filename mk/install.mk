# make install [PREFIX=/usr/local] [DESTDIR=]
install: all
	install -D -m 0755 $(B)/hosod $(DESTDIR)$(PREFIX)/sbin/hosod
	install -D -m 0755 $(B)/hoso $(DESTDIR)$(PREFIX)/bin/hoso
	for m in $(MO); do l=$${m#$(B)/locale/}; \
	  install -D -m 0644 $$m $(DESTDIR)$(PREFIX)/share/locale/$$l; done
	install -D -m 0644 systemd/hosod.service $(DESTDIR)/lib/systemd/system/hosod.service

.PHONY: install
