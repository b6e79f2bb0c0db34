// Every figure of graphs/tiny.json against the values worked out by hand in graphs/tiny.md.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/load.hpp"
#include "analysis_support.hpp"

using namespace collabnet;
using namespace collabnet::testing;
using Catch::Matchers::WithinAbs;

namespace {

const Network& tiny() {
  static const Network net = load_network(COLLABNET_SOURCE_DIR "/graphs/tiny.json").network;
  return net;
}

std::size_t idx(const std::string& id) { return *tiny().find_school(id); }

}  // namespace

TEST_CASE("tiny: network figures (tiny.md, 'Network figures')") {
  const Analysis a = analyse(tiny(), {});
  const NetworkFigures& nf = a.network;
  CHECK(nf.schools == 12);
  CHECK(nf.partnerships == 15);
  CHECK(nf.links == 11);
  CHECK(nf.component_sizes == std::vector<std::size_t>{9, 2, 1});
  CHECK(nf.isolates == std::vector<std::size_t>{idx("S12")});
  CHECK(nf.articulation_points == 5);
  const std::vector<std::pair<std::size_t, std::size_t>> bridges{
      {idx("S03"), idx("S04")}, {idx("S05"), idx("S11")}, {idx("S06"), idx("S07")},
      {idx("S07"), idx("S08")}, {idx("S09"), idx("S10")}};
  CHECK(nf.bridges == bridges);
  CHECK_THAT(nf.density, WithinAbs(1.0 / 6.0, 1e-12));
  REQUIRE(nf.reciprocity);
  CHECK_THAT(*nf.reciprocity, WithinAbs(0.6, 1e-12));
  CHECK(nf.one_way_records == 6);
  CHECK(nf.ended_before_file_as_of == 1);
  CHECK_FALSE(nf.as_of);
}

TEST_CASE("tiny: per-school figures (tiny.md, 'Per school')") {
  const Analysis a = analyse(tiny(), {});
  struct Row {
    const char* id;
    std::size_t degree, records;
    double strength, betweenness, closeness, pagerank;
    std::size_t component;
    bool cut;
    std::size_t gives, receives;
  };
  // Betweenness pair counts / 55, harmonic sums / 11, PageRank from the exact rational solution.
  const Row rows[] = {
      {"S01", 2, 3, 4, 0, 58.0 / 165, 0.0862083268387368, 0, false, 0, 1},
      {"S02", 2, 3, 4, 0, 58.0 / 165, 0.0862083268387368, 0, false, 1, 0},
      {"S03", 3, 3, 5, 12.0 / 55, 59.0 / 132, 0.10469178635785772, 0, true, 0, 0},
      {"S04", 3, 4, 7, 15.0 / 55, 16.0 / 33, 0.14988326610679145, 0, true, 0, 1},
      {"S05", 3, 4, 4, 7.0 / 55, 5.0 / 11, 0.09963114163877668, 0, true, 3, 0},
      {"S06", 3, 3, 4, 12.0 / 55, 31.0 / 66, 0.09575130604611208, 0, true, 0, 1},
      {"S07", 2, 3, 3, 7.0 / 55, 25.0 / 66, 0.08727018310896546, 0, true, 1, 1},
      {"S08", 1, 2, 2, 0, 46.0 / 165, 0.06290601855995337, 0, false, 1, 1},
      {"S09", 1, 2, 3, 0, 1.0 / 11, 20.0 / 223, 1, false, 0, 0},
      {"S10", 1, 2, 3, 0, 1.0 / 11, 20.0 / 223, 1, false, 0, 0},
      {"S11", 1, 1, 1, 0, 41.0 / 132, 0.03462453239644632, 0, false, 0, 1},
      {"S12", 0, 0, 0, 0, 0, 3.0 / 223, 2, false, 0, 0},
  };
  for (const Row& r : rows) {
    INFO(r.id);
    const SchoolFigures& s = a.schools[idx(r.id)];
    CHECK(s.degree == r.degree);
    CHECK(s.partnerships == r.records);
    CHECK_THAT(s.strength, WithinAbs(r.strength, 1e-12));
    CHECK_THAT(s.betweenness, WithinAbs(r.betweenness, 1e-12));
    CHECK_THAT(s.closeness, WithinAbs(r.closeness, 1e-12));
    CHECK_THAT(s.pagerank, WithinAbs(r.pagerank, 1e-12));
    CHECK(s.component == r.component);
    CHECK(s.articulation == r.cut);
    CHECK(s.gives == r.gives);
    CHECK(s.receives == r.receives);
  }
  CHECK(a.schools[idx("S05")].gives_to == 3);
  CHECK(a.schools[idx("S11")].small);
  CHECK(a.schools[idx("S11")].rural);
  CHECK_FALSE(a.schools[idx("S10")].small);  // roll unknown: not small
}

