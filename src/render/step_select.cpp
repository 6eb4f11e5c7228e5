#include "render/step_select.hpp"

namespace qkv::render {

using attention::Step;
using attention::Trace;

std::vector<SelectedStep> select_steps(const Trace& t, std::string_view id) {
  std::vector<SelectedStep> out;
  if (id.empty()) {
    for (const auto& s : t.steps) out.push_back({s.id, &s, &t});
    return out;
  }
  // A full id names one step: "weights" of a single head, or "head2/weights".
  if (const Step* s = t.find(id)) {
    const int head = attention::split_step_id(id).head;
    out.push_back({std::string(id), s, head < 0 ? &t : &t.heads[static_cast<std::size_t>(head)]});
    return out;
  }
  for (std::size_t h = 0; h < t.heads.size(); ++h)
    if (const Step* s = t.heads[h].find(id))
      out.push_back({attention::head_step_id(h, id), s, &t.heads[h]});
  return out;
}

}  // namespace qkv::render
