// Inputs and outputs found by an adversarial review: pipes and FIFOs as the network, denormal
// weights, deeply nested or huge --config values, devices as outputs, bidi controls in the
// report and diagrams, and very long staff lists.
#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <sys/types.h>

#include <cmath>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/load.hpp"
#include "support.hpp"

using namespace collabnet;
using collabnet::testing::run;
using collabnet::testing::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr const char* kNetwork =
    R"({"format":"collabnet/1","name":"n","schools":[{"id":"A","name":"School A"},)"
    R"({"id":"B","name":"School B"}],"partnerships":[{"from":"A","to":"B"}]})";

/// Loads `bytes` through a FIFO: a writer thread sends them (and closes) while the loader reads.
/// Returns the messages of the error, or "ok" and the number of schools.
std::vector<std::string> load_through_fifo(const fs::path& fifo, const std::string& bytes) {
  fs::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::thread writer([&] {
    const int fd = ::open(fifo.c_str(), O_WRONLY);  // waits for the reader
    if (fd < 0) return;
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ::ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::close(fd);
  });
  std::vector<std::string> out;
  try {
    const LoadResult r = load_network(fifo);
    out = {"ok", std::to_string(r.network.schools.size())};
  } catch (const InputError& e) {
    out = testing::messages(e);
  }
  writer.join();
  return out;
}

}  // namespace

TEST_CASE("hostile: a FIFO or pipe is read once, as its bytes would be from a file") {
  const TempDir t("collabnet-fifo");
  // The writer finishes and closes before the loader could open the path a second time; a
  // loader that opened it twice lost the data and waited for a writer forever.
  for (int round = 0; round < 20; ++round)
    CHECK(load_through_fifo(t.dir / "net.fifo", kNetwork) ==
          std::vector<std::string>{"ok", "2"});
  // The same bytes give the same error, located the same way, from a file and a FIFO: white
  // space before a byte-order mark is a syntax error at line 1, column 2 (nlohmann reads the
  // mark's first byte as an invalid literal).
  const std::string odd = std::string(" \xEF\xBB\xBF") + kNetwork;
  const fs::path file = t.write("odd.json", odd);
  std::vector<std::string> from_file;
  try {
    (void)load_network(file);
  } catch (const InputError& e) {
    from_file = testing::messages(e);
  }
  REQUIRE(from_file.size() == 1);
  CHECK(from_file[0].rfind(file.string() + ":1:2: ", 0) == 0);
  const auto from_fifo = load_through_fifo(t.dir / "odd.fifo", odd);
  REQUIRE(from_fifo.size() == 1);
  CHECK(from_fifo[0].substr((t.dir / "odd.fifo").string().size()) ==
        from_file[0].substr(file.string().size()));
}

TEST_CASE("hostile: a denormal weight leaves PageRank finite") {
  // 1e-320 is > 0, so the format allows it. A–B 1e-320, B–C 1, C–A 1: school A's out-weight is
  // 1 + 1e-320 = 1, B's 1e-320 + 1 = 1; dividing a share by a denormal out-weight overflowed.
  const std::string text =
      R"({"format":"collabnet/1","schools":[{"id":"A","name":"a"},{"id":"B","name":"b"},)"
      R"({"id":"C","name":"c"},{"id":"D","name":"d"}],"partnerships":[)"
      R"({"from":"A","to":"B","weight":1e-320},{"from":"B","to":"C"},{"from":"C","to":"A"},)"
      R"({"from":"D","to":"A","weight":1e-320}]})";
  const Network net = load_network_json_text(text, "n.json").network;
  const Analysis a = analyse(net, {});
  double sum = 0;
  for (const auto& s : a.schools) {
    CHECK(std::isfinite(s.pagerank));
    CHECK(s.pagerank > 0);
    sum += s.pagerank;
  }
  CHECK(sum == Approx(1.0));
  // D's only link is the denormal one, so D passes all of its rank to A and gets back only
  // A's 1e-320 / (2 + 1e-320) share: D is the least, at about (1 − 0.85) / 4 = 0.0375.
  CHECK(a.schools[3].pagerank == Approx(0.0375).epsilon(1e-6));
}

