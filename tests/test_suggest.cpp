// Partner suggestions (suggestions-output.md), worked by hand on graphs/tiny.json and on
// tests/suggest/tiny-located.json (the same network with eight schools placed on the meridian
// 4° W, so that every distance is R·Δlatitude). The working is in tests/suggest/README.md.

#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numbers>
#include <set>

#include "collabnet/suggest.hpp"
#include "support.hpp"

namespace {

using collabnet::testing::run;
using collabnet::testing::TempDir;
using Json = nlohmann::json;

const std::string kTiny = COLLABNET_SOURCE_DIR "/graphs/tiny.json";
const std::string kLocated = COLLABNET_SOURCE_DIR "/tests/suggest/tiny-located.json";

/// R·Δφ for two points on one meridian (degrees of latitude apart).
double meridian_km(double degrees) { return 6371.0088 * degrees * std::numbers::pi / 180.0; }

}  // namespace

TEST_CASE("great-circle distance on a meridian is R times the angle", "[suggest]") {
  CHECK(collabnet::great_circle_km(56.0, -4.0, 56.15, -4.0) ==
        Approx(meridian_km(0.15)).epsilon(1e-12));
  CHECK(collabnet::great_circle_km(0, 0, 0, 180) == Approx(6371.0088 * std::numbers::pi));
}

TEST_CASE("tiny.json has no locations: every at-risk school is listed with the reason",
          "[suggest]") {
  const auto r = run({"suggest", kTiny, "--format", "json"});
  REQUIRE(r.code == 0);
  const Json doc = Json::parse(r.out);
  CHECK(doc["format"] == "collabnet-suggestions/1");
  CHECK(doc["as_of"] == "2026-06-30");  // dated by default: the file's own as_of
  CHECK(doc["without_location"] == 12);
  // At risk on 2026-06-30 (P04 S01–S03 ended 2025-07-31): no partner S12; one partner S01,
  // S08, S09, S10, S11; hanging on one school S02 (on S03), S03 (on S04), S07 (on S06).
  std::set<std::string> ids;
  for (const Json& s : doc["schools"]) {
    ids.insert(s["id"]);
    CHECK(s["suggestions"].empty());
    CHECK(s["no_suggestion"] ==
          "no location on file (lat, lon): distances cannot be worked out");
  }
  CHECK(ids == std::set<std::string>{"S01", "S02", "S03", "S07", "S08", "S09", "S10", "S11",
                                     "S12"});
  CHECK(doc["at_risk_without_location"] == 9);
}

TEST_CASE("hand-worked suggestions for a one-partner school", "[suggest]") {
  const auto r = run({"suggest", kLocated, "--for", "S11", "--format", "json"});
  REQUIRE(r.code == 0);
  const Json doc = Json::parse(r.out);
  const Json& s = doc["schools"].at(0);
  CHECK(s["id"] == "S11");
  CHECK(s["why"] == Json::array({"weakly-connected-school"}));
  // H(S11) = 1 + 1/2 + 1/2 + 1/3 + 1/3 + 1/4 + 1/4 + 1/5 = 101/30; n − 1 = 11.
  CHECK(s["closeness_before"].get<double>() == Approx(101.0 / 330).margin(1e-9));
  // Feasible: S01 (16.7 km) and S08 (11.1 km), primaries. Not S05 (a partner), S03 and S12
  // (secondaries), S09 (33.4 km), nor the schools without a location.
  REQUIRE(s["suggestions"].size() == 2);
  const Json& first = s["suggestions"][0];
  const Json& second = s["suggestions"][1];
  // Via S01: S01 5→1 (+4/5), S02 4→2 (+1/4) = 21/20. Via S08: S08 4→1 (+3/4), S07 3→2 (+1/6)
  // = 11/12. S01 first; then S08 still adds 11/12.
  CHECK(first["partner"] == "S01");
  CHECK(first["km"].get<double>() == Approx(meridian_km(0.15)).margin(1e-9));
  CHECK(first["gain"].get<double>() == Approx(21.0 / 20 / 11).margin(1e-9));
  CHECK(first["closeness_after"].get<double>() == Approx(265.0 / 660).margin(1e-9));
  CHECK(first["closer"] == 2);
  CHECK(first["joins_network"] == false);
  // S11–S01 closes the ring S11–S05–S04–S03–S02–S01: no bridge or cut school left above it.
  CHECK(first["removes_dependence"] == true);
  CHECK(second["partner"] == "S08");
  CHECK(second["km"].get<double>() == Approx(meridian_km(0.10)).margin(1e-9));
  CHECK(second["gain"].get<double>() == Approx(11.0 / 12 / 11).margin(1e-9));
  CHECK(second["closeness_after"].get<double>() == Approx(16.0 / 33).margin(1e-9));
  CHECK(second["removes_dependence"] == true);  // the ring S11–S05–S06–S07–S08
  CHECK(s["together_remove_dependence"] == true);
  CHECK(first["reason"] == "Ardmore Primary (S01), 16.7 km away: would bring 2 schools "
                           "closer, and would end its dependence on a single school or link");

  // --any-sector lets the secondary S03 (5.6 km) in: via S03, S03 3→1 (+2/3), S02 4→2 (+1/4),
  // S01 5→3 (+2/15) = 21/20, the same as S01: the nearer one (S03) wins the tie.
  const Json any = Json::parse(
      run({"suggest", kLocated, "--for", "S11", "--any-sector", "--format", "json"}).out);
  CHECK(any["schools"][0]["suggestions"][0]["partner"] == "S03");
  CHECK(any["schools"][0]["suggestions"][0]["gain"].get<double>() ==
        Approx(21.0 / 20 / 11).margin(1e-9));
  // --max-km 12 leaves S08 alone.
  const Json near = Json::parse(
      run({"suggest", kLocated, "--for", "S11", "--max-km", "12", "--format", "json"}).out);
  REQUIRE(near["schools"][0]["suggestions"].size() == 1);
  CHECK(near["schools"][0]["suggestions"][0]["partner"] == "S08");
}

