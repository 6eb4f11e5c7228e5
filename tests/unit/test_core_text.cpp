#include <doctest/doctest.h>

#include "core/text.hpp"
#include "core/unicode.hpp"

using namespace qkv;

TEST_CASE("sanitize neutralises escape sequences and control characters") {
  CHECK(sanitize_block("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m");
  CHECK(sanitize_block("bell\a and nul") == "bell\\x07 and nul");
  CHECK(sanitize_block(std::string("a\0b", 3)) == "a\\x00b");
  CHECK(sanitize_block("del\x7f") == "del\\x7f");
  // C1 control U+009B (CSI) encoded in UTF-8
  CHECK(sanitize_block("x\xc2\x9by") == "x\\u009by");
}

TEST_CASE("sanitize keeps newlines, tabs and ordinary UTF-8") {
  CHECK(sanitize_block("line 1\n\tline 2") == "line 1\n\tline 2");
  CHECK(sanitize_block("softmax(QKᵀ/√dₖ)") == "softmax(QKᵀ/√dₖ)");
  CHECK(sanitize_line("a\nb") == "a\\nb");
}

TEST_CASE("sanitize replaces invalid UTF-8 with U+FFFD") {
  CHECK(sanitize_block("a\xff"
                       "b") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(sanitize_block("\xc0\xaf") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
}

TEST_CASE("escape_controls escapes controls as sanitize_block does but keeps hidden characters") {
  // U+202E (right-to-left override) stays, for pack lint to find; sanitize_block marks it.
  const std::string rlo = "a\xe2\x80\xae" "b";
  CHECK(escape_controls(rlo) == rlo);
  CHECK(sanitize_block(rlo) == "a<U+202E>b");
  CHECK(escape_controls("x\x1b[2Jy\n\tz\xc2\x9b") == "x\\x1b[2Jy\n\tz\\u009b");
  CHECK(escape_controls("a\xff") == "a\xEF\xBF\xBD");
}

TEST_CASE("valid_utf8 finds the first bad byte") {
  std::size_t at = 99;
  CHECK(valid_utf8("ok √"));
  CHECK_FALSE(valid_utf8("ok\xe2\x88", &at));
  CHECK(at == 2);
  CHECK_FALSE(valid_utf8("\xed\xa0\x80"));  // surrogate
}

TEST_CASE("normalize_answer trims, collapses spaces and ignores case") {
  CHECK(normalize_answer("  The   Key\t") == "the key");
  CHECK(normalize_answer("") == "");
}

TEST_CASE("display_width counts terminal columns: escapes none, wide characters two") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("√dₖ") == 3);
  CHECK(display_width("−∞ ✓ ✗ █▓▒░") == 11);
  // Colour codes take no column (the drill's "Yours:" table is padded with them inside).
  CHECK(display_width("\x1b[32m✓\x1b[0m") == 1);
  CHECK(display_width("\x1b[38;5;22;48;5;194m0.50\x1b[0m") == 4);
  CHECK(display_width("\x1b]8;;https://x.org\x1b\\link\x1b]8;;\x1b\\") == 4);  // OSC 8
  // CJK and most emoji are two columns; combining marks and zero-width characters none.
  CHECK(display_width("注意力") == 6);
  CHECK(display_width("ｑｋｖ") == 6);  // fullwidth Latin
  CHECK(display_width("🙂") == 2);
  CHECK(display_width("e\u0301") == 1);  // e + combining acute
  CHECK(display_width("a\u200Bb") == 2);
  // A stray byte is shown as one replacement character.
  CHECK(display_width("a\xff"
                      "b") == 3);
}

TEST_CASE("pad_left and pad_right pad to display columns, not bytes") {
  CHECK(pad_left("7", 3) == "  7");
  CHECK(pad_right("7", 3) == "7  ");
  // "√dₖ" is 7 bytes but 3 columns: one space makes it 4 wide.
  CHECK(pad_left("√dₖ", 4) == " √dₖ");
  CHECK(pad_right("√dₖ", 4) == "√dₖ ");
  // Coloured text pads by what shows; a wide character by its two columns.
  CHECK(pad_left("\x1b[31m✗\x1b[0m", 3) == "  \x1b[31m✗\x1b[0m");
  CHECK(pad_right("注", 3) == "注 ");
  // Already as wide or wider: unchanged.
  CHECK(pad_left("12345", 3) == "12345");
  CHECK(pad_right("abc", 3) == "abc");
}

TEST_CASE("join and plural") {
  CHECK(join({}, ", ").empty());
  CHECK(join({"a"}, ", ") == "a");
  CHECK(join({"a", "b", "c"}, ", ") == "a, b, c");
  CHECK(plural(1, "question", "questions") == "1 question");
  CHECK(plural(0, "question", "questions") == "0 questions");
}

TEST_CASE("sanitize shows bidi controls, separators and zero-width characters as <U+XXXX>") {
  // "Trojan Source": U+202E reverses what follows; the learner must see it, not its effect.
  CHECK(sanitize_block("a\u202Eb\u2066c\u2069") == "a<U+202E>b<U+2066>c<U+2069>");
  CHECK(sanitize_block("\u200E\u200F\u061C") == "<U+200E><U+200F><U+061C>");
  CHECK(sanitize_block("x\u2028y\u2029z") == "x<U+2028>y<U+2029>z");
  CHECK(sanitize_block("zero\u200Bwidth\u200C\u200D\u2060\u2064") ==
        "zero<U+200B>width<U+200C><U+200D><U+2060><U+2064>");
  CHECK(sanitize_block("bom\uFEFF") == "bom<U+FEFF>");
  // Neighbours of the ranges are ordinary text.
  CHECK(sanitize_block("\u2027\u202F\u2065\u206A\u200A\u2010") ==
        "\u2027\u202F\u2065\u206A\u200A\u2010");
}

TEST_CASE("is_hidden_format covers exactly the listed ranges") {
  int count = 0;
  for (std::uint32_t cp = 0; cp < 0x10000; ++cp) count += is_hidden_format(cp);
  // 200B-200F (5), 2028-202E (7), 2060-2064 (5), 2066-2069 (4), 061C, FEFF
  CHECK(count == 5 + 7 + 5 + 4 + 1 + 1);
}
