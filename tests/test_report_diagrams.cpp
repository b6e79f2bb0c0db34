// The report's diagrams and plain words (issue 16, item 5): which diagrams `--diagrams LIST`
// embeds, one view per oversize or at-risk grouping with a caption saying why, a note instead of
// an empty map, no command-line text outside the technical appendix, and no generated
// partnership id shown. Expectations are worked by hand from the small networks built here.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/compare.hpp"
#include "collabnet/diagnostic.hpp"
#include "collabnet/load.hpp"
#include "collabnet/report.hpp"

#include "support.hpp"

using namespace collabnet;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

Partnership link(std::size_t from, std::size_t to) {
  Partnership p;
  p.id = "L" + std::to_string(from) + "-" + std::to_string(to);
  p.from = from;
  p.to = to;
  return p;
}

/// 13 schools: "Big Cluster" of ten (A1…A10, a ring: everyone has two partners, no school cuts
/// the ring) and "Small Trio" of three (B1, B2, B3, a triangle). No roll, no rurality: no
/// school is small or rural, and nobody has fewer than two partners. With `located`, every
/// school has a latitude and longitude.
Network two_groupings(bool located) {
  Network net;
  net.name = "Two groupings";
  Grouping big{"G-BIG", "Big Cluster", "cluster", "", {}, {}};
  Grouping trio{"G-TRIO", "Small Trio", "cluster", "", {}, {}};
  for (int i = 1; i <= 10; ++i) {
    School s{"A" + std::to_string(i), "Alpha " + std::to_string(i), "", "primary", {}, {}, {},
             {}, {}};
    if (located) {
      s.lat = 57.0 + 0.01 * i;
      s.lon = -3.0;
    }
    big.members.push_back(net.schools.size());
    net.schools.push_back(s);
  }
  for (int i = 1; i <= 3; ++i) {
    School s{"B" + std::to_string(i), "Beta " + std::to_string(i), "", "primary", {}, {}, {},
             {}, {}};
    if (located) {
      s.lat = 56.5;
      s.lon = -3.0 + 0.01 * i;
    }
    trio.members.push_back(net.schools.size());
    net.schools.push_back(s);
  }
  for (std::size_t i = 0; i < 10; ++i) net.partnerships.push_back(link(i, (i + 1) % 10));
  net.partnerships.push_back(link(10, 11));
  net.partnerships.push_back(link(11, 12));
  net.partnerships.push_back(link(12, 10));
  net.groupings = {big, trio};
  return net;
}

std::string report(const Network& net, ReportOptions options = {}) {
  Settings settings;
  settings.threads = 1;
  return render_report(net, analyse(net, settings), options);
}

/// The element with this id, from its opening tag to the matching close of `tag` (no nesting of
/// `tag` inside it), or "".
std::string element(const std::string& html, const std::string& tag, const std::string& id) {
  const auto at = html.find("<" + tag + " class=\"diagram\" id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  const auto end = html.find("</" + tag + ">", at);
  return html.substr(at, end - at);
}

/// Text between <tag> and </tag> (first occurrence after `from`), tags inside stripped.
std::string text_of(const std::string& html, const std::string& tag) {
  const auto start = html.find("<" + tag + ">");
  if (start == std::string::npos) return "";
  const auto end = html.find("</" + tag + ">", start);
  return html.substr(start + tag.size() + 2, end - start - tag.size() - 2);
}

/// The text nodes a reader can see (script and style contents skipped), from `html` with the
/// technical appendix cut out when `without_appendix`.
std::vector<std::string> visible_text(std::string html, bool without_appendix) {
  if (without_appendix) {
    const auto at = html.find("<section id=\"appendix\"");
    REQUIRE(at != std::string::npos);
    html.erase(at, html.find("</section>", at) + 10 - at);
  }
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < html.size()) {
    const auto lt = html.find('<', i);
    const std::string text = html.substr(i, (lt == std::string::npos ? html.size() : lt) - i);
    if (text.find_first_not_of(" \n") != std::string::npos) out.push_back(text);
    if (lt == std::string::npos) break;
    const auto gt = html.find('>', lt);
    const std::string tag = html.substr(lt + 1, gt - lt - 1);
    i = gt + 1;
    for (const char* skipped : {"script", "style"})
      if (tag.rfind(skipped, 0) == 0) i = html.find(std::string("</") + skipped, i);
  }
  return out;
}

std::vector<std::string> containing(const std::vector<std::string>& texts, const std::string& what) {
  std::vector<std::string> out;
  for (const std::string& t : texts)
    if (t.find(what) != std::string::npos) out.push_back(t);
  return out;
}

const std::string kBigCaption =
    "Shown because it has 10 schools, more than the 2 to 8 that work best. Its schools are drawn with every partnership between them; partner schools outside "
    "the grouping are drawn faded.";

}  // namespace

