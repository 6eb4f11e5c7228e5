#include "interchange/text_util.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "core/text.hpp"
#include "core/unicode.hpp"
#include "json/strings.hpp"

namespace qkv::interchange {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

struct Entity {
  const char* name;
  std::uint32_t cp;
};

// The entities Moodle's editors write, and the Greek and maths ones attention questions use.
constexpr Entity kEntities[] = {
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},        {"quot", '"'},     {"apos", '\''},
    {"nbsp", 0xA0},    {"ndash", 0x2013},  {"mdash", 0x2014},  {"lsquo", 0x2018}, {"rsquo", 0x2019},
    {"ldquo", 0x201C}, {"rdquo", 0x201D},  {"hellip", 0x2026}, {"times", 0xD7},   {"divide", 0xF7},
    {"middot", 0xB7},  {"minus", 0x2212},  {"plusmn", 0xB1},   {"le", 0x2264},    {"ge", 0x2265},
    {"ne", 0x2260},    {"asymp", 0x2248},  {"rarr", 0x2192},   {"larr", 0x2190},  {"radic", 0x221A},
    {"infin", 0x221E}, {"sum", 0x2211},    {"deg", 0xB0},      {"sup2", 0xB2},    {"sup3", 0xB3},
    {"frac12", 0xBD},  {"copy", 0xA9},     {"alpha", 0x3B1},   {"beta", 0x3B2},   {"gamma", 0x3B3},
    {"delta", 0x3B4},  {"epsilon", 0x3B5}, {"theta", 0x3B8},   {"lambda", 0x3BB}, {"mu", 0x3BC},
    {"pi", 0x3C0},     {"sigma", 0x3C3},   {"tau", 0x3C4},     {"phi", 0x3C6},    {"omega", 0x3C9},
    {"Sigma", 0x3A3},  {"Delta", 0x394},   {"eacute", 0xE9},   {"egrave", 0xE8},  {"agrave", 0xE0},
    {"uuml", 0xFC},    {"ouml", 0xF6},     {"auml", 0xE4},     {"szlig", 0xDF},   {"ccedil", 0xE7},
    {"laquo", 0xAB},   {"raquo", 0xBB},    {"bull", 0x2022},   {"euro", 0x20AC},  {"sect", 0xA7},
};

// Decodes the entity at s[i] == '&'; returns its length (0: not an entity) and its code point.
std::size_t entity_at(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const std::size_t semi = s.find(';', i);
  if (semi == std::string_view::npos || semi - i > 12 || semi == i + 1) return 0;
  const std::string_view body = s.substr(i + 1, semi - i - 1);
  if (body[0] == '#') {
    unsigned long v = 0;
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    for (char c : digits) {
      int d;
      if (c >= '0' && c <= '9')
        d = c - '0';
      else if (hex && lower_ascii(c) >= 'a' && lower_ascii(c) <= 'f')
        d = lower_ascii(c) - 'a' + 10;
      else
        return 0;
      v = v * (hex ? 16 : 10) + static_cast<unsigned long>(d);
      if (v > 0x10FFFF) return 0;
    }
    if (v == 0 || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    cp = static_cast<std::uint32_t>(v);
    return semi - i + 1;
  }
  for (const auto& e : kEntities)
    if (body == e.name) {
      cp = e.cp;
      return semi - i + 1;
    }
  return 0;
}

// The value of attribute `name` in the tag text `tag` ("img src='a.png' alt=x"), or "".
std::string attribute(std::string_view tag, std::string_view name) {
  for (std::size_t i = 0; i + name.size() < tag.size(); ++i) {
    if ((i > 0 && !is_space(tag[i - 1])) || tag.compare(i, name.size(), name) != 0) continue;
    std::size_t j = i + name.size();
    while (j < tag.size() && is_space(tag[j])) ++j;
    if (j >= tag.size() || tag[j] != '=') continue;
    ++j;
    while (j < tag.size() && is_space(tag[j])) ++j;
    if (j >= tag.size()) return "";
    const char q = tag[j];
    if (q == '"' || q == '\'') {
      const std::size_t end = tag.find(q, j + 1);
      return std::string(tag.substr(j + 1, end == std::string_view::npos ? end : end - j - 1));
    }
    std::size_t end = j;
    while (end < tag.size() && !is_space(tag[end]) && tag[end] != '/') ++end;
    return std::string(tag.substr(j, end - j));
  }
  return "";
}

}  // namespace

std::string_view trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

int line_at(std::string_view text, std::size_t offset) {
  int line = 1;
  const std::size_t end = std::min(offset, text.size());
  for (std::size_t i = 0; i < end; ++i)
    if (text[i] == '\n') ++line;
  return line;
}

std::string slug(std::string_view s) {
  std::string out;
  bool dash = false;
  for (char c : s) {
    const char l = lower_ascii(c);
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += l;
      if (out.size() >= 60) break;
    } else {
      dash = true;
    }
  }
  return out;
}

