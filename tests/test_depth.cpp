// Depth of collaboration (framework ratings), the tracking template, and `compare`: every figure
// against the hand working in graphs/tiny-2025.md.
#include <catch2/catch.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/compare.hpp"
#include "collabnet/load.hpp"
#include "collabnet/network_io.hpp"
#include "collabnet/tracking.hpp"
#include "support.hpp"

using namespace collabnet;
using namespace collabnet::testing;

namespace {

const std::string kSrc = COLLABNET_SOURCE_DIR;

Network load(const std::string& rel) { return load_network(kSrc + "/" + rel).network; }

/// tiny.json with the ratings of tests/tracking/tiny-G1.csv merged in (the 2025-26 waves).
Network tiny_rated() {
  Network net = load("graphs/tiny.json");
  const TrackingImport t = import_tracking_template(kSrc + "/tests/tracking/tiny-G1.csv",
                                                    {"G1", "grouping"});
  merge_assessments(net, t.assessments, "tiny-G1.csv", "tiny.json");
  return net;
}

const IndicatorSeries* series(const DepthSubject& s, const std::string& indicator) {
  for (const auto& is : s.indicators)
    if (is.indicator == indicator) return &is;
  return nullptr;
}

std::vector<std::string> kinds_about(const std::vector<Finding>& fs, const std::string& kind) {
  std::vector<std::string> out;
  for (const Finding& f : fs)
    if (f.kind == kind) out.push_back(f.subject[0]);
  return out;
}

using Series = std::vector<std::pair<std::string, int>>;

}  // namespace

TEST_CASE("depth: the earlier wave's ratings, hand-worked (tiny-2025.md)", "[depth]") {
  const Network before = load("graphs/tiny-2025.json");
  const Analysis a = analyse(before, {});
  const DepthFigures& d = a.depth;
  REQUIRE(d.assessed);
  CHECK(d.waves == std::vector<std::string>{"2024-09-30", "2024-12-31", "2025-03-31", "2025-06-30"});
  REQUIRE(d.subjects.size() == 1);
  const DepthSubject& g1 = d.subjects[0];
  CHECK(g1.subject == "G1");
  CHECK(g1.subject_kind == "grouping");
  REQUIRE(g1.indicators.size() == 3);
  // Framework order: developing-trust (4th), leadership (6th), sharing-information (10th).
  CHECK(g1.indicators[0].indicator == "developing-trust");
  CHECK(g1.indicators[1].indicator == "leadership");
  CHECK(g1.indicators[2].indicator == "sharing-information");
  CHECK(g1.indicators[0].series ==
        Series{{"2024-09-30", 2}, {"2024-12-31", 2}, {"2025-03-31", 2}, {"2025-06-30", 2}});
  CHECK(g1.indicators[0].latest == 2);
  CHECK(g1.indicators[0].change == 0);
  CHECK(g1.indicators[1].latest == 3);
  CHECK(g1.indicators[1].change == 1);
  CHECK(g1.indicators[2].latest == 2);
  CHECK(g1.indicators[2].change == -1);
  CHECK(g1.weakest == std::vector<std::string>{"developing-trust", "sharing-information"});
  // 14 records: P01 level 3, P14 2, P15 1, P18 2, ten without a level.
  CHECK(d.partnership_levels == std::array<std::size_t, 6>{10, 1, 2, 1, 0, 0});
  CHECK(kinds_about(a.findings, "stalled-indicator") == std::vector<std::string>{"G1"});
  CHECK(kinds_about(a.findings, "falling-indicator") == std::vector<std::string>{"G1"});
  CHECK(kinds_about(a.findings, "shallow-grouping") == std::vector<std::string>{"G2"});
}

