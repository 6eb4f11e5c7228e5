#pragma once
// Ctrl-C noticed instead of killing the process (line_reader.hpp reads the lines).

namespace qkv::term {

/// Installs a SIGINT handler (without SA_RESTART, so a blocked read returns) that records the
/// interrupt instead of killing the process. Sessions then print their summary and exit 130.
void install_interrupt_handler();

/// True once Ctrl-C was pressed (or SIGINT received).
bool interrupted();

/// For tests: sets or clears the interrupt flag.
void set_interrupted(bool value);

/// True when standard input is a terminal (prompts are then shown; in a pipe they still are, so
/// transcripts read well, but nothing waits on a key press).
bool stdin_is_terminal();

}  // namespace qkv::term
