// Centrality: degree, strength, exact betweenness (Brandes 2001) and harmonic closeness from one
// breadth-first search per source, and PageRank. Exact at every size: no sampling.

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <thread>

#include "passes/passes.hpp"

namespace collabnet::passes {
namespace {

using graph::Vertex;

/// Sources are cut into this many contiguous chunks whatever the thread count; each chunk sums
/// its sources' dependencies in source order into its own array and the arrays are added in
/// chunk order. Floating-point addition is not associative, so this fixed shape is what makes
/// 1, 2 or 7 threads give bit-identical betweenness. 64 chunks balance 2–32 cores well.
constexpr std::size_t kChunks = 64;

/// PageRank's damping factor (Brin & Page 1998; NetworkX's default), per DESIGN.md.
constexpr double kDamping = 0.85;
/// Stop when the L1 change of an iteration falls below this: the remaining error is then at most
/// change·d/(1−d) ≈ 6e-14, far below the 1e-9 the outputs show.
constexpr double kPageRankTolerance = 1e-14;
/// A cap that a contraction by 0.85 per step never reaches (1e-14 needs about 200 steps).
constexpr int kPageRankMaxIterations = 10000;

/// One worker's reusable arrays: nothing is allocated per source.
struct Workspace {
  std::vector<std::int32_t> dist;
  std::vector<double> sigma, delta;
  std::vector<Vertex> order;  // BFS order; doubles as the queue
  explicit Workspace(std::size_t n) : dist(n, -1), sigma(n, 0), delta(n, 0), order(n) {}
};

/// One source: BFS counting shortest paths, then dependencies accumulated in reverse BFS order
/// (predecessors are the neighbours one hop closer, so no predecessor lists are stored).
/// Adds s's dependencies to `bc` and returns s's harmonic sum Σ 1/d(s, t).
double single_source(const graph::SchoolGraph& g, Vertex s, Workspace& w, double* bc) {
  std::size_t head = 0, tail = 0;
  w.order[tail++] = s;
  w.dist[s] = 0;
  w.sigma[s] = 1;
  double harmonic = 0;
  while (head < tail) {
    const Vertex v = w.order[head++];
    const std::int32_t dv = w.dist[v];
    if (dv > 0) harmonic += 1.0 / dv;
    for (Vertex u : g.neighbours(v)) {
      if (w.dist[u] < 0) {
        w.dist[u] = dv + 1;
        w.order[tail++] = u;
      }
      if (w.dist[u] == dv + 1) w.sigma[u] += w.sigma[v];
    }
  }
  for (std::size_t i = tail; i-- > 1;) {
    const Vertex v = w.order[i];
    const std::int32_t dv = w.dist[v];
    const double coefficient = (1.0 + w.delta[v]) / w.sigma[v];
    for (Vertex u : g.neighbours(v))
      if (w.dist[u] == dv - 1) w.delta[u] += w.sigma[u] * coefficient;
    bc[v] += w.delta[v];
  }
  for (std::size_t i = 0; i < tail; ++i) {  // reset only what this source touched
    const Vertex v = w.order[i];
    w.dist[v] = -1;
    w.sigma[v] = 0;
    w.delta[v] = 0;
  }
  return harmonic;
}

void betweenness_and_closeness(const graph::SchoolGraph& g, unsigned threads,
                               CentralityResult& r) {
  const std::size_t n = g.n;
  r.betweenness.assign(n, 0);
  r.closeness.assign(n, 0);
  if (n == 0) return;
  const std::size_t chunks = std::min(n, kChunks);
  std::vector<std::vector<double>> partial(chunks);
  std::vector<double> harmonic(n, 0);
  std::atomic<std::size_t> next_chunk{0};
  auto work = [&] {
    Workspace w(n);
    for (std::size_t c; (c = next_chunk.fetch_add(1)) < chunks;) {
      partial[c].assign(n, 0);
      const std::size_t begin = c * n / chunks, end = (c + 1) * n / chunks;
      for (std::size_t s = begin; s < end; ++s)
        harmonic[s] = single_source(g, static_cast<Vertex>(s), w, partial[c].data());
    }
  };
  unsigned workers = threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
  workers = static_cast<unsigned>(std::min<std::size_t>(workers, chunks));
  if (workers <= 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < workers; ++t) pool.emplace_back(work);
  }  // jthreads join here

  for (std::size_t c = 0; c < chunks; ++c)
    for (std::size_t v = 0; v < n; ++v) r.betweenness[v] += partial[c][v];
  // Every unordered pair was counted from both ends; NetworkX's normalized=True for undirected
  // graphs divides these sums by (n−1)(n−2) (and leaves them 0 when n ≤ 2).
  const double scale =
      n > 2 ? 1.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2)) : 0.0;
  for (double& b : r.betweenness) b *= scale;
  if (n > 1)
    for (std::size_t v = 0; v < n; ++v) r.closeness[v] = harmonic[v] / static_cast<double>(n - 1);
}

/// Power iteration on the collapsed graph with summed weights; isolated schools are dangling and
/// their mass is spread over all schools, as NetworkX does.
std::vector<double> pagerank(const graph::SchoolGraph& g, const std::vector<double>& strength) {
  const std::size_t n = g.n;
  if (n == 0) return {};
  const double uniform = 1.0 / static_cast<double>(n);
  std::vector<double> x(n, uniform), next(n), share(n);
  for (int iteration = 0; iteration < kPageRankMaxIterations; ++iteration) {
    double dangling = 0;
    for (std::size_t v = 0; v < n; ++v) {
      if (strength[v] > 0)
        share[v] = x[v] / strength[v];
      else
        dangling += x[v];
    }
    const double base = (1.0 - kDamping) * uniform + kDamping * dangling * uniform;
    double change = 0;
    for (std::size_t v = 0; v < n; ++v) {
      double in = 0;
      for (std::uint32_t slot = g.offsets[v]; slot < g.offsets[v + 1]; ++slot)
        in += share[g.adjacent[slot]] * g.links[g.adjacent_link[slot]].weight;
      next[v] = base + kDamping * in;
      change += std::abs(next[v] - x[v]);
    }
    x.swap(next);
    if (change < kPageRankTolerance) break;
  }
  return x;
}

}  // namespace

CentralityResult compute_centrality(const graph::SchoolGraph& g, const Settings& settings) {
  const std::size_t n = g.n;
  CentralityResult r;
  r.degree.assign(n, 0);
  r.partnerships.assign(n, 0);
  r.strength.assign(n, 0);
  for (std::size_t v = 0; v < n; ++v) r.degree[v] = g.degree(v);
  for (std::size_t p : g.records) {  // input order: a deterministic sum
    const Partnership& rec = g.record(p);
    ++r.partnerships[rec.from];
    ++r.partnerships[rec.to];
    r.strength[rec.from] += rec.weight;
    r.strength[rec.to] += rec.weight;
  }
  betweenness_and_closeness(g, settings.threads, r);
  // PageRank's out-weights are the collapsed links' weights; summed per school they equal the
  // strength up to rounding, so sum them the same way the iteration does.
  std::vector<double> out_weight(n, 0);
  for (std::size_t v = 0; v < n; ++v)
    for (std::uint32_t slot = g.offsets[v]; slot < g.offsets[v + 1]; ++slot)
      out_weight[v] += g.links[g.adjacent_link[slot]].weight;
  r.pagerank = pagerank(g, out_weight);
  return r;
}

}  // namespace collabnet::passes