TEST_CASE("depth: shallow-grouping counts each rated record between members once, by hand",
          "[depth]") {
  // G1 = {A, B, C}: A-B twice (levels 1 and 2, one from each side), B-C level 2, A-C unrated;
  // C-D (levels 1 and 4) has an end outside G1. So G1 has 3 rated records, all at level 1 or 2
  // (one at 1, two at 2): shallow. G2 = {B, C, D}: B-C 2, C-D 1 and 4: 3 rated, one at 4: not.
  const Network net = load_network_json_text(R"({"format": "collabnet/1",
    "schools": [{"id": "A", "name": "A"}, {"id": "B", "name": "B"}, {"id": "C", "name": "C"},
                {"id": "D", "name": "D"}],
    "groupings": [{"id": "G1", "members": ["A", "B", "C"]},
                  {"id": "G2", "members": ["B", "C", "D"]}],
    "partnerships": [{"from": "A", "to": "B", "level": 1},
                     {"from": "B", "to": "A", "level": 2, "activity": "visits"},
                     {"from": "B", "to": "C", "level": 2}, {"from": "C", "to": "D", "level": 1},
                     {"from": "D", "to": "C", "level": 4, "activity": "joint-cpd"},
                     {"from": "A", "to": "C"}]})",
                                             "counts.json")
                          .network;
  const Analysis a = analyse(net, {});
  CHECK(kinds_about(a.findings, "shallow-grouping") == std::vector<std::string>{"G1"});
  for (const Finding& f : a.findings) {
    if (f.kind != "shallow-grouping") continue;
    CHECK(f.message.find("all 3 rated partnership records") != std::string::npos);
    const auto extra = [&](const std::string& key) {
      for (const auto& [k, v] : f.extra)
        if (k == key) return std::get<std::int64_t>(v);
      return std::int64_t{-1};
    };
    CHECK(extra("rated_records") == 3);
    CHECK(extra("at_level_1") == 1);
    CHECK(extra("at_level_2") == 2);
  }
}

TEST_CASE("depth: --as-of leaves out later ratings", "[depth]") {
  Settings s;
  s.as_of = "2024-12-31";
  const Analysis a = analyse(load("graphs/tiny-2025.json"), s);
  // After 2024-12-31: developing-trust 2025-03-31 and 2025-06-30, leadership and
  // sharing-information 2025-06-30.
  CHECK(a.depth.assessments_after_as_of == 4);
  REQUIRE(a.depth.subjects.size() == 1);
  const IndicatorSeries* trust = series(a.depth.subjects[0], "developing-trust");
  REQUIRE(trust);
  CHECK(trust->series == Series{{"2024-09-30", 2}, {"2024-12-31", 2}});
}

TEST_CASE("tracking: the tiny template merged into tiny.json (tiny-2025.md)", "[depth][tracking]") {
  const Analysis a = analyse(tiny_rated(), {});
  REQUIRE(a.depth.subjects.size() == 1);
  const DepthSubject& g1 = a.depth.subjects[0];
  const IndicatorSeries* trust = series(g1, "developing-trust");
  const IndicatorSeries* sharing = series(g1, "sharing-information");
  const IndicatorSeries* lead = series(g1, "leadership");
  const IndicatorSeries* conn = series(g1, "connections");
  REQUIRE((trust && sharing && lead && conn));
  CHECK(trust->series ==
        Series{{"2025-09-30", 2}, {"2025-12-31", 3}, {"2026-03-31", 3}, {"2026-06-30", 3}});
  CHECK(sharing->series == Series{{"2025-09-30", 2}, {"2025-12-31", 2}, {"2026-06-30", 1}});
  CHECK(sharing->change == -1);
  CHECK(lead->latest == 4);
  CHECK(conn->series == Series{{"2026-06-30", 5}});
  CHECK_FALSE(conn->change);
  CHECK(g1.weakest == std::vector<std::string>{"sharing-information"});
  CHECK(kinds_about(a.findings, "stalled-indicator") == std::vector<std::string>{"G1"});
  CHECK(kinds_about(a.findings, "falling-indicator") == std::vector<std::string>{"G1"});
  CHECK(kinds_about(a.findings, "shallow-grouping").empty());
  for (const Finding& f : a.findings)
    if (f.kind == "stalled-indicator") {
      CHECK(f.message.find("Developing Trust") != std::string::npos);
      CHECK(f.message.find("level 3 (developing)") != std::string::npos);
    }
}

