// `collabnet import survey` (docs/contract/survey-import.md) and confirmation in the analysis
// (analysis-output.md, "survey"). Expected values are worked out by hand from the small files
// written here, and for the realistic export in graphs/survey/ from its answer key, written
// with the file (not from the program's output).
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/load.hpp"
#include "collabnet/network_io.hpp"
#include "survey/survey_import.hpp"

#include "support.hpp"

namespace fs = std::filesystem;
using namespace collabnet;
using collabnet::testing::messages;
using collabnet::testing::raw_csv_rows;
using collabnet::testing::run;

namespace {

// Six schools: two Ellons, two St Mary's in different authorities, Pairc, Kemnay.
const char* kRegister = R"({"format": "collabnet/1", "name": "Register", "schools": [
  {"id": "A1", "name": "Ellon Academy", "authority": "Aberdeenshire", "roll": 1200},
  {"id": "P1", "name": "Ellon Primary School", "authority": "Aberdeenshire", "roll": 400},
  {"id": "M1", "name": "St Mary's Primary School", "authority": "Highland", "roll": 40, "rural": true},
  {"id": "M2", "name": "St Mary's Primary School", "authority": "Moray", "roll": 200},
  {"id": "G1", "name": "Pairc Primary School", "authority": "Na h-Eileanan an Iar", "roll": 9, "rural": true},
  {"id": "K1", "name": "Kemnay Academy", "authority": "Aberdeenshire", "roll": 800}
], "partnerships": []})";

struct Scratch : testing::TempDir {
  Scratch() : TempDir("collabnet-survey") {}
};

Network reg() { return load_network_json_text(kRegister, "register.json").network; }

const Partnership* between(const Network& n, const std::string& a, const std::string& b) {
  for (const Partnership& p : n.partnerships) {
    const std::string& f = n.schools[p.from].id;
    const std::string& t = n.schools[p.to].id;
    if ((f == a && t == b) || (f == b && t == a)) return &p;
  }
  return nullptr;
}

std::vector<std::string> ids(const Network& n, const std::vector<std::size_t>& v) {
  std::vector<std::string> out;
  for (std::size_t s : v) out.push_back(n.schools[s].id);
  return out;
}

std::string extra(const Partnership& p, const std::string& key) {
  for (const auto& e : p.extra)
    if (e.key == key) return e.json;
  return "";
}

}  // namespace

TEST_CASE("survey layout 1: Microsoft Forms joins partners with ';'", "[survey]") {
  Scratch s;
  const auto file = s.write(
      "answers.csv",
      "\xEF\xBB\xBFID,Start time,Completion time,Email,Name,Your school,Which schools do you "
      "work with?,How often?\r\n"
      "1,1/6/2026 9:00,1/6/2026 9:10,a@x,Ann,Ellon Acad,Kemnay Acad;Ellon PS;,monthly\r\n"
      "2,1/6/2026 9:00,1/6/2026 9:20,b@x,Bob,Kemnay Academy,\"Ellon Academy;\nSt Marys PS\","
      "weekly\r\n");
  const auto r = survey::import_survey(file, "answers.csv", reg(), {});
  const Network& n = r.network;
  REQUIRE(n.partnerships.size() == 2);
  // Ellon Academy ↔ Kemnay named by both: weight mean of monthly (3) and weekly (12).
  const Partnership* ek = between(n, "A1", "K1");
  REQUIRE(ek);
  CHECK(ek->id == "S1");
  CHECK(ek->weight == Approx(7.5));
  CHECK(ids(n, ek->reported_by) == std::vector<std::string>{"A1", "K1"});
  const Partnership* ep = between(n, "A1", "P1");
  REQUIRE(ep);
  CHECK(ep->weight == 3);
  CHECK(ids(n, ep->reported_by) == std::vector<std::string>{"A1"});
  // St Marys PS from Kemnay (Aberdeenshire): neither St Mary's is in its authority.
  REQUIRE(r.matches.size() == 6);  // 2 respondents + 4 partner names
  const auto& marys = r.matches.back();
  CHECK(marys.typed == "St Marys PS");
  CHECK(marys.result == "ambiguous");
  CHECK(marys.candidates.size() == 2);
  CHECK(marys.line == 3);
  REQUIRE(n.survey);
  CHECK(ids(n, n.survey->respondents) == std::vector<std::string>{"A1", "K1"});
}

