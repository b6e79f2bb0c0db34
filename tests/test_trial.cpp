// The first hour with your own data (issue 17), as a test: a council analyst takes the 198
// Highland schools of the Scottish roll-and-locations data (data/), types 41 partnerships, 3
// groupings and their members in a spreadsheet with the mistakes people make (tests/trial/
// highland/), and goes from import to a dated report. Every message is asserted as printed, and
// no one-way link may be lost on the way.
//
// Expected values are worked out from the files by hand (and the counts from the raw data with
// the tests' own CSV splitter): the typed rows are listed in tests/trial/highland/README.md.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "support.hpp"

using namespace collabnet;
using namespace collabnet::testing;
namespace fs = std::filesystem;

namespace {

const fs::path kTrial = fs::path(COLLABNET_SOURCE_DIR) / "tests" / "trial" / "highland";
const std::string kScotland =
    std::string(COLLABNET_DATA_DIR) + "/scotland_northern_alliance_roll_locations_2023.csv";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The Highland rows of the raw file, counted with the tests' own splitter.
std::size_t highland_rows() {
  const auto rows = raw_csv_rows(kScotland);
  std::size_t la = 0;
  while (la < rows[0].size() && rows[0][la] != "LAName") ++la;
  std::set<std::string> seeds;
  for (std::size_t r = 1; r < rows.size(); ++r)
    if (la < rows[r].size() && rows[r][la] == "Highland") seeds.insert(rows[r][0]);
  return seeds.size();
}

/// The analyst's folder: the register through `collabnet template --schools`, then their files.
struct Trial {
  TempDir tmp{"collabnet-trial"};
  fs::path folder = tmp.dir / "my-network";
  std::string f = folder.string();  // as the messages name it

  Trial() {
    const fs::path reg = tmp.dir / "highland-schools.json";
    const Run imported =
        run({"import", "scotland", kScotland, "--authority", "Highland", "-o", reg.string()});
    REQUIRE(imported.code == 0);
    CHECK(imported.err.empty());
    CHECK(imported.out == "wrote " + reg.string() + ": " + std::to_string(highland_rows()) +
                              " schools, 0 partnerships, 0 groupings, 0 staff\n");
    const Run made = run({"template", "--schools", reg.string(), "-o", f});
    REQUIRE(made.code == 0);
    for (const char* name : {"partnerships.csv", "groupings.csv", "memberships.csv", "meta.csv"})
      fs::copy_file(kTrial / name, folder / name, fs::copy_options::overwrite_existing);
    std::ofstream(folder / "staff.csv", std::ios::binary) << "id,school,role,name\n";
  }

  /// Row 16's mistyped id, corrected as the message suggests.
  void fix_typo() {
    std::string text = slurp(folder / "partnerships.csv");
    const std::string typo = "\n511462,5118522,";
    const auto at = text.find(typo);
    REQUIRE(at != std::string::npos);
    text.replace(at, typo.size(), "\n5114624,5118522,");
    std::ofstream(folder / "partnerships.csv", std::ios::binary) << text;
  }
};

const std::string kDateFix =
    "is written DD/MM/YYYY; write dates as YYYY-MM-DD (17/08/2022 is 2022-08-17), or give "
    "--date-format DD/MM/YYYY";

/// The warnings of both rounds: nothing is lost, but each is worth a look.
std::string warnings(const std::string& f) {
  return f + "/partnerships.csv: warning: 3 blank rows (every cell empty) skipped: rows 43–45\n" +
         f + "/partnerships.csv:13: warning: the same partnership as line 12, entered from the "
             "other side (\"5116325\" and \"5114926\" swapped, every other detail the same); keep "
             "one of the two rows: both are counted\n" +
         f + "/memberships.csv: warning: school: 4 cells name a school by its name, not its id; "
             "each matched the one school of that name: \"Dingwall Academy\" = \"5119138\", "
             "\"Alness Academy\" = \"5120136\", \"Dornoch Academy\" = \"5109434\", \"Dornoch "
             "Primary\" = \"5110629\"\n" +
         f + "/partnerships.csv: warning: to: 9 cells name a school by its name, not its id; "
             "each matched the one school of that name: \"Dingwall Academy\" = \"5119138\" (8 "
             "times), \"Knockbreck Primary School - Tain\" = \"5118328\"\n" +
         f + "/partnerships.csv: warning: from: 1 cell names a school by its name, not its id; "
             "each matched the one school of that name: \"Tain Royal Academy\" = \"5119839\"\n";
}

}  // namespace

