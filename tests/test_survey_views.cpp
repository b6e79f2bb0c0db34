// How a survey network reads in the report ("Who answered the survey") and in the diagrams
// (unconfirmed and disputed links drawn apart, in the legend only when used). The expected
// values are worked by hand from the seven-school survey network below, not from the output.
#include <cgraph.h>

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/load.hpp"
#include "collabnet/render.hpp"
#include "collabnet/report.hpp"
#include "render/render_internal.hpp"
#include "dot_support.hpp"

using namespace collabnet;

namespace {

// Seven schools; A1, E1 and F1 answered (3 of 7 = 42.857… % → "42.9%").
//   P1 A1–F1 named by both                                  → confirmed
//   P2 A1–E1 named by A1; E1 answered without naming it     → disputed
//   P3 F1–B1 named by F1; B1 did not answer                 → unconfirmed
//   P4 A1–C1 named by A1; C1 did not answer                 → unconfirmed
//   P5 E1–F1 an authority record, no reported_by            → not surveyed
// Named in the survey: 4 records, 1 by both schools: 25.0%.
// Not answering: B1 (roll 20 < 100, rural: small and rural), D1 (roll 40: small), C1 and G1
// (neither). Of those two, G1 has no partner and C1 one (A1): the isolation ranking puts G1
// first although C1 comes first by id. Report order: B1, D1, G1, C1.
const char* kSurveyNetwork = R"({"format": "collabnet/1", "name": "Survey views",
  "schools": [
    {"id": "A1", "name": "Ardmore <b>&</b> \"Academy\"", "authority": "Highland", "roll": 900, "lat": 57.50, "lon": -4.20},
    {"id": "B1", "name": "Balnain Primary", "authority": "Highland", "roll": 20, "rural": true, "lat": 57.33, "lon": -4.62},
    {"id": "C1", "name": "Croy Primary", "authority": "Highland", "roll": 300, "lat": 57.52, "lon": -3.99},
    {"id": "D1", "name": "Dores Primary", "authority": "Highland", "roll": 40, "lat": 57.38, "lon": -4.33},
    {"id": "E1", "name": "Errogie School", "authority": "Highland", "roll": 150, "rural": true, "lat": 57.27, "lon": -4.38},
    {"id": "F1", "name": "Farr High", "authority": "Highland", "roll": 500, "lat": 57.36, "lon": -4.18},
    {"id": "G1", "name": "Glen Urquhart School", "authority": "Highland", "roll": 300, "lat": 57.33, "lon": -4.50}],
  "partnerships": [
    {"id": "P1", "from": "A1", "to": "F1", "reported_by": ["A1", "F1"]},
    {"id": "P2", "from": "A1", "to": "E1", "reported_by": ["A1"]},
    {"id": "P3", "from": "F1", "to": "B1", "reported_by": ["F1"]},
    {"id": "P4", "from": "A1", "to": "C1", "reported_by": ["A1"]},
    {"id": "P5", "from": "E1", "to": "F1"}],
  "groupings": [{"id": "GR", "name": "Loch Ness", "members": ["A1", "E1", "F1", "B1"]}],
  "survey": {"name": "June <script>alert(1)</script>", "closed": "2026-06-19",
             "respondents": ["A1", "E1", "F1"]}})";

Network survey_network() { return load_network_json_text(kSurveyNetwork, "survey.json").network; }

Network without_survey() {
  Network n = survey_network();
  n.survey.reset();
  return n;
}

Analysis analysed(const Network& n, bool confirmed_only = false) {
  Settings s;
  s.threads = 1;
  s.confirmed_ties_only = confirmed_only;
  return analyse(n, s);
}

std::string section(const std::string& html, const std::string& id) {
  const auto at = html.find("<section id=\"" + id + "\">");
  if (at == std::string::npos) return "";
  return html.substr(at, html.find("</section>", at) - at);
}

