// The one place where the rules of network-format.md are enforced (see builder.hpp).
#include "load/builder.hpp"
#include "load/school_refs.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <map>
#include <tuple>
#include <unordered_map>
#include <string_view>
#include <unordered_set>

namespace collabnet::load {

using nlohmann::json;

// ---- Diagnostics ---------------------------------------------------------------------------

// Warnings are capped too: a file with 100,000 suspicious records must not flood the terminal.
static constexpr std::size_t kMaxWarnings = 50;

void Diagnostics::add(Diagnostic d) {
  // A CSV problem repeated on another row (same file, column, severity and message) is folded
  // into the first: one problem, many rows.
  std::string key;
  if (d.line != 0 && d.column == 0) {
    key = d.file + '\0' + d.where + '\0' + d.message + (d.severity == Severity::error ? "E" : "W");
    if (auto it = repeat_index_.find(key); it != repeat_index_.end()) {
      repeats_[it->second].lines.push_back(d.line);
      return;
    }
  }
  std::size_t index = static_cast<std::size_t>(-1);
  if (d.severity == Severity::error) {
    if (errors_++ < kMaxReportedErrors) {
      index = list_.size();
      list_.push_back(d);
    }
  } else if (warnings_++ < kMaxWarnings) {
    index = list_.size();
    list_.push_back(d);
  } else if (warnings_ == kMaxWarnings + 1) {
    Diagnostic more = d;
    more.where.clear();
    more.line = more.column = 0;
    more.message = "more warnings not shown";
    list_.push_back(std::move(more));
  }
  if (!key.empty()) {
    repeat_index_.emplace(std::move(key), repeats_.size());
    repeats_.push_back({index, {d.line}});
  }
}

std::string line_ranges(const std::vector<std::size_t>& lines, std::size_t max_ranges) {
  std::string out;
  std::size_t ranges = 0;
  for (std::size_t i = 0; i < lines.size();) {
    std::size_t j = i;
    while (j + 1 < lines.size() && lines[j + 1] == lines[j] + 1) ++j;
    if (ranges == max_ranges) {
      out += ", and " + std::to_string(lines.size() - i) + " more";
      break;
    }
    if (ranges++) out += ", ";
    out += std::to_string(lines[i]);
    if (j > i) out += "–" + std::to_string(lines[j]);
    i = j + 1;
  }
  return out;
}

std::vector<Diagnostic> Diagnostics::all() const {
  std::vector<Diagnostic> out = list_;
  for (const Repeats& r : repeats_) {
    if (r.lines.size() < 2 || r.index >= out.size()) continue;
    Diagnostic& d = out[r.index];
    std::vector<std::size_t> lines = r.lines;
    std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    d.line = 0;
    d.message += " (" + std::to_string(r.lines.size()) + " rows: " + line_ranges(lines) + ")";
  }
  return out;
}

std::vector<Diagnostic> Diagnostics::warnings() const {
  std::vector<Diagnostic> out;
  for (auto& d : all())
    if (d.severity == Severity::warning) out.push_back(std::move(d));
  return out;
}

void Diagnostics::throw_errors() const {
  InputError e(all());
  e.set_error_count(errors_);
  throw e;
}

// ---- Naming --------------------------------------------------------------------------------

std::string_view section_name(Section s) {
  switch (s) {
    case Section::top: return "";
    case Section::schools: return "schools";
    case Section::staff: return "staff";
    case Section::groupings: return "groupings";
    case Section::partnerships: return "partnerships";
    case Section::memberships: return "memberships";
    case Section::assessments: return "assessments";
  }
  return "";
}

std::string Naming::file_of(Section s) const {
  if (!csv) return json_file;
  std::string folder = csv_folder;
  if (!folder.empty() && folder.back() != '/') folder += '/';
  if (s == Section::top) return csv_folder;
  return folder + std::string(section_name(s)) + ".csv";
}

// ---- Builder state -------------------------------------------------------------------------

namespace {

constexpr std::size_t kUnresolved = static_cast<std::size_t>(-1);
/// Where a staff record was (the section is always staff): 8 bytes a record instead of a
/// Place's 24, for the 500,000 staff of a large file (8 MiB less at the peak of a load). No
/// file holds 2^32 records (it would take over 100 GB).
struct StaffPlace {
  std::uint32_t index = 0, line = 0;
  static StaffPlace of(const Place& p) {
    return {static_cast<std::uint32_t>(p.index), static_cast<std::uint32_t>(p.line)};
  }
  Place place() const { return Place{Section::staff, index, line}; }
};

struct PendingStaffSchool {
  std::size_t staff;       ///< index into Network::staff
  std::string school_ref;  ///< a school id not (yet) seen when the staff record was read
};
/// An id named in a list, with its position in the list as written (for messages).
struct IdRef {
  std::size_t pos;
  std::string id;
};
struct PendingGrouping {
  Grouping grouping;
  std::vector<IdRef> member_refs;
  std::vector<Place> member_places;
  Place place;
};
struct PendingPartnership {
  Partnership p;
  std::string from_ref, to_ref;
  std::vector<IdRef> staff_refs;
  std::vector<IdRef> reported_refs;
  std::optional<std::string> grouping_ref;
  Place place;
};

template <std::size_t N>
std::vector<std::string_view> as_vector(const std::string_view (&a)[N]) {
  return {std::begin(a), std::end(a)};
}

/// "; did you mean "a" or "b"?" for a list of nearest ids, "" for none.
std::string suggestion(const std::vector<std::string>& ids) {
  if (ids.empty()) return "";
  std::string s = "; did you mean ";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    s += i == 0 ? "" : i + 1 == ids.size() ? " or " : ", ";  // appended piece by piece (-Wrestrict)
    s += quote(ids[i]);
  }
  return s + "?";
}

std::string join(const std::vector<std::string_view>& v) {
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::string(v[i]);
  return s;
}

std::string describe(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case json::value_t::string: return quote(v.get_ref<const std::string&>());
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "number " + v.dump();
    default: return "a value of another kind";
  }
}

const std::vector<std::string_view> kSchoolKeys = {"id", "name", "authority", "sector", "roll",
                                                   "rural", "lat", "lon"};
