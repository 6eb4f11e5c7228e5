#pragma once
// Reading the learner's answers line by line, from a terminal or a pipe, with Ctrl-C noticed.
#include <iosfwd>
#include <optional>
#include <string>

namespace qkv::term {

/// Installs a SIGINT handler (without SA_RESTART, so a blocked read returns) that records the
/// interrupt instead of killing the process. Sessions then print their summary and exit 130.
void install_interrupt_handler();

/// True once Ctrl-C was pressed (or SIGINT received).
bool interrupted();

/// For tests: sets or clears the interrupt flag.
void set_interrupted(bool value);

/// Why read_line stopped without a line.
enum class InputEnd { eof, interrupted };

/// Reads one line (without its newline, a trailing '\r' removed). Returns std::nullopt at end of
/// input or after Ctrl-C; *why (if given) tells which. Lines longer than 64 KiB are cut there.
std::optional<std::string> read_line(std::istream& in, InputEnd* why = nullptr);

/// True when standard input is a terminal (prompts are then shown; in a pipe they still are, so
/// transcripts read well, but nothing waits on a key press).
bool stdin_is_terminal();

}  // namespace qkv::term
