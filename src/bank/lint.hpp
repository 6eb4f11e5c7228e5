#pragma once
// Quality checks an instructor wants before sharing a pack (`qkv pack lint`). They run on a pack
// that already validates and return warnings; they never change the pack.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bank/model.hpp"
#include "core/error.hpp"

namespace qkv::bank {

struct LintOptions {
  /// Warn about a concept that fewer than this many questions name (0 turns the check off).
  int min_per_concept = 3;
  /// Warn when a correct option is the strictly longest option in more than this share of the
  /// choice questions (and clearly more often than chance would make it).
  double longest_share = 0.5;
  /// Warn when one answer position (option a, b, ...; true or false) holds more than this share
  /// of the single-choice (or true/false) answers (and clearly more than an even spread would).
  double position_share = 0.5;
  /// The two pack-wide pattern checks above need at least this many questions to say anything.
  std::size_t min_sample = 8;
  /// Warn about two prompts whose 3-word shingles overlap by more than this share (Jaccard
  /// similarity, 0..1; above 1 turns the check off). Prompts of fewer than 5 words are skipped.
  double near_duplicate = 0.5;
  /// Warn when more than this share of the multi-select questions have the same number of
  /// correct options (at least min_multi of them; above 1 turns the check off).
  double multi_count_share = 0.6;
  std::size_t min_multi = 4;
  /// The text of the pack's files (path -> text) when the caller holds them, as `pack import`
  /// does before writing its pack: the check for hidden characters then reads these instead of
  /// the files on disk (which may be missing, or an older version).
  std::map<std::string, std::string_view> texts;
};

/// Returns a warning (Severity::warning, with the file and JSON pointer of the question, option
/// or concept concerned; line and column are filled for whole questions and concepts only, see
/// bank::locate) for each of:
/// - a wrong option without feedback (single, multi; for true_false, no feedback for the wrong
///   answer);
/// - a question without an explanation, or without a source;
/// - two options of one question with the same text (ignoring case and spacing);
/// - an option "all of the above" / "none of the above" (or "... of these");
/// - the correct option being the longest in most choice questions;
/// - correct answers piling up in one position across the pack;
/// - a concept that fewer than min_per_concept questions name, and a concept no question names;
/// - two prompts that are near-duplicates (near_duplicate), named as a pair;
/// - a stem that contains the distinctive words of a correct option (words no other option has;
///   at least two, three quarters of them, and more than any wrong option's in the stem);
/// - multi-select questions that mostly have the same number of correct options;
/// - a difficulty that disagrees with the rubric's cheap signals (1 recall a fact; 2 explain or
///   predict one step; 3 apply several steps or analyse a case): a true_false or short question
///   at level 3, or a computed question (calculated, matrix, numeric with calc) at level 1;
/// - a hint that contains the text of a correct option (or of an accepted short answer).
/// - a ``` code fence that is never closed in a prompt, explanation, hint, option, feedback,
///   concept summary or note (at that text, naming the line of the text where it opens);
/// - a text or key in the pack's files holding control characters or invisible characters
///   (is_hidden_format: bidi controls, zero-width characters, U+2028/2029, U+FEFF), with
///   line and column of the text and the place of each character in it (this reads the files
///   again, or takes them from options.texts; a pack held only in memory gets no such warning).
std::vector<Diagnostic> lint_pack(const Pack& pack, const LintOptions& options = {});

/// Two prompts whose 3-word shingles (lower-case ASCII words; prompts of fewer than 5 words have
/// none) overlap by more than a threshold: first < second, indexes into the prompts given.
struct NearDuplicate {
  std::size_t first = 0, second = 0;
  double similarity = 0;  ///< Jaccard similarity of the two sets of hashed shingles
};

/// Every pair of `prompts` whose similarity is above `threshold` (0..1), ordered by second and
/// then first, as comparing all pairs would find them, without comparing all pairs (the check
/// behind lint's near-duplicate warning; a threshold above 1 finds none).
std::vector<NearDuplicate> near_duplicates(const std::vector<std::string_view>& prompts,
                                           double threshold);

}  // namespace qkv::bank
