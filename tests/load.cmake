# Loader and `check` end-to-end tests (the unit tests are in test_json_loader.cpp).
add_test(NAME bad-input-corpus
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/run_bad_corpus.sh $<TARGET_FILE:collabnet_exe>
          ${CMAKE_CURRENT_SOURCE_DIR}/bad)
set_tests_properties(bad-input-corpus PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}")
# Hostile survey exports (tests/bad/survey/NAME/answers.csv): `import survey` refuses each with
# the exact message in NAME/expected.txt and writes nothing.
add_test(NAME bad-survey-corpus
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/run_survey_corpus.sh $<TARGET_FILE:collabnet_exe>
          ${CMAKE_CURRENT_SOURCE_DIR}/bad/survey)
set_tests_properties(bad-survey-corpus PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}")

foreach(example tiny.json northern-alliance.json northern-alliance)
  add_test(NAME check-${example}
    COMMAND $<TARGET_FILE:collabnet_exe> check ${PROJECT_SOURCE_DIR}/graphs/${example})
  set_tests_properties(check-${example} PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}")
endforeach()

add_test(NAME cli-no-command COMMAND $<TARGET_FILE:collabnet_exe>)
set_tests_properties(cli-no-command PROPERTIES WILL_FAIL TRUE)
