// Issue 19: the places where an independent adversarial review broke a promise of the README,
// one test each (numbered as in the issue), each with its siblings in the other commands,
// writers and importers. Expected values are worked out by hand from the rule each checks.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/diagnostic.hpp"
#include "collabnet/load.hpp"
#include "load/input_file.hpp"
#include "output/format.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using collabnet::testing::Run;
using collabnet::testing::run;

namespace {

struct Dir : collabnet::testing::TempDir {
  Dir() : TempDir("collabnet-reliability") {}
  std::string write(const std::string& name, const std::string& text) const {
    return TempDir::write(name, text).string();
  }
  std::string operator/(const std::string& name) const { return (dir / name).string(); }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// The text summary with its word-wrapping undone: each line break and the indent after it
/// become one space.
std::string unwrapped(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') {
      out += text[i];
      continue;
    }
    out += ' ';
    while (i + 1 < text.size() && text[i + 1] == ' ') ++i;
  }
  return out;
}

const std::string kFffd = "\xEF\xBF\xBD";
const std::string kTiny = std::string(COLLABNET_SOURCE_DIR) + "/graphs/tiny.json";
const std::string kNorthernAllianceCsv =
    std::string(COLLABNET_SOURCE_DIR) + "/graphs/northern-alliance";

/// A star: centre C joined to L1..L5.
const std::string kStar = R"({"format": "collabnet/1", "name": "Star",
  "schools": [{"id": "C", "name": "Centre"}, {"id": "L1", "name": "One"},
              {"id": "L2", "name": "Two"}, {"id": "L3", "name": "Three"},
              {"id": "L4", "name": "Four"}, {"id": "L5", "name": "Five"}],
  "partnerships": [{"from": "C", "to": "L1"}, {"from": "C", "to": "L2"},
                   {"from": "C", "to": "L3"}, {"from": "C", "to": "L4"},
                   {"from": "C", "to": "L5"}]})";

}  // namespace

TEST_CASE("reliability 1: a name holding U+0000 is written as U+FFFD, and reads back",
          "[reliability]") {
  Dir d;
  const std::string net = d.write(
      "nul.json", R"({"format": "collabnet/1", "name": "N\u0000et",
      "schools": [{"id": "A", "name": "Ard\u0000more", "motto": "x\u0000y"},
                  {"id": "B", "name": "Balfour"}],
      "staff": [{"id": "S1", "school": "A", "name": "Jo\u0000Smith"}],
      "partnerships": [{"from": "A", "to": "B", "note": "vis\u0000it"}]})");
  const std::string fixed = "Ard" + kFffd + "more";
  for (const std::vector<std::string>& extra :
       {std::vector<std::string>{}, {"--excel"}, {"--with-analysis"}, {"--show-staff-names"}}) {
    std::vector<std::string> args = {"export", net, "--to", "csv", "-o", d / "csv"};
    args.insert(args.end(), extra.begin(), extra.end());
    const Run e = run(args);
    REQUIRE(e.code == 0);
    for (const auto& entry : fs::directory_iterator(d / "csv")) {
      INFO(entry.path());
      CHECK(slurp(entry.path()).find('\0') == std::string::npos);
    }
    CHECK(has(slurp(d / "csv/schools.csv"), fixed));
    if (extra.empty() || extra[0] != "--excel") {  // --excel files are for spreadsheets only
      const Run back = run({"import", "csv", d / "csv", "-o", d / "back.json"});
      INFO(back.err);
      CHECK(back.code == 0);
      const collabnet::Network n = collabnet::load_network(d / "back.json").network;
      CHECK(n.schools[0].name == fixed);
      REQUIRE(n.partnerships[0].extra.size() == 1);
      CHECK(n.partnerships[0].extra[0].json == "\"vis" + kFffd + "it\"");
    }
  }
  // analyse --format csv, to a folder and to standard output.
  REQUIRE(run({"analyse", net, "--format", "csv", "-o", d / "a"}).code == 0);
  for (const auto& entry : fs::directory_iterator(d / "a"))
    CHECK(slurp(entry.path()).find('\0') == std::string::npos);
  const Run out = run({"analyse", net, "--format", "csv"});
  CHECK(out.code == 0);
  CHECK(out.out.find('\0') == std::string::npos);
  CHECK(has(out.out, fixed));
}

