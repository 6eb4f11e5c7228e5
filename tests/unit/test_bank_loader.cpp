// Loading packs from text, files and directories: positions, robustness against hostile input,
// directory packs, and load_bank.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "bank/loader.hpp"
#include "core/files.hpp"
#include "support/paths.hpp"

namespace fs = std::filesystem;
using qkv::Diagnostic;
using qkv::bank::load_pack;
using qkv::bank::parse_pack;

namespace {

std::string data(const std::string& rel) {
  return qkv::test::data_dir() + "/" + rel;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A scratch directory, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() / ("qkv-test-" + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  fs::path write(const std::string& rel, const std::string& text) const {
    const fs::path p = path / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
};

const Diagnostic* find(const std::vector<Diagnostic>& ds, const std::string& fragment) {
  for (const auto& d : ds)
    if (d.message.find(fragment) != std::string::npos) return &d;
  return nullptr;
}

const char* kMinimal = R"({"format": "qkv-pack/1", "id": "m", "title": "M", "version": "1",
  "concepts": [{"id": "c", "name": "C"}],
  "questions": [{"id": "q", "type": "short", "concepts": ["c"], "difficulty": 1,
                 "prompt": "PROMPT", "accept": ["a"]}]})";

}  // namespace

TEST_CASE("every error of the bad-many fixture is at the line and column of its value") {
  // Expected: the pointer, the line, and the text the value starts with on that line (its
  // column is computed here from the fixture, independently of the loader).
  struct Expected {
    const char* pointer;
    int line;
    const char* starts_with;
  };
  const Expected expected[] = {
      {"/concepts/1/prerequisites/0", 8, "\"a\""},
      {"/concepts/2/id", 9, "\"a\""},
      {"/concepts/3/prerequisites/0", 10, "\"nowhere\""},
      {"/questions/0/type", 13, "\"singel\""},
      {"/questions/1/options", 15, "["},
      {"/questions/2/options", 17, "["},
      {"/questions/3/options", 19, "["},
      {"/questions/4/pairs", 21, "["},
      {"/questions/5/items", 23, "["},
      {"/questions/6/tolerance", 25, "-0.5"},
      {"/questions/7/concepts/0", 26, "\"undefined-concept\""},
      {"/questions/8/id", 28, "\"q8\""},
      {"/questions/8/difficulty", 28, "5"},
      {"/questions/8/prompt", 28, "\"\""},
      {"/questions/9/explaination", 30, "\"typo\""},
      {"/questions/10/prompt", 31, "42"},
      {"/questions/10/answer", 31, "\"yes\""},
  };
  const std::string path = data("packs/bad-many.json");
  std::vector<std::string> lines;
  std::istringstream in(slurp(path));
  for (std::string l; std::getline(in, l);) lines.push_back(l);

  bool unreadable = true;
  const auto r = load_pack(path, &unreadable);
  CHECK_FALSE(unreadable);
  CHECK_FALSE(r.ok());
  REQUIRE(r.diagnostics.size() == std::size(expected));
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    const auto& d = r.diagnostics[i];
    const auto& e = expected[i];
    CAPTURE(d.message);
    CHECK(d.file == path);
    CHECK(d.pointer == e.pointer);
    CHECK(d.line == e.line);
    const std::string& line = lines[static_cast<std::size_t>(e.line - 1)];
    const auto at = line.find(e.starts_with);
    REQUIRE(at != std::string::npos);
    CHECK(d.column == static_cast<int>(at) + 1);
  }
}

TEST_CASE("a JSON syntax error is placed at the offending character") {
  const auto r = parse_pack("{\n  \"a\": 1,\n  \"b\": ]\n}", "syntax.json");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].line == 3);
  CHECK(r.diagnostics[0].column == 8);
  CHECK(r.diagnostics[0].message.find("JSON syntax error") == 0);
  CHECK(r.diagnostics[0].message.find("json.exception") == std::string::npos);
}

