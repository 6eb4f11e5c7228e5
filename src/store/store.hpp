#pragma once
// The progress database (SQLite): an append-only review log, each card's scheduling state and the
// sessions. It knows nothing of sessions' logic, of grading or of the terminal: callers hand it
// records and read back data. Every failure is a qkv::Error naming the file and saying what to
// do (see docs/ARCHITECTURE.md, "The progress store"):
//   not a qkv database, damaged, or made by a newer qkv  -> Exit::data (65), file left untouched
//   read-only, disk full, locked, cannot be opened        -> Exit::no_input (66)
#include <compare>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "schedule/fsrs.hpp"

namespace qkv::store {

/// The schema this qkv writes (PRAGMA user_version). Older files are migrated on open.
inline constexpr int kSchemaVersion = 2;
/// PRAGMA application_id of a qkv database ("qkv1"), so that another program's SQLite file is
/// recognised and left alone.
inline constexpr std::int32_t kApplicationId = 0x716b7631;
/// A review of a card whose interval was at least this many days is a review of a mature card
/// (Anki's rule), the reviews "true retention" counts.
inline constexpr double kMatureDays = 21.0;

/// The activity an answer came from.
enum class Mode { quiz, exam, drill, review };
const char* mode_name(Mode m);

/// How right an answer was.
enum class Correct { no, partial, yes };
const char* correct_name(Correct c);

/// A card is one question of one pack (a drill: pack "drill", question "KIND/LEVEL").
struct CardKey {
  std::string pack;
  std::string question;
  auto operator<=>(const CardKey&) const = default;
  std::string full_id() const { return pack + "/" + question; }
};

struct StoredCard {
  CardKey key;
  schedule::Card card;
  std::string content_hash;  ///< of the question when it was last reviewed
};

/// One answer, with the card's state after it (as Anki's revlog keeps it).
struct ReviewRecord {
  std::int64_t id = 0;  ///< assigned by the store (rowid); ignored by record()
  TimePoint time{};
  CardKey key;
  std::string content_hash;
  Mode mode = Mode::quiz;
  std::string given;  ///< what was answered
  Correct correct = Correct::no;
  double points = 0.0;  ///< 0..1
  bool hinted = false;
  schedule::Rating rating = schedule::Rating::again;
  double seconds = 0.0;                 ///< time taken to answer
  std::optional<std::int64_t> session;  ///< the session it belongs to
  schedule::Card after;                 ///< the card's state after this review
  double interval_days = 0.0;           ///< after.due - time, in days
  double last_interval_days = 0.0;      ///< the interval the card had before (0 for a new card)
};

/// A session as begun.
struct SessionStart {
  Mode mode = Mode::quiz;
  TimePoint started{};
  std::string command;  ///< the command line, for the record
  std::size_t planned = 0;
};

/// What a session did, written when it ends.
struct SessionTotals {
  TimePoint ended{};
  std::size_t answered = 0;
  std::size_t correct = 0;
  double points = 0.0;
  std::size_t unsaved = 0;  ///< answers that could not be saved
};

/// Which cards a reset or an export covers: every card, one pack, or listed cards.
struct CardFilter {
  std::optional<std::string> pack;            ///< only this pack
  std::optional<std::vector<CardKey>> cards;  ///< only these cards (a concept's questions)
};

struct Counts {
  std::size_t cards = 0;
  std::size_t reviews = 0;
};

enum class Access { read_write, read_only };

class Store {
 public:
  /// Opens the database at `path`, creating it (and its folder) when missing unless `access` is
  /// read_only, then checks it is a qkv database of a version this qkv knows and migrates it to
  /// kSchemaVersion. Turns on WAL and a busy timeout. Throws Error as the header says; a file
  /// that is not a qkv database is never written to.
  static Store open(const std::filesystem::path& path, Access access = Access::read_write);
  /// As open(read_only), but nullopt when the file does not exist (nothing studied yet).
  static std::optional<Store> open_if_exists(const std::filesystem::path& path);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  const std::filesystem::path& path() const;

  /// Starts a session; returns its id.
  std::int64_t begin_session(const SessionStart& s);
  void end_session(std::int64_t id, const SessionTotals& t);

  /// Appends `r` to the log and sets the card's state to r.after, in one transaction that is
  /// committed before this returns. Returns the review's id.
  std::int64_t record(const ReviewRecord& r);

  std::optional<StoredCard> card(const CardKey& key);
  /// The cards of one pack.
  std::vector<StoredCard> cards_of_pack(std::string_view pack);
  std::vector<StoredCard> all_cards();

  /// Cards first reviewed at or after `t` (new cards introduced since then).
  std::size_t new_cards_since(TimePoint t);
  /// The cards answered not fully right in the latest session that recorded answers, in the
  /// order they were answered (each once).
  std::vector<CardKey> last_session_misses();

  /// Reviews with time in [from, to).
  std::size_t reviews_between(TimePoint from, TimePoint to);
  /// Whether there is any review in [from, to) (one index seek; for the streak).
  bool any_review_between(TimePoint from, TimePoint to);
  std::size_t review_count();
  /// Reviews per day since `from`, days numbered as floor((time + utc_offset) / 1 day) since the
  /// epoch; only days with reviews, in order.
  std::vector<std::pair<std::int64_t, std::size_t>> reviews_per_day(
      TimePoint from, std::chrono::seconds utc_offset);
  /// Per card of `pack`, reviews of the card when mature (last interval >= kMatureDays) and how
  /// many of them were right; only cards with such reviews.
  struct MatureCounts {
    CardKey key;
    std::size_t reviews = 0;
    std::size_t right = 0;
  };
  std::vector<MatureCounts> mature_reviews(std::string_view pack);

  /// Every review the filter covers, oldest first.
  void for_each_review(const CardFilter& f, const std::function<void(const ReviewRecord&)>& fn);

  /// What reset(f) would delete.
  Counts count(const CardFilter& f);
  /// Deletes the cards and reviews the filter covers, in one transaction.
  Counts reset(const CardFilter& f);

  /// "ok", or SQLite's list of problems (PRAGMA integrity_check).
  std::string integrity_check();

  /// For tests of a full disk only: caps the file at `pages` pages (PRAGMA max_page_count).
  void limit_pages(std::int64_t pages);

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  /// One attempt of open(); SqliteFailure escapes (open() retries while the file is busy).
  static Store open_once(const std::filesystem::path& path, bool write);
  std::unique_ptr<Impl> impl_;
};

/// The migrations, for tests: runs the steps that take a database at version `from` to `to`
/// (0 = an empty file) on the open file at `path`, without the checks of open().
void migrate_file(const std::filesystem::path& path, int from, int to);

/// Milliseconds since the epoch, as the store keeps times.
std::int64_t to_ms(TimePoint t);
TimePoint from_ms(std::int64_t ms);

}  // namespace qkv::store
