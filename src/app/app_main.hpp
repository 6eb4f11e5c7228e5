#pragma once

namespace qkv {

/// The whole program behind main(): parses the command line, runs one subcommand, turns
/// qkv::Error into its diagnostics on stderr and its exit code. Returns the process exit code.
int app_main(int argc, char** argv);

}  // namespace qkv
