#pragma once
// Internal: a fast JSON reader for the loader. It produces exactly the SAX events nlohmann's
// parser would (same order, same values, same integer/unsigned/float split) for every document
// it accepts, and gives up ("bail") on anything else: a syntax error, a byte-order mark, a
// number out of range, an invalid escape or UTF-8 sequence, a read error. The caller then parses
// the whole input again with nlohmann from the start, so every syntax error message and
// position stays nlohmann's own. Giving up is always safe; accepting what nlohmann rejects
// never happens (tests/test_load_fast.cpp and the json_loader fuzz target compare the two).
//
// Input comes in windows (blocks of a file read with read(2), or slices of text in memory), so
// a token may straddle two windows; the block size is a parameter so that tests and the fuzzer
// can make every token straddle one.
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "collabnet/load.hpp"

namespace collabnet::load {

/// Reports the share of the input consumed (0 to 1) as windows are taken. Called once per
/// window at most; the caller throttles.
using ByteProgress = std::function<void(std::size_t done, std::size_t total)>;

/// Where the fast reader takes its bytes from: text in memory, or an open file descriptor.
class JsonWindows {
 public:
  /// Text in memory, handed out `block` bytes at a time.
  JsonWindows(std::string_view text, std::size_t block = std::size_t{1} << 20)
      : text_(text), block_(block ? block : 1), total_(text.size()) {}
  /// A file descriptor (not owned) of `total` bytes (0 if unknown), read `block` bytes at a time.
  JsonWindows(int fd, std::size_t total, std::size_t block = std::size_t{1} << 20)
      : fd_(fd), block_(block ? block : 1), total_(total) {}

  void set_progress(ByteProgress progress) { progress_ = std::move(progress); }

  /// The next window, or false at the end of the input or on a read error (`failed()`).
  bool next(const char*& begin, const char*& end);
  bool failed() const { return failed_; }
  std::size_t consumed() const { return consumed_; }
  std::size_t total() const { return total_; }

 private:
  std::string_view text_;
  int fd_ = -1;
  std::size_t block_;
  std::size_t total_;
  std::size_t consumed_ = 0;  ///< bytes handed out so far
  bool failed_ = false;
  std::vector<char> buffer_;
  ByteProgress progress_;
};

enum class FastResult {
  done,     ///< the whole document was read and every event accepted
  stopped,  ///< the handler returned false (it reported why); nlohmann would stop there too
  empty,    ///< nothing but JSON white space: no event was sent
  bail,     ///< something the fast reader does not handle: parse again with nlohmann
};

/// Reads one JSON document from `in`, sending events to `sax` (nlohmann's json_sax interface).
template <class Sax>
class FastJsonReader {
 public:
  FastJsonReader(JsonWindows& in, Sax& sax) : in_(in), sax_(sax) {}

  FastResult run() {
    // nlohmann skips a UTF-8 byte-order mark (Windows Notepad writes one), only as the very
    // first bytes.
    bool bom = false;
    if (peek() == 0xEF) {
      ++p_;
      if (get() != 0xBB || get() != 0xBF) return FastResult::bail;
      bom = true;
    }
    skip_ws();
    // Empty: the loader says so without parsing (after a BOM nlohmann's message is wanted).
    if (peek() == -1) return in_.failed() || bom ? FastResult::bail : FastResult::empty;
    return parse();
  }

 private:
  enum : char { kArray = 0, kObject = 1 };

