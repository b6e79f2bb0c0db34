#pragma once
// Opt-in: a loaded network's school graph as a Boost.Graph (BGL) graph, for running any BGL
// algorithm on it. The only public header that includes Boost (Debian libboost-graph-dev, Boost
// 1.74, header-only here); it adds a few seconds to each file that includes it, so include it only
// where BGL is used. The rest of the API stays std-only.
//
// The graph is the one every analysis pass reads: the collapsed undirected link view (one link
// per linked pair of schools, weight = the sum of its partnership records' weights) stored in a
// boost::compressed_sparse_row_graph with both arcs of each link, a→b and b→a. So:
//   - vertex v is school v, i.e. Network::schools[v] (32-bit indices);
//   - out_edges(v, graph) / adjacent_vertices(v, graph) are v's partner schools, ascending;
//   - graph[e] (the edge bundle) is the link's index into SchoolGraph::links, the same for both
//     arcs; link_weights(g) is the ready-made weight map for weight_map(...).
// It is a directed type holding a symmetric graph: algorithms that take any incidence graph
// (breadth/depth-first search, dijkstra_shortest_paths, two-argument connected_components, …) see
// the undirected graph; an algorithm that counts edges sees each link twice.

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/property_map/property_map.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "collabnet/network.hpp"

namespace collabnet::bgl {

/// Both arcs of every link; vertex and edge indices 32-bit; edge bundle: the link's index.
using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                                 std::uint32_t, boost::no_property, std::uint32_t,
                                                 std::uint32_t>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

/// One linked pair of schools.
struct Link {
  Vertex a = 0, b = 0;        ///< school indices, a < b
  double weight = 0;          ///< sum of the partnership records' weights
  std::uint32_t records = 0;  ///< how many partnership records the link carries
};

struct SchoolGraph {
  Graph graph;              ///< vertex v = Network::schools[v]
  std::vector<Link> links;  ///< by link index (graph[e]), sorted by (a, b)

  const Link& link(Edge e) const { return links[graph[e]]; }
};

/// A readable BGL property map: arc → the weight of its link. Holds a pointer to the graph.
struct LinkWeightMap {
  using key_type = Edge;
  using value_type = double;
  using reference = double;
  using category = boost::readable_property_map_tag;
  const SchoolGraph* graph = nullptr;
};
inline double get(const LinkWeightMap& m, const Edge& e) { return m.graph->link(e).weight; }
inline LinkWeightMap link_weights(const SchoolGraph& g) { return {&g}; }

/// The school graph of `network` as analyse() builds it; with `as_of`, only the partnerships
/// active on that date (YYYY-MM-DD) make links. The graph does not refer to the network.
SchoolGraph school_graph(const Network& network,
                         const std::optional<std::string>& as_of = std::nullopt);

}  // namespace collabnet::bgl
