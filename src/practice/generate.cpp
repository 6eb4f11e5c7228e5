#include "practice/generate.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "practice/generate_detail.hpp"
#include "practice/matrix_answer.hpp"
#include "practice/mistakes.hpp"
#include "practice/solve.hpp"

namespace qkv::practice {

namespace detail {

Matrix ints(Rng& rng, int rows, int cols, int lo, int hi) {
  Matrix m(rows, cols);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) m(i, j) = static_cast<double>(rng.uniform_int(lo, hi));
  return m;
}

Matrix tenths(Rng& rng, int rows, int cols, int lo, int hi) {
  Matrix m(rows, cols);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) m(i, j) = static_cast<double>(rng.uniform_int(lo, hi)) / 10.0;
  return m;
}

Matrix weight_rows(Rng& rng, int rows, int cols, WeightShape shape) {
  Matrix m = Matrix::Zero(rows, cols);
  for (int i = 0; i < rows; ++i) {
    const int k = shape == WeightShape::causal ? std::min(i + 1, cols) : cols;
    // k positive tenths summing to 10: k - 1 distinct cut points among 1..9.
    std::vector<int> cuts;
    for (int c = 1; c <= 9; ++c) cuts.push_back(c);
    rng.shuffle(cuts);
    cuts.resize(static_cast<std::size_t>(k - 1));
    std::sort(cuts.begin(), cuts.end());
    int prev = 0;
    for (int j = 0; j < k; ++j) {
      const int next = j + 1 < k ? cuts[static_cast<std::size_t>(j)] : 10;
      m(i, j) = (next - prev) / 10.0;
      prev = next;
    }
  }
  return m;
}

Matrix identity(int n) {
  return Matrix::Identity(n, n);
}

void give_scores(attention::Problem& p, Matrix scores) {
  const int keys = static_cast<int>(scores.cols());
  p.q = std::move(scores);
  p.k = identity(keys);
  p.v = identity(keys);
}

Matrix rows_of(const Matrix& m, int first, int count) {
  return m.middleRows(first, count);
}

std::vector<std::string> words(Rng& rng, int n) {
  static const std::vector<std::string> all = {"the", "cat",  "sat",   "on", "a",    "mat",
                                               "dog", "ran",  "home",  "we", "read", "books",
                                               "she", "sang", "birds", "fly"};
  std::vector<std::string> pool = all;
  rng.shuffle(pool);
  pool.resize(static_cast<std::size_t>(n));
  return pool;
}

int pick(Rng& rng, std::initializer_list<int> values) {
  const auto i = rng.uniform_int(0, static_cast<std::int64_t>(values.size()) - 1);
  return *(values.begin() + i);
}

std::string quoted(const std::string& word) {
  return "“" + word + "”";
}

std::string token_list(const std::vector<std::string>& words) {
  std::string s;
  for (std::size_t i = 0; i < words.size(); ++i)
    s += (i == 0 ? "" : i + 1 == words.size() ? " and " : ", ") + quoted(words[i]);
  return s;
}

Given given(std::string name, Matrix m, std::vector<std::string> rows,
            std::vector<std::string> cols) {
  return Given{std::move(name), std::move(m), std::move(rows), std::move(cols)};
}

Part entries_part(std::string question, std::string step, std::vector<int> rows,
                  std::vector<int> cols, std::vector<std::string> work_steps) {
  Part p;
  p.question = std::move(question);
  p.source.read = Read::entries;
  p.source.steps = {std::move(step)};
  p.source.rows = std::move(rows);
  p.source.cols = std::move(cols);
  p.steps = std::move(work_steps);
  return p;
}

}  // namespace detail

