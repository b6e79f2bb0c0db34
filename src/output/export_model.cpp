// The attribute tables every graph export writes (export_model.hpp).

#include "output/export_model.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "output/format.hpp"

namespace collabnet::output {
namespace {

/// Finding kinds whose subject is a school (analysis-output.md, "Finding kinds").
bool about_school(std::string_view kind) {
  return kind.ends_with("-school") || kind == "expert-hub";
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

std::optional<std::string> text(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}
std::string count(std::size_t n) { return std::to_string(n); }
std::string flag(bool b) { return b ? "true" : "false"; }
std::optional<std::string> metric(const std::optional<double>& v) {
  return v ? std::optional<std::string>(format_number(*v)) : std::nullopt;
}

/// Extra attribute columns of one kind of record: one per key, typed when all values agree.
struct ExtraColumns {
  struct Col {
    std::string key;
    std::size_t column = 0;  // index in the table
    ColumnType type = ColumnType::string;
    bool json_text = false;
  };
  std::vector<Col> cols;

  template <class T>
  void plan(const std::vector<T>& records, Table& table, const std::set<std::string>& taken) {
    std::map<std::string, std::set<nlohmann::json::value_t>> kinds;
    for (const T& r : records)
      for (const ExtraAttribute& e : r.extra) {
        auto v = nlohmann::json::parse(e.json, nullptr, false).type();
        if (v == nlohmann::json::value_t::number_integer ||
            v == nlohmann::json::value_t::number_unsigned)
          v = nlohmann::json::value_t::number_float;
        kinds[e.key].insert(v);
      }
    std::set<std::string> used = taken;
    for (const auto& [key, types] : kinds) {
      Col c;
      c.key = key;
      std::string name = key;
      while (name.empty() || used.count(name)) name = "extra_" + name;
      used.insert(name);
      if (types.size() == 1 && *types.begin() == nlohmann::json::value_t::number_float)
        c.type = ColumnType::real;
      else if (types.size() == 1 && *types.begin() == nlohmann::json::value_t::boolean)
        c.type = ColumnType::boolean;
      else if (types.size() != 1 || *types.begin() != nlohmann::json::value_t::string)
        c.json_text = true;
      c.column = table.columns.size();
      table.columns.push_back({name, c.type, c.json_text});
      cols.push_back(std::move(c));
    }
  }

  void fill(const ExtraAttributes& extra, Row& row) const {
    for (const Col& c : cols) {
      const auto it = std::find_if(extra.begin(), extra.end(),
                                   [&](const ExtraAttribute& e) { return e.key == c.key; });
      if (it == extra.end()) continue;
      if (c.json_text) {
        row[c.column] = it->json;
      } else {
        const auto v = nlohmann::json::parse(it->json, nullptr, false);
        if (c.type == ColumnType::string && v.is_string())
          row[c.column] = v.get<std::string>();
        else if (c.type == ColumnType::boolean && v.is_boolean())
          row[c.column] = flag(v.get<bool>());
        else if (c.type == ColumnType::real && v.is_number())
          row[c.column] = exact_number(v.get<double>());
      }
    }
  }
};

std::set<std::string> names_of(const Table& t) {
  std::set<std::string> s;
  for (const Column& c : t.columns) s.insert(c.name);
  return s;
}

}  // namespace

std::string exact_number(double v) {
  char buffer[64];
  const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, r.ptr);
}

const char* xml_type_name(ColumnType t) {
  switch (t) {
    case ColumnType::integer: return "long";
    case ColumnType::real: return "double";
    case ColumnType::boolean: return "boolean";
    case ColumnType::string: break;
  }
  return "string";
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  static constexpr const char* kReplacement = "\xEF\xBF\xBD";
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&apos;";
          break;
        case '\t':
          out += "&#9;";
          break;
        case '\n':
          out += "&#10;";
          break;
        case '\r':
          out += "&#13;";
          break;
        default:
          if (c < 0x20)
            out += kReplacement;  // C0 controls other than tab, LF, CR: not XML 1.0 characters
          else
            out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    // A multi-byte UTF-8 sequence: decode and check it, so the output is valid UTF-8.
    std::size_t len = 0;
    char32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07u;
    }
    bool ok = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if (!ok) {
      out += kReplacement;
      ++i;  // resynchronise on the next byte
      continue;
    }
    // Well formed, but overlong, a surrogate, beyond U+10FFFF or a non-character XML forbids:
    // one replacement for the whole sequence.
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE ||
        cp == 0xFFFF) {
      out += kReplacement;
      i += len;
      continue;
    }
    out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

