// `collabnet import survey`: see survey_import.hpp and docs/contract/survey-import.md.
#include "survey/survey_import.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include "load/builder.hpp"
#include "load/csv_reader.hpp"
#include "names/names.hpp"
#include "output/format.hpp"

namespace collabnet::survey {
namespace {

using load::quote;

const auto lower = load::ascii_lower;

// Spaces, tabs and line breaks around a cell or a name in it (a quoted cell may hold them).
std::string trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

bool contains(std::string_view s, std::string_view what) {
  return s.find(what) != std::string_view::npos;
}

// What a header names (survey-import.md, "Columns are found by header text").
enum class Role { none, forms, time, respondent, partner, frequency, activity, direction };

Role role_of(const std::string& header) {
  const std::string h = lower(trim(header));
  if (h == "start time" || h == "completion time" || h == "timestamp" ||
      h == "last modified time")
    return Role::time;
  if (h == "id" || h == "email" || h == "name" || h == "email address") return Role::forms;
  if (contains(h, "how often") || contains(h, "frequency")) return Role::frequency;
  if (contains(h, "activit") || contains(h, "what do you do")) return Role::activity;
  if (contains(h, "support") || contains(h, "direction")) return Role::direction;
  if (contains(h, "partner") || contains(h, "work with") || contains(h, "collaborat"))
    return Role::partner;
  if (contains(h, "your school") || contains(h, "school name") || h == "school" ||
      contains(h, "respondent") || contains(h, "which school are you"))
    return Role::respondent;
  return Role::none;
}

// The trailing number of "Partner school 2" (nullopt when none).
std::optional<int> trailing_number(const std::string& header) {
  const std::string h = trim(header);
  std::size_t i = h.size();
  while (i > 0 && std::isdigit(static_cast<unsigned char>(h[i - 1]))) --i;
  if (i == h.size() || h.size() - i > 3) return std::nullopt;
  return std::stoi(h.substr(i));
}

struct Columns {
  std::size_t respondent = SIZE_MAX, time = SIZE_MAX;
  struct Family {
    std::size_t partner = SIZE_MAX, frequency = SIZE_MAX, activity = SIZE_MAX,
                direction = SIZE_MAX;
  };
  std::vector<Family> families;  // one (layouts 1, 3) or one per number (layout 2)
  Layout layout = Layout::detect;
};

struct Located {
  std::size_t line;
  std::string column;
};

// One answer: a respondent naming a partner.
struct Answer {
  std::size_t row = 0;  // position among the rows, for "the later row"
  std::size_t line = 0;
  std::size_t respondent = 0, partner = 0;
  double weight = 1;
  std::string activity, activity_text;
  int direction = 0;  // 0 mutual, 1 respondent → partner, -1 partner → respondent
  std::string direction_text;
};

double frequency_weight(const std::string& cell, bool& understood) {
  understood = true;
  const std::string v = lower(trim(cell));
  if (v.empty()) return 1;
  double d = 0;
  if (auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
      ec == std::errc() && p == v.data() + v.size() && std::isfinite(d) && d > 0 && d <= 1e6)
    return d;
  if (contains(v, "fortnight")) return 6;
  if (contains(v, "week")) return 12;
  if (contains(v, "half-term") || contains(v, "half term") || contains(v, "halftermly")) return 2;
  if (contains(v, "month")) return 3;
  if (contains(v, "termly") || contains(v, "once a term") || contains(v, "each term") ||
      contains(v, "every term"))
    return 1;
  if (contains(v, "year") || contains(v, "annual")) return 1.0 / 3;
  understood = false;
  return 1;
}

// The format's activity word for an answer, or "other" (the text kept).
std::string activity_word(const std::string& cell) {
  const std::string v = lower(cell);
  if (contains(v, "moderat")) return "moderation";
  if (contains(v, "cpd") || contains(v, "training") || contains(v, "professional learning"))
    return "joint-cpd";
  if (contains(v, "leadership")) return "leadership";
  if (contains(v, "facilit")) return "sharing-facilities";
  if (contains(v, "pupil")) return "sharing-pupils";
  if (contains(v, "practice")) return "sharing-practice";
  return "other";
}

// 0 mutual, 1 we support them, -1 they support us; nullopt: not understood.
std::optional<int> direction_of(const std::string& cell) {
  const std::string v = lower(trim(cell));
  if (v.empty() || contains(v, "both") || contains(v, "together") || contains(v, "mutual") ||
      contains(v, "each other"))
    return 0;
  if (contains(v, "we support") || contains(v, "we help") || contains(v, "we lead")) return 1;
  if (contains(v, "they support") || contains(v, "they help") || contains(v, "they lead") ||
      contains(v, "support us"))
    return -1;
  return std::nullopt;
}

// A sortable key for a Forms time cell: ISO stays; "a/b/yyyy h:mm[:ss]" becomes ISO with the
// day/month order the file as a whole shows (`day_first`).
std::string time_key(const std::string& cell, bool day_first) {
  int a = 0, b = 0, y = 0, h = 0, mi = 0, s = 0;
  const std::string v = trim(cell);
  if (std::sscanf(v.c_str(), "%d/%d/%d %d:%d:%d", &a, &b, &y, &h, &mi, &s) >= 3) {
    const int day = day_first ? a : b, month = day_first ? b : a;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", y, month, day, h, mi, s);
    return buf;
  }
  return v;
}

class Importer {
 public:
  Importer(const std::filesystem::path& path, const std::string& display, const Network& reg,
           const ImportOptions& opt)
      : path_(path), file_(display), reg_(reg), opt_(opt), index_(register_names(reg)) {
    for (std::size_t i = 0; i < reg.schools.size(); ++i) by_id_.emplace(reg.schools[i].id, i);
  }

