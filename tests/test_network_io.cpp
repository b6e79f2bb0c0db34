// Writing networks back out: JSON and CSV writers, and exact round trips between them.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <string>

#include "collabnet/load.hpp"
#include "collabnet/network_io.hpp"
#include "collabnet/output_file.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace collabnet;

namespace {

using testing::TempDir;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

Network via_csv(const Network& n) {
  TempDir t;
  write_folder_atomically(t.dir / "net", network_to_csv(n));
  return load_network_csv(t.dir / "net").network;
}

// Every field and the awkward values: text with quotes, commas, newlines, <, &, leading spaces;
// extras of every JSON type, an empty-string extra, a key ending in ":json"; staff names; a
// generated partnership id; one-way links; dates; numbers that are not short decimals.
const char* const kRich = R"({
  "format": "collabnet/1",
  "name": "Ross, \"Cromarty\" & <Skye>\nnetwork",
  "as_of": "2024-06-30",
  "schools": [
    {"id": "S1", "name": "Achnasheen \"Old\" School, Ross", "authority": "Highland",
     "sector": "primary", "roll": 12, "rural": true, "lat": 57.58, "lon": -5.07,
     "region": "north", "count": 3, "tags": ["a", 1], "blank": "", "odd:json": "x",
     "note": "  padded  ", "nested": {"k": [true, null]}},
    {"id": "S 2", "name": "Tain <Royal> & Co\r\nAcademy", "roll": 0, "rural": false,
     "lat": 0.1, "lon": 1e-7, "region": "south"},
    {"id": "S3", "name": "Ùig Bunsgoil", "sector": "all-through", "": "empty key"}
  ],
  "staff": [
    {"id": "T1", "school": "S1", "role": "headteacher", "name": "A. Person, \"Jr\""},
    {"id": "T2", "school": "S 2", "fte": 0.6},
    {"id": "T,3", "school": "S3", "role": "support"}
  ],
  "groupings": [
    {"id": "G1", "name": "Dingwall, ASG", "kind": "cluster", "basis": "geographic",
     "members": ["S3", "S1", "S 2"], "lead": "S1"},
    {"id": "G2", "members": ["S1"]}
  ],
  "partnerships": [
    {"id": "P1", "from": "S1", "to": "S 2", "direction": "one-way", "activity": "joint-cpd",
     "weight": 2.5, "level": 4, "staff": ["T1", "T2", "T,3"], "grouping": "G1",
     "since": "2023-08-15", "until": null, "cost": 1250.75},
    {"from": "S 2", "to": "S3", "weight": 0.1, "since": "2020-01-01", "until": "2024-12-31"},
    {"from": "S1", "to": "S3", "weight": 3, "level": 1}
  ]
})";

Network rich() { return load_network_json_text(kRich, "rich.json").network; }

}  // namespace

TEST_CASE("network_to_json reloads to the same network, in canonical layout", "[io]") {
  const Network n = rich();
  const std::string json = network_to_json(n);
  const Network back = load_network_json_text(json, "back.json").network;
  CHECK(back == n);
  CHECK(network_to_json(back) == json);
  // Field order, extras after known fields sorted, generated id left out, weight 3 not 3.0.
  CHECK(json.find(R"({"id":"S1","name":"Achnasheen \"Old\" School, Ross","authority":"Highland",)"
                  R"("sector":"primary","roll":12,"rural":true,"lat":57.58,"lon":-5.07,"blank":"",)"
                  R"("count":3,"nested":{"k":[true,null]},"note":"  padded  ","odd:json":"x",)"
                  R"("region":"north","tags":["a",1]})") != std::string::npos);
  CHECK(json.find(R"({"from":"S1","to":"S3","direction":"mutual","weight":3,"level":1})") !=
        std::string::npos);
  CHECK(json.rfind("{\n  \"format\": \"collabnet/1\",\n  \"name\": ", 0) == 0);
  CHECK(json.find("\"staff\": [") < json.find("\"groupings\": ["));
}

TEST_CASE("staff names are written only where present", "[io]") {
  const std::string json = network_to_json(rich());
  CHECK(json.find(R"({"id":"T1","school":"S1","role":"headteacher","name":"A. Person, \"Jr\""})") !=
        std::string::npos);
  CHECK(json.find(R"({"id":"T2","school":"S 2","fte":0.6})") != std::string::npos);
}

TEST_CASE("JSON → CSV → JSON gives the same network and the same bytes", "[io]") {
  const Network n = rich();
  const Network back = via_csv(n);
  CHECK(back == n);
  CHECK(network_to_json(back) == network_to_json(n));
}

