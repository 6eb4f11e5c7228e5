#include "app/json_option.hpp"

#include "core/error.hpp"

namespace qkv::app {

CLI::Option* add_json_alias(CLI::App& cmd, bool& json) {
  return cmd.add_flag("--json", json, "The same as --format json: one JSON document on stdout");
}

void finish_json_alias(bool json, const CLI::Option* format_option, std::string& format) {
  if (!json) return;
  if (format_option != nullptr && format_option->count() > 0 && format != "json")
    throw_usage("--json is --format json; give one of them, not --json with --format " + format);
  format = "json";
}

}  // namespace qkv::app
