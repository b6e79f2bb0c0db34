#pragma once
// How many sampled sources --sample-error EPS needs (docs/sampling.md has the proof).

#include <cstdint>

namespace collabnet::passes {

/// The number of sources K that puts every school's betweenness and harmonic closeness (both on
/// the 0-to-1 scale the outputs show) within `epsilon` of the exact figure, all schools and both
/// figures at once, with probability at least `confidence`, when the K sources are drawn
/// uniformly without replacement from the `schools` schools:
///   K = 1 + ceil(ln(4·n / (1 − confidence)) / (2·epsilon²))
/// (Hoeffding's inequality for each school and figure, from the K − 1 or more sampled sources
/// other than the school itself; a union bound over the n schools and 2 figures). Capped at
/// 2^62; K ≥ schools means every school is a source: exact. Requires 0 < epsilon < 1 and
/// 0 < confidence < 1. O(1).
std::uint64_t sources_for_error(std::uint64_t schools, double epsilon, double confidence);

}  // namespace collabnet::passes
