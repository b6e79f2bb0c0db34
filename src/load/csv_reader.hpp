#pragma once
// Internal: reads one CSV file (RFC 4180) into a header and rows, each row with the physical line
// where it starts, reporting located problems. Shared by the CSV network loader and the importers.
//
// Parsing is done by libcsv (Debian libcsv-dev), not fast-cpp-csv-parser (libfccp-dev):
// fccp cannot read a newline inside a quoted field (it splits on lines first) and fixes the
// number of columns at compile time, whereas a network CSV may carry any number of extra columns
// and school names may hold line breaks.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "load/builder.hpp"

namespace collabnet::load {

struct CsvRow {
  std::size_t line = 0;            ///< 1-based physical line where the row starts
  std::vector<std::string> cells;  ///< exactly one per header column
};

struct CsvFile {
  std::string display;              ///< the file as named in messages
  std::vector<std::string> header;  ///< column names; empty when the file could not be read
  std::size_t header_line = 1;
  std::vector<CsvRow> rows;         ///< data rows with the right number of cells
  std::vector<std::size_t> blank_lines;  ///< rows whose every cell is empty (`,,,,` from Excel): skipped
  bool ok = false;                  ///< false: missing, unreadable, empty or a syntax error
  bool empty = false;               ///< no header line at all (the caller says what it needs)
};

/// Reads `path` whole (O(file size) time and memory). Strips a UTF-8 byte-order mark; accepts
/// LF, CRLF and CR line ends; skips blank lines; trims spaces and tabs around unquoted cells.
/// Reports into `diags`, each located as `display:LINE: column: message`:
///   - a missing or unreadable file, an empty file (no header), a syntax error (stray or
///     unclosed quote): the file is abandoned (`ok` false);
///   - a header column without a name or named twice (ok false);
///   - a row whose cell count differs from the header's (the row is dropped);
///   - a cell that is not valid UTF-8 (the row is kept; the error makes the load fail).
CsvFile read_csv_file(const std::filesystem::path& path, const std::string& display,
                      Diagnostics& diags);

/// Same, for text already in memory.
CsvFile read_csv_text(std::string_view text, const std::string& display, Diagnostics& diags);

/// Reads a third-party source file (an importer's input) and checks its header: an empty file is
/// `FILE:1: header: the file is empty; expected <expected>`, and each required column that is
/// missing is `FILE:LINE: header: missing required column "X"; is this <what>?`. Throws
/// InputError (through `diags`) on any of these or on a CSV syntax error.
CsvFile read_source_csv(const std::filesystem::path& path, const std::string& display,
                        Diagnostics& diags, const std::vector<std::string_view>& required,
                        std::string_view expected, std::string_view what);

/// Index of `name` in `header`, or npos.
std::size_t column_index(const std::vector<std::string>& header, std::string_view name);

/// The diagnostic helpers the CSV readers share.
Diagnostic csv_diagnostic(const std::string& file, std::size_t line, std::string where,
                          std::string message, Severity severity = Severity::error);

/// What the importers of public source files (Scotland's roll and locations, England's GIAS
/// group links) share: the file, its diagnostics and header, located errors and warnings, cells
/// by column name, and the licence line their networks carry.
class SourceImporter {
 protected:
  explicit SourceImporter(const std::filesystem::path& path)
      : path_(path), file_(path.string()) {}

  /// read_source_csv on the file, keeping its header for cell().
  CsvFile read(const std::vector<std::string_view>& required, std::string_view expected,
               std::string_view what) {
    CsvFile csv = read_source_csv(path_, file_, diags_, required, expected, what);
    header_ = csv.header;
    return csv;
  }
  void error(std::size_t line, std::string where, std::string message) {
    diags_.add(csv_diagnostic(file_, line, std::move(where), std::move(message)));
  }
  void warning(std::size_t line, std::string where, std::string message) {
    diags_.add(
        csv_diagnostic(file_, line, std::move(where), std::move(message), Severity::warning));
  }
  /// The row's cell in `column`, or "" when the file has no such (optional) column.
  const std::string& cell(const CsvRow& row, std::string_view column) const {
    static const std::string none;
    const std::size_t i = column_index(header_, column);
    return i == std::string_view::npos ? none : row.cells[i];
  }
  /// `name` followed by the Open Government Licence line, unless it already holds it.
  static std::string with_ogl_attribution(const std::string& name);

  std::filesystem::path path_;
  std::string file_;  ///< the file as named in messages
  Diagnostics diags_;
  std::vector<std::string> header_;
};

/// Joins `folder` (as the user named it) and a file name the way messages show it.
std::string csv_path_in(const std::string& folder, std::string_view file);

}  // namespace collabnet::load
