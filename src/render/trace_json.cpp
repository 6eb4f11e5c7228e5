#include "render/trace_json.hpp"

#include <cmath>

#include "json/writer.hpp"
#include "render/step_select.hpp"

namespace qkv::render {

using attention::Step;
using attention::Trace;
using json = nlohmann::ordered_json;

json number_to_json(double x) {
  if (std::isfinite(x)) return x;
  return std::isnan(x) ? "nan" : x < 0 ? "-inf" : "inf";
}

json matrix_to_json(const Matrix& m) {
  json rows = json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    json row = json::array();
    for (Eigen::Index j = 0; j < m.cols(); ++j) row.push_back(number_to_json(m(i, j)));
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

json vector_json(const Eigen::RowVectorXd& v) {
  json a = json::array();
  for (Eigen::Index j = 0; j < v.size(); ++j) a.push_back(number_to_json(v(j)));
  return a;
}

json step_json(const std::string& id, const Step& s) {
  return json{{"id", id},
              {"title", s.title},
              {"formula", s.formula},
              {"shape", s.shape},
              {"explanation", s.explanation},
              {"long_explanation", s.long_explanation},
              {"rows", s.row_labels},
              {"columns", s.col_labels},
              {"matrix", matrix_to_json(s.matrix)}};
}

json softmax_json(const Trace& t) {
  json a = json::array();
  for (std::size_t i = 0; i < t.softmax.size(); ++i)
    a.push_back({{"row", i}, {"max", number_to_json(t.softmax[i].max)},
                  {"sum_exp", number_to_json(t.softmax[i].sum_exp)}});
  return a;
}

json decode_json(const std::vector<attention::DecodeRecord>& records, const Trace& t) {
  json a = json::array();
  for (const auto& r : records)
    a.push_back({{"position", r.position},
                 {"token", t.query_labels[static_cast<std::size_t>(r.position)]},
                 {"cache_length", r.cache_length},
                 {"query", vector_json(r.query)},
                 {"key", vector_json(r.key)},
                 {"value", vector_json(r.value)},
                 {"weights", vector_json(r.weights)},
                 {"output", vector_json(r.output)},
                 {"weights_difference", r.weights_difference},
                 {"output_difference", r.output_difference}});
  return a;
}

json header_json(const Trace& t) {
  const auto& s = t.shapes;
  return json{{"shapes",
               {{"n", s.n},
                {"m", s.m},
                {"d_model", s.d_model},
                {"d_k", s.d_k},
                {"d_v", s.d_v},
                {"d_out", s.d_out},
                {"heads", s.heads}}},
              {"scale", t.scale},
              {"mask", attention::mask_kind_name(t.mask.kind)},
              {"tokens", t.key_labels},
              {"queries", t.query_labels}};
}

}  // namespace

json trace_to_json(const Trace& t, std::string_view step) {
  json j = header_json(t);
  j["steps"] = json::array();
  if (!step.empty()) {
    for (const auto& sel : select_steps(t, step))
      j["steps"].push_back(step_json(sel.id, *sel.step));
    return j;
  }
  for (const auto& s : t.steps) j["steps"].push_back(step_json(s.id, s));
  if (t.heads.empty()) j["softmax"] = softmax_json(t);
  j["weights"] = matrix_to_json(t.weights());
  j["output"] = matrix_to_json(t.output());
  if (!t.heads.empty()) {
    j["heads"] = json::array();
    for (std::size_t h = 0; h < t.heads.size(); ++h) {
      const Trace& ht = t.heads[h];
      json hj{{"head", h + 1}, {"steps", json::array()}};
      for (const auto& s : ht.steps) hj["steps"].push_back(step_json(s.id, s));
      hj["softmax"] = softmax_json(ht);
      hj["weights"] = matrix_to_json(ht.step("weights").matrix);
      hj["output"] = matrix_to_json(ht.output());
      if (!ht.decode.empty()) hj["decode"] = decode_json(ht.decode, t);
      j["heads"].push_back(std::move(hj));
    }
    j["concat"] = matrix_to_json(t.step("concat").matrix);
  }
  if (!t.decode.empty()) j["decode"] = decode_json(t.decode, t);
  return j;
}

namespace {

bool all_scalars(const json& a) {
  for (const auto& e : a)
    if (e.is_structured()) return false;
  return true;
}

void pretty(const json& j, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  const std::string inner(static_cast<std::size_t>(indent) + 2, ' ');
  if (j.is_object()) {
    if (j.empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    bool first = true;
    for (const auto& [k, v] : j.items()) {
      out += (first ? "" : ",\n") + inner +
             json(k).dump(-1, ' ', false, json::error_handler_t::replace) + ": ";
      pretty(v, indent + 2, out);
      first = false;
    }
    out += "\n" + pad + "}";
  } else if (j.is_array()) {
    if (all_scalars(j)) {
      out += "[";
      for (std::size_t i = 0; i < j.size(); ++i)
        out += (i ? ", " : "") + j[i].dump(-1, ' ', false, json::error_handler_t::replace);
      out += "]";
      return;
    }
    out += "[\n";
    for (std::size_t i = 0; i < j.size(); ++i) {
      out += (i ? ",\n" : "") + inner;
      pretty(j[i], indent + 2, out);
    }
    out += "\n" + pad + "]";
  } else {
    out += j.dump(-1, ' ', false, json::error_handler_t::replace);
  }
}

}  // namespace

std::string pretty_json(const json& j) {
  std::string out;
  pretty(j, 0, out);
  return terminal_safe_json(out + "\n");
}

}  // namespace qkv::render