TEST_CASE("tracking: the framework's appendix template, 10 indicators × 4 waves", "[tracking]") {
  const TrackingImport t = import_tracking_template(
      kSrc + "/tests/tracking/northern-alliance-template.csv", {"G7", "grouping"});
  // 10 rows × 4 waves = 40 cells, one blank (Support for Innovation, March 22).
  CHECK(t.assessments.size() == 39);
  CHECK(t.indicators == 10);
  CHECK(t.waves == std::vector<std::string>{
                       "\"Sept 21\" → 2021-09-30 (the month's last day)",
                       "\"Dec 21\" → 2021-12-31 (the month's last day)",
                       "\"March 22\" → 2022-03-31 (the month's last day)",
                       "\"June 22\" → 2022-06-30 (the month's last day)"});
  // The first row, as printed: Common Goals, Level 2, 3, 3, 4.
  REQUIRE(t.assessments.size() >= 4);
  CHECK(t.assessments[0].indicator == "common-goals");
  CHECK(t.assessments[0].date == "2021-09-30");
  CHECK(t.assessments[0].level == 2);
  CHECK(t.assessments[3].date == "2022-06-30");
  CHECK(t.assessments[3].level == 4);
  std::size_t support = 0;
  for (const Assessment& a : t.assessments) {
    CHECK(a.subject == "G7");
    if (a.indicator == "support-for-innovation") ++support;
  }
  CHECK(support == 3);
}

TEST_CASE("tracking: import tracking on the command line, and --into", "[tracking][cli]") {
  TempDir tmp;
  const std::string out_csv = (tmp.dir / "ratings.csv").string();
  Run r = run({"import", "tracking", kSrc + "/tests/tracking/tiny-G1.csv", "--subject", "G1",
               "--subject-kind", "grouping", "-o", out_csv});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("Read 12 ratings of grouping G1 on 4 indicators") != std::string::npos);
  CHECK(r.out.find("\"Sept 25\" → 2025-09-30 (the month's last day)") != std::string::npos);
  const auto rows = raw_csv_rows(out_csv);
  REQUIRE(rows.size() == 13);  // header + 4 + 3 + 4 + 1 ratings
  CHECK(rows[0] == std::vector<std::string>{"subject", "subject_kind", "date", "indicator",
                                            "level", "note"});
  CHECK(rows[1] == std::vector<std::string>{"G1", "grouping", "2025-09-30", "developing-trust",
                                            "2", ""});

  const std::string out_json = (tmp.dir / "rated.json").string();
  r = run({"import", "tracking", kSrc + "/tests/tracking/tiny-G1.csv", "--subject", "G1",
           "--subject-kind", "grouping", "--into", kSrc + "/graphs/tiny.json", "-o", out_json});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const Network rated = load_network(out_json).network;
  CHECK(rated.assessments.size() == 12);
  CHECK(rated.assessments == tiny_rated().assessments);

  // Merging twice repeats every rating: refused, nothing written.
  const std::string again = (tmp.dir / "again.json").string();
  r = run({"import", "tracking", kSrc + "/tests/tracking/tiny-G1.csv", "--subject", "G1",
           "--subject-kind", "grouping", "--into", out_json, "-o", again});
  CHECK(r.code == 2);
  CHECK(r.err.find("already holds a rating of grouping \"G1\" on developing-trust for 2025-09-30") !=
        std::string::npos);
  CHECK_FALSE(std::filesystem::exists(again));

  // An unknown subject is named.
  r = run({"import", "tracking", kSrc + "/tests/tracking/tiny-G1.csv", "--subject", "G9",
           "--subject-kind", "grouping", "--into", kSrc + "/graphs/tiny.json", "-o", again});
  CHECK(r.code == 2);
  CHECK(r.err.find("--subject: unknown grouping id \"G9\"") != std::string::npos);
}

