#pragma once
// Internal: every input is read through here, so that one rule decides what may be read. A
// regular file is read as it is; a pipe, FIFO, socket or terminal (`check /dev/stdin`, `<(…)`)
// is read up to a limit, because it may never end; anything else (/dev/zero, /dev/urandom, a
// disk) is refused by name before a byte is read. The rule holds however the path is reached:
// a schools.csv that is a symbolic link to /dev/zero is a device too.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace collabnet::load {

/// At most this much is read from a pipe, FIFO, socket or terminal (1 GiB: six times the
/// 100,000-school network of docs/performance.md). A larger input must be saved to a file.
inline constexpr std::size_t kMaxStreamInputBytes = std::size_t{1} << 30;

/// An open input: a descriptor (closed on destruction) and whether it is a regular file.
class InputFile {
 public:
  /// Opens `path` and checks its kind. Throws InputError naming `display`: cannot be opened
  /// (the system's reason), a folder, or a device, with the fix `give` ("give a network file
  /// (.json)"). Opening a FIFO waits for its writer, as any reader does.
  InputFile(const std::filesystem::path& path, std::string display, std::string give);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  int fd() const { return fd_; }
  bool regular() const { return regular_; }
  /// The size of a regular file (0 for a stream).
  std::size_t size() const { return size_; }

  /// Reads the rest of the input whole. A stream longer than `stream_limit`, or a regular file
  /// larger than `file_limit`, is refused with a message naming the limit and the fix.
  /// O(bytes read). The text has `padding` bytes of capacity to spare (simdjson reads past
  /// the end of its input).
  std::string read_all(std::size_t stream_limit = kMaxStreamInputBytes,
                       std::size_t file_limit = static_cast<std::size_t>(-1),
                       std::size_t padding = 0);

 private:
  int fd_ = -1;
  bool regular_ = false;
  std::size_t size_ = 0;
  std::string display_, give_;
};

/// "1 GiB", "1 MiB", "64 KiB", "100 bytes": a limit as a message shows it.
std::string byte_limit_text(std::size_t bytes);

/// Shortcut: opens and reads `path` whole (see InputFile).
std::string read_input(const std::filesystem::path& path, const std::string& display,
                       const std::string& give,
                       std::size_t stream_limit = kMaxStreamInputBytes,
                       std::size_t file_limit = static_cast<std::size_t>(-1));

}  // namespace collabnet::load
