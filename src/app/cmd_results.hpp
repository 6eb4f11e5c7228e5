#pragma once
// `qkv results` (cmd_results.cpp). Declared apart from commands.hpp so that adding it does not
// change the header every other command includes.
#include <CLI/CLI.hpp>

#include "app/commands.hpp"

namespace qkv::app {

void register_results(CLI::App& root, Context& ctx);

}  // namespace qkv::app
