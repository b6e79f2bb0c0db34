// Where each school's name goes. Graphviz puts an external label (xlabel) at a corner of its
// node's bounding box wherever that corner is free, so on a crowded or mixed-size drawing a
// name could sit nearer another school than its own. Here every name touches its own outline,
// and a place is chosen that overlaps no school and no text, keeps its own school the nearest,
// crosses the fewest lines and respects the grouping boxes. Std-only: graphviz.cpp reads the
// laid-out drawing into a LabelProblem and writes the answer back.

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <optional>

#include "render/render_internal.hpp"

namespace collabnet::render {
namespace {

// Costs of a candidate place. Any overlap outweighs every softer fault together; a name that is
// nearer another school than its own misleads, so it outweighs lines and boxes.
constexpr double kOverlap = 1000;      // per school or text overlapped
constexpr double kNotNearest = 300;    // another school as near to the name as its own
constexpr double kWrongBox = 60;       // out of its grouping box, or into another one
constexpr double kLine = 25;           // per line crossed
constexpr double kGrow = 4;            // sticking out of its own box, which then grows
constexpr double kBoxPad = 6.0;        // between a name and the edge of its grouping box
constexpr double kRank = 0.5;          // per step down the order of preference
constexpr double kTextMargin = 1.0;    // white space kept between two texts
constexpr double kNearTolerance = 2.0; // another school must be this much farther than its own
constexpr std::size_t kRounds = 2;     // improvement rounds after the greedy pass
constexpr std::size_t kMaxCells = std::size_t{1} << 20;

bool overlaps(const Box& a, const Box& b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

Box inflate(const Box& b, double m) { return {b.x0 - m, b.y0 - m, b.x1 + m, b.y1 + m}; }

Box centred(Point c, double w, double h) { return {c.x - w / 2, c.y - h / 2, c.x + w / 2, c.y + h / 2}; }

double box_point_distance(const Box& b, Point p) {
  const double dx = std::max({b.x0 - p.x, 0.0, p.x - b.x1});
  const double dy = std::max({b.y0 - p.y, 0.0, p.y - b.y1});
  return std::hypot(dx, dy);
}

/// How far a box is from a node's outline; 0 or less when they touch or overlap.
double outline_distance(const LabelProblem::Node& n, const Box& b) {
  if (n.round) return box_point_distance(b, n.centre) - n.radius;
  const double dx = std::max({b.x0 - (n.centre.x + n.half_w), (n.centre.x - n.half_w) - b.x1, 0.0});
  const double dy = std::max({b.y0 - (n.centre.y + n.half_h), (n.centre.y - n.half_h) - b.y1, 0.0});
  if (dx > 0 || dy > 0) return std::hypot(dx, dy);
  // Overlapping: how deep (negative), so that "touching" reads as 0.
  return -std::min({b.x1 - (n.centre.x - n.half_w), (n.centre.x + n.half_w) - b.x0,
                    b.y1 - (n.centre.y - n.half_h), (n.centre.y + n.half_h) - b.y0});
}

Box extent(const LabelProblem::Node& n) {
  const double hw = n.round ? n.radius : n.half_w, hh = n.round ? n.radius : n.half_h;
  return {n.centre.x - hw, n.centre.y - hh, n.centre.x + hw, n.centre.y + hh};
}

/// Whether segment a–b meets the box (Liang–Barsky clipping).
bool segment_hits_box(Point a, Point b, const Box& box) {
  double t0 = 0, t1 = 1;
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {a.x - box.x0, box.x1 - a.x, a.y - box.y0, box.y1 - a.y};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0) return false;
      continue;
    }
    const double t = q[i] / p[i];
    if (p[i] < 0)
      t0 = std::max(t0, t);
    else
      t1 = std::min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

/// A uniform grid of item ids by the cells their boxes (or lines) cover. Items and queries
/// outside the area are clamped to its border cells, so nothing is ever missed, only slower.
class Grid {
 public:
  Grid(const Box& area, double cell) : area_(area), cell_(cell) {
    for (;;) {
      nx_ = static_cast<std::size_t>(std::max(1.0, std::ceil((area.x1 - area.x0) / cell_)));
      ny_ = static_cast<std::size_t>(std::max(1.0, std::ceil((area.y1 - area.y0) / cell_)));
      if (nx_ * ny_ <= kMaxCells) break;
      cell_ *= 2;
    }
    cells_.resize(nx_ * ny_);
  }

