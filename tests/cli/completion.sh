#!/bin/bash
# The shell completion scripts of `qkv completion SHELL`: each passes its shell's syntax check,
# and the bash one, loaded in bash, completes subcommands, nested subcommands, options, concept
# ids (compared with the built-in bank's pack.json) and example names (content/examples).
#   tests/cli/completion.sh BUILD/qkv SOURCE_DIR
set -eu
qkv="$1"
src="$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "completion.sh: $*" >&2; exit 1; }

"$qkv" completion bash > "$tmp/qkv.bash"
"$qkv" completion zsh > "$tmp/_qkv"
"$qkv" completion fish > "$tmp/qkv.fish"
bash -n "$tmp/qkv.bash" || fail "bash -n fails on the bash script"
zsh -n "$tmp/_qkv" || fail "zsh -n fails on the zsh script"
fish -n "$tmp/qkv.fish" || fail "fish -n fails on the fish script"

# A shell is not an argument: usage error.
set +e
"$qkv" completion tcsh >/dev/null 2>&1; code=$?
set -e
[ "$code" = 2 ] || fail "qkv completion tcsh exits $code, not 2"

# complete WORDS...: what the bash function offers for the last word.
export PATH="$(dirname "$qkv"):$PATH"
complete_words() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1));
           COMPREPLY=(); _qkv_complete; printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$tmp/qkv.bash" "$@"
}
# check NAME GOT WANT: the completions are exactly WANT (newline-separated, sorted).
check() {
  [ "$2" = "$(printf '%s\n' $3 | sort)" ] || fail "$1: got [$(echo $2)], want [$3]"
}
check "qkv qu" "$(complete_words qkv qu)" "quiz"
check "qkv p" "$(complete_words qkv p)" "pack progress"
check "qkv pack v" "$(complete_words qkv pack v)" "validate"
check "qkv com" "$(complete_words qkv com)" "completion"
check "qkv he" "$(complete_words qkv he)" "help"
check "qkv help p" "$(complete_words qkv help p)" "pack progress"
check "qkv completion ''" "$(complete_words qkv completion '')" "bash fish zsh"
check "qkv calc --exa" "$(complete_words qkv calc --exa)" "--example"
check "qkv --color a" "$(complete_words qkv --color a)" "always auto"
check "qkv calc --mask c" "$(complete_words qkv calc --mask c)" "causal causal-bottom-right"
examples=$(cd "$src/content/examples" && ls *.json | sed 's/\.json$//')
[ -n "$examples" ] || fail "no examples in $src/content/examples"
check "qkv calc --example ''" "$(complete_words qkv calc --example '')" "$examples"
# Concept ids: every id of the built-in bank, and a prefix narrows them.
concepts=$(python3 -c 'import json,sys; print("\n".join(c["id"] for c in json.load(open(sys.argv[1]))["concepts"]))' \
  "$src/content/packs/core/pack.json")
[ "$(echo "$concepts" | wc -l)" -gt 5 ] || fail "too few concepts in the core pack: $concepts"
check "qkv quiz --concept ''" "$(complete_words qkv quiz --concept '')" "$concepts"
check "qkv exam --concept ''" "$(complete_words qkv exam -n 5 --concept '')" "$concepts"
check "qkv quiz --concept sc" "$(complete_words qkv quiz --concept sc)" \
  "$(echo "$concepts" | grep '^sc')"
# Options of the subcommand named, not of another one.
got=$(complete_words qkv drill --)
echo "$got" | grep -qx -- --kind || fail "qkv drill -- does not offer --kind: $got"
if echo "$got" | grep -qx -- --example; then fail "qkv drill -- offers calc's --example"; fi
# The machine-output flags: --json on the commands that print a result, and the values of
# --worksheet (drill) and of progress export's --format.
check "qkv pack validate --js" "$(complete_words qkv pack validate --js)" "--json"
check "qkv pack lint --js" "$(complete_words qkv pack lint --js)" "--json"
check "qkv calc --js" "$(complete_words qkv calc --js)" "--json"
check "qkv review --js" "$(complete_words qkv review --js)" "--json"
check "qkv drill --worksheet ''" "$(complete_words qkv drill --worksheet '')" "json markdown"
check "qkv progress export --format ''" "$(complete_words qkv progress export --format '')" "csv json"
if complete_words qkv drill -- | grep -qx -- --format; then
  fail "qkv drill -- offers the hidden --format (the old spelling of --worksheet json)"
fi
# The global options: offered by every command, nested ones too, and before the command, whose
# name still completes after --db PATH.
check "qkv pack validate --no-s" "$(complete_words qkv pack validate --no-s)" "--no-save"
check "qkv stats --d" "$(complete_words qkv stats --d)" "--db"
check "qkv --no-s" "$(complete_words qkv --no-s)" "--no-save"
check "qkv --db x.db qu" "$(complete_words qkv --db x.db qu)" "quiz"
check "qkv --no-save --db x.db pack v" "$(complete_words qkv --no-save --db x.db pack v)" "validate"
# A pack path: core (the built-in bank), files and directories.
got=$(cd "$src/content" && complete_words qkv pack info '')
echo "$got" | grep -qx core || fail "qkv pack info '' does not offer core: $got"
check "qkv quiz --pack co" "$(cd "$tmp" && complete_words qkv quiz --pack co)" "core"
echo "$got" | grep -qx packs || fail "qkv pack info '' does not offer the directory packs: $got"
# fish, loaded in fish, completes the same way (complete -C asks what Tab would offer).
fish_complete() { fish -c 'source $argv[1]; complete -C $argv[2]' "$tmp/qkv.fish" "$1" | cut -f1 | sort; }
check "fish: qkv qu" "$(fish_complete 'qkv qu')" "quiz"
check "fish: qkv pack v" "$(fish_complete 'qkv pack v')" "validate"
check "fish: qkv check --js" "$(fish_complete 'qkv check --js')" "--json"
check "fish: qkv help re" "$(fish_complete 'qkv help re')" "results review"
check "fish: qkv calc --no-s" "$(fish_complete 'qkv calc --no-s')" "--no-save"
check "fish: qkv quiz --concept sc" "$(fish_complete 'qkv quiz --concept sc')" \
  "$(echo "$concepts" | grep '^sc')"
# zsh registers the bash function through bashcompinit.
reg=$(zsh -fc 'autoload -U compinit && compinit -u -d "$1/zcompdump"; source "$1/_qkv"; print -r -- ${_comps[qkv]}' _ "$tmp")
[ "$reg" = "_bash_complete -o filenames -F _qkv_complete" ] || fail "zsh registered [$reg]"
echo "completion.sh: all checks passed"
