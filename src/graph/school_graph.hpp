#pragma once
// Internal: the school graph every pass reads, built once from a Network.
// Two views: the partnership records (a directed multigraph: one record per partnership, kept in
// `records` and grouped by link in `link_records`) and the collapsed undirected simple graph (one
// link per linked pair, weight = sum of the records' weights), stored as a Boost.Graph
// compressed_sparse_row_graph with both arcs of each link (collabnet/bgl.hpp). This header stays
// std-only so that the passes compile without BGL: `offsets`, `adjacent` and `adjacent_link` are
// views of the BGL graph's own arrays (row starts, targets, edge bundles), not copies; the BGL
// object itself is reached through `bgl` by src/graph/ and the connectivity pass only.
//
// The records are not a second BGL graph: no pass runs a graph algorithm on them. The passes that
// read records (direction, staff, centrality's strength) read them per link (`records_of`) or in
// input order, which the plain index vectors give directly.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "collabnet/network.hpp"

namespace collabnet::graph {

using Vertex = std::uint32_t;

/// One linked pair of schools in the collapsed view.
struct Link {
  Vertex a = 0, b = 0;          ///< school indices, a < b
  double weight = 0;            ///< sum of the records' weights
  std::uint32_t records = 0;    ///< how many partnership records it carries
  std::uint32_t first_record = 0;  ///< into SchoolGraph::link_records
};

/// The BGL compressed_sparse_row_graph of the links (graph/link_graph.hpp).
struct LinkGraph;

struct SchoolGraph {
  const Network* network = nullptr;
  std::size_t n = 0;                    ///< schools
  std::vector<std::size_t> records;     ///< indices of the partnerships taking part, input order
  std::vector<Link> links;              ///< sorted by (a, b)
  std::vector<std::size_t> link_records;  ///< partnership indices, grouped by link
  std::shared_ptr<LinkGraph> bgl;       ///< the BGL graph the three views below belong to
  std::span<const std::uint32_t> offsets;  ///< CSR row starts, n + 1 entries (BGL's m_rowstart)
  std::span<const Vertex> adjacent;     ///< neighbours of v in offsets[v]..offsets[v+1], ascending
                                        ///< (BGL's m_column)
  std::span<const std::uint32_t> adjacent_link;  ///< the Link of each entry (BGL's edge bundles)
  std::vector<std::size_t> by_id;       ///< school indices in id order (code points)
  std::vector<std::uint32_t> id_rank;   ///< school index → its position in by_id

  std::span<const Vertex> neighbours(std::size_t v) const {
    return adjacent.subspan(offsets[v], offsets[v + 1] - offsets[v]);
  }
  std::size_t degree(std::size_t v) const { return offsets[v + 1] - offsets[v]; }
  std::span<const std::size_t> records_of(const Link& link) const {
    return {link_records.data() + link.first_record, link.records};
  }
  const Partnership& record(std::size_t partnership) const {
    return network->partnerships[partnership];
  }
};

/// Builds both views. With `as_of`, only partnerships active on that date are kept (in every
/// view). O(n log n + r log r) for n schools and r records. The Network must outlive the graph.
/// `keep`, if given (one flag per record of the network), leaves out records flagged false
/// (--ties confirmed).
SchoolGraph build_school_graph(const Network& network, const std::optional<std::string>& as_of,
                               const std::vector<bool>* keep = nullptr);

}  // namespace collabnet::graph
