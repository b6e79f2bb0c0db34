#include "graph/school_graph.hpp"

#include <algorithm>
#include <cassert>
#include <limits>
#include <numeric>

namespace collabnet::graph {

SchoolGraph build_school_graph(const Network& network, const std::optional<std::string>& as_of,
                               const std::vector<bool>* keep) {
  SchoolGraph g;
  g.network = &network;
  g.n = network.schools.size();
  // 32-bit vertices halve the adjacency's cache footprint; 4 billion schools is far off.
  assert(g.n < std::numeric_limits<Vertex>::max());

  g.by_id.resize(g.n);
  std::iota(g.by_id.begin(), g.by_id.end(), std::size_t{0});
  // std::string compares as unsigned char, which for UTF-8 is code-point order.
  std::sort(g.by_id.begin(), g.by_id.end(), [&](std::size_t x, std::size_t y) {
    return network.schools[x].id < network.schools[y].id;
  });
  g.id_rank.resize(g.n);
  for (std::size_t r = 0; r < g.n; ++r) g.id_rank[g.by_id[r]] = static_cast<std::uint32_t>(r);

  for (std::size_t p = 0; p < network.partnerships.size(); ++p) {
    if (keep && !(*keep)[p]) continue;
    if (!as_of || network.partnerships[p].active_on(*as_of)) g.records.push_back(p);
  }

  // Collapse: sort the records by their unordered pair, then one Link per run.
  std::vector<std::size_t> sorted = g.records;
  auto pair_of = [&](std::size_t p) {
    const Partnership& r = network.partnerships[p];
    return std::pair{std::min(r.from, r.to), std::max(r.from, r.to)};
  };
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](std::size_t x, std::size_t y) { return pair_of(x) < pair_of(y); });
  g.link_records = sorted;
  for (std::size_t i = 0; i < sorted.size();) {
    const auto [a, b] = pair_of(sorted[i]);
    Link link;
    link.a = static_cast<Vertex>(a);
    link.b = static_cast<Vertex>(b);
    link.first_record = static_cast<std::uint32_t>(i);
    for (; i < sorted.size() && pair_of(sorted[i]) == std::pair{a, b}; ++i) {
      link.weight += network.partnerships[sorted[i]].weight;  // record order: deterministic sum
      ++link.records;
    }
    g.links.push_back(link);
  }

  // CSR with neighbours in ascending index order (links are sorted, so a counting pass suffices).
  g.offsets.assign(g.n + 1, 0);
  for (const Link& l : g.links) {
    ++g.offsets[l.a + 1];
    ++g.offsets[l.b + 1];
  }
  for (std::size_t v = 0; v < g.n; ++v) g.offsets[v + 1] += g.offsets[v];
  g.adjacent.resize(2 * g.links.size());
  g.adjacent_link.resize(2 * g.links.size());
  std::vector<std::uint32_t> next(g.offsets.begin(), g.offsets.end() - (g.n > 0 ? 1 : 0));
  if (g.n == 0) next.clear();
  // Lower neighbours first: for v, links (u, v) with u < v come in u order, then links (v, w)
  // in w order; two passes keep each row sorted.
  for (std::uint32_t li = 0; li < g.links.size(); ++li) {
    const Link& l = g.links[li];
    g.adjacent[next[l.b]] = l.a;
    g.adjacent_link[next[l.b]++] = li;
  }
  for (std::uint32_t li = 0; li < g.links.size(); ++li) {
    const Link& l = g.links[li];
    g.adjacent[next[l.a]] = l.b;
    g.adjacent_link[next[l.a]++] = li;
  }
  return g;
}

}  // namespace collabnet::graph
