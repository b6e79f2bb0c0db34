// Theme files (issue 16, viz/README.md): the built-in files hold the values the renderer has
// always used, an authority's own file restyles what a reader sees, and "base" inherits. The
// messages for broken files are checked word for word by tests/run_theme_corpus.sh.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "collabnet/analysis.hpp"
#include "collabnet/compare.hpp"
#include "collabnet/diagnostic.hpp"
#include "collabnet/render.hpp"
#include "render/render_internal.hpp"
#include "support.hpp"

using namespace collabnet;

namespace {

using collabnet::testing::TempDir;

const render::Mark& mark(const render::Theme& t, render::SchoolMark m) {
  return t.marks[static_cast<int>(m)];
}

/// A: no partner (isolated); B and C: one mutual link, one partner each.
Network small_network() {
  Network n;
  n.name = "Themed network";
  for (const char* id : {"A", "B", "C"}) {
    School s;
    s.id = id;
    s.name = std::string("School ") + id;
    s.roll = 100;
    n.schools.push_back(s);
  }
  Partnership p;
  p.id = "P1";
  p.from = 1;
  p.to = 2;
  n.partnerships = {p};
  return n;
}

Settings one_thread() {
  Settings s;
  s.threads = 1;
  return s;
}

/// The SVG element that holds `text` as its content (from its '<' to the text).
std::string element_with_text(const std::string& svg, const std::string& text) {
  const auto at = svg.find(">" + text + "<");
  if (at == std::string::npos) return {};
  return svg.substr(svg.rfind('<', at), at - svg.rfind('<', at) + 1);
}

/// The value of `name="…"` in an element's text.
std::string attribute(const std::string& element, const std::string& name) {
  const auto at = element.find(" " + name + "=\"");
  if (at == std::string::npos) return {};
  const auto from = at + name.size() + 3;
  return element.substr(from, element.find('"', from) - from);
}

}  // namespace

TEST_CASE("themes: the built-in files hold the values the renderer always used", "[themes]") {
  const render::Theme& d = *render::find_theme("default");
  CHECK(d.name == "default");
  CHECK(d.font == "DejaVu Sans");
  CHECK(d.title_size == 20);
  CHECK(d.logo_text.empty());
  CHECK(d.background == "white");
  CHECK(d.text == "#1a1a1a");
  CHECK(mark(d, render::SchoolMark::isolated).fill == "#e5534b");
  CHECK(mark(d, render::SchoolMark::isolated).line == "#8c1c13");
  CHECK(mark(d, render::SchoolMark::isolated).shape == "box");
  CHECK(mark(d, render::SchoolMark::isolated).size_scale == 0.886);
  CHECK(mark(d, render::SchoolMark::plain).shape == "circle");
  CHECK(mark(d, render::SchoolMark::cut).shape == "doublecircle");
  CHECK(mark(d, render::SchoolMark::give_only).size_scale == 1.35);
  CHECK(mark(d, render::SchoolMark::one_partner).size_scale == 1.25);
  CHECK(d.link == "#8c9bab");
  CHECK(d.suggested == "#9b30d9");
  CHECK(d.land_fill == "#f3f0e8");
  CHECK(d.change.gained == "#0072B2");
  CHECK(d.change.background == "#FFFFFF");
  CHECK(d.change.text == "black");

  const render::Theme& p = *render::find_theme("print");
  CHECK(p.text == "#000000");
  CHECK(mark(p, render::SchoolMark::isolated).fill == "#D55E00");
  CHECK(mark(p, render::SchoolMark::receive_only).fill == "#CC79A7");
  CHECK(mark(p, render::SchoolMark::receive_only).shape == "invtriangle");
  CHECK(p.suggested == "#56B4E9");
  CHECK(p.sea_fill == "#ffffff");

  CHECK(render::find_theme("Default") == nullptr);
  CHECK(load_theme("print").get() == &p);
  CHECK(theme_names() == std::vector<std::string>{"default", "print"});
}