GraphModel build_graph_model(const Network& net, const Analysis& a, const ExportOptions& options) {
  GraphModel m;
  const std::size_t n = net.schools.size();
  std::unordered_map<std::string_view, std::size_t> school_index;
  for (std::size_t v = 0; v < n; ++v) school_index.emplace(net.schools[v].id, v);

  // Findings about each school, and about each record (by partnership id) or pair.
  m.school_findings.assign(n, {});
  std::unordered_map<std::string_view, std::vector<std::string>> record_findings;
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> pair_findings;
  for (std::size_t fi = 0; fi < a.findings.size(); ++fi) {
    const Finding& f = a.findings[fi];
    if (f.subject.size() == 1 && about_school(f.kind)) {
      if (const auto it = school_index.find(f.subject[0]); it != school_index.end())
        m.school_findings[it->second].push_back(fi);
    } else if (f.kind == "one-way-link" && f.subject.size() == 1) {
      record_findings[f.subject[0]].push_back(f.kind);
    } else if (f.subject.size() == 2) {
      pair_findings[{std::min(f.subject[0], f.subject[1]), std::max(f.subject[0], f.subject[1])}]
          .push_back(f.kind);
    }
    if (f.kind == "key-person") {
      for (const auto& [key, value] : f.extra) {
        if (key == "school")
          if (const auto* id = std::get_if<std::string>(&value))
            if (const auto it = school_index.find(*id); it != school_index.end())
              m.school_findings[it->second].push_back(fi);
        if (key == "pair")
          if (const auto* ids = std::get_if<std::vector<std::string>>(&value);
              ids && ids->size() == 2)
            pair_findings[{std::min((*ids)[0], (*ids)[1]), std::max((*ids)[0], (*ids)[1])}]
                .push_back(f.kind);
      }
    }
  }

  // Nodes.
  Table& nodes = m.nodes;
  nodes.columns = {{"name"},
                   {"authority"},
                   {"sector"},
                   {"roll", ColumnType::integer},
                   {"rural", ColumnType::boolean},
                   {"lat", ColumnType::real},
                   {"lon", ColumnType::real}};
  const std::uint64_t sampled = a.network.sampled_sources;
  const std::string betweenness = estimated_name("betweenness", sampled, a.settings.sample_error,
                                                 a.settings.confidence);
  const std::string closeness =
      estimated_name("closeness", sampled, a.settings.sample_error, a.settings.confidence);
  const std::vector<Column> metrics = {{"degree", ColumnType::integer},
                                       {"partnerships", ColumnType::integer},
                                       {"strength", ColumnType::real},
                                       // Named as estimates with --sample K, as in the CSV.
                                       {betweenness, ColumnType::real},
                                       {closeness, ColumnType::real},
                                       {"pagerank", ColumnType::real},
                                       {"component", ColumnType::integer},
                                       {"articulation", ColumnType::boolean},
                                       {"gives", ColumnType::integer},
                                       {"receives", ColumnType::integer},
                                       {"gives_to", ColumnType::integer},
                                       {"community"},
                                       {"small", ColumnType::boolean},
                                       {"isolation_rank", ColumnType::integer},
                                       {"groupings"},
                                       {"staff_on_file", ColumnType::integer},
                                       {"staff_involved", ColumnType::integer},
                                       {"staff_share_involved", ColumnType::real},
                                       {"staff_penetration", ColumnType::real},
                                       {"staff_records_with_lists", ColumnType::integer},
                                       {"low_penetration", ColumnType::boolean},
                                       {"findings"},
                                       {"finding_count", ColumnType::integer}};
  std::set<std::string> reserved = {"id", "label", "feature", "finding_messages"};
  for (const Column& c : nodes.columns) reserved.insert(c.name);
  for (const Column& c : metrics) reserved.insert(c.name);
  ExtraColumns school_extra;
  school_extra.plan(net.schools, nodes, reserved);
  const std::size_t first_metric = nodes.columns.size();
  nodes.columns.insert(nodes.columns.end(), metrics.begin(), metrics.end());

  std::vector<std::optional<std::string>> rank(n);
  for (std::size_t i = 0; i < a.isolation.size(); ++i)
    if (a.isolation[i].school < n) rank[a.isolation[i].school] = std::to_string(i + 1);
  std::vector<std::vector<std::string>> groupings_of(n);
  for (const Grouping& g : net.groupings)
    for (std::size_t s : g.members)
      if (groupings_of[s].empty() || groupings_of[s].back() != g.id)
        groupings_of[s].push_back(g.id);

  for (std::size_t v = 0; v < n; ++v) {
    const School& s = net.schools[v];
    Row row(nodes.columns.size());
    row[0] = s.name;
    row[1] = text(s.authority);
    row[2] = text(s.sector);
    if (s.roll) row[3] = std::to_string(*s.roll);
    if (s.rural) row[4] = flag(*s.rural);
    if (s.lat) row[5] = exact_number(*s.lat);
    if (s.lon) row[6] = exact_number(*s.lon);
    school_extra.fill(s.extra, row);
    std::size_t c = first_metric;
    if (v < a.schools.size()) {
      const SchoolFigures& f = a.schools[v];
      row[c++] = count(f.degree);
      row[c++] = count(f.partnerships);
      row[c++] = format_number(f.strength);
      row[c++] = format_number(f.betweenness);
      row[c++] = format_number(f.closeness);
      row[c++] = format_number(f.pagerank);
      row[c++] = count(f.component);
      row[c++] = flag(f.articulation);
      row[c++] = count(f.gives);
      row[c++] = count(f.receives);
      row[c++] = count(f.gives_to);
      if (f.community) row[c] = "community-" + std::to_string(*f.community + 1);
      ++c;
      row[c++] = flag(f.small);
    } else {
      c += 13;
    }
    row[c++] = rank[v];
    if (!groupings_of[v].empty()) row[c] = join(groupings_of[v], ";");
    ++c;
    if (v < a.staff.size()) {
      const StaffFigures& st = a.staff[v];
      row[c++] = count(st.on_file);
      if (st.involved) row[c] = count(*st.involved);
      ++c;
      row[c++] = metric(st.share_involved);
      row[c++] = metric(st.penetration);
      row[c++] = count(st.records_with_staff);
      row[c++] = flag(st.low_penetration);
    } else {
      c += 6;
    }
    std::vector<std::string> kinds;
    for (std::size_t fi : m.school_findings[v])
      if (std::find(kinds.begin(), kinds.end(), a.findings[fi].kind) == kinds.end())
        kinds.push_back(a.findings[fi].kind);
    if (!kinds.empty()) row[c] = join(kinds, ";");
    ++c;
    row[c++] = count(m.school_findings[v].size());
    nodes.ids.push_back(s.id);
    nodes.rows.push_back(std::move(row));
  }

  // Edges: every record taking part, in input order.
  Table& edges = m.edges;
  edges.columns = {{"direction"},
                   {"from"},
                   {"to"},
                   {"activity"},
                   {"weight", ColumnType::real},
                   {"level", ColumnType::integer},
                   {"staff"},
                   {"staff_count", ColumnType::integer},
                   {"grouping"},
                   {"since"},
                   {"until"},
                   {"findings"}};
  if (options.show_staff_names) edges.columns.push_back({"staff_names"});
  std::set<std::string> edge_reserved = names_of(edges);
  edge_reserved.insert({"id", "label", "feature", "staff_names", "source", "target", "key"});
  ExtraColumns record_extra;
  record_extra.plan(net.partnerships, edges, edge_reserved);
  const auto& as_of = records_date(a);  // exports keep every record unless --as-of DATE
  for (std::size_t p = 0; p < net.partnerships.size(); ++p) {
    const Partnership& rec = net.partnerships[p];
    if (as_of && !rec.active_on(*as_of)) continue;
    const std::string& from = net.schools[rec.from].id;
    const std::string& to = net.schools[rec.to].id;
    Row row(edges.columns.size());
    row[0] = rec.direction == Direction::mutual ? "mutual" : "one-way";
    row[1] = from;
    row[2] = to;
    row[3] = text(rec.activity);
    row[4] = exact_number(rec.weight);
    if (rec.level) row[5] = std::to_string(*rec.level);
    std::vector<std::string> staff_ids, staff_names;
    for (std::size_t st : rec.staff) {
      staff_ids.push_back(net.staff[st].id);
      if (net.staff[st].name) staff_names.push_back(*net.staff[st].name);
    }
    if (!staff_ids.empty()) row[6] = join(staff_ids, ";");
    row[7] = count(staff_ids.size());
    if (rec.grouping) row[8] = net.groupings[*rec.grouping].id;
    if (rec.since) row[9] = *rec.since;
    if (rec.until) row[10] = *rec.until;
    std::vector<std::string> kinds;
    if (const auto it = record_findings.find(rec.id); it != record_findings.end())
      kinds = it->second;
    if (const auto it = pair_findings.find({std::min(from, to), std::max(from, to)});
        it != pair_findings.end())
      for (const std::string& k : it->second)
        if (std::find(kinds.begin(), kinds.end(), k) == kinds.end()) kinds.push_back(k);
    if (!kinds.empty()) row[11] = join(kinds, ";");
    if (options.show_staff_names && !staff_names.empty()) row[12] = join(staff_names, ";");
    record_extra.fill(rec.extra, row);
    edges.ids.push_back(rec.id);
    edges.rows.push_back(std::move(row));
    m.records.push_back(p);
    m.edge_source.push_back(from);
    m.edge_target.push_back(to);
    m.edge_weight.push_back(rec.weight);
  }

  // The graph's own data: the network figures.
  const NetworkFigures& nf = a.network;
  m.graph.columns = {{"name"},
                     {"as_of"},
                     {"file_as_of"},
                     {"schools", ColumnType::integer},
                     {"partnerships", ColumnType::integer},
                     {"links", ColumnType::integer},
                     {"components", ColumnType::integer},
                     {"density", ColumnType::real},
                     {"reciprocity", ColumnType::real},
                     {"modularity", ColumnType::real},
                     {"staff_coverage", ColumnType::real},
                     {"finding_count", ColumnType::integer},
                     {"generator"},
                     // --sample K: betweenness and closeness are estimates from K sources.
                     {"estimated_sources", ColumnType::integer},
                     // --sample-error EPS --confidence P: the estimates are ± EPS with
                     // probability P (absent when exact or from --sample K).
                     {"estimate_error", ColumnType::real},
                     {"estimate_confidence", ColumnType::real}};
  const bool bounded = nf.sampled_sources && nf.error_sources;
  m.graph.ids.push_back("network");
  m.graph.rows.push_back({net.name, nf.as_of, net.as_of, count(nf.schools), count(nf.partnerships),
                          count(nf.links), count(nf.component_sizes.size()),
                          format_number(nf.density), metric(nf.reciprocity),
                          format_number(a.modularity), metric(a.staff_coverage.coverage),
                          count(a.findings.size()), std::string("collabnet"),
                          nf.sampled_sources ? std::optional<std::string>(count(nf.sampled_sources))
                                             : std::nullopt,
                          bounded ? metric(a.settings.sample_error) : std::nullopt,
                          bounded ? metric(a.settings.confidence) : std::nullopt});
  return m;
}

}  // namespace collabnet::output
