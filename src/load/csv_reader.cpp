// CSV reading on libcsv, with the physical line of every row (see csv_reader.hpp for why libcsv).
#include "load/csv_reader.hpp"

#include "load/input_file.hpp"

#include "collabnet/network_io.hpp"

#include <csv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>

namespace collabnet::load {
namespace {

struct Record {
  std::size_t line = 0;
  std::vector<std::string> cells;
};

// State shared with libcsv's callbacks.
struct ParseState {
  std::vector<Record> records;
  Record current;
  std::size_t line = 1;       // the physical line being fed
  std::size_t cell_line = 1;  // where the cell being read started
  bool need_start = true;     // the next non-blank byte starts a record
};

void on_cell(void* data, std::size_t len, void* user) {
  auto& st = *static_cast<ParseState*>(user);
  if (len == 0)
    st.current.cells.emplace_back();
  else
    st.current.cells.emplace_back(static_cast<const char*>(data), len);
  st.cell_line = st.line;
}

void on_record(int, void* user) {
  auto& st = *static_cast<ParseState*>(user);
  st.records.push_back(std::move(st.current));
  st.current = Record{};
  st.need_start = true;
}

/// `s` with every byte that is not part of a well-formed UTF-8 sequence replaced by U+FFFD.
std::string replace_invalid_utf8(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80           ? 1
                            : (c & 0xE0) == 0xC0 ? 2
                            : (c & 0xF0) == 0xE0 ? 3
                            : (c & 0xF8) == 0xF0 ? 4
                                                 : 0;
    if (len != 0 && i + len <= s.size() && is_valid_utf8(s.substr(i, len))) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string where_of(const std::vector<Record>& records, std::size_t cell) {
  if (records.empty()) return "header";
  const auto& header = records.front().cells;
  if (cell < header.size() && !header[cell].empty()) return header[cell];
  return "column " + std::to_string(cell + 1);
}

// RAII for libcsv's parser.
struct Parser {
  csv_parser p{};
  bool ok = false;
  Parser() { ok = csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) == 0; }
  ~Parser() {
    if (ok) csv_free(&p);
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
};

}  // namespace

Diagnostic csv_diagnostic(const std::string& file, std::size_t line, std::string where,
                          std::string message, Severity severity) {
  Diagnostic d;
  d.severity = severity;
  d.file = file;
  d.line = line;
  d.where = std::move(where);
  d.message = std::move(message);
  return d;
}

std::string csv_path_in(const std::string& folder, std::string_view file) {
  std::string s = folder;
  if (!s.empty() && s.back() != '/') s += '/';
  s += file;
  return s;
}

std::size_t column_index(const std::vector<std::string>& header, std::string_view name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  return std::string_view::npos;
}

CsvFile read_csv_text(std::string_view text, const std::string& display, Diagnostics& diags) {
  CsvFile f;
  f.display = display;
  auto error = [&](std::size_t line, std::string where, std::string message) {
    diags.add(csv_diagnostic(display, line, std::move(where), std::move(message)));
  };
  // Files that are not UTF-8 CSV at all would only give misleading syntax errors below.
  constexpr std::string_view kSaveAs =
      "save it as CSV UTF-8 (in Excel: File > Save As > \"CSV UTF-8 (Comma delimited)\")";
  if (const std::string why = encoding_problem(text); !why.empty()) {
    error(1, "", why + "; " + std::string(kSaveAs));
    return f;
  }
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    const std::string_view before = text.substr(0, nul);
    const auto line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    // UTF-16 without a byte-order mark has a NUL beside nearly every character (ASCII text);
    // one stray NUL in UTF-8 text is damage, not an encoding.
    const auto nuls = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\0'));
    if (nuls * 4 >= text.size())
      error(line, "", "the file holds NUL bytes, so it is probably UTF-16 text, not UTF-8; " +
                          std::string(kSaveAs));
    else
      error(line, "", "the file holds a NUL byte (character 0), which no CSV text has; the file "
                      "may be damaged: open it in a spreadsheet, check this line and save it "
                      "again as CSV UTF-8");
    return f;
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte-order mark
  // Excel's "sep=," first line names the separator. A comma is ours: the line is read as blank
  // (so that line numbers stay those of the file); any other separator is refused by name.
  std::string without_sep;
  if (text.substr(0, 4) == "sep=") {
    const std::size_t end = std::min(text.find_first_of("\r\n"), text.size());
    const std::string_view sep = text.substr(4, end - 4);
    if (sep != ",") {
      error(1, "", "the first line " + quote(text.substr(0, end)) +
                       " says columns are separated by " +
                       (sep == ";" ? std::string("';'") : sep == "\t" ? "tabs" : quote(sep)) +
                       ", not commas; save the file with commas between columns (in Excel: "
                       "File > Save As > \"CSV UTF-8 (Comma delimited)\")");
      return f;
    }
    without_sep.assign(text);
    std::fill(without_sep.begin(), without_sep.begin() + static_cast<std::ptrdiff_t>(end), ' ');
    text = without_sep;
  }
  {
    // The header (the first line that is not blank) separated by ';' or tabs and holding no
    // comma: a spreadsheet saved with another separator (';' where decimals are written 1,5).
    std::size_t start = 0, line = 1;
    while (start < text.size() && blank(text[start])) {
      if (text[start] == '\n' || (text[start] == '\r' && (start + 1 >= text.size() ||
                                                           text[start + 1] != '\n')))
        ++line;
      ++start;
    }
    const std::string_view head = text.substr(start, text.find_first_of("\r\n", start) - start);
    if (!head.empty() && head.find(',') == std::string_view::npos) {
      const bool semicolons = head.find(';') != std::string_view::npos;
      if (semicolons || head.find('\t') != std::string_view::npos) {
        error(line, "header",
              std::string("columns are separated by ") + (semicolons ? "';'" : "tabs") +
                  ", not commas; save the file with commas between columns (in Excel: File > "
                  "Save As > \"CSV UTF-8 (Comma delimited)\")");
        return f;
      }
    }
  }

  Parser parser;
  if (!parser.ok) throw std::bad_alloc();
  ParseState st;
  // Feed libcsv one physical line at a time (each piece ends at a CR or LF), so that every row
  // is known to start on the line being fed when its first non-blank byte arrives, and a syntax
  // error is on the line being fed. Rows end only at a line end, so a row never starts mid-piece.
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find_first_of("\r\n", pos);
    end = end == std::string_view::npos ? text.size() : end + 1;
    const std::string_view piece = text.substr(pos, end - pos);
    if (st.need_start) {
      for (char c : piece) {
        if (!blank(c)) {
          st.need_start = false;
          st.current.line = st.line;
          st.cell_line = st.line;
          break;
        }
      }
    }
    const std::size_t fed = csv_parse(&parser.p, piece.data(), piece.size(), on_cell, on_record, &st);
    if (fed != piece.size()) {
      if (csv_error(&parser.p) == CSV_ENOMEM || csv_error(&parser.p) == CSV_ETOOBIG)
        throw std::bad_alloc();
      error(st.line, where_of(st.records, st.current.cells.size()),
            "misplaced double quote (\"): a cell with a quote in it must be wholly in double "
            "quotes, with each inner quote doubled, e.g. \"The \"\"Star\"\" School\"");
      return f;
    }
    // A CR followed by LF is one line end; a lone CR (old Mac files) or LF is one too.
    if (piece.back() == '\n' || (piece.back() == '\r' && (end >= text.size() || text[end] != '\n')))
      ++st.line;
    pos = end;
  }
  if (csv_fini(&parser.p, on_cell, on_record, &st) != 0) {
    if (csv_error(&parser.p) != CSV_EPARSE) throw std::bad_alloc();
    error(st.cell_line, where_of(st.records, st.current.cells.size()),
          "the quoted cell that starts on this line is never closed; add the missing closing "
          "double quote (\")");
    return f;
  }

