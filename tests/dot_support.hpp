#pragma once
// DOT read back with Graphviz's own parser (cgraph), for the tests that assert on what a diagram
// will draw: the graph closes itself, and an attribute a node lacks reads as "".
#include <cgraph.h>

#include <catch2/catch.hpp>
#include <memory>
#include <string>

namespace collabnet::testing {

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;

inline GraphPtr parse(const std::string& dot) {
  GraphPtr g(agmemread(dot.c_str()));
  REQUIRE(g != nullptr);
  return g;
}

inline std::string attr(void* obj, const char* name) {
  const char* v = agget(obj, const_cast<char*>(name));
  return v == nullptr ? std::string() : std::string(v);
}

}  // namespace collabnet::testing
