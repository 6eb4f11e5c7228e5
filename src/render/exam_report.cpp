#include "render/exam_report.hpp"

#include <algorithm>

#include "core/atomic_write.hpp"
#include "core/iso_time.hpp"
#include "core/text.hpp"
#include "exam/item_analysis.hpp"
#include "json/writer.hpp"
#include "render/exam_view.hpp"
#include "render/question_view.hpp"
#include "session/typed_answer.hpp"

namespace qkv::render {

namespace {

using nlohmann::json;

const char* feedback_kind(session::FeedbackKind k) {
  switch (k) {
    case session::FeedbackKind::right_pick:
      return "right_pick";
    case session::FeedbackKind::wrong_pick:
      return "wrong_pick";
    case session::FeedbackKind::missed:
      return "missed";
  }
  return "?";
}

// Text for a Markdown table cell: one line, pipes escaped, sanitised.
std::string cell(std::string_view s) {
  std::string out;
  for (char c : sanitize_line(s)) {
    if (c == '|')
      out += "\\|";
    else
      out += c;
  }
  return out;
}

// A fenced block that keeps the layout of `text` (the fence is longer than any run of backticks
// inside it).
std::string fenced(std::string_view text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  std::string body = sanitize_block(text);
  if (!body.empty() && body.back() != '\n') body += '\n';
  return fence + "text\n" + body + fence + "\n";
}

std::string inline_code(std::string_view s) {
  const std::string clean = sanitize_line(s);
  const std::string tick = clean.find('`') == std::string::npos ? "`" : "``";
  return tick + (tick.size() > 1 ? " " : "") + clean + (tick.size() > 1 ? " " : "") + tick;
}

// Choice questions (single, multi, true/false): every option in pack order, whether it is right
// and whether this learner chose it (what `qkv results` counts). Other types: an empty array.
json options_json(const exam::QuestionResult& q) {
  json out = json::array();
  const auto& bq = *q.presented->question;
  std::optional<session::Answer> a;
  if (q.answered) a = session::parse_answer(*q.presented, q.given).answer;
  if (bq.type == bank::QuestionType::single || bq.type == bank::QuestionType::multi) {
    const auto& opts = std::get<bank::ChoiceBody>(bq.body).options;
    for (std::size_t i = 0; i < opts.size(); ++i) {
      const bool chosen =
          a && std::find(a->options.begin(), a->options.end(), i) != a->options.end();
      out.push_back({{"text", opts[i].text}, {"correct", opts[i].correct}, {"chosen", chosen}});
    }
  } else if (bq.type == bank::QuestionType::true_false) {
    const bool truth = std::get<bank::TrueFalseBody>(bq.body).answer;
    for (bool side : {true, false})
      out.push_back({{"text", side ? "true" : "false"},
                     {"correct", side == truth},
                     {"chosen", a && a->truth == side}});
  }
  return out;
}

}  // namespace

std::optional<ReportFormat> report_format_for(const std::filesystem::path& path) {
  const std::string ext = lower_ascii(path.extension().string());
  if (ext == ".json") return ReportFormat::json;
  if (ext == ".md" || ext == ".markdown") return ReportFormat::markdown;
  return std::nullopt;
}

// Besides the keys listed in the header: "format": "qkv-exam-report/1" (what `qkv results`
// checks), "packs": {pack id: version} of the bank in use, and per question "options" (see
// options_json). Numbers carry full precision.
json exam_report_json(const exam::ExamResult& r, const bank::Bank& bank, const ReportInfo& info) {
  json questions = json::array();
  json flagged = json::array();
  for (const auto& q : r.questions) {
    const auto& bq = *q.presented->question;
    json feedback = json::array();
    for (const auto& f : q.result.feedback)
      feedback.push_back({{"label", f.label},
                          {"text", f.text},
                          {"note", f.note},
                          {"kind", feedback_kind(f.kind)}});
    questions.push_back({{"number", q.number},
                         {"id", bq.full_id()},
                         {"type", bank::type_name(bq.type)},
                         {"concepts", bq.concepts},
                         {"difficulty", bq.difficulty},
                         {"answered", q.answered},
                         {"given", q.answered ? json(q.given) : json(nullptr)},
                         {"correct", q.result.correct},
                         {"points", q.result.points},
                         {"detail", q.result.detail},
                         {"flagged", q.flagged},
                         {"answer", q.result.answer_key},
                         {"correct_answer", q.result.correct_answer},
                         {"options", options_json(q)},
                         {"feedback", feedback},
                         {"explanation", bq.explanation}});
    if (q.flagged) flagged.push_back(q.number);
  }
  json by_concept = json::object();
  for (const auto& c : r.by_concept) {
    json ids = json::array();
    for (std::size_t n : c.numbers)
      ids.push_back(r.questions[n - 1].presented->question->full_id());
    by_concept[c.id] = {
        {"name", bank.concept_name(c.id)},
        {"questions", c.questions},
        {"correct", c.correct},
        {"points", c.points},
        {"percent", c.questions ? 100.0 * c.points / static_cast<double>(c.questions) : 0.0},
        {"numbers", c.numbers},
        {"ids", ids}};
  }
  json packs = json::object();
  for (const auto& p : bank.packs) packs[p.id] = p.version;
  return {{"format", exam::kExamReportFormat},
          {"packs", packs},
          {"score", r.score},
          {"total", r.total},
          {"percent", r.percent},
          {"passed", r.passed},
          {"pass_mark", r.pass_mark},
          {"seconds_used", r.seconds_used},
          {"time_limit_seconds", r.time_limit ? json(r.time_limit->count()) : json(nullptr)},
          {"seed", info.seed},
          {"exam", info.exam.empty() ? json(nullptr) : json(info.exam)},
          {"title", info.title.empty() ? json(nullptr) : json(info.title)},
          {"started_at", format_iso_time(info.started)},
          {"ended", exam::exam_end_name(r.end)},
          {"answered", r.answered},
          {"correct", r.correct},
          {"flagged", flagged},
          {"by_concept", by_concept},
          {"questions", questions}};
}

std::string exam_report_markdown(const exam::ExamResult& r, const bank::Bank& bank,
                                 const ReportInfo& info) {
  std::string md =
      "# Exam result" + (info.title.empty() ? std::string() : ": " + cell(info.title)) + "\n\n";
  md += "| | |\n|---|---|\n";
  md += "| Mark | " + format_points(r.score) + " / " + std::to_string(r.total) + " (" +
        format_percent(r.percent) + "%) |\n";
  md += "| Result | **" + std::string(r.passed ? "PASS" : "FAIL") + "** (pass mark " +
        format_percent(r.pass_mark) + "%) |\n";
  md += "| Answered | " + std::to_string(r.answered) + " of " + std::to_string(r.total) +
        ", fully right " + std::to_string(r.correct) + " |\n";
  md += "| Time used | " + format_time_used(r) + " |\n";
  md += "| Ended | " + std::string(exam::exam_end_name(r.end)) + " |\n";
  if (!info.exam.empty()) md += "| Exam | " + inline_code(info.exam) + " |\n";
  md += "| Seed | " + std::to_string(info.seed) + " |\n";
  md += "| Started | " + format_iso_time(info.started) + " |\n";

  md +=
      "\n## By concept\n\n| concept | name | questions | right | points | question numbers |\n"
      "|---|---|---:|---:|---:|---|\n";
  for (const auto& c : r.by_concept) {
    std::string nums;
    for (std::size_t n : c.numbers) nums += (nums.empty() ? "" : ", ") + std::to_string(n);
    md += "| " + inline_code(c.id) + " | " + cell(bank.concept_name(c.id)) + " | " +
          std::to_string(c.questions) + " | " + std::to_string(c.correct) + " | " +
          format_points(c.points) + " | " + nums + " |\n";
  }

  md += "\n## Questions\n\n| # | id | type | answer given | points |\n|---:|---|---|---|---:|\n";
  for (const auto& q : r.questions) {
    const auto& bq = *q.presented->question;
    md += "| " + std::to_string(q.number) + (q.flagged ? " (flagged)" : "") + " | " +
          inline_code(bq.full_id()) + " | " + type_label(bq.type) + " | " +
          (q.answered ? inline_code(q.given) : std::string("(not answered)")) + " | " +
          format_points(q.result.points) + " |\n";
  }

  const auto review = r.to_review();
  md += "\n## Review\n\n";
  if (review.empty()) return md + "Every question fully right: nothing to review.\n";
  for (std::size_t number : review) {
    const auto& q = r.questions[number - 1];
    const auto& bq = *q.presented->question;
    md += "### Question " + std::to_string(number) + ": " + inline_code(bq.full_id()) + " (" +
          format_points(q.result.points) + " of 1 point)\n\n";
    md += fenced(render_question_text(*q.presented)) + "\n";
    if (q.answered) {
      md += "- You answered: " + inline_code(q.given) + "\n";
      if (!q.result.detail.empty()) md += "- " + cell(q.result.detail) + "\n";
    } else {
      md += "- Not answered.\n";
    }
    md += "- The answer:";
    if (q.result.correct_answer.size() == 1) {
      md += " " + cell(q.result.correct_answer[0]) + "\n";
    } else {
      md += "\n";
      for (const auto& line : q.result.correct_answer) md += "  - " + cell(line) + "\n";
    }
    for (const auto& f : q.result.feedback) {
      const char* lead = f.kind == session::FeedbackKind::missed       ? "Missed"
                         : f.kind == session::FeedbackKind::wrong_pick ? "You chose (wrong)"
                                                                       : "You chose (right)";
      md += "- " + std::string(lead) + " " + cell(f.label) +
            (f.label == f.text ? std::string() : ") " + cell(f.text)) + ": " + cell(f.note) + "\n";
    }
    if (!bq.explanation.empty()) md += "- Why: " + cell(bq.explanation) + "\n";
    md += "\n";
  }
  return md;
}

void save_exam_report(const std::filesystem::path& path, const exam::ExamResult& r,
                      const bank::Bank& bank, const ReportInfo& info) {
  const auto format = report_format_for(path);
  const std::string text = format == ReportFormat::markdown
                               ? exam_report_markdown(r, bank, info)
                               : json_text(exam_report_json(r, bank, info));
  write_file_atomically(path, text);
}

}  // namespace qkv::render
