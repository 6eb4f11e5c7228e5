#include "support/paths.hpp"

namespace qkv::test {

const std::string& data_dir() {
  static const std::string dir = QKV_TEST_DATA_DIR;
  return dir;
}

const std::string& content_dir() {
  static const std::string dir = QKV_CONTENT_DIR;
  return dir;
}

const std::string& qkv_binary() {
#ifdef QKV_BINARY
  static const std::string bin = QKV_BINARY;
#else
  static const std::string bin;
#endif
  return bin;
}

}  // namespace qkv::test
