#pragma once
// An attention Trace as Markdown for notes and handouts (headings, tables, formulas in code
// spans), and the escaping of untrusted text for Markdown.
#include <string>
#include <string_view>
#include <vector>

#include "attention/trace.hpp"
#include "render/options.hpp"

namespace qkv::render {

/// The same content as Markdown (headings, tables, formulas in code spans).
std::string render_markdown(const attention::Trace& t, const RenderOptions& o);

/// render_steps() as Markdown (for answer keys).
std::string render_steps_markdown(const attention::Trace& t, const std::vector<std::string>& ids,
                                  const RenderOptions& o);

/// Untrusted text for Markdown: sanitised, with | ` * _ < > escaped.
std::string markdown_escape(std::string_view s);

}  // namespace qkv::render
