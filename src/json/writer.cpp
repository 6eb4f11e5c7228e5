#include "json/writer.hpp"

namespace qkv {

namespace {

template <class Json>
std::string indented(const Json& j) {
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string json_text(const nlohmann::json& j) {
  return indented(j);
}

std::string json_text(const nlohmann::ordered_json& j) {
  return indented(j);
}

}  // namespace qkv