TEST_CASE("CSV → JSON → CSV gives the same network and the same bytes", "[io]") {
  const auto csv = network_to_csv(rich());
  TempDir t;
  write_folder_atomically(t.dir / "net", csv);
  const Network from_csv = load_network_csv(t.dir / "net").network;
  const Network from_json = load_network_json_text(network_to_json(from_csv), "x.json").network;
  CHECK(from_json == from_csv);
  CHECK(network_to_csv(from_json) == csv);
}

TEST_CASE("CSV writer: fixed columns, typed extra columns, RFC 4180 quoting", "[io]") {
  const auto csv = network_to_csv(rich());
  CHECK(csv.size() == 6);
  const std::string& schools = csv.at("schools.csv");
  CHECK(schools.rfind("id,name,authority,sector,roll,rural,lat,lon,:json,blank:json,count:json,"
                      "nested:json,note:text,odd:json:json,region:text,tags:json\n",
                      0) == 0);
  CHECK(schools.find("\nS1,\"Achnasheen \"\"Old\"\" School, Ross\",Highland,primary,12,true,57.58,"
                     "-5.07,,\"\"\"\"\"\",3,\"{\"\"k\"\":[true,null]}\",\"  padded  \",\"\"\"x\"\"\","
                     "north,\"[\"\"a\"\",1]\"\n") != std::string::npos);
  CHECK(schools.find("\nS 2,\"Tain <Royal> & Co\r\nAcademy\",,,0,false,0.1,1e-07,") !=
        std::string::npos);
  CHECK(csv.at("memberships.csv") == "grouping,school\nG1,S3\nG1,S1\nG1,S 2\nG2,S1\n");
  CHECK(csv.at("partnerships.csv").find("\nP1,S1,S 2,one-way,joint-cpd,2.5,4,\"T1;T2;T,3\",G1,"
                                        "2023-08-15,,1250.75\n,S 2,S3,mutual,,0.1,,,,2020-01-01,"
                                        "2024-12-31,\n") != std::string::npos);
  CHECK(csv.at("meta.csv") == "name,as_of\n\"Ross, \"\"Cromarty\"\" & <Skye>\nnetwork\",2024-06-30\n");
  CHECK(csv.at("staff.csv").rfind("id,school,role,name,fte:json\n", 0) == 0);
}

TEST_CASE("CSV writer: files only for sections that have records", "[io]") {
  const Network n =
      load_network_json_text(R"({"schools": [{"id": "A", "name": "A"}], "partnerships": []})",
                             "x.json")
          .network;
  const auto csv = network_to_csv(n);
  CHECK(csv == std::map<std::string, std::string>{
                   {"meta.csv", "name,as_of\n,\n"},
                   {"partnerships.csv",
                    "id,from,to,direction,activity,weight,level,staff,grouping,since,until\n"},
                   {"schools.csv", "id,name,authority,sector,roll,rural,lat,lon\nA,A,,,,,,\n"}});
  CHECK(via_csv(n) == n);
  Network empty;
  CHECK(via_csv(empty) == empty);
  CHECK(load_network_json_text(network_to_json(empty), "e.json").network == empty);
}

TEST_CASE("CSV writer refuses what a CSV folder cannot hold", "[io]") {
  Network n = rich();
  n.staff[1].id = "T;2";
  CHECK_THROWS_WITH(network_to_csv(n), Catch::Contains("staff id \"T;2\" cannot be listed"));
  n = rich();
  n.schools[0].name.clear();
  CHECK_THROWS_AS(network_to_csv(n), InputError);
}

TEST_CASE("the demo network: JSON canonical, CSV folder identical, round trip exact", "[io][demo]") {
  const fs::path graphs = fs::path(COLLABNET_SOURCE_DIR) / "graphs";
  const fs::path json_file = graphs / "northern-alliance.json";
  const LoadResult from_json = load_network_json(json_file);
  CHECK(from_json.warnings.empty());
  const Network& n = from_json.network;
  CHECK(n.schools.size() == 637);
  CHECK(n.name.find(kOglAttribution) != std::string::npos);
  CHECK(n.name.find("ILLUSTRATIVE") != std::string::npos);
  CHECK(n.as_of == "2024-06-30");
  for (const Staff& s : n.staff) CHECK_FALSE(s.name);  // no personal data in the demo
  CHECK(network_to_json(n) == slurp(json_file));

  const LoadResult from_folder = load_network_csv(graphs / "northern-alliance");
  CHECK(from_folder.warnings.empty());
  CHECK(from_folder.network == n);
  const auto csv = network_to_csv(n);
  for (const auto& [name, content] : csv) CHECK(slurp(graphs / "northern-alliance" / name) == content);
  CHECK(via_csv(n) == n);
}
