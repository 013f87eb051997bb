#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# check-completion.sh GAPWATCH_CLI COMPLETION
# Runs the bash completion of gapwatch-cli as bash would on a command line
# and compares what it offers with what it should.
set -u
cli=$(realpath "$1")
shopt -s extglob
# shellcheck source=/dev/null
source "$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/exports"
touch "$tmp/exports/a.xml" "$tmp/exports/b.xml.gz" "$tmp/exports/notes.txt" "$tmp/team.gwdb"
cd "$tmp" || exit 1

status=0
# expect "WORDS..." "EXPECTED" : complete the last word (as bash splits it).
expect () {
  local line=$1 want=$2 got
  read -r -a COMP_WORDS <<< "$line"
  [[ $line == *" " ]] && COMP_WORDS+=("")
  COMP_WORDS[0]=$cli
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _gapwatch_cli
  got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
  got=${got% }
  if [[ $got == "$want" ]]; then
    echo "ok: '$line' -> $got"
  else
    echo "FAIL: '$line' -> '$got', not '$want'"
    status=1
  fi
}

expect "gapwatch-cli " "check decompose help import indicators reckon render report sii summary targets track"
expect "gapwatch-cli tr" "track"
expect "gapwatch-cli --v" "--version"
expect "gapwatch-cli help re" "reckon render report"
expect "gapwatch-cli decompose --causes " "all top"
expect "gapwatch-cli reckon --ne" "--needed-gap="
expect "gapwatch-cli check -" "--help --mapping= --structure= --verbose --workspace="
expect "gapwatch-cli check --mapping " "exports"
expect "gapwatch-cli check --structure exports/" "exports/a.xml exports/b.xml.gz"
expect "gapwatch-cli track --ta" "--target-period= --target="
expect "gapwatch-cli track --method " "holt latest linear"
expect "gapwatch-cli render --chart = f" "funnel"
expect "gapwatch-cli render --chart = a" "age-cause"
expect "gapwatch-cli render --palette = " "colour-blind greyscale standard"
expect "gapwatch-cli summary --format " "json text"
expect "gapwatch-cli indicators --format " "csv json table"
expect "gapwatch-cli track --workspace " "exports team.gwdb"
expect "gapwatch-cli check exports/" "exports/a.xml exports/b.xml.gz"
expect "gapwatch-cli track --summary exports/a" "exports/a.xml"
expect "gapwatch-cli report --su" "--summary"
expect "gapwatch-cli targets " "add list remove"
expect "gapwatch-cli targets remove -" "--help --id= --workspace="
expect "gapwatch-cli targets add --sexes " "f m m,f p"
expect "gapwatch-cli targets add --measure " "gap sii"
expect "gapwatch-cli targets add --workspace " "exports team.gwdb"

# Every option of every command's --help is offered.
for command in check decompose import indicators reckon render report summary track "targets list" "targets add" "targets remove"; do
  # shellcheck disable=SC2086
  want=$(LC_ALL=C "$cli" $command --help | sed -n 's/^  .*\(--[a-z-]*\).*/\1/p' | sort -u | wc -l)
  read -r -a COMP_WORDS <<< "gapwatch-cli $command --"
  COMP_WORDS[0]=$cli COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) COMPREPLY=()
  _gapwatch_cli
  if [[ ${#COMPREPLY[@]} -eq $want ]]; then
    echo "ok: $command offers its $want options"
  else
    echo "FAIL: $command offers ${#COMPREPLY[@]} options, its --help has $want"
    status=1
  fi
done
exit $status
