// Emphasis where the risk is (issue 16, item 3): at-risk schools are never drawn smaller than a
// 100-pupil school, their outline keeps the finding's fill visible, the legend draws each mark
// with the very attributes of the schools it explains, and a whole network's unlinked schools
// sit in a captioned strip below it. Checked on the DOT and on the laid-out xdot, read back with
// cgraph; expected sizes worked by hand from the rule (diameter 0.025 in per √pupil).
#include <cgraph.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/render.hpp"
#include "render/render_internal.hpp"
#include "dot_support.hpp"

using namespace collabnet;

namespace {

using collabnet::testing::attr;
using collabnet::testing::GraphPtr;
using collabnet::testing::parse;

double number(void* obj, const char* name, double fallback) {
  const std::string v = attr(obj, name);
  return v.empty() ? fallback : std::stod(v);
}

bool is_school(Agnode_t* n) {
  const std::string id = agnameof(n);
  return id.size() > 1 && id[0] == 's' && id.find_first_not_of("0123456789", 1) == std::string::npos;
}

bool is_legend(Agnode_t* n) { return std::string(agnameof(n)).rfind("legend_", 0) == 0; }

School school(std::string id, std::string name, std::int64_t roll, bool rural) {
  School s;
  s.id = std::move(id);
  s.name = std::move(name);
  s.roll = roll;
  s.rural = rural;
  return s;
}

Partnership link(std::size_t a, std::size_t b) {
  Partnership p;
  p.from = a;
  p.to = b;
  p.direction = Direction::mutual;
  p.weight = 1;
  p.id = "P" + std::to_string(a) + "-" + std::to_string(b);
  return p;
}

/// s0 "Wee Isle" (8 pupils, rural): isolated and small rural. s1–s4, 9 pupils each, a ring:
/// plain. s5 "Big" (1,600) linked to s1 and s3, and the only partner of s6 "Leaf" (20, rural):
/// s6 has one partner and is small rural, s5 a cut school. s7 "Lonely" (300): isolated.
Network risk_network() {
  Network n;
  n.name = "Risk";
  n.schools = {school("W", "Wee Isle", 8, true),  school("R1", "Ring 1", 9, false),
               school("R2", "Ring 2", 9, false),  school("R3", "Ring 3", 9, false),
               school("R4", "Ring 4", 9, false),  school("B", "Big", 1600, false),
               school("L", "Leaf", 20, true),     school("O", "Lonely", 300, false)};
  n.partnerships = {link(1, 2), link(2, 3), link(3, 4), link(4, 1), link(5, 1), link(5, 3),
                    link(5, 6)};
  return n;
}

}  // namespace

TEST_CASE("render marks: at-risk schools are at least as large as a 100-pupil school, fill visible",
          "[render]") {
  const Network net = risk_network();
  const Analysis an = analyse(net, Settings{});
  const auto& theme = *render::find_theme("default");
  const GraphPtr g = parse(render_dot(net, an, RenderOptions{}));
  Agnode_t* wee = agnode(g.get(), const_cast<char*>("s0"), 0);
  Agnode_t* ring = agnode(g.get(), const_cast<char*>("s1"), 0);
  Agnode_t* leaf = agnode(g.get(), const_cast<char*>("s6"), 0);
  REQUIRE(wee != nullptr);
  REQUIRE(ring != nullptr);
  REQUIRE(leaf != nullptr);
  // By roll alone: Wee Isle 0.025·√8 = 0.071 in, Ring 0.075 → the 0.1 in floor, Leaf 0.112.
  // At risk, the floor is 0.25 in times the shape's area factor: square 0.886, diamond 1.25.
  CHECK(attr(wee, "shape") == "box");
  CHECK(number(wee, "width", 0) == Approx(0.25 * 0.886).margin(0.001));
  CHECK(attr(leaf, "shape") == "diamond");
  CHECK(number(leaf, "width", 0) == Approx(0.25 * 1.25).margin(0.001));
  CHECK(number(ring, "width", 0) == Approx(0.1).margin(0.001));  // not at risk: by roll
  // Area at least that of every school of up to 100 pupils that is not at risk.
  const double square_area = std::pow(number(wee, "width", 0), 2);
  const double circle_area = M_PI / 4 * std::pow(0.25, 2);
  CHECK(square_area >= circle_area * 0.99);
  // The small rural outline is heavier but in the finding's own outline colour, and the fill
  // inside it is at least three quarters of the mark's width.
  for (Agnode_t* n : {wee, leaf}) {
    INFO(agnameof(n));
    const double pen = number(n, "penwidth", 1);
    CHECK(pen > 1);
    CHECK(attr(n, "color") != theme.focus_line);  // not a black outline: the mark's own
    const double side = number(n, "width", 0) * 72;
    CHECK((side - pen) / side >= 0.75);
  }
  CHECK(attr(wee, "color") == theme.marks[int(render::SchoolMark::isolated)].line);
  CHECK(attr(leaf, "color") == theme.marks[int(render::SchoolMark::one_partner)].line);
}

