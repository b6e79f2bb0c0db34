// The basemap (issue 16, item 1): GeoJSON read with located errors, rings clipped to the
// drawing and simplified to its scale, drawn beneath the geo view with its attribution.
// Expected values are worked by hand in the comments.

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/basemap.hpp"
#include "collabnet/diagnostic.hpp"
#include "collabnet/render.hpp"
#include "render/render_internal.hpp"
#include "support.hpp"

using namespace collabnet;
using collabnet::render::Box;
using collabnet::render::Point;

namespace {

std::vector<std::pair<double, double>> pairs(const std::vector<Point>& pts) {
  std::vector<std::pair<double, double>> out;
  for (const Point& p : pts) out.emplace_back(p.x, p.y);
  return out;
}

std::string write_file(const testing::TempDir& dir, const std::string& name,
                       const std::string& text) {
  return dir.write(name, text).string();
}

std::vector<std::string> messages_of(const InputError& e) { return testing::messages(e); }

}  // namespace

TEST_CASE("Douglas-Peucker keeps the points farther than the tolerance", "[basemap]") {
  // Chord (0,0)-(4,0): (3,3) is 3 away, kept. Chord (0,0)-(3,3): (2,0) is |3·2 − 3·0|/√18 =
  // 1.414 away (more than (1,0.2) at 2.4/√18 = 0.566), kept. Chord (0,0)-(2,0): (1,0.2) is 0.2
  // away, under 0.5, dropped.
  const std::vector<Point> line{{0, 0}, {1, 0.2}, {2, 0}, {3, 3}, {4, 0}};
  CHECK(pairs(render::simplify_ring(line, 0.5)) ==
        std::vector<std::pair<double, double>>{{0, 0}, {2, 0}, {3, 3}, {4, 0}});
  // With tolerance 0.1, (1,0.2) at 0.2 stays.
  CHECK(render::simplify_ring(line, 0.1).size() == 5);
  // A closed ring (first == last): distances from the repeated point, the far corner kept.
  const std::vector<Point> square{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}};
  CHECK(render::simplify_ring(square, 0.5).size() == 5);
}

TEST_CASE("Rings are clipped to the frame of the map", "[basemap]") {
  // The square 0..4 × 0..4 cut by the frame x 2..6, y −1..2 leaves the rectangle 2..4 × 0..2.
  const std::vector<Point> square{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}};
  auto cut = pairs(render::clip_ring(square, Box{2, -1, 6, 2}));
  std::sort(cut.begin(), cut.end());
  CHECK(cut == std::vector<std::pair<double, double>>{{2, 0}, {2, 2}, {4, 0}, {4, 2}});
  // Wholly inside: unchanged but for the repeated closing point.
  CHECK(render::clip_ring(square, Box{-1, -1, 5, 5}).size() == 4);
  // Wholly outside: nothing.
  CHECK(render::clip_ring(square, Box{10, 10, 20, 20}).empty());
  // A triangle whose tip pokes out of the top: the tip is cut flat at y = 2, the two crossings
  // at x = 1 and x = 3 on the sides (0,0)-(2,4) and (2,4)-(4,0).
  auto tri = pairs(render::clip_ring({{0, 0}, {4, 0}, {2, 4}}, Box{-1, -1, 5, 2}));
  std::sort(tri.begin(), tri.end());
  CHECK(tri == std::vector<std::pair<double, double>>{{0, 0}, {1, 2}, {3, 2}, {4, 0}});
}

TEST_CASE("A GeoJSON basemap is read with its areas, holes and attribution", "[basemap]") {
  testing::TempDir dir;
  const std::string file = write_file(dir, "areas.geojson", R"({
    "type": "FeatureCollection",
    "attribution": "Boundaries: Example Council, CC BY 4.0",
    "features": [
      {"type": "Feature", "properties": {"name": "Loch Side"},
       "geometry": {"type": "Polygon", "coordinates": [
         [[-5, 57], [-4, 57], [-4, 58], [-5, 58], [-5, 57]],
         [[-4.6, 57.4], [-4.4, 57.4], [-4.4, 57.6], [-4.6, 57.4]]]}},
      {"type": "Feature", "properties": {"name": "Isles"},
       "geometry": {"type": "MultiPolygon", "coordinates": [
         [[[-7, 57], [-6.5, 57], [-6.5, 57.5], [-7, 57]]],
         [[[-7, 58], [-6.5, 58], [-6.5, 58.5], [-7, 58]]]]}},
      {"type": "Feature", "properties": {"name": "Town"},
       "geometry": {"type": "Point", "coordinates": [-4.2, 57.5]}},
      {"type": "Feature", "properties": {}, "geometry": null}
    ]})");
  const Basemap map = load_basemap(file);
  CHECK(map.attribution == "Boundaries: Example Council, CC BY 4.0");
  REQUIRE(map.areas.size() == 2);  // the point and the empty feature draw nothing
  CHECK(map.areas[0].name == "Loch Side");
  REQUIRE(map.areas[0].polygons.size() == 1);
  CHECK(map.areas[0].polygons[0].size() == 2);  // the outline and the loch
  CHECK(map.areas[1].name == "Isles");
  CHECK(map.areas[1].polygons.size() == 2);
  CHECK(map.areas[1].polygons[1][0][2].lat == 58.5);
}

