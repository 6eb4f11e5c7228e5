#include "app/bank_options.hpp"

#include "bank/loader.hpp"
#include "core/text.hpp"
#include "practice/question_checks.hpp"

namespace qkv::app {

void add_bank_options(CLI::App& cmd, BankOptions& opts) {
  cmd.add_option("--pack", opts.packs,
                 "Use this pack (a .json file or a pack directory) instead of the built-in "
                 "bank; repeat to use several")
      ->type_name("PATH")
      ->allow_extra_args(false);
  cmd.add_flag("--builtin", opts.builtin, "Use the built-in bank as well as the --pack packs");
}

bank::LoadOptions pack_load_options() {
  return {.check_question = practice::check_question};
}

bank::Bank load_bank(const BankOptions& opts) {
  return bank::load_bank(opts.packs, opts.builtin, pack_load_options());
}

std::string bank_args_text(const BankOptions& o) {
  std::string out;
  for (const auto& path : o.packs) {
    const std::string shown = sanitize_line(path);
    const bool plain = shown.find_first_not_of(
                           "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                           "0123456789-_./+,:@") == std::string::npos;
    std::string quoted = "'";
    for (char c : shown) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += " --pack " + (plain ? shown : quoted + "'");
  }
  if (o.builtin && !o.packs.empty()) out += " --builtin";
  return out;
}

}  // namespace qkv::app