TEST_CASE("survey layout 2: numbered partner columns, direction and merging", "[survey]") {
  Scratch s;
  const auto file = s.write(
      "answers.csv",
      "Timestamp,Your school,Partner school 1,How often 1,Support 1,Partner school 2,"
      "How often 2,Support 2\n"
      "2026-06-01 10:00,Pàirc PS,St Mary's,termly,We support them,Ellon Academy,2,Both\n"
      "2026-06-02 10:00,St Mary's Primary School (Highland),,,,,,\n");
  survey::ImportOptions o;
  const auto aliases = s.write("aliases.csv", "typed,id\nSt Mary's Primary School (Highland),M1\n");
  o.aliases = aliases;
  const auto r = survey::import_survey(file, "answers.csv", reg(), o);
  const Network& n = r.network;
  // "St Mary's" from a Western Isles school: two candidates, none in its authority.
  REQUIRE(r.matches.size() == 4);
  CHECK(r.matches[0].result == "exact name");  // Pàirc PS → pairc primary
  CHECK(r.matches[1].result == "alias");       // the respondent of row 3
  CHECK(r.matches[2].result == "ambiguous");
  CHECK(r.matches[3].result == "exact name");
  REQUIRE(n.partnerships.size() == 1);
  CHECK(n.schools[n.partnerships[0].from].id == "G1");
  CHECK(n.partnerships[0].weight == 2);
  CHECK(n.partnerships[0].direction == Direction::mutual);
}

TEST_CASE("survey layout 3: one row per answer; directions that disagree", "[survey]") {
  Scratch s;
  const auto file = s.write("answers.csv",
                            "School name,Partner,Direction of support\n"
                            "Ellon Academy,Kemnay Academy,we support them\n"
                            "Kemnay Academy,Ellon Academy,we support them\n"
                            "Ellon Academy,Ellon Primary School,they support us\n"
                            "Ellon Primary School,Ellon Academy,we support them\n"
                            "Kemnay Academy,Kemnay Academy,both\n");
  const auto r = survey::import_survey(file, "answers.csv", reg(), {});
  const Network& n = r.network;
  REQUIRE(n.partnerships.size() == 2);
  const Partnership* ek = between(n, "A1", "K1");
  REQUIRE(ek);
  CHECK(ek->direction == Direction::mutual);  // each says it supports the other
  CHECK(extra(*ek, "direction_answers") ==
        R"([{"by":"A1","direction":"A1 supports K1"},{"by":"K1","direction":"K1 supports A1"}])");
  const Partnership* ep = between(n, "A1", "P1");
  REQUIRE(ep);
  CHECK(ep->direction == Direction::one_way);  // both say the primary supports the academy
  CHECK(n.schools[ep->from].id == "P1");
  CHECK(n.schools[ep->to].id == "A1");
  // Kemnay naming itself: a located warning, dropped.
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].to_string() ==
        "answers.csv:6: warning: Partner: \"Kemnay Academy\" is the answering school itself; dropped");
}

TEST_CASE("survey: a school answering twice, its latest answer counts", "[survey]") {
  Scratch s;
  const auto file = s.write("answers.csv",
                            "ID,Completion time,Your school,Partner schools\n"
                            "1,16/06/2026 09:20,Ellon Academy,Kemnay Academy\n"
                            "2,14/06/2026 10:00,Ellon Academy,Ellon PS\n");
  const auto r = survey::import_survey(file, "answers.csv", reg(), {});
  REQUIRE(r.network.partnerships.size() == 1);
  CHECK(between(r.network, "A1", "K1"));  // 16 June is later than 14 June (day first)
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].to_string() ==
        "answers.csv:3: warning: Your school: \"Ellon Academy\" (A1) answered twice (lines 2 and 3); its "
        "latest answer, line 2, counts");
}