TEST_CASE("--diagrams LIST: the words, all, none, and a located error naming the valid ones",
          "[report][diagrams]") {
  const ReportDiagrams all;
  CHECK(parse_report_diagrams("all") == all);
  CHECK(parse_report_diagrams("none") == ReportDiagrams::none());
  CHECK_FALSE(ReportDiagrams::none().any());
  const ReportDiagrams two = parse_report_diagrams(" Map , NETWORK");
  CHECK(two == ReportDiagrams{true, true, false, false, false, false});
  CHECK(parse_report_diagrams("groupings,change") ==
        ReportDiagrams{false, false, false, false, true, true});
  CHECK(parse_report_diagrams("overview,authorities,all") == all);
  const std::string valid =
      "map, network, authorities, overview, groupings, change, all or none";
  try {
    parse_report_diagrams("map,maps");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(testing::messages(e) ==
          std::vector<std::string>{"--diagrams: unknown diagram \"maps\" in \"map,maps\"; give a "
                                   "comma-separated list of " + valid});
  }
  try {
    parse_report_diagrams("map,,network", "report_diagrams");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(testing::messages(e) ==
          std::vector<std::string>{"report_diagrams: an empty entry in \"map,,network\"; give a "
                                   "comma-separated list of " + valid});
  }
  CHECK_THROWS_WITH(parse_report_diagrams("none,map"),
                    "--diagrams: \"none\" cannot be combined with other diagrams in \"none,map\"; "
                    "give none alone, or a list of " + valid);
}

TEST_CASE("report: one view per oversize grouping, captioned; none for a grouping that is fine",
          "[report][diagrams]") {
  const std::string html = report(two_groupings(false));
  // All diagrams asked for: the network, the grouping overview (two groupings, no authorities),
  // and the one grouping over 8 schools. No authority view (no authority given), no map.
  CHECK(count(html, "<figure class=\"diagram\"") == 3);
  CHECK(count(element(html, "figure", "diagram-network"), "<svg") == 1);
  CHECK(count(element(html, "figure", "diagram-groupings"), "<svg") == 1);
  const std::string big = element(html, "figure", "diagram-grouping-1");
  CHECK(count(big, "<svg") == 1);
  CHECK(text_of(big, "h3") == "Big Cluster");
  CHECK(text_of(big, "figcaption") == kBigCaption);
  CHECK(html.find("id=\"diagram-grouping-2\"") == std::string::npos);
  CHECK(html.find("Small Trio</h3>") == std::string::npos);
  // A map without any location: a note, not an empty figure.
  CHECK(html.find("id=\"diagram-map\"") == std::string::npos);
  CHECK(html.find("<p class=\"note\">No map is drawn: no school in the network file has a "
                  "location (latitude and longitude).</p>") != std::string::npos);
}

TEST_CASE("report: a grouping with a small rural school at risk gets a view saying so",
          "[report][diagrams]") {
  Network net = two_groupings(false);
  // B4: 40 pupils (small: under 100), rural, one partner (B1): at risk in Small Trio.
  net.schools.push_back(School{"B4", "Glen Beta", "", "primary", 40, true, {}, {}, {}});
  net.groupings[1].members.push_back(13);
  net.partnerships.push_back(link(10, 13));
  ReportOptions only_groupings;
  only_groupings.diagrams = parse_report_diagrams("groupings");
  const std::string html = report(net, only_groupings);
  CHECK(count(html, "<figure class=\"diagram\"") == 2);
  // Oversize first, then the grouping at risk.
  CHECK(text_of(element(html, "figure", "diagram-grouping-1"), "h3") == "Big Cluster");
  const std::string trio = element(html, "figure", "diagram-grouping-2");
  CHECK(text_of(trio, "h3") == "Small Trio");
  CHECK(text_of(trio, "figcaption") ==
        "Shown because Glen Beta, a small rural school, has only one partner. Its schools are "
        "drawn with every partnership between them; partner schools outside the grouping are "
        "drawn faded.");
}

