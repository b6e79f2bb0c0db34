// The CSV export (export.hpp), and the network views every export shares: as of a date, and
// publish mode (no staff names).

#include "collabnet/analysis_output.hpp"
#include "collabnet/export.hpp"
#include "collabnet/network_io.hpp"
#include "output/export_model.hpp"

namespace collabnet {

Network network_as_of(const Network& network, const std::string& date) {
  Network out = network;
  out.partnerships.clear();
  bool dropped = false;
  for (const Partnership& p : network.partnerships) {
    if (p.active_on(date))
      out.partnerships.push_back(p);
    else
      dropped = true;
  }
  // Generated ids are numbered by position on reload: once a record is gone they would shift,
  // so the kept records name theirs.
  if (dropped)
    for (Partnership& p : out.partnerships) p.id_generated = false;
  return out;
}

Network without_staff_names(const Network& network) {
  Network out = network;
  for (Staff& s : out.staff) {
    s.name.reset();
    s.extra.clear();
  }
  return out;
}

std::map<std::string, std::string> export_csv(const Network& network, const Analysis& analysis,
                                              const ExportOptions& options) {
  Network view = options.show_staff_names ? network : without_staff_names(network);
  if (const auto& date = records_date(analysis)) view = network_as_of(view, *date);
  // --excel is for opening in a spreadsheet, so text that would run as a formula is marked with
  // a leading apostrophe; the plain folder is the exact interchange format that `import csv`
  // reads back byte for byte, so it keeps every cell as it is.
  std::map<std::string, std::string> files = output::network_to_csv(view, options.excel);
  if (options.with_analysis) {
    files["analysis-schools.csv"] = analysis_schools_csv(network, analysis);
    files["analysis-groupings.csv"] = analysis_groupings_csv(network, analysis);
    files["analysis-findings.csv"] = analysis_findings_csv(network, analysis);
  }
  if (options.excel)
    for (auto& [name, text] : files) text.insert(0, "\xEF\xBB\xBF");
  return files;
}

}  // namespace collabnet