  void add_box(std::size_t id, const Box& b) {
    const auto [x0, y0, x1, y1] = range(b);
    for (std::size_t y = y0; y <= y1; ++y)
      for (std::size_t x = x0; x <= x1; ++x) cells_[y * nx_ + x].push_back(id);
    grow(id);
  }

  /// A line: every cell within one cell of a sample taken at most a cell apart, which covers
  /// every cell the line passes through.
  void add_segment(std::size_t id, Point a, Point b) {
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    const auto steps = static_cast<std::size_t>(std::min(1e6, std::ceil(length / cell_)));
    std::size_t last = SIZE_MAX;
    for (std::size_t s = 0; s <= steps; ++s) {
      const double t = steps == 0 ? 0 : static_cast<double>(s) / static_cast<double>(steps);
      const Point p{a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
      const auto [cx, cy, ignored_x, ignored_y] = range({p.x, p.y, p.x, p.y});
      const std::size_t key = cy * nx_ + cx;
      if (key == last) continue;
      last = key;
      for (std::size_t y = cy == 0 ? 0 : cy - 1; y <= std::min(cy + 1, ny_ - 1); ++y)
        for (std::size_t x = cx == 0 ? 0 : cx - 1; x <= std::min(cx + 1, nx_ - 1); ++x) {
          auto& cell = cells_[y * nx_ + x];
          if (cell.empty() || cell.back() != id) cell.push_back(id);
        }
    }
    grow(id);
  }

  /// Calls f(id) once for every item whose cells meet the box.
  template <class F>
  void visit(const Box& b, F&& f) {
    ++stamp_;
    const auto [x0, y0, x1, y1] = range(b);
    for (std::size_t y = y0; y <= y1; ++y)
      for (std::size_t x = x0; x <= x1; ++x)
        for (std::size_t id : cells_[y * nx_ + x]) {
          if (seen_[id] == stamp_) continue;
          seen_[id] = stamp_;
          f(id);
        }
  }

 private:
  std::array<std::size_t, 4> range(const Box& b) const {
    const auto clamp_x = [this](double v) {
      const double c = std::floor((v - area_.x0) / cell_);
      return static_cast<std::size_t>(std::clamp(c, 0.0, static_cast<double>(nx_ - 1)));
    };
    const auto clamp_y = [this](double v) {
      const double c = std::floor((v - area_.y0) / cell_);
      return static_cast<std::size_t>(std::clamp(c, 0.0, static_cast<double>(ny_ - 1)));
    };
    return {clamp_x(b.x0), clamp_y(b.y0), clamp_x(b.x1), clamp_y(b.y1)};
  }
  void grow(std::size_t id) {
    if (seen_.size() <= id) seen_.resize(id + 1, 0);
  }

  Box area_;
  double cell_;
  std::size_t nx_ = 1, ny_ = 1;
  std::vector<std::vector<std::size_t>> cells_;
  std::vector<unsigned long long> seen_;
  unsigned long long stamp_ = 0;
};

struct Candidate {
  Box box;
  double own_distance = 0;  ///< from its own node's outline
  double base = 0;          ///< preference, and what does not depend on other names
};

/// The places tried for a name, best first: touching the outline below, above, right, left,
/// on the four diagonals, then shifted along the outline. Only places touching the outline: a
/// name farther out reads as a neighbour's (such a school gets a number, see name_key.cpp).
std::vector<Candidate> candidates_for(const LabelProblem::Node& n) {
  std::vector<Candidate> out;
  const double w = n.label_w, h = n.label_h;
  const double cx = n.centre.x, cy = n.centre.y;
  {
    const double gap = n.gap;
    const double rx = (n.round ? n.radius : n.half_w) + gap;
    const double ry = (n.round ? n.radius : n.half_h) + gap;
    // On a diagonal the name's near corner touches the outline at 45°.
    const double dx = n.round ? (n.radius + gap) / std::sqrt(2.0) : n.half_w + gap / std::sqrt(2.0);
    const double dy = n.round ? (n.radius + gap) / std::sqrt(2.0) : n.half_h + gap / std::sqrt(2.0);
    const Point places[] = {
        {cx, cy - ry - h / 2},                     // below
        {cx, cy + ry + h / 2},                     // above
        {cx + rx + w / 2, cy},                     // right
        {cx - rx - w / 2, cy},                     // left
        {cx + dx + w / 2, cy - dy - h / 2},        // below right
        {cx + dx + w / 2, cy + dy + h / 2},        // above right
        {cx - dx - w / 2, cy - dy - h / 2},        // below left
        {cx - dx - w / 2, cy + dy + h / 2},        // above left
        {cx + w / 3, cy - ry - h / 2},             // below, shifted right
        {cx - w / 3, cy - ry - h / 2},             // below, shifted left
        {cx + w / 3, cy + ry + h / 2},             // above, shifted right
        {cx - w / 3, cy + ry + h / 2},             // above, shifted left
        {cx + rx + w / 2, cy - h / 2},             // right, lower
        {cx + rx + w / 2, cy + h / 2},             // right, higher
        {cx - rx - w / 2, cy - h / 2},             // left, lower
        {cx - rx - w / 2, cy + h / 2},             // left, higher
    };
    for (const Point& p : places) {
      Candidate c;
      c.box = centred(p, w, h);
      c.own_distance = std::max(0.0, outline_distance(n, c.box));
      c.base = static_cast<double>(out.size()) * kRank;
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

LabelPlacement place_labels(const LabelProblem& problem) {
  const auto& nodes = problem.nodes;
  std::vector<std::size_t> labelled;
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].labelled) labelled.push_back(i);
  if (labelled.empty()) {
    LabelPlacement none;
    for (const auto& n : nodes) none.names.push_back(n.centre);
    none.clusters = problem.clusters;
    return none;
  }

  // The area every object and candidate lies in (clamped beyond), and a cell about a name wide.
  Box area{1e300, 1e300, -1e300, -1e300};
  const auto cover = [&area](const Box& b) {
    area = {std::min(area.x0, b.x0), std::min(area.y0, b.y0), std::max(area.x1, b.x1),
            std::max(area.y1, b.y1)};
  };
  double width_sum = 0, reach = 0;
  for (std::size_t i : labelled) {
    width_sum += nodes[i].label_w;
    reach = std::max({reach, nodes[i].label_w, nodes[i].label_h});
  }
  for (const auto& n : nodes) cover(inflate(extent(n), n.labelled ? reach + n.gap : 0));
  const double cell = std::clamp(width_sum / static_cast<double>(labelled.size()), 24.0, 400.0);

  Grid node_grid(area, cell), text_grid(area, cell), line_grid(area, cell), box_grid(area, cell),
      name_grid(area, cell);
  for (std::size_t i = 0; i < nodes.size(); ++i) node_grid.add_box(i, extent(nodes[i]));
  for (std::size_t i = 0; i < problem.fixed.size(); ++i) text_grid.add_box(i, problem.fixed[i]);
  for (std::size_t i = 0; i < problem.lines.size(); ++i)
    for (std::size_t k = 1; k < problem.lines[i].size(); ++k)
      line_grid.add_segment(i, problem.lines[i][k - 1], problem.lines[i][k]);
  for (std::size_t i = 0; i < problem.clusters.size(); ++i) box_grid.add_box(i, problem.clusters[i]);

  // Whether `box` is `cluster` or one of the boxes it is drawn in.
  const auto in_chain = [&](std::size_t cluster, std::size_t box) {
    for (std::size_t k = cluster; k < problem.clusters.size(); k = problem.cluster_parent[k]) {
      if (k == box) return true;
    }
    return false;
  };
  // Box k grown to hold the given names, if it may: it is a box without boxes around or in it,
  // the names stick out left, right or below (above is the box's own label), and the grown
  // box takes in no node, box or other name that was not in it. Else nullopt.
  std::vector<char> has_child(problem.clusters.size(), 0);
  for (std::size_t k = 0; k < problem.clusters.size(); ++k)
    if (problem.cluster_parent[k] < problem.clusters.size()) has_child[problem.cluster_parent[k]] = 1;
  const auto grown_box = [&](std::size_t k, const std::vector<Box>& names,
                             const std::vector<Box>* others = nullptr) -> std::optional<Box> {
    if (problem.cluster_parent[k] < problem.clusters.size() || has_child[k]) return std::nullopt;
    Box g = problem.clusters[k];
    const Box& box = problem.clusters[k];
    for (const Box& name : names) {
      if (name.x0 >= box.x0 && name.x1 <= box.x1 && name.y0 >= box.y0 && name.y1 <= box.y1) continue;
      if (name.y1 > box.y1) return std::nullopt;
      const Box b = inflate(name, kBoxPad);
      g = {std::min(g.x0, b.x0), std::min(g.y0, b.y0), std::max(g.x1, b.x1), g.y1};
    }
    bool taken = false;
    node_grid.visit(g, [&](std::size_t j) {
      if (nodes[j].cluster != k && overlaps(g, extent(nodes[j]))) taken = true;
    });
    box_grid.visit(g, [&](std::size_t other) {
      if (other != k && overlaps(g, problem.clusters[other])) taken = true;
    });
    if (others != nullptr)
      for (const Box& o : *others)
        if (overlaps(g, o)) taken = true;
    if (taken) return std::nullopt;
    return g;
  };

  // Everything about a candidate that does not depend on the other names.
  // `hard`: set when the place overlaps a school or a fixed text, or leaves another school as
  // near as its own: a name there would misname or hide a school.
  const auto static_cost = [&](std::size_t i, const Candidate& c, bool& hard) {
    double cost = c.base;
    const Box near = inflate(c.box, c.own_distance + kNearTolerance);
    bool not_nearest = false;
    node_grid.visit(near, [&](std::size_t j) {
      if (j == i) return;
      const double d = outline_distance(nodes[j], c.box);
      if (d < 0.5) {
        cost += kOverlap;
        hard = true;
      } else if (d <= c.own_distance + kNearTolerance) {
        not_nearest = true;
      }
    });
    if (not_nearest) {
      cost += kNotNearest;
      hard = true;
    }
    const Box padded = inflate(c.box, kTextMargin);
    text_grid.visit(padded, [&](std::size_t t) {
      if (overlaps(padded, problem.fixed[t])) {
        cost += kOverlap;
        hard = true;
      }
    });
    line_grid.visit(c.box, [&](std::size_t l) {
      const auto& line = problem.lines[l];
      for (std::size_t k = 1; k < line.size(); ++k)
        if (segment_hits_box(line[k - 1], line[k], c.box)) {
          cost += kLine;
          return;
        }
    });
    // Out of every box it is not drawn in; inside its own, or sticking out where its own box
    // can grow to hold it (see grown_box).
    const auto mine = [&](std::size_t box) { return in_chain(nodes[i].cluster, box); };
    bool wrong = false;
    if (const std::size_t own = nodes[i].cluster; own < problem.clusters.size()) {
      const Box& b = problem.clusters[own];
      if (c.box.x0 < b.x0 || c.box.x1 > b.x1 || c.box.y0 < b.y0 || c.box.y1 > b.y1) {
        if (grown_box(own, {c.box}))
          cost += kGrow;
        else
          wrong = true;
      }
    }
    box_grid.visit(c.box, [&](std::size_t k) {
      if (!mine(k) && overlaps(c.box, problem.clusters[k])) wrong = true;
    });
    if (wrong) cost += kWrongBox;
    return cost;
  };

  std::vector<std::vector<Candidate>> cands(nodes.size());
  std::vector<std::vector<double>> cost0(nodes.size());
  std::vector<std::vector<char>> hard0(nodes.size());
  std::vector<std::size_t> free_places(nodes.size(), 0);
  for (std::size_t i : labelled) {
    cands[i] = candidates_for(nodes[i]);
    for (const Candidate& c : cands[i]) {
      bool hard = false;
      cost0[i].push_back(static_cost(i, c, hard));
      hard0[i].push_back(hard ? 1 : 0);
      if (cost0[i].back() < kLine) ++free_places[i];
    }
  }

  // The most constrained names first; ties in drawing order.
  std::vector<std::size_t> order = labelled;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return free_places[a] < free_places[b];
  });

