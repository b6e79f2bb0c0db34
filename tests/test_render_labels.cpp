// School names in labelled diagrams: each name next to its own school. Drawings are laid out by
// Graphviz as in `collabnet render`, written as xdot, and read back with cgraph: node centres
// and outlines from `pos` and `_draw_`, each name's box from `xlp` and its text lines in
// `_ldraw_`. The checks are geometric properties, never copied coordinates (fonts differ
// between machines).
#include <cgraph.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/load.hpp"
#include "collabnet/render.hpp"
#include "render/render_internal.hpp"
#include "render_fixtures.hpp"

using namespace collabnet;
using collabnet::testing::authority_part;
using collabnet::testing::generated;
using render::Box;
using render::Point;

namespace {

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};

std::string attr(void* obj, const char* name) {
  char* v = agget(obj, const_cast<char*>(name));
  return v == nullptr ? std::string() : std::string(v);
}

/// A drawn school as the xdot output shows it.
struct Drawn {
  std::string id, name;
  Point centre;
  bool round = true;
  double radius = 0;  ///< round: farthest outline point from the centre
  Box outline;        ///< boxes (squares)
  bool labelled = false;
  Box label;
};

/// The ops of an xdot string, enough for shapes and text: (op, numbers, text).
struct Op {
  char code;
  std::vector<double> numbers;
  std::string text;
};

std::vector<Op> parse_xdot(const std::string& s) {
  std::vector<Op> ops;
  std::size_t i = 0;
  const auto skip = [&] {
    while (i < s.size() && s[i] == ' ') ++i;
  };
  const auto number = [&] {
    skip();
    std::size_t used = 0;
    const double v = std::stod(s.substr(i), &used);
    i += used;
    return v;
  };
  const auto bytes = [&] {  // "n -text"
    const auto n = static_cast<std::size_t>(number());
    skip();
    REQUIRE(s[i] == '-');
    std::string t = s.substr(i + 1, n);
    i += 1 + n;
    return t;
  };
  while (true) {
    skip();
    if (i >= s.size()) break;
    Op op{s[i++], {}, {}};
    switch (op.code) {
      case 'E': case 'e':
        for (int k = 0; k < 4; ++k) op.numbers.push_back(number());
        break;
      case 'P': case 'p': case 'L': case 'B': case 'b': {
        const auto n = static_cast<std::size_t>(number());
        for (std::size_t k = 0; k < 2 * n; ++k) op.numbers.push_back(number());
        break;
      }
      case 'T':
        for (int k = 0; k < 4; ++k) op.numbers.push_back(number());
        op.text = bytes();
        break;
      case 'F':
        op.numbers.push_back(number());
        op.text = bytes();
        break;
      case 'c': case 'C': case 'S':
        op.text = bytes();
        break;
      case 't':
        op.numbers.push_back(number());
        break;
      default:
        FAIL("unexpected xdot op " << op.code << " in " << s);
    }
    ops.push_back(std::move(op));
  }
  return ops;
}

Point parse_point(const std::string& text) {
  Point p;
  REQUIRE(std::sscanf(text.c_str(), "%lf,%lf", &p.x, &p.y) == 2);
  return p;
}

/// What a labelled drawing shows: its schools, and the numbered key under the title (number →
/// name as HTML text), as read back from the xdot output.
struct Drawing {
  std::vector<Drawn> schools;
  std::map<std::string, std::string> key;
  std::string title;  ///< the title's HTML
};