TEST_CASE("empty, blank, binary and non-object input gets a clear message, not a crash") {
  struct Case {
    std::string text;
    const char* fragment;
  };
  const Case cases[] = {
      {"", "the file is empty"},
      {" \n\t ", "the file is empty"},
      {std::string("\x7f"
                   "ELF\x02\x01\x01\0\0\0",
                   10),
       "binary file"},
      {"[1, 2]", "a pack must be a JSON object"},
      {"\"text\"", "a pack must be a JSON object"},
      {"{\"format\": ", "JSON syntax error"},
      {"\xEF\xBB\xBF", "JSON syntax error"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto r = parse_pack(c.text, "x.json");
    CHECK_FALSE(r.ok());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find(c.fragment) != std::string::npos);
  }
}

TEST_CASE("deep nesting is refused before parsing, with its place") {
  const std::string deep =
      "{\"questions\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  const auto r = parse_pack(deep, "deep.json");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message.find("nested more than 64 levels") != std::string::npos);
  CHECK(r.diagnostics[0].line == 1);
  CHECK(r.diagnostics[0].column == 15 + 63);
}

TEST_CASE("invalid UTF-8 is reported where it is, and the rest of the pack is still checked") {
  std::string text = kMinimal;
  text.replace(text.find("PROMPT"), 6, "PR\xFFMPT");
  text.replace(text.find("\"difficulty\": 1"), 15, "\"difficulty\": 7");
  const auto r = parse_pack(text, "utf.json");
  CHECK_FALSE(r.ok());
  REQUIRE(r.diagnostics.size() == 2);
  const Diagnostic* utf = find(r.diagnostics, "not valid UTF-8 (byte 0xFF)");
  REQUIRE(utf);
  CHECK(utf->pointer == "/questions/0/prompt");
  CHECK(utf->line == 4);
  CHECK(utf->column == 31);  // the bad byte itself
  CHECK(find(r.diagnostics, "difficulty must be 1, 2 or 3"));
}

TEST_CASE("a number too large for a double is an error at its place; checking goes on") {
  std::string text = kMinimal;
  text.replace(text.find("\"difficulty\": 1"), 15, "\"difficulty\": 1e400");
  text.replace(text.find("\"id\": \"q\""), 9, "\"id\": \"bad id\"");
  const auto r = parse_pack(text, "big.json");
  REQUIRE(r.diagnostics.size() == 3);  // too large; then the patched 0 is out of 1..3; the id
  CHECK(find(r.diagnostics, "the number 1e400 is too large"));
  CHECK(find(r.diagnostics, "difficulty must be 1, 2 or 3"));
  CHECK(find(r.diagnostics, "question id \"bad id\" is not a valid id"));
}

TEST_CASE("duplicate keys are errors naming both places") {
  std::string text = kMinimal;
  text.replace(text.find("\"prompt\""), 8, "\"prompt\": \"one\", \"prompt\"");
  const auto r = parse_pack(text, "dup.json");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].pointer == "/questions/0/prompt");
  CHECK(r.diagnostics[0].message.find("duplicate key \"prompt\" (first at line 4, column 18)") ==
        0);
  CHECK(r.diagnostics[0].line == 4);
  CHECK(r.diagnostics[0].column == 35);
}

TEST_CASE("a pathological number of problems is capped with a note") {
  std::string text =
      "{\"format\": \"qkv-pack/1\", \"id\": \"x\", \"title\": \"x\", \"version\": \"1\", "
      "\"questions\": [";
  for (int i = 0; i < 20000; ++i) text += i ? ",{}" : "{}";
  text += "]}";
  const auto r = parse_pack(text, "many.json");
  CHECK_FALSE(r.ok());
  REQUIRE(r.diagnostics.size() == 1001);
  CHECK(r.diagnostics.back().message.find("more not shown") != std::string::npos);
}

TEST_CASE("a pack file over the 1 GiB limit is refused before it is read") {
  TempDir tmp;
  const fs::path big = tmp.write("big.json", "{}");
  fs::resize_file(big, qkv::kMaxPackBytes + 1);  // sparse: takes no disk space
  bool unreadable = true;
  const auto f = load_pack(big, &unreadable);
  CHECK_FALSE(unreadable);  // readable, but invalid: exit 65, not 66
  REQUIRE(f.diagnostics.size() == 1);
  CHECK(f.diagnostics[0].file == big.string());
  CHECK(f.diagnostics[0].message.find("1 GiB") != std::string::npos);
}

TEST_CASE("a pack file over 16 MiB (the old limit) is read") {
  TempDir tmp;
  std::string text = kMinimal;
  text.insert(text.size() - 1, std::string(qkv::kMaxInputBytes + 10, ' '));
  const auto r = load_pack(tmp.write("p.json", text));
  CHECK(r.ok());
}