TEST_CASE("tracking: bad templates in the corpus give their exact messages", "[tracking]") {
  const std::filesystem::path dir = kSrc + "/tests/bad/tracking";
  std::size_t cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".csv") continue;
    ++cases;
    TempDir tmp;
    std::ifstream in(entry.path().string().substr(0, entry.path().string().size() - 4) +
                     ".expected");
    std::string expected{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const auto here = std::filesystem::current_path();
    std::filesystem::current_path(dir);
    const Run r = run({"import", "tracking", entry.path().filename().string(), "--subject", "G1",
                       "--subject-kind", "grouping", "-o", (tmp.dir / "out.csv").string()});
    std::filesystem::current_path(here);
    INFO(entry.path());
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == expected);
    CHECK_FALSE(std::filesystem::exists(tmp.dir / "out.csv"));
  }
  CHECK(cases >= 2);
}

TEST_CASE("compare: tiny a year earlier against tiny (tiny-2025.md)", "[compare]") {
  const Network before = load("graphs/tiny-2025.json");
  const Network after = tiny_rated();
  const Analysis ab = analyse(before, {}), aa = analyse(after, {});
  const ChangeReport r = compare_analyses(before, ab, after, aa);
  CHECK(r.before.schools == 12);
  CHECK(r.before.links == 10);
  CHECK(r.after.links == 11);
  CHECK(r.before.as_of == "2025-06-30");
  CHECK(r.after.as_of == "2026-06-30");
  CHECK(r.schools_added == std::vector<std::string>{"S11"});
  CHECK(r.schools_removed == std::vector<std::string>{"S13"});
  auto pairs = [](const std::vector<LinkChange>& v) {
    std::vector<std::string> out;
    for (const auto& l : v) out.push_back(l.a + "-" + l.b);
    return out;
  };
  CHECK(pairs(r.gained) == std::vector<std::string>{"S05-S11", "S07-S08"});
  CHECK(pairs(r.lost) == std::vector<std::string>{"S12-S13"});
  REQUIRE(r.stronger.size() == 1);
  CHECK(pairs(r.stronger) == std::vector<std::string>{"S04-S06"});
  CHECK(r.stronger[0].before == 1.0);
  CHECK(r.stronger[0].after == 2.0);
  REQUIRE(r.weaker.size() == 1);
  CHECK(pairs(r.weaker) == std::vector<std::string>{"S09-S10"});
  CHECK(r.weaker[0].before == 4.0);
  CHECK(r.weaker[0].after == 3.0);
  CHECK(r.newly_isolated == std::vector<std::string>{"S12"});
  CHECK(r.no_longer_isolated == std::vector<std::string>{"S08"});
  REQUIRE(r.groupings.size() == 2);
  CHECK(r.groupings[0].id == "G1");
  CHECK(r.groupings[0].size_before == 7u);
  CHECK(r.groupings[0].size_after == 9u);
  CHECK(r.groupings[0].crossed_max);
  CHECK(r.groupings[1].id == "G4");
  CHECK(r.groupings[1].size_before == 2u);
  CHECK(r.groupings[1].size_after == 3u);
  CHECK_FALSE(r.groupings[1].crossed_max);
  CHECK(kinds_about(r.new_findings, "oversize-grouping") == std::vector<std::string>{"G1"});
  CHECK(kinds_about(r.new_findings, "isolated-school") == std::vector<std::string>{"S12"});
  CHECK(kinds_about(r.resolved_findings, "isolated-school") == std::vector<std::string>{"S08"});
  CHECK(kinds_about(r.resolved_findings, "shallow-grouping") == std::vector<std::string>{"G2"});
  CHECK(kinds_about(r.new_findings, "stalled-indicator").empty());
  CHECK(kinds_about(r.new_findings, "falling-indicator").empty());
  for (const auto& [kind, n] : r.persisting) {
    if (kind == "stalled-indicator" || kind == "falling-indicator" ||
        kind == "dormant-grouping" || kind == "undersize-grouping")
      CHECK(n == 1);
  }
  REQUIRE(r.depth.size() == 4);
  CHECK(r.depth[0].indicator == "connections");
  CHECK_FALSE(r.depth[0].before);
  CHECK(r.depth[0].after == 5);
  CHECK(r.depth[1].indicator == "developing-trust");
  CHECK(r.depth[1].before == 2);
  CHECK(r.depth[1].after == 3);
  CHECK(r.depth[2].indicator == "leadership");
  CHECK(r.depth[2].before == 3);
  CHECK(r.depth[2].after == 4);
  CHECK(r.depth[3].indicator == "sharing-information");
  CHECK(r.depth[3].before == 2);
  CHECK(r.depth[3].after == 1);
}