/// Lays the options' view out as `collabnet render` does and reads every school back.
Drawing draw_all(const Network& net, const RenderOptions& options) {
  const Analysis an = analyse(net, Settings{});
  const render::Scene scene = render::build_scene(net, an, options);
  const std::string xdot = render::graphviz_render(render::write_dot(scene), scene.engine, "xdot",
                                                   render::name_key(scene));
  std::unique_ptr<Agraph_t, GraphCloser> g(agmemread(xdot.c_str()));
  REQUIRE(g != nullptr);
  Drawing drawing;
  drawing.title = attr(g.get(), "label");
  static const std::regex row("<b>([0-9]+)</b> ([^<]*)");
  for (auto it = std::sregex_iterator(drawing.title.begin(), drawing.title.end(), row);
       it != std::sregex_iterator(); ++it)
    drawing.key[(*it)[1].str()] = (*it)[2].str();
  std::vector<Drawn>& out = drawing.schools;
  for (Agnode_t* n = agfstnode(g.get()); n != nullptr; n = agnxtnode(g.get(), n)) {
    if (attr(n, "style").find("invis") != std::string::npos) continue;
    const std::string id = agnameof(n);
    if (id.size() < 2 || id[0] != 's' || id.find_first_not_of("0123456789", 1) != std::string::npos)
      continue;  // legend marks, the strip's caption
    Drawn d;
    d.id = agnameof(n);
    d.centre = parse_point(attr(n, "pos"));
    d.round = attr(n, "shape") != "box";
    d.outline = {1e300, 1e300, -1e300, -1e300};
    for (const Op& op : parse_xdot(attr(n, "_draw_"))) {
      if (op.code == 'E' || op.code == 'e') {
        d.radius = std::max({d.radius, op.numbers[2], op.numbers[3]});
      } else if (op.code == 'P' || op.code == 'p') {
        for (std::size_t k = 0; k + 1 < op.numbers.size(); k += 2) {
          const double x = op.numbers[k], y = op.numbers[k + 1];
          d.radius = std::max(d.radius, std::hypot(x - d.centre.x, y - d.centre.y));
          d.outline = {std::min(d.outline.x0, x), std::min(d.outline.y0, y),
                       std::max(d.outline.x1, x), std::max(d.outline.y1, y)};
        }
      }
    }
    if (!attr(n, "xlabel").empty() && !attr(n, "xlp").empty()) {
      d.labelled = true;
      const Point at = parse_point(attr(n, "xlp"));
      double width = 0, size = 0, top = 0, bottom = 0;
      std::size_t lines = 0;
      for (const Op& op : parse_xdot(attr(n, "_ldraw_"))) {
        if (op.code == 'F') size = op.numbers[0];
        if (op.code == 'T' && !op.text.empty()) {
          width = std::max(width, op.numbers[3]);
          if (lines == 0) top = op.numbers[1];
          bottom = op.numbers[1];
          ++lines;
          d.name += (d.name.empty() ? "" : " ") + op.text;
        }
      }
      REQUIRE(lines > 0);
      // Lines as far apart as their baselines are (one line: 1.2 times the font size).
      const double line = lines > 1 ? (top - bottom) / static_cast<double>(lines - 1) : size * 1.2;
      const double height = static_cast<double>(lines) * line;
      d.label = {at.x - width / 2, at.y - height / 2, at.x + width / 2, at.y + height / 2};
    }
    out.push_back(d);
  }
  return drawing;
}

std::vector<Drawn> draw(const Network& net, const RenderOptions& options) {
  return draw_all(net, options).schools;
}

double box_distance(const Box& a, const Box& b) {
  const double dx = std::max({a.x0 - b.x1, b.x0 - a.x1, 0.0});
  const double dy = std::max({a.y0 - b.y1, b.y0 - a.y1, 0.0});
  return std::hypot(dx, dy);
}

/// How far a name is from a school's outline (0 when they touch or overlap).
double distance(const Box& label, const Drawn& school) {
  if (!school.round) return box_distance(label, school.outline);
  const Point c = school.centre;
  const double dx = std::max({label.x0 - c.x, 0.0, c.x - label.x1});
  const double dy = std::max({label.y0 - c.y, 0.0, c.y - label.y1});
  return std::max(0.0, std::hypot(dx, dy) - school.radius);
}

bool overlap(const Box& a, const Box& b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/// Every name: nearer its own school than any other, overlapping no other school and no other
/// name. (Half a point of slack for the text-box estimate.)
void check_names(const std::vector<Drawn>& schools) {
  std::size_t labelled = 0;
  for (const Drawn& s : schools) {
    if (!s.labelled) continue;
    ++labelled;
    INFO("name of " << s.id << " \"" << s.name << "\" at " << s.label.x0 << "," << s.label.y0 << " – "
                    << s.label.x1 << "," << s.label.y1 << ", school at " << s.centre.x << ","
                    << s.centre.y << " reach " << s.radius);
    const double own = distance(s.label, s);
    CHECK(own < 6.0);  // touching its own outline, give or take the pen and a small gap
    for (const Drawn& other : schools) {
      if (&other == &s) continue;
      INFO("other school " << other.id << " \"" << other.name << "\" at " << other.centre.x << ","
                           << other.centre.y << ", name at " << other.label.x0 << ","
                           << other.label.y0 << " – " << other.label.x1 << "," << other.label.y1);
      const double d = distance(s.label, other);
      CHECK(d > 0.5);   // overlaps no other school
      CHECK(d > own);   // its own school is the nearest
      if (other.labelled) {
        const Box shrunk{s.label.x0 + 0.5, s.label.y0 + 0.5, s.label.x1 - 0.5, s.label.y1 - 0.5};
        CHECK_FALSE(overlap(shrunk, other.label));
      }
    }
  }
  CHECK(labelled > 0);
}

const std::string kGraphs = std::string(COLLABNET_SOURCE_DIR) + "/graphs/";

std::string unescape(std::string s) {
  for (const auto& [entity, c] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
                                  {"&#39;", "'"}, {"&amp;", "&"}})
    for (std::size_t at = s.find(entity); at != std::string::npos; at = s.find(entity, at + 1))
      s.replace(at, std::strlen(entity), c);
  return s;
}

