// The README's promises, each tested by name in this one place, across every command:
//   exit codes (0 all well, 1 a policy check fired, 2 bad input or options), nothing partial,
//   the same bytes, nothing we write unreadable by us, and staff privacy.
// Each TEST_CASE walks the same table of commands, so a command added to the table is held to
// every promise. Expected values come from the promise itself, not from the program's output.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "collabnet/load.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using collabnet::testing::Run;
using collabnet::testing::run;

namespace {

const std::string kSource = COLLABNET_SOURCE_DIR;
const std::string kTiny = kSource + "/graphs/tiny.json";            // staff "Jane Private"
const std::string kTinyCsv = kSource + "/graphs/northern-alliance";  // a CSV folder
const std::string kScotland =
    kSource + "/data/scotland_northern_alliance_roll_locations_2023.csv";
const std::string kGias = kSource + "/data/england_gias_group_links_2022-07.csv";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Every byte a file or folder holds, in name order (a folder's files joined with their names).
std::string contents(const fs::path& p) {
  if (!fs::is_directory(p)) return slurp(p);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(p)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::string all;
  for (const fs::path& f : files) all += "== " + f.filename().string() + "\n" + slurp(f);
  return all;
}

/// One way of running a command that writes: its arguments for an input and an output path.
struct Writer {
  std::string name;  ///< as the test reports it
  std::function<std::vector<std::string>(const std::string& in, const std::string& out)> args;
  std::string input = kTiny;  ///< a good input of the kind the command reads
  bool folder = false;        ///< the output is a folder
};

std::vector<Writer> writers() {
  auto network_command = [](std::vector<std::string> tail) {
    return [tail](const std::string& in, const std::string& out) {
      std::vector<std::string> a = {tail[0], in};
      a.insert(a.end(), tail.begin() + 1, tail.end());
      a.insert(a.end(), {"-o", out});
      return a;
    };
  };
  auto import = [](std::string kind) {
    return [kind](const std::string& in, const std::string& out) {
      return std::vector<std::string>{"import", kind, in, "-o", out};
    };
  };
  return {
      {"analyse text", network_command({"analyse"})},
      {"analyse json", network_command({"analyse", "--format", "json"})},
      {"analyse csv", network_command({"analyse", "--format", "csv"}), kTiny, true},
      {"report", network_command({"report"})},
      {"render svg", network_command({"render", "--format", "svg"})},
      {"render png", network_command({"render", "--format", "png"})},
      {"render pdf", network_command({"render", "--format", "pdf"})},
      {"render dot", network_command({"render", "--format", "dot"})},
      {"export graphml", network_command({"export", "--to", "graphml"})},
      {"export gexf", network_command({"export", "--to", "gexf"})},
      {"export geojson", network_command({"export", "--to", "geojson"})},
      {"export csv", network_command({"export", "--to", "csv", "--with-analysis"}), kTiny, true},
      {"export csv excel", network_command({"export", "--to", "csv", "--excel"}), kTiny, true},
      {"import csv", import("csv"), kTinyCsv},
      {"import scotland", import("scotland"), kScotland},
      {"import gias-groups", import("gias-groups"), kGias},
  };
}

/// A broken input of the kind `w` reads: a network with an unknown school, or a source CSV
/// without its columns.
std::string broken_input(const Writer& w, collabnet::testing::TempDir& d) {
  if (w.input == kScotland || w.input == kGias)
    return d.write("broken.csv", "Name,Town\nOne,Elgin\n").string();
  if (w.input == kTinyCsv) {
    d.write("broken/schools.csv", "id,name\nA,Ard\n");
    d.write("broken/partnerships.csv", "from,to\nA,NOPE\n");
    return (d.dir / "broken").string();
  }
  return d.write("broken.json", R"({"format": "collabnet/1", "schools": [{"id": "A",
    "name": "Ard"}], "partnerships": [{"from": "A", "to": "NOPE"}]})").string();
}

}  // namespace

TEST_CASE("promise: exit codes - 0 all well, 1 a policy check fired, 2 bad input or options",
          "[promises]") {
  for (const Writer& w : writers()) {
    SECTION(w.name) {
      collabnet::testing::TempDir d("collabnet-promise-exit");
      const std::string out = (d.dir / "out").string();
      const Run ok = run(w.args(w.input, out));
      INFO(ok.err);
      CHECK(ok.code == 0);
      CHECK(run(w.args(broken_input(w, d), (d.dir / "out2").string())).code == 2);
      CHECK(run(w.args(w.input, (d.dir / "no-such-folder" / "out").string())).code == 2);
      auto bad_option = w.args(w.input, (d.dir / "out3").string());
      bad_option.push_back("--no-such-option");
      CHECK(run(bad_option).code == 2);
    }
  }
  SECTION("check") {
    CHECK(run({"check", kTiny}).code == 0);
    CHECK(run({"check", kSource + "/tests/bad/duplicate-school-id.json"}).code == 2);
    CHECK(run({"check", "/dev/zero"}).code == 2);
  }
  SECTION("1: a policy check fired") {
    // tiny.json has isolated schools (graphs/tiny.md).
    CHECK(run({"analyse", kTiny, "--fail-on", "isolated-school"}).code == 1);
    CHECK(run({"analyse", kTiny, "--fail-on", "isolated-school>100"}).code == 0);
  }
  SECTION("2: a full standard output") {
    // tests/reliability.cmake writes to /dev/full from the real binary, command by command.
    SUCCEED("see reliability-dev-full");
  }
}

