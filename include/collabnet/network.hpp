#pragma once
// The network model: plain structs, ids resolved to dense indices once by the loader.
// Everything here is std-only so that including it costs nothing (see README, design).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace collabnet {

/// An input key this version does not know, kept with its value as JSON text so that exports
/// can carry it through unchanged (network-format.md: "kept as extra attributes").
struct ExtraAttribute {
  std::string key;
  std::string json;  ///< the value as compact JSON text, e.g. "\"north\"", "3", "[1,2]"
  bool operator==(const ExtraAttribute&) const = default;
};
using ExtraAttributes = std::vector<ExtraAttribute>;  ///< sorted by key

struct School {
  std::string id;
  std::string name;
  std::string authority;                    ///< "" when not given
  std::string sector;                       ///< nursery, primary, …; "" when not given
  std::optional<std::int64_t> roll;         ///< pupils on roll
  std::optional<bool> rural;
  std::optional<double> lat, lon;           ///< both or neither
  ExtraAttributes extra;
  bool operator==(const School&) const = default;
};

struct Staff {
  std::string id;
  std::size_t school = 0;                   ///< index into Network::schools
  std::string role;                         ///< headteacher, depute, teacher, support, other, ""
  std::optional<std::string> name;          ///< personal data: never shown unless asked for
  ExtraAttributes extra;
  bool operator==(const Staff&) const = default;
};

struct Grouping {
  std::string id;
  std::string name;
  std::string kind;                         ///< cluster, federation, …; "" when not given
  std::string basis;                        ///< NFER 2007 typology; "" when not given
  std::vector<std::size_t> members;         ///< indices into Network::schools, in input order
  ExtraAttributes extra;
  bool operator==(const Grouping&) const = default;
};

enum class Direction { mutual, one_way };

struct Partnership {
  std::string id;                           ///< as given, or generated ("partnership-N")
  bool id_generated = false;
  std::size_t from = 0, to = 0;             ///< indices into Network::schools; from != to
  Direction direction = Direction::mutual;  ///< one_way: knowledge flows from → to only
  std::string activity;                     ///< "" when not given
  double weight = 1.0;                      ///< intensity, finite and > 0
  std::optional<int> level;                 ///< Northern Alliance level 1 (none) … 5 (advanced)
  std::vector<std::size_t> staff;           ///< indices into Network::staff
  std::optional<std::size_t> grouping;      ///< index into Network::groupings
  std::optional<std::string> since, until;  ///< ISO dates YYYY-MM-DD (validated)
  /// Survey networks: the schools whose answers named this partnership (indices into
  /// Network::schools, each `from` or `to`, no repeats); empty when not from a survey.
  std::vector<std::size_t> reported_by;
  ExtraAttributes extra;
  bool operator==(const Partnership&) const = default;

  /// Active on `date` (ISO): since absent or ≤ date, and until absent or ≥ date.
  bool active_on(std::string_view date) const {
    return (!since || *since <= date) && (!until || *until >= date);
  }
};

/// Who a survey asked and who answered (network-format.md, `survey`).
struct Survey {
  std::string name;                         ///< "" when not given
  std::optional<std::string> closed;        ///< ISO date the survey closed
  std::vector<std::size_t> respondents;     ///< indices into Network::schools, each once
  bool operator==(const Survey&) const = default;
};

/// A partnership's confirmation, derived from `reported_by` and the survey's respondents
/// (network-format.md): both schools named it, one did and the other did not answer, one did and
/// the other answered without naming it, or it does not come from the survey.
enum class Confirmation { confirmed, unconfirmed, disputed, not_surveyed };

/// A Northern Alliance Collaboration Framework rating (network-format.md, "assessments"): a
/// subject rated on one indicator at a level on a date. Several dates make a series (waves).
struct Assessment {
  std::string subject;                      ///< grouping, school or partnership id; "" for network
  std::string subject_kind;                 ///< one of kSubjectKinds
  std::string date;                         ///< ISO date YYYY-MM-DD (validated): the wave
  std::string indicator;                    ///< one of kIndicators, or "overall"
  int level = 1;                            ///< 1 no … 5 advanced collaboration
  std::optional<std::string> note;          ///< evidence; may hold personal data
  ExtraAttributes extra;
  bool operator==(const Assessment&) const = default;
};

struct Network {
  std::string format = "collabnet/1";
  std::string name;
  std::optional<std::string> as_of;         ///< the date the data describes (ISO), if given
  std::vector<School> schools;
  std::vector<Staff> staff;
  std::vector<Grouping> groupings;
  std::vector<Partnership> partnerships;
  std::optional<Survey> survey;             ///< present when the network comes from a survey
  std::vector<Assessment> assessments;      ///< in input order
  bool operator==(const Network&) const = default;

  /// Index of the school with this id, or nullopt. O(n): build your own map for repeated use.
  std::optional<std::size_t> find_school(std::string_view id) const;
  std::optional<std::size_t> find_grouping(std::string_view id) const;
};

/// Allowed values of the enumerated string fields (network-format.md), in documentation order.
inline constexpr std::string_view kSectors[] = {"nursery", "primary", "secondary", "special",
                                                "all-through", "other"};
inline constexpr std::string_view kRoles[] = {"headteacher", "depute", "teacher", "support",
                                              "other"};
inline constexpr std::string_view kGroupingKinds[] = {"cluster",    "federation", "collegiate",
                                                      "trust",      "network",    "consortium",
                                                      "twinning",   "other"};
/// Typology of groupings by basis (NFER 2007 inter-school collaboration review).
inline constexpr std::string_view kGroupingBases[] = {"expertise", "cultural", "geographic",
                                                      "commonality", "innovation"};
/// The activities with a meaning of their own. `activity` is open: any other text is kept as
/// given (and shown grouped as given); these words are matched case- and space-insensitively.
/// "transition": primary–secondary transition, the commonest activity between Scottish schools.
inline constexpr std::string_view kActivities[] = {
    "sharing-practice", "sharing-facilities", "sharing-pupils", "joint-cpd",
    "moderation",       "leadership",         "transition",     "other"};

/// What an assessment is about (network-format.md, "assessments").
inline constexpr std::string_view kSubjectKinds[] = {"grouping", "school", "partnership",
                                                     "network"};
/// The framework's 10 indicators, in its order (Northern Alliance Collaboration Framework,
/// sections 2-3); an assessment may also rate "overall".
inline constexpr std::string_view kIndicators[] = {
    "common-goals", "systemness",      "building-relationships", "developing-trust",
    "collective-purpose", "leadership", "support-for-innovation", "connections",
    "collaborative-processes", "sharing-information"};
inline constexpr std::string_view kOverallIndicator = "overall";
/// The framework's names of levels 1-5 (index 0 unused): "Level 3: developing collaboration".
inline constexpr std::string_view kLevelNames[] = {"", "no", "emerging", "developing", "active",
                                                   "advanced"};

}  // namespace collabnet
