#pragma once
// Internal to src/report/: what the report's parts share (report.cpp the page, diagrams.cpp the
// diagrams, method.cpp the method notes, coverage and technical appendix, text.cpp the wording
// helpers). Sees the template engine's data type; nothing outside src/report/ includes this.

#include <cstddef>
#include <kainjow/mustache.hpp>
#include <map>
#include <string>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/network.hpp"
#include "collabnet/render.hpp"
#include "collabnet/report.hpp"
#include "collabnet/summary.hpp"

namespace collabnet::report {

using Data = kainjow::mustache::data;

// --- wording (text.cpp) ------------------------------------------------------------------------

Data list();
Data text_item(const std::string& text);
/// "1 school", "1,204 schools".
std::string plural(std::size_t n, const char* one, const char* many);
/// A share as a percentage with `decimals` decimals ("12.5%").
std::string percent(double share, int decimals);
std::string fixed(double value, int decimals);
/// "2026-06-30" → "30 June 2026" (anything else is kept as is, cleaned).
std::string long_date(const std::string& iso);
/// A school as people name it: "Name (id)", or the id alone when it has no name (cleaned).
std::string school_label(const Network& net, std::size_t s);
/// The school's name, or its id when it has none (cleaned).
std::string school_name(const School& school);

/// How the report names a partnership record: passes::partnership_label (the one rule for ids
/// the loader generated: "the partnership between A (S1) and B (S2)", the id only when given
/// in the file; never "partnership partnership-19"), cleaned.
std::string partnership_words(const Network& net, const Partnership& p);
/// The record with this id, or null. O(records).
const Partnership* find_partnership(const Network& net, const std::string& id);

/// How the report names a declared grouping in a heading: its name, or, when it has none,
/// "a grouping of N schools (A, B, C …)" (at most three schools named). Cleaned.
std::string grouping_words(const Network& net, std::size_t g);

// --- the technical appendix ---------------------------------------------------------------------

/// The only part of the page that names commands, flags and files: what a technical reader
/// needs to reproduce the figures or draw what the page left out. The page's own text points
/// here in plain words.
struct AppendixEntry {
  std::string topic;                  ///< what it is for, in plain words
  std::string text;                   ///< may name flags
  std::vector<std::string> commands;  ///< shown as code, one per line
};
using Appendix = std::vector<AppendixEntry>;

/// "see the technical appendix …": the page's pointer, one wording everywhere.
inline constexpr const char* kSeeAppendix = "the technical appendix at the end says how";

// --- what every part reads -----------------------------------------------------------------------

struct Context {
  const Network& net;
  const Analysis& a;
  const ReportOptions& options;
  NetworkSummary data;
  std::vector<std::string> authorities;  ///< sorted, distinct; "" when some school has none
  std::map<std::string, std::size_t> isolation_rank;  ///< school id → position in a.isolation
  std::vector<std::size_t> staff_per_school;
};

Context make_context(const Network& net, const Analysis& a, const ReportOptions& options);
std::size_t named_authorities(const Context& c);
std::size_t oversize_groupings(const Analysis& a);

// --- diagrams (diagrams.cpp) ---------------------------------------------------------------------

/// The RenderOptions of every diagram the report embeds (one place: the basemap, the format, no
/// flag hints in subtitles; a theme would be set here).
RenderOptions report_render_options(const ReportOptions& options, const View& view);

/// The diagrams chosen by options.diagrams as figures {id, heading, svg, caption}, and notes on
/// any left out (plain words; how to draw them goes into `appendix`).
void diagrams(const Context& c, Data& figures, Data& notes, Appendix& appendix);

/// The "What changed" diagram, inlined, or "" when options.diagrams.change is off.
std::string change_diagram(const Context& c);

// --- method, coverage, appendix (method.cpp) -----------------------------------------------------

/// With --sample, the plain sentence saying betweenness and closeness are estimates; "" when
/// they are exact. The flag and seed go into the appendix (sample_appendix).
std::string estimate_sentence(const Analysis& a);
Data definitions(const Context& c);
Data settings_notes(const Context& c, Appendix& appendix);
Data coverage(const Context& c, Appendix& appendix);
/// The entries that every report's appendix has (reproducing the figures, every finding as a
/// spreadsheet, the authority filter's address), after those the parts added. O(entries).
void finish_appendix(const Context& c, Appendix& appendix);
/// The appendix as template data: [{topic, text, commands: [{text}]}].
Data appendix_data(const Appendix& appendix);

}  // namespace collabnet::report