TEST_CASE("compare: a network with itself is empty; swapping the waves swaps", "[compare]") {
  const Network before = load("graphs/tiny-2025.json");
  const Network after = tiny_rated();
  const Analysis ab = analyse(before, {}), aa = analyse(after, {});
  const ChangeReport same = compare_analyses(after, aa, after, aa);
  CHECK(same.empty());
  CHECK(same.gained.empty());
  CHECK(same.new_findings.empty());
  CHECK(same.depth.empty());
  const ChangeReport fwd = compare_analyses(before, ab, after, aa);
  const ChangeReport back = compare_analyses(after, aa, before, ab);
  auto ids = [](const std::vector<LinkChange>& v) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& l : v) out.emplace_back(l.a, l.b);
    return out;
  };
  CHECK(ids(fwd.gained) == ids(back.lost));
  CHECK(ids(fwd.lost) == ids(back.gained));
  CHECK(ids(fwd.stronger) == ids(back.weaker));
  CHECK(fwd.schools_added == back.schools_removed);
  CHECK(fwd.newly_isolated == back.no_longer_isolated);
  auto keys = [](const std::vector<Finding>& v) {
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    for (const auto& f : v) out.emplace_back(f.kind, f.subject);
    return out;
  };
  CHECK(keys(fwd.new_findings) == keys(back.resolved_findings));
  CHECK(keys(fwd.resolved_findings) == keys(back.new_findings));
  CHECK(fwd.persisting == back.persisting);
}

