// Help for an unknown `--view grouping:ID` or `school:ID`: the ids the user may have meant.
// Moved out of scene.cpp, which draws; this only reads ids and names.

#include <cctype>

#include "load/builder.hpp"
#include "render/render_internal.hpp"

namespace collabnet::render {

std::string view_id_candidates(
    const std::vector<std::pair<std::string_view, std::string_view>>& records,
    const std::string& typed_id, const char* what) {
  constexpr std::size_t kMax = 10;
  auto lower = [](std::string_view text) {
    std::string s(text);
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  const std::string typed = lower(typed_id);
  std::vector<std::size_t> hits;
  for (std::size_t i = 0; i < records.size() && !typed.empty(); ++i)
    if (lower(records[i].first).find(typed) != std::string::npos ||
        lower(records[i].second).find(typed) != std::string::npos)
      hits.push_back(i);
  if (hits.empty()) {
    std::vector<std::string_view> ids;
    for (const auto& r : records) ids.push_back(r.first);
    for (const std::string& id : load::nearest(typed_id, ids, kMax))
      for (std::size_t i = 0; i < records.size(); ++i)
        if (records[i].first == id) hits.push_back(i);
  }
  const bool all = hits.empty() && records.size() <= kMax;
  if (all)
    for (std::size_t i = 0; i < records.size(); ++i) hits.push_back(i);
  if (hits.empty())
    return std::string("; no ") + what + " id or name holds that text (collabnet check lists "
                                           "the network's records)";
  std::string out = all ? std::string("; the ") + what + " ids are " : "; did you mean ";
  for (std::size_t k = 0; k < hits.size() && k < kMax; ++k) {
    const auto& [id, name] = records[hits[k]];
    if (k) out += ", ";
    out += clean_text(id);
    if (!name.empty()) out += " (" + clean_text(name) + ")";
  }
  if (hits.size() > kMax) out += ", and " + std::to_string(hits.size() - kMax) + " more";
  return out + (all ? "" : "?");
}

}  // namespace collabnet::render
