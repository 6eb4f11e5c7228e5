#include "render/matrix_text.hpp"

#include <algorithm>
#include <cmath>

#include "core/text.hpp"
#include "term/heatmap.hpp"

namespace qkv::render {

using attention::Step;

std::string cell_text(double v, int precision) {
  if (std::isinf(v)) return v < 0 ? "−∞" : "∞";
  return format_number(v, precision);
}

std::string grid_text(const std::vector<std::vector<std::string>>& cells,
                      const std::vector<std::string>& row_labels,
                      const std::vector<std::string>& col_labels, std::string_view indent,
                      std::size_t width, Align align) {
  const std::size_t rows = cells.size(), cols = rows ? cells[0].size() : col_labels.size();
  auto row_label = [&](std::size_t i) { return i < row_labels.size() ? row_labels[i] : ""; };
  auto col_label = [&](std::size_t j) { return j < col_labels.size() ? col_labels[j] : ""; };
  std::size_t label_w = 0;
  for (std::size_t i = 0; i < rows; ++i) label_w = std::max(label_w, display_width(row_label(i)));
  bool any_col_label = false;
  std::vector<std::size_t> w(cols, 0);
  for (std::size_t j = 0; j < cols; ++j) {
    w[j] = display_width(col_label(j));
    any_col_label = any_col_label || w[j] > 0;
    for (std::size_t i = 0; i < rows; ++i) w[j] = std::max(w[j], display_width(cells[i][j]));
  }
  const std::string in(indent);
  // Right-aligned columns end flush; left-aligned ones are padded except the last of a line.
  auto cell = [&](const std::string& text, std::size_t j, bool last) {
    if (align == Align::right) return "  " + pad_left(text, w[j]);
    return "  " + (last ? text : pad_right(text, w[j]));
  };
  auto block = [&](std::size_t from, std::size_t to) {
    std::string out;
    if (any_col_label) {
      out += in + std::string(label_w, ' ');
      for (std::size_t j = from; j < to; ++j) out += cell(col_label(j), j, j + 1 == to);
      out += "\n";
    }
    for (std::size_t i = 0; i < rows; ++i) {
      out += in + pad_right(row_label(i), label_w);
      for (std::size_t j = from; j < to; ++j) out += cell(cells[i][j], j, j + 1 == to);
      out += "\n";
    }
    return out;
  };
  const std::size_t lead = display_width(in) + label_w;
  std::size_t total = lead;
  for (std::size_t j = 0; j < cols; ++j) total += 2 + w[j];
  if (width == 0 || total <= width || cols <= 1) return block(0, cols);
  // Too wide: blocks of as many whole columns as fit (at least one), as NumPy prints them.
  std::string out;
  for (std::size_t from = 0; from < cols;) {
    std::size_t to = from + 1, used = lead + 2 + w[from];
    while (to < cols && used + 2 + w[to] <= width) used += 2 + w[to++];
    out += (from ? "\n" : "") + in + "columns " + std::to_string(from + 1) +
           (to - from > 1 ? " to " + std::to_string(to) : "") + " of " + std::to_string(cols) +
           ":\n";
    out += block(from, to);
    from = to;
  }
  return out;
}

std::string matrix_text(const Matrix& m, const std::vector<std::string>& row_labels,
                        const std::vector<std::string>& col_labels, int precision,
                        std::string_view indent, std::size_t width) {
  std::vector<std::string> rows, cols;
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    rows.push_back(sanitize_line(static_cast<std::size_t>(i) < row_labels.size()
                                     ? row_labels[static_cast<std::size_t>(i)]
                                     : std::to_string(i + 1)));
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    cols.push_back(sanitize_line(static_cast<std::size_t>(j) < col_labels.size()
                                     ? col_labels[static_cast<std::size_t>(j)]
                                     : std::to_string(j + 1)));
  std::vector<std::vector<std::string>> cells(static_cast<std::size_t>(m.rows()));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      cells[static_cast<std::size_t>(i)].push_back(cell_text(m(i, j), precision));
  return grid_text(cells, rows, cols, indent, width);
}

std::string heatmap_text(const Step& weights, const term::Style& style, std::string_view indent,
                         std::size_t width) {
  const Matrix& m = weights.matrix;
  std::vector<std::string> rows, cols;
  for (const auto& r : weights.row_labels) rows.push_back(sanitize_line(r));
  for (const auto& c : weights.col_labels) cols.push_back(sanitize_line(c));
  std::vector<std::vector<std::string>> cells(static_cast<std::size_t>(m.rows()));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      cells[static_cast<std::size_t>(i)].push_back(
          pad_right(term::heat_cell(m(i, j), 2, style), 6));  // "█ 1.00" at least
  return wrap_block("Heatmap (" + term::heat_legend() + "):", width, indent, indent) +
         grid_text(cells, rows, cols, indent, width, Align::left);
}

}  // namespace qkv::render