  ImportResult run() {
    read_aliases();
    csv_ = load::read_csv_file(path_, file_, diags_);
    if (!csv_.ok) {
      if (csv_.empty) error(1, "header", "the file is empty; expected a Forms export with a "
                                         "header row (your school, the schools you work with)");
      diags_.throw_errors();
    }
    find_columns();
    if (!diags_.has_errors() && csv_.rows.empty())
      error(csv_.header_line, "header",
            "the file has a header but no answers below it; export the form's responses again "
            "once schools have answered");
    if (diags_.has_errors()) diags_.throw_errors();
    read_answers();
    if (!diags_.has_errors() && respondents_.empty())
      error(csv_.rows.front().line, csv_.header[cols_.respondent],
            "no row's answering school is in the register, so there is nothing to import; "
            "check that --register is the right network, or add the names to the alias file "
            "(--aliases: typed,id)");
    if (diags_.has_errors()) diags_.throw_errors();
    ImportResult result;
    result.network = merge();
    result.matches = std::move(matches_);
    result.rows = csv_.rows.size();
    result.respondents = result.network.survey->respondents.size();
    result.summary = summary(result);
    result.warnings = diags_.warnings();
    return result;
  }

 private:
  static std::vector<names::RegisterName> register_names(const Network& reg) {
    std::vector<names::RegisterName> out;
    for (const School& s : reg.schools) out.push_back({s.name, s.authority});
    return out;
  }

  void error(std::size_t line, std::string where, std::string message) {
    diags_.add(load::csv_diagnostic(file_, line, std::move(where), std::move(message)));
  }
  void warning(std::size_t line, std::string where, std::string message) {
    diags_.add(load::csv_diagnostic(file_, line, std::move(where), std::move(message),
                                    Severity::warning));
  }

