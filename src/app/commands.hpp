#pragma once
// The subcommands of qkv: one table (commands()), one cmd_<name>.cpp per command. A command's
// callback stores the exit code in Context::exit_code.
#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "term/style.hpp"

namespace qkv::app {

/// State shared by the root app and every subcommand.
struct Context {
  std::string color = "auto";  ///< --color auto|always|never (a global option)
  /// --db PATH (a global option): the progress database; else $QKV_DB, $XDG_DATA_HOME, ~/.local
  /// (study_options.hpp database_path). Commands that keep no progress ignore it.
  std::optional<std::string> db;
  /// --no-save (a global option): read and write no progress database. The commands that need
  /// one (stats, progress, quiz --missed) refuse it with a usage error (refuse_no_save).
  bool no_save = false;
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
    "report it); 74 the output cannot be written (a full disk, /dev/full); 130 interrupted "
    "(Ctrl-C).";

/// Each diagnostic on a line of its own, sanitised, after `prefix` ("qkv: " on stderr): errors
/// in the "bad" colour, warnings in the "warn" one (defined in app_main.cpp). With a `width`
/// (term::output_width; 0: no limit), a line too long for it wraps at word boundaries with a
/// hanging indent of four spaces past the prefix; the lines of a message of several lines that
/// fit stay as written.
void print_diagnostics(std::ostream& out, const std::vector<Diagnostic>& ds,
                       const term::Style& style, std::string_view prefix = "",
                       std::size_t width = 0);

/// One subcommand, in the style of ninja's tool table: its name, its line in `qkv --help`, and
/// the function (in cmd_<name>.cpp) that adds its options, footer and callback to the CLI11
/// subcommand app_main makes for it. app_main gives every command the global options.
struct Command {
  const char* name;
  const char* summary;
  void (*setup)(CLI::App& cmd, Context& ctx);
};

/// Every subcommand, in the order `qkv --help` lists them. To add a command: write
/// cmd_<name>.cpp with setup_<name>(), declare it below, and add its line to the table in
/// commands.cpp.
const std::vector<Command>& commands();

/// Adds the options every command accepts, before or after the subcommand's name (`qkv --color
/// never calc ...` and `qkv calc ... --color never`): --color, --db, --no-save. To add a global
/// option, add its value to Context and one line here (commands.cpp); it then reaches every
/// command, and each command's --help shows it under "Global options".
void add_global_options(CLI::App& app, Context& ctx);

void setup_quiz(CLI::App& cmd, Context& ctx);
void setup_review(CLI::App& cmd, Context& ctx);
void setup_stats(CLI::App& cmd, Context& ctx);
void setup_progress(CLI::App& cmd, Context& ctx);
void setup_learn(CLI::App& cmd, Context& ctx);
void setup_exam(CLI::App& cmd, Context& ctx);
void setup_calc(CLI::App& cmd, Context& ctx);
void setup_drill(CLI::App& cmd, Context& ctx);
void setup_check(CLI::App& cmd, Context& ctx);
void setup_pack(CLI::App& cmd, Context& ctx);
void setup_results(CLI::App& cmd, Context& ctx);
/// `qkv help [COMMAND]`: the help of the root or of one command (cmd_help.cpp).
void setup_help(CLI::App& cmd, Context& ctx);
/// Last in the table: its scripts are made from the whole command tree (cmd_completion.cpp).
void setup_completion(CLI::App& cmd, Context& ctx);
/// `qkv` with no arguments: a 5-question session on the built-in bank (cmd_quiz.cpp).
int run_default_session(Context& ctx);
/// `pack import` and `pack export`, added to the `pack` command by setup_pack
/// (cmd_pack_interchange.cpp).
void add_pack_interchange(CLI::App& pack, Context& ctx);

}  // namespace qkv::app
