#include "term/progress.hpp"

#include <algorithm>

namespace qkv::term {

std::string progress_bar(std::size_t done, std::size_t total, std::size_t width) {
  done = std::min(done, total);
  const std::size_t filled = total == 0 ? 0 : done * width / total;
  return "[" + std::string(filled, '#') + std::string(width - filled, '-') + "]";
}

}  // namespace qkv::term