TEST_CASE("tiny: findings (tiny.md, 'Direction', 'Groupings', 'Isolation')") {
  const Analysis a = analyse(tiny(), {});
  CHECK(subjects(a, "isolated-school") == std::vector<std::string>{"S12"});
  // Schools at risk come in the isolation ranking (tiny.md, "Per school": S11, S08, S01, S12,
  // S09, S10, S02, S07, S03), as in the report.
  CHECK(subjects(a, "weakly-connected-school") ==
        std::vector<std::string>{"S11", "S08", "S09", "S10"});
  CHECK(subjects(a, "cut-school") == std::vector<std::string>{"S03", "S04", "S05", "S06", "S07"});
  CHECK(subjects(a, "bridge-link") ==
        std::vector<std::string>{"S03|S04", "S05|S11", "S06|S07", "S07|S08", "S09|S10"});
  CHECK(subjects(a, "hangs-on-school") == std::vector<std::string>{"S01", "S02", "S07", "S03"});
  CHECK(subjects(a, "oversize-grouping") == std::vector<std::string>{"G1"});
  CHECK(subjects(a, "undersize-grouping") == std::vector<std::string>{"G3"});
  CHECK(subjects(a, "dormant-grouping") == std::vector<std::string>{"G4"});
  CHECK(subjects(a, "one-way-link") == std::vector<std::string>{"P09", "P13"});
  CHECK(subjects(a, "receive-only-school") == std::vector<std::string>{"S11"});
  CHECK(subjects(a, "give-only-school") == std::vector<std::string>{"S05"});
  CHECK(subjects(a, "expert-hub") == std::vector<std::string>{"S05"});

  const Finding& isolated = finding(a, "isolated-school", "S12");
  CHECK(extra<bool>(isolated, "small") == false);
  CHECK(extra<bool>(isolated, "rural") == false);
  CHECK(extra<std::string>(finding(a, "hangs-on-school", "S01"), "on") == "S03");
  CHECK(extra<std::string>(finding(a, "hangs-on-school", "S03"), "on") == "S04");
  CHECK(extra<std::string>(finding(a, "hangs-on-school", "S07"), "on") == "S06");
  const std::pair<const char*, std::int64_t> cuts[] = {
      {"S03", 2}, {"S04", 3}, {"S05", 1}, {"S06", 2}, {"S07", 1}};
  for (const auto& [id, n] : cuts)
    CHECK(extra<std::int64_t>(finding(a, "cut-school", id), "cuts_off") == n);
  const Finding& bridge = finding(a, "bridge-link", "S07");
  CHECK(extra<std::int64_t>(bridge, "records") == 2);
  CHECK(bridge.message.find("2 partnership records") != std::string::npos);
  CHECK(extra<std::int64_t>(finding(a, "bridge-link", "S03"), "staff") == 2);

  // Most urgent kind first: the order of kFindingKinds.
  int last = -1;
  for (const Finding& f : a.findings) {
    CHECK(finding_kind_rank(f.kind) >= last);
    last = finding_kind_rank(f.kind);
  }
}

TEST_CASE("tiny: groupings (tiny.md, 'Groupings')") {
  const Analysis a = analyse(tiny(), {});
  const auto g = [&](const char* id) { return a.groupings[*tiny().find_grouping(id)]; };
  CHECK(g("G1").size == 9);
  CHECK(g("G1").oversize);
  CHECK(g("G1").member_pairs == 36);
  CHECK(g("G1").linked_pairs == 9);
  CHECK(g("G1").unlinked_members == 1);
  CHECK(g("G1").records_within == 12);
  CHECK_THAT(*g("G1").reciprocity, WithinAbs(7.0 / 12, 1e-12));
  CHECK(g("G2").linked_pairs == 1);
  CHECK(*g("G2").reciprocity == 1.0);
  CHECK(g("G3").undersize);
  CHECK_FALSE(g("G3").reciprocity);
  CHECK(g("G4").size == 3);
  CHECK(g("G4").linked_pairs == 0);
  CHECK(g("G4").unlinked_members == 3);
}

