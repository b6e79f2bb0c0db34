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

}  // namespace collabnet
