// Output files (--save-input, --report, --csv, -o of progress export, pack import and pack
// export): an output that cannot be written is exit 74 with a message naming the path and the
// reason, whichever option it is; a write that fails half-way leaves the old file as it was and
// no temporary file behind.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "harness.hpp"
#include "helpers.hpp"

namespace fs = std::filesystem;
using qkv_test::contains;
using qkv_test::content_path;
using qkv_test::data_path;
using qkv_test::read_file;
using qkv_test::run_qkv;

namespace {

// A fresh directory for one test, removed at the end.
struct Scratch {
  fs::path dir;
  explicit Scratch(const std::string& name)
      : dir(fs::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  std::string path(const std::string& rel) const { return (dir / rel).string(); }
  std::size_t entries() const {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
    return n;
  }
};

// A command that writes `out` (the last argument names it), with whatever standard input it
// needs to get there.
struct Writer {
  std::string what;
  std::vector<std::string> args_before_out;  // the output path is appended
  std::string input;
};

// `report`: an exam report to analyse; `no_db`: a database path with no file there (the progress
// database of the other tests is not touched, and SQLite writes nothing).
std::vector<Writer> writers(const std::string& report, const std::string& no_db) {
  const std::string exam_pack = data_path("exam/pack.json");
  return {
      {"calc --save-input", {"calc", "--example", "tiny", "--save-input"}, ""},
      {"exam --report",
       {"exam", "--pack", exam_pack, "--exam", "quick", "--seed", "3", "--no-save", "--report"},
       "a\nb\nsoftmax\ny\n"},
      {"results --csv", {"results", report, "--csv"}, ""},
      {"progress export -o", {"progress", "export", "--db", no_db, "--format", "json", "-o"}, ""},
      {"pack import -o",
       {"pack", "import", data_path("interchange/attention.gift"), "--skip-unsupported", "-o"},
       ""},
      {"pack export -o", {"pack", "export", content_path("packs/core"), "--to", "gift", "-o"}, ""},
  };
}

// The file name each writer's output gets (an import must be .json, a report .json or .md).
std::string file_name(const Writer& w) {
  if (w.what == "results --csv") return "out.csv";
  if (w.what == "pack export -o") return "out.gift";
  return "out.json";
}

// An exam report to analyse, made once.
std::string a_report(const Scratch& s) {
  const std::string path = s.path("sitting.json");
  const auto r = run_qkv({"exam", "--pack", data_path("exam/pack.json"), "--exam", "quick",
                          "--seed", "3", "--no-save", "--report", path},
                         qkv_test::with_input("a\nb\nsoftmax\ny\n"));
  REQUIRE_MESSAGE((r.exit_code == 0 || r.exit_code == 1), r.err);
  return path;
}

}  // namespace

TEST_CASE("every output option to a path that cannot be written exits 74 naming path and reason") {
  const Scratch s("qkv-cli-output-files-bad");
  const std::string report = a_report(s);
  std::ofstream(s.path("plain")) << "a regular file, not a directory\n";
  for (const auto& w : writers(report, s.path("none.db"))) {
    CAPTURE(w.what);
    // Under a regular file (as root too, where permissions do not stop a write), and in a
    // directory that does not exist.
    struct Case {
      std::string path, reason;
    };
    const std::vector<Case> cases = {
        {s.path("plain/" + file_name(w)), "is not a directory"},
        {s.path("missing/" + file_name(w)), "does not exist"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.path);
      auto args = w.args_before_out;
      args.push_back(c.path);
      const auto r = run_qkv(args, qkv_test::with_input(w.input));
      CHECK(r.exit_code == 74);
      CHECK(contains(r.err, c.path));
      CHECK(contains(r.err, c.reason));
      CHECK_FALSE(fs::exists(c.path));
    }
  }
  // A directory pack (-o DIR/) follows the same rule.
  const auto dir = run_qkv({"pack", "import", data_path("interchange/attention.gift"),
                            "--skip-unsupported", "-o", s.path("missing/pack/")});
  CHECK(dir.exit_code == 74);
  CHECK(contains(dir.err, "does not exist"));
}

TEST_CASE("an output refused before the work starts: the exam paper is not shown") {
  const Scratch s("qkv-cli-output-files-early");
  std::ofstream(s.path("plain")) << "x\n";
  const auto r = run_qkv({"exam", "--pack", data_path("exam/pack.json"), "--exam", "quick",
                          "--no-save", "--report", s.path("plain/r.md")},
                         qkv_test::with_input("a\n"));
  CHECK(r.exit_code == 74);
  CHECK(contains(r.err, "--report " + s.path("plain/r.md")));
  CHECK(r.out.find("Question 1") == std::string::npos);
}

TEST_CASE("a write that fails half-way leaves the old file as it was and no temporary file") {
  const Scratch s("qkv-cli-output-files-full");
  const std::string report = a_report(s);
  for (const auto& w : writers(report, s.path("none.db"))) {
    CAPTURE(w.what);
    const Scratch out("qkv-cli-output-files-target");
    const std::string target = out.path(file_name(w));
    const std::string old = "the old file\n";
    std::ofstream(target) << old;
    auto args = w.args_before_out;
    args.push_back(target);
    auto opts = qkv_test::with_input(w.input);
    opts.file_size_limit = 1;  // every output here is longer: the write fails with EFBIG
    const auto r = run_qkv(args, opts);
    CHECK(r.exit_code == 74);
    CHECK(contains(r.err, "cannot write " + target));
    CHECK(contains(r.err, "File too large"));
    CHECK(read_file(target) == old);
    CHECK(out.entries() == 1);  // no temporary file left behind
  }
}

TEST_CASE("an exam whose report fails at the end still shows and prints the result") {
  const Scratch s("qkv-cli-output-files-exam");
  const std::string target = s.path("r.json");
  auto opts = qkv_test::with_input("a\nb\nsoftmax\ny\n");
  opts.file_size_limit = 20;
  const auto r = run_qkv({"exam", "--pack", data_path("exam/pack.json"), "--exam", "quick",
                          "--seed", "3", "--no-save", "--json", "--report", target},
                         opts);
  CHECK(r.exit_code == 74);
  CHECK(contains(r.err, "cannot write " + target));
  const auto doc = nlohmann::json::parse(r.out);  // the result reached stdout all the same
  CHECK(doc["total"] == 3);
  CHECK_FALSE(fs::exists(target));
  CHECK(s.entries() == 0);
}

TEST_CASE("a device is written in place, never replaced: /dev/full is exit 74, /dev/null works") {
  struct stat before {};
  REQUIRE(stat("/dev/full", &before) == 0);
  const auto full = run_qkv({"calc", "--example", "tiny", "--save-input", "/dev/full"});
  CHECK(full.exit_code == 74);
  CHECK(contains(full.err, "cannot write /dev/full"));
  CHECK(contains(full.err, "No space left on device"));
  struct stat after {};
  REQUIRE(stat("/dev/full", &after) == 0);
  CHECK(S_ISCHR(after.st_mode));  // still the device, not a file renamed over it
  CHECK(after.st_ino == before.st_ino);

  const auto null = run_qkv({"pack", "export", content_path("packs/core"), "--to", "gift", "-o",
                             "/dev/null"});
  CHECK_MESSAGE(null.exit_code == 0, null.err);
  struct stat dev_null {};
  REQUIRE(stat("/dev/null", &dev_null) == 0);
  CHECK(S_ISCHR(dev_null.st_mode));
}

TEST_CASE("an output file is replaced whole, keeps its mode, and a symbolic link stays a link") {
  const Scratch s("qkv-cli-output-files-replace");
  const std::string target = s.path("input.json");
  std::ofstream(target) << "old\n";
  REQUIRE(chmod(target.c_str(), 0640) == 0);
  fs::create_symlink(target, s.path("link.json"));
  const auto r = run_qkv({"calc", "--example", "tiny", "--save-input", s.path("link.json")});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(fs::is_symlink(s.path("link.json")));
  const auto saved = nlohmann::json::parse(read_file(target));
  CHECK(saved.contains("x"));
  CHECK((fs::status(target).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  CHECK(s.entries() == 2);
}

TEST_CASE("calc --save-input with a token label that is not UTF-8 saves U+FFFD and exits 0") {
  const Scratch s("qkv-cli-output-files-utf8");
  const std::string target = s.path("in.json");
  const auto r = run_qkv({"calc", "--random", "2x2", "--seed", "1", "--tokens", "a\xff b",
                          "--save-input", target, "--format", "json"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto saved = nlohmann::json::parse(read_file(target));
  CHECK(saved["tokens"] == nlohmann::json::array({"a\uFFFD", "b"}));
  // The saved problem is the same problem: running it again gives the same output, bit for bit.
  const auto again = run_qkv({"calc", "--input", target, "--format", "json"});
  REQUIRE_MESSAGE(again.exit_code == 0, again.err);
  const auto first = nlohmann::json::parse(r.out), second = nlohmann::json::parse(again.out);
  CHECK(first["output"] == second["output"]);
  CHECK(second["tokens"] == nlohmann::json::array({"a\uFFFD", "b"}));
}
