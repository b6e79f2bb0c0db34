// The style check (issue 16, item 6): every view of the demo network and of a generated
// 200-school network is drawn as SVG and read back from the SVG alone: (a) the legend's school
// marks (shape and fill) and the schools' marks are the same set; (b) the smallest text, with the
// drawing scaled to the printable width of A4 (180 mm, 510 pt), is at least 6 pt; (c) in the
// large views that name only the schools that fit, each name touches its own school and
// overlaps no other school and no other name; (d) a numbered grouping box's number is the one
// the key under the title gives its grouping's name. Shapes are told apart by their geometry, texts
// measured by Graphviz's own text layout; nothing is taken from the code that drew them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/load.hpp"
#include "collabnet/render.hpp"
#include "render/render_internal.hpp"
#include "utf8.hpp"
#include "dot_support.hpp"
#include "render_fixtures.hpp"

using namespace collabnet;
using collabnet::testing::authority_part;
using collabnet::testing::generated;
using render::Box;
using render::Point;

namespace {

constexpr double kA4PrintableWidth = 510;  // 180 mm in points
constexpr double kMinPrintedSize = 6;      // points

std::string unescape_xml(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t end = s.find(';', i);
    REQUIRE(end != std::string::npos);
    const std::string e = s.substr(i + 1, end - i - 1);
    if (e == "amp") out += '&';
    else if (e == "lt") out += '<';
    else if (e == "gt") out += '>';
    else if (e == "quot") out += '"';
    else if (e == "apos") out += '\'';
    else if (!e.empty() && e[0] == '#') {
      const unsigned long cp = e.size() > 1 && (e[1] == 'x' || e[1] == 'X')
                                   ? std::stoul(e.substr(2), nullptr, 16)
                                   : std::stoul(e.substr(1));
      append_utf8(out, static_cast<char32_t>(cp));
    } else {
      FAIL("unknown entity &" << e << ";");
    }
    i = end;
  }
  return out;
}

/// The value of attribute `name` in one tag's text ("" when absent), entities decoded.
std::string tag_attr(const std::string& tag, const std::string& name) {
  const std::string key = " " + name + "=\"";
  const std::size_t at = tag.find(key);
  if (at == std::string::npos) return {};
  const std::size_t from = at + key.size(), to = tag.find('"', from);
  return unescape_xml(tag.substr(from, to - from));
}

double number_attr(const std::string& tag, const std::string& name) {
  const std::string v = tag_attr(tag, name);
  REQUIRE_FALSE(v.empty());
  return std::stod(v);
}

struct Text {
  double x = 0, y = 0, size = 0;  ///< anchor point (baseline), SVG coordinates (y down)
  std::string anchor, family, text;
  bool bold = false;
  bool top_level = true;  ///< the graph's own text (title, legend, keys), not a node's or box's
};

struct Shape {
  bool ellipse = false;
  double cx = 0, cy = 0, rx = 0, ry = 0;
  std::vector<Point> points;  ///< polygon, closing point dropped
  std::string fill, stroke, stroke_width, dash;
};

struct Node {
  std::string title, classes;
  std::vector<Shape> shapes;
  std::vector<Text> texts;
};

struct Svg {
  double width_pt = 0;
  std::vector<Node> nodes;
  std::vector<Node> clusters;  ///< grouping boxes: their titles ("cluster_3") and texts
  std::vector<Text> texts;  ///< every text in the drawing
};

