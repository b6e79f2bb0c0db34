// Diagrams (issue 5): the DOT is parsed back with cgraph and checked for the marks the findings
// imply; SVG bytes are checked for escaping and determinism, never compared with golden images
// (fonts differ between machines).
#include <cgraph.h>

#include <catch2/catch.hpp>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "collabnet/analysis.hpp"
#include "collabnet/diagnostic.hpp"
#include "collabnet/load.hpp"
#include "collabnet/render.hpp"
#include "render/render_internal.hpp"
#include "dot_support.hpp"

#include "support.hpp"

using namespace collabnet;

namespace {

using collabnet::testing::attr;
using collabnet::testing::GraphPtr;
using collabnet::testing::parse;

Agnode_t* node(Agraph_t* g, const std::string& name) {
  Agnode_t* n = agnode(g, const_cast<char*>(name.c_str()), 0);
  REQUIRE(n != nullptr);
  return n;
}

School school(std::string id, std::string name, std::optional<std::int64_t> roll = 200) {
  School s;
  s.id = std::move(id);
  s.name = std::move(name);
  s.roll = roll;
  return s;
}

Partnership link(std::size_t from, std::size_t to, Direction d = Direction::mutual,
                 double weight = 1, std::string id = "") {
  Partnership p;
  p.from = from;
  p.to = to;
  p.direction = d;
  p.weight = weight;
  p.id = id;
  return p;
}

/// A: isolated; B–C two mutual records; C→D one-way only; D–E, E–F mutual;
/// grouping G of all but A, more than max_grouping_size 3.
Network marks_network() {
  Network n;
  n.name = "Marks";
  n.as_of = "2026-06-30";
  n.schools = {school("A", "Alone"), school("B", "Bee"),    school("C", "Cee"),
               school("D", "Dee"),   school("E", "Eee", {}), school("F", "Eff", 30)};
  n.schools[5].rural = true;
  n.partnerships = {link(1, 2, Direction::mutual, 2, "P1"), link(2, 1, Direction::mutual, 1, "P2"),
                    link(2, 3, Direction::one_way, 1, "P3"), link(3, 4, Direction::mutual, 1, "P4"),
                    link(4, 5, Direction::mutual, 1, "P5")};
  Grouping g;
  g.id = "G";
  g.name = "Big group";
  g.members = {1, 2, 3, 4, 5};
  n.groupings = {g};
  return n;
}

Settings small_groupings() {
  Settings s;
  s.max_grouping_size = 3;
  s.threads = 1;
  return s;
}

const render::Theme& default_theme() { return *render::find_theme("default"); }

/// School nodes ("s" and a number): not the legend's marks or the strip's caption.
int schools_drawn(Agraph_t* g) {
  int count = 0;
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
    const std::string name = agnameof(n);
    count += name.size() > 1 && name[0] == 's' &&
                     name.find_first_not_of("0123456789", 1) == std::string::npos
                 ? 1
                 : 0;
  }
  return count;
}

using collabnet::testing::Run;
using collabnet::testing::run;

const std::string kTiny = std::string(COLLABNET_SOURCE_DIR) + "/graphs/tiny.json";

}  // namespace

