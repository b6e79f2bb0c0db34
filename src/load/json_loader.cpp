// Streaming JSON loader: nlohmann's SAX parser drives a small state machine that builds one
// record (one school, staff member, …) at a time and hands it to the NetworkBuilder. Memory
// stays O(network), never O(document): a 46 MB file is never a 46 MB DOM (issue 3, item 3).
#include <cstdio>
#include <algorithm>
#include <fstream>
#include <functional>
#include <tuple>
#include <set>
#include <sstream>

#include "collabnet/load.hpp"
#include "load/builder.hpp"

namespace collabnet {
namespace load {
namespace {

using nlohmann::json;

const std::vector<std::string_view> kTopKeys = {"format", "name", "as_of", "schools", "staff",
                                                "groupings", "partnerships"};

Section section_of(std::string_view key) {
  if (key == "schools") return Section::schools;
  if (key == "staff") return Section::staff;
  if (key == "groupings") return Section::groupings;
  if (key == "partnerships") return Section::partnerships;
  return Section::top;
}

constexpr std::size_t kMaxNesting = 64;

class Handler : public nlohmann::json_sax<json> {
 public:
  /// `locate` turns a byte offset into (line, column) for errors whose text lacks them.
  using Locator = std::function<std::pair<std::size_t, std::size_t>(std::size_t)>;
  Handler(NetworkBuilder& builder, Diagnostics& diags, std::string file, Locator locate)
      : b_(builder), diags_(diags), file_(std::move(file)), locate_(std::move(locate)) {}