TEST_CASE("tiny: isolation ranking (tiny.md, 'Isolation')") {
  const Analysis a = analyse(tiny(), {});
  std::vector<std::string> order;
  for (const IsolationEntry& e : a.isolation) order.push_back(tiny().schools[e.school].id);
  CHECK(order == std::vector<std::string>{"S11", "S08", "S01", "S12", "S09", "S10", "S02", "S07",
                                          "S03"});
  CHECK(a.isolation[0].concern == IsolationConcern::one_partner);
  CHECK(a.isolation[2].concern == IsolationConcern::hangs_on_school);
  CHECK(a.isolation[2].hangs_on == idx("S03"));
  CHECK(a.isolation[3].concern == IsolationConcern::no_partner);
}

TEST_CASE("tiny: communities are a sound, deterministic partition") {
  const Analysis a = analyse(tiny(), {});
  Settings three;
  three.threads = 3;
  const Analysis b = analyse(tiny(), three);
  REQUIRE(a.communities.size() == b.communities.size());
  for (std::size_t i = 0; i < a.communities.size(); ++i)
    CHECK(a.communities[i].members == b.communities[i].members);
  CHECK_FALSE(a.schools[idx("S12")].community);  // alone: in no community
  const auto c = a.schools[idx("S09")].community;
  REQUIRE(c);
  CHECK(a.communities[*c].members == std::vector<std::size_t>{idx("S09"), idx("S10")});
  CHECK(a.communities[*c].grouping == tiny().find_grouping("G2"));
  CHECK(a.communities[*c].overlap == 2);
  CHECK(a.communities[*c].jaccard == 1.0);
  for (std::size_t i = 0; i < a.communities.size(); ++i) {
    const auto& m = a.communities[i].members;
    CHECK(m.size() >= 2);
    for (std::size_t s : m) {
      CHECK(a.schools[s].component == a.schools[m[0]].component);
      CHECK(a.schools[s].community == i);
    }
    if (i > 0) CHECK(m.size() <= a.communities[i - 1].members.size());
  }
  CHECK(a.modularity > 0.3);
}

TEST_CASE("tiny: --as-of 2026-06-30 drops P04 (tiny.md, 'As of')") {
  Settings s;
  s.as_of = "2026-06-30";
  const Analysis a = analyse(tiny(), s);
  CHECK(a.network.as_of == "2026-06-30");
  CHECK(a.network.partnerships == 14);
  CHECK(a.network.links == 10);
  CHECK_THAT(a.network.density, WithinAbs(20.0 / 132, 1e-12));
  CHECK_THAT(*a.network.reciprocity, WithinAbs(8.0 / 14, 1e-12));
  CHECK(a.network.articulation_points == 6);
  CHECK(a.network.bridges.size() == 7);
  CHECK(a.network.ended_before_file_as_of == 0);  // only reported without --as-of
  const SchoolFigures& s01 = a.schools[idx("S01")];
  CHECK(s01.degree == 1);
  CHECK(s01.partnerships == 2);
  CHECK(s01.strength == 3);
  CHECK_THAT(s01.closeness, WithinAbs(2.9 / 11, 1e-12));
  CHECK_THAT(a.schools[idx("S02")].betweenness, WithinAbs(7.0 / 55, 1e-12));
  CHECK(a.schools[idx("S02")].articulation);
  CHECK(a.schools[idx("S03")].degree == 2);

  s.as_of = "2024-01-01";  // P04 active (since 2023-09-01)
  CHECK(analyse(tiny(), s).network.partnerships == 15);
  s.as_of = "2023-06-01";  // P04 not started yet
  CHECK(analyse(tiny(), s).network.partnerships == 14);
  s.as_of = "2026-02-30";
  CHECK_THROWS_AS(analyse(tiny(), s), InputError);
}
