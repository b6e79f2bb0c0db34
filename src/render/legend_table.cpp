// The legend's table under a diagram's title: each entry a symbol (a coloured glyph or a swatch)
// and its words, in LegendKey order, two to a row where they fit. Moved out of scene.cpp, which
// decides what each view's legend says.

#include "render/render_internal.hpp"

namespace collabnet::render {

std::string Legend::html(const Theme& theme, double scale) const {
  std::vector<const LegendEntry*> used;
  for (const auto& e : entries_)
    if (e) used.push_back(&*e);
  if (used.empty()) return {};
  constexpr std::size_t kRowChars = 100;  // of the entries' words (HTML text: about)
  const auto cell = [&](const LegendEntry& e, bool whole_row) {
    std::string out = e.swatch ? e.symbol : "<td align=\"center\">" + e.symbol + "</td>";
    return out + "<td align=\"left\"" + (whole_row ? " colspan=\"3\"" : "") +
           "><font point-size=\"" + dot_number(10 * scale, 1) + "\" color=\"" +
           std::string(theme.text) + "\">" + e.text + "</font></td>";
  };
  std::string out = "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"3\">";
  for (std::size_t i = 0; i < used.size();) {
    const bool pair = i + 1 < used.size() &&
                      used[i]->text.size() + used[i + 1]->text.size() <= kRowChars;
    out += "<tr>" + cell(*used[i], !pair) + (pair ? cell(*used[i + 1], false) : "") + "</tr>";
    i += pair ? 2 : 1;
  }
  return out + "</table>";
}

}  // namespace collabnet::render
