// `qkv help [COMMAND [SUBCOMMAND]]`: the same text as `qkv COMMAND --help`, as git and gh do it.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/usage.hpp"
#include "core/error.hpp"
#include "core/suggest.hpp"
#include "core/text.hpp"

namespace qkv::app {

namespace {

// The subcommand of `app` named `name`, if visible.
const CLI::App* visible_subcommand(const CLI::App& app, const std::string& name) {
  for (const CLI::App* s : app.get_subcommands([](const CLI::App*) { return true; }))
    if (!s->get_group().empty() && s->get_name() == name) return s;
  return nullptr;
}

}  // namespace

void setup_help(CLI::App& app, Context& ctx) {
  auto words = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = &app;
  cmd->add_option("command", *words, "The command to describe, such as quiz or pack info")
      ->type_name("COMMAND");
  cmd->footer(
      "\nExamples:\n"
      "  qkv help              every command (as qkv --help)\n"
      "  qkv help quiz         quiz's options and examples (as qkv quiz --help)\n"
      "  qkv help pack info    one subcommand of pack\n"
      "\nExit codes: 0 done; 2 there is no such command (the commands are listed).");
  cmd->callback([cmd, words, &ctx] {
    const CLI::App* at = cmd->get_parent();
    for (const auto& w : *words) {
      const CLI::App* next = visible_subcommand(*at, w);
      if (!next) {
        const std::vector<std::string> names = subcommand_names(*at);
        std::string m = (at->get_parent() ? command_path(*at) + " has no command '"
                                          : std::string("there is no command '")) +
                        sanitize_line(w) + "'";
        if (const auto hint = did_you_mean(w, names); !hint.empty()) m += "; " + hint;
        if (names.empty())
          m += " (" + command_path(*at) + " has no subcommands)";
        else
          m += "\nThe commands are: " + join(names, ", ") + ".";
        throw_usage(m);
      }
      at = next;
    }
    const std::string path = command_path(*at);
    std::cout << at->get_formatter()->make_help(at, path, CLI::AppFormatMode::Normal);
    ctx.exit_code = 0;
  });
}

}  // namespace qkv::app