TEST_CASE("render: findings become marks in the DOT, read back with cgraph") {
  const Network net = marks_network();
  const Analysis an = analyse(net, small_groupings());
  RenderOptions o;
  o.labels = LabelMode::shown;
  const auto g = parse(render_dot(net, an, o));
  CHECK(schools_drawn(g.get()) == 6);
  const auto& theme = default_theme();

  SECTION("an isolated school is a square in the isolated colour") {
    Agnode_t* a = node(g.get(), "s0");
    CHECK(attr(a, "shape") == "box");
    CHECK(attr(a, "fillcolor") == theme.marks[int(render::SchoolMark::isolated)].fill);
    CHECK(attr(a, "xlabel") == "Alone");
  }
  SECTION("a one-way link is a dashed arrow from giver to receiver") {
    Agnode_t* c = node(g.get(), "s2");
    Agnode_t* d = node(g.get(), "s3");
    Agedge_t* e = agedge(g.get(), c, d, nullptr, 0);
    REQUIRE(e != nullptr);
    CHECK(agtail(e) == c);
    CHECK(aghead(e) == d);
    CHECK(attr(e, "dir") == "forward");
    CHECK(attr(e, "style") == "dashed");
  }
  SECTION("mutual links are plain; parallel records collapse into one link with a count") {
    Agedge_t* e = agedge(g.get(), node(g.get(), "s1"), node(g.get(), "s2"), nullptr, 0);
    REQUIRE(e != nullptr);
    CHECK(attr(e, "label") == "\xC3\x97" "2");
    CHECK(attr(e, "dir").empty());
    CHECK(attr(e, "style").empty());
    CHECK(attr(e, "penwidth") == "1.73");  // √(2 + 1)
    CHECK(agnedges(g.get()) == 4);
  }
  SECTION("roll sets area; an unknown roll is dashed; a small rural school has a heavy outline") {
    CHECK(attr(node(g.get(), "s1"), "width") == "0.442");  // 0.025·√200, ×1.25 as a diamond
    CHECK(attr(node(g.get(), "s1"), "shape") == "diamond");  // one partner school
    CHECK(attr(node(g.get(), "s4"), "style") == "filled,dashed");
    CHECK(attr(node(g.get(), "s5"), "penwidth") == "2.5");
  }
  SECTION("a cut school is marked") {
    // D joins C's side to E–F: the analysis finds it a cut school.
    CHECK(attr(node(g.get(), "s3"), "shape") == "doublecircle");
  }
  SECTION("the title carries the network name and the as-of date") {
    const std::string label = attr(g.get(), "label");
    CHECK(label.find("Marks") != std::string::npos);
    CHECK(label.find("2026-06-30") != std::string::npos);
    CHECK(attr(node(g.get(), "legend_1"), "xlabel") == "no partner school");  // the marks' legend
    CHECK(label.find("one-way") != std::string::npos);
  }
}

TEST_CASE("render: an oversize grouping is outlined, its outside partners faded") {
  Network net = marks_network();
  net.schools.push_back(school("X", "Outsider"));
  net.partnerships.push_back(link(1, 6));
  net.groupings[0].members = {1, 2, 3, 4};
  const Analysis an = analyse(net, small_groupings());
  RenderOptions o;
  o.view = parse_view("grouping:G");
  const std::string dot = render_dot(net, an, o);
  const auto g = parse(dot);
  Agraph_t* cluster = agsubg(g.get(), const_cast<char*>("cluster_0"), 0);
  REQUIRE(cluster != nullptr);
  CHECK(agnnodes(cluster) == 4);
  CHECK(attr(cluster, "style").find("dashed") != std::string::npos);
  CHECK(attr(cluster, "color") == default_theme().oversize_line);
  CHECK(schools_drawn(g.get()) == 6);  // 4 members, the outsider X and F (a partner of E)
  CHECK(attr(node(g.get(), "s6"), "fillcolor") == default_theme().faded_fill);
}

TEST_CASE("render: views select the right schools") {
  const Network net = marks_network();
  const Analysis an = analyse(net, small_groupings());
  RenderOptions o;
  o.view = parse_view("school:D");
  CHECK(schools_drawn(parse(render_dot(net, an, o)).get()) == 3);  // C, D, E
  o.view = parse_view("school:D:2");
  CHECK(schools_drawn(parse(render_dot(net, an, o)).get()) == 5);
  o.view = parse_view("authority");
  CHECK(agnnodes(parse(render_dot(net, an, o)).get()) == 1);
  o.view = parse_view("grouping-overview");
  CHECK(agnnodes(parse(render_dot(net, an, o)).get()) == 2);  // G and "not in any grouping"
  o.view = parse_view("geo");
  CHECK(agnnodes(parse(render_dot(net, an, o)).get()) == 0);  // no school has a location
  o.multi_edges = true;
  o.view = parse_view("network");
  CHECK(agnedges(parse(render_dot(net, an, o)).get()) == 5);
}

