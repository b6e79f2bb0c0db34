// The command line's safety and messages: outputs that would overwrite an input, untrusted text
// on a terminal, formulas in CSV files for spreadsheets, and the exact wording of messages.
// Every expected text is written out by hand from the rule it checks.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "collabnet/diagnostic.hpp"
#include "collabnet/load.hpp"
#include "collabnet/network_io.hpp"
#include "collabnet/output_file.hpp"
#include "output/format.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using collabnet::testing::Run;
using collabnet::testing::raw_csv_rows;
using collabnet::testing::run;

namespace {

/// A fresh folder per test, removed afterwards; paths as strings, for command lines.
struct Dir : collabnet::testing::TempDir {
  Dir() : TempDir("collabnet-cli-safety") {}
  const fs::path& path = dir;
  std::string write(const std::string& name, const std::string& text) const {
    return TempDir::write(name, text).string();
  }
  std::string operator/(const std::string& name) const { return (dir / name).string(); }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Names of the entries of a folder, sorted.
std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

/// Three schools in a line, no warnings: A — B — C.
const std::string kLine = R"({"format": "collabnet/1", "name": "Line",
  "schools": [{"id": "A", "name": "Ardmore"}, {"id": "B", "name": "Balfour"},
              {"id": "C", "name": "Carron"}],
  "partnerships": [{"from": "A", "to": "B"}, {"from": "B", "to": "C"}]})";

}  // namespace

// ---------------------------------------------------------------------------------------------
// 1. An output that is an input is refused before any work, and nothing is written.

TEST_CASE("cli safety: every writing command refuses to overwrite its input") {
  Dir d;
  const std::string net = d.write("net.json", kLine);
  const std::vector<std::string> before = entries(d.path);
  const std::string same =
      ": --output: is the same file as the network being read (" + net +
      "); writing it would overwrite your input: choose another file name\n";
  const std::vector<std::vector<std::string>> commands = {
      {"analyse", net, "-o", net},
      {"analyse", net, "--format", "json", "-o", net},
      {"render", net, "--format", "svg", "-o", net},
      {"report", net, "-o", net},
      {"export", net, "--to", "graphml", "-o", net},
      {"export", net, "--to", "gexf", "-o", net},
      {"export", net, "--to", "geojson", "-o", net},
  };
  for (const auto& args : commands) {
    const Run r = run(args);
    INFO(args[0] << " " << args[args.size() - 2]);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == net + same);
    CHECK(slurp(net) == kLine);
  }
  CHECK(entries(d.path) == before);
}

TEST_CASE("cli safety: the same file by another path, link or hard link is refused") {
  Dir d;
  const std::string net = d.write("net.json", kLine);
  fs::create_symlink(net, d / "link.json");
  fs::create_hard_link(net, d / "hard.json");
  fs::create_directory(d / "sub");
  for (const std::string& out :
       {d / "./net.json", d / "sub/../net.json", d / "link.json", d / "hard.json"}) {
    const Run r = run({"analyse", net, "--format", "json", "-o", out});
    INFO(out);
    CHECK(r.code == 2);
    CHECK(r.err == out + ": --output: is the same file as the network being read (" + net +
                       "); writing it would overwrite your input: choose another file name\n");
  }
  CHECK(slurp(net) == kLine);
  CHECK(fs::is_symlink(d / "link.json"));
}

TEST_CASE("cli safety: the --config file is an input too") {
  Dir d;
  const std::string net = d.write("net.json", kLine);
  const std::string config = d.write("settings.json", R"({"threads": 1})");
  const Run r = run({"report", net, "--config", config, "-o", config});
  CHECK(r.code == 2);
  CHECK(r.err == config + ": --output: is the same file as the --config settings file (" +
                     config + "); writing it would overwrite your input: choose another file "
                              "name\n");
  CHECK(slurp(config) == R"({"threads": 1})");
}

