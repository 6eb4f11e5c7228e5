// The one wrapper (core/text.hpp wrap and wrap_block): every line within the width, words
// whole, hanging indents, colour codes and wide characters measured as a terminal shows them,
// fenced code verbatim.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/text.hpp"

using qkv::display_width;
using qkv::wrap;
using qkv::wrap_block;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The words of text, white space and colour codes left out.
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

const std::string kProse =
    "Scaling the scores by one over the square root of d_k keeps their variance near one, so "
    "that the softmax does not saturate and its gradients do not vanish as the width grows.";

}  // namespace

TEST_CASE("wrap breaks between words, never inside one, and every line fits") {
  for (std::size_t width : {20, 33, 60, 80}) {
    CAPTURE(width);
    const std::string out = wrap(kProse, "", width);
    for (const auto& line : lines_of(out)) CHECK(display_width(line) <= width);
    CHECK(words_of(out) == words_of(kProse));  // every word intact, in order
    // Greedy: no line could have taken the next line's first word.
    const auto lines = lines_of(out);
    for (std::size_t i = 0; i + 1 < lines.size(); ++i)
      CHECK(display_width(lines[i]) + 1 + display_width(words_of(lines[i + 1])[0]) > width);
  }
  CHECK(wrap("one two three", "", 9) == "one two\nthree\n");
  CHECK(wrap("", "  ", 40).empty());
  CHECK(wrap("  a \n\n b\t c ", "", 40) == "a b c\n");  // white space runs become one space
}

TEST_CASE("wrap with width 0 does not wrap: one line") {
  CHECK(wrap(kProse, "  ", 0) == "  " + kProse + "\n");
}

TEST_CASE("wrap: the first line's lead and a hanging indent for the rest") {
  CHECK(wrap("the query of each token", "  a) ", "     ", 16) ==
        "  a) the query\n     of each\n     token\n");
  CHECK(wrap("alpha beta gamma", "> ", 11) == "> alpha\n> beta\n> gamma\n");
}

TEST_CASE("wrap breaks a word longer than the line at the width, and only such a word") {
  const std::string url = "https://example.org/a/very/long/path/that/cannot/fit";
  const std::string out = wrap("see " + url + " now", "  ", 20);
  for (const auto& line : lines_of(out)) CHECK(display_width(line) <= 20);
  CHECK(out ==
        "  see\n"
        "  https://example.or\n"
        "  g/a/very/long/path\n"
        "  /that/cannot/fit\n"
        "  now\n");
  // A wide character is never cut in half: it moves to the next line whole.
  const std::string cjk = wrap("注意力注意力", "", 5);
  CHECK(cjk == "注意\n力注\n意力\n");
}

TEST_CASE("wrap measures colour codes as nothing and keeps them whole") {
  const std::string red = "\x1b[31m", off = "\x1b[0m";
  const std::string text = red + "Wrong." + off + " The answer is " + red + "b" + off +
                           ", the keys are what each query is compared with.";
  const std::string out = wrap(text, "", 24);
  for (const auto& line : lines_of(out)) CHECK(display_width(line) <= 24);
  // Without the codes the layout is the plain text's, so colour changes no line break.
  std::string plain = out;
  for (const std::string& code : {red, off})
    for (std::size_t at; (at = plain.find(code)) != std::string::npos;)
      plain.erase(at, code.size());
  CHECK(plain ==
        wrap("Wrong. The answer is b, the keys are what each query is compared with.", "", 24));
  // A coloured word longer than the line is cut between characters, never inside a code.
  const std::string long_word = wrap(red + std::string(30, 'x') + off, "", 12);
  CHECK(long_word == red + "xxxxxxxxxxxx\nxxxxxxxxxxxx\nxxxxxx" + off + "\n");
}

TEST_CASE("wrap counts wide characters as two columns") {
  const std::string text = "注意力 机制 把 查询 与 键 比较 得到 权重";
  const std::string out = wrap(text, "", 10);
  for (const auto& line : lines_of(out)) CHECK(display_width(line) <= 10);
  // 注意力 is 6 columns and 机制 4: with the space 11, one too many for the first line.
  CHECK(lines_of(out) ==
        std::vector<std::string>{"注意力", "机制 把", "查询 与 键", "比较 得到", "权重"});
}

TEST_CASE("wrap_block keeps lines that fit as written and wraps the others") {
  const std::string text = "Q   K   V\n\n" + kProse + "\n";
  const std::string out = wrap_block(text, 40);
  CHECK(out.rfind("Q   K   V\n\n", 0) == 0);  // fits: inner spaces kept; the blank line stays
  for (const auto& line : lines_of(out)) CHECK(display_width(line) <= 40);
  CHECK(words_of(out) == words_of(text));
  // Width 0: nothing is wrapped, every line as written.
  CHECK(wrap_block(text, 0) == text);
}

TEST_CASE("wrap_block: an option's continuation lines sit under its text, not its letter") {
  const std::string out = wrap_block(
      "It lets every position look at every other position in one step.", 30, "  b) ", "     ");
  CHECK(out ==
        "  b) It lets every position\n"
        "     look at every other\n"
        "     position in one step.\n");
  // A second line of the option's own text starts under the text too.
  CHECK(wrap_block("first\nsecond", 30, "  c) ", "     ") == "  c) first\n     second\n");
}

TEST_CASE("wrap_block hangs a list item under its text and keeps a line's own indent") {
  const std::string out =
      wrap_block("Steps:\n- multiply the queries by the keys\n  1. then scale them down", 24);
  CHECK(out ==
        "Steps:\n"
        "- multiply the queries\n"
        "  by the keys\n"
        "  1. then scale them\n"
        "     down\n");
}

TEST_CASE("wrap_block shows fenced code verbatim and never re-wraps it") {
  const std::string code = "scores = q @ k.transpose(-2, -1) / math.sqrt(d_head)  # kept whole";
  const std::string text = "Run this, which is longer than the width:\n```python\n" + code +
                           "\n    x  =  1\n```\nand then read the scores.";
  const std::string out = wrap_block(text, 24, "", "", "    ");
  CHECK(out ==
        "Run this, which is\n"
        "longer than the width:\n"
        "    " +
            code +
            "\n"
            "        x  =  1\n"
            "and then read the\n"
            "scores.\n");
  CHECK(out.find("```") == std::string::npos);
  // Under an option's lead the code keeps its place too.
  CHECK(wrap_block("```\na  b\n```", 30, "  a) ", "     ") == "  a)     a  b\n");
}

TEST_CASE("wrap: a first lead wider than the rest never makes it break a word that fits later") {
  // The lead takes 18 of 20 columns: "attention" goes to the next line whole, not cut in two.
  CHECK(wrap("attention weights", "  qkv learn 8     ", "  ", 20) ==
        "  qkv learn 8\n  attention weights\n");
  // A lead as wide as the line: the text starts on the next one.
  CHECK(wrap("a b", std::string(20, '>'), "", 20) == std::string(20, '>') + "\na b\n");
  // Even the continuation lead is too wide: the words go whole rather than letter by letter.
  CHECK(wrap("abc def", std::string(12, '.'), std::string(12, '.'), 10) ==
        std::string(12, '.') + "abc\n" + std::string(12, '.') + "def\n");
}