  /// Bytes copied as they are inside a string: printable ASCII but '"' and '\\'.
  static constexpr auto kPlain = [] {
    std::array<bool, 256> t{};
    for (int c = 0x20; c < 0x80; ++c) t[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
    return t;
  }();

  // ---- input ---------------------------------------------------------------------------------
  bool more() {  // the next window; false at the end
    if (!in_.next(p_, end_)) {
      p_ = end_ = nullptr;
      return false;
    }
    return true;
  }
  /// The next byte without taking it, or -1 at the end of the input.
  int peek() {
    if (p_ == end_ && !more()) return -1;
    return static_cast<unsigned char>(*p_);
  }
  int get() {
    if (p_ == end_ && !more()) return -1;
    return static_cast<unsigned char>(*p_++);
  }
  void skip_ws() {
    for (;;) {
      while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
      if (p_ != end_ || !more()) return;
    }
  }

  // ---- the grammar ---------------------------------------------------------------------------
  FastResult parse() {
    std::vector<char> stack;
  value:
    skip_ws();
    switch (peek()) {
      case '{':
        ++p_;
        if (!sax_.start_object(static_cast<std::size_t>(-1))) return FastResult::stopped;
        skip_ws();
        if (peek() == '}') {
          ++p_;
          if (!sax_.end_object()) return FastResult::stopped;
          goto after_value;
        }
        stack.push_back(kObject);
        goto key;
      case '[':
        ++p_;
        if (!sax_.start_array(static_cast<std::size_t>(-1))) return FastResult::stopped;
        skip_ws();
        if (peek() == ']') {
          ++p_;
          if (!sax_.end_array()) return FastResult::stopped;
          goto after_value;
        }
        stack.push_back(kArray);
        goto value;
      case '"':
        ++p_;
        if (!string(str_)) return FastResult::bail;
        if (!sax_.string(str_)) return FastResult::stopped;
        goto after_value;
      case 't':
        if (!literal("true")) return FastResult::bail;
        if (!sax_.boolean(true)) return FastResult::stopped;
        goto after_value;
      case 'f':
        if (!literal("false")) return FastResult::bail;
        if (!sax_.boolean(false)) return FastResult::stopped;
        goto after_value;
      case 'n':
        if (!literal("null")) return FastResult::bail;
        if (!sax_.null()) return FastResult::stopped;
        goto after_value;
      default: {
        const FastResult r = number();
        if (r != FastResult::done) return r;
        goto after_value;
      }
    }
  key:
    skip_ws();
    if (peek() != '"') return FastResult::bail;
    ++p_;
    if (!string(str_)) return FastResult::bail;
    if (!sax_.key(str_)) return FastResult::stopped;
    skip_ws();
    if (peek() != ':') return FastResult::bail;
    ++p_;
    goto value;
  after_value:
    skip_ws();
    if (stack.empty()) return peek() == -1 && !in_.failed() ? FastResult::done : FastResult::bail;
    switch (peek()) {
      case ',':
        ++p_;
        if (stack.back() == kObject) goto key;
        goto value;
      case ']':
        if (stack.back() != kArray) return FastResult::bail;
        ++p_;
        stack.pop_back();
        if (!sax_.end_array()) return FastResult::stopped;
        goto after_value;
      case '}':
        if (stack.back() != kObject) return FastResult::bail;
        ++p_;
        stack.pop_back();
        if (!sax_.end_object()) return FastResult::stopped;
        goto after_value;
      default: return FastResult::bail;
    }
  }

  bool literal(std::string_view word) {
    for (char c : word)
      if (get() != static_cast<unsigned char>(c)) return false;
    return true;
  }

  /// A number, as nlohmann reads it: an integer that fits is unsigned (no sign) or signed (a
  /// minus sign); anything else is a double. Out of range doubles (nlohmann: an error for
  /// overflow, a rounded value for underflow) take the slow path.
  FastResult number() {
    tok_.clear();
    int c = peek();
    if (c == '-') {
      tok_ += '-';
      ++p_;
      c = peek();
    }
    if (c == '0') {
      tok_ += '0';
      ++p_;
    } else if (c >= '1' && c <= '9') {
      digits();
    } else {
      return FastResult::bail;
    }
    bool real = false;
    if (peek() == '.') {
      real = true;
      tok_ += '.';
      ++p_;
      if (!digits()) return FastResult::bail;
    }
    c = peek();
    if (c == 'e' || c == 'E') {
      real = true;
      tok_ += static_cast<char>(c);
      ++p_;
      c = peek();
      if (c == '+' || c == '-') {
        tok_ += static_cast<char>(c);
        ++p_;
      }
      if (!digits()) return FastResult::bail;
    }
    const char* b = tok_.data();
    const char* e = b + tok_.size();
    if (!real) {
      if (tok_[0] != '-') {
        std::uint64_t u = 0;
        auto [ptr, ec] = std::from_chars(b, e, u);
        if (ec == std::errc() && ptr == e)
          return sax_.number_unsigned(u) ? FastResult::done : FastResult::stopped;
      } else {
        std::int64_t i = 0;
        auto [ptr, ec] = std::from_chars(b, e, i);
        if (ec == std::errc() && ptr == e)
          return sax_.number_integer(i) ? FastResult::done : FastResult::stopped;
      }
    }
    double d = 0;
    auto [ptr, ec] = std::from_chars(b, e, d);
    if (ec != std::errc() || ptr != e || !std::isfinite(d)) return FastResult::bail;
    return sax_.number_float(d, tok_) ? FastResult::done : FastResult::stopped;
  }

  /// One or more decimal digits, appended to tok_.
  bool digits() {
    bool any = false;
    for (int c = peek(); c >= '0' && c <= '9'; c = peek()) {
      tok_ += static_cast<char>(c);
      ++p_;
      any = true;
    }
    return any;
  }

  /// The rest of a string after its opening quote, decoded into `out`; false to bail (a raw
  /// control character, a bad escape or surrogate, invalid UTF-8, the end of the input).
  bool string(std::string& out) {
    out.clear();
    for (;;) {
      const char* s = p_;
      while (end_ - s >= 4 && kPlain[static_cast<unsigned char>(s[0])] &&
             kPlain[static_cast<unsigned char>(s[1])] && kPlain[static_cast<unsigned char>(s[2])] &&
             kPlain[static_cast<unsigned char>(s[3])])
        s += 4;
      while (s != end_ && kPlain[static_cast<unsigned char>(*s)]) ++s;
      out.append(p_, s);
      p_ = s;
      if (p_ == end_) {
        if (!more()) return false;
        continue;
      }
      const auto c = static_cast<unsigned char>(*p_++);
      if (c == '"') return true;
      if (c == '\\') {
        if (!escape(out)) return false;
      } else if (c >= 0x80) {
        if (!utf8(c, out)) return false;
      } else {
        return false;  // a raw control character
      }
    }
  }

  bool escape(std::string& out) {
    switch (get()) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': break;
      default: return false;
    }
    std::uint32_t cp = 0;
    if (!hex4(cp)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {  // a high surrogate: a low one must follow
      std::uint32_t low = 0;
      if (get() != '\\' || get() != 'u' || !hex4(low) || low < 0xDC00 || low > 0xDFFF)
        return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return false;
    }
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return true;
  }

  bool hex4(std::uint32_t& v) {
    v = 0;
    for (int k = 0; k < 4; ++k) {
      const int c = get();
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<std::uint32_t>(c - 'A' + 10);
      else return false;
    }
    return true;
  }

  /// One UTF-8 sequence whose lead byte `c` was taken, checked as nlohmann (RFC 3629) does.
  bool utf8(unsigned c, std::string& out) {
    int n = 0;
    unsigned lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (c >= 0xC2 && c <= 0xDF) n = 1;
    else if (c == 0xE0) n = 2, lo = 0xA0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) n = 2;
    else if (c == 0xED) n = 2, hi = 0x9F;
    else if (c == 0xF0) n = 3, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) n = 3;
    else if (c == 0xF4) n = 3, hi = 0x8F;
    else return false;
    out += static_cast<char>(c);
    for (int k = 0; k < n; ++k) {
      const int b = get();
      if (b < static_cast<int>(k == 0 ? lo : 0x80) || b > static_cast<int>(k == 0 ? hi : 0xBF))
        return false;
      out += static_cast<char>(b);
    }
    return true;
  }

  JsonWindows& in_;
  Sax& sax_;
  const char* p_ = nullptr;
  const char* end_ = nullptr;
  std::string str_;  ///< reused for every string and key
  std::string tok_;  ///< the text of the current number
};

/// load_network_json_text with the text handed to the fast reader `block` bytes at a time
/// (tests and the fuzzer use tiny blocks so that tokens straddle windows).
LoadResult load_json_text_in_blocks(const std::string& text, const std::string& display,
                                    std::size_t block, const LoadProgress& progress,
                                    const LoadOptions& options = {});
/// load_network_json_text through nlohmann's parser alone (the fast reader's reference).
LoadResult load_json_text_general(const std::string& text, const std::string& display);

}  // namespace collabnet::load