TEST_CASE("hostile: --config values nested deep or very long are refused, briefly") {
  const TempDir t("collabnet-config");
  const std::string net = t.write("net.json", kNetwork).string();
  std::string deep = R"({"threads": )";
  for (int i = 0; i < 20000; ++i) deep += '[';
  for (int i = 0; i < 20000; ++i) deep += ']';
  deep += "}";
  const std::string deep_file = t.write("deep.json", deep).string();
  const auto r = run({"analyse", net, "--config", deep_file});
  CHECK(r.code == 2);
  CHECK(r.err == deep_file + ": values are nested more than 16 levels deep; a settings file is "
                             "one object of numbers and dates, e.g. {\"max_grouping_size\": 8}\n");
  const std::string long_file =
      t.write("long.json", R"({"threads": ")" + std::string(1'000'000, 'x') + "\"}").string();
  const auto l = run({"analyse", net, "--config", long_file});
  CHECK(l.code == 2);
  // The value is shown by its first 60 characters ("\"" and 59 x) and its length.
  CHECK(l.err == long_file + ": threads: must be a whole number from 0 to 1024, got \"" +
                     std::string(59, 'x') + "… (1000002 characters)\n");
}

TEST_CASE("hostile: an output that is a FIFO or device is refused, and left as it was") {
  const TempDir t("collabnet-device-out");
  const std::string net = t.write("net.json", kNetwork).string();
  const fs::path fifo = t.dir / "out.fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const auto r = run({"analyse", net, "--format", "json", "-o", fifo.string()});
  CHECK(r.code == 2);
  CHECK(r.err == fifo.string() + ": cannot write output: it is a device or pipe, not a file; give "
                                 "the name of a file to write (or leave -o out, or give -o -, "
                                 "to write to standard output)\n");
  CHECK(fs::is_fifo(fifo));
}

TEST_CASE("hostile: bidi controls in names never reach the report or a diagram") {
  const TempDir t("collabnet-bidi");
  // U+202E (right-to-left override) and U+2066 (left-to-right isolate) in a school's name.
  const std::string name = "Evil \xE2\x80\xAE" "loohcS\xE2\x81\xA6 x";
  const std::string net = t.write("net.json",
                                  R"({"format":"collabnet/1","schools":[{"id":"A","name":")" +
                                      name + R"("},{"id":"B","name":"B"}],)"
                                             R"("partnerships":[{"from":"A","to":"B"}]})")
                              .string();
  const std::string report = (t.dir / "r.html").string(), svg = (t.dir / "r.svg").string();
  REQUIRE(run({"report", net, "-o", report}).code == 0);
  REQUIRE(run({"render", net, "-o", svg}).code == 0);
  for (const std::string& file : {report, svg}) {
    std::ifstream in(file, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    CHECK(text.find("\xE2\x80\xAE") == std::string::npos);
    CHECK(text.find("\xE2\x81\xA6") == std::string::npos);
    // Shown as U+FFFD in its place, like other characters that have no business in a name.
    CHECK(text.find("Evil \xEF\xBF\xBDloohcS\xEF\xBF\xBD x") != std::string::npos);
  }
}

TEST_CASE("hostile: a partnership's staff list is checked for repeats in linear time") {
  // 30,000 staff on one partnership took 11 s (every id compared with every earlier one); the
  // result is what matters here: every id kept once, and a repeat at the very end found.
  std::string staff, list;
  for (int i = 0; i < 30000; ++i) {
    const std::string id = "T" + std::to_string(i);
    staff += std::string(i ? "," : "") + R"({"id":")" + id + R"(","school":"A"})";
    list += std::string(i ? "," : "") + "\"" + id + "\"";
  }
  const std::string head =
      R"({"format":"collabnet/1","schools":[{"id":"A","name":"a"},{"id":"B","name":"b"}],)"
      R"("staff":[)" + staff + R"(],"partnerships":[{"from":"A","to":"B","staff":[)";
  const LoadResult ok = load_network_json_text(head + list + "]}]}", "n.json");
  CHECK(ok.network.partnerships[0].staff.size() == 30000);
  try {
    (void)load_network_json_text(head + list + R"(,"T5"]}]})", "n.json");
    FAIL("a repeated staff id loaded");
  } catch (const InputError& e) {
    CHECK(testing::messages(e) == std::vector<std::string>{
                                      "n.json: partnerships[0].staff[30000]: staff \"T5\" is "
                                      "listed twice"});
  }
}

TEST_CASE("hostile: an output under a symbolic-link loop names the loop, not a missing folder") {
  const TempDir t("collabnet-loop");
  const std::string net = t.write("net.json", kNetwork).string();
  fs::create_symlink(t.dir / "b", t.dir / "a");
  fs::create_symlink(t.dir / "a", t.dir / "b");
  const std::string out = (t.dir / "a" / "x.json").string();
  const auto r = run({"analyse", net, "-o", out});
  CHECK(r.code == 2);
  CHECK(r.err == out + ": cannot write output: Too many levels of symbolic links; a symbolic "
                       "link on the way points back to itself; check the links in the path\n");
}
