#pragma once
// An attention Trace as plain text (with a heatmap of the weights) and as a short summary for
// large sizes. Markdown is in trace_markdown.hpp, JSON in trace_json.hpp. Used by `qkv calc`,
// `qkv learn`, and by the drills to show worked steps.
#include <string>
#include <vector>

#include "attention/trace.hpp"
#include "render/options.hpp"

namespace qkv::render {

/// Every step in order with its formula, shapes, matrix and explanation; after the weights their
/// softmax details and heatmap; each head in turn; then the decoding records, if any.
std::string render_text(const attention::Trace& t, const RenderOptions& o);

/// Whether render_text_steps() ends with the KV-cache decoding records.
enum class DecodeView {
  hide,
  show,  ///< when the trace has any (computed with Decode::kv_cache)
};

/// The header, then only the steps that `ids` select (each as select_steps() resolves it, in
/// the order given, numbered from 1; ids that select nothing are skipped), then with
/// DecodeView::show the decoding records. For showing the one or two steps a topic is about
/// (`qkv learn`); o.step is ignored.
std::string render_text_steps(const attention::Trace& t, const std::vector<std::string>& ids,
                              DecodeView decode, const RenderOptions& o);

/// Only the steps `ids`, in that order and numbered from 1, without the header: the worked steps
/// of a drill. Each id is a full id ("head2/weights"), or a plain id that selects that step of
/// every head (see select_steps()), or "decode" for the decoding records.
std::string render_steps(const attention::Trace& t, const std::vector<std::string>& ids,
                         const RenderOptions& o);

/// Only the sizes, the shapes of every step and the output (its corners when it is large).
std::string render_summary(const attention::Trace& t, const RenderOptions& o);

/// One line describing the problem: sizes, heads, mask and scale (shared by all formats).
std::string problem_line(const attention::Trace& t);

}  // namespace qkv::render
