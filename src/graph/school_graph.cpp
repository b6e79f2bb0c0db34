#include "graph/school_graph.hpp"

#include "graph/link_graph.hpp"

#include <algorithm>
#include <cassert>
#include <limits>
#include <numeric>
#include <utility>

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

  // The BGL graph, both arcs of each link, built with the sorted-edges constructor from arcs in
  // row order. Rows list neighbours in ascending index order: since links are sorted by (a, b),
  // v's row is its links (u, v), u < v, in u order, then its links (v, w) in w order, so a
  // counting pass places every arc and no sort is needed.
  assert(2 * g.links.size() < std::numeric_limits<std::uint32_t>::max());
  std::vector<std::uint32_t> next(g.n + 1, 0);
  for (const Link& l : g.links) {
    ++next[l.a + 1];
    ++next[l.b + 1];
  }
  for (std::size_t v = 0; v < g.n; ++v) next[v + 1] += next[v];
  std::vector<std::pair<Vertex, Vertex>> arcs(2 * g.links.size());
  std::vector<std::uint32_t> arc_link(arcs.size());
  for (std::uint32_t li = 0; li < g.links.size(); ++li) {
    const Link& l = g.links[li];
    arcs[next[l.b]] = {l.b, l.a};
    arc_link[next[l.b]++] = li;
  }
  for (std::uint32_t li = 0; li < g.links.size(); ++li) {
    const Link& l = g.links[li];
    arcs[next[l.a]] = {l.a, l.b};
    arc_link[next[l.a]++] = li;
  }
  g.bgl = std::make_shared<LinkGraph>(LinkGraph{
      bgl::Graph(boost::edges_are_sorted, arcs.begin(), arcs.end(), arc_link.begin(),
                 static_cast<bgl::Graph::vertices_size_type>(g.n),
                 static_cast<bgl::Graph::edges_size_type>(arcs.size()))});
  // The passes read BGL's own arrays (public members of the CSR graph, as its adjacency
  // iterators do): no copy, and the batched kernel's access pattern is unchanged.
  const auto& forward = g.bgl->csr.m_forward;
  g.offsets = forward.m_rowstart;
  g.adjacent = forward.m_column;
  g.adjacent_link = forward.m_edge_properties;
  return g;
}

}  // namespace collabnet::graph
