#pragma once
// Reading the learner's line at a prompt. At a terminal: line editing, history of this session
// and Tab completion of the words the prompt accepts (libedit). In a pipe: byte for byte what
// arrives, one line at a time. Either way the wait for input wakes up about four times a second,
// so a caller can show a notice above the line being typed (the exam's time warnings) or end the
// wait (the time is up) without a key press, and Ctrl-C ends it too.
#include <cstdio>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace qkv::term {

enum class ReadStatus {
  line,          ///< a line was read
  end_of_input,  ///< Ctrl-D, or the end of a pipe
  interrupted,   ///< Ctrl-C (the interrupt flag of line_input.hpp is set)
  stopped,       ///< a wake-up asked to stop waiting
};

struct ReadResult {
  ReadStatus status = ReadStatus::line;
  std::string text;  ///< the line without its newline (ReadStatus::line only)
};

/// What a wake-up decides.
struct Wakeup {
  /// When not empty: shown as given (qkv's own text, colour allowed) on a line of its own,
  /// above the line being typed.
  std::string notice;
  bool stop = false;  ///< end the wait: read() returns ReadStatus::stopped
};

struct ReadRequest {
  std::string prompt = "> ";
  /// The words Tab completes (the commands the prompt accepts); empty: Tab does nothing.
  std::vector<std::string> completions;
  /// Called while waiting for input, about every 250 ms; unset: just wait.
  std::function<Wakeup()> on_wakeup;
};

/// Whether the plain reader writes the line back after the prompt: a terminal echoes what is
/// typed itself; from a pipe the transcript would otherwise lack the answers.
enum class Echo { off, on };

class LineReader {
 public:
  virtual ~LineReader() = default;
  /// Shows the prompt and reads one line. Lines longer than 64 KiB are cut there.
  virtual ReadResult read(const ReadRequest& request) = 0;
};

/// The reader of standard input whose prompts go to `out`, the stream the session is shown on
/// (std::cout, or std::cerr when stdout holds a JSON document); `out_file` is the same stream's
/// FILE (stdout or stderr). With line editing when stdin and out_file are both terminals and
/// TERM is not "dumb"; otherwise plain, echoing the lines read from a pipe.
std::unique_ptr<LineReader> make_stdin_reader(std::ostream& out, std::FILE* out_file);

/// The plain reader of a file descriptor (exposed for tests): prompts and echo go to `out`.
std::unique_ptr<LineReader> make_fd_reader(int fd, std::ostream& out, Echo echo);

}  // namespace qkv::term
