#pragma once
// Loading networks: a collabnet JSON file or a folder of CSV files (network-format.md).

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "collabnet/diagnostic.hpp"
#include "collabnet/network.hpp"

namespace collabnet {

struct LoadResult {
  Network network;
  std::vector<Diagnostic> warnings;  ///< suspicious but valid data
};

/// How a network is read, beyond the format's own rules (the command-line flags every network
/// command takes).
struct LoadOptions {
  /// CSV: keep a column that is not a field of the format (nor written as an extra attribute
  /// by export: KEY:text, KEY:json) as an extra attribute, instead of an error.
  bool keep_unknown_columns = false;
  /// Dates written DD/MM/YYYY (or D/M/YYYY) are read day first (--date-format DD/MM/YYYY);
  /// otherwise only YYYY-MM-DD is a date.
  bool dates_day_first = false;
};

/// Told how far a load has got: the share of the input read, from 0 to 1. Calls come at most
/// about ten times a second, never decrease, and end with exactly one call with 1 (also when
/// the load fails). An empty function: no reports.
using LoadProgress = std::function<void(double)>;

/// Loads a network file (JSON) or a CSV folder (schools.csv, partnerships.csv, optional
/// staff.csv, groupings.csv, memberships.csv), whichever `path` is. `display` is the name used
/// in messages (default: path as given). Reads JSON as a stream of records (SAX), never holding
/// the whole document: O(file size) time, memory O(network). Throws InputError with every
/// error found (located), and no partial Network. `progress`, if given, follows the bytes read.
LoadResult load_network(const std::filesystem::path& path, const LoadProgress& progress = {});
LoadResult load_network(const std::filesystem::path& path, const LoadProgress& progress,
                        const LoadOptions& options);

/// Loads JSON network text already in memory; `display` names it in messages.
LoadResult load_network_json_text(const std::string& text, const std::string& display);

/// Loads a collabnet JSON network file.
LoadResult load_network_json(const std::filesystem::path& file,
                             const LoadProgress& progress = {}, const LoadOptions& options = {});

/// Loads a CSV folder.
LoadResult load_network_csv(const std::filesystem::path& folder,
                            const LoadProgress& progress = {}, const LoadOptions& options = {});

}  // namespace collabnet