TEST_CASE("themes: base inherits every key the file leaves out", "[themes]") {
  TempDir dir;
  const auto file =
      dir.write("t.json", R"({"base": "print", "findings": {"cut": {"fill": "#abc"}}})");
  const auto t = load_theme(file.string());
  CHECK(mark(*t, render::SchoolMark::cut).fill == "#aabbcc");  // #rgb doubled
  CHECK(mark(*t, render::SchoolMark::cut).line == "#000000");  // print's
  CHECK(mark(*t, render::SchoolMark::cut).shape == "doublecircle");
  CHECK(mark(*t, render::SchoolMark::isolated).fill == "#D55E00");
  CHECK(t->font == "DejaVu Sans");
  CHECK(t->title_size == 20);

  const auto plain = load_theme(dir.write("u.json", R"({"text": "navy"})").string());
  CHECK(plain->text == "navy");  // a Graphviz colour name
  CHECK(mark(*plain, render::SchoolMark::isolated).fill == "#e5534b");  // default's

  const auto boxes = load_theme(
      dir.write("v.json", R"({"findings": {"plain": {"shape": "box"}}})").string());
  CHECK(mark(*boxes, render::SchoolMark::plain).size_scale == 0.886);  // a box's area factor
}

TEST_CASE("themes: the example a council copies loads", "[themes]") {
  const auto t = load_theme(COLLABNET_SOURCE_DIR "/viz/example-council.json");
  CHECK(t->font == "DejaVu Serif");
  CHECK(t->title_size == 24);
  CHECK(t->logo_text == "Highland Council \xE2\x80\x94 Education Service");
  CHECK(mark(*t, render::SchoolMark::isolated).fill == "#b2182b");
  CHECK(mark(*t, render::SchoolMark::isolated).shape == "box");  // from its base, print
  CHECK(t->background == "white");
}

TEST_CASE("themes: a theme file restyles what the reader sees in the SVG", "[themes][render]") {
  TempDir dir;
  const auto file = dir.write("council.json", R"({
    "font_family": "DejaVu Serif",
    "title_size": 30,
    "logo_text": "Moray & \"Banff\" <Schools>",
    "findings": {"isolated": {"fill": "#123456"}}
  })");
  const Network net = small_network();
  const Analysis an = analyse(net, one_thread());
  RenderOptions o;
  o.theme = load_theme(file.string());
  const std::string svg = render_diagram(net, an, o);

  // Small drawing: text scale 1, so the title is drawn at the theme's 30 points.
  const std::string title = element_with_text(svg, "Themed network");
  REQUIRE_FALSE(title.empty());
  CHECK(attribute(title, "font-size") == "30.00");
  CHECK(attribute(title, "font-family") == "DejaVu Serif");
  CHECK(svg.find("DejaVu Sans") == std::string::npos);  // every text in the theme's family

  // School A (node s0) has no partner: the isolated mark's fill.
  const auto node = svg.find("<title>s0</title>");
  REQUIRE(node != std::string::npos);
  CHECK(attribute(svg.substr(node, svg.find("</g>", node) - node), "fill") == "#123456");

  // The logo line, escaped for XML, bold, in the text colour (default's #1a1a1a).
  const std::string logo =
      element_with_text(svg, "Moray &amp; &quot;Banff&quot; &lt;Schools&gt;");
  REQUIRE_FALSE(logo.empty());
  CHECK(attribute(logo, "font-weight") == "bold");
  CHECK(attribute(logo, "fill") == "#1a1a1a");
  CHECK(svg.find("<Schools>") == std::string::npos);

  // Without a logo line the title is the label's first row.
  o.theme = nullptr;
  o.format = DiagramFormat::dot;
  CHECK(render_dot(net, an, o).find(
            "label=<<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"2\">"
            "<tr><td align=\"left\" balign=\"left\"><font point-size=\"20\"") != std::string::npos);
}