/// The text inside the element with this id, up to its first closing tag.
std::string text_of(const std::string& html, const std::string& id) {
  const auto at = html.find("id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  const auto start = html.find('>', at) + 1;
  return html.substr(start, html.find("</p>", start) - start);
}

std::vector<std::string> column_ids(const std::string& table) {
  std::vector<std::string> ids;
  for (auto at = table.find("<span class=\"id\">"); at != std::string::npos;
       at = table.find("<span class=\"id\">", at + 1)) {
    const auto start = at + std::string("<span class=\"id\">").size();
    ids.push_back(table.substr(start, table.find('<', start) - start));
  }
  return ids;
}

std::string table(const std::string& html, const std::string& id) {
  const auto at = html.find("<table id=\"" + id + "\">");
  if (at == std::string::npos) return "";
  return html.substr(at, html.find("</table>", at) - at);
}

using collabnet::testing::attr;
using collabnet::testing::GraphPtr;
using collabnet::testing::parse;

/// The edge between two drawn schools (nodes are "s" + the school's index), either way round.
Agedge_t* edge(Agraph_t* g, int a, int b) {
  Agnode_t* na = agnode(g, const_cast<char*>(("s" + std::to_string(a)).c_str()), 0);
  Agnode_t* nb = agnode(g, const_cast<char*>(("s" + std::to_string(b)).c_str()), 0);
  if (!na || !nb) return nullptr;
  Agedge_t* e = agedge(g, na, nb, nullptr, 0);
  return e ? e : agedge(g, nb, na, nullptr, 0);
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

constexpr const char* kUnconfirmedWords =
    "named by one school only; the other did not answer the survey";
constexpr const char* kDisputedWords =
    "named by one school only; the other answered the survey and did not name it";

// School indices in kSurveyNetwork.
constexpr int A1 = 0, B1 = 1, C1 = 2, E1 = 4, F1 = 5;

}  // namespace

TEST_CASE("report: 'Who answered the survey' in plain words, escaped", "[survey][report]") {
  const Network n = survey_network();
  ReportOptions o;
  o.diagrams = ReportDiagrams::none();
  const std::string html = render_report(n, analysed(n), o);
  const std::string s = section(html, "survey");
  REQUIRE(!s.empty());
  CHECK(html.find("<a href=\"#survey\">Who answered the survey</a>") != std::string::npos);
  CHECK(s.find("<h2>Who answered the survey</h2>") != std::string::npos);
  // The survey's name is escaped; no command-line text.
  CHECK(s.find("June &lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(s.find("<script") == std::string::npos);
  CHECK(s.find("closed on 2026-06-19") != std::string::npos);
  CHECK(s.find("--") == std::string::npos);
  CHECK(s.find("collabnet") == std::string::npos);

  CHECK(text_of(s, "survey-response") == "<strong>3 of 7 schools answered (42.9%).</strong>");
  CHECK(text_of(s, "survey-confirmed") ==
        "<strong>1 of the 4 partnerships named in the survey (25.0%) was named by both "
        "schools.</strong> 2 were named by one school whose partner did not answer, and 1 was "
        "named by one school whose partner answered without naming it. 1 more partnership comes "
        "from other records, not from the survey.");

  CHECK(s.find("<h3>Schools that did not answer (4)</h3>") != std::string::npos);
  const std::string silent = table(s, "survey-non-respondents");
  CHECK(column_ids(silent) == std::vector<std::string>{"B1", "D1", "G1", "C1"});
  CHECK(silent.find("<td>Balnain Primary<span class=\"id\">B1</span></td><td>Highland</td><td "
                    "class=\"num\">20</td><td class=\"marks\"><span class=\"tag small\">small"
                    "</span><span class=\"tag rural\">rural</span></td><td class=\"num\">1</td>") !=
        std::string::npos);

  CHECK(s.find("<h3>Links only one school named (1)</h3>") != std::string::npos);
  const std::string disputed = table(s, "survey-disputed");
  CHECK(count(disputed, "<tr data-partnership=") == 1);
  CHECK(disputed.find("<tr data-partnership=\"P2\"><td>Ardmore &lt;b&gt;&amp;&lt;/b&gt; "
                      "&quot;Academy&quot;<span class=\"id\">A1</span></td><td>Errogie School"
                      "<span class=\"id\">E1</span></td></tr>") != std::string::npos);
  CHECK(html.find("Ardmore <b>") == std::string::npos);
  CHECK(s.find("survey-left-out") == std::string::npos);  // every link counts by default
}

TEST_CASE("report: the survey section with confirmed ties only, and without a survey",
          "[survey][report]") {
  ReportOptions o;
  o.diagrams = ReportDiagrams::none();
  const Network n = survey_network();
  const std::string only = section(render_report(n, analysed(n, true), o), "survey");
  // P2, P3 and P4 are named by one school only: left out.
  CHECK(text_of(only, "survey-left-out") ==
        "The figures, tables and diagrams of this report count only partnerships named by both "
        "schools and those not from the survey: 3 partnerships named by one school only are "
        "left out.");
  const Network plain = without_survey();
  const std::string html = render_report(plain, analysed(plain), o);
  CHECK(section(html, "survey").empty());
  CHECK(html.find("#survey") == std::string::npos);
}

TEST_CASE("report: every school answered, every link named by both", "[survey][report]") {
  const char* text = R"({"format": "collabnet/1", "schools": [{"id": "A", "name": "a"},
    {"id": "B", "name": "b"}], "partnerships": [{"from": "A", "to": "B", "reported_by": ["A", "B"]}],
    "survey": {"respondents": ["A", "B"]}})";
  const Network n = load_network_json_text(text, "all.json").network;
  ReportOptions o;
  o.diagrams = ReportDiagrams::none();
  const std::string s = section(render_report(n, analysed(n), o), "survey");
  CHECK(text_of(s, "survey-response") == "<strong>2 of 2 schools answered (100.0%).</strong>");
  CHECK(text_of(s, "survey-confirmed") ==
        "<strong>1 of the 1 partnership named in the survey (100.0%) was named by both "
        "schools.</strong> 0 were named by one school whose partner did not answer, and 0 were "
        "named by one school whose partner answered without naming it.");
  CHECK(s.find("<p>Every school answered.</p>") != std::string::npos);
  CHECK(s.find("<p>No link is in doubt") != std::string::npos);
  CHECK(s.find("<table") == std::string::npos);
}

