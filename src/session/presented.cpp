#include "session/presented.hpp"

#include <numeric>
#include <variant>

#include "core/error.hpp"
#include "practice/attempt.hpp"
#include "practice/generate.hpp"
#include "practice/solve.hpp"

namespace qkv::session {

namespace {

std::vector<std::size_t> iota_vector(std::size_t n) {
  std::vector<std::size_t> v(n);
  std::iota(v.begin(), v.end(), std::size_t{0});
  return v;
}

// Shuffles v until `gives_away(v)` is false. A few fresh shuffles first (each at most as likely to
// fail as 1/2 for two items), then a rotation by one, which moves every element; if even that
// gives the answer away the texts cannot be told apart and v is left as it is.
template <class T, class Pred>
void shuffle_avoiding(std::vector<T>& v, Rng& rng, Pred gives_away) {
  rng.shuffle(v);
  for (int attempt = 0; attempt < 8 && v.size() > 1 && gives_away(v); ++attempt) rng.shuffle(v);
  if (v.size() > 1 && gives_away(v)) {
    std::vector<T> rotated(v.begin() + 1, v.end());
    rotated.push_back(v.front());
    if (!gives_away(rotated)) v = std::move(rotated);
  }
}

}  // namespace

Matrix expected_matrix(const PresentedQuestion& pq) {
  if (pq.exercise) return pq.exercise->parts.at(pq.part).answer;
  const auto& rows = std::get<bank::MatrixBody>(pq.question->body).answer;
  Matrix m(static_cast<Eigen::Index>(rows.size()),
           static_cast<Eigen::Index>(rows.empty() ? 0 : rows.front().size()));
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = 0; j < rows[i].size() && j < static_cast<std::size_t>(m.cols()); ++j)
      m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rows[i][j];
  return m;
}

Tolerance matrix_tolerance(const PresentedQuestion& pq) {
  if (pq.exercise) return pq.exercise->tolerance;
  return std::get<bank::MatrixBody>(pq.question->body).tolerance;
}

std::string position_label(std::size_t i) {
  if (i < 26) return std::string(1, static_cast<char>('a' + i));
  return std::to_string(i + 1);
}

PresentedQuestion present(const bank::Question& q, Rng& rng, const PresentOptions& opts) {
  PresentedQuestion pq;
  pq.question = &q;
  pq.hints = q.hints;
  if (const auto* choice = std::get_if<bank::ChoiceBody>(&q.body)) {
    pq.choices = iota_vector(choice->options.size());
    if (opts.options == OptionOrder::shuffled) rng.shuffle(pq.choices);
  } else if (const auto* matching = std::get_if<bank::MatchingBody>(&q.body)) {
    auto add_unique = [&](const std::string& s) {
      for (const auto& r : pq.rights)
        if (r == s) return;
      pq.rights.push_back(s);
    };
    for (const auto& p : matching->pairs) add_unique(p.right);
    for (const auto& d : matching->distractors) add_unique(d);
    // The answer is given away when every left item sits next to its own right item (1a 2b 3c).
    const auto& pairs = matching->pairs;
    shuffle_avoiding(pq.rights, rng, [&](const std::vector<std::string>& rights) {
      for (std::size_t i = 0; i < pairs.size(); ++i)
        if (i >= rights.size() || rights[i] != pairs[i].right) return false;
      return true;
    });
  } else if (const auto* calc = std::get_if<bank::CalculatedBody>(&q.body)) {
    const auto kind = practice::parse_kind(calc->kind);
    if (!kind)
      throw_data("question " + q.full_id() + ": unknown exercise kind '" + calc->kind + "'");
    const std::uint64_t seed =
        calc->seed ? *calc->seed : static_cast<std::uint64_t>(rng.uniform_int(1, 999'999'999));
    practice::Exercise e = practice::generate(*kind, calc->level, seed);
    if (calc->tolerance) e.tolerance = *calc->tolerance;
    pq.part = e.parts.empty() ? 0 : e.parts.size() - 1;
    for (std::size_t i = 0; i < e.parts.size(); ++i)
      if (e.parts[i].label == calc->part) pq.part = i;
    pq.exercise = std::make_shared<const practice::Exercise>(std::move(e));
    const auto traces = practice::solve(*pq.exercise);
    for (const auto& h : practice::hints_for(pq.exercise->steps_through(pq.part), traces))
      pq.hints.push_back(h.title + ": " + h.formula);
  } else if (const auto* ordering = std::get_if<bank::OrderingBody>(&q.body)) {
    pq.items = iota_vector(ordering->items.size());
    const auto& texts = ordering->items;
    shuffle_avoiding(pq.items, rng, [&](const std::vector<std::size_t>& shown) {
      for (std::size_t i = 0; i < shown.size(); ++i)
        if (texts[shown[i]] != texts[i]) return false;
      return true;
    });
  }
  return pq;
}

}  // namespace qkv::session
