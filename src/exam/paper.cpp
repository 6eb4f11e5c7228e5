#include "exam/paper.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <numeric>

#include "bank/exam_defs.hpp"
#include "core/error.hpp"
#include "core/suggest.hpp"
#include "core/text.hpp"
#include "exam/apportion.hpp"
#include "session/selection.hpp"

namespace qkv::exam {

namespace {

using bank::Question;
constexpr std::size_t kLevels = 3;

std::size_t level_of(const Question& q) {
  return static_cast<std::size_t>(std::clamp(q.difficulty, 1, 3) - 1);
}

std::vector<std::size_t> shuffled_indices(std::size_t n, Rng& rng) {
  std::vector<std::size_t> v(n);
  std::iota(v.begin(), v.end(), std::size_t{0});
  rng.shuffle(v);
  return v;
}

// How many questions of each level each concept gives: a flow from concepts (seats[c]) through
// the cells (their sizes) to the levels (level_seats[l]), found one augmenting path at a time
// (breadth first, neighbours in a seeded random order). Seats the levels cannot take (when the
// pools make both totals impossible at once) go to the cells with the most room.
std::vector<std::array<std::size_t, kLevels>> arrange(
    const std::vector<std::array<std::size_t, kLevels>>& cell_size,
    const std::vector<std::size_t>& seats, const std::vector<std::size_t>& level_seats, Rng& rng) {
  const std::size_t C = seats.size();
  std::vector<std::array<std::size_t, kLevels>> x(C, {0, 0, 0});
  std::vector<std::size_t> from_source(C, 0);
  std::array<std::size_t, kLevels> to_sink{0, 0, 0};
  const auto concept_order = shuffled_indices(C, rng);
  const auto level_order = shuffled_indices(kLevels, rng);

  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  for (;;) {
    // Nodes: concepts 0..C-1, levels C..C+2. parent_of[level] is a concept; parent_of[concept]
    // is a level, or kNone when it was reached straight from the source.
    std::vector<std::size_t> parent(C + kLevels, kNone);
    std::vector<bool> seen(C + kLevels, false);
    std::deque<std::size_t> queue;
    for (std::size_t c : concept_order)
      if (from_source[c] < seats[c]) seen[c] = true, queue.push_back(c);
    std::size_t end_level = kNone;
    while (!queue.empty() && end_level == kNone) {
      const std::size_t u = queue.front();
      queue.pop_front();
      if (u < C) {
        for (std::size_t l : level_order) {
          if (seen[C + l] || x[u][l] >= cell_size[u][l]) continue;
          seen[C + l] = true;
          parent[C + l] = u;
          if (to_sink[l] < level_seats[l]) {
            end_level = l;
            break;
          }
          queue.push_back(C + l);
        }
      } else {
        const std::size_t l = u - C;
        for (std::size_t c : concept_order) {
          if (seen[c] || x[c][l] == 0) continue;
          seen[c] = true;
          parent[c] = u;
          queue.push_back(c);
        }
      }
    }
    if (end_level == kNone) break;
    ++to_sink[end_level];
    for (std::size_t node = C + end_level;;) {
      const std::size_t c = parent[node];
      ++x[c][node - C];
      if (parent[c] == kNone) {
        ++from_source[c];
        break;
      }
      --x[c][parent[c] - C];
      node = parent[c];
    }
  }
  for (std::size_t c = 0; c < C; ++c) {
    while (from_source[c] < seats[c]) {
      std::size_t best = kNone;
      for (std::size_t l : level_order)
        if (x[c][l] < cell_size[c][l] &&
            (best == kNone || cell_size[c][l] - x[c][l] > cell_size[c][best] - x[c][best]))
          best = l;
      if (best == kNone) break;  // cannot happen when seats[c] <= the pool's size
      ++x[c][best];
      ++from_source[c];
    }
  }
  return x;
}

std::string count_text(std::size_t n) {
  return plural(n, "question", "questions");
}

}  // namespace

std::vector<const Question*> draw_stratified(const std::vector<std::vector<const Question*>>& pools,
                                             const std::vector<std::size_t>& seats, Rng& rng) {
  const std::size_t C = pools.size();
  std::vector<std::array<std::vector<const Question*>, kLevels>> cells(C);
  std::vector<std::array<std::size_t, kLevels>> cell_size(C, {0, 0, 0});
  std::vector<std::uint64_t> level_weight(kLevels, 0);
  std::vector<std::size_t> level_room(kLevels, 0);
  std::size_t total = 0;
  for (std::size_t c = 0; c < C; ++c) {
    for (const auto* q : pools[c]) cells[c][level_of(*q)].push_back(q);
    for (std::size_t l = 0; l < kLevels; ++l) {
      cell_size[c][l] = cells[c][l].size();
      level_weight[l] += cell_size[c][l];
      level_room[l] += std::min(cell_size[c][l], seats[c]);
    }
    total += seats[c];
  }
  const auto level_seats = apportion(total, level_weight, level_room, Minimum::one_each, rng);
  const auto x = arrange(cell_size, seats, level_seats, rng);
  std::vector<const Question*> paper;
  for (std::size_t c = 0; c < C; ++c)
    for (std::size_t l = 0; l < kLevels; ++l) {
      auto cell = cells[c][l];
      rng.shuffle(cell);
      paper.insert(paper.end(), cell.begin(), cell.begin() + static_cast<std::ptrdiff_t>(x[c][l]));
    }
  return paper;
}

std::vector<const Question*> compose_paper(const bank::Bank& bank, const PaperRequest& request,
                                           Rng& rng) {
  // The filters and their messages are the quiz's: select every match, in pack order.
  session::Selection sel;
  sel.concepts = request.concepts;
  sel.difficulties = request.difficulties;
  sel.count = 0;
  sel.order = session::QuestionOrder::as_written;
  const auto matching = session::select_questions(bank, sel, rng);

  std::vector<std::string> concepts = request.concepts;
  if (concepts.empty())
    for (const auto& p : bank.packs)
      for (const auto& c : p.concepts)
        if (std::find(concepts.begin(), concepts.end(), c.id) == concepts.end())
          concepts.push_back(c.id);
  const auto pools = bank::concept_pools(matching, concepts);
  std::size_t available = 0;
  for (const auto& p : pools) available += p.size();

  std::size_t n = request.count == 0 ? available : request.count;
  if (n > available) {
    if (request.rule == CountRule::exactly)
      throw_usage("-n " + std::to_string(n) + " asks for more questions than the " +
                  count_text(available) + " that match (" +
                  (request.concepts.empty() && request.difficulties.empty()
                       ? std::string("the whole bank")
                       : std::string("--concept, --difficulty")) +
                  "); use -n " + std::to_string(available) + " or fewer, or widen the selection");
    n = available;
  }
  std::vector<std::uint64_t> weights;
  std::vector<std::size_t> sizes;
  for (const auto& p : pools) weights.push_back(p.size()), sizes.push_back(p.size());
  const auto seats = apportion(n, weights, sizes, Minimum::one_each, rng);
  auto paper = draw_stratified(pools, seats, rng);
  rng.shuffle(paper);
  return paper;
}

std::vector<FoundExam> list_exams(const bank::Bank& bank) {
  std::vector<FoundExam> out;
  for (const auto& p : bank.packs)
    for (const auto& e : p.exams) out.push_back(FoundExam{&p, &e});
  return out;
}

FoundExam find_exam(const bank::Bank& bank, std::string_view name) {
  const auto all = list_exams(bank);
  std::vector<FoundExam> found;
  for (const auto& f : all)
    if (f.exam->id == name || f.full_id() == name) found.push_back(f);
  if (found.size() == 1) return found.front();
  const std::string shown = "'" + std::string(name) + "'";
  if (found.size() > 1) {
    std::string names;
    for (const auto& f : found) names += (names.empty() ? "" : ", ") + f.full_id();
    throw_usage("--exam " + shown + " is defined in more than one pack (" + names +
                "); name one of them with its pack, as --exam " + found.front().full_id());
  }
  if (all.empty())
    throw_usage(
        "--exam " + shown +
        ": these packs define no exams (instructors define them under \"exams\" in a "
        "pack; see docs/packs.md, \"Exams in a pack\"); use --pack PATH for a pack that has some");
  std::vector<std::string> ids;
  std::string names;
  for (const auto& f : all) {
    ids.push_back(f.exam->id);
    ids.push_back(f.full_id());
    names += "\n  " + f.full_id();
  }
  const std::string hint = did_you_mean(name, ids);
  throw_usage("--exam " + shown + " is not an exam of these packs" +
              (hint.empty() ? "" : "; " + hint) + "\nThe exams are:" + names +
              "\n(qkv exam --list shows them with their settings)");
}

std::vector<const Question*> compose_exam(const bank::Pack& pack, const bank::ExamDef& exam,
                                          Rng& rng) {
  auto broken = [&](const std::string& why) {
    throw Error(Exit::data,
                {make_error(exam.loc.file, exam.loc.pointer, "exam \"" + exam.id + "\" " + why,
                            exam.loc.line, exam.loc.column)});
  };
  std::vector<const Question*> paper;
  if (!exam.question_ids.empty()) {
    for (const auto& id : exam.question_ids) {
      const Question* q = bank::find_in_pack(pack, id);
      if (!q) broken("lists question \"" + id + "\", which the pack does not have");
      paper.push_back(q);
    }
    if (exam.shuffle) rng.shuffle(paper);
    return paper;
  }
  std::vector<const Question*> all;
  for (const auto& q : pack.questions) all.push_back(&q);
  std::vector<std::string> ids;
  std::vector<double> values;
  for (const auto& c : exam.concepts)
    if (c.value > 0) ids.push_back(c.id), values.push_back(c.value);
  const bool given = !ids.empty();
  if (!given)
    for (const auto& c : pack.concepts) ids.push_back(c.id);
  const auto pools = bank::concept_pools(all, ids);

  std::vector<std::size_t> seats, sizes;
  for (const auto& p : pools) sizes.push_back(p.size());
  std::size_t wanted = exam.count;
  if (given && exam.share == bank::ConceptShare::counts) {
    wanted = 0;
    for (double v : values) seats.push_back(static_cast<std::size_t>(v)), wanted += seats.back();
    for (std::size_t i = 0; i < seats.size(); ++i)
      if (seats[i] > sizes[i])
        broken("asks for more questions on \"" + ids[i] + "\" than the pack has");
  } else {
    std::vector<std::uint64_t> weights;
    for (std::size_t i = 0; i < pools.size(); ++i)
      weights.push_back(given ? std::max<std::uint64_t>(  // weights to 1/1000, never 0
                                    1, static_cast<std::uint64_t>(std::llround(values[i] * 1000.0)))
                              : sizes[i]);
    seats = apportion(wanted, weights, sizes, Minimum::one_each, rng);
  }
  if (std::accumulate(seats.begin(), seats.end(), std::size_t{0}) != wanted)
    broken("asks for " + count_text(wanted) + ", more than the pack has on its concepts");
  paper = draw_stratified(pools, seats, rng);
  if (exam.shuffle) {
    rng.shuffle(paper);
  } else {
    std::sort(paper.begin(), paper.end(),
              [](const Question* a, const Question* b) { return a < b; });
  }
  return paper;
}

}  // namespace qkv::exam
