#include "collabnet/output_file.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <random>
#include <system_error>

#include "collabnet/diagnostic.hpp"

namespace fs = std::filesystem;

namespace collabnet {
namespace {

std::string unique_suffix() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rng() % 1000000007ULL);
}

[[noreturn]] void fail(const fs::path& path, const std::string& why) {
  throw InputError(path.string(), "cannot write output: " + why);
}

/// The folder an output goes into, as the user would write it.
std::string shown_parent(const fs::path& path) {
  const fs::path parent = path.parent_path();
  return parent.empty() ? "." : parent.string();
}

/// The cause of a failed write in the system's words, then the one fix that fits that cause.
std::string cause_and_fix(int err, const fs::path& path) {
  std::string fix;
  switch (err) {
    case ENOENT:
      fix = "create the folder " + shown_parent(path) + " first, or write into one that exists";
      break;
    case ENOTDIR:
      fix = "part of the path " + shown_parent(path) + " is a file, not a folder; check the path";
      break;
    case EACCES:
    case EPERM:
      fix = "you may not write in " + shown_parent(path) + "; choose a folder you can write to";
      break;
    case EROFS: fix = "the disk is read-only; write to a folder on a writable disk"; break;
    case ENOSPC:
    case EDQUOT: fix = "the disk is full; free some space or write to another disk"; break;
    case EISDIR: fix = "it is a folder; give the name of a file to write"; break;
    case ENAMETOOLONG: fix = "the name is too long; choose a shorter path"; break;
    case ELOOP:
      fix = "a symbolic link on the way points back to itself; check the links in the path";
      break;
    default: fix = "check the path and try again"; break;
  }
  return std::generic_category().message(err) + "; " + fix;
}

int error_number(const std::error_code& ec) {
  return ec.category() == std::generic_category() || ec.category() == std::system_category()
             ? ec.value()
             : EIO;
}

/// `shown` names the output as the user gave it; the fix names the folder of `path`.
[[noreturn]] void fail_errno(const fs::path& shown, int err, const fs::path& path = {}) {
  fail(shown, cause_and_fix(err, path.empty() ? shown : path));
}

constexpr const char* kFolderIsFile =
    "it is a file, not a folder; give a new or empty folder for the CSV files";
constexpr const char* kFileIsFolder =
    "it is a folder, not a file; give the name of a file to write";

/// "results/" names the folder "results": without the trailing separator a temporary sibling
/// would land inside the target instead of beside it.
fs::path without_trailing_separator(fs::path p) {
  while (p.has_relative_path() && !p.has_filename()) p = p.parent_path();
  return p;
}

/// The absolute path with links and "." / ".." resolved, as far as it exists.
fs::path resolved(const fs::path& p) {
  std::error_code ec;
  fs::path r = fs::weakly_canonical(fs::absolute(p, ec), ec);
  if (ec) return fs::absolute(p, ec).lexically_normal();
  return without_trailing_separator(r);
}

/// True when `inner` is `outer` or lies below it (both resolved).
bool is_within(const fs::path& inner, const fs::path& outer) {
  return std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end()).first ==
         outer.end();
}

void write_plain(const fs::path& tmp, const fs::path& shown, const std::string& content) {
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) fail_errno(shown, errno);
  const bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  const int err = errno;
  if (std::fclose(f) != 0 || !ok) {
    std::error_code ec;
    fs::remove(tmp, ec);
    fail_errno(shown, err ? err : EIO);
  }
}

}  // namespace

void write_file_atomically(const fs::path& path, const std::string& content) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) fail(path, kFileIsFolder);
  if (fs::exists(path, ec) && !fs::is_regular_file(path, ec))
    fail(path, "it is a device or pipe, not a file; give the name of a file to write");
  const fs::path tmp = path.string() + unique_suffix();
  write_plain(tmp, path, content);
  fs::rename(tmp, path, ec);
  if (ec) {
    const int err = error_number(ec);
    fs::remove(tmp, ec);
    fail_errno(path, err);
  }
}

