#include "practice/exercise.hpp"

#include <algorithm>

namespace qkv::practice {

namespace {

struct KindInfo {
  Kind kind;
  const char* name;
  const char* summary;
};

constexpr KindInfo kInfo[] = {
    {Kind::projection, "projection", "q = x·W_q for one token, or a whole Q, K or V"},
    {Kind::score, "score", "a dot product q·k, then scaled by 1/√d_k"},
    {Kind::softmax, "softmax", "scores into attention weights"},
    {Kind::output, "output", "a weighted sum of value vectors, given the weights"},
    {Kind::attention, "attention", "a full small example: scores, scaled, weights, output"},
    {Kind::mask, "mask", "which entries a causal mask removes, and the weights that result"},
    {Kind::kv_cache, "kv-cache", "one decoding step with a KV cache"},
    {Kind::shapes, "shapes", "shapes of Q, K, V, S and O; how the number of scores grows"},
    {Kind::multihead, "multihead", "split into heads, one head's result, concatenation"},
};

}  // namespace

const char* kind_name(Kind k) {
  for (const auto& i : kInfo)
    if (i.kind == k) return i.name;
  return "?";
}

std::optional<Kind> parse_kind(std::string_view name) {
  if (name == "kv_cache") return Kind::kv_cache;
  for (const auto& i : kInfo)
    if (name == i.name) return i.kind;
  return std::nullopt;
}

const char* kind_summary(Kind k) {
  for (const auto& i : kInfo)
    if (i.kind == k) return i.summary;
  return "";
}

std::vector<std::string> kind_names() {
  std::vector<std::string> out;
  for (Kind k : kKinds) out.emplace_back(kind_name(k));
  return out;
}

std::vector<std::string> Exercise::steps() const {
  return parts.empty() ? std::vector<std::string>{} : steps_through(parts.size() - 1);
}

std::vector<std::string> Exercise::steps_through(std::size_t part) const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i <= part && i < parts.size(); ++i)
    for (const auto& s : parts[i].steps)
      if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  return out;
}

std::string shape_words(Eigen::Index rows, Eigen::Index cols) {
  if (rows == 1 && cols == 1) return "a number";
  if (rows == 1)
    return "a row of " + std::to_string(cols) + " numbers (1×" + std::to_string(cols) + ")";
  return "a " + std::to_string(rows) + "×" + std::to_string(cols) + " matrix (" +
         std::to_string(rows) + " rows of " + std::to_string(cols) + ", rows separated by ';')";
}

std::string tolerance_words(const Tolerance& t) {
  if (t.value == 0.0) return "exactly";
  if (t.kind == ToleranceKind::relative) return "within " + format_exact(t.value * 100) + " %";
  return "±" + format_exact(t.value);
}

std::string tolerance_sentence(const Tolerance& t) {
  return t.value == 0.0 ? "Answers must be exact"
                        : "Answers within " + tolerance_words(t) + " count as right";
}

}  // namespace qkv::practice
