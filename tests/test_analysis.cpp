// Analysis edge cases, thread-count invariance, the outputs' safety and the analyse command.
#include <catch2/catch.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "collabnet/analysis.hpp"
#include "collabnet/analysis_output.hpp"
#include "collabnet/load.hpp"
#include "graph/school_graph.hpp"
#include "passes/passes.hpp"

#include "analysis_support.hpp"
#include "support.hpp"

using namespace collabnet;
using Catch::Matchers::WithinAbs;
namespace fs = std::filesystem;

namespace {

using testing::make_network;

/// A seeded random network with clusters, leaves and parallel records.
Network random_network(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::pair<std::size_t, std::size_t>> links;
  for (std::size_t v = 1; v < n; ++v)
    if (rng() % 10 != 0) links.push_back({v, rng() % v});
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t a = rng() % n, b = (a + 1 + rng() % 12) % n;
    if (a != b) links.push_back({a, b});
  }
  Network net = make_network(n, links);
  for (Partnership& p : net.partnerships) {
    p.weight = 0.5 + static_cast<double>(rng() % 7) / 4.0;
    if (rng() % 5 == 0) p.direction = Direction::one_way;
  }
  return net;
}

using collabnet::testing::Run;
using collabnet::testing::run;

fs::path temp_dir() {
  const fs::path dir = fs::temp_directory_path() / "collabnet-test-analysis";
  fs::create_directories(dir);
  return dir;
}

fs::path write_temp(const std::string& name, const std::string& text) {
  const fs::path p = temp_dir() / name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kTiny = COLLABNET_SOURCE_DIR "/graphs/tiny.json";

}  // namespace

TEST_CASE("analyse: empty network") {
  const Analysis a = analyse(Network{}, {});
  CHECK(a.network.schools == 0);
  CHECK(a.network.links == 0);
  CHECK(a.network.component_sizes.empty());
  CHECK(a.network.density == 0);
  CHECK_FALSE(a.network.reciprocity);
  CHECK(a.findings.empty());
  const nlohmann::json j = nlohmann::json::parse(analysis_to_json(Network{}, a));
  CHECK(j["network"]["reciprocity"].is_null());
  CHECK(j["schools"].empty());
  CHECK_FALSE(analysis_to_text(Network{}, a).empty());
  CHECK(analysis_schools_csv(Network{}, a).rfind("id,name,", 0) == 0);
}

TEST_CASE("analyse: one school") {
  const Network net = make_network(1, {});
  const Analysis a = analyse(net, {});
  CHECK(a.network.component_sizes == std::vector<std::size_t>{1});
  CHECK(a.network.density == 0);
  CHECK(a.schools[0].closeness == 0);
  CHECK(a.schools[0].betweenness == 0);
  CHECK(a.schools[0].pagerank == 1.0);  // all mass on the one (dangling) school
  REQUIRE(a.findings.size() == 1);
  CHECK(a.findings[0].kind == "isolated-school");
  CHECK(a.findings[0].extra.empty());  // roll and rural unknown: no small/rural keys
}

TEST_CASE("analyse: two schools joined by two records") {
  Network net = make_network(2, {{0, 1}, {1, 0}});
  net.partnerships[1].weight = 2;
  const Analysis a = analyse(net, {});
  CHECK(a.network.links == 1);
  CHECK(a.network.density == 1);
  CHECK(a.network.articulation_points == 0);  // removing one leaves one school: nothing cut off
  CHECK(a.network.bridges.size() == 1);
  CHECK(a.schools[0].strength == 3);
  CHECK(a.schools[0].partnerships == 2);
  CHECK(a.schools[0].closeness == 1);
  CHECK(a.schools[0].betweenness == 0);  // n ≤ 2: NetworkX leaves it 0
  CHECK(a.schools[0].pagerank == 0.5);
}

