// The report's wording helpers and its shared context (see parts.hpp). Every text from the input
// passes through clean_text here; HTML escaping is the template's job.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "output/format.hpp"
#include "passes/passes.hpp"
#include "report/parts.hpp"
#include "report/report_internal.hpp"

namespace collabnet::report {

Data list() { return Data(Data::type::list); }

Data text_item(const std::string& text) {
  Data d;
  d.set("text", text);
  return d;
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return with_thousands(n) + " " + (n == 1 ? one : many);
}

std::string percent(double share, int decimals) {
  char buffer[64];
  const double scale = std::pow(10.0, decimals);
  const double value = std::round(share * 100.0 * scale) / scale;
  const auto r = std::to_chars(buffer, buffer + sizeof buffer, value == 0 ? 0.0 : value,
                               std::chars_format::fixed, decimals);
  return std::string(buffer, r.ptr) + "%";
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  const auto r = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed,
                               decimals);
  return std::string(buffer, r.ptr);
}

std::string long_date(const std::string& iso) {
  static constexpr const char* kMonths[] = {"January", "February", "March",     "April",
                                            "May",     "June",     "July",      "August",
                                            "September", "October", "November", "December"};
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return clean_text(iso);
  const int month = (iso[5] - '0') * 10 + (iso[6] - '0');
  const int day = (iso[8] - '0') * 10 + (iso[9] - '0');
  if (month < 1 || month > 12 || day < 1 || day > 31) return clean_text(iso);
  return std::to_string(day) + " " + kMonths[month - 1] + " " + iso.substr(0, 4);
}

std::string school_label(const Network& net, std::size_t s) {
  const School& school = net.schools[s];
  return clean_text(school.name.empty() ? school.id : school.name + " (" + school.id + ")");
}

std::string school_name(const School& school) {
  return clean_text(school.name.empty() ? school.id : school.name);
}

std::string partnership_words(const Network& net, const Partnership& p) {
  return clean_text(passes::partnership_label(net, p));
}

const Partnership* find_partnership(const Network& net, const std::string& id) {
  const auto it = std::find_if(net.partnerships.begin(), net.partnerships.end(),
                               [&](const Partnership& p) { return p.id == id; });
  return it == net.partnerships.end() ? nullptr : &*it;
}

std::string grouping_words(const Network& net, std::size_t g) {
  const Grouping& grouping = net.groupings[g];
  if (!grouping.name.empty()) return clean_text(grouping.name);
  constexpr std::size_t kNamed = 3;
  std::vector<std::size_t> members;
  for (std::size_t m : grouping.members)
    if (std::find(members.begin(), members.end(), m) == members.end()) members.push_back(m);
  std::string names;
  for (std::size_t i = 0; i < members.size() && i < kNamed; ++i)
    names += (i > 0 ? ", " : "") + school_name(net.schools[members[i]]);
  if (members.size() > kNamed) names += " \xE2\x80\xA6";  // "…"
  return "a grouping of " + plural(members.size(), "school", "schools") +
         (members.empty() ? std::string() : " (" + names + ")");
}

Context make_context(const Network& net, const Analysis& a, const ReportOptions& options) {
  Context c{net, a, options, summarise(net), {}, {}, std::vector<std::size_t>(net.schools.size())};
  std::set<std::string> authorities;
  for (const School& s : net.schools) authorities.insert(clean_text(s.authority));
  c.authorities.assign(authorities.begin(), authorities.end());
  for (std::size_t i = 0; i < a.isolation.size(); ++i)
    c.isolation_rank.emplace(net.schools[a.isolation[i].school].id, i);
  for (const Staff& s : net.staff)
    if (s.school < c.staff_per_school.size()) ++c.staff_per_school[s.school];
  return c;
}

std::size_t named_authorities(const Context& c) {
  return static_cast<std::size_t>(std::count_if(c.authorities.begin(), c.authorities.end(),
                                                [](const std::string& s) { return !s.empty(); }));
}

std::size_t oversize_groupings(const Analysis& a) {
  return static_cast<std::size_t>(std::count_if(a.groupings.begin(), a.groupings.end(),
                                                [](const GroupingFigures& g) { return g.oversize; }));
}

}  // namespace collabnet::report
