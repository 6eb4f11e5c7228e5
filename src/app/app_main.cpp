#include "app/app_main.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "app/commands.hpp"
#include "app/usage.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/text.hpp"
#include "term/line_input.hpp"
#include "term/terminal.hpp"

namespace qkv {

namespace {

// On stderr, wrapped to its width (a terminal's; in a pipe only when COLUMNS is set).
void print_error(const Error& e, const term::Style& style) {
  app::print_diagnostics(std::cerr, e.diagnostics(), style, "qkv: ", term::output_width(2));
}

// The root's global options, then one subcommand per entry of the table. Every subcommand (and
// each of its own subcommands, such as pack validate) accepts the global options too, so they
// parse before or after the subcommand's name.
void add_commands(CLI::App& root, app::Context& ctx) {
  app::add_global_options(root, ctx);
  for (const auto& c : app::commands()) {
    CLI::App* cmd = root.add_subcommand(c.name, c.summary);
    c.setup(*cmd, ctx);
    std::vector<CLI::App*> todo{cmd};
    while (!todo.empty()) {
      CLI::App* a = todo.back();
      todo.pop_back();
      app::add_global_options(*a, ctx);
      for (CLI::App* sub : a->get_subcommands({})) todo.push_back(sub);
    }
  }
}

// Everything a command printed must have reached stdout: a full disk, a closed pipe or
// /dev/full make a write fail, and a result that was never written is not a success. Flushes
// the stream and, when any write failed, says so on stderr and turns a finished run (0, or 1
// for checked work that did not pass) into kExitOutput (74); other codes already report a failure
// and stay.
int check_stdout(int code) {
  std::cout.flush();
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  const int error = errno;
  if (flushed && std::cout.good() && !std::ferror(stdout)) return code;
  std::cerr << "qkv: cannot write to standard output"
            << (error != 0 ? std::string(": ") + std::strerror(error) : std::string())
            << "; the output is incomplete\n";
  return code == 0 || code == static_cast<int>(Exit::failed) ? static_cast<int>(kExitOutput) : code;
}

int run(int argc, char** argv);

}  // namespace

int app_main(int argc, char** argv) {
  return check_stdout(run(argc, argv));
}

void app::print_diagnostics(std::ostream& out, const std::vector<Diagnostic>& ds,
                            const term::Style& style, std::string_view prefix, std::size_t width) {
  const std::string hang(display_width(prefix) + 4, ' ');
  for (const auto& d : ds) {
    const std::string text = sanitize_block(format_diagnostic(d));
    const std::string shown = d.severity == Severity::error ? style.bad(text) : style.warn(text);
    if (width == 0) {
      out << prefix << shown << '\n';
      continue;
    }
    std::size_t start = 0;
    for (bool first = true; start <= shown.size(); first = false) {
      std::size_t end = shown.find('\n', start);
      if (end == std::string::npos) end = shown.size();
      const std::string_view line(shown.data() + start, end - start);
      const std::string_view lead = first ? prefix : std::string_view();
      if (display_width(lead) + display_width(line) <= width)
        out << lead << line << '\n';
      else
        out << wrap(line, lead, hang, width);
      start = end + 1;
    }
  }
}

namespace {

int run(int argc, char** argv) {
  app::Context ctx;
  for (int i = 0; i < argc; ++i) ctx.command_line += (i ? " " : "") + std::string(argv[i]);
  CLI::App root{
      "qkv - learn how attention works: what the query, key and value vectors are for and how\n"
      "attention is computed, by questions, worked examples and drills.",
      "qkv"};
  root.footer(
      std::string(
          "\nExamples:\n"
          "  qkv                                         a short study session on the built-in "
          "bank\n"
          "  qkv quiz -n 20 --concept scaling            study one concept\n"
          "  qkv review                                  what is due today, then new questions\n"
          "  qkv stats                                   progress per concept, forecast, streak\n"
          "  qkv learn                                   the concepts in study order\n"
          "  qkv calc --example tiny                     attention worked step by step\n"
          "  qkv drill --kind softmax                    numeric exercises, checked and diagnosed\n"
          "  qkv check worked.json                       grade a whole worked solution\n"
          "  qkv exam -n 20 --time-limit 20m --pass 70   a timed paper\n"
          "  qkv pack validate my-pack/                  check an instructor's pack, every error "
          "at once\n"
          "  qkv pack import bank.gift -o bank.json      questions from Moodle (GIFT, Aiken, XML)\n"
          "\nThe global options go before or after any command (qkv --db p.db stats); --db and\n"
          "--no-save matter to the commands that keep progress (quiz, review, exam, drill, stats,\n"
          "progress), and the others accept them and leave them unused.\n"
          "Run 'qkv COMMAND --help' or 'qkv help COMMAND' for the options of one command.\n\n") +
      app::kExitCodesHelp);
  root.set_version_flag("--version", std::string("qkv ") + QKV_VERSION);
  root.require_subcommand(0, 1);
  add_commands(root, ctx);
  root.failure_message(app::usage_error_message);  // argument errors in qkv's words

  term::install_interrupt_handler();
  try {
    root.parse(argc, argv);
    if (root.get_subcommands().empty()) return app::run_default_session(ctx);
    return ctx.exit_code;
  } catch (const CLI::ParseError& e) {
    const int code = root.exit(e);  // prints help, version or the parse error
    return code == 0 ? 0 : static_cast<int>(Exit::usage);
  } catch (const Error& e) {
    print_error(e, ctx.err_style());
    return static_cast<int>(e.code());
  } catch (const std::bad_alloc&) {
    // Not a bug: the input needs more memory than the machine gives (calc and check estimate
    // and refuse most such inputs before starting; this is the rest).
    std::cerr << "qkv: out of memory: the input needs more memory than is available; try a "
                 "smaller one\n";
    return static_cast<int>(Exit::data);
  } catch (const std::exception& e) {
    std::cerr << "qkv: internal error: " << sanitize_block(e.what()) << "\n";
    return static_cast<int>(Exit::internal);
  }
}

}  // namespace

}  // namespace qkv
