// Numbered grouping boxes: where a box's name would print too small (a large whole network's
// grouping boxes, an overview of many groupings), the box carries a number and a key under the
// title gives each number's grouping. The key's entries come from the scene in the order the
// numbers were given (entry k is number k + 1), so the key cannot name another box. Std-only.

#include <algorithm>
#include <cmath>

#include "render/render_internal.hpp"

namespace collabnet::render {

bool number_grouping_boxes(double width_inches) {
  constexpr double kBoxNamePoints = 10, kA4Points = 510, kMinPrinted = 6;
  return kBoxNamePoints * kA4Points / (width_inches * 72.0) < kMinPrinted;
}

std::string group_key_row(const std::vector<std::pair<std::string, std::string>>& entries,
                          const std::string& heading,
                          double point_size, const std::string& colour, double width_points) {
  if (entries.empty()) return {};
  constexpr std::size_t kWrap = 45, kMaxColumns = 4;
  std::vector<std::pair<std::size_t, std::string>> numbered;
  std::size_t longest = 0;
  for (std::size_t k = 0; k < entries.size(); ++k) {
    std::string html;
    for (const std::string* text : {&entries[k].first, &entries[k].second})
      for (const std::string& line : wrap_text(clean_text(*text), kWrap, 2)) {
        if (!html.empty()) html += "<br align=\"left\"/>";
        html += html_text(line);
        longest = std::max(longest, line.size());
      }
    numbered.emplace_back(k + 1, html);
  }
  // A column's width: the number, a space and its longest line, at about 0.55 em a character
  // (bytes count a multi-byte letter long: a narrower key, never a wider one).
  const double digits = std::floor(std::log10(static_cast<double>(entries.size()))) + 1;
  const double column = (static_cast<double>(std::min(longest, kWrap)) + digits + 2) * 0.55 *
                        point_size;
  const auto fit = static_cast<std::size_t>(std::max(1.0, std::floor(width_points / column)));
  const std::size_t columns = std::min({fit, kMaxColumns, entries.size()});
  const std::string font = key_font(point_size, colour);
  return "<tr><td align=\"left\"><table border=\"0\" cellborder=\"0\" cellspacing=\"0\" "
         "cellpadding=\"0\"><tr><td align=\"left\">" + font + heading +
         "</font></td></tr><tr><td align=\"left\">" + numbered_columns(numbered, columns, font) +
         "</td></tr></table></td></tr>";
}

}  // namespace collabnet::render