TEST_CASE("survey: errors are located and nothing is written", "[survey]") {
  Scratch s;
  const auto reg_file = s.write("register.json", kRegister);
  const auto file = s.write("answers.csv",
                            "Your school,Partner schools\n"
                            "Elon Academy,Kemnay Academy\n"
                            "Nowhere High,Kemnay Academy\n"
                            "Kemnay Academy,St Marys\n");
  const auto out = s.dir / "out.json";
  const auto res = run({"import", "survey", file.string(), "--register", reg_file.string(), "-o",
                        out.string()});
  CHECK(res.code == 2);
  CHECK(!fs::exists(out));
  CHECK(res.err.find(file.string() + ":3: Your school: \"Nowhere High\" matches no school of the "
                                     "register (unmatched). Add it to the alias file (--aliases: "
                                     "typed,id), or skip such rows with "
                                     "--skip-unmatched-respondents") != std::string::npos);
  // --strict: the ambiguous "St Marys" is an error too; with skipping, only it is.
  const auto strict = run({"import", "survey", file.string(), "--register", reg_file.string(),
                           "-o", out.string(), "--strict", "--skip-unmatched-respondents"});
  CHECK(strict.code == 2);
  CHECK(!fs::exists(out));
  CHECK(strict.err.find(":4: Partner schools: \"St Marys\" is ambiguous") != std::string::npos);
  const auto ok = run({"import", "survey", file.string(), "--register", reg_file.string(), "-o",
                       out.string(), "--skip-unmatched-respondents"});
  CHECK(ok.code == 0);
  CHECK(fs::exists(out));
}

TEST_CASE("survey: confirmation, figures, disputed-link and --ties", "[survey]") {
  // A1 and K1 both name each other (confirmed); A1 names P1, which answered without naming
  // it (disputed); K1 names G1, which did not answer (unconfirmed); one authority record
  // without reported_by (not surveyed).
  const char* text = R"({"format": "collabnet/1", "name": "n", "schools": [
    {"id": "A1", "name": "Ellon Academy"}, {"id": "P1", "name": "Ellon Primary School"},
    {"id": "K1", "name": "Kemnay Academy"}, {"id": "G1", "name": "Pairc Primary School", "roll": 9, "rural": true},
    {"id": "M1", "name": "St Mary's", "roll": 500}],
    "partnerships": [
      {"id": "S1", "from": "A1", "to": "K1", "reported_by": ["A1", "K1"]},
      {"id": "S2", "from": "A1", "to": "P1", "reported_by": ["A1"]},
      {"id": "S3", "from": "K1", "to": "G1", "reported_by": ["K1"]},
      {"id": "R1", "from": "P1", "to": "M1"}],
    "survey": {"name": "June", "respondents": ["A1", "K1", "P1"]}})";
  const Network n = load_network_json_text(text, "n.json").network;
  const Analysis all = analyse(n, {});
  REQUIRE(all.survey);
  CHECK(all.survey->respondents == 3);
  CHECK(all.survey->response_rate == Approx(0.6));
  CHECK(all.survey->confirmed == 1);
  CHECK(all.survey->disputed == 1);
  CHECK(all.survey->unconfirmed == 1);
  CHECK(all.survey->not_surveyed == 1);
  CHECK(ids(n, all.survey->non_respondents) == std::vector<std::string>{"G1", "M1"});
  CHECK(all.network.partnerships == 4);
  const auto disputed = std::count_if(all.findings.begin(), all.findings.end(),
                                      [](const Finding& f) { return f.kind == "disputed-link"; });
  CHECK(disputed == 1);
  Settings confirmed;
  confirmed.confirmed_ties_only = true;
  const Analysis only = analyse(n, confirmed);
  CHECK(only.network.partnerships == 2);  // S1 and R1
  CHECK(only.survey->left_out == 2);
  // reported_by must name the partnership's own schools.
  const char* bad = R"({"format": "collabnet/1", "schools": [{"id": "A", "name": "a"},
    {"id": "B", "name": "b"}, {"id": "C", "name": "c"}],
    "partnerships": [{"from": "A", "to": "B", "reported_by": ["C"]}]})";
  try {
    load_network_json_text(bad, "bad.json");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(messages(e) == std::vector<std::string>{
                             "bad.json: partnerships[0].reported_by[0]: school \"C\" is neither "
                             "from (\"A\") nor to (\"B\"); only the two schools of a partnership "
                             "can report it"});
  }
}

