# The README's Boost.Graph example: examples/bgl_dijkstra.cpp is built against the library, run on
# tiny.json, and the README quotes it byte for byte (unit tests of the BGL layer: test_bgl.cpp).
add_executable(bgl_dijkstra ${PROJECT_SOURCE_DIR}/examples/bgl_dijkstra.cpp)
target_link_libraries(bgl_dijkstra PRIVATE collabnet collabnet_warnings)

# Distances from S01 with a link's weight as its length, worked out by hand from graphs/tiny.json:
# S03 1 (direct), S02 2 (via S03, shorter than the direct link of weight 2 + 1), S04 1 + 3,
# S05 and S06 4 + 2, S07 6 + 1, S11 6 + 1, S08 7 + 2; S09, S10 and S12 are out of reach.
add_test(NAME bgl_example_runs
  COMMAND bash -c [=[
    set -eu
    out=$("$1" "$2" S01)
    want=$'S01 0\nS02 2\nS03 1\nS04 4\nS05 6\nS06 6\nS07 7\nS08 9\nS11 7'
    [ "$out" = "$want" ] || { printf 'got:\n%s\n' "$out"; exit 1; }
  ]=] _ $<TARGET_FILE:bgl_dijkstra> ${PROJECT_SOURCE_DIR}/graphs/tiny.json)
add_test(NAME bgl_example_in_readme
  COMMAND ${COLLABNET_REF_PYTHON} -c [=[
import sys
readme, example = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
marker = "<!-- examples/bgl_dijkstra.cpp -->\n```cpp\n"
start = readme.index(marker) + len(marker)
block = readme[start:readme.index("```\n", start)]
sys.exit(0 if block == example else "README's example differs from examples/bgl_dijkstra.cpp")
]=] ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/examples/bgl_dijkstra.cpp)
set_tests_properties(bgl_example_runs PROPERTIES ENVIRONMENT "${COLLABNET_LSAN_ENV}")