TEST_CASE("trial: the first round of check shows every mistake once, grouped", "[trial]") {
  Trial t;
  const Run r = run({"check", t.f});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  const std::string& f = t.f;
  // Errors and warnings in the order they were found: the header, the rows, meta.csv, then the
  // references. The date on 41 rows is one line; the one typo on row 16 is not hidden.
  const std::string w = warnings(f);
  const auto line = [&](std::size_t n) {  // the n-th warning line (0-based)
    std::size_t at = 0;
    for (std::size_t i = 0; i < n; ++i) at = w.find('\n', at) + 1;
    return w.substr(at, w.find('\n', at) + 1 - at);
  };
  CHECK(r.err ==
        f + "/partnerships.csv:1: header: unknown column \"Notes\"; partnerships.csv knows the "
            "columns id,from,to,direction,activity,weight,level,staff,grouping,since,until,reported_by "
            "(docs/format.md lists the other headers it understands). Rename the column to one "
            "of them, rename it \"Notes:text\" to keep it as your own attribute, or give "
            "--keep-unknown-columns\n" +
            line(0) +
            f + "/partnerships.csv: since: " + kDateFix + " (41 rows: 2–42)\n" +
            f + "/partnerships.csv:28: until: " + kDateFix + "\n" +
            f + "/meta.csv:2: as_of: " + kDateFix + "\n" +
            f + "/partnerships.csv:16: from: unknown school id \"511462\"; did you mean "
                "\"5114624\" (Dingwall Primary School)?\n" +
            line(1) + line(2) + line(3) + line(4));
}

TEST_CASE("trial: the second round loads, and no one-way link is lost", "[trial]") {
  Trial t;
  t.fix_typo();
  const std::vector<std::string> flags = {"--date-format", "DD/MM/YYYY", "--keep-unknown-columns"};
  auto with = [&](std::vector<std::string> args) {
    args.insert(args.end(), flags.begin(), flags.end());
    return run(args);
  };

  const Run checked = with({"check", t.f});
  CHECK(checked.code == 0);
  CHECK(checked.err == warnings(t.f));
  // Activities as given, commonest first: 17 Transition rows; sharing-practice on rows 8, 9, 12,
  // 13, 16, 23, 29, 31, 38, 40 (10); joint-cpd on 10, 14, 25, 32, 39 (5); moderation on 11, 15,
  // 26 (3); leadership on 27, 28, 41 (3); sharing-pupils, sharing-facilities, Robotics club 1 each.
  CHECK(checked.out.find("\n  activities    transition 17, sharing-practice 10, joint-cpd 5, "
                         "leadership 3, moderation 3, Robotics club 1, sharing-facilities 1, "
                         "sharing-pupils 1\n") != std::string::npos);

  // Every record, as JSON: 41 typed rows (3 blank ones skipped), 6 of them one-way (rows 8, 9,
  // 23, 30, 38 and 40 say yes under "One-way?"), names resolved to ids, dates day first.
  const fs::path json_file = t.tmp.dir / "my-network.json";
  const Run imported = with({"import", "csv", t.f, "-o", json_file.string()});
  REQUIRE(imported.code == 0);
  CHECK(imported.out == "wrote " + json_file.string() +
                            ": 198 schools, 41 partnerships, 3 groupings, 0 staff\n");
  const auto net = nlohmann::json::parse(slurp(json_file));
  CHECK(net["as_of"] == "2024-06-30");
  std::multiset<std::pair<std::string, std::string>> one_way;
  for (const auto& p : net["partnerships"])
    if (p.value("direction", "mutual") == "one-way") one_way.emplace(p["from"], p["to"]);
  CHECK(one_way == std::multiset<std::pair<std::string, std::string>>{
                       {"5119138", "5114926"}, {"5119138", "5116325"}, {"5120136", "5113326"},
                       {"5119839", "5118328"}, {"5110629", "5107725"}, {"5113024", "5113229"}});
  // The first row: a name for `to`, the activity as its known word, the weight from "How often
  // (per term)", the date read day first, the note kept.
  const auto& first = net["partnerships"][0];
  CHECK(first["from"] == "5114624");
  CHECK(first["to"] == "5119138");
  CHECK(first["activity"] == "transition");
  CHECK(first["weight"] == 3);
  CHECK(first["since"] == "2022-08-17");
  CHECK(first["Notes"] == "P7 visits");
  CHECK(net["partnerships"][40]["activity"] == "Robotics club");  // open vocabulary, as given

  // The dated picture by default: as of meta.csv's 30/06/2024 the partnership that ended on
  // 30/06/2023 (row 28) is out: 40 records, 34 of them mutual, between 33 pairs of schools.
  const Run analysed = with({"analyse", t.f, "--format", "json"});
  REQUIRE(analysed.code == 0);
  const auto a = nlohmann::json::parse(analysed.out);
  CHECK(a["network"]["as_of"] == "2024-06-30");
  CHECK(a["network"]["as_of_basis"] == "file");
  CHECK(a["network"]["partnerships"] == 40);
  CHECK(a["network"]["partnerships_in_file"] == 41);
  CHECK(a["network"]["links"] == 33);
  CHECK(a["network"]["schools"] == 198);
  CHECK(a["network"]["isolates"].size() == 198 - 24);  // 24 schools appear on active rows
  CHECK(a["network"]["reciprocity"].get<double>() == Approx(34.0 / 40.0));
  std::size_t gives = 0;
  for (const auto& s : a["schools"]) gives += s["gives"].get<std::size_t>();
  CHECK(gives == 6);
  // Only Dornoch Primary → Bonar Bridge has nothing running back (the other five pairs also
  // have a mutual record).
  std::vector<nlohmann::json> one_way_links;
  for (const auto& finding : a["findings"])
    if (finding["kind"] == "one-way-link") one_way_links.push_back(finding);
  CHECK(one_way_links.size() == 1);

  // --as-of all counts every record, and says so.
  const Run all = with({"analyse", t.f, "--as-of", "all", "--format", "json"});
  const auto every = nlohmann::json::parse(all.out);
  CHECK(every["network"]["as_of"].is_null());
  CHECK(every["network"]["as_of_basis"] == "all");
  CHECK(every["network"]["partnerships"] == 41);

  // The report is dated, and carries the load's warnings in its data-quality section.
  const fs::path html = t.tmp.dir / "report.html";
  const Run reported = with({"report", t.f, "-o", html.string()});
  REQUIRE(reported.code == 0);
  const std::string page = slurp(html);
  CHECK(page.find("Partnerships active on 30 June 2024.") != std::string::npos);
  CHECK(page.find("When the data was read: " + t.f +
                  "/partnerships.csv: warning: 3 blank rows (every cell empty) skipped: rows "
                  "43–45") != std::string::npos);
}

