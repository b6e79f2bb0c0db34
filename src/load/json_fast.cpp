// The loader's fast JSON path (json_fast.hpp): simdjson On-Demand, walked into nlohmann's SAX
// events. simdjson finds the structure of the whole text at once with SIMD instructions and
// checks its UTF-8, control characters, escapes and surrogates; the walk below turns each value
// into the event nlohmann would send. Numbers are classified and converted here, from their
// text, exactly as nlohmann does (an integer that fits is unsigned, or signed with a minus sign;
// anything else a double, correctly rounded like strtod), and out of range values bail.
#include "load/json_fast.hpp"

#include <simdjson.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace collabnet::load {

static_assert(kJsonPadding >= simdjson::SIMDJSON_PADDING, "simdjson reads further past the text's end");

std::size_t discard_pages(std::string& text, std::size_t upto) {
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto begin = reinterpret_cast<std::uintptr_t>(text.data());
  const std::uintptr_t first = (begin + page - 1) / page * page;
  const std::uintptr_t last = (begin + std::min(upto, text.size())) / page * page;
  if (last <= first) return 0;
  if (::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED) != 0) return 0;
  return last - begin;
}

std::string padded_copy(const std::string& text) {
  std::string copy;
  copy.reserve(text.size() + kJsonPadding);
  copy.assign(text);
  return copy;
}

namespace {

namespace od = simdjson::ondemand;

bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

/// A token's text without the white space simdjson counts in it.
std::string_view trim_right(std::string_view s) {
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  return s;
}

enum class Step { ok, stopped, bail };

class Walker {
 public:
  Walker(const std::string& text, nlohmann::json_sax<nlohmann::json>& sax,
         const ByteProgress& progress, const std::function<void(std::size_t)>& discard,
         std::size_t& consumed)
      : begin_(text.data()), total_(text.size()), sax_(sax), progress_(progress),
        discard_(discard), consumed_(consumed) {}

  /// One value (a document or a value inside one) and all it holds.
  template <class Value>
  Step value(Value& v, std::size_t depth) {
    od::json_type type;
    if (v.type().get(type)) return Step::bail;
    switch (type) {
      case od::json_type::object: return object(v, depth);
      case od::json_type::array: return array(v, depth);
      default: break;
    }
    // A scalar: read from its text, which simdjson has checked but for numbers and literals.
    std::string_view token;
    if constexpr (std::is_same_v<Value, od::value>)
      token = v.raw_json_token();  // a value's token is there; a document's may not be
    else if (v.raw_json_token().get(token))
      return Step::bail;
    token = trim_right(token);
    note(token.data());
    // Each scalar is also consumed through simdjson's own getter, which checks it: On-Demand
    // skips a value left unread without checking it (a string followed by ':' in an array was
    // skipped as a key and its value, and the document taken).
    switch (type) {
      case od::json_type::string: {
        if (token.size() < 2 || token.back() != '"') return Step::bail;
        const std::string_view inner = token.substr(1, token.size() - 2);
        if (inner.find('\\') == std::string_view::npos) {
          od::raw_json_string raw;
          if (v.get_raw_json_string().get(raw)) return Step::bail;
          str_.assign(inner);  // no escape: the text as it is (its UTF-8 already checked)
        } else {
          std::string_view decoded;
          if (v.get_string().get(decoded)) return Step::bail;
          str_.assign(decoded);
        }
        return sax_.string(str_) ? Step::ok : Step::stopped;
      }
      case od::json_type::number: {
        double checked;
        if (v.get_double().get(checked)) return Step::bail;
        return number(token);
      }
      case od::json_type::boolean: {
        bool b;
        if (v.get_bool().get(b) || token != (b ? "true" : "false")) return Step::bail;
        return sax_.boolean(b) ? Step::ok : Step::stopped;
      }
      case od::json_type::null: {
        bool null = false;
        if (v.is_null().get(null) || !null || token != "null") return Step::bail;
        return sax_.null() ? Step::ok : Step::stopped;
      }
      default: return Step::bail;
    }
  }

  void note(const char* at) {
    consumed_ = static_cast<std::size_t>(at - begin_);
    if (consumed_ >= next_report_) {
      constexpr std::size_t kMiB = std::size_t{1} << 20;
      next_report_ = consumed_ + kMiB;
      if (progress_) progress_(consumed_, total_);
      if (discard_ && consumed_ > kMiB) discard_(consumed_ - kMiB);
    }
  }

 private:
  template <class Value>
  Step object(Value& v, std::size_t depth) {
    if (depth >= kFastMaxDepth) return Step::bail;
    od::object object;
    if (v.get_object().get(object)) return Step::bail;
    if (!sax_.start_object(static_cast<std::size_t>(-1))) return Step::stopped;
    for (auto item : object) {
      od::field field;
      if (std::move(item).get(field)) return Step::bail;
      if (const Step s = key(field); s != Step::ok) return s;
      od::value child = field.value();
      if (const Step s = value(child, depth + 1); s != Step::ok) return s;
    }
    return sax_.end_object() ? Step::ok : Step::stopped;
  }

