# Diagrams (issue 5). Unit tests are in test_render.cpp (they parse DOT back with cgraph, hence
# Graphviz on the test binary); the runs below draw real files end to end.
target_link_libraries(collabnet_tests PRIVATE PkgConfig::GRAPHVIZ)

set(COLLABNET_RENDER_OUT ${CMAKE_CURRENT_BINARY_DIR}/render)
file(MAKE_DIRECTORY ${COLLABNET_RENDER_OUT})

# Hostile names: the SVG must be well-formed XML and show every name as typed.
add_test(NAME render-hostile-svg
  COMMAND ${COLLABNET_REF_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/render/check_svg.py
          $<TARGET_FILE:collabnet_exe> ${CMAKE_CURRENT_SOURCE_DIR}/render/hostile.json
          ${COLLABNET_RENDER_OUT})
set_tests_properties(render-hostile-svg PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}")

# Every view of the examples draws, in every format.
foreach(view network geo authority grouping-overview grouping:G1 school:S04:2)
  string(REPLACE ":" "-" stem "tiny-${view}")
  foreach(ext svg png pdf dot)
    add_test(NAME render-${stem}-${ext}
      COMMAND $<TARGET_FILE:collabnet_exe> render ${PROJECT_SOURCE_DIR}/graphs/tiny.json
              --view ${view} -o ${COLLABNET_RENDER_OUT}/${stem}.${ext})
    set_tests_properties(render-${stem}-${ext} PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}")
  endforeach()
endforeach()
foreach(view network geo authority)
  add_test(NAME render-demo-${view}
    COMMAND $<TARGET_FILE:collabnet_exe> render ${PROJECT_SOURCE_DIR}/graphs/northern-alliance.json
            --view ${view} --theme print -o ${COLLABNET_RENDER_OUT}/demo-${view}.svg)
  set_tests_properties(render-demo-${view} PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}"
    TIMEOUT 300)
endforeach()

# Same input, same bytes: two separate runs of every layout engine give identical SVG files.
foreach(view network grouping:G1 school:S04:2 geo)
  string(REPLACE ":" "-" stem "${view}")
  add_test(NAME render-same-bytes-${stem}
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/render/same_bytes.sh $<TARGET_FILE:collabnet_exe>
            ${PROJECT_SOURCE_DIR}/graphs/tiny.json ${view} ${COLLABNET_RENDER_OUT}/same-${stem})
  set_tests_properties(render-same-bytes-${stem} PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}")
endforeach()

# The map as a reader sees it (issue 16): the demo's schools drawn on the shipped basemap's land,
# its attribution under the title.
add_test(NAME render-basemap-demo
  COMMAND ${COLLABNET_REF_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/render/check_basemap.py
          $<TARGET_FILE:collabnet_exe> ${PROJECT_SOURCE_DIR}/graphs/northern-alliance.json
          ${PROJECT_SOURCE_DIR}/graphs/northern-alliance-areas.geojson ${COLLABNET_RENDER_OUT})
set_tests_properties(render-basemap-demo PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}" TIMEOUT 300)

# The style check (issue 16, item 6): every view of the demo, Highland's 198 schools and a
# generated 200-school network, read back from the SVG (legend marks, names in large views, each
# numbered box's key entry, the smallest text at 6 pt or more on A4); `unit` leaves it to this
# test.
add_test(NAME render-style COMMAND collabnet_tests "[style]")
set_tests_properties(render-style PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}" TIMEOUT 600)