Svg parse_svg(const std::string& svg) {
  Svg out;
  std::size_t depth = 0, node_depth = 0;  // open <g> elements; 0: not inside a node
  std::size_t cluster_depth = 0;           // 0: not inside a box
  std::size_t i = 0;
  const auto content_until = [&](const char* close) {
    const std::size_t end = svg.find(close, i);
    REQUIRE(end != std::string::npos);
    std::string c = svg.substr(i, end - i);
    i = end + std::string(close).size();
    return unescape_xml(c);
  };
  while ((i = svg.find('<', i)) != std::string::npos) {
    if (svg.compare(i, 4, "<!--") == 0) {
      i = svg.find("-->", i);
      REQUIRE(i != std::string::npos);
      continue;
    }
    const std::size_t end = svg.find('>', i);
    REQUIRE(end != std::string::npos);
    const std::string tag = svg.substr(i, end - i + 1);
    i = end + 1;
    const auto is = [&tag](const char* name) {
      const std::string n = std::string("<") + name;
      return tag.compare(0, n.size(), n) == 0 &&
             (tag.size() == n.size() || tag[n.size()] == ' ' || tag[n.size()] == '>' ||
              tag[n.size()] == '/');
    };
    Node* node = node_depth > 0 ? &out.nodes.back() : nullptr;
    if (is("svg")) {
      const std::string w = tag_attr(tag, "width");
      REQUIRE(w.size() > 2);
      REQUIRE(w.substr(w.size() - 2) == "pt");
      out.width_pt = std::stod(w);
    } else if (is("g")) {
      ++depth;
      std::string classes = " " + tag_attr(tag, "class") + " ";
      if (node_depth == 0 && classes.find(" node ") != std::string::npos) {
        node_depth = depth;
        out.nodes.push_back(Node{"", classes, {}, {}});
      }
      if (cluster_depth == 0 && classes.find(" cluster ") != std::string::npos) {
        cluster_depth = depth;
        out.clusters.push_back(Node{"", classes, {}, {}});
      }
    } else if (is("/g")) {
      if (depth == node_depth) node_depth = 0;
      if (depth == cluster_depth) cluster_depth = 0;
      --depth;
    } else if (is("title")) {
      const std::string t = content_until("</title>");
      if (node != nullptr && node->title.empty()) node->title = t;
      if (cluster_depth > 0 && node == nullptr && out.clusters.back().title.empty())
        out.clusters.back().title = t;
    } else if (is("ellipse") || is("polygon")) {
      Shape s;
      s.ellipse = is("ellipse");
      s.fill = tag_attr(tag, "fill");
      s.stroke = tag_attr(tag, "stroke");
      s.stroke_width = tag_attr(tag, "stroke-width");
      s.dash = tag_attr(tag, "stroke-dasharray");
      if (s.ellipse) {
        s.cx = number_attr(tag, "cx");
        s.cy = number_attr(tag, "cy");
        s.rx = number_attr(tag, "rx");
        s.ry = number_attr(tag, "ry");
      } else {
        std::string pts = tag_attr(tag, "points");
        std::replace(pts.begin(), pts.end(), ',', ' ');
        std::istringstream in(pts);
        Point p;
        while (in >> p.x >> p.y) s.points.push_back(p);
        if (s.points.size() > 1 && s.points.front().x == s.points.back().x &&
            s.points.front().y == s.points.back().y)
          s.points.pop_back();
      }
      if (node != nullptr) node->shapes.push_back(s);
    } else if (is("text")) {
      Text t;
      t.x = number_attr(tag, "x");
      t.y = number_attr(tag, "y");
      t.size = number_attr(tag, "font-size");
      t.anchor = tag_attr(tag, "text-anchor");
      t.family = tag_attr(tag, "font-family");
      t.bold = tag_attr(tag, "font-weight") == "bold";
      t.top_level = node == nullptr && cluster_depth == 0;
      t.text = content_until("</text>");
      out.texts.push_back(t);
      if (node != nullptr) node->texts.push_back(t);
      else if (cluster_depth > 0) out.clusters.back().texts.push_back(t);
    }
  }
  REQUIRE(out.width_pt > 0);
  return out;
}

bool is_school(const Node& n) {
  return n.title.size() > 1 && n.title[0] == 's' &&
         n.title.find_first_not_of("0123456789", 1) == std::string::npos;
}
bool is_legend_mark(const Node& n) { return n.classes.find(" legend-mark ") != std::string::npos; }