const std::vector<std::string_view> kStaffKeys = {"id", "school", "role", "name"};
const std::vector<std::string_view> kGroupingKeys = {"id", "name", "kind", "basis", "members"};
const std::vector<std::string_view> kPartnershipKeys = {
    "id",   "from",  "to",    "direction", "activity", "weight",
    "level", "staff", "grouping", "since",  "until", "reported_by"};
const std::vector<std::string_view> kSurveyKeys = {"name", "closed", "respondents"};
const std::vector<std::string_view> kAssessmentKeys = {"subject", "subject_kind", "date",
                                                       "indicator", "level", "note"};

}  // namespace

struct NetworkBuilder::Impl {
  Naming naming;
  Diagnostics* diags;
  Network net;
  std::vector<PendingStaffSchool> staff_pending;
  std::vector<StaffPlace> staff_places;  ///< parallel to net.staff
  std::vector<PendingGrouping> groupings;
  // A deque: a growing vector of these large records spent 5 % of a load moving them.
  std::deque<PendingPartnership> partnerships;
  std::unordered_map<std::string, std::size_t> school_index;
  // Staff records usually come grouped by school: the last school found, to skip the hash.
  std::string last_school_ref;
  std::size_t last_school = kUnresolved;

  /// The index of school `ref` if it is known yet, else kUnresolved.
  std::size_t find_school(const std::string& ref) {
    if (last_school != kUnresolved && ref == last_school_ref) return last_school;
    auto it = school_index.find(ref);
    if (it == school_index.end()) return kUnresolved;
    last_school_ref = ref;
    last_school = it->second;
    return last_school;
  }
  std::vector<Place> school_places;
  std::optional<Place> as_of_place;
  std::vector<IdRef> survey_respondents;  ///< resolved in finish()
  std::vector<Place> assessment_places;  ///< parallel to net.assessments
  /// key_hint's answers, by list of known keys and unknown key.
  std::map<std::pair<const void*, std::string>, std::optional<std::string>> key_hints;
};

NetworkBuilder::NetworkBuilder(Naming naming, Diagnostics& diagnostics)
    : impl_(std::make_shared<Impl>()) {
  impl_->naming = std::move(naming);
  impl_->diags = &diagnostics;
}

Diagnostic NetworkBuilder::at(const Place& place, std::string_view field, std::string message,
                              Severity severity) const {
  Diagnostic d;
  d.severity = severity;
  d.file = impl_->naming.file_of(place.section);
  d.message = std::move(message);
  if (impl_->naming.csv) {
    d.line = place.line;
    // A CSV cell is named by its column: "members[2]" → "members".
    d.where = std::string(field.substr(0, field.find('[')));
  } else {
    std::string path;
    if (place.section != Section::top)
      path = std::string(section_name(place.section)) + "[" + std::to_string(place.index) + "]";
    if (!field.empty()) {
      if (!path.empty() && field.front() != '[') path += '.';
      path += field;
    }
    d.where = std::move(path);
  }
  return d;
}

void NetworkBuilder::error(const Place& place, std::string_view field, std::string message) {
  impl_->diags->add(at(place, field, std::move(message)));
}
void NetworkBuilder::warning(const Place& place, std::string_view field, std::string message) {
  impl_->diags->add(at(place, field, std::move(message), Severity::warning));
}

const std::optional<std::string>& NetworkBuilder::key_hint(
    const std::string& key, const std::vector<std::string_view>& known) {
  auto [it, added] = impl_->key_hints.try_emplace({&known, key});
  if (added) it->second = did_you_mean(key, known);
  return it->second;
}

// ---- Field readers -------------------------------------------------------------------------
// Each returns nullopt after reporting when the value is wrong; absent (or null) optional
// fields are simply nullopt.

namespace {

class Reader {
 public:
  Reader(NetworkBuilder& b, const json& rec, const Place& place,
         const std::vector<std::string_view>& known)
      : b_(b), rec_(rec), place_(place) {
    for (const auto& [key, value] : rec.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      extra.push_back({key, value.dump()});
      // CSV: the loader hints once per misspelt header column, not once per row.
      if (b.naming().csv) continue;
      if (const auto& hint = b.key_hint(key, known))
        b.warning(place, key,
                  "unknown key kept as an extra attribute; did you mean \"" + *hint + "\"?");
    }
  }

  const json* find(std::string_view key) const {
    auto it = rec_.find(key);
    if (it == rec_.end() || it->is_null()) return nullptr;
    return &*it;
  }
  bool has(std::string_view key) const { return find(key) != nullptr; }

  std::optional<std::string> string(std::string_view key, bool required) {
    const json* v = find(key);
    if (!v) {
      if (required) b_.error(place_, key, "is required");
      return std::nullopt;
    }
    if (!v->is_string()) {
      std::string msg = "must be a string, got " + describe(*v);
      if (v->is_number()) msg += " (write it in quotes: \"" + v->dump() + "\")";
      b_.error(place_, key, msg);
      return std::nullopt;
    }
    return v->get<std::string>();
  }

  std::optional<std::string> id(std::string_view key, bool required) {
    auto s = string(key, required);
    if (!s) return s;
    if (s->empty()) {
      b_.error(place_, key, "must not be empty");
      return std::nullopt;
    }
    if (std::string why = id_problem(*s); !why.empty()) {
      b_.error(place_, key, why);
      return std::nullopt;
    }
    return s;
  }

  /// A display name: any text, but a control character or noncharacter is worth a warning.
  std::optional<std::string> name(std::string_view key, bool required) {
    auto s = string(key, required);
    if (s) {
      if (std::string why = name_problem(*s); !why.empty()) b_.warning(place_, key, why);
    }
    return s;
  }

  std::string choice(std::string_view key, const std::vector<std::string_view>& allowed,
                     std::string_view what) {
    auto s = string(key, false);
    if (!s) return "";
    if (std::find(allowed.begin(), allowed.end(), *s) != allowed.end()) return *s;
    std::string msg = "unknown " + std::string(what) + " " + quote(*s) + "; expected one of " +
                      join(allowed);
    if (auto hint = did_you_mean(*s, allowed)) msg += " (did you mean \"" + *hint + "\"?)";
    b_.error(place_, key, msg);
    return "";
  }

