// The CSV folder loader: each file is read by libcsv (csv_reader.cpp), each row becomes the same
// JSON record the JSON loader would produce, and the shared NetworkBuilder validates it, so the
// rules of network-format.md are enforced in one place. Messages: `FILE:LINE: column: …`.
//
// The folder (docs: network-format, "CSV folder"):
//   schools.csv        required  id,name,authority,sector,roll,rural,lat,lon
//   partnerships.csv   required  id,from,to,direction,activity,weight,level,staff,grouping,since,until
//   staff.csv          optional  id,school,role,name
//   groupings.csv      optional  id,name,kind,basis
//   memberships.csv    optional  grouping,school            (one row per member, in order)
//   meta.csv           optional  name,as_of (and format)    (one row: the network's own fields)
//   assessments.csv    optional  subject,subject_kind,date,indicator,level,note (framework ratings)
// Headers are matched case-, space- and punctuation-insensitively, with common synonyms
// ("One-way?" → direction, "How often (per term)" → weight, "Start date" → since). A column
// named `KEY:text` is the extra attribute KEY (text); `KEY:json` holds JSON text and gives the
// attribute KEY that value (numbers, arrays, …): the CSV writer uses both so that a round trip
// through CSV keeps every attribute exactly. Any other column is an error naming the known ones,
// unless LoadOptions::keep_unknown_columns keeps it as an extra attribute (text): a column that
// is silently not understood loses data.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "collabnet/load.hpp"
#include "load/builder.hpp"
#include "load/csv_reader.hpp"
#include "load/progress_gate.hpp"