  std::vector<std::size_t> chosen(nodes.size(), SIZE_MAX);
  std::vector<std::size_t> version(nodes.size(), 0);  // name_grid ids: i * (kRounds + 2) + version
  const std::size_t stride = kRounds + 2;
  const auto total_cost = [&](std::size_t i, std::size_t k) {
    double cost = cost0[i][k];
    const Box padded = inflate(cands[i][k].box, kTextMargin);
    name_grid.visit(padded, [&](std::size_t id) {
      const std::size_t j = id / stride;
      if (j == i || chosen[j] == SIZE_MAX || id % stride != version[j]) return;
      if (overlaps(padded, cands[j][chosen[j]].box)) cost += kOverlap;
    });
    return cost;
  };
  const auto best_for = [&](std::size_t i, std::size_t current) {
    std::size_t best = current;
    double best_cost = current == SIZE_MAX ? 1e300 : total_cost(i, current);
    for (std::size_t k = 0; k < cands[i].size(); ++k) {
      if (k == current || cost0[i][k] >= best_cost) continue;
      const double cost = total_cost(i, k);
      if (cost < best_cost) {
        best = k;
        best_cost = cost;
      }
    }
    return best;
  };
  const auto place = [&](std::size_t i, std::size_t k) {
    chosen[i] = k;
    name_grid.add_box(i * stride + version[i], cands[i][k].box);
  };

