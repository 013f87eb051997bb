#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-mime.sh MIME_XML GAPWATCH_CLI SAMPLES_DIR
# Builds a MIME database from freedesktop.org's types and ours in a scratch
# folder, and checks what GIO calls our files and others'.
set -eu
mime_xml=$1 cli=$2 samples=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/share/mime/packages" "$tmp/home"
cp /usr/share/mime/packages/freedesktop.org.xml "$tmp/share/mime/packages/"
cp "$mime_xml" "$tmp/share/mime/packages/io.github.gapwatch.Gapwatch.xml"
XDG_DATA_DIRS="$tmp/share" update-mime-database "$tmp/share/mime"

"$cli" import --workspace "$tmp/team.gwdb" "$samples/01-areas.xml" >/dev/null
# The same workspace without its extension: known by its content alone.
cp "$tmp/team.gwdb" "$tmp/team-copy"
python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("create table t (x)")' "$tmp/other.db"
cp "$tmp/other.db" "$tmp/other-copy"
cp "$samples/01-areas.xml" "$tmp/areas-copy"
printf '<?xml version="1.0"?>\n<export xmlns="urn:example:other"/>\n' > "$tmp/other.xml"
printf '<note>no declaration</note>\n' > "$tmp/bare.xml"

status=0
expect () {
  got=$(XDG_DATA_HOME="$tmp/home" XDG_DATA_DIRS="$tmp/share" \
        gio info -a standard::content-type "$1" | sed -n 's/^ *standard::content-type: //p')
  if [ "$got" = "$2" ]; then
    echo "ok: $(basename "$1") is $2"
  else
    echo "FAIL: $(basename "$1") is $got, not $2"
    status=1
  fi
}

expect "$samples/01-areas.xml" application/x-gapwatch-export
expect "$tmp/areas-copy" application/x-gapwatch-export
expect "$tmp/other.xml" application/xml
expect "$tmp/bare.xml" application/xml
expect "$tmp/team.gwdb" application/x-gapwatch-workspace
expect "$tmp/team-copy" application/x-gapwatch-workspace
expect "$tmp/other.db" application/vnd.sqlite3
expect "$tmp/other-copy" application/vnd.sqlite3
exit $status