TEST_CASE("survey: the realistic export gives no wrong match", "[survey]") {
  const fs::path dir = fs::path(COLLABNET_SOURCE_DIR) / "graphs" / "survey";
  const Network reg_net = load_network(fs::path(COLLABNET_SOURCE_DIR) / "graphs" /
                                       "northern-alliance.json")
                              .network;
  survey::ImportOptions o;
  o.aliases = dir / "aliases.csv";
  const auto r = survey::import_survey(dir / "answers.csv", "answers.csv", reg_net, o);
  // The answer key was written with the export: typed name → the school meant ("" none).
  std::map<std::string, std::string> key;
  const auto rows = raw_csv_rows(dir / "answer-key.csv");
  for (std::size_t i = 1; i < rows.size(); ++i) key[rows[i][0]] = rows[i].size() > 1 ? rows[i][1] : "";
  std::size_t wrong = 0, missed = 0;
  for (const auto& m : r.matches) {
    INFO(m.typed << " -> " << m.result << " " << m.id);
    REQUIRE(key.count(m.typed));
    if (!m.id.empty() && m.id != key[m.typed]) ++wrong;
    if (m.id.empty() && !key[m.typed].empty()) ++missed;
  }
  CHECK(wrong == 0);
  CHECK(missed == 0);
  // 23 Western Isles schools asked in a 637-school register; 18 answered (Stornoway twice).
  CHECK(r.network.survey->respondents.size() == 18);
}

TEST_CASE("survey: hostile cells stay text and never match", "[survey]") {
  Scratch s;
  const std::string long_name(10000, 'x');
  const auto file = s.write("answers.csv",
                            "Your school,Partner schools\n"
                            "Ellon Academy,\"=HYPERLINK(\"\"http://evil\"\",\"\"Kemnay\"\")\"\n"
                            "Kemnay Academy," + long_name + "\n"
                            "Ellon Primary School,Kemnay\xE2\x80\xAE Academy\n");
  const auto r = survey::import_survey(file, "answers.csv", reg(), {});
  REQUIRE(r.matches.size() == 6);
  CHECK(r.matches[3].result == "unmatched");  // the formula
  CHECK(r.matches[4].result == "unmatched");  // 10,000 letters: no typo matching, no match
  // A right-to-left override splits the words: "kemnay academy" all the same, by exact name.
  CHECK(r.matches[5].result == "exact name");
  CHECK(r.network.partnerships.size() == 1);
  const std::string csv = survey::matches_to_csv(r.matches, reg());
  CHECK(csv.find(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"Kemnay\"\")\",unmatched,") !=
        std::string::npos);
  // A file saved as UTF-16 is refused as a whole, and nothing is written.
  const auto reg_file = s.write("register.json", kRegister);
  const auto utf16 = s.write("utf16.csv", std::string("\xFF\xFEY\0o\0u\0r\0", 10));
  const auto out = s.dir / "out.json";
  const auto res =
      run({"import", "survey", utf16.string(), "--register", reg_file.string(), "-o", out.string()});
  CHECK(res.code == 2);
  CHECK(!fs::exists(out));
}

TEST_CASE("survey: survey and reported_by round-trip through JSON and a CSV folder", "[survey]") {
  Scratch s;
  const auto file = s.write("answers.csv",
                            "Your school,Partner schools\n"
                            "Ellon Academy,Kemnay Academy;Ellon PS\n"
                            "Kemnay Academy,Ellon Academy\n");
  survey::ImportOptions o;
  o.survey_name = "June";
  o.closed = "2026-06-19";
  const Network n = survey::import_survey(file, "answers.csv", reg(), o).network;
  const Network from_json = load_network_json_text(network_to_json(n), "n.json").network;
  CHECK(from_json == n);
  for (const auto& [name, text] : network_to_csv(n)) s.write("folder/" + name, text);
  const auto meta = raw_csv_rows(s.dir / "folder" / "meta.csv");
  CHECK(meta[0] == std::vector<std::string>{"name", "as_of", "survey_name", "survey_closed",
                                            "survey_respondents"});
  CHECK(meta[1][4] == "A1;K1");
  const Network from_csv = load_network_csv(s.dir / "folder").network;
  REQUIRE(from_csv.survey);
  CHECK(from_csv.survey == n.survey);
  REQUIRE(from_csv.partnerships.size() == 2);
  CHECK(from_csv.partnerships[0].reported_by == n.partnerships[0].reported_by);
  CHECK(from_csv.partnerships[1].reported_by == n.partnerships[1].reported_by);
}