TEST_CASE("cli safety: a CSV output folder that is or holds the input is refused") {
  Dir d;
  const std::string net = d.write("net/net.json", kLine);
  const std::string folder = d / "net";
  // The folder holds the network file.
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"analyse", net, "--format", "csv", "-o", folder},
           {"export", net, "--to", "csv", "-o", folder + "/"},
           {"export", net, "--to", "csv", "-o", d.path.string()}}) {
    const Run r = run(args);
    CHECK(r.code == 2);
    CHECK(r.err == args.back() + ": --output: holds the network being read (" + net +
                       "), and the CSV files would replace the whole folder: choose a new or "
                       "empty folder\n");
  }
  CHECK(entries(folder) == std::vector<std::string>{"net.json"});

  // The folder is the network (a CSV folder exported earlier).
  const std::string csv = d / "csv";
  REQUIRE(run({"export", net, "--to", "csv", "-o", csv}).code == 0);
  const std::string schools = slurp(csv + "/schools.csv");
  const Run again = run({"export", csv, "--to", "csv", "-o", csv});
  CHECK(again.code == 2);
  CHECK(again.err == csv + ": --output: is the same path as the network being read (" + csv +
                         "); the CSV files would replace it: choose a new or empty folder\n");
  const Run analysed = run({"analyse", csv, "--format", "csv", "-o", csv});
  CHECK(analysed.code == 2);
  CHECK(slurp(csv + "/schools.csv") == schools);

  // A file output inside the network folder, over one of its files.
  const Run into = run({"import", "csv", csv, "-o", csv + "/schools.csv"});
  CHECK(into.code == 2);
  CHECK(into.err == csv + "/schools.csv: --output: is a file inside the CSV folder being read (" +
                        csv + "); writing it would change your input: write outside that "
                              "folder\n");
  CHECK(slurp(csv + "/schools.csv") == schools);
  // A new file beside the network's files changes none of them: allowed.
  CHECK(run({"render", csv, "-o", csv + "/diagram.dot"}).code == 0);
}

TEST_CASE("cli safety: import commands refuse to overwrite the file they read") {
  Dir d;
  const std::string list = d.write("list.csv", "not read at all\n");
  for (const char* kind : {"scotland", "gias-groups"}) {
    const Run r = run({"import", kind, list, "-o", list});
    INFO(kind);
    CHECK(r.code == 2);
    CHECK(r.err == list + ": --output: is the same file as the CSV file being read (" + list +
                       "); writing it would overwrite your input: choose another file name\n");
    CHECK(slurp(list) == "not read at all\n");
  }
  const std::string folder = d / "f";
  fs::create_directory(folder);
  const Run r = run({"import", "csv", folder, "-o", folder});
  CHECK(r.code == 2);
  CHECK(r.err == folder + ": --output: is the same file as the CSV folder being read (" +
                     folder + "); writing it would overwrite your input: choose another file "
                              "name\n");
}

// ---------------------------------------------------------------------------------------------
// 2. Untrusted text reaches a terminal escaped.

TEST_CASE("cli safety: printable escapes controls, bidi controls and broken UTF-8 visibly") {
  using collabnet::output::printable;
  CHECK(printable("a\x1b[2Jb") == "a\\u001B[2Jb");
  CHECK(printable("tab\there\nnew\r") == "tab\\u0009here\\u000Anew\\u000D");
  CHECK(printable(std::string("nul\0x", 5)) == "nul\\u0000x");
  CHECK(printable("del\x7F") == "del\\u007F");
  CHECK(printable("\xC2\x85\xC2\x9B") == "\\u0085\\u009B");               // C1: NEL, CSI
  CHECK(printable("\xE2\x80\xAE" "evil\xE2\x80\xAC") == "\\u202Eevil\\u202C");  // RLO … PDF
  CHECK(printable("\xE2\x81\xA6x\xE2\x81\xA9") == "\\u2066x\\u2069");      // LRI … PDI
  CHECK(printable("\xE2\x80\x8F\xD8\x9C") == "\\u200F\\u061C");            // RLM, ALM
  CHECK(printable("\xE2\x80\xA8") == "\\u2028");                          // line separator
  CHECK(printable("\xFF") == "\\xFF");
  CHECK(printable("\xE2\x80") == "\\xE2\\x80");        // truncated
  CHECK(printable("\xC0\xAF") == "\\xC0\\xAF");        // overlong '/'
  CHECK(printable("\xED\xA0\x80") == "\\xED\\xA0\\x80");  // a surrogate
  // Kept as they are: text, accents, other scripts, emoji, a backslash, zero-width joiner.
  const std::string kept =
      "Caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x98\x80 \\u202E \xD7\xA9\xD7\x9C\xE2\x80\x8D";
  CHECK(printable(kept) == kept);
}

