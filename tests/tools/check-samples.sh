#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-samples.sh GENERATOR SAMPLES_DIR
#
# Regenerates the sample exports into a temporary directory and compares them
# with the committed ones (gzip files by their content, because the
# compressed bytes may differ between zlib versions).  Fails when a sample is
# missing, extra or different: run `ninja -C BUILDDIR update-samples` after
# changing the generator, and commit the result.  Every file is checked
# whoever writes it: the small areas of 08-lsoa-*.xml.gz come from a random
# stream of their own, so a change to another file must leave it as it is
# (and the other files must not change when it does).
set -eu

gen=$1
samples=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir "$tmp/new"
"$gen" --samples "$tmp/new" > /dev/null

status=0
for f in "$tmp"/new/*; do
  name=${f##*/}
  old=$samples/$name
  if [ ! -e "$old" ]; then
    echo "missing in $samples: $name"
    status=1
    continue
  fi
  case $name in
    *.gz)
      gzip -dc "$f" > "$tmp/a"
      gzip -dc "$old" > "$tmp/b"
      ;;
    *)
      cp "$f" "$tmp/a"
      cp "$old" "$tmp/b"
      ;;
  esac
  if ! cmp -s "$tmp/a" "$tmp/b"; then
    echo "differs from the generator's output: $name"
    diff "$tmp/b" "$tmp/a" | head -n 10 || true
    status=1
  fi
done

for old in "$samples"/*; do
  name=${old##*/}
  case $name in
    README.md|meson.build) continue ;;
  esac
  if [ ! -e "$tmp/new/$name" ]; then
    echo "not written by the generator: $samples/$name"
    status=1
  fi
done

if [ $status -eq 0 ]; then
  echo "data/samples/ matches the generator ($(ls "$tmp/new" | wc -l) files)"
fi
exit $status
