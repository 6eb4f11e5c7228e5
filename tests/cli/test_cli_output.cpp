// Failed writes to stdout are reported (exit 74), whatever the command.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "harness.hpp"
#include "support/paths.hpp"

using qkv_test::run_qkv;

namespace {

struct FullRun {
  int exit_code = -1;
  std::string err;
};

// Runs qkv with stdout on /dev/full (every write fails with ENOSPC), stdin from `input`.
FullRun run_to_full(const std::vector<std::string>& args, const std::string& input = "") {
  char in_name[] = "/tmp/qkv-full-in-XXXXXX";
  char err_name[] = "/tmp/qkv-full-err-XXXXXX";
  const int in_fd = mkstemp(in_name), err_fd = mkstemp(err_name);
  REQUIRE(in_fd >= 0);
  REQUIRE(err_fd >= 0);
  REQUIRE(write(in_fd, input.data(), input.size()) == static_cast<ssize_t>(input.size()));
  lseek(in_fd, 0, SEEK_SET);
  // As run_qkv: progress goes to the scratch home, never the real one.
  const std::string home = qkv_test::scratch_home();
  const std::string data_home = home + "/data";
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int full = open("/dev/full", O_WRONLY);
    if (full < 0) _exit(126);
    dup2(in_fd, 0);
    dup2(full, 1);
    dup2(err_fd, 2);
    setenv("NO_COLOR", "1", 1);
    setenv("HOME", home.c_str(), 1);
    setenv("XDG_DATA_HOME", data_home.c_str(), 1);
    unsetenv("QKV_DB");
    std::string bin = qkv::test::qkv_binary();
    std::vector<std::string> copy = args;
    std::vector<char*> argv{bin.data()};
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  close(in_fd);
  close(err_fd);
  FullRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_name);
  std::stringstream text;
  text << err.rdbuf();
  r.err = text.str();
  std::remove(in_name);
  std::remove(err_name);
  return r;
}

}  // namespace

TEST_CASE("a command whose stdout is full says so on stderr and exits 74") {
  const std::string core = qkv_test::content_path("packs/core");
  const std::vector<std::vector<std::string>> commands = {
      {"pack", "info", core, "--json"},
      {"pack", "info", core},
      {"pack", "validate", core},
      {"calc", "--example", "tiny"},
      {"calc", "--example", "tiny", "--format", "json"},
      {"learn", "--json"},
      {"drill", "--kind", "softmax", "--worksheet", "markdown", "--seed", "1"},
      {"--help"},
      {"--version"},
  };
  for (const auto& args : commands) {
    std::string shown;
    for (const auto& a : args) shown += a + " ";
    CAPTURE(shown);
    const auto r = run_to_full(args);
    CHECK(r.exit_code == 74);
    CHECK(r.err.find("qkv: cannot write to standard output") != std::string::npos);
  }
}

TEST_CASE("a quiz answered to the end with a full stdout exits 74") {
  const auto r = run_to_full({"quiz", "-n", "1", "--seed", "3"}, "a\n");
  CHECK(r.exit_code == 74);
  CHECK(r.err.find("cannot write to standard output") != std::string::npos);
}

TEST_CASE("an error keeps its own exit code when stdout is full as well") {
  const auto r = run_to_full({"pack", "validate", qkv_test::data_path("packs/bad-many.json")});
  CHECK(r.exit_code == 65);
}

TEST_CASE("output that is written keeps exit code 0") {
  const auto r = run_qkv({"pack", "info", qkv_test::content_path("packs/core"), "--json"});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
}
