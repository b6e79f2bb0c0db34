// GeoJSON export (export.hpp) for QGIS: located schools as Points, linked pairs of located
// schools as LineStrings. RFC 7946: WGS84, positions [longitude, latitude].

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "collabnet/export.hpp"
#include "output/export_model.hpp"
#include "output/format.hpp"

namespace collabnet {
namespace {

using Json = nlohmann::ordered_json;

/// A cell as a JSON value of its column's type.
Json value_of(const output::Column& column, const std::string& cell) {
  if (column.json_text) {
    Json v = Json::parse(cell, nullptr, false);
    return v.is_discarded() ? Json(cell) : v;
  }
  switch (column.type) {
    case output::ColumnType::integer:
      return Json(std::stoll(cell));
    case output::ColumnType::real: {
      const double d = std::stod(cell);
      const double r = output::round9(d);
      if (const auto i = output::as_integer(r); i && r == d) return Json(*i);
      return Json(d);
    }
    case output::ColumnType::boolean:
      return Json(cell == "true");
    case output::ColumnType::string:
      break;
  }
  return Json(cell);
}

void properties(Json& props, const output::Table& table, const output::Row& row,
                const std::vector<std::string>& list_columns) {
  for (std::size_t c = 0; c < row.size(); ++c) {
    const output::Column& col = table.columns[c];
    if (std::find(list_columns.begin(), list_columns.end(), col.name) != list_columns.end()) {
      // ";"-joined lists in the XML formats; JSON has arrays.
      Json list = Json::array();
      if (row[c]) {
        std::size_t start = 0;
        while (true) {
          const std::size_t end = row[c]->find(';', start);
          list.push_back(row[c]->substr(start, end - start));
          if (end == std::string::npos) break;
          start = end + 1;
        }
      }
      props[col.name] = std::move(list);
    } else {
      props[col.name] = row[c] ? value_of(col, *row[c]) : Json(nullptr);
    }
  }
}

/// A link's id: the two school ids joined by |, with each backslash or | inside an id escaped by
/// a backslash, so that no two pairs share an id: A|B with C is `A\|B|C`, A with B|C is `A|B\|C`.
std::string link_id(const std::string& a, const std::string& b) {
  std::string out;
  auto add = [&out](const std::string& id) {
    for (char c : id) {
      if (c == '\\' || c == '|') out += '\\';
      out += c;
    }
  };
  add(a);
  out += '|';
  add(b);
  return out;
}

}  // namespace

GeoJsonExport export_geojson(const Network& net, const Analysis& a, const ExportOptions& options) {
  const output::GraphModel m = output::build_graph_model(net, a, options);
  GeoJsonExport result;
  Json features = Json::array();

  std::vector<std::size_t> by_id(net.schools.size());
  for (std::size_t i = 0; i < by_id.size(); ++i) by_id[i] = i;
  std::sort(by_id.begin(), by_id.end(),
            [&](std::size_t x, std::size_t y) { return net.schools[x].id < net.schools[y].id; });
  for (std::size_t v : by_id) {
    const School& s = net.schools[v];
    if (!s.lat || !s.lon) {
      result.unlocated.push_back(v);
      continue;
    }
    Json props;
    props["feature"] = "school";
    props["id"] = s.id;
    properties(props, m.nodes, m.nodes.rows[v], {"groupings", "findings"});
    Json messages = Json::array();
    for (std::size_t fi : m.school_findings[v]) messages.push_back(a.findings[fi].message);
    props["finding_messages"] = std::move(messages);
    features.push_back({{"type", "Feature"},
                        {"id", s.id},
                        {"geometry", {{"type", "Point"}, {"coordinates", {*s.lon, *s.lat}}}},
                        {"properties", std::move(props)}});
  }

  // One LineString per linked pair: records grouped by their (smaller id, larger id) pair.
  struct Pair {
    std::size_t a = 0, b = 0;
    std::vector<std::size_t> edges;  // rows of m.edges
  };
  std::map<std::pair<std::string, std::string>, Pair> pairs;
  for (std::size_t e = 0; e < m.records.size(); ++e) {
    const Partnership& rec = net.partnerships[m.records[e]];
    std::size_t x = rec.from, y = rec.to;
    if (net.schools[y].id < net.schools[x].id) std::swap(x, y);
    Pair& p = pairs[{net.schools[x].id, net.schools[y].id}];
    p.a = x;
    p.b = y;
    p.edges.push_back(e);
  }
  std::size_t findings_column = m.edges.columns.size();
  for (std::size_t c = 0; c < m.edges.columns.size(); ++c)
    if (m.edges.columns[c].name == "findings") findings_column = c;
  for (const auto& [ids, p] : pairs) {
    const School& sa = net.schools[p.a];
    const School& sb = net.schools[p.b];
    if (!sa.lat || !sa.lon || !sb.lat || !sb.lon) {
      ++result.links_left_out;
      continue;
    }
    double weight = 0;
    std::size_t one_way = 0;
    Json partnerships = Json::array();
    std::vector<std::string> kinds;
    for (std::size_t e : p.edges) {
      const Partnership& rec = net.partnerships[m.records[e]];
      weight += rec.weight;
      one_way += rec.direction == Direction::one_way;
      partnerships.push_back(rec.id);
      if (findings_column == m.edges.columns.size()) continue;
      if (const auto& cell = m.edges.rows[e][findings_column]) {
        std::size_t start = 0;
        while (true) {
          const std::size_t end = cell->find(';', start);
          std::string k = cell->substr(start, end - start);
          if (std::find(kinds.begin(), kinds.end(), k) == kinds.end()) kinds.push_back(k);
          if (end == std::string::npos) break;
          start = end + 1;
        }
      }
    }
    Json props;
    props["feature"] = "link";
    props["id"] = link_id(sa.id, sb.id);
    props["from"] = sa.id;
    props["to"] = sb.id;
    props["records"] = p.edges.size();
    const double rw = output::round9(weight);
    if (const auto i = output::as_integer(rw))
      props["weight"] = *i;
    else
      props["weight"] = rw;
    props["one_way"] = one_way;
    props["partnerships"] = std::move(partnerships);
    props["bridge"] = std::find(kinds.begin(), kinds.end(), "bridge-link") != kinds.end();
    props["findings"] = kinds;
    features.push_back({{"type", "Feature"},
                        {"id", link_id(sa.id, sb.id)},
                        {"geometry",
                         {{"type", "LineString"},
                          {"coordinates", Json::array({Json::array({*sa.lon, *sa.lat}),
                                                       Json::array({*sb.lon, *sb.lat})})}}},
                        {"properties", std::move(props)}});
  }

  Json doc;
  doc["type"] = "FeatureCollection";
  doc["name"] = net.name;
  doc["as_of"] = a.network.as_of ? Json(*a.network.as_of) : Json(nullptr);
  if (a.network.sampled_sources) {
    // --sample K: as in the analysis JSON, said before any figure (the properties' names say
    // it too).
    doc["estimated"] = {{"sources", a.network.sampled_sources},
                        {"of", a.network.schools},
                        {"seed", a.settings.sample_seed},
                        {"figures", {"betweenness", "closeness"}}};
  }
  if (a.network.error_sources) {  // --sample-error: as in the analysis JSON
    doc["sample_error"] = {{"epsilon", *a.settings.sample_error},
                           {"confidence", a.settings.confidence},
                           {"sources", a.network.error_sources},
                           {"exact", a.network.sampled_sources == 0}};
  }
  doc["features"] = std::move(features);
  // Invalid UTF-8 cannot reach here through the loader; replace rather than throw if it does.
  result.text = doc.dump(1, ' ', false, Json::error_handler_t::replace) + "\n";
  return result;
}

}  // namespace collabnet