/// A node's shape as the eye tells it: circle, doublecircle (two rings), box, diamond, triangle
/// (apex up) or invtriangle (apex down), from the SVG's ellipses and polygon vertices.
std::string shape_of(const Node& n) {
  std::size_t ellipses = 0;
  for (const Shape& s : n.shapes) ellipses += s.ellipse ? 1 : 0;
  if (ellipses > 0) return ellipses == 1 ? "circle" : "doublecircle";
  REQUIRE_FALSE(n.shapes.empty());
  const auto& p = n.shapes.front().points;
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
  for (const Point& q : p) {
    x0 = std::min(x0, q.x), x1 = std::max(x1, q.x), y0 = std::min(y0, q.y), y1 = std::max(y1, q.y);
  }
  const double tol = 0.02 * (x1 - x0) + 0.05;
  if (p.size() == 3) {
    const auto top = std::count_if(p.begin(), p.end(), [&](const Point& q) { return q.y < y0 + tol; });
    return top == 1 ? "triangle" : "invtriangle";  // SVG y grows downwards
  }
  if (p.size() == 4) {
    const double mid = (x0 + x1) / 2;
    const bool vertex_mid = std::any_of(p.begin(), p.end(), [&](const Point& q) { return std::abs(q.x - mid) < tol; });
    return vertex_mid ? "diamond" : "box";
  }
  return "polygon" + std::to_string(p.size());
}

/// Shape and fill: what tells one kind of school from another.
std::string mark_of(const Node& n) {
  std::string fill;
  for (const Shape& s : n.shapes)
    if (s.fill != "none" && !s.fill.empty()) {
      fill = s.fill;
      break;
    }
  return shape_of(n) + " " + fill;
}

/// (a) The legend's marks and the schools' marks are the same set.
void check_legend(const Svg& svg) {
  std::set<std::string> legend, schools;
  for (const Node& n : svg.nodes) {
    if (is_legend_mark(n)) legend.insert(mark_of(n));
    if (is_school(n)) schools.insert(mark_of(n));
  }
  for (const std::string& m : legend) {
    INFO("legend mark " << m);
    CHECK(schools.count(m) == 1);
  }
  for (const std::string& m : schools) {
    INFO("school mark " << m);
    CHECK(legend.count(m) == 1);
  }
}

/// (b) The smallest text, printed with the drawing 180 mm wide, is at least 6 pt.
void check_text_size(const Svg& svg) {
  double smallest = 1e300;
  std::string which;
  for (const Text& t : svg.texts) {
    if (t.text.find_first_not_of(" ") == std::string::npos) continue;
    if (t.size < smallest) {
      smallest = t.size;
      which = t.text;
    }
  }
  REQUIRE(smallest < 1e300);
  const double scale = std::min(1.0, kA4PrintableWidth / svg.width_pt);
  INFO("smallest text " << smallest << " pt (\"" << which << "\"), drawing " << svg.width_pt
                        << " pt wide: " << smallest * scale << " pt at A4 width");
  CHECK(smallest * scale >= kMinPrintedSize);
}

std::string dot_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '&') {
      out += "&amp;";
      continue;
    }
    out += c;
  }
  return out;
}

/// A line of text as Graphviz's text layout measures it.
struct Measured {
  double width = 0;   ///< of the text operation
  double height = 0;  ///< of a one-line label of it
  double drop = 0;    ///< from the label's centre down to the baseline
};

