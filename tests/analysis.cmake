# Analysis: differential tests against NetworkX and end-to-end runs of `collabnet analyse`.
# Included by tests/CMakeLists.txt.

set(COLLABNET_NX_SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/nx_reference.py)
set(COLLABNET_GEN_SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/gen_network.py)
set(COLLABNET_TINY ${PROJECT_SOURCE_DIR}/graphs/tiny.json)

# tiny.json, with and without an as-of date.
add_test(NAME analysis_nx_tiny
  COMMAND ${COLLABNET_REF_PYTHON} ${COLLABNET_NX_SCRIPT} $<TARGET_FILE:collabnet_exe> ${COLLABNET_TINY})
add_test(NAME analysis_nx_tiny_as_of
  COMMAND ${COLLABNET_REF_PYTHON} ${COLLABNET_NX_SCRIPT} $<TARGET_FILE:collabnet_exe> ${COLLABNET_TINY}
          --as-of 2026-06-30)
add_test(NAME analysis_nx_tiny_all
  COMMAND ${COLLABNET_REF_PYTHON} ${COLLABNET_NX_SCRIPT} $<TARGET_FILE:collabnet_exe> ${COLLABNET_TINY}
          --as-of all)

# Seeded generated networks of 300 to 2,000 schools: generate, then compare every metric.
foreach(spec "1;300;" "7;800;--as-of;2025-06-30;--threads;2" "3;2000;" "5;1200;--threads;1")
  list(GET spec 0 seed)
  list(GET spec 1 size)
  list(SUBLIST spec 2 -1 extra)
  list(FILTER extra EXCLUDE REGEX "^$")
  set(net ${CMAKE_CURRENT_BINARY_DIR}/generated-${seed}-${size}.json)
  add_test(NAME analysis_gen_${seed}_${size}
    COMMAND ${COLLABNET_REF_PYTHON} ${COLLABNET_GEN_SCRIPT} ${seed} ${size} ${net})
  set_tests_properties(analysis_gen_${seed}_${size} PROPERTIES FIXTURES_SETUP net_${seed}_${size})
  add_test(NAME analysis_nx_${seed}_${size}
    COMMAND ${COLLABNET_REF_PYTHON} ${COLLABNET_NX_SCRIPT} $<TARGET_FILE:collabnet_exe> ${net} ${extra})
  set_tests_properties(analysis_nx_${seed}_${size} PROPERTIES FIXTURES_REQUIRED net_${seed}_${size}
    TIMEOUT 300)
endforeach()

# End to end: exit codes a scheduled job relies on.
add_test(NAME analysis_cli_ok COMMAND $<TARGET_FILE:collabnet_exe> analyse ${COLLABNET_TINY})
add_test(NAME analysis_cli_fail_on
  COMMAND $<TARGET_FILE:collabnet_exe> analyse ${COLLABNET_TINY} --fail-on oversize-grouping)
set_tests_properties(analysis_cli_fail_on PROPERTIES WILL_FAIL TRUE)
add_test(NAME analysis_cli_fail_on_message
  COMMAND $<TARGET_FILE:collabnet_exe> analyse ${COLLABNET_TINY} --format json
          --fail-on "oversize-grouping>0")
set_tests_properties(analysis_cli_fail_on_message PROPERTIES
  PASS_REGULAR_EXPRESSION "--fail-on oversize-grouping>0 fired")
add_test(NAME analysis_cli_fail_on_unknown
  COMMAND $<TARGET_FILE:collabnet_exe> analyse ${COLLABNET_TINY} --fail-on no-such-kind)
set_tests_properties(analysis_cli_fail_on_unknown PROPERTIES
  PASS_REGULAR_EXPRESSION "unknown finding kind \"no-such-kind\"")
foreach(t analysis_nx_tiny analysis_nx_tiny_as_of analysis_nx_tiny_all analysis_cli_ok analysis_cli_fail_on
          analysis_cli_fail_on_message analysis_cli_fail_on_unknown)
  set_tests_properties(${t} PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}")
endforeach()
