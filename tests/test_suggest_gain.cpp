// The batched gain searches of the suggest module (src/suggest/gain.cpp) against a plain
// reference: the harmonic sum of v recomputed from scratch by breadth-first search on the graph
// with the link v–u added, and against the one-at-a-time search, which must give the same bits
// (the lazy greedy compares gains from both forms).

#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <set>
#include <vector>

#include "analysis_support.hpp"
#include "graph/local_graph.hpp"
#include "suggest/suggest_internal.hpp"

namespace {

using collabnet::graph::Vertex;
using namespace collabnet::suggest;

/// Hop distances from s in the adjacency lists (no pruning, no relabelling): the reference.
std::vector<std::uint32_t> plain_bfs(const std::vector<std::vector<Vertex>>& adj, Vertex s) {
  std::vector<std::uint32_t> d(adj.size(), kFar);
  std::vector<Vertex> q{s};
  d[s] = 0;
  for (std::size_t h = 0; h < q.size(); ++h)
    for (Vertex y : adj[q[h]])
      if (d[y] == kFar) {
        d[y] = d[q[h]] + 1;
        q.push_back(y);
      }
  return d;
}

double harmonic(const std::vector<std::uint32_t>& d, Vertex v) {
  double h = 0;
  for (std::size_t x = 0; x < d.size(); ++x)
    if (x != v && d[x] != kFar) h += 1.0 / d[x];
  return h;
}

}  // namespace

TEST_CASE("suggest gains: batched searches equal a from-scratch recomputation", "[suggest]") {
  std::mt19937 rng(20261205);
  for (const std::size_t n : {40u, 150u, 400u}) {
    // A sparse graph of several pieces with long paths: random links among nearby indices.
    std::vector<std::pair<std::size_t, std::size_t>> links;
    std::set<std::pair<std::size_t, std::size_t>> have;
    std::uniform_int_distribution<std::size_t> pick(0, n - 1), step(1, 6);
    for (std::size_t k = 0; k < n * 6 / 5; ++k) {
      const std::size_t a = pick(rng), b = std::min(n - 1, a + step(rng));
      if (a == b || !have.insert({a, b}).second) continue;
      links.emplace_back(a, b);
    }
    const collabnet::Network net = collabnet::testing::make_network(n, links);
    const auto g = collabnet::graph::build_school_graph(net, std::nullopt);
    const auto lg = collabnet::graph::relabel(g);
    std::vector<std::vector<Vertex>> adj(n);
    for (const auto& [a, b] : links) {
      adj[a].push_back(static_cast<Vertex>(b));
      adj[b].push_back(static_cast<Vertex>(a));
    }
    Search s(n);
    BatchSearch batch(n);
    for (int trial = 0; trial < 6; ++trial) {
      const Vertex v = static_cast<Vertex>(pick(rng));
      const auto before = plain_bfs(adj, v);
      // Every other school that is not a partner: more than 256 at n = 400 (two batches).
      std::vector<Vertex> partners;
      for (Vertex u = 0; u < n; ++u)
        if (u != v && before[u] != 1) partners.push_back(u);
      std::vector<std::uint32_t> cur(n, kFar);
      distances_from(lg, lg.label[v], s);
      for (Vertex x : s.queue) cur[x] = s.dist[x];
      s.clear();
      std::vector<Vertex> labels;
      for (Vertex u : partners) labels.push_back(lg.label[u]);
      std::vector<Gain> gains(labels.size());
      link_gains(lg, lg.label[v], labels, cur, batch, gains);
      std::vector<std::pair<Vertex, Vertex>> sides;
      for (Vertex u : partners) sides.emplace_back(v, u);
      const std::vector<double> side = side_gains(lg, sides, 2);
      for (std::size_t i = 0; i < partners.size(); ++i) {
        const Vertex u = partners[i];
        adj[v].push_back(u);
        adj[u].push_back(v);
        const auto after = plain_bfs(adj, v);
        adj[v].pop_back();
        adj[u].pop_back();
        std::size_t closer = 0;
        for (std::size_t x = 0; x < n; ++x) closer += x != v && after[x] < before[x];
        INFO("n " << n << ", v " << v << ", u " << u);
        CHECK(gains[i].harmonic == Approx(harmonic(after, v) - harmonic(before, v)).margin(1e-12));
        CHECK(gains[i].closer == closer);
        const Gain one = link_gain(lg, lg.label[v], lg.label[u], cur, s, false);
        CHECK(one.harmonic == gains[i].harmonic);  // the same bits, not merely close
        CHECK(one.closer == gains[i].closer);
        CHECK(side[i] == gains[i].harmonic);
      }
    }
  }
}
