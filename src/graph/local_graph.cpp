#include "graph/local_graph.hpp"

#include <algorithm>

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
  l.offsets.assign(g.n + 1, 0);
  l.adjacent.reserve(g.adjacent.size());
  for (std::size_t v = 0; v < g.n; ++v) {
    const auto row = g.neighbours(l.original[v]);
    const std::size_t begin = l.adjacent.size();
    for (Vertex u : row) l.adjacent.push_back(l.label[u]);
    std::sort(l.adjacent.begin() + static_cast<std::ptrdiff_t>(begin), l.adjacent.end());
    l.offsets[v + 1] = static_cast<std::uint32_t>(l.adjacent.size());
  }
  return l;
}

}  // namespace collabnet::graph
