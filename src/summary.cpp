#include "collabnet/summary.hpp"

#include "output/format.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>
#include <set>
#include <utility>

namespace collabnet {

std::string with_thousands(std::size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

NetworkSummary summarise(const Network& net) {
  NetworkSummary s;
  s.schools = net.schools.size();
  for (const auto& school : net.schools) {
    s.with_roll += school.roll.has_value();
    s.with_location += school.lat.has_value();
    s.rural += school.rural.value_or(false);
  }
  s.staff = net.staff.size();
  s.groupings = net.groupings.size();
  s.partnerships = net.partnerships.size();
  std::set<std::pair<std::size_t, std::size_t>> pairs;
  std::vector<bool> staff_used(net.staff.size(), false);
  for (const auto& p : net.partnerships) {
    (p.direction == Direction::mutual ? s.mutual : s.one_way) += 1;
    pairs.emplace(std::min(p.from, p.to), std::max(p.from, p.to));
    s.with_staff += !p.staff.empty();
    for (auto st : p.staff) staff_used[st] = true;
    if (p.since && (s.earliest_since.empty() || *p.since < s.earliest_since))
      s.earliest_since = *p.since;
    if (p.until && *p.until > s.latest_until) s.latest_until = *p.until;
    if (p.until && net.as_of && *p.until < *net.as_of) ++s.ended_before_as_of;
  }
  s.pairs = pairs.size();
  s.staff_on_partnerships =
      static_cast<std::size_t>(std::count(staff_used.begin(), staff_used.end(), true));
  return s;
}

namespace {
std::string percent_of(std::size_t part, std::size_t whole) {
  if (whole == 0) return "";
  return " (" + std::to_string((part * 100 + whole / 2) / whole) + "%)";
}
}  // namespace

std::string describe_network(const Network& net, const std::string& file, std::size_t warnings) {
  const NetworkSummary s = summarise(net);
  std::string out = file + ": valid collabnet network";
  if (!net.name.empty()) out += "\n  name          " + net.name;
  if (net.as_of) out += "\n  data as of    " + *net.as_of;
  out += "\n  schools       " + with_thousands(s.schools);
  if (s.schools != 0)
    out += ": " + with_thousands(s.with_roll) + " with a roll, " +
           with_thousands(s.with_location) + " with a location, " + with_thousands(s.rural) +
           " rural";
  out += "\n  staff         " + with_thousands(s.staff);
  if (s.staff != 0)
    out += ": " + with_thousands(s.staff_on_partnerships) + " carry a partnership" +
           percent_of(s.staff_on_partnerships, s.staff);
  out += "\n  groupings     " + with_thousands(s.groupings);
  out += "\n  partnerships  " + with_thousands(s.partnerships);
  if (s.partnerships != 0) {
    out += ": " + with_thousands(s.mutual) + " mutual, " + with_thousands(s.one_way) +
           " one-way, between " + with_thousands(s.pairs) + " pairs of schools; " +
           with_thousands(s.with_staff) + " name their staff";
  }
  {
    // Activities as given (the vocabulary is open), commonest first: what the records are about.
    std::map<std::string, std::size_t> counts;
    for (const Partnership& p : net.partnerships)
      if (!p.activity.empty()) ++counts[p.activity];
    std::vector<std::pair<std::string, std::size_t>> order(counts.begin(), counts.end());
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& x, const auto& y) { return x.second > y.second; });
    if (!order.empty()) out += "\n  activities    ";
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (i == 12) {
        out += ", and " + std::to_string(order.size() - i) + " more";
        break;
      }
      if (i) out += ", ";
      out += output::printable(order[i].first);  // text from the input, for a terminal
      out += " ";
      out += with_thousands(order[i].second);
    }
  }
  if (!s.earliest_since.empty() || !s.latest_until.empty()) {
    out += "\n  dates         ";
    if (!s.earliest_since.empty()) out += "earliest start " + s.earliest_since;
    if (!s.earliest_since.empty() && !s.latest_until.empty()) out += ", ";
    if (!s.latest_until.empty()) out += "latest end " + s.latest_until;
    if (s.ended_before_as_of != 0)
      out += "\n                " + with_thousands(s.ended_before_as_of) +
             " partnership(s) ended before the data's as-of date " + *net.as_of +
             "; analyse, render and report leave them out (--as-of all counts them)";
  }
  out += "\n  warnings      " + std::to_string(warnings) + (warnings ? " (on stderr)" : "") + "\n";
  return out;
}

}  // namespace collabnet