  if (!problem.ranked.empty()) {
    // A large view: names in the given order, each at its best clear place or not at all.
    std::vector<char> listed(nodes.size(), 0);
    order.clear();
    for (std::size_t i : problem.ranked)
      if (i < nodes.size() && nodes[i].labelled && !listed[i]) {
        listed[i] = 1;
        order.push_back(i);
      }
    for (std::size_t i : labelled)
      if (!listed[i]) order.push_back(i);
    for (std::size_t i : order) {
      std::size_t best = SIZE_MAX;
      double best_cost = kOverlap;  // anything dearer overlaps a name placed before
      for (std::size_t k = 0; k < cands[i].size(); ++k) {
        if (hard0[i][k] || cost0[i][k] >= best_cost) continue;
        if (const double cost = total_cost(i, k); cost < best_cost) {
          best = k;
          best_cost = cost;
        }
      }
      if (best != SIZE_MAX) place(i, best);
    }
  } else {
    for (std::size_t i : order) place(i, best_for(i, SIZE_MAX));
  }
  for (std::size_t round = 0; round < (problem.ranked.empty() ? kRounds : 0); ++round) {
    bool moved = false;
    for (std::size_t i : order) {
      const std::size_t k = best_for(i, chosen[i]);
      if (k == chosen[i]) continue;
      ++version[i];
      place(i, k);
      moved = true;
    }
    if (!moved) break;
  }

