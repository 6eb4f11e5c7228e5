#pragma once
// --json, the one machine-output flag: every command with a result prints it as one JSON
// document on stdout with --json. Commands that also choose a format (calc, check: --format
// text|markdown|json; progress export: --format csv|json) take --json as another spelling of
// --format json.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

namespace qkv::app {

/// Adds `--json` to `cmd` as another spelling of `--format json`, where `format` is the
/// command's --format option. Call finish_json_alias() from the command's callback.
CLI::Option* add_json_alias(CLI::App& cmd, bool& json);

/// With --json given, sets `format` to "json"; a usage error when --format gave another format
/// as well ("calc --json --format text"). `format_option` is the --format option of the command.
void finish_json_alias(bool json, const CLI::Option* format_option, std::string& format);

}  // namespace qkv::app
