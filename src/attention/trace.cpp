#include "attention/trace.hpp"

#include <charconv>

#include "core/error.hpp"

namespace qkv::attention {

StepId split_step_id(std::string_view id) {
  if (id.substr(0, 4) == "head") {
    const auto slash = id.find('/');
    if (slash != std::string_view::npos) {
      int h = 0;
      auto [p, ec] = std::from_chars(id.data() + 4, id.data() + slash, h);
      if (ec == std::errc() && p == id.data() + slash && h >= 1)
        return {h - 1, id.substr(slash + 1)};
    }
  }
  return {-1, id};
}

const Step* Trace::find(std::string_view id) const {
  if (const auto [head, step] = split_step_id(id); head >= 0)
    return static_cast<std::size_t>(head) < heads.size()
               ? heads[static_cast<std::size_t>(head)].find(step)
               : nullptr;
  for (const auto& s : steps)
    if (s.id == id) return &s;
  return nullptr;
}

std::vector<std::string> Trace::step_ids() const {
  std::vector<std::string> ids;
  for (const auto& s : steps) ids.push_back(s.id);
  for (std::size_t h = 0; h < heads.size(); ++h)
    for (const auto& s : heads[h].steps) ids.push_back(head_step_id(h, s.id));
  return ids;
}

const Step& Trace::step(std::string_view id) const {
  if (const Step* s = find(id)) return *s;
  throw_data(no_step(id));
}

std::string Trace::no_step(std::string_view id) const {
  std::string known;
  for (const auto& i : step_ids()) known += (known.empty() ? "" : ", ") + i;
  return "there is no step '" + std::string(id) + "' in this computation; its steps are: " + known;
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

std::string head_step_id(std::size_t head, std::string_view step) {
  return "head" + std::to_string(head + 1) + "/" + std::string(step);
}

}  // namespace qkv::attention
