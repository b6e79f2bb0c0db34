// England's GIAS group links importer (src/load/gias_import.cpp): the real file, checked against
// counts made from the raw rows independently of the importer, and its quirks on small files.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "collabnet/analysis.hpp"
#include "collabnet/load.hpp"
#include "collabnet/network_io.hpp"

#include "support.hpp"

namespace fs = std::filesystem;
using namespace collabnet;

namespace {

using collabnet::testing::raw_csv_rows;

const fs::path kGias =
    fs::path(COLLABNET_DATA_DIR) / "england_gias_group_links_2022-07.csv";

fs::path write_temp(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / "collabnet-test-gias";
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << text;
  return dir / name;
}

std::string extra(const ExtraAttributes& extras, const std::string& key) {
  for (const auto& e : extras)
    if (e.key == key) return e.json;
  return "";
}

const char* kHeader =
    "URN,EstablishmentName,Group UID,Group ID,Group Name,Group Type,Group Status,Joined date,"
    "TypeOfEstablishment (name),PhaseOfEducation (name),LA (name)\n";

}  // namespace

TEST_CASE("GIAS: the trusts with more than 8 schools are exactly the ones flagged", "[gias]") {
  // Counted from the raw rows: open multi-academy trusts, distinct URNs per Group UID.
  const auto rows = raw_csv_rows(kGias);
  REQUIRE(rows.size() == 20614);  // header + 20,613 links
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < rows[0].size(); ++i) col[rows[0][i]] = i;
  std::map<std::string, std::set<std::string>> trusts, federations;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    REQUIRE(row.size() == rows[0].size());
    if (row[col["Group Type"]] == "Multi-academy trust" && row[col["Group Status"]] == "Open")
      trusts[row[col["Group UID"]]].insert(row[col["URN"]]);
    if (row[col["Group Type"]] == "Federation" && row[col["Group Status"]] == "Open")
      federations[row[col["Group UID"]]].insert(row[col["URN"]]);
  }
  std::set<std::string> big;
  for (const auto& [uid, urns] : trusts)
    if (urns.size() > 8) big.insert(uid);
  CHECK(trusts.size() == 1366);  // the data README's counts
  CHECK(big.size() == 302);
  CHECK(trusts.at("5143").size() == 75);  // UNITED LEARNING TRUST
  CHECK(federations.size() == 469);

  const LoadResult imported = import_gias_groups(kGias);
  const Network& net = imported.network;
  CHECK(imported.warnings.empty());
  CHECK(net.name.find(kOglAttribution) != std::string::npos);
  CHECK(net.partnerships.empty());
  CHECK(net.staff.empty());
  CHECK(net.groupings.size() == trusts.size() + federations.size());
  std::set<std::string> members;
  for (const auto& [uid, urns] : trusts) members.insert(urns.begin(), urns.end());
  for (const auto& [uid, urns] : federations) members.insert(urns.begin(), urns.end());
  CHECK(net.schools.size() == members.size());
  for (const Grouping& g : net.groupings) {
    const auto& expected = g.kind == "trust" ? trusts.at(g.id) : federations.at(g.id);
    CHECK(g.members.size() == expected.size());
  }

  const Analysis a = analyse(net, {});
  std::set<std::string> flagged_trusts;
  for (const Finding& f : a.findings) {
    if (f.kind != "oversize-grouping") continue;
    const auto gi = net.find_grouping(f.subject[0]);
    REQUIRE(gi);
    if (net.groupings[*gi].kind == "trust") flagged_trusts.insert(f.subject[0]);
  }
  CHECK(flagged_trusts == big);

  // A reload of the written network is the same network.
  CHECK(load_network_json_text(network_to_json(net), "england.json").network == net);
}

