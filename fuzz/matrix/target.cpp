// The matrix parser behind --x/--wq/--q..., --mask and typed matrix answers (core::parse_matrix,
// attention::parse_mask), and the scalar parser (core::parse_scalar). Bad input must be an
// Error(Exit::data), never anything else.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "attention/problem_json.hpp"
#include "core/error.hpp"
#include "core/numbers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const qkv::Matrix m = qkv::parse_matrix(text, "--x");
    for (Eigen::Index i = 0; i < m.size(); ++i) (void)qkv::format_number(m.data()[i], 4);
  } catch (const qkv::Error&) {
  }
  try {
    (void)qkv::attention::parse_mask(text, "--mask");
  } catch (const qkv::Error&) {
  }
  std::string why;
  (void)qkv::parse_scalar(text, &why);
  return 0;
}