TEST_CASE("reliability 2: sampled estimates stay within 0 to 1", "[reliability]") {
  const collabnet::Network net = collabnet::load_network_json_text(kStar, "star.json").network;
  // By hand: from any source other than the centre, every route between two other schools
  // passes the centre (dependency n − 2 = 4 per source) and the centre is 1 step away; scaled
  // from the m sampled others to all 5 others, the centre's estimates are exactly 1, as are its
  // exact figures. The old scaling by n / K gave 6/5 = 1.2 ("120.0%").
  for (std::size_t k = 1; k <= 5; ++k) {
    collabnet::Settings s;
    s.sample = k;
    const collabnet::Analysis a = collabnet::analyse(net, s);
    INFO("K = " << k);
    REQUIRE(a.network.sampled_sources == k);
    for (const collabnet::SchoolFigures& f : a.schools) {
      CHECK(f.betweenness >= 0);
      CHECK(f.betweenness <= 1);
      CHECK(f.closeness >= 0);
      CHECK(f.closeness <= 1);
    }
    // The centre: 1, unless it was the only source (then no other school informs it: 0).
    const double c = a.schools[0].betweenness;
    CHECK((c == Approx(1.0) || (k == 1 && c == 0)));
    for (std::size_t v = 1; v < 6; ++v) CHECK(a.schools[v].betweenness == 0);
  }
  const Run text = run({"analyse", kTiny, "--sample", "1"});
  CHECK(text.code == 0);
  CHECK_FALSE(has(text.out, "100.1%"));
}

TEST_CASE("reliability 3: sampled figures are marked as estimates in GraphML, GEXF, GeoJSON",
          "[reliability]") {
  Dir d;
  const std::string net = d.write(
      "geo.json", R"({"format": "collabnet/1", "name": "G",
      "schools": [{"id": "A", "name": "A", "lat": 57, "lon": -3},
                  {"id": "B", "name": "B", "lat": 57.1, "lon": -3},
                  {"id": "C", "name": "C", "lat": 57.2, "lon": -3}],
      "partnerships": [{"from": "A", "to": "B"}, {"from": "B", "to": "C"}]})");
  for (const std::string to : {"graphml", "gexf", "geojson"}) {
    INFO(to);
    const Run e = run({"export", net, "--to", to, "--sample", "2", "-o", "-"});
    REQUIRE(e.code == 0);
    CHECK(has(e.out, "betweenness_estimate_2_sources"));
    CHECK(has(e.out, "closeness_estimate_2_sources"));
    CHECK_FALSE(has(e.out, "\"betweenness\":"));  // no property of the plain name
    CHECK_FALSE(has(e.out, "attr.name=\"betweenness\""));
    CHECK_FALSE(has(e.out, "title=\"betweenness\""));
    // Exact figures keep their plain names.
    const Run exact = run({"export", net, "--to", to, "-o", "-"});
    CHECK_FALSE(has(exact.out, "_estimate_"));
  }
  const Run geo = run({"export", net, "--to", "geojson", "--sample", "2", "-o", "-"});
  CHECK(has(geo.out, "\"estimated\": {"));
  const Run graphml = run({"export", net, "--to", "graphml", "--sample", "2", "-o", "-"});
  CHECK(has(graphml.out, "attr.name=\"estimated_sources\""));
}

