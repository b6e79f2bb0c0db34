// The network as a CSV folder (network_io.hpp): the inverse of load_network_csv, so that
// JSON → CSV → JSON and CSV → JSON → CSV both give back the same network.
#include <algorithm>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "collabnet/diagnostic.hpp"
#include "collabnet/network_io.hpp"
#include "load/builder.hpp"
#include "output/export_model.hpp"
#include "output/format.hpp"

namespace collabnet {
namespace {

/// One RFC 4180 cell. Quoted when it holds a comma, quote, CR or LF, or starts or ends with a
/// space or tab (a reader trims those around unquoted cells); inner quotes doubled. A NUL
/// (U+0000, which no CSV reader takes, ours included) becomes U+FFFD, as the loader's warning
/// about it says.
std::string cell(std::string_view s) {
  if (s.find('\0') != std::string_view::npos) return cell(output::without_nul(s));
  const bool edge_space = !s.empty() && (s.front() == ' ' || s.front() == '\t' ||
                                         s.back() == ' ' || s.back() == '\t');
  if (!edge_space && s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

/// Shortest text that reads back as the same double ("3", "57.122118", "1e-07").
std::string number(double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, end);
}

struct CsvTable {
  bool spreadsheet = false;  ///< formula_safe every cell (export --excel)
  std::string text;
  void row(const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) text += ',';
      text += spreadsheet ? cell(output::formula_safe(cells[i])) : cell(cells[i]);
    }
    text += '\n';
  }
};

/// The extra-attribute columns of one file: keys sorted; a key is a plain text column when all
/// its values are non-empty JSON strings (a KEY:text column), else a KEY:json column of JSON
/// text.
struct ExtraColumns {
  struct Col {
    std::string key;
    bool typed = false;
  };
  std::vector<Col> cols;

  template <class T>
  explicit ExtraColumns(const std::vector<T>& records) {
    std::map<std::string, bool> typed;  // key → needs JSON text
    for (const T& r : records) {
      for (const ExtraAttribute& e : r.extra) {
        bool& t = typed[e.key];
        const bool plain = e.json.size() > 2 && e.json.front() == '"';
        if (!plain || e.key.empty() || e.key.ends_with(":json") || e.key.ends_with(":text"))
          t = true;
      }
    }
    for (const auto& [key, t] : typed) cols.push_back({key, t});
  }

  void header(std::vector<std::string>& cells) const {
    // Marked as extras (KEY:text, KEY:json), so that import csv reads them back as such
    // rather than as columns it does not understand.
    for (const Col& c : cols) cells.push_back(c.key + (c.typed ? ":json" : ":text"));
  }

  void values(const ExtraAttributes& extra, std::vector<std::string>& cells) const {
    for (const Col& c : cols) {
      auto it = std::find_if(extra.begin(), extra.end(),
                             [&](const ExtraAttribute& e) { return e.key == c.key; });
      if (it == extra.end())
        cells.emplace_back();
      else if (c.typed)
        cells.push_back(it->json);
      else
        cells.push_back(nlohmann::json::parse(it->json).get<std::string>());
    }
  }
};

std::string opt_int(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : ""; }

}  // namespace

std::map<std::string, std::string> network_to_csv(const Network& net) {
  return output::network_to_csv(net, false);
}

namespace {
// A school id in a ";"-separated list cell: it must survive the split and the trim.
const std::string& id_for_list(const std::string& id, const char* file, const char* column) {
  if (id.empty() || id.find(';') != std::string::npos || id.front() == ' ' || id.back() == ' ' ||
      id.front() == '\t' || id.back() == '\t')
    throw InputError(file, "school id " + load::quote(id) + " cannot be listed in the " + column +
                               " column, which separates ids with \";\" and trims spaces; "
                               "rename the school or export to JSON");
  return id;
}
}  // namespace

