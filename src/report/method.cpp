// The report's method notes, coverage of the data and technical appendix (issue 16): how the
// figures were made, what the data lacks, and, in the appendix only, the commands and flags that
// reproduce the figures or draw what the page left out.

#include <algorithm>

#include "collabnet/settings.hpp"
#include "output/format.hpp"
#include "report/parts.hpp"
#include "report/report_internal.hpp"

namespace collabnet::report {

std::string estimate_sentence(const Analysis& a) {
  const NetworkFigures& nf = a.network;
  if (nf.sampled_sources == 0) return {};
  std::string bound;  // --sample-error: its promise, in the page's own units
  if (nf.error_sources) {
    const double eps = *a.settings.sample_error;
    bound = ", " + output::error_bound(eps, a.settings.confidence) +
            " for every school at once (betweenness \xC2\xB1 " +
            output::format_number(eps * 100) + " percentage points, closeness \xC2\xB1 " +
            output::format_number(eps) + " on its 0 to 1 scale)";
  }
  return "Betweenness and closeness (marked \xE2\x89\x88) are estimates: estimated from " +
         with_thousands(nf.sampled_sources) + " of " + plural(nf.schools, "school", "schools") +
         " taken as sources at random" + bound + "; " + kSeeAppendix + " to get exact figures.";
}

Data definitions(const Context& c) {
  struct Def {
    std::string figure, plain, why;
  };
  const std::vector<Def> defs = {
      {"Partners", "How many different schools it works with.",
       "One partner: if that lapses, the school is alone."},
      {"Records", "How many partnership records involve it.",
       "Several records with one school is depth, not breadth."},
      {"Strength",
       "The sum of those records' weights (intensity, e.g. joint activities per term).",
       "Weights are intensities, so strength and PageRank use them."},
      {"Betweenness",
       "The share of shortest routes between other schools that pass through it (counted in "
       "steps, NetworkX's normalisation).",
       "A school many routes depend on is a broker, and a single point of failure."},
      {"Closeness",
       "How near it is to every other school: the average of 1/steps to each (0 for unreachable "
       "ones).",
       "Low closeness: on the edge of the network."},
      {"PageRank",
       "How much the network's attention flows to it, following links in proportion to their "
       "weight (damping 0.85); shown as a share of the whole.",
       "The schools the network leans on."},
      {"Group",
       "Which separate group of schools (connected component) it belongs to; 0 is the largest.",
       "Schools in different groups cannot learn from each other at all."},
      {"Cut school", "Without it, some schools lose their only route to the rest.",
       "The network hangs on this school."},
      {"Bridge link", "Without this link, the network falls apart in two.",
       "The network hangs on this partnership."},
      {"Gives / receives", "One-way \"expert\" records it gives / receives.",
       "One-way support without exchange breeds dependency."},
      {"Working cluster",
       "The de facto cluster the school works in, found by Louvain community detection on the "
       "weighted links (seeded, so the same data always gives the same clusters), numbered "
       "from 1 by size; matched to the declared grouping it overlaps most.",
       "Shows who actually works together, whatever grouping they were put in."},
      {"Small / rural",
       "Small: fewer than " + std::to_string(c.a.settings.small_school_roll) +
           " pupils on roll (a setting). Rural: as recorded in the data.",
       "Their staff are the most exposed to professional isolation, so they are ranked first in "
       "the isolation list."},
      {"Density", "The share of all possible pairs of schools that work together.",
       "Comparable only between networks of similar size."},
      {"Two-way share (reciprocity)", "The share of partnership records that are mutual.",
       "Mutual, two-way partnership is the goal."},
      {"Staff on file",
       "Staff records of the school in the network file: counts only, never names unless the "
       "report was made to show them.",
       "Personal data stays out of a report that is meant to be circulated."},
  };
  Data out = list();
  for (const Def& d : defs) {
    Data item;
    item.set("figure", d.figure);
    item.set("plain", d.plain);
    item.set("why", d.why);
    out.push_back(item);
  }
  return out;
}

Data settings_notes(const Context& c, Appendix& appendix) {
  const NetworkFigures& nf = c.a.network;
  const Settings& s = c.a.settings;
  Data out = list();
  if (s.as_of) {
    out.push_back(text_item("As of " + long_date(*s.as_of) +
                            (nf.as_of_basis == "file" ? ", the date the network file describes"
                                                      : std::string()) +
                            ": only partnerships active on that "
                            "day count, in every figure (" +
                            with_thousands(nf.partnerships) + " of the " +
                            plural(nf.partnerships_in_file, "record", "records") +
                            " in the file)" +
                            (nf.as_of_basis == "file"
                                 ? "; a report can count every record instead (" +
                                       std::string(kSeeAppendix) + ")."
                                 : ".")));
  } else {
    std::string t = c.net.as_of ? "All records: every partnership record in the file counts, "
                                  "whatever its dates."
                                : "The network file gives no as-of date, so every partnership "
                                  "record in it counts, whatever its dates.";
    if (nf.ended_before_file_as_of > 0 && c.net.as_of)
      t += " " + plural(nf.ended_before_file_as_of, "record", "records") +
           " ended before the file's own date (" + long_date(*c.net.as_of) + ") but " +
           (nf.ended_before_file_as_of == 1 ? "still counts" : "still count") +
           "; a report as of that date leaves them out.";
    out.push_back(text_item(t));
  }
  out.push_back(text_item(
      "Groupings of more than " + std::to_string(s.max_grouping_size) +
      " schools are flagged" +
      (s.max_grouping_size == kDefaultMaxGroupingSize
           ? " (the default, from the NFER 2007 review: 2 to 8 schools work best)."
           : " (set for this report; the NFER 2007 review found 2 to 8 schools work best).")));
  out.push_back(text_item(
      "Schools with fewer than " + std::to_string(s.small_school_roll) + " pupils count as small" +
      (s.small_school_roll == kDefaultSmallSchoolRoll
           ? " (collabnet's default; definitions of small differ between authorities, which set "
             "their own)."
           : " (set for this report).")));
  out.push_back(text_item("A school giving one-way support to " +
                          std::to_string(s.expert_hub_min) +
                          " or more schools is an expert hub."));
  out.push_back(text_item("Working clusters: Louvain community detection with seed " +
                          std::to_string(s.community_seed) + "; modularity " +
                          fixed(c.a.modularity, 3) + "."));
  out.push_back(text_item(std::string("Isolation ranking: ") + kIsolationRule + "."));
  appendix.push_back(
      {"Dates", "--as-of YYYY-MM-DD counts only the partnerships active on that day; --as-of all "
                "counts every record whatever its dates. Without --as-of, a network file that "
                "gives its own date is analysed as of that date.",
       {"collabnet report NETWORK --as-of all -o report.html",
        "collabnet report NETWORK --as-of 2026-06-30 -o report.html"}});
  if (nf.sampled_sources > 0)
    out.push_back(text_item(
        estimate_sentence(c.a) +
        " Each school's sums over the sampled schools other than itself are scaled up to all "
        "the other schools (Brandes & Pich 2007), so the estimates are unbiased and stay "
        "between 0 and 1 like the exact figures, but are not exact: the isolation ranking, "
        "whose ties are broken by closeness, may differ from the exact one." +
        (nf.error_sources
             ? " The number of schools sampled was chosen so that, with probability " +
                   output::format_number(c.a.settings.confidence) +
                   ", every school's betweenness and closeness are within " +
                   output::format_number(*c.a.settings.sample_error) +
                   " of the exact figures at once (Hoeffding's inequality for each school and "
                   "figure, added up over all of them): a cautious bound, so most errors are "
                   "far smaller."
             : std::string())));
  return out;
}

Data coverage(const Context& c, Appendix& appendix) {
  const NetworkSummary& d = c.data;
  const std::size_t n = d.schools;
  Data out = list();
  if (n == 0) {
    out.push_back(text_item("The network file holds no schools."));
    return out;
  }
  const std::size_t isolated = c.a.network.isolates.size();
  out.push_back(text_item(
      plural(isolated, "school has", "schools have") + " no partnership data at all" +
      (c.a.settings.as_of ? " on " + long_date(*c.a.settings.as_of) : std::string()) +
      (isolated == 0 ? "."
                     : ": either they truly work alone or their partnerships were not recorded; "
                       "worth checking before acting.")));
  out.push_back(text_item(
      "Roll (pupils) missing for " + plural(n - d.with_roll, "school", "schools") +
      (n == d.with_roll ? "." : ": they cannot be classed as small, and are drawn at the size of "
                                "100 pupils.")));
  const std::size_t rural_known = static_cast<std::size_t>(std::count_if(
      c.net.schools.begin(), c.net.schools.end(), [](const School& s) { return s.rural.has_value(); }));
  out.push_back(text_item("Rural or not: recorded for " + with_thousands(rural_known) + " of " +
                          plural(n, "school", "schools") + " (" + with_thousands(d.rural) +
                          " rural)" +
                          (rural_known == n ? "." : "; the others cannot be ranked as rural.")));
  out.push_back(text_item("Location (latitude and longitude) missing for " +
                          plural(n - d.with_location, "school", "schools") +
                          (n == d.with_location ? "." : ": they cannot be placed on a map.")));
  const std::size_t no_authority = static_cast<std::size_t>(std::count_if(
      c.net.schools.begin(), c.net.schools.end(), [](const School& s) { return s.authority.empty(); }));
  if (no_authority > 0)
    out.push_back(text_item("Authority not given for " +
                            plural(no_authority, "school", "schools") + "."));
  out.push_back(text_item(
      "Partnership records in the file: " + with_thousands(d.partnerships) + " (" +
      with_thousands(d.mutual) + " mutual, " + with_thousands(d.one_way) + " one-way)" +
      (d.earliest_since.empty() ? std::string()
                                : "; the earliest starts " + long_date(d.earliest_since)) +
      (d.latest_until.empty() ? std::string()
                              : "; the latest end date is " + long_date(d.latest_until)) +
      "."));
  out.push_back(text_item(
      "Staff: " + plural(d.staff, "record", "records") + " on file; " +
      with_thousands(d.staff_on_partnerships) + " named on partnership records, and " +
      plural(d.with_staff, "partnership record names", "partnership records name") +
      " staff. " +
      (c.options.show_staff_names
           ? "Names are shown in this report: it was made to show them."
           : "Staff appear as counts only: no name is printed.")));
  appendix.push_back(
      {"Staff names", "Reports name no member of staff unless made with --show-staff-names "
                      "(personal data: only for reports kept within your data-protection rules).",
       {"collabnet report NETWORK --show-staff-names -o report.html"}});
  // What the load warned about (nothing lost, but worth a look), so that the report carries it.
  for (const std::string& w : c.options.load_warnings)
    out.push_back(text_item("When the data was read: " + report::clean_text(w)));
  return out;
}

namespace {

/// The analyse command that gives this report's figures: the settings that differ from the
/// command line's defaults as flags.
std::string analyse_command(const Context& c) {
  const Settings& s = c.a.settings;
  std::string cmd = "collabnet analyse NETWORK";
  if (s.as_of && !(c.a.network.as_of_basis == "file"))
    cmd += " --as-of " + clean_text(*s.as_of);
  else if (!s.as_of && c.net.as_of)
    cmd += " --as-of all";
  if (s.max_grouping_size != kDefaultMaxGroupingSize)
    cmd += " --max-grouping-size " + std::to_string(s.max_grouping_size);
  if (s.small_school_roll != kDefaultSmallSchoolRoll)
    cmd += " --small-school-roll " + std::to_string(s.small_school_roll);
  if (s.expert_hub_min != kDefaultExpertHubMin)
    cmd += " --expert-hub-min " + std::to_string(s.expert_hub_min);
  if (c.a.network.sampled_sources > 0 && s.sample_error)
    cmd += " --sample-error " + output::format_number(*s.sample_error) + " --confidence " +
           output::format_number(s.confidence);
  else if (c.a.network.sampled_sources > 0)
    cmd += " --sample " + std::to_string(s.sample);
  if (s.confirmed_ties_only) cmd += " --ties confirmed";
  return cmd;
}

}  // namespace

void finish_appendix(const Context& c, Appendix& appendix) {
  const Settings& s = c.a.settings;
  std::string how = "Every figure comes from the network file alone; NETWORK stands for that "
                    "file. collabnet analyse with the same file and settings gives the same "
                    "figures, and its --format csv writes them as spreadsheets: schools.csv, "
                    "groupings.csv and findings.csv, which lists every finding (the page shows "
                    "the first few of each kind).";
  if (s.community_seed != kDefaultCommunitySeed)
    how += " The working clusters were found with community_seed " +
           std::to_string(s.community_seed) + ", set in a --config settings file.";
  const NetworkFigures& nf = c.a.network;
  if (nf.sampled_sources > 0 && s.sample_error)
    how += " Betweenness and closeness are estimates from --sample-error " +
           output::format_number(*s.sample_error) + " --confidence " +
           output::format_number(s.confidence) + " (" + with_thousands(nf.sampled_sources) +
           " sources, seed " + std::to_string(s.sample_seed) + "): " +
           output::error_bound(*s.sample_error, s.confidence) +
           " for every school at once; run without --sample-error for exact figures.";
  else if (nf.error_sources > 0)
    how += " --sample-error " + output::format_number(*s.sample_error) + " --confidence " +
           output::format_number(s.confidence) + " needs " + with_thousands(nf.error_sources) +
           " sources, at least the " + plural(nf.schools, "school", "schools") +
           ", so betweenness and closeness are exact.";
  else if (nf.sampled_sources > 0)
    how += " Betweenness and closeness are estimates from --sample " + std::to_string(s.sample) +
           " (seed " + std::to_string(s.sample_seed) + "); run without --sample for exact "
           "figures.";
  const std::string cmd = analyse_command(c);
  appendix.insert(appendix.begin(),
                  {"Reproducing the figures", how,
                   {cmd, cmd + " --format json -o analysis.json",
                    cmd + " --format csv -o results/"}});
  appendix.push_back(
      {"Opening the report at one authority",
       "The schools table can be filtered by authority from the report's address: add "
       "#authority= and the authority's name, as below.",
       {"report.html#authority=NAME"}});
}

Data appendix_data(const Appendix& appendix) {
  Data out = list();
  for (const AppendixEntry& e : appendix) {
    Data d;
    d.set("topic", e.topic);
    d.set("text", e.text);
    Data commands = list();
    for (const std::string& command : e.commands) commands.push_back(text_item(command));
    d.set("commands", commands);
    d.set("has_commands", !e.commands.empty());
    out.push_back(d);
  }
  return out;
}

}  // namespace collabnet::report