  LabelPlacement out;
  out.names.resize(nodes.size());
  out.clear.assign(nodes.size(), 1);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    out.names[i] = nodes[i].centre;
    if (!nodes[i].labelled) continue;
    if (chosen[i] == SIZE_MAX) {  // ranked: no clear place
      out.clear[i] = 0;
      continue;
    }
    const Box& b = cands[i][chosen[i]].box;
    out.names[i] = {(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2};
    // Clear: nothing hard about the place itself and no other name on it (the names are final).
    bool clear = hard0[i][chosen[i]] == 0;
    const Box padded = inflate(b, kTextMargin);
    name_grid.visit(padded, [&](std::size_t id) {
      const std::size_t j = id / stride;
      if (j == i || chosen[j] == SIZE_MAX || id % stride != version[j]) return;
      if (overlaps(padded, cands[j][chosen[j]].box)) clear = false;
    });
    out.clear[i] = clear ? 1 : 0;
  }
  // Boxes grow to hold their members' names where they can; one box at a time, in order, each
  // clear of the boxes grown before it and of every name not its members'.
  out.clusters = problem.clusters;
  for (std::size_t k = 0; k < problem.clusters.size(); ++k) {
    std::vector<Box> mine, others;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (!nodes[i].labelled || chosen[i] == SIZE_MAX) continue;
      const Box& b = cands[i][chosen[i]].box;
      (nodes[i].cluster == k ? mine : others).push_back(b);
    }
    for (std::size_t j = 0; j < k; ++j) others.push_back(out.clusters[j]);
    for (std::size_t j = k + 1; j < problem.clusters.size(); ++j) others.push_back(problem.clusters[j]);
    if (const auto g = grown_box(k, mine, &others)) out.clusters[k] = *g;
  }
  return out;
}

}  // namespace collabnet::render