  template <class Value>
  Step array(Value& v, std::size_t depth) {
    if (depth >= kFastMaxDepth) return Step::bail;
    od::array array;
    if (v.get_array().get(array)) return Step::bail;
    if (!sax_.start_array(static_cast<std::size_t>(-1))) return Step::stopped;
    for (auto item : array) {
      od::value child;
      if (std::move(item).get(child)) return Step::bail;
      if (const Step s = value(child, depth + 1); s != Step::ok) return s;
    }
    return sax_.end_array() ? Step::ok : Step::stopped;
  }

  Step key(od::field& field) {
    // The raw key runs to the first quote when it holds no backslash; else simdjson decodes it.
    const char* raw = field.key().raw();
    note(raw);
    const char* end = begin_ + total_;
    const char* quote = static_cast<const char*>(std::memchr(raw, '"', end - raw));
    if (!quote) return Step::bail;
    if (std::find(raw, quote, '\\') == quote) {
      str_.assign(raw, quote);
    } else {
      std::string_view decoded;
      if (field.unescaped_key().get(decoded)) return Step::bail;
      str_.assign(decoded);
    }
    return sax_.key(str_) ? Step::ok : Step::stopped;
  }

  /// A number as nlohmann reads it; its whole token must be one JSON number.
  Step number(std::string_view t) {
    const auto digit = [&](std::size_t i) { return i < t.size() && t[i] >= '0' && t[i] <= '9'; };
    std::size_t i = t.size() && t[0] == '-' ? 1 : 0;
    if (i < t.size() && t[i] == '0') {
      ++i;
    } else if (digit(i)) {
      while (digit(i)) ++i;
    } else {
      return Step::bail;
    }
    bool real = false;
    if (i < t.size() && t[i] == '.') {
      real = true;
      if (!digit(++i)) return Step::bail;
      while (digit(i)) ++i;
    }
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
      real = true;
      ++i;
      if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
      if (!digit(i)) return Step::bail;
      while (digit(i)) ++i;
    }
    if (i != t.size()) return Step::bail;
    const char* b = t.data();
    const char* e = b + t.size();
    if (!real) {
      if (t[0] != '-') {
        std::uint64_t u = 0;
        if (auto [p, ec] = std::from_chars(b, e, u); ec == std::errc() && p == e)
          return sax_.number_unsigned(u) ? Step::ok : Step::stopped;
      } else {
        std::int64_t n = 0;
        if (auto [p, ec] = std::from_chars(b, e, n); ec == std::errc() && p == e)
          return sax_.number_integer(n) ? Step::ok : Step::stopped;
      }
    }
    // An integer too large for 64 bits is a double for nlohmann too. Overflow (an error for
    // nlohmann) and underflow (a rounded value) take the slow path.
    double d = 0;
    auto [p, ec] = std::from_chars(b, e, d);
    if (ec != std::errc() || p != e || !std::isfinite(d)) return Step::bail;
    number_text_.assign(t);
    return sax_.number_float(d, number_text_) ? Step::ok : Step::stopped;
  }

  const char* begin_;
  std::size_t total_;
  nlohmann::json_sax<nlohmann::json>& sax_;
  const ByteProgress& progress_;
  const std::function<void(std::size_t)>& discard_;
  std::size_t& consumed_;
  std::size_t next_report_ = 0;
  std::string str_;          ///< reused for every string and key
  std::string number_text_;  ///< the text of a double
};

}  // namespace

FastResult FastJsonReader::run() {
  std::string_view text(text_);
  // nlohmann skips a UTF-8 byte-order mark (Windows Notepad writes one), only as the very first
  // bytes; simdjson leaves that to the caller.
  std::size_t skip = 0;
  if (text.starts_with("\xEF\xBB\xBF")) skip = 3;
  const std::string_view body = text.substr(skip);
  // Empty: the loader says so without parsing (after a BOM nlohmann's message is wanted).
  if (std::all_of(body.begin(), body.end(), is_ws)) return skip ? FastResult::bail : FastResult::empty;
  if (text_.capacity() < text.size() + kJsonPadding) return FastResult::bail;  // never: see padded_copy

  od::parser parser;
  od::document doc;
  const simdjson::padded_string_view input(body.data(), body.size(),
                                           text_.capacity() - skip);
  if (parser.iterate(input).get(doc)) return FastResult::bail;
  Walker walker(text_, sax_, progress_, discard_, consumed_);
  switch (walker.value(doc, 0)) {
    case Step::stopped: return FastResult::stopped;
    case Step::bail: return FastResult::bail;
    case Step::ok: break;
  }
  // Nothing but white space may follow the value: simdjson's view of the whole value then ends
  // at the end of the text (it runs to the next token, if any).
  std::string_view whole;
  if (doc.raw_json().get(whole) || whole.data() + whole.size() != body.data() + body.size())
    return FastResult::bail;
  walker.note(text.data() + text.size());
  return FastResult::done;
}

}  // namespace collabnet::load
