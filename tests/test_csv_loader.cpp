// The CSV folder loader: CSV quirks, conversions, located errors with exact messages.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "collabnet/load.hpp"

namespace fs = std::filesystem;
using namespace collabnet;

namespace {

/// A fresh folder holding `files` (name → bytes), removed when the test ends.
struct CsvFolder {
  fs::path dir;
  explicit CsvFolder(const std::map<std::string, std::string>& files) {
    static std::mt19937_64 rng{std::random_device{}()};
    dir = fs::temp_directory_path() / ("collabnet-csv-" + std::to_string(rng()));
    fs::create_directories(dir);
    for (const auto& [name, content] : files) {
      std::ofstream out(dir / name, std::ios::binary);
      out << content;
    }
  }
  ~CsvFolder() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  CsvFolder(const CsvFolder&) = delete;
  CsvFolder& operator=(const CsvFolder&) = delete;
};

/// Every diagnostic of a failing load, with the folder shown as "net".
std::vector<std::string> errors_of(const std::map<std::string, std::string>& files) {
  CsvFolder f(files);
  try {
    load_network_csv(f.dir);
  } catch (const InputError& e) {
    std::vector<std::string> out;
    const std::string prefix = f.dir.string();
    for (const auto& d : e.diagnostics()) {
      std::string s = d.to_string();
      if (s.rfind(prefix, 0) == 0) s = "net" + s.substr(prefix.size());
      out.push_back(s);
    }
    return out;
  }
  FAIL("expected the load to fail");
  return {};
}

LoadResult load(const std::map<std::string, std::string>& files) {
  CsvFolder f(files);
  return load_network_csv(f.dir);
}

const std::string kSchoolsHeader = "id,name,authority,sector,roll,rural,lat,lon\n";
const std::string kPartnershipsHeader =
    "id,from,to,direction,activity,weight,level,staff,grouping,since,until\n";
const std::string kTwoSchools = kSchoolsHeader +
                                "S1,Achnasheen Primary,Highland,primary,12,true,57.58,-5.07\n"
                                "S2,Dingwall Academy,Highland,secondary,950,false,57.59,-4.43\n";

}  // namespace

TEST_CASE("CSV: BOM, CRLF and quoted cells with commas, quotes and newlines", "[csv]") {
  const std::string schools =
      "\xEF\xBB\xBFid,name,authority,sector,roll,rural,lat,lon\r\n"
      "S1,\"Achnasheen \"\"Old\"\" School,\r\nRoss\",Highland,primary,12,YES,57.58,-5.07\r\n"
      "S2,Tain <Royal> & Co,Highland,secondary,950,0,57.59,-4.43\r\n";
  const auto r = load({{"schools.csv", schools},
                       {"partnerships.csv", kPartnershipsHeader + "P1,S1,S2,,,,,,,,\r\n"}});
  const Network& n = r.network;
  REQUIRE(n.schools.size() == 2);
  CHECK(n.schools[0].id == "S1");
  CHECK(n.schools[0].name == "Achnasheen \"Old\" School,\r\nRoss");
  CHECK(n.schools[0].rural == true);
  CHECK(n.schools[1].name == "Tain <Royal> & Co");
  CHECK(n.schools[1].rural == false);
  CHECK(n.schools[1].roll == 950);
  CHECK(n.schools[1].lat == 57.59);
  REQUIRE(n.partnerships.size() == 1);
  CHECK(n.partnerships[0].from == 0);
  CHECK(n.partnerships[0].weight == 1.0);
  CHECK(r.warnings.empty());
}

TEST_CASE("CSV: line numbers count the lines inside quoted cells", "[csv]") {
  const std::string schools = kSchoolsHeader +
                              "S1,\"Achnasheen\nPrimary\",Highland,primary,12,true,57.58,-5.07\n"
                              "S2,\"Dingwall\n\nAcademy\",Highland,secondary,abc,false,57.59,-4.43\n"
                              "S3,Tain,Highland,secondary,-3,maybe,95,-4.05\n";
  CHECK(errors_of({{"schools.csv", schools}, {"partnerships.csv", kPartnershipsHeader}}) ==
        std::vector<std::string>{
            "net/schools.csv:4: roll: must be a whole number ≥ 0, got \"abc\"",
            "net/schools.csv:7: roll: must be a whole number ≥ 0, got number -3",
            "net/schools.csv:7: rural: must be true or false, got \"maybe\"",
            "net/schools.csv:7: lat: must be between -90 and 90 (degrees north), got 95"});
}

TEST_CASE("CSV: lone CR line ends and blank lines", "[csv]") {
  const std::string schools = "id,name,roll\r\rS1,A,1\r\rS2,B,x\r";
  CHECK(errors_of({{"schools.csv", schools}, {"partnerships.csv", kPartnershipsHeader}}) ==
        std::vector<std::string>{"net/schools.csv:5: roll: must be a whole number ≥ 0, got \"x\""});
}

