#pragma once
// Internal: exact betweenness and harmonic closeness by a batched Brandes. 64 sources at a time
// walk the graph together, level by level: per vertex, one 64-bit mask says which of the batch's
// sources reach it at the current distance (bit-parallel multi-source BFS, Then et al., "The More
// the Merrier", VLDB 2015), and the path counts and dependencies of the whole batch sit side by
// side ([vertex][source in batch]) so that one neighbour visit serves up to 64 sources.

#include <cstddef>
#include <functional>
#include <vector>

#include "graph/school_graph.hpp"

namespace collabnet::passes {

struct ShortestPathSums {
  /// Σ over the sources s of Brandes' dependency δ_s(v) (pairs counted from both ends, so the
  /// full sum is twice the undirected betweenness), per school.
  std::vector<double> dependency;
  /// Σ over the sources s ≠ v of 1 / d(s, v) (0 for unreachable s), per school. Distances are
  /// symmetric, so with every school a source this is v's harmonic closeness sum.
  std::vector<double> harmonic;
};

/// Runs a Brandes pass from every school in `sources` (school indices, distinct; empty: all
/// schools). Sources are regrouped by graph locality into fixed batches of 64 and the batches
/// into fixed chunks; per-chunk sums are added in chunk order, so `threads` (0: all hardware
/// threads) never changes a bit of the result. `progress`, if set, is called with the share of
/// sources done, from one thread at a time. O(|sources|·(n + m)) time in the worst case,
/// O(n·64) memory per thread.
ShortestPathSums shortest_path_sums(const graph::SchoolGraph& g,
                                    const std::vector<graph::Vertex>& sources, unsigned threads,
                                    const std::function<void(double)>& progress = {});

}  // namespace collabnet::passes
