#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-man.sh PROGRAM MANPAGE
# The man page says every option the program's --help prints.  For
# gapwatch-cli (a program with commands) each command has a subsection
# (.SS "COMMAND ...") and every option of `COMMAND --help` is in it; for
# gapwatch every option of --help-all is in OPTIONS.  groff must also read
# the page without a warning.
set -eu
program=$1 page=$2
export LC_ALL=C LANGUAGE=C
status=0

# The page's text with roff's \- read as -; one section of it, from the
# heading (.SS or .SH) that matches the regular expression, to the next.
text () { sed 's/\\-/-/g' "$page"; }
section () {
  text | awk -v want="$1" '
    /^\.S[SH] / { on = ($0 ~ want); next }
    on { print }'
}
# The option names of a help text's option lines: -v, --verbose, --area...
options () {
  sed -n 's/^  \(-[^ ].*\)$/\1/p' | sed 's/  .*//' | tr ',' '\n' |
    sed 's/^ *//; s/[= ].*//' | grep '^-'
}
has_option () {
  # Whole option only: --target is not --target-period.
  printf '%s\n' "$1" | grep -q -e "$2\([^a-z-]\|\$\)"
}

warnings=$(groff -man -ww -z "$page" 2>&1 || true)
if [ -n "$warnings" ]; then
  echo "FAIL: groff warns about $page:"; echo "$warnings"; status=1
fi

name=$(basename "$program")
if [ "$name" = gapwatch-cli ]; then
  commands=$("$program" --help | awk '/^Commands:/ { on = 1; next } /^$/ { on = 0 } on { print $1 }')
  [ -n "$commands" ] || { echo "FAIL: no commands in $name --help"; exit 1; }
  for command in $commands; do
    body=$(section "^[.]SS \"$command[ \"]")
    if [ -z "$body" ]; then
      echo "FAIL: no subsection for $command"; status=1; continue
    fi
    [ "$command" = help ] && continue
    # A command with actions (targets list|add|remove) names them in its
    # usage; each action's options are in the command's subsection.
    actions=$("$program" "$command" --help | sed -n "s/^  [^ ]* $command \([a-z][a-z-]*\) .*/\1/p")
    for action in ${actions:-""}; do
      for option in $("$program" "$command" $action --help | sed -n '/^Application Options:/,/^$/p' | options); do
        if has_option "$body" "$option"; then
          echo "ok: $command $action $option"
        else
          echo "FAIL: $command $action $option is not in its subsection"; status=1
        fi
      done
      if [ -n "$action" ] && ! printf '%s\n' "$body" | grep -q "targets $action\|$action"; then
        echo "FAIL: $command $action is not in its subsection"; status=1
      fi
    done
  done
  help_text=$("$program" --help)
else
  help_text=$("$program" --help-all)
fi

body=$(section '^[.]SH OPTIONS$')
for option in $(printf '%s\n' "$help_text" | options); do
  if has_option "$body" "$option"; then
    echo "ok: $option"
  else
    echo "FAIL: $option is not in OPTIONS"; status=1
  fi
done
exit $status