TEST_CASE("render: view, format and layout parsing") {
  CHECK(parse_view("school:5123456:3").radius == 3);
  CHECK(parse_view("school:a:b").id == "a:b");
  CHECK(parse_view("grouping:G:1").id == "G:1");
  CHECK(view_to_string(parse_view("school:x:2")) == "school:x:2");
  CHECK_THROWS_AS(parse_view("school:x:0"), InputError);
  CHECK_THROWS_AS(parse_view("nonsense"), InputError);
  CHECK(diagram_format_for("a/b.SVG") == DiagramFormat::svg);
  CHECK(diagram_format_for("a.gv") == DiagramFormat::dot);
  CHECK_FALSE(diagram_format_for("a.jpg"));
  CHECK(parse_layout_engine("sfdp") == LayoutEngine::sfdp);
  CHECK(theme_names() == std::vector<std::string>{"default", "print"});
}

TEST_CASE("render: geo places schools by latitude and longitude, pinned") {
  Network net;
  net.name = "Map";
  for (int i = 0; i < 3; ++i) {
    School s = school("S" + std::to_string(i), "School " + std::to_string(i));
    s.lat = 57.0 + i * 0.5;
    s.lon = -4.0 + i * 0.5;
    net.schools.push_back(s);
  }
  School twin = net.schools[0];  // same place: nudged apart, not stacked
  twin.id = "T";
  net.schools.push_back(twin);
  const Analysis an = analyse(net, Settings{});
  RenderOptions o;
  o.view = parse_view("geo");
  const auto g = parse(render_dot(net, an, o));
  CHECK(attr(g.get(), "layout") == "nop");
  CHECK(attr(node(g.get(), "s0"), "pos").back() == '!');
  CHECK(attr(node(g.get(), "s0"), "pos") != attr(node(g.get(), "s3"), "pos"));
  const auto pts = render::place_on_map({{57, -4}, {57, -4}}, {18, 18}, 400, 25);
  CHECK(std::hypot(pts[0].x - pts[1].x, pts[0].y - pts[1].y) >= 19.9);
}

TEST_CASE("render: hostile names never break DOT or SVG") {
  const std::vector<std::string> names = {
      "Quote \" school", "Back\\slash", "Ends in backslash\\", "\\N \\G \\E \\L escapes",
      "<script>alert(1)</script>", "A & B &amp; C &nbsp; &#0;", "Line\nbreak\r\tand\x01 control",
      "Καλημέρα 学校 🏫", std::string("bad utf8 \xC3\x28 \xFF"), "]]> --> <!-- x",
      "A very long school name that goes on and on well beyond any line of a label"};
  Network net;
  net.name = "Hostile \" \\N <b>&amp; net\\";
  for (std::size_t i = 0; i < names.size(); ++i)
    net.schools.push_back(school("id\"" + std::to_string(i) + "\\", names[i]));
  for (std::size_t i = 1; i < names.size(); ++i) net.partnerships.push_back(link(i - 1, i));
  Grouping g;
  g.id = "G<\\";
  g.name = "Group \\N & <i>";
  g.members = {0, 1};
  net.groupings = {g};
  const Analysis an = analyse(net, Settings{});
  RenderOptions o;
  o.labels = LabelMode::shown;
  for (const char* view : {"network", "grouping:G<\\", "school:id\"3\\", "authority",
                           "grouping-overview"}) {
    INFO(view);
    o.view = parse_view(view);
    const std::string dot = render_dot(net, an, o);
    const auto parsed = parse(dot);
    CHECK(agnnodes(parsed.get()) > 0);
  }
  o.view = parse_view("network");
  const auto g2 = parse(render_dot(net, an, o));
  CHECK(attr(node(g2.get(), "s1"), "xlabel") == "Back\\\\slash");
  CHECK(attr(node(g2.get(), "s2"), "xlabel") == "Ends in backslash\\\\\\n");
  CHECK(attr(node(g2.get(), "s5"), "xlabel").find("&amp;amp;") != std::string::npos);

  const std::string svg = render_diagram(net, an, o);
  CHECK(svg.find("<script>") == std::string::npos);
  CHECK(svg.find("&lt;script&gt;") != std::string::npos);
  CHECK(svg.find("Back\\slash") != std::string::npos);
  CHECK(svg.find("\\N \\G \\E \\L") != std::string::npos);  // escapes drawn as typed
  CHECK(svg.find("&amp;nbsp;") != std::string::npos);        // not decoded as an entity
  CHECK(svg.find("&nbsp;") == std::string::npos);
  CHECK(svg.find("Καλημέρα") != std::string::npos);
  CHECK(svg.find('\x01') == std::string::npos);
}

