#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-screenshots.sh METAINFO SCREENSHOTS_DIR
# Every screenshot the metainfo names is a PNG in data/screenshots with the
# width and height the metainfo gives.
set -eu
metainfo=$1 dir=$2
status=0 n=0
for entry in $(sed -n 's|.*<image type="source" width="\([0-9]*\)" height="\([0-9]*\)">.*/data/screenshots/\([^<]*\)</image>.*|\1:\2:\3|p' "$metainfo"); do
  width=${entry%%:*} rest=${entry#*:}
  height=${rest%%:*} name=${rest#*:}
  n=$((n + 1))
  file="$dir/$name"
  if [ ! -f "$file" ]; then
    echo "FAIL: $name is missing from $dir"; status=1; continue
  fi
  # PNG: signature, then the IHDR chunk with width and height, big-endian.
  size=$(od -An -tu1 -j16 -N8 "$file" | awk '{ print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8 }')
  if [ "$(head -c 4 "$file" | od -An -c | tr -d ' ')" != "211PNG" ]; then
    echo "FAIL: $name is not a PNG"; status=1
  elif [ "$size" != "${width}x${height}" ]; then
    echo "FAIL: $name is $size, the metainfo says ${width}x${height}"; status=1
  else
    echo "ok: $name ${size}"
  fi
done
[ "$n" -gt 0 ] || { echo "FAIL: the metainfo names no screenshot"; status=1; }
exit $status