TEST_CASE("hand-worked suggestions for an isolated school", "[suggest]") {
  const Json doc =
      Json::parse(run({"suggest", kLocated, "--for", "S12", "--format", "json"}).out);
  const Json& s = doc["schools"].at(0);
  CHECK(s["why"] == Json::array({"isolated-school"}));
  CHECK(s["closeness_before"] == 0);
  REQUIRE(s["suggestions"].size() == 2);  // the secondaries S04 (13.3 km) and S03 (3.3 km)
  // First partner u: Σ 1/(1 + d(u, x)) over u's network of 9. From S04: 1 + 3·1/2 + 3·1/3 +
  // 2·1/4 = 4; from S03: 1 + 2/2 + 3/3 + 2/4 + 1/5 = 3.7.
  CHECK(s["suggestions"][0]["partner"] == "S04");
  CHECK(s["suggestions"][0]["gain"].get<double>() == Approx(4.0 / 11).margin(1e-9));
  CHECK(s["suggestions"][0]["joins_network"] == true);
  CHECK(s["suggestions"][0]["network_size"] == 9);
  CHECK(s["suggestions"][0]["removes_dependence"] == false);  // one link: hangs on it
  // Then S03: S03 2→1 (+1/2), S02 3→2 (+1/6), S01 4→3 (+1/12) = 3/4.
  CHECK(s["suggestions"][1]["partner"] == "S03");
  CHECK(s["suggestions"][1]["closeness_after"].get<double>() ==
        Approx(4.75 / 11).margin(1e-9));
  // Together: the ring S12–S04–S03, but removing S04 leaves S12 with S03, S02, S01 (4
  // schools) against S05, S06, S07, S08, S11 (5): it still hangs on S04.
  CHECK(s["together_remove_dependence"] == false);
}

TEST_CASE("hand-worked plan step and lower bound", "[suggest]") {
  const Json doc = Json::parse(run({"suggest", kLocated, "--plan", "1", "--format", "json"}).out);
  // At risk: S01, S02, S03 (behind S03–S04), S07, S08 (behind S06–S07), S11, S09, S10 (one
  // partner), S12 (none) = 9. Bridge-tree leaves at risk {S01}, {S11}, {S08}, {S09}, {S10},
  // and S12 needs two ends: ⌈(5 + 2)/2⌉ = 4.
  CHECK(doc["plan_at_risk"] == 9);
  CHECK(doc["plan_lower_bound"] == 4);
  REQUIRE(doc["plan"].size() == 1);
  // S01–S08 closes the ring S01–S02–S03–S04–S06–S07–S08: five bridges go, 9 → 4.
  CHECK(doc["plan"][0]["link"] == Json::array({"S01", "S08"}));
  CHECK(doc["plan"][0]["km"].get<double>() == Approx(meridian_km(0.05)).margin(1e-9));
  CHECK(doc["plan"][0]["at_risk_before"] == 9);
  CHECK(doc["plan"][0]["at_risk_after"] == 4);
}

