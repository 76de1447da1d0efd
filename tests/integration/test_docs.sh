#!/usr/bin/env bash
# The man pages and the bash completion against the programs: the pages
# format without a warning, every hosod flag and setting and every hoso
# command and option is described, and the completion knows every command
# and completes what it should.
. "$(dirname "$0")/lib.sh"

MAN=$TOP/man
COMP=$TOP/completion/hoso
have() { command -v "$1" >/dev/null 2>&1; }

# ---- formatting -------------------------------------------------------------

for page in hosod.8 hoso.1 hosod.conf.5; do
	if have groff; then
		err=$(groff -k -man -Tutf8 -ww -z "$MAN/$page" 2>&1)
		is "$err" "" "$page: groff -ww has no warning"
		out=$(groff -k -man -Tutf8 "$MAN/$page" 2>/dev/null | col -b 2>/dev/null)
		name=${page%.*}
		like "$out" "NAME.*$name \\\\?- " "$page: formats, with a NAME line"
	else
		skip "$page: groff -ww has no warning" "no groff"
	fi
	if have mandoc; then
		err=$(mandoc -T lint -W warning "$MAN/$page" 2>&1)
		is "$err" "" "$page: mandoc -T lint has no warning"
	fi
done
if have man; then
	like "$(MANWIDTH=80 man -l "$MAN/hosod.8" 2>/dev/null | head -n 5)" 'hosod - the hoso server' \
		"man -l shows hosod.8"
fi

# ---- hosod.8 and hosod.conf.5 against hosod --help ---------------------------

flags=$("$HOSOD" --help | grep -oE '^  --[a-z][a-z.-]*' | tr -d ' ')
missing=
for f in $flags --check --restore; do
	grep -qF -- "${f//-/\\-}" "$MAN/hosod.8" || missing+=" $f"
