#!/bin/sh
# Regenerates the PNG icons from their SVG sources (needs rsvg-convert).
# Tab bar: 81x81, a grey and a red version of each. Other icons: drawn in their own colours.
# Usage: sh miniapp/scripts/make-icons.sh
set -e
cd "$(dirname "$0")/../src/assets"
tmp=$(mktemp -d)
for name in home category cart mine; do
  sed 's/currentColor/#999999/g' "tab/$name.svg" > "$tmp/$name.svg"
  rsvg-convert -w 81 -h 81 "$tmp/$name.svg" -o "tab/$name.png"
  sed 's/currentColor/#E93B3D/g' "tab/$name.svg" > "$tmp/$name-active.svg"
  rsvg-convert -w 81 -h 81 "$tmp/$name-active.svg" -o "tab/$name-active.png"
done
for name in service search pin order-pay order-ship order-receive order-after-sale order-all; do
  rsvg-convert -w 96 -h 96 "icons/$name.svg" -o "icons/$name.png"
done
for name in box cart order search address error; do
  rsvg-convert -w 240 -h 240 "icons/empty-$name.svg" -o "icons/empty-$name.png"
done
rm -rf "$tmp"
