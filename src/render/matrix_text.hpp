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

/// A matrix as aligned text with its row and column labels (sanitised), numbers rounded to
/// `precision` decimals, −∞ shown as "−∞"; every line starts with `indent`.
std::string matrix_text(const Matrix& m, const std::vector<std::string>& row_labels,
                        const std::vector<std::string>& col_labels, int precision,
                        std::string_view indent);

/// The weights as a heatmap: shade characters and two-decimal numbers, coloured when the style
/// is enabled, with a legend line.
std::string heatmap_text(const attention::Step& weights, const term::Style& style,
                         std::string_view indent);

}  // namespace qkv::render
