// The public BGL view (collabnet/bgl.hpp): the analysis passes' own link graph, handed over.
#include "collabnet/bgl.hpp"

#include <utility>

#include "graph/link_graph.hpp"
#include "graph/school_graph.hpp"

namespace collabnet::bgl {

SchoolGraph school_graph(const Network& network, const std::optional<std::string>& as_of) {
  graph::SchoolGraph g = graph::build_school_graph(network, as_of);
  SchoolGraph out;
  out.links.reserve(g.links.size());
  for (const graph::Link& l : g.links) out.links.push_back({l.a, l.b, l.weight, l.records});
  out.graph = std::move(g.bgl->csr);  // g (and its views of the arrays) ends here
  return out;
}

}  // namespace collabnet::bgl
