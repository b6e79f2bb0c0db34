#include "graph/local_graph.hpp"

#include <algorithm>
#include <utility>

#include "graph/link_graph.hpp"

namespace collabnet::graph {

LocalGraph relabel(const SchoolGraph& g) {
  LocalGraph l;
  l.n = g.n;
  l.original.reserve(g.n);
  l.label.assign(g.n, static_cast<Vertex>(-1));
  for (std::size_t root = 0; root < g.n; ++root) {
    if (l.label[root] != static_cast<Vertex>(-1)) continue;
    std::size_t head = l.original.size();
    l.label[root] = static_cast<Vertex>(l.original.size());
    l.original.push_back(static_cast<Vertex>(root));
    while (head < l.original.size()) {
      for (Vertex u : g.neighbours(l.original[head++])) {
        if (l.label[u] != static_cast<Vertex>(-1)) continue;
        l.label[u] = static_cast<Vertex>(l.original.size());
        l.original.push_back(u);
      }
    }
  }
  // Arcs in row order (new labels), each row sorted by target, for BGL's sorted-edges
  // constructor; the edge bundle keeps the link index of the arc it came from.
  std::vector<std::pair<Vertex, Vertex>> arcs;
  std::vector<std::uint32_t> arc_link;
  arcs.reserve(g.adjacent.size());
  arc_link.reserve(g.adjacent.size());
  for (std::size_t v = 0; v < g.n; ++v) {
    const Vertex old = l.original[v];
    const std::size_t begin = arcs.size();
    for (std::uint32_t k = g.offsets[old]; k < g.offsets[old + 1]; ++k) {
      arcs.emplace_back(static_cast<Vertex>(v), l.label[g.adjacent[k]]);
      arc_link.push_back(g.adjacent_link[k]);
    }
    // A row is short (a school's partners): sort the (target, link) pairs together.
    std::vector<std::pair<Vertex, std::uint32_t>> row;
    row.reserve(arcs.size() - begin);
    for (std::size_t k = begin; k < arcs.size(); ++k) row.emplace_back(arcs[k].second, arc_link[k]);
    std::sort(row.begin(), row.end());
    for (std::size_t k = begin; k < arcs.size(); ++k) {
      arcs[k].second = row[k - begin].first;
      arc_link[k] = row[k - begin].second;
    }
  }
  l.bgl = std::make_shared<LinkGraph>(LinkGraph{
      bgl::Graph(boost::edges_are_sorted, arcs.begin(), arcs.end(), arc_link.begin(),
                 static_cast<bgl::Graph::vertices_size_type>(g.n),
                 static_cast<bgl::Graph::edges_size_type>(arcs.size()))});
  const auto& forward = l.bgl->csr.m_forward;
  l.offsets = forward.m_rowstart;
  l.adjacent = forward.m_column;
  l.adjacent_link = forward.m_edge_properties;
  return l;
}

}  // namespace collabnet::graph
