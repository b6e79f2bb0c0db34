# The report's assets (template, CSS, script) are compiled into the library: a report must be
# one file whatever the installation, so nothing is read at run time. Included by the top-level
# CMakeLists.txt after the collabnet target exists.
set(COLLABNET_REPORT_ASSETS ${CMAKE_CURRENT_LIST_DIR}/report.html.mustache
  ${CMAKE_CURRENT_LIST_DIR}/report.css ${CMAKE_CURRENT_LIST_DIR}/report.js)
set(COLLABNET_REPORT_GENERATED ${CMAKE_CURRENT_BINARY_DIR}/generated/report_assets.cpp)
add_custom_command(
  OUTPUT ${COLLABNET_REPORT_GENERATED}
  COMMAND ${CMAKE_COMMAND} -DOUTPUT=${COLLABNET_REPORT_GENERATED} -DVERSION=${PROJECT_VERSION}
          -DINCLUDE=report/report_internal.hpp -DNAMESPACE=collabnet::report
          "-DASSETS=kTemplate=${CMAKE_CURRENT_LIST_DIR}/report.html.mustache|kStyle=${CMAKE_CURRENT_LIST_DIR}/report.css|kScript=${CMAKE_CURRENT_LIST_DIR}/report.js"
          "-DHASHES=kScriptSha256Hex=${CMAKE_CURRENT_LIST_DIR}/report.js"
          -P ${CMAKE_CURRENT_LIST_DIR}/embed.cmake
  DEPENDS ${COLLABNET_REPORT_ASSETS} ${CMAKE_CURRENT_LIST_DIR}/embed.cmake
  COMMENT "Embedding the report template, styles and script"
  VERBATIM)
target_sources(collabnet PRIVATE ${COLLABNET_REPORT_GENERATED})

# kainjow's Mustache (Debian libkainjow-mustache-dev): one header, seen only by src/report/.
# Added as a SYSTEM include so that its warnings cannot fail a -Werror build.
find_path(KAINJOW_MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp REQUIRED)
target_include_directories(collabnet SYSTEM PRIVATE ${KAINJOW_MUSTACHE_INCLUDE_DIR})
