// The JSON loader: what a valid file becomes, and the exact located messages for bad ones.
// (The bad-input corpus under tests/bad/ covers many more messages end to end.)
#include <catch2/catch.hpp>
#include <string>

#include "collabnet/load.hpp"
#include "load/builder.hpp"

using namespace collabnet;

namespace {

std::vector<std::string> errors_of(const std::string& text) {
  try {
    (void)load_network_json_text(text, "net.json");
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.to_string());
    return out;
  }
  FAIL("expected an InputError");
  return {};
}

const char* const kValid = R"({
  "format": "collabnet/1", "name": "Example Council", "as_of": "2026-06-30",
  "schools": [
    {"id": "5123456", "name": "Achnasheen Primary", "authority": "Highland", "sector": "primary",
     "roll": 12, "rural": true, "lat": 57.58, "lon": -5.07, "ward": "Wester Ross", "tags": [1, 2]},
    {"id": "5123457", "name": "Dingwall \"Academy\" <&>"},
    {"id": "5123458", "name": "Strathpeffer"}
  ],
  "staff": [
    {"id": "T001", "school": "5123456", "role": "headteacher", "name": "Jo Bloggs"},
    {"id": "T045", "school": "5123457"}
  ],
  "groupings": [
    {"id": "G1", "name": "Dingwall ASG", "kind": "cluster", "basis": "geographic",
     "members": ["5123456", "5123457", "5123458"]}
  ],
  "partnerships": [
    {"id": "P1", "from": "5123456", "to": "5123457", "direction": "mutual",
     "activity": "sharing-practice", "weight": 3, "level": 3,
     "staff": ["T001", "T045"], "grouping": "G1", "since": "2025-08-15", "until": null},
    {"from": "5123457", "to": "5123458", "direction": "one-way", "weight": 0.5}
  ]
})";

}  // namespace

TEST_CASE("a valid network loads with every field, ids resolved to indices") {
  const LoadResult r = load_network_json_text(kValid, "net.json");
  const Network& n = r.network;
  CHECK(r.warnings.empty());
  CHECK(n.name == "Example Council");
  CHECK(n.as_of == "2026-06-30");
  REQUIRE(n.schools.size() == 3);
  const School& a = n.schools[0];
  CHECK(a.id == "5123456");
  CHECK(a.authority == "Highland");
  CHECK(a.sector == "primary");
  CHECK(a.roll == 12);
  CHECK(a.rural == true);
  CHECK(a.lat == Approx(57.58));
  CHECK(a.lon == Approx(-5.07));
  // Unknown keys are kept, as JSON text, sorted by key.
  REQUIRE(a.extra.size() == 2);
  CHECK(a.extra[0] == ExtraAttribute{"tags", "[1,2]"});
  CHECK(a.extra[1] == ExtraAttribute{"ward", "\"Wester Ross\""});
  CHECK(n.schools[1].name == "Dingwall \"Academy\" <&>");
  CHECK_FALSE(n.schools[1].roll.has_value());
  REQUIRE(n.staff.size() == 2);
  CHECK(n.staff[0].school == 0);
  CHECK(n.staff[0].name == "Jo Bloggs");
  CHECK(n.staff[1].role.empty());
  REQUIRE(n.groupings.size() == 1);
  CHECK(n.groupings[0].members == std::vector<std::size_t>{0, 1, 2});
  REQUIRE(n.partnerships.size() == 2);
  const Partnership& p = n.partnerships[0];
  CHECK(p.from == 0);
  CHECK(p.to == 1);
  CHECK(p.weight == 3);
  CHECK(p.level == 3);
  CHECK(p.staff == std::vector<std::size_t>{0, 1});
  CHECK(p.grouping == 0u);
  CHECK(p.since == "2025-08-15");
  CHECK_FALSE(p.until.has_value());
  const Partnership& q = n.partnerships[1];
  CHECK(q.id == "partnership-2");
  CHECK(q.id_generated);
  CHECK(q.direction == Direction::one_way);
  CHECK(q.weight == 0.5);
  CHECK(q.active_on("2020-01-01"));
  CHECK_FALSE(p.active_on("2025-08-14"));
  CHECK(p.active_on("2025-08-15"));
}

TEST_CASE("keys may come in any order: partnerships before schools") {
  const LoadResult r = load_network_json_text(
      R"({"partnerships": [{"from": "B", "to": "A"}], "schools": [{"id": "A", "name": "a"},
          {"id": "B", "name": "b"}]})",
      "net.json");
  REQUIRE(r.network.partnerships.size() == 1);
  CHECK(r.network.partnerships[0].from == 1);
  CHECK(r.network.partnerships[0].to == 0);
}

TEST_CASE("a null field is an absent one, in staff and partnership records alike") {
  // Real exports write open partnerships as "until": null and unnamed staff as "name": null.
  const std::string schools = R"("schools": [{"id": "A", "name": "A"}, {"id": "B", "name": "B"}])";
  const Network with_nulls = load_network_json_text(
      "{" + schools + R"(, "staff": [{"id": "T1", "school": "A", "name": null, "role": null}],
      "partnerships": [{"from": "A", "to": "B", "until": null, "since": null, "level": null,
                        "weight": null, "staff": null, "activity": null, "grouping": null,
                        "direction": null, "id": null}]})",
      "nulls.json").network;
  const Network without = load_network_json_text(
      "{" + schools + R"(, "staff": [{"id": "T1", "school": "A"}],
      "partnerships": [{"from": "A", "to": "B"}]})", "plain.json").network;
  CHECK(with_nulls.staff == without.staff);
  CHECK(with_nulls.partnerships == without.partnerships);
  REQUIRE(with_nulls.partnerships.size() == 1);
  CHECK_FALSE(with_nulls.partnerships[0].until);
  CHECK(with_nulls.partnerships[0].weight == 1.0);
}

