#!/usr/bin/env bash
# Renders qwen-workbench.svg into the files the installers and the window use, beside this script:
#   png/qwen-workbench-N.png (N = 16 … 512), qwen-workbench.ico (Windows), qwen-workbench.icns (macOS).
# Run by hand after editing the SVG, and commit what it writes: the build never needs these tools.
# Needs rsvg-convert (Debian: librsvg2-bin) for the SVG and ImageMagick's convert (Debian: imagemagick) for the ICO;
# the ICNS is written here (a header and PNG chunks), so no macOS tool is needed.
set -euo pipefail
cd "$(dirname "$0")"
SVG=qwen-workbench.svg
SIZES=(16 24 32 48 64 128 256 512)
for tool in rsvg-convert convert; do
  command -v "$tool" >/dev/null || { echo "make-icons.sh: $tool is missing (apt-get install librsvg2-bin imagemagick)" >&2; exit 2; }
done

mkdir -p png
for n in "${SIZES[@]}"; do
  rsvg-convert --width "$n" --height "$n" "$SVG" -o "png/qwen-workbench-$n.png"
done

# ICO: every size up to 256 (Windows shows 16 … 48 in lists, 256 in large views); no timestamps, so it is reproducible
convert png/qwen-workbench-{16,24,32,48,64,128,256}.png -strip qwen-workbench.ico

# ICNS: "icns", total length, then (type, length, PNG) chunks, lengths as 4-byte big-endian integers
be32() { printf '%08x' "$1" | sed 's/../\\x&/g' | xargs -0 printf; }
chunk() { # type file
  local size; size=$(stat -c %s "$2")
  printf '%s' "$1"; be32 $((size + 8)); cat "$2"
}
body=$(mktemp)
trap 'rm -f "$body"' EXIT
{
  chunk icp4 png/qwen-workbench-16.png    # 16
  chunk ic11 png/qwen-workbench-32.png    # 16@2x
  chunk icp5 png/qwen-workbench-32.png    # 32
  chunk ic12 png/qwen-workbench-64.png    # 32@2x
  chunk ic07 png/qwen-workbench-128.png   # 128
  chunk ic13 png/qwen-workbench-256.png   # 128@2x
  chunk ic08 png/qwen-workbench-256.png   # 256
  chunk ic14 png/qwen-workbench-512.png   # 256@2x
  chunk ic09 png/qwen-workbench-512.png   # 512
} > "$body"
{ printf 'icns'; be32 $(( $(stat -c %s "$body") + 8 )); cat "$body"; } > qwen-workbench.icns
echo "make-icons.sh: wrote png/ (${SIZES[*]}), qwen-workbench.ico, qwen-workbench.icns"
