#pragma once
// Internal: the block-split graph the exact centrality pass walks when every school is a source.
// Every shortest path between two schools crosses the blocks (biconnected components) of the
// path in the block-cut tree, entering and leaving each one through a cut school; so Brandes run
// within each block, with each cut school weighted by the number of schools hanging on it from
// that block's point of view, plus a closed-form count of the pairs a cut school separates,
// gives the exact dependency sums; and the harmonic sums follow from within-block distances plus
// per-cut distance histograms of what lies beyond each cut school (docs/performance.md).
//
// The split graph G' is the disjoint union of the blocks: each school of a block gets a copy
// there (a cut school one copy per block it belongs to), copies of a block numbered together,
// in the order of the schools' labels in `relabel` (so a block keeps the locality of the
// breadth-first labelling). Isolated schools have no copy.

#include <cstdint>
#include <optional>
#include <vector>

#include "graph/local_graph.hpp"
#include "graph/school_graph.hpp"

namespace collabnet::passes {

struct BlockSplit {
  std::vector<std::uint32_t> offsets;  ///< G' rows (copies), n' + 1 entries
  std::vector<graph::Vertex> adjacent;  ///< G' neighbours, ascending within a row
  graph::LocalGraph graph;  ///< views of offsets/adjacent (no BGL graph, no labels)
  std::vector<graph::Vertex> school;  ///< copy → school index
  /// Per copy: the schools a path entering its block at this copy stands for, i.e. the copy
  /// and everything reached from it without entering the block's other schools (1 but for
  /// cut schools). Integers held in doubles.
  std::vector<double> weight;
  /// Per copy: F[d − 1] = Σ_{k ≥ 1} hist[k] / (d + k) at f[f_offset[copy]] onwards, for
  /// d = 1 … f_length[copy] (0: none), where hist[k] counts the schools beyond this cut copy
  /// (outside its block) at distance k from it.
  std::vector<std::uint32_t> f_offset, f_length;
  std::vector<double> f;
  /// Per school: the ordered pairs of other schools it separates, (N − 1)² − Σ_B s_B².
  std::vector<double> separated_pairs;

  BlockSplit() = default;
  BlockSplit(const BlockSplit&) = delete;  // `graph` views this object's own vectors
  BlockSplit& operator=(const BlockSplit&) = delete;
  BlockSplit(BlockSplit&&) = default;  // vector moves keep their buffers
  BlockSplit& operator=(BlockSplit&&) = default;
};

/// When split_blocks declines. Its tables take Σ_B k_B² pairwise cut distances (k_B cut
/// schools in block B, 4 bytes each) and about Σ_B k_B²·h additions of histograms of length h
/// (h ≤ 2·e + 2 for a component whose first school has eccentricity e): harmless on real
/// networks (100,000 schools: 24.5 M distances, h about 50), but a long cycle with a pendant on
/// every school would take hours where the undecomposed walk takes seconds.
struct SplitLimits {
  std::size_t pairs = std::size_t{1} << 24;  ///< distances allowed whatever the size, and
  std::size_t pairs_per_copy = 512;  ///< per copy (2 KiB: the kernel's workspace per school)
  /// Additions allowed whatever the size, and as many as the batches' Σ_B |B|·m_B (source,
  /// link) pairs, each of which costs the kernel some twenty times an addition.
  std::uint64_t additions = std::uint64_t{1} << 31;
};

/// Builds G' and the tables above from the school graph and its breadth-first labelling.
/// O(n + m + Σ_B k_B·m_B + Σ_B k_B²·h); nullopt (walk the graph whole) past `limits`. The
/// searches from cut copies run on `threads` (0: all hardware threads); the result never
/// depends on it (integers only).
std::optional<BlockSplit> split_blocks(const graph::SchoolGraph& g, const graph::LocalGraph& l,
                                       unsigned threads = 1, const SplitLimits& limits = {});

}  // namespace collabnet::passes