namespace collabnet {
namespace load {
namespace {

using nlohmann::json;

/// How deeply brackets nest in JSON text (strings skipped), without parsing it.
std::size_t json_nesting(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}
namespace fs = std::filesystem;

constexpr std::string_view kJsonSuffix = ":json";
constexpr std::string_view kTextSuffix = ":text";

enum class Kind { text, integer, number, boolean, list, json_text, direction, one_way_flag };

struct Column {
  std::string key;  // the record key it gives (may be "": an extra attribute named "")
  Kind kind = Kind::text;
  bool skip = false;  // a column not understood (an error): its cells are not read
};

/// A header as compared: lower case, every run of characters other than letters and digits one
/// space, trimmed ("One-way?" → "one way", "as_of" → "as of").
std::string header_key(std::string_view name) {
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

/// The same without any part in brackets ("How often (per term)" → "how often").
std::string header_key_unbracketed(std::string_view name) {
  std::string stripped;
  int depth = 0;
  for (char c : name) {
    if (c == '(' || c == '[') ++depth;
    else if ((c == ')' || c == ']') && depth > 0) --depth;
    else if (depth == 0) stripped += c;
  }
  return header_key(stripped);
}

/// Headers people write for the fields (already in header_key form), per file. docs/format.md
/// lists them.
struct Synonym {
  std::string_view field, header;
};
const std::vector<Synonym>& synonyms(Section section) {
  static const std::vector<Synonym> schools = {
      {"id", "school id"}, {"id", "seed"}, {"id", "seed code"}, {"id", "seedcode"},
      {"id", "urn"}, {"id", "school code"}, {"id", "code"}, {"name", "school name"},
      {"name", "school"}, {"authority", "local authority"}, {"authority", "la"},
      {"authority", "council"}, {"sector", "school type"}, {"sector", "phase"},
      {"roll", "pupils"}, {"roll", "pupil roll"}, {"roll", "school roll"},
      {"roll", "number of pupils"}, {"roll", "pupil count"}, {"lat", "latitude"},
      {"lon", "longitude"}, {"lon", "long"}, {"lon", "lng"}};
  static const std::vector<Synonym> staff = {
      {"id", "staff id"}, {"school", "school id"}, {"school", "home school"},
      {"role", "job"}, {"role", "post"}, {"role", "job title"}, {"name", "staff name"}};
  static const std::vector<Synonym> groupings = {
      {"id", "grouping id"}, {"id", "group id"}, {"id", "cluster id"},
      {"name", "grouping name"}, {"name", "group name"}, {"name", "cluster name"},
      {"kind", "type"}, {"kind", "grouping type"}};
  static const std::vector<Synonym> memberships = {
      {"grouping", "grouping id"}, {"grouping", "group"}, {"grouping", "group id"},
      {"grouping", "cluster"}, {"school", "school id"}, {"school", "member"},
      {"school", "member school"}};
  static const std::vector<Synonym> partnerships = {
      {"id", "partnership id"}, {"id", "ref"}, {"id", "reference"},
      {"from", "from school"}, {"from", "school a"}, {"from", "school 1"},
      {"to", "to school"}, {"to", "partner"}, {"to", "partner school"}, {"to", "school b"},
      {"to", "school 2"}, {"direction", "one way"}, {"direction", "oneway"},
      {"direction", "is one way"}, {"activity", "activity type"},
      {"activity", "type of activity"}, {"weight", "how often"}, {"weight", "times per term"},
      {"weight", "frequency"}, {"weight", "intensity"}, {"level", "collaboration level"},
      {"staff", "staff ids"}, {"grouping", "grouping id"}, {"grouping", "cluster"},
      {"since", "start"}, {"since", "start date"}, {"since", "started"},
      {"since", "date started"}, {"since", "from date"}, {"until", "end"},
      {"until", "end date"}, {"until", "ended"}, {"until", "date ended"},
      {"until", "to date"}};
  static const std::vector<Synonym> meta = {
      {"name", "network name"}, {"name", "title"}, {"as_of", "as of date"},
      {"as_of", "date"}};
  static const std::vector<Synonym> assessments = {
      {"subject", "subject id"}, {"subject_kind", "kind"},
      {"subject_kind", "subject type"}, {"date", "wave"}, {"date", "wave date"},
      {"indicator", "indicator name"}, {"level", "rating"}, {"level", "score"},
      {"note", "notes"}, {"note", "evidence"}};
  static const std::vector<Synonym> none;
  switch (section) {
    case Section::schools: return schools;
    case Section::staff: return staff;
    case Section::groupings: return groupings;
    case Section::memberships: return memberships;
    case Section::partnerships: return partnerships;
    case Section::top: return meta;
    case Section::assessments: return assessments;
  }
  return none;
}

struct FileSpec {
  Section section;
  std::string_view file;
  std::vector<std::string_view> known;     // known columns, in the writer's order
  std::vector<std::string_view> required;  // columns that must be in the header
  bool extras = true;                      // unknown columns kept (else an error)
};

const FileSpec kSchools{Section::schools, "schools.csv",
                        {"id", "name", "authority", "sector", "roll", "rural", "lat", "lon"},
                        {"id", "name"}};
const FileSpec kStaff{Section::staff, "staff.csv", {"id", "school", "role", "name"}, {"id", "school"}};
const FileSpec kGroupings{Section::groupings, "groupings.csv", {"id", "name", "kind", "basis"}, {"id"}};
const FileSpec kMemberships{Section::memberships, "memberships.csv", {"grouping", "school"},
                            {"grouping", "school"}, false};
const FileSpec kPartnerships{Section::partnerships, "partnerships.csv",
                             {"id", "from", "to", "direction", "activity", "weight", "level",
                              "staff", "grouping", "since", "until", "reported_by"},
                             {"from", "to"}};
const FileSpec kAssessments{Section::assessments, "assessments.csv",
                            {"subject", "subject_kind", "date", "indicator", "level", "note"},
                            {"subject_kind", "date", "indicator", "level"}};
const FileSpec kMeta{Section::top, "meta.csv",
                     {"format", "name", "as_of", "survey_name", "survey_closed",
                      "survey_respondents"},
                     {}, false};

Kind kind_of(const FileSpec& spec, std::string_view key) {
  if (spec.section == Section::schools) {
    if (key == "roll") return Kind::integer;
    if (key == "lat" || key == "lon") return Kind::number;
    if (key == "rural") return Kind::boolean;
  }
  if (spec.section == Section::partnerships) {
    if (key == "level") return Kind::integer;
    if (key == "weight") return Kind::number;
    if (key == "staff" || key == "reported_by") return Kind::list;
  }
  if (spec.section == Section::assessments && key == "level") return Kind::integer;
  return Kind::text;
}

std::string join_names(const std::vector<std::string_view>& v) {
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) s += ',';
    s += v[i];  // appended piece by piece: `"," + std::string(...)` trips g++ 12's -Wrestrict at -O3
  }
  return s;
}

std::string lower(std::string_view s) { return ascii_lower(s); }

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

/// A cell as the JSON value the builder expects. Values that do not parse stay strings, so the
/// builder reports them with its own message (`must be a number, got "abc"`).
json convert(const std::string& cell, Kind kind) {
  const char* const first = cell.data();
  const char* const last = cell.data() + cell.size();
  switch (kind) {
    case Kind::integer: {
      std::int64_t i = 0;
      auto [p, ec] = std::from_chars(first, last, i);
      if (ec == std::errc() && p == last) return json(i);
      return json(cell);
    }
    case Kind::number: {
      // Whole numbers stay integers so that messages quote the cell as written ("got 95").
      std::int64_t i = 0;
      if (auto [p, ec] = std::from_chars(first, last, i); ec == std::errc() && p == last)
        return json(i);
      double d = 0;
      auto [p, ec] = std::from_chars(first, last, d);
      if (ec == std::errc() && p == last && std::isfinite(d)) return json(d);
      return json(cell);
    }
    case Kind::boolean: {
      const std::string v = lower(cell);
      if (v == "true" || v == "yes" || v == "1") return json(true);
      if (v == "false" || v == "no" || v == "0") return json(false);
      return json(cell);
    }
    case Kind::list: {
      json arr = json::array();
      std::string_view rest = cell;
      while (true) {
        const auto semi = rest.find(';');
        const std::string_view item = trim(rest.substr(0, semi));
        if (!item.empty()) arr.push_back(std::string(item));
        if (semi == std::string_view::npos) break;
        rest.remove_prefix(semi + 1);
      }
      return arr;
    }
    case Kind::direction:
    case Kind::one_way_flag: {
      // "One-way", "one way", "Two-way": the words as people write them. Under a yes/no
      // header ("One-way?") yes means one-way and no mutual.
      const std::string v = header_key(cell);
      if (v == "one way" || v == "oneway") return json("one-way");
      if (v == "mutual" || v == "two way" || v == "twoway" || v == "both ways")
        return json("mutual");
      if (kind == Kind::one_way_flag) {
        if (v == "yes" || v == "y" || v == "true" || v == "1") return json("one-way");
        if (v == "no" || v == "n" || v == "false" || v == "0") return json("mutual");
      }
      return json(cell);
    }
    case Kind::text:
    case Kind::json_text: break;
  }
  return json(cell);
}

class FolderLoader {
 public:
  FolderLoader(const fs::path& folder, Diagnostics& diags, ProgressGate& progress,
               const LoadOptions& options)
      : folder_(folder), display_(folder.string()), diags_(diags),
        builder_(Naming{true, "", display_, options.dates_day_first}, diags),
        progress_(progress), options_(options) {}

