// The staff pass (src/passes/staff.cpp) on a small network worked out by hand, and publish mode:
// no staff name in any analysis output unless asked for.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/analysis_output.hpp"
#include "collabnet/load.hpp"

#include "analysis_support.hpp"

using namespace collabnet;
using namespace collabnet::testing;

namespace {

// Hand-worked figures (the comments give the working):
//   A: HA headteacher, TA1 teacher ("Alice Keyperson"), TA2 teacher ("Secret Name A")
//   B: HB headteacher, DB depute, TB teacher        C: HC headteacher, TC teacher
//   D: HD headteacher                               E: TE (no role)
//   F: HF headteacher    G: TG teacher    H: no staff    I: TI teacher
//   P1 A–B [TA1, HB]   P2 A–B [TA1, DB] (until 2020-12-31)   P3 A–C [HA, HC]   P4 B–C (no list)
//   P5 C–D [HC, HD]    P6 D–E [TE]   P7 F–G [HF, TG]   P8 F–H [HF]   P9 I–H (no list)
const char* kStaffNetwork = R"({
  "name": "Staff test",
  "schools": [
    {"id": "A", "name": "Alpha"}, {"id": "B", "name": "Beta"}, {"id": "C", "name": "Gamma"},
    {"id": "D", "name": "Delta"}, {"id": "E", "name": "Epsilon"}, {"id": "F", "name": "Zeta"},
    {"id": "G", "name": "Eta"}, {"id": "H", "name": "Theta"}, {"id": "I", "name": "Iota"}],
  "staff": [
    {"id": "HA", "school": "A", "role": "headteacher"},
    {"id": "TA1", "school": "A", "role": "teacher", "name": "Alice Keyperson"},
    {"id": "TA2", "school": "A", "role": "teacher", "name": "Secret Name A"},
    {"id": "HB", "school": "B", "role": "headteacher", "name": "Bob Head"},
    {"id": "DB", "school": "B", "role": "depute"},
    {"id": "TB", "school": "B", "role": "teacher"},
    {"id": "HC", "school": "C", "role": "headteacher"},
    {"id": "TC", "school": "C", "role": "teacher"},
    {"id": "HD", "school": "D", "role": "headteacher"},
    {"id": "TE", "school": "E"},
    {"id": "HF", "school": "F", "role": "headteacher", "name": "Fiona Onlyone"},
    {"id": "TG", "school": "G", "role": "teacher"},
    {"id": "TI", "school": "I", "role": "teacher"}],
  "partnerships": [
    {"id": "P1", "from": "A", "to": "B", "staff": ["TA1", "HB"]},
    {"id": "P2", "from": "A", "to": "B", "staff": ["TA1", "DB"], "until": "2020-12-31"},
    {"id": "P3", "from": "A", "to": "C", "staff": ["HA", "HC"]},
    {"id": "P4", "from": "B", "to": "C"},
    {"id": "P5", "from": "C", "to": "D", "staff": ["HC", "HD"]},
    {"id": "P6", "from": "D", "to": "E", "staff": ["TE"]},
    {"id": "P7", "from": "F", "to": "G", "staff": ["HF", "TG"]},
    {"id": "P8", "from": "F", "to": "H", "staff": ["HF"]},
    {"id": "P9", "from": "I", "to": "H"}]
})";

const Network& staff_network() {
  static const Network net = load_network_json_text(kStaffNetwork, "staff.json").network;
  return net;
}

const StaffFigures& of(const Analysis& a, const std::string& id) {
  return a.staff[*staff_network().find_school(id)];
}

}  // namespace

