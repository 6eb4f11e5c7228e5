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

std::string matrix_text(const Matrix& m, const std::vector<std::string>& row_labels,
                        const std::vector<std::string>& col_labels, int precision,
                        std::string_view indent) {
  std::vector<std::string> rows, cols;
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    rows.push_back(sanitize_line(static_cast<std::size_t>(i) < row_labels.size()
                                     ? row_labels[static_cast<std::size_t>(i)]
                                     : std::to_string(i + 1)));
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    cols.push_back(sanitize_line(static_cast<std::size_t>(j) < col_labels.size()
                                     ? col_labels[static_cast<std::size_t>(j)]
                                     : std::to_string(j + 1)));
  std::size_t label_w = 0;
  for (const auto& r : rows) label_w = std::max(label_w, display_width(r));
  std::vector<std::size_t> width(static_cast<std::size_t>(m.cols()));
  std::vector<std::vector<std::string>> cells(static_cast<std::size_t>(m.rows()));
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    width[static_cast<std::size_t>(j)] = display_width(cols[static_cast<std::size_t>(j)]);
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      cells[static_cast<std::size_t>(i)].push_back(cell_text(m(i, j), precision));
      width[static_cast<std::size_t>(j)] =
          std::max(width[static_cast<std::size_t>(j)],
                   display_width(cells[static_cast<std::size_t>(i)].back()));
    }
  std::string out = std::string(indent) + std::string(label_w, ' ');
  for (std::size_t j = 0; j < cols.size(); ++j) out += "  " + pad_left(cols[j], width[j]);
  out += "\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out += std::string(indent) + pad_right(rows[i], label_w);
    for (std::size_t j = 0; j < cols.size(); ++j) out += "  " + pad_left(cells[i][j], width[j]);
    out += "\n";
  }
  return out;
}

std::string heatmap_text(const Step& weights, const term::Style& style, std::string_view indent) {
  const Matrix& m = weights.matrix;
  std::size_t label_w = 0;
  for (const auto& r : weights.row_labels)
    label_w = std::max(label_w, display_width(sanitize_line(r)));
  std::size_t cell_w = 6;  // "█ 1.00"
  for (const auto& c : weights.col_labels)
    cell_w = std::max(cell_w, display_width(sanitize_line(c)));
  std::string out = std::string(indent) + "Heatmap (" + term::heat_legend() + "):\n";
  out += std::string(indent) + std::string(label_w, ' ');
  for (Eigen::Index j = 0; j < m.cols(); ++j) {
    const std::string label = sanitize_line(weights.col_labels[static_cast<std::size_t>(j)]);
    out += "  " + (j + 1 < m.cols() ? pad_right(label, cell_w) : label);
  }
  out += "\n";
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    out += std::string(indent) +
           pad_right(sanitize_line(weights.row_labels[static_cast<std::size_t>(i)]), label_w);
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      const std::string plain = term::heat_cell(m(i, j), 2, term::Style(false));
      const std::string shown = term::heat_cell(m(i, j), 2, style);
      out += "  " + shown;
      if (j + 1 < m.cols()) out += std::string(cell_w - display_width(plain), ' ');
    }
    out += "\n";
  }
  return out;
}

}  // namespace qkv::render
