#pragma once
// Time comes from a Clock object, never from the system directly inside the core, so exams and
// schedules can be tested with a FakeClock and replayed with --now.
#include <chrono>

namespace qkv {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

/// The real clock (front end only).
class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

/// A clock that moves only when told to (tests, --now).
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start = TimePoint{}) : t_(start) {}
  TimePoint now() const override { return t_; }
  void advance(std::chrono::milliseconds d) { t_ += d; }
  void set(TimePoint t) { t_ = t; }

 private:
  TimePoint t_;
};

/// The real clock moved to start at a given time (`--now`): durations are real, the times read
/// are shifted so that the first reading is `start`.
class OffsetClock final : public Clock {
 public:
  explicit OffsetClock(TimePoint start) : offset_(start - std::chrono::system_clock::now()) {}
  TimePoint now() const override { return std::chrono::system_clock::now() + offset_; }

 private:
  TimePoint::duration offset_;
};

}  // namespace qkv
