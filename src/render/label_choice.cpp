// Which schools a large view names. Above the label limit, naming every school would cover the
// drawing in text; naming none left a PNG or PDF for a paper without a single name. Instead the
// schools the diagram is about (those with a finding) and the largest are offered a name, in
// that order, and each is named only where its name fits beside it (labels.cpp, ranked mode);
// the subtitle says how many were named and how to see every name. Std-only.

#include <algorithm>
#include <tuple>

#include "render/render_internal.hpp"

namespace collabnet::render {

std::vector<std::size_t> naming_order(const std::vector<NamingCandidate>& candidates,
                                      std::size_t limit) {
  // Smaller key first. A finding's mark counts from 0 (most urgent, SchoolMark order); plain
  // schools come after every mark.
  const auto key = [](const NamingCandidate& c) {
    const int mark = c.mark == SchoolMark::plain ? static_cast<int>(SchoolMark::count)
                                                 : static_cast<int>(c.mark);
    const bool finding = c.mark != SchoolMark::plain;
    const bool roll_known = c.roll.has_value();
    return std::make_tuple(!c.focus, c.faded, mark, !(finding && c.small_rural), !roll_known,
                           -c.roll.value_or(0), c.school);
  };
  std::vector<const NamingCandidate*> order;
  order.reserve(candidates.size());
  for (const NamingCandidate& c : candidates) order.push_back(&c);
  std::sort(order.begin(), order.end(),
            [&key](const NamingCandidate* a, const NamingCandidate* b) { return key(*a) < key(*b); });
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < order.size() && k < limit; ++k) out.push_back(order[k]->school);
  return out;
}

std::string naming_note(std::optional<std::size_t> named, std::size_t schools, bool flag_hints) {
  std::string note =
      named ? std::to_string(*named) + " of " + std::to_string(schools) +
                  " schools named: those with findings first, then the largest, as many as fit"
            : "schools with findings named first, then the largest, as many as fit";
  // The report's pages name no flag (RenderOptions::flag_hints): there, hover and the tables.
  if (!flag_hints) return note + "; the SVG shows each name on hover";
  return note + "; --labels names all (numbered where crowded), --view grouping:ID or school:ID "
                "names every school, and the SVG shows each name on hover";
}

std::string naming_note_row(std::size_t named, std::size_t schools, bool flag_hints, double point_size,
                            const std::string& colour) {
  std::string lines;
  for (const std::string& line : wrap_text(naming_note(named, schools, flag_hints), 110, 5)) {
    if (!lines.empty()) lines += "<br align=\"left\"/>";
    lines += html_text(line);
  }
  return "<tr><td align=\"left\" balign=\"left\"><font point-size=\"" +
         dot_number(point_size, 1) + "\" color=\"" + html_text(colour) + "\">" + lines +
         "</font></td></tr>";
}

}  // namespace collabnet::render
