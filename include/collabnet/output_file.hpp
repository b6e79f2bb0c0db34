#pragma once
// Output files are written whole or not at all: content goes to a temporary file beside the
// target, which is renamed over it only once complete (rename is atomic on POSIX).

#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace collabnet {

/// Writes `content` to `path` atomically. Throws InputError naming the path, the cause (the
/// system's text for it) and a fix that fits that cause. A file that replaces one keeps that
/// file's permissions and, where the system allows, its owner; a new file gets 0666 less the
/// umask. The temporary name beside it never makes a legal name too long.
void write_file_atomically(const std::filesystem::path& path, const std::string& content);

/// Writes a set of files (name → content) into the folder `dir`, all or none: they are written
/// into a temporary sibling folder which then replaces `dir` (which must not exist or be a
/// folder previously written this way, i.e. containing only files of these names or of
/// `replaceable`, the names an earlier run with other options may have written; those not
/// written again are gone afterwards). A file or folder that replaces one keeps its permissions.
void write_folder_atomically(const std::filesystem::path& dir,
                             const std::map<std::string, std::string>& files,
                             const std::set<std::string>& replaceable = {});

/// A file or folder a command reads, and how its messages name it ("the network being read").
struct InputPath {
  std::filesystem::path path;
  std::string what;
};

/// Checks, before any work is done, that `output` can be written and that writing it cannot
/// destroy an input. Throws InputError located at `flag` when the output is an input (the same
/// file by any path: `./net.json`, a symbolic or hard link), is a file inside an input folder,
/// or, for a folder output (`folder`: write_folder_atomically, which replaces it whole), is an
/// input folder or holds an input; and when its parent folder is missing, the output file is a
/// folder, or the output folder is a file or holds other files. Inputs that do not exist are
/// skipped (reading them reports it). O(inputs + files in an existing output folder).
void check_output_target(const std::filesystem::path& output, bool folder,
                         const std::vector<InputPath>& inputs, const std::string& flag);

}  // namespace collabnet
