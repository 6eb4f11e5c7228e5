#pragma once
// The JSON result of a study session (`qkv quiz --json`, `qkv review --json`). Keys are stable
// and documented in the man page (QKV QUIZ).
#include <cstdint>
#include <nlohmann/json.hpp>

#include "bank/model.hpp"
#include "session/quiz_runner.hpp"
#include "session/session.hpp"

namespace qkv::render {

/// {seed, ended (completed | end_of_input | interrupted | quit), score, total, planned,
/// answered, correct, percent, seconds, questions [{id, type, concepts, difficulty, given,
/// correct, points, answer, hints_used, seconds}], by_concept {ID: {name, answered, correct,
/// points, missed}}, missed, hinted, skipped}.
nlohmann::json session_json(const session::QuizSession& s, const bank::Bank& bank,
                            std::uint64_t seed, session::SessionEnd end);

}  // namespace qkv::render
