#include "attention/problem_json.hpp"

#include <cctype>
#include <cmath>
#include <sstream>

#include "core/error.hpp"
#include "core/suggest.hpp"
#include "core/text.hpp"
#include "core/numbers.hpp"

namespace qkv::attention {

using nlohmann::json;

namespace {

constexpr const char* kKeys =
    "x, wq, wk, wv, wo, q, k, v, bq, bk, bv, mask, additive_mask, scale, heads, tokens";

class Reader {
 public:
  explicit Reader(std::string_view name) : name_(name) {}

  void fail(std::string pointer, std::string message) {
    diags_.push_back(make_error(std::string(name_), std::move(pointer), std::move(message)));
  }
  std::vector<Diagnostic>& diagnostics() { return diags_; }

  // One entry of a matrix; `bools` allows true/false (keep masks).
  std::optional<double> entry(const json& e, const std::string& pointer, bool bools,
                              NonFinite non_finite) {
    if (e.is_number()) return e.get<double>();
    if (bools && e.is_boolean()) return e.get<bool>() ? 1.0 : 0.0;
    if (e.is_string()) {
      std::string why;
      if (auto v = parse_scalar(e.get<std::string>(), &why, non_finite)) return v;
      fail(pointer, why);
      return std::nullopt;
    }
    fail(pointer, std::string("expected a number, got ") + e.type_name());
    return std::nullopt;
  }

