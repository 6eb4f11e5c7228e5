#include "attention/problem.hpp"

#include <cmath>
#include <limits>

#include "attention/steps.hpp"
#include "core/text.hpp"

namespace qkv::attention {

const char* mask_kind_name(MaskKind kind) {
  switch (kind) {
    case MaskKind::none:
      return "none";
    case MaskKind::causal_top_left:
      return "causal";
    case MaskKind::causal_bottom_right:
      return "causal-bottom-right";
    case MaskKind::keep:
      return "keep";
    case MaskKind::additive:
      return "additive";
  }
  return "none";
}

std::string shape_text(const Matrix& m) {
  return std::to_string(m.rows()) + "×" + std::to_string(m.cols());
}

namespace {

// Collects diagnostics that all carry the same file name.
class Collector {
 public:
  explicit Collector(std::string_view name) : name_(name) {}
  void add(std::string_view key, std::string message) {
    out_.push_back(make_error(std::string(name_),
                              !name_.empty() && !key.empty() ? "/" + std::string(key) : "",
                              std::move(message)));
  }
  std::vector<Diagnostic> take() { return std::move(out_); }

 private:
  std::string name_;
  std::vector<Diagnostic> out_;
};

std::string named(const char* label, const Matrix& m) {
  return std::string(label) + " (" + shape_text(m) + ")";
}

std::string list_rows(const std::vector<int>& rows) {
  std::string s;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) s += i + 1 == rows.size() ? " and " : ", ";
    s += std::to_string(rows[i] + 1);
  }
  return s;
}

void check_finite(Collector& c, const char* key, const char* label,
                  const std::optional<Matrix>& m) {
  if (!m) return;
  for (Eigen::Index j = 0; j < m->cols(); ++j)
    for (Eigen::Index i = 0; i < m->rows(); ++i)
      if (!std::isfinite((*m)(i, j))) {
        c.add(key, std::string(label) + " has a value that is not a finite number at row " +
                       std::to_string(i + 1) + ", column " + std::to_string(j + 1) +
                       "; every entry must be a finite number");
        return;
      }
}

// An additive mask holds finite numbers and −∞ (hide the key, as PyTorch's float masks do).
// NaN is no number at all; +∞ would make the softmax of its row ∞/∞ (PyTorch gives NaN).
void check_additive(Collector& c, const Matrix& m) {
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      const double x = m(i, j);
      const std::string where = "row " + std::to_string(i + 1) + ", column " + std::to_string(j + 1);
      if (std::isnan(x)) {
        c.add("additive_mask", "the additive mask is NaN at " + where +
                                   "; its entries are numbers, or -inf to hide a key");
        return;
      }
      if (x > 0 && std::isinf(x)) {
        c.add("additive_mask",
              "the additive mask is +inf at " + where +
                  "; the softmax of that row would be ∞/∞ (PyTorch gives NaN). Use 0 to let "
                  "the query see the key and -inf to hide it");
        return;
      }
    }
}

// The rows of an additive mask whose every entry is −∞ (0-based).
std::vector<int> all_minus_infinity_rows(const Matrix& m) {
  std::vector<int> rows;
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    if ((m.row(i).array() == -std::numeric_limits<double>::infinity()).all())
      rows.push_back(static_cast<int>(i));
  return rows;
}

// Refuses a matrix with more rows or columns than qkv computes with; `rows_are` and `cols_are`
// say what they count ("tokens" or "widths") and so which limit applies.
bool check_size(Collector& c, const char* key, const char* label, const Matrix& m,
                bool rows_are_tokens, bool cols_are_tokens) {
  const auto over = [](Eigen::Index size, bool tokens) {
    return size > (tokens ? kMaxTokens : kMaxWidth);
  };
  const auto limit_words = [](bool tokens) {
    return tokens ? "at most " + std::to_string(kMaxTokens) + " tokens (queries or keys)"
                  : "widths (d_model, d_k, d_v, d_out) up to " + std::to_string(kMaxWidth);
  };
  if (over(m.rows(), rows_are_tokens)) {
    c.add(key, std::string(label) + " has " + std::to_string(m.rows()) +
                   " rows; qkv computes with " + limit_words(rows_are_tokens));
    return false;
  }
  if (over(m.cols(), cols_are_tokens)) {
    c.add(key, std::string(label) + " has " + std::to_string(m.cols()) +
                   " columns; qkv computes with " + limit_words(cols_are_tokens));
    return false;
  }
  return true;
}

}  // namespace

