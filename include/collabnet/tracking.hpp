#pragma once
// Reading the Northern Alliance Collaboration Framework's tracking template (one row per
// indicator, one column per wave) as an authority fills it in a spreadsheet and saves as CSV.

#include <filesystem>
#include <string>
#include <vector>

#include "collabnet/diagnostic.hpp"
#include "collabnet/network.hpp"

namespace collabnet {

struct TrackingOptions {
  std::string subject;       ///< id of the rated grouping, school or partnership; "" for network
  std::string subject_kind;  ///< one of kSubjectKinds
};

struct TrackingImport {
  std::vector<Assessment> assessments;  ///< row by row (framework order as written), waves left to right
  /// How each wave column was read, e.g. `"Sept 21" → 2021-09-30 (the month's last day)`.
  std::vector<std::string> waves;
  std::size_t indicators = 0;  ///< indicator rows with at least one rating
};

/// Reads the template: the first column names the indicator as printed ("Building
/// Relationships", "4. Developing Trust"; its header may be blank), every other column is a wave
/// headed by a date (2025-09-30 or 30/09/2025) or a month and year ("Sept 21", "March 2022": the
/// month's last day); cells are "Level 3", "3" or blank. Throws InputError with every problem,
/// located as `FILE:LINE: column: …`. O(file size).
TrackingImport import_tracking_template(const std::filesystem::path& file,
                                        const TrackingOptions& options);

/// Adds `ratings` to `network`: the subject must be one of its groupings, schools or
/// partnerships, and no rating may repeat one it holds (subject, indicator, date). Throws
/// InputError naming `template_file` and `network_file` otherwise.
void merge_assessments(Network& network, const std::vector<Assessment>& ratings,
                       const std::string& template_file, const std::string& network_file);

}  // namespace collabnet