TEST_CASE("cli safety: analyse text and the check summary escape names") {
  Dir d;
  const std::string net = d.write("hostile.json", R"({"format": "collabnet/1",
    "name": "Net\u001b]0;pwned\u0007 \u202eevil\u202c",
    "schools": [{"id": "A", "name": "Ardmore"}, {"id": "B", "name": "Balfour"},
                {"id": "C", "name": "Beta\u2066x\u2069y"}],
    "partnerships": [{"from": "A", "to": "B"}]})");
  const Run text = run({"analyse", net});
  REQUIRE(text.code == 0);
  CHECK(text.out.rfind("collabnet analysis: Net\\u001B]0;pwned\\u0007 \\u202Eevil\\u202C\n", 0) ==
        0);
  CHECK(text.out.find("    - Beta\\u2066x\\u2069y (C) has no partnership with any other "
                      "school.\n") != std::string::npos);
  for (const char* raw : {"\x1b", "\x07", "\xE2\x80\xAE", "\xE2\x81\xA6"})
    CHECK(text.out.find(raw) == std::string::npos);

  const Run check = run({"check", net});
  REQUIRE(check.code == 0);
  CHECK(check.out == net + ": valid collabnet network\n"
                           "  name          Net\\u001B]0;pwned\\u0007 \\u202Eevil\\u202C\n"
                           "  schools       3: 0 with a roll, 0 with a location, 0 rural\n"
                           "  staff         0\n"
                           "  groupings     0\n"
                           "  partnerships  1: 1 mutual, 0 one-way, between 1 pairs of schools; 0 "
                           "name their staff\n"
                           "  warnings      0\n");
}

TEST_CASE("cli safety: error messages quoting the user's text are escaped") {
  Dir d;
  const std::string net = d.write("bad.json",
                                  "{\"schools\": [{\"id\": \"A\", \"name\": \"a\", \"sector\": "
                                  "\"pri\xE2\x80\xAEmary\"}]}");
  const Run r = run({"check", net});
  CHECK(r.code == 2);
  CHECK(r.err == net + ": schools[0].sector: unknown sector \"pri\\u202Emary\"; expected one of "
                       "nursery, primary, secondary, special, all-through, other\n");
  // Option values quoted by the option parser, too.
  const Run opt = run({"analyse", net, "--format", "\x1b[2J"});
  CHECK(opt.code == 2);
  CHECK(opt.err.find('\x1b') == std::string::npos);
  CHECK(opt.err.find("\\u001B[2J") != std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// 3. Formulas in CSV files for spreadsheets.

TEST_CASE("cli safety: formula_safe marks text a spreadsheet would run") {
  using collabnet::output::formula_safe;
  CHECK(formula_safe("=1+1") == "'=1+1");
  CHECK(formula_safe("+44 20 7946") == "'+44 20 7946");
  CHECK(formula_safe("-2+3+cmd|' /C calc'!A0") == "'-2+3+cmd|' /C calc'!A0");
  CHECK(formula_safe("@SUM(A1)") == "'@SUM(A1)");
  CHECK(formula_safe("\tx") == "'\tx");
  CHECK(formula_safe("\rx") == "'\rx");
  CHECK(formula_safe("-") == "'-");
  // Plain numbers and ordinary text stay as they are.
  CHECK(formula_safe("-3.5") == "-3.5");
  CHECK(formula_safe("-1e-07") == "-1e-07");
  CHECK(formula_safe("57") == "57");
  CHECK(formula_safe("a=b") == "a=b");
  CHECK(formula_safe("") == "");
}

namespace {

const std::string kFormulas = R"json({"format": "collabnet/1", "name": "=cmd|' /C calc'!A0",
  "schools": [{"id": "A", "name": "=HYPERLINK(\"http://x\",\"y\")", "authority": "@risk"},
              {"id": "B", "name": "+44 school", "lat": -3.5, "lon": -2.25},
              {"id": "C", "name": "-2+3"},
              {"id": "D", "name": "\tTabbed"},
              {"id": "E", "name": "Plain"}],
  "partnerships": [{"from": "A", "to": "B", "note": "-joint"}]})json";

}  // namespace

