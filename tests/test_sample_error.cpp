// --sample-error EPS --confidence P (issue 18, item 5): the number of sources, worked by hand;
// the guarantee checked empirically against exact figures on generated networks; the flags'
// errors; and "± EPS with probability P" in every output.
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

using testing::random_links;
using testing::Run;
using Links = std::vector<std::pair<std::size_t, std::size_t>>;

const std::string kTiny = COLLABNET_SOURCE_DIR "/graphs/tiny.json";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// The text summary with its lines joined: sentences are wrapped at 100 columns.
std::string unwrapped(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
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

TEST_CASE("--sample-error with as many sources as schools is exact, and says so") {
  const Network net = testing::make_network(300, random_links(300, 3, 60));
  Settings exact_settings;
  const Analysis e = analyse(net, exact_settings);
  Settings s;
  s.sample_error = 0.05;  // ln 24000 / 0.005 = 2017.2 → 2019 sources > 300 schools
  const Analysis a = analyse(net, s);
  CHECK(a.network.error_sources == 2019);
  CHECK(a.network.sampled_sources == 0);
  for (std::size_t v = 0; v < net.schools.size(); ++v) {
    CHECK(a.schools[v].betweenness == e.schools[v].betweenness);
    CHECK(a.schools[v].closeness == e.schools[v].closeness);
  }
  const auto doc = nlohmann::json::parse(analysis_to_json(net, a));
  CHECK_FALSE(doc.contains("estimated"));
  CHECK(doc["sample_error"] == nlohmann::json::parse(
                                   R"({"epsilon": 0.05, "confidence": 0.95, "sources": 2019,
                                       "exact": true})"));
  const std::string text = unwrapped(analysis_to_text(net, a));
  CHECK(text.find("Exact: --sample-error 0.05 --confidence 0.95 needs 2019 sources, at least "
                  "the 300 schools, so betweenness and closeness below are exact.") !=
        std::string::npos);
  CHECK(text.find("\xC2\xB1") == std::string::npos);
  CHECK(analysis_schools_csv(net, a).find(",betweenness,closeness,") != std::string::npos);
}

TEST_CASE("--sample-error and --confidence: refused with --sample, out of range, or alone") {
  const Run both = testing::run({"analyse", kTiny, "--sample", "3", "--sample-error", "0.1"});
  CHECK(both.code == 2);
  CHECK(both.err == "--sample-error: cannot be used with --sample: --sample K takes K sources, "
                    "--sample-error EPS as many as that error needs; give one of them\n");
  for (const char* eps : {"0", "1", "1.5", "-0.1"}) {
    INFO(eps);
    const Run r = testing::run({"analyse", kTiny, "--sample-error", eps});
    CHECK(r.code == 2);
    CHECK(r.err == std::string("--sample-error: ") + eps +
                       " is not between 0 and 1: give the largest error allowed on betweenness "
                       "and closeness (both run from 0 to 1), e.g. --sample-error 0.05\n");
  }
  const Run sure = testing::run({"analyse", kTiny, "--sample-error", "0.5", "--confidence", "1"});
  CHECK(sure.code == 2);
  CHECK(sure.err == "--confidence: 1 is not between 0 and 1: give the probability that every "
                    "school is within --sample-error, e.g. --confidence 0.95\n");
  const Run alone = testing::run({"analyse", kTiny, "--confidence", "0.9"});
  CHECK(alone.code == 2);
  CHECK(alone.err == "--confidence: is the probability of --sample-error's bound: give "
                     "--sample-error EPS too, e.g. --sample-error 0.05 --confidence 0.95\n");

  // In a --config file: the same rules, located at the key.
  const fs::path dir = testing::scratch_dir("sample-error");
  const fs::path both_cfg = dir / "both.json", big = dir / "big.json", lone = dir / "lone.json",
                 good = dir / "good.json";
  std::ofstream(both_cfg) << R"({"sample": 5, "sample_error": 0.1})";
  std::ofstream(big) << R"({"sample_error": 2, "confidence": "high"})";
  std::ofstream(lone) << R"({"confidence": 0.9})";
  std::ofstream(good) << R"({"sample_error": 0.9, "confidence": 0.5})";
  const Run r1 = testing::run({"analyse", kTiny, "--config", both_cfg.string()});
  CHECK(r1.code == 2);
  CHECK(r1.err == both_cfg.string() + ": sample_error: cannot be used with sample: sample takes "
                                      "that many sources, sample_error chooses as many as the "
                                      "error needs; keep one of them\n");
  const Run r2 = testing::run({"analyse", kTiny, "--config", big.string()});
  CHECK(r2.code == 2);
  CHECK(r2.err == big.string() + ": confidence: must be a probability between 0 and 1, not 0 "
                                 "or 1, e.g. 0.95; got \"high\"\n" +
                      big.string() + ": sample_error: must be a number between 0 and 1, not 0 "
                                     "or 1: the largest error allowed on betweenness and "
                                     "closeness (both run from 0 to 1), e.g. 0.05; got 2\n");
  const Run r3 = testing::run({"analyse", kTiny, "--config", lone.string()});
  CHECK(r3.code == 2);
  CHECK(r3.err == lone.string() + ": confidence: is the probability of sample_error's bound: add "
                                  "\"sample_error\", e.g. {\"sample_error\": 0.05, "
                                  "\"confidence\": 0.95}\n");
  // A lone confidence in the file is fine once --sample-error gives the error.
  CHECK(testing::run({"analyse", kTiny, "--config", lone.string(), "--sample-error", "0.9"})
            .code == 0);
  // 12 schools, ε = 0.9, 50 %: ln(48 / 0.5) = ln 96 = 4.5643; / 1.62 = 2.82 → 3 + 1 = 4 sources.
  const Run ok = testing::run({"analyse", kTiny, "--format", "json", "--config", good.string()});
  REQUIRE(ok.code == 0);
  const auto doc = nlohmann::json::parse(ok.out);
  CHECK(doc["estimated"]["sources"] == 4);
  CHECK(doc["sample_error"] ==
        nlohmann::json::parse(R"({"epsilon": 0.9, "confidence": 0.5, "sources": 4,
                                  "exact": false})"));
  // Flags override the file: --sample replaces its sample_error, --sample-error its sample.
  const Run over = testing::run({"analyse", kTiny, "--format", "json", "--config", good.string(),
                                 "--sample", "3"});
  REQUIRE(over.code == 0);
  CHECK(nlohmann::json::parse(over.out)["estimated"]["sources"] == 3);
  CHECK_FALSE(nlohmann::json::parse(over.out).contains("sample_error"));
}

TEST_CASE("--sample-error: every output says '± EPS with probability P'") {
  // tiny.json: 12 schools; ε = 0.9 at 95 % asks for 6 sources (worked above).
  const fs::path dir = testing::scratch_dir("sample-error-outputs");
  const Run text = testing::run({"analyse", kTiny, "--sample-error", "0.9"});
  REQUIRE(text.code == 0);
  CHECK(unwrapped(text.out).find("Estimates: betweenness and closeness below are estimated from 6 of 12 "
                      "schools taken as sources at random (--sample-error 0.9 --confidence "
                      "0.95, seed 1): \xC2\xB1 0.9 with probability 0.95, every school at once, "
                      "on their 0-to-1 scale (90 percentage points of betweenness).") !=
        std::string::npos);

  const Run json = testing::run({"analyse", kTiny, "--format", "json", "--sample-error", "0.9"});
  REQUIRE(json.code == 0);
  const auto doc = nlohmann::json::parse(json.out);
  CHECK(doc["estimated"]["sources"] == 6);
  CHECK(doc["sample_error"] ==
        nlohmann::json::parse(R"({"epsilon": 0.9, "confidence": 0.95, "sources": 6,
                                  "exact": false})"));

  const fs::path csv = dir / "csv";
  fs::remove_all(csv);
  REQUIRE(testing::run({"analyse", kTiny, "--format", "csv", "--sample-error", "0.9",
                        "--confidence", "0.99", "-o", csv.string()})
              .code == 0);
  // ln(48 / 0.01) = ln 4800 = 8.4764; / 1.62 = 5.23 → 6 + 1 = 7 sources at 99 %.
  const std::string schools = slurp(csv / "schools.csv");
  CHECK(schools.find(",betweenness_estimate_7_sources_within_0.9_at_0.99,"
                     "closeness_estimate_7_sources_within_0.9_at_0.99,") != std::string::npos);

  // Exports: the columns' names, the graph's note (GraphML) and the GeoJSON's header.
  const Run graphml =
      testing::run({"export", kTiny, "--to", "graphml", "--sample-error", "0.9", "-o", "-"});
  REQUIRE(graphml.code == 0);
  CHECK(graphml.out.find("betweenness_estimate_6_sources_within_0.9_at_0.95") !=
        std::string::npos);
  CHECK(graphml.out.find("attr.name=\"estimate_error\"") != std::string::npos);
  const Run geo =
      testing::run({"export", kTiny, "--to", "geojson", "--sample-error", "0.9", "-o", "-"});
  REQUIRE(geo.code == 0);
  CHECK(nlohmann::json::parse(geo.out)["sample_error"]["epsilon"] == 0.9);

  // The report: the note on the page says it in plain words; the flags only in the appendix.
  const Run report = testing::run({"report", kTiny, "--sample-error", "0.9", "-o", "-"});
  REQUIRE(report.code == 0);
  const std::string& html = report.out;
  const std::size_t appendix = html.find("<section id=\"appendix\"");
  REQUIRE(appendix != std::string::npos);
  const std::size_t note =
      html.find("estimated from 6 of 12 schools taken as sources at random, \xC2\xB1 0.9 with "
                "probability 0.95 for every school at once (betweenness \xC2\xB1 90 percentage "
                "points, closeness \xC2\xB1 0.9 on its 0 to 1 scale)");
  CHECK(note < appendix);
  CHECK(html.find("within 0.9 of the exact figures at once (Hoeffding") < appendix);
  const std::string page = html.substr(0, appendix);
  CHECK(page.find("--sample") == std::string::npos);
  CHECK(html.find("estimates from --sample-error 0.9 --confidence 0.95 (6 sources, seed 1): "
                  "\xC2\xB1 0.9 with probability 0.95 for every school at once",
                  appendix) != std::string::npos);
  CHECK(html.find(" --sample-error 0.9 --confidence 0.95</code>", appendix) != std::string::npos);
  CHECK(html.find("\"sample_error\":{\"epsilon\":0.9,\"confidence\":0.95,\"sources\":6,"
                  "\"exact\":false}") != std::string::npos);

  // As many sources as schools or more: exact, and the report's appendix says why.
  const Run exact = testing::run({"report", kTiny, "--sample-error", "0.1", "-o", "-"});
  REQUIRE(exact.code == 0);
  CHECK(exact.out.find("estimated from") == std::string::npos);
  CHECK(exact.out.find("--sample-error 0.1 --confidence 0.95 needs 345 sources, at least the 12 "
                       "schools, so betweenness and closeness are exact.") != std::string::npos);
}