namespace {

using detail::Draft;

Draft build(Kind kind, Rng& rng, int level) {
  switch (kind) {
    case Kind::projection:
      return detail::projection(rng, level);
    case Kind::score:
      return detail::score(rng, level);
    case Kind::softmax:
      return detail::softmax(rng, level);
    case Kind::output:
      return detail::output(rng, level);
    case Kind::attention:
      return detail::attention(rng, level);
    case Kind::mask:
      return detail::mask(rng, level);
    case Kind::kv_cache:
      return detail::kv_cache(rng, level);
    case Kind::shapes:
      return detail::shapes(rng, level);
    case Kind::multihead:
      return detail::multihead(rng, level);
  }
  return detail::attention(rng, level);
}

// Labels for showing a part's answer: the rows and columns of the step it reads.
void label_part(Part& p, const std::vector<attention::Trace>& traces) {
  if (p.source.read != Read::entries || !p.row_labels.empty()) return;
  const attention::Step* s = labelling_step(traces.front(), p.source.steps.front());
  if (!s) return;
  auto pick_labels = [](const std::vector<std::string>& all, const std::vector<int>& which) {
    if (which.empty()) return all;
    std::vector<std::string> out;
    for (int i : which)
      if (i >= 0 && static_cast<std::size_t>(i) < all.size())
        out.push_back(all[static_cast<std::size_t>(i)]);
    return out;
  };
  p.row_labels = pick_labels(s->row_labels, p.source.rows);
  p.col_labels = pick_labels(s->col_labels, p.source.cols);
}

// Answers from the engine; the mistakes that apply. True when the draft is good: every required
// mistake changes some answer, and no two mistakes give the same answers everywhere. A Failure
// when the engine refuses the draft's numbers (cannot happen with these builders).
Expected<bool> finish(Draft& d) {
  Exercise& e = d.e;
  for (std::size_t i = 0; i < e.parts.size(); ++i)
    e.parts[i].label = std::string(1, static_cast<char>('a' + i));
  const auto right = try_solve(e);
  if (!right) return right.failure();
  for (auto& p : e.parts) {
    auto answer = try_read_answer(p, *right);
    if (!answer) return answer.failure();
    p.answer = std::move(*answer);
    label_part(p, *right);
  }
  e.mistakes.clear();
  std::vector<std::vector<Matrix>> answers;  // per applicable mistake, per part
  for (const auto& m : catalogue()) {
    if (!m.options ||
        std::find(d.candidates.begin(), d.candidates.end(), m.id) == d.candidates.end())
      continue;
    const auto traces = try_solve(e, *m.options);
    if (!traces) continue;  // the mistake cannot be made on this exercise
    std::vector<Matrix> mine;
    bool differs = false;
    for (const auto& p : e.parts) {
      // A part the mistaken computation has no answer for (no such step) stays empty.
      auto read = try_read_answer(p, *traces);
      Matrix a = read ? std::move(*read) : Matrix();
      if (a.rows() == p.answer.rows() && a.cols() == p.answer.cols() &&
          !close(a, p.answer, e.tolerance))
        differs = true;
      mine.push_back(std::move(a));
    }
    if (!differs) continue;
    e.mistakes.emplace_back(m.id);
    answers.push_back(std::move(mine));
  }
  // Nothing degenerate: a given row of zeros (a token with no information, a cache of zeros)
  // or an answer that is all zeros teaches little.
  for (const auto& g : e.givens)
    for (Eigen::Index i = 0; i < g.matrix.rows(); ++i)
      if (g.matrix.row(i).isZero(0.0)) return false;
  for (const auto& p : e.parts)
    if (p.answer.isZero(0.0)) return false;
  for (const auto& r : d.required)
    if (std::find(e.mistakes.begin(), e.mistakes.end(), r) == e.mistakes.end()) return false;
  for (std::size_t i = 0; i < answers.size(); ++i)
    for (std::size_t j = i + 1; j < answers.size(); ++j) {
      bool tie = true;
      for (std::size_t p = 0; p < e.parts.size() && tie; ++p) {
        const Matrix& a = answers[i][p];
        const Matrix& b = answers[j][p];
        if (a.size() == 0 && b.size() == 0) continue;
        tie = close(a, b, e.tolerance);
      }
      if (tie) return false;
    }
  return true;
}

}  // namespace

Exercise generate(Kind kind, int level, std::uint64_t seed) {
  if (level < kMinLevel || level > kMaxLevel)
    throw_usage("the level is 1, 2 or 3, not " + std::to_string(level));
  Rng rng(seed);
  constexpr int kAttempts = 40;
  std::optional<Exercise> last;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    Draft d = build(kind, rng, level);
    d.e.kind = kind;
    d.e.level = level;
    d.e.seed = seed;
    const auto good = finish(d);
    if (!good) continue;  // numbers the engine refuses (cannot happen with these builders)
    if (*good) return std::move(d.e);
    last = std::move(d.e);
  }
  if (!last) throw_data("could not generate a " + std::string(kind_name(kind)) + " exercise");
  return std::move(*last);
}

const std::vector<std::string>& part_labels(Kind kind, int level) {
  static std::map<std::pair<Kind, int>, std::vector<std::string>> known;
  auto [it, added] = known.try_emplace({kind, level});
  if (added) {
    try {
      for (const auto& p : generate(kind, level, 1).parts) it->second.push_back(p.label);
    } catch (...) {
      known.erase(it);
      throw;
    }
  }
  return it->second;
}

std::vector<Planned> plan(std::optional<Kind> kind, int level, int count, std::uint64_t seed) {
  std::vector<Planned> out;
  Rng rng(seed);
  Rng kinds_rng = rng.fork();
  std::vector<Kind> deck;
  for (int i = 0; i < count; ++i) {
    Planned p;
    p.level = level;
    // Short seeds after the first, so that a learner can type one to replay that exercise.
    p.seed = i == 0 ? seed : static_cast<std::uint64_t>(rng.uniform_int(1, 999'999'999));
    if (kind) {
      p.kind = *kind;
    } else {
      if (deck.empty()) {
        deck.assign(std::begin(kKinds), std::end(kKinds));
        kinds_rng.shuffle(deck);
      }
      p.kind = deck.back();
      deck.pop_back();
    }
    out.push_back(p);
  }
  return out;
}

}  // namespace qkv::practice