TEST_CASE("diagrams: unconfirmed links dotted, disputed heavier in the theme's colour",
          "[survey][render]") {
  const Network n = survey_network();
  const Analysis an = analysed(n);
  for (const std::string theme_name : {"default", "print"}) {
    const render::Theme& theme = *render::find_theme(theme_name);
    for (const std::string view : {"network", "geo", "grouping:GR", "school:A1"}) {
      CAPTURE(theme_name, view);
      RenderOptions o;
      o.theme = load_theme(theme_name);
      o.view = parse_view(view);
      o.labels = LabelMode::shown;
      const std::string dot = render_dot(n, an, o);
      const auto g = parse(dot);
      Agedge_t* confirmed = edge(g.get(), A1, F1);
      Agedge_t* disputed = edge(g.get(), A1, E1);
      REQUIRE(confirmed != nullptr);
      REQUIRE(disputed != nullptr);
      CHECK(attr(confirmed, "style").empty());
      CHECK(attr(disputed, "style") == "dotted");
      CHECK(attr(disputed, "color") == theme.disputed);
      CHECK(attr(disputed, "penwidth") == "2.5");
      CHECK(attr(disputed, "tooltip").find(kDisputedWords) != std::string::npos);
      if (view != "school:A1") {  // B1 is two steps from A1
        Agedge_t* unconfirmed = edge(g.get(), B1, F1);
        REQUIRE(unconfirmed != nullptr);
        CHECK(attr(unconfirmed, "style") == "dotted");
        CHECK(attr(unconfirmed, "color") != theme.disputed);
        CHECK(attr(unconfirmed, "penwidth").empty());
      }
      // C1 is drawn in every view (faded outside the grouping): A1–C1 is unconfirmed.
      Agedge_t* unconfirmed = edge(g.get(), A1, C1);
      REQUIRE(unconfirmed != nullptr);
      CHECK(attr(unconfirmed, "style") == "dotted");
      CHECK(attr(edge(g.get(), E1, F1), "style").empty());  // not from the survey
      // Once in the legend, once per unconfirmed link's tooltip (B1–F1 is not in A1's view).
      CHECK(count(dot, kUnconfirmedWords) == (view == "school:A1" ? 2u : 3u));
      CHECK(count(dot, kDisputedWords) == 2u);
    }
  }
}

