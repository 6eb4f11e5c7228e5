#pragma once
// Argument errors in qkv's voice. CLI11 reports a bad command line in its own words ("The
// following argument was not expected: quizz", "blue not in {auto,always,never}"); these turn
// every such error into "qkv: error: " + what was wrong + what is allowed, with a "did you mean"
// for a misspelt command, subcommand, option or choice (CLI::IsMember's), and where to read more.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace qkv::app {

/// The message for a CLI11 parse error of `root`'s command line (its failure_message): one
/// "qkv: error: ..." line or two, then "Run 'qkv quiz --help' ...". Untrusted text in it (the
/// arguments as typed) is sanitised. Ends with a newline.
std::string usage_error_message(const CLI::App* root, const CLI::Error& e);

/// The visible subcommand names of `app`, in the order --help lists them.
std::vector<std::string> subcommand_names(const CLI::App& app);

/// "qkv", "qkv pack", "qkv pack info": the words that run `app`.
std::string command_path(const CLI::App& app);

}  // namespace qkv::app