namespace {

/// `groups` declared groupings of `size` schools each, S0, S1, …, in order; with `linked`, each
/// grouping's schools form a chain of mutual partnerships (so each grouping is one connected
/// group of schools), without, no school has a partner.
Network grouped_network(std::size_t groups, std::size_t size, bool linked) {
  Network n;
  n.name = "Many groupings";
  for (std::size_t g = 0; g < groups; ++g) {
    Grouping grouping;
    grouping.id = "G" + std::to_string(g);
    grouping.kind = "trust";
    for (std::size_t k = 0; k < size; ++k) {
      const std::size_t v = g * size + k;
      n.schools.push_back(school("S" + std::to_string(v), "School " + std::to_string(v)));
      grouping.members.push_back(v);
      if (linked && k > 0) n.partnerships.push_back(link(v - 1, v, Direction::mutual, 1, "P" + std::to_string(v)));
    }
    n.groupings.push_back(grouping);
  }
  return n;
}

/// DOT text with the title's line breaks undone, to search the subtitle's words.
std::string unwrapped(std::string dot) {
  const std::string br = "<br align=\"left\"/>";
  for (auto at = dot.find(br); at != std::string::npos; at = dot.find(br, at)) dot.replace(at, br.size(), " ");
  return dot;
}

std::size_t clusters_in(Agraph_t* g) {
  std::size_t n = 0;
  for (Agraph_t* s = agfstsubg(g); s != nullptr; s = agnxtsubg(s))
    n += std::string(agnameof(s)).rfind("cluster", 0) == 0 ? 1 : 0;
  return n;
}

std::size_t degree_of(Agraph_t* g, const char* name) {
  Agnode_t* n = agnode(g, const_cast<char*>(name), 0);
  return n == nullptr ? 0 : static_cast<std::size_t>(agdegree(g, n, 1, 1));
}

}  // namespace

namespace {

/// Allocates and frees blocks of many sizes, leaving holes, so that later allocations land
/// elsewhere than in a fresh heap.
void churn_heap() {
  std::vector<std::unique_ptr<char[]>> blocks;
  for (std::size_t i = 0; i < 6000; ++i) blocks.emplace_back(new char[16 + (i * 37) % 400]);
  for (std::size_t i = 0; i < blocks.size(); i += 2) blocks[i].reset();
  static std::vector<std::unique_ptr<char[]>> kept;  // holes stay until the next churn
  kept = std::move(blocks);
}

}  // namespace