TEST_CASE("analyse: disconnected paths, components by size then smallest id") {
  // Schools by index: 0–1 (2), 2 alone, 3–4–5 (3): components [3, 2, 1].
  const Network net = make_network(6, {{0, 1}, {3, 4}, {4, 5}});
  const Analysis a = analyse(net, {});
  CHECK(a.network.component_sizes == std::vector<std::size_t>{3, 2, 1});
  CHECK(a.schools[3].component == 0);
  CHECK(a.schools[0].component == 1);
  CHECK(a.schools[2].component == 2);
  CHECK(a.network.articulation_points == 1);  // school 4
  CHECK(a.schools[4].articulation);
  // Betweenness of school 4: the one pair {3, 5} of 10 = (n−1)(n−2)/2 pairs → 0.1.
  CHECK_THAT(a.schools[4].betweenness, WithinAbs(0.1, 1e-15));
  // Closeness of school 3: 1/1 + 1/2 over n−1 = 5.
  CHECK_THAT(a.schools[3].closeness, WithinAbs(1.5 / 5, 1e-15));
  // Ties between equal pieces: 3 and 5 do not "hang on" 4 (neither piece is smaller).
  for (const Finding& f : a.findings) CHECK(f.kind != "hangs-on-school");
}

TEST_CASE("connectivity: a 200,000-school chain does not overflow the stack") {
  // The DFS is iterative; a recursive one would need 200,000 frames. Connectivity alone (the full
  // analysis would spend O(n²) on betweenness).
  std::vector<std::pair<std::size_t, std::size_t>> chain;
  for (std::size_t v = 1; v < 200000; ++v) chain.push_back({v - 1, v});
  const Network net = make_network(200000, chain);
  const graph::SchoolGraph g = graph::build_school_graph(net, std::nullopt);
  const passes::ConnectivityResult r = passes::find_connectivity(g, {});
  CHECK(r.component_sizes == std::vector<std::size_t>{200000});
  CHECK(std::count(r.articulation.begin(), r.articulation.end(), true) == 199998);
  CHECK(r.bridges.size() == 199999);
  // Each end hangs on its neighbour (the smallest piece it is cut into).
  CHECK(r.hangs_on[0] == 1u);
  CHECK(r.hangs_on[199999] == 199998u);
  CHECK_FALSE(r.hangs_on[100000]);  // the middle: both pieces around it are larger
}

TEST_CASE("analyse: results are bit-identical for 1, 2 and 7 threads") {
  const Network net = random_network(700, 11);
  Settings s;
  s.threads = 1;
  const std::string one = analysis_to_json(net, analyse(net, s));
  s.threads = 2;
  const Analysis two_a = analyse(net, s);
  s.threads = 7;
  const Analysis seven_a = analyse(net, s);
  CHECK(analysis_to_json(net, two_a) == one);
  CHECK(analysis_to_json(net, seven_a) == one);
  // Bits, not only the 9 printed decimals.
  s.threads = 1;
  const Analysis one_a = analyse(net, s);
  for (std::size_t v = 0; v < net.schools.size(); ++v) {
    CHECK(one_a.schools[v].betweenness == seven_a.schools[v].betweenness);
    CHECK(one_a.schools[v].closeness == two_a.schools[v].closeness);
  }
}

TEST_CASE("analyse: settings change the findings") {
  const Network net = load_network(kTiny).network;
  Settings s;
  s.max_grouping_size = 9;
  s.expert_hub_min = 4;
  s.small_school_roll = 50;
  const Analysis a = analyse(net, s);
  for (const Finding& f : a.findings) {
    CHECK(f.kind != "oversize-grouping");
    CHECK(f.kind != "expert-hub");
  }
  CHECK_FALSE(a.schools[*net.find_school("S01")].small);  // roll 80 ≥ 50
}

TEST_CASE("outputs: untrusted names are escaped and staff names never appear") {
  Network net = load_network(kTiny).network;
  net.schools[0].name = "Evil, \"quoted\"\nname\x1b[2J\x07 <b>&";
  const Analysis a = analyse(net, {});
  const std::string json = analysis_to_json(net, a);
  const std::string text = analysis_to_text(net, a);
  const std::string csv = analysis_schools_csv(net, a);
  const std::string findings = analysis_findings_csv(net, a);
  for (const std::string* doc : {&json, &text, &csv, &findings})
    CHECK(doc->find("Jane Private") == std::string::npos);
  CHECK(nlohmann::json::parse(json)["schools"][0]["name"] == net.schools[0].name);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\x07') == std::string::npos);
  CHECK(text.find(R"(Evil, "quoted"\u000Aname\u001B[2J\u0007)") != std::string::npos);
  CHECK(csv.find("\"Evil, \"\"quoted\"\"\nname\x1b[2J\x07 <b>&\"") != std::string::npos);
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::size_t width = 0;
    for (char c : line) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    CHECK(width <= 100);
  }
}

