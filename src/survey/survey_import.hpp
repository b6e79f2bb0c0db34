#pragma once
// Internal: `collabnet import survey` (docs/contract/survey-import.md, docs/survey.md). A Forms
// export of answers → the register network plus one partnership per pair of schools named, with
// `reported_by` and the `survey` object, and the match report of every typed name.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "collabnet/diagnostic.hpp"
#include "collabnet/network.hpp"

namespace collabnet::survey {

enum class Layout { detect, one_row, numbered, one_per_answer };

struct ImportOptions {
  std::filesystem::path aliases;           ///< `typed,id` CSV; empty: none
  bool strict = false;                     ///< ambiguous or unmatched answers are errors
  bool skip_unmatched_respondents = false; ///< else an unmatched respondent is an error
  Layout layout = Layout::detect;
  std::string respondent_column, partner_column, frequency_column, activity_column,
      direction_column;                    ///< exact header names; "" = detect
  std::string survey_name;
  std::string closed;                      ///< ISO date or ""
};

/// One typed name and what became of it (a row of the match report).
struct MatchRow {
  std::size_t line = 0;   ///< CSV line of the answer
  std::string column;     ///< header of the cell
  std::string typed;
  std::string result;     ///< id, alias, exact name, similar, ambiguous, unmatched
  std::string id;         ///< chosen school id ("" for ambiguous / unmatched)
  double score = 0;       ///< similarity (1 for id, alias and exact name)
  std::vector<std::pair<std::string, double>> candidates;  ///< school id, score
};

struct ImportResult {
  Network network;
  std::vector<Diagnostic> warnings;
  std::vector<MatchRow> matches;
  std::size_t rows = 0;          ///< answer rows read
  std::size_t respondents = 0;   ///< distinct matched respondent schools
  std::string summary;           ///< the lines for stderr (counts of each result)
};

/// Reads `answers` (shown as `display` in messages) against `reg`. Throws InputError with every
/// located error (nothing to write) on a bad file, an unmatched respondent, or with `strict`
/// any ambiguous or unmatched answer. O(answers · matching), see names.hpp.
ImportResult import_survey(const std::filesystem::path& answers, const std::string& display,
                           const Network& reg, const ImportOptions& options);

/// The match report as CSV (row, column, typed, result, id, score, candidates), every cell made
/// safe for spreadsheets (a typed "=…" cannot become a formula) and control or bidi characters
/// written as visible escapes (output::printable).
std::string matches_to_csv(const std::vector<MatchRow>& rows, const Network& reg);

}  // namespace collabnet::survey
