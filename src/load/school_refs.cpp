// Names where people write names (see school_refs.hpp).
#include "load/school_refs.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>

#include "load/builder.hpp"
#include "names/names.hpp"

namespace collabnet::load {

namespace {

/// How many ids and names a "did you mean" offers at most.
constexpr std::size_t kSuggestions = 3;
/// Suggestions are worked out for this many distinct unknown references; a file with more is
/// broken in bulk (a wrong column), and comparing each with every school would take minutes.
constexpr std::size_t kSuggestedRefs = 200;

}  // namespace

struct SchoolRefs::Impl {
  const std::vector<School>* schools;
  bool indexed = false;
  std::multimap<std::string, std::size_t> by_key;  ///< normal form of a name → school
  std::vector<std::string> keys;                   ///< each school's name in normal form
  std::unique_ptr<names::NameIndex> matcher;       ///< the survey import's matcher, for hints
  std::map<std::string, std::string, std::less<>> said;  ///< ref → message, worded once

  void index() {
    if (indexed) return;
    indexed = true;
    keys.reserve(schools->size());
    std::vector<names::RegisterName> entries;
    entries.reserve(schools->size());
    for (std::size_t i = 0; i < schools->size(); ++i) {
      keys.push_back(names::normalise((*schools)[i].name));
      by_key.emplace(keys.back(), i);
      entries.push_back({(*schools)[i].name, (*schools)[i].authority});
    }
    matcher = std::make_unique<names::NameIndex>(std::move(entries));
  }
};

SchoolRefs::SchoolRefs(const std::vector<School>& schools) : impl_(std::make_unique<Impl>()) {
  impl_->schools = &schools;
}
SchoolRefs::~SchoolRefs() = default;

std::optional<std::size_t> SchoolRefs::by_name(std::string_view ref) {
  impl_->index();
  const std::string key = names::normalise(ref);
  if (key.empty()) return std::nullopt;
  const auto [lo, hi] = impl_->by_key.equal_range(key);
  if (lo == hi || std::next(lo) != hi) return std::nullopt;
  return lo->second;
}

std::string SchoolRefs::unknown(std::string_view ref) {
  Impl& m = *impl_;
  if (auto it = m.said.find(ref); it != m.said.end()) return it->second;
  m.index();
  const auto& schools = *m.schools;
  std::string msg = "unknown school id " + quote(ref);
  if (schools.empty()) {
    msg += " (the network has no schools)";
    return m.said.emplace(std::string(ref), msg).first->second;
  }
  const std::string key = names::normalise(ref);
  const auto [lo, hi] = m.by_key.equal_range(key);
  if (lo != hi) {  // a name, but of several schools
    std::string ids;
    std::size_t n = 0;
    for (auto it = lo; it != hi; ++it, ++n)
      if (n < 5) {
        if (n) ids += ", ";  // piece by piece: `"…" + std::string` trips g++ 12's -Wrestrict
        ids += quote(schools[it->second].id);
      }
    msg += ": " + std::to_string(n) + " schools have that name (" + ids +
           (n > 5 ? ", …" : "") + "); give the id of the one you mean";
    return m.said.emplace(std::string(ref), msg).first->second;
  }
  if (m.said.size() >= kSuggestedRefs) return msg;
  // The nearest ids (a slip of a digit) and the nearest names (a misspelt name).
  std::vector<std::string_view> ids, names;
  ids.reserve(schools.size());
  for (const School& s : schools) ids.push_back(s.id);
  std::vector<std::size_t> offered;
  for (const std::string& hit : nearest(ref, ids, kSuggestions))
    for (std::size_t i = 0; i < schools.size(); ++i)
      if (schools[i].id == hit) offered.push_back(i);
  // Names: the same normaliser and similarity as the survey import (src/names).
  for (const names::Candidate& c : m.matcher->suggest(ref, kSuggestions))
    if (std::find(offered.begin(), offered.end(), c.entry) == offered.end())
      offered.push_back(c.entry);
  if (offered.size() > kSuggestions) offered.resize(kSuggestions);
  if (offered.empty()) {
    msg += ": no school has that id or that name; give the school's id (its SEED code or URN) "
           "as the schools list it";
  } else {
    msg += "; did you mean ";
    for (std::size_t k = 0; k < offered.size(); ++k) {
      if (k) msg += k + 1 == offered.size() ? " or " : ", ";
      msg += quote(schools[offered[k]].id) + " (" + quote(schools[offered[k]].name).substr(1);
      msg.back() = ')';
    }
    msg += "?";
  }
  return m.said.emplace(std::string(ref), msg).first->second;
}

}  // namespace collabnet::load
