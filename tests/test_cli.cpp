// The command line run in-process, as a user would type it.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"

#include "support.hpp"

namespace fs = std::filesystem;

namespace {

using collabnet::testing::Run;
using collabnet::testing::run;

fs::path write_temp(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / "collabnet-test-cli";
  fs::create_directories(dir);
  const fs::path p = dir / name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

}  // namespace

TEST_CASE("check accepts a valid network and summarises it") {
  const auto p = write_temp("ok.json", R"({"name": "Two schools", "as_of": "2026-06-30",
      "schools": [{"id": "A", "name": "Alpha", "roll": 40, "rural": true},
                  {"id": "B", "name": "Beta"}],
      "partnerships": [{"from": "A", "to": "B", "until": "2025-07-31"},
                       {"from": "B", "to": "A", "direction": "one-way"}]})");
  const Run r = run({"check", p.string()});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == p.string() + ": valid collabnet network\n"
                 "  name          Two schools\n"
                 "  data as of    2026-06-30\n"
                 "  schools       2: 1 with a roll, 0 with a location, 1 rural\n"
                 "  staff         0\n"
                 "  groupings     0\n"
                 "  partnerships  2: 1 mutual, 1 one-way, between 1 pairs of schools; 0 name "
                 "their staff\n"
                 "  dates         latest end 2025-07-31\n"
                 "                1 partnership(s) ended before the data's as-of date "
                 "2026-06-30; analyse, render and report leave them out (--as-of all counts "
                 "them)\n"
                 "  warnings      0\n");
}

TEST_CASE("check rejects a bad network with exit 2 and located messages on stderr") {
  const auto p = write_temp("bad.json", R"({"schools": [{"id": "A", "name": "a", "roll": -1}],
      "partnerships": [{"from": "A", "to": "Z"}]})");
  const Run r = run({"check", p.string()});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == p.string() + ": schools[0].roll: must be a whole number ≥ 0, got number -1\n" +
                     p.string() + ": partnerships[0].to: unknown school id \"Z\"; did you mean "
                                  "\"A\" (a)?\n");
}

TEST_CASE("a missing file is exit 2 with a message naming it") {
  const Run r = run({"check", "/nonexistent/net.json"});
  CHECK(r.code == 2);
  CHECK(r.err == "/nonexistent/net.json: no such file or folder; give a network file (.json) "
                 "or a folder of CSV files (schools.csv, partnerships.csv, …)\n");
}

TEST_CASE("usage errors are exit 2; --help is exit 0") {
  CHECK(run({}).code == 2);
  CHECK(run({"frobnicate"}).code == 2);
  CHECK(run({"check"}).code == 2);
  const Run help = run({"--help"});
  CHECK(help.code == 0);
  CHECK(help.out.find("check") != std::string::npos);
}

TEST_CASE("every command's --help shows an example") {
  const Run top = run({"--help"});
  // Subcommands are listed under "Subcommands:" as "  NAME  description".
  const auto at = top.out.find("Subcommands:");
  REQUIRE(at != std::string::npos);
  std::istringstream lines(top.out.substr(at));
  std::string line;
  std::getline(lines, line);
  int commands = 0;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string name;
    if (!(words >> name) || line.rfind("  ", 0) != 0) continue;
    ++commands;
    const Run help = run({name, "--help"});
    INFO("collabnet " << name << " --help");
    CHECK(help.code == 0);
    CHECK(help.out.find("Example") != std::string::npos);
  }
  CHECK(commands >= 2);
}
