// Windows of input for the fast JSON reader (json_fast.hpp).
#include "load/json_fast.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace collabnet::load {

bool JsonWindows::next(const char*& begin, const char*& end) {
  if (failed_) return false;
  if (fd_ < 0) {  // text in memory
    if (consumed_ >= text_.size()) return false;
    const std::size_t n = std::min(block_, text_.size() - consumed_);
    begin = text_.data() + consumed_;
    end = begin + n;
    consumed_ += n;
  } else {
    if (buffer_.size() != block_) buffer_.resize(block_);
    ssize_t got;
    do {
      got = ::read(fd_, buffer_.data(), buffer_.size());
    } while (got < 0 && errno == EINTR);
    if (got < 0) failed_ = true;
    if (got <= 0) return false;
    begin = buffer_.data();
    end = begin + got;
    consumed_ += static_cast<std::size_t>(got);
  }
  if (progress_) progress_(consumed_, std::max(total_, consumed_));
  return true;
}

}  // namespace collabnet::load
