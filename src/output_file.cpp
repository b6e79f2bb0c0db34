#include "collabnet/output_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
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

[[noreturn]] void fail(const fs::path& path, const std::string& what) {
  throw InputError(path.string(), "cannot write output: " + what +
                                      " (check that the folder exists and is writable)");
}

void write_plain(const fs::path& tmp, const fs::path& shown, const std::string& content) {
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) fail(shown, std::strerror(errno));
  const bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  const int err = errno;
  if (std::fclose(f) != 0 || !ok) {
    std::error_code ec;
    fs::remove(tmp, ec);
    fail(shown, std::strerror(err ? err : EIO));
  }
}

}  // namespace

void write_file_atomically(const fs::path& path, const std::string& content) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) fail(path, "it is a folder, expected a file name");
  const fs::path tmp = path.string() + unique_suffix();
  write_plain(tmp, path, content);
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    fail(path, ec.message());
  }
}

void write_folder_atomically(const fs::path& given, const std::map<std::string, std::string>& files) {
  // "results/" names the folder "results": without the trailing separator the temporary folder
  // would land inside the target instead of beside it.
  fs::path dir = given;
  while (dir.has_relative_path() && !dir.has_filename()) dir = dir.parent_path();
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) fail(dir, "it exists and is not a folder");
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (!files.count(entry.path().filename().string()))
        fail(dir, "the folder exists and holds other files (" +
                      entry.path().filename().string() + "); choose a new or empty folder");
    }
  }
  fs::path parent = dir.parent_path();
  if (parent.empty()) parent = ".";
  const fs::path tmp = parent / (dir.filename().string() + unique_suffix());
  if (!fs::create_directory(tmp, ec))
    fail(dir, ec ? ec.message() : "cannot create a folder beside it");
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
      const std::string why = ec.message();
      fs::remove_all(tmp, ec);
      fail(dir, why);
    }
  }
  fs::rename(tmp, dir, ec);
  if (ec) {
    const std::string why = ec.message();  // before the clean-up below resets ec
    if (!old.empty()) fs::rename(old, dir, ec);
    fs::remove_all(tmp, ec);
    fail(dir, why);
  }
  if (!old.empty()) fs::remove_all(old, ec);
}

}  // namespace collabnet
