// Small text helpers shared by the loaders: quoting hostile text for messages, did-you-mean,
// ISO dates, UTF-8 validation.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <optional>

#include "load/builder.hpp"

namespace collabnet::load {

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Reject overlong forms, surrogates and values beyond Unicode.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return false;
    i += len;
  }
  return true;
}

bool is_noncharacter(char32_t cp) {
  return (cp >= 0xFDD0 && cp <= 0xFDEF) || ((cp & 0xFFFEu) == 0xFFFEu && cp <= 0x10FFFF);
}

bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

namespace {

/// Decodes the UTF-8 sequence at `s[i]`, advancing `i`; an invalid byte decodes as itself.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                                       : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (len <= 1 || i + len > s.size() || !is_valid_utf8(s.substr(i, len))) {
    ++i;
    return c;
  }
  char32_t cp = c & (0xFF >> (len + 1));
  for (std::size_t k = 1; k < len; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

}  // namespace

std::optional<char32_t> first_unwanted_char(std::string_view s, std::string_view allowed) {
  // Nearly every id and name is printable ASCII: one branch-free pass (vectorised) says so.
  unsigned odd = 0;
  for (char c : s) odd |= static_cast<unsigned char>(c - 0x20) >= 0x5F ? 1u : 0u;
  if (!odd) return std::nullopt;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F) {  // printable ASCII: the usual case
      ++i;
      continue;
    }
    const char32_t cp = next_code_point(s, i);
    if (cp < 0x80 && allowed.find(static_cast<char>(cp)) != std::string_view::npos) continue;
    if (is_control(cp) || is_noncharacter(cp)) return cp;
  }
  return std::nullopt;
}

std::string code_point_name(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

std::string id_problem(std::string_view s) {
  const auto cp = first_unwanted_char(s);
  if (!cp) return "";
  if (is_noncharacter(*cp))
    return "must not contain the Unicode noncharacter " + code_point_name(*cp) + ", got " +
           quote(s) + "; remove it (exports replace it, so two ids that differ only there "
           "would become one)";
  return "must not contain control characters, got " + quote(s) + "; remove the " +
         code_point_name(*cp) + " (an id is a code, such as a SEED code or URN)";
}

std::string encoding_problem(std::string_view head) {
  if (head.substr(0, 4) == std::string_view("\xFF\xFE\0\0", 4) ||
      head.substr(0, 4) == std::string_view("\0\0\xFE\xFF", 4))
    return "the file is UTF-32 text (it starts with a UTF-32 byte-order mark), not UTF-8";
  if (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF")
    return std::string("the file is UTF-16 text (it starts with the byte-order mark ") +
           (head[0] == '\xFF' ? "FF FE" : "FE FF") + "), not UTF-8";
  // UTF-16 without a byte-order mark has a NUL beside nearly every character (ASCII text).
  const auto nuls = static_cast<std::size_t>(std::count(head.begin(), head.end(), '\0'));
  if (nuls > 0 && nuls * 4 >= head.size())
    return "the file holds NUL bytes, so it is probably UTF-16 text, not UTF-8";
  return "";
}

std::string name_problem(std::string_view s) {
  const auto cp = first_unwanted_char(s, "\t\n\r");
  if (!cp) return "";
  return std::string("contains ") +
         (is_noncharacter(*cp) ? "the Unicode noncharacter " : "the control character ") +
         code_point_name(*cp) + ", which diagrams and exports show as U+FFFD; remove it";
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string quote(std::string_view s, std::size_t max_chars) {
  const std::size_t kMax = max_chars;
  std::string out = "\"";
  std::size_t i = 0;
  std::size_t shown = 0;
  while (i < s.size()) {
    if (shown >= kMax) {
      out += "…";
      break;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) {
      char buf[8];
      if (c == '\n') out += "\\n";
      else if (c == '\t') out += "\\t";
      else if (c == '\r') out += "\\r";
      else {
        std::snprintf(buf, sizeof buf, "\\x%02X", c);
        out += buf;
      }
      ++i;
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
      ++i;
    } else if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
    } else {
      // Copy one UTF-8 sequence if it is well-formed, else escape the byte.
      std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
      if (len != 0 && i + len <= s.size() && is_valid_utf8(s.substr(i, len))) {
        std::size_t j = i;
        const char32_t cp = next_code_point(s, j);
        if (is_control(cp) || is_noncharacter(cp)) {  // invisible, or garbling a terminal
          char buf[16];
          std::snprintf(buf, sizeof buf, cp > 0xFFFF ? "\\U%08X" : "\\u%04X",
                        static_cast<unsigned>(cp));
          out += buf;
        } else {
          out.append(s.substr(i, len));
        }
        i += len;
      } else {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02X", c);
        out += buf;
        ++i;
      }
    }
    ++shown;
  }
  out += '"';
  return out;
}

static std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const auto ca = static_cast<char>(std::tolower(static_cast<unsigned char>(a[i - 1])));
      const auto cb = static_cast<char>(std::tolower(static_cast<unsigned char>(b[j - 1])));
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca == cb ? 0 : 1)});
      // A swap of two neighbours ("nmae" → "name") is one slip, not two.
      if (i > 1 && j > 1 && ca == std::tolower(static_cast<unsigned char>(b[j - 2])) &&
          std::tolower(static_cast<unsigned char>(a[i - 2])) == cb)
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    prev2 = prev;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string_view>& candidates) {
  std::optional<std::string> best;
  std::size_t best_d = word.size() <= 4 ? 1 : 2;
  // Case-only differences and '_' vs '-' count as distance 0/1, so "Primary" → "primary".
  for (auto c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d <= best_d && (!best || d < edit_distance(word, *best))) best = std::string(c);
  }
  return best;
}

