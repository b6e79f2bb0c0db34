// Streaming JSON loader: a SAX handler drives a small state machine that builds one record (one
// school, staff member, …) at a time and hands it to the NetworkBuilder. Memory stays
// O(network), never O(document): a 46 MB file is never a 46 MB DOM (issue 3, item 3); the text
// itself is read whole, once. The events come from simdjson's On-Demand parser (json_fast.hpp)
// and, for any document it does not take, from nlohmann's SAX parser reading the same text again
// from the start, which words every syntax error.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <functional>
#include <istream>
#include <optional>
#include <set>
#include <span>
#include <streambuf>
#include <string>
#include <tuple>
#include <vector>

#include "collabnet/load.hpp"
#include "load/builder.hpp"
#include "load/input_file.hpp"
#include "load/json_fast.hpp"
#include "load/progress_gate.hpp"

namespace collabnet {
namespace load {
namespace {

using nlohmann::json;

const std::vector<std::string_view> kTopKeys = {"format", "name", "as_of", "schools", "staff",
                                                "groupings", "partnerships", "survey", "assessments"};

Section section_of(std::string_view key) {
  if (key == "schools") return Section::schools;
  if (key == "staff") return Section::staff;
  if (key == "groupings") return Section::groupings;
  if (key == "partnerships") return Section::partnerships;
  if (key == "assessments") return Section::assessments;
  return Section::top;
}

constexpr std::size_t kMaxNesting = 64;

class Handler : public nlohmann::json_sax<json> {
 public:
  /// `locate` turns a byte offset into (line, column) for errors whose text lacks them.
  using Locator = std::function<std::pair<std::size_t, std::size_t>(std::size_t)>;
  Handler(NetworkBuilder& builder, Diagnostics& diags, std::string file, Locator locate)
      : b_(builder), diags_(diags), file_(std::move(file)), locate_(std::move(locate)) {}

  /// How many bytes of the input are still to come, when known: staff are then reserved for.
  void set_bytes_left(std::function<std::size_t()> bytes_left) {
    bytes_left_ = std::move(bytes_left);
  }