  Network run() {
    warn_unknown_files();
    if (progress_.active()) {  // progress: the share of the folder's files read so far
      for (const FileSpec* spec : {&kSchools, &kStaff, &kGroupings, &kMemberships,
                                   &kPartnerships, &kMeta, &kAssessments}) {
        std::error_code ec;
        const auto size = fs::file_size(folder_ / std::string(spec->file), ec);
        if (!ec) bytes_total_ += static_cast<std::size_t>(size);
      }
    }
    Table schools = read(kSchools, true);
    auto staff = read(kStaff, false);
    auto groupings = read(kGroupings, false);
    auto memberships = read(kMemberships, false);
    auto partnerships = read(kPartnerships, true);
    auto meta = read(kMeta, false);
    auto assessments = read(kAssessments, false);
    // A broken file (or header) would only cause a cascade of "unknown id" errors elsewhere.
    if (structural_error_) diags_.throw_errors();

    // Row by row, each table released once handed over: memory stays O(network + one file).
    each_record(schools, kSchools, [&](const json& r, const Place& p) { builder_.add_school(r, p); });
    release(schools);
    each_record(staff, kStaff, [&](const json& r, const Place& p) { builder_.add_staff(r, p); });
    release(staff);
    add_groupings(groupings, memberships);
    each_record(partnerships, kPartnerships,
                [&](const json& r, const Place& p) { builder_.add_partnership(r, p); });
    release(partnerships);
    each_record(assessments, kAssessments,
                [&](const json& r, const Place& p) { builder_.add_assessment(r, p); });
    release(assessments);
    add_meta(meta);
    return builder_.finish();
  }

