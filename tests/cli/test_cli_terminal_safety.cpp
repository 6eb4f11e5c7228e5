// Untrusted text never reaches the terminal raw: a pack holding every C0 control, DEL, every C1
// control, the bidi controls, U+2028/2029, the zero-width characters and U+FEFF in every text a
// learner or an instructor sees (tests/data/packs/terminal-safety.json) goes through each
// command that shows it, text and --json. The raw bytes written on stdout and stderr must hold
// none of them: only newlines and tabs (layout, kept by sanitize), printable ASCII and visible
// UTF-8.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "harness.hpp"

using qkv_test::data_path;
using qkv_test::run_qkv;

namespace {

// Decodes UTF-8; returns the first forbidden character (or bad byte) with its offset, or "".
std::string first_unsafe(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = b0;
    std::size_t len = 1;
    if (b0 >= 0x80) {
      len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
      if (len == 0 || i + len > s.size()) return "a bad UTF-8 byte at offset " + std::to_string(i);
      cp = b0 & (0x7F >> len);
      for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Newlines and tabs are layout: sanitize keeps them (multi-line prompts).
    const bool control = (cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F);
    const bool hidden = (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
                        (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) ||
                        cp == 0x061C || cp == 0xFEFF;
    if (control || hidden) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "U+%04X at offset %zu", static_cast<unsigned>(cp), i);
      return buf + std::string(" near: ") + s.substr(i >= 40 ? i - 40 : 0, 80);
    }
    i += len;
  }
  return "";
}

struct Case {
  std::vector<std::string> args;
  std::string input;
};

}  // namespace

TEST_CASE("no control, bidi or zero-width character of a pack reaches the terminal raw") {
  const std::string pack = data_path("packs/terminal-safety.json");
  // Answers for every question in order (single, multi, tf, match, order, short, num), with
  // a hint and a wrong answer on the way, so that feedback, hints and explanations are shown.
  const std::string answers = "?\na\nc\nf\n1a 2b\nc b a\nsoft\n0.7\n";
  const std::vector<Case> cases = {
      {{"quiz", "--pack", pack, "--in-order", "--seed", "1", "-n", "0"}, answers},
      {{"quiz", "--pack", pack, "--in-order", "--seed", "1", "-n", "0", "--json"}, answers},
      {{"exam", "--pack", pack, "--exam", "x", "--seed", "1"}, "a\nb\nc\ny\n"},
      {{"exam", "--pack", pack, "--exam", "x", "--seed", "1", "--json"}, "a\nb\nc\ny\n"},
      {{"exam", "--pack", pack, "--list"}, ""},
      {{"learn", "--pack", pack}, ""},
      {{"learn", "roles", "--pack", pack}, ""},
      {{"learn", "--pack", pack, "--json"}, ""},
      {{"learn", "roles", "--pack", pack, "--json"}, ""},
      {{"quiz", "--pack", pack, "--list-concepts"}, ""},
      {{"pack", "info", pack}, ""},
      {{"pack", "info", pack, "--json"}, ""},
      {{"pack", "validate", pack}, ""},
      {{"pack", "lint", pack}, ""},
  };
  bool hidden_shown = false, json_escaped = false;
  for (const auto& c : cases) {
    std::string shown;
    for (const auto& a : c.args) shown += a + " ";
    CAPTURE(shown);
    qkv_test::RunOptions opts;
    opts.input = c.input;
    opts.env = {{"NO_COLOR", "<unset>"}};  // colour codes are qkv's own; check only pack text
    const auto r = run_qkv(c.args, opts);
    // An exam answered at random may fail its pass mark (exit 1); anything else must succeed.
    CHECK((r.exit_code == 0 || (c.args[0] == "exam" && r.exit_code == 1)));
    CHECK(r.out.size() > 0);
    CHECK(first_unsafe(r.out) == "");
    CHECK(first_unsafe(r.err) == "");
    hidden_shown = hidden_shown || r.out.find("<U+202E>") != std::string::npos;
    json_escaped = json_escaped || r.out.find("\\u202e\\u2066") != std::string::npos;
  }
  CHECK(hidden_shown);  // the characters were there, and shown visibly
  CHECK(json_escaped);
}
