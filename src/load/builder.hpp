#pragma once
// Internal: turns records (one JSON object per school, staff member, grouping or partnership,
// from either the JSON stream or a CSV row) into a validated Network. Both loaders share it, so
// every rule of network-format.md is enforced in exactly one place, with located messages.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "collabnet/diagnostic.hpp"
#include "collabnet/network.hpp"

namespace collabnet::load {

enum class Section { top, schools, staff, groupings, partnerships, memberships, assessments };

/// Where a record came from: its position in its section and, for CSV, its line.
struct Place {
  Section section = Section::top;
  std::size_t index = 0;  ///< position in the JSON array / data row number in the CSV file
  std::size_t line = 0;   ///< CSV line where the record starts; 0 for JSON
};

/// Collects diagnostics; keeps the first kMaxReportedErrors problems and counts the rest.
/// The same problem on several rows of a CSV file (same file, column and message) is one
/// problem: it is shown once, with its rows ("… (74 rows: 2–75)"), so that repeats never hide
/// a distinct problem behind the cap.
class Diagnostics {
 public:
  void add(Diagnostic d);
  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  /// Every diagnostic kept, repeats folded into their first one.
  std::vector<Diagnostic> all() const;
  std::vector<Diagnostic> warnings() const;
  [[noreturn]] void throw_errors() const;

 private:
  struct Repeats {
    std::size_t index;               ///< into list_, or SIZE_MAX when beyond the cap
    std::vector<std::size_t> lines;  ///< every line it was found on, in order
  };
  std::vector<Diagnostic> list_;
  std::vector<Repeats> repeats_;
  std::unordered_map<std::string, std::size_t> repeat_index_;  ///< key → into repeats_
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
};

/// "2–75", "2, 5, 9–12": line numbers (sorted, distinct) as ranges; after `max_ranges` ranges,
/// "and N more".
std::string line_ranges(const std::vector<std::size_t>& lines, std::size_t max_ranges = 12);

/// How places are named: one JSON file, or one CSV file per section in a folder.
struct Naming {
  bool csv = false;
  std::string json_file;      ///< JSON: the file as the user named it
  std::string csv_folder;     ///< CSV: the folder as the user named it (files are inside)
  bool dates_day_first = false;  ///< --date-format DD/MM/YYYY (LoadOptions::dates_day_first)
  std::string file_of(Section s) const;
};

std::string_view section_name(Section s);  ///< "schools", "staff", …, "memberships"

/// A partnership record read without a JSON object (see add_partnership_fields); a null
/// pointer is an absent field.
struct PartnershipFields {
  const std::string *id = nullptr, *from = nullptr, *to = nullptr, *direction = nullptr,
                    *activity = nullptr, *grouping = nullptr, *since = nullptr, *until = nullptr;
  const nlohmann::json *weight = nullptr, *level = nullptr;  ///< numbers
  const std::vector<std::string>* staff = nullptr;
};

class NetworkBuilder {
 public:
  NetworkBuilder(Naming naming, Diagnostics& diagnostics);

  /// A located diagnostic: JSON `FILE: schools[3].roll: …`, CSV `FILE:LINE: roll: …`.
  /// `field` may be "" (the record itself) or a sub-path such as "members[2]" (JSON) which CSV
  /// shows as its column ("members").
  Diagnostic at(const Place& place, std::string_view field, std::string message,
                Severity severity = Severity::error) const;
  void error(const Place& place, std::string_view field, std::string message);
  void warning(const Place& place, std::string_view field, std::string message);
  /// did_you_mean(key, known), worked out once per unknown key of each list of known keys: a
  /// real export repeats the same few extra keys on every record. `known` is one of the static
  /// lists of keys: answers are kept by its address.
  const std::optional<std::string>& key_hint(const std::string& key,
                                             const std::vector<std::string_view>& known);

  /// Top-level scalar fields ("format", "name", "as_of").
  void set_top(std::string_view key, const nlohmann::json& value);

  /// One record each. `record` should be an object (anything else is reported).
  void add_school(const nlohmann::json& record, const Place& place);
  void add_staff(const nlohmann::json& record, const Place& place);
  /// The same for a staff record read as string fields, without a JSON object (null: the field
  /// is absent): takes it and returns true when it is valid and raises no warning (the usual
  /// case), else returns false having done nothing, and the caller passes the record to
  /// add_staff, which words every message.
  bool add_staff_fields(const std::string* id, const std::string* school, const std::string* role,
                        const std::string* name, const Place& place);
  /// About `count` staff records are to come: makes room for them if memory allows.
  void expect_staff(std::size_t count);
  /// `member_places`, if given (CSV memberships.csv), locates each member id on its own line.
  void add_grouping(const nlohmann::json& record, const Place& place,
                    std::vector<Place> member_places = {});
  void add_partnership(const nlohmann::json& record, const Place& place);
  /// The same for a partnership read as fields: takes it and returns true when it is valid
  /// and raises no warning, else returns false having done nothing (see add_staff_fields).
  bool add_partnership_fields(const PartnershipFields& fields, const Place& place);
  /// One framework rating (network-format.md, "assessments"); its subject is resolved, and
  /// repeats are found, in finish().
  void add_assessment(const nlohmann::json& record, const Place& place);