TEST_CASE("survey: hostile partner names are accepted as text, never run or reordered",
          "[survey]") {
  // As partners (not as the answering school) such names are answers like any other: matched
  // when their words are a school's name, else reported unmatched. Worked by hand: the formula
  // and the 10,000 letters match nothing; "=Ellon Academy" and "Kemnay<RLO> Academy" normalise
  // to exact names; so K1 names A1 and G1 names K1, each once: 2 partnerships, none confirmed.
  Scratch s;
  const auto reg_file = s.write("register.json", kRegister);
  const std::string long_name(10000, 'z');
  const auto file = s.write("answers.csv",
                            "Your school,Partner schools\n"
                            "Ellon Academy,\"=HYPERLINK(\"\"http://evil\"\",\"\"Kemnay\"\")\"\n"
                            "Kemnay Academy,=Ellon Academy\n"
                            "Pairc Primary School,Kemnay\xE2\x80\xAE Academy\n"
                            "Ellon Academy," + long_name + "\n");
  const auto out = s.dir / "out.json", matches = s.dir / "matches.csv";
  const auto res = run({"import", "survey", file.string(), "--register", reg_file.string(),
                        "--matches", matches.string(), "-o", out.string()});
  REQUIRE(res.code == 0);
  CHECK(res.out.empty());
  const Network n = load_network(out).network;
  REQUIRE(n.partnerships.size() == 2);
  CHECK(between(n, "K1", "A1") != nullptr);
  CHECK(between(n, "G1", "K1") != nullptr);
  std::ifstream in(matches, std::ios::binary);
  const std::string csv{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  CHECK(csv.find("\n2,Partner schools,\"'=HYPERLINK(\"\"http://evil\"\",\"\"Kemnay\"\")\","
                 "unmatched,,,0.000,\n") != std::string::npos);
  CHECK(csv.find("\n3,Partner schools,'=Ellon Academy,exact name,A1,Ellon Academy,1.000,") !=
        std::string::npos);
  // The right-to-left override is written as a visible escape, not as the character.
  CHECK(csv.find("\xE2\x80\xAE") == std::string::npos);
  CHECK(csv.find("\n4,Partner schools,Kemnay\\u202E Academy,exact name,K1,") != std::string::npos);
  CHECK(csv.find("\n5,Partner schools," + long_name + ",unmatched,,,0.000,\n") !=
        std::string::npos);
}

TEST_CASE("survey: a file with no answering school in the register writes nothing",
          "[survey]") {
  // Skipping unmatched respondents would leave no respondent at all: an error, not an empty
  // survey (line 2 is the first answer; its answering-school column is "Your school").
  Scratch s;
  const auto reg_file = s.write("register.json", kRegister);
  const auto file = s.write("answers.csv",
                            "Your school,Partner schools\n"
                            "Nowhere High,Kemnay Academy\n"
                            "Elsewhere Primary,Ellon Academy\n");
  const auto out = s.dir / "out.json";
  const auto res = run({"import", "survey", file.string(), "--register", reg_file.string(), "-o",
                        out.string(), "--skip-unmatched-respondents"});
  CHECK(res.code == 2);
  CHECK(!fs::exists(out));
  CHECK(res.err.find(file.string() + ":2: Your school: no row's answering school is in the "
                                     "register, so there is nothing to import; check that "
                                     "--register is the right network, or add the names to the "
                                     "alias file (--aliases: typed,id)") != std::string::npos);
}
