# Theme files (issue 16): unit tests in test_themes.cpp; the bad-input corpus below runs the real
# command line on each broken file in tests/bad/theme/ and compares its message word for word.
add_test(NAME bad-theme-corpus
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/run_theme_corpus.sh $<TARGET_FILE:collabnet_exe>
          ${CMAKE_CURRENT_SOURCE_DIR}/bad/theme ${PROJECT_SOURCE_DIR}/graphs/tiny.json)
set_tests_properties(bad-theme-corpus PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}")

# The example a council copies must load and draw: every view kind with it.
set(COLLABNET_THEME_OUT ${CMAKE_CURRENT_BINARY_DIR}/themes)
file(MAKE_DIRECTORY ${COLLABNET_THEME_OUT})
foreach(view network geo authority grouping-overview grouping:G1 school:S04:2)
  string(REPLACE ":" "-" stem "council-${view}")
  add_test(NAME render-theme-${stem}
    COMMAND $<TARGET_FILE:collabnet_exe> render ${PROJECT_SOURCE_DIR}/graphs/tiny.json
            --view ${view} --theme ${PROJECT_SOURCE_DIR}/viz/example-council.json
            -o ${COLLABNET_THEME_OUT}/${stem}.svg)
  set_tests_properties(render-theme-${stem} PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}")
endforeach()