TEST_CASE("report: --diagrams picks exactly the diagrams named", "[report][diagrams]") {
  const Network net = two_groupings(true);
  ReportOptions two;
  two.diagrams = parse_report_diagrams("map,network");
  const std::string html = report(net, two);
  CHECK(count(html, "<figure class=\"diagram\"") == 2);
  CHECK(count(html, "<svg") == 2);
  const std::string map = element(html, "figure", "diagram-map");
  CHECK(count(map, "<svg") == 1);
  CHECK(text_of(map, "h3") == "Where the schools are");
  const std::string network = element(html, "figure", "diagram-network");
  CHECK(count(network, "<svg") == 1);
  CHECK(text_of(network, "h3") == "The network: every school and its partnerships");

  ReportOptions none;
  none.diagrams = parse_report_diagrams("none");
  const std::string plain = report(net, none);
  CHECK(count(plain, "<svg") == 0);
  CHECK(count(plain, "<figure class=\"diagram\"") == 0);
  CHECK(plain.find("Diagrams were left out of this report; the technical appendix at the end "
                   "says how to draw them.") != std::string::npos);
  // The appendix carries the commands that draw them.
  CHECK(plain.find("<code>collabnet render NETWORK --view network -o network.svg</code>") !=
        std::string::npos);

  // An unnamed grouping is named by its schools, not by its id.
  Network unnamed = two_groupings(true);
  unnamed.groupings[0].name.clear();
  ReportOptions groupings;
  groupings.diagrams = parse_report_diagrams("groupings");
  const std::string g = report(unnamed, groupings);
  CHECK(text_of(element(g, "figure", "diagram-grouping-1"), "h3") ==
        "A grouping of 10 schools (Alpha 1, Alpha 2, Alpha 3 \xE2\x80\xA6)");
}

TEST_CASE("report --diagrams on the command line: chosen, and a bad list is exit 2 at once",
          "[report][diagrams]") {
  const std::string tiny = COLLABNET_SOURCE_DIR "/graphs/tiny.json";
  const auto bad = testing::run({"report", tiny, "-o", "-", "--diagrams", "map,maps"});
  CHECK(bad.code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("--diagrams: unknown diagram \"maps\" in \"map,maps\"; give a "
                     "comma-separated list of map, network, authorities, overview, groupings, "
                     "change, all or none") != std::string::npos);
  const auto none = testing::run({"report", tiny, "-o", "-", "--diagrams", "none", "--threads", "1"});
  CHECK(none.code == 0);
  CHECK(count(none.out, "<svg") == 0);
  const auto overview =
      testing::run({"report", tiny, "-o", "-", "--diagrams", "overview", "--threads", "1"});
  CHECK(overview.code == 0);
  CHECK(count(overview.out, "<figure class=\"diagram\"") == 1);
  CHECK(overview.out.find("id=\"diagram-groupings\"") != std::string::npos);

  // With --compare-with, "change" alone: the diagram of what changed and no other diagram (the
  // depth section's bar chart is a chart of its own, not a diagram).
  const std::string earlier = COLLABNET_SOURCE_DIR "/graphs/tiny.json";
  const std::string later = COLLABNET_SOURCE_DIR "/graphs/tiny-2025.json";
  const auto change = testing::run({"report", later, "--compare-with", earlier, "-o", "-",
                                    "--diagrams", "change", "--threads", "1"});
  CHECK(change.code == 0);
  CHECK(count(change.out, "class=\"diagram\" role=\"img\"") == 1);
  CHECK(change.out.find("id=\"change-graph0\"") != std::string::npos);
  CHECK(count(change.out, "<figure class=\"diagram\"") == 1);
  CHECK(change.out.find("<figure class=\"diagram\" id=\"change-diagram\">") != std::string::npos);
  CHECK(change.out.find("<p class=\"note\">Only the diagram of what changed was chosen for this "
                        "report (under &quot;What changed&quot;); the technical appendix at the "
                        "end says how to draw the others.</p>") != std::string::npos);
  const auto no_change = testing::run({"report", later, "--compare-with", earlier, "-o", "-",
                                       "--diagrams", "map,network", "--threads", "1"});
  CHECK(no_change.code == 0);
  CHECK(no_change.out.find("id=\"change-graph0\"") == std::string::npos);
}

TEST_CASE("report: no command-line text outside the technical appendix", "[report][diagrams]") {
  for (const char* file : {"/graphs/tiny.json", "/tests/browser/hostile.json"}) {
    INFO(file);
    const LoadResult loaded = load_network(std::string(COLLABNET_SOURCE_DIR) + file);
    Settings settings;
    settings.threads = 1;
    settings.sample = 3;  // estimates: the sentence saying so names no flag on the page
    const std::string html =
        render_report(loaded.network, analyse(loaded.network, settings), {});
    CHECK(containing(visible_text(html, true), "collabnet ").empty());
    CHECK(containing(visible_text(html, true), " --").empty());
    // The appendix is where they went.
    const std::vector<std::string> all = visible_text(html, false);
    CHECK_FALSE(containing(all, "collabnet analyse NETWORK").empty());
    CHECK_FALSE(containing(all, " --sample 3").empty());
  }
}