TEST_CASE("render: the same input gives the same bytes") {
  const LoadResult loaded = load_network(kTiny);
  const Analysis an = analyse(loaded.network, Settings{});
  for (const char* view : {"network", "geo", "school:S04:2", "authority"}) {
    INFO(view);
    RenderOptions o;
    o.view = parse_view(view);
    CHECK(render_dot(loaded.network, an, o) == render_dot(loaded.network, an, o));
    // In ONE process too, fdp (the boxed "network" view) included: fdp orients edges by node
    // addresses, which graphviz.cpp makes follow creation order. Memory churned between the
    // two drawings moves where malloc would put things (without the fix, tiny's drawings then
    // differed); a fresh process draws the same bytes too (ctest render-same-bytes-*).
    const std::string first = render_diagram(loaded.network, an, o);
    churn_heap();
    CHECK(render_diagram(loaded.network, an, o) == first);
  }
  RenderOptions sfdp;
  sfdp.layout = LayoutEngine::sfdp;
  CHECK(render_diagram(loaded.network, an, sfdp) == render_diagram(loaded.network, an, sfdp));
}

TEST_CASE("render: fdp with many boxes draws the same bytes twice in one process") {
  // 60 groupings of 5 linked schools: fdp with 60 clusters, each laid out by a derived graph.
  const Network net = grouped_network(60, 5, true);
  const Analysis an = analyse(net, small_groupings());
  RenderOptions o;
  REQUIRE(render_dot(net, an, o).find("layout=\"fdp\"") != std::string::npos);
  const std::string first = render_diagram(net, an, o);
  churn_heap();
  const std::string second = render_diagram(net, an, o);
  CHECK(first.size() == second.size());
  CHECK(first == second);
}

TEST_CASE("render: staff names never appear") {
  const LoadResult loaded = load_network(kTiny);
  const Analysis an = analyse(loaded.network, Settings{});
  RenderOptions o;
  o.labels = LabelMode::shown;
  for (const char* view : {"network", "grouping:G1", "school:S04", "authority"}) {
    o.view = parse_view(view);
    CHECK(render_dot(loaded.network, an, o).find("Jane Private") == std::string::npos);
  }
}

TEST_CASE("render: empty and one-school networks draw") {
  Network empty;
  RenderOptions o;
  CHECK(render_diagram(empty, analyse(empty, Settings{}), o).find("<svg") != std::string::npos);
  Network one;
  one.schools = {school("A", "Alone")};
  CHECK(render_diagram(one, analyse(one, Settings{}), o).find("Alone") != std::string::npos);
}