  bool null() override {
    if (flat_ && !in_list_ && pending_slot_ != kNoSlot) {
      // null is an absent field to every reader of a record (open partnerships are written
      // "until": null): the flat record stays flat, and remembers the key for repeats.
      nulls_ |= 1u << pending_slot_;
      pending_slot_ = kNoSlot;
      return true;
    }
    return value(json(nullptr));
  }
  bool boolean(bool v) override { return value(json(v)); }
  bool number_integer(number_integer_t v) override { return number(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return number(json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return number(json(v)); }
  bool string(string_t& v) override {
    if (flat_) {  // a text field of a flat record: kept as text, no JSON value built
      if (in_list_) {
        list_.emplace_back();
        std::swap(list_.back(), v);  // the reader's string buffer takes the empty one
        return true;
      }
      if (pending_slot_ != kNoSlot && kind_of_pending() == Kind::text) {
        std::swap(slots_[pending_slot_], v);  // the reader's string buffer takes the old text
        have_ |= 1u << pending_slot_;
        pending_slot_ = kNoSlot;
        return true;
      }
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
    if (stack_.empty() && in_section_ && !unknown_top_ &&
        (section_ == Section::staff || section_ == Section::partnerships)) {
      // Staff records are the bulk of a large file (500,000 in a 24,000-school network), and
      // partnerships the next: read one made only of known fields of the expected types
      // without building a JSON object. Anything else in it (another type, an unknown or
      // repeated key, a nested value) turns it back into a JSON object that the general path
      // then finishes, so every rule and message stays the same.
      flat_ = true;
      keys_ = section_ == Section::staff ? kStaffFlat : kPartnershipFlat;
      have_ = 0;
      nulls_ = 0;
      pending_slot_ = kNoSlot;
      return true;
    }
    return open(json::object());
  }
  bool end_object() override {
    if (flat_) {
      flat_ = false;
      const Place place{section_, index_++, 0};
      auto text = [&](unsigned slot) { return have_ & (1u << slot) ? &slots_[slot] : nullptr; };
      auto num = [&](unsigned slot) { return have_ & (1u << slot) ? &numbers_[slot] : nullptr; };
      if (section_ == Section::staff) {
        if (!b_.add_staff_fields(text(0), text(1), text(2), text(3), place))
          b_.add_staff(flat_record(), place);
      } else {
        PartnershipFields f;
        f.id = text(0);
        f.from = text(1);
        f.to = text(2);
        f.direction = text(3);
        f.activity = text(4);
        f.weight = num(5);
        f.level = num(6);
        f.staff = have_ & (1u << 7) ? &list_ : nullptr;
        f.grouping = text(8);
        f.since = text(9);
        f.until = text(10);
        if (!b_.add_partnership_fields(f, place)) b_.add_partnership(flat_record(), place);
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
    if (flat_ && !in_list_ && kind_of_pending() == Kind::list) {  // a list of ids
      in_list_ = true;
      list_.clear();
      return true;
    }
    if (flat_) unflatten();
    if (stack_.empty() && !top_key_.empty() && section_ != Section::top && !in_section_) {
      in_section_ = true;  // the array of a section: its elements are records
      index_ = 0;
      // Staff are most of a large file: room for them all at once spares the copies (and page
      // faults) of a vector doubling its way up to 500,000 records.
      if (section_ == Section::staff && !unknown_top_ && bytes_left_)
        b_.expect_staff(bytes_left_() / kMinStaffBytes);
      return true;
    }
    return open(json::array());
  }
  bool end_array() override {
    if (flat_ && in_list_) {
      in_list_ = false;
      have_ |= 1u << pending_slot_;
      pending_slot_ = kNoSlot;
      return true;
    }
    if (stack_.empty() && in_section_) {
      in_section_ = false;
      return true;
    }
    return close();
  }

  bool key(string_t& k) override {
    if (flat_) {
      const unsigned slot = slot_of(k);
      if (slot != kNoSlot && !((have_ | nulls_) & (1u << slot))) {
        pending_slot_ = slot;
        return true;
      }
      // Another key: the general path keeps it (and may suggest a spelling); a repeated one:
      // the general path reports it.
      unflatten();
    }
    if (stack_.empty()) {  // a top-level key
      top_key_ = k;
      section_ = section_of(k);
      if (!seen_top_.insert(k).second)
        b_.error(Place{}, k, "appears twice at the top level; merge the two into one");
      if (std::find(kTopKeys.begin(), kTopKeys.end(), k) == kTopKeys.end()) {
        std::string msg = "unknown top-level key " + quote(k) + "; a network has only " +
                          "format, name, as_of, schools, staff, groupings, partnerships, survey and assessments";
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
      if (what.find("overflow") != std::string::npos) {
        what += " (the number is too large to be a real value)";
        // Named by its JSON path too, like every other error in a value.
        if (const auto at = value_place()) {
          Diagnostic located = b_.at(at->first, at->second, sanitize(what));
          located.line = line;
          located.column = column;
          diags_.add(std::move(located));
          return false;
        }
      }
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

  /// The record and field of the value being read, when it is a field of a record (or a
  /// top-level field): where a number too large for a double is reported.
  std::optional<std::pair<Place, std::string>> value_place() const {
    if (flat_ && pending_slot_ != kNoSlot && !in_list_)
      return std::pair{current_place(), std::string(keys_[pending_slot_].first)};
    if (stack_.size() == 1 && stack_.back()->is_object() && !pending_key_.empty())
      return std::pair{current_place(), pending_key_};
    if (stack_.empty() && !in_section_ && !top_key_.empty())
      return std::pair{Place{}, top_key_};
    return std::nullopt;
  }

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

  /// The complete fields of the flat record read so far, as a JSON object.
  json flat_record() const {
    json record = json::object();
    for (unsigned slot = 0; slot < keys_.size(); ++slot) {
      const std::string key(keys_[slot].first);
      if (nulls_ & (1u << slot)) record[key] = nullptr;
      if (!(have_ & (1u << slot))) continue;
      switch (keys_[slot].second) {
        case Kind::text: record[key] = slots_[slot]; break;
        case Kind::number: record[key] = numbers_[slot]; break;
        case Kind::list: record[key] = list_; break;
      }
    }
    return record;
  }

  /// Turns the flat record read so far into the JSON object the general path expects, in the
  /// state the general path would be in: a key still waiting for its value becomes the pending
  /// key, a list being read stays open.
  void unflatten() {
    flat_ = false;
    current_ = flat_record();
    stack_.assign(1, &current_);
    if (pending_slot_ == kNoSlot) return;
    const std::string key(keys_[pending_slot_].first);
    if (in_list_) {
      in_list_ = false;
      stack_.push_back(&(current_[key] = list_));
    } else {
      pending_key_ = key;
    }
  }

  enum class Kind { text, number, list };
  using FlatKeys = std::span<const std::pair<std::string_view, Kind>>;
  static constexpr std::pair<std::string_view, Kind> kStaffKeys[] = {
      {"id", Kind::text}, {"school", Kind::text}, {"role", Kind::text}, {"name", Kind::text}};
  static constexpr std::pair<std::string_view, Kind> kPartnershipKeys[] = {
      {"id", Kind::text},       {"from", Kind::text},   {"to", Kind::text},
      {"direction", Kind::text}, {"activity", Kind::text}, {"weight", Kind::number},
      {"level", Kind::number},  {"staff", Kind::list},  {"grouping", Kind::text},
      {"since", Kind::text},    {"until", Kind::text}};
  static constexpr FlatKeys kStaffFlat{kStaffKeys};
  static constexpr FlatKeys kPartnershipFlat{kPartnershipKeys};
  static constexpr unsigned kSlots = 11, kNoSlot = kSlots;

  unsigned slot_of(std::string_view key) const {
    for (unsigned slot = 0; slot < keys_.size(); ++slot)
      if (key == keys_[slot].first) return slot;
    return kNoSlot;
  }
  /// The kind of value the pending key takes (text when no key is pending: never asked then).
  Kind kind_of_pending() const {
    return pending_slot_ == kNoSlot ? Kind::text : keys_[pending_slot_].second;
  }

  /// A number: kept in its slot in a flat record, else the general way.
  bool number(json v) {
    if (flat_ && !in_list_ && pending_slot_ != kNoSlot && kind_of_pending() == Kind::number) {
      numbers_[pending_slot_] = std::move(v);
      have_ |= 1u << pending_slot_;
      pending_slot_ = kNoSlot;
      return true;
    }
    return value(std::move(v));
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
        case Section::assessments: b_.add_assessment(v, place); break;
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

  /// Fewer bytes than a staff record usually takes ({"id":"T0000001","school":"S000001",
  /// "role":"teacher"} is 60): the reservation errs on the large side, which costs address
  /// space only, never memory, as pages never written are never mapped.
  static constexpr std::size_t kMinStaffBytes = 40;

  NetworkBuilder& b_;
  Diagnostics& diags_;
  std::string file_;
  Locator locate_;
  std::function<std::size_t()> bytes_left_;
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
  // A flat record (staff or partnership): its known fields in fixed slots (reused: no
  // allocation per record), which keys have come, the key waiting for its value, and the list
  // of ids being read.
  bool flat_ = false;
  FlatKeys keys_ = kStaffFlat;
  std::string slots_[kSlots];
  json numbers_[kSlots];
  std::vector<std::string> list_;
  bool in_list_ = false;
  unsigned have_ = 0;
  unsigned nulls_ = 0;  ///< keys of the flat record given as null (absent to its readers)
  unsigned pending_slot_ = kNoSlot;
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

[[noreturn]] void throw_empty(Diagnostics& diags, const std::string& display) {
  diags.add(Diagnostic{Severity::error, display, 0, 0, "",
                       "the file is empty; expected a collabnet network, a JSON object "
                       "{\"format\": \"collabnet/1\", \"schools\": [...], ...}"});
  diags.throw_errors();
}

LoadResult finish(NetworkBuilder& builder, Diagnostics& diags) {
  LoadResult result;  // finish() reports reference errors too, so all errors come in one run
  result.network = builder.finish();
  result.warnings = diags.warnings();
  return result;
}

/// The general path: nlohmann's SAX parser, which also words every syntax error.
template <class Input>
LoadResult load_json(Input&& input, const std::string& display, bool empty,
                     Handler::Locator locate, const LoadOptions& options = {}) {
  Diagnostics diags;
  Naming naming;
  naming.json_file = display;
  naming.dates_day_first = options.dates_day_first;
  NetworkBuilder builder(naming, diags);
  if (empty) throw_empty(diags, display);
  Handler handler(builder, diags, display, std::move(locate));
  const bool ok = json::sax_parse(std::forward<Input>(input), &handler);
  if (!ok) diags.throw_errors();
  return finish(builder, diags);
}

/// The fast path (json_fast.hpp): the same handler, fed by simdjson. Returns nothing when the
/// reader gave up; the caller then runs the general path from the start. `text` is padded.
/// `read` is called once the walk is over, before the network is finished: the text may go.
std::optional<LoadResult> load_json_fast(const std::string& text, const std::string& display,
                                         Handler::Locator locate, ProgressGate& gate,
                                         const LoadOptions& options,
                                         const std::function<void()>& read,
                                         const std::function<void(std::size_t)>& discard) {
  Diagnostics diags;
  Naming naming;
  naming.json_file = display;
  naming.dates_day_first = options.dates_day_first;
  NetworkBuilder builder(naming, diags);
  Handler handler(builder, diags, display, std::move(locate));
  FastJsonReader reader(text, handler);
  handler.set_bytes_left([&reader] { return reader.total() - reader.consumed(); });
  if (gate.active())
    reader.set_progress([&gate](std::size_t done, std::size_t total) { gate.bytes(done, total); });
  reader.set_discard(discard);
  switch (reader.run()) {
    case FastResult::bail: return std::nullopt;
    case FastResult::empty: throw_empty(diags, display);
    case FastResult::stopped: diags.throw_errors();
    case FastResult::done: break;
  }
  if (read) read();
  return finish(builder, diags);
}

/// A JSON file saved as UTF-16 or UTF-32 is named as such, as a CSV file is, rather than
/// reported as a syntax error at its first byte or as "the top level is an array". Looked at
/// first, on every path (its first 4 KiB only), so the fast reader and the general one give the
/// same message whatever else is wrong with the file.
void check_encoding(std::string_view head, const std::string& display) {
  if (const std::string why = encoding_problem(head.substr(0, 4096)); !why.empty())
    throw InputError({Diagnostic{Severity::error, display, 1, 0, "",
                                 why + "; save it as UTF-8 (in a text editor: Save As, "
                                       "encoding UTF-8)"}});
}

bool only_whitespace(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

/// Text in memory as a stream, 64 KiB at a time, reporting how far it has been read: nlohmann's
/// parser reads it so on the general path, and the load's progress follows.
class ProgressBuffer : public std::streambuf {
 public:
  ProgressBuffer(std::string_view text, ProgressGate& gate) : text_(text), gate_(gate) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (read_ >= text_.size()) return traits_type::eof();
    char* b = const_cast<char*>(text_.data()) + read_;  // read only: no put area
    const std::size_t n = std::min(text_.size() - read_, std::size_t{1} << 16);
    setg(b, b, b + n);
    read_ += n;
    gate_.bytes(read_, text_.size());
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string_view text_;
  ProgressGate& gate_;
  std::size_t read_ = 0;
};

/// What a caller that owns the text may do with it during a load (load_network_json).
struct TextHooks {
  std::function<void()> read;                   ///< the walk is over: the text may go
  std::function<void(std::size_t)> discard;     ///< the walk is past this offset
  std::function<void(std::string_view&)> restore;  ///< the fast path gave up: the text again
};

/// A whole JSON text, padded for simdjson: the fast path, else nlohmann's from the start.
LoadResult load_padded_text(const std::string& text, const std::string& display,
                            ProgressGate& gate, const LoadOptions& options,
                            const TextHooks& hooks = {}) {
  check_encoding(text, display);
  {
    auto locate = [&text](std::size_t pos) { return line_col(text, pos); };
    if (auto fast = load_json_fast(text, display, locate, gate, options, hooks.read, hooks.discard))
      return std::move(*fast);
  }
  std::string_view all = text;
  if (hooks.restore) hooks.restore(all);
  auto locate = [all](std::size_t pos) { return line_col(all, pos); };
  if (!gate.active()) return load_json(all, display, only_whitespace(all), locate, options);
  ProgressBuffer buffer(all, gate);
  std::istream in(&buffer);
  return load_json(in, display, only_whitespace(all), locate, options);
}

}  // namespace

LoadResult load_json_text(const std::string& text, const std::string& display,
                          const LoadProgress& progress, const LoadOptions& options) {
  ProgressGate gate(progress);
  if (text.capacity() >= text.size() + kJsonPadding)
    return load_padded_text(text, display, gate, options);
  return load_padded_text(padded_copy(text), display, gate, options);
}

LoadResult load_json_text_general(const std::string& text, const std::string& display) {
  check_encoding(text, display);
  return load_json(text, display, only_whitespace(text),
                   [&text](std::size_t pos) { return line_col(text, pos); });
}

}  // namespace load

LoadResult load_network_json_text(const std::string& text, const std::string& display) {
  return load::load_json_text(text, display, {});
}

LoadResult load_network_json(const std::filesystem::path& file, const LoadProgress& progress,
                             const LoadOptions& options) {
  const std::string display = file.string();
  // Read whole, once, through one descriptor: a regular file, or a pipe, FIFO or terminal
  // (/dev/stdin) up to its limit, which opening again would lose what a writer already sent (or
  // wait for a writer forever) and cannot be rewound; a device such as /dev/zero is refused.
  // The text has room for simdjson's padding, and nlohmann reads the same bytes if need be.
  load::InputFile input(file, display, "give a network file (.json) or a CSV folder");
  std::string text = input.read_all(load::kMaxStreamInputBytes, static_cast<std::size_t>(-1),
                                    load::kJsonPadding);
  load::ProgressGate gate(progress);
  load::TextHooks hooks;
  // Once simdjson's walk is over the text has served: the network is finished without it.
  hooks.read = [&text] { std::string().swap(text); };
  std::string again;
  std::size_t discarded = 0;  // outlives the hooks that count in it (they live in `hooks`)
  if (input.regular()) {
    // The text the walk has left behind is given back to the system as it goes (the network
    // grows meanwhile: this keeps the peak down); should nlohmann be needed, the file is read
    // again. A pipe cannot be read again: its text stays whole.
    hooks.discard = [&text, &discarded](std::size_t upto) {
      discarded = std::max(discarded, load::discard_pages(text, upto));
    };
    hooks.restore = [&](std::string_view& all) {
      if (!discarded) return;
      if (::lseek(input.fd(), 0, SEEK_SET) != 0)
        throw InputError(display, "cannot read it again: " + std::string(std::strerror(errno)));
      again = input.read_all();
      all = again;
    };
  }
  return load::load_padded_text(text, display, gate, options, hooks);
}

LoadResult load_network(const std::filesystem::path& path, const LoadProgress& progress) {
  return load_network(path, progress, LoadOptions{});
}

LoadResult load_network(const std::filesystem::path& path, const LoadProgress& progress,
                        const LoadOptions& options) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return load_network_csv(path, progress, options);
  if (!std::filesystem::exists(path, ec))
    throw InputError(path.string(),
                     "no such file or folder; give a network file (.json) or a folder of CSV "
                     "files (schools.csv, partnerships.csv, …)");
  return load_network_json(path, progress, options);
}

}  // namespace collabnet
