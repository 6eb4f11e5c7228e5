#pragma once
// `qkv completion bash|zsh|fish` (cmd_completion.cpp). Registered after every other command: the
// scripts are made from the command tree as it stands when the callback runs.
#include <CLI/CLI.hpp>

#include "app/commands.hpp"

namespace qkv::app {

void register_completion(CLI::App& root, Context& ctx);

}  // namespace qkv::app