TEST_CASE("cli safety: analyse --format csv neutralises formulas") {
  Dir d;
  const std::string net = d.write("f.json", kFormulas);
  REQUIRE(run({"analyse", net, "--format", "csv", "-o", d / "out"}).code == 0);
  const auto schools = raw_csv_rows(d / "out/schools.csv");
  REQUIRE(schools.size() == 6);
  CHECK(schools[1][1] == "'=HYPERLINK(\"http://x\",\"y\")");
  CHECK(schools[2][1] == "'+44 school");
  CHECK(schools[3][1] == "'-2+3");
  CHECK(schools[4][1] == "'\tTabbed");
  CHECK(schools[5][1] == "Plain");
  // Findings quote names at the start of a message: marked too.
  const std::string findings = slurp(d / "out/findings.csv");
  CHECK(findings.find(",'-2+3 (C) has no partnership with any other school.") !=
        std::string::npos);
  CHECK(findings.find(",-2+3 (C)") == std::string::npos);
}

TEST_CASE("cli safety: export --excel neutralises formulas; the plain folder stays exact") {
  Dir d;
  const std::string net = d.write("f.json", kFormulas);
  REQUIRE(run({"export", net, "--to", "csv", "--excel", "--with-analysis", "-o", d / "xl"}).code ==
          0);
  const std::string xl = slurp(d / "xl/schools.csv");
  CHECK(xl.rfind("\xEF\xBB\xBFid,name,authority,sector,roll,rural,lat,lon\n"
                 "A,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'@risk,,,,,\n"
                 "B,'+44 school,,,,,-3.5,-2.25\n"
                 "C,'-2+3,,,,,,\n"
                 "D,'\tTabbed,,,,,,\n"
                 "E,Plain,,,,,,\n",
                 0) == 0);
  CHECK(slurp(d / "xl/meta.csv") == "\xEF\xBB\xBFname,as_of\n'=cmd|' /C calc'!A0,\n");
  CHECK(slurp(d / "xl/partnerships.csv").find(",mutual,,1,,,,,,'-joint\n") != std::string::npos);
  CHECK(slurp(d / "xl/analysis-schools.csv").find("C,'-2+3,") != std::string::npos);

  // The plain export is the interchange format: every cell exact, and the round trip
  // CSV → JSON → CSV gives the same bytes.
  REQUIRE(run({"export", net, "--to", "csv", "-o", d / "plain"}).code == 0);
  const std::string plain = slurp(d / "plain/schools.csv");
  CHECK(plain == "id,name,authority,sector,roll,rural,lat,lon\n"
                 "A,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",@risk,,,,,\n"
                 "B,+44 school,,,,,-3.5,-2.25\n"
                 "C,-2+3,,,,,,\n"
                 "D,\"\tTabbed\",,,,,,\n"
                 "E,Plain,,,,,,\n");
  REQUIRE(run({"import", "csv", d / "plain", "-o", d / "back.json"}).code == 0);
  CHECK(collabnet::load_network(d / "back.json").network ==
        collabnet::load_network(net).network);
  REQUIRE(run({"export", d / "back.json", "--to", "csv", "-o", d / "again"}).code == 0);
  for (const std::string& file : entries(d / "plain"))
    CHECK(slurp(d / ("again/" + file)) == slurp(d / ("plain/" + file)));
}

// ---------------------------------------------------------------------------------------------
// 4. Messages.