  if (st.records.empty()) {  // the caller says what the header should be
    f.empty = true;
    return f;
  }
  Record& head = st.records.front();
  f.header_line = head.line;
  bool ok = true;
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < head.cells.size(); ++i) {
    const std::string& name = head.cells[i];
    if (!is_valid_utf8(name)) {
      error(head.line, "header",
            "column " + std::to_string(i + 1) + " has a name that is not valid UTF-8 text (save "
            "the file as UTF-8)");
      ok = false;
    } else if (name.empty()) {
      error(head.line, "header",
            "column " + std::to_string(i + 1) +
                " has no name; name it, or remove the extra comma at the end of the line");
      ok = false;
    } else if (auto [it, fresh] = seen.emplace(name, i); !fresh) {
      error(head.line, "header",
            "column " + quote(name) + " appears twice (columns " + std::to_string(it->second + 1) +
                " and " + std::to_string(i + 1) + "); keep one");
      ok = false;
    }
  }
  f.header = std::move(head.cells);
  if (!ok) return f;

  const std::size_t width = f.header.size();
  f.rows.reserve(st.records.size() - 1);
  for (std::size_t r = 1; r < st.records.size(); ++r) {
    Record& rec = st.records[r];
    // A row of empty cells (Excel leaves `,,,,,,,` where a row was cleared) holds nothing:
    // skipped and counted, whatever its number of cells.
    if (std::all_of(rec.cells.begin(), rec.cells.end(),
                    [](const std::string& c) { return c.empty(); })) {
      f.blank_lines.push_back(rec.line);
      continue;
    }
    if (rec.cells.size() != width) {
      const std::string counts = "row has " + std::to_string(rec.cells.size()) + " cell" +
                                 (rec.cells.size() == 1 ? "" : "s") + " but the header has " +
                                 std::to_string(width) + " column" + (width == 1 ? "" : "s");
      error(rec.line, "",
            rec.cells.size() > width
                ? counts + "; a value holding a comma must be in double quotes, e.g. "
                           "\"Smith, John\""
                : counts + "; give every column a cell (an empty cell is written ,,)");
      continue;
    }
    for (std::size_t i = 0; i < width; ++i) {
      if (is_valid_utf8(rec.cells[i])) continue;
      error(rec.line, f.header[i],
            "is not valid UTF-8 text: " + quote(rec.cells[i]) + " (save the file as UTF-8)");
      // The load fails anyway; keep the row (no cascade of "unknown id" errors) with text that
      // later stages can handle.
      rec.cells[i] = replace_invalid_utf8(rec.cells[i]);
    }
    f.rows.push_back(CsvRow{rec.line, std::move(rec.cells)});
  }
  f.ok = true;
  return f;
}