TEST_CASE("GIAS: quirks on a small file", "[gias]") {
  const auto file = write_temp(
      "links.csv",
      std::string("\xEF\xBB\xBF") + kHeader +
          // A school in a trust and a sponsor (two rows), the sponsor not imported.
          "100001,St Mary\xE2\x80\x99s Academy,5001,,THE BIG TRUST,Multi-academy trust,Open,"
          "2018-09-01,Academy converter,Primary,\"Bristol, City of\"\n"
          "100001,St Mary\xE2\x80\x99s Academy,6001,,Big Sponsor,School sponsor,Open,2018-09-01,"
          "Academy converter,Primary,\"Bristol, City of\"\n"
          "100002,Hill Special School,5001,,THE BIG TRUST,Multi-academy trust,Open,1900-01-01,"
          "Academy special converter,Not applicable,Leeds\n"
          // The same link twice: one member.
          "100002,Hill Special School,5001,,THE BIG TRUST,Multi-academy trust,Open,1900-01-01,"
          "Academy special converter,Not applicable,Leeds\n"
          // A closed trust: skipped, and its only school with it.
          "100003,Old School,5002,,CLOSED TRUST,Multi-academy trust,Closed,2015-01-01,"
          "Academy converter,Secondary,Leeds\n"
          "100004,Moor Infant,7001,FED123,The Moor Federation,Federation,Open,1900-01-01,"
          "Community school,Primary,York\n"
          "100005,Moor Junior,7001,FED123,The Moor Federation,Federation,Open,2020-04-01,"
          "Community school,Middle deemed primary,York\n"
          "100006,Sixth Form,5001,,THE BIG TRUST,Multi-academy trust,Open,2021-09-01,"
          "Academy 16-19 converter,16 plus,Leeds\n");
  const LoadResult r = import_gias_groups(file);
  const Network& net = r.network;
  CHECK(r.warnings.empty());
  REQUIRE(net.schools.size() == 5);  // 100003 is only in a closed trust
  CHECK_FALSE(net.find_school("100003"));
  const School& mary = net.schools[*net.find_school("100001")];
  CHECK(mary.name == "St Mary\xE2\x80\x99s Academy");
  CHECK(mary.authority == "Bristol, City of");
  CHECK(mary.sector == "primary");
  CHECK(extra(mary.extra, "establishment_type") == "\"Academy converter\"");
  CHECK(extra(mary.extra, "phase") == "\"Primary\"");
  CHECK(net.schools[*net.find_school("100002")].sector == "special");
  CHECK(net.schools[*net.find_school("100005")].sector == "primary");
  CHECK(net.schools[*net.find_school("100006")].sector == "secondary");

  REQUIRE(net.groupings.size() == 2);
  const Grouping& trust = net.groupings[0];
  CHECK(trust.id == "5001");
  CHECK(trust.kind == "trust");
  CHECK(trust.members.size() == 3);
  CHECK(extra(trust.extra, "joined") ==
        R"({"100001":"2018-09-01","100002":null,"100006":"2021-09-01"})");
  CHECK(extra(trust.extra, "gias_group_type") == "\"Multi-academy trust\"");
  const Grouping& fed = net.groupings[1];
  CHECK(fed.kind == "federation");
  CHECK(fed.name == "The Moor Federation");
  CHECK(extra(fed.extra, "group_id") == "\"FED123\"");

  GiasImportOptions all;
  all.all_establishments = true;
  all.name = "Test.";
  const Network every = import_gias_groups(file, all).network;
  CHECK(every.schools.size() == 6);
  CHECK(every.name == std::string("Test. ") + kOglAttribution);
}

TEST_CASE("GIAS: located errors", "[gias]") {
  const auto missing = write_temp("missing.csv", "URN,EstablishmentName\n1,A\n");
  try {
    import_gias_groups(missing);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.diagnostics().front().to_string().find("missing required column \"Group UID\"") !=
          std::string::npos);
  }
  const auto bad = write_temp("bad.csv", std::string(kHeader) +
                                             "12x,A,1,,T,Multi-academy trust,Open,,,,\n"
                                             ",B,1,,T,Multi-academy trust,Open,,,,\n");
  try {
    import_gias_groups(bad);
    FAIL("no error");
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 2);
    CHECK(e.diagnostics()[0].to_string() ==
          bad.string() + ":2: URN: must be a whole number, got \"12x\"");
    CHECK(e.diagnostics()[1].to_string().find(":3: URN: is empty") != std::string::npos);
  }
}

TEST_CASE("GIAS CLI: import gias-groups writes a network that analyses", "[gias][cli]") {
  const fs::path out = fs::temp_directory_path() / "collabnet-test-gias" / "england.json";
  fs::remove(out);
  std::vector<std::string> args = {"collabnet",    "import", "gias-groups",
                                   kGias.string(), "-o",     out.string()};
  std::vector<const char*> argv;
  for (const auto& s : args) argv.push_back(s.c_str());
  std::ostringstream o, e;
  CHECK(cli::run_cli(static_cast<int>(argv.size()), argv.data(), o, e) == 0);
  CHECK(e.str().empty());
  const Network net = load_network(out).network;
  CHECK(net.groupings.size() == 1366 + 469);
}
