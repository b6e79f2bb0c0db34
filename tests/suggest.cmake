# Partner suggestions: differential tests of `collabnet suggest` against NetworkX
# (tests/nx_suggest_reference.py) on seeded networks from bench/generate.py, which places schools
# with locations and sectors (--lean: ids S000000…, which the --for specs name). Included by
# tests/CMakeLists.txt.

set(COLLABNET_SUGGEST_NX ${CMAKE_CURRENT_SOURCE_DIR}/nx_suggest_reference.py)
set(COLLABNET_BENCH_GEN ${PROJECT_SOURCE_DIR}/bench/generate.py)

# Sizes stay small: the reference brute-forces every candidate of every school with NetworkX
# (300 schools with --plan 8: about 2 min of CPU; 9 min of wall time on a machine loaded at 15).
foreach(spec "300;1;--plan;8" "400;2;--per-school;4;--max-km;15" "250;3;--any-sector;--plan;5"
             "300;4;--for;S000007;--for;S000013")
  list(GET spec 0 size)
  list(GET spec 1 seed)
  list(SUBLIST spec 2 -1 extra)
  set(net ${CMAKE_CURRENT_BINARY_DIR}/suggest-gen-${size}-${seed}.json)
  add_test(NAME suggest_gen_${size}_${seed}
    COMMAND ${COLLABNET_REF_PYTHON} ${COLLABNET_BENCH_GEN} ${size} ${net} --seed=${seed} --lean)
  set_tests_properties(suggest_gen_${size}_${seed} PROPERTIES
    FIXTURES_SETUP suggest_net_${size}_${seed})
  add_test(NAME suggest_nx_${size}_${seed}
    COMMAND ${COLLABNET_REF_PYTHON} ${COLLABNET_SUGGEST_NX} $<TARGET_FILE:collabnet_exe> ${net}
            ${CMAKE_CURRENT_BINARY_DIR}/suggest-work-${size}-${seed} ${extra})
  set_tests_properties(suggest_nx_${size}_${seed} PROPERTIES
    FIXTURES_REQUIRED suggest_net_${size}_${seed} TIMEOUT 1800)
endforeach()