TEST_CASE("render marks: the legend draws each mark exactly as the schools are drawn", "[render]") {
  const Network net = risk_network();
  const Analysis an = analyse(net, Settings{});
  for (const char* theme : {"default", "print"}) {
    for (const char* view : {"network", "school:B"}) {
      INFO(theme << ", " << view);
      RenderOptions o;
      o.theme = load_theme(theme);
      o.view = parse_view(view);
      const GraphPtr g = parse(render_dot(net, an, o));
      std::vector<Agnode_t*> schools, legend;
      for (Agnode_t* n = agfstnode(g.get()); n != nullptr; n = agnxtnode(g.get(), n)) {
        if (is_school(n)) schools.push_back(n);
        if (is_legend(n)) legend.push_back(n);
      }
      REQUIRE(!legend.empty());
      const auto body = [](Agnode_t* n) { return attr(n, "shape") + "|" + attr(n, "fillcolor"); };
      const auto look = [&body](Agnode_t* n) { return body(n) + "|" + attr(n, "color"); };
      const auto pen = [](Agnode_t* n) { return number(n, "penwidth", 1); };
      // A school with a plain pen is drawn exactly as a legend mark with a plain pen (shape, fill,
      // outline colour). A heavier pen is a legend mark's; a small rural school is otherwise its
      // finding's mark, the school in focus its mark's shape and fill with the focus outline.
      for (Agnode_t* s : schools) {
        INFO("school " << agnameof(s) << " " << look(s) << " pen " << pen(s));
        bool same_look = false, same_body = false, same_pen = false, same_outline = false;
        for (Agnode_t* l : legend) {
          same_look = same_look || (look(l) == look(s) && pen(l) == 1);
          same_body = same_body || body(l) == body(s);
          same_pen = same_pen || pen(l) == pen(s);
          same_outline = same_outline || (pen(l) == pen(s) && attr(l, "color") == attr(s, "color"));
        }
        if (pen(s) == 1)
          CHECK(same_look);
        else
          CHECK((same_pen && (same_look || (same_body && same_outline))));
      }
      // Every legend mark is used: its shape and fill, or its heavier pen, are a school's.
      for (Agnode_t* l : legend) {
        INFO("legend " << agnameof(l) << " " << look(l) << ", \"" << attr(l, "xlabel") << "\"");
        bool used = false;
        for (Agnode_t* s : schools)
          used = used || body(l) == body(s) || (pen(l) != 1 && pen(l) == pen(s));
        CHECK(used);
        CHECK(attr(l, "style") == (attr(l, "xlabel").find("roll not given") == std::string::npos
                                       ? "filled"
                                       : "filled,dashed"));
      }
    }
  }
}

TEST_CASE("render marks: a whole network's unlinked schools sit in a captioned strip below it",
          "[render]") {
  const Network net = risk_network();
  const Analysis an = analyse(net, Settings{});
  const render::Scene scene = render::build_scene(net, an, RenderOptions{});
  const GraphPtr g = parse(render::graphviz_render(render::write_dot(scene), scene.engine, "xdot",
                                                   render::name_key(scene)));
  double linked_bottom = 1e300, strip_top = -1e300, legend_bottom = 1e300, schools_top = -1e300;
  Agnode_t* caption = agnode(g.get(), const_cast<char*>("strip_caption"), 0);
  REQUIRE(caption != nullptr);
  CHECK(attr(caption, "label") == "2 schools with no partner school, outside any grouping box:");
  const auto centre_y = [](Agnode_t* n) {
    double x = 0, y = 0;
    REQUIRE(std::sscanf(attr(n, "pos").c_str(), "%lf,%lf", &x, &y) == 2);
    return y;
  };
  for (Agnode_t* n = agfstnode(g.get()); n != nullptr; n = agnxtnode(g.get(), n)) {
    const double y = centre_y(n), half = number(n, "height", 0.5) * 72 / 2;
    if (is_legend(n)) legend_bottom = std::min(legend_bottom, y - half);
    if (!is_school(n)) continue;
    schools_top = std::max(schools_top, y + half);
    const std::string id = agnameof(n);
    if (id == "s0" || id == "s7")
      strip_top = std::max(strip_top, y + half);
    else
      linked_bottom = std::min(linked_bottom, y - half);
  }
  CHECK(strip_top < centre_y(caption));      // the caption above the strip
  CHECK(centre_y(caption) < linked_bottom);  // the strip below the network
  CHECK(legend_bottom > schools_top);        // the legend above every school
}

TEST_CASE("render marks: one unlinked school is one school, in the subtitle and the strip's caption",
          "[render]") {
  Network net = risk_network();
  net.partnerships.push_back(link(0, 1));  // Wee Isle joins the ring: only Lonely is unlinked
  const Analysis an = analyse(net, Settings{});
  const render::Scene scene = render::build_scene(net, an, RenderOptions{});
  std::string label;
  for (const auto& [key, value] : scene.graph_attrs)
    if (key == "label") label = value;
  // The subtitle is wrapped into lines: read it as one line of words.
  for (std::size_t at; (at = label.find("<br align=\"left\"/>")) != std::string::npos;)
    label.replace(at, std::string("<br align=\"left\"/>").size(), " ");
  CHECK(label.find("the one school with no partner school (and in no grouping box) is set out "
                   "below the network") != std::string::npos);
  CHECK(label.find("1 schools") == std::string::npos);
  std::string caption;
  for (const render::SceneNode& n : scene.nodes)
    if (n.name == "strip_caption")
      for (const auto& [key, value] : n.attrs)
        if (key == "label") caption = value;
  CHECK(caption == "\"1 school with no partner school, outside any grouping box:\"");
}
