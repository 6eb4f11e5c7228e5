// `qkv pack import` and `qkv pack export` run as an instructor runs them: the real binary, exit
// codes, what is written and what is reported.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "harness.hpp"
#include "helpers.hpp"

using qkv_test::contains;
using qkv_test::data_path;
using qkv_test::read_file;
using qkv_test::run_qkv;

namespace fs = std::filesystem;

namespace {

// A fresh directory for one test case, removed afterwards.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / (name + "-" + std::to_string(getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("pack import: unsupported questions are listed with FILE:LINE and nothing is written") {
  TempDir dir("qkv-import-unsupported");
  const std::string gift = data_path("interchange/attention.gift");
  const auto r = run_qkv({"pack", "import", gift, "-o", dir / "bank.json"});
  CHECK(r.exit_code == 65);
  CHECK(contains(r.err, gift + ":55: error: not imported: an essay question"));
  CHECK(contains(r.err, gift + ":57: error: not imported: a description"));
  CHECK(contains(r.err, "--skip-unsupported"));
  CHECK(contains(r.err, gift + ":29: warning: the answer \"exp\" (50%) is dropped"));
  CHECK_FALSE(fs::exists(dir / "bank.json"));
}

TEST_CASE("pack import --skip-unsupported writes a pack that validates, and counts the skipped") {
  TempDir dir("qkv-import-skip");
  const std::string out = dir / "bank.json";
  const auto r = run_qkv({"pack", "import", data_path("interchange/attention.gift"), "-o", out,
                          "--skip-unsupported", "--title", "Attention (from Moodle)"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "imported 12 questions into " + out + " (pack \"bank\", 2 concepts)"));
  CHECK(contains(r.out, "skipped 2 unsupported"));
  const auto v = run_qkv({"pack", "validate", out});
  CHECK(v.exit_code == 0);
  CHECK(v.out == "bank: valid, 12 questions, 2 concepts\n");
  const auto j = nlohmann::json::parse(read_file(out));
  CHECK(j["title"] == "Attention (from Moodle)");
  CHECK(j["concepts"][0]["id"] == "query-key-and-value");
  CHECK(j["concepts"][0]["name"] == "Query, key and value");
  CHECK(j["concepts"][1]["id"] == "scores");
  CHECK(j["questions"][0]["id"] == "roles-1");
  CHECK(j["questions"][0]["source"] == data_path("interchange/attention.gift") + ":7");
  CHECK(j["questions"][1]["id"] == "same-input");
}

TEST_CASE("pack import: Moodle XML into a directory pack, with --id and the category ids") {
  TempDir dir("qkv-import-dir");
  const std::string out = dir / "course/";
  const auto r = run_qkv({"pack", "import", data_path("interchange/attention.xml"), "--id",
                          "course", "-o", out, "--skip-unsupported"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "imported 8 questions"));
  CHECK(fs::exists(dir / "course/pack.json"));
  CHECK(fs::exists(dir / "course/questions/001-qkv-roles.json"));
  const auto v = run_qkv({"pack", "info", dir / "course", "--json"});
  REQUIRE(v.exit_code == 0);
  const auto j = nlohmann::json::parse(v.out);
  CHECK(j["id"] == "course");
  CHECK(j["questions"] == 8);
  CHECK(j["by_type"]["ordering"] == 1);
  CHECK(j["by_type"]["numeric"] == 2);
  // Importing again replaces the pack directory as a whole.
  const auto again = run_qkv(
      {"pack", "import", data_path("interchange/attention.aiken"), "--id", "course", "-o", out});
  CHECK(again.exit_code == 0);
  CHECK_FALSE(fs::exists(dir / "course/questions/001-qkv-roles.json"));
  CHECK(run_qkv({"pack", "validate", dir / "course"}).out ==
        "course: valid, 2 questions, 1 concept\n");
}

TEST_CASE("pack import: malformed input gives FILE:LINE, exit 65, and nothing is written") {
  TempDir dir("qkv-import-bad");
  const std::string bad = dir / "bad.gift";
  write(bad, "Q1 {T}\n\nQ2 {\n=a\n");
  const auto r = run_qkv({"pack", "import", bad, "-o", dir / "out.json"});
  CHECK(r.exit_code == 65);
  CHECK(contains(r.err, bad + ":3: error: unclosed brace"));
  CHECK_FALSE(fs::exists(dir / "out.json"));

  const std::string xml = dir / "bad.xml";
  write(xml,
        "<quiz>\n<question type=\"shortanswer\">\n<questiontext><text>Q</text></questiontext>\n"
        "</question>\n</quiz>\n");
  const auto x = run_qkv({"pack", "import", xml, "-o", dir / "out.json"});
  CHECK(x.exit_code == 65);
  CHECK(contains(x.err, xml + ":2: error: a shortanswer question without an <answer>"));

  const std::string latin = dir / "latin.aiken";
  write(latin, "Caf\xe9?\nA. x\nB. y\nANSWER: A\n");
  const auto l = run_qkv({"pack", "import", latin, "-o", dir / "out.json"});
  CHECK(l.exit_code == 65);
  CHECK(contains(l.err, latin + ":1: error: not UTF-8 text"));
}

