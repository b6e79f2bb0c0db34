# End-to-end runs of `collabnet import` and `collabnet export` (unit tests: test_csv_loader.cpp,
# test_network_io.cpp, test_import.cpp). Each writes into its own folder under the build tree.
set(COLLABNET_IO_SCRATCH ${CMAKE_CURRENT_BINARY_DIR}/io-e2e)
set(COLLABNET_SCOTLAND_CSV
  ${PROJECT_SOURCE_DIR}/data/scotland_northern_alliance_roll_locations_2023.csv)

# The demo, JSON → CSV folder → JSON, is byte-identical; the folder matches graphs/northern-alliance/.
add_test(NAME io-demo-round-trip
  COMMAND bash -c [=[
    set -eu
    exe=$1; src=$2; out=$3
    rm -rf "$out"; mkdir -p "$out"
    "$exe" export "$src/graphs/northern-alliance.json" --to csv -o "$out/csv" 2>"$out/err1"
    "$exe" import csv "$out/csv" -o "$out/back.json" 2>"$out/err2"
    test ! -s "$out/err1" && test ! -s "$out/err2"
    cmp "$src/graphs/northern-alliance.json" "$out/back.json"
    diff -r "$src/graphs/northern-alliance" "$out/csv"
  ]=] _ $<TARGET_FILE:collabnet_exe> ${PROJECT_SOURCE_DIR} ${COLLABNET_IO_SCRATCH}/demo)

# The Scottish import of the real file: 637 schools, three zero-roll warnings, exit 0, valid.
add_test(NAME io-import-scotland
  COMMAND bash -c [=[
    set -eu
    exe=$1; csv=$2; out=$3
    rm -rf "$out"; mkdir -p "$out"
    "$exe" import scotland "$csv" -o "$out/na.json" 2>"$out/err"
    test "$(grep -c 'warning: PupilRoll' "$out/err")" = 3
    "$exe" check "$out/na.json" >"$out/summary"
    grep -q '637' "$out/summary"
    grep -q 'Open Government Licence v3.0' "$out/na.json"
  ]=] _ $<TARGET_FILE:collabnet_exe> ${COLLABNET_SCOTLAND_CSV} ${COLLABNET_IO_SCRATCH}/scotland)

# Bad input and bad usage: exit 2, a located message, no output file.
add_test(NAME io-bad-usage
  COMMAND bash -c [=[
    set -u
    exe=$1; src=$2; out=$3
    rm -rf "$out"; mkdir -p "$out"
    fail() { echo "FAIL: $*"; exit 1; }
    "$exe" export "$src/graphs/northern-alliance.json" --to dot -o "$out/x" 2>"$out/err"
    [[ $? -eq 2 && ! -e "$out/x" ]] || fail "export --to dot"
    "$exe" import csv "$src/tests/bad/csv/quoted-newline" -o "$out/y.json" 2>"$out/err"
    [[ $? -eq 2 && ! -e "$out/y.json" ]] || fail "import csv of a bad folder"
    grep -q 'quoted-newline/schools.csv:4: roll: must be a whole number' "$out/err" || fail "message"
    "$exe" import scotland "$src/graphs/tiny.json" -o "$out/z.json" 2>"$out/err"
    [[ $? -eq 2 && ! -e "$out/z.json" ]] || fail "import scotland of a JSON file"
    "$exe" import csv "$src/tests/bad/csv/quoted-newline" 2>"$out/err"
    [[ $? -eq 2 ]] || fail "import csv without -o"
    ls -A "$out" | grep -v -x err && fail "stray output" || true
  ]=] _ $<TARGET_FILE:collabnet_exe> ${PROJECT_SOURCE_DIR} ${COLLABNET_IO_SCRATCH}/bad)

set_tests_properties(io-demo-round-trip io-import-scotland io-bad-usage
  PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}")
