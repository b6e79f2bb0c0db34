// The Scottish "School roll and locations" importer, and the import / export commands run
// in-process.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "collabnet/load.hpp"
#include "collabnet/network_io.hpp"

#include "support.hpp"

namespace fs = std::filesystem;
using namespace collabnet;

namespace {

const fs::path kScotland =
    fs::path(COLLABNET_DATA_DIR) / "scotland_northern_alliance_roll_locations_2023.csv";

struct Scratch : testing::TempDir {
  Scratch() : TempDir("collabnet-import") {}
};

std::string extra(const School& s, const std::string& key) {
  for (const auto& e : s.extra)
    if (e.key == key) return e.json;
  return "";
}

using collabnet::testing::messages;
using collabnet::testing::raw_csv_rows;

using collabnet::testing::Run;
using collabnet::testing::run;

}  // namespace

TEST_CASE("Scottish import of the real Northern Alliance file", "[import]") {
  const auto rows = raw_csv_rows(kScotland);
  REQUIRE(rows.size() == 655);  // header + 654 rows
  const auto& head = rows[0];
  auto col = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(head.begin(), head.end(), name) - head.begin());
  };
  std::set<std::string> seeds, zero_roll_seeds;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    REQUIRE(rows[r].size() == head.size());
    seeds.insert(rows[r][col("SeedCode")]);
  }
  for (std::size_t r = 1; r < rows.size(); ++r)
    if (rows[r][col("PupilRoll")] == "0") zero_roll_seeds.insert(rows[r][col("SeedCode")]);

  const LoadResult imported = import_scotland_schools(kScotland);
  const Network& n = imported.network;
  CHECK(n.schools.size() == seeds.size());  // all-through departments merged: 637
  CHECK(n.schools.size() == 637);
  CHECK(n.name.find(kOglAttribution) != std::string::npos);
  CHECK(n.staff.empty());
  CHECK(n.partnerships.empty());

  // Rural from the 6-fold class, row by row against the raw file.
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto i = n.find_school(rows[r][col("SeedCode")]);
    REQUIRE(i);
    const int ur6 = std::stoi(rows[r][col("AddrUR6")]);
    CHECK(n.schools[*i].rural == (ur6 >= 5));
  }
  const School& abbotswell = n.schools[*n.find_school("5237521")];  // AddrUR6 1
  CHECK(abbotswell.name == "Abbotswell School");
  CHECK(abbotswell.authority == "Aberdeen City");
  CHECK(abbotswell.sector == "primary");
  CHECK(abbotswell.roll == 229);
  CHECK(abbotswell.rural == false);
  CHECK(abbotswell.lat == 57.122118);
  CHECK(abbotswell.lon == -2.110807);
  CHECK(extra(abbotswell, "sch_uid") == "\"5237521P\"");
  CHECK(extra(abbotswell, "ur8") == "\"Large Urban Areas\"");
  CHECK(n.schools[*n.find_school("5209722")].rural == true);  // Aberlour, AddrUR6 5
  CHECK(n.schools[*n.find_school("5212227")].rural == true);  // Aberchirder, AddrUR6 6

  // An all-through school: two department rows, one school.
  const School& aith = n.schools[*n.find_school("6103030")];
  CHECK(aith.sector == "all-through");
  CHECK(aith.roll == 102 + 116);
  CHECK(extra(aith, "departments") ==
        R"([{"fte_teachers":7.9,"roll":102,"sch_uid":"6103030P","sector":"primary"},)"
        R"({"fte_teachers":11.8,"roll":116,"sch_uid":"6103030S","sector":"secondary"}])");
  CHECK(extra(aith, "fte_teachers") == "19.7");

  // Rolls of 0 are kept, without a roll, with their notes and a warning each.
  REQUIRE(zero_roll_seeds.size() == 3);
  for (const auto& seed : zero_roll_seeds) {
    const auto i = n.find_school(seed);
    REQUIRE(i);
    CHECK(!n.schools[*i].roll);
    CHECK(extra(n.schools[*i], "notes").find("recorded as zero") != std::string::npos);
  }
  std::size_t roll_warnings = 0;
  for (const auto& w : imported.warnings) roll_warnings += w.where == "PupilRoll";
  CHECK(roll_warnings == 3);
  CHECK(imported.warnings.front().to_string() ==
        kScotland.string() +
            ":204: warning: PupilRoll: \"e-Sgoil nan Eilean Siar\" (1004204) has a PupilRoll of 0 "
            "(see its \"notes\" attribute): kept, without a roll");

  // What the importer makes is a valid network, identical once written and read back.
  CHECK(load_network_json_text(network_to_json(n), "scotland.json").network == n);
}

