// The basemap behind the geographic view: GeoJSON area outlines read with located errors,
// projected as the schools are, clipped to the drawing and simplified to its scale, and handed
// to Graphviz as xdot drawing operations in the graph's `_background` attribute, which every
// output format (SVG, PNG, PDF) draws beneath the schools.

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <system_error>

#include <nlohmann/json.hpp>

#include "collabnet/basemap.hpp"
#include "collabnet/diagnostic.hpp"
#include "render/render_internal.hpp"

namespace collabnet {
namespace {

/// A basemap file larger than this is refused: the 32 council areas of Scotland at full
/// detail are 3.3 MB; a file a hundred times that is not a basemap for a page.
constexpr std::uintmax_t kMaxBasemapBytes = 256u << 20;
/// Deeper than any GeoJSON geometry nests (a MultiPolygon's positions are 6 levels down).
constexpr int kMaxNesting = 32;
struct TooDeep {};

std::string read_basemap_text(const std::string& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0)
    throw InputError(file, "cannot read the basemap: " +
                               std::generic_category().message(errno) +
                               "; check the path given to --basemap");
  if (S_ISDIR(st.st_mode))
    throw InputError(file, "cannot read the basemap: it is a folder; give --basemap a GeoJSON "
                           "file, e.g. --basemap areas.geojson");
  if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
    throw InputError(file, "cannot read the basemap: it is not a regular file (a device or "
                           "socket); give --basemap a GeoJSON file");
  if (S_ISREG(st.st_mode) && static_cast<std::uintmax_t>(st.st_size) > kMaxBasemapBytes)
    throw InputError(file, "the basemap is larger than 256 MiB; simplify it first (e.g. "
                           "mapshaper or ogr2ogr -simplify) to the detail a printed map needs");
  errno = 0;
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw InputError(file, "cannot read the basemap: " +
                               std::generic_category().message(errno ? errno : EIO) +
                               "; check that you may read it");
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxBasemapBytes)
      throw InputError(file, "the basemap is larger than 256 MiB; simplify it first (e.g. "
                             "mapshaper or ogr2ogr -simplify) to the detail a printed map needs");
  }
  return text;
}

std::string shown(const nlohmann::json& v) {
  if (v.is_object()) return "an object";
  if (v.is_array()) return "an array";
  std::string s = v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (s.size() > 60) s = s.substr(0, 50) + "… (" + std::to_string(s.size()) + " characters)";
  return s;
}

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  Basemap read(const nlohmann::json& root) {
    Basemap map;
    map.file = file_;
    if (!root.is_object()) {
      error("", "must be a GeoJSON object (a FeatureCollection of council areas), got " +
                    std::string(root.type_name()));
      finish();
    }
    for (const char* key : {"attribution", "licence", "license"}) {
      const auto it = root.find(key);
      if (it != root.end() && it->is_string() && map.attribution.empty())
        map.attribution = it->get<std::string>();
    }
    const std::string type = root.value("type", std::string());
    if (type == "FeatureCollection") {
      const auto it = root.find("features");
      if (it == root.end() || !it->is_array()) {
        error("features", "a FeatureCollection needs a \"features\" array");
      } else {
        for (std::size_t i = 0; i < it->size(); ++i)
          feature((*it)[i], "features[" + std::to_string(i) + "]", map);
      }
    } else if (type == "Feature") {
      feature(root, "", map);
    } else if (type == "Polygon" || type == "MultiPolygon") {
      BasemapArea area;
      geometry(root, "", area);
      if (!area.polygons.empty()) map.areas.push_back(std::move(area));
    } else {
      error("type", "must be \"FeatureCollection\", \"Feature\", \"Polygon\" or "
                    "\"MultiPolygon\", got " + (root.contains("type") ? shown(root["type"])
                                                                      : std::string("nothing")));
    }
    if (errors_.empty() && map.areas.empty())
      error("", "holds no Polygon or MultiPolygon: a basemap needs area outlines (council "
                "areas, coastlines)");
    finish();
    return map;
  }

 private:
  void error(const std::string& where, const std::string& message) {
    errors_.push_back({Severity::error, file_, 0, 0, where, message});
  }
  void finish() {
    if (!errors_.empty()) throw InputError(errors_);
  }
  static std::string at(const std::string& base, const std::string& key) {
    return base.empty() ? key : base + "." + key;
  }

  void feature(const nlohmann::json& f, const std::string& where, Basemap& map) {
    if (!f.is_object()) {
      error(where, "each feature must be an object, got " + shown(f));
      return;
    }
    BasemapArea area;
    if (const auto p = f.find("properties"); p != f.end() && p->is_object()) {
      const auto n = p->find("name");
      if (n != p->end() && n->is_string()) area.name = n->get<std::string>();
    }
    const auto g = f.find("geometry");
    if (g == f.end() || g->is_null()) return;  // a feature without geometry draws nothing
    geometry(*g, at(where, "geometry"), area);
    if (!area.polygons.empty()) map.areas.push_back(std::move(area));
  }

  void geometry(const nlohmann::json& g, const std::string& where, BasemapArea& area) {
    if (!g.is_object()) {
      error(where, "must be a GeoJSON geometry object, got " + shown(g));
      return;
    }
    const std::string type = g.value("type", std::string());
    const std::string cw = at(where, "coordinates");
    const auto c = g.find("coordinates");
    if (type == "GeometryCollection") {
      const auto gs = g.find("geometries");
      if (gs != g.end() && gs->is_array())
        for (std::size_t i = 0; i < gs->size(); ++i)
          geometry((*gs)[i], at(where, "geometries[" + std::to_string(i) + "]"), area);
      return;
    }
    if (type != "Polygon" && type != "MultiPolygon") return;  // points and lines: not land
    if (c == g.end() || !c->is_array()) {
      error(cw, "a " + type + " needs a \"coordinates\" array");
      return;
    }
    if (type == "Polygon") {
      polygon(*c, cw, area);
    } else {
      for (std::size_t i = 0; i < c->size(); ++i)
        polygon((*c)[i], cw + "[" + std::to_string(i) + "]", area);
    }
  }

  void polygon(const nlohmann::json& rings, const std::string& where, BasemapArea& area) {
    if (!rings.is_array() || rings.empty()) {
      error(where, "a polygon must be an array of rings (the outline, then any holes), got " +
                       shown(rings));
      return;
    }
    std::vector<std::vector<LonLat>> out;
    for (std::size_t r = 0; r < rings.size(); ++r) {
      const std::string rw = where + "[" + std::to_string(r) + "]";
      const nlohmann::json& ring = rings[r];
      if (!ring.is_array() || ring.size() < 3) {
        error(rw, "a ring needs at least 3 [longitude, latitude] positions, got " + shown(ring));
        continue;
      }
      std::vector<LonLat> points;
      points.reserve(ring.size());
      for (std::size_t k = 0; k < ring.size(); ++k) {
        const nlohmann::json& p = ring[k];
        const std::string pw = rw + "[" + std::to_string(k) + "]";
        if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number()) {
          error(pw, "must be a [longitude, latitude] pair of numbers, got " + shown(p));
          continue;
        }
        const double lon = p[0].get<double>(), lat = p[1].get<double>();
        if (!(std::abs(lon) <= 180) || !(std::abs(lat) <= 90)) {
          error(pw, "[" + shown(p[0]) + ", " + shown(p[1]) +
                        "] is not a longitude within ±180 and a latitude within ±90 (GeoJSON "
                        "is WGS84 longitude first; reproject a file in metres, e.g. British "
                        "National Grid, with ogr2ogr -t_srs EPSG:4326)");
          continue;
        }
        points.push_back({lon, lat});
      }
      out.push_back(std::move(points));
    }
    if (!out.empty()) area.polygons.push_back(std::move(out));
  }

  std::string file_;
  std::vector<Diagnostic> errors_;
};

}  // namespace