TEST_CASE("reliability 4: importers refuse ids that the loader refuses", "[reliability]") {
  Dir d;
  const std::string head =
      "SeedCode,SchUID,SchoolType,SchoolName,LAName,PupilRoll,Latitude,Longitude,AddrUR6\n";
  for (const std::string& bad : {std::string("51\x7F"), std::string("51\xC2\x85"),
                                 std::string("51\xEF\xBF\xBF")}) {
    const std::string csv = d.write("sc.csv", head + bad + ",1P,Primary,One,Moray,12,57,-3,5\n" +
                                                  "52,2P,Primary,Two,Moray,12,57,-3,5\n");
    const Run r = run({"import", "scotland", csv, "-o", d / "sc.json"});
    INFO(r.err);
    CHECK(r.code == 2);
    CHECK(has(r.err, csv + ":2: SeedCode: must not contain"));
    CHECK_FALSE(fs::exists(d / "sc.json"));
  }
  const std::string gias = d.write(
      "g.csv",
      "URN,EstablishmentName,Group UID,Group ID,Group Name,Group Type,Group Status,Joined date,"
      "TypeOfEstablishment (name),PhaseOfEducation (name),LA (name)\n"
      "100,One,T\x7F" "1,TR1,Trust,Multi-academy trust,Open,,Academy,Primary,Leeds\n");
  const Run g = run({"import", "gias-groups", gias, "-o", d / "g.json"});
  CHECK(g.code == 2);
  CHECK(g.err == gias + ":2: Group UID: must not contain control characters, got \"T\\x7F1\"; "
                        "remove the U+007F (an id is a code, such as a SEED code or URN)\n");
  CHECK_FALSE(fs::exists(d / "g.json"));
}

TEST_CASE("reliability 5: a Scottish roll too large to add up is an error, not a roll of 0",
          "[reliability]") {
  Dir d;
  const std::string csv = d.write(
      "sc.csv",
      "SeedCode,SchUID,SchoolType,SchoolName,LAName,PupilRoll,Latitude,Longitude,AddrUR6\n"
      "51,1P,Primary,One,Moray,9223372036854775807,57,-3,5\n"
      "51,1S,Secondary,One,Moray,9223372036854775807,57,-3,5\n");
  const Run r = run({"import", "scotland", csv, "-o", d / "sc.json"});
  CHECK(r.code == 2);
  CHECK(r.err == csv + ":3: PupilRoll: the departments of SeedCode \"51\" (lines 2 to 3) add up "
                       "to more pupils than can be counted (9223372036854775807); check their "
                       "PupilRoll\n");
  CHECK_FALSE(fs::exists(d / "sc.json"));
}

TEST_CASE("reliability 6: -o naming a new file inside the CSV folder being read is refused",
          "[reliability]") {
  Dir d;
  REQUIRE(run({"export", kTiny, "--to", "csv", "-o", d / "net"}).code == 0);
  fs::remove(d / "net/meta.csv");
  const auto files = std::distance(fs::directory_iterator(d / "net"), fs::directory_iterator());
  const Run r = run({"analyse", d / "net", "-o", d / "net/meta.csv"});
  CHECK(r.code == 2);
  CHECK(has(r.err, "is a file inside the network being read"));
  CHECK_FALSE(fs::exists(d / "net/meta.csv"));
  // Its siblings: every command with -o, and a path spelt another way.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"report", d / "net", "-o", d / "net/meta.csv"},
        {"render", d / "net", "--format", "dot", "-o", d / "net/META.CSV"},
        {"export", d / "net", "--to", "graphml", "-o", d / "net/../net/meta.csv"},
        {"analyse", d / "net", "--format", "json", "-o", d / "net/other.csv"},
        {"import", "csv", d / "net", "-o", d / "net/meta.csv"}}) {
    INFO(args[0]);
    const Run s = run(args);
    CHECK(s.code == 2);
    CHECK(std::distance(fs::directory_iterator(d / "net"), fs::directory_iterator()) == files);
  }
  // A new file that the CSV reader does not take changes no input: allowed.
  CHECK(run({"render", d / "net", "-o", d / "net/diagram.svg"}).code == 0);
}