TEST_CASE("CSV: cells become typed fields; empty cells are absent", "[csv]") {
  const auto r = load(
      {{"schools.csv", "id,name,roll,lat,lon,rural,region:text,count:json,tags:json\n"
                       "S1,One,12,57,-5.5,No,north,3,\"[\"\"a\"\",1]\"\n"
                       "S2,Two,,,,,,,\n"},
       {"staff.csv", "id,school,role\nT1,S1,headteacher\nT2,S2,\n"},
       {"partnerships.csv", kPartnershipsHeader + "P1,S1,S2,one-way,joint-cpd,2.5,4,\" T1 ; T2;\",,"
                                                  "2024-01-31,\n,S2,S1,,,,,,,,\n"}});
  const Network& n = r.network;
  const School& s1 = n.schools[0];
  CHECK(s1.roll == 12);
  CHECK(s1.lat == 57.0);
  CHECK(s1.lon == -5.5);
  CHECK(s1.rural == false);
  CHECK(s1.extra == ExtraAttributes{{"count", "3"}, {"region", "\"north\""}, {"tags", "[\"a\",1]"}});
  const School& s2 = n.schools[1];
  CHECK(!s2.roll);
  CHECK(!s2.lat);
  CHECK(!s2.rural);
  CHECK(s2.extra.empty());
  CHECK(n.staff[1].role.empty());
  const Partnership& p = n.partnerships[0];
  CHECK(p.direction == Direction::one_way);
  CHECK(p.weight == 2.5);
  CHECK(p.level == 4);
  CHECK(p.staff == std::vector<std::size_t>{0, 1});
  CHECK(p.since == "2024-01-31");
  CHECK(!p.until);
  CHECK(n.partnerships[1].id_generated);
  CHECK(n.partnerships[1].id == "partnership-2");
}

TEST_CASE("CSV: groupings take their members from memberships.csv, in order", "[csv]") {
  const auto r = load({{"schools.csv", kTwoSchools + "S3,Tain,Highland,,,,,\n"},
                       {"groupings.csv", "id,name,kind,basis\nG1,Dingwall ASG,cluster,geographic\n"
                                         "G2,Pair,twinning,\n"},
                       {"memberships.csv", "grouping,school\nG1,S3\nG2,S1\nG1,S1\nG2,S2\n"},
                       {"partnerships.csv", kPartnershipsHeader + "P1,S1,S3,,,,,,G1,,\n"},
                       {"meta.csv", "name,as_of\n\"Ross, and Cromarty\",2024-06-30\n"}});
  const Network& n = r.network;
  REQUIRE(n.groupings.size() == 2);
  CHECK(n.groupings[0].members == std::vector<std::size_t>{2, 0});
  CHECK(n.groupings[1].members == std::vector<std::size_t>{0, 1});
  CHECK(n.groupings[1].basis.empty());
  CHECK(n.partnerships[0].grouping == 0u);
  CHECK(n.name == "Ross, and Cromarty");
  CHECK(n.as_of == "2024-06-30");
}

TEST_CASE("CSV: header problems are located errors", "[csv]") {
  CHECK(errors_of({{"schools.csv", ""}, {"partnerships.csv", kPartnershipsHeader}}) ==
        std::vector<std::string>{"net/schools.csv:1: header: the file is empty; its first line "
                                 "must name the columns, at least id,name"});
  CHECK(errors_of({{"schools.csv", "id,roll\nS1,3\n"}, {"partnerships.csv", kPartnershipsHeader}}) ==
        std::vector<std::string>{"net/schools.csv:1: header: missing required column \"name\""});
  CHECK(errors_of({{"schools.csv", "id,nmae\nS1,A\n"}, {"partnerships.csv", kPartnershipsHeader}}) ==
        std::vector<std::string>{
            "net/schools.csv:1: header: unknown column \"nmae\" (did you mean \"name\"?); "
            "schools.csv knows the columns id,name,authority,sector,roll,rural,lat,lon "
            "(docs/format.md lists the other headers it understands). Rename the column to one "
            "of them, rename it \"nmae:text\" to keep it as your own attribute, or give "
            "--keep-unknown-columns",
            "net/schools.csv:1: header: missing required column \"name\" (is \"nmae\" misspelt?)"});
  CHECK(errors_of({{"schools.csv", "id,name,roll,roll\n"}, {"partnerships.csv", kPartnershipsHeader}}) ==
        std::vector<std::string>{"net/schools.csv:1: header: column \"roll\" appears twice "
                                 "(columns 3 and 4); keep one"});
  CHECK(errors_of({{"schools.csv", "id,name,\n"}, {"partnerships.csv", kPartnershipsHeader}}) ==
        std::vector<std::string>{"net/schools.csv:1: header: column 3 has no name; name it, or "
                                 "remove the extra comma at the end of the line"});
}

