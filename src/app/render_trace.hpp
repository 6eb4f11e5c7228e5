#pragma once
// Printing an attention Trace for people: plain text (with a heatmap of the weights), Markdown
// for notes and handouts, and a short summary for large sizes. The JSON form is in
// trace_json.hpp. Used by `qkv calc`, and by the drills to show worked steps.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "attention/trace.hpp"
#include "term/style.hpp"

namespace qkv::app {

enum class Explain {
  short_only,  ///< each step's one-line explanation
  with_why,    ///< also the longer "why" (why √d_k, why subtract the maximum, ...)
};

struct RenderOptions {
  int precision = 4;                      ///< decimals shown in matrices
  Explain explain = Explain::short_only;  ///< add each step's long explanation
  std::string step;        ///< show only this step ("weights", "head2/scores"); empty: all
  term::Style style;       ///< colour for headings and the heatmap (off by default)
  std::size_t width = 96;  ///< text renderer: wrap explanations at this many columns
};

/// A matrix entry as shown: rounded to `precision` decimals, −∞ as "−∞".
std::string cell_text(double v, int precision);

/// A step picked out of a trace: its full id ("head2/weights"), the step, and the trace it
/// belongs to (the head's own trace for a head's step, whose softmax details and labels go
/// with it).
struct SelectedStep {
  std::string id;
  const attention::Step* step = nullptr;
  const attention::Trace* owner = nullptr;
};

/// The steps that `id` selects: all top-level steps when id is empty; the step itself for a
/// full id; for a plain id such as "weights" in a multi-head trace, that step of every head.
/// Empty when none.
std::vector<SelectedStep> select_steps(const attention::Trace& t, std::string_view id);

/// For each id in order: on_decode() when it is "decode" (the decoding table, which is not a
/// step), otherwise on_step(selected) for every step select_steps() finds for it.
template <class OnStep, class OnDecode>
void for_each_selected(const attention::Trace& t, const std::vector<std::string>& ids,
                       OnStep on_step, OnDecode on_decode) {
  for (const auto& id : ids) {
    if (id == "decode")
      on_decode();
    else
      for (const auto& sel : select_steps(t, id)) on_step(sel);
  }
}

/// A matrix as aligned text with its row and column labels (sanitised), numbers rounded to
/// `precision` decimals, −∞ shown as "−∞"; every line starts with `indent`.
std::string matrix_text(const Matrix& m, const std::vector<std::string>& row_labels,
                        const std::vector<std::string>& col_labels, int precision,
                        std::string_view indent);

/// The weights as a heatmap: shade characters and two-decimal numbers, coloured when the style
/// is enabled, with a legend line.
std::string heatmap_text(const attention::Step& weights, const term::Style& style,
                         std::string_view indent);

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

/// The same content as Markdown (headings, tables, formulas in code spans).
std::string render_markdown(const attention::Trace& t, const RenderOptions& o);

/// Only the steps `ids`, in that order and numbered from 1, without the header: the worked steps
/// of a drill. Each id is a full id ("head2/weights"), or a plain id that selects that step of
/// every head (see select_steps()), or "decode" for the decoding records.
std::string render_steps(const attention::Trace& t, const std::vector<std::string>& ids,
                         const RenderOptions& o);

/// render_steps() as Markdown (for answer keys).
std::string render_steps_markdown(const attention::Trace& t, const std::vector<std::string>& ids,
                                  const RenderOptions& o);

/// Untrusted text for Markdown: sanitised, with | ` * _ < > escaped.
std::string markdown_escape(std::string_view s);

/// Only the sizes, the shapes of every step and the output (its corners when it is large).
std::string render_summary(const attention::Trace& t, const RenderOptions& o);

/// One line describing the problem: sizes, heads, mask and scale (shared by all formats).
std::string problem_line(const attention::Trace& t);

/// Wraps text at `width` display columns, each line starting with `indent`.
std::string wrap(std::string_view text, std::string_view indent, std::size_t width = 96);

}  // namespace qkv::app