TEST_CASE("entries of questions/ that are not regular files are reported by name, never read") {
  TempDir tmp;
  const fs::path dir = tmp.path / "pack";
  tmp.write("pack/pack.json",
            R"({"format": "qkv-pack/1", "id": "d", "title": "D", "version": "1",
                "concepts": [{"id": "c", "name": "C"}]})");
  tmp.write("pack/questions/ok.json", R"({"questions": []})");
  fs::create_directories(dir / "questions" / "dir.json");
  REQUIRE(mkfifo((dir / "questions" / "fifo.json").c_str(), 0600) == 0);
  fs::create_symlink(dir / "questions" / "loop2.json", dir / "questions" / "loop1.json");
  fs::create_symlink(dir / "questions" / "loop1.json", dir / "questions" / "loop2.json");
  fs::create_symlink(dir / "questions" / "gone.json", dir / "questions" / "dangling.json");
  fs::create_symlink("/dev/zero", dir / "questions" / "zero.json");
  bool unreadable = false;
  const auto r = load_pack(dir, &unreadable);
  CHECK_FALSE(r.ok());
  CHECK(unreadable);
  auto named = [&](const std::string& entry, const std::string& fragment) {
    for (const auto& d : r.diagnostics)
      if (d.file == (dir / "questions" / entry).string() &&
          d.message.find(fragment) != std::string::npos)
        return d.severity;
    FAIL("no diagnostic for " << entry << " saying " << fragment);
    return qkv::Severity::warning;
  };
  CHECK(named("dir.json", "a directory") == qkv::Severity::warning);
  CHECK(named("fifo.json", "named pipe (FIFO)") == qkv::Severity::error);
  CHECK(named("loop1.json", "loops") == qkv::Severity::error);
  CHECK(named("loop2.json", "loops") == qkv::Severity::error);
  CHECK(named("dangling.json", "which does not exist") == qkv::Severity::error);
  CHECK(named("zero.json", "is a device") == qkv::Severity::error);
  CHECK(r.diagnostics.size() == 6);
}

TEST_CASE("a pack directory whose questions is a plain file is an error naming it") {
  TempDir tmp;
  tmp.write("pack/pack.json", R"({"format": "qkv-pack/1", "id": "d", "title": "D",
                                 "version": "1", "concepts": [{"id": "c", "name": "C"}]})");
  tmp.write("pack/questions", R"({"questions": []})");
  const auto r = load_pack(tmp.path / "pack");
  CHECK_FALSE(r.ok());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].file == (tmp.path / "pack" / "questions").string());
  CHECK(r.diagnostics[0].message.find("not a directory") != std::string::npos);
}

TEST_CASE("a missing file is unreadable, with its path") {
  bool unreadable = false;
  const auto r = load_pack(data("packs/no-such-pack.json"), &unreadable);
  CHECK(unreadable);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].file == data("packs/no-such-pack.json"));
  CHECK(r.diagnostics[0].message == "no such file");
}

TEST_CASE("a directory pack reads pack.json and questions/*.json in file-name order") {
  bool unreadable = true;
  const auto r = load_pack(data("packs/valid-dir"), &unreadable);
  CHECK_FALSE(unreadable);
  CHECK(r.diagnostics.empty());
  REQUIRE(r.pack);
  CHECK(r.pack->id == "dirpack");
  CHECK(r.pack->authors == std::vector<std::string>{"Test Author"});
  REQUIRE(r.pack->questions.size() == 4);  // notes.txt is not a questions file
  CHECK(r.pack->questions[0].id == "order-1");
  CHECK(r.pack->questions[3].id == "words-2");
  CHECK(r.pack->questions[3].pack_id == "dirpack");
  CHECK(r.pack->questions[2].loc.file == data("packs/valid-dir/questions/02-words.json"));
  CHECK(r.pack->questions[2].loc.line == 2);
}