  std::optional<double> number(std::string_view key) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
      b_.error(place_, key, "must be a number, got " + describe(*v));
      return std::nullopt;
    }
    const double d = v->get<double>();
    if (!std::isfinite(d)) {
      b_.error(place_, key, "must be a finite number, got " + v->dump());
      return std::nullopt;
    }
    return d;
  }

  std::optional<std::int64_t> whole(std::string_view key, std::int64_t lo, std::int64_t hi,
                                    const std::string& expect) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (v->is_number_integer() || v->is_number_unsigned()) {
      if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(hi)) {
        b_.error(place_, key, "must be " + expect + ", got " + v->dump());
        return std::nullopt;
      }
      const auto i = v->get<std::int64_t>();
      if (i >= lo && i <= hi) return i;
    }
    b_.error(place_, key, "must be " + expect + ", got " + describe(*v));
    return std::nullopt;
  }

  std::optional<bool> boolean(std::string_view key) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
      b_.error(place_, key, "must be true or false, got " + describe(*v));
      return std::nullopt;
    }
    return v->get<bool>();
  }

  std::optional<std::string> date(std::string_view key) {
    auto s = string(key, false);
    if (!s) return s;
    std::string why;
    auto d = read_date(*s, b_.naming().dates_day_first, &why);
    if (!d) b_.error(place_, key, why);
    return d;
  }

  /// An array of ids; reports non-strings and repeats per element.
  std::vector<IdRef> id_list(std::string_view key, bool required, std::string_view what) {
    std::vector<IdRef> out;
    std::unordered_set<std::string_view> seen;  // into the record's own strings
    const json* v = find(key);
    if (!v) {
      if (required) b_.error(place_, key, "is required");
      return out;
    }
    if (!v->is_array()) {
      b_.error(place_, key, "must be an array of " + std::string(what) + " ids, got " +
                                describe(*v));
      return out;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
      const json& e = (*v)[i];
      const std::string sub = std::string(key) + "[" + std::to_string(i) + "]";
      if (!e.is_string() || e.get_ref<const std::string&>().empty()) {
        b_.error(place_, sub, "must be a " + std::string(what) + " id (a non-empty string), got " +
                                  describe(e));
        continue;
      }
      const auto& s = e.get_ref<const std::string&>();
      if (std::string why = id_problem(s); !why.empty()) {
        b_.error(place_, sub, why);
        continue;
      }
      if (!seen.insert(s).second) {
        b_.error(place_, sub, std::string(what) + " " + quote(s) + " is listed twice");
        continue;
      }
      out.push_back({i, s});
    }
    return out;
  }

  ExtraAttributes extra;

 private:
  NetworkBuilder& b_;
  const json& rec_;
  const Place& place_;
};

bool require_object(NetworkBuilder& b, const json& rec, const Place& place, std::string_view what) {
  if (rec.is_object()) return true;
  b.error(place, "", "each " + std::string(what) + " must be a JSON object {…}, got " +
                         describe(rec));
  return false;
}

}  // namespace

// ---- Records -------------------------------------------------------------------------------

void NetworkBuilder::set_top(std::string_view key, const json& value) {
  const Place top{};
  if (key == "format") {
    if (!value.is_string() || value.get<std::string>() != "collabnet/1")
      error(top, "format", "unsupported format " + describe(value) +
                               "; this version of collabnet reads \"collabnet/1\"");
  } else if (key == "name") {
    if (value.is_string())
      impl_->net.name = value.get<std::string>();
    else if (!value.is_null())
      error(top, "name", "must be a string, got " + describe(value));
  } else if (key == "survey") {
    if (value.is_null()) return;
    if (!value.is_object()) {
      error(top, "survey", "must be an object {\"respondents\": [school ids], …}, got " +
                               describe(value));
      return;
    }
    const Place place{};
    Reader r(*this, value, place, kSurveyKeys);
    Survey survey;
    if (auto n = r.string("name", false)) survey.name = *n;
    if (r.has("closed")) survey.closed = r.date("closed");
    impl_->survey_respondents = r.id_list("respondents", true, "school");
    if (!r.extra.empty())
      error(top, "survey." + r.extra.front().key,
            "unknown key; a survey has name, closed and respondents");
    impl_->net.survey = std::move(survey);
  } else if (key == "as_of") {
    if (value.is_null()) return;
    std::string why;
    if (!value.is_string())
      error(top, "as_of", "must be a date written YYYY-MM-DD, got " + describe(value));
    else if (!is_iso_date(value.get<std::string>(), &why))
      error(top, "as_of", why);
    else
      impl_->net.as_of = value.get<std::string>();
  }
}

void NetworkBuilder::add_school(const json& rec, const Place& place) {
  if (!require_object(*this, rec, place, "school")) return;
  Reader r(*this, rec, place, kSchoolKeys);
  School s;
  auto id = r.id("id", true);
  if (auto name = r.name("name", true)) s.name = *name;
  if (auto a = r.string("authority", false)) s.authority = *a;
  s.sector = r.choice("sector", as_vector(kSectors), "sector");
  s.roll = r.whole("roll", 0, std::numeric_limits<std::int64_t>::max(), "a whole number ≥ 0");
  s.rural = r.boolean("rural");
  s.lat = r.number("lat");
  s.lon = r.number("lon");
  if (s.lat && (*s.lat < -90 || *s.lat > 90)) {
    error(place, "lat", "must be between -90 and 90 (degrees north), got " + rec["lat"].dump());
    s.lat.reset();
  }
  if (s.lon && (*s.lon < -180 || *s.lon > 180)) {
    error(place, "lon", "must be between -180 and 180 (degrees east), got " + rec["lon"].dump());
    s.lon.reset();
  }
  if (r.has("lat") != r.has("lon"))
    error(place, r.has("lat") ? "lon" : "lat",
          std::string("is missing: ") + (r.has("lat") ? "lat" : "lon") +
              " is given, and a location needs both lat and lon (or neither)");
  s.extra = std::move(r.extra);
  if (!id) return;
  s.id = *id;
  auto [it, inserted] = impl_->school_index.emplace(s.id, impl_->net.schools.size());
  if (!inserted) {
    const Place& first = impl_->school_places[it->second];
    error(place, "id", "duplicate school id " + quote(s.id) + " (first used at " +
                           describe_place(first) + ")");
    return;
  }
  impl_->school_places.push_back(place);
  impl_->net.schools.push_back(std::move(s));
}

