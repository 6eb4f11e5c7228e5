#pragma once
// Item analysis over a class's exam reports (`qkv results`): the statistics of Moodle's quiz
// statistics report, computed from the JSON reports `qkv exam --report FILE.json` writes.
//
// read_sitting() turns one parsed report into a Sitting (or throws Error(Exit::data) saying what
// is wrong with it); analyse() groups sittings by exam and pack versions and computes, for each
// group, per question the facility index, the standard deviation and the discrimination index,
// the flags of questions that need attention, per option how often it was chosen, per learner the
// total and per concept the class mean. Pure: no files, no printing.
#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace qkv::exam {

/// The "format" of an exam report this version of qkv writes and reads.
inline constexpr const char* kExamReportFormat = "qkv-exam-report/1";

/// One option of a choice question as a sitting saw it (pack order).
struct SittingOption {
  std::string text;
  bool correct = false;
  bool chosen = false;
};

/// One question of one sitting.
struct SittingQuestion {
  std::string id;  ///< "pack-id/question-id"
  std::string type;
  std::vector<std::string> concepts;
  bool answered = false;
  double points = 0.0;                 ///< 0..max_points
  double max_points = 1.0;             ///< every qkv question is worth one point
  std::vector<SittingOption> options;  ///< choice questions (single, multi, true_false) only
};

/// One concept's share of one sitting.
struct SittingConcept {
  std::string id;
  std::string name;
  std::size_t questions = 0;
  double points = 0.0;
};

/// One learner's exam report.
struct Sitting {
  std::string learner;  ///< who sat it: the report's file name, as given
  std::string exam;     ///< "pack-id/exam-id"; empty for a paper drawn from the bank
  std::string title;
  std::map<std::string, std::string> packs;  ///< pack id -> version, of the bank in use
  double score = 0.0;
  std::size_t total = 0;
  double pass_mark = 0.0;
  bool passed = false;
  std::vector<SittingQuestion> questions;  ///< in paper order
  std::vector<SittingConcept> concepts;
};

/// Reads a parsed exam report. Throws Error(Exit::data) with a diagnostic (file = `learner`, a
/// JSON pointer where one applies) when it is not a qkv exam report ("format" missing or not an
/// object), of another version ("format" is "qkv-exam-report/N" with another N), or malformed.
Sitting read_sitting(const nlohmann::json& report, const std::string& learner);

/// Why a question needs attention.
struct ItemFlag {
  std::string code;    ///< "too_hard", "too_easy", "low_discrimination", "no_discrimination",
                       ///< "unchosen_distractor"
  std::string reason;  ///< one sentence for people
};

struct OptionStats {
  std::string text;
  bool correct = false;
  std::size_t chosen = 0;  ///< answered attempts that chose it
  double share = 0.0;      ///< chosen / answered attempts (0 when none answered)
};

struct ItemStats {
  std::string id;
  std::string type;
  std::vector<std::string> concepts;
  std::size_t attempts = 0;  ///< sittings whose paper held it (unanswered ones score 0)
  std::size_t answered = 0;
  double mean_points = 0.0;
  double max_points = 1.0;
  double facility = 0.0;  ///< mean_points / max_points
  /// Sample standard deviation (n - 1) of the item score as a fraction of max_points; nullopt
  /// with fewer than two attempts.
  std::optional<double> sd;
  /// Pearson correlation of the item score with the rest of the paper (total minus this item)
  /// over the attempts; nullopt when either has no variance or there are fewer than two attempts.
  std::optional<double> discrimination;
  std::vector<OptionStats> options;  ///< choice questions: pack order
  std::vector<ItemFlag> flags;       ///< empty when the question looks fine
};

struct LearnerStats {
  std::string learner;
  double score = 0.0;
  std::size_t total = 0;
  double percent = 0.0;
  bool passed = false;
};

struct ConceptMean {
  std::string id;
  std::string name;
  std::size_t learners = 0;   ///< sittings with a question on it
  double mean_percent = 0.0;  ///< class mean of each learner's percent on the concept
};

/// The analysis of one exam (one group of sittings).
struct ExamAnalysis {
  std::string exam;  ///< as in Sitting; empty for drawn papers
  std::string title;
  std::map<std::string, std::string> packs;
  std::size_t learners = 0;
  double mean_percent = 0.0;
  std::optional<double> sd_percent;      ///< sample SD of the learners' percents
  std::vector<ItemStats> items;          ///< in the order questions first appear
  std::vector<LearnerStats> by_learner;  ///< in the order given
  std::vector<ConceptMean> by_concept;  ///< in the order concepts first appear
};

/// Thresholds of the flags (Moodle's usual reading of the numbers).
struct FlagRules {
  double facility_low = 0.2;        ///< facility below: too hard
  double facility_high = 0.95;      ///< facility above: too easy
  double discrimination_low = 0.1;  ///< discrimination below: does not separate
};

/// Groups `sittings` by exam and pack versions (groups in the order first seen) and analyses each.
std::vector<ExamAnalysis> analyse(const std::vector<Sitting>& sittings,
                                  const FlagRules& rules = {});

/// The name of a group for people: "examdemo/quick (examdemo 1.0.0)" or "papers drawn from the
/// bank (core 1.2)".
std::string group_name(const ExamAnalysis& a);

}  // namespace qkv::exam
