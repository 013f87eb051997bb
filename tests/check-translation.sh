#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-translation.sh SOURCE_ROOT LANG
# The translation is complete: every string of the sources listed in
# po/POTFILES.in (extracted now, as `ninja gapwatch-pot` would) has a
# translation in po/LANG.po, none fuzzy.
set -eu
top=$1 lang=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

grep -v -e '^#' -e '^$' "$top/po/POTFILES.in" > "$tmp/files"
# The keywords of meson's glib preset (i18n.gettext in po/meson.build).
xgettext --directory="$top" --files-from="$tmp/files" --output="$tmp/gapwatch.pot" \
  --from-code=UTF-8 --add-comments --package-name=gapwatch \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format
msgmerge --quiet --no-fuzzy-matching --output-file="$tmp/$lang.po" "$top/po/$lang.po" "$tmp/gapwatch.pot"
stats=$(msgfmt --statistics --output-file=/dev/null "$tmp/$lang.po" 2>&1)
echo "$lang: $stats"
untranslated=$(msgattrib --untranslated --no-obsolete --no-wrap "$tmp/$lang.po" | sed -n 's/^msgid "\(..*\)"$/  \1/p')
fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/$lang.po" | sed -n 's/^msgid "\(..*\)"$/  \1/p')
if [ -n "$untranslated$fuzzy" ]; then
  [ -z "$untranslated" ] || { echo "FAIL: untranslated in $lang.po:"; echo "$untranslated"; }
  [ -z "$fuzzy" ] || { echo "FAIL: fuzzy in $lang.po:"; echo "$fuzzy"; }
  exit 1
fi
echo "ok: $lang.po translates every string"
