#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-install.sh BUILD_ROOT SOURCE_ROOT GUI(true|false)
# `meson install` into a scratch DESTDIR gives the binaries, man pages,
# completion (and with the window: desktop file, metainfo, file types,
# icons, schema, help), and no installed file names the build tree or the
# source tree: an installed Gapwatch must never look there.
set -eu
build=$1 source=$2 gui=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

meson install -C "$build" --no-rebuild --destdir "$tmp" --quiet >/dev/null
prefix=$(meson introspect "$build" --buildoptions |
  python3 -c 'import json, sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
root=$tmp$prefix

status=0
expect () {
  if [ -e "$root/$1" ]; then echo "ok: $1"; else echo "FAIL: $1 is not installed"; status=1; fi
}

expect bin/gapwatch-cli
expect share/man/man1/gapwatch-cli.1
expect share/bash-completion/completions/gapwatch-cli
if [ "$gui" = true ]; then
  expect bin/gapwatch
  expect share/man/man1/gapwatch.1
  expect share/applications/io.github.gapwatch.Gapwatch.desktop
  expect share/metainfo/io.github.gapwatch.Gapwatch.metainfo.xml
  expect share/mime/packages/io.github.gapwatch.Gapwatch.xml
  expect share/glib-2.0/schemas/io.github.gapwatch.Gapwatch.gschema.xml
  expect share/icons/hicolor/scalable/apps/io.github.gapwatch.Gapwatch.svg
  expect share/icons/hicolor/symbolic/apps/io.github.gapwatch.Gapwatch-symbolic.svg
  expect share/gapwatch/samples/01-areas.xml
  expect share/locale/cy/LC_MESSAGES/gapwatch.mo
  if [ -d "$source/help/C" ]; then
    expect share/help/C/io.github.gapwatch.Gapwatch/index.page
  fi
fi

# Nothing installed names the build or source folder (binaries included:
# their strings and debug information).  An absolute path only: the debug
# information of an out-of-tree build names sources relative to the build
# folder (../../src/app/...), which no installed program can look up.
for dir in "$build" "$source"; do
  dir=$(realpath "$dir")
  pattern="(^|[^[:alnum:]._/-])$(printf '%s' "$dir" | sed 's/[][\\.*^$+?(){}|]/\\&/g')"
  found=$(grep -rlaE -- "$pattern" "$tmp" || true)
  if [ -n "$found" ]; then
    echo "FAIL: these installed files name $dir:"; echo "$found"; status=1
  else
    echo "ok: no installed file names $dir"
  fi
done
exit $status