TEST_CASE("cli messages: a bad radius in --view school:ID:RADIUS") {
  Dir d;
  const std::string net = d.write("line.json", kLine);
  const std::string out = d / "v.svg";
  Run r = run({"render", net, "--view", "school:B:-1", "-o", out});
  CHECK(r.code == 2);
  CHECK(r.err == "--view: the radius \"-1\" in \"school:B:-1\" must be a whole number from 1 to "
                 "10 (partner steps around the school), e.g. school:B:2\n");
  r = run({"render", net, "--view", "school:B:1.5", "-o", out});
  CHECK(r.err == "--view: the radius \"1.5\" in \"school:B:1.5\" must be a whole number from 1 "
                 "to 10 (partner steps around the school), e.g. school:B:2\n");
  CHECK(!fs::exists(out));
  // An id that merely contains a colon is still an unknown school.
  r = run({"render", net, "--view", "school:B:x", "-o", out});
  CHECK(r.code == 2);
  CHECK(r.err == "--view: unknown school id \"B:x\"; the school ids are A (Ardmore), B (Balfour), "
                 "C (Carron)\n");
  CHECK(run({"render", net, "--view", "school:B:2", "-o", out}).code == 0);
}

TEST_CASE("cli messages: --config files") {
  Dir d;
  const std::string net = d.write("line.json", kLine);
  auto config_err = [&](const std::string& name, const std::string& text) {
    const std::string file = d.write(name, text);
    const Run r = run({"analyse", net, "--config", file});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    return std::pair{file, r.err};
  };
  auto [empty, e1] = config_err("empty.json", "");
  CHECK(e1 == empty + ": the settings file is empty; write a JSON object of settings, e.g. "
                      "{\"max_grouping_size\": 8, \"small_school_roll\": 100}\n");
  auto [blank, e2] = config_err("blank.json", " \n\t\n");
  CHECK(e2 == blank + ": the settings file is empty; write a JSON object of settings, e.g. "
                      "{\"max_grouping_size\": 8, \"small_school_roll\": 100}\n");
  // `{"threads": 4,}`: the '}' at column 15 is where a key was expected.
  auto [comma, e3] = config_err("comma.json", "{\"threads\": 4,}");
  CHECK(e3 == comma + ":1:15: syntax error while parsing object key - unexpected '}'; expected "
                      "string literal\n");
  auto [twice, e4] = config_err("twice.json", "{\"threads\": 2,\n \"threads\": 3}");
  CHECK(e4 == twice + ": threads: appears twice in the settings file; keep one\n");
  auto [many, e5] = config_err("many.json", R"({"threads": 5000, "max_grouping_size": 0,
      "as_of": "2026-02-30", "expert_hub_min": 2.5})");
  CHECK(e5 == many + ": as_of: \"2026-02-30\" is not a real date (February 2026 has 28 days)\n" +
                  many + ": expert_hub_min: must be a whole number from 1 to 2147483648, got "
                         "2.5\n" +
                  many + ": max_grouping_size: must be a whole number from 1 to 2147483648, "
                         "got 0\n" +
                  many + ": threads: must be a whole number from 0 to 1024, got 5000\n");
  auto [list, e6] = config_err("list.json", "[8]");
  CHECK(e6 == list + ": must be a JSON object of settings, e.g. {\"max_grouping_size\": 8}, got "
                     "array\n");
  const Run missing = run({"analyse", net, "--config", d / "absent.json"});
  CHECK(missing.err == d / "absent.json" + ": cannot read the settings file: it does not exist; "
                                           "check the path given to --config\n");
  // The limits themselves are fine.
  const std::string edge = d.write("edge.json", R"({"threads": 1024, "small_school_roll": 0,
      "community_seed": 18446744073709551615, "as_of": "2028-02-29"})");
  CHECK(run({"analyse", net, "--config", edge}).code == 0);
}

