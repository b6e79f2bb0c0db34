#include "collabnet/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <random>
#include <string_view>
#include <system_error>

#include "collabnet/diagnostic.hpp"

namespace fs = std::filesystem;

namespace collabnet {
namespace {

std::string unique_suffix() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rng() % 1000000007ULL);
}

/// The longest file name the folder of `target` takes (NAME_MAX, 255 on Linux file systems).
std::size_t name_max(const fs::path& target) {
  const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  const long n = ::pathconf(parent.c_str(), _PC_NAME_MAX);
  return n > 0 ? static_cast<std::size_t>(n) : 255;
}

/// A fresh name beside `target` for a temporary file or folder: the target's name with a unique
/// suffix (and `extra`), the name cut short (at a UTF-8 character boundary) where the suffix
/// would push a legal name past the longest the file system takes.
fs::path temporary_sibling(const fs::path& target, std::string_view extra = {}) {
  const std::string suffix = unique_suffix() + std::string(extra);
  std::string name = target.filename().string();
  const std::size_t max = name_max(target);
  if (name.size() + suffix.size() > max) {
    std::size_t keep = max > suffix.size() + 1 ? max - suffix.size() - 1 : 0;
    while (keep > 0 && (static_cast<unsigned char>(name[keep]) & 0xC0) == 0x80) --keep;
    name.resize(keep);
    name.insert(name.begin(), '.');
  }
  return target.parent_path() / (name + suffix);
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

/// True for a name ending in .csv (any case): a file a CSV network folder's reader takes.
bool is_csv_name(const fs::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".csv";
}

/// True when `inner` is `outer` or lies below it (both resolved).
bool is_within(const fs::path& inner, const fs::path& outer) {
  return std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end()).first ==
         outer.end();
}

/// The permissions (and owner) of an output being replaced, so that the new file keeps them: a
/// report made private with chmod 600 must not become world-readable when written again.
struct KeptMode {
  bool kept = false;
  mode_t mode = 0;
  uid_t uid = 0;
  gid_t gid = 0;
};

KeptMode existing_mode(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return {true, static_cast<mode_t>(st.st_mode & 07777), st.st_uid, st.st_gid};
}

/// Writes `content` to the new file `tmp`. A file replacing one that exists is created readable
/// by its owner only and then given the old file's mode and owner (where the system allows), so
/// that it is never more open than the file it replaces, not even while being written; a new
/// file gets the usual mode (0666 less the umask).
void write_plain(const fs::path& tmp, const fs::path& shown, const std::string& content,
                 const KeptMode& keep = {}) {
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
                        keep.kept ? 0600 : 0666);
  if (fd < 0) fail_errno(shown, errno);
  int err = 0;
  for (std::size_t done = 0; done < content.size() && err == 0;) {
    const ::ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n > 0)
      done += static_cast<std::size_t>(n);
    else if (n < 0 && errno != EINTR)
      err = errno;
    else if (n == 0)
      err = EIO;
  }
  if (err == 0 && keep.kept) {
    // The owner first: chown clears set-id bits, which the mode then restores.
    if (::fchown(fd, keep.uid, keep.gid) != 0) (void)!::fchown(fd, static_cast<uid_t>(-1), keep.gid);
    if (::fchmod(fd, keep.mode) != 0) err = errno;
  }
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err != 0) {
    std::error_code ec;
    fs::remove(tmp, ec);
    fail_errno(shown, err);
  }
}

}  // namespace

void write_file_atomically(const fs::path& path, const std::string& content) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) fail(path, kFileIsFolder);
  if (fs::exists(path, ec) && !fs::is_regular_file(path, ec))
    fail(path, "it is a device or pipe, not a file; give the name of a file to write");
  const fs::path tmp = temporary_sibling(path);
  write_plain(tmp, path, content, existing_mode(path));
  fs::rename(tmp, path, ec);
  if (ec) {
    const int err = error_number(ec);
    fs::remove(tmp, ec);
    fail_errno(path, err);
  }
}

void write_folder_atomically(const fs::path& given, const std::map<std::string, std::string>& files,
                             const std::set<std::string>& replaceable) {
  const fs::path dir = without_trailing_separator(given);
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) fail(dir, kFolderIsFile);
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      const std::string name = entry.path().filename().string();
      if (!files.count(name) && !replaceable.count(name))
        fail(dir, "the folder exists and holds other files (" + name +
                      "); choose a new or empty folder");
    }
  }
  fs::path parent = dir.parent_path();
  if (parent.empty()) parent = ".";
  const fs::path tmp = parent / temporary_sibling(dir).filename();
  if (!fs::create_directory(tmp, ec)) fail_errno(dir, ec ? error_number(ec) : EEXIST);
  try {
    // The folder and each file keep the permissions of those they replace.
    if (const KeptMode old_dir = existing_mode(dir); old_dir.kept)
      if (::chmod(tmp.c_str(), old_dir.mode) != 0) fail_errno(dir, errno);
    for (const auto& [name, content] : files)
      write_plain(tmp / name, dir / name, content, existing_mode(dir / name));
  } catch (...) {
    fs::remove_all(tmp, ec);
    throw;
  }
  // Swap in: the old folder (if any) is moved aside first, then removed once the new one is in.
  fs::path old;
  if (fs::exists(dir, ec)) {
    old = parent / temporary_sibling(dir, ".old").filename();
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
    // A file there already, or a CSV file not there yet (a new meta.csv in the folder being read
    // is read with it next time); a new diagram.svg beside the network's files changes none.
    if (!folder && (out_exists || is_csv_name(out)) && fs::is_directory(in.path, ec) &&
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
