#pragma once
// Internal: the school graph relabelled in breadth-first order, for the passes that walk it
// many times (the centrality kernel, suggest's searches). Neighbours get nearby labels, so a
// walk's per-school arrays are read from nearby addresses: the same search runs from cache
// instead of from scattered lines. Each row of neighbours is in ascending (new) label order.
//
// The relabelled graph is itself a Boost.Graph compressed_sparse_row_graph (the same type as
// SchoolGraph's, edge bundle = link index), built with the sorted-edges constructor; `offsets`
// and `adjacent` are views of its own row-start and target arrays, as in SchoolGraph, so the
// kernel reads BGL's arrays with no copy. This header stays std-only.

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "graph/school_graph.hpp"

namespace collabnet::graph {

struct LocalGraph {
  std::size_t n = 0;
  std::shared_ptr<LinkGraph> bgl;          ///< the relabelled BGL graph (vertex = new label)
  std::span<const std::uint32_t> offsets;  ///< n + 1 row starts (BGL's m_rowstart)
  std::span<const Vertex> adjacent;        ///< neighbours by new label (BGL's m_column)
  std::span<const std::uint32_t> adjacent_link;  ///< the Link of each entry (edge bundles)
  std::vector<Vertex> original;  ///< new label → school index
  std::vector<Vertex> label;     ///< school index → new label

  std::span<const Vertex> neighbours(std::size_t v) const {
    return adjacent.subspan(offsets[v], offsets[v + 1] - offsets[v]);
  }
  std::size_t degree(std::size_t v) const { return offsets[v + 1] - offsets[v]; }
};

/// Labels each component's schools in breadth-first order from its lowest-index school,
/// components in order of that school. O(n + m log Δ).
LocalGraph relabel(const SchoolGraph& g);

}  // namespace collabnet::graph
