// --sample-error EPS --confidence P (issue 18, item 5): the number of sources, worked by hand,
// and the guarantee checked empirically against exact figures on generated networks.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/analysis_output.hpp"
#include "graph/school_graph.hpp"
#include "passes/passes.hpp"
#include "passes/sample_size.hpp"
#include "analysis_support.hpp"
#include "support.hpp"

using namespace collabnet;
namespace fs = std::filesystem;

namespace {

using Links = std::vector<std::pair<std::size_t, std::size_t>>;

/// A random forest-like network with extra links: about 1 in 12 schools starts a new component.
Links random_links(std::size_t n, unsigned seed, std::size_t extra) {
  std::mt19937 rng(seed);
  Links links;
  for (std::size_t v = 1; v < n; ++v)
    if (rng() % 12 != 0) links.push_back({v, rng() % v});
  for (std::size_t k = 0; k < extra; ++k) {
    const std::size_t a = rng() % n, b = rng() % n;
    if (a != b) links.push_back({a, b});
  }
  return links;
}

}  // namespace

TEST_CASE("--sample-error: the number of sources, worked by hand") {
  // K = 1 + ceil(ln(4n/δ) / (2ε²)), δ = 1 − confidence (docs/sampling.md).
  // n = 1000, ε = 0.05, 95 %: ln(4000/0.05) = ln 80000 = ln 8 + 4 ln 10 = 2.07944 + 9.21034
  // = 11.28978; / (2 · 0.0025) = 2257.96; ceil 2258; + 1 = 2259 (more than the 1000 schools:
  // exact).
  CHECK(passes::sources_for_error(1000, 0.05, 0.95) == 2259);
  // n = 100000: ln(8,000,000) = ln 8 + 6 ln 10 = 15.89495; / 0.005 = 3178.99 → 3179 + 1.
  CHECK(passes::sources_for_error(100000, 0.05, 0.95) == 3180);
  // 99 %: ln(4000/0.01) = ln 400000 = ln 4 + 5 ln 10 = 12.89922; / 0.005 = 2579.84 → 2580 + 1.
  CHECK(passes::sources_for_error(1000, 0.05, 0.99) == 2581);
  // n = 400, ε = 0.2: ln 32000 = ln 32 + 3 ln 10 = 10.37349; / 0.08 = 129.67 → 130 + 1.
  CHECK(passes::sources_for_error(400, 0.2, 0.95) == 131);
  // tiny.json's 12 schools: ln 960 = 6.86693; ε = 0.9: / 1.62 = 4.24 → 5 + 1 = 6 sources;
  // ε = 0.1: / 0.02 = 343.35 → 344 + 1 = 345 (exact).
  CHECK(passes::sources_for_error(12, 0.9, 0.95) == 6);
  CHECK(passes::sources_for_error(12, 0.1, 0.95) == 345);
  // The bound grows as ln n: ten times the schools adds ln 10 / (2ε²) = 460.5 at ε = 0.05.
  CHECK(passes::sources_for_error(10000, 0.05, 0.95) -
            passes::sources_for_error(1000, 0.05, 0.95) ==
        461);
  // A tiny ε asks for more sources than any network has, without overflow.
  CHECK(passes::sources_for_error(1000, 1e-12, 0.95) >= (std::uint64_t{1} << 62));
}

TEST_CASE("--sample-error: every school within EPS of the exact figures, over seeds") {
  struct Case {
    std::string name;
    Network net;
    double epsilon, confidence;
  };
  std::vector<Case> cases;
  // ~300 schools, so that the bound asks for fewer sources than schools:
  // n = 300, ε = 0.2, 95 %: ln 24000 = 10.0858; / 0.08 = 126.07 → K = 128.
  // ε = 0.15: / 0.045 = 224.13 → K = 226. ε = 0.25, 90 %: ln 12000 = 9.3927; / 0.125 = 75.14 →
  // K = 77.
  cases.push_back({"random, sparse, several components",
                   testing::make_network(300, random_links(300, 3, 60)), 0.2, 0.95});
  cases.push_back(
      {"random, dense", testing::make_network(300, random_links(300, 5, 900)), 0.15, 0.95});
  Links grid, stars;
  for (std::size_t r = 0; r < 15; ++r)  // 15 × 20 grid: many equal shortest paths
    for (std::size_t c = 0; c < 20; ++c) {
      if (c + 1 < 20) grid.push_back({r * 20 + c, r * 20 + c + 1});
      if (r + 1 < 15) grid.push_back({r * 20 + c, (r + 1) * 20 + c});
    }
  cases.push_back({"grid", testing::make_network(300, grid), 0.25, 0.9});
  // Two stars of 140 leaves whose centres are linked, and 18 isolated schools: the centres'
  // per-source dependencies range from 0 (sources cut off) to n − 2 (their own leaves).
  for (std::size_t v = 1; v <= 140; ++v) stars.push_back({0, v});
  for (std::size_t v = 142; v <= 281; ++v) stars.push_back({141, v});
  stars.push_back({0, 141});
  cases.push_back(
      {"two stars and isolated schools", testing::make_network(300, stars), 0.2, 0.95});

  const std::vector<std::size_t> want_sources = {128, 226, 77, 128};
  constexpr int kSeeds = 12;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    SECTION(c.name) {
      const graph::SchoolGraph g = graph::build_school_graph(c.net, std::nullopt);
      Settings exact_settings;
      exact_settings.threads = 1;
      const passes::CentralityResult exact = passes::compute_centrality(g, exact_settings);
      int failures = 0;
      double worst_betweenness = 0, worst_closeness = 0;
      for (int seed = 1; seed <= kSeeds; ++seed) {
        Settings s;
        s.threads = 1;
        s.sample_error = c.epsilon;
        s.confidence = c.confidence;
        s.sample_seed = static_cast<std::uint64_t>(seed) * 7919;
        const passes::CentralityResult est = passes::compute_centrality(g, s);
        REQUIRE(est.error_sources == want_sources[i]);
        REQUIRE(est.sampled_sources == want_sources[i]);  // estimates, not exact
        double run_worst = 0;
        for (std::size_t v = 0; v < g.n; ++v) {
          const double db = std::abs(est.betweenness[v] - exact.betweenness[v]);
          const double dc = std::abs(est.closeness[v] - exact.closeness[v]);
          worst_betweenness = std::max(worst_betweenness, db);
          worst_closeness = std::max(worst_closeness, dc);
          run_worst = std::max({run_worst, db, dc});
        }
        if (run_worst > c.epsilon) ++failures;
      }
      INFO("worst betweenness error " << worst_betweenness << ", worst closeness error "
                                      << worst_closeness << ", epsilon " << c.epsilon);
      // The promise: all schools within ε in at least `confidence` of the runs. With the union
      // bound it should hold in every run.
      CHECK(failures <= static_cast<int>(std::floor((1 - c.confidence) * kSeeds)));
      CHECK(failures == 0);
      CHECK(worst_betweenness <= c.epsilon);
      CHECK(worst_closeness <= c.epsilon);
    }
  }
}
