#!/usr/bin/env bash
# The hostile survey corpus: every folder tests/bad/survey/NAME/ holds an answers.csv that
# `collabnet import survey NAME/answers.csv --register register.json -o OUT` must refuse: exit 2,
# exactly the stderr in NAME/expected.txt, nothing on stdout, and no OUT (nor any other file)
# left behind, with and without a match report (--matches).
# Usage: run_survey_corpus.sh COLLABNET_EXE CORPUS_DIR
set -u
exe=$1
corpus=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
cases=0

for d in "$corpus"/*/; do
  d=${d%/}
  name=$(basename "$d")
  cases=$((cases + 1))
  (cd "$corpus" && "$exe" import survey "$name/answers.csv" --register register.json \
     -o "$tmp/out.json" >"$tmp/stdout" 2>"$tmp/stderr")
  rc=$?
  if [[ $rc -ne 2 ]]; then
    echo "FAIL $name: exit code $rc, expected 2"; cat "$tmp/stderr"
    failures=$((failures + 1)); rm -f "$tmp/out.json"; continue
  fi
  if [[ -s "$tmp/stdout" ]]; then
    echo "FAIL $name: printed on stdout:"; cat "$tmp/stdout"; failures=$((failures + 1)); continue
  fi
  if ! diff -u "$d/expected.txt" "$tmp/stderr" >"$tmp/diff"; then
    echo "FAIL $name: stderr differs from $d/expected.txt:"; cat "$tmp/diff"
    failures=$((failures + 1)); continue
  fi
  if [[ -e "$tmp/out.json" ]]; then
    echo "FAIL $name: the network was written"; failures=$((failures + 1)); rm -f "$tmp/out.json"
    continue
  fi
  # Asking for the match report too writes neither file.
  (cd "$corpus" && "$exe" import survey "$name/answers.csv" --register register.json \
     --matches "$tmp/matches.csv" -o "$tmp/out.json" >/dev/null 2>&1)
  rc=$?
  if [[ $rc -ne 2 || -e "$tmp/out.json" || -e "$tmp/matches.csv" ]]; then
    echo "FAIL $name: with --matches, exit code $rc or a file left behind"
    failures=$((failures + 1)); rm -f "$tmp/out.json" "$tmp/matches.csv"; continue
  fi
  if [[ -n $(ls -A "$tmp" | grep -v -x -e stdout -e stderr -e diff) ]]; then
    echo "FAIL $name: stray files in the output folder"; failures=$((failures + 1))
  fi
done
echo "hostile survey corpus: $((cases - failures)) passed, $failures failed"
[[ $cases -gt 0 && $failures -eq 0 ]]
