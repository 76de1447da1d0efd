#!/usr/bin/env bash
# Every user-visible message has a Vietnamese translation: the template is
# made afresh from the sources, merged into a copy of po/vi.po, and the
# result must have no untranslated or fuzzy entry.  Then a few real
# messages from the daemon and the CLI are checked to come out in
# Vietnamese.
. "$(dirname "$0")/lib.sh"

pot=$T_TMP/hoso.pot
srcs=$(cd "$TOP" && ls common/*.c client/lib/*.c client/cli/*.c daemon/*.c)
(cd "$TOP" && xgettext --from-code=UTF-8 -k_ -kN_ -o "$pot" --package-name=hoso $srcs)
is "$?" 0 "xgettext extracts the template from the sources"
cp "$TOP/po/vi.po" "$T_TMP/vi.po"
msgmerge --quiet --update --backup=none "$T_TMP/vi.po" "$pot"
stats=$(msgfmt --check --statistics -o /dev/null "$T_TMP/vi.po" 2>&1)
is "$?" 0 "po/vi.po passes msgfmt --check"
like "$stats" '^[0-9]+ translated messages\.$' "every message is translated, none fuzzy ($stats)"
if [[ ! $stats =~ ^[0-9]+\ translated\ messages\.$ ]]; then
	msgattrib --untranslated --only-fuzzy "$T_TMP/vi.po" 2>/dev/null | grep '^msgid' | head -n 10 | sed 's/^/# fuzzy: /'
	msgattrib --untranslated "$T_TMP/vi.po" 2>/dev/null | grep '^msgid' | head -n 10 | sed 's/^/# untranslated: /'
fi

# Real refusals, in Vietnamese: not the English text, and with Vietnamese
# letters (the English messages name no person here).
daemon_start "$T_TMP/d" --demo
vi_differs() {   # DESC ARGS...: same command in English and in Vietnamese
	local desc=$1; shift
	LANG=C.UTF-8 cli "$@"; local en=$ERR en_rc=$RC
	LANG=vi_VN.UTF-8 cli "$@"
	is "$RC" "$en_rc" "$desc: same exit code in both languages ($RC)"
	if [ "$ERR" != "$en" ] && [[ $ERR =~ [ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉĩọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ] ]]; then
		pass "$desc: in Vietnamese"
	else
		fail "$desc: in Vietnamese" "got: $ERR"
	fi
}
vi_differs "a move the table lacks" person advance 1 --to cell-vote
vi_differs "a date in the future" person advance 1 --to in-course --at 2999-01-01
vi_differs "a move with unmet requirements" person advance 5 --to verifying
vi_differs "an unknown person" person show 9999
daemon_stop
done_testing
