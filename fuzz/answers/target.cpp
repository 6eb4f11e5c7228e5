// The typed-answer parsers: what a learner types at a quiz or exam prompt (session::parse_answer
// for every question type of the built-in bank, as laid out by session::present, and
// parse_exam_command), and a drill's answer to one part (practice::parse_answer). The first
// byte picks the question (and the drill shape); the rest is the typed line.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "bank/loader.hpp"
#include "core/rng.hpp"
#include "exam/command.hpp"
#include "practice/matrix_answer.hpp"
#include "session/grade.hpp"
#include "session/presented.hpp"
#include "session/typed_answer.hpp"

namespace {

// Every question of the built-in bank, laid out once with a fixed seed.
const std::vector<qkv::session::PresentedQuestion>& presented() {
  static const std::vector<qkv::session::PresentedQuestion> all = [] {
    static const qkv::bank::Bank bank = qkv::bank::load_bank({}, true);
    std::vector<qkv::session::PresentedQuestion> out;
    qkv::Rng rng(1);
    for (const auto* q : bank.all_questions()) out.push_back(qkv::session::present(*q, rng));
    return out;
  }();
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& questions = presented();
  const std::uint8_t pick = data[0];
  const std::string_view line(reinterpret_cast<const char*>(data) + 1, size - 1);

  const auto& pq = questions[pick % questions.size()];
  const auto outcome = qkv::session::parse_answer(pq, line);
  if (outcome.ok()) (void)qkv::session::grade(pq, *outcome.answer);
  (void)qkv::exam::parse_exam_command(pq, line);
  (void)qkv::session::trim_input(line);

  const Eigen::Index rows = 1 + pick % 4, cols = 1 + (pick / 4) % 4;
  (void)qkv::practice::parse_answer(line, rows, cols);
  return 0;
}
