// The HTML report (issue 6): escaping for each context, the inline-SVG clean-up, the CSP, and
// the document's contents on the hand-checked network. The browser tests (tests/browser/) load
// real reports in Chromium; these check the bytes.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "collabnet/analysis.hpp"
#include "collabnet/load.hpp"
#include "collabnet/report.hpp"
#include "report/report_internal.hpp"

using namespace collabnet;

namespace {

const std::string kTiny = COLLABNET_SOURCE_DIR "/graphs/tiny.json";
const std::string kHostile = COLLABNET_SOURCE_DIR "/tests/browser/hostile.json";

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

std::string report_of(const std::string& file, ReportOptions options = {}) {
  const LoadResult loaded = load_network(file);
  Settings settings;
  settings.threads = 1;
  return render_report(loaded.network, analyse(loaded.network, settings), options);
}

/// The text between the element with this id's opening tag and the next closing `</`.
std::string element_text(const std::string& html, const std::string& id) {
  const auto at = html.find("id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  const auto start = html.find('>', at);
  return html.substr(start + 1, html.find("</div>", start) - start - 1);
}

struct CliRun {
  int code;
  std::string out, err;
};

CliRun run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "collabnet");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const int code = cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

}  // namespace

TEST_CASE("clean_text replaces control characters and invalid UTF-8, keeps the rest") {
  using report::clean_text;
  CHECK(clean_text("Ardmore <b>&amp;</b> \"x\"") == "Ardmore <b>&amp;</b> \"x\"");
  CHECK(clean_text("a\tb\nc\rd") == "a b c d");
  CHECK(clean_text(std::string("a\0b", 3)) == "a\xEF\xBF\xBD" "b");
  CHECK(clean_text("\x1B[2J") == "\xEF\xBF\xBD[2J");
  CHECK(clean_text("\xC2\x85") == "\xEF\xBF\xBD");                 // C1 control (NEL)
  CHECK(clean_text("\xFF\xC3") == "\xEF\xBF\xBD\xEF\xBF\xBD");      // invalid, truncated
  CHECK(clean_text("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(clean_text("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");      // overlong '/'
  CHECK(clean_text("Καλημέρα 学校 🏫") == "Καλημέρα 学校 🏫");
}

TEST_CASE("json_string cannot end or alter the script element it sits in") {
  using report::json_string;
  CHECK(json_string("plain") == "\"plain\"");
  CHECK(json_string("</script><script>alert(1)</script>") ==
        "\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\"");
  CHECK(json_string("<!-- x -->") == "\"\\u003c!-- x --\\u003e\"");
  CHECK(json_string("a \"q\" \\ b & c") == "\"a \\\"q\\\" \\\\ b \\u0026 c\"");
  CHECK(json_string("line\xE2\x80\xA8para\xE2\x80\xA9") == "\"line\\u2028para\\u2029\"");
  CHECK(json_string("tab\there") == "\"tab here\"");
  const std::string hostile = json_string("</SCRIPT </script <!--");
  CHECK(hostile.find('<') == std::string::npos);
  CHECK(hostile.find('>') == std::string::npos);
}

TEST_CASE("hex_to_base64 and the CSP carry the script's hash") {
  // SHA-256 of the empty string, in hex and in base64 (RFC 4648 test vectors for the padding).
  CHECK(report::hex_to_base64(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") ==
        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  CHECK(report::hex_to_base64("") == "");
  CHECK(report::hex_to_base64("66") == "Zg==");
  CHECK(report::hex_to_base64("666f") == "Zm8=");
  CHECK(report::hex_to_base64("666f6f") == "Zm9v");
  CHECK_THROWS_AS(report::hex_to_base64("abc"), std::invalid_argument);
  CHECK_THROWS_AS(report::hex_to_base64("zz"), std::invalid_argument);

  REQUIRE(report::kScriptSha256Hex.size() == 64);
  const std::string csp = report::content_security_policy(report::kScriptSha256Hex);
  CHECK(csp.find("default-src 'none'") == 0);
  CHECK(csp.find("script-src 'sha256-" + report::hex_to_base64(report::kScriptSha256Hex) + "'") !=
        std::string::npos);
  CHECK(csp.find("unsafe-inline'; img-src data:") != std::string::npos);
  CHECK(csp.find("'unsafe-eval'") == std::string::npos);
  CHECK(csp.find("script-src 'unsafe-inline'") == std::string::npos);
}

TEST_CASE("inline_svg makes a Graphviz SVG fit to sit in a page") {
  const std::string svg =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
      "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\"\n"
      " \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
      "<!-- Generated by graphviz -->\n"
      "<svg width=\"934pt\" height=\"828pt\"\n viewBox=\"0.00 0.00 934.20 827.62\" "
      "xmlns=\"http://www.w3.org/2000/svg\">\n"
      "<g id=\"graph0\" class=\"graph\">\n<!-- s1 -->\n<g id=\"node1\"><text>&lt;b&gt;</text></g>\n"
      "</g>\n</svg>\n";
  const std::string out = report::inline_svg(svg, "d1-", "The \"network\" <view>");
  CHECK(out.rfind("<svg", 0) == 0);
  CHECK(out.find("<?xml") == std::string::npos);
  CHECK(out.find("DOCTYPE") == std::string::npos);
  CHECK(out.find("<!--") == std::string::npos);
  CHECK(out.find("width=\"934pt\"") == std::string::npos);
  CHECK(out.find("height=\"828pt\"") == std::string::npos);
  CHECK(out.find("viewBox=\"0.00 0.00 934.20 827.62\"") != std::string::npos);
  CHECK(out.find("id=\"d1-graph0\"") != std::string::npos);
  CHECK(out.find("id=\"d1-node1\"") != std::string::npos);
  CHECK(out.find("id=\"graph0\"") == std::string::npos);
  CHECK(out.find("aria-label=\"The &quot;network&quot; &lt;view&gt;\"") != std::string::npos);
  CHECK(out.find("<text>&lt;b&gt;</text>") != std::string::npos);
  CHECK(out.substr(out.size() - 6) == "</svg>");
  CHECK_THROWS_AS(report::inline_svg("not svg", "x", ""), std::runtime_error);
}

TEST_CASE("the report of the tiny network holds every part, once, deterministically") {
  ReportOptions options;
  const std::string html = report_of(kTiny, options);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html == report_of(kTiny, options));  // same input, same bytes

  // Self-contained: the CSP first in <head>, nothing fetched, our two scripts only.
  CHECK(html.find("http-equiv=\"Content-Security-Policy\"") < html.find("<title>"));
  CHECK(count(html, "<script") == 2);
  CHECK(count(html, "</script") == 2);
  CHECK(html.find("<script>" + std::string(report::kScript) + "</script>") != std::string::npos);
  for (const char* outside : {"src=\"http", "href=\"http", "url(http", "@import", "<link"})
    CHECK(html.find(outside) == std::string::npos);

  // Headline figures of graphs/tiny.md: 12 schools, 15 records, 1 isolated, 3 components,
  // 1 of 4 groupings over 8.
  CHECK(element_text(html, "fig-schools").find(">12<") != std::string::npos);
  CHECK(element_text(html, "fig-partnerships").find(">15<") != std::string::npos);
  CHECK(element_text(html, "fig-isolated").find(">1<") != std::string::npos);
  CHECK(element_text(html, "fig-components").find(">3<") != std::string::npos);
  CHECK(element_text(html, "fig-oversize-groupings").find(">1 of 4<") != std::string::npos);

  // Findings ranked with their reasons; the research cited where it is the reason.
  const auto isolated = html.find("id=\"finding-isolated-school\"");
  const auto oversize = html.find("id=\"finding-oversize-grouping\"");
  const auto one_way = html.find("id=\"finding-one-way-link\"");
  REQUIRE(isolated != std::string::npos);
  REQUIRE(oversize != std::string::npos);
  REQUIRE(one_way != std::string::npos);
  CHECK(isolated < oversize);
  CHECK(oversize < one_way);
  CHECK(html.find("2 to 8 schools") != std::string::npos);
  CHECK(html.find("NFER") != std::string::npos);
  CHECK(html.find("breeds dependency") != std::string::npos);
  CHECK(html.find("professional isolation") != std::string::npos);

  // Diagrams inline (tiny has no authorities, so the grouping overview), ids kept apart.
  CHECK(count(html, "<svg") == 2);
  CHECK(html.find("id=\"diagram-network-graph0\"") != std::string::npos);
  CHECK(html.find("id=\"diagram-groupings-graph0\"") != std::string::npos);

  // Tables: every school once in the schools table, groupings, isolation with small/rural.
  for (const char* id : {"S01", "S02", "S03", "S04", "S05", "S06", "S07", "S08", "S09", "S10",
                         "S11", "S12"})
    CHECK(count(html, std::string("<span class=\"id\">") + id + "</span>") >= 1);
  CHECK(html.find("id=\"groupings-table\"") != std::string::npos);
  CHECK(html.find("id=\"isolation-table\"") != std::string::npos);
  CHECK(html.find("St Mary&apos;s &amp; &quot;All Saints&quot; &lt;RC&gt; Primary") !=
        std::string::npos);
  CHECK(html.find("<RC>") == std::string::npos);

  // Method notes and coverage; the data source.
  CHECK(html.find("Betweenness and closeness") != std::string::npos);
  CHECK(html.find("Roll (pupils) missing for 1 school") != std::string::npos);
  CHECK(html.find("Location (latitude and longitude) missing for 12 schools") != std::string::npos);
  CHECK(html.find("Tiny hand-checked network") != std::string::npos);

  // Staff as counts only: T2's name is in the file, never in the report.
  CHECK(html.find("Jane Private") == std::string::npos);
  CHECK(html.find("id=\"staff\"") == std::string::npos);
}

TEST_CASE("--show-staff-names lists named staff; without it no name appears") {
  ReportOptions options;
  options.show_staff_names = true;
  const std::string html = report_of(kTiny, options);
  CHECK(html.find("id=\"staff-table\"") != std::string::npos);
  CHECK(html.find("Jane Private") != std::string::npos);
  CHECK(html.find("personal data") != std::string::npos);

  const std::string hostile = report_of(kHostile);
  CHECK(hostile.find("Secret") == std::string::npos);
  CHECK(hostile.find("Another Private Name") == std::string::npos);
}

TEST_CASE("hostile names are escaped in every context of the report") {
  const std::string html = report_of(kHostile);
  CHECK(count(html, "<script") == 2);
  CHECK(count(html, "</script") == 2);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<iframe") == std::string::npos);
  CHECK(html.find("<svg onload") == std::string::npos);
  CHECK(html.find("onerror=alert(1)>") == std::string::npos);
  CHECK(html.find("<style>body") == std::string::npos);
  // HTML text: escaped, shown as typed.
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  // Attribute values: quoted and escaped (the schools table's data-authority).
  CHECK(html.find("data-authority=\"&quot;&gt;&lt;img src=x onerror=alert(2)&gt;\"") !=
        std::string::npos);
  // JSON in the script element: no '<' at all between its tags, line separators escaped.
  const auto start = html.find("id=\"report-data\">");
  REQUIRE(start != std::string::npos);
  const std::string json = html.substr(start, html.find("</script>", start) - start);
  CHECK(json.find('<', 1) == std::string::npos);
  CHECK(json.find("\xE2\x80\xA8") == std::string::npos);
  CHECK(json.find("\\u003c/script\\u003e") != std::string::npos);
  CHECK(json.find("\\u2028") != std::string::npos);
  // The licence line moves from the name to the attribution.
  CHECK(html.find("<p>Contains public sector information licensed under the Open Government "
                  "Licence v3.0.</p>") != std::string::npos);
}

TEST_CASE("the report of an empty or a one-school network, and options that leave parts out") {
  Network empty;
  empty.name = "Empty";
  const std::string none = render_report(empty, analyse(empty, {}), {});
  CHECK(none.find("nothing to draw") != std::string::npos);
  CHECK(none.find("<svg") == std::string::npos);
  CHECK(count(none, "<script") == 2);

  Network one;
  one.schools.push_back(School{"A1", "Only School", "", "primary", 30, true, {}, {}, {}});
  const std::string single = render_report(one, analyse(one, {}), {});
  CHECK(single.find("Unnamed network") != std::string::npos);
  CHECK(single.find("Only School") != std::string::npos);
  CHECK(single.find("id=\"diagram-network\"") != std::string::npos);

  ReportOptions no_diagrams;
  no_diagrams.diagrams = false;
  const std::string plain = report_of(kTiny, no_diagrams);
  CHECK(plain.find("<svg") == std::string::npos);
  CHECK(plain.find("Diagrams were left out") != std::string::npos);

  ReportOptions small_limit;
  small_limit.network_view_limit = 5;
  const std::string limited = report_of(kTiny, small_limit);
  CHECK(limited.find("whole-network diagram is left out") != std::string::npos);
  CHECK(limited.find("id=\"diagram-network\"") == std::string::npos);
  CHECK(limited.find("id=\"diagram-groupings\"") != std::string::npos);
}

TEST_CASE("collabnet report writes the file; bad options are exit 2 before any work") {
  const auto dir = std::filesystem::temp_directory_path() / "collabnet-test-report";
  std::filesystem::create_directories(dir);
  const std::string out = (dir / "tiny.html").string();
  std::filesystem::remove(out);

  const CliRun ok = run_cli({"report", kTiny, "-o", out, "--as-of", "2026-06-30", "--threads", "1"});
  CHECK(ok.code == 0);
  CHECK(ok.out.empty());
  std::ifstream in(out, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str().rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(text.str().find("Partnerships active on 30 June 2026") != std::string::npos);

  const CliRun to_stdout = run_cli({"report", kTiny, "-o", "-"});
  CHECK(to_stdout.code == 0);
  CHECK(to_stdout.out.rfind("<!DOCTYPE html>", 0) == 0);

  const CliRun no_output = run_cli({"report", kTiny});
  CHECK(no_output.code == 2);
  CHECK(no_output.err.find("--output") != std::string::npos);

  const CliRun bad_date = run_cli({"report", kTiny, "-o", out, "--as-of", "2026-02-30"});
  CHECK(bad_date.code == 2);
  CHECK(bad_date.err.find("--as-of") != std::string::npos);

  const CliRun missing = run_cli({"report", "no-such-network.json", "-o", out});
  CHECK(missing.code == 2);

  const CliRun help = run_cli({"report", "--help"});
  CHECK(help.code == 0);
  CHECK(help.out.find("collabnet report graphs/northern-alliance.json -o report.html") !=
        std::string::npos);
}
