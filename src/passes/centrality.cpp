// Centrality: degree, strength, betweenness (Brandes 2001) and harmonic closeness from one
// breadth-first search per source (batched: shortest_paths.cpp), and PageRank. Exact unless
// settings.sample asks for estimates from sampled sources.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>

#include "passes/passes.hpp"
#include "passes/sample_size.hpp"
#include "passes/shortest_paths.hpp"

namespace collabnet::passes {
namespace {

using graph::Vertex;

/// PageRank's damping factor (Brin & Page 1998; NetworkX's default), per DESIGN.md.
constexpr double kDamping = 0.85;
/// Stop when the L1 change of an iteration falls below this: the remaining error is then at most
/// change·d/(1−d) ≈ 6e-14, far below the 1e-9 the outputs show.
constexpr double kPageRankTolerance = 1e-14;
/// A cap that a contraction by 0.85 per step never reaches (1e-14 needs about 200 steps).
constexpr int kPageRankMaxIterations = 10000;

/// K distinct schools drawn uniformly with `seed` (a partial Fisher–Yates shuffle driven by
/// SplitMix64, so the draw is the same on every platform and standard library).
std::vector<Vertex> sample_sources(std::size_t n, std::size_t k, std::uint64_t seed) {
  std::vector<Vertex> all(n);
  for (std::size_t v = 0; v < n; ++v) all[v] = static_cast<Vertex>(v);
  std::uint64_t state = seed;
  auto next = [&state] {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  for (std::size_t i = 0; i < k; ++i) {
    const std::size_t range = n - i;  // uniform in [0, range) by rejection: no modulo bias
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % range);
    std::uint64_t r;
    do r = next(); while (r >= limit);
    std::swap(all[i], all[i + static_cast<std::size_t>(r % range)]);
  }
  all.resize(k);
  return all;
}

void betweenness_and_closeness(const graph::SchoolGraph& g, const Settings& settings,
                               CentralityResult& r) {
  const std::size_t n = g.n;
  r.betweenness.assign(n, 0);
  r.closeness.assign(n, 0);
  if (n == 0) return;
  // --sample-error: the number of sources its bound needs, then the --sample path as is.
  std::uint64_t k = settings.sample;
  if (settings.sample_error) {
    r.error_sources = sources_for_error(n, *settings.sample_error, settings.confidence);
    k = r.error_sources;
  }
  std::vector<Vertex> sources;  // empty: every school
  if (k > 0 && k < n) {
    sources = sample_sources(n, static_cast<std::size_t>(k), settings.sample_seed);
    r.sampled_sources = static_cast<std::size_t>(k);
  }
  std::function<void(double)> progress;
  if (settings.progress)
    progress = [&settings](double done) { settings.progress("centrality", done); };
  const ShortestPathSums sums = shortest_path_sums(g, sources, settings.threads, progress);
  if (sources.empty()) {
    // Every unordered pair was counted from both ends; NetworkX's normalized=True for
    // undirected graphs divides these sums by (n−1)(n−2) (and leaves them 0 when n ≤ 2).
    const double scale =
        n > 2 ? 1.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2)) : 0.0;
    for (std::size_t v = 0; v < n; ++v) r.betweenness[v] = sums.dependency[v] * scale;
    if (n > 1)
      for (std::size_t v = 0; v < n; ++v)
        r.closeness[v] = harmonic_closeness(sums.harmonic[v], n);
    return;
  }
  // Estimates (Brandes & Pich 2007). A school's figures sum over the *other* schools as
  // sources: its own search adds nothing to them. So each school's sums are scaled from the
  // m sampled sources other than itself (K, or K − 1 when it was drawn) up to all n − 1 others:
  // an unbiased estimate (the m are a uniform sample of the others) that, like the exact
  // figure, stays within 0 to 1, since one source adds at most n − 2 to a dependency and at
  // most 1 to a harmonic sum. (Scaling every school by n / K instead gave the centre of a star
  // 1.2 from K = 1.) A school that was the only source has no estimate from others: 0.
  std::vector<bool> is_source(n, false);
  for (Vertex s : sources) is_source[s] = true;
  for (std::size_t v = 0; v < n; ++v) {
    const std::size_t others = sources.size() - (is_source[v] ? 1 : 0);
    if (others == 0) continue;
    const auto m = static_cast<double>(others);
    if (n > 2)
      r.betweenness[v] =
          std::clamp(sums.dependency[v] / (m * static_cast<double>(n - 2)), 0.0, 1.0);
    r.closeness[v] = std::clamp(sums.harmonic[v] / m, 0.0, 1.0);
  }
}

/// Power iteration on the collapsed graph with summed weights; isolated schools are dangling and
/// their mass is spread over all schools, as NetworkX does.
std::vector<double> pagerank(const graph::SchoolGraph& g, const std::vector<double>& strength) {
  const std::size_t n = g.n;
  if (n == 0) return {};
  const double uniform = 1.0 / static_cast<double>(n);
  // Each arc's share of its source's out-weight, once, as NetworkX's stochastic matrix holds it:
  // a ratio of at most 1, so a tiny (even denormal) out-weight cannot overflow x / strength.
  std::vector<double> ratio(g.adjacent.size());
  for (std::size_t v = 0; v < n; ++v)
    for (std::uint32_t slot = g.offsets[v]; slot < g.offsets[v + 1]; ++slot)
      ratio[slot] = g.links[g.adjacent_link[slot]].weight / strength[g.adjacent[slot]];
  std::vector<double> x(n, uniform), next(n);
  for (int iteration = 0; iteration < kPageRankMaxIterations; ++iteration) {
    double dangling = 0;
    for (std::size_t v = 0; v < n; ++v)
      if (!(strength[v] > 0)) dangling += x[v];
    const double base = (1.0 - kDamping) * uniform + kDamping * dangling * uniform;
    double change = 0;
    for (std::size_t v = 0; v < n; ++v) {
      double in = 0;
      for (std::uint32_t slot = g.offsets[v]; slot < g.offsets[v + 1]; ++slot)
        in += x[g.adjacent[slot]] * ratio[slot];
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
  betweenness_and_closeness(g, settings, r);
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