TEST_CASE("reliability 7: a PDF has no creation time in it, so two runs give the same bytes",
          "[reliability]") {
  Dir d;
  REQUIRE(run({"render", kTiny, "-o", d / "a.pdf"}).code == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the clock's seconds move on
  REQUIRE(run({"render", kTiny, "-o", d / "b.pdf"}).code == 0);
  const std::string a = slurp(d / "a.pdf");
  CHECK(a.rfind("%PDF-", 0) == 0);
  CHECK_FALSE(has(a, "CreationDate"));
  CHECK(a == slurp(d / "b.pdf"));
}

namespace {
/// A stream buffer that refuses every byte, like a full disk.
struct FullDisk : std::streambuf {
  int overflow(int) override {
    errno = ENOSPC;
    return traits_type::eof();
  }
};
}  // namespace

TEST_CASE("reliability 8: a failed write to standard output is exit 2, for every command",
          "[reliability]") {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"analyse", kTiny},
        {"analyse", kTiny, "--format", "json"},
        {"analyse", kTiny, "--format", "csv"},
        {"check", kTiny},
        {"report", kTiny, "-o", "-"},
        {"render", kTiny, "--format", "dot"},
        {"export", kTiny, "--to", "graphml", "-o", "-"},
        {"import", "csv", kNorthernAllianceCsv, "-o", "-"},
        {"--help"}}) {
    INFO(args[0]);
    std::vector<std::string> full = args;
    full.insert(full.begin(), "collabnet");
    std::vector<const char*> argv;
    for (const auto& a : full) argv.push_back(a.c_str());
    FullDisk buffer;
    std::ostream out(&buffer);
    std::ostringstream err;
    const int code =
        collabnet::cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
    CHECK(code == 2);
    CHECK(has(err.str(), "standard output: cannot write output"));
  }
}

TEST_CASE("reliability 9: devices are refused; a pipe is read up to its limit",
          "[reliability]") {
  Dir d;
  const Run zero = run({"check", "/dev/zero"});
  CHECK(zero.code == 2);
  CHECK(zero.err ==
        "/dev/zero: cannot read it: it is a device (character special file), which may never "
        "end; give a network file (.json) or a CSV folder (a pipe is read up to 1 GiB)\n");
  // A schools.csv that is a link to /dev/zero, in a folder.
  REQUIRE(run({"export", kTiny, "--to", "csv", "-o", d / "net"}).code == 0);
  fs::remove(d / "net/schools.csv");
  fs::create_symlink("/dev/zero", d / "net/schools.csv");
  const Run linked = run({"check", d / "net"});
  CHECK(linked.code == 2);
  CHECK(has(linked.err, d / "net/schools.csv: cannot read it: it is a device"));
  // --config, for each command that takes it.
  for (const std::string cmd : {"analyse", "render", "report", "export"}) {
    std::vector<std::string> args = {cmd, kTiny, "--config", "/dev/zero"};
    if (cmd == "render") args.insert(args.end(), {"-o", d / "x.svg"});
    if (cmd == "report") args.insert(args.end(), {"-o", d / "x.html"});
    if (cmd == "export") args.insert(args.end(), {"--to", "gexf", "-o", d / "x.gexf"});
    const Run r = run(args);
    INFO(cmd);
    CHECK(r.code == 2);
    CHECK(r.err.rfind("/dev/zero: cannot read it: it is a device", 0) == 0);
  }
  // Scottish and GIAS files too.
  CHECK(run({"import", "scotland", "/dev/zero", "-o", d / "s.json"}).code == 2);
  CHECK(run({"import", "gias-groups", "/dev/urandom", "-o", d / "g.json"}).code == 2);
  // A FIFO that sends more than the limit: refused once the limit is passed (the writer then
  // meets a closed pipe: an error for it, not a signal that ends the tests).
  const auto old_handler = std::signal(SIGPIPE, SIG_IGN);
  const std::string fifo = d / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::thread writer([&fifo] {
    std::ofstream w(fifo, std::ios::binary);
    const std::string block(1 << 16, ' ');
    for (int i = 0; i < 32 && w; ++i) w << block;  // 2 MiB, or until the reader stops
  });
  try {
    collabnet::load::InputFile in(fifo, "fifo", "give a file");
    CHECK_FALSE(in.regular());
    (void)in.read_all(std::size_t{1} << 20);
    FAIL("expected the limit to be reached");
  } catch (const collabnet::InputError& e) {
    CHECK(collabnet::testing::messages(e) ==
          std::vector<std::string>{"fifo: cannot read it: more than 1 MiB arrived, more than "
                                   "collabnet reads from a pipe; save it to a file and give the "
                                   "file instead"});
  }
  writer.join();
  std::signal(SIGPIPE, old_handler);
}

