// Typed school names: the normaliser, the similarity score and the matcher (src/names/), on names
// of the real Northern Alliance register in data/. Expected values are worked out by hand from the
// rules in names.hpp (the arithmetic is written next to each).
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "load/csv_reader.hpp"
#include "names/names.hpp"

namespace fs = std::filesystem;
using namespace collabnet;
using namespace collabnet::names;

namespace {

// The register as the survey import builds it: school name and authority, in file order.
const NameIndex& scotland() {
  static const NameIndex index = [] {
    load::Diagnostics diags;
    const auto csv = load::read_csv_file(
        fs::path(COLLABNET_DATA_DIR) / "scotland_northern_alliance_roll_locations_2023.csv",
        "scotland.csv", diags);
    REQUIRE(csv.ok);
    const auto name = load::column_index(csv.header, "SchoolName");
    const auto la = load::column_index(csv.header, "LAName");
    std::vector<RegisterName> entries;
    for (const auto& row : csv.rows) entries.push_back({row.cells[name], row.cells[la]});
    REQUIRE(entries.size() == 654);  // 655 lines in the file, one of them the header
    return NameIndex(std::move(entries));
  }();
  return index;
}

std::string chosen(const NameMatch& m) {
  const auto& e = scotland().entry(m.entry);
  return e.name + " / " + e.authority;
}

std::vector<std::string> candidates(const NameMatch& m) {
  std::vector<std::string> out;
  for (const auto& c : m.candidates) {
    const auto& e = scotland().entry(c.entry);
    out.push_back(e.name + " / " + e.authority);
  }
  return out;
}

}  // namespace

TEST_CASE("normalise: case, accents, punctuation, abbreviations", "[names]") {
  CHECK(normalise("St Mary's R.C. P.S.") == "saint marys roman catholic primary");
  CHECK(normalise("Bun-Sgoil Ghàidhlig Phort Rìgh") == "bun sgoil ghaidhlig phort righ");
  CHECK(normalise("Bunsgoil Ghaidhlig Phort Righ") == "bun sgoil ghaidhlig phort righ");
  CHECK(normalise("Pàirc") == normalise("Páirc"));
  CHECK(normalise("Pàirc") == "pairc");
  CHECK(normalise("ＥＬＬＯＮ Acad") == "ellon academy");  // full-width letters: NFKC
  CHECK(normalise("ﬁnzean") == "finzean");                  // the "fi" ligature: NFKC
  CHECK(normalise("New Pitsligo & St John's School") == "new pitsligo and saint johns");
  CHECK(normalise("  The   Gordon Schools ") == "gordon");  // "schools": a typo of "school"
  CHECK(normalise("Kincardine O\u2019Neil") == "kincardine oneil");  // typographic apostrophe
  CHECK(normalise("Aberdeen GS") == "aberdeen grammar");
  CHECK(normalise("Mintlaw Acad.") == "mintlaw academy");
  CHECK(normalise("Inverurie ASN") == "inverurie additional support needs");
  CHECK(normalise("Ellon ELC") == "ellon early learning and childcare");
  CHECK(normalise("STRASSE") == normalise("straße"));  // case folding, not lower-casing
  CHECK(normalise("Abbotswell Primry Scool") == "abbotswell primary");  // typos of kind words
  CHECK(normalise("ab\u202Ecd") == "ab cd");  // a bidi override is a word break, never kept
  CHECK(normalise("") == "");
  CHECK(normalise("\xff\xfe") == "");  // invalid UTF-8 reads as word breaks
  CHECK(normalise(std::string(10000, 'x')) == std::string(10000, 'x'));
}

TEST_CASE("similarity: the documented score", "[names]") {
  // abbotswell (1) pairs with abbotswell (1); primary (0.1) unpaired: 2 / (1.1 + 1) = 0.952381.
  CHECK(similarity("Abbotswell PS", "Abbotswell School") == Approx(2.0 / 2.1));
  // one edit in 10 letters: 1 − 0.5 · 1/10 = 0.95 for the pair, so 0.95 · 2 / 2.1.
  CHECK(similarity("Abbotswel PS", "Abbotswell School") == Approx(0.95 * 2 / 2.1));
  // ellon pairs (2); academy and primary stay unpaired and are of different kinds: halved.
  CHECK(similarity("Ellon Academy", "Ellon Primary School") == Approx(2.0 / 2.2 / 2));
  // "port ellen" is joined to spell "portellen": 2 / (1 + 1.1).
  CHECK(similarity("Port Ellen", "Portellen Primary") == Approx(2.0 / 2.1));
  // ullapol / ullapool: one edit in 8 letters, 0.9375; primary pairs (0.2): (1.875 + 0.2) / 2.2.
  CHECK(similarity("Ullapol Primary", "Ullapool Primary School") == Approx(2.075 / 2.2));
  // 4-letter words never pair by typo: only primary pairs, 0.2 / 2.2.
  CHECK(similarity("Kirk PS", "Kirn Primary School") == Approx(0.2 / 2.2));
  CHECK(similarity("Kirn PS", "Kirk Primary School") == similarity("Kirk Primary School", "Kirn PS"));
  CHECK(similarity("Pàirc Primary", "Pairc Primary School") == 1.0);
  CHECK(similarity("", "") == 0.0);
  CHECK(similarity("Primary", "Primary School") == 1.0);
}

