#!/usr/bin/env bash
# Runs every fuzz target for N seconds, seeded from the bad-input corpus and the example networks.
# Any crash fails the run; turn the reproducer it names into a file under tests/bad/.
# Usage: fuzz/run.sh BUILD_DIR SECONDS
set -euo pipefail
build=$(cd "$1" && pwd)
seconds=$2
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/json" "$work/csv" "$work/scotland" "$work/gias"
# The Scottish importer: the real file's header and first rows (data/ in the repository).
head -n 40 "$root/data/scotland_northern_alliance_roll_locations_2023.csv" \
  >"$work/scotland/head"
# England's GIAS group links: the header and rows of trusts, federations and closed groups.
head -n 60 "$root/data/england_gias_group_links_2022-07.csv" \
  >"$work/gias/head"
grep -m 20 -E 'Federation|Closed' "$root/data/england_gias_group_links_2022-07.csv" \
  >"$work/gias/rows"
{ head -n 1 "$work/gias/head"; cat "$work/gias/rows"; } >"$work/gias/mixed"
rm -f "$work/gias/rows"
cp "$root"/tests/bad/*.json "$work/json/"
cp "$root"/graphs/*.json "$work/json/" 2>/dev/null || true
n=0
for d in "$root"/tests/bad/csv/*/ "$root"/graphs/*/; do
  [[ -f "$d/schools.csv" ]] || continue
  n=$((n + 1))
  {
    cat "$d/schools.csv"
    for f in partnerships staff memberships groupings; do
      printf '\n%%%%\n'
      if [[ -f "$d/$f.csv" ]]; then head -c 20000 "$d/$f.csv"; fi
    done
  } >"$work/csv/seed-full"
  head -c 60000 "$work/csv/seed-full" >"$work/csv/seed-$n"
  rm "$work/csv/seed-full"
done

status=0
for target in json csv scotland gias; do
  exe="$build/fuzz/fuzz_${target}_loader"
  if [[ $target == scotland || $target == gias ]]; then exe="$build/fuzz/fuzz_${target}_import"; fi
  mkdir -p "$work/artifacts-$target"
  echo "fuzz: ${target} loader for ${seconds}s"
  if ! (cd "$work/artifacts-$target" &&
        ASAN_OPTIONS=detect_leaks=1 "$exe" -max_total_time="$seconds" -timeout=10 \
          -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 "$work/$target" \
          >"$work/$target.log" 2>&1); then
    echo "fuzz: ${target} loader FAILED:"; tail -n 60 "$work/$target.log"
    mkdir -p "$root/build/fuzz-crashes"; cp "$work/artifacts-$target"/* "$root/build/fuzz-crashes/" 2>/dev/null || true
    status=1
  else
    grep -E "stat::number_of_executed_units|Done" "$work/$target.log" | tail -n 2
  fi
done
exit $status
