// Connectivity: components, cut schools, bridges, who hangs on whom, on Boost.Graph's algorithms
// over the link graph (graph/link_graph.hpp: one link per linked pair, both arcs; on the
// partnership multigraph a doubled record would count as a block of its own):
//  - components: connected_components (its two-argument form, which takes the symmetric CSR);
//  - cut schools and bridges: biconnected_components (BGL has no bridge function: in a simple
//    graph a block of one link is a bridge);
//  - what each cut school cuts off and who hangs on it: the depth-first tree biconnected_components
//    walked, read from its discover-time, low-point and predecessor maps.
// BGL 1.74's depth-first search keeps its own stack unless BOOST_RECURSIVE_DFS is defined, so a
// long chain of schools cannot overflow the call stack.

#ifdef BOOST_RECURSIVE_DFS
#error "collabnet needs BGL's iterative depth-first search: a chain of schools would overflow the stack"
#endif

#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/connected_components.hpp>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <numeric>
#include <set>
#include <tuple>

#include "graph/link_graph.hpp"
#include "passes/passes.hpp"

namespace collabnet::passes {
namespace {

/// A piece left when cut school `cut` is removed, as ranges [begin, end) of DFS preorder
/// positions (a child subtree is one range; the rest of the component may be several).
struct Piece {
  std::size_t size = 0;
  std::uint32_t cut = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges;
};

}  // namespace

ConnectivityResult find_connectivity(const graph::SchoolGraph& g, const Settings&) {
  const Network& net = *g.network;
  const std::size_t n = g.n;
  const bgl::Graph& csr = g.bgl->csr;
  ConnectivityResult r;
  r.component.assign(n, 0);
  r.articulation.assign(n, false);
  r.cuts_off.assign(n, 0);
  r.hangs_on.assign(n, std::nullopt);
  if (n == 0) return r;

  // Components, numbered by BGL in vertex order; ours go by descending size, ties by smallest id.
  std::vector<std::uint32_t> comp_tmp(n);
  const std::size_t comps = boost::connected_components(csr, comp_tmp.data());
  std::vector<std::uint32_t> comp_size_tmp(comps, 0);
  std::vector<std::uint32_t> comp_first(comps, std::numeric_limits<std::uint32_t>::max());
  for (std::size_t v = 0; v < n; ++v) {
    ++comp_size_tmp[comp_tmp[v]];
    comp_first[comp_tmp[v]] = std::min(comp_first[comp_tmp[v]], g.id_rank[v]);
  }
  std::vector<std::uint32_t> order(comps);
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
    return std::tie(comp_size_tmp[y], comp_first[x]) < std::tie(comp_size_tmp[x], comp_first[y]);
  });
  std::vector<std::size_t> renumber(comps);
  for (std::size_t k = 0; k < comps; ++k) {
    renumber[order[k]] = k;
    r.component_sizes.push_back(comp_size_tmp[order[k]]);
  }
  for (std::size_t v = 0; v < n; ++v) r.component[v] = renumber[comp_tmp[v]];

  // Blocks and cut schools. BGL labels the tree and back arcs of its depth-first search with
  // their block; the other arc of each link stays unlabelled.
  constexpr std::size_t kNoBlock = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> block(boost::num_edges(csr), kNoBlock);
  std::vector<std::size_t> disc(n), low(n);  // discover times count from 1, across components
  std::vector<bgl::Vertex> parent(n);        // a root is its own predecessor
  std::vector<bgl::Vertex> cut_schools;
  const std::size_t blocks =
      boost::biconnected_components(
          csr, boost::make_iterator_property_map(block.begin(), get(boost::edge_index, csr)),
          std::back_inserter(cut_schools),
          boost::discover_time_map(disc.data()).lowpoint_map(low.data()).predecessor_map(
              parent.data()))
          .first;
  for (bgl::Vertex c : cut_schools) r.articulation[c] = true;

  // Bridges: the blocks of one link.
  std::vector<std::uint32_t> block_arcs(blocks, 0), block_link(blocks, 0);
  for (std::size_t arc = 0; arc < block.size(); ++arc) {
    if (block[arc] == kNoBlock) continue;
    ++block_arcs[block[arc]];
    block_link[block[arc]] = g.adjacent_link[arc];
  }
  std::vector<std::uint32_t> bridges;
  for (std::size_t b = 0; b < blocks; ++b)
    if (block_arcs[b] == 1) bridges.push_back(block_link[b]);

  // The depth-first tree: preorder positions (disc − 1; each component is one run of them), and
  // the size of each school's subtree.
  std::vector<std::uint32_t> preorder(n);  // position → school
  for (std::size_t v = 0; v < n; ++v) preorder[disc[v] - 1] = static_cast<std::uint32_t>(v);
  std::vector<std::uint32_t> size(n, 1);
  for (std::size_t pos = n; pos-- > 0;) {
    const std::uint32_t v = preorder[pos];
    if (parent[v] != v) size[parent[v]] += size[v];
  }
  std::vector<std::uint32_t> comp_start(comps, std::numeric_limits<std::uint32_t>::max());
  for (std::size_t v = 0; v < n; ++v)
    comp_start[comp_tmp[v]] =
        std::min(comp_start[comp_tmp[v]], static_cast<std::uint32_t>(disc[v] - 1));

  // Pieces left by removing each cut school: child subtrees that cannot climb above it, plus the
  // rest of its component.
  std::vector<Piece> small_pieces;  // pieces strictly smaller than their cut school's largest
  {
    std::vector<std::vector<std::uint32_t>> separated(n);
    for (std::size_t v = 0; v < n; ++v)
      if (parent[v] != v && low[v] >= disc[parent[v]])
        separated[parent[v]].push_back(static_cast<std::uint32_t>(v));
    for (std::size_t c = 0; c < n; ++c) {
      if (!r.articulation[c]) continue;
      const std::size_t comp_size = comp_size_tmp[comp_tmp[c]];
      const std::uint32_t start = comp_start[comp_tmp[c]];
      auto pos = [&](std::uint32_t v) { return static_cast<std::uint32_t>(disc[v] - 1); };
      std::vector<Piece> pieces;
      std::sort(separated[c].begin(), separated[c].end(),
                [&](std::uint32_t x, std::uint32_t y) { return disc[x] < disc[y]; });
      std::size_t in_children = 0;
      for (std::uint32_t w : separated[c]) {
        pieces.push_back({size[w], static_cast<std::uint32_t>(c), {{pos(w), pos(w) + size[w]}}});
        in_children += size[w];
      }
      const std::size_t rest = comp_size - 1 - in_children;
      if (rest > 0) {
        // The component's preorder range without c and its separated child subtrees (children
        // that can climb above c stay with the rest).
        Piece piece{rest, static_cast<std::uint32_t>(c), {}};
        std::uint32_t from = start;
        auto cut_out = [&](std::uint32_t begin, std::uint32_t end) {
          if (begin > from) piece.ranges.push_back({from, begin});
          from = end;
        };
        cut_out(pos(static_cast<std::uint32_t>(c)), pos(static_cast<std::uint32_t>(c)) + 1);
        for (std::uint32_t w : separated[c]) cut_out(pos(w), pos(w) + size[w]);
        cut_out(start + static_cast<std::uint32_t>(comp_size), 0);
        pieces.push_back(std::move(piece));
      }
      std::size_t largest = 0;
      for (const Piece& piece : pieces) largest = std::max(largest, piece.size);
      r.cuts_off[c] = comp_size - 1 - largest;
      for (Piece& piece : pieces)
        if (piece.size < largest) small_pieces.push_back(std::move(piece));
    }
  }
  // Each school hangs on the cut school leaving it in the smallest piece (ties: smaller id).
  // Pieces smallest first; a "next unassigned position" forest skips positions already assigned,
  // so the whole assignment is near O(n) even on long chains of nested pieces.
  std::sort(small_pieces.begin(), small_pieces.end(), [&](const Piece& x, const Piece& y) {
    return std::tie(x.size, g.id_rank[x.cut]) < std::tie(y.size, g.id_rank[y.cut]);
  });
  std::vector<std::uint32_t> next_free(n + 1);
  std::iota(next_free.begin(), next_free.end(), 0u);
  auto find = [&](std::uint32_t x) {
    std::uint32_t root = x;
    while (next_free[root] != root) root = next_free[root];
    while (next_free[x] != root) x = std::exchange(next_free[x], root);
    return root;
  };
  auto assign = [&](std::uint32_t begin, std::uint32_t end, std::uint32_t cut) {
    for (std::uint32_t pos = find(begin); pos < end; pos = find(pos)) {
      r.hangs_on[preorder[pos]] = cut;
      next_free[pos] = pos + 1;
    }
  };
  for (const Piece& piece : small_pieces)
    for (const auto& [begin, end] : piece.ranges) assign(begin, end, piece.cut);

  // Bridges as pairs sorted by ids, smaller id first.
  auto id_pair = [&](std::uint32_t li) {
    const graph::Link& l = g.links[li];
    return std::minmax(g.id_rank[l.a], g.id_rank[l.b]);
  };
  std::sort(bridges.begin(), bridges.end(),
            [&](std::uint32_t x, std::uint32_t y) { return id_pair(x) < id_pair(y); });
  r.bridges = bridges;

  for (std::size_t rank = 0; rank < n; ++rank)
    if (g.degree(g.by_id[rank]) == 0) r.isolates.push_back(g.by_id[rank]);
  r.density = n < 2 ? 0.0
                    : 2.0 * static_cast<double>(g.links.size()) /
                          (static_cast<double>(n) * static_cast<double>(n - 1));

  // Findings.
  for (std::size_t c = 0; c < n; ++c) {
    if (!r.articulation[c]) continue;
    Finding f;
    f.kind = "cut-school";
    f.subject = {net.schools[c].id};
    f.message = school_label(net, c) + " holds the network together: without it, " +
                (r.cuts_off[c] == 1
                     ? std::string("1 school would lose its")
                     : std::to_string(r.cuts_off[c]) + " schools would lose their") +
                " only route to the rest of the network.";
    f.extra.emplace_back("cuts_off", static_cast<std::int64_t>(r.cuts_off[c]));
    r.findings.push_back(std::move(f));
  }
  for (std::uint32_t li : r.bridges) {
    const graph::Link& l = g.links[li];
    std::size_t a = l.a, b = l.b;
    if (g.id_rank[a] > g.id_rank[b]) std::swap(a, b);
    std::set<std::size_t> staff;
    for (std::size_t p : g.records_of(l))
      staff.insert(net.partnerships[p].staff.begin(), net.partnerships[p].staff.end());
    Finding f;
    f.kind = "bridge-link";
    f.subject = {net.schools[a].id, net.schools[b].id};
    f.message = "The link between " + school_label(net, a) + " and " + school_label(net, b) +
                " is the only route between two parts of the network; it carries " +
                count_of(l.records, "partnership record", "partnership records");
    if (!staff.empty())
      f.message += ", carried by " + count_of(staff.size(), "member", "members") + " of staff";
    f.message += ".";
    f.extra.emplace_back("records", static_cast<std::int64_t>(l.records));
    f.extra.emplace_back("staff", static_cast<std::int64_t>(staff.size()));
    r.findings.push_back(std::move(f));
  }
  return r;
}

}  // namespace collabnet::passes
