// The batched Brandes kernel against a plain one-source-at-a-time Brandes, --sample estimates
// and their marking in every output, and --progress staying silent on short runs.
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
#include "passes/shortest_paths.hpp"
#include "analysis_support.hpp"
#include "brandes_oracle.hpp"
#include "support.hpp"

using namespace collabnet;
namespace fs = std::filesystem;

namespace {

using testing::make_network;
using testing::random_links;
using testing::oracle;

void same_sums(const passes::ShortestPathSums& got, const passes::ShortestPathSums& want) {
  REQUIRE(got.dependency.size() == want.dependency.size());
  for (std::size_t v = 0; v < want.dependency.size(); ++v) {
    // Sums run in another order than the oracle's: equal up to rounding.
    CHECK(std::abs(got.dependency[v] - want.dependency[v]) <=
          1e-12 * std::max(1.0, want.dependency[v]));
    CHECK(std::abs(got.harmonic[v] - want.harmonic[v]) <= 1e-12 * std::max(1.0, want.harmonic[v]));
  }
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

TEST_CASE("--sample for report and export, and as a setting in --config") {
  const std::string tiny = COLLABNET_SOURCE_DIR "/graphs/tiny.json";
  const fs::path dir = testing::scratch_dir("sample-flag");
  // The report says the figures are estimates (12 schools, 4 sources); exact, it says nothing.
  const auto sampled = testing::run({"report", tiny, "--sample", "4", "-o", "-"});
  REQUIRE(sampled.code == 0);
  CHECK(sampled.out.find("estimated from 4 of 12 schools") != std::string::npos);
  const auto exact = testing::run({"report", tiny, "-o", "-"});
  REQUIRE(exact.code == 0);
  CHECK(exact.out.find("estimated from") == std::string::npos);
  // export: the GraphML carries the estimated figures (a different betweenness than exact).
  const fs::path est = dir / "est.graphml", ex = dir / "exact.graphml";
  fs::remove(est);
  fs::remove(ex);
  REQUIRE(testing::run({"export", tiny, "--to", "graphml", "--sample", "2", "-o", est.string()})
              .code == 0);
  REQUIRE(testing::run({"export", tiny, "--to", "graphml", "-o", ex.string()}).code == 0);
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  CHECK(slurp(est) != slurp(ex));
  // The same as a setting; the flag overrides it; out of range is a located error.
  const fs::path cfg = dir / "sample.json";
  std::ofstream(cfg) << R"({"sample": 5})";
  const auto from_config = testing::run({"analyse", tiny, "--format", "json", "--config",
                                         cfg.string()});
  REQUIRE(from_config.code == 0);
  CHECK(nlohmann::json::parse(from_config.out)["estimated"]["sources"] == 5);
  const auto overridden = testing::run({"analyse", tiny, "--format", "json", "--config",
                                        cfg.string(), "--sample", "3"});
  CHECK(nlohmann::json::parse(overridden.out)["estimated"]["sources"] == 3);
  const fs::path zero = dir / "zero.json";
  std::ofstream(zero) << R"({"sample": 0})";
  const auto bad = testing::run({"analyse", tiny, "--config", zero.string()});
  CHECK(bad.code == 2);
  CHECK(bad.err == zero.string() + ": sample: must be a whole number from 1 to 1099511627776, "
                                   "got 0\n");
  // render draws no centrality: it has no --sample.
  CHECK(testing::run({"render", tiny, "--sample", "3", "-o", (dir / "x.svg").string()}).code ==
        2);
}