std::vector<std::string> nearest(std::string_view word,
                                 const std::vector<std::string_view>& candidates,
                                 std::size_t count) {
  const std::size_t limit = word.size() <= 4 ? 1 : 2;
  std::vector<std::pair<std::size_t, std::size_t>> hits;  // (distance, position)
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const std::string_view c = candidates[i];
    const std::size_t gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (gap > limit) continue;  // cannot be near: skip the O(length²) comparison
    if (const std::size_t d = edit_distance(word, c); d <= limit) hits.emplace_back(d, i);
  }
  std::stable_sort(hits.begin(), hits.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (const auto& [d, i] : hits) {
    // Only the nearest: one slip away beats two, which would be noise beside it.
    if (out.size() == count || d > hits.front().first) break;
    if (std::find(out.begin(), out.end(), candidates[i]) == out.end())
      out.emplace_back(candidates[i]);
  }
  return out;
}

bool is_iso_date(std::string_view s, std::string* why) {
  auto fail = [&](std::string msg) {
    if (why) *why = std::move(msg);
    return false;
  };
  const bool shape = s.size() == 10 && s[4] == '-' && s[7] == '-' &&
                     std::all_of(s.begin(), s.end(), [](char c) {
                       return c == '-' || (c >= '0' && c <= '9');
                     });
  if (!shape) return fail("must be a date written YYYY-MM-DD, got " + quote(s));
  const int y = std::stoi(std::string(s.substr(0, 4)));
  const int m = std::stoi(std::string(s.substr(5, 2)));
  const int d = std::stoi(std::string(s.substr(8, 2)));
  static const char* const kMonths[] = {"January", "February", "March",     "April",
                                        "May",     "June",     "July",      "August",
                                        "September", "October", "November", "December"};
  if (m < 1 || m > 12) return fail(quote(s) + " is not a real date (there is no month " +
                                   std::to_string(m) + ")");
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int days = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d < 1 || d > days)
    return fail(quote(s) + " is not a real date (" + kMonths[m - 1] + " " + std::to_string(y) +
                " has " + std::to_string(days) + " days)");
  return true;
}

std::optional<std::string> read_date(std::string_view s, bool day_first, std::string* why) {
  std::string iso_why;
  if (is_iso_date(s, &iso_why)) return std::string(s);
  // D/M/Y with 1–2 digit day and month: the way Excel shows dates in the UK.
  std::size_t parts[3] = {0, 0, 0}, digits[3] = {0, 0, 0};
  std::size_t k = 0;
  bool shape = !s.empty();
  for (char c : s) {
    if (c == '/' && k < 2 && digits[k] > 0) {
      ++k;
    } else if (c >= '0' && c <= '9' && digits[k] < 4) {
      parts[k] = parts[k] * 10 + static_cast<std::size_t>(c - '0');
      ++digits[k];
    } else {
      shape = false;
      break;
    }
  }
  shape = shape && k == 2 && digits[0] <= 2 && digits[1] <= 2 && digits[2] > 0;
  if (!shape) {
    if (why) *why = iso_why;
    return std::nullopt;
  }
  auto fail = [&](std::string msg) -> std::optional<std::string> {
    if (why) *why = std::move(msg);
    return std::nullopt;
  };
  if (digits[2] != 4)
    return fail("has a " + std::to_string(digits[2]) + "-digit year, which is ambiguous; write "
                "dates as YYYY-MM-DD, e.g. 2022-08-17");
  if (!day_first) {
    if (parts[1] > 12 && parts[0] <= 12)
      return fail("is written MM/DD/YYYY (month first); write dates as YYYY-MM-DD, e.g. "
                  "2022-08-17");
    return fail("is written DD/MM/YYYY; write dates as YYYY-MM-DD (17/08/2022 is 2022-08-17), "
                "or give --date-format DD/MM/YYYY");
  }
  char buf[80];  // each part has at most 4 digits; room for any size_t all the same
  std::snprintf(buf, sizeof buf, "%04zu-%02zu-%02zu", parts[2], parts[1], parts[0]);
  std::string real_why;
  if (!is_iso_date(buf, &real_why)) {
    if (parts[1] > 12)
      return fail("is not a date read as DD/MM/YYYY (there is no month " +
                  std::to_string(parts[1]) + "); write dates as YYYY-MM-DD");
    return fail("is not a real date read as DD/MM/YYYY; write dates as YYYY-MM-DD");
  }
  return std::string(buf);
}

}  // namespace collabnet::load
