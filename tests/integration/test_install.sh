#!/usr/bin/env bash
# make install into a DESTDIR: the file list and modes, the unit pointed at
# the installed hosod, programs that run from the installed tree (in
# Vietnamese too), the sample settings file hosod accepts, the completion,
# and make uninstall leaving nothing behind.  Installs what is built (make
# -o all): the test never rebuilds.
. "$(dirname "$0")/lib.sh"

inst() { make -C "$TOP" -s --no-print-directory -o all B="$B" "$@" 2>&1; }

root=$T_TMP/root
out=$(inst install DESTDIR="$root" PREFIX=/usr)
is "$?" 0 "make install DESTDIR=... PREFIX=/usr"
[ -z "$out" ] || note "$out"

want='usr/bin/hoso 755
usr/lib/systemd/system/hosod.service 644
usr/lib/sysusers.d/hoso.conf 644
usr/sbin/hosod 755
usr/share/bash-completion/completions/hoso 644
usr/share/doc/hoso/README.md 644
usr/share/doc/hoso/hosod.conf.example 644
usr/share/locale/vi/LC_MESSAGES/hoso.mo 644
usr/share/man/man1/hoso.1 644
usr/share/man/man5/hosod.conf.5 644
usr/share/man/man8/hosod.8 644'
# The desktop client and its launcher, where GTK 4 let it be built.
if [ -x "$B/hoso-gtk" ]; then
	want=$(printf '%s\nusr/bin/hoso-gtk 755\nusr/share/applications/org.hoso.Desktop.desktop 644\n' \
		"$want" | sort)
fi
got=$(cd "$root" && find . -type f -printf '%P %m\n' | sort)
is "$got" "$want" "the installed files and their modes"

unit=$root/usr/lib/systemd/system/hosod.service
is "$(grep '^ExecStart=' "$unit")" "ExecStart=/usr/sbin/hosod --data /var/lib/hoso" \
	"the unit runs the installed hosod"
is "$(diff <(grep -v '^ExecStart=' "$TOP/systemd/hosod.service") <(grep -v '^ExecStart=' "$unit"))" "" \
	"and is otherwise the unit of the source tree"

like "$("$root/usr/bin/hoso" --version 2>&1)" '^hoso [0-9]+\.[0-9]+\.[0-9]+ ' \
	"the installed hoso runs (--version)"
like "$("$root/usr/sbin/hosod" --version 2>&1)" '^hosod [0-9]+\.[0-9]+\.[0-9]+ ' \
	"the installed hosod runs (--version)"
like "$("$root/usr/sbin/hosod" --help 2>&1)" '/var/lib/hoso' \
	"the installed hosod's default data dir is /var/lib/hoso"

# Vietnamese from the installed catalogue.  LANG names a locale that may
# not be installed: hoso then falls back to C.UTF-8 and LANGUAGE=vi.
out=$(env -u HOSO_LOCALEDIR LANG=vi_VN.UTF-8 HOSO_LOCALEDIR="$root/usr/share/locale" \
	"$root/usr/bin/hoso" --help 2>&1 | head -n 1)
like "$out" '^Cách dùng: hoso' "the installed vi catalogue gives Vietnamese (HOSO_LOCALEDIR)"
# Without HOSO_LOCALEDIR a DESTDIR tree can only be found relative to the
# binary (BINDIR/../share/locale); a compiled-in /usr/share/locale is the
# real system's.
if grep -qa '\.\./share/locale' "$root/usr/bin/hoso"; then
	out=$(env -u HOSO_LOCALEDIR LANG=vi_VN.UTF-8 "$root/usr/bin/hoso" --help 2>&1 | head -n 1)
	like "$out" '^Cách dùng: hoso' "the installed hoso finds its catalogue beside itself"
else
	skip "the installed hoso finds its catalogue beside itself" \
		"hoso looks in a compiled-in LOCALEDIR only (common/i18n.c)"
fi

# The sample settings file is one hosod accepts.
"$root/usr/sbin/hosod" --data "$T_TMP/d" --config "$root/usr/share/doc/hoso/hosod.conf.example" \
	--show-fingerprint >"$T_TMP/fp" 2>&1
is "$?" 0 "hosod accepts the sample hosod.conf"
like "$(cat "$T_TMP/fp")" '^([0-9A-F]{2}:){31}[0-9A-F]{2}$' "(and prints the certificate's fingerprint)"

is "$(bash -c '. "$1"; PATH=$2:$PATH; COMP_WORDS=(hoso per); COMP_CWORD=1; _hoso; echo "${COMPREPLY[*]}"' \
	_ "$root/usr/share/bash-completion/completions/hoso" "$root/usr/bin")" person \
	"the installed completion completes"
if command -v man >/dev/null 2>&1; then
	like "$(MANPATH=$root/usr/share/man man hosod.conf 2>/dev/null | head -n 5)" 'hosod.conf - settings' \
		"man finds the installed pages"
fi

out=$(inst uninstall DESTDIR="$root" PREFIX=/usr)
is "$?" 0 "make uninstall"
is "$(cd "$root" && find . -type f)" "" "and no file is left"

# The default PREFIX is /usr/local.
out=$(inst install DESTDIR="$T_TMP/local")
is "$(grep '^ExecStart=' "$T_TMP/local/usr/local/lib/systemd/system/hosod.service")" \
	"ExecStart=/usr/local/sbin/hosod --data /var/lib/hoso" "PREFIX=/usr/local by default"
ok "hoso in /usr/local/bin" test -x "$T_TMP/local/usr/local/bin/hoso"
done_testing
