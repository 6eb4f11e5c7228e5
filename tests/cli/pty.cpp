#include "pty.hpp"

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <stdexcept>

#include "harness.hpp"
#include "support/paths.hpp"

extern char** environ;

namespace qkv_test {

namespace {

using Clock = std::chrono::steady_clock;

int ms_left(Clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

Clock::time_point after(double seconds) {
  return Clock::now() +
         std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

// Length of the escape sequence starting at s[i] == ESC (the whole of it; at least 1).
std::size_t escape_length(const std::string& s, std::size_t i) {
  if (i + 1 >= s.size()) return 1;
  const char kind = s[i + 1];
  if (kind == '[') {  // CSI: parameters and intermediates, then a final byte 0x40..0x7e
    std::size_t j = i + 2;
    while (j < s.size() && !(s[j] >= 0x40 && s[j] <= 0x7e)) ++j;
    return j < s.size() ? j - i + 1 : s.size() - i;
  }
  if (kind == ']') {  // OSC: up to BEL or ESC backslash
    std::size_t j = i + 2;
    while (j < s.size() && s[j] != '\a' && !(s[j] == '\x1b' && j + 1 < s.size())) ++j;
    if (j < s.size() && s[j] == '\x1b') return j - i + 2;
    return j < s.size() ? j - i + 1 : s.size() - i;
  }
  return 2;  // ESC and one character (ESC 7, ESC 8, ESC =, ...)
}

std::size_t utf8_length(unsigned char c) {
  if (c >= 0xf0) return 4;
  if (c >= 0xe0) return 3;
  if (c >= 0xc0) return 2;
  return 1;
}

}  // namespace

std::size_t display_width(std::string_view line) {
  std::size_t n = 0;
  for (unsigned char c : line)
    if ((c & 0xc0) != 0x80) ++n;
  return n;
}

PtySession::PtySession(const std::vector<std::string>& args, PtyOptions opts) {
  // As run_qkv: progress goes to the scratch home, never the real one; local days are UTC.
  std::map<std::string, std::string> env_over = {{"TERM", "xterm"},
                                                 {"COLUMNS", "<unset>"},
                                                 {"LINES", "<unset>"},
                                                 {"NO_COLOR", "<unset>"},
                                                 {"HOME", scratch_home()},
                                                 {"XDG_DATA_HOME", scratch_home() + "/data"},
                                                 {"QKV_DB", "<unset>"},
                                                 {"TZ", "UTC"}};
  for (const auto& [k, v] : opts.env) env_over[k] = v;
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    const std::string s(*e);
    const auto eq = s.find('=');
    if (eq != std::string::npos && env_over.count(s.substr(0, eq))) continue;
    env_strings.push_back(s);
  }
  for (const auto& [k, v] : env_over)
    if (v != "<unset>") env_strings.push_back(k + "=" + v);

  std::vector<std::string> argv_strings = {qkv::test::qkv_binary()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv, envp;
  for (auto& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  winsize ws{};
  ws.ws_col = static_cast<unsigned short>(opts.columns);
  ws.ws_row = static_cast<unsigned short>(opts.rows);
  const pid_t pid = forkpty(&fd_, nullptr, nullptr, &ws);
  if (pid < 0) throw std::runtime_error("forkpty failed");
  if (pid == 0) {
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  pid_ = pid;
}

PtySession::~PtySession() {
  if (!exited_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (fd_ >= 0) close(fd_);
}

bool PtySession::read_some(int timeout_ms) {
  pollfd p{fd_, POLLIN, 0};
  const int ready = poll(&p, 1, timeout_ms);
  if (ready <= 0) return false;
  char buf[4096];
  const ssize_t n = read(fd_, buf, sizeof buf);
  if (n > 0) {
    raw_.append(buf, static_cast<std::size_t>(n));
    return true;
  }
  // EIO: every process holding the other side has gone; reap the child.
  if (!exited_) {
    int status = 0;
    if (waitpid(pid_, &status, 0) == pid_) {
      exited_ = true;
      status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
  }
  return false;
}

bool PtySession::expect(std::string_view want, double timeout_seconds) {
  const auto deadline = after(timeout_seconds);
  for (;;) {
    const std::string t = text();
    const auto at = t.find(want, matched_);
    if (at != std::string::npos) {
      matched_ = at + want.size();
      return true;
    }
    if (exited_ || ms_left(deadline) == 0) return false;
    read_some(std::min(ms_left(deadline), 100));
  }
}

void PtySession::send(std::string_view bytes) {
  // Type as a person does: only once qkv has been quiet for a moment (150 ms, at most 2 s of
  // waiting). Keys sent while it is still printing reach the terminal before its line editor has
  // taken it over, and the test would then measure that race rather than the editing.
  const auto settle_deadline = after(2.0);
  while (!exited_ && ms_left(settle_deadline) > 0 && read_some(150)) {
  }
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("writing to the pty failed");
    done += static_cast<std::size_t>(n);
  }
}

void PtySession::send_line(std::string_view line) {
  send(line);
  send(keys::enter);
}

int PtySession::wait_exit(double timeout_seconds) {
  const auto deadline = after(timeout_seconds);
  while (!exited_ && ms_left(deadline) > 0) {
    read_some(std::min(ms_left(deadline), 100));
    if (!exited_) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        while (read_some(50)) {
        }
      }
    }
  }
  if (!exited_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    exited_ = true;
    status_ = -1;
  }
  return status_;
}

void PtySession::drain(double seconds) {
  const auto deadline = after(seconds);
  while (ms_left(deadline) > 0 && !exited_) read_some(ms_left(deadline));
}

std::string PtySession::text() const {
  std::string out;
  for (std::size_t i = 0; i < raw_.size();) {
    const char c = raw_[i];
    if (c == '\x1b') {
      i += escape_length(raw_, i);
    } else if (c == '\r') {
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

std::vector<std::string> PtySession::lines() const {
  std::vector<std::string> out;
  std::vector<std::string> cells;  // one code point each
  std::size_t col = 0;
  std::size_t saved = 0;
  auto finish = [&] {
    std::string line;
    for (const auto& c : cells) line += c;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out.push_back(line);
    cells.clear();
    col = 0;
  };
  for (std::size_t i = 0; i < raw_.size();) {
    const unsigned char c = static_cast<unsigned char>(raw_[i]);
    if (c == 0x1b) {
      const std::size_t len = escape_length(raw_, i);
      const std::string seq = raw_.substr(i, len);
      i += len;
      if (seq ==
          "\x1b"
          "7")
        saved = col;
      if (seq ==
          "\x1b"
          "8")
        col = saved;
      if (seq.size() < 3 || seq[1] != '[') continue;
      const char final = seq.back();
      const std::string params = seq.substr(2, seq.size() - 3);
      const std::size_t n = params.empty() || params[0] == '?' ? 1 : std::stoul("0" + params);
      switch (final) {
        case 'K':
          if (params.empty() || params == "0") {
            if (cells.size() > col) cells.resize(col);
          } else if (params == "1") {
            for (std::size_t k = 0; k < col && k < cells.size(); ++k) cells[k].assign(1, ' ');
          } else {
            cells.clear();
          }
          break;
        case 'C':
          col += n == 0 ? 1 : n;
          break;
        case 'D':
          col -= std::min(col, n == 0 ? 1 : n);
          break;
        case 'G':
          col = n == 0 ? 0 : n - 1;
          break;
        default:
          break;  // colours, cursor up/down, screen clears: no effect on the line text
      }
      continue;
    }
    if (c == '\r') {
      col = 0;
      ++i;
      continue;
    }
    if (c == '\n') {
      finish();
      ++i;
      continue;
    }
    if (c == '\b') {
      if (col > 0) --col;
      ++i;
      continue;
    }
    if (c < 0x20 || c == 0x7f) {
      ++i;
      continue;
    }
    const std::size_t len = std::min(utf8_length(c), raw_.size() - i);
    if (cells.size() < col + 1) cells.resize(col + 1, " ");
    cells[col] = raw_.substr(i, len);
    ++col;
    i += len;
  }
  if (!cells.empty()) finish();
  return out;
}

}  // namespace qkv_test