bool looks_like_html(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<' && i + 1 < s.size()) {
      const char n = lower_ascii(s[i + 1]);
      if ((n >= 'a' && n <= 'z') || n == '/' || n == '!') {
        if (s.find('>', i) != std::string_view::npos) return true;
      }
    } else if (s[i] == '&') {
      std::uint32_t cp;
      if (entity_at(s, i, cp)) return true;
    }
  }
  return false;
}

std::string html_to_text(std::string_view html, std::vector<std::string>* images) {
  std::string out;
  out.reserve(html.size());
  int pre = 0;                 // inside <pre>
  std::vector<int> lists;      // per open list: 0 for <ul>, else the next number of an <ol>
  bool pending_space = false;  // white space seen outside <pre>, not yet written
  std::size_t skip_until = std::string_view::npos;  // inside <script> or <style>
  auto newline = [&](int count) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    int have = 0;
    for (auto it = out.rbegin(); it != out.rend() && *it == '\n'; ++it) ++have;
    if (out.empty()) return;
    for (; have < count; ++have) out += '\n';
    pending_space = false;
  };
  for (std::size_t i = 0; i < html.size();) {
    const char c = html[i];
    if (c == '<') {
      if (html.compare(i, 4, "<!--") == 0) {
        const std::size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      if (html.compare(i, 9, "<![CDATA[") == 0) {
        const std::size_t end = html.find("]]>", i + 9);
        const std::size_t stop = end == std::string_view::npos ? html.size() : end;
        out.append(html.substr(i + 9, stop - i - 9));
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      const std::size_t end = html.find('>', i);
      if (end == std::string_view::npos || i + 1 >= html.size() ||
          !(std::isalpha(static_cast<unsigned char>(html[i + 1])) || html[i + 1] == '/' ||
            html[i + 1] == '!')) {
        if (pending_space && !out.empty()) out += ' ';
        pending_space = false;
        out += '<';
        ++i;
        continue;
      }
      std::string_view tag = html.substr(i + 1, end - i - 1);
      i = end + 1;
      const bool closing = !tag.empty() && tag[0] == '/';
      if (closing) tag.remove_prefix(1);
      std::string name;
      for (char t : tag) {
        if (is_space(t) || t == '/') break;
        name += lower_ascii(t);
      }
      if (skip_until != std::string_view::npos) {
        if (closing && (name == "script" || name == "style")) skip_until = std::string_view::npos;
        continue;
      }
      if (!closing && (name == "script" || name == "style")) {
        skip_until = 0;
        continue;
      }
      if (name == "br") {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += '\n';
        pending_space = false;
      } else if (name == "p" || name == "div" || name == "h1" || name == "h2" || name == "h3" ||
                 name == "h4" || name == "h5" || name == "h6" || name == "blockquote" ||
                 name == "table") {
        newline(2);
      } else if (name == "tr") {
        newline(1);
      } else if (name == "td" || name == "th") {
        if (!closing && !out.empty() && out.back() != '\n') out += " | ";
        pending_space = false;
      } else if (name == "ul" || name == "ol") {
        if (closing) {
          if (!lists.empty()) lists.pop_back();
          newline(lists.empty() ? 2 : 1);
        } else {
          newline(lists.empty() ? 2 : 1);
          lists.push_back(name == "ol" ? 1 : 0);
        }
      } else if (name == "li") {
        if (!closing) {
          newline(1);
          out += std::string(2 * (lists.empty() ? 0 : lists.size() - 1), ' ');
          if (!lists.empty() && lists.back() > 0)
            out += std::to_string(lists.back()++) + ". ";
          else
            out += "- ";
          pending_space = false;
        }
      } else if (name == "pre") {
        newline(2);
        pre += closing ? (pre > 0 ? -1 : 0) : 1;
      } else if (name == "code" || name == "tt" || name == "kbd") {
        if (!pre) {
          if (!closing && pending_space && !out.empty()) out += ' ';
          pending_space = false;
          out += '`';
        }
      } else if (name == "img") {
        const std::string src = attribute(tag, "src");
        const std::string alt = attribute(tag, "alt");
        if (images) images->push_back(src.empty() ? "(an image without src)" : src);
        if (!alt.empty()) {
          if (pending_space && !out.empty()) out += ' ';
          out += "[image: " + alt + "]";
          pending_space = false;
        }
      } else if (name == "sup" && !closing) {
        out += '^';
      } else if (name == "sub" && !closing) {
        out += '_';
      }
      continue;
    }
    if (skip_until != std::string_view::npos) {
      ++i;
      continue;
    }
    std::uint32_t cp = 0;
    std::size_t len = 0;
    if (c == '&' && (len = entity_at(html, i, cp)) != 0) {
      i += len;
      if (cp == 0xA0) cp = ' ';  // a no-break space reads as a space
      if (pending_space && !out.empty() && out.back() != '\n') out += ' ';
      pending_space = false;
      append_utf8(out, cp);
      continue;
    }
    if (!pre && is_space(c)) {
      pending_space = true;
      ++i;
      continue;
    }
    if (pending_space && !out.empty() && out.back() != '\n') out += ' ';
    pending_space = false;
    out += c;
    ++i;
  }
  return std::string(trim(out));
}

std::string text_to_html(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\n':
        out += "<br>\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace qkv::interchange