TEST_CASE("promise: nothing partial - on error nothing is written, and an old output stays",
          "[promises]") {
  for (const Writer& w : writers()) {
    SECTION(w.name) {
      collabnet::testing::TempDir d("collabnet-promise-partial");
      const fs::path out = d.dir / "out";
      // No output at all.
      CHECK(run(w.args(broken_input(w, d), out.string())).code == 2);
      CHECK_FALSE(fs::exists(out));
      // An existing output stays as it was.
      REQUIRE(run(w.args(w.input, out.string())).code == 0);
      const std::string before = contents(out);
      CHECK(run(w.args(broken_input(w, d), out.string())).code == 2);
      CHECK(contents(out) == before);
      // Nothing temporary left beside it.
      for (const auto& e : fs::directory_iterator(d.dir)) {
        INFO(e.path());
        CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
      }
    }
  }
}

TEST_CASE("promise: the same bytes - the same input gives the same output", "[promises]") {
  for (const Writer& w : writers()) {
    SECTION(w.name) {
      collabnet::testing::TempDir d("collabnet-promise-bytes");
      REQUIRE(run(w.args(w.input, (d.dir / "a").string())).code == 0);
      REQUIRE(run(w.args(w.input, (d.dir / "b").string())).code == 0);
      CHECK(contents(d.dir / "a") == contents(d.dir / "b"));
    }
  }
  SECTION("whatever the number of threads") {
    CHECK(run({"analyse", kTiny, "--format", "json", "--threads", "1"}).out ==
          run({"analyse", kTiny, "--format", "json", "--threads", "2"}).out);
  }
}

TEST_CASE("promise: nothing we write is unreadable by us", "[promises]") {
  collabnet::testing::TempDir d("collabnet-promise-readable");
  // A network at the edges of what the loader accepts (with warnings): control characters,
  // U+0000, a noncharacter and bidi controls in names and values, ids with separators and
  // quotes, a weight of 1e-10 and one of 1e6, formulas.
  const std::string hostile = d.write("hostile.json", R"({"format": "collabnet/1",
    "name": "Edge\u0000 \u0007net \uFFFF",
    "schools": [{"id": "A|B", "name": "=1+1\u0000", "note": "x\u0000y\u202Ez"},
                {"id": "C,\"D\"", "name": " padded ", "authority": "\t@x"},
                {"id": "E\\F", "name": "line\nbreak"}],
    "staff": [{"id": "S1", "school": "A|B", "name": "Nul\u0000Name"}],
    "groupings": [{"id": "G", "name": "-2", "members": ["A|B", "C,\"D\""]}],
    "partnerships": [{"from": "A|B", "to": "C,\"D\"", "weight": 1e-10, "staff": ["S1"],
                      "note": "\u0000"},
                     {"from": "C,\"D\"", "to": "E\\F", "weight": 1000000}]})")
                                  .string();
  REQUIRE(run({"check", hostile}).code == 0);
  SECTION("export csv, then import csv") {
    for (const std::vector<std::string>& extra :
         {std::vector<std::string>{}, {"--with-analysis"}, {"--show-staff-names"}}) {
      std::vector<std::string> args = {"export", hostile, "--to", "csv", "-o",
                                       (d.dir / "csv").string()};
      args.insert(args.end(), extra.begin(), extra.end());
      REQUIRE(run(args).code == 0);
      const Run back = run({"import", "csv", (d.dir / "csv").string(), "-o",
                            (d.dir / "back.json").string()});
      INFO(back.err);
      CHECK(back.code == 0);
      CHECK(run({"check", (d.dir / "back.json").string()}).code == 0);
    }
  }
  SECTION("imports load") {
    for (const Writer& w : writers()) {
      if (w.name.rfind("import", 0) != 0) continue;
      INFO(w.name);
      const std::string out = (d.dir / (w.name + ".json")).string();
      REQUIRE(run(w.args(w.input, out)).code == 0);
      CHECK(run({"check", out}).code == 0);
    }
  }
  SECTION("JSON outputs parse as JSON") {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"analyse", hostile, "--format", "json"},
          {"export", hostile, "--to", "geojson", "-o", "-"}}) {
      const Run r = run(args);
      REQUIRE(r.code == 0);
      CHECK(nlohmann::json::accept(r.out));
    }
  }
}

TEST_CASE("promise: staff privacy - no staff name unless --show-staff-names", "[promises]") {
  // graphs/tiny.json names staff member T2 "Jane Private".
  REQUIRE(slurp(kTiny).find("Jane Private") != std::string::npos);
  for (const Writer& w : writers()) {
    if (w.input != kTiny) continue;
    SECTION(w.name) {
      collabnet::testing::TempDir d("collabnet-promise-privacy");
      REQUIRE(run(w.args(w.input, (d.dir / "out").string())).code == 0);
      const std::string all = contents(d.dir / "out");
      CHECK(all.find("Jane Private") == std::string::npos);
      CHECK(all.find("Private") == std::string::npos);
    }
  }
  SECTION("check and standard output") {
    CHECK(run({"check", kTiny}).out.find("Private") == std::string::npos);
    CHECK(run({"analyse", kTiny}).out.find("Private") == std::string::npos);
    CHECK(run({"export", kTiny, "--to", "graphml", "-o", "-"}).out.find("Private") ==
          std::string::npos);
  }
  SECTION("named when asked") {
    collabnet::testing::TempDir d("collabnet-promise-named");
    REQUIRE(run({"export", kTiny, "--to", "csv", "--show-staff-names", "-o",
                 (d.dir / "csv").string()})
                .code == 0);
    CHECK(slurp(d.dir / "csv" / "staff.csv").find("Jane Private") != std::string::npos);
  }
}