/// Texts measured by Graphviz's text layout (the same fonts the SVG names): each text a
/// plaintext node without margin, laid out and written as xdot: its width from the text
/// operation, its line's height from the node's, its baseline from the operation's y.
std::map<std::tuple<std::string, double, std::string>, Measured> measure(
    const std::set<std::tuple<std::string, double, std::string>>& texts) {
  std::string dot = "graph { node [shape=plaintext margin=0 width=0 height=0];\n";
  std::vector<std::tuple<std::string, double, std::string>> order(texts.begin(), texts.end());
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto& [family, size, text] = order[k];
    dot += "t" + std::to_string(k) + " [label=\"" + dot_escape(text) + "\" fontname=\"" +
           dot_escape(family) + "\" fontsize=\"" + std::to_string(size) + "\"];\n";
  }
  dot += "}\n";
  const std::string xdot = render::graphviz_render(dot, "dot", "xdot");
  const collabnet::testing::GraphPtr g = collabnet::testing::parse(xdot);
  std::map<std::tuple<std::string, double, std::string>, Measured> out;
  for (Agnode_t* n = agfstnode(g.get()); n != nullptr; n = agnxtnode(g.get(), n)) {
    // "… T x y justification width n -text": the width is the fourth number after T.
    std::istringstream ops(collabnet::testing::attr(n, "_ldraw_"));
    std::string op;
    while (ops >> op && op != "T") {
    }
    double x = 0, y = 0, justification = 0, width = -1;
    REQUIRE((ops >> x >> y >> justification >> width));
    double cx = 0, cy = 0;
    REQUIRE(std::sscanf(collabnet::testing::attr(n, "pos").c_str(), "%lf,%lf", &cx, &cy) == 2);
    const double height = 72 * std::stod(collabnet::testing::attr(n, "height"));
    out[order.at(std::stoul(std::string(agnameof(n)).substr(1)))] = {width, height, cy - y};
  }
  REQUIRE(out.size() == order.size());
  return out;
}

struct Disc {
  Point c;
  double r = 0;
  bool square = false;  ///< a box: `box` is its outline
  Box box;
};

/// A school's outline: a box as drawn, a circle as its outer ring, any other polygon as the
/// smallest disc about its bounding box's centre that holds it (never smaller than the shape).
Disc outline_of(const Node& n) {
  Disc d;
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
  for (const Shape& s : n.shapes) {
    if (s.ellipse) {
      x0 = std::min(x0, s.cx - s.rx), x1 = std::max(x1, s.cx + s.rx);
      y0 = std::min(y0, s.cy - s.ry), y1 = std::max(y1, s.cy + s.ry);
    }
    for (const Point& p : s.points)
      x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
  }
  d.c = {(x0 + x1) / 2, (y0 + y1) / 2};
  d.box = {x0, y0, x1, y1};
  const std::string shape = shape_of(n);
  d.square = shape == "box";
  for (const Shape& s : n.shapes) {
    if (s.ellipse) d.r = std::max({d.r, s.rx, s.ry});
    for (const Point& p : s.points) d.r = std::max(d.r, std::hypot(p.x - d.c.x, p.y - d.c.y));
  }
  return d;
}

double distance(const Box& b, const Disc& d) {
  if (d.square) {
    const double dx = std::max({b.x0 - d.box.x1, d.box.x0 - b.x1, 0.0});
    const double dy = std::max({b.y0 - d.box.y1, d.box.y0 - b.y1, 0.0});
    return std::hypot(dx, dy);
  }
  const double dx = std::max({b.x0 - d.c.x, 0.0, d.c.x - b.x1});
  const double dy = std::max({b.y0 - d.c.y, 0.0, d.c.y - b.y1});
  return std::max(0.0, std::hypot(dx, dy) - d.r);
}