TEST_CASE("problems in a directory pack name the file they are in") {
  TempDir tmp;
  tmp.write("p/pack.json", R"({"format": "qkv-pack/1", "id": "p", "title": "P", "version": "1",
    "concepts": [{"id": "c", "name": "C"}]})");
  tmp.write("p/questions/b.json", R"({"questions": [
    {"id": "q1", "type": "short", "concepts": ["c"], "difficulty": 1, "prompt": "p", "accept": ["a"]}]})");
  tmp.write("p/questions/a.json", R"({"questions": [
    {"id": "q1", "type": "short", "concepts": ["c"], "difficulty": 1, "prompt": "p", "accept": ["a"]}],
    "id": "not here"})");
  const auto r = load_pack(tmp.path / "p");
  REQUIRE(r.diagnostics.size() == 2);
  const std::string a = (tmp.path / "p/questions/a.json").string();
  const std::string b = (tmp.path / "p/questions/b.json").string();
  CHECK(r.diagnostics[0].file == a);  // sorted by file order: a.json first
  CHECK(r.diagnostics[0].pointer == "/id");
  CHECK(r.diagnostics[0].message.find("belongs in pack.json") != std::string::npos);
  CHECK(r.diagnostics[1].file == b);
  CHECK(r.diagnostics[1].message.find("duplicate question id \"q1\"; first defined at " + a +
                                      ":2:5") == 0);
}

TEST_CASE("a directory without pack.json is unreadable") {
  TempDir tmp;
  bool unreadable = false;
  const auto r = load_pack(tmp.path, &unreadable);
  CHECK(unreadable);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message.find("no pack.json") == 0);
}

TEST_CASE("load_bank uses the given packs, skips a pack named twice and refuses clashing ids") {
  using qkv::bank::load_bank;
  const auto bank = load_bank(
      {data("packs/valid-small.json"), data("packs/valid-dir"), data("packs/valid-small.json")},
      false);
  REQUIRE(bank.packs.size() == 2);
  CHECK(bank.find_question("small/k1"));
  CHECK(bank.find_question("dirpack/words-1"));
  CHECK_FALSE(bank.find_question("dirpack/k1"));
  CHECK(bank.all_questions().size() == 7);

  TempDir tmp;
  tmp.write("copy.json", slurp(data("packs/valid-small.json")));
  try {
    load_bank({data("packs/valid-small.json"), (tmp.path / "copy.json").string()}, false);
    FAIL("clashing ids must be refused");
  } catch (const qkv::Error& e) {
    CHECK(e.code() == qkv::Exit::data);
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].message.find("pack id \"small\" is already used") == 0);
  }
}

TEST_CASE("load_bank throws every diagnostic, with exit 66 for a path that cannot be read") {
  using qkv::bank::load_bank;
  try {
    load_bank({data("packs/bad-many.json")}, false);
    FAIL("an invalid pack must throw");
  } catch (const qkv::Error& e) {
    CHECK(e.code() == qkv::Exit::data);
    CHECK(e.diagnostics().size() == 17);
  }
  try {
    load_bank({data("packs/bad-many.json"), data("packs/missing.json")}, false);
    FAIL("a missing pack must throw");
  } catch (const qkv::Error& e) {
    CHECK(e.code() == qkv::Exit::no_input);
    CHECK(e.diagnostics().size() == 18);
  }
}

TEST_CASE("load_bank uses the built-in bank by default and adds it with include_builtin") {
  using qkv::bank::load_bank;
  TempDir tmp;
  fs::create_directories(tmp.path / "packs");
  fs::copy(data("packs/valid-dir"), tmp.path / "packs/core", fs::copy_options::recursive);
  const char* old = std::getenv("QKV_CONTENT_DIR");
  const std::string saved = old ? old : "";
  setenv("QKV_CONTENT_DIR", tmp.path.c_str(), 1);
  const auto by_default = load_bank({}, false);
  const auto both = load_bank({data("packs/valid-small.json")}, true);
  const auto only_given = load_bank({data("packs/valid-small.json")}, false);
  if (old) {
    setenv("QKV_CONTENT_DIR", saved.c_str(), 1);
  } else {
    unsetenv("QKV_CONTENT_DIR");
  }
  REQUIRE(by_default.packs.size() == 1);
  CHECK(by_default.packs[0].id == "dirpack");
  REQUIRE(both.packs.size() == 2);
  CHECK(both.packs[0].id == "small");
  CHECK(both.packs[1].id == "dirpack");
  REQUIRE(only_given.packs.size() == 1);
  CHECK(only_given.packs[0].id == "small");
}