TEST_CASE("diagrams: the legend has the survey entries only when they are drawn",
          "[survey][render]") {
  RenderOptions o;
  o.labels = LabelMode::shown;
  const Network n = survey_network();
  const std::string with = render_dot(n, analysed(n), o);
  // The legend (the graph label) holds each entry once; the rest are edge tooltips.
  const auto g = parse(with);
  const std::string legend = attr(g.get(), "label");
  CHECK(count(legend, kUnconfirmedWords) == 1);
  CHECK(count(legend, kDisputedWords) == 1);

  // One edge per record (--multi-edges): each record by its own confirmation.
  RenderOptions multi = o;
  multi.multi_edges = true;
  const auto gm = parse(render_dot(n, analysed(n), multi));
  CHECK(attr(edge(gm.get(), A1, E1), "style") == "dotted");
  CHECK(attr(edge(gm.get(), A1, E1), "color") == render::find_theme("default")->disputed);
  CHECK(attr(edge(gm.get(), B1, F1), "style") == "dotted");
  CHECK(attr(edge(gm.get(), A1, F1), "style").empty());

  // No survey: no confirmation, every link as before.
  const Network plain = without_survey();
  const std::string without = render_dot(plain, analysed(plain), o);
  CHECK(without.find("named by one school") == std::string::npos);
  CHECK(without.find("dotted") == std::string::npos);

  // Confirmed ties only: the three links named by one school are not drawn, nor in the legend.
  const std::string confirmed = render_dot(n, analysed(n, true), o);
  const auto gc = parse(confirmed);
  CHECK(agnedges(gc.get()) == 2);  // P1 and P5
  CHECK(edge(gc.get(), A1, E1) == nullptr);
  CHECK(confirmed.find("named by one school") == std::string::npos);
  // The subtitle says so (wrapped: a line break may fall anywhere in it).
  std::string subtitle = attr(gc.get(), "label");
  for (auto at = subtitle.find("<br align=\"left\"/>"); at != std::string::npos;
       at = subtitle.find("<br align=\"left\"/>"))
    subtitle.replace(at, std::string("<br align=\"left\"/>").size(), " ");
  CHECK(subtitle.find("only partnerships named by both schools (or not from the survey)") !=
        std::string::npos);

  // In the SVG: three dotted links (Graphviz draws dotted as stroke-dasharray="1,5").
  o.format = DiagramFormat::svg;
  const std::string svg = render_diagram(n, analysed(n), o);
  CHECK(count(svg, "stroke-dasharray=\"1,5\"") == 3);
  CHECK(svg.find("stroke=\"" + std::string(render::find_theme("default")->disputed) + "\"") !=
        std::string::npos);
  CHECK(svg.find(kDisputedWords) != std::string::npos);
}

TEST_CASE("diagrams: a disputed link keeps a pen wider than 2.5, a faded one its colour",
          "[survey][render]") {
  const render::Theme& theme = *render::find_theme("default");
  render::Attrs wide = {{"penwidth", "\"3\""}, {"style", "\"dashed\""}};
  render::style_confirmation(wide, render::LinkConfirmation::disputed, theme, false);
  CHECK(wide == render::Attrs{{"penwidth", "\"3\""}, {"style", "\"dotted\""},
                              {"color", "\"" + std::string(theme.disputed) + "\""}});
  render::Attrs faded = {{"color", "\"#d9d9d9\""}};
  render::style_confirmation(faded, render::LinkConfirmation::disputed, theme, true);
  CHECK(faded == render::Attrs{{"color", "\"#d9d9d9\""}, {"style", "\"dotted\""},
                               {"penwidth", "\"2.5\""}});
  render::Attrs plain = {{"penwidth", "\"2\""}};
  render::style_confirmation(plain, render::LinkConfirmation::plain, theme, false);
  CHECK(plain == render::Attrs{{"penwidth", "\"2\""}});
}