const Naming& NetworkBuilder::naming() const { return impl_->naming; }

std::string NetworkBuilder::describe_place(const Place& p) const {
  if (impl_->naming.csv) return "line " + std::to_string(p.line);
  return std::string(section_name(p.section)) + "[" + std::to_string(p.index) + "]";
}

void NetworkBuilder::add_staff(const json& rec, const Place& place) {
  if (!require_object(*this, rec, place, "staff member")) return;
  Reader r(*this, rec, place, kStaffKeys);
  Staff staff;
  auto id = r.id("id", true);
  auto school = r.id("school", true);
  staff.role = r.choice("role", as_vector(kRoles), "role");
  staff.name = r.name("name", false);
  staff.extra = std::move(r.extra);
  if (!id || !school) return;
  warn_example(place, *id);
  staff.id = std::move(*id);
  // Staff are the bulk of a large file (500k records): resolve the school now when it is already
  // known, so that no second copy of the record waits for finish().
  staff.school = impl_->find_school(*school);
  if (staff.school == kUnresolved)
    impl_->staff_pending.push_back({impl_->net.staff.size(), std::move(*school)});
  impl_->staff_places.push_back(StaffPlace::of(place));
  impl_->net.staff.push_back(std::move(staff));
}

void NetworkBuilder::expect_staff(std::size_t count) {
  Impl& m = *impl_;
  try {
    m.net.staff.reserve(m.net.staff.size() + count);
    m.staff_places.reserve(m.staff_places.size() + count);
  } catch (const std::exception&) {  // bad_alloc or length_error: grow as records come
  }
}

bool NetworkBuilder::add_staff_fields(const std::string* id, const std::string* school,
                                      const std::string* role, const std::string* name,
                                      const Place& place) {
  // Anything add_staff would report sends the record there, so messages stay in one place.
  auto good_id = [](const std::string* s) {
    return s && !s->empty() && !first_unwanted_char(*s);
  };
  if (!good_id(id) || !good_id(school) || id->starts_with(kExamplePrefix)) return false;
  if (name && first_unwanted_char(*name, "\t\n\r")) return false;  // add_staff warns
  if (role && std::find(std::begin(kRoles), std::end(kRoles), *role) == std::end(kRoles))
    return false;
  // From here on exactly what add_staff does with a valid record.
  Impl& m = *impl_;
  const std::size_t index = m.net.staff.size();
  Staff& staff = m.net.staff.emplace_back();
  staff.id = *id;
  if (role) staff.role = *role;
  if (name) staff.name = *name;
  staff.school = m.find_school(*school);
  if (staff.school == kUnresolved) m.staff_pending.push_back({index, *school});
  m.staff_places.push_back(StaffPlace::of(place));
  return true;
}

void NetworkBuilder::add_grouping(const json& rec, const Place& place,
                                  std::vector<Place> member_places) {
  if (!require_object(*this, rec, place, "grouping")) return;
  Reader r(*this, rec, place, kGroupingKeys);
  PendingGrouping pg;
  pg.place = place;
  auto id = r.id("id", true);
  if (auto n = r.name("name", false)) pg.grouping.name = *n;
  pg.grouping.kind = r.choice("kind", as_vector(kGroupingKinds), "grouping kind");
  pg.grouping.basis = r.choice("basis", as_vector(kGroupingBases), "basis");
  const json* members = r.find("members");
  if (members && members->is_array() && members->empty())
    error(place, "members", impl_->naming.csv
                                ? "has no schools; list them in memberships.csv, one row "
                                  "(grouping,school) per member"
                                : "must list at least 1 school");
  pg.member_refs = r.id_list("members", true, "school");
  pg.member_places = std::move(member_places);
  pg.grouping.extra = std::move(r.extra);
  if (!id) return;
  warn_example(place, *id);
  pg.grouping.id = std::move(*id);
  impl_->groupings.push_back(std::move(pg));
}

void NetworkBuilder::warn_example(const Place& place, std::string_view id) {
  if (id.starts_with(kExamplePrefix))
    warning(place, "id",
            quote(id) + " is the example row of collabnet template; overwrite it with your own "
                        "record or delete the row");
}

std::string NetworkBuilder::activity_word(const Place& place, std::string_view given) {
  // Open vocabulary: a known word however it is capitalised or spaced ("Joint CPD",
  // "Transition") is that word; any other text is kept as given.
  const auto first = given.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  given = given.substr(first, given.find_last_not_of(" \t") - first + 1);
  std::string key;
  for (char c : given) {
    const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (l == ' ' || l == '_' || l == '-') {
      if (!key.empty() && key.back() != '-') key += '-';
    } else {
      key += l;
    }
  }
  for (std::string_view known : kActivities)
    if (key == known) return std::string(known);
  if (auto hint = did_you_mean(key, as_vector(kActivities)))
    warning(place, "activity",
            "activity " + quote(given) + " is kept as an activity of its own; did you mean \"" +
                *hint + "\"?");
  return std::string(given);
}