TEST_CASE("report: partnerships without an id in the file are named by their schools",
          "[report][diagrams]") {
  // Two one-way records and a rating, none with an id: the loader generates partnership-1 …
  const std::string json = R"({"format": "collabnet/1", "name": "No ids",
    "schools": [{"id": "S1", "name": "Ash Primary"}, {"id": "S2", "name": "Birch Primary"},
                {"id": "S3", "name": "Cedar Primary"}],
    "partnerships": [{"from": "S1", "to": "S2", "direction": "one-way"},
                     {"from": "S2", "to": "S3"}],
    "assessments": [
      {"subject": "partnership-1", "subject_kind": "partnership", "date": "2025-01-31",
       "indicator": "common-goals", "level": 3},
      {"subject": "partnership-1", "subject_kind": "partnership", "date": "2025-06-30",
       "indicator": "common-goals", "level": 2}]})";
  const LoadResult loaded = load_network_json_text(json, "no-ids.json");
  REQUIRE(loaded.network.partnerships.size() == 2);
  REQUIRE(loaded.network.partnerships[0].id_generated);
  const std::string html = report(loaded.network);
  const std::vector<std::string> seen = visible_text(html, false);
  CHECK(containing(seen, "partnership-1").empty());
  CHECK(containing(seen, "partnership-2").empty());
  // The one-way finding names the schools only; the rating's heading names the partnership by
  // its schools.
  CHECK(containing(seen, "Ash Primary (S1) gives one-way support to Birch Primary (S2) and "
                         "nothing runs back").size() == 1);
  CHECK_FALSE(containing(seen, "The partnership between Ash Primary (S1) and Birch Primary (S2)")
                  .empty());

  // "What changed" against the wave before the second rating: the rating that moved (3 → 2) is
  // the partnership's, named by its schools in the table of ratings.
  const std::string first_rating = "\"level\": 3}";
  const std::string earlier_json =
      json.substr(0, json.find(first_rating) + first_rating.size()) + "]}";
  const LoadResult before = load_network_json_text(earlier_json, "no-ids-before.json");
  REQUIRE(before.network.assessments.size() == 1);
  Settings settings;
  settings.threads = 1;
  const Analysis a_before = analyse(before.network, settings);
  const Analysis a_after = analyse(loaded.network, settings);
  const ChangeReport change =
      compare_analyses(before.network, a_before, loaded.network, a_after);
  ReportOptions with_change;
  with_change.diagrams = ReportDiagrams::none();
  with_change.change = &change;
  with_change.before = &before.network;
  const std::string changed = render_report(loaded.network, a_after, with_change);
  const std::vector<std::string> changed_text = visible_text(changed, false);
  CHECK(containing(changed_text, "partnership-1").empty());
  CHECK(changed.find("<tr><td>the partnership between Ash Primary (S1) and Birch Primary (S2)"
                     "</td><td>") != std::string::npos);
}

TEST_CASE("report: at most 30 grouping views; the page counts the rest, the appendix draws them",
          "[report][diagrams]") {
  // 31 groupings G01…G31 of 9 schools each (a ring: nobody at risk), all over the limit of 8 and
  // of equal size, so they are ordered by id and G31 is the one left out.
  Network net;
  for (int g = 1; g <= 31; ++g) {
    const std::string id = std::string(g < 10 ? "G0" : "G") + std::to_string(g);
    Grouping grouping{id, "Cluster " + id, "cluster", "", {}, {}};
    const std::size_t first = net.schools.size();
    for (int i = 1; i <= 9; ++i) {
      grouping.members.push_back(net.schools.size());
      net.schools.push_back(School{id + "-" + std::to_string(i), "", "", "primary", {}, {}, {},
                                   {}, {}});
    }
    for (std::size_t i = 0; i < 9; ++i) net.partnerships.push_back(link(first + i, first + (i + 1) % 9));
    net.groupings.push_back(grouping);
  }
  ReportOptions options;
  options.diagrams = parse_report_diagrams("groupings");
  const std::string html = report(net, options);
  CHECK(count(html, "<figure class=\"diagram\"") == 30);
  CHECK(text_of(element(html, "figure", "diagram-grouping-1"), "h3") == "Cluster G01");
  CHECK(text_of(element(html, "figure", "diagram-grouping-30"), "h3") == "Cluster G30");
  CHECK(html.find("Cluster G31</h3>") == std::string::npos);
  CHECK(html.find("<p class=\"note\">Of the 31 groupings that are larger than the research "
                  "supports or have schools at risk, the first 30 are drawn below; 1 grouping is "
                  "left out (the groupings table lists every one, and the technical appendix at "
                  "the end says how to draw them).</p>") != std::string::npos);
  const auto appendix = html.find("<section id=\"appendix\"");
  CHECK(html.find("<code>collabnet render NETWORK --view grouping:G31 -o grouping-G31.svg</code>") >
        appendix);
  CHECK(html.find("--view grouping:G30") == std::string::npos);
}