TEST_CASE("staff: per-school roll-up, worked by hand") {
  const Analysis a = analyse(staff_network(), {});
  REQUIRE(a.staff.size() == 9);
  // A: involved TA1 (P1, P2) and HA (P3): 2 of 3; one of the two is a leader.
  CHECK(of(a, "A").on_file == 3);
  CHECK(of(a, "A").records == 3);
  CHECK(of(a, "A").records_with_staff == 3);
  CHECK(of(a, "A").involved == std::optional<std::size_t>(2));
  CHECK(of(a, "A").involved_leadership == 1);
  CHECK(*of(a, "A").share_involved == Approx(2.0 / 3.0));
  CHECK(*of(a, "A").penetration == 0.5);
  CHECK_FALSE(of(a, "A").low_penetration);
  // B: HB and DB involved (leaders only), TB not: low penetration; P4 lists nobody.
  CHECK(of(a, "B").records == 3);
  CHECK(of(a, "B").records_with_staff == 2);
  CHECK(of(a, "B").involved == std::optional<std::size_t>(2));
  CHECK(of(a, "B").involved_leadership == 2);
  CHECK(*of(a, "B").penetration == 0.0);
  CHECK(of(a, "B").low_penetration);
  // C: HC only, TC on file: low penetration.
  CHECK(of(a, "C").involved == std::optional<std::size_t>(1));
  CHECK(*of(a, "C").share_involved == 0.5);
  CHECK(of(a, "C").low_penetration);
  // D: its only staff member is its headteacher: nothing to say about classrooms.
  CHECK(*of(a, "D").share_involved == 1.0);
  CHECK(*of(a, "D").penetration == 0.0);
  CHECK_FALSE(of(a, "D").low_penetration);
  // E: TE has no role: involved, but penetration unknown.
  CHECK(of(a, "E").involved == std::optional<std::size_t>(1));
  CHECK(of(a, "E").involved_role_unknown == 1);
  CHECK_FALSE(of(a, "E").penetration);
  // H: no staff on file; its records P8 (lists staff, none of H's) and P9 (lists none).
  CHECK(of(a, "H").on_file == 0);
  CHECK(of(a, "H").records == 2);
  CHECK(of(a, "H").records_with_staff == 1);
  CHECK(of(a, "H").involved == std::optional<std::size_t>(0));
  CHECK_FALSE(of(a, "H").share_involved);
  // I: its only record lists nobody: unknown, not zero.
  CHECK(of(a, "I").on_file == 1);
  CHECK_FALSE(of(a, "I").involved);
  CHECK_FALSE(of(a, "I").share_involved);
  CHECK_FALSE(of(a, "I").penetration);

  // Coverage: 7 of 9 records list staff; 13 staff on file, 9 named on a record.
  CHECK(a.staff_coverage.records == 9);
  CHECK(a.staff_coverage.records_with_staff == 7);
  CHECK(*a.staff_coverage.coverage == Approx(7.0 / 9.0));
  CHECK(a.staff_coverage.staff == 13);
  CHECK(a.staff_coverage.involved == 9);
  CHECK(a.staff_coverage.key_persons == 2);
}

TEST_CASE("staff: findings, worked by hand") {
  const Analysis a = analyse(staff_network(), {});
  CHECK(subjects(a, "low-penetration-school") == std::vector<std::string>{"B", "C"});
  const Finding& b = finding(a, "low-penetration-school", "B");
  CHECK(extra<std::int64_t>(b, "records_with_staff") == 2);
  CHECK(extra<std::int64_t>(b, "records") == 3);
  CHECK(b.message.find("2 of 3 partnership records name their staff") != std::string::npos);

  // TA1 alone carries A's side of both A–B records; HF carries every record of F (P7, P8).
  // A's school-level test fails (P3 is HA's); B's side has HB then DB; F–G and F–H have one
  // record each, so no pair finding repeats HF's.
  CHECK(subjects(a, "key-person") == std::vector<std::string>{"HF", "TA1"});
  const Finding& ta1 = finding(a, "key-person", "TA1");
  CHECK(extra<std::vector<std::string>>(ta1, "pair") == std::vector<std::string>{"A", "B"});
  CHECK(extra<std::string>(ta1, "school") == "A");
  CHECK(extra<std::int64_t>(ta1, "records") == 2);
  CHECK(ta1.message.find("if this person leaves, the link goes") != std::string::npos);
  const Finding& hf = finding(a, "key-person", "HF");
  CHECK(extra<std::vector<std::string>>(hf, "partners") == std::vector<std::string>{"G", "H"});
  CHECK(hf.message.find("Every partnership of Zeta (F)") != std::string::npos);

  // Key persons rank with bridges (kFindingKinds order), low penetration after give-only.
  CHECK(finding_kind_rank("key-person") == finding_kind_rank("bridge-link") + 1);
  CHECK(finding_kind_rank("low-penetration-school") > finding_kind_rank("give-only-school"));
}

TEST_CASE("staff: --as-of leaves ended records out of the staff figures too") {
  Settings s;
  s.as_of = "2024-01-01";  // P2 ended 2020-12-31: A–B has one record left
  const Analysis a = analyse(staff_network(), s);
  CHECK(subjects(a, "key-person") == std::vector<std::string>{"HF"});
  CHECK(of(a, "A").records == 2);
  CHECK(a.staff_coverage.records == 8);
  // DB was named on P2 only.
  CHECK(of(a, "B").involved == std::optional<std::size_t>(1));
}

