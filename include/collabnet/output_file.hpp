#pragma once
// Output files are written whole or not at all: content goes to a temporary file beside the
// target, which is renamed over it only once complete (rename is atomic on POSIX).

#include <filesystem>
#include <functional>
#include <map>
#include <string>

namespace collabnet {

/// Writes `content` to `path` atomically. Throws InputError naming the path on failure.
void write_file_atomically(const std::filesystem::path& path, const std::string& content);

/// Writes a set of files (name → content) into the folder `dir`, all or none: they are written
/// into a temporary sibling folder which then replaces `dir` (which must not exist or be a
/// folder previously written this way, i.e. containing only files of these names).
void write_folder_atomically(const std::filesystem::path& dir,
                             const std::map<std::string, std::string>& files);

}  // namespace collabnet