TEST_CASE("render CLI: a bad view id is exit 2 with a located message") {
  const Run r = run({"render", kTiny, "--view", "school:NOPE", "--format", "dot"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  // tiny.json: 12 schools (too many to list), 4 groupings (listed).
  CHECK(r.err.find("--view: unknown school id \"NOPE\"; no school id or name holds that text "
                   "(collabnet check lists the network's records)\n") != std::string::npos);
  const Run g = run({"render", kTiny, "--view", "grouping:NOPE", "--format", "dot"});
  CHECK(g.code == 2);
  CHECK(g.err.find("--view: unknown grouping id \"NOPE\"; the grouping ids are G1 (Northern "
                   "ASG), G2 (Glen Twinning), G3 (Lochside Solo Network), G4 (Paper "
                   "Cluster)\n") != std::string::npos);
  // A word of the name finds the grouping (issue 17: "--view grouping:Dingwall").
  const Run glen = run({"render", kTiny, "--view", "grouping:glen", "--format", "dot"});
  CHECK(glen.err.find("--view: unknown grouping id \"glen\"; did you mean G2 (Glen Twinning)?\n") !=
        std::string::npos);
  const Run t = run({"render", kTiny, "--theme", "neon", "-o", "x.svg"});
  CHECK(t.code == 2);
  CHECK(t.err == "--theme: \"neon\" is neither a built-in theme (default, print) nor a theme "
                 "file that exists; name a built-in theme, or the path of a theme file such as "
                 "viz/example-council.json\n");
  const Run f = run({"render", kTiny, "-o", "x.jpg"});
  CHECK(f.code == 2);
  CHECK(f.err == "--output: cannot tell the format from \"x.jpg\": name it .svg, .png, .pdf or "
                 ".dot, or give --format\n");
}

TEST_CASE("render CLI: writes DOT to standard output and honours --as-of") {
  const Run r = run({"render", kTiny, "--format", "dot", "--as-of", "2026-06-30"});
  CHECK(r.code == 0);
  CHECK(r.out.rfind("graph collabnet {", 0) == 0);
  CHECK(r.out.find("partnerships active on 2026-06-30") != std::string::npos);
}

TEST_CASE("render: very long names and Unicode noncharacters still give valid DOT and SVG") {
  // Found by adversarial testing: Graphviz refuses quoted strings over 16,384 bytes (an `&`
  // escapes to five), and U+FFFF is not allowed in XML.
  const std::string amps(4000, '&');
  const std::string text =
      R"({"schools": [{"id": "A", "name": ")" + amps +
      R"("}, {"id": "B", "name": ")" + std::string(17000, 'x') +
      R"("}, {"id": "C", "name": "Ardmore \uffff Primary \ufdd0"}],
          "partnerships": [{"from": "A", "to": "B"}]})";
  const LoadResult loaded = load_network_json_text(text, "long.json");
  const Analysis an = analyse(loaded.network, Settings{});
  RenderOptions o;
  o.labels = LabelMode::shown;
  const std::string dot = render_dot(loaded.network, an, o);
  CHECK(dot.find("\xEF\xBF\xBF") == std::string::npos);  // U+FFFF gone
  CHECK(dot.find("\xEF\xB7\x90") == std::string::npos);  // U+FDD0 gone
  CHECK(dot.find("Ardmore \xEF\xBF\xBD") != std::string::npos);
  const std::string svg = render_diagram(loaded.network, an, o);
  CHECK(svg.find("</svg>") != std::string::npos);
  CHECK(svg.find("\xEF\xBF\xBF") == std::string::npos);
  CHECK(svg.find(std::string(1000, 'x') + "\xE2\x80\xA6") != std::string::npos);  // cut, marked
}


TEST_CASE("render: above the sfdp threshold groupings are not boxed, and the drawing says so") {
  // 2,000 schools (over 1,500) in 400 groupings of 5, each grouping a chain: 400 components.
  const Network net = grouped_network(400, 5, true);
  const Analysis an = analyse(net, small_groupings());
  RenderOptions o;
  const std::string dot = unwrapped(render_dot(net, an, o));
  const auto g = parse(dot);
  CHECK(attr(g.get(), "layout") == "sfdp");
  CHECK(clusters_in(g.get()) == 0);
  CHECK(dot.find("declared groupings are not boxed: above 1,500 schools the layout is sfdp, which "
                 "cannot keep a grouping") != std::string::npos);
  CHECK(dot.find("(--layout fdp boxes them, slowly; --view grouping-overview draws one box per "
                 "grouping)") != std::string::npos);

  // 400 components are more than the 100 Graphviz packs: all but the first (the largest, tied
  // at 5 schools) hang on one invisible node by their first school: S5, S10, … S1995.
  CHECK(attr(node(g.get(), "gather"), "style") == "invis");
  CHECK(degree_of(g.get(), "gather") == 399);
  CHECK(agedge(g.get(), node(g.get(), "gather"), node(g.get(), "s5"), nullptr, 0) != nullptr);
  CHECK(agedge(g.get(), node(g.get(), "gather"), node(g.get(), "s1995"), nullptr, 0) != nullptr);
  CHECK(agedge(g.get(), node(g.get(), "gather"), node(g.get(), "s0"), nullptr, 0) == nullptr);
  CHECK(agedge(g.get(), node(g.get(), "gather"), node(g.get(), "s6"), nullptr, 0) == nullptr);
  for (Agedge_t* e = agfstedge(g.get(), node(g.get(), "gather")); e != nullptr;
       e = agnxtedge(g.get(), e, node(g.get(), "gather")))
    CHECK(attr(e, "style") == "invis");
  CHECK(dot.find("the 1,995 schools outside the largest connected group are gathered in one place") !=
        std::string::npos);
  CHECK(unwrapped(render_dot(net, an, o)) == dot);  // the same choice every time

  // Forced with --layout fdp: every grouping boxed, nothing said about boxes.
  RenderOptions fdp = o;
  fdp.layout = LayoutEngine::fdp;
  const std::string boxed = render_dot(net, an, fdp);
  const auto gb = parse(boxed);
  CHECK(attr(gb.get(), "layout") == "fdp");
  CHECK(clusters_in(gb.get()) == 400);
  CHECK(boxed.find("not boxed") == std::string::npos);
  CHECK(degree_of(gb.get(), "gather") == 399);

  // --layout neato: not boxed either, and the drawing says how to box them; neato does not
  // pack components, so nothing is gathered.
  RenderOptions neato = o;
  neato.layout = LayoutEngine::neato;
  const std::string plain = unwrapped(render_dot(net, an, neato));
  CHECK(plain.find("declared groupings are not boxed: --layout neato cannot keep a grouping "
                   "together (--layout fdp boxes them)") != std::string::npos);
  CHECK(plain.find("gather") == std::string::npos);
}