TEST_CASE("staff: publish mode keeps names out of every analysis output") {
  const Network& net = staff_network();
  const char* names[] = {"Alice Keyperson", "Secret Name A", "Bob Head", "Fiona Onlyone"};
  const Analysis a = analyse(net, {});
  const std::string outputs[] = {analysis_to_json(net, a), analysis_to_text(net, a),
                                 analysis_schools_csv(net, a), analysis_findings_csv(net, a),
                                 analysis_groupings_csv(net, a)};
  for (const std::string& doc : outputs)
    for (const char* name : names) CHECK(doc.find(name) == std::string::npos);
  // Staff ids are the pseudonyms: the finding names TA1.
  CHECK(outputs[0].find("\"subject\": \"TA1\"") != std::string::npos);

  Settings shown;
  shown.show_staff_names = true;
  const Analysis b = analyse(net, shown);
  const Finding& ta1 = finding(b, "key-person", "TA1");
  CHECK(ta1.message.find("Alice Keyperson (TA1, teacher)") != std::string::npos);
  CHECK(extra<std::string>(ta1, "name") == "Alice Keyperson");
  CHECK(analysis_to_json(net, b).find("Alice Keyperson") != std::string::npos);
}

TEST_CASE("staff: JSON, text and CSV carry the staff figures") {
  const Network& net = staff_network();
  const Analysis a = analyse(net, {});
  const auto j = nlohmann::json::parse(analysis_to_json(net, a));
  CHECK(j["network"]["staff"]["coverage"] == 0.777777778);
  CHECK(j["network"]["staff"]["key_persons"] == 2);
  CHECK(j["schools"][0]["id"] == "A");
  CHECK(j["schools"][0]["staff"]["penetration"] == 0.5);
  CHECK(j["schools"][0]["staff"]["share_involved"] == 0.666666667);
  CHECK(j["schools"][8]["id"] == "I");
  CHECK(j["schools"][8]["staff"]["involved"].is_null());
  const std::string text = analysis_to_text(net, a);
  CHECK(text.find("7 partnership records of 9 name the staff who carry them (77.8%)") !=
        std::string::npos);
  CHECK(text.find("Links that hang on one member of staff (2)") != std::string::npos);
  CHECK(text.find("Schools where only senior leaders take part (2)") != std::string::npos);
  const std::string csv = analysis_schools_csv(net, a);
  CHECK(csv.find(",staff_on_file,staff_involved,staff_share_involved,staff_penetration,"
                 "staff_records_with_lists,low_penetration,as_of\r\n") != std::string::npos);
  CHECK(csv.find("\r\nB,Beta,") != std::string::npos);
  CHECK(csv.find(",3,2,0.666666667,0,2,true,") != std::string::npos);  // B
  CHECK(csv.find(",1,,,,0,false,") != std::string::npos);              // I: unknown
}

TEST_CASE("staff: tiny.json (tiny.md, 'Staff')") {
  const Network net = load_network(COLLABNET_SOURCE_DIR "/graphs/tiny.json").network;
  const Analysis a = analyse(net, {});
  auto at = [&](const char* id) -> const StaffFigures& { return a.staff[*net.find_school(id)]; };
  CHECK(at("S03").on_file == 1);
  CHECK(at("S03").involved == std::optional<std::size_t>(1));
  CHECK(*at("S03").penetration == 0.0);
  CHECK_FALSE(at("S03").low_penetration);  // no other staff on file
  CHECK(*at("S04").penetration == 1.0);
  CHECK(at("S09").records == 2);
  CHECK(at("S09").records_with_staff == 1);
  CHECK(*at("S09").share_involved == 1.0);
  CHECK(at("S10").on_file == 0);
  CHECK(at("S10").involved == std::optional<std::size_t>(0));
  CHECK(at("S01").records == 3);
  CHECK(at("S01").records_with_staff == 0);
  CHECK_FALSE(at("S01").involved);  // records, none listing staff: unknown
  CHECK(at("S12").involved == std::optional<std::size_t>(0));  // no records: nobody
  CHECK(a.staff_coverage.records_with_staff == 2);
  CHECK(a.staff_coverage.records == 15);
  CHECK(a.staff_coverage.involved == 3);
  CHECK(a.staff_coverage.key_persons == 0);
  for (const Finding& f : a.findings) {
    CHECK(f.kind != "key-person");  // P05 is one record; S09–S10's P15 lists nobody
    CHECK(f.kind != "low-penetration-school");
  }
}
