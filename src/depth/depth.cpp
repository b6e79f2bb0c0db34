// The depth pass (depth.hpp): per subject and indicator the series, latest level, change and
// weakest indicators; partnership levels; the three depth findings.
#include "depth/depth.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <tuple>

#include "collabnet/network.hpp"
#include "passes/passes.hpp"

namespace collabnet {

std::string_view level_name(int level) {
  return level >= 1 && level <= 5 ? kLevelNames[level] : std::string_view();
}

std::string_view himmelman_reading(int level) {
  static constexpr std::string_view kReading[] = {"", "", "networking", "coordinating",
                                                  "cooperating", "collaborating"};
  return level >= 2 && level <= 5 ? kReading[level] : std::string_view();
}

std::string indicator_title(std::string_view indicator) {
  std::string out;
  bool start = true;
  for (char c : indicator) {
    if (c == '-') {
      out += ' ';
      start = true;
      continue;
    }
    out += start && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    start = false;
  }
  // The framework prints "Support for Innovation": small words stay small.
  for (std::string_view small : {" For ", " Of ", " And "}) {
    const auto at = out.find(small);
    if (at != std::string::npos) out[at + 1] = static_cast<char>(out[at + 1] - 'A' + 'a');
  }
  return out;
}

namespace depth {
namespace {

/// Position of an indicator in the framework's order; "overall" last.
std::size_t indicator_rank(std::string_view indicator) {
  const auto* it = std::find(std::begin(kIndicators), std::end(kIndicators), indicator);
  return static_cast<std::size_t>(it - std::begin(kIndicators));
}

std::string level_words(int level) {
  return "level " + std::to_string(level) + " (" + std::string(level_name(level)) + ")";
}

std::string subject_label(const Network& net, const DepthSubject& s) {
  if (s.subject_kind == "network") return "The network as a whole";
  if (s.subject_kind == "grouping") {
    if (auto g = net.find_grouping(s.subject)) return passes::grouping_label(net, *g);
  } else if (s.subject_kind == "school") {
    if (auto v = net.find_school(s.subject)) return passes::school_label(net, *v);
  } else if (s.subject_kind == "partnership") {
    for (const Partnership& p : net.partnerships)
      if (p.id == s.subject) {
        std::string label = passes::partnership_label(net, p);  // starts a sentence here
        label[0] = static_cast<char>(label[0] - 'a' + 'A');
        return label;
      }
  }
  return s.subject_kind + " " + s.subject;
}

FindingValue series_value(const std::vector<std::pair<std::string, int>>& series) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& [date, level] : series) out.emplace_back(date, level);
  return out;
}

}  // namespace

std::optional<int> level_as_of(const IndicatorSeries& series, const std::string& date) {
  std::optional<int> level;
  for (const auto& [d, l] : series.series)
    if (d <= date) level = l;
  return level;
}