TEST_CASE("--write-network adds the links marked proposed, and analyse shows the gain",
          "[suggest]") {
  TempDir tmp;
  const auto out = (tmp.dir / "with.json").string();
  const auto r = run({"suggest", kLocated, "--for", "S11", "--write-network", out});
  REQUIRE(r.code == 0);
  const auto a = run({"analyse", out, "--format", "json", "--as-of", "2026-06-30"});
  REQUIRE(a.code == 0);
  const Json doc = Json::parse(a.out);
  for (const Json& s : doc["schools"])
    if (s["id"] == "S11") CHECK(s["closeness"].get<double>() == Approx(16.0 / 33).margin(1e-9));
  std::ifstream in(out);
  const Json net = Json::parse(in);
  int proposed = 0;
  for (const Json& p : net["partnerships"])
    if (p.contains("proposed")) {
      CHECK(p["proposed"] == true);
      ++proposed;
    }
  CHECK(proposed == 2);
}

TEST_CASE("suggest refuses unknown --for ids, all at once, and writes nothing", "[suggest]") {
  TempDir tmp;
  const auto out = (tmp.dir / "with.json").string();
  const auto r = run({"suggest", kLocated, "--for", "NOPE", "--for", "S11", "--for", "GONE",
                      "--write-network", out});
  CHECK(r.code == 2);
  CHECK(r.err.find("\"NOPE\"") != std::string::npos);
  CHECK(r.err.find("\"GONE\"") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("text output names the reason and the plan's bound", "[suggest]") {
  const auto r = run({"suggest", kLocated, "--plan", "2"});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("Kilmory Primary (S11), small rural school (45 pupils): one partner "
                   "school") != std::string::npos);
  CHECK(r.out.find("Lower bound: at least 4 new links") != std::string::npos);
  CHECK(r.out.find("no suggestion: no location on file") != std::string::npos);
}

TEST_CASE("render --view suggestions draws each suggested link dotted, in its colour, in the "
          "legend",
          "[suggest]") {
  const Json doc = Json::parse(run({"suggest", kLocated, "--format", "json"}).out);
  std::set<std::pair<std::string, std::string>> pairs;
  for (const Json& s : doc["schools"])
    for (const Json& o : s["suggestions"]) {
      std::string a = s["id"], b = o["partner"];
      if (b < a) std::swap(a, b);
      pairs.emplace(a, b);
    }
  REQUIRE(pairs.size() >= 4);
  const auto r = run({"render", kLocated, "--view", "suggestions", "--format", "svg"});
  REQUIRE(r.code == 0);
  // Graphviz draws a dotted line with stroke-dasharray="1,5"; the default theme's colour for
  // suggested links is #9b30d9 and nothing else uses it.
  std::size_t dotted = 0;
  for (std::size_t at = 0; (at = r.out.find("stroke=\"#9b30d9\" stroke-width=\"2\" stroke-dasharray=\"1,5\"", at)) != std::string::npos; ++at)
    ++dotted;
  CHECK(dotted == pairs.size());
  CHECK(r.out.find("suggested partner: a proposed link, not yet a partnership") !=
        std::string::npos);
}

TEST_CASE("the report lists possible partners with the gain in words", "[suggest]") {
  TempDir tmp;
  const auto out = (tmp.dir / "report.html").string();
  REQUIRE(run({"report", kLocated, "-o", out, "--as-of", "2026-06-30"}).code == 0);
  std::ifstream in(out);
  const std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto section = html.find("<h2>Possible partners</h2>");
  REQUIRE(section != std::string::npos);
  // Lochside Academy (S12), isolated: Dunmore Academy first, 13.3 km, joining the network of 9.
  const auto s12 = html.find("Lochside Academy", section);
  REQUIRE(s12 != std::string::npos);
  const auto first = html.find("<li>Dunmore Academy", s12);
  REQUIRE(first != std::string::npos);
  CHECK(html.substr(first, 200).find("13.3 km: would join the network of 9 schools") !=
        std::string::npos);
  // Kilmory Primary (S11): Ardmore Primary ends its dependence.
  const auto s11 = html.find("Kilmory Primary", section);
  REQUIRE(s11 != std::string::npos);
  const auto ardmore = html.find("<li>Ardmore Primary", s11);
  REQUIRE(ardmore != std::string::npos);
  CHECK(html.substr(ardmore, 300).find("ends its dependence on a single school or link") !=
        std::string::npos);
}