TEST_CASE("pack import: a missing file is 66, an unknown format 65, a bad -o 2, -o unwritable 74") {
  TempDir dir("qkv-import-usage");
  CHECK(run_qkv({"pack", "import", dir / "none.gift", "-o", dir / "o.json"}).exit_code == 66);
  const std::string words = dir / "words.txt";
  write(words, "just some words\n");
  const auto r = run_qkv({"pack", "import", words, "-o", dir / "o.json"});
  CHECK(r.exit_code == 65);
  CHECK(contains(r.err, "--from"));
  const auto forced = run_qkv({"pack", "import", words, "--from", "aiken", "-o", dir / "o.json"});
  CHECK(forced.exit_code == 65);
  CHECK(contains(forced.err, "no \"ANSWER: X\""));
  CHECK(run_qkv({"pack", "import", data_path("interchange/attention.aiken"), "-o", dir / "o.txt"})
            .exit_code == 2);
  CHECK(run_qkv({"pack", "import", data_path("interchange/attention.aiken"), "-o",
                 dir / "no/such/dir/o.json"})
            .exit_code == 74);
}

TEST_CASE("pack import: control characters never reach the pack or the terminal raw") {
  TempDir dir("qkv-import-controls");
  const std::string gift = dir / "ctl.gift";
  write(gift, "::t::Red \x1b[31malert\x1b[0m?{T}\n");
  const std::string out = dir / "ctl.json";
  const auto r = run_qkv({"pack", "import", gift, "-o", out});
  CHECK(r.exit_code == 0);
  const std::string text = read_file(out);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(nlohmann::json::parse(text)["questions"][0]["prompt"] == "Red \\x1b[31malert\\x1b[0m?");
}

TEST_CASE("pack export: every format is written and what it loses is listed with the ids") {
  TempDir dir("qkv-export");
  const std::string example = qkv_test::content_path("examples/packs/example-pack.json");
  SUBCASE("aiken holds single choice only") {
    const auto r = run_qkv({"pack", "export", example, "--to", "aiken", "-o", dir / "e.txt"});
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "exported 1 question of pack \"example\""));
    CHECK(contains(r.err,
                   "warning: question roles-2: not written: Aiken holds only "
                   "single-choice questions, this is multi"));
    CHECK(read_file(dir / "e.txt").find("ANSWER: B\n") != std::string::npos);
  }
  SUBCASE("moodle-xml: calculated and matrix become one instance, and the file imports back") {
    const auto r = run_qkv({"pack", "export", example, "--to", "moodle-xml", "-o", dir / "e.xml"});
    CHECK(r.exit_code == 0);
    // scores-4 asks for a row of weights, scores-5 for a matrix: short answers, rounded to the
    // tolerance (±0.01: 2 decimals).
    CHECK(contains(r.err,
                   "question scores-4: written as a short-answer question on one instance "
                   "(the softmax exercise, level 2, seed "));
    CHECK(contains(r.err,
                   "question scores-5: written as a short-answer question on one instance "
                   "(its matrix answer): the answer is typed as text, each entry rounded "
                   "(0.71 0.00; 0.71 1.41)"));
    CHECK(contains(read_file(dir / "e.xml"), "Type each entry rounded to 2 decimals"));
    CHECK(contains(r.err, "question scores-3: the calculator input that checks its answer"));
    const auto back = run_qkv({"pack", "import", dir / "e.xml", "-o", dir / "back.json"});
    CHECK(back.exit_code == 0);
    CHECK(run_qkv({"pack", "validate", dir / "back.json"}).out ==
          "back: valid, 9 questions, 2 concepts\n");
  }
  SUBCASE("gift imports back") {
    CHECK(run_qkv({"pack", "export", example, "--to", "gift", "-o", dir / "e.gift"}).exit_code ==
          0);
    const auto back = run_qkv({"pack", "import", dir / "e.gift", "-o", dir / "back.json"});
    CHECK(back.exit_code == 0);
    CHECK(contains(back.out, "imported 9 questions"));
  }
  SUBCASE("markdown: a paper, then the answer key") {
    const auto r = run_qkv({"pack", "export", example, "--to", "markdown", "-o", dir / "e.md"});
    CHECK(r.exit_code == 0);
    const std::string md = read_file(dir / "e.md");
    const auto key = md.find("## Answer key");
    REQUIRE(key != std::string::npos);
    CHECK(md.find("### 1.") < key);
    CHECK(md.find("1. **b**", key) != std::string::npos);  // roles-1: the query is option b
    CHECK(md.find("Scores are dot products", key) != std::string::npos);
  }
  SUBCASE("an invalid pack is 65, a missing one 66") {
    CHECK(run_qkv({"pack", "export", data_path("packs/bad-many.json"), "--to", "gift", "-o",
                   dir / "x.gift"})
              .exit_code == 65);
    CHECK(run_qkv({"pack", "export", dir / "none.json", "--to", "gift", "-o", dir / "x.gift"})
              .exit_code == 66);
  }
}
