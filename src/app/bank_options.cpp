#include "app/bank_options.hpp"

#include "bank/loader.hpp"

namespace qkv::app {

void add_bank_options(CLI::App& cmd, BankOptions& opts) {
  cmd.add_option("--pack", opts.packs,
                 "Use this pack (a .json file or a pack directory) instead of the built-in "
                 "bank; repeat to use several")
      ->type_name("PATH")
      ->allow_extra_args(false);
  cmd.add_flag("--builtin", opts.builtin, "Use the built-in bank as well as the --pack packs");
}

bank::Bank load_bank(const BankOptions& opts) {
  return bank::load_bank(opts.packs, opts.builtin);
}

}  // namespace qkv::app
