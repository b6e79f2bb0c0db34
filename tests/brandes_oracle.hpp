#pragma once
// The oracle the centrality kernel's tests compare with: textbook Brandes, one source at a time
// over the school graph as built, with no batching, no decomposition and no relabelling.
#include <cstddef>
#include <vector>

#include "graph/school_graph.hpp"
#include "passes/shortest_paths.hpp"

namespace collabnet::testing {

/// Textbook Brandes, one source at a time: the oracle.
inline passes::ShortestPathSums oracle(const graph::SchoolGraph& g) {
  const std::size_t n = g.n;
  passes::ShortestPathSums r{std::vector<double>(n, 0), std::vector<double>(n, 0)};
  for (std::size_t s = 0; s < n; ++s) {
    std::vector<long> dist(n, -1);
    std::vector<double> sigma(n, 0), delta(n, 0);
    std::vector<std::size_t> order{s};
    dist[s] = 0;
    sigma[s] = 1;
    for (std::size_t head = 0; head < order.size(); ++head) {
      const std::size_t v = order[head];
      for (auto u : g.neighbours(v)) {
        if (dist[u] < 0) {
          dist[u] = dist[v] + 1;
          order.push_back(u);
        }
        if (dist[u] == dist[v] + 1) sigma[u] += sigma[v];
      }
    }
    for (std::size_t i = order.size(); i-- > 1;) {
      const std::size_t v = order[i];
      r.harmonic[v] += 1.0 / static_cast<double>(dist[v]);
      for (auto u : g.neighbours(v))
        if (dist[u] == dist[v] - 1) delta[u] += sigma[u] / sigma[v] * (1 + delta[v]);
      r.dependency[v] += delta[v];
    }
  }
  return r;
}

}  // namespace collabnet::testing