bool overlap(const Box& a, const Box& b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/// (c) Each school's name touches its own school and overlaps no other school and no other
/// name. A name's box: its lines' measured widths about their anchors, from half a measured
/// line above the first line's centre to half a line below the last's. Returns how many
/// schools are named.
std::size_t check_names(const Svg& svg) {
  std::set<std::tuple<std::string, double, std::string>> wanted;
  for (const Node& n : svg.nodes)
    if (is_school(n))
      for (const Text& t : n.texts) wanted.emplace(t.family, t.size, t.text);
  if (wanted.empty()) return 0;
  const auto width = measure(wanted);
  struct Named {
    const Node* node;
    Disc outline;
    bool labelled = false;
    Box label;
  };
  std::vector<Named> schools;
  for (const Node& n : svg.nodes) {
    if (!is_school(n)) continue;
    Named s{&n, outline_of(n), false, {1e300, 1e300, -1e300, -1e300}};
    for (const Text& t : n.texts) {
      REQUIRE(t.anchor == "middle");
      const Measured& m = width.at({t.family, t.size, t.text});
      const double centre = t.y - m.drop;  // SVG y grows downwards
      s.label = {std::min(s.label.x0, t.x - m.width / 2), std::min(s.label.y0, centre - m.height / 2),
                 std::max(s.label.x1, t.x + m.width / 2), std::max(s.label.y1, centre + m.height / 2)};
      s.labelled = true;
    }
    schools.push_back(s);
  }
  std::size_t named = 0;
  for (const Named& s : schools) {
    if (!s.labelled) continue;
    ++named;
    INFO("name of " << s.node->title << " \"" << s.node->texts.front().text << "\" at "
                    << s.label.x0 << "," << s.label.y0 << " – " << s.label.x1 << "," << s.label.y1);
    CHECK(distance(s.label, s.outline) < 6.0);  // touching, give or take the pen and a gap
    const Box shrunk{s.label.x0 + 0.5, s.label.y0 + 0.5, s.label.x1 - 0.5, s.label.y1 - 0.5};
    for (const Named& other : schools) {
      if (&other == &s) continue;
      INFO("other school " << other.node->title);
      CHECK(distance(shrunk, other.outline) > 0);
      if (other.labelled) CHECK_FALSE(overlap(shrunk, other.label));
    }
  }
  return named;
}

const std::string kGraphs = std::string(COLLABNET_SOURCE_DIR) + "/graphs/";

/// The view drawn as `collabnet render` draws it, read back; each drawing once per run (the
/// print check and the others read the same SVG).
const Svg& draw(const Network& net, const std::string& view) {
  static std::map<std::string, Svg> drawn;
  const std::string key = net.name + "/" + std::to_string(net.schools.size()) + "/" + view;
  if (const auto it = drawn.find(key); it != drawn.end()) return it->second;
  RenderOptions o;
  o.view = parse_view(view);
  return drawn[key] = parse_svg(render_diagram(net, analyse(net, Settings{}), o));
}

/// The title's "N of M schools named" (the large views' words under the subtitle).
std::pair<std::size_t, std::size_t> named_in_title(const Svg& svg) {
  static const std::regex words("^([0-9]+) of ([0-9]+) schools named");
  for (const Text& t : svg.texts) {
    std::smatch m;
    if (std::regex_search(t.text, m, words))
      return {std::stoul(m[1].str()), std::stoul(m[2].str())};
  }
  return {SIZE_MAX, SIZE_MAX};
}

/// A large view naming the schools that fit: (c), and the count under the subtitle is the
/// number of names drawn, of every school drawn.
void check_large_view(const Svg& svg) {
  const std::size_t named = check_names(svg);
  const std::size_t drawn = static_cast<std::size_t>(
      std::count_if(svg.nodes.begin(), svg.nodes.end(), [](const Node& n) { return is_school(n); }));
  CHECK(drawn > kDefaultLabelLimit);
  CHECK(named > 0);
  CHECK(named < drawn);
  CHECK(named_in_title(svg) == std::pair<std::size_t, std::size_t>{named, drawn});
}

/// A numbered key under the title, as the reader sees it: after the bold heading, each bold
/// number and the lines up to the next number, joined by spaces (a wrapped name reads whole).
std::map<std::size_t, std::string> read_key(const Svg& svg, const std::string& heading) {
  std::map<std::size_t, std::string> key;
  const auto start = std::find_if(svg.texts.begin(), svg.texts.end(), [&](const Text& t) {
    return t.top_level && t.bold && t.text == heading;
  });
  if (start == svg.texts.end()) return key;
  std::string* entry = nullptr;
  for (auto t = start + 1; t != svg.texts.end() && t->top_level; ++t) {
    if (t->bold && t->text.find_first_not_of("0123456789") == std::string::npos) {
      const std::size_t number = std::stoul(t->text);
      INFO("key number " << number);
      CHECK(key.count(number) == 0);
      entry = &key[number];
      continue;
    }
    if (t->bold) break;  // another key's heading
    if (entry == nullptr) continue;  // the rest of the heading's line
    const std::size_t from = t->text.find_first_not_of(' ');
    if (from == std::string::npos) continue;
    *entry += (entry->empty() ? "" : " ") + t->text.substr(from);
  }
  return key;
}

/// The number a box or node carries: its only text, digits only; 0 when it carries a name.
std::size_t carried_number(const Node& n) {
  if (n.texts.size() != 1) return 0;
  const std::string& t = n.texts.front().text;
  return t.find_first_not_of("0123456789") == std::string::npos ? std::stoul(t) : 0;
}

std::string grouping_name(const Grouping& g) { return g.name.empty() ? g.id : g.name; }

/// Every grouping box carries a number, numbers 1 … boxes, and the key's entry for a box's
/// number is the name of the grouping that box is (its SVG title "cluster_<index in the file>").
void check_box_key(const Network& net, const Svg& svg) {
  const auto key = read_key(svg, "Numbered grouping boxes");
  std::set<std::size_t> numbers;
  for (const Node& box : svg.clusters) {
    INFO("box " << box.title);
    REQUIRE(box.title.rfind("cluster_", 0) == 0);
    const std::size_t number = carried_number(box);
    REQUIRE(number > 0);
    CHECK(numbers.insert(number).second);
    REQUIRE(key.count(number) == 1);
    CHECK(key.at(number) == grouping_name(net.groupings.at(std::stoul(box.title.substr(8)))));
  }
  CHECK(svg.clusters.size() > 1);
  CHECK(numbers.size() == key.size());
  CHECK((numbers.empty() || (*numbers.begin() == 1 && *numbers.rbegin() == numbers.size())));
}

const char* const kDemoViews[] = {"authority", "grouping-overview", "grouping:ASG-5231132",
                                  "school:5130123:2", "network", "geo"};
const char* const kDemoLarge[] = {"network", "geo"};
// Generated schools have no location: the map is empty but for its title, which still counts.
const char* const kGeneratedViews[] = {"geo", "authority", "grouping-overview", "grouping:GR3",
                                       "school:G1010:2", "network"};
const char* const kGeneratedLarge[] = {"network"};

struct Networks {
  Network demo = load_network(kGraphs + "northern-alliance.json").network;
  Network highland = authority_part(demo, "Highland");  // 198 schools
  Network generated_200 = generated(200, 16);
};
const Networks& networks() {
  static const Networks n;
  return n;
}

}  // namespace

