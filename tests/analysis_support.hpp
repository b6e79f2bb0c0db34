#pragma once
// Helpers shared by the analysis test files: a network built from index pairs, random links for
// one, and the findings of an analysis looked up by kind and subject.
#include <catch2/catch.hpp>
#include <cstddef>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/network.hpp"

namespace collabnet::testing {

/// A network of n schools "S100000", "S100001", … (fixed width: id order = index order) named
/// "School i", and one partnership record per pair, in the order given.
inline Network make_network(std::size_t n,
                            const std::vector<std::pair<std::size_t, std::size_t>>& links) {
  Network net;
  net.name = "test";
  for (std::size_t i = 0; i < n; ++i) {
    School s;
    s.id = "S" + std::to_string(100000 + i);
    s.name = "School " + std::to_string(i);
    net.schools.push_back(s);
  }
  for (const auto& [a, b] : links) {
    Partnership p;
    p.id = "P" + std::to_string(net.partnerships.size() + 1);
    p.from = a;
    p.to = b;
    net.partnerships.push_back(p);
  }
  return net;
}

/// A random forest-like network's links with `extra` random links on top: about 1 in 12 schools
/// starts a new component. The same links for the same (n, seed, extra).
inline std::vector<std::pair<std::size_t, std::size_t>> random_links(std::size_t n, unsigned seed,
                                                                     std::size_t extra) {
  std::mt19937 rng(seed);
  std::vector<std::pair<std::size_t, std::size_t>> links;
  for (std::size_t v = 1; v < n; ++v)
    if (rng() % 12 != 0) links.push_back({v, rng() % v});
  for (std::size_t k = 0; k < extra; ++k) {
    const std::size_t a = rng() % n, b = rng() % n;
    if (a != b) links.push_back({a, b});
  }
  return links;
}

/// The subjects of every finding of a kind, in order ("A|B" for a finding about a pair).
inline std::vector<std::string> subjects(const Analysis& a, const std::string& kind) {
  std::vector<std::string> out;
  for (const Finding& f : a.findings)
    if (f.kind == kind)
      out.push_back(f.subject.size() == 1 ? f.subject[0] : f.subject[0] + "|" + f.subject[1]);
  return out;
}

/// The finding of a kind whose (first) subject is given; fails the test when there is none.
inline const Finding& finding(const Analysis& a, const std::string& kind,
                              const std::string& subject) {
  for (const Finding& f : a.findings)
    if (f.kind == kind && f.subject[0] == subject) return f;
  FAIL("no " << kind << " finding about " << subject);
  throw;
}

/// A finding's extra figure by key, as type T; fails the test when the key is missing.
template <class T>
T extra(const Finding& f, const std::string& key) {
  for (const auto& [k, v] : f.extra)
    if (k == key) return std::get<T>(v);
  FAIL("finding has no key " << key);
  throw;
}

}  // namespace collabnet::testing