TEST_CASE("compare: the command line, text, JSON and CSV", "[compare][cli]") {
  TempDir tmp;
  const std::string after = (tmp.dir / "after.json").string();
  std::ofstream(after) << network_to_json(tiny_rated());
  Run r = run({"compare", kSrc + "/graphs/tiny-2025.json", after});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("What changed between 2025-06-30 and 2026-06-30") == 0);
  CHECK(r.out.find("Schools no longer isolated (1)\n  - Hillfoot Primary (S08)") != std::string::npos);
  CHECK(r.out.find("Schools newly isolated, with no partner now (1)\n  - Lochside Academy (S12)") !=
        std::string::npos);
  CHECK(r.out.find("Northern ASG (G1): 7 → 9 schools, now over the limit") != std::string::npos);
  r = run({"compare", kSrc + "/graphs/tiny-2025.json", after, "--format", "json"});
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["format"] == "collabnet-change/1");
  CHECK(j["schools"]["added"] == nlohmann::json::array({"S11"}));
  // S12–S13 is lost (S13 closed); with --as-of each file's own date, S01–S03 (P04, until
  // 2025-07-31) would be lost too, so only this one is asserted.
  const auto lost = j["links"]["lost"];
  CHECK(std::find(lost.begin(), lost.end(), nlohmann::json::parse(R"(["S12","S13"])")) != lost.end());
  CHECK(j["links"]["weaker"] == nlohmann::json::parse(R"([["S09","S10",4,3]])"));
  CHECK(j["groupings"][0] ==
        nlohmann::json::parse(R"({"id":"G1","size_before":7,"size_after":9,"crossed_max":true})"));
  // The same file twice: nothing changed.
  r = run({"compare", after, after});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("Nothing changed") != std::string::npos);
  // One file, two dates: P04 (until 2025-07-31) is lost between the two dates.
  r = run({"compare", kSrc + "/graphs/tiny.json", "--as-of", "2025-06-30", "--vs", "2026-06-30",
           "--format", "json"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto k = nlohmann::json::parse(r.out);
  CHECK(k["links"]["lost"] == nlohmann::json::parse(R"([["S01","S03"]])"));
  CHECK(k["links"]["gained"].empty());
  const std::string folder = (tmp.dir / "changes").string();
  r = run({"compare", kSrc + "/graphs/tiny-2025.json", after, "--format", "csv", "-o", folder});
  REQUIRE(r.code == 0);
  const auto links = raw_csv_rows(folder + "/links.csv");
  REQUIRE(links.size() >= 2);
  CHECK(links[0] == std::vector<std::string>{"a", "b", "change", "weight_before", "weight_after"});
  CHECK(links[1] == std::vector<std::string>{"S05", "S11", "gained", "0", "1"});
}

TEST_CASE("assessments: JSON → CSV folder → JSON round trip keeps every rating", "[depth]") {
  TempDir tmp;
  const Network net = load("graphs/tiny-2025.json");
  // With staff names, so that the whole network comes back (T2 has one).
  const Run r = run({"export", kSrc + "/graphs/tiny-2025.json", "--to", "csv", "-o",
                     (tmp.dir / "csv").string(), "--show-staff-names"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto rows = raw_csv_rows(tmp.dir / "csv" / "assessments.csv");
  CHECK(rows.size() >= 9);  // header + 8 ratings
  const Network back = load_network(tmp.dir / "csv").network;
  CHECK(back.assessments == net.assessments);
  CHECK(network_to_json(back) == network_to_json(net));
}

namespace {

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

/// The text between `<tag ... id="ID"` and the matching close `</tag>` (no nesting of `tag`).
std::string element(const std::string& html, const std::string& tag, const std::string& id) {
  const auto start = html.find("<" + tag + " id=\"" + id + "\"");
  if (start == std::string::npos) return "";
  const auto end = html.find("</" + tag + ">", start);
  return html.substr(start, end - start);
}

}  // namespace

TEST_CASE("report: the depth section's heat-map and bar chart, counted by hand", "[depth][report]") {
  TempDir tmp;
  const std::string rated = (tmp.dir / "rated.json").string();
  std::ofstream(rated) << network_to_json(tiny_rated());
  const std::string html_file = (tmp.dir / "r.html").string();
  Run r = run({"report", rated, "-o", html_file});
  INFO(r.err);
  REQUIRE(r.code == 0);
  std::ifstream in(html_file);
  const std::string html{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const std::string depth = element(html, "section", "depth");
  REQUIRE_FALSE(depth.empty());
  CHECK(depth.find("<h3>Northern ASG (G1)</h3>") != std::string::npos);
  // 10 indicators × 4 waves (tiny-2025.md): level 1 once (Sharing Information, June 26); level 2
  // three times; level 3 four times; level 4 three times; level 5 once; 28 cells not rated.
  CHECK(count_of(depth, "class=\"lv lv1\"") == 1);
  CHECK(count_of(depth, "class=\"lv lv2\"") == 3);
  CHECK(count_of(depth, "class=\"lv lv3\"") == 4);
  CHECK(count_of(depth, "class=\"lv lv4\"") == 3);
  CHECK(count_of(depth, "class=\"lv lv5\"") == 1);
  CHECK(count_of(depth, "class=\"lv lv0\"") == 28);
  CHECK(count_of(depth, "<tr class=\"weakest\">") == 1);
  CHECK(depth.find("Focus for the next improvement cycle:</strong> Sharing Information, now at "
                   "level 1 (no collaboration)") != std::string::npos);
  CHECK(depth.find("our reading of Himmelman") != std::string::npos);
  CHECK(html.find("<a href=\"#depth\">") != std::string::npos);

  // The earlier wave has levels on 4 records: the bar chart counts them (tiny-2025.md).
  r = run({"report", kSrc + "/graphs/tiny-2025.json", "-o", html_file});
  REQUIRE(r.code == 0);
  std::ifstream in2(html_file);
  const std::string html2{std::istreambuf_iterator<char>(in2), std::istreambuf_iterator<char>()};
  CHECK(html2.find("data-level=\"1\" data-count=\"1\"") != std::string::npos);
  CHECK(html2.find("data-level=\"2\" data-count=\"2\"") != std::string::npos);
  CHECK(html2.find("data-level=\"3\" data-count=\"1\"") != std::string::npos);
  CHECK(html2.find("data-level=\"4\" data-count=\"0\"") != std::string::npos);
  CHECK(html2.find("data-level=\"5\" data-count=\"0\"") != std::string::npos);
  CHECK(html2.find("<a href=\"#change\">") == std::string::npos);
}

TEST_CASE("report --compare-with and render --view change show the change", "[compare][report]") {
  TempDir tmp;
  const std::string after = (tmp.dir / "after.json").string();
  std::ofstream(after) << network_to_json(tiny_rated());
  const std::string html_file = (tmp.dir / "r.html").string();
  Run r = run({"report", after, "--compare-with", kSrc + "/graphs/tiny-2025.json", "-o", html_file});
  INFO(r.err);
  REQUIRE(r.code == 0);
  std::ifstream in(html_file);
  const std::string html{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const std::string change = element(html, "section", "change");
  REQUIRE_FALSE(change.empty());
  CHECK(change.find("1 school is no longer isolated: Hillfoot Primary") != std::string::npos);
  CHECK(change.find("1 school has become isolated (no partner now): Lochside Academy") !=
        std::string::npos);
  CHECK(change.find("Grouping G1 went from 7 to 9 schools, past the limit of 8") != std::string::npos);
  // Each wave as of its own date (the dated default): P04 (S01–S03, until 2025-07-31) is active
  // on 2025-06-30 and ended by 2026-06-30, so besides S12–S13 the link S01–S03 is lost too.
  CHECK(change.find("2 links gained, 2 links lost; 1 link stronger, 1 link weaker") != std::string::npos);
  CHECK(count_of(element(change, "table", "links-gained"), "<tr><td>") == 2);
  CHECK(count_of(element(change, "table", "links-lost"), "<tr><td>") == 2);
  CHECK(count_of(element(change, "table", "ratings-changed"), "<tr><td>") == 4);
  // The school name with markup in it is escaped, never markup.
  CHECK(html.find("<RC>") == std::string::npos);

  const std::string svg_file = (tmp.dir / "change.svg").string();
  r = run({"render", after, "--view", "change", "--compare-with", kSrc + "/graphs/tiny-2025.json",
           "-o", svg_file});
  INFO(r.err);
  REQUIRE(r.code == 0);
  std::ifstream in2(svg_file);
  const std::string svg{std::istreambuf_iterator<char>(in2), std::istreambuf_iterator<char>()};
  // Edges by what happened to them (tiny-2025.md): of the 10 links active on 2026-06-30 (P04's
  // S01–S03 ended 2025-07-31), 2 gained, 1 stronger, 1 weaker, 6 equal; and the 2 links of
  // 2025 lost (S12–S13, S01–S03), dashed.
  CHECK(count_of(svg, "class=\"edge gained\"") == 2);
  CHECK(count_of(svg, "class=\"edge lost\"") == 2);
  CHECK(count_of(svg, "class=\"edge stronger\"") == 1);
  CHECK(count_of(svg, "class=\"edge weaker\"") == 1);
  CHECK(count_of(svg, "class=\"edge unchanged\"") == 6);
  CHECK(count_of(svg, "stroke-dasharray") >= 1);
  CHECK(svg.find("link gained (2)") != std::string::npos);
  CHECK(svg.find("link lost, dashed (2)") != std::string::npos);
  CHECK(svg.find("school newly isolated (1)") != std::string::npos);
  CHECK(svg.find("school newly connected, no longer isolated (1)") != std::string::npos);
  // Without --compare-with, --view change says what it needs.
  r = run({"render", after, "--view", "change", "-o", svg_file + ".2.svg"});
  CHECK(r.code == 2);
  CHECK(r.err.find("--view: change draws what changed since an earlier wave") != std::string::npos);
}
