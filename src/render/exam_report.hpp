#pragma once
// The full result of an exam as a document: JSON for scripts (`--json` on stdout, `--report
// FILE.json`) and Markdown for people (`--report FILE.md`). The JSON keys are stable and listed
// in the man page (docs/qkv.1, QKV EXAM).
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "bank/model.hpp"
#include "core/clock.hpp"
#include "exam/result.hpp"

namespace qkv::render {

/// What a report says besides the result.
struct ReportInfo {
  std::uint64_t seed = 0;  ///< the seed of the paper (replay with --seed)
  std::string exam;        ///< "pack-id/exam-id" of an instructor's exam; empty for a drawn paper
  std::string title;       ///< its title; empty for a drawn paper
  TimePoint started{};     ///< when the exam started (the clock's first reading)
};

enum class ReportFormat { json, markdown };

/// The format for a --report path from its extension: .json, or .md / .markdown; nullopt for
/// anything else.
std::optional<ReportFormat> report_format_for(const std::filesystem::path& path);

/// {"score", "total", "percent", "passed", "pass_mark", "seconds_used", "time_limit_seconds",
///  "seed", "exam", "title", "started_at", "ended", "answered", "correct", "flagged",
///  "by_concept": {id: {"name", "questions", "correct", "points", "percent", "numbers", "ids"}},
///  "questions": [{"number", "id", "type", "concepts", "difficulty", "answered", "given",
///                 "correct", "points", "detail", "flagged", "answer", "correct_answer",
///                 "feedback": [{"label", "text", "note", "kind"}], "explanation"}]}.
/// "given" is null if unanswered; also "format", "packs", "options": see exam_report.cpp.
nlohmann::json exam_report_json(const exam::ExamResult& r, const bank::Bank& bank,
                                const ReportInfo& info);

/// The same as a Markdown document: a summary table, the per-concept table, every question's
/// points, and the review of every question not fully right.
std::string exam_report_markdown(const exam::ExamResult& r, const bank::Bank& bank,
                                 const ReportInfo& info);

/// Writes the report to `path` in the format of its extension, atomically (core/atomic_write).
/// REQUIRES: report_format_for(path) is set.
void save_exam_report(const std::filesystem::path& path, const exam::ExamResult& r,
                      const bank::Bank& bank, const ReportInfo& info);

}  // namespace qkv::render