 private:
  struct Table {
    CsvFile file;
    std::vector<Column> columns;
    bool present = false;
  };

  std::string path_of(std::string_view file) const { return csv_path_in(display_, file); }

  void error(const std::string& file, std::size_t line, std::string where, std::string msg) {
    diags_.add(csv_diagnostic(file, line, std::move(where), std::move(msg)));
  }

  void warn_unknown_files() {
    std::error_code ec;
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder_, ec)) {
      const std::string name = entry.path().filename().string();
      if (entry.path().extension() == ".csv") names.insert(name);
    }
    static const std::vector<std::string_view> known = {
        "schools.csv", "partnerships.csv", "staff.csv", "groupings.csv", "memberships.csv",
        "meta.csv", "assessments.csv"};
    // What `export --with-analysis` adds beside the network: ours, read by nobody, not a typo.
    static const std::vector<std::string_view> analysis = {
        "analysis-schools.csv", "analysis-groupings.csv", "analysis-findings.csv"};
    for (const auto& name : names) {
      if (std::find(known.begin(), known.end(), name) != known.end()) continue;
      if (std::find(analysis.begin(), analysis.end(), name) != analysis.end()) continue;
      std::string msg = "not a file of a collabnet CSV network, so it is ignored";
      if (auto hint = did_you_mean(name, known)) msg += " (did you mean \"" + *hint + "\"?)";
      diags_.add(csv_diagnostic(path_of(name), 0, "", msg, Severity::warning));
      present_.insert(name);
    }
  }

