#include "attention/trace.hpp"

#include <charconv>

#include "core/error.hpp"

namespace qkv::attention {

const Step* Trace::find(std::string_view id) const {
  if (id.substr(0, 4) == "head" && id.find('/') != std::string_view::npos) {
    const auto slash = id.find('/');
    int h = 0;
    const auto digits = id.substr(4, slash - 4);
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), h);
    if (ec != std::errc() || p != digits.data() + digits.size() || h < 1 ||
        h > static_cast<int>(heads.size()))
      return nullptr;
    return heads[static_cast<std::size_t>(h - 1)].find(id.substr(slash + 1));
  }
  for (const auto& s : steps)
    if (s.id == id) return &s;
  return nullptr;
}

std::vector<std::string> Trace::step_ids() const {
  std::vector<std::string> ids;
  for (const auto& s : steps) ids.push_back(s.id);
  for (std::size_t h = 0; h < heads.size(); ++h)
    for (const auto& s : heads[h].steps) ids.push_back("head" + std::to_string(h + 1) + "/" + s.id);
  return ids;
}

const Step& Trace::step(std::string_view id) const {
  if (const Step* s = find(id)) return *s;
  std::string known;
  for (const auto& i : step_ids()) known += (known.empty() ? "" : ", ") + i;
  throw_data("there is no step '" + std::string(id) +
             "' in this computation; its steps are: " + known);
}

Matrix Trace::weights() const {
  if (heads.empty()) return step("weights").matrix;
  Matrix mean = heads.front().step("weights").matrix;
  for (std::size_t h = 1; h < heads.size(); ++h) mean += heads[h].step("weights").matrix;
  return mean / static_cast<double>(heads.size());
}

double trace_entry(const Trace& trace, std::string_view step, int row, int col) {
  const Step& s = trace.step(step);
  if (row < 0 || col < 0 || row >= s.matrix.rows() || col >= s.matrix.cols())
    throw_data("step '" + std::string(step) + "' is " + shape_text(s.matrix) +
               ", so it has no row " + std::to_string(row) + ", column " + std::to_string(col) +
               " (rows and columns count from 0 here)");
  return s.matrix(row, col);
}

}  // namespace qkv::attention