  // A matrix from an array of rows, one row, or a string in the inline syntax.
  std::optional<Matrix> matrix(const json& j, const std::string& pointer, const char* label,
                               bool bools = false, NonFinite non_finite = NonFinite::refuse) {
    if (j.is_string()) {
      auto m = try_parse_matrix(j.get<std::string>(), label, non_finite);
      if (m) return std::move(*m);
      fail(pointer, m.failure().message());
      return std::nullopt;
    }
    if (!j.is_array() || j.empty()) {
      fail(pointer,
           std::string(label) +
               ": expected a matrix, such as [[1, 0], [0, 1]] or the "
               "string \"1 0; 0 1\"" +
               (j.is_array() ? ", got an empty array" : std::string(", got ") + j.type_name()));
      return std::nullopt;
    }
    const bool one_row = !j.front().is_array();
    const std::size_t rows = one_row ? 1 : j.size();
    const std::size_t cols = one_row ? j.size() : j.front().size();
    if (cols == 0) {
      fail(pointer + "/0", std::string(label) + ": row 1 is empty");
      return std::nullopt;
    }
    Matrix m(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
    bool ok = true;
    for (std::size_t r = 0; r < rows; ++r) {
      const json& row = one_row ? j : j[r];
      const std::string rp = one_row ? pointer : pointer + "/" + std::to_string(r);
      if (!row.is_array()) {
        fail(rp, std::string(label) + ": row " + std::to_string(r + 1) +
                     " is not an array; write every row as [a, b, ...]");
        ok = false;
        continue;
      }
      if (row.size() != cols) {
        fail(rp, std::string(label) + ": row " + std::to_string(r + 1) + " has " +
                     std::to_string(row.size()) + " entries but row 1 has " + std::to_string(cols));
        ok = false;
        continue;
      }
      for (std::size_t c = 0; c < cols; ++c) {
        auto v = entry(row[c], rp + "/" + std::to_string(c), bools, non_finite);
        if (!v) {
          ok = false;
          continue;
        }
        m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = *v;
      }
    }
    if (!ok) return std::nullopt;
    return m;
  }

  // wq/wk/wv: a matrix, or an array of per-head matrices placed side by side.
  std::optional<Matrix> weights(const json& j, const std::string& pointer, const char* label,
                                int* per_head_count) {
    const bool per_head = j.is_array() && !j.empty() && j.front().is_array() &&
                          !j.front().empty() && j.front().front().is_array();
    if (!per_head) return matrix(j, pointer, label);
    std::vector<Matrix> parts;
    for (std::size_t h = 0; h < j.size(); ++h) {
      const std::string hl = std::string(label) + " of head " + std::to_string(h + 1);
      auto m = matrix(j[h], pointer + "/" + std::to_string(h), hl.c_str());
      if (!m) return std::nullopt;
      if (!parts.empty() &&
          (m->rows() != parts.front().rows() || m->cols() != parts.front().cols())) {
        fail(pointer + "/" + std::to_string(h), hl + " is " + shape_text(*m) + " but head 1's is " +
                                                    shape_text(parts.front()) +
                                                    "; every head has the same shape");
        return std::nullopt;
      }
      parts.push_back(std::move(*m));
    }
    *per_head_count = static_cast<int>(parts.size());
    Matrix out(parts.front().rows(),
               parts.front().cols() * static_cast<Eigen::Index>(parts.size()));
    for (std::size_t h = 0; h < parts.size(); ++h)
      out.middleCols(static_cast<Eigen::Index>(h) * parts.front().cols(), parts.front().cols()) =
          parts[h];
    return out;
  }

 private:
  std::string name_;
  std::vector<Diagnostic> diags_;
};

std::optional<MaskSpec> mask_from_name(std::string_view s) {
  if (s == "none") return MaskSpec{MaskKind::none, {}};
  if (s == "causal" || s == "causal-top-left") return MaskSpec{MaskKind::causal_top_left, {}};
  if (s == "causal-bottom-right") return MaskSpec{MaskKind::causal_bottom_right, {}};
  return std::nullopt;
}

std::vector<std::string> split_words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace

std::string mask_word_problem(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (mask_from_name(text) || first == std::string_view::npos ||
      !std::isalpha(static_cast<unsigned char>(text[first])))
    return "";
  std::string message = "'" + sanitize_line(text) + "' is not a mask";
  const std::string hint =
      did_you_mean(text, {"none", "causal", "causal-top-left", "causal-bottom-right"});
  return message + (hint.empty() ? "; use" : "; " + hint + " Use") +
         " none, causal (top-left, as PyTorch's is_causal), causal-bottom-right, or a keep "
         "matrix such as \"1 0; 1 1\" (1 = may attend)";
}

MaskSpec parse_mask(std::string_view text, std::string_view what) {
  if (auto m = mask_from_name(text)) return *m;
  if (const std::string problem = mask_word_problem(text); !problem.empty())
    throw_data(std::string(what) + ": " + problem);
  MaskSpec spec{MaskKind::keep, parse_matrix(text, what)};
  for (Eigen::Index i = 0; i < spec.matrix.rows(); ++i)
    for (Eigen::Index j = 0; j < spec.matrix.cols(); ++j)
      if (spec.matrix(i, j) != 0.0 && spec.matrix(i, j) != 1.0)
        throw_data(std::string(what) +
                   ": a keep mask holds 1 (may attend) and 0 (masked), but row " +
                   std::to_string(i + 1) + ", column " + std::to_string(j + 1) + " is " +
                   format_exact(spec.matrix(i, j)) +
                   "; use causal, causal-bottom-right, or an additive mask for other values");
  return spec;
}

Problem problem_from_json(const json& j, std::string_view name, Validation validation) {
  Reader r(name);
  Problem p;
  if (!j.is_object()) {
    r.fail("",
           std::string("expected a JSON object with the keys ") + kKeys + ", got " + j.type_name());
    throw Error(Exit::data, std::move(r.diagnostics()));
  }
  int per_head = 0;
  std::string per_head_key;
  for (const auto& item : j.items()) {
    // Not a structured binding: clang 14 (the sanitizer and fuzz build) cannot capture one in
    // the lambdas below.
    const std::string& key = item.key();
    const nlohmann::json& value = item.value();
    const std::string ptr = "/" + key;
    auto set = [&](std::optional<Matrix>& field, const char* label) {
      field = r.matrix(value, ptr, label);
    };
    auto set_weights = [&](std::optional<Matrix>& field, const char* label) {
      int count = 0;
      field = r.weights(value, ptr, label, &count);
      if (count > 0) {
        if (per_head > 0 && count != per_head)
          r.fail(ptr, std::string(label) + " has " + std::to_string(count) + " heads but " +
                          per_head_key + " has " + std::to_string(per_head));
        per_head = count;
        per_head_key = key;
      }
    };
    if (key == "x")
      set(p.x, "X");
    else if (key == "wq")
      set_weights(p.wq, "W_q");
    else if (key == "wk")
      set_weights(p.wk, "W_k");
    else if (key == "wv")
      set_weights(p.wv, "W_v");
    else if (key == "wo")
      set(p.wo, "W_o");
    else if (key == "q")
      set(p.q, "Q");
    else if (key == "k")
      set(p.k, "K");
    else if (key == "v")
      set(p.v, "V");
    else if (key == "bq")
      set(p.bq, "b_q");
    else if (key == "bk")
      set(p.bk, "b_k");
    else if (key == "bv")
      set(p.bv, "b_v");
    else if (key == "mask") {
      if (value.is_string()) {
        const std::string text = value.get<std::string>();
        if (!text.empty() && std::isalpha(static_cast<unsigned char>(text.front())) &&
            !mask_from_name(text)) {
          r.fail(ptr, mask_word_problem(text));
          continue;
        }
        if (auto m = mask_from_name(text)) {
          if (p.mask.kind == MaskKind::additive && m->kind != MaskKind::none)
            r.fail(ptr, "give either mask or additive_mask, not both");
          else if (p.mask.kind != MaskKind::additive)
            p.mask = *m;
          continue;
        }
      }
      if (auto m = r.matrix(value, ptr, "the mask", true)) {
        if (p.mask.kind == MaskKind::additive)
          r.fail(ptr, "give either mask or additive_mask, not both");
        else
          p.mask = MaskSpec{MaskKind::keep, std::move(*m)};
      }
    } else if (key == "additive_mask") {
      if (auto m = r.matrix(value, ptr, "the additive mask", false, NonFinite::allow_infinity)) {
        if (p.mask.kind != MaskKind::none)
          r.fail(ptr, "give either mask or additive_mask, not both");
        else
          p.mask = MaskSpec{MaskKind::additive, std::move(*m)};
      }
    } else if (key == "scale") {
      if (value.is_number()) {
        p.scale = value.get<double>();
      } else if (value.is_string()) {
        std::string why;
        if (auto v = parse_scalar(value.get<std::string>(), &why))
          p.scale = *v;
        else
          r.fail(ptr, "scale: " + why);
      } else {
        r.fail(ptr, std::string("scale: expected a number, got ") + value.type_name());
      }
    } else if (key == "heads") {
      if (value.is_number_integer() && value.get<long long>() >= 1 &&
          value.get<long long>() <= 4096)
        p.heads = static_cast<int>(value.get<long long>());
      else
        r.fail(ptr, "heads: expected a whole number from 1 to 4096, got " + value.dump());
    } else if (key == "tokens") {
      if (value.is_string()) {
        p.tokens = split_words(value.get<std::string>());
      } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
          if (value[i].is_string())
            p.tokens.push_back(value[i].get<std::string>());
          else
            r.fail(ptr + "/" + std::to_string(i),
                   std::string("tokens: expected a string, got ") + value[i].type_name());
        }
      } else {
        r.fail(ptr, std::string("tokens: expected an array of strings or one string, got ") +
                        value.type_name());
      }
    } else if (key == "description" || key == "comment") {
      // for people
    } else {
      r.fail(ptr, "unknown key '" + key + "'; the keys are " + kKeys + " (and description)");
    }
  }
  if (per_head > 0) {
    if (j.contains("heads") && j["heads"].is_number_integer() && p.heads != per_head)
      r.fail("/heads", "heads is " + std::to_string(p.heads) + " but " + per_head_key + " gives " +
                           std::to_string(per_head) + " per-head matrices");
    else
      p.heads = per_head;
  }
  if (!r.diagnostics().empty()) throw Error(Exit::data, std::move(r.diagnostics()));
  if (validation == Validation::full) check(p, name);
  return p;
}

namespace {

json matrix_json(const Matrix& m) {
  json rows = json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    json row = json::array();
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      // JSON has no infinity: an additive mask's −∞ is the string "-inf", which reads back.
      const double x = m(i, j);
      if (std::isfinite(x))
        row.push_back(x);
      else
        row.push_back(std::isnan(x) ? "nan" : x < 0 ? "-inf" : "inf");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

json problem_to_json(const Problem& p) {
  json j = json::object();
  auto put = [&](const char* key, const std::optional<Matrix>& m) {
    if (m) j[key] = matrix_json(*m);
  };
  put("x", p.x);
  put("wq", p.wq);
  put("wk", p.wk);
  put("wv", p.wv);
  put("bq", p.bq);
  put("bk", p.bk);
  put("bv", p.bv);
  put("q", p.q);
  put("k", p.k);
  put("v", p.v);
  put("wo", p.wo);
  switch (p.mask.kind) {
    case MaskKind::none:
      break;
    case MaskKind::causal_top_left:
      j["mask"] = "causal";
      break;
    case MaskKind::causal_bottom_right:
      j["mask"] = "causal-bottom-right";
      break;
    case MaskKind::keep:
      j["mask"] = matrix_json(p.mask.matrix);
      break;
    case MaskKind::additive:
      j["additive_mask"] = matrix_json(p.mask.matrix);
      break;
  }
  if (p.scale) j["scale"] = *p.scale;
  if (p.heads != 1) j["heads"] = p.heads;
  if (!p.tokens.empty()) j["tokens"] = p.tokens;
  return j;
}

}  // namespace qkv::attention