TEST_CASE("CSV: syntax and row problems are located errors", "[csv]") {
  CHECK(errors_of({{"schools.csv", kSchoolsHeader + "S1,St Mary\"s,,,,,,\n"},
                   {"partnerships.csv", kPartnershipsHeader}}) ==
        std::vector<std::string>{
            "net/schools.csv:2: name: misplaced double quote (\"): a cell with a quote in it must "
            "be wholly in double quotes, with each inner quote doubled, e.g. \"The \"\"Star\"\" "
            "School\""});
  CHECK(errors_of({{"schools.csv", kSchoolsHeader + "S1,A,,,,,,\nS2,\"B,,,,,,\nS3,C,,,,,,\n"},
                   {"partnerships.csv", kPartnershipsHeader}}) ==
        std::vector<std::string>{"net/schools.csv:3: name: the quoted cell that starts on this line "
                                 "is never closed; add the missing closing double quote (\")"});
  CHECK(errors_of({{"schools.csv", kSchoolsHeader + "S1,Smith, John,,,,,,\nS2,B\n"},
                   {"partnerships.csv", kPartnershipsHeader}}) ==
        std::vector<std::string>{
            "net/schools.csv:2: row has 9 cells but the header has 8 columns; a value holding a "
            "comma must be in double quotes, e.g. \"Smith, John\"",
            "net/schools.csv:3: row has 2 cells but the header has 8 columns; give every column a "
            "cell (an empty cell is written ,,)"});
  CHECK(errors_of({{"schools.csv", "id,name\nS1,Acad\xE9my\n"},
                   {"partnerships.csv", kPartnershipsHeader}}) ==
        std::vector<std::string>{"net/schools.csv:2: name: is not valid UTF-8 text: \"Acad\\xE9my\" "
                                 "(save the file as UTF-8)"});
  CHECK(errors_of({{"schools.csv", "id,name,tags:json\nS1,A,[x\n"},
                   {"partnerships.csv", kPartnershipsHeader}}) ==
        std::vector<std::string>{
            "net/schools.csv:2: tags:json: is not valid JSON: \"[x\" (a column named KEY:json "
            "holds JSON values: \"text\" in quotes, numbers, true, [arrays]; or rename the column "
            "to \"tags\" for plain text)"});
}

TEST_CASE("CSV: missing files and memberships are located", "[csv]") {
  CHECK(errors_of({{"partnerships.csv", kPartnershipsHeader}}) ==
        std::vector<std::string>{
            "net/schools.csv: file not found; a CSV network folder needs schools.csv and "
            "partnerships.csv (staff.csv, groupings.csv, memberships.csv and meta.csv are "
            "optional)"});
  const std::string groupings = "id,name\nG1,Dingwall ASG\n";
  CHECK(errors_of({{"schools.csv", kTwoSchools}, {"partnerships.csv", kPartnershipsHeader},
                   {"groupings.csv", groupings},
                   {"memberships.csv", "grouping,school\nG1,S1\nG2,S1\nG1,S7\nG1,S1\n,S2\n"}}) ==
        std::vector<std::string>{
            "net/memberships.csv:3: grouping: unknown grouping id \"G2\" (not in groupings.csv); "
            "did you mean \"G1\"?",
            "net/memberships.csv:5: school: school \"S1\" is already a member of grouping \"G1\" "
            "(line 2); remove the repeated row",
            "net/memberships.csv:6: grouping: is required",
            "net/memberships.csv:4: school: unknown school id \"S7\"; did you mean \"S1\" "
            "(Achnasheen Primary) or \"S2\" (Dingwall Academy)?"});
  CHECK(errors_of({{"schools.csv", kTwoSchools}, {"partnerships.csv", kPartnershipsHeader},
                   {"groupings.csv", groupings}}) ==
        std::vector<std::string>{"net/groupings.csv:2: members: has no schools; list them in "
                                 "memberships.csv, one row (grouping,school) per member"});
  CHECK(errors_of({{"schools.csv", kTwoSchools}, {"partnerships.csv", kPartnershipsHeader},
                   {"meta.csv", "name,as_of\nX,2024-02-30\n"}}) ==
        std::vector<std::string>{
            "net/meta.csv:2: as_of: \"2024-02-30\" is not a real date (February 2024 has 29 days)"});
}

TEST_CASE("CSV: a path that is not a folder", "[csv]") {
  const fs::path file = fs::path(COLLABNET_SOURCE_DIR) / "graphs" / "tiny.json";
  CHECK_THROWS_AS(load_network_csv(file), InputError);
}
