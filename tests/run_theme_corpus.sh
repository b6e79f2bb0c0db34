#!/usr/bin/env bash
# The bad theme-file corpus: for every tests/bad/theme/NAME.expected, `collabnet render NETWORK
# --theme NAME.json` (run in the corpus folder, so messages name the file as typed) must exit 2
# with exactly that stderr, print nothing on stdout and write no diagram. A NAME.expected without
# NAME.json is the missing-file case.
# Usage: run_theme_corpus.sh COLLABNET_EXE CORPUS_DIR NETWORK
set -u
exe=$1
corpus=$2
network=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
cases=0
for expected in "$corpus"/*.expected; do
  name=$(basename "${expected%.expected}")
  cases=$((cases + 1))
  (cd "$corpus" && "$exe" render "$network" --theme "$name.json" -o "$tmp/out.svg" \
    >"$tmp/stdout" 2>"$tmp/stderr")
  rc=$?
  if [[ $rc -ne 2 ]]; then
    echo "FAIL $name: exit code $rc, expected 2"; cat "$tmp/stderr"; failures=$((failures + 1))
    continue
  fi
  if [[ -s "$tmp/stdout" ]]; then
    echo "FAIL $name: printed on stdout:"; cat "$tmp/stdout"; failures=$((failures + 1)); continue
  fi
  if ! diff -u "$expected" "$tmp/stderr"; then
    echo "FAIL $name: stderr differs from $expected"; failures=$((failures + 1)); continue
  fi
  if [[ -e "$tmp/out.svg" ]]; then
    echo "FAIL $name: wrote a diagram"; failures=$((failures + 1)); rm -f "$tmp/out.svg"
  fi
done
echo "bad theme corpus: $((cases - failures)) passed, $failures failed"
[[ $failures -eq 0 ]]
