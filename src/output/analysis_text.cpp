// The plain-language summary for an education officer. Wording lives here, not in the passes:
// what each kind of finding means and why it matters, in words rather than graph theory.

#include <algorithm>
#include <map>
#include <numeric>

#include "collabnet/analysis_output.hpp"
#include "output/format.hpp"

namespace collabnet {
namespace {

constexpr std::size_t kWidth = 100;
/// Per kind, the text lists this many findings; the JSON and CSV outputs hold all of them.
constexpr std::size_t kMaxPerKind = 15;
constexpr std::size_t kMaxRanked = 10;

struct KindText {
  std::string_view kind, title, why;
};
constexpr KindText kKindTexts[] = {
    {"isolated-school", "Schools with no partner at all",
     "Staff in a school that works with nobody have no colleagues beyond their own walls; for "
     "small and rural schools this professional isolation is the main risk the network exists "
     "to reduce."},
    {"oversize-grouping", "Groupings larger than the guidance",
     "The most effective collaborations have 2 to 8 schools (NFER 2007). Larger groupings tend "
     "to become talking shops: consider splitting them into working groups."},
    {"dormant-grouping", "Groupings declared but not working together",
     "No two members of these groupings have a recorded partnership with each other."},
    {"receive-only-school", "Schools that only receive",
     "These schools only receive one-way (\"expert\") support and have no two-way partnership: "
     "support without exchange risks dependency."},
    {"weakly-connected-school", "Schools with only one partner",
     "If that one partnership lapses, the school is on its own."},
    {"cut-school", "Schools that hold the network together",
     "Without one of these schools, other schools would lose their only route to the rest."},
    {"bridge-link", "Links that are the only route between two parts",
     "If one of these partnerships lapses, the network falls into separate parts."},
    {"key-person", "Links that hang on one member of staff",
     "Every partnership record of these links (or of the whole school) names the same one "
     "member of a school's staff and nobody else from that school: if this person leaves, the "
     "link goes."},
    {"hangs-on-school", "Schools that depend on one other school for their links",
     "These schools reach most of their network only through one school."},
    {"one-way-link", "One-way links with nothing running back",
     "One school gives, the other only receives. \"Expert\" links are useful but risk "
     "dependency when nothing runs back."},
    {"disputed-link", "Links only one school named",
     "One school named the partnership in the survey; the other school answered and did not "
     "name it: check with both schools before relying on it."},
    {"give-only-school", "Schools that only give",
     "These schools give one-way support to two or more schools and receive none back."},
    {"low-penetration-school", "Schools where only senior leaders take part",
     "Only the headteacher or depute of these schools is named on partnerships, although other "
     "staff are on file. Depth, how far collaboration reaches into each school's staff, is one "
     "of its three dimensions (NFER 2007)."},
    {"expert-hub", "Expert hubs",
     "Many schools depend on the support of one school: a risk if its capacity runs out."},
    {"undersize-grouping", "Groupings with fewer than 2 schools",
     "A collaboration needs at least two schools."},
    {"oversize-community", "Clusters that have grown larger than 8 schools",
     "Groups of schools that work closely together in practice (found from the partnerships "
     "themselves), larger than the 2 to 8 schools that work best (NFER 2007)."},
    {"falling-indicator", "Collaboration ratings that fell",
     "On these Northern Alliance Collaboration Framework indicators the latest rating is below "
     "the one before."},
    {"stalled-indicator", "Collaboration ratings that have stalled",
     "The last three ratings of these indicators are the same and below level 4 (active "
     "collaboration): a focus for the next improvement cycle."},
    {"shallow-grouping", "Groupings whose partnerships are all shallow",
     "Every partnership between members that has a level is at level 1 or 2 (no or emerging "
     "collaboration)."},
};

/// Word-wraps `text` into lines of at most kWidth columns: the first line starts with `first`,
/// the others with `rest` (same width). Words longer than a line are cut.
void wrap(std::string& out, std::string_view text, std::string_view first, std::string_view rest) {
  std::string line(first);
  std::size_t width = output::display_width(line);
  const std::size_t indent = output::display_width(rest);
  bool line_empty = true;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t end = std::min(text.find(' ', i), text.size());
    std::string_view word = text.substr(i, end - i);
    i = end + 1;
    if (word.empty()) continue;
    while (!word.empty()) {
      const std::size_t ww = output::display_width(word);
      if (!line_empty && width + 1 + ww > kWidth) {
        out += line + "\n";
        line = std::string(rest);
        width = indent;
        line_empty = true;
      }
      if (line_empty && width + ww > kWidth) {  // a word longer than a whole line: cut it
        std::size_t take = 0, cols = 0;
        while (take < word.size() && cols < kWidth - width) {
          ++take;
          while (take < word.size() && (static_cast<unsigned char>(word[take]) & 0xC0) == 0x80)
            ++take;
          ++cols;
        }
        out += line + std::string(word.substr(0, take)) + "\n";
        word.remove_prefix(take);
        line = std::string(rest);
        width = indent;
        continue;
      }
      if (!line_empty) {
        line += ' ';
        ++width;
      }
      line += word;
      width += ww;
      line_empty = false;
      word = {};
    }
  }
  if (!line_empty || line.size() > rest.size()) out += line + "\n";
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string label(const Network& net, std::size_t s) {
  const School& school = net.schools[s];
  return output::printable(school.name.empty() ? school.id : school.name + " (" + school.id + ")");
}

}  // namespace

/// "Depth of collaboration": where each rated subject stands, its weakest indicators, and the
/// partnership levels; Himmelman's continuum as our plain-words reading of levels 2-5.
void depth_text(std::string& out, const Network& net, const Analysis& a) {
  const DepthFigures& d = a.depth;
  const auto& pl = d.partnership_levels;
  const std::size_t rated = pl[1] + pl[2] + pl[3] + pl[4] + pl[5];
  if (!d.assessed && rated == 0) return;
  out += "\nDepth of collaboration (Northern Alliance Collaboration Framework levels)\n";
  wrap(out,
       "Levels: 1 no, 2 emerging, 3 developing, 4 active, 5 advanced collaboration. In our "
       "reading (Himmelman's continuum, not the framework's words) levels 2 to 5 are "
       "networking, coordinating, cooperating and collaborating.",
       "  ", "  ");
  if (d.assessed) {
    wrap(out, "Ratings on " + plural(d.waves.size(), "date", "dates") + " (" + d.waves.front() +
                  (d.waves.size() > 1 ? " to " + d.waves.back() : "") + ").",
         "  ", "  ");
    if (d.assessments_after_as_of)
      wrap(out, plural(d.assessments_after_as_of, "rating is", "ratings are") +
                    " dated after " + a.settings.as_of.value_or("") + " and left out.",
           "  ", "  ");
    for (const DepthSubject& s : d.subjects) {
      std::string who = s.subject_kind == "network" ? "The network as a whole" : s.subject_kind + " " + s.subject;
      if (s.subject_kind == "grouping") {
        if (auto g = net.find_grouping(s.subject); g && !net.groupings[*g].name.empty())
          who = net.groupings[*g].name + " (" + s.subject + ")";
      } else if (s.subject_kind == "school") {
        if (auto v = net.find_school(s.subject)) who = label(net, *v);
      }
      wrap(out, output::printable(who) + ":", "  - ", "    ");
      std::string levels;
      for (const IndicatorSeries& is : s.indicators) {
        std::string part = indicator_title(is.indicator) + " " + std::to_string(is.latest);
        if (is.change && *is.change != 0)
          part += std::string(" (") + (*is.change > 0 ? "+" : "") + std::to_string(*is.change) + ")";
        levels += (levels.empty() ? "" : "; ") + part;
      }
      wrap(out, "latest levels: " + levels, "      ", "      ");
      if (!s.weakest.empty()) {
        int lowest = 0;
        std::string names;
        for (const std::string& w : s.weakest) names += (names.empty() ? "" : ", ") + indicator_title(w);
        for (const IndicatorSeries& is : s.indicators)
          if (is.indicator == s.weakest.front()) lowest = is.latest;
        std::string reading(himmelman_reading(lowest));
        wrap(out, "weakest (focus for the next cycle): " + names + ", at level " +
                      std::to_string(lowest) + " (" + std::string(level_name(lowest)) + ")" +
                      (reading.empty() ? "" : "; in our reading, " + reading),
             "      ", "      ");
      }
    }
  }
  if (rated == 0) {
    wrap(out, "No partnership record gives a level.", "  ", "  ");
  } else {
    std::string line = "Partnership records by level: ";
    for (int l = 1; l <= 5; ++l)
      line += std::to_string(l) + " (" + std::string(level_name(l)) + "): " +
              std::to_string(pl[static_cast<std::size_t>(l)]) + ", ";
    line += "no level given: " + std::to_string(pl[0]) + ".";
    wrap(out, line, "  ", "  ");
  }
}

std::string analysis_to_text(const Network& net, const Analysis& a) {
  const NetworkFigures& nf = a.network;
  std::string out;
  wrap(out, "collabnet analysis: " + output::printable(net.name.empty() ? "(unnamed network)"
                                                                        : net.name),
       "", "  ");
  // Every output says which date it is for (analysis-output.md): the given one, the file's own,
  // or all records.
  if (nf.as_of)
    wrap(out,
         "As of " + *nf.as_of +
             (nf.as_of_basis == "file" ? ", the date the network file describes" : "") + ": " +
             std::to_string(nf.partnerships) + " of " +
             plural(nf.partnerships_in_file, "partnership record", "partnership records") +
             " were active on that date; only they count below" +
             (nf.as_of_basis == "file" ? " (--as-of all counts every record)." : "."),
         "", "");
  else
    wrap(out,
         "All records: every one of the " +
             plural(nf.partnerships_in_file, "partnership record", "partnership records") +
             " counts, whatever its dates.",
         "", "");
  if (nf.sampled_sources && nf.error_sources) {
    const double eps = *a.settings.sample_error;
    wrap(out,
         "Estimates: betweenness and closeness below are estimated from " +
             std::to_string(nf.sampled_sources) + " of " + plural(nf.schools, "school", "schools") +
             " taken as sources at random (--sample-error " + output::format_number(eps) +
             " --confidence " + output::format_number(a.settings.confidence) + ", seed " +
             std::to_string(a.settings.sample_seed) + "): " +
             output::error_bound(eps, a.settings.confidence) +
             ", every school at once, on their 0-to-1 scale (" + output::format_number(eps * 100) +
             " percentage points of betweenness).",
         "", "");
  } else if (nf.sampled_sources) {
    wrap(out,
         "Estimates: betweenness and closeness below are estimated from " +
             std::to_string(nf.sampled_sources) + " of " + plural(nf.schools, "school", "schools") +
             " taken as sources at random (--sample " + std::to_string(nf.sampled_sources) +
             ", seed " + std::to_string(a.settings.sample_seed) + "), not exact.",
         "", "");
  } else if (nf.error_sources) {
    wrap(out,
         "Exact: --sample-error " + output::format_number(*a.settings.sample_error) +
             " --confidence " + output::format_number(a.settings.confidence) + " needs " +
             std::to_string(nf.error_sources) + " sources, at least the " +
             plural(nf.schools, "school", "schools") +
             ", so betweenness and closeness below are exact.",
         "", "");
  }
  if (a.survey && a.settings.confirmed_ties_only)
    wrap(out,
         "Confirmed ties only (--ties confirmed): " +
             plural(a.survey->left_out, "partnership record", "partnership records") +
             " named by one school only (unconfirmed or disputed) are left out of every figure "
             "below.",
         "", "");
  out += "\n";

  out += "At a glance\n";
  auto item = [&](const std::string& text) { wrap(out, text, "  - ", "    "); };
  item(plural(nf.schools, "school", "schools") + " with " +
       plural(nf.partnerships, "partnership record", "partnership records") + " between " +
       plural(nf.links, "pair", "pairs") + " of schools.");
  if (nf.schools > 0) {
    if (nf.component_sizes.size() <= 1) {
      item("Every school can reach every other through partnerships.");
    } else {
      std::string sizes;
      for (std::size_t i = 0; i < nf.component_sizes.size() && i < 8; ++i)
        sizes += (i ? ", " : "") + std::to_string(nf.component_sizes[i]);
      if (nf.component_sizes.size() > 8) sizes += ", ...";
      item("The schools form " + std::to_string(nf.component_sizes.size()) +
           " separate groups that cannot reach each other (sizes " + sizes + "); " +
           plural(nf.isolates.size(), "school has", "schools have") + " no partner at all.");
    }
  }
  if (a.survey) {
    const SurveyFigures& sf = *a.survey;
    item("Survey" + (sf.name.empty() ? std::string() : " \"" + output::printable(sf.name) + "\"") +
         ": " + std::to_string(sf.respondents) + " of " + plural(sf.schools, "school", "schools") +
         " answered (" + output::format_percent(sf.response_rate) + "). Of " +
         plural(sf.confirmation.size(), "partnership record", "partnership records") + ", " +
         std::to_string(sf.confirmed) + " confirmed by both schools, " +
         std::to_string(sf.unconfirmed) + " unconfirmed (the other school did not answer), " +
         std::to_string(sf.disputed) + " disputed (the other school answered without naming "
         "it), " + std::to_string(sf.not_surveyed) + " not from the survey.");
  }
  if (nf.schools >= 2)
    item("Density " + output::format_percent(nf.density) +
         ": the share of all possible pairs of schools that work together.");
  if (nf.reciprocity)
    item(output::format_percent(*nf.reciprocity) +
         " of partnership records are two-way; " +
         plural(nf.one_way_records, "is a one-way \"expert\" link",
                "are one-way \"expert\" links") +
         ", where one school gives and the other receives.");
  if (nf.links > 0)
    item(plural(nf.articulation_points, "school holds", "schools hold") +
         " the network together (without any one of them, other schools would be cut off), and " +
         plural(nf.bridges.size(), "partnership link is", "partnership links are") +
         " the only route between two parts.");
  if (!net.groupings.empty()) {
    const auto over = static_cast<std::size_t>(
        std::count_if(a.groupings.begin(), a.groupings.end(),
                      [](const GroupingFigures& g) { return g.oversize; }));
    item(plural(net.groupings.size(), "declared grouping", "declared groupings") + "; " +
         plural(over, "has", "have") + " more than " +
         std::to_string(a.settings.max_grouping_size) +
         " schools (the most effective collaborations have 2 to 8 schools, NFER 2007).");
  }
  if (!a.communities.empty())
    item("Looking at who actually works with whom, the schools fall into " +
         plural(a.communities.size(), "working cluster", "working clusters") +
         " of two or more schools (largest: " + std::to_string(a.communities[0].members.size()) +
         " schools).");
  if (const StaffCoverage& sc = a.staff_coverage; sc.staff > 0 || sc.records_with_staff > 0) {
    // Counts only: staff are never named in the summary.
    std::string staff_line =
        plural(sc.records_with_staff, "partnership record", "partnership records") + " of " +
        std::to_string(sc.records) + " name the staff who carry them" +
        (sc.coverage ? " (" + output::format_percent(*sc.coverage) + ")" : "") + "; " +
        plural(sc.involved, "member", "members") + " of staff of " + std::to_string(sc.staff) +
        " on file take part.";
    if (sc.coverage && *sc.coverage < 1.0)
      staff_line += " Records without a staff list count as unknown, so staff figures are lower "
                    "bounds.";
    item(staff_line);
  }
  if (!nf.as_of && nf.ended_before_file_as_of > 0 && net.as_of) {
    out += "\n";
    wrap(out,
         "Note: " +
             plural(nf.ended_before_file_as_of, "partnership record", "partnership records") +
             " ended before the file's own date (" + *net.as_of + ") but " +
             (nf.ended_before_file_as_of == 1 ? "still counts" : "still count") +
             " here (--as-of all); without it they are left out.",
         "", "      ");
  }

  depth_text(out, net, a);

  // Findings grouped by kind, most urgent kind first (a.findings is already in that order).
  out += "\nFindings, most urgent first\n";
  if (a.findings.empty()) out += "  None: no problem found.\n";
  for (const KindText& kt : kKindTexts) {
    std::vector<const Finding*> of_kind;
    for (const Finding& f : a.findings)
      if (f.kind == kt.kind) of_kind.push_back(&f);
    if (of_kind.empty()) continue;
    out += "\n";
    wrap(out, std::string(kt.title) + " (" + std::to_string(of_kind.size()) + ")", "  ", "  ");
    std::string why(kt.why);
    if (kt.kind == "key-person")  // what the run shows, not what it shows by default
      why += a.settings.show_staff_names
                 ? " Staff are shown by their id and, as asked (--show-staff-names), by name."
                 : " Staff are shown by their id, not by name.";
    wrap(out, why, "    ", "    ");
    for (std::size_t i = 0; i < of_kind.size() && i < kMaxPerKind; ++i)
      wrap(out, output::printable(of_kind[i]->message), "    - ", "      ");
    if (of_kind.size() > kMaxPerKind)
      out += "    ... and " + std::to_string(of_kind.size() - kMaxPerKind) +
             " more (all are in --format json or csv)\n";
  }

  if (!a.isolation.empty()) {
    out += "\nSchools most at risk of isolation\n";
    wrap(out, std::string("Ranked: ") + kIsolationRule + " (small: fewer than " +
                  std::to_string(a.settings.small_school_roll) + " pupils).",
         "  ", "  ");
    for (std::size_t i = 0; i < a.isolation.size() && i < kMaxRanked; ++i) {
      const IsolationEntry& e = a.isolation[i];
      std::string why = e.concern == IsolationConcern::no_partner    ? "no partner"
                        : e.concern == IsolationConcern::one_partner ? "one partner"
                                                                     : "hangs on one school";
      if (e.hangs_on && e.concern == IsolationConcern::hangs_on_school)
        why = "hangs on " + label(net, *e.hangs_on);
      if (e.small) why += ", small";
      if (e.rural) why += ", rural";
      const std::string number = std::to_string(i + 1) + ". ";
      wrap(out, label(net, e.school) + ": " + why, "  " + number,
           std::string(2 + number.size(), ' '));
    }
    if (a.isolation.size() > kMaxRanked)
      out += "  ... and " + std::to_string(a.isolation.size() - kMaxRanked) + " more\n";
  }

  // The schools others' routes depend on most, in words rather than "betweenness".
  std::vector<std::size_t> order(a.schools.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    if (a.schools[x].betweenness != a.schools[y].betweenness)
      return a.schools[x].betweenness > a.schools[y].betweenness;
    return net.schools[x].id < net.schools[y].id;
  });
  if (!order.empty() && a.schools[order[0]].betweenness > 0) {
    out += "\nSchools most often on the route between others\n";
    wrap(out,
         std::string("Share of the shortest routes between other pairs of schools that pass "
                     "through the school (betweenness") +
             (nf.sampled_sources ? ", estimated" : "") +
             "; routes count partnerships, not their intensity):",
         "  ", "  ");
    for (std::size_t i = 0; i < order.size() && i < 5 && a.schools[order[i]].betweenness > 0; ++i)
      wrap(out,
           label(net, order[i]) + ": " + output::format_percent(a.schools[order[i]].betweenness) +
               ", " + plural(a.schools[order[i]].degree, "partner school", "partner schools"),
           "  - ", "    ");
  }
  return out;
}

}  // namespace collabnet
