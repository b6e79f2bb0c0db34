// The framework's tracking template (tracking.hpp): indicator rows × wave columns → ratings.
#include "collabnet/tracking.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "collabnet/depth.hpp"

#include "load/builder.hpp"
#include "load/csv_reader.hpp"

namespace collabnet {
namespace {

using load::quote;

const auto lower = load::ascii_lower;

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

int days_in(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string iso(int year, int month, int day) {
  char buf[40];  // room for any three ints, so g++ -O3 sees no possible truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

/// A wave header as a date: (date, true when it was a month read as its last day), or "" date.
std::pair<std::string, bool> wave_date(std::string_view header) {
  const std::string h(trim(header));
  if (load::is_iso_date(h)) return {h, false};
  // 30/09/2025: day first, as dates are written in Scotland.
  int d = 0, m = 0, y = 0;
  char s1 = 0, s2 = 0;
  std::istringstream in(h);
  if (in >> d >> s1 >> m >> s2 >> y && s1 == '/' && s2 == '/' && in.peek() == EOF && y >= 1900 &&
      y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in(y, m))
    return {iso(y, m, d), false};
  // A month and year: "Sept 21", "Sep-2021", "March 2022", "June '22".
  static const std::pair<std::string_view, int> kMonths[] = {
      {"january", 1}, {"jan", 1},  {"february", 2}, {"feb", 2},  {"march", 3},     {"mar", 3},
      {"april", 4},   {"apr", 4},  {"may", 5},      {"june", 6}, {"jun", 6},       {"july", 7},
      {"jul", 7},     {"august", 8}, {"aug", 8},    {"september", 9}, {"sept", 9}, {"sep", 9},
      {"october", 10}, {"oct", 10}, {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12}};
  const std::string l = lower(h);
  std::size_t i = 0;
  while (i < l.size() && std::isalpha(static_cast<unsigned char>(l[i]))) ++i;
  const std::string word = l.substr(0, i);
  int month = 0;
  for (const auto& [name, number] : kMonths)
    if (word == name) month = number;
  if (month == 0) return {"", false};
  while (i < l.size() && (l[i] == ' ' || l[i] == '-' || l[i] == '\'' || l[i] == '.' || l[i] == '/'))
    ++i;
  const std::string digits = l.substr(i);
  if (digits.empty() || digits.size() > 4 || digits.size() == 3 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return {"", false};
  int year = std::stoi(digits);
  if (digits.size() == 2) year += 2000;
  return {iso(year, month, days_in(year, month)), true};
}

/// An indicator as printed ("Building Relationships", "4. Developing Trust", "Support for
/// innovation") → its id ("building-relationships"), or "" when it names none.
std::string indicator_id(std::string_view printed) {
  std::string s = lower(trim(printed));
  // Leading numbering: "4.", "4)", "4 -".
  std::size_t i = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i > 0) {
    while (i < s.size() && (s[i] == '.' || s[i] == ')' || s[i] == ' ' || s[i] == '-' || s[i] == ':'))
      ++i;
    s = s.substr(i);
  }
  std::string id;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      id += c;
    else if (!id.empty() && id.back() != '-')
      id += '-';
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

/// "Level 3", "level 3", "L3", "3", "Level 3 - developing" → 3; 0 when the cell is no level.
int level_of(std::string_view cell) {
  std::string l = lower(trim(cell));
  if (l.rfind("level", 0) == 0)
    l = l.substr(5);
  else if (l.rfind("l", 0) == 0)
    l = l.substr(1);
  const std::string_view rest = trim(l);
  if (rest.empty() || rest[0] < '1' || rest[0] > '5') return 0;
  if (rest.size() > 1 && (std::isdigit(static_cast<unsigned char>(rest[1])) || rest[1] == '.'))
    return 0;
  return rest[0] - '0';
}

}  // namespace

TrackingImport import_tracking_template(const std::filesystem::path& file,
                                        const TrackingOptions& options) {
  load::Diagnostics diags;
  const std::string shown = file.string();
  auto error = [&](std::size_t line, std::string where, std::string message) {
    diags.add(load::csv_diagnostic(shown, line, std::move(where), std::move(message)));
  };
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(shown, "cannot be read (missing, or no permission)");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  // The template's top-left cell is usually blank: name that column, on its own line.
  {
    const auto start = text.find_first_not_of(" \t\r\n");
    if (start != std::string::npos && text[start] == ',') text.insert(start, "Indicator");
  }
  load::CsvFile csv = load::read_csv_text(text, shown, diags);
  if (csv.empty)
    error(1, "header",
          "the file is empty; expected the framework's tracking template: a first column of "
          "indicators and one column per wave, e.g. Indicator,Sept 21,Dec 21,March 22,June 22");
  if (!csv.ok) diags.throw_errors();
  if (csv.header.size() < 2)
    error(csv.header_line, "header",
          "no wave columns; the template has the indicators in the first column and one column "
          "per wave headed by its date, e.g. Indicator,Sept 21,Dec 21,March 22,June 22");

  TrackingImport out;
  std::vector<std::string> dates(csv.header.size());
  std::map<std::string, std::size_t> date_column;
  for (std::size_t c = 1; c < csv.header.size(); ++c) {
    const auto [date, month] = wave_date(csv.header[c]);
    if (date.empty()) {
      error(csv.header_line, csv.header[c],
            "is not a wave date; head each wave column with a date (2025-09-30 or 30/09/2025) or "
            "a month and year (\"Sept 21\", \"March 2022\")");
      continue;
    }
    if (auto [it, fresh] = date_column.emplace(date, c); !fresh) {
      error(csv.header_line, csv.header[c],
            "is the same wave (" + date + ") as column " + quote(csv.header[it->second]) +
                "; give each wave one column");
      continue;
    }
    dates[c] = date;
    out.waves.push_back(quote(csv.header[c]) + " → " + date +
                        (month ? " (the month's last day)" : ""));
  }

  std::vector<std::string_view> known(std::begin(kIndicators), std::end(kIndicators));
  known.push_back(kOverallIndicator);
  std::map<std::string, std::size_t> row_of;  // indicator → line
  for (const load::CsvRow& row : csv.rows) {
    const std::string& printed = row.cells[0];
    bool any = false;
    for (std::size_t c = 1; c < row.cells.size(); ++c) any = any || !trim(row.cells[c]).empty();
    if (trim(printed).empty()) {
      if (any)
        error(row.line, csv.header[0],
              "no indicator named, but the row holds levels; write the indicator's name as the "
              "framework prints it, e.g. \"Building Relationships\"");
      continue;
    }
    const std::string id = indicator_id(printed);
    if (std::find(known.begin(), known.end(), id) == known.end()) {
      std::string msg = quote(printed) +
                        " is not an indicator of the framework; the indicators are Common Goals, "
                        "Systemness, Building Relationships, Developing Trust, Collective "
                        "Purpose, Leadership, Support for Innovation, Connections, Collaborative "
                        "Processes, Sharing Information (or Overall)";
      if (auto hint = load::did_you_mean(id, known))
        msg += "; did you mean " + quote(indicator_title(*hint)) + "?";
      error(row.line, csv.header[0], msg);
      continue;
    }
    if (auto [it, fresh] = row_of.emplace(id, row.line); !fresh) {
      error(row.line, csv.header[0],
            quote(printed) + " is rated on line " + std::to_string(it->second) +
                " already; give each indicator one row");
      continue;
    }
    bool rated = false;
    for (std::size_t c = 1; c < row.cells.size(); ++c) {
      const std::string_view cell = trim(row.cells[c]);
      if (cell.empty() || dates[c].empty()) continue;
      const int level = level_of(cell);
      if (level == 0) {
        error(row.line, csv.header[c],
              quote(cell) + " is not a level; write a level from 1 to 5 as \"Level 3\" or \"3\", "
                            "or leave the cell blank");
        continue;
      }
      Assessment a;
      a.subject = options.subject_kind == "network" ? "" : options.subject;
      a.subject_kind = options.subject_kind;
      a.date = dates[c];
      a.indicator = id;
      a.level = level;
      out.assessments.push_back(std::move(a));
      rated = true;
    }
    if (rated) ++out.indicators;
  }
  if (!diags.has_errors() && out.assessments.empty())
    error(csv.header_line, "",
          "no levels found: every cell under the wave columns is blank; fill in the levels "
          "(\"Level 3\" or \"3\")");
  if (diags.has_errors()) diags.throw_errors();
  return out;
}

void merge_assessments(Network& net, const std::vector<Assessment>& ratings,
                       const std::string& template_file, const std::string& network_file) {
  if (ratings.empty()) return;
  const Assessment& first = ratings.front();
  const std::string& kind = first.subject_kind;
  bool known = kind == "network";
  if (kind == "grouping") known = net.find_grouping(first.subject).has_value();
  if (kind == "school") known = net.find_school(first.subject).has_value();
  if (kind == "partnership")
    known = std::any_of(net.partnerships.begin(), net.partnerships.end(),
                        [&](const Partnership& p) { return p.id == first.subject; });
  if (!known)
    throw InputError("--subject", "unknown " + kind + " id " + quote(first.subject) + " in " +
                                      network_file + "; give the id of a " + kind +
                                      " of that network");
  std::set<std::tuple<std::string, std::string, std::string, std::string>> held;
  for (const Assessment& a : net.assessments)
    held.emplace(a.subject_kind, a.subject, a.indicator, a.date);
  std::vector<Diagnostic> clashes;
  for (const Assessment& a : ratings)
    if (held.count({a.subject_kind, a.subject, a.indicator, a.date})) {
      Diagnostic d;
      d.file = template_file;
      d.message = network_file + " already holds a rating of " + kind + " " + quote(a.subject) +
                  " on " + a.indicator + " for " + a.date +
                  "; remove that rating from the network, or this level from the template";
      clashes.push_back(std::move(d));
    }
  if (!clashes.empty()) throw InputError(clashes);
  net.assessments.insert(net.assessments.end(), ratings.begin(), ratings.end());
}

}  // namespace collabnet