TEST_CASE("render style: the legend's marks are the schools' marks, in every view",
          "[render][style][slow]") {
  const Networks& n = networks();
  for (const char* view : kDemoViews) {
    INFO("demo, view " << view);
    check_legend(draw(n.demo, view));
  }
  for (const char* view : kDemoLarge) {
    INFO("Highland, view " << view);
    check_legend(draw(n.highland, view));
  }
  for (const char* view : kGeneratedViews) {
    INFO("generated, view " << view);
    check_legend(draw(n.generated_200, view));
  }
}

TEST_CASE("render style: large views name the schools that fit, each by its own school",
          "[render][style][slow]") {
  const Networks& n = networks();
  for (const char* view : kDemoLarge) {
    INFO("demo, view " << view);
    check_large_view(draw(n.demo, view));
    INFO("Highland, view " << view);
    check_large_view(draw(n.highland, view));
  }
  for (const char* view : kGeneratedLarge) {
    INFO("generated, view " << view);
    check_large_view(draw(n.generated_200, view));
  }
}

// (b), strict. The whole-network views number their grouping boxes and the demo's grouping
// overview its 95 boxes, each key under the title (at 1.7 to 2.9 pt on A4 before, with the
// boxes' names). `ctest -R render-style` runs it; `collabnet_tests "[print]"` alone.
TEST_CASE("render style: the smallest text prints at 6 pt or more at A4 width, in every view",
          "[render][style][print]") {
  const Networks& n = networks();
  for (const char* view : kDemoViews) {
    INFO("demo, view " << view);
    check_text_size(draw(n.demo, view));
  }
  for (const char* view : kDemoLarge) {
    INFO("Highland, view " << view);
    check_text_size(draw(n.highland, view));
  }
  for (const char* view : kGeneratedViews) {
    INFO("generated, view " << view);
    check_text_size(draw(n.generated_200, view));
  }
}

