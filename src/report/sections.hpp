#pragma once
// Internal to src/report/: the report's "Depth of collaboration" and "What changed" sections as
// HTML fragments, every text from the input cleaned and escaped here (sections.cpp).

#include <string>

#include "collabnet/analysis.hpp"
#include "collabnet/compare.hpp"
#include "collabnet/network.hpp"

namespace collabnet::report {

/// Per assessed subject, the framework's template filled in (indicators × waves, each cell
/// coloured by level and showing the level's number, so it reads in greyscale), the weakest
/// indicators, and the partnership levels as an inline SVG bar chart. "" when there is nothing
/// to show (no ratings and no record with a level). O(ratings + subjects × waves).
std::string depth_section(const Network& network, const Analysis& analysis);

/// What changed since `before`: the strategy paper's sentences (isolation, groupings over the
/// limit, links gained and lost), tables of the changes, and `diagram_svg` (already inlined, or
/// "" when diagrams are off). O(changes).
std::string change_section(const ChangeReport& change, const Network& after,
                           const Network& before, const std::string& diagram_svg);

/// `text` cleaned (clean_text) and escaped for HTML text and attribute values.
std::string html_escape(std::string_view text);

}  // namespace collabnet::report