void write_folder_atomically(const fs::path& given, const std::map<std::string, std::string>& files) {
  const fs::path dir = without_trailing_separator(given);
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) fail(dir, kFolderIsFile);
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (!files.count(entry.path().filename().string()))
        fail(dir, "the folder exists and holds other files (" +
                      entry.path().filename().string() + "); choose a new or empty folder");
    }
  }
  fs::path parent = dir.parent_path();
  if (parent.empty()) parent = ".";
  const fs::path tmp = parent / (dir.filename().string() + unique_suffix());
  if (!fs::create_directory(tmp, ec)) fail_errno(dir, ec ? error_number(ec) : EEXIST);
  try {
    for (const auto& [name, content] : files) write_plain(tmp / name, dir / name, content);
  } catch (...) {
    fs::remove_all(tmp, ec);
    throw;
  }
  // Swap in: the old folder (if any) is moved aside first, then removed once the new one is in.
  fs::path old;
  if (fs::exists(dir, ec)) {
    old = parent / (dir.filename().string() + unique_suffix() + ".old");
    fs::rename(dir, old, ec);
    if (ec) {
      const int err = error_number(ec);
      fs::remove_all(tmp, ec);
      fail_errno(dir, err);
    }
  }
  fs::rename(tmp, dir, ec);
  if (ec) {
    const int err = error_number(ec);  // before the clean-up below resets ec
    if (!old.empty()) fs::rename(old, dir, ec);
    fs::remove_all(tmp, ec);
    fail_errno(dir, err);
  }
  if (!old.empty()) fs::remove_all(old, ec);
}

void check_output_target(const fs::path& given, bool folder, const std::vector<InputPath>& inputs,
                         const std::string& flag) {
  const fs::path out = without_trailing_separator(given);
  const auto refuse = [&](const std::string& message) {
    throw InputError({Diagnostic{Severity::error, given.string(), 0, 0, flag, message}});
  };
  std::error_code ec;
  const bool out_exists = fs::exists(out, ec);
  const fs::path out_resolved = resolved(out);
  for (const InputPath& in : inputs) {
    if (in.path.empty() || !fs::exists(in.path, ec)) continue;
    const fs::path in_resolved = resolved(in.path);
    const std::string shown = in.what + " (" + in.path.string() + ")";
    if ((out_exists && fs::equivalent(out, in.path, ec)) || out_resolved == in_resolved)
      refuse("is the same " + std::string(folder ? "path" : "file") + " as " + shown +
             (folder ? "; the CSV files would replace it: choose a new or empty folder"
                     : "; writing it would overwrite your input: choose another file name"));
    if (folder && is_within(in_resolved, out_resolved))
      refuse("holds " + shown + ", and the CSV files would replace the whole folder: choose a "
             "new or empty folder");
    if (!folder && out_exists && fs::is_directory(in.path, ec) &&
        is_within(out_resolved, in_resolved))
      refuse("is a file inside " + shown + "; writing it would change your input: write "
             "outside that folder");
  }
  // What would make the write fail later fails now, before the network is read and analysed.
  const fs::path parent = out.parent_path().empty() ? fs::path(".") : out.parent_path();
  if (!fs::exists(parent, ec)) fail_errno(given, ec ? error_number(ec) : ENOENT, out);
  if (!fs::is_directory(parent, ec)) fail_errno(given, ENOTDIR, out);
  if (::access(parent.c_str(), W_OK) != 0) fail_errno(given, errno, out);
  if (out_exists && folder && !fs::is_directory(out, ec)) fail(given, kFolderIsFile);
  if (out_exists && !folder && fs::is_directory(out, ec)) fail(given, kFileIsFolder);
  // Outputs are written beside and renamed into place: over a device or a pipe that would
  // replace it with a plain file (-o /dev/null, run as root, would replace /dev/null itself).
  if (out_exists && !folder && !fs::is_regular_file(out, ec) && !fs::is_directory(out, ec))
    fail(given, "it is a device or pipe, not a file; give the name of a file to write (or "
                "leave -o out, or give -o -, to write to standard output)");
}

}  // namespace collabnet