std::vector<Diagnostic> validate(const Problem& p, std::string_view name) {
  Collector c(name);
  {
    struct Sized {
      const char* key;
      const char* label;
      const std::optional<Matrix>& m;
      bool rows_tokens, cols_tokens;
    };
    bool sizes_ok = true;
    for (const Sized& s :
         {Sized{"x", "X", p.x, true, false}, Sized{"wq", "W_q", p.wq, false, false},
          Sized{"wk", "W_k", p.wk, false, false}, Sized{"wv", "W_v", p.wv, false, false},
          Sized{"bq", "b_q", p.bq, false, false}, Sized{"bk", "b_k", p.bk, false, false},
          Sized{"bv", "b_v", p.bv, false, false}, Sized{"q", "Q", p.q, true, false},
          Sized{"k", "K", p.k, true, false}, Sized{"v", "V", p.v, true, false},
          Sized{"wo", "W_o", p.wo, false, false}})
      if (s.m && !check_size(c, s.key, s.label, *s.m, s.rows_tokens, s.cols_tokens))
        sizes_ok = false;
    if (p.mask.kind == MaskKind::keep || p.mask.kind == MaskKind::additive) {
      const bool keep = p.mask.kind == MaskKind::keep;
      if (!check_size(c, keep ? "mask" : "additive_mask", keep ? "the mask" : "the additive mask",
                      p.mask.matrix, true, true))
        sizes_ok = false;
    }
    if (p.heads > kMaxWidth) {
      c.add("heads", "heads is " + std::to_string(p.heads) + "; qkv computes with at most " +
                         std::to_string(kMaxWidth) + " heads");
      sizes_ok = false;
    }
    // Nothing more is worth checking (or affordable: a fully-masked-row check builds n×m) in a
    // problem past the limits.
    if (!sizes_ok) return c.take();
  }
  check_finite(c, "x", "X", p.x);
  check_finite(c, "wq", "W_q", p.wq);
  check_finite(c, "wk", "W_k", p.wk);
  check_finite(c, "wv", "W_v", p.wv);
  check_finite(c, "bq", "b_q", p.bq);
  check_finite(c, "bk", "b_k", p.bk);
  check_finite(c, "bv", "b_v", p.bv);
  check_finite(c, "q", "Q", p.q);
  check_finite(c, "k", "K", p.k);
  check_finite(c, "v", "V", p.v);
  check_finite(c, "wo", "W_o", p.wo);
  if (p.mask.kind == MaskKind::keep) check_finite(c, "mask", "the mask", p.mask.matrix);
  if (p.mask.kind == MaskKind::additive) check_additive(c, p.mask.matrix);

  // Where Q, K and V come from, and their sizes (-1 when unknown because of an earlier problem).
  long n = -1, m = -1, dk_q = -1, dv = -1;
  const bool any_projection = p.x || p.wq || p.wk || p.wv;
  const bool any_direct = p.q || p.k || p.v;
  if (any_projection && any_direct) {
    c.add(p.q   ? "q"
          : p.k ? "k"
                : "v",
          "give either X with W_q, W_k, W_v (Q, K, V are then computed) or Q, K, V directly, not "
          "both");
  } else if (any_direct) {
    if (!p.q) c.add("q", "Q is missing: with K and V given directly, give Q as well");
    if (!p.k) c.add("k", "K is missing: with Q and V given directly, give K as well");
    if (!p.v) c.add("v", "V is missing: with Q and K given directly, give V as well");
    if (p.q && p.k && p.q->cols() != p.k->cols())
      c.add("k", "Q and K must have the same number of columns (d_k) for Q·Kᵀ: " +
                     named("Q", *p.q) + ", " + named("K", *p.k));
    if (p.k && p.v && p.k->rows() != p.v->rows())
      c.add("v", "K and V need one row per key, the same number of rows: " + named("K", *p.k) +
                     ", " + named("V", *p.v));
    if (p.q) n = p.q->rows(), dk_q = p.q->cols();
    if (p.k) m = p.k->rows();
    if (p.v) dv = p.v->cols();
  } else if (any_projection) {
    if (!p.x) c.add("x", "X is missing: the weight matrices project X, so give X as well");
    struct W {
      const char* key;
      const char* label;
      const std::optional<Matrix>& w;
    };
    for (const W& w : {W{"wq", "W_q", p.wq}, W{"wk", "W_k", p.wk}, W{"wv", "W_v", p.wv}}) {
      if (!w.w) {
        c.add(w.key, std::string(w.label) + " is missing: with X given, give W_q, W_k and W_v");
      } else if (p.x && w.w->rows() != p.x->cols()) {
        c.add(w.key, std::string(w.label) + " needs one row per column of X (" +
                         std::to_string(p.x->cols()) + " rows): " + named("X", *p.x) + ", " +
                         named(w.label, *w.w));
      }
    }
    if (p.wq && p.wk && p.wq->cols() != p.wk->cols())
      c.add("wk",
            "W_q and W_k must have the same number of columns, so that Q and K have the same "
            "width d_k for Q·Kᵀ: " +
                named("W_q", *p.wq) + ", " + named("W_k", *p.wk));
    if (p.x) n = m = p.x->rows();
    if (p.wq) dk_q = p.wq->cols();
    if (p.wv) dv = p.wv->cols();
  } else {
    c.add("x", "nothing to compute: give X with W_q, W_k and W_v, or Q, K and V");
  }

  struct B {
    const char* key;
    const char* label;
    const std::optional<Matrix>& b;
    const char* wlabel;
    const std::optional<Matrix>& w;
  };
  for (const B& b : {B{"bq", "b_q", p.bq, "W_q", p.wq}, B{"bk", "b_k", p.bk, "W_k", p.wk},
                     B{"bv", "b_v", p.bv, "W_v", p.wv}}) {
    if (!b.b) continue;
    if (!b.w) {
      c.add(b.key, std::string(b.label) + " is given without " + b.wlabel +
                       "; a bias is added to X·" + b.wlabel);
    } else if (b.b->rows() != 1 || b.b->cols() != b.w->cols()) {
      c.add(b.key, std::string(b.label) + " must be one row with one entry per column of " +
                       b.wlabel + " (1×" + std::to_string(b.w->cols()) +
                       "): " + named(b.label, *b.b) + ", " + named(b.wlabel, *b.w));
    }
  }

  if (p.heads < 1) {
    c.add("heads", "heads must be at least 1, not " + std::to_string(p.heads));
  } else if (p.heads > 1) {
    if (dk_q > 0 && dk_q % p.heads != 0)
      c.add("heads", std::to_string(p.heads) + " heads do not divide the " + std::to_string(dk_q) +
                         " columns of Q and K evenly; choose a number of heads that divides d_k");
    if (dv > 0 && dv % p.heads != 0)
      c.add("heads", std::to_string(p.heads) + " heads do not divide the " + std::to_string(dv) +
                         " columns of V evenly; choose a number of heads that divides d_v");
  }
  if (p.wo && dv > 0 && p.wo->rows() != dv)
    c.add("wo", "W_o multiplies the concatenated heads, which have the " + std::to_string(dv) +
                    " columns of V, so it needs " + std::to_string(dv) +
                    " rows: " + named("W_o", *p.wo));

  if (p.scale && !std::isfinite(*p.scale)) c.add("scale", "the scale must be a finite number");

  if (n > 0 && m > 0) {
    if (p.mask.kind == MaskKind::keep || p.mask.kind == MaskKind::additive) {
      const char* key = p.mask.kind == MaskKind::keep ? "mask" : "additive_mask";
      const char* label = p.mask.kind == MaskKind::keep ? "the mask" : "the additive mask";
      const Matrix& mm = p.mask.matrix;
      if (mm.rows() != n || mm.cols() != m) {
        c.add(key, std::string(label) + " needs one row per query and one column per key (" +
                       std::to_string(n) + "×" + std::to_string(m) + "), but it is " +
                       shape_text(mm));
      } else if (p.mask.kind == MaskKind::keep) {
        bool reported = false;
        for (Eigen::Index i = 0; i < mm.rows() && !reported; ++i)
          for (Eigen::Index j = 0; j < mm.cols() && !reported; ++j)
            if (mm(i, j) != 0.0 && mm(i, j) != 1.0) {
              c.add(key, "the mask holds 1 (may attend) or 0 (masked), but row " +
                             std::to_string(i + 1) + ", column " + std::to_string(j + 1) + " is " +
                             format_exact(mm(i, j)) + "; for other values use --additive-mask");
              reported = true;
            }
      }
    }
    const bool mask_ok = p.mask.kind == MaskKind::none ||
                         p.mask.kind == MaskKind::causal_top_left ||
                         p.mask.kind == MaskKind::causal_bottom_right ||
                         (p.mask.matrix.rows() == n && p.mask.matrix.cols() == m);
    if (mask_ok) {
      // Causal masks are checked by formula (top-left always keeps key 1; bottom-right keeps
      // nothing for the first n - m queries), so no n×m matrix is built for them.
      std::vector<int> rows;
      if (p.mask.kind == MaskKind::causal_bottom_right) {
        for (long i = 0; i < n - m; ++i) rows.push_back(static_cast<int>(i));
      } else if (p.mask.kind == MaskKind::keep) {
        rows = fully_masked_rows(keep_matrix(p.mask, static_cast<int>(n), static_cast<int>(m)));
      } else if (p.mask.kind == MaskKind::additive) {
        // Finite entries, however negative, are added as PyTorch adds them: only a row of −∞
        // leaves the softmax nothing.
        rows = all_minus_infinity_rows(p.mask.matrix);
      }
      const std::string what = rows.size() == 1 ? "row " : "rows ";
      if (!rows.empty() && p.mask.kind == MaskKind::additive) {
        c.add("additive_mask",
              "every entry of " + what + list_rows(rows) +
                  " of the additive mask is -inf, so that query sees no key; the softmax of a "
                  "row that is entirely -inf is undefined (PyTorch gives NaN). Give each row at "
                  "least one entry that is not -inf");
      } else if (!rows.empty()) {
        std::string why;
        if (p.mask.kind == MaskKind::causal_bottom_right)
          why = " (a bottom-right causal mask with more queries (" + std::to_string(n) +
                ") than keys (" + std::to_string(m) + ") leaves the first queries nothing to see)";
        c.add("mask", "the mask hides every key from query " + what + list_rows(rows) + why +
                          "; the softmax of a row with no key is undefined (PyTorch gives NaN). "
                          "Let each query see at least one key");
      }
    }
  }

  if (!p.tokens.empty() && m > 0 && static_cast<long>(p.tokens.size()) != m) {
    c.add("tokens", "there are " + std::to_string(p.tokens.size()) + " token labels but " +
                        plural(m, "token", "tokens") +
                        " (rows of K and V); give one label per token");
  }
  return c.take();
}

void check(const Problem& p, std::string_view name) {
  auto ds = validate(p, name);
  if (!ds.empty()) throw Error(Exit::data, std::move(ds));
}

Shapes shapes_of(const Problem& p) {
  Shapes s;
  s.heads = p.heads;
  if (p.q) {
    s.n = static_cast<int>(p.q->rows());
    s.m = static_cast<int>(p.k->rows());
    s.d_k = static_cast<int>(p.q->cols());
    s.d_v = static_cast<int>(p.v->cols());
  } else {
    s.n = s.m = static_cast<int>(p.x->rows());
    s.d_model = static_cast<int>(p.x->cols());
    s.d_k = static_cast<int>(p.wq->cols());
    s.d_v = static_cast<int>(p.wv->cols());
  }
  s.d_out = p.wo ? static_cast<int>(p.wo->cols()) : s.d_v;
  return s;
}

}  // namespace qkv::attention
