#include "bank/content_hash.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "attention/problem_json.hpp"

namespace qkv::bank {

namespace {

class Fnv {
 public:
  /// Adds a field: its length first, so that ("ab", "c") and ("a", "bc") differ.
  void add(std::string_view s) {
    add_raw(std::to_string(s.size()));
    add_raw(":");
    add_raw(s);
  }
  void add(double d) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    add(std::string_view(buf));
  }
  void add(long long i) { add(std::string_view(std::to_string(i))); }
  std::string hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h_));
    return buf;
  }

 private:
  void add_raw(std::string_view s) {
    for (unsigned char c : s) {
      h_ ^= c;
      h_ *= 0x100000001b3ULL;
    }
  }
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

void add_tolerance(Fnv& f, const Tolerance& t) {
  f.add(t.value);
  f.add(static_cast<long long>(t.kind));
}

}  // namespace

std::string content_hash(const Question& q) {
  Fnv f;
  f.add(std::string_view(type_name(q.type)));
  f.add(std::string_view(q.prompt));
  std::visit(
      [&](const auto& b) {
        using B = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<B, ChoiceBody>) {
          for (const auto& o : b.options) {
            f.add(std::string_view(o.text));
            f.add(static_cast<long long>(o.correct));
          }
        } else if constexpr (std::is_same_v<B, TrueFalseBody>) {
          f.add(static_cast<long long>(b.answer));
        } else if constexpr (std::is_same_v<B, MatchingBody>) {
          for (const auto& p : b.pairs) {
            f.add(std::string_view(p.left));
            f.add(std::string_view(p.right));
          }
          for (const auto& d : b.distractors) f.add(std::string_view(d));
        } else if constexpr (std::is_same_v<B, OrderingBody>) {
          for (const auto& i : b.items) f.add(std::string_view(i));
        } else if constexpr (std::is_same_v<B, ShortBody>) {
          for (const auto& a : b.accept) f.add(std::string_view(a));
        } else if constexpr (std::is_same_v<B, NumericBody>) {
          f.add(b.answer);
          add_tolerance(f, b.tolerance);
          if (b.calc) {
            f.add(std::string_view(b.calc->input_json));
            f.add(std::string_view(b.calc->step));
            f.add(static_cast<long long>(b.calc->row));
            f.add(static_cast<long long>(b.calc->col));
          }
        } else if constexpr (std::is_same_v<B, CalculatedBody>) {
          f.add(std::string_view(b.kind));
          f.add(static_cast<long long>(b.level));
          f.add(b.seed ? static_cast<long long>(*b.seed) : -1LL);
          f.add(std::string_view(b.part));
          if (b.tolerance) add_tolerance(f, *b.tolerance);
        } else if constexpr (std::is_same_v<B, MatrixBody>) {
          for (const auto& row : b.answer) {
            f.add(static_cast<long long>(row.size()));
            for (double x : row) f.add(x);
          }
          add_tolerance(f, b.tolerance);
          if (b.calc) {
            // The problem as the calculator's input format writes it (keys sorted): the same
            // problem gives the same text however the pack spelled it.
            const std::string input =
                b.calc->problem ? attention::problem_to_json(*b.calc->problem).dump() : "";
            f.add(std::string_view(input));
            f.add(std::string_view(b.calc->step));
          }
        }
      },
      q.body);
  return f.hex();
}

}  // namespace qkv::bank
