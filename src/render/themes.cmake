# The built-in diagram themes (viz/default.json, viz/print.json) are compiled into the library by
# the report's embedding script, so that no diagram depends on a path at run time. Included by
# the top-level CMakeLists.txt after the collabnet target exists.
set(COLLABNET_THEME_FILES ${PROJECT_SOURCE_DIR}/viz/default.json ${PROJECT_SOURCE_DIR}/viz/print.json)
set(COLLABNET_THEMES_GENERATED ${CMAKE_CURRENT_BINARY_DIR}/generated/render_themes.cpp)
add_custom_command(
  OUTPUT ${COLLABNET_THEMES_GENERATED}
  COMMAND ${CMAKE_COMMAND} -DOUTPUT=${COLLABNET_THEMES_GENERATED}
          -DINCLUDE=render/render_internal.hpp -DNAMESPACE=collabnet::render
          "-DASSETS=kDefaultTheme=${PROJECT_SOURCE_DIR}/viz/default.json|kPrintTheme=${PROJECT_SOURCE_DIR}/viz/print.json"
          -P ${PROJECT_SOURCE_DIR}/src/report/embed.cmake
  DEPENDS ${COLLABNET_THEME_FILES} ${PROJECT_SOURCE_DIR}/src/report/embed.cmake
  COMMENT "Embedding the built-in diagram themes"
  VERBATIM)
target_sources(collabnet PRIVATE ${COLLABNET_THEMES_GENERATED})
