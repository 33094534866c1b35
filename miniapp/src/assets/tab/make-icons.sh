#!/bin/sh
# Regenerates the tab bar PNGs (81x81) from the SVG sources: one grey, one red per icon.
# Usage: sh make-icons.sh   (needs rsvg-convert)
set -e
cd "$(dirname "$0")"
for name in home category cart mine; do
  sed 's/currentColor/#999999/g' "$name.svg" > "/tmp/linli-$name.svg"
  rsvg-convert -w 81 -h 81 "/tmp/linli-$name.svg" -o "$name.png"
  sed 's/currentColor/#E93B3D/g' "$name.svg" > "/tmp/linli-$name-active.svg"
  rsvg-convert -w 81 -h 81 "/tmp/linli-$name-active.svg" -o "$name-active.png"
  rm -f "/tmp/linli-$name.svg" "/tmp/linli-$name-active.svg"
done