TEST_CASE("reliability 10: replacing an output keeps its permissions", "[reliability]") {
  Dir d;
  const std::string report = d / "staff.html";
  REQUIRE(run({"report", kTiny, "-o", report}).code == 0);
  REQUIRE(::chmod(report.c_str(), 0600) == 0);
  REQUIRE(run({"report", kTiny, "--show-staff-names", "-o", report}).code == 0);
  struct stat st {};
  REQUIRE(::stat(report.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0600);
  // A CSV folder and its files likewise.
  REQUIRE(run({"export", kTiny, "--to", "csv", "-o", d / "csv"}).code == 0);
  REQUIRE(::chmod((d / "csv").c_str(), 0700) == 0);
  REQUIRE(::chmod((d / "csv/staff.csv").c_str(), 0600) == 0);
  REQUIRE(run({"export", kTiny, "--to", "csv", "--show-staff-names", "-o",
               d / "csv"})
              .code == 0);
  REQUIRE(::stat((d / "csv").c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0700);
  REQUIRE(::stat((d / "csv/staff.csv").c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0600);
  // A new file gets the usual mode: 0666 less the umask.
  const mode_t old = ::umask(022);
  REQUIRE(run({"analyse", kTiny, "-o", d / "new.txt"}).code == 0);
  ::umask(old);
  REQUIRE(::stat((d / "new.txt").c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0644);
}

TEST_CASE("reliability 11: export --to csv reuses a folder an earlier --with-analysis wrote",
          "[reliability]") {
  Dir d;
  REQUIRE(run({"export", kTiny, "--to", "csv", "--with-analysis", "-o", d / "x"})
              .code == 0);
  REQUIRE(fs::exists(d / "x/analysis-groupings.csv"));
  const Run again = run({"export", kTiny, "--to", "csv", "-o", d / "x"});
  INFO(again.err);
  CHECK(again.code == 0);
  CHECK_FALSE(fs::exists(d / "x/analysis-groupings.csv"));  // not stale beside the new files
  // A file of another origin is still never removed.
  d.write("x/notes.txt", "mine");
  CHECK(run({"export", kTiny, "--to", "csv", "-o", d / "x"}).code == 2);
  CHECK(slurp(d / "x/notes.txt") == "mine");
}

TEST_CASE("reliability 12: --view school:ID reaches an id that ends in :digits",
          "[reliability]") {
  Dir d;
  const std::string net = d.write(
      "colon.json", R"({"format": "collabnet/1", "name": "Colons",
      "schools": [{"id": "Y:3:1", "name": "Yarrow"}, {"id": "Z", "name": "Zetland"},
                  {"id": "W", "name": "Whalsay"}],
      "partnerships": [{"from": "Y:3:1", "to": "Z"}, {"from": "Z", "to": "W"}]})");
  const Run one = run({"render", net, "--view", "school:Y:3:1", "-o", d / "a.dot"});
  INFO(one.err);
  CHECK(one.code == 0);
  const std::string a = slurp(d / "a.dot");
  CHECK(has(a, "Yarrow"));
  CHECK(has(a, "Zetland"));
  CHECK_FALSE(has(a, "Whalsay"));  // radius 1: W is two steps away
  const Run two = run({"render", net, "--view", "school:Y:3:1:2", "-o", d / "b.dot"});
  CHECK(two.code == 0);
  CHECK(has(slurp(d / "b.dot"), "Whalsay"));
}

TEST_CASE("reliability 13: the summary says staff are named when they are", "[reliability]") {
  Dir d;
  const std::string net = d.write(
      "key.json", R"({"format": "collabnet/1", "name": "Key",
      "schools": [{"id": "A", "name": "Ard"}, {"id": "B", "name": "Bal"}],
      "staff": [{"id": "S1", "school": "A", "name": "Jo Smith"},
                {"id": "S2", "school": "B", "name": "Al Jones"},
                {"id": "S3", "school": "B", "name": "Di Brown"}],
      "partnerships": [{"from": "A", "to": "B", "staff": ["S1", "S2"]},
                       {"from": "A", "to": "B", "staff": ["S1", "S3"]}]})");
  const Run shown = run({"analyse", net, "--show-staff-names"});
  REQUIRE(shown.code == 0);
  REQUIRE(has(shown.out, "Jo Smith"));
  CHECK_FALSE(has(shown.out, "not by name"));
  CHECK(has(unwrapped(shown.out), "as asked (--show-staff-names), by name"));
  const Run hidden = run({"analyse", net});
  CHECK_FALSE(has(hidden.out, "Jo Smith"));
  CHECK(has(unwrapped(hidden.out), "Staff are shown by their id, not by name."));
}

TEST_CASE("reliability 14: an output name of up to 255 bytes can be written", "[reliability]") {
  Dir d;
  for (const std::size_t length : {236u, 250u, 255u}) {
    const std::string name = std::string(length - 4, 'a') + ".txt";
    const Run r = run({"analyse", kTiny, "-o", d / name});
    INFO(length << ": " << r.err);
    CHECK(r.code == 0);
    CHECK(fs::file_size(d / name) > 0);
    // A folder of CSV files too.
    const std::string folder = std::string(length, 'b');
    CHECK(run({"export", kTiny, "--to", "csv", "-o", d / folder}).code == 0);
    CHECK(run({"export", kTiny, "--to", "csv", "-o", d / folder}).code == 0);
    fs::remove_all(d / folder);
  }
  // Nothing temporary is left beside them.
  for (const auto& e : fs::directory_iterator(d.dir))
    CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("reliability 15: GeoJSON link ids cannot collide", "[reliability]") {
  Dir d;
  const std::string net = d.write(
      "bars.json", R"({"format": "collabnet/1", "name": "Bars",
      "schools": [{"id": "A|B", "name": "1", "lat": 57, "lon": -3},
                  {"id": "C", "name": "2", "lat": 57.1, "lon": -3},
                  {"id": "A", "name": "3", "lat": 57.2, "lon": -3},
                  {"id": "B|C", "name": "4", "lat": 57.3, "lon": -3},
                  {"id": "x\\y", "name": "5", "lat": 57.4, "lon": -3}],
      "partnerships": [{"from": "A|B", "to": "C"}, {"from": "A", "to": "B|C"},
                       {"from": "A", "to": "x\\y"}]})");
  const Run r = run({"export", net, "--to", "geojson", "-o", "-"});
  REQUIRE(r.code == 0);
  // In the JSON text a backslash is written \\.
  CHECK(has(r.out, R"("id": "A\\|B|C")"));
  CHECK(has(r.out, R"("id": "A|B\\|C")"));
  CHECK(has(r.out, R"("id": "A|x\\\\y")"));
}

TEST_CASE("reliability 16: small values keep their significant digits", "[reliability]") {
  using collabnet::output::format_number;
  CHECK(format_number(1e-10) == "1e-10");
  CHECK(format_number(1.234567891e-7) == "1.23457e-07");
  CHECK(format_number(0.000123456789) == "0.000123457");  // 9 decimals: 6 significant digits
  CHECK(format_number(0.212121212121) == "0.212121212");
  CHECK(format_number(-2e-12) == "-2e-12");
  Dir d;
  const std::string net = d.write(
      "tiny-weights.json", R"({"format": "collabnet/1", "name": "W",
      "schools": [{"id": "A", "name": "A", "lat": 57, "lon": -3},
                  {"id": "B", "name": "B", "lat": 57.1, "lon": -3}],
      "partnerships": [{"from": "A", "to": "B", "weight": 1e-10}]})");
  const Run json = run({"analyse", net, "--format", "json"});
  CHECK(has(json.out, "\"strength\": 1e-10"));
  const Run csv = run({"analyse", net, "--format", "csv"});
  CHECK(has(csv.out, ",1e-10,"));
  for (const std::string to : {"graphml", "gexf", "geojson"}) {
    INFO(to);
    CHECK(has(run({"export", net, "--to", to, "-o", "-"}).out, "1e-10"));
  }
  CHECK(has(run({"render", net, "--format", "dot"}).out, "weight 1e-10"));
}

TEST_CASE("reliability 17: -o - writes to standard output, for export and import too",
          "[reliability]") {
  Dir d;
  // Run where a file named "-" would land, and make sure none does.
  const fs::path was = fs::current_path();
  fs::current_path(d.dir);
  struct Back {
    fs::path to;
    ~Back() { fs::current_path(to); }
  } back{was};
  for (const std::string to : {"graphml", "gexf", "geojson"}) {
    INFO(to);
    const Run r = run({"export", kTiny, "--to", to, "-o", "-"});
    CHECK(r.code == 0);
    const Run file = run({"export", kTiny, "--to", to, "-o", "x." + to});
    CHECK(file.out.empty());
    CHECK(r.out == slurp("x." + to));
    CHECK_FALSE(fs::exists("-"));
  }
  const Run csv = run({"export", kTiny, "--to", "csv", "-o", "-"});
  CHECK(csv.code == 2);
  CHECK(csv.err == "--output: --to csv writes a folder of CSV files, which standard output (-) "
                   "cannot hold; give a new or empty folder, e.g. -o my-folder\n");
  const Run imported = run({"import", "csv", kNorthernAllianceCsv, "-o", "-"});
  CHECK(imported.code == 0);
  CHECK(imported.out == slurp(std::string(COLLABNET_SOURCE_DIR) + "/graphs/northern-alliance.json"));
  CHECK_FALSE(fs::exists("-"));
}

TEST_CASE("reliability also: Excel's sep=, line is understood, line numbers kept",
          "[reliability]") {
  Dir d;
  d.write("net/schools.csv", "\xEF\xBB\xBFsep=,\r\nid,name,roll\r\nA,Ard,10\r\nB,Bal,x\r\n");
  d.write("net/partnerships.csv", "sep=,\nfrom,to\nA,B\n");
  const Run r = run({"check", d / "net"});
  CHECK(r.code == 2);
  CHECK(r.err.rfind(d / "net/schools.csv:4: roll: ", 0) == 0);  // line 4 of the file
  d.write("net/schools.csv", "sep=,\nid,name,roll\nA,Ard,10\nB,Bal,20\n");
  const Run ok = run({"check", d / "net"});
  INFO(ok.err);
  CHECK(ok.code == 0);
  CHECK(ok.err.empty());
}

TEST_CASE("reliability also: import csv is quiet about the analysis files export wrote",
          "[reliability]") {
  Dir d;
  REQUIRE(run({"export", kTiny, "--to", "csv", "--with-analysis", "-o", d / "x"}).code == 0);
  const Run back = run({"import", "csv", d / "x", "-o", d / "x.json"});
  CHECK(back.code == 0);
  CHECK_FALSE(has(back.err, "analysis-"));  // (tiny.json's own warning about G3 remains)
  // Another stray CSV file is still named.
  d.write("x/shools.csv", "id\n");
  CHECK(has(run({"check", d / "x"}).err, "shools.csv: warning: not a file of a collabnet CSV"));
}

TEST_CASE("reliability pass: an empty -o is refused before any work", "[reliability]") {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"analyse", kTiny, "-o", ""},
        {"export", kTiny, "--to", "csv", "-o", ""},
        {"render", kTiny, "--format", "svg", "-o", ""},
        {"report", kTiny, "-o", ""},
        {"import", "csv", kNorthernAllianceCsv, "-o", ""}}) {
    INFO(args[0]);
    const Run r = run(args);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    if (args[0] != "report")  // report says the same in its own words ("give the report's file")
      CHECK(r.err == "--output: is empty; give the name of the file to write (or - for "
                     "standard output)\n");
  }
}
