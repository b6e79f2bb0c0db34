#pragma once
// Networks the render tests draw: one authority's part of a network, and a seeded generated
// network of any size (test_render_labels.cpp, test_render_style.cpp).
#include <cstdint>
#include <string>
#include <vector>

#include "collabnet/network.hpp"

namespace collabnet::testing {

/// The schools of one authority, with the partnerships and groupings among them.
inline Network authority_part(const Network& net, const std::string& authority) {
  Network out;
  out.name = net.name;
  out.as_of = net.as_of;
  std::vector<std::size_t> index(net.schools.size(), SIZE_MAX);
  for (std::size_t v = 0; v < net.schools.size(); ++v)
    if (net.schools[v].authority == authority) {
      index[v] = out.schools.size();
      out.schools.push_back(net.schools[v]);
    }
  for (const Partnership& p : net.partnerships) {
    if (index[p.from] == SIZE_MAX || index[p.to] == SIZE_MAX) continue;
    Partnership q = p;
    q.from = index[p.from];
    q.to = index[p.to];
    q.staff.clear();
    q.grouping.reset();
    q.reported_by.clear();
    out.partnerships.push_back(q);
  }
  for (const Grouping& g : net.groupings) {
    Grouping h = g;
    h.members.clear();
    for (std::size_t v : g.members)
      if (index[v] != SIZE_MAX) h.members.push_back(index[v]);
    if (h.members.size() >= 2) out.groupings.push_back(h);
  }
  return out;
}

/// A seeded network of `n` schools: rolls from 5 to 1,500 (a tenth very small), names of 12 to 40
/// letters, clusters of about eight schools densely linked, sparse links between clusters, some
/// isolated schools, a grouping per cluster. The generator's own arithmetic (no std
/// distributions), so every platform draws the same network.
inline Network generated(std::size_t n, std::uint64_t seed) {
  std::uint64_t state = seed;
  const auto next = [&state](std::uint64_t below) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((state >> 33) % below);
  };
  static const char* const kWords[] = {"Glen", "Strath", "Kil", "Ach", "Inver", "Ben", "Loch",
                                       "Ard", "Dun", "Bal", "Craig", "Tor"};
  static const char* const kEnds[] = {"Primary School", "Academy", "High School",
                                      "Community School", "Primary"};
  Network net;
  net.name = "Generated network of " + std::to_string(n) + " schools";
  for (std::size_t i = 0; i < n; ++i) {
    School s;
    s.id = "G" + std::to_string(1000 + i);
    s.name = std::string(kWords[next(12)]) + kWords[next(12)] + (next(3) == 0 ? "more " : " ") +
             kEnds[next(5)] + " " + std::to_string(i);
    s.roll = next(10) == 0 ? static_cast<std::int64_t>(5 + next(20)) : static_cast<std::int64_t>(30 + next(1470));
    s.rural = next(2) == 0;
    net.schools.push_back(s);
  }
  constexpr std::size_t kCluster = 8;
  const auto add = [&net](std::size_t a, std::size_t b) {
    if (a == b) return;
    Partnership p;
    p.id = "P" + std::to_string(net.partnerships.size() + 1);
    p.from = a;
    p.to = b;
    p.weight = 1;
    net.partnerships.push_back(p);
  };
  for (std::size_t c = 0; c * kCluster < n; ++c) {
    const std::size_t first = c * kCluster, last = std::min(n, first + kCluster);
    Grouping g;
    g.id = "GR" + std::to_string(c);
    g.name = "Cluster " + std::to_string(c);
    for (std::size_t v = first; v < last; ++v) {
      if (v % 23 == 7) continue;  // isolated
      g.members.push_back(v);
      if (v > first && (v - 1) % 23 != 7) add(first, v);
      if (next(3) == 0) add(v, first + next(last - first));
    }
    if (g.members.size() >= 2) net.groupings.push_back(g);
    if (c > 0 && next(2) == 0) add(first, (c - 1) * kCluster + next(kCluster));
  }
  return net;
}

}  // namespace collabnet::testing