void NetworkBuilder::add_partnership(const json& rec, const Place& place) {
  if (!require_object(*this, rec, place, "partnership")) return;
  Reader r(*this, rec, place, kPartnershipKeys);
  PendingPartnership pp;
  pp.place = place;
  bool ok = true;
  if (r.has("id")) {
    auto id = r.id("id", false);
    ok = ok && id.has_value();
    if (id) pp.p.id = *id;
    if (id) warn_example(place, *id);
  } else {
    pp.p.id_generated = true;
  }
  auto from = r.id("from", true);
  auto to = r.id("to", true);
  ok = ok && from && to;
  if (auto dir = r.string("direction", false)) {
    if (*dir == "one-way")
      pp.p.direction = Direction::one_way;
    else if (*dir != "mutual") {
      std::string msg = "must be \"mutual\" or \"one-way\", got " + quote(*dir);
      if (auto hint = did_you_mean(*dir, {"mutual", "one-way"}))
        msg += " (did you mean \"" + *hint + "\"?)";
      error(place, "direction", msg);
    }
  }
  if (auto activity = r.string("activity", false)) pp.p.activity = activity_word(place, *activity);
  if (r.has("weight")) {
    if (auto w = r.number("weight")) {
      if (*w > kMaxWeight)
        warning(place, "weight",
                "is unusually large for an intensity (e.g. joint activities per term): " +
                    rec["weight"].dump() + "; check the scale (it is counted as given)");
      if (*w > 0)
        pp.p.weight = *w;
      else
        error(place, "weight", "must be greater than 0 (an intensity, e.g. joint activities per "
                               "term), got " + rec["weight"].dump());
    }
  }
  if (auto level = r.whole("level", 1, 5, "a whole number from 1 (none) to 5 (advanced)"))
    pp.p.level = static_cast<int>(*level);
  pp.staff_refs = r.id_list("staff", false, "staff");
  pp.reported_refs = r.id_list("reported_by", false, "school");
  if (r.has("grouping")) pp.grouping_ref = r.id("grouping", false);
  pp.p.since = r.date("since");
  pp.p.until = r.date("until");
  if (pp.p.since && pp.p.until && *pp.p.until < *pp.p.since)
    error(place, "until", quote(*pp.p.until) + " is before since " + quote(*pp.p.since) +
                              " (a partnership cannot end before it starts)");
  pp.p.extra = std::move(r.extra);
  if (from && to && *from == *to) {
    error(place, "to", "is the same school as from (" + quote(*from) +
                           "); a partnership joins two different schools");
    ok = false;
  }
  if (!ok) return;
  pp.from_ref = std::move(*from);
  pp.to_ref = std::move(*to);
  impl_->partnerships.push_back(std::move(pp));
}

bool NetworkBuilder::add_partnership_fields(const PartnershipFields& f, const Place& place) {
  // Anything add_partnership would report (or warn about) sends the record there.
  auto good_id = [](const std::string* s) { return !s->empty() && !first_unwanted_char(*s); };
  if (!f.from || !f.to || !good_id(f.from) || !good_id(f.to) || *f.from == *f.to) return false;
  if (f.id && (!good_id(f.id) || f.id->starts_with(kExamplePrefix))) return false;
  if (f.grouping && !good_id(f.grouping)) return false;
  if (f.direction && *f.direction != "mutual" && *f.direction != "one-way") return false;
  if (f.activity && std::find(std::begin(kActivities), std::end(kActivities), *f.activity) ==
                        std::end(kActivities))
    return false;
  double weight = 1.0;
  if (f.weight) {
    weight = f.weight->get<double>();
    if (!std::isfinite(weight) || !(weight > 0) || weight > kMaxWeight) return false;
  }
  std::int64_t level = 0;
  if (f.level) {
    if (f.level->is_number_unsigned()) {
      if (f.level->get<std::uint64_t>() > 5) return false;
    } else if (!f.level->is_number_integer()) {
      return false;
    }
    level = f.level->get<std::int64_t>();
    if (level < 1 || level > 5) return false;
  }
  if (f.staff) {
    // A repeat goes to the general path, which reports it. Sorted views find one in
    // O(k log k) with one allocation (lists can be long; pairwise was quadratic).
    std::vector<std::string_view> ids;
    ids.reserve(f.staff->size());
    for (const std::string& s : *f.staff) {
      if (!good_id(&s)) return false;
      ids.push_back(s);
    }
    std::sort(ids.begin(), ids.end());
    if (std::adjacent_find(ids.begin(), ids.end()) != ids.end()) return false;
  }
  if ((f.since && !is_iso_date(*f.since)) || (f.until && !is_iso_date(*f.until))) return false;
  if (f.since && f.until && *f.until < *f.since) return false;
  // From here on exactly what add_partnership does with a valid record.
  PendingPartnership& pp = impl_->partnerships.emplace_back();
  pp.place = place;
  if (f.id)
    pp.p.id = *f.id;
  else
    pp.p.id_generated = true;
  if (f.direction && *f.direction == "one-way") pp.p.direction = Direction::one_way;
  if (f.activity) pp.p.activity = *f.activity;
  pp.p.weight = weight;
  if (f.level) pp.p.level = static_cast<int>(level);
  if (f.staff) {
    pp.staff_refs.reserve(f.staff->size());
    for (std::size_t i = 0; i < f.staff->size(); ++i) pp.staff_refs.push_back({i, (*f.staff)[i]});
  }
  if (f.grouping) pp.grouping_ref = *f.grouping;
  if (f.since) pp.p.since = *f.since;
  if (f.until) pp.p.until = *f.until;
  pp.from_ref = *f.from;
  pp.to_ref = *f.to;
  return true;
}

void NetworkBuilder::add_assessment(const json& rec, const Place& place) {
  if (!require_object(*this, rec, place, "assessment")) return;
  Reader r(*this, rec, place, kAssessmentKeys);
  Assessment a;
  bool ok = true;
  const bool has_kind = r.has("subject_kind");
  a.subject_kind = r.choice("subject_kind", as_vector(kSubjectKinds), "subject kind");
  if (!has_kind) error(place, "subject_kind", "is required: grouping, school, partnership or network");
  ok = ok && !a.subject_kind.empty();
  if (a.subject_kind == "network") {
    if (r.has("subject")) {
      error(place, "subject", "must be left out when subject_kind is \"network\" (the whole "
                              "network is the subject)");
      ok = false;
    }
  } else if (!r.has("subject")) {
    if (!a.subject_kind.empty())
      error(place, "subject", "is required: the id of the " + a.subject_kind +
                                  " rated (only subject_kind \"network\" has no subject)");
    ok = false;
  } else if (auto subject = r.id("subject", true)) {
    a.subject = *subject;
  } else {
    ok = false;
  }
  if (!r.has("date")) {
    error(place, "date", "is required: the date of the rating (the wave), written YYYY-MM-DD");
    ok = false;
  } else if (auto date = r.date("date")) {
    a.date = *date;
  } else {
    ok = false;
  }
  std::vector<std::string_view> indicators = as_vector(kIndicators);
  indicators.push_back(kOverallIndicator);
  if (!r.has("indicator")) {
    error(place, "indicator", "is required: one of " + join(indicators));
    ok = false;
  } else {
    a.indicator = r.choice("indicator", indicators, "indicator");
    ok = ok && !a.indicator.empty();
  }
  if (!r.has("level")) {
    error(place, "level", "is required: a whole number from 1 (no collaboration) to 5 (advanced)");
    ok = false;
  } else if (auto level = r.whole("level", 1, 5,
                                  "a whole number from 1 (no collaboration) to 5 (advanced)")) {
    a.level = static_cast<int>(*level);
  } else {
    ok = false;
  }
  a.note = r.name("note", false);
  a.extra = std::move(r.extra);
  if (!ok) return;
  impl_->assessment_places.push_back(place);
  impl_->net.assessments.push_back(std::move(a));
}

