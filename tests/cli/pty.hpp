#pragma once
// Runs the real qkv binary in a pseudo-terminal (forkpty) of a given size with TERM=xterm, so
// that tests see what a learner at a terminal sees: the width from the ioctl, line editing,
// colour, the live exam clock. A test sends keys and waits for text; every wait has a timeout,
// so a test can fail but never hang, and the child is killed when the session ends.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace qkv_test {

struct PtyOptions {
  int columns = 80;  ///< the window size the child sees (TIOCGWINSZ)
  int rows = 24;
  /// Added to the environment. TERM=xterm is set, COLUMNS, LINES, NO_COLOR and QKV_DB are
  /// removed, HOME and XDG_DATA_HOME point into scratch_home() (harness.hpp) and TZ is UTC,
  /// unless given here; "<unset>" removes a variable.
  std::map<std::string, std::string> env;
};

/// Keys as a terminal sends them (xterm, normal cursor mode).
namespace keys {
inline constexpr std::string_view left = "\x1b[D";
inline constexpr std::string_view right = "\x1b[C";
inline constexpr std::string_view up = "\x1b[A";
inline constexpr std::string_view down = "\x1b[B";
inline constexpr std::string_view home = "\x1b[H";
inline constexpr std::string_view end = "\x1b[F";
inline constexpr std::string_view ctrl_a = "\x01";
inline constexpr std::string_view ctrl_c = "\x03";
inline constexpr std::string_view ctrl_d = "\x04";
inline constexpr std::string_view tab = "\t";
inline constexpr std::string_view enter = "\r";
}  // namespace keys

class PtySession {
 public:
  /// Starts qkv with these arguments. Throws std::runtime_error when the pty cannot be made.
  explicit PtySession(const std::vector<std::string>& args, PtyOptions opts = {});
  ~PtySession();
  PtySession(const PtySession&) = delete;
  PtySession& operator=(const PtySession&) = delete;

  /// Waits until `text` appears in the visible output (escape sequences removed) after the end
  /// of the previous match. True when found; false after the timeout or when qkv exited first.
  bool expect(std::string_view text, double timeout_seconds = 10.0);
  /// Writes bytes to the terminal, as typed.
  void send(std::string_view bytes);
  /// Types a line: the text, then Enter.
  void send_line(std::string_view text);
  /// Waits for qkv to exit and returns its exit status (-1 when killed after the timeout or by
  /// a signal). Output is read meanwhile.
  int wait_exit(double timeout_seconds = 10.0);
  /// Reads whatever arrives for this long (to see that nothing more comes).
  void drain(double seconds);

  /// Everything qkv wrote, as bytes (colour and cursor sequences included).
  const std::string& raw() const { return raw_; }
  /// The output as a terminal without line wrap shows it: escape sequences interpreted for the
  /// cursor moves and erasures line editing uses, '\r' back to column 0, one string per line.
  /// A line longer than the window is kept whole, so width overflows are visible.
  std::vector<std::string> lines() const;
  /// The visible text (escape sequences removed, "\r\n" as "\n"), for searching.
  std::string text() const;

 private:
  bool read_some(int timeout_ms);

  int fd_ = -1;
  int pid_ = -1;
  int status_ = -1;
  bool exited_ = false;
  std::string raw_;
  std::size_t matched_ = 0;  ///< offset in text() after the previous expect's match
};

/// Display columns of a UTF-8 line (one per code point; the output uses no wide characters).
std::size_t display_width(std::string_view line);

}  // namespace qkv_test
