#pragma once
// Internal: exact betweenness and harmonic closeness by a batched Brandes. 128 sources at a time
// walk the graph together, level by level: per school, one 128-bit mask says which of the
// batch's sources reach it at the current distance (bit-parallel multi-source BFS, Then et al.,
// "The More the Merrier", VLDB 2015), and the path counts and dependencies of the batch are kept
// per (school, level) for the sources in that mask, packed, so that one neighbour visit serves
// every source the two schools share and a level's figures lie together in memory.

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
/// schools). Sources are regrouped by graph locality into fixed batches of 128 and the batches
/// into fixed chunks; per-chunk sums are added in chunk order, so `threads` (0: all hardware
/// threads) never changes a bit of the result. `progress`, if set, is called with the share of
/// sources done, from one thread at a time. O(|sources|·(n + m)) time in the worst case,
/// O(n·128) memory per thread. With `sources` empty (exact figures), the batches walk the
/// block-split graph (passes/blocks.hpp): each block once per school of it, O(Σ_B |B|·m_B).
/// Which compiled copy of the kernel runs: the best the CPU supports, or the portable one
/// (for tests: both must give the same bits).
enum class Kernel { best, portable };

/// Harmonic closeness (DESIGN.md, "Metric semantics"): a school's harmonic sum Σ 1/d(v, x) over
/// the other schools, divided by n − 1; 0 when n < 2. The one definition analyse's closeness and
/// suggest's gains share.
inline double harmonic_closeness(double harmonic_sum, std::size_t n) {
  return n > 1 ? harmonic_sum / static_cast<double>(n - 1) : 0.0;
}

ShortestPathSums shortest_path_sums(const graph::SchoolGraph& g,
                                    const std::vector<graph::Vertex>& sources, unsigned threads,
                                    const std::function<void(double)>& progress = {},
                                    Kernel kernel = Kernel::best);

}  // namespace collabnet::passes