Basemap load_basemap(const std::filesystem::path& path) {
  const std::string file = path.string();
  const std::string text = read_basemap_text(file);
  const auto callback = [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
    if (depth > kMaxNesting) throw TooDeep{};
    return true;
  };
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(text, callback);
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    std::size_t line = 0, column = 0;
    if (const auto pos = what.find("at line "); pos != std::string::npos) {
      std::sscanf(what.c_str() + pos, "at line %zu, column %zu", &line, &column);
      if (const auto colon = what.find(": ", pos); colon != std::string::npos)
        what = what.substr(colon + 2);
    }
    throw InputError({{Severity::error, file, line, column, "",
                       what + " (the basemap must be a GeoJSON file)"}});
  } catch (const TooDeep&) {
    throw InputError(file, "values are nested more than " + std::to_string(kMaxNesting) +
                               " levels deep: this is not GeoJSON area outlines");
  }
  return Reader(file).read(root);
}

namespace render {

std::vector<Point> clip_ring(const std::vector<Point>& ring, const Box& box) {
  // Sutherland–Hodgman against the four sides in turn. A ring crossing the box comes back with
  // stretches along the box's edge, which is what a map cut at its frame shows.
  std::vector<Point> out = ring;
  if (out.size() > 1 && out.front().x == out.back().x && out.front().y == out.back().y)
    out.pop_back();
  for (int side = 0; side < 4 && !out.empty(); ++side) {
    const auto inside = [&](const Point& p) {
      switch (side) {
        case 0: return p.x >= box.x0;
        case 1: return p.x <= box.x1;
        case 2: return p.y >= box.y0;
        default: return p.y <= box.y1;
      }
    };
    const auto cross = [&](const Point& a, const Point& b) {
      double t = 0;
      switch (side) {
        case 0: t = (box.x0 - a.x) / (b.x - a.x); return Point{box.x0, a.y + t * (b.y - a.y)};
        case 1: t = (box.x1 - a.x) / (b.x - a.x); return Point{box.x1, a.y + t * (b.y - a.y)};
        case 2: t = (box.y0 - a.y) / (b.y - a.y); return Point{a.x + t * (b.x - a.x), box.y0};
        default: t = (box.y1 - a.y) / (b.y - a.y); return Point{a.x + t * (b.x - a.x), box.y1};
      }
    };
    std::vector<Point> next;
    next.reserve(out.size() + 4);
    for (std::size_t i = 0; i < out.size(); ++i) {
      const Point& cur = out[i];
      const Point& prev = out[(i + out.size() - 1) % out.size()];
      const bool in_cur = inside(cur), in_prev = inside(prev);
      if (in_cur) {
        if (!in_prev) next.push_back(cross(prev, cur));
        next.push_back(cur);
      } else if (in_prev) {
        next.push_back(cross(prev, cur));
      }
    }
    out = std::move(next);
  }
  return out;
}

std::vector<Point> simplify_ring(const std::vector<Point>& ring, double tolerance) {
  // Douglas–Peucker, iterative (a coastline of 100,000 points must not recurse that deep):
  // keeps the first and last point and, between two kept points, the point farthest from the
  // chord while it is farther than `tolerance`.
  const std::size_t n = ring.size();
  if (n < 3) return ring;
  std::vector<char> keep(n, 0);
  keep[0] = keep[n - 1] = 1;
  std::vector<std::pair<std::size_t, std::size_t>> stack{{0, n - 1}};
  while (!stack.empty()) {
    const auto [a, b] = stack.back();
    stack.pop_back();
    const Point& pa = ring[a];
    const Point& pb = ring[b];
    const double dx = pb.x - pa.x, dy = pb.y - pa.y;
    const double norm = std::hypot(dx, dy);
    double best = -1;
    std::size_t best_i = a;
    for (std::size_t i = a + 1; i < b; ++i) {
      const Point& p = ring[i];
      const double d = norm == 0 ? std::hypot(p.x - pa.x, p.y - pa.y)
                                 : std::abs(dy * (p.x - pa.x) - dx * (p.y - pa.y)) / norm;
      if (d > best) {
        best = d;
        best_i = i;
      }
    }
    if (best_i != a && best > tolerance) {
      keep[best_i] = 1;
      stack.emplace_back(a, best_i);
      stack.emplace_back(best_i, b);
    }
  }
  std::vector<Point> out;
  for (std::size_t i = 0; i < n; ++i)
    if (keep[i]) out.push_back(ring[i]);
  return out;
}

namespace {

/// An xdot string operand: byte count, space, '-', the bytes.
std::string xdot_text(const std::string& s) { return std::to_string(s.size()) + " -" + s; }

void append_polygon(std::string& ops, const std::vector<Point>& pts, bool filled) {
  ops += filled ? "P " : "p ";
  ops += std::to_string(pts.size());
  for (const Point& p : pts) {
    ops += ' ';
    ops += dot_number(p.x, 1);
    ops += ' ';
    ops += dot_number(p.y, 1);
  }
  ops += ' ';
}

}  // namespace

BasemapDrawing basemap_background(const Basemap& map, const MapProjection& projection,
                                  const Box& frame, const Theme& theme, double line_width) {
  // Under a pixel at 96 dpi (0.75 pt) nothing a reader sees is lost.
  constexpr double kTolerance = 0.5;
  BasemapDrawing out;
  std::string areas, outlines;
  const std::string land = "C " + xdot_text(theme.land_fill) + " c " + xdot_text(theme.land_fill) + " ";
  const std::string sea = "C " + xdot_text(theme.sea_fill) + " c " + xdot_text(theme.sea_fill) + " ";
  for (const BasemapArea& area : map.areas) {
    // Each area's land, then its holes (lakes, inlets) cut back out in the sea colour; an
    // area lying in another's hole (an enclave) comes later in any file that has one.
    std::string fills, holes;
    for (const auto& polygon : area.polygons)
      for (std::size_t r = 0; r < polygon.size(); ++r) {
        std::vector<Point> pts;
        pts.reserve(polygon[r].size());
        for (const LonLat& ll : polygon[r]) pts.push_back(projection.project(ll.lat, ll.lon));
        // Simplify first (the exact shape at this scale), then clip to the frame.
        std::vector<Point> ring = clip_ring(simplify_ring(pts, kTolerance), frame);
        if (ring.size() < 3) continue;
        ++out.rings;
        out.points += ring.size();
        append_polygon(r == 0 ? fills : holes, ring, true);
        append_polygon(outlines, ring, false);
      }
    if (fills.empty() && holes.empty()) continue;
    ++out.areas;
    if (!fills.empty()) areas += land + fills;
    if (!holes.empty()) areas += sea + holes;
  }
  if (out.rings == 0) return out;
  // Sea first (the whole frame), then the areas, then every outline on top so that council
  // boundaries read between neighbours.
  std::string& ops = out.xdot;
  ops += sea;
  append_polygon(ops, {{frame.x0, frame.y0}, {frame.x1, frame.y0}, {frame.x1, frame.y1},
                       {frame.x0, frame.y1}},
                 true);
  ops += areas;
  ops += "S " + xdot_text("setlinewidth(" + dot_number(line_width, 2) + ")") + " c " +
         xdot_text(theme.area_line) + " " +
         outlines;
  return out;
}

}  // namespace render
}  // namespace collabnet
