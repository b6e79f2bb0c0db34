#!/usr/bin/env bash
# The bad-input corpus: every tests/bad/NAME.json (and every folder tests/bad/csv/NAME/) must make
# `collabnet check` exit 2 with exactly the stderr in NAME.expected (csv/NAME/expected.txt), print
# nothing on stdout, and a command that writes output (export) must leave no file behind.
# Usage: run_bad_corpus.sh COLLABNET_EXE CORPUS_DIR
set -u
exe=$1
corpus=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
cases=0

check_case() {  # dir name expected-file
  local dir=$1 name=$2 expected=$3
  cases=$((cases + 1))
  (cd "$dir" && "$exe" check "$name" >"$tmp/out" 2>"$tmp/err")
  local rc=$?
  if [[ $rc -ne 2 ]]; then
    echo "FAIL $name: exit code $rc, expected 2"; failures=$((failures + 1)); return
  fi
  if [[ -s "$tmp/out" ]]; then
    echo "FAIL $name: printed on stdout:"; cat "$tmp/out"; failures=$((failures + 1)); return
  fi
  if ! diff -u "$expected" "$tmp/err" >"$tmp/diff"; then
    echo "FAIL $name: stderr differs from $expected:"; cat "$tmp/diff"; failures=$((failures + 1))
    return
  fi
  # A command that writes must write nothing at all on bad input.
  (cd "$dir" && "$exe" export "$name" --to csv -o "$tmp/exported" >/dev/null 2>&1)
  rc=$?
  if [[ $rc -ne 2 || -e "$tmp/exported" ]]; then
    echo "FAIL $name: export exited $rc or left output behind"; failures=$((failures + 1))
    rm -rf "$tmp/exported"
  fi
  if [[ -n $(ls -A "$tmp" | grep -v -x -e out -e err -e diff) ]]; then
    echo "FAIL $name: stray files in the output folder"; failures=$((failures + 1))
  fi
}

for f in "$corpus"/*.json; do
  check_case "$corpus" "$(basename "$f")" "${f%.json}.expected"
done
if [[ -d "$corpus/csv" ]]; then
  for d in "$corpus"/csv/*/; do
    d=${d%/}
    check_case "$corpus/csv" "$(basename "$d")" "$d/expected.txt"
  done
fi
echo "bad-input corpus: $((cases - failures)) passed, $failures failed"
[[ $failures -eq 0 ]]