  void read_aliases() {
    if (opt_.aliases.empty()) return;
    const std::string display = opt_.aliases.string();
    const auto csv = load::read_source_csv(opt_.aliases, display, diags_, {"typed", "id"},
                                           "an alias file with the columns typed,id",
                                           "an alias file (typed,id)");
    const auto typed = load::column_index(csv.header, "typed");
    const auto id = load::column_index(csv.header, "id");
    for (const auto& row : csv.rows) {
      const std::string key = names::normalise(row.cells[typed]);
      const auto it = by_id_.find(row.cells[id]);
      if (key.empty()) {
        diags_.add(load::csv_diagnostic(display, row.line, "typed",
                                        "is empty; an alias names the text people type"));
      } else if (it == by_id_.end()) {
        diags_.add(load::csv_diagnostic(
            display, row.line, "id",
            "unknown school id " + quote(row.cells[id]) + " (not in the register)"));
      } else if (auto [at, inserted] = aliases_.emplace(key, it->second);
                 !inserted && at->second != it->second) {
        diags_.add(load::csv_diagnostic(display, row.line, "typed",
                                        quote(row.cells[typed]) +
                                            " is already an alias of another school; keep one"));
      }
    }
    if (diags_.has_errors()) diags_.throw_errors();
  }

  std::size_t named_column(const std::string& name, const char* flag) {
    const auto i = load::column_index(csv_.header, name);
    if (i == SIZE_MAX || i >= csv_.header.size()) {
      error(csv_.header_line, "header",
            std::string(flag) + " names column " + quote(name) + ", which the file does not have");
      return SIZE_MAX;
    }
    return i;
  }

  void find_columns() {
    const auto& h = csv_.header;
    std::map<int, Columns::Family> numbered;
    Columns::Family single;
    std::vector<std::size_t> partners;
    bool forms = false;
    for (std::size_t c = 0; c < h.size(); ++c) {
      const Role r = role_of(h[c]);
      const auto n = trailing_number(h[c]);
      auto slot = [&](std::size_t Columns::Family::*field) {
        if (n)
          numbered[*n].*field = c;
        else if (single.*field == SIZE_MAX)
          single.*field = c;
      };
      switch (r) {
        case Role::time:
          forms = true;
          if (lower(trim(h[c])) != "start time") cols_.time = c;
          break;
        case Role::forms: forms = forms || lower(trim(h[c])) == "id"; break;
        case Role::respondent:
          if (cols_.respondent == SIZE_MAX) cols_.respondent = c;
          break;
        case Role::partner: slot(&Columns::Family::partner); partners.push_back(c); break;
        case Role::frequency: slot(&Columns::Family::frequency); break;
        case Role::activity: slot(&Columns::Family::activity); break;
        case Role::direction: slot(&Columns::Family::direction); break;
        case Role::none: break;
      }
    }
    // Flags override detection.
    if (!opt_.respondent_column.empty())
      cols_.respondent = named_column(opt_.respondent_column, "--respondent-column");
    bool numbered_layout = numbered.size() >= 2 && single.partner == SIZE_MAX;
    if (!opt_.partner_column.empty()) {
      numbered_layout = false;
      single = {};
      single.partner = named_column(opt_.partner_column, "--partner-column");
    }
    if (numbered_layout) {
      for (auto& [n, f] : numbered)
        if (f.partner != SIZE_MAX) cols_.families.push_back(f);
    } else {
      if (single.partner == SIZE_MAX && !numbered.empty() && numbered.begin()->second.partner !=
                                                                 SIZE_MAX)
        single = numbered.begin()->second;
      cols_.families.push_back(single);
    }
    auto flag = [&](const std::string& name, const char* f, std::size_t Columns::Family::*field) {
      if (name.empty()) return;
      const std::size_t c = named_column(name, f);
      for (auto& fam : cols_.families) fam.*field = c;
    };
    flag(opt_.frequency_column, "--frequency-column", &Columns::Family::frequency);
    flag(opt_.activity_column, "--activity-column", &Columns::Family::activity);
    flag(opt_.direction_column, "--direction-column", &Columns::Family::direction);
    cols_.layout = opt_.layout != Layout::detect ? opt_.layout
                   : numbered_layout               ? Layout::numbered
                   : forms                         ? Layout::one_row
                                                   : Layout::one_per_answer;
    if (cols_.respondent == SIZE_MAX)
      error(csv_.header_line, "header",
            "no column for the answering school (a header such as \"Your school\" or \"School "
            "name\"); name it with --respondent-column");
    if (cols_.families.empty() || cols_.families.front().partner == SIZE_MAX)
      error(csv_.header_line, "header",
            "no column for the partner schools (a header such as \"Which schools do you work "
            "with?\" or \"Partner school 1\"); name it with --partner-column");
  }