TEST_CASE("empty and one-school networks are valid") {
  CHECK(load_network_json_text(R"({"schools": []})", "e.json").network.schools.empty());
  CHECK(load_network_json_text(R"({})", "e.json").network.schools.empty());
  CHECK(load_network_json_text(R"({"schools": [{"id": "A", "name": "a"}]})", "one.json")
            .network.schools.size() == 1);
}

TEST_CASE("a generated id never clashes with a given one") {
  const auto r = load_network_json_text(
      R"({"schools": [{"id": "A", "name": "a"}, {"id": "B", "name": "b"}],
          "partnerships": [{"id": "partnership-2", "from": "A", "to": "B"},
                           {"from": "B", "to": "A"}]})",
      "net.json");
  CHECK(r.network.partnerships[1].id == "partnership-2-2");
}

TEST_CASE("suspicious but valid data gives warnings, not errors") {
  const auto r = load_network_json_text(
      R"({"schools": [{"id": "A", "name": "a"}, {"id": "B", "name": "b"}, {"id": "C", "name": "c"}],
          "staff": [{"id": "T1", "school": "C"}],
          "groupings": [{"id": "G1", "members": ["A"]}],
          "partnerships": [{"id": "P1", "from": "A", "to": "B", "weigth": 2},
                           {"id": "P2", "from": "A", "to": "B", "weigth": 2},
                           {"id": "P3", "from": "A", "to": "B", "staff": ["T1"]}]})",
      "net.json");
  std::vector<std::string> w;
  for (const auto& d : r.warnings) w.push_back(d.to_string());
  CHECK(w == std::vector<std::string>{
                 "net.json: warning: partnerships[0].weigth: unknown key kept as an extra "
                 "attribute; did you mean \"weight\"?",
                 "net.json: warning: partnerships[1].weigth: unknown key kept as an extra "
                 "attribute; did you mean \"weight\"?",
                 "net.json: warning: groupings[0].members: a grouping of one school (\"A\"): "
                 "collaboration needs 2 or more; is a member missing?",
                 "net.json: warning: partnerships[2].staff[0]: staff member \"T1\" belongs to "
                 "\"C\", which is neither school of this partnership",
                 "net.json: warning: partnerships[1]: identical to partnerships[0] apart from "
                 "its id; entered twice? Both are counted"});
  CHECK(r.network.partnerships.size() == 3);  // nothing dropped
}

TEST_CASE("all errors of a file come in one run, references included") {
  CHECK(errors_of(R"({"schools": [{"id": "A", "name": "a", "roll": -1}],
                      "staff": [{"id": "T1", "school": "Z"}],
                      "partnerships": [{"from": "A", "to": "5123999", "staff": ["T1"]},
                                       {"from": "A", "to": "A"}]})") ==
        std::vector<std::string>{
            "net.json: schools[0].roll: must be a whole number ≥ 0, got number -1",
            "net.json: partnerships[1].to: is the same school as from (\"A\"); a partnership "
            "joins two different schools",
            "net.json: staff[0].school: unknown school id \"Z\"; did you mean \"A\" (a)?",
            "net.json: partnerships[0].to: unknown school id \"5123999\": no school has that id "
            "or that name; give the school's id (its SEED code or URN) as the schools list it"});
}

TEST_CASE("errors beyond the cap are counted, not stored") {
  std::string text = R"({"schools": [)";
  for (int i = 0; i < 120; ++i) text += std::string(i ? "," : "") + R"({"id": "S", "name": "s"})";
  text += "]}";
  try {
    (void)load_network_json_text(text, "net.json");
    FAIL("expected an error");
  } catch (const InputError& e) {
    CHECK(e.error_count() == 119);
    CHECK(e.diagnostics().size() == kMaxReportedErrors);
    const std::string printed = format_diagnostics(e.diagnostics(), e.error_count());
    CHECK(printed.substr(printed.rfind("...")) == "... and 69 more errors\n");
  }
}

TEST_CASE("syntax errors carry line and column") {
  CHECK(errors_of("{\n  \"schools\": [\n    {\"id\": \"A\" \"name\": \"a\"}\n  ]\n}\n") ==
        std::vector<std::string>{"net.json:3:21: syntax error while parsing object - unexpected "
                                 "string literal; expected '}'"});
}

TEST_CASE("text helpers") {
  using namespace collabnet::load;
  CHECK(quote("a\"b\\c\n\x01") == R"("a\"b\\c\n\x01")");
  CHECK(quote("caf\xC3\xA9 \xFF") == "\"caf\xC3\xA9 \\xFF\"");
  CHECK(is_valid_utf8("Dùn Èideann ’"));
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));       // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));   // a surrogate
  CHECK(did_you_mean("nmae", {"name", "format"}) == std::string("name"));
  CHECK(did_you_mean("Primary", {"primary", "secondary"}) == std::string("primary"));
  CHECK_FALSE(did_you_mean("zzz", {"name"}).has_value());
  std::string why;
  CHECK(is_iso_date("2024-02-29"));
  CHECK_FALSE(is_iso_date("2023-02-29", &why));
  CHECK(why == "\"2023-02-29\" is not a real date (February 2023 has 28 days)");
  CHECK_FALSE(is_iso_date("1900-02-29"));
  CHECK(is_iso_date("2000-02-29"));
  CHECK_FALSE(is_iso_date("2025-13-01", &why));
  CHECK(why == "\"2025-13-01\" is not a real date (there is no month 13)");
  CHECK_FALSE(is_iso_date("2025-1-01", &why));
  CHECK(why == "must be a date written YYYY-MM-DD, got \"2025-1-01\"");
}
