// The numbered key: where a school's name goes when no free place beside the school exists.
// A name drawn over another school, or nearer another school than its own, names the wrong
// school; such a school is marked with a number instead, and the number and name are listed in
// a key under the title. Std-only: graphviz.cpp swaps the labels and remakes the title.

#include <algorithm>

#include "render/render_internal.hpp"

namespace collabnet::render {

NameKey name_key(const Scene& scene) {
  NameKey key;
  key.point_size = scene.key_point_size;
  key.colour = scene.key_colour;
  std::vector<std::pair<std::size_t, const std::string*>> ranked;
  for (const SceneNode& n : scene.nodes) {
    if (!n.key_name.empty()) key.names.emplace_back(n.name, n.key_name);
    if (n.name_rank != SIZE_MAX) ranked.emplace_back(n.name_rank, &n.name);
  }
  std::sort(ranked.begin(), ranked.end());
  for (const auto& [rank, id] : ranked) key.ranked.push_back(*id);
  key.chosen_of = scene.chosen_of;
  key.flag_hints = scene.flag_hints;
  key.note_point_size = scene.note_point_size;
  key.note_colour = scene.note_colour;
  return key;
}

std::string numbered_columns(const std::vector<std::pair<std::size_t, std::string>>& numbered,
                             std::size_t columns, const std::string& font) {
  columns = std::clamp<std::size_t>(columns, 1, std::max<std::size_t>(numbered.size(), 1));
  const std::size_t rows = (numbered.size() + columns - 1) / columns;
  // Each column one cell of left-aligned lines ("12 Name"), so that it keeps to its width.
  std::string out = "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"2\"><tr>";
  for (std::size_t c = 0; c < columns; ++c) {
    out += "<td align=\"left\" valign=\"top\" balign=\"left\">" + font;
    for (std::size_t k = c * rows; k < std::min(numbered.size(), (c + 1) * rows); ++k)
      out += (k > c * rows ? "<br align=\"left\"/>" : "") + std::string("<b>") +
             std::to_string(numbered[k].first) + "</b> " + numbered[k].second;
    out += "<br align=\"left\"/></font></td>";
  }
  return out + "</tr></table>";
}

std::string key_font(double point_size, const std::string& colour) {
  return "<font point-size=\"" + dot_number(point_size, 1) + "\" color=\"" + html_text(colour) +
         "\">";
}

std::string key_html(const std::vector<std::pair<std::size_t, std::string>>& numbered,
                     const std::vector<std::string>& unmarked, double point_size,
                     const std::string& colour) {
  if (numbered.empty() && unmarked.empty()) return {};
  const std::string font = key_font(point_size, colour);
  // Columns of at most kRows rows, at most kColumns columns side by side, then more rows.
  constexpr std::size_t kRows = 12, kColumns = 4;
  const std::size_t columns =
      std::clamp<std::size_t>((numbered.size() + kRows - 1) / kRows, 1, kColumns);
  std::string out = "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\">";
  out += "<tr><td align=\"left\">" + font +
         "<b>Numbered schools</b>: no room for the name beside the school</font></td></tr>";
  out += "<tr><td align=\"left\">" + numbered_columns(numbered, columns, font) + "</td></tr>";
  if (!unmarked.empty()) {
    // Lines of about 100 characters of HTML text (entities count a little long: harmless).
    std::string list = "Too crowded to mark (each grouping's or school's own view names them): ";
    std::size_t line = list.size();
    for (std::size_t k = 0; k < unmarked.size(); ++k) {
      if (line > 100) {
        list += "<br align=\"left\"/>";
        line = 0;
      }
      list += unmarked[k] + (k + 1 < unmarked.size() ? ", " : "");
      line += unmarked[k].size() + 2;
    }
    out += "<tr><td align=\"left\" balign=\"left\">" + font + list + "</font></td></tr>";
  }
  return out + "</table>";
}

}  // namespace collabnet::render
