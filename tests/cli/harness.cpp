#include "harness.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <stdexcept>
#include "support/paths.hpp"
#include "support/temp_dir.hpp"

extern char** environ;

namespace qkv_test {

const std::string& scratch_home() {
  static const qkv::test::TempDir dir("qkv-cli-home");
  static const std::string path = dir.path().string();
  return path;
}

RunResult run_qkv(const std::vector<std::string>& args, const RunOptions& opts) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) throw std::runtime_error("pipe failed");

  std::vector<std::string> env_strings;
  // Every run gets a scratch home (removed when the tests end): progress is saved there, never in
  // the real home, and local days are UTC unless a test says otherwise.
  std::map<std::string, std::string> env_over = {{"NO_COLOR", "1"},
                                                 {"HOME", scratch_home()},
                                                 {"XDG_DATA_HOME", scratch_home() + "/data"},
                                                 {"QKV_DB", "<unset>"},
                                                 {"TZ", "UTC"}};
  for (const auto& [k, v] : opts.env) env_over[k] = v;
  for (char** e = environ; *e; ++e) {
    std::string s(*e);
    auto eq = s.find('=');
    if (eq != std::string::npos && env_over.count(s.substr(0, eq))) continue;
    env_strings.push_back(s);
  }
  for (const auto& [k, v] : env_over)
    if (v != "<unset>") env_strings.push_back(k + "=" + v);

  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
      close(fd);
    std::vector<char*> argv, envp;
    std::string bin = qkv::test::qkv_binary();
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    if (opts.address_space_limit > 0) {
      const rlimit limit{opts.address_space_limit, opts.address_space_limit};
      setrlimit(RLIMIT_AS, &limit);
    }
    if (!opts.cwd.empty() && chdir(opts.cwd.c_str()) != 0) _exit(127);
    execve(bin.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  signal(SIGPIPE, SIG_IGN);

  RunResult r;
  std::size_t written = 0;
  int in_fd = in_pipe[1];
  fcntl(in_fd, F_SETFL, O_NONBLOCK);
  if (opts.input.empty() && !opts.keep_stdin_open) {
    close(in_fd);
    in_fd = -1;
  }
  bool out_open = true, err_open = true, sent_sigint = false;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(opts.timeout_seconds);
  auto next_line = std::chrono::steady_clock::now();
  while (out_open || err_open) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      r.timed_out = true;
      break;
    }
    std::vector<pollfd> fds;
    if (out_open) fds.push_back({out_pipe[0], POLLIN, 0});
    if (err_open) fds.push_back({err_pipe[0], POLLIN, 0});
    const bool paced = opts.line_interval_seconds > 0;
    if (in_fd >= 0 && (!paced || std::chrono::steady_clock::now() >= next_line))
      fds.push_back({in_fd, POLLOUT, 0});
    if (poll(fds.data(), fds.size(), paced && in_fd >= 0 ? 2 : 100) < 0) continue;
    for (auto& p : fds) {
      if (p.fd == in_fd && (p.revents & (POLLOUT | POLLERR | POLLHUP))) {
        std::size_t chunk = opts.input.size() - written;
        if (opts.line_interval_seconds > 0) {
          const auto nl = opts.input.find('\n', written);
          if (nl != std::string::npos) chunk = nl + 1 - written;
        }
        ssize_t n = write(in_fd, opts.input.data() + written, chunk);
        if (n > 0 && opts.line_interval_seconds > 0)
          next_line = std::chrono::steady_clock::now() +
                      std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                          std::chrono::duration<double>(opts.line_interval_seconds));
        if (n > 0) written += static_cast<std::size_t>(n);
        if (n < 0 || written >= opts.input.size()) {
          if (!opts.keep_stdin_open || n < 0) {
            close(in_fd);
            in_fd = -1;
          } else {
            in_fd = -2;  // keep it open but stop polling it
          }
        }
      } else if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
        char buf[65536];
        ssize_t n = read(p.fd, buf, sizeof buf);
        std::string& dst = p.fd == out_pipe[0] ? r.out : r.err;
        if (n > 0) {
          dst.append(buf, static_cast<std::size_t>(n));
        } else {
          (p.fd == out_pipe[0] ? out_open : err_open) = false;
        }
      }
    }
    if (!sent_sigint && !opts.signal_on_output.empty() &&
        r.out.find(opts.signal_on_output) != std::string::npos) {
      kill(pid, opts.signal_number);
      sent_sigint = true;
    }
    if (!sent_sigint && opts.send_sigint_after_bytes >= 0 &&
        r.out.size() >= static_cast<std::size_t>(opts.send_sigint_after_bytes)) {
      usleep(50 * 1000);  // let the program reach its read
      kill(pid, SIGINT);
      sent_sigint = true;
    }
  }
  if (in_fd >= 0) close(in_fd);
  if (in_fd == -2) close(in_pipe[1]);
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  return r;
}

}  // namespace qkv_test
