#pragma once
// Writing a network back out in the input formats (the user's own network file, not an analysis
// output), and importing public school lists as networks.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "collabnet/load.hpp"
#include "collabnet/network.hpp"

namespace collabnet {

/// The network as a collabnet/1 JSON file, in a canonical form: keys in the order format, name,
/// as_of, schools, staff, groupings, partnerships; each record on one line with its fields in
/// network-format.md order, then its extra attributes sorted by key. Optional fields that are
/// absent are left out, generated partnership ids too (a reload generates the same ones); staff
/// names are written only where present. Loading the result gives a Network equal to `network`.
/// O(size of the network). Throws only for a Network that could not have been loaded (invalid
/// UTF-8 in a string, an extra attribute that is not JSON text).
std::string network_to_json(const Network& network);

/// The network as a CSV folder: file name → content (LF line ends, RFC 4180 quoting where a
/// cell needs it). Always schools.csv, partnerships.csv and meta.csv (name, as_of); staff.csv
/// only with staff; groupings.csv and memberships.csv only with groupings. Columns in a fixed
/// order (network-format.md), then one column per extra attribute key, sorted: plain text when
/// every value is a non-empty JSON string, else a `KEY:json` column holding each value's JSON text,
/// so that load_network_csv gives back an equal Network. A partnership's staff are one cell,
/// ids separated by ";". O(size of the network).
/// Throws InputError for what a CSV folder cannot hold: an empty school or staff name (an empty
/// cell means "not given"), a partnership staff id containing ";" or starting or ending with a
/// space.
std::map<std::string, std::string> network_to_csv(const Network& network);

/// The attribution that the Open Government Licence asks of anything derived from UK public
/// sector data (e.g. the Scottish Government school lists).
inline constexpr const char* kOglAttribution =
    "Contains public sector information licensed under the Open Government Licence v3.0.";

struct ScotlandImportOptions {
  /// The network's name; the OGL attribution is always appended (it must travel with the data).
  /// Empty: "Scottish schools (School roll and locations, <file name>)".
  std::string name;
  /// Keep only schools of these councils (LAName, exact); empty: all. A name matching no row is
  /// an error (with a did-you-mean hint).
  std::vector<std::string> authorities;
};

/// Reads the Scottish Government "School roll and locations" CSV (one row per school department)
/// into a network of schools, with no staff, groupings or partnerships:
///   SeedCode → id, SchoolName → name, LAName → authority, SchoolType → sector (primary,
///   secondary, special; other types → "other" with a warning), PupilRoll → roll,
///   Latitude/Longitude → lat/lon, AddrUR6 → rural (5 accessible rural, 6 remote rural → true;
///   1–4 → false).
/// Quirks handled:
///   - all-through schools have one row per department with the same SeedCode (SchUID is
///     SeedCode + P/S): they become one school, sector "all-through", roll the sum, and the
///     departments kept in the extra attribute `departments` ([{"sch_uid", "sector", "roll",
///     "fte_teachers"}]); a school of one row keeps its SchUID as `sch_uid`;
///   - a PupilRoll of 0 means "not in the school-level statistics" (virtual schools, hospital
///     tuition; `Notes` says why): the school is kept without a roll (not as a school of 0
///     pupils) and with `notes`, and a warning is given;
///   - suppression codes (`*`, bands) appear only in columns this importer does not use.
/// Other extra attributes: `denomination`, `fte_teachers` (number), `la_code`, `postcode`,
/// `ur8` (AddrUR8Desc), and `notes` when given. Extras are sorted by key, as a reload gives them.
/// Schools keep the order of their first row. O(rows).
/// Throws InputError with every problem located as `FILE:LINE: column: …` (missing column,
/// empty SeedCode, a roll or coordinate that is not a number, a repeated SchUID, …).
LoadResult import_scotland_schools(const std::filesystem::path& csv,
                                   const ScotlandImportOptions& options = {});

struct GiasImportOptions {
  /// The network's name; the OGL attribution is always appended. Empty: "England multi-academy
  /// trusts and federations (Get Information About Schools, group links, <file name>)".
  std::string name;
  /// Keep every establishment in the file as a school, also those linked only to groups that
  /// are not imported (sponsors, single-academy trusts, children's centre groups, closed
  /// groups). Default: only the members of the imported trusts and federations.
  bool all_establishments = false;
};

/// Reads England's "Get Information About Schools" (GIAS) all-group-links CSV (one row per
/// establishment-to-group link; columns URN, EstablishmentName, Group UID, Group Name,
/// Group Type, Group Status, and optionally Group ID, Joined date, TypeOfEstablishment (name),
/// PhaseOfEducation (name), LA (name)) into a network without staff or partnerships:
///   - groupings: the OPEN groups of type "Multi-academy trust" (kind trust) and "Federation"
///     (kind federation); id = Group UID, name = Group Name, members = the distinct URNs linked
///     to the UID, in file order; extras `gias_group_type`, `group_id` (when given) and
///     `joined` ({URN: date, or null when unknown});
///   - schools: URN → id, EstablishmentName → name, LA (name) → authority, PhaseOfEducation →
///     sector (Nursery → nursery; Primary, Middle deemed primary → primary; Secondary, Middle
///     deemed secondary, 16 plus → secondary; All-through → all-through; a
///     TypeOfEstablishment naming "special" → special; else other), extras `establishment_type`
///     and `phase` (the GIAS values as written).
/// Quirks handled: several rows per URN (one per group: the first row's establishment fields
/// are kept, a disagreeing later row gives a warning); closed groups and other group types are
/// skipped; the Joined date 1900-01-01 is GIAS's placeholder for "unknown" (null in `joined`);
/// quoted cells with commas ("Bristol, City of"); a UTF-8 byte-order mark.
/// O(rows). Throws InputError with every problem located as `FILE:LINE: column: …` (a missing
/// column, an empty URN or Group UID, a URN that is not a whole number, an empty name).
LoadResult import_gias_groups(const std::filesystem::path& csv,
                              const GiasImportOptions& options = {});

}  // namespace collabnet