// Assessments name their subject by id: it must be a grouping, school or partnership of this
// network (partnership ids as finally given or generated), and one subject, indicator and date
// hold one rating.
void NetworkBuilder::check_assessments(const Network& net, const std::vector<Place>& places) {
  std::unordered_set<std::string_view> schools, groupings, partnerships;
  for (const auto& s : net.schools) schools.insert(s.id);
  for (const auto& g : net.groupings) groupings.insert(g.id);
  for (const auto& p : net.partnerships) partnerships.insert(p.id);
  std::map<std::tuple<std::string_view, std::string_view, std::string_view, std::string_view>,
           std::size_t>
      first;
  for (std::size_t i = 0; i < net.assessments.size(); ++i) {
    const Assessment& a = net.assessments[i];
    const auto& known = a.subject_kind == "school"     ? schools
                        : a.subject_kind == "grouping" ? groupings
                                                       : partnerships;
    if (a.subject_kind != "network" && !known.count(a.subject)) {
      std::string msg = "unknown " + a.subject_kind + " id " + quote(a.subject);
      if (schools.count(a.subject) && a.subject_kind != "school")
        msg += " (it is a school id: set subject_kind to \"school\")";
      else if (groupings.count(a.subject) && a.subject_kind != "grouping")
        msg += " (it is a grouping id: set subject_kind to \"grouping\")";
      else
        msg += "; give the id of a " + a.subject_kind + " of this network";
      error(places[i], "subject", msg);
      continue;
    }
    auto [it, inserted] =
        first.emplace(std::tuple(std::string_view(a.subject_kind), std::string_view(a.subject),
                                 std::string_view(a.indicator), std::string_view(a.date)),
                      i);
    if (!inserted) {
      const std::string who = a.subject_kind == "network"
                                  ? std::string("the network")
                                  : a.subject_kind + " " + quote(a.subject);
      error(places[i], "", "a second rating of " + who + " on " + a.indicator + " for " +
                               a.date + " (first at " + describe_place(places[it->second]) +
                               "); keep one level per subject, indicator and date");
    }
  }
}

// ---- Linking -------------------------------------------------------------------------------

