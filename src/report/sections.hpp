#pragma once
// Internal to src/report/: the report's "Depth of collaboration", "What changed" and "Who answered" sections as
// HTML fragments, every text from the input cleaned and escaped here (sections.cpp).

#include <string>
#include <vector>

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

/// "Who answered the survey" (survey networks only, else ""): the response rate, the share of
/// partnerships named by both schools, the schools that did not answer
/// (non_respondents_in_report_order) and the disputed links with both schools named.
/// O(schools + records) (survey_section.cpp).
std::string survey_section(const Network& network, const Analysis& analysis);

/// The schools that did not answer, in the report's order: small and rural first (both before
/// either), then the isolation ranking's order (schools at risk by rank, then the rest), then
/// lower closeness, then id. Empty without a survey. O(n log n).
std::vector<std::size_t> non_respondents_in_report_order(const Network& network,
                                                         const Analysis& analysis);

/// `text` cleaned (clean_text) and escaped for HTML text and attribute values.
std::string html_escape(std::string_view text);

}  // namespace collabnet::report
