// The batched Brandes kernel against a plain one-source-at-a-time Brandes, --sample estimates
// and their marking in every output, and --progress staying silent on short runs.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/analysis_output.hpp"
#include "graph/school_graph.hpp"
#include "passes/passes.hpp"
#include "passes/shortest_paths.hpp"
#include "analysis_support.hpp"
#include "support.hpp"

using namespace collabnet;
namespace fs = std::filesystem;

namespace {

using testing::make_network;

/// Textbook Brandes, one source at a time: the oracle.
passes::ShortestPathSums oracle(const graph::SchoolGraph& g) {
  const std::size_t n = g.n;
  passes::ShortestPathSums r{std::vector<double>(n, 0), std::vector<double>(n, 0)};
  for (std::size_t s = 0; s < n; ++s) {
    std::vector<long> dist(n, -1);
    std::vector<double> sigma(n, 0), delta(n, 0);
    std::vector<std::size_t> order{s};
    dist[s] = 0;
    sigma[s] = 1;
    for (std::size_t head = 0; head < order.size(); ++head) {
      const std::size_t v = order[head];
      for (auto u : g.neighbours(v)) {
        if (dist[u] < 0) {
          dist[u] = dist[v] + 1;
          order.push_back(u);
        }
        if (dist[u] == dist[v] + 1) sigma[u] += sigma[v];
      }
    }
    for (std::size_t i = order.size(); i-- > 1;) {
      const std::size_t v = order[i];
      r.harmonic[v] += 1.0 / static_cast<double>(dist[v]);
      for (auto u : g.neighbours(v))
        if (dist[u] == dist[v] - 1) delta[u] += sigma[u] / sigma[v] * (1 + delta[v]);
      r.dependency[v] += delta[v];
    }
  }
  return r;
}

void same_sums(const passes::ShortestPathSums& got, const passes::ShortestPathSums& want) {
  REQUIRE(got.dependency.size() == want.dependency.size());
  for (std::size_t v = 0; v < want.dependency.size(); ++v) {
    // Sums run in another order than the oracle's: equal up to rounding.
    CHECK(std::abs(got.dependency[v] - want.dependency[v]) <=
          1e-12 * std::max(1.0, want.dependency[v]));
    CHECK(std::abs(got.harmonic[v] - want.harmonic[v]) <= 1e-12 * std::max(1.0, want.harmonic[v]));
  }
}

std::vector<std::pair<std::size_t, std::size_t>> random_links(std::size_t n, unsigned seed,
                                                              std::size_t extra) {
  std::mt19937 rng(seed);
  std::vector<std::pair<std::size_t, std::size_t>> links;
  for (std::size_t v = 1; v < n; ++v)
    if (rng() % 12 != 0) links.push_back({v, rng() % v});
  for (std::size_t k = 0; k < extra; ++k) {
    const std::size_t a = rng() % n, b = rng() % n;
    if (a != b) links.push_back({a, b});
  }
  return links;
}

}  // namespace