  bool null() override { return value(json(nullptr)); }
  bool boolean(bool v) override { return value(json(v)); }
  bool number_integer(number_integer_t v) override { return value(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return value(json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return value(json(v)); }
  bool string(string_t& v) override {
    if (flat_) {  // a string field of a flat staff record: kept as text, no JSON value built
      fields_[count_ - 1].second.assign(v);
      return true;
    }
    return value(json(std::move(v)));
  }
  bool binary(binary_t&) override { return value(json()); }

  bool start_object(std::size_t) override {
    if (depth_ == 0) {
      depth_ = 1;
      return true;
    }
    if (flat_) {  // a nested object: the record goes the general way
      unflatten();
      return open(json::object());
    }
    if (stack_.empty() && in_section_ && section_ == Section::staff && !unknown_top_) {
      // Staff records are the bulk of a large file (500,000 in a 24,000-school network): read
      // one made only of string fields without building a JSON object. Anything else in it
      // (another type, a repeated key, a nested value) turns it back into a JSON object that
      // the general path then finishes, so every rule and message stays the same.
      flat_ = true;
      count_ = 0;
      return true;
    }
    return open(json::object());
  }
  bool end_object() override {
    if (flat_) {
      flat_ = false;
      const Place place{section_, index_++, 0};
      if (!b_.add_staff_fields(fields_.data(), count_, place)) {
        json record = json::object();
        for (std::size_t i = 0; i < count_; ++i) record[fields_[i].first] = fields_[i].second;
        b_.add_staff(record, place);
      }
      return true;
    }
    if (stack_.empty()) {  // the top-level object
      depth_ = 0;
      return true;
    }
    return close();
  }
  bool start_array(std::size_t) override {
    if (depth_ == 0) return top_not_object("an array");
    if (flat_) unflatten();
    if (stack_.empty() && !top_key_.empty() && section_ != Section::top && !in_section_) {
      in_section_ = true;  // the array of a section: its elements are records
      index_ = 0;
      return true;
    }
    return open(json::array());
  }
  bool end_array() override {
    if (stack_.empty() && in_section_) {
      in_section_ = false;
      return true;
    }
    return close();
  }

  bool key(string_t& k) override {
    if (flat_) {
      bool repeated = false;
      for (std::size_t i = 0; i < count_; ++i) repeated = repeated || fields_[i].first == k;
      if (!repeated) {
        if (count_ == fields_.size()) fields_.emplace_back();
        fields_[count_++].first.assign(k);
        return true;
      }
      unflatten(true);  // the general path reports the repeated key
    }
    if (stack_.empty()) {  // a top-level key
      top_key_ = k;
      section_ = section_of(k);
      if (!seen_top_.insert(k).second)
        b_.error(Place{}, k, "appears twice at the top level; merge the two into one");
      if (std::find(kTopKeys.begin(), kTopKeys.end(), k) == kTopKeys.end()) {
        std::string msg = "unknown top-level key " + quote(k) + "; a network has only " +
                          "format, name, as_of, schools, staff, groupings and partnerships";
        if (auto hint = did_you_mean(k, kTopKeys)) msg += " (did you mean \"" + *hint + "\"?)";
        diags_.add(b_.at(Place{}, "", msg));
        unknown_top_ = true;
      } else {
        unknown_top_ = false;
      }
      return true;
    }
    json& obj = *stack_.back();
    if (obj.contains(k)) {
      b_.error(current_place(), k, "key appears twice in the same object; keep one");
    }
    pending_key_ = std::move(k);
    return true;
  }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    // nlohmann's message: "[json.exception.parse_error.101] parse error at line 3, column 14:
    // syntax error while parsing …". Keep its position and its explanation.
    std::string what = ex.what();
    Diagnostic d;
    d.file = file_;
    std::size_t line = 0, column = 0;
    if (auto pos = what.find("at line "); pos != std::string::npos) {
      std::sscanf(what.c_str() + pos, "at line %zu, column %zu", &line, &column);
      if (auto colon = what.find(": ", pos); colon != std::string::npos)
        what = what.substr(colon + 2);
    } else {
      // e.g. "[json.exception.out_of_range.406] number overflow parsing '1e999'"
      std::tie(line, column) = locate_(position);
      if (auto bracket = what.find("] "); bracket != std::string::npos)
        what = what.substr(bracket + 2);
      if (what.find("overflow") != std::string::npos)
        what += " (the number is too large to be a real value)";
    }
    d.line = line;
    d.column = column;
    if (what.find("UTF-8") != std::string::npos)
      what += " (the file must be saved as UTF-8)";
    // The "last read" text can hold raw bytes from the file: show them safely.
    d.message = sanitize(what);
    diags_.add(std::move(d));
    return false;
  }

 private:
  static std::string sanitize(const std::string& s) {
    std::string q = quote(s, 400);
    return q.substr(1, q.size() - 2);
  }

  bool top_not_object(const std::string& got) {
    diags_.add(b_.at(Place{}, "",
                     "the top level must be a JSON object {\"format\": \"collabnet/1\", "
                     "\"schools\": [...], ...}, got " + got));
    return false;
  }

  Place current_place() const { return Place{section_, index_, 0}; }

  bool open(json v) {
    // Values are kept as extra attributes and written back out (recursively) later: a value
    // nested thousands of levels deep once overflowed the stack there. No real record nests deeply.
    if (stack_.size() >= kMaxNesting) {
      b_.error(current_place(), "",
               "a value is nested more than " + std::to_string(kMaxNesting) +
                   " levels deep; flatten it (collabnet keeps extra values, but not this deep)");
      return false;
    }
    if (stack_.empty()) {
      current_ = std::move(v);
      stack_.push_back(&current_);
      return true;
    }
    json& parent = *stack_.back();
    json* child;
    if (parent.is_array()) {
      parent.push_back(std::move(v));
      child = &parent.back();
    } else {
      child = &(parent[pending_key_] = std::move(v));
    }
    stack_.push_back(child);
    return true;
  }

  bool close() {
    stack_.pop_back();
    if (stack_.empty()) complete(std::move(current_));
    return true;
  }

  /// Turns the flat staff record read so far into the JSON object the general path expects.
  /// `last_has_value` false: the last key still waits for its value, and becomes the pending key.
  void unflatten(bool last_has_value = false) {
    flat_ = false;
    current_ = json::object();
    const std::size_t complete = last_has_value || count_ == 0 ? count_ : count_ - 1;
    for (std::size_t i = 0; i < complete; ++i) current_[fields_[i].first] = fields_[i].second;
    if (complete < count_) pending_key_ = fields_[count_ - 1].first;
    stack_.assign(1, &current_);
  }

  bool value(json v) {
    if (flat_) unflatten();
    if (depth_ == 0) {
      return top_not_object(v.is_string() ? "a string" : v.is_null() ? "null"
                                          : v.is_boolean()           ? "a boolean"
                                                                     : "a number");
    }
    if (stack_.empty()) {
      complete(std::move(v));
      return true;
    }
    json& parent = *stack_.back();
    if (parent.is_array())
      parent.push_back(std::move(v));
    else
      parent[pending_key_] = std::move(v);
    return true;
  }

  // A complete value at depth 1 (top-level field) or 2 (a record of a section).
  void complete(json v) {
    if (unknown_top_) return;
    if (in_section_) {
      const Place place{section_, index_++, 0};
      switch (section_) {
        case Section::schools: b_.add_school(v, place); break;
        case Section::staff: b_.add_staff(v, place); break;
        case Section::groupings: b_.add_grouping(v, place); break;
        case Section::partnerships: b_.add_partnership(v, place); break;
        default: break;
      }
      return;
    }
    if (section_ != Section::top) {
      b_.error(Place{}, top_key_, "must be an array […], got " +
                                      (v.is_object() ? std::string("an object") : v.dump()));
      return;
    }
    b_.set_top(top_key_, v);
  }

  NetworkBuilder& b_;
  Diagnostics& diags_;
  std::string file_;
  Locator locate_;
  int depth_ = 0;
  std::string top_key_;
  Section section_ = Section::top;
  bool in_section_ = false;
  bool unknown_top_ = false;
  std::size_t index_ = 0;
  std::set<std::string> seen_top_;
  std::string pending_key_;
  json current_;
  std::vector<json*> stack_;
  bool flat_ = false;  ///< reading a staff record as (key, string) fields
  std::vector<std::pair<std::string, std::string>> fields_;  ///< reused: no allocation per record
  std::size_t count_ = 0;  ///< fields_ in use
};

/// Line and column (1-based) of byte `offset` in `text`; the column counts bytes.
std::pair<std::size_t, std::size_t> line_col(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column > 1 ? column - 1 : 1};
}

template <class Input>
LoadResult load_json(Input&& input, const std::string& display, bool empty,
                     Handler::Locator locate) {
  Diagnostics diags;
  Naming naming;
  naming.json_file = display;
  NetworkBuilder builder(naming, diags);
  if (empty) {
    diags.add(Diagnostic{Severity::error, display, 0, 0, "",
                         "the file is empty; expected a collabnet network, a JSON object "
                         "{\"format\": \"collabnet/1\", \"schools\": [...], ...}"});
    diags.throw_errors();
  }
  Handler handler(builder, diags, display, std::move(locate));
  const bool ok = json::sax_parse(std::forward<Input>(input), &handler);
  if (!ok) diags.throw_errors();
  LoadResult result;  // finish() reports reference errors too, so all errors come in one run
  result.network = builder.finish();
  result.warnings = diags.warnings();
  return result;
}

bool only_whitespace(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace
}  // namespace load

LoadResult load_network_json_text(const std::string& text, const std::string& display) {
  return load::load_json(text, display, load::only_whitespace(text),
                         [&text](std::size_t pos) { return load::line_col(text, pos); });
}

LoadResult load_network_json(const std::filesystem::path& file) {
  const std::string display = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(display, "cannot open the file (does it exist and is it readable?)");
  // Peek past leading white space to tell an empty file from a broken one.
  in >> std::ws;
  const bool empty = in.peek() == std::char_traits<char>::eof();
  in.clear();
  in.seekg(0);
  // Only on an error without a position: read the file again to find the line.
  auto locate = [&file](std::size_t pos) {
    std::ifstream again(file, std::ios::binary);
    std::string head(pos, '\0');
    again.read(head.data(), static_cast<std::streamsize>(pos));
    head.resize(static_cast<std::size_t>(again.gcount()));
    return load::line_col(head, pos);
  };
  return load::load_json(in, display, empty, locate);
}

LoadResult load_network(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return load_network_csv(path);
  if (!std::filesystem::exists(path, ec))
    throw InputError(path.string(),
                     "no such file or folder; give a network file (.json) or a folder of CSV "
                     "files (schools.csv, partnerships.csv, …)");
  return load_network_json(path);
}

}  // namespace collabnet