done
is "$missing" "" "hosod.8 describes every flag of hosod --help (and --check, --restore)"
missing=
for f in $flags; do
	case $f in --config | --help | --version | --init-admin | --show-fingerprint | --check | --restore) continue ;; esac
	key=${f#--}
	key=${key//-/_}
	grep -qE "^\\.B[IR] \"${key//./\\.} = \"" "$MAN/hosod.conf.5" || missing+=" $key"
done
is "$missing" "" "hosod.conf.5 describes every setting"
n=$(grep -cE '^\.B[IR] "[a-z_.]+ = "' "$MAN/hosod.conf.5")
m=$(printf '%s\n' "$flags" | grep -cvE '^--(config|help|init-admin|show-fingerprint|check|restore)$')
is "$n" "$m" "and no setting that hosod does not have ($n)"

# ---- hoso.1 against hoso --help ---------------------------------------------

cmds=$("$HOSO" --help | sed -nE 's/^  hoso ([a-z-]+)( ([a-z-]+))?  .*/\1\2/p')
is "$(printf '%s\n' "$cmds" | wc -l | tr -d ' ')" \
	"$(sed -n '/^\.SH COMMANDS/,/^\.SH/p' "$MAN/hoso.1" | grep -c '^\.BR "')" \
	"hoso.1 has as many commands as hoso --help"
missing= missing_opts=
while read -r noun verb; do
	name=$noun${verb:+ $verb}
	grep -qF ".BR \"${name//-/\\-}\"" "$MAN/hoso.1" || { missing+=" [$name]"; continue; }
	# shellcheck disable=SC2086
	for o in $("$HOSO" $name --help | sed -n '/^Options:/,/^$/p' |
		grep -oE '^  --[a-z][a-z.-]*' | tr -d ' '); do
		case $o in --json | --server | --tls | --help) continue ;; esac
		# the option in the command's entry (up to the next .TP at column 0
		# after its .RE)
		awk -v c=".BR \"${name//-/\\\\-}\"" -v o="${o//-/\\\\-}" '
			index($0, c) == 1 { on = 1; next }
			on && /^\.BR "/ { exit }
			on && index($0, o) { found = 1; exit }
			END { exit !found }' "$MAN/hoso.1" || missing_opts+=" [$name $o]"
	done
done <<<"$cmds"
is "$missing" "" "hoso.1 describes every command of hoso --help"
is "$missing_opts" "" "hoso.1 describes every option of every command"
for v in HOSO_SERVER HOSO_TOKEN HOSO_CA HOSO_KNOWN_SERVERS XDG_RUNTIME_DIR XDG_CONFIG_HOME; do
	grep -q "^\.B $v\$" "$MAN/hoso.1" || missing+=" $v"
done
is "$missing" "" "hoso.1 describes the environment variables"
for s in 0 1 2 3; do
	grep -qx ".B $s" "$MAN/hoso.1" || missing+=" $s"
done
is "$missing" "" "hoso.1 lists the exit statuses 0 to 3"

# ---- bash completion --------------------------------------------------------

bash -n "$COMP"
is "$?" 0 "the completion file is valid bash"
listed=$(bash -c '. "$1"; printf "%s\n" "$_hoso_commands"' _ "$COMP" | sed '/^$/d' | grep -v '^help$' | sort)
is "$listed" "$(printf '%s\n' "$cmds" | sort)" \
	"the completion lists exactly the commands of hoso --help"

# comp WORDS...: run the completion with the cursor on the last word; prints
# the candidates on one line.
comp() {
	HOSO_BIN_DIR=$(dirname "$HOSO") bash -c '
		PATH=$HOSO_BIN_DIR:$PATH
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_hoso
		echo "${COMPREPLY[*]}"' _ "$COMP" "$@" 2>&1
}
like "$(comp hoso '')" '^admin alerts audit calendar check file help login logout org person ping quota report server user watch whoami$' \
	"hoso <TAB>: the nouns"
is "$(comp hoso ch)" "check" "hoso ch<TAB>: check"
is "$(comp hoso calendar '')" "show lunar add-workdays workdays set unset import" \
	"hoso calendar <TAB>: its verbs"
is "$(comp hoso --server 127.0.0.1:7707 check police-)" "police-received police-result" \
	"after --server HOST:PORT: the verbs"
like "$(comp hoso person advance 5 --)" '(^| )--to( .*)? --votes-for( |$)' \
	"hoso person advance 5 --<TAB>: its options, from its --help"
is "$(comp hoso person advance 5 --to co)" "course-passed" "--to co<TAB>: a stage"
is "$(comp hoso person list --stage ver)" "verifying" "person list --stage ver<TAB>: a stage"
is "$(comp hoso file '')" "pipeline" "hoso file <TAB>: pipeline"
like "$(comp hoso file pipeline --)" '(^| )--unit( |$)' "hoso file pipeline --<TAB>: --unit"
is "$(comp hoso user add lan --role ward)" "ward-officer" "--role: a role"
is "$(comp hoso calendar set 2026-01-02 '')" "off work" "calendar set DATE <TAB>: off or work"
is "$(comp hoso help person mo)" "moves" "help person mo<TAB>"
is "$(comp hoso person check 5 '')" "propose add conclude resolve waive" \
	"person check ID <TAB>: its actions"
is "$(comp hoso --j)" "--json" "global options"
mkdir -p "$T_TMP/files/sub"
: >"$T_TMP/files/tet-2027.ics"
: >"$T_TMP/files/notes.txt"
is "$(comp hoso calendar import "$T_TMP/files/")" \
	"$T_TMP/files/tet-2027.ics $T_TMP/files/sub" \
	"calendar import <TAB>: .ics files and directories"
like "$(comp hoso admin backup "$T_TMP/files/")" "notes.txt" "admin backup <TAB>: file names"

# The value lists of the completion are the words the help gives.
check_values() {
	local cmd=$1 opt=$2 words w missing=
	words=$(bash -c '. "$1"; _hoso_values "$2"' _ "$COMP" "$cmd $opt")
	# shellcheck disable=SC2086
	help=$("$HOSO" $cmd --help | tr '\n' ' ' | tr -s ' ')
	for w in $words; do
		[[ $help == *"$w"* ]] || missing+=" $w"
	done
	is "$missing" "" "completion of $cmd $opt: every word is in its --help (${words// /,})"
}
check_values "person advance" --to
check_values "person list" --stage
check_values "org list" --kind
check_values "org add" --kind
check_values "org edit" --decides-admission
check_values "audit list" --kind
check_values "person doc" --kind
check_values "person add" --gender
check_values "person add" --introduced-by
check_values "person add" --education
check_values "person add" --member
check_values "person relative" --relation
check_values "person check" --relation
check_values "person evaluate" --rating
check_values "check police-result" --result
check_values "user add" --role
done_testing