TEST_CASE("trial: a capitalised Direction header keeps every one-way link", "[trial]") {
  TempDir tmp;
  tmp.write("net/schools.csv", "id,name\nA,Alpha\nB,Beta\nC,Gamma\n");
  tmp.write("net/partnerships.csv",
            "from,to,activity,Weight,Direction\n"
            "A,B,sharing-practice,2,One-way\n"
            "B,C,Transition,1,Mutual\n"
            "C,A,joint-cpd,1,one way\n");
  const std::string out = (tmp.dir / "net.json").string();
  const Run r = run({"import", "csv", (tmp.dir / "net").string(), "-o", out});
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());
  const auto net = nlohmann::json::parse(slurp(out));
  CHECK(net["partnerships"][0]["direction"] == "one-way");
  CHECK(net["partnerships"][0]["weight"] == 2);
  CHECK(net["partnerships"][1]["direction"] == "mutual");
  CHECK(net["partnerships"][1]["activity"] == "transition");
  CHECK(net["partnerships"][2]["direction"] == "one-way");
}

TEST_CASE("trial: dates day first, and what stays an error", "[trial]") {
  TempDir tmp;
  tmp.write("net/schools.csv", "id,name\nA,Alpha\nB,Beta\n");
  tmp.write("net/partnerships.csv",
            "from,to,activity,since,until\n"
            "A,B,transition,7/8/2022,31/12/2023\n"
            "A,B,moderation,17/08/22,\n"
            "A,B,leadership,08/17/2022,\n");
  const std::string f = (tmp.dir / "net").string();
  const Run r = run({"check", f, "--date-format", "DD/MM/YYYY"});
  CHECK(r.code == 2);
  CHECK(r.err == f + "/partnerships.csv:3: since: has a 2-digit year, which is ambiguous; write "
                     "dates as YYYY-MM-DD, e.g. 2022-08-17\n" +
                     f + "/partnerships.csv:4: since: is not a date read as DD/MM/YYYY (there is "
                         "no month 17); write dates as YYYY-MM-DD\n");
  const Run plain = run({"check", f});
  CHECK(plain.err.find(f + "/partnerships.csv:4: since: is written MM/DD/YYYY (month first); "
                           "write dates as YYYY-MM-DD, e.g. 2022-08-17\n") != std::string::npos);
}
