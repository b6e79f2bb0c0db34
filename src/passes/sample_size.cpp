// The sample size behind --sample-error (docs/sampling.md, "Estimates with a stated error").

#include "passes/sample_size.hpp"

#include <algorithm>
#include <cmath>

namespace collabnet::passes {

namespace {
/// Figures the bound covers for each school: betweenness and harmonic closeness.
constexpr double kFigures = 2;
constexpr double kCap = 4611686018427387904.0;  // 2^62: far beyond any network
}  // namespace

std::uint64_t sources_for_error(std::uint64_t schools, double epsilon, double confidence) {
  const double failure = 1.0 - confidence;  // δ, shared by the 2·n·(figures) events
  const double n = std::max(1.0, static_cast<double>(schools));
  // Per school and figure, Hoeffding over m ≥ K − 1 sources: P(|error| ≥ ε) ≤ 2·exp(−2mε²).
  // Summed over n schools and both figures: ≤ 2·n·2·exp(−2(K − 1)ε²) ≤ δ.
  const double others =
      std::ceil(std::log(2.0 * kFigures * n / failure) / (2.0 * epsilon * epsilon));
  if (!(others < kCap - 1)) return static_cast<std::uint64_t>(kCap);
  return static_cast<std::uint64_t>(others) + 1;
}

}  // namespace collabnet::passes