std::map<std::string, std::string> output::network_to_csv(const Network& net, bool spreadsheet) {
  std::map<std::string, std::string> files;

  {
    CsvTable t{spreadsheet, {}};
    if (net.survey) {
      std::string respondents;
      for (std::size_t s : net.survey->respondents) {
        if (!respondents.empty()) respondents += ';';
        respondents += id_for_list(net.schools.at(s).id, "meta.csv", "survey_respondents");
      }
      t.row({"name", "as_of", "survey_name", "survey_closed", "survey_respondents"});
      t.row({net.name, net.as_of.value_or(""), net.survey->name,
             net.survey->closed.value_or(""), respondents});
    } else {
      t.row({"name", "as_of"});
      t.row({net.name, net.as_of.value_or("")});
    }
    files["meta.csv"] = std::move(t.text);
  }
  {
    ExtraColumns extra(net.schools);
    CsvTable t{spreadsheet, {}};
    std::vector<std::string> head = {"id", "name", "authority", "sector", "roll", "rural", "lat", "lon"};
    extra.header(head);
    t.row(head);
    for (const School& s : net.schools) {
      if (s.name.empty())
        throw InputError("schools.csv", "school " + load::quote(s.id) + " has an empty name, which a CSV cell "
                         "cannot hold (an empty cell means \"not given\"); give it a name");
      std::vector<std::string> c = {s.id, s.name, s.authority, s.sector, opt_int(s.roll),
                                    s.rural ? (*s.rural ? "true" : "false") : "",
                                    s.lat ? number(*s.lat) : "", s.lon ? number(*s.lon) : ""};
      extra.values(s.extra, c);
      t.row(c);
    }
    files["schools.csv"] = std::move(t.text);
  }
  if (!net.staff.empty()) {
    ExtraColumns extra(net.staff);
    CsvTable t{spreadsheet, {}};
    std::vector<std::string> head = {"id", "school", "role", "name"};
    extra.header(head);
    t.row(head);
    for (const Staff& s : net.staff) {
      if (s.name && s.name->empty())
        throw InputError("staff.csv", "staff member " + load::quote(s.id) + " has an empty name, which a CSV "
                         "cell cannot hold (an empty cell means \"not given\"); remove the name "
                         "or fill it in");
      std::vector<std::string> c = {s.id, net.schools.at(s.school).id, s.role,
                                    s.name.value_or("")};
      extra.values(s.extra, c);
      t.row(c);
    }
    files["staff.csv"] = std::move(t.text);
  }
  if (!net.groupings.empty()) {
    ExtraColumns extra(net.groupings);
    CsvTable t{spreadsheet, {}}, m{spreadsheet, {}};
    std::vector<std::string> head = {"id", "name", "kind", "basis"};
    extra.header(head);
    t.row(head);
    m.row({"grouping", "school"});
    for (const Grouping& g : net.groupings) {
      std::vector<std::string> c = {g.id, g.name, g.kind, g.basis};
      extra.values(g.extra, c);
      t.row(c);
      for (std::size_t s : g.members) m.row({g.id, net.schools.at(s).id});
    }
    files["groupings.csv"] = std::move(t.text);
    files["memberships.csv"] = std::move(m.text);
  }
  {
    ExtraColumns extra(net.partnerships);
    CsvTable t{spreadsheet, {}};
    std::vector<std::string> head = {"id",    "from",  "to",       "direction", "activity", "weight",
                                     "level", "staff", "grouping", "since",     "until"};
    const bool reported = std::any_of(net.partnerships.begin(), net.partnerships.end(),
                                      [](const Partnership& p) { return !p.reported_by.empty(); });
    if (reported) head.push_back("reported_by");
    extra.header(head);
    t.row(head);
    for (const Partnership& p : net.partnerships) {
      std::string staff;
      for (std::size_t i = 0; i < p.staff.size(); ++i) {
        const std::string& id = net.staff.at(p.staff[i]).id;
        if (id.empty() || id.find(';') != std::string::npos || id.front() == ' ' ||
            id.back() == ' ' || id.front() == '\t' || id.back() == '\t')
          throw InputError("partnerships.csv",
                           "staff id " + load::quote(id) + " cannot be listed in the staff column, which "
                           "separates ids with \";\" and trims spaces; rename the staff member "
                           "or export to JSON");
        if (i) staff += ';';
        staff += id;
      }
      std::vector<std::string> c = {
          p.id_generated ? "" : p.id,
          net.schools.at(p.from).id,
          net.schools.at(p.to).id,
          p.direction == Direction::one_way ? "one-way" : "mutual",
          p.activity,
          number(p.weight),
          p.level ? std::to_string(*p.level) : "",
          staff,
          p.grouping ? net.groupings.at(*p.grouping).id : "",
          p.since.value_or(""),
          p.until.value_or("")};
      if (reported) {
        std::string by;
        for (std::size_t s : p.reported_by) {
          if (!by.empty()) by += ';';
          by += id_for_list(net.schools.at(s).id, "partnerships.csv", "reported_by");
        }
        c.push_back(by);
      }
      extra.values(p.extra, c);
      t.row(c);
    }
    files["partnerships.csv"] = std::move(t.text);
  }
  if (!net.assessments.empty()) {
    ExtraColumns extra(net.assessments);
    CsvTable t{spreadsheet, {}};
    std::vector<std::string> head = {"subject", "subject_kind", "date", "indicator", "level",
                                     "note"};
    extra.header(head);
    t.row(head);
    for (const Assessment& a : net.assessments) {
      if (a.note && a.note->empty())
        throw InputError("assessments.csv", "an assessment of " + load::quote(a.subject) +
                         " has an empty note, which a CSV cell cannot hold (an empty cell means "
                         "\"not given\"); remove the note or fill it in");
      std::vector<std::string> c = {a.subject,   a.subject_kind,          a.date,
                                    a.indicator, std::to_string(a.level), a.note.value_or("")};
      extra.values(a.extra, c);
      t.row(c);
    }
    files["assessments.csv"] = std::move(t.text);
  }
  return files;
}

}  // namespace collabnet