TEST_CASE("match: exact normalised names in the real register", "[names]") {
  const auto ellon = scotland().match("Ellon Acad");
  CHECK(ellon.kind == MatchKind::exact_name);
  CHECK(chosen(ellon) == "Ellon Academy / Aberdeenshire");
  const auto gaelic = scotland().match("Bun-sgoil Ghàidhlig Phort Rìgh");
  CHECK(gaelic.kind == MatchKind::exact_name);
  CHECK(chosen(gaelic) == "Bun-Sgoil Ghaidhlig Phort Righ / Highland");
  const auto loch = scotland().match("Sgoil nan Loch");
  CHECK(loch.kind == MatchKind::exact_name);
  CHECK(chosen(loch) == "Sgoil-nan-Loch / Na h-Eileanan an Iar");
  const auto pairc = scotland().match("Páirc PS");
  CHECK(pairc.kind == MatchKind::exact_name);
  CHECK(chosen(pairc) == "Pairc Primary School / Na h-Eileanan an Iar");
  const auto tain = scotland().match("knockbreck primary school, tain");
  CHECK(tain.kind == MatchKind::exact_name);
  CHECK(chosen(tain) == "Knockbreck Primary School - Tain / Highland");
}

TEST_CASE("match: similar names, with a margin", "[names]") {
  const auto lionacleit = scotland().match("Lionacleit");  // 2 / 2.1: sgoil is a kind word
  CHECK(lionacleit.kind == MatchKind::similar);
  CHECK(chosen(lionacleit) == "Sgoil Lionacleit / Na h-Eileanan an Iar");
  CHECK(lionacleit.score == Approx(2.0 / 2.1));
  const auto ullapool = scotland().match("Ullapol Primary");
  CHECK(ullapool.kind == MatchKind::similar);
  CHECK(chosen(ullapool) == "Ullapool Primary School / Highland");
  const auto abbotswell = scotland().match("Abbotswel PS");
  CHECK(abbotswell.kind == MatchKind::similar);
  CHECK(chosen(abbotswell) == "Abbotswell School / Aberdeen City");
}

TEST_CASE("match: names that must NOT match", "[names]") {
  // Three "St Andrew's Primary School" (Aberdeenshire, Orkney, Argyll and Bute).
  const auto nowhere = scotland().match("St Andrews PS");
  CHECK(nowhere.kind == MatchKind::ambiguous);
  CHECK(candidates(nowhere) == std::vector<std::string>{
                                   "St Andrew's Primary School / Aberdeenshire",
                                   "St Andrew's Primary School / Orkney Islands",
                                   "St Andrew's Primary School / Argyll and Bute"});
  CHECK(scotland().match("St Andrews PS", "Highland").kind == MatchKind::ambiguous);
  // … but a school in Orkney means the Orkney one.
  const auto orkney = scotland().match("St Andrews PS", "Orkney Islands");
  CHECK(orkney.kind == MatchKind::similar);
  CHECK(chosen(orkney) == "St Andrew's Primary School / Orkney Islands");
  // Millbank Primary School: Highland and Moray.
  CHECK(scotland().match("Millbank PS", "Aberdeen City").kind == MatchKind::ambiguous);
  CHECK(chosen(scotland().match("Millbank PS", "Moray")) == "Millbank Primary School / Moray");
  // The register holds e-Sgoil twice in the same authority: nothing decides.
  CHECK(scotland().match("e-Sgoil nan Eilean Siar", "Na h-Eileanan an Iar").kind ==
        MatchKind::ambiguous);
  // No St Mary's in the Northern Alliance: "St Marys PS" is not St Andrew's.
  const auto marys = scotland().match("St Marys PS");
  CHECK(marys.kind == MatchKind::unmatched);
  CHECK(marys.candidates.empty());
  // Ellon Academy is not Ellon Primary School, Kirk is not Kirn, Muk is not Muck.
  CHECK(scotland().match("Ellon Academy").entry != scotland().match("Ellon PS").entry);
  CHECK(scotland().match("Kirk PS").kind == MatchKind::unmatched);
  CHECK(scotland().match("Muk").kind == MatchKind::unmatched);
  // Two Farr schools in Highland: both offered, neither chosen.
  const auto farr = scotland().match("Farr Primary", "Highland");
  CHECK(farr.kind == MatchKind::unmatched);
  CHECK(candidates(farr) == std::vector<std::string>{"Farr Primary School - Bettyhill / Highland",
                                                     "Farr Primary School - Inverness / Highland"});
}

TEST_CASE("match: two St Mary's in different authorities", "[names]") {
  const NameIndex index({{"St Mary's Primary School", "Highland"},
                         {"St Mary's RC Primary School", "Moray"},
                         {"St Mark's Primary School", "Highland"}});
  // saint marys primary vs saint marys roman catholic primary: 4.1 / 4.3 = 0.953, vs the
  // Highland one 1.0: inside the margin, and the respondent is in neither authority.
  const auto elsewhere = index.match("St Marys Primary", "Argyll and Bute");
  CHECK(elsewhere.kind == MatchKind::exact_name);  // exactly one normalised name is equal
  CHECK(elsewhere.entry == 0);
  const auto bare = index.match("St Mary's", "Argyll and Bute");
  CHECK(bare.kind == MatchKind::ambiguous);
  REQUIRE(bare.candidates.size() == 2);
  const auto moray = index.match("St Mary's", "Moray");
  CHECK(moray.kind == MatchKind::similar);
  CHECK(moray.entry == 1);
  CHECK(index.match("St Marks", "Moray").entry == 2);  // 4-letter words: no typo pairing
  CHECK(index.suggest("St Marys PS", 1).size() == 1);
}

TEST_CASE("match: hostile typed names", "[names]") {
  CHECK(scotland().match("").kind == MatchKind::unmatched);
  CHECK(scotland().match("=HYPERLINK(\"http://x\")").kind == MatchKind::unmatched);
  CHECK(scotland().match(std::string(10000, 'a')).kind == MatchKind::unmatched);
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "Ellon ";
  CHECK(scotland().match(many).kind == MatchKind::unmatched);
}
