// CSV renderings (RFC 4180: CRLF line ends, fields quoted when they need it). They are meant for
// spreadsheets and never read back, so every text from the input goes through spreadsheet_field:
// a name such as "=HYPERLINK(...)" gets a leading apostrophe instead of running as a formula.

#include <algorithm>
#include <numeric>
#include <variant>

#include "collabnet/analysis_output.hpp"
#include "output/format.hpp"

namespace collabnet {
namespace {

using output::spreadsheet_field;
using output::format_number;

std::string yes_no(bool b) { return b ? "true" : "false"; }

using output::row;

template <class T, class Key>
std::vector<std::size_t> sorted_by(const std::vector<T>& items, Key key) {
  std::vector<std::size_t> order(items.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t x, std::size_t y) { return key(items[x]) < key(items[y]); });
  return order;
}

}  // namespace

std::string analysis_schools_csv(const Network& net, const Analysis& a) {
  std::vector<std::string> rank(net.schools.size());
  for (std::size_t i = 0; i < a.isolation.size(); ++i)
    rank[a.isolation[i].school] = std::to_string(i + 1);
  std::string out;
  // Sampled figures say so in their column names, with the number of sources (--sample K).
  // With --sample-error, the names carry its bound: "…_within_0.05_at_0.95".
  const std::string betweenness = output::estimated_name(
      "betweenness", a.network.sampled_sources, a.settings.sample_error, a.settings.confidence);
  const std::string closeness = output::estimated_name(
      "closeness", a.network.sampled_sources, a.settings.sample_error, a.settings.confidence);
  // Columns in the report's words (partners, cut school, working cluster), with the school's
  // own roll, sector and authority beside its figures; as_of says which date they are for.
  const std::string as_of = a.network.as_of ? *a.network.as_of : "all records";
  row(out, {"id", "name", "authority", "sector", "roll", "partners", "partnerships", "strength",
            betweenness, closeness, "pagerank", "component", "cut_school", "gives", "receives",
            "gives_to", "working_cluster", "small", "rural", "isolation_rank", "staff_on_file",
            "staff_involved", "staff_share_involved", "staff_penetration",
            "staff_records_with_lists", "low_penetration", "as_of"});
  for (std::size_t v : sorted_by(net.schools, [](const School& s) -> const std::string& {
         return s.id;
       })) {
    const SchoolFigures& s = a.schools[v];
    const School& school = net.schools[v];
    row(out, {spreadsheet_field(school.id), spreadsheet_field(school.name),
              spreadsheet_field(school.authority), spreadsheet_field(school.sector),
              school.roll ? std::to_string(*school.roll) : "", std::to_string(s.degree), std::to_string(s.partnerships), format_number(s.strength),
              format_number(s.betweenness), format_number(s.closeness), format_number(s.pagerank),
              std::to_string(s.component), yes_no(s.articulation), std::to_string(s.gives),
              std::to_string(s.receives), std::to_string(s.gives_to),
              s.community ? "community-" + std::to_string(*s.community + 1) : "",
              yes_no(s.small), yes_no(s.rural), rank[v],
              // Staff roll-up: counts only; an empty cell is unknown (no staff lists).
              v < a.staff.size() ? std::to_string(a.staff[v].on_file) : "",
              v < a.staff.size() && a.staff[v].involved ? std::to_string(*a.staff[v].involved)
                                                        : "",
              v < a.staff.size() && a.staff[v].share_involved
                  ? format_number(*a.staff[v].share_involved)
                  : "",
              v < a.staff.size() && a.staff[v].penetration
                  ? format_number(*a.staff[v].penetration)
                  : "",
              v < a.staff.size() ? std::to_string(a.staff[v].records_with_staff) : "",
              yes_no(v < a.staff.size() && a.staff[v].low_penetration), as_of});
  }
  return out;
}

std::string analysis_findings_csv(const Network&, const Analysis& a) {
  std::string out;
  const std::string as_of = a.network.as_of ? *a.network.as_of : "all records";
  row(out, {"kind", "subject", "subject_2", "message", "as_of"});
  for (const Finding& f : a.findings)
    row(out, {f.kind, spreadsheet_field(f.subject.empty() ? "" : f.subject[0]),
              spreadsheet_field(f.subject.size() > 1 ? f.subject[1] : ""),
              spreadsheet_field(f.message), as_of});
  return out;
}

std::string analysis_depth_csv(const Network&, const Analysis& a) {
  std::string out;
  row(out, {"subject_kind", "subject", "indicator", "date", "level", "latest", "change",
            "weakest"});
  for (const DepthSubject& s : a.depth.subjects)
    for (const IndicatorSeries& is : s.indicators) {
      const bool weakest =
          std::find(s.weakest.begin(), s.weakest.end(), is.indicator) != s.weakest.end();
      for (std::size_t k = 0; k < is.series.size(); ++k) {
        const bool last = k + 1 == is.series.size();
        row(out, {s.subject_kind, spreadsheet_field(s.subject), is.indicator, is.series[k].first,
                  std::to_string(is.series[k].second), last ? std::to_string(is.latest) : "",
                  last && is.change ? std::to_string(*is.change) : "",
                  last ? yes_no(weakest) : ""});
      }
    }
  return out;
}

std::string analysis_groupings_csv(const Network& net, const Analysis& a) {
  std::string out;
  const std::string as_of = a.network.as_of ? *a.network.as_of : "all records";
  row(out, {"id", "name", "size", "oversize", "undersize", "member_pairs", "linked_pairs",
            "unlinked_members", "records_within", "reciprocity", "as_of"});
  for (std::size_t gi : sorted_by(net.groupings, [](const Grouping& g) -> const std::string& {
         return g.id;
       })) {
    const GroupingFigures& g = a.groupings[gi];
    row(out, {spreadsheet_field(net.groupings[gi].id),
              spreadsheet_field(net.groupings[gi].name),
              std::to_string(g.size), yes_no(g.oversize), yes_no(g.undersize),
              std::to_string(g.member_pairs), std::to_string(g.linked_pairs),
              std::to_string(g.unlinked_members), std::to_string(g.records_within),
              g.reciprocity ? format_number(*g.reciprocity) : "", as_of});
  }
  return out;
}

}  // namespace collabnet
