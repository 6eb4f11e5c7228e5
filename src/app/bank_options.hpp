#pragma once
// The options that choose which packs a command works on, shared by every subcommand that uses
// questions (quiz, exam, learn, ...): `--pack PATH` (repeatable; a pack file or directory) and
// `--builtin` (add the built-in bank to the --pack packs).
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "bank/loader.hpp"
#include "bank/model.hpp"

namespace qkv::app {

struct BankOptions {
  std::vector<std::string> packs;  ///< --pack PATH, in the order given; empty: the built-in bank
  bool builtin = false;            ///< --builtin: use the built-in bank as well as the --pack ones
};

/// Adds --pack and --builtin to `cmd`, storing into `opts` (which must outlive parsing).
void add_bank_options(CLI::App& cmd, BankOptions& opts);

/// How every command loads packs: with practice::check_question, so that calculated and matrix
/// questions are checked against the generators and the engine.
bank::LoadOptions pack_load_options();

/// Loads the packs the options name: the --pack packs (plus the built-in bank with --builtin),
/// or the built-in bank (content_dir()/packs/core) when there are none. Throws Error with every
/// problem: Exit::data when a pack is invalid, Exit::no_input when a path cannot be read.
bank::Bank load_bank(const BankOptions& opts);

/// The options as they would be typed again in a suggested command (" --pack P ... --builtin",
/// empty for the built-in bank alone): paths sanitised and shell-quoted when they hold anything
/// but plain characters.
std::string bank_args_text(const BankOptions& opts);

}  // namespace qkv::app
