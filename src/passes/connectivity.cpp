// Connectivity: components, cut schools, bridges, who hangs on whom. One iterative DFS (Tarjan)
// per component: recursion would overflow the stack on a long chain of schools.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <set>
#include <tuple>

#include "passes/passes.hpp"

namespace collabnet::passes {
namespace {

using graph::Vertex;

constexpr std::uint32_t kUnseen = std::numeric_limits<std::uint32_t>::max();

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
  ConnectivityResult r;
  r.component.assign(n, 0);
  r.articulation.assign(n, false);
  r.cuts_off.assign(n, 0);
  r.hangs_on.assign(n, std::nullopt);

  std::vector<std::uint32_t> disc(n, kUnseen), low(n, 0), size(n, 1), parent(n, kUnseen);
  std::vector<std::uint32_t> preorder(n);  // position → school
  std::vector<std::uint32_t> root_of(n), comp_size_tmp;
  std::vector<std::uint32_t> comp_tmp(n);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> stack;  // (school, next adjacency slot)
  std::vector<std::uint32_t> bridges;
  std::uint32_t time = 0;

  // Roots in id order: the first school found in each component is its smallest id, which is
  // the tie-break of component numbering.
  for (std::size_t rank = 0; rank < n; ++rank) {
    const auto root = static_cast<std::uint32_t>(g.by_id[rank]);
    if (disc[root] != kUnseen) continue;
    const auto comp = static_cast<std::uint32_t>(comp_size_tmp.size());
    const std::uint32_t start = time;
    disc[root] = low[root] = time;
    preorder[time++] = root;
    stack.push_back({root, g.offsets[root]});
    while (!stack.empty()) {
      auto& [v, slot] = stack.back();
      if (slot < g.offsets[v + 1]) {
        const std::uint32_t w = g.adjacent[slot++];
        if (disc[w] == kUnseen) {
          parent[w] = v;
          disc[w] = low[w] = time;
          preorder[time++] = w;
          stack.push_back({w, g.offsets[w]});  // invalidates v/slot: loop re-reads the top
        } else if (w != parent[v]) {
          // Simple graph: the only edge back to the parent is the tree edge itself.
          low[v] = std::min(low[v], disc[w]);
        }
        continue;
      }
      const std::uint32_t done = v;
      stack.pop_back();
      size[done] = time - disc[done];
      const std::uint32_t p = parent[done];
      if (p == kUnseen) continue;
      low[p] = std::min(low[p], low[done]);
      if (low[done] > disc[p]) {
        const Vertex a = std::min(p, done), b = std::max(p, done);
        const auto it = std::lower_bound(
            g.links.begin(), g.links.end(), std::pair{a, b},
            [](const graph::Link& l, const std::pair<Vertex, Vertex>& k) {
              return std::pair{l.a, l.b} < k;
            });
        bridges.push_back(static_cast<std::uint32_t>(it - g.links.begin()));
      }
    }
    for (std::uint32_t pos = start; pos < time; ++pos) {
      comp_tmp[preorder[pos]] = comp;
      root_of[preorder[pos]] = root;
    }
    comp_size_tmp.push_back(time - start);
  }

  // Components by descending size; stable sort keeps discovery (smallest id) order for ties.
  std::vector<std::uint32_t> order(comp_size_tmp.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
    return comp_size_tmp[x] > comp_size_tmp[y];
  });
  std::vector<std::size_t> renumber(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    renumber[order[k]] = k;
    r.component_sizes.push_back(comp_size_tmp[order[k]]);
  }
  for (std::size_t v = 0; v < n; ++v) r.component[v] = renumber[comp_tmp[v]];

  // Pieces left by removing each school: child subtrees that cannot climb above it, plus the
  // rest of its component. It is a cut school when there are two or more pieces.
  std::vector<Piece> small_pieces;  // pieces strictly smaller than their cut school's largest
  {
    std::vector<std::vector<std::uint32_t>> separated(n);
    for (std::size_t v = 0; v < n; ++v)
      if (parent[v] != kUnseen && low[v] >= disc[parent[v]])
        separated[parent[v]].push_back(static_cast<std::uint32_t>(v));
    for (std::size_t c = 0; c < n; ++c) {
      if (separated[c].empty()) continue;
      const std::uint32_t root = root_of[c];
      const std::size_t comp_size = size[root];
      std::vector<Piece> pieces;
      std::sort(separated[c].begin(), separated[c].end(),
                [&](std::uint32_t x, std::uint32_t y) { return disc[x] < disc[y]; });
      std::size_t in_children = 0;
      for (std::uint32_t w : separated[c]) {
        pieces.push_back({size[w], static_cast<std::uint32_t>(c), {{disc[w], disc[w] + size[w]}}});
        in_children += size[w];
      }
      const std::size_t rest = comp_size - 1 - in_children;
      if (rest > 0) {
        // The component's preorder range without c and its separated child subtrees (children
        // that can climb above c stay with the rest).
        Piece piece{rest, static_cast<std::uint32_t>(c), {}};
        std::uint32_t from = disc[root];
        auto cut_out = [&](std::uint32_t begin, std::uint32_t end) {
          if (begin > from) piece.ranges.push_back({from, begin});
          from = end;
        };
        cut_out(disc[c], disc[c] + 1);
        for (std::uint32_t w : separated[c]) cut_out(disc[w], disc[w] + size[w]);
        cut_out(disc[root] + static_cast<std::uint32_t>(comp_size), 0);
        pieces.push_back(std::move(piece));
      }
      if (pieces.size() < 2) continue;
      r.articulation[c] = true;
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
