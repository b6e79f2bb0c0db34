// Exports (GraphML, GEXF, GeoJSON, CSV): escaping of hostile text, --as-of, round trips, and
// publish mode on every output format, analysis and diagrams included. Reading the exports back
// with NetworkX and igraph is in tests/export/check_exports.py (tests/export.cmake).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "collabnet/analysis.hpp"
#include "collabnet/analysis_output.hpp"
#include "collabnet/export.hpp"
#include "collabnet/load.hpp"
#include "collabnet/network_io.hpp"
#include "collabnet/render.hpp"
#include "output/export_model.hpp"

#include "support.hpp"

using namespace collabnet;
namespace fs = std::filesystem;

namespace {

const std::string kHostile = COLLABNET_SOURCE_DIR "/tests/export/hostile.json";
const std::string kTiny = COLLABNET_SOURCE_DIR "/graphs/tiny.json";
const std::vector<std::string> kStaffNames = {"Zebedee Secretname", "Yolanda Hiddenname",
                                              "zebedee@example.org"};

using collabnet::testing::Run;
using collabnet::testing::run;

fs::path temp_dir() {
  const fs::path dir = fs::temp_directory_path() / "collabnet-test-export";
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Every byte sequence is valid UTF-8 and holds no character XML 1.0 forbids.
bool valid_xml_text(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
      ++i;
      continue;
    }
    const std::size_t len = (c & 0xE0) == 0xC0   ? 2
                            : (c & 0xF0) == 0xE0 ? 3
                            : (c & 0xF8) == 0xF0 ? 4
                                                 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

const Network& hostile() {
  static const Network net = load_network(kHostile).network;
  return net;
}

}  // namespace

TEST_CASE("export: XML text escaping") {
  CHECK(output::xml_escape("a<b>&\"c\"'d' ]]> \\N") ==
        "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos; ]]&gt; \\N");
  CHECK(output::xml_escape("tab\tnl\ncr\r") == "tab&#9;nl&#10;cr&#13;");
  CHECK(output::xml_escape(std::string("bell\x07nul") + '\0' + "x") ==
        "bell\xEF\xBF\xBDnul\xEF\xBF\xBDx");
  CHECK(output::xml_escape("caf\xC3\xA9 \xE2\x80\x99") == "caf\xC3\xA9 \xE2\x80\x99");
  CHECK(output::xml_escape("bad \xC3 end \xFF") == "bad \xEF\xBF\xBD end \xEF\xBF\xBD");
  CHECK(output::xml_escape("\xEF\xBF\xBE") == "\xEF\xBF\xBD");  // U+FFFE is not an XML char
  CHECK(output::xml_escape("\xED\xA0\x80") == "\xEF\xBF\xBD");  // a surrogate
}

TEST_CASE("export: GraphML and GEXF escape every input text") {
  const Analysis a = analyse(hostile(), {});
  for (const std::string& doc : {export_graphml(hostile(), a), export_gexf(hostile(), a)}) {
    CHECK(valid_xml_text(doc));
    CHECK(doc.find("]]>") == std::string::npos);
    CHECK(doc.find("<Primary>") == std::string::npos);
    CHECK(doc.find("<two>") == std::string::npos);
    CHECK(doc.find("<b>bold") == std::string::npos);
    CHECK(doc.find("Ardmore &lt;Primary&gt; &amp; &quot;Nursery&quot; ]]&gt; \\N "
                   "\xEF\xBF\xBD"
                   "bell\xEF\xBF\xBD caf\xC3\xA9 \xE2\x80\x99s") != std::string::npos);
    CHECK(doc.find("Carron&#9;tab&#10;newline&#13;cr") != std::string::npos);
    CHECK(doc.find("H2 &amp; &lt;two&gt;") != std::string::npos);
    CHECK(doc.find("&lt;b&gt;bold&lt;/b&gt; &amp; \\N ]]&gt;") != std::string::npos);
  }
}

TEST_CASE("export: GraphML declares typed attributes, extras included") {
  const Analysis a = analyse(hostile(), {});
  const std::string g = export_graphml(hostile(), a);
  CHECK(g.find("edgedefault=\"undirected\"") != std::string::npos);
  CHECK(g.find("attr.name=\"betweenness\" attr.type=\"double\"") != std::string::npos);
  CHECK(g.find("attr.name=\"roll\" attr.type=\"long\"") != std::string::npos);
  // Extras: numbers typed, mixed values as JSON text, a clash with a metric renamed.
  CHECK(g.find("attr.name=\"code\" attr.type=\"double\"") != std::string::npos);
  CHECK(g.find("attr.name=\"flag\" attr.type=\"boolean\"") != std::string::npos);
  CHECK(g.find("attr.name=\"mixed\" attr.type=\"string\"") != std::string::npos);
  CHECK(g.find("attr.name=\"extra_degree\" attr.type=\"string\"") != std::string::npos);
  CHECK(g.find("attr.name=\"comment\"") != std::string::npos);
  CHECK(g.find(">&quot;one&quot;</data>") != std::string::npos);  // mixed: JSON text
  // One edge per record, parallel records included.
  std::size_t edges = 0;
  for (std::size_t at = g.find("<edge "); at != std::string::npos; at = g.find("<edge ", at + 1))
    ++edges;
  CHECK(edges == 4);
  CHECK(g.find("<edge id=\"P2\" source=\"H2 &amp; &lt;two&gt;\" target=\"H1\">") !=
        std::string::npos);
}

TEST_CASE("export: GeoJSON keeps every text exactly and lists unlocated schools") {
  const Analysis a = analyse(hostile(), {});
  const GeoJsonExport geo = export_geojson(hostile(), a);
  const auto j = nlohmann::json::parse(geo.text);
  CHECK(j["type"] == "FeatureCollection");
  CHECK(j["name"] == hostile().name);
  REQUIRE(geo.unlocated.size() == 1);
  CHECK(hostile().schools[geo.unlocated[0]].id == "H3");
  CHECK(geo.links_left_out == 1);  // H1–H3
  std::size_t points = 0, lines = 0;
  for (const auto& f : j["features"]) {
    if (f["geometry"]["type"] == "Point") {
      ++points;
      if (f["properties"]["id"] == "H1") {
        CHECK(f["geometry"]["coordinates"] == nlohmann::json::array({-5.1, 57.5}));
        CHECK(f["properties"]["name"] == hostile().schools[0].name);  // control chars too
        CHECK(f["properties"]["note"] == "x<y & ]]> \x0b");
        CHECK(f["properties"]["code"] == 17);
        CHECK(f["properties"]["mixed"] == 1);
        CHECK(f["properties"]["authority"] == "Bristol, City of");
        CHECK(f["properties"]["findings"] == nlohmann::json::array({"cut-school", "key-person"}));
        CHECK(f["properties"]["groupings"] == nlohmann::json::array({"G<1>"}));
        CHECK(f["properties"]["degree"] == 3);
      }
      if (f["properties"]["id"] == "H2 & <two>") {
        CHECK(f["properties"]["mixed"] == "one");
        CHECK(f["properties"]["extra_degree"] == "an extra that repeats a metric");
      }
    } else {
      ++lines;
      CHECK(f["geometry"]["type"] == "LineString");
    }
  }
  CHECK(points == 3);
  CHECK(lines == 2);  // H1–H2 (2 records) and H1–H4; H1–H3 has an unlocated end
}

TEST_CASE("export: --as-of leaves inactive records out of every format") {
  Settings s;
  s.as_of = "2025-12-31";  // P3 ended 2025-07-31, P4 starts 2026-01-01
  const Analysis a = analyse(hostile(), s);
  CHECK(a.network.partnerships == 2);
  const std::string graphml = export_graphml(hostile(), a);
  const std::string gexf = export_gexf(hostile(), a);
  const std::string geo = export_geojson(hostile(), a).text;
  const auto csv = export_csv(hostile(), a);
  for (const std::string* doc : {&graphml, &gexf, &geo, &csv.at("partnerships.csv")}) {
    CHECK(doc->find("P1") != std::string::npos);
    CHECK(doc->find("P3") == std::string::npos);
    CHECK(doc->find("P4") == std::string::npos);
  }
  const Analysis all = analyse(hostile(), {});
  CHECK(export_graphml(hostile(), all).find("\"P4\"") != std::string::npos);
}

TEST_CASE("export: the CSV folder round-trips and adds the analysis on request") {
  const Network net = load_network(kTiny).network;  // T2's name is the only personal data
  const Analysis a = analyse(net, {});
  ExportOptions shown;
  shown.show_staff_names = true;
  CHECK(export_csv(net, a, shown) == network_to_csv(net));  // exactly today's folder
  const auto published = export_csv(net, a);
  CHECK(published.at("staff.csv").find("Jane Private") == std::string::npos);
  CHECK(published.at("schools.csv") == network_to_csv(net).at("schools.csv"));

  ExportOptions full;
  full.with_analysis = true;
  full.excel = true;
  const auto files = export_csv(net, a, full);
  CHECK(files.size() == network_to_csv(net).size() + 3);
  for (const auto& [name, text] : files) CHECK(text.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(files.at("analysis-findings.csv").find("one-way-link,P09,,") != std::string::npos);

  // Written and read back: the same network (names dropped in publish mode).
  const fs::path dir = temp_dir() / "csv-round-trip";
  fs::remove_all(dir);
  const Run r =
      run({"export", kTiny, "--to", "csv", "--with-analysis", "--excel", "-o", dir.string()});
  REQUIRE(r.code == 0);
  Network back = load_network_csv(dir).network;
  CHECK(back == without_staff_names(net));
}

TEST_CASE("export: hostile strings survive the CSV folder") {
  const Network& net = hostile();
  const auto files = export_csv(net, analyse(net, {}), {.show_staff_names = true});
  CHECK(files.at("schools.csv").find("\"Balfour \"\"High\"\"\"") != std::string::npos);
  const fs::path dir = temp_dir() / "csv-hostile";
  fs::remove_all(dir);
  const Run r = run({"export", kHostile, "--to", "csv", "--show-staff-names", "-o", dir.string()});
  REQUIRE(r.code == 0);
  CHECK(load_network_csv(dir).network == net);
}

TEST_CASE("export CLI: formats, options and errors") {
  const fs::path dir = temp_dir();
  const Run g = run({"export", kHostile, "--to", "geojson", "-o", (dir / "h.geojson").string()});
  CHECK(g.code == 0);
  CHECK(g.err.find("warning: 1 school has no coordinates (lat, lon) and is left out of the "
                   "GeoJSON, with 1 link to them: H3 (Carron\\u0009tab\\u000Anewline\\u000Dcr)") !=
        std::string::npos);
  CHECK(nlohmann::json::parse(slurp(dir / "h.geojson"))["features"].size() == 5);

  const Run x = run({"export", kTiny, "--to", "gexf", "-o", (dir / "t.gexf").string()});
  CHECK(x.code == 0);
  CHECK(slurp(dir / "t.gexf").find("version=\"1.3\"") != std::string::npos);

  fs::remove(dir / "bad.graphml");
  const Run bad =
      run({"export", kTiny, "--to", "graphml", "--excel", "-o", (dir / "bad.graphml").string()});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--excel") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "bad.graphml"));
  CHECK(run({"export", kTiny, "--to", "graphml", "--as-of", "31/12/2025", "-o",
             (dir / "bad.graphml").string()})
            .code == 2);
  CHECK_FALSE(fs::exists(dir / "bad.graphml"));

  const Run asof = run({"export", kTiny, "--to", "graphml", "--as-of", "2026-06-30", "-o",
                        (dir / "asof.graphml").string()});
  CHECK(asof.code == 0);
  const std::string text = slurp(dir / "asof.graphml");
  CHECK(text.find("<edge id=\"P04\"") == std::string::npos);
  CHECK(text.find("<edge id=\"P05\"") != std::string::npos);
  // Without --as-of an export keeps every record, P04 (ended 2025-07-31) too, although the
  // analysis it attaches is as of the file's own date (analysis-output.md).
  REQUIRE(run({"export", kTiny, "--to", "graphml", "-o", (dir / "all.graphml").string()}).code ==
          0);
  CHECK(slurp(dir / "all.graphml").find("<edge id=\"P04\"") != std::string::npos);
  REQUIRE(run({"export", kTiny, "--to", "csv", "-o", (dir / "all-csv").string()}).code == 0);
  CHECK(slurp(dir / "all-csv" / "partnerships.csv").find("\nP04,S01,S03,") != std::string::npos);
}

TEST_CASE("publish mode: no staff name in any output format without --show-staff-names") {
  const fs::path dir = temp_dir() / "privacy";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::vector<std::pair<std::string, std::string>> outputs;  // what, content

  // analyse: text, JSON, CSV (standard output and folder).
  for (const char* format : {"text", "json", "csv"}) {
    const Run r = run({"analyse", kHostile, "--format", format});
    REQUIRE(r.code == 0);
    outputs.emplace_back(std::string("analyse ") + format, r.out + r.err);
  }
  REQUIRE(run({"analyse", kHostile, "--format", "csv", "-o", (dir / "analysis").string()}).code ==
          0);
  for (const auto& entry : fs::directory_iterator(dir / "analysis"))
    outputs.emplace_back("analyse csv " + entry.path().filename().string(), slurp(entry.path()));
  // Exports.
  for (const char* to : {"graphml", "gexf", "geojson"}) {
    const fs::path file = dir / (std::string("export.") + to);
    const Run r = run({"export", kHostile, "--to", to, "-o", file.string()});
    REQUIRE(r.code == 0);
    outputs.emplace_back(std::string("export ") + to, slurp(file) + r.err);
  }
  REQUIRE(run({"export", kHostile, "--to", "csv", "--with-analysis", "-o",
               (dir / "export-csv").string()})
              .code == 0);
  for (const auto& entry : fs::directory_iterator(dir / "export-csv"))
    outputs.emplace_back("export csv " + entry.path().filename().string(), slurp(entry.path()));
  // Diagrams: the DOT text (staff are never drawn). The laid-out SVG and the HTML report are
  // checked by separate runs (export-privacy-svg-report in tests/export.cmake): each lays out
  // with Graphviz, whose pango plugin keeps a font name from one GVC context to the next, so
  // one process must not lay out twice under AddressSanitizer.
  {
    const fs::path file = dir / "diagram.dot";
    const Run r = run({"render", kHostile, "-o", file.string()});
    REQUIRE(r.code == 0);
    outputs.emplace_back("render dot", slurp(file) + r.err);
  }

  REQUIRE(outputs.size() >= 14);
  for (const auto& [what, content] : outputs) {
    INFO(what);
    CHECK_FALSE(content.empty());
    for (const std::string& name : kStaffNames) CHECK(content.find(name) == std::string::npos);
  }

  // With the flag the names appear where a format has a place for them.
  const Run shown = run({"analyse", kHostile, "--format", "json", "--show-staff-names"});
  CHECK(shown.out.find("Zebedee Secretname") != std::string::npos);
  REQUIRE(run({"export", kHostile, "--to", "graphml", "--show-staff-names", "-o",
               (dir / "named.graphml").string()})
              .code == 0);
  CHECK(slurp(dir / "named.graphml").find("Zebedee Secretname;Yolanda Hiddenname") !=
        std::string::npos);
  REQUIRE(run({"export", kHostile, "--to", "csv", "--show-staff-names", "-o",
               (dir / "named-csv").string()})
              .code == 0);
  CHECK(slurp(dir / "named-csv" / "staff.csv").find("zebedee@example.org") != std::string::npos);
}