TEST_CASE("A bad basemap is refused with every problem located", "[basemap]") {
  testing::TempDir dir;
  SECTION("coordinates that are not longitude, latitude; a ring too short") {
    const std::string file = write_file(dir, "bad.geojson", R"({
      "type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [
          [[-5, 57], [350000, 820000], [-4, 58], ["x", 1]]]}},
        {"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": [
          [[[-7, 57], [-6.5, 57]]]]}}]})");
    try {
      load_basemap(file);
      FAIL("accepted");
    } catch (const InputError& e) {
      CHECK(messages_of(e) ==
            std::vector<std::string>{
                file + ": features[0].geometry.coordinates[0][1]: [350000, 820000] is not a "
                       "longitude within ±180 and a latitude within ±90 (GeoJSON is WGS84 "
                       "longitude first; reproject a file in metres, e.g. British National "
                       "Grid, with ogr2ogr -t_srs EPSG:4326)",
                file + ": features[0].geometry.coordinates[0][3]: must be a [longitude, "
                       "latitude] pair of numbers, got an array",
                file + ": features[1].geometry.coordinates[0][0]: a ring needs at least 3 "
                       "[longitude, latitude] positions, got an array"});
    }
  }
  SECTION("not GeoJSON") {
    const std::string file = write_file(dir, "schools.json", R"({"schools": []})");
    try {
      load_basemap(file);
      FAIL("accepted");
    } catch (const InputError& e) {
      CHECK(messages_of(e) ==
            std::vector<std::string>{file + ": type: must be \"FeatureCollection\", \"Feature\", "
                                            "\"Polygon\" or \"MultiPolygon\", got nothing"});
    }
  }
  SECTION("points only") {
    const std::string file = write_file(dir, "towns.geojson", R"({
      "type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-4.2, 57.5]}}]})");
    try {
      load_basemap(file);
      FAIL("accepted");
    } catch (const InputError& e) {
      CHECK(messages_of(e) ==
            std::vector<std::string>{file + ": holds no Polygon or MultiPolygon: a basemap needs "
                                            "area outlines (council areas, coastlines)"});
    }
  }
  SECTION("not JSON, a folder, a device") {
    const std::string file = write_file(dir, "broken.geojson", "{\"type\": ");
    CHECK_THROWS_AS(load_basemap(file), InputError);
    try {
      load_basemap(dir.dir.string());
      FAIL("accepted");
    } catch (const InputError& e) {
      CHECK(messages_of(e) == std::vector<std::string>{
                                  dir.dir.string() +
                                  ": cannot read the basemap: it is a folder; give --basemap a "
                                  "GeoJSON file, e.g. --basemap areas.geojson"});
    }
    try {
      load_basemap("/dev/zero");
      FAIL("accepted");
    } catch (const InputError& e) {
      CHECK(messages_of(e) == std::vector<std::string>{
                                  "/dev/zero: cannot read the basemap: it is not a regular file "
                                  "(a device or socket); give --basemap a GeoJSON file"});
    }
  }
}

TEST_CASE("The basemap is drawn beneath the schools with its attribution", "[basemap]") {
  // Two schools 1° of longitude apart at 57°N on one square island with a loch: the island's
  // land and the loch are drawn before any school, the credit line under the title.
  Network net;
  net.name = "Island schools";
  for (const auto& [id, lon] : {std::pair{"A", -5.0}, std::pair{"B", -4.0}}) {
    School s;
    s.id = id;
    s.name = std::string("School ") + id;
    s.lat = 57.0;
    s.lon = lon;
    net.schools.push_back(s);
  }
  auto map = std::make_shared<Basemap>();
  map->file = "island.geojson";
  map->attribution = "Island outline <test> & co";
  map->areas.push_back({"Island",
                        {{{{-6, 56}, {-3, 56}, {-3, 58}, {-6, 58}, {-6, 56}},
                          {{-4.6, 56.9}, {-4.4, 56.9}, {-4.4, 57.1}, {-4.6, 56.9}}}}});
  RenderOptions options;
  options.view.kind = ViewKind::geo;
  options.basemap = map;
  const Analysis analysis = analyse(net, Settings{});
  const std::string dot = render_dot(net, analysis, options);
  // The whole island lies beyond the frame (the schools' extent and 24 pt), so the land is the
  // frame itself: one filled polygon "P 4 ..." after the sea's; the loch is inside the frame.
  const auto bg = dot.find("_background=");
  REQUIRE(bg != std::string::npos);
  const std::string ops = dot.substr(bg, dot.find('\n', bg) - bg);
  CHECK(ops.find("C 7 -#e2edf5") != std::string::npos);  // sea
  CHECK(ops.find("C 7 -#f3f0e8") != std::string::npos);  // land
  std::size_t polygons = 0;
  for (std::size_t at = ops.find("P "); at != std::string::npos; at = ops.find("P ", at + 1))
    ++polygons;
  CHECK(polygons == 3);  // the sea frame, the island (clipped to the frame), the loch
  // The attribution is escaped into the title's HTML-like label.
  CHECK(dot.find("Areas: Island outline &lt;test&gt; &amp; co") != std::string::npos);
  // The other views ignore the basemap.
  options.view.kind = ViewKind::network;
  CHECK(render_dot(net, analysis, options).find("_background") == std::string::npos);
}

TEST_CASE("render --basemap is for the map view and is an input", "[basemap][cli]") {
  testing::TempDir dir;
  const std::string areas = write_file(dir, "a.geojson",
                                       R"({"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]})");
  const std::string net = std::string(COLLABNET_SOURCE_DIR) + "/graphs/tiny.json";
  const auto r = testing::run({"render", net, "--basemap", areas, "-o", (dir.dir / "n.svg").string()});
  CHECK(r.code == 2);
  CHECK(r.err == "--basemap: a basemap is drawn beneath the map only: add --view geo (or --view "
                 "suggestions)\n");
  const auto same = testing::run({"render", net, "--view", "geo", "--basemap", areas, "-o", areas});
  CHECK(same.code == 2);
}