TEST_CASE("render: up to 1,500 schools groupings are boxed; few components are packed as before") {
  // 300 schools in 60 groupings of 5: fdp, 60 boxes, 60 components (not more than 100).
  const Network net = grouped_network(60, 5, true);
  const Analysis an = analyse(net, small_groupings());
  const std::string dot = render_dot(net, an, RenderOptions{});
  const auto g = parse(dot);
  CHECK(attr(g.get(), "layout") == "fdp");
  CHECK(clusters_in(g.get()) == 60);
  CHECK(dot.find("not boxed") == std::string::npos);
  CHECK(dot.find("gather") == std::string::npos);

  // The same schools with no partnership: 300 components of one school, all gathered (no
  // largest group to leave apart), still boxed.
  const Network unlinked = grouped_network(60, 5, false);
  const Analysis au = analyse(unlinked, small_groupings());
  RenderOptions o;
  const std::string dot2 = unwrapped(render_dot(unlinked, au, o));
  const auto g2 = parse(dot2);
  CHECK(clusters_in(g2.get()) == 60);
  CHECK(degree_of(g2.get(), "gather") == 300);
  CHECK(dot2.find("no school is linked to another, so the schools are simply gathered in one "
                  "place") != std::string::npos);
  // Drawn, the gathering node and its links leave no trace but SVG comments.
  std::string svg = render_diagram(unlinked, au, o);
  CHECK(svg.find("</svg>") != std::string::npos);
  for (auto at = svg.find("<!--"); at != std::string::npos; at = svg.find("<!--", at))
    svg.erase(at, svg.find("-->", at) + 3 - at);
  CHECK(svg.find("gathered in one") != std::string::npos);  // the subtitle says so
  CHECK(svg.find("<title>gather") == std::string::npos);
  CHECK(svg.find("gather&#45;") == std::string::npos);
  // A higher pack limit keeps Graphviz's packing.
  o.pack_limit = 300;
  CHECK(render_dot(unlinked, au, o).find("gather") == std::string::npos);
}

TEST_CASE("render CLI: the drawing is the one the exact analysis gives") {
  // `collabnet render` estimates centrality from one source (no drawing shows it): the DOT must
  // equal the one drawn from the full, exact analysis.
  const LoadResult loaded = load_network(kTiny);
  Settings dated;  // the command line's default: as of the file's own date
  dated.network_as_of = true;
  for (const char* view : {"network", "geo", "authority", "grouping-overview", "school:S04:2"}) {
    INFO(view);
    RenderOptions o;
    o.view = parse_view(view);
    const Run r = run({"render", kTiny, "--view", view, "--format", "dot"});
    CHECK(r.code == 0);
    CHECK(r.out == render_dot(loaded.network, analyse(loaded.network, dated), o));
  }
}
