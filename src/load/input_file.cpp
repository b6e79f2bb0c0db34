#include "load/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

#include "collabnet/diagnostic.hpp"

namespace collabnet::load {
namespace {

/// What a non-file is, in the words a user knows.
std::string kind_of(mode_t mode) {
  if (S_ISCHR(mode)) return "a device (character special file)";
  if (S_ISBLK(mode)) return "a device (block special file)";
  return "not a regular file";
}

}  // namespace

std::string byte_limit_text(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 30) && bytes % (std::size_t{1} << 30) == 0)
    return std::to_string(bytes >> 30) + " GiB";
  if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0)
    return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (std::size_t{1} << 10) && bytes % (std::size_t{1} << 10) == 0)
    return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

InputFile::InputFile(const std::filesystem::path& path, std::string display, std::string give)
    : display_(std::move(display)), give_(std::move(give)) {
  // The kind first, without opening: opening some devices (a tape, a modem) has effects.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    throw InputError(display_, std::string("cannot read it: ") + std::strerror(err) +
                                   (err == ENOENT ? "; check the path" : "") + "; " + give_);
  }
  if (S_ISDIR(st.st_mode))
    throw InputError(display_, "cannot read it: it is a folder, not a file; " + give_);
  const bool stream = S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode);
  if (!S_ISREG(st.st_mode) && !stream) {
    // A terminal is a device that ends (Ctrl-D): typed or pasted input is read like a pipe.
    const int probe = S_ISCHR(st.st_mode) ? ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY)
                                          : -1;
    const bool terminal = probe >= 0 && ::isatty(probe);
    if (!terminal) {
      if (probe >= 0) ::close(probe);
      throw InputError(display_, "cannot read it: it is " + kind_of(st.st_mode) +
                                     ", which may never end; " + give_ +
                                     " (a pipe is read up to " +
                                     byte_limit_text(kMaxStreamInputBytes) + ")");
    }
    fd_ = probe;
    return;
  }
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd_ < 0) {
    const int err = errno;
    throw InputError(display_, std::string("cannot read it: ") + std::strerror(err) +
                                   (err == EACCES ? "; check that you may read it" : "") + "; " +
                                   give_);
  }
  // The descriptor's own kind: the path may have changed between stat and open.
  if (::fstat(fd_, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode) ||
                                  S_ISSOCK(st.st_mode))) {
    ::close(fd_);
    fd_ = -1;
    throw InputError(display_, "cannot read it: it is " + kind_of(st.st_mode) +
                                   ", which may never end; " + give_);
  }
  regular_ = S_ISREG(st.st_mode);
  size_ = regular_ ? static_cast<std::size_t>(st.st_size) : 0;
}

InputFile::~InputFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::string InputFile::read_all(std::size_t stream_limit, std::size_t file_limit,
                                std::size_t padding) {
  const std::size_t limit = regular_ ? file_limit : stream_limit;
  if (regular_ && size_ > limit)
    throw InputError(display_, "cannot read it: it is larger than " + byte_limit_text(limit) +
                                   ", more than collabnet reads here; " + give_);
  std::string text;
  if (regular_) text.reserve(size_ + padding);
  std::vector<char> block(std::size_t{1} << 16);
  for (;;) {
    const ::ssize_t n = ::read(fd_, block.data(), block.size());
    if (n > 0) {
      if (text.size() + static_cast<std::size_t>(n) > limit)
        throw InputError(display_, "cannot read it: more than " + byte_limit_text(limit) +
                                       " arrived, more than collabnet reads from " +
                                       (regular_ ? "this file" : "a pipe") +
                                       "; save it to a file and give the file instead");
      text.append(block.data(), static_cast<std::size_t>(n));
    } else if (n == 0) {
      break;
    } else if (errno != EINTR) {
      throw InputError(display_, std::string("cannot read it: ") + std::strerror(errno) + "; " +
                                     give_);
    }
  }
  if (text.capacity() < text.size() + padding) text.reserve(text.size() + padding);
  return text;
}

std::string read_input(const std::filesystem::path& path, const std::string& display,
                       const std::string& give, std::size_t stream_limit,
                       std::size_t file_limit) {
  InputFile in(path, display, give);
  return in.read_all(stream_limit, file_limit);
}

}  // namespace collabnet::load
