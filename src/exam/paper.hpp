#pragma once
// Composing an exam paper: which questions, in which order. A paper is not N random draws (which
// can miss whole concepts): the questions are shared out over concepts in proportion to the bank
// (largest remainders, at least one per concept when N allows), the difficulty levels of the
// paper in proportion to the bank as well, and only then drawn at random within each concept and
// level. Every random choice comes from the Rng, so a seed gives the same paper.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bank/model.hpp"
#include "core/rng.hpp"

namespace qkv::exam {

/// Whether a paper may have fewer questions than asked for when fewer match.
enum class CountRule {
  exactly,  ///< -n given: fewer matching questions is a usage error
  at_most,  ///< the default size: take every match when there are fewer
};

/// A paper drawn from the whole bank (`qkv exam` without --exam).
struct PaperRequest {
  std::size_t count = 20;  ///< questions on the paper; 0 = every matching question
  CountRule rule = CountRule::at_most;
  std::vector<std::string> concepts;  ///< only questions on these concepts (any of a question's
                                      ///< concepts); empty = every concept
  std::vector<int> difficulties;      ///< only these levels (1-3); empty = every level
};

/// The paper for `request`, shuffled from rng. Each question counts for the first of its concepts
/// that is on the paper (bank::concept_pools). Throws Error(Exit::usage) for an unknown concept,
/// when nothing matches, and (CountRule::exactly) when fewer questions match than asked for; the
/// messages say how many there are and list the bank's concepts.
std::vector<const bank::Question*> compose_paper(const bank::Bank& bank,
                                                 const PaperRequest& request, Rng& rng);

/// An instructor's exam and the pack that defines it.
struct FoundExam {
  const bank::Pack* pack = nullptr;
  const bank::ExamDef* exam = nullptr;
  /// "pack-id/exam-id", the unambiguous name.
  std::string full_id() const { return pack->id + "/" + exam->id; }
};

/// The exams of every pack of the bank, in pack order.
std::vector<FoundExam> list_exams(const bank::Bank& bank);

/// The exam called `name` ("exam-id" or "pack-id/exam-id"). Throws Error(Exit::usage) when there
/// is none (listing the exams there are, or saying that the packs define none) or when two packs
/// define an exam of that id (asking for "pack-id/exam-id").
FoundExam find_exam(const bank::Bank& bank, std::string_view name);

/// The paper of an instructor's exam, drawn from its own pack: the listed questions (shuffled
/// when exam.shuffle), or `count` questions spread like compose_paper over the pack's concepts or
/// over the exam's concept weights, or the exam's count per concept. REQUIRES: the pack passed
/// bank::check_exams (it throws Error(Exit::data) if a question cannot be found anyway).
std::vector<const bank::Question*> compose_exam(const bank::Pack& pack, const bank::ExamDef& exam,
                                                Rng& rng);

/// The heart of both: draws seats[i] questions from pools[i] for each concept i, sharing the
/// paper's difficulty levels out in proportion to the levels of all the pools, then arranging
/// the level counts within the concepts (a small max-flow) so that both add up whenever the pools
/// allow it. Returned in pool order, then level, then drawn order. REQUIRES: seats[i] <=
/// pools[i].size().
std::vector<const bank::Question*> draw_stratified(
    const std::vector<std::vector<const bank::Question*>>& pools,
    const std::vector<std::size_t>& seats, Rng& rng);

}  // namespace qkv::exam