  // Steps 1–4 of the contract for one typed name. Records the match report row.
  std::optional<std::size_t> match(const std::string& typed, std::size_t line,
                                   const std::string& column, std::string_view authority,
                                   bool record = true) {
    MatchRow row;
    row.line = line;
    row.column = column;
    row.typed = typed;
    std::optional<std::size_t> chosen;
    if (const auto it = by_id_.find(trim(typed)); it != by_id_.end()) {
      row.result = "id";
      chosen = it->second;
      row.score = 1;
    } else if (const auto al = aliases_.find(names::normalise(typed)); al != aliases_.end()) {
      row.result = "alias";
      chosen = al->second;
      row.score = 1;
    } else {
      const names::NameMatch m = index_.match(typed, authority);
      row.result = std::string(names::to_string(m.kind));
      row.score = m.score;
      if (m.kind == names::MatchKind::exact_name || m.kind == names::MatchKind::similar)
        chosen = m.entry;
      for (const auto& c : m.candidates)
        row.candidates.emplace_back(reg_.schools[c.entry].id, c.score);
    }
    if (chosen) row.id = reg_.schools[*chosen].id;
    if (record) matches_.push_back(std::move(row));
    return chosen;
  }

  // Splits a partner cell: on ";" always (Microsoft Forms); on ", " only where both sides are
  // register names (Google Forms joins checkbox answers with ", ", and a name may hold a comma).
  std::vector<std::string> split_partners(const std::string& cell) {
    std::vector<std::string> out;
    std::string_view rest = cell;
    while (true) {
      const auto semi = rest.find(';');
      std::string part = trim(rest.substr(0, semi));
      if (!part.empty()) split_commas(part, out);
      if (semi == std::string_view::npos) break;
      rest.remove_prefix(semi + 1);
    }
    return out;
  }
  bool known_name(const std::string& s) {
    if (by_id_.count(trim(s)) || aliases_.count(names::normalise(s))) return true;
    const auto m = index_.match(s);
    return m.kind == names::MatchKind::exact_name || m.kind == names::MatchKind::similar;
  }
  void split_commas(const std::string& part, std::vector<std::string>& out) {
    if (part.find(", ") == std::string::npos || known_name(part)) {
      out.push_back(part);
      return;
    }
    std::vector<std::string> pieces;
    std::string_view rest = part;
    while (true) {
      const auto comma = rest.find(", ");
      pieces.push_back(trim(rest.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 2);
    }
    // Greedy from the left: the longest run of pieces that is a register name, else one piece.
    for (std::size_t i = 0; i < pieces.size();) {
      std::size_t take = 1;
      for (std::size_t k = pieces.size(); k > i + 1; --k) {
        std::string joined = pieces[i];
        for (std::size_t j = i + 1; j < k; ++j) joined += ", " + pieces[j];
        if (known_name(joined)) {
          take = k - i;
          break;
        }
      }
      std::string joined = pieces[i];
      for (std::size_t j = i + 1; j < i + take; ++j) joined += ", " + pieces[j];
      if (!joined.empty()) out.push_back(joined);
      i += take;
    }
  }

  void read_answers() {
    const auto& h = csv_.header;
    // Day or month first in the time column: whichever the file shows (a first number above
    // 12 is a day), else day first (UK forms).
    bool day_first = true;
    if (cols_.time != SIZE_MAX) {
      bool month_first_seen = false, day_first_seen = false;
      for (const auto& row : csv_.rows) {
        int a = 0, b = 0, y = 0;
        if (std::sscanf(row.cells[cols_.time].c_str(), "%d/%d/%d", &a, &b, &y) == 3) {
          if (a > 12) day_first_seen = true;
          if (b > 12) month_first_seen = true;
        }
      }
      day_first = day_first_seen || !month_first_seen;
    }
    // Respondents, and each one's latest row (layouts with one row per response).
    std::vector<std::optional<std::size_t>> respondent(csv_.rows.size());
    std::map<std::size_t, std::size_t> latest;  // school → row
    for (std::size_t r = 0; r < csv_.rows.size(); ++r) {
      const auto& row = csv_.rows[r];
      const std::string& cell = row.cells[cols_.respondent];
      const std::string& column = h[cols_.respondent];
      if (trim(cell).empty()) {
        if (opt_.skip_unmatched_respondents)
          warning(row.line, column, "no answering school given; the row is skipped");
        else
          error(row.line, column,
                "no answering school given; fill it in, or skip such rows with "
                "--skip-unmatched-respondents");
        continue;
      }
      respondent[r] = match(cell, row.line, column, {});
      if (!respondent[r]) {
        const MatchRow& m = matches_.back();
        std::string msg = quote(cell) + " matches no school of the register (" + m.result + ")";
        msg += m.candidates.empty() ? ". " : "; did you mean " + candidate_list(m) + "? ";
        msg += "Add it to the alias file (--aliases: typed,id)";
        if (opt_.skip_unmatched_respondents) {
          warning(row.line, column, msg + "; the row is skipped");
        } else {
          error(row.line, column, msg + ", or skip such rows with --skip-unmatched-respondents");
        }
        continue;
      }
      if (cols_.layout == Layout::one_per_answer) continue;
      const std::size_t school = *respondent[r];
      auto [it, inserted] = latest.emplace(school, r);
      if (inserted) continue;
      const std::size_t before = it->second;
      const bool later = cols_.time == SIZE_MAX ||
                         time_key(row.cells[cols_.time], day_first) >=
                             time_key(csv_.rows[before].cells[cols_.time], day_first);
      const std::size_t keep = later ? r : before, drop = later ? before : r;
      it->second = keep;
      warning(csv_.rows[drop].line, column,
              quote(reg_.schools[school].name) + " (" + reg_.schools[school].id +
                  ") answered twice (lines " + std::to_string(csv_.rows[before].line) + " and " +
                  std::to_string(row.line) + "); its latest answer, line " +
                  std::to_string(csv_.rows[keep].line) + ", counts");
    }
    for (std::size_t r = 0; r < csv_.rows.size(); ++r) {
      if (!respondent[r]) continue;
      const std::size_t school = *respondent[r];
      if (std::find(respondents_.begin(), respondents_.end(), school) == respondents_.end())
        respondents_.push_back(school);
      if (cols_.layout != Layout::one_per_answer && latest[school] != r) continue;
      read_row(r, school);
    }
    if (opt_.strict) {
      for (const MatchRow& m : matches_)
        if (m.result == "ambiguous" || m.result == "unmatched") {
          std::string msg = quote(m.typed) + " is " + m.result;
          if (!m.candidates.empty()) msg += "; candidates: " + candidate_list(m);
          msg += " (--strict); add it to the alias file (--aliases: typed,id)";
          error(m.line, m.column, msg);
        }
    }
  }

  std::string candidate_list(const MatchRow& m) const {
    std::string out;
    for (const auto& [id, score] : m.candidates) {
      if (!out.empty()) out += ", ";
      const auto it = by_id_.find(id);
      out += quote(reg_.schools[it->second].name) + " (" + id + ")";
    }
    return out;
  }

  void read_row(std::size_t r, std::size_t school) {
    const auto& row = csv_.rows[r];
    const auto& h = csv_.header;
    const std::string& authority = reg_.schools[school].authority;
    for (const auto& fam : cols_.families) {
      const std::string& cell = row.cells[fam.partner];
      for (const std::string& typed : split_partners(cell)) {
        const auto partner = match(typed, row.line, h[fam.partner], authority);
        if (!partner) continue;
        if (*partner == school) {
          warning(row.line, h[fam.partner],
                  quote(typed) + " is the answering school itself; dropped");
          continue;
        }
        Answer a;
        a.row = r;
        a.line = row.line;
        a.respondent = school;
        a.partner = *partner;
        if (fam.frequency != SIZE_MAX) {
          bool understood = true;
          a.weight = frequency_weight(row.cells[fam.frequency], understood);
          if (!understood)
            warning(row.line, h[fam.frequency],
                    quote(row.cells[fam.frequency]) +
                        " is not a frequency collabnet knows (a number, weekly, fortnightly, "
                        "monthly, half-termly, termly, yearly); counted as weight 1");
        }
        if (fam.activity != SIZE_MAX && !trim(row.cells[fam.activity]).empty()) {
          a.activity = activity_word(row.cells[fam.activity]);
          if (a.activity == "other") a.activity_text = trim(row.cells[fam.activity]);
        }
        if (fam.direction != SIZE_MAX) {
          const auto d = direction_of(row.cells[fam.direction]);
          if (!d)
            warning(row.line, h[fam.direction],
                    quote(row.cells[fam.direction]) +
                        " is not a direction collabnet knows (we support them, they support "
                        "us, both); counted as mutual");
          a.direction = d.value_or(0);
        }
        answers_.push_back(std::move(a));
      }
    }
  }

  Network merge() {
    Network net = reg_;
    net.partnerships.clear();
    std::map<std::pair<std::size_t, std::size_t>, std::vector<std::size_t>> by_pair;
    std::vector<std::pair<std::size_t, std::size_t>> order;
    for (std::size_t i = 0; i < answers_.size(); ++i) {
      const Answer& a = answers_[i];
      const auto key = std::minmax(a.respondent, a.partner);
      auto& list = by_pair[{key.first, key.second}];
      if (list.empty()) order.emplace_back(key.first, key.second);
      list.push_back(i);
    }
    for (const auto& pair : order) {
      const auto& list = by_pair[pair];
      const Answer& first = answers_[list.front()];
      Partnership p;
      p.id = "S" + std::to_string(net.partnerships.size() + 1);
      p.from = first.respondent;
      p.to = first.partner;
      double sum = 0;
      // Each answer's direction as (giver, receiver), or mutual.
      std::set<std::pair<std::size_t, std::size_t>> flows;
      bool any_mutual = false;
      for (std::size_t i : list) {
        const Answer& a = answers_[i];
        sum += a.weight;
        if (std::find(p.reported_by.begin(), p.reported_by.end(), a.respondent) ==
            p.reported_by.end())
          p.reported_by.push_back(a.respondent);
        if (a.direction == 0)
          any_mutual = true;
        else if (a.direction > 0)
          flows.emplace(a.respondent, a.partner);
        else
          flows.emplace(a.partner, a.respondent);
        if (p.activity.empty() && !a.activity.empty()) {
          p.activity = a.activity;
          if (!a.activity_text.empty())
            p.extra.push_back({"activity_text", nlohmann::json(a.activity_text).dump()});
        }
      }
      p.weight = sum / static_cast<double>(list.size());
      if (!any_mutual && flows.size() == 1) {
        p.direction = Direction::one_way;
        p.from = flows.begin()->first;
        p.to = flows.begin()->second;
      } else if (!flows.empty()) {
        nlohmann::json answers = nlohmann::json::array();
        for (std::size_t i : list) {
          const Answer& a = answers_[i];
          const std::string& who = reg_.schools[a.respondent].id;
          const std::string& other = reg_.schools[a.partner].id;
          answers.push_back({{"by", who},
                             {"direction", a.direction == 0  ? "mutual"
                                           : a.direction > 0 ? who + " supports " + other
                                                             : other + " supports " + who}});
        }
        p.extra.push_back({"direction_answers", answers.dump()});
      }
      std::sort(p.extra.begin(), p.extra.end(),
                [](const ExtraAttribute& x, const ExtraAttribute& y) { return x.key < y.key; });
      net.partnerships.push_back(std::move(p));
    }
    Survey s;
    s.name = opt_.survey_name;
    if (!opt_.closed.empty()) s.closed = opt_.closed;
    s.respondents = respondents_;
    net.survey = std::move(s);
    return net;
  }

  std::string summary(const ImportResult& r) const {
    std::map<std::string, std::size_t> counts;
    std::size_t partner_answers = 0;
    for (const MatchRow& m : r.matches) {
      if (m.column == csv_.header[cols_.respondent]) continue;
      ++counts[m.result];
      ++partner_answers;
    }
    const std::size_t schools = reg_.schools.size();
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.0f %%",
                  schools ? 100.0 * static_cast<double>(r.respondents) /
                                static_cast<double>(schools)
                          : 0.0);
    std::string out = "survey: " + std::to_string(r.rows) + " rows, " +
                      std::to_string(r.respondents) + " of " + std::to_string(schools) +
                      " schools answered (" + rate + "); " + std::to_string(partner_answers) +
                      " partner names: ";
    const char* kinds[] = {"id", "alias", "exact name", "similar", "ambiguous", "unmatched"};
    bool first = true;
    for (const char* k : kinds) {
      out += first ? "" : ", ";
      first = false;
      out += std::to_string(counts[k]) + " " + (std::string(k) == "similar" ? "matched by "
                                                "similarity (check them)" : k);
    }
    out += "\nsurvey: " + std::to_string(r.network.partnerships.size()) + " partnerships";
    std::size_t both = 0;
    for (const auto& p : r.network.partnerships) both += p.reported_by.size() == 2;
    out += " (" + std::to_string(both) + " named by both schools)\n";
    return out;
  }

