#!/bin/sh
# Seeds fuzz/corpus/<target>/ with the project's reports, indicator files and
# the broken-input corpus (tests/bad). Run from anywhere.
set -eu
cd "$(dirname "$0")"
mkdir -p corpus/prepare corpus/number
for f in ../content/*.yaml ../content/mau/*.yaml ../tests/bad/*; do
  case "$f" in *EXPECT.tsv) continue ;; esac
  cp "$f" "corpus/prepare/$(basename "$f")"
done
# Numbers as typed in the indicator files, one a file.
grep -ho '"[-0-9.,]*"' ../content/*.yaml ../content/mau/*.yaml ../tests/bad/*.yaml 2>/dev/null | tr -d '"' | sort -u |
  while read -r n; do [ -n "$n" ] && printf '%s' "$n" > "corpus/number/$(printf '%s' "$n" | cksum | cut -d' ' -f1)"; done
echo "seeded: $(ls corpus/prepare | wc -l) reports, $(ls corpus/number | wc -l) numbers"