TEST_CASE("themes: the change diagram takes the font, heading size, logo and palette",
          "[themes][render]") {
  Network before = small_network();
  before.partnerships.clear();
  const Network after = small_network();
  const Analysis ab = analyse(before, one_thread()), aa = analyse(after, one_thread());
  const ChangeReport change = compare_analyses(before, ab, after, aa);
  TempDir dir;
  const auto t = load_theme(dir.write("c.json", R"({"font_family": "DejaVu Serif",
    "title_size": 30, "logo_text": "Moray Council",
    "change": {"background": "#fdf6e3", "text": "#1b2a41", "gained": "#117733"}})")
                                .string());
  const std::string dot = render_change_diagram(before, after, change, DiagramFormat::dot, t);
  CHECK(dot.find("fontname=\"DejaVu Serif\"") != std::string::npos);
  CHECK(dot.find("fontname=\"DejaVu Sans\"") == std::string::npos);
  CHECK(dot.find("bgcolor=\"#fdf6e3\"") != std::string::npos);
  CHECK(dot.find("fontcolor=\"#1b2a41\"") != std::string::npos);
  CHECK(dot.find("<font point-size=\"21\"><b>What changed") != std::string::npos);  // 0.7 × 30
  CHECK(dot.find("<b>Moray Council</b>") != std::string::npos);
  CHECK(dot.find("color=\"#117733\"") != std::string::npos);  // the gained link B–C

  // The built-in: Graphviz's own heading size and black text, written as before (no attribute).
  const std::string plain = render_change_diagram(before, after, change, DiagramFormat::dot);
  CHECK(plain.find("<td align=\"left\" colspan=\"2\"><b>What changed") != std::string::npos);
  CHECK(plain.find("fontcolor") == std::string::npos);
  CHECK(plain.find("bgcolor=\"#FFFFFF\"") != std::string::npos);
}

TEST_CASE("themes: render and report take --theme FILE", "[themes][cli]") {
  TempDir dir;
  const auto file = dir.write("t.json", R"({"logo_text": "Aberdeenshire Council"})");
  const std::string tiny = COLLABNET_SOURCE_DIR "/graphs/tiny.json";
  const auto svg = dir.dir / "d.svg";
  auto r = testing::run({"render", tiny, "--theme", file.string(), "-o", svg.string()});
  CHECK(r.code == 0);
  std::ifstream in(svg);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find(">Aberdeenshire Council<") != std::string::npos);

  const auto html = dir.dir / "r.html";
  r = testing::run({"report", tiny, "--theme", file.string(), "-o", html.string()});
  CHECK(r.code == 0);
  std::ifstream rin(html);
  const std::string page((std::istreambuf_iterator<char>(rin)), std::istreambuf_iterator<char>());
  CHECK(page.find(">Aberdeenshire Council<") != std::string::npos);

  // A logo line cannot break out of the SVG inlined in the page.
  const auto hostile =
      dir.write("h.json", R"({"logo_text": "</svg><script>alert(1)</script> & Co"})");
  r = testing::run({"report", tiny, "--theme", hostile.string(), "-o", html.string()});
  CHECK(r.code == 0);
  std::ifstream hin(html);
  const std::string hpage((std::istreambuf_iterator<char>(hin)), std::istreambuf_iterator<char>());
  CHECK(hpage.find("<script>alert") == std::string::npos);
  CHECK(hpage.find(">&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co<") !=
        std::string::npos);

  // Every diagram in the report takes the theme, the "What changed" one included: each of the
  // page's drawings carries the logo line once.
  r = testing::run({"report", tiny, "--compare-with", COLLABNET_SOURCE_DIR "/graphs/tiny-2025.json",
                    "--theme", file.string(), "-o", html.string()});
  CHECK(r.code == 0);
  std::ifstream cin(html);
  const std::string cpage((std::istreambuf_iterator<char>(cin)), std::istreambuf_iterator<char>());
  auto count = [&](const std::string& what) {
    std::size_t k = 0;
    for (auto at = cpage.find(what); at != std::string::npos; at = cpage.find(what, at + 1)) ++k;
    return k;
  };
  CHECK(count("<svg") >= 2);
  CHECK(count(">Aberdeenshire Council<") == count("<svg"));
  const auto change = cpage.find("id=\"change-diagram\"");
  REQUIRE(change != std::string::npos);
  CHECK(cpage.find(">Aberdeenshire Council<", change) < cpage.find("</svg>", change));

  r = testing::run({"report", tiny, "--theme", "prnit", "-o", html.string()});
  CHECK(r.code == 2);
  CHECK(r.err == "--theme: \"prnit\" is neither a built-in theme (default, print) nor a theme "
                 "file that exists; name a built-in theme, or the path of a theme file such as "
                 "viz/example-council.json\n");
}