DepthResult analyse_depth(const graph::SchoolGraph& g, const Settings& settings) {
  const Network& net = *g.network;
  DepthResult r;
  DepthFigures& f = r.figures;

  // Partnership levels over the records taking part.
  for (std::size_t p : g.records) {
    const auto& level = net.partnerships[p].level;
    ++f.partnership_levels[level ? static_cast<std::size_t>(*level) : 0];
  }

  // Ratings grouped by (kind, subject, indicator): one series each, dates ascending.
  using Key = std::tuple<std::string, std::string, std::size_t, std::string>;
  std::map<Key, std::vector<std::pair<std::string, int>>> series;
  std::vector<std::string> waves;
  for (const Assessment& a : net.assessments) {
    if (settings.as_of && a.date > *settings.as_of) {
      ++f.assessments_after_as_of;
      continue;
    }
    series[Key(a.subject_kind, a.subject, indicator_rank(a.indicator), a.indicator)].emplace_back(
        a.date, a.level);
    waves.push_back(a.date);
  }
  std::sort(waves.begin(), waves.end());
  waves.erase(std::unique(waves.begin(), waves.end()), waves.end());
  f.waves = std::move(waves);
  f.assessed = !series.empty();

  for (auto& [key, points] : series) {
    const auto& [kind, subject, rank, indicator] = key;
    if (f.subjects.empty() || f.subjects.back().subject_kind != kind ||
        f.subjects.back().subject != subject) {
      DepthSubject s;
      s.subject = subject;
      s.subject_kind = kind;
      f.subjects.push_back(std::move(s));
    }
    std::sort(points.begin(), points.end());
    IndicatorSeries is;
    is.indicator = indicator;
    is.series = std::move(points);
    is.latest = is.series.back().second;
    if (is.series.size() >= 2) is.change = is.latest - is.series[is.series.size() - 2].second;
    f.subjects.back().indicators.push_back(std::move(is));
  }

  for (DepthSubject& s : f.subjects) {
    int lowest = 6;
    for (const IndicatorSeries& is : s.indicators)
      if (is.indicator != kOverallIndicator) lowest = std::min(lowest, is.latest);
    for (const IndicatorSeries& is : s.indicators)
      if (is.indicator != kOverallIndicator && is.latest == lowest) s.weakest.push_back(is.indicator);

    const std::string who = subject_label(net, s);
    const std::vector<std::string> subject = {s.subject_kind == "network" ? "network" : s.subject};
    for (const IndicatorSeries& is : s.indicators) {
      const std::string title = indicator_title(is.indicator);
      const std::size_t n = is.series.size();
      auto finding = [&](std::string kind, std::string message) {
        Finding fd;
        fd.kind = std::move(kind);
        fd.subject = subject;
        fd.message = std::move(message);
        fd.extra.emplace_back("subject_kind", s.subject_kind);
        fd.extra.emplace_back("indicator", is.indicator);
        fd.extra.emplace_back("levels", series_value(is.series));
        r.findings.push_back(std::move(fd));
      };
      if (is.change && *is.change < 0)
        finding("falling-indicator",
                who + ": " + title + " fell from " + level_words(is.series[n - 2].second) +
                    " on " + is.series[n - 2].first + " to " + level_words(is.latest) + " on " +
                    is.series[n - 1].first + "; ask what changed between the two ratings");
      if (n >= 3 && is.series[n - 1].second == is.series[n - 2].second &&
          is.series[n - 2].second == is.series[n - 3].second && is.latest < 4)
        finding("stalled-indicator",
                who + ": " + title + " has stayed at " + level_words(is.latest) +
                    " for the last 3 ratings (" + is.series[n - 3].first + " to " +
                    is.series[n - 1].first +
                    "), below level 4 (active); a focus for the next improvement cycle");
    }
  }

  // shallow-grouping: every rated record with both ends in the grouping is at level 1 or 2,
  // and at least 3 are rated.
  // Each grouping's records are found from its members' links (as direction's reciprocity
  // does), not by a scan of every record per grouping: that was grouping count × (schools +
  // records), 0.5 s of a 24,000-school analyse and a quarter of a minute at 100,000.
  std::vector<std::size_t> mark(g.n, 0);  // grouping index + 1 of the last marking
  for (std::size_t gi = 0; gi < net.groupings.size(); ++gi) {
    const std::vector<std::size_t>& members = net.groupings[gi].members;
    for (std::size_t m : members) mark[m] = gi + 1;
    std::size_t rated = 0, shallow = 0, at1 = 0;
    for (std::size_t s : members) {
      mark[s] = 0;  // each pair once, from the member listed first (the loader refuses repeats)
      for (std::uint32_t slot = g.offsets[s]; slot < g.offsets[s + 1]; ++slot) {
        if (mark[g.adjacent[slot]] != gi + 1) continue;
        for (std::size_t p : g.records_of(g.links[g.adjacent_link[slot]])) {
          const Partnership& rec = net.partnerships[p];
          if (!rec.level) continue;
          ++rated;
          if (*rec.level <= 2) ++shallow;
          if (*rec.level == 1) ++at1;
        }
      }
    }
    if (rated < 3 || shallow != rated) continue;
    Finding fd;
    fd.kind = "shallow-grouping";
    fd.subject = {net.groupings[gi].id};
    fd.message = passes::grouping_label(net, gi) + ": all " + std::to_string(rated) +
                 " rated partnership records between its members are at level 1 (no) or 2 "
                 "(emerging collaboration): in our reading of Himmelman's continuum, networking "
                 "at most, not yet coordinating or cooperating";
    fd.extra.emplace_back("subject_kind", std::string("grouping"));
    fd.extra.emplace_back("rated_records", static_cast<std::int64_t>(rated));
    fd.extra.emplace_back("at_level_1", static_cast<std::int64_t>(at1));
    fd.extra.emplace_back("at_level_2", static_cast<std::int64_t>(rated - at1));
    r.findings.push_back(std::move(fd));
  }
  return r;
}

}  // namespace depth
}  // namespace collabnet
