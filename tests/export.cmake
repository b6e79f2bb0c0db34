# Exports read back by the tools they are for (issue 7): NetworkX and igraph read the GraphML,
# NetworkX the GEXF, json the GeoJSON (tests/export/check_exports.py). Unit tests, escaping and
# publish mode: test_export.cpp; the staff pass: test_staff.cpp; the GIAS import: test_gias.cpp.
set(COLLABNET_EXPORT_OUT ${CMAKE_CURRENT_BINARY_DIR}/export-e2e)
set(COLLABNET_EXPORT_CHECK ${CMAKE_CURRENT_SOURCE_DIR}/export/check_exports.py)

foreach(spec "tiny;${PROJECT_SOURCE_DIR}/graphs/tiny.json"
             "tiny-as-of;${PROJECT_SOURCE_DIR}/graphs/tiny.json;--as-of;2026-06-30"
             "tiny-all;${PROJECT_SOURCE_DIR}/graphs/tiny.json;--as-of;all"
             "demo;${PROJECT_SOURCE_DIR}/graphs/northern-alliance.json"
             "hostile;${CMAKE_CURRENT_SOURCE_DIR}/export/hostile.json"
             "hostile-as-of;${CMAKE_CURRENT_SOURCE_DIR}/export/hostile.json;--as-of;2025-12-31")
  list(GET spec 0 name)
  list(GET spec 1 net)
  list(LENGTH spec length)
  set(extra "")
  if(length GREATER 2)
    list(SUBLIST spec 2 -1 extra)
  endif()
  add_test(NAME export-readback-${name}
    COMMAND ${COLLABNET_REF_PYTHON} ${COLLABNET_EXPORT_CHECK} $<TARGET_FILE:collabnet_exe> ${net}
            ${COLLABNET_EXPORT_OUT}/${name} ${extra})
  set_tests_properties(export-readback-${name} PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}"
    TIMEOUT 300)
endforeach()

# The England trusts import end to end: exit 0, no warnings, OGL line, and the analysis flags
# 302 oversize trusts (the unit test compares them one by one with the raw file).
add_test(NAME import-gias-groups
  COMMAND bash -c [=[
    set -eu
    exe=$1; csv=$2; out=$3
    rm -rf "$out"; mkdir -p "$out"
    "$exe" import gias-groups "$csv" -o "$out/england.json" 2>"$out/err"
    test ! -s "$out/err"
    grep -q 'Open Government Licence v3.0' "$out/england.json"
    "$exe" analyse "$out/england.json" --format csv -o "$out/analysis" 2>/dev/null
    test "$(grep -c '^oversize-grouping,' "$out/analysis/findings.csv")" -ge 302
  ]=] _ $<TARGET_FILE:collabnet_exe>
      ${PROJECT_SOURCE_DIR}/data/england_gias_group_links_2022-07.csv
      ${COLLABNET_EXPORT_OUT}/gias)
set_tests_properties(import-gias-groups PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}"
  TIMEOUT 300)

# Publish mode on the laid-out outputs: the SVG diagram and the HTML report hold no staff name
# (each in its own process: see the note in test_export.cpp). The other formats are checked
# in-process by test_export.cpp.
add_test(NAME export-privacy-svg-report
  COMMAND bash -c [=[
    set -u
    exe=$1; net=$2; out=$3
    rm -rf "$out"; mkdir -p "$out"
    fail() { echo "FAIL: $*"; exit 1; }
    "$exe" render "$net" -o "$out/diagram.svg" 2>"$out/err-svg" || fail "render svg"
    test -s "$out/diagram.svg" || fail "empty svg"
    files="$out/diagram.svg $out/err-svg"
    if "$exe" report --help >/dev/null 2>&1; then
      "$exe" report "$net" -o "$out/report.html" 2>"$out/err-report" || fail "report"
      test -s "$out/report.html" || fail "empty report"
      files="$files $out/report.html $out/err-report"
    fi
    for name in "Zebedee Secretname" "Yolanda Hiddenname" "zebedee@example.org"; do
      grep -l -F "$name" $files && fail "staff name \"$name\" in the output"
    done
    exit 0
  ]=] _ $<TARGET_FILE:collabnet_exe> ${CMAKE_CURRENT_SOURCE_DIR}/export/hostile.json
      ${COLLABNET_EXPORT_OUT}/privacy)
set_tests_properties(export-privacy-svg-report PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}")
