# End-to-end checks of issue 19's promises that need the real binary and the real system:
# standard output on a full disk, a PDF drawn in two processes, a network through a pipe, and
# the benchmark generator's -o (unit tests: test_reliability.cpp, test_promises.cpp).
set(COLLABNET_RELIABILITY_SCRATCH ${CMAKE_CURRENT_BINARY_DIR}/reliability-e2e)

# `> /dev/full`: every command that writes to standard output exits 2 and says why.
add_test(NAME reliability-dev-full
  COMMAND bash -c [=[
    set -u
    exe=$1; src=$2
    fail=0
    try() {
      "$@" >/dev/full 2>"$err"; rc=$?
      if [[ $rc -ne 2 ]] || ! grep -q '^standard output: cannot write output: No space left on device; the disk is full' "$err"; then
        echo "FAIL (exit $rc): $*"; cat "$err"; fail=1
      fi
    }
    err=$(mktemp); trap 'rm -f "$err"' EXIT
    net=$src/graphs/tiny.json
    try "$exe" analyse "$net"
    try "$exe" analyse "$net" --format json
    try "$exe" analyse "$net" --format csv
    try "$exe" check "$net"
    try "$exe" report "$net" -o -
    try "$exe" render "$net" --format svg -o -
    try "$exe" render "$net" --format pdf
    try "$exe" export "$net" --to graphml -o -
    try "$exe" export "$net" --to geojson -o -
    try "$exe" import csv "$src/graphs/northern-alliance" -o -
    exit $fail
  ]=] _ $<TARGET_FILE:collabnet_exe> ${PROJECT_SOURCE_DIR})

# A PDF drawn by two processes, a second apart: the same bytes (cairo writes the time).
add_test(NAME reliability-pdf-same-bytes
  COMMAND bash -c [=[
    set -eu
    exe=$1; src=$2; out=$3
    rm -rf "$out"; mkdir -p "$out"
    "$exe" render "$src/graphs/tiny.json" -o "$out/a.pdf"
    sleep 1.1
    "$exe" render "$src/graphs/tiny.json" -o "$out/b.pdf"
    cmp "$out/a.pdf" "$out/b.pdf"
    ! grep -aq CreationDate "$out/a.pdf"
  ]=] _ $<TARGET_FILE:collabnet_exe> ${PROJECT_SOURCE_DIR} ${COLLABNET_RELIABILITY_SCRATCH}/pdf)

# Inputs: a network through a pipe is read; /dev/zero is refused at once, not read for ever.
add_test(NAME reliability-inputs
  COMMAND bash -c [=[
    set -eu
    exe=$1; src=$2
    cat "$src/graphs/tiny.json" | "$exe" check /dev/stdin | grep -Eq '^  schools +12:'
    "$exe" check <(cat "$src/graphs/tiny.json") | grep -Eq '^  schools +12:'
    set +e
    timeout 20 "$exe" check /dev/zero 2>/dev/null; rc=$?
    test $rc -eq 2
    timeout 20 "$exe" analyse "$src/graphs/tiny.json" --config /dev/zero 2>/dev/null; rc=$?
    test $rc -eq 2
  ]=] _ $<TARGET_FILE:collabnet_exe> ${PROJECT_SOURCE_DIR})

# bench/generate.py takes -o like every command (it used to write a file named "-o").
add_test(NAME reliability-generate-output-flag
  COMMAND bash -c [=[
    set -eu
    src=$1; out=$2
    rm -rf "$out"; mkdir -p "$out"; cd "$out"
    /usr/bin/python3 "$src/bench/generate.py" 30 -o a.json
    /usr/bin/python3 "$src/bench/generate.py" 30 b.json
    cmp a.json b.json
    test ! -e ./-o
    /usr/bin/python3 "$src/bench/generate.py" 30 --seed 2 -o c.json
    ! cmp -s a.json c.json
  ]=] _ ${PROJECT_SOURCE_DIR} ${COLLABNET_RELIABILITY_SCRATCH}/generate)

# bench/generate.py's default file, shaped like real exports (issue 18), is read in full: the
# same figures for every school as its --lean twin, no warning (tests/bench/check_realistic.py).
add_test(NAME reliability-generate-realistic
  COMMAND ${COLLABNET_REF_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/bench/check_realistic.py
          $<TARGET_FILE:collabnet_exe> ${PROJECT_SOURCE_DIR}
          ${COLLABNET_RELIABILITY_SCRATCH}/realistic)
set_tests_properties(reliability-generate-realistic PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}")

# Graphviz and fontconfig keep caches for the life of the process: the suppressions every
# end-to-end run uses.
set_tests_properties(reliability-dev-full reliability-pdf-same-bytes reliability-inputs
  PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}")
