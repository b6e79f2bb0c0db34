// How a drawn link shows its survey confirmation (network-format.md): a link only one school
// named is dotted; when the other school answered without naming it (disputed) the dots are
// heavier and in the theme's alert colour, so that the two read apart in greyscale too. Links
// named by both schools, and records that are not from a survey, are drawn as before.
#include <algorithm>
#include <charconv>

#include "render/render_internal.hpp"

namespace collabnet::render {
namespace {

void set_attr(Attrs& attrs, const char* key, std::string value) {
  for (auto& [k, v] : attrs)
    if (k == key) {
      v = std::move(value);
      return;
    }
  attrs.emplace_back(key, std::move(value));
}

/// The edge's pen width (a quoted number we wrote with dot_number), 1 when not set.
double pen_of(const Attrs& attrs) {
  for (const auto& [k, v] : attrs) {
    if (k != "penwidth" || v.size() < 3) continue;
    double width = 1.0;
    std::from_chars(v.data() + 1, v.data() + v.size() - 1, width);  // locale-independent
    return width;
  }
  return 1.0;
}

}  // namespace

LinkConfirmation link_confirmation(const Analysis& analysis,
                                   const std::vector<std::size_t>& records) {
  if (!analysis.survey) return LinkConfirmation::plain;
  const auto& conf = analysis.survey->confirmation;
  bool any_disputed = false;
  for (std::size_t r : records) {
    if (r >= conf.size()) return LinkConfirmation::plain;
    switch (conf[r]) {
      case Confirmation::confirmed:
      case Confirmation::not_surveyed: return LinkConfirmation::plain;
      case Confirmation::disputed: any_disputed = true; break;
      case Confirmation::unconfirmed: break;
    }
  }
  if (records.empty()) return LinkConfirmation::plain;
  return any_disputed ? LinkConfirmation::disputed : LinkConfirmation::unconfirmed;
}

void style_confirmation(Attrs& attrs, LinkConfirmation c, const Theme& theme, bool dim) {
  if (c == LinkConfirmation::plain) return;
  set_attr(attrs, "style", dot_quoted("dotted"));
  if (c == LinkConfirmation::disputed) {
    set_attr(attrs, "penwidth", dot_quoted(dot_number(std::max(pen_of(attrs), 2.5), 2)));
    if (!dim) set_attr(attrs, "color", dot_quoted(theme.disputed));
  }
}

const char* confirmation_words(LinkConfirmation c) {
  switch (c) {
    case LinkConfirmation::plain: return "";
    case LinkConfirmation::unconfirmed:
      return "named by one school only; the other did not answer the survey";
    case LinkConfirmation::disputed:
      return "named by one school only; the other answered the survey and did not name it";
  }
  return "";
}

}  // namespace collabnet::render
