#pragma once
// Renderings of an Analysis. All return whole documents as strings (deterministic bytes), so
// that the caller can write them atomically. Nothing here recomputes a figure.

#include <string>

#include "collabnet/analysis.hpp"
#include "collabnet/network.hpp"

namespace collabnet {

/// The JSON document of analysis-output.md ("collabnet-analysis/1"), with a trailing newline.
/// Numbers rounded to 9 decimals, integral values as integers, schools and groupings by id.
/// Staff names never appear. O(n + findings). Never throws.
std::string analysis_to_json(const Network& network, const Analysis& analysis);

/// The plain-language summary for an education officer: headline figures, then findings grouped
/// by kind, most urgent first, lines within 100 columns, control characters in names replaced.
/// O(n + findings). Never throws.
std::string analysis_to_text(const Network& network, const Analysis& analysis);

/// CSV (RFC 4180, CRLF line ends) with one row per school and every metric, sorted by id.
std::string analysis_schools_csv(const Network& network, const Analysis& analysis);
/// CSV with one row per finding: kind, subject, message (in output order).
std::string analysis_findings_csv(const Network& network, const Analysis& analysis);
/// CSV with one row per declared grouping and its figures, sorted by id.
std::string analysis_groupings_csv(const Network& network, const Analysis& analysis);
/// CSV with one row per framework rating (analysis-output.md, "Depth figures"): subject_kind,
/// subject, indicator, date, level; the last row of each series also gives latest, change and
/// whether the indicator is among the subject's weakest. Subjects by kind then id.
std::string analysis_depth_csv(const Network& network, const Analysis& analysis);

}  // namespace collabnet
