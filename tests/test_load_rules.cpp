// Loader rules added with the fast reader: weights (a warning above 1e6, an error when they sum
// past 1e300), ids free of control characters and
// noncharacters, names that warn, and CSV files that are not comma-separated UTF-8. Expected
// messages are written out by hand from the rules (docs/format.md).
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/analysis_output.hpp"
#include "collabnet/load.hpp"
#include "load/builder.hpp"
#include "support.hpp"

using namespace collabnet;

namespace {

std::string network_with(const std::string& school_b_name, const std::string& partnership) {
  return R"({"format":"collabnet/1","schools":[{"id":"A","name":"School A"},{"id":"B","name":)" +
         school_b_name + R"(}],"partnerships":[)" + partnership + "]}";
}

std::vector<std::string> warnings_of(const LoadResult& r) {
  std::vector<std::string> out;
  for (const auto& w : r.warnings) out.push_back(w.to_string());
  return out;
}

}  // namespace

TEST_CASE("weights: any number > 0 (a warning above 1,000,000), totals that stay finite") {
  const auto one_million = load_network_json_text(
      network_with(R"("B")", R"({"from":"A","to":"B","weight":1e6})"), "n.json");
  CHECK(one_million.network.partnerships[0].weight == 1e6);
  CHECK(one_million.warnings.empty());
  // Above 1e6: counted as given (the format allows any number > 0), with a warning.
  const auto large = load_network_json_text(
      network_with(R"("B")", R"({"from":"A","to":"B","weight":1000000.5})"), "n.json");
  CHECK(large.network.partnerships[0].weight == 1000000.5);
  CHECK(warnings_of(large) ==
        std::vector<std::string>{
            "n.json: warning: partnerships[0].weight: is unusually large for an intensity (e.g. "
            "joint activities per term): 1000000.5; check the scale (it is counted as given)"});
  // A total beyond 1e300 cannot be summed safely: an error where the running total passes it.
  // In a CSV folder, located by line: 2 + 1e308 passes it at line 3.
  const auto dir = testing::scratch_dir("weight-csv");
  std::ofstream(dir / "schools.csv") << "id,name\nA,School A\nB,School B\n";
  std::ofstream(dir / "partnerships.csv") << "from,to,weight\nA,B,2\nB,A,1e308\n";
  try {
    (void)load_network(dir);
    FAIL("weights adding up to 1e308 loaded");
  } catch (const InputError& e) {
    const std::string at = dir.string() + "/partnerships.csv:3: ";
    CHECK(testing::messages(e) ==
          std::vector<std::string>{
              at + "warning: weight: is unusually large for an intensity (e.g. joint activities "
                   "per term): 1e+308; check the scale (it is counted as given)",
              at + "weight: the weights of the partnerships up to this one add up to more than "
                   "1e300, too large to sum; give the weights on a smaller scale (intensities, "
                   "e.g. joint activities per term)"});
  }
}

TEST_CASE("weights: huge but summable weights give finite figures everywhere") {
  // A–B 1e150 twice, B–C 1: strengths 2e150, 2e150 + 1, 1. Modularity's k_i·k_j (4e300) would
  // still fit, but with 1e200 it would not: Louvain must scale, every figure must stay finite.
  const std::string text =
      R"({"format":"collabnet/1","schools":[{"id":"A","name":"a"},{"id":"B","name":"b"},)"
      R"({"id":"C","name":"c"}],"partnerships":[{"from":"A","to":"B","weight":1e200},)"
      R"({"from":"B","to":"A","weight":1e200},{"from":"B","to":"C","weight":1}]})";
  const Network net = load_network_json_text(text, "n.json").network;
  const Analysis a = analyse(net, {});
  CHECK(a.schools[0].strength == 2e200);
  CHECK(a.schools[2].strength == 1);
  double pagerank = 0;
  for (const auto& s : a.schools) {
    CHECK(std::isfinite(s.pagerank));
    CHECK(std::isfinite(s.betweenness));
    pagerank += s.pagerank;
  }
  CHECK(pagerank == Approx(1.0));
  // The JSON (which writes NaN and inf as null) has numbers for every school's figures.
  const auto doc = nlohmann::json::parse(analysis_to_json(net, a));
  for (const auto& school : doc["schools"])
    for (const char* key : {"strength", "pagerank", "betweenness", "closeness"})
      CHECK(school[key].is_number());
}

