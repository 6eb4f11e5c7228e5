#pragma once
// Text helpers the importers and exporters share.
#include <string>
#include <string_view>
#include <vector>

namespace qkv::interchange {

/// s without leading and trailing spaces, tabs and newlines.
std::string_view trim(std::string_view s);

/// The 1-based line of byte `offset` in `text`.
int line_at(std::string_view text, std::size_t offset);

/// A pack id made of s: lower-case letters, digits and '-', at most 60 characters; empty when s
/// has no letter or digit.
std::string slug(std::string_view s);

/// HTML turned into readable plain text: tags removed, <br> and block elements become line
/// breaks, list items "- " (or "1. " in <ol>), <code> becomes `code`, <pre> keeps its layout,
/// entities (named, &#NN; and &#xHH;) are decoded, runs of white space outside <pre> collapse.
/// The src of every <img> is appended to *images (when given).
std::string html_to_text(std::string_view html, std::vector<std::string>* images = nullptr);

/// True when s looks like HTML: it has a tag (<p>, </b>, <br/>) or an entity (&amp;, &#39;).
bool looks_like_html(std::string_view s);

/// Text for HTML: & < > " escaped, newlines as <br>.
std::string text_to_html(std::string_view s);

}  // namespace qkv::interchange