TEST_CASE("cli messages: unknown and missing commands") {
  Run r = run({"analyz", "x.json"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "collabnet: unknown command 'analyz'; did you mean 'analyse'? The commands are "
                 "check, import, export, analyse, render, report, template, compare, suggest "
                 "(collabnet --help explains them)\n");
  r = run({"frobnicate"});
  CHECK(r.err == "collabnet: unknown command 'frobnicate'; the commands are check, import, "
                 "export, analyse, render, report, template, compare, suggest (collabnet --help "
                 "explains them)\n");
  r = run({"import", "cvs", "folder"});
  CHECK(r.err == "collabnet import: unknown command 'cvs'; did you mean 'csv'? The commands "
                 "are csv, scotland, survey, gias-groups, tracking (collabnet import --help "
                 "explains them)\n");
  r = run({});
  CHECK(r.code == 2);
  CHECK(r.err == "collabnet: give a command: check, import, export, analyse, render, report, "
                 "template, compare, suggest (collabnet --help explains them)\n");
  // The American spelling is an alias, and help is still help.
  CHECK(run({"analyze", "--help"}).code == 0);
}

TEST_CASE("cli messages: --as-of dates that do not exist") {
  Dir d;
  const std::string net = d.write("line.json", kLine);
  Run r = run({"analyse", net, "--as-of", "2026-02-30"});
  CHECK(r.code == 2);
  CHECK(r.err == "--as-of: \"2026-02-30\" is not a real date (February 2026 has 28 days); give a "
                 "date that exists\n");
  r = run({"report", net, "--as-of", "2026-02-29", "-o", d / "r.html"});
  CHECK(r.err == "--as-of: \"2026-02-29\" is not a real date (February 2026 has 28 days); give a "
                 "date that exists\n");
  r = run({"analyse", net, "--as-of", "2026-04-31"});
  CHECK(r.err == "--as-of: \"2026-04-31\" is not a real date (April 2026 has 30 days); give a "
                 "date that exists\n");
  r = run({"analyse", net, "--as-of", "2026-13-01"});
  CHECK(r.err == "--as-of: \"2026-13-01\" is not a real date (there is no month 13); give a date "
                 "that exists\n");
  r = run({"analyse", net, "--as-of", "30/06/2026"});
  CHECK(r.err == "--as-of: \"30/06/2026\" is not a date written YYYY-MM-DD, e.g. 2026-06-30, or 'all' for every record\n");
  CHECK(run({"analyse", net, "--as-of", "2028-02-29"}).code == 0);  // a leap year
}

TEST_CASE("cli messages: write errors name the cause and one fitting fix") {
  Dir d;
  const std::string net = d.write("line.json", kLine);
  const std::string missing = d / "missing/out.json";
  Run r = run({"analyse", net, "--format", "json", "-o", missing});
  CHECK(r.code == 2);
  CHECK(r.err == missing + ": cannot write output: No such file or directory; create the folder " +
                     d / "missing" + " first, or write into one that exists\n");
  r = run({"render", net, "--format", "dot", "-o", d.path.string()});
  CHECK(r.err == d.path.string() +
                     ": cannot write output: it is a folder, not a file; give the name of a file "
                     "to write\n");
  const std::string under_file = net + "/out.svg";
  r = run({"render", net, "-o", under_file});
  CHECK(r.err == under_file + ": cannot write output: Not a directory; part of the path " + net +
                     " is a file, not a folder; check the path\n");
  r = run({"analyse", net, "--format", "csv", "-o", net});
  CHECK(r.err == net + ": --output: is the same path as the network being read (" + net +
                     "); the CSV files would replace it: choose a new or empty folder\n");
  const std::string file = d.write("file.txt", "x");
  r = run({"export", net, "--to", "csv", "-o", file});
  CHECK(r.err == file + ": cannot write output: it is a file, not a folder; give a new or empty "
                        "folder for the CSV files\n");
  CHECK(slurp(file) == "x");
  // The writer itself words a failure the same way.
  try {
    collabnet::write_file_atomically(missing, "x");
    FAIL("expected an error");
  } catch (const collabnet::InputError& e) {
    CHECK(collabnet::testing::messages(e) ==
          std::vector<std::string>{missing +
                                   ": cannot write output: No such file or directory; create "
                                   "the folder " + d / "missing" +
                                   " first, or write into one that exists"});
  }
  CHECK(entries(d.path) == std::vector<std::string>{"file.txt", "line.json"});
}