TEST_CASE("outputs: JSON follows the contract") {
  const Network net = load_network(kTiny).network;
  const nlohmann::json j = nlohmann::json::parse(analysis_to_json(net, analyse(net, {})));
  CHECK(j["format"] == "collabnet-analysis/1");
  CHECK(j["network"]["as_of"].is_null());
  CHECK(j["network"]["components"] == 3);
  CHECK(j["network"]["density"] == 0.166666667);
  CHECK(j["network"]["bridges"][0] == nlohmann::json::array({"S03", "S04"}));
  CHECK(j["settings"]["max_grouping_size"] == 8);
  CHECK(j["schools"][3]["id"] == "S04");
  CHECK(j["schools"][3]["strength"].is_number_integer());
  CHECK(j["schools"][3]["betweenness"] == 0.272727273);
  CHECK(j["schools"][0]["articulation"] == false);
  CHECK(j["groupings"][0]["oversize"] == true);
  CHECK(j["findings"][0]["kind"] == "isolated-school");
  CHECK(j["findings"][0]["subject"] == "S12");
  bool pair_subject = false;
  for (const auto& f : j["findings"])
    if (f["kind"] == "bridge-link") pair_subject = f["subject"].is_array();
  CHECK(pair_subject);
}

TEST_CASE("cli analyse: text, json, as-of and the note about ended records") {
  // The dated picture by default (analysis-output.md): tiny.json describes 2026-06-30, when P04
  // (until 2025-07-31) had ended: 14 of its 15 records count (tiny.md, "As of 2026-06-30").
  const Run text = run({"analyse", kTiny});
  CHECK(text.code == 0);
  CHECK(text.out.find("As of 2026-06-30, the date the network file describes: 14 of 15") !=
        std::string::npos);
  CHECK(text.out.find("NFER 2007") != std::string::npos);
  const Run dated = run({"analyse", kTiny, "--format", "json"});
  const auto d = nlohmann::json::parse(dated.out);
  CHECK(d["network"]["as_of"] == "2026-06-30");
  CHECK(d["network"]["as_of_basis"] == "file");
  CHECK(d["network"]["partnerships"] == 14);
  CHECK(d["network"]["ended_before_file_as_of"] == 0);
  // --as-of all: every record, and the note about the one that had ended.
  const Run all = run({"analyse", kTiny, "--as-of", "all"});
  CHECK(all.code == 0);
  CHECK(all.out.find("All records: every one of the 15 partnership records counts") !=
        std::string::npos);
  CHECK(all.out.find("(--as-of all); without it they are left out.") != std::string::npos);
  const Run all_json = run({"analyse", kTiny, "--as-of", "all", "--format", "json"});
  const auto every = nlohmann::json::parse(all_json.out);
  CHECK(every["network"]["as_of"].is_null());
  CHECK(every["network"]["as_of_basis"] == "all");
  CHECK(every["network"]["partnerships"] == 15);
  CHECK(every["network"]["ended_before_file_as_of"] == 1);
  const Run json = run({"analyse", kTiny, "--format", "json", "--as-of", "2026-06-30"});
  REQUIRE(json.code == 0);
  const auto j = nlohmann::json::parse(json.out);
  CHECK(j["network"]["as_of"] == "2026-06-30");
  CHECK(j["network"]["as_of_basis"] == "given");
  CHECK(j["network"]["partnerships"] == 14);
  const Run bad = run({"analyse", kTiny, "--as-of", "30/06/2026"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--as-of") != std::string::npos);
  CHECK(bad.out.empty());
}

TEST_CASE("cli analyse: --fail-on rules") {
  const Run fired = run({"analyse", kTiny, "--fail-on", "isolated-school"});
  CHECK(fired.code == 1);
  CHECK(fired.err.find("--fail-on isolated-school fired (1 isolated-school finding)") !=
        std::string::npos);
  // As of tiny.json's own date S01 has one partner too (P04 ended): S01, S08, S09, S10, S11.
  const Run under = run({"analyse", kTiny, "--fail-on", "weakly-connected-school>5",
                         "--fail-on", "oversize-grouping>1"});
  CHECK(under.code == 0);
  const Run over = run({"analyse", kTiny, "--fail-on", "weakly-connected-school>4"});
  CHECK(over.code == 1);
  CHECK(over.err.find("weakly-connected-school>4 fired (5 weakly-connected-school findings)") !=
        std::string::npos);
  const Run unknown = run({"analyse", kTiny, "--fail-on", "lonely-school"});
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("unknown finding kind \"lonely-school\"") != std::string::npos);
  const Run bad_limit = run({"analyse", kTiny, "--fail-on", "isolated-school>x"});
  CHECK(bad_limit.code == 2);
}

TEST_CASE("cli analyse: --config and flags") {
  const fs::path good = write_temp("settings.json", R"({"max_grouping_size": 9, "threads": 1})");
  const Run ok = run({"analyse", kTiny, "--format", "json", "--config", good.string()});
  REQUIRE(ok.code == 0);
  const auto j = nlohmann::json::parse(ok.out);
  CHECK(j["settings"]["max_grouping_size"] == 9);
  // Flags override the file.
  const Run flag = run({"analyse", kTiny, "--format", "json", "--config", good.string(),
                        "--max-grouping-size", "5"});
  CHECK(nlohmann::json::parse(flag.out)["settings"]["max_grouping_size"] == 5);
  const fs::path typo = write_temp("typo.json", R"({"max_groupingsize": 9})");
  const Run bad = run({"analyse", kTiny, "--config", typo.string()});
  CHECK(bad.code == 2);
  CHECK(bad.err == typo.string() +
                       ": max_groupingsize: unknown setting; known settings: max_grouping_size, "
                       "small_school_roll, expert_hub_min, threads, sample, sample_error, "
                       "confidence, community_seed, as_of, max_km, per_school, any_sector\n");
  const fs::path wrong = write_temp("wrong.json", R"({"small_school_roll": -1})");
  CHECK(run({"analyse", kTiny, "--config", wrong.string()}).code == 2);
  CHECK(run({"analyse", kTiny, "--max-grouping-size", "0"}).code == 2);
  CHECK(run({"analyse", kTiny, "--format", "yaml"}).code == 2);
}

TEST_CASE("cli analyse: -o writes files whole; csv writes a folder") {
  const fs::path out = temp_dir() / "analysis.json";
  fs::remove(out);
  const Run r = run({"analyse", kTiny, "--format", "json", "-o", out.string()});
  CHECK(r.code == 0);
  CHECK(r.out.empty());
  CHECK(nlohmann::json::parse(slurp(out))["format"] == "collabnet-analysis/1");

  const fs::path dir = temp_dir() / "csv-out";
  fs::remove_all(dir);
  const Run c = run({"analyse", kTiny, "--format", "csv", "-o", dir.string()});
  REQUIRE(c.code == 0);
  const std::string schools = slurp(dir / "schools.csv");
  // The report's words, the school's own authority, sector and roll; as of tiny.json's own
  // date (P04 ended), where S04 reaches S01 in 3 steps, not 2: closeness (1+1+1+½+½+⅓+½+⅓+⅓+⅓
  // ... worked out by NetworkX's harmonic centrality / 11) = 0.46969697.
  CHECK(schools.rfind("id,name,authority,sector,roll,partners,partnerships,strength,betweenness,"
                      "closeness,pagerank,component,cut_school,",
                      0) == 0);
  CHECK(schools.find("\r\nS04,Dunmore Academy,,secondary,900,3,4,7,0.272727273,0.46969697,") !=
        std::string::npos);
  CHECK(schools.find(",2026-06-30\r\n") != std::string::npos);  // the as_of column
  CHECK(schools.find("\"St Mary's & \"\"All Saints\"\" <RC> Primary\"") != std::string::npos);
  CHECK(slurp(dir / "findings.csv").find("one-way-link,P09,,") != std::string::npos);
  // G1 as of 2026-06-30: P04 (S01–S03, inside G1) ended: 8 linked pairs, 11 records within.
  CHECK(slurp(dir / "groupings.csv").find("G1,Northern ASG,9,true,false,36,8,1,11,") !=
        std::string::npos);

  const Run help = run({"analyse", "--help"});
  CHECK(help.out.find("Example") != std::string::npos);
}
