#pragma once
// Internal: the school graph every pass reads, built once from a Network.
// Two views: the partnership records (a directed multigraph: one record per partnership, kept in
// `records`) and the collapsed undirected simple graph (one link per linked pair, weight = sum of
// the records' weights) stored as a compressed sparse row (CSR) adjacency, because centrality
// walks it once per school. Our own CSR rather than BGL's compressed_sparse_row_graph: the passes
// need only neighbour ranges, and keeping BGL templates out keeps each pass cheap to compile.

#include <cstddef>
#include <cstdint>
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

struct SchoolGraph {
  const Network* network = nullptr;
  std::size_t n = 0;                    ///< schools
  std::vector<std::size_t> records;     ///< indices of the partnerships taking part, input order
  std::vector<Link> links;              ///< sorted by (a, b)
  std::vector<std::size_t> link_records;  ///< partnership indices, grouped by link
  std::vector<std::uint32_t> offsets;   ///< CSR: n + 1 entries
  std::vector<Vertex> adjacent;         ///< CSR: neighbours of v in offsets[v]..offsets[v+1]
  std::vector<std::uint32_t> adjacent_link;  ///< the Link of each adjacency entry
  std::vector<std::size_t> by_id;       ///< school indices in id order (code points)
  std::vector<std::uint32_t> id_rank;   ///< school index → its position in by_id

  std::span<const Vertex> neighbours(std::size_t v) const {
    return {adjacent.data() + offsets[v], adjacent.data() + offsets[v + 1]};
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
