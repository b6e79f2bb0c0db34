// De facto clusters by Louvain modularity optimisation, through igraph's C library (Debian
// libigraph-dev 0.10). This file is the only place igraph is seen: a private adapter.
// Why igraph rather than our own Louvain: it is the reference implementation of Blondel et al.
// (2008) used by R/Python igraph, long tested, and Boost 1.74 has no Louvain. Its random node
// order is seeded, so the same network and seed always give the same clusters.

#include <igraph.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>

#include "passes/passes.hpp"

namespace collabnet::passes {
namespace {

/// igraph keeps its random generator and error handler in globals: one caller at a time.
std::mutex igraph_mutex;

/// Owners that free igraph objects on every path.
struct IntVector {
  igraph_vector_int_t v;
  explicit IntVector(igraph_integer_t size) {
    if (igraph_vector_int_init(&v, size) != IGRAPH_SUCCESS) throw std::bad_alloc();
  }
  ~IntVector() { igraph_vector_int_destroy(&v); }
  IntVector(const IntVector&) = delete;
  IntVector& operator=(const IntVector&) = delete;
};
struct RealVector {
  igraph_vector_t v;
  explicit RealVector(igraph_integer_t size) {
    if (igraph_vector_init(&v, size) != IGRAPH_SUCCESS) throw std::bad_alloc();
  }
  ~RealVector() { igraph_vector_destroy(&v); }
  RealVector(const RealVector&) = delete;
  RealVector& operator=(const RealVector&) = delete;
};
struct Graph {
  igraph_t g;
  Graph(const IntVector& edges, igraph_integer_t n) {
    if (igraph_create(&g, &edges.v, n, IGRAPH_UNDIRECTED) != IGRAPH_SUCCESS)
      throw std::runtime_error("igraph_create failed");
  }
  ~Graph() { igraph_destroy(&g); }
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;
};
/// Errors come back as return codes instead of igraph's default abort().
struct QuietErrors {
  igraph_error_handler_t* previous = igraph_set_error_handler(igraph_error_handler_ignore);
  ~QuietErrors() { igraph_set_error_handler(previous); }
};

}  // namespace

CommunityPartition detect_communities(const graph::SchoolGraph& g, std::uint64_t seed) {
  CommunityPartition result;
  result.membership.resize(g.n);
  if (g.links.empty()) {  // every school alone; igraph's modularity is undefined without links
    for (std::size_t v = 0; v < g.n; ++v) result.membership[v] = v;
    return result;
  }
  const std::lock_guard lock(igraph_mutex);
  const QuietErrors quiet;
  const auto m = static_cast<igraph_integer_t>(g.links.size());
  IntVector edges(2 * m);
  RealVector weights(m);
  // Modularity multiplies strengths (k_i k_j / 2m): weights far above ordinary intensities would
  // overflow there, so they are scaled to at most 1 first. Modularity, and so the partition, does
  // not change when every weight is multiplied by one number; ordinary weights are left exact.
  double max_weight = 0;
  for (const graph::Link& link : g.links) max_weight = std::max(max_weight, link.weight);
  const double scale = max_weight > 1e6 ? 1.0 / max_weight : 1.0;
  for (igraph_integer_t e = 0; e < m; ++e) {
    const graph::Link& link = g.links[static_cast<std::size_t>(e)];
    VECTOR(edges.v)[2 * e] = link.a;
    VECTOR(edges.v)[2 * e + 1] = link.b;
    VECTOR(weights.v)[e] = link.weight * scale;
  }
  Graph graph(edges, static_cast<igraph_integer_t>(g.n));
  IntVector membership(0);
  RealVector modularity(0);
  igraph_rng_seed(igraph_rng_default(), static_cast<igraph_uint_t>(seed));
  if (igraph_community_multilevel(&graph.g, &weights.v, 1.0, &membership.v, nullptr,
                                  &modularity.v) != IGRAPH_SUCCESS)
    throw std::runtime_error("igraph_community_multilevel failed");
  for (std::size_t v = 0; v < g.n; ++v)
    result.membership[v] =
        static_cast<std::size_t>(VECTOR(membership.v)[static_cast<igraph_integer_t>(v)]);
  // The returned membership is the level of highest modularity.
  for (igraph_integer_t i = 0; i < igraph_vector_size(&modularity.v); ++i)
    result.modularity = i == 0 ? VECTOR(modularity.v)[0]
                               : std::max(result.modularity, VECTOR(modularity.v)[i]);
  return result;
}

}  // namespace collabnet::passes
