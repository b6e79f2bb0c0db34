#pragma once
// A short plain-words description of what a network file holds (used by `collabnet check`).

#include <cstddef>
#include <string>

#include "collabnet/network.hpp"

namespace collabnet {

/// Figures about the data itself (not the analysis): counts, coverage, direction, date range.
struct NetworkSummary {
  std::size_t schools = 0, with_roll = 0, with_location = 0, rural = 0;
  std::size_t staff = 0, staff_on_partnerships = 0;
  std::size_t groupings = 0;
  std::size_t partnerships = 0, mutual = 0, one_way = 0, pairs = 0, with_staff = 0;
  std::string earliest_since, latest_until;   ///< "" when no record has the date
  std::size_t ended_before_as_of = 0;          ///< records with until < network as_of
};

/// O(schools + staff + partnerships · log). Never throws for a loaded Network.
NetworkSummary summarise(const Network& network);

/// The summary as text for `check`, naming the file; `warnings` is how many were printed.
std::string describe_network(const Network& network, const std::string& file,
                             std::size_t warnings);

/// 12345 → "12,345", for figures people read.
std::string with_thousands(std::size_t n);

}  // namespace collabnet