  /// Resolves every id reference, checks cross-record rules and emits warnings. Throws
  /// InputError (all errors, with the warnings) if anything was wrong; otherwise returns the
  /// network, leaving the warnings in the Diagnostics.
  Network finish();

  /// A warning when `id` is still one of collabnet template's example rows ("example-…").
  void warn_example(const Place& place, std::string_view id);

  /// A partnership's activity as stored: a known word (kActivities) however it is written,
  /// else the text as given (trimmed); a near miss of a known word gives a warning.
  std::string activity_word(const Place& place, std::string_view given);

  /// "schools[3]" (JSON) or "line 4" (CSV): how messages point at another record.
  std::string describe_place(const Place& p) const;

  /// How this builder names places (JSON file or CSV folder).
  const Naming& naming() const;

 private:
  void check_assessments(const Network& net, const std::vector<Place>& places);
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

/// ASCII letters lowered; other bytes (UTF-8 included) unchanged. For matching fixed English
/// words (headers, kinds, levels), not names (src/names folds those). O(length).
std::string ascii_lower(std::string_view s);

/// Text from input quoted for a message: control characters and invalid UTF-8 escaped, long
/// values shortened, so a hostile file cannot garble a terminal.
std::string quote(std::string_view s, std::size_t max_chars = 60);

/// Closest of `candidates` to `word` by edit distance (≤ 2, or ≤ 1 for short words), if any.
std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string_view>& candidates);

/// Up to `count` candidates nearest to `word` by edit distance (≤ 2, or ≤ 1 for words of 4 or
/// fewer characters; case aside): those at the smallest distance found, in the candidates'
/// order.
std::vector<std::string> nearest(std::string_view word,
                                 const std::vector<std::string_view>& candidates,
                                 std::size_t count);

/// True for a real calendar date written YYYY-MM-DD; otherwise `why` says what is wrong.
bool is_iso_date(std::string_view s, std::string* why = nullptr);

/// A date cell as YYYY-MM-DD: as written when it is one; D/M/YYYY (DD/MM/YYYY) converted when
/// `day_first` (--date-format DD/MM/YYYY). Otherwise nullopt, and `why` says what is wrong in
/// words that do not quote the cell (so that the same mistake on many rows is one problem):
/// "is written DD/MM/YYYY; …", "has a two-digit year; …".
std::optional<std::string> read_date(std::string_view s, bool day_first, std::string* why);

/// True if `s` is well-formed UTF-8.
bool is_valid_utf8(std::string_view s);

/// True for a Unicode noncharacter: U+FDD0..U+FDEF and the last two code points of every plane
/// (U+FFFE, U+FFFF, U+1FFFE, …, U+10FFFF).
bool is_noncharacter(char32_t cp);
/// True for a control character: C0 (U+0000..U+001F), DEL (U+007F) or C1 (U+0080..U+009F).
bool is_control(char32_t cp);
/// The first character of UTF-8 text `s` that is a control character (other than those listed
/// in `allowed`) or a noncharacter, if any. O(length), one comparison a byte for ASCII.
std::optional<char32_t> first_unwanted_char(std::string_view s, std::string_view allowed = {});
/// "U+0007", "U+FFFE", "U+1FFFF".
std::string code_point_name(char32_t cp);

/// Why id `s` (from field `what`) is refused, or "" when it is fine: control characters and
/// noncharacters (exports replace them, so two ids could become one).
std::string id_problem(std::string_view s);
/// Why a name should be looked at (a warning), or "": control characters other than tab and line
/// breaks, and noncharacters, which diagrams and exports replace with U+FFFD.
std::string name_problem(std::string_view s);
/// Why text starting with `head` is not UTF-8 (UTF-16 or UTF-32, by byte-order mark or by its
/// NUL bytes), or "". One rule for the JSON and CSV readers. O(length of head).
std::string encoding_problem(std::string_view head);

/// Ids of the example rows `collabnet template` writes start with this.
inline constexpr std::string_view kExamplePrefix = "example-";

/// Above this a partnership weight draws a warning: an intensity such as joint activities per
/// term is a small number, so a larger one is probably on the wrong scale (the format allows
/// any number > 0, so it is counted as given).
inline constexpr double kMaxWeight = 1e6;
/// Above this the running total of all weights is an error: sums of weights (strength, PageRank's
/// out-weights, a drawing's line widths) must stay finite, with room to spare for 2 × total.
inline constexpr double kMaxTotalWeight = 1e300;

}  // namespace collabnet::load
