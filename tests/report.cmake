# The HTML report (issue 6). Unit tests are in test_report.cpp; the runs below write real reports
# and load them in headless Chromium (tests/browser/check_report.py, Python standard library only).
# The browser test is skipped (exit 77) only when Chromium is absent; `scripts/deps test`
# installs it, so in CI it runs.
set(COLLABNET_REPORT_OUT ${CMAKE_CURRENT_BINARY_DIR}/report)
file(MAKE_DIRECTORY ${COLLABNET_REPORT_OUT})

# Hostile names (<script>, "><img onerror>, </script>, U+2028) can neither break nor script the
# page; headline figures present; no request made; printing gives an A4 PDF.
add_test(NAME report-browser-hostile
  COMMAND ${COLLABNET_REF_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/browser/check_report.py
          $<TARGET_FILE:collabnet_exe> ${CMAKE_CURRENT_SOURCE_DIR}/browser/hostile.json
          ${COLLABNET_REPORT_OUT}/hostile)
# The hand-checked network: the same checks on ordinary data.
add_test(NAME report-browser-tiny
  COMMAND ${COLLABNET_REF_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/browser/check_report.py
          $<TARGET_FILE:collabnet_exe> ${PROJECT_SOURCE_DIR}/graphs/tiny.json
          ${COLLABNET_REPORT_OUT}/tiny)
set_tests_properties(report-browser-hostile report-browser-tiny PROPERTIES
  SKIP_RETURN_CODE 77 TIMEOUT 60 ENVIRONMENT "${COLLABNET_LSAN_ENV}")

# The demo network's report is written end to end as scripts/demo writes it (diagrams of 637
# schools, the map over the bundled basemap, the grouping views included)...
add_test(NAME report-demo
  COMMAND $<TARGET_FILE:collabnet_exe> report ${PROJECT_SOURCE_DIR}/graphs/northern-alliance.json
          --basemap ${PROJECT_SOURCE_DIR}/graphs/northern-alliance-areas.geojson
          -o ${COLLABNET_REPORT_OUT}/northern-alliance.html)
set_tests_properties(report-demo PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}" TIMEOUT 300
  FIXTURES_SETUP report-demo-page)
# ... and no text a councillor sees names a command, a flag or a generated id: those are for the
# technical appendix only (issue 16, item 5).
add_test(NAME report-demo-plain-words
  COMMAND ${COLLABNET_REF_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/report/check_plain_words.py
          ${COLLABNET_REPORT_OUT}/northern-alliance.html)
set_tests_properties(report-demo-plain-words PROPERTIES FIXTURES_REQUIRED report-demo-page
  TIMEOUT 60)
