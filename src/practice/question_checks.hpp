#pragma once
// The checks of pack questions that need the drills' generators or the engine. The bank reads a
// question (bank/question_reader) and leaves these to a layer that knows exercises; the commands
// give check_question to the loader (bank::LoadOptions::check_question).
#include <string>

#include "bank/model.hpp"
#include "json/fields.hpp"

namespace qkv::practice {

/// Reports to ctx, at JSON pointers under `pointer` (the question's): a calculated question's
/// unknown exercise kind (with the nearest name) and a part its kind and level do not have; a
/// numeric question with a calc whose step the computation does not have, whose row or col lie
/// outside that step's matrix, or whose answer is not the entry the engine computes there
/// (within the question's tolerance); a matrix question with a calc whose step the computation does
/// not have, whose answer has another shape than the step, or whose entries are not what the engine
/// computes (within the question's tolerance). Questions of other types, and parts that could not
/// be read, are left alone.
void check_question(const bank::Question& q, const std::string& pointer, const ReadContext& ctx);

}  // namespace qkv::practice