std::string without_spaces(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

/// Every drawn name is its own school's: a school node "sN" shows school N's name (its first
/// lines, as wrapped), or a number whose row in the key under the title holds school N's name;
/// every number stands for one school; a school with no text at all is listed in the key as too
/// crowded. Then the geometry (check_names). Independent of how the names were placed.
void check_drawing(const Network& net, const Drawing& drawing) {
  std::map<std::string, std::string> number_of;  // key number → node id
  std::size_t named = 0;
  for (const Drawn& d : drawing.schools) {
    REQUIRE(d.id.size() > 1);
    REQUIRE(d.id[0] == 's');
    const School& school = net.schools.at(std::stoul(d.id.substr(1)));
    const std::string own = school.name.empty() ? school.id : school.name;
    INFO("node " << d.id << ", school " << school.id << " \"" << own << "\", drawn \"" << d.name << "\"");
    if (!d.labelled) {
      CHECK(unescape(drawing.title).find(own) != std::string::npos);
      continue;
    }
    if (!d.name.empty() && std::all_of(d.name.begin(), d.name.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      const auto it = drawing.key.find(d.name);
      REQUIRE(it != drawing.key.end());
      CHECK(unescape(it->second) == own);
      CHECK(number_of.emplace(d.name, d.id).second);  // one school per number
      continue;
    }
    ++named;
    std::string shown = without_spaces(d.name);
    if (const std::size_t cut = shown.find("\xE2\x80\xA6"); cut != std::string::npos) shown.erase(cut);
    CHECK(shown.size() >= std::min<std::size_t>(8, without_spaces(own).size()));
    CHECK(without_spaces(own).rfind(shown, 0) == 0);
  }
  CHECK(number_of.size() == drawing.key.size());  // every key row is drawn
  check_names(drawing.schools);
}

School school(std::string id, std::string name, std::int64_t roll) {
  School s;
  s.id = std::move(id);
  s.name = std::move(name);
  s.roll = roll;
  return s;
}

Partnership link(std::size_t from, std::size_t to) {
  Partnership p;
  p.from = from;
  p.to = to;
  p.direction = Direction::mutual;
  p.weight = 1;
  p.id = "P" + std::to_string(from) + "-" + std::to_string(to);
  return p;
}

/// One very large school linked to several tiny ones with long names, the tiny ones in a ring:
/// the shape on which Graphviz's corner placement put names nearer a neighbour than their own.
Network star() {
  Network n;
  n.name = "Star";
  n.schools.push_back(school("HUB", "The Very Large Community Academy", 2400));
  for (int i = 0; i < 8; ++i)
    n.schools.push_back(school("T" + std::to_string(i), "Little Glen Primary School " + std::to_string(i), 6 + i));
  for (std::size_t i = 1; i <= 8; ++i) {
    n.partnerships.push_back(link(0, i));
    n.partnerships.push_back(link(i, i % 8 + 1));
  }
  return n;
}

}  // namespace

TEST_CASE("render labels: every name is next to its own school, clear of others") {
  SECTION("graphs/tiny.json, whole network (fdp, grouping boxes)") {
    const LoadResult loaded = load_network(kGraphs + "tiny.json");
    check_names(draw(loaded.network, RenderOptions{}));
  }
  SECTION("a school's neighbourhood in the demo network (neato, mixed sizes)") {
    const LoadResult loaded = load_network(kGraphs + "northern-alliance.json");
    RenderOptions o;
    o.view = parse_view("school:5130123:2");
    check_names(draw(loaded.network, o));
  }
  SECTION("a star of one huge and eight tiny schools") {
    check_names(draw(star(), RenderOptions{}));
  }
  SECTION("the same star on the map view's engine (positions given)") {
    Network n = star();
    for (std::size_t i = 0; i < n.schools.size(); ++i) {
      n.schools[i].lat = 57.0 + 0.01 * static_cast<double>(i % 3);
      n.schools[i].lon = -3.0 + 0.01 * static_cast<double>(i / 3);
    }
    RenderOptions o;
    o.view = parse_view("geo");
    check_names(draw(n, o));
  }
}

// Issue 16: with --labels on a whole network of about 200 schools, names were drawn over other
// schools ("Tain Royal Academy" in Millburn Academy's circle): where no free place existed the
// placer kept the least bad place, over or nearer another school. Now such a school is numbered
// and named in a key under the title.
TEST_CASE("render labels: every view of the demo names each school it shows correctly",
          "[render][labels][slow]") {
  const LoadResult loaded = load_network(kGraphs + "northern-alliance.json");
  const Network& demo = loaded.network;
  RenderOptions o;
  o.labels = LabelMode::shown;
  SECTION("Highland's 198 schools, whole network") {
    check_drawing(authority_part(demo, "Highland"), draw_all(authority_part(demo, "Highland"), o));
  }
  SECTION("Highland's 198 schools on the map") {
    o.view = parse_view("geo");
    check_drawing(authority_part(demo, "Highland"), draw_all(authority_part(demo, "Highland"), o));
  }
  SECTION("the whole demo network, 637 schools") { check_drawing(demo, draw_all(demo, o)); }
  SECTION("the demo map") {
    o.view = parse_view("geo");
    check_drawing(demo, draw_all(demo, o));
  }
  for (const char* view : {"grouping:ASG-5119138", "grouping:ASG-5231132", "school:5130123:2"}) {
    SECTION(view) {
      o.view = parse_view(view);
      check_drawing(demo, draw_all(demo, o));
    }
  }
  SECTION("a generated network of 200 schools") {
    const Network net = generated(200, 16);
    check_drawing(net, draw_all(net, o));
  }
}

TEST_CASE("render labels: names are placed the same way every time") {
  const Network n = star();
  const Analysis an = analyse(n, Settings{});
  const render::Scene scene = render::build_scene(n, an, RenderOptions{});
  const std::string dot = render::write_dot(scene);
  const std::string first = render::graphviz_render(dot, scene.engine, "xdot");
  CHECK(render::graphviz_render(dot, scene.engine, "xdot") == first);
}

TEST_CASE("render labels: the placer on its own") {
  using Node = render::LabelProblem::Node;
  const auto disc = [](double x, double y, double r, double w = 0, double h = 0) {
    Node n;
    n.centre = {x, y};
    n.radius = n.half_w = n.half_h = r;
    n.labelled = w > 0;
    n.label_w = w;
    n.label_h = h;
    return n;
  };

  SECTION("a lone school's name goes below it, touching") {
    render::LabelProblem p;
    p.nodes = {disc(0, 0, 10, 40, 10)};
    const auto placed = render::place_labels(p);
    CHECK(placed.names[0].x == Approx(0));
    CHECK(placed.names[0].y == Approx(-(10 + 2 + 5)));
  }
  SECTION("a name avoids a neighbour below and a line to the right") {
    render::LabelProblem p;
    p.nodes = {disc(0, 0, 10, 40, 10), disc(0, -25, 5)};
    p.lines = {{{0, 0}, {100, 0}}};
    const auto placed = render::place_labels(p);
    const Point at = placed.names[0];
    CHECK(at.y > 0);  // above: below is taken, right and left cross the line or stay clear
  }
  SECTION("with no free place it still places every name, deterministically") {
    render::LabelProblem p;
    for (int i = 0; i < 9; ++i) p.nodes.push_back(disc((i % 3) * 12.0, (i / 3) * 12.0, 5, 60, 20));
    const auto a = render::place_labels(p), b = render::place_labels(p);
    REQUIRE(a.names.size() == 9);
    for (std::size_t i = 0; i < 9; ++i) {
      CHECK(a.names[i].x == b.names[i].x);
      CHECK(a.names[i].y == b.names[i].y);
    }
  }
  SECTION("a grouping box grows to hold a member's name, and never upwards") {
    render::LabelProblem p;
    p.nodes = {disc(0, 0, 10, 80, 10), disc(0, 40, 3)};
    p.nodes[0].cluster = 0;
    p.nodes[1].cluster = 0;
    p.clusters = {{-15, -15, 15, 60}};
    p.cluster_parent = {SIZE_MAX};
    const auto placed = render::place_labels(p);
    const Box& g = placed.clusters[0];
    const Point at = placed.names[0];
    CHECK(g.x0 <= at.x - 40);
    CHECK(g.x1 >= at.x + 40);
    CHECK(g.y0 <= at.y - 5);
    CHECK(g.y1 == 60);
  }
}