TEST_CASE("ids: control characters and noncharacters are refused, everywhere an id is") {
  using load::first_unwanted_char;
  CHECK(!first_unwanted_char("S-001 é 中 😀"));
  CHECK(first_unwanted_char("a\tb") == U'\t');
  CHECK(first_unwanted_char("a\tb", "\t") == std::nullopt);
  CHECK(first_unwanted_char("x\xC2\x85") == U'\u0085');           // NEL, a C1 control
  CHECK(first_unwanted_char("x\x7F") == U'\x7F');
  CHECK(first_unwanted_char("x\xEF\xB7\x90") == U'\uFDD0');
  CHECK(first_unwanted_char("x\xEF\xB7\xAF") == U'\uFDEF');
  CHECK(!first_unwanted_char("x\xEF\xB7\xB0"));                    // U+FDF0 is a character
  CHECK(first_unwanted_char("x\xEF\xBF\xBE") == U'\uFFFE');
  CHECK(first_unwanted_char("x\xF0\x9F\xBF\xBF") == U'\U0001FFFF');
  CHECK(first_unwanted_char("x\xF4\x8F\xBF\xBE") == U'\U0010FFFE');
  CHECK(!first_unwanted_char("x\xEF\xBF\xBD"));                    // U+FFFD is a character
  // Messages show such characters escaped, never raw.
  CHECK(load::quote("P\xEF\xBF\xBF") == "\"P\\uFFFF\"");
  CHECK(load::quote("P\xC2\x9B") == "\"P\\u009B\"");
  CHECK(load::quote("P\xF0\x9F\xBF\xBE") == "\"P\\U0001FFFE\"");
  CHECK(load::quote("Café") == "\"Café\"");

  // Two school ids that GraphML would merge (U+FFFE and U+FFFF both become U+FFFD).
  const std::string net =
      R"({"schools":[{"id":"S\uFFFE","name":"a"},{"id":"S\uFFFF","name":"b"}],"partnerships":[]})";
  try {
    (void)load_network_json_text(net, "n.json");
    FAIL("ids with noncharacters loaded");
  } catch (const InputError& e) {
    const auto m = testing::messages(e);
    REQUIRE(m.size() == 2);
    CHECK(m[0] ==
          "n.json: schools[0].id: must not contain the Unicode noncharacter U+FFFE, got "
          "\"S\\uFFFE\"; remove it (exports replace it, so two ids that differ only there would "
          "become one)");
  }
}

TEST_CASE("names: any text, but control characters and noncharacters give a warning") {
  // Tab and line breaks are ordinary in a name typed into a spreadsheet: no warning.
  CHECK(warnings_of(load_network_json_text(network_with(R"("B\tB\r\nB")", ""), "n.json"))
            .empty());
  CHECK(warnings_of(load_network_json_text(network_with(R"("B\u001b[31m")", ""), "n.json")) ==
        std::vector<std::string>{"n.json: warning: schools[1].name: contains the control "
                                 "character U+001B, which diagrams and exports show as U+FFFD; "
                                 "remove it"});
  // A staff name (personal data: never quoted) through the flat staff path.
  const std::string staff =
      R"({"schools":[{"id":"A","name":"a"}],"staff":[{"id":"T1","school":"A","name":"N\uFDD0"}],)"
      R"("groupings":[{"id":"G","name":"G\u0007","members":["A","A2"]}],"partnerships":[]})";
  try {
    (void)load_network_json_text(staff, "s.json");
    FAIL("an unknown member loaded");
  } catch (const InputError& e) {
    CHECK(testing::messages(e) ==
          std::vector<std::string>{
              "s.json: warning: staff[0].name: contains the Unicode noncharacter U+FDD0, which "
              "diagrams and exports show as U+FFFD; remove it",
              "s.json: warning: groupings[0].name: contains the control character U+0007, which "
              "diagrams and exports show as U+FFFD; remove it",
              "s.json: groupings[0].members[1]: unknown school id \"A2\"; did you mean \"A\" "
              "(a)?"});
  }
}

TEST_CASE("CSV files saved as UTF-16 or with ';' or tabs between columns say so") {
  const auto dir = testing::scratch_dir("csv-encoding");
  auto write = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(dir / name, std::ios::binary) << bytes;
  };
  auto first_message = [&]() -> std::string {
    try {
      (void)load_network(dir);
    } catch (const InputError& e) {
      return testing::messages(e).at(0);
    }
    return "loaded";
  };
  const std::string save_as =
      "save it as CSV UTF-8 (in Excel: File > Save As > \"CSV UTF-8 (Comma delimited)\")";
  write("partnerships.csv", "from,to\nA,B\n");
  // "id,name\n" in UTF-16 big-endian with its byte-order mark.
  write("schools.csv", std::string("\xFE\xFF\0i\0d\0,\0n\0a\0m\0e\0\n", 18));
  CHECK(first_message() == dir.string() + "/schools.csv:1: the file is UTF-16 text (it starts "
                                          "with the byte-order mark FE FF), not UTF-8; " + save_as);
  // One NUL byte on line 2 of UTF-8 text: damage, not an encoding.
  write("schools.csv", std::string("id,name\nA\0,x\n", 13));
  CHECK(first_message() == dir.string() + "/schools.csv:2: the file holds a NUL byte (character "
                                          "0), which no CSV text has; the file may be damaged: "
                                          "open it in a spreadsheet, check this line and save "
                                          "it again as CSV UTF-8");
  // UTF-16 without a byte-order mark ("id,name\n" little-endian): half its bytes are NUL.
  write("schools.csv", std::string("i\0d\0,\0n\0a\0m\0e\0\n\0", 16));
  CHECK(first_message() == dir.string() + "/schools.csv:1: the file holds NUL bytes, so it is "
                                          "probably UTF-16 text, not UTF-8; " + save_as);
  // Semicolons, after a blank line: the header is on line 2.
  write("schools.csv", "\nid;name\nA;\"St Mary's\"\n");
  CHECK(first_message() ==
        dir.string() + "/schools.csv:2: header: columns are separated by ';', not commas; save "
                       "the file with commas between columns (in Excel: File > Save As > \"CSV "
                       "UTF-8 (Comma delimited)\")");
  write("schools.csv", "id\tname\nA\tSchool A\n");
  CHECK(first_message() ==
        dir.string() + "/schools.csv:1: header: columns are separated by tabs, not commas; save "
                       "the file with commas between columns (in Excel: File > Save As > \"CSV "
                       "UTF-8 (Comma delimited)\")");
  // A comma-separated file whose names hold ';' is fine.
  write("schools.csv", "id,name\nA,Primary; Nursery\nB,b\n");
  CHECK(first_message() == "loaded");
}