TEST_CASE("render style: the SVG reader tells the marks' shapes apart", "[render][style]") {
  // One node of each shape, drawn by Graphviz itself: the reader must name each as drawn.
  const std::string svg = render::graphviz_render(
      "graph { s1 [shape=circle style=filled fillcolor=\"#111111\"]; s2 [shape=doublecircle]; "
      "s3 [shape=box]; s4 [shape=diamond]; s5 [shape=triangle]; s6 [shape=invtriangle]; "
      "s7 [shape=circle class=\"legend-mark\"]; }",
      "neato", "svg");
  std::map<std::string, std::string> shape;
  for (const Node& n : parse_svg(svg).nodes) shape[n.title] = shape_of(n);
  CHECK(shape == std::map<std::string, std::string>{{"s1", "circle"}, {"s2", "doublecircle"},
                                                    {"s3", "box"}, {"s4", "diamond"},
                                                    {"s5", "triangle"}, {"s6", "invtriangle"},
                                                    {"s7", "circle"}});
  const Svg parsed = parse_svg(svg);
  CHECK(std::count_if(parsed.nodes.begin(), parsed.nodes.end(), is_legend_mark) == 1);
}

TEST_CASE("render style: a numbered box's key entry names the grouping that box is",
          "[render][style]") {
  const Networks& n = networks();
  SECTION("whole networks: boxes numbered, the key names each box's grouping") {
    for (const Network* net : {&n.demo, &n.highland, &n.generated_200}) {
      INFO(net->name << ", " << net->schools.size() << " schools");
      check_box_key(*net, draw(*net, "network"));
    }
  }
  SECTION("the demo's grouping overview: each node's number, its grouping and schools") {
    const Svg& svg = draw(n.demo, "grouping-overview");
    const auto key = read_key(svg, "Numbered groupings");
    // Its 94 groupings and the schools in none, each school counted once in each of its own.
    std::vector<char> grouped(n.demo.schools.size(), 0);
    std::vector<std::pair<std::string, std::size_t>> expected;  // by node g<index>
    for (const Grouping& g : n.demo.groupings) {
      std::set<std::size_t> members(g.members.begin(), g.members.end());
      for (std::size_t v : members) grouped[v] = 1;
      expected.emplace_back(grouping_name(g), members.size());
    }
    expected.emplace_back("Not in any grouping",
                          static_cast<std::size_t>(std::count(grouped.begin(), grouped.end(), 0)));
    REQUIRE(expected.size() == 95);
    std::size_t boxes = 0;
    for (const Node& node : svg.nodes) {
      if (node.title.size() < 2 || node.title[0] != 'g') continue;
      ++boxes;
      INFO("node " << node.title);
      const std::size_t number = carried_number(node);
      REQUIRE(number > 0);
      REQUIRE(key.count(number) == 1);
      const auto& [name, schools] = expected.at(std::stoul(node.title.substr(1)));
      CHECK(key.at(number).rfind(name + " " + std::to_string(schools) + " school", 0) == 0);
    }
    CHECK(boxes == 95);
    CHECK(key.size() == 95);
  }
  SECTION("a grouping's name lands in the key as typed, escaped in the SVG") {
    Network net = generated(120, 7);
    const std::string hostile = "<b>Trust & \"Co\" 'x' \\N</b> \xC3\xA9" "cole";
    REQUIRE(net.groupings.size() > 2);
    net.groupings[1].name = hostile;
    const Svg& svg = draw(net, "network");
    check_box_key(net, svg);
    const auto key = read_key(svg, "Numbered grouping boxes");
    CHECK(std::count_if(key.begin(), key.end(),
                        [&](const auto& e) { return e.second == hostile; }) == 1);
  }
}

TEST_CASE("render: grouping boxes are numbered when 10 pt names would print below 6 pt on A4",
          "[render]") {
  // 10 pt · 510 / (w · 72) < 6  ⇔  w > 850 / 72 = 11.81 inches.
  CHECK_FALSE(render::number_grouping_boxes(11.8));
  CHECK(render::number_grouping_boxes(11.82));
  CHECK(render::number_grouping_boxes(40));
}
