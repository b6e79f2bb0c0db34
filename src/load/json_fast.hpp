#pragma once
// Internal: the loader's fast JSON path, simdjson's On-Demand parser walked into exactly the SAX
// events nlohmann's parser would send (same order, same values, same integer/unsigned/float
// split) for every document it accepts. It gives up ("bail") on anything else: any simdjson
// error (a syntax error, invalid UTF-8, an unescaped control character, a bad escape or
// surrogate), a byte-order mark with nothing after it, a number out of range, a document nested
// deeper than kFastMaxDepth. The caller then parses the whole text again with nlohmann from the
// start, so every syntax error message and position stays nlohmann's own. Giving up is always
// safe; accepting what nlohmann rejects never happens (tests/test_load_fast.cpp and the
// json_loader fuzz target compare the two). simdjson itself stays inside json_fast.cpp.
#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "collabnet/load.hpp"

namespace collabnet::load {

/// simdjson reads up to this many bytes past the end of the text (SIMDJSON_PADDING, checked in
/// json_fast.cpp): the text handed to the fast reader has that much capacity to spare.
inline constexpr std::size_t kJsonPadding = 64;

/// Deeper than this the fast reader gives up (its walk recurses once a level); nlohmann's
/// parser, which does not recurse, then reads the document. No network nests so deep: the
/// loader refuses values nested more than 64 levels.
inline constexpr std::size_t kFastMaxDepth = 256;

/// `text` with kJsonPadding bytes of capacity to spare: a copy only when it has too few.
std::string padded_copy(const std::string& text);

/// Reports how far the walk has got through the text (bytes done, total); at most once a MiB.
using ByteProgress = std::function<void(std::size_t done, std::size_t total)>;

enum class FastResult {
  done,     ///< the whole document was read and every event accepted
  stopped,  ///< the handler returned false (it reported why); nlohmann would stop there too
  empty,    ///< nothing but JSON white space: no event was sent
  bail,     ///< something the fast reader does not take: parse again with nlohmann
};

/// Reads one JSON document from `text`, sending events to `sax` (nlohmann's json_sax
/// interface). `text` must have kJsonPadding bytes of capacity to spare (padded_copy) and must
/// outlive the reader.
class FastJsonReader {
 public:
  FastJsonReader(const std::string& text, nlohmann::json_sax<nlohmann::json>& sax)
      : text_(text), sax_(sax) {}

  void set_progress(ByteProgress progress) { progress_ = std::move(progress); }
  /// Told, once a MiB, an offset the walk will not read before again (it lags a MiB behind).
  void set_discard(std::function<void(std::size_t)> discard) { discard_ = std::move(discard); }
  FastResult run();
  /// How far into the text the walk has got (the start of the last key or value read).
  std::size_t consumed() const { return consumed_; }
  std::size_t total() const { return text_.size(); }

 private:
  const std::string& text_;
  nlohmann::json_sax<nlohmann::json>& sax_;
  ByteProgress progress_;
  std::function<void(std::size_t)> discard_;
  std::size_t consumed_ = 0;
};

/// Gives the whole memory pages of `text` before offset `upto` back to the system (they read as
/// zeros after); returns the offset up to which it did, 0 if none.
std::size_t discard_pages(std::string& text, std::size_t upto);

/// load_network_json_text with the loader's progress callback (the fast path, then nlohmann's).
LoadResult load_json_text(const std::string& text, const std::string& display,
                          const LoadProgress& progress, const LoadOptions& options = {});
/// load_network_json_text through nlohmann's parser alone (the fast reader's reference).
LoadResult load_json_text_general(const std::string& text, const std::string& display);

}  // namespace collabnet::load