  Table read(const FileSpec& spec, bool required) {
    Table t;
    const std::string shown = path_of(spec.file);
    const fs::path path = folder_ / std::string(spec.file);
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      t.file.display = shown;
      if (required) {
        std::string msg =
            "file not found; a CSV network folder needs schools.csv and partnerships.csv "
            "(staff.csv, groupings.csv, memberships.csv and meta.csv are optional)";
        std::vector<std::string_view> others(present_.begin(), present_.end());
        if (auto hint = did_you_mean(spec.file, others))
          msg += "; rename \"" + *hint + "\" to \"" + std::string(spec.file) + "\"?";
        error(shown, 0, "", msg);
        structural_error_ = true;
      }
      return t;
    }
    t.present = true;
    t.file = read_csv_file(path, shown, diags_);
    if (progress_.active()) {
      std::error_code size_ec;
      const auto size = fs::file_size(path, size_ec);
      if (!size_ec) bytes_read_ += static_cast<std::size_t>(size);
      progress_.bytes(bytes_read_, bytes_total_);
    }
    if (t.file.empty) {
      std::string msg = "the file is empty; its first line must name the columns";
      msg += spec.required.empty() ? ", e.g. " + join_names(spec.known)
                                   : ", at least " + join_names(spec.required);
      error(shown, 1, "header", msg);
    }
    if (!t.file.ok) {
      structural_error_ = true;
      return t;
    }
    check_header(spec, t);
    return t;
  }

  /// The field a header gives in this file, or "" when it is not one of them.
  static std::string field_of(const FileSpec& spec, std::string_view name) {
    for (const std::string& key : {header_key(name), header_key_unbracketed(name)}) {
      if (key.empty()) continue;
      for (std::string_view field : spec.known)
        if (header_key(field) == key) return std::string(field);
      for (const Synonym& syn : synonyms(spec.section))
        if (syn.header == key) return std::string(syn.field);
    }
    return "";
  }

  void check_header(const FileSpec& spec, Table& t) {
    const auto& header = t.file.header;
    const std::size_t line = t.file.header_line;
    std::map<std::string, std::string> given;  // key → column as written
    for (const std::string& name : header) {
      Column col;
      std::string_view key = name;
      const auto ends_with = [&](std::string_view suffix) {
        return key.size() >= suffix.size() && key.substr(key.size() - suffix.size()) == suffix;
      };
      const bool typed = ends_with(kJsonSuffix);
      const bool marked = typed || ends_with(kTextSuffix);  // an extra attribute, as export writes
      if (marked) key.remove_suffix(kJsonSuffix.size());    // both suffixes have 5 characters
      const std::string field = marked ? "" : field_of(spec, key);
      const bool known = !field.empty();
      col.key = known ? field : std::string(key);
      col.kind = typed ? Kind::json_text : kind_of(spec, col.key);
      if (known && field == "direction")
        col.kind = header_key(name) == "direction" ? Kind::direction : Kind::one_way_flag;
      if (spec.section == Section::groupings && header_key(key) == "members") {
        error(t.file.display, line, "header",
              "a grouping's members are listed in memberships.csv (columns grouping,school; one "
              "row per member), not in a \"members\" column");
        structural_error_ = true;
      } else if (!spec.extras && !known) {
        std::string msg = "unknown column " + quote(name) + "; " + std::string(spec.file) +
                          " has only the columns " + join_names(spec.known);
        if (auto hint = did_you_mean(name, spec.known)) msg += " (did you mean \"" + *hint + "\"?)";
        error(t.file.display, line, "header", msg);
        structural_error_ = true;
      } else if (!known && !marked) {
        // Not understood: an error, or (asked for) an extra attribute. Either way the rows are
        // still read, so that one round of messages shows every problem.
        std::string msg = "unknown column " + quote(name);
        if (auto hint = did_you_mean(header_key(key), spec.known))
          msg += " (did you mean \"" + *hint + "\"?)";
        if (options_.keep_unknown_columns) {
          msg += " kept as an extra attribute (--keep-unknown-columns)";
          if (did_you_mean(header_key(key), spec.known))
            diags_.add(csv_diagnostic(t.file.display, line, name, msg, Severity::warning));
        } else {
          msg += "; " + std::string(spec.file) + " knows the columns " + join_names(spec.known) +
                 " (docs/format.md lists the other headers it understands). Rename the column "
                 "to one of them, rename it " + quote(std::string(key) + ":text") +
                 " to keep it as your own attribute, or give --keep-unknown-columns";
          error(t.file.display, line, "header", msg);
          col.skip = true;  // the column is left out; the rows are still checked
        }
      }
      if (!col.skip) {
        if (auto [it, fresh] = given.emplace(col.key, name); !fresh) {
          error(t.file.display, line, "header",
                "columns " + quote(it->second) + " and " + quote(name) + " both give " +
                    quote(col.key) + "; keep one");
          structural_error_ = true;
        }
      }
      t.columns.push_back(std::move(col));
    }
    for (std::string_view req : spec.required) {
      if (given.count(std::string(req))) continue;
      std::string msg = "missing required column \"" + std::string(req) + "\"";
      std::vector<std::string_view> unknown;
      for (std::size_t c = 0; c < header.size(); ++c)
        if (t.columns[c].skip || std::find(spec.known.begin(), spec.known.end(),
                                           t.columns[c].key) == spec.known.end())
          unknown.push_back(header[c]);
      if (auto hint = did_you_mean(req, unknown)) msg += " (is \"" + *hint + "\" misspelt?)";
      error(t.file.display, line, "header", msg);
      structural_error_ = true;
    }
    if (!t.file.blank_lines.empty()) {
      const std::size_t n = t.file.blank_lines.size();
      diags_.add(csv_diagnostic(
          t.file.display, 0, "",
          std::to_string(n) + (n == 1 ? " blank row" : " blank rows") +
              " (every cell empty) skipped: " + (n == 1 ? "row " : "rows ") +
              line_ranges(t.file.blank_lines),
          Severity::warning));
    }
  }

  static void release(Table& t) { std::vector<CsvRow>().swap(t.file.rows); }

  /// The rows of a table as JSON records, each with its place, one at a time.
  template <class F>
  void each_record(const Table& t, const FileSpec& spec, F&& fn) {
    if (!t.present) return;
    for (std::size_t r = 0; r < t.file.rows.size(); ++r) {
      const CsvRow& row = t.file.rows[r];
      json rec = json::object();
      for (std::size_t c = 0; c < t.columns.size(); ++c) {
        const std::string& cell = row.cells[c];
        const Column& col = t.columns[c];
        if (cell.empty() || col.skip) continue;  // not given, or a column left out
        if (col.kind == Kind::json_text) {
          if (json_nesting(cell) > 64) {  // written back out recursively later: keep it shallow
            error(t.file.display, row.line, t.file.header[c],
                  "holds a JSON value nested more than 64 levels deep; flatten it");
            continue;
          }
          json v = json::parse(cell, nullptr, false);
          if (v.is_discarded()) {
            error(t.file.display, row.line, t.file.header[c],
                  "is not valid JSON: " + quote(cell) +
                      " (a column named KEY:json holds JSON values: \"text\" in quotes, numbers, "
                      "true, [arrays]; or rename the column to " + quote(col.key) +
                      " for plain text)");
            continue;
          }
          rec[col.key] = std::move(v);
        } else {
          rec[col.key] = convert(cell, col.kind);
        }
      }
      fn(rec, Place{spec.section, r, row.line});
    }
  }

  std::vector<std::pair<json, Place>> records(const Table& t, const FileSpec& spec) {
    std::vector<std::pair<json, Place>> out;
    each_record(t, spec, [&](const json& r, const Place& p) { out.emplace_back(r, p); });
    return out;
  }

  void add_groupings(const Table& groupings, const Table& memberships) {
    auto rows = records(groupings, kGroupings);
    std::map<std::string, std::size_t> by_id;  // first row of each grouping id
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (auto it = rows[i].first.find("id"); it != rows[i].first.end() && it->is_string())
        by_id.emplace(it->get<std::string>(), i);
    std::vector<json> members(rows.size(), json::array());
    std::vector<std::vector<Place>> member_places(rows.size());
    std::vector<std::map<std::string, std::size_t>> member_lines(rows.size());

    if (memberships.present && !groupings.present && !memberships.file.rows.empty()) {
      error(memberships.file.display, 0, "",
            "there is no groupings.csv to declare the groupings it names; add groupings.csv "
            "(columns id,name,kind,basis)");
    } else {
      for (const auto& [rec, place] : records(memberships, kMemberships)) {
        const json* g = rec.contains("grouping") ? &rec["grouping"] : nullptr;
        const json* s = rec.contains("school") ? &rec["school"] : nullptr;
        const std::string& file = memberships.file.display;
        if (!g) error(file, place.line, "grouping", "is required");
        if (!s) error(file, place.line, "school", "is required");
        if (!g || !s) continue;
        const std::string& gid = g->get_ref<const std::string&>();
        const std::string& sid = s->get_ref<const std::string&>();
        auto it = by_id.find(gid);
        if (it == by_id.end()) {
          std::string msg = "unknown grouping id " + quote(gid) + " (not in groupings.csv)";
          std::vector<std::string_view> ids;
          for (const auto& [id, index] : by_id) ids.push_back(id);
          if (auto hint = did_you_mean(gid, ids)) msg += "; did you mean \"" + *hint + "\"?";
          error(file, place.line, "grouping", msg);
          continue;
        }
        const std::size_t gi = it->second;
        if (auto [seen, fresh] = member_lines[gi].emplace(sid, place.line); !fresh) {
          error(file, place.line, "school",
                "school " + quote(sid) + " is already a member of grouping " + quote(gid) +
                    " (line " + std::to_string(seen->second) + "); remove the repeated row");
          continue;
        }
        members[gi].push_back(sid);
        member_places[gi].push_back(place);
      }
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      rows[i].first["members"] = std::move(members[i]);
      builder_.add_grouping(rows[i].first, rows[i].second, std::move(member_places[i]));
    }
  }

  void add_meta(const Table& meta) {
    if (!meta.present || meta.file.rows.empty()) return;
    const std::string& file = meta.file.display;
    const CsvRow& row = meta.file.rows.front();
    json survey = json::object();  // survey_name, survey_closed, survey_respondents
    for (std::size_t c = 0; c < meta.columns.size(); ++c) {
      const std::string& key = meta.columns[c].key;
      const std::string& cell = row.cells[c];
      if (cell.empty()) continue;
      if (key == "format" && cell != "collabnet/1") {
        error(file, row.line, key,
              "unsupported format " + quote(cell) +
                  "; this version of collabnet reads \"collabnet/1\"");
      } else if (key == "as_of") {
        std::string why;
        if (auto date = read_date(cell, options_.dates_day_first, &why))
          builder_.set_top("as_of", json(*date));
        else
          error(file, row.line, key, why);
      } else if (key == "name") {
        builder_.set_top("name", json(cell));
      } else if (key == "survey_name") {
        survey["name"] = cell;
      } else if (key == "survey_closed") {
        survey["closed"] = cell;
      } else if (key == "survey_respondents") {
        survey["respondents"] = convert(cell, Kind::list);
      }
    }
    if (!survey.empty()) {
      if (!survey.contains("respondents")) survey["respondents"] = json::array();
      builder_.set_top("survey", survey);
    }
    if (meta.file.rows.size() > 1)
      error(file, meta.file.rows[1].line, "",
            "meta.csv has one row (the network's name and as_of); remove the extra rows");
  }

  fs::path folder_;
  std::string display_;
  Diagnostics& diags_;
  NetworkBuilder builder_;
  std::set<std::string> present_;  // other .csv files in the folder, for hints
  bool structural_error_ = false;
  ProgressGate& progress_;
  LoadOptions options_;
  std::size_t bytes_total_ = 0, bytes_read_ = 0;
};

}  // namespace
}  // namespace load

LoadResult load_network_csv(const std::filesystem::path& folder, const LoadProgress& progress,
                            const LoadOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec))
    throw InputError(folder.string(),
                     "not a folder; a CSV network is a folder holding schools.csv and "
                     "partnerships.csv (and optionally staff.csv, groupings.csv, "
                     "memberships.csv, meta.csv)");
  load::ProgressGate gate(progress);
  load::Diagnostics diags;
  load::FolderLoader loader(folder, diags, gate, options);
  LoadResult result;
  result.network = loader.run();
  if (diags.has_errors()) diags.throw_errors();
  result.warnings = diags.warnings();
  return result;
}

}  // namespace collabnet