TEST_CASE("Scottish import: --authority filter", "[import]") {
  ScotlandImportOptions options;
  options.authorities = {"Moray", "Orkney Islands"};
  options.name = "Moray and Orkney.";
  const Network n = import_scotland_schools(kScotland, options).network;
  std::set<std::string> expected;
  const auto rows = raw_csv_rows(kScotland);
  for (std::size_t r = 1; r < rows.size(); ++r)
    if (rows[r][9] == "Moray" || rows[r][9] == "Orkney Islands") expected.insert(rows[r][0]);
  REQUIRE(rows[0][9] == "LAName");
  CHECK(n.schools.size() == expected.size());
  for (const School& s : n.schools) CHECK((s.authority == "Moray" || s.authority == "Orkney Islands"));
  CHECK(n.name == std::string("Moray and Orkney. ") + kOglAttribution);

  options.authorities = {"Highlnd"};
  try {
    import_scotland_schools(kScotland, options);
    FAIL("expected an error");
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK_THAT(e.diagnostics()[0].to_string(),
               Catch::StartsWith(kScotland.string() + ": --authority \"Highlnd\" matches no "
                                                      "LAName in the file (did you mean "
                                                      "\"Highland\"?); its councils are: "
                                                      "Aberdeen City, Aberdeenshire,"));
  }
}

TEST_CASE("Scottish import: located errors", "[import]") {
  Scratch s;
  const std::string head =
      "SeedCode,SchUID,SchoolType,SchoolName,LAName,PupilRoll,Latitude,Longitude,AddrUR6,Notes\n";
  const auto bad = s.write("bad.csv", head +
                                          "1,1P,Primary,\"One,\nTwo\",Moray,12,57.1,-3.1,5,\n"
                                          "2,2P,Primary,Two,Moray,*,57.1,-3.1,7,\n"
                                          "3,1P,Nursery,Three,Moray,4,,-3.1,1,\n"
                                          ",4P,Primary,Four,Moray,4,91,-3.1,1,\n");
  const std::string f = bad.string();
  try {
    import_scotland_schools(bad);
    FAIL("expected an error");
  } catch (const InputError& e) {
    CHECK(messages(e) ==
          std::vector<std::string>{
              f + ":4: PupilRoll: must be a whole number ≥ 0, got \"*\"",
              f + ":4: AddrUR6: must be a 6-fold urban/rural class from 1 (large urban) to 6 "
                  "(remote rural), got \"7\"",
              f + ":5: warning: SchoolType: unknown school type \"Nursery\" (expected Primary, "
                  "Secondary or Special); imported as sector \"other\"",
              f + ":5: Latitude: is empty but Longitude is given; a location needs both (or "
                  "neither)",
              f + ":5: SchUID: \"1P\" appears twice (first on line 2); each school department "
                  "has one row",
              f + ":6: SeedCode: is empty; every school needs its SEED code",
              f + ":6: Latitude: must be a number from -90 to 90 (degrees north), got \"91\""});
  }
  const auto missing = s.write("missing.csv", "SeedCode,SchoolName\n1,One\n");
  try {
    import_scotland_schools(missing);
    FAIL("expected an error");
  } catch (const InputError& e) {
    CHECK(messages(e).front() ==
          missing.string() + ":1: header: missing required column \"SchoolType\"; is this the "
                             "Scottish Government \"School roll and locations\" CSV?");
  }
  CHECK_THROWS_AS(import_scotland_schools(s.dir / "absent.csv"), InputError);
}

TEST_CASE("CLI: import csv, export --to csv, import scotland", "[import][cli]") {
  Scratch s;
  const std::string demo = COLLABNET_SOURCE_DIR "/graphs/northern-alliance.json";
  const std::string folder = (s.dir / "na").string();
  const std::string json = (s.dir / "na.json").string();

  Run r = run({"export", demo, "--to", "csv", "-o", folder});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  r = run({"import", "csv", folder, "-o", json});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  std::ifstream a(demo, std::ios::binary), b(json, std::ios::binary);
  using It = std::istreambuf_iterator<char>;
  CHECK(std::string(It(a), It()) == std::string(It(b), It()));

  // Exporting again over a folder written by export is allowed; over other files it is not.
  CHECK(run({"export", demo, "--to", "csv", "-o", folder}).code == 0);
  s.write("other.txt", "x");
  r = run({"export", demo, "--to", "csv", "-o", s.dir.string()});
  CHECK(r.code == 2);
  CHECK(r.err.find("holds other files") != std::string::npos);

  r = run({"export", demo, "--to", "dot", "-o", folder + "2"});  // not an export format
  CHECK(r.code == 2);
  CHECK(!fs::exists(folder + "2"));

  const std::string sc = (s.dir / "sc.json").string();
  r = run({"import", "scotland", kScotland.string(), "-o", sc, "--authority", "Shetland Islands"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());  // no zero rolls in Shetland
  CHECK(load_network_json(sc).network.schools.size() > 20);

  r = run({"import", "scotland", (s.dir / "absent.csv").string(), "-o", sc + "2"});
  CHECK(r.code == 2);
  CHECK(!fs::exists(sc + "2"));
}

TEST_CASE("CLI: every import/export command's --help shows an example", "[import][cli]") {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"import", "--help"}, {"import", "csv", "--help"}, {"import", "scotland", "--help"},
           {"import", "gias-groups", "--help"}, {"export", "--help"}}) {
    const Run r = run(args);
    CHECK(r.code == 0);
    CHECK(r.out.find("Example: collabnet ") != std::string::npos);
  }
}