Network NetworkBuilder::finish() {
  Impl& m = *impl_;
  Network& net = m.net;
  // A school may be named by its id or, where people write names, by its name when exactly
  // one school has it; every such match is reported in one line per column.
  SchoolRefs refs(net.schools);
  struct NameUse {
    std::string file, where;
    std::vector<std::pair<std::string, std::size_t>> refs;  ///< (name as written, school)
    std::vector<std::size_t> counts;
  };
  std::vector<NameUse> name_uses;
  auto school_of = [&](const std::string& ref, const Place& place, std::string_view field)
      -> std::optional<std::size_t> {
    auto it = m.school_index.find(ref);
    if (it != m.school_index.end()) return it->second;
    if (auto by_name = refs.by_name(ref)) {
      const std::string column(field.substr(0, field.find('[')));
      Diagnostic d = at(place, column, "");
      if (!m.naming.csv) d.where = std::string(section_name(place.section)) + "[…]." + column;
      auto use = std::find_if(name_uses.begin(), name_uses.end(), [&](const NameUse& u) {
        return u.file == d.file && u.where == d.where;
      });
      if (use == name_uses.end())
        use = name_uses.insert(name_uses.end(), NameUse{d.file, d.where, {}, {}});
      auto seen = std::find_if(use->refs.begin(), use->refs.end(),
                               [&](const auto& r) { return r.first == ref; });
      if (seen == use->refs.end()) {
        use->refs.emplace_back(ref, *by_name);
        use->counts.push_back(1);
      } else {
        ++use->counts[static_cast<std::size_t>(seen - use->refs.begin())];
      }
      return *by_name;
    }
    error(place, field, refs.unknown(ref));
    return std::nullopt;
  };

  // Staff: schools named before their school record are resolved now; ids are checked for
  // repeats through a sorted index (4 bytes a record) rather than a hash map of strings.
  for (const auto& pending : m.staff_pending) {
    const Place place = m.staff_places[pending.staff].place();
    if (auto school = school_of(pending.school_ref, place, "school"))
      net.staff[pending.staff].school = *school;
  }
  m.staff_pending.clear();
  std::vector<std::uint32_t> staff_by_id(net.staff.size());
  for (std::size_t i = 0; i < staff_by_id.size(); ++i) staff_by_id[i] = static_cast<std::uint32_t>(i);
  auto by_staff_id = [&](std::uint32_t a, std::uint32_t b) {
    return net.staff[a].id < net.staff[b].id;
  };
  // Files usually list staff in id order: one linear check then spares the n log n sort.
  if (!std::is_sorted(staff_by_id.begin(), staff_by_id.end(), by_staff_id))
    std::stable_sort(staff_by_id.begin(), staff_by_id.end(), by_staff_id);
  {
    std::vector<std::pair<std::size_t, std::size_t>> repeats;  // (later, first), in input order
    for (std::size_t k = 1; k < staff_by_id.size(); ++k) {
      std::size_t first = k - 1;
      while (k < staff_by_id.size() && net.staff[staff_by_id[k]].id == net.staff[staff_by_id[first]].id)
        repeats.emplace_back(staff_by_id[k++], staff_by_id[first]);
    }
    std::sort(repeats.begin(), repeats.end());
    for (auto [later, first] : repeats)
      error(m.staff_places[later].place(), "id",
            "duplicate staff id " + quote(net.staff[later].id) + " (first used at " +
                describe_place(m.staff_places[first].place()) + ")");
  }
  // Looking a staff id up by binary search over the records themselves missed the cache at
  // every step (half of finish()): search the first 8 bytes of each id, in one compact array in
  // the same order (ordering by them agrees with ordering by the whole id), then compare whole
  // ids only among equal prefixes.
  auto prefix_of = [](const std::string& s) {
    std::uint64_t p = 0;
    for (std::size_t k = 0; k < 8; ++k)
      p = (p << 8) | (k < s.size() ? static_cast<unsigned char>(s[k]) : 0u);
    return p;
  };
  std::vector<std::uint64_t> staff_prefixes(staff_by_id.size());
  for (std::size_t i = 0; i < staff_by_id.size(); ++i)
    staff_prefixes[i] = prefix_of(net.staff[staff_by_id[i]].id);
  auto find_staff = [&](const std::string& id) -> std::optional<std::size_t> {
    const std::uint64_t p = prefix_of(id);
    const auto lo = std::lower_bound(staff_prefixes.begin(), staff_prefixes.end(), p);
    const auto hi = std::upper_bound(lo, staff_prefixes.end(), p);
    auto it = std::lower_bound(staff_by_id.begin() + (lo - staff_prefixes.begin()),
                               staff_by_id.begin() + (hi - staff_prefixes.begin()), id,
                               [&](std::uint32_t a, const std::string& key) {
                                 return net.staff[a].id < key;
                               });
    if (it == staff_by_id.end() || net.staff[*it].id != id) return std::nullopt;
    return *it;
  };

  // Groupings.
  std::unordered_map<std::string, std::size_t> grouping_index;
  std::vector<Place> grouping_places;
  for (auto& pg : m.groupings) {
    auto [it, inserted] = grouping_index.emplace(pg.grouping.id, net.groupings.size());
    if (!inserted) {
      error(pg.place, "id", "duplicate grouping id " + quote(pg.grouping.id) +
                                " (first used at " + describe_place(grouping_places[it->second]) +
                                ")");
      continue;
    }
    for (std::size_t i = 0; i < pg.member_refs.size(); ++i) {
      const IdRef& ref = pg.member_refs[i];
      const bool own_line = ref.pos < pg.member_places.size();
      const Place& where = own_line ? pg.member_places[ref.pos] : pg.place;
      const std::string field = own_line ? "school" : "members[" + std::to_string(ref.pos) + "]";
      if (auto s = school_of(ref.id, where, field)) pg.grouping.members.push_back(*s);
    }
    if (pg.member_refs.size() == 1)
      warning(pg.place, "members",
              "a grouping of one school (" + quote(pg.member_refs[0].id) +
                  "): collaboration needs 2 or more; is a member missing?");
    grouping_places.push_back(pg.place);
    net.groupings.push_back(std::move(pg.grouping));
  }

  // The survey's respondents.
  if (net.survey) {
    const Place top{};
    for (const IdRef& ref : m.survey_respondents)
      if (auto school = school_of(ref.id, top, "survey.respondents[" + std::to_string(ref.pos) +
                                                   "]"))
        net.survey->respondents.push_back(*school);
  }

  // Partnerships.
  std::size_t staff_hints_left = 20;
  std::unordered_map<std::string, std::size_t> partnership_index;
  std::vector<Place> partnership_places;
  net.partnerships.reserve(m.partnerships.size());  // no copies while growing
  partnership_places.reserve(m.partnerships.size());
  // The index maps an id to the record that first used it (in m.partnerships): that record may
  // itself be invalid and never reach net.partnerships (found by fuzzing).
  for (std::size_t k = 0; k < m.partnerships.size(); ++k) {
    PendingPartnership& pp = m.partnerships[k];
    Partnership& p = pp.p;
    bool ok = true;
    if (!p.id_generated) {
      auto [it, inserted] = partnership_index.emplace(p.id, k);
      if (!inserted) {
        error(pp.place, "id", "duplicate partnership id " + quote(p.id) + " (first used at " +
                                  describe_place(m.partnerships[it->second].place) + ")");
        ok = false;
      }
    }
    auto from = school_of(pp.from_ref, pp.place, "from");
    auto to = school_of(pp.to_ref, pp.place, "to");
    ok = ok && from && to;
    if (from && to && *from == *to) {  // one named by its id, the other by its name
      error(pp.place, "to", "names the same school as from (" + quote(net.schools[*from].id) +
                                "); a partnership joins two different schools");
      ok = false;
    }
    for (const IdRef& ref : pp.staff_refs) {
      const std::string field = "staff[" + std::to_string(ref.pos) + "]";
      auto found = find_staff(ref.id);
      if (!found) {
        std::string msg = "unknown staff id " + quote(ref.id);
        if (staff_hints_left > 0 && !net.staff.empty()) {  // bounded: staff lists can be huge
          --staff_hints_left;
          std::vector<std::string_view> ids;
          ids.reserve(net.staff.size());
          for (const Staff& st : net.staff) ids.push_back(st.id);
          msg += suggestion(nearest(ref.id, ids, 3));
        }
        error(pp.place, field, msg);
        ok = false;
        continue;
      }
      p.staff.push_back(*found);
      const std::size_t home = net.staff[*found].school;
      if (from && to && home != kUnresolved && home != *from && home != *to)
        warning(pp.place, field,
                "staff member " + quote(ref.id) + " belongs to " +
                    quote(net.schools[home].id) + ", which is neither school of this partnership");
    }
    for (const IdRef& ref : pp.reported_refs) {
      const std::string field = "reported_by[" + std::to_string(ref.pos) + "]";
      auto school = school_of(ref.id, pp.place, field);
      if (!school) {
        ok = false;
      } else if (from && to && *school != *from && *school != *to) {
        error(pp.place, field, "school " + quote(ref.id) + " is neither from (" +
                                   quote(pp.from_ref) + ") nor to (" + quote(pp.to_ref) +
                                   "); only the two schools of a partnership can report it");
        ok = false;
      } else {
        p.reported_by.push_back(*school);
      }
    }
    if (pp.grouping_ref) {
      auto it = grouping_index.find(*pp.grouping_ref);
      if (it == grouping_index.end()) {
        std::vector<std::string_view> ids;
        for (const Grouping& g : net.groupings) ids.push_back(g.id);
        error(pp.place, "grouping", "unknown grouping id " + quote(*pp.grouping_ref) +
                                        suggestion(nearest(*pp.grouping_ref, ids, 3)));
        ok = false;
      } else {
        p.grouping = it->second;
      }
    }
    if (!ok) continue;
    p.from = *from;
    p.to = *to;
    partnership_places.push_back(pp.place);
    net.partnerships.push_back(std::move(p));
  }
  m.partnerships.clear();

  // Every figure built on weights sums them: a total beyond any double (two weights of 1e308)
  // would make strengths infinite and PageRank NaN. Reported once, where the total passes it.
  {
    double total = 0;
    for (std::size_t i = 0; i < net.partnerships.size(); ++i) {
      total += net.partnerships[i].weight;
      if (total > kMaxTotalWeight) {
        error(partnership_places[i], "weight",
              "the weights of the partnerships up to this one add up to more than 1e300, too "
              "large to sum; give the weights on a smaller scale (intensities, e.g. joint "
              "activities per term)");
        break;
      }
    }
  }

  // Generated ids: "partnership-N" (N = 1-based record number), never clashing with given ids.
  for (std::size_t i = 0; i < net.partnerships.size(); ++i) {
    Partnership& p = net.partnerships[i];
    if (!p.id_generated) continue;
    std::string id = "partnership-" + std::to_string(i + 1);
    for (int k = 2; partnership_index.count(id); ++k)
      id = "partnership-" + std::to_string(i + 1) + "-" + std::to_string(k);
    p.id = id;
    partnership_index.emplace(id, i);
  }

  // Identical duplicate records (every field but the id): valid, but probably entered twice.
  // Records are grouped by their pair of schools through one sort (a map of vectors, and a
  // copy of both records per comparison, were 5 % of loading 46,000 partnerships).
  {
    static_assert(sizeof(Partnership) == 280, "Partnership changed: update same_but_id");
    auto same_but_id = [](const Partnership& a, const Partnership& b) {
      return std::tie(a.from, a.to, a.direction, a.activity, a.weight, a.level, a.staff,
                      a.grouping, a.since, a.until, a.reported_by, a.extra) ==
             std::tie(b.from, b.to, b.direction, b.activity, b.weight, b.level, b.staff,
                      b.grouping, b.since, b.until, b.reported_by, b.extra);
    };
    auto pair_of = [&](std::size_t i) {
      const Partnership& p = net.partnerships[i];
      return std::pair(std::min(p.from, p.to), std::max(p.from, p.to));
    };
    std::vector<std::size_t> order(net.partnerships.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return pair_of(a) < pair_of(b); });
    // A mutual partnership entered from both sides (A–B on one row, B–A on another, the same
    // details) is the same partnership twice.
    auto mirrored = [&](const Partnership& a, const Partnership& b) {
      if (a.direction != Direction::mutual || b.direction != Direction::mutual) return false;
      Partnership swapped = b;  // compares equal to a when only from and to are exchanged
      std::swap(swapped.from, swapped.to);
      return a.from != b.from && same_but_id(a, swapped);
    };
    struct Twin {
      std::size_t record, first;
      bool mirror;
      bool operator<(const Twin& o) const { return record < o.record; }
    };
    std::vector<Twin> twins;  // (record, the first it repeats)
    for (std::size_t start = 0, end = 0; start < order.size(); start = end) {
      end = start + 1;
      while (end < order.size() && pair_of(order[end]) == pair_of(order[start])) ++end;
      for (std::size_t k = start + 1; k < end; ++k) {
        // The pair's records in input order: the later one is reported.
        for (std::size_t l = start; l < k; ++l) {
          const std::size_t x = std::min(order[l], order[k]), y = std::max(order[l], order[k]);
          if (same_but_id(net.partnerships[x], net.partnerships[y])) {
            twins.push_back({y, x, false});
            break;
          }
          if (mirrored(net.partnerships[x], net.partnerships[y])) {
            twins.push_back({y, x, true});
            break;
          }
        }
      }
    }
    std::sort(twins.begin(), twins.end());
    twins.erase(std::unique(twins.begin(), twins.end(),
                            [](const Twin& a, const Twin& b) { return a.record == b.record; }),
                twins.end());
    for (const Twin& t : twins) {
      if (!t.mirror) {
        warning(partnership_places[t.record], "",
                "identical to " + describe_place(partnership_places[t.first]) +
                    " apart from its id; entered twice? Both are counted");
        continue;
      }
      const Partnership& p = net.partnerships[t.record];
      warning(partnership_places[t.record], "",
              "the same partnership as " + describe_place(partnership_places[t.first]) +
                  ", entered from the other side (" + quote(net.schools[p.from].id) + " and " +
                  quote(net.schools[p.to].id) + " swapped, every other detail the same); keep "
                  "one of the two rows: both are counted");
    }
  }

  for (const NameUse& use : name_uses) {
    std::size_t cells = 0;
    for (std::size_t c : use.counts) cells += c;
    std::string list;
    for (std::size_t k = 0; k < use.refs.size(); ++k) {
      if (k == 8) {
        list += ", and " + std::to_string(use.refs.size() - k) + " more";
        break;
      }
      if (k) list += ", ";
      list += quote(use.refs[k].first);
      list += " = ";
      list += quote(net.schools[use.refs[k].second].id);
      if (use.counts[k] > 1) list += " (" + std::to_string(use.counts[k]) + " times)";
    }
    Diagnostic d;
    d.severity = Severity::warning;
    d.file = use.file;
    d.where = use.where;
    d.message = std::to_string(cells) + (cells == 1 ? " cell names" : " cells name") +
                " a school by its name, not its id; each matched the one school of that name: " +
                list;
    m.diags->add(std::move(d));
  }

  check_assessments(net, m.assessment_places);
  if (m.diags->has_errors()) m.diags->throw_errors();
  return std::move(net);
}

}  // namespace collabnet::load
