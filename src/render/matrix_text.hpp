#pragma once
// Matrices as aligned text: entries, labelled tables and the heatmap of the weights.
#include <string>
#include <string_view>
#include <vector>

#include "attention/trace.hpp"
#include "core/numbers.hpp"
#include "term/style.hpp"

namespace qkv::render {

/// A matrix entry as shown: rounded to `precision` decimals, −∞ as "−∞".
std::string cell_text(double v, int precision);

enum class Align { right, left };

/// Cells as an aligned table, every line starting with `indent`: a header of the column labels
/// (when any is non-empty), then each row's label and its cells, aligned by display width
/// (colour codes count nothing). When the table is wider than `width` (0: no limit) it is shown
/// in column blocks, as NumPy prints a wide array: each block headed "columns 1 to 6 of 12:"
/// and holding as many whole columns as fit, every block with all the rows. Nothing is cut and
/// no row is wrapped. Labels and cells are shown as given (the caller sanitises).
std::string grid_text(const std::vector<std::vector<std::string>>& cells,
                      const std::vector<std::string>& row_labels,
                      const std::vector<std::string>& col_labels, std::string_view indent,
                      std::size_t width, Align align = Align::right);

/// A matrix as aligned text with its row and column labels (sanitised; 1, 2, ... where a label
/// is missing), numbers rounded to `precision` decimals, −∞ shown as "−∞"; every line starts
/// with `indent`; in column blocks when wider than `width` (grid_text).
std::string matrix_text(const Matrix& m, const std::vector<std::string>& row_labels,
                        const std::vector<std::string>& col_labels, int precision,
                        std::string_view indent, std::size_t width);

/// The weights as a heatmap: shade characters and two-decimal numbers, coloured when the style
/// is enabled, with a legend line; in column blocks when wider than `width` (grid_text).
std::string heatmap_text(const attention::Step& weights, const term::Style& style,
                         std::string_view indent, std::size_t width);

}  // namespace qkv::render