  std::filesystem::path path_;
  std::string file_;
  const Network& reg_;
  const ImportOptions& opt_;
  names::NameIndex index_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::unordered_map<std::string, std::size_t> aliases_;  // normalised typed → school
  load::Diagnostics diags_;
  load::CsvFile csv_;
  Columns cols_;
  std::vector<MatchRow> matches_;
  std::vector<Answer> answers_;
  std::vector<std::size_t> respondents_;
};

}  // namespace

ImportResult import_survey(const std::filesystem::path& answers, const std::string& display,
                           const Network& reg, const ImportOptions& options) {
  if (!options.closed.empty()) {
    std::string why;
    if (!load::is_iso_date(options.closed, &why))
      throw InputError("--closed", "must be a date written YYYY-MM-DD: " + why);
  }
  return Importer(answers, display, reg, options).run();
}

std::string matches_to_csv(const std::vector<MatchRow>& rows, const Network& reg) {
  std::unordered_map<std::string, const School*> by_id;
  for (const School& s : reg.schools) by_id.emplace(s.id, &s);
  std::string out = "row,column,typed,result,id,name,score,candidates\n";
  // Control and bidi characters shown as escapes (a right-to-left override would reorder the
  // row on screen), then made safe from formulas.
  auto field = [](std::string_view s) {
    return output::spreadsheet_field(output::printable(s));
  };
  for (const MatchRow& m : rows) {
    std::string candidates;
    for (const auto& [id, score] : m.candidates) {
      if (!candidates.empty()) candidates += "; ";
      char buf[16];
      std::snprintf(buf, sizeof buf, "%.3f", score);
      candidates += id + " " + by_id.at(id)->name + " (" + buf + ")";
    }
    char score[16];
    std::snprintf(score, sizeof score, "%.3f", m.score);
    out += std::to_string(m.line) + "," + field(m.column) + "," + field(m.typed) + "," +
           field(m.result) + "," + field(m.id) + "," +
           field(m.id.empty() ? "" : by_id.at(m.id)->name) + "," + score + "," +
           field(candidates) + "\n";
  }
  return out;
}

}  // namespace collabnet::survey