TEST_CASE("batched Brandes equals one-source-at-a-time Brandes") {
  std::vector<std::pair<std::string, Network>> cases;
  cases.emplace_back("random, sparse, several components", make_network(300, random_links(300, 3, 60)));
  cases.emplace_back("random, dense", make_network(150, random_links(150, 5, 900)));
  std::vector<std::pair<std::size_t, std::size_t>> path, star, grid, complete;
  for (std::size_t v = 1; v < 200; ++v) path.push_back({v - 1, v});
  for (std::size_t v = 1; v < 130; ++v) star.push_back({0, v});
  for (std::size_t r = 0; r < 12; ++r)  // many equal shortest paths: large path counts
    for (std::size_t c = 0; c < 12; ++c) {
      if (c + 1 < 12) grid.push_back({r * 12 + c, r * 12 + c + 1});
      if (r + 1 < 12) grid.push_back({r * 12 + c, (r + 1) * 12 + c});
    }
  for (std::size_t a = 0; a < 70; ++a)
    for (std::size_t b = a + 1; b < 70; ++b) complete.push_back({a, b});
  cases.emplace_back("path", make_network(200, path));
  cases.emplace_back("star", make_network(130, star));
  cases.emplace_back("grid", make_network(144, grid));
  cases.emplace_back("complete", make_network(70, complete));
  cases.emplace_back("one school", make_network(1, {}));
  cases.emplace_back("no links", make_network(5, {}));
  for (const auto& [name, net] : cases) {
    SECTION(name) {
      const graph::SchoolGraph g = graph::build_school_graph(net, std::nullopt);
      const auto want = oracle(g);
      const auto one = passes::shortest_path_sums(g, {}, 1);
      same_sums(one, want);
      const auto three = passes::shortest_path_sums(g, {}, 3);
      CHECK(three.dependency == one.dependency);  // bits, whatever the thread count
      CHECK(three.harmonic == one.harmonic);
      const auto portable = passes::shortest_path_sums(g, {}, 2, {}, passes::Kernel::portable);
      CHECK(portable.dependency == one.dependency);  // both compiled kernels: the same bits
      CHECK(portable.harmonic == one.harmonic);
    }
  }
}

TEST_CASE("--sample: seeded estimates, marked as such in every output") {
  const Network net = make_network(400, random_links(400, 9, 200));
  Settings exact;
  const Analysis e = analyse(net, exact);
  CHECK(e.network.sampled_sources == 0);

  Settings s;
  s.sample = 50;
  s.threads = 1;
  const Analysis a = analyse(net, s);
  CHECK(a.network.sampled_sources == 50);
  s.threads = 2;
  const Analysis b = analyse(net, s);
  for (std::size_t v = 0; v < net.schools.size(); ++v) {
    CHECK(a.schools[v].betweenness == b.schools[v].betweenness);
    CHECK(a.schools[v].closeness == b.schools[v].closeness);
  }
  // Estimates are estimates: close to the exact figures on average, not equal to them.
  double exact_sum = 0, estimate_sum = 0;
  for (std::size_t v = 0; v < net.schools.size(); ++v) {
    exact_sum += e.schools[v].closeness;
    estimate_sum += a.schools[v].closeness;
  }
  CHECK(std::abs(estimate_sum - exact_sum) < 0.25 * exact_sum);

  const auto doc = nlohmann::json::parse(analysis_to_json(net, a));
  REQUIRE(doc.contains("estimated"));
  CHECK(doc["estimated"]["sources"] == 50);
  CHECK(doc["estimated"]["figures"] == nlohmann::json({"betweenness", "closeness"}));
  CHECK_FALSE(nlohmann::json::parse(analysis_to_json(net, e)).contains("estimated"));
  CHECK(analysis_to_text(net, a).find("estimated from 50 of 400 schools") != std::string::npos);
  CHECK(analysis_schools_csv(net, a).find("betweenness_estimate_50_sources") !=
        std::string::npos);

  // K at least the number of schools: every school is a source, so the figures are exact.
  s.sample = 400;
  const Analysis all = analyse(net, s);
  CHECK(all.network.sampled_sources == 0);
  for (std::size_t v = 0; v < net.schools.size(); ++v)
    CHECK(all.schools[v].betweenness == e.schools[v].betweenness);
}

TEST_CASE("analyse --sample and --progress on the command line") {
  const std::string tiny = COLLABNET_SOURCE_DIR "/graphs/tiny.json";
  const auto r = testing::run({"analyse", tiny, "--format", "json", "--sample", "3"});
  REQUIRE(r.code == 0);
  CHECK(nlohmann::json::parse(r.out)["estimated"]["sources"] == 3);
  // A run shorter than a second reports no progress, even when asked to.
  const auto quiet = testing::run({"analyse", tiny, "--progress"});
  CHECK(quiet.code == 0);
  CHECK(quiet.err.find('%') == std::string::npos);
  CHECK(testing::run({"analyse", tiny, "--sample", "0"}).code == 2);
}