CsvFile read_csv_file(const std::filesystem::path& path, const std::string& display,
                      Diagnostics& diags) {
  std::string text;
  try {
    // A regular file, or a pipe up to its limit: never a device such as /dev/zero.
    text = read_input(path, display, "give a CSV file (saved as CSV UTF-8)");
  } catch (const InputError& e) {
    CsvFile f;
    f.display = display;
    for (const Diagnostic& d : e.diagnostics()) diags.add(csv_diagnostic(display, 0, "", d.message));
    return f;
  }
  return read_csv_text(text, display, diags);
}

CsvFile read_source_csv(const std::filesystem::path& path, const std::string& display,
                        Diagnostics& diags, const std::vector<std::string_view>& required,
                        std::string_view expected, std::string_view what) {
  CsvFile csv = read_csv_file(path, display, diags);
  if (csv.empty)
    diags.add(csv_diagnostic(display, 1, "header",
                             "the file is empty; expected " + std::string(expected)));
  if (!csv.ok) diags.throw_errors();
  for (auto name : required) {
    if (column_index(csv.header, name) != std::string_view::npos) continue;
    diags.add(csv_diagnostic(display, csv.header_line, "header",
                             "missing required column \"" + std::string(name) + "\"; is this " +
                                 std::string(what) + "?"));
  }
  if (diags.has_errors()) diags.throw_errors();
  return csv;
}

std::string SourceImporter::with_ogl_attribution(const std::string& name) {
  if (name.find(kOglAttribution) != std::string::npos) return name;
  return name + (name.ends_with('.') ? " " : ". ") + kOglAttribution;
}

}  // namespace collabnet::load
