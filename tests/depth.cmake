# Depth of collaboration and change over time (issue 13): `collabnet compare` against an
# independent recount from the raw files (tests/compare_reference.py). Included by
# tests/CMakeLists.txt.
set(COLLABNET_COMPARE_REF ${CMAKE_CURRENT_SOURCE_DIR}/compare_reference.py)
add_test(NAME compare_reference_tiny
  COMMAND ${COLLABNET_REF_PYTHON} ${COLLABNET_COMPARE_REF} $<TARGET_FILE:collabnet_exe>
          ${PROJECT_SOURCE_DIR}/graphs/tiny-2025.json ${PROJECT_SOURCE_DIR}/graphs/tiny.json 2025-06-30)
add_test(NAME compare_reference_demo
  COMMAND ${COLLABNET_REF_PYTHON} ${COLLABNET_COMPARE_REF} $<TARGET_FILE:collabnet_exe>
          ${PROJECT_SOURCE_DIR}/graphs/northern-alliance-2023.json
          ${PROJECT_SOURCE_DIR}/graphs/northern-alliance.json 2024-06-30)
set_tests_properties(compare_reference_tiny compare_reference_demo PROPERTIES
  ENVIRONMENT "${COLLABNET_LSAN_ENV}" TIMEOUT 300)
