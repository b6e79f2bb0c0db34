// The geographic view's placement: a projection an authority recognises, then small pushes so
// that schools in the same village do not hide each other. Done here rather than by Graphviz's
// overlap removal, which ignores pinned positions or moves nodes far (prism, scale) and so
// would redraw the map; here every school stays within max_shift of its true place.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <unordered_map>

#include "render/render_internal.hpp"

namespace collabnet::render {
namespace {

constexpr double kGapPoints = 2.0;  // white space kept between neighbouring schools
constexpr int kMaxRounds = 80;

std::int64_t cell_key(std::int64_t cx, std::int64_t cy) { return cx * 1000003 + cy; }

}  // namespace

std::vector<Point> place_on_map(const std::vector<std::pair<double, double>>& lat_lon,
                                const std::vector<double>& diameters, double width,
                                double max_shift, MapProjection* projection) {
  const std::size_t n = lat_lon.size();
  std::vector<Point> at(n);
  if (n == 0) return at;

  double mean_lat = 0;
  for (const auto& [lat, lon] : lat_lon) mean_lat += lat;
  mean_lat /= static_cast<double>(n);
  const double cos_lat = std::max(0.05, std::cos(mean_lat * std::numbers::pi / 180.0));

  double min_x = 1e300, max_x = -1e300, min_y = 1e300, max_y = -1e300;
  for (std::size_t i = 0; i < n; ++i) {
    at[i] = {lat_lon[i].second * cos_lat, lat_lon[i].first};
    min_x = std::min(min_x, at[i].x);
    max_x = std::max(max_x, at[i].x);
    min_y = std::min(min_y, at[i].y);
    max_y = std::max(max_y, at[i].y);
  }
  const double span = std::max(max_x - min_x, max_y - min_y);
  const double scale = span > 0 ? width / span : 1.0;
  for (Point& p : at) p = {(p.x - min_x) * scale, (p.y - min_y) * scale};
  if (projection) *projection = {cos_lat, min_x, min_y, scale};
  const std::vector<Point> home = at;

  double biggest = 0;
  for (double d : diameters) biggest = std::max(biggest, d);
  const double cell = biggest + kGapPoints;
  std::vector<Point> push(n);
  std::unordered_map<std::int64_t, std::vector<std::uint32_t>> grid;
  for (int round = 0; round < kMaxRounds; ++round) {
    grid.clear();
    for (std::size_t i = 0; i < n; ++i)
      grid[cell_key(static_cast<std::int64_t>(std::floor(at[i].x / cell)),
                    static_cast<std::int64_t>(std::floor(at[i].y / cell)))]
          .push_back(static_cast<std::uint32_t>(i));
    std::fill(push.begin(), push.end(), Point{});
    bool moved = false;
    for (std::size_t i = 0; i < n; ++i) {
      const auto cx = static_cast<std::int64_t>(std::floor(at[i].x / cell));
      const auto cy = static_cast<std::int64_t>(std::floor(at[i].y / cell));
      for (std::int64_t dx = -1; dx <= 1; ++dx)
        for (std::int64_t dy = -1; dy <= 1; ++dy) {
          const auto it = grid.find(cell_key(cx + dx, cy + dy));
          if (it == grid.end()) continue;
          for (std::uint32_t j : it->second) {
            if (j <= i) continue;
            const double need = (diameters[i] + diameters[j]) / 2 + kGapPoints;
            double vx = at[j].x - at[i].x, vy = at[j].y - at[i].y;
            double dist = std::hypot(vx, vy);
            if (dist >= need) continue;
            if (dist < 1e-9) {  // same place: part them along a fixed, pair-specific angle
              const double angle = 2.399963229728653 * static_cast<double>(i + j);
              vx = std::cos(angle);
              vy = std::sin(angle);
              dist = 0;
            } else {
              vx /= dist;
              vy /= dist;
            }
            const double overlap = need - std::min(dist, need);
            const double half = overlap / 2 * 0.6;  // under-relax: pushes from many sides add up
            push[i].x -= vx * half;
            push[i].y -= vy * half;
            push[j].x += vx * half;
            push[j].y += vy * half;
            moved = true;
          }
        }
    }
    if (!moved) break;
    for (std::size_t i = 0; i < n; ++i) {
      Point p{at[i].x + push[i].x, at[i].y + push[i].y};
      const double ox = p.x - home[i].x, oy = p.y - home[i].y;
      const double off = std::hypot(ox, oy);
      if (off > max_shift) {  // stay near home: an overlap is better than a wrong place
        p = {home[i].x + ox / off * max_shift, home[i].y + oy / off * max_shift};
      }
      at[i] = p;
    }
  }
  return at;
}

}  // namespace collabnet::render
