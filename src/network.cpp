#include "collabnet/network.hpp"

namespace collabnet {

std::optional<std::size_t> Network::find_school(std::string_view id) const {
  for (std::size_t i = 0; i < schools.size(); ++i)
    if (schools[i].id == id) return i;
  return std::nullopt;
}

std::optional<std::size_t> Network::find_grouping(std::string_view id) const {
  for (std::size_t i = 0; i < groupings.size(); ++i)
    if (groupings[i].id == id) return i;
  return std::nullopt;
}

}  // namespace collabnet
