#pragma once
// Checks that span a whole pack once all its files are read: unique ids, concepts that exist,
// prerequisites without cycles, exams that can be drawn.
#include "bank/model.hpp"
#include "bank/pack_fields.hpp"

namespace qkv::bank {

/// Adds a diagnostic to `log` for every duplicate concept or question id, every question concept
/// or prerequisite that names a concept the pack does not define (with the nearest defined id as
/// a suggestion), and every cycle in the prerequisites (naming the concepts around it).
/// Locations come from the SourceLocs the readers recorded. The pack's exams are checked too
/// (bank/exam_defs.hpp, check_exams).
void check_pack(const Pack& pack, DiagnosticLog& log);

}  // namespace qkv::bank
