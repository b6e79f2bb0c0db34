#pragma once
// Internal, for the tests and the JSON fuzz target: a SAX handler that writes down every event,
// so that the fast reader (json_fast.hpp) can be held to nlohmann's parser event by event.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace collabnet::load {

/// Records every event as text (a float by its bits and its text); asks to stop after
/// `stop_after` events; notes a parse error.
struct SaxRecorder : nlohmann::json_sax<nlohmann::json> {
  std::vector<std::string> events;
  std::size_t stop_after = std::numeric_limits<std::size_t>::max();
  bool errored = false;

  bool add(std::string e) {
    events.push_back(std::move(e));
    return events.size() < stop_after;
  }
  bool null() override { return add("null"); }
  bool boolean(bool v) override { return add(v ? "true" : "false"); }
  bool number_integer(number_integer_t v) override { return add("i" + std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return add("u" + std::to_string(v)); }
  bool number_float(number_float_t v, const string_t& text) override {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    return add("f" + std::to_string(bits) + " " + text);
  }
  bool string(string_t& v) override { return add("s" + v); }
  bool binary(binary_t&) override { return add("binary"); }
  bool start_object(std::size_t) override { return add("{"); }
  bool end_object() override { return add("}"); }
  bool start_array(std::size_t) override { return add("["); }
  bool end_array() override { return add("]"); }
  bool key(string_t& k) override { return add("k" + k); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    errored = true;
    return false;
  }
};

}  // namespace collabnet::load
