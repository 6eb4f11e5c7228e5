#pragma once
// The subcommands of qkv. Each lives in its own cmd_<name>.cpp and registers itself on the root
// CLI11 app; its callback stores the exit code in Context::exit_code. Add new ones to the list in
// app_main.cpp as well.
#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "term/style.hpp"

namespace qkv::app {

/// State shared by the root app and every subcommand.
struct Context {
  std::string color = "auto";  ///< --color auto|always|never (root option, before the subcommand)
  int exit_code = 0;           ///< set by the subcommand that ran
  std::string command_line;    ///< the arguments as typed (kept with each saved session)

  /// The style for stdout, from --color, NO_COLOR and whether stdout is a terminal.
  term::Style out_style() const { return term::Style::detect(term::parse_color_mode(color), 1); }
  /// The style for stderr.
  term::Style err_style() const { return term::Style::detect(term::parse_color_mode(color), 2); }
};

/// The exit-code table shown at the end of `qkv --help` and in the README and the man page.
inline constexpr const char* kExitCodesHelp =
    "Exit codes: 0 done; 1 the work checked did not pass (exam below the pass mark, failed "
    "check);\n"
    "2 usage error; 65 invalid data (a pack or input that does not validate, a progress database\n"
    "that is not qkv's, damaged or newer); 66 an input file that cannot be read (or a progress\n"
    "database that cannot be written); 70 internal error (a bug in qkv, never your input: please\n"
    "report it); 74 the output cannot be written (a full disk, /dev/full); 130 interrupted (Ctrl-C).";

/// Each diagnostic on a line of its own, sanitised, after `prefix` ("qkv: " on stderr): errors
/// in the "bad" colour, warnings in the "warn" one (defined in app_main.cpp).
void print_diagnostics(std::ostream& out, const std::vector<Diagnostic>& ds,
                       const term::Style& style, std::string_view prefix = "");

// One line per subcommand (defined in cmd_<name>.cpp):
void register_quiz(CLI::App& root, Context& ctx);
/// `qkv` with no arguments: a 5-question session on the built-in bank (cmd_quiz.cpp).
int run_default_session(Context& ctx);
void register_pack(CLI::App& root, Context& ctx);
/// `pack import` and `pack export`, added to the `pack` command (cmd_pack_interchange.cpp).
void register_pack_interchange(CLI::App& pack, Context& ctx);
void register_calc(CLI::App& root, Context& ctx);
void register_learn(CLI::App& root, Context& ctx);
void register_exam(CLI::App& root, Context& ctx);
void register_drill(CLI::App& root, Context& ctx);
void register_check(CLI::App& root, Context& ctx);
void register_review(CLI::App& root, Context& ctx);
void register_stats(CLI::App& root, Context& ctx);
void register_progress(CLI::App& root, Context& ctx);

}  // namespace qkv::app
