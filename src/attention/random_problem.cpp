#include "attention/random_problem.hpp"

#include <cmath>

namespace qkv::attention {

namespace {

Matrix normal_matrix(Rng& rng, int rows, int cols, double sd) {
  Matrix m(rows, cols);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) m(i, j) = sd * rng.normal();
  return m;
}

}  // namespace

Problem random_problem(Rng& rng, int n, int d, int heads) {
  Problem p;
  const double w_sd = 1.0 / std::sqrt(static_cast<double>(d));
  p.x = normal_matrix(rng, n, d, 1.0);
  p.wq = normal_matrix(rng, d, d, w_sd);
  p.wk = normal_matrix(rng, d, d, w_sd);
  p.wv = normal_matrix(rng, d, d, w_sd);
  if (heads > 1) p.wo = normal_matrix(rng, d, d, w_sd);
  p.heads = heads;
  return p;
}

}  // namespace qkv::attention
