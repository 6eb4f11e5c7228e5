#pragma once
// Small helpers the end-to-end tests share: finding text in output, reading files, scripted
// input, and turning JSON matrices into what a learner types or what the naive reference takes.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "harness.hpp"
#include "support/naive_attention.hpp"

namespace qkv_test {

/// True when `part` occurs in `text`; on a miss, says what was not found (and where, if asked).
inline bool contains(const std::string& text, const std::string& part, bool show_text = false) {
  if (text.find(part) != std::string::npos) return true;
  if (show_text)
    MESSAGE("not found: " << part << "\nin:\n" << text);
  else
    MESSAGE("not found: " << part);
  return false;
}

/// How many times `part` occurs in `text`, not overlapping.
inline std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size()))
    ++n;
  return n;
}

/// The whole file, bytes as they are ("" when it cannot be read).
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

/// RunOptions with this standard input (and extra environment); the rest as default.
inline RunOptions with_input(std::string input, std::map<std::string, std::string> env = {}) {
  RunOptions o;
  o.input = std::move(input);
  o.env = std::move(env);
  return o;
}

/// A JSON matrix (array of rows) as a learner types it: rows separated by "; ", 6 decimals.
inline std::string typed(const nlohmann::json& rows) {
  std::string s;
  for (const auto& row : rows) {
    if (!s.empty()) s += "; ";
    std::string r;
    for (const auto& x : row) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.6f", x.get<double>());
      r += (r.empty() ? "" : " ") + std::string(buf);
    }
    s += r;
  }
  return s;
}

/// A JSON matrix (array of rows of numbers) for the naive reference.
inline naive::Mat naive_mat(const nlohmann::json& rows) {
  naive::Mat m;
  for (const auto& r : rows) {
    std::vector<naive::Real> row;
    for (const auto& x : r) row.push_back(x.get<double>());
    m.push_back(row);
  }
  return m;
}

}  // namespace qkv_test
