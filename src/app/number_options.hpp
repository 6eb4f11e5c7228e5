#pragma once
// Checks for the numeric options (--seed, -n, --level, --precision, --pass, --tolerance, ...),
// run on the text as typed, before CLI11 converts it. CLI11's own conversion wraps "-1" into
// 18446744073709551615 for an unsigned option, saturates numbers that are too large, reads
// "0x10" as hex and lets NaN through a range; these refuse all of that with a message that says
// what is allowed ("-n: must be a whole number, 0 or more, not '-1'"), a usage error (exit 2).
#include <CLI/CLI.hpp>
#include <cstdint>
#include <limits>
#include <string>

namespace qkv::app {

/// A whole number in [lo, hi], written in decimal digits only (no sign, point or exponent).
/// `note`, when given, is added to the message (such as "0 = every match").
CLI::Validator whole_number(std::uint64_t lo,
                            std::uint64_t hi = std::numeric_limits<std::uint64_t>::max(),
                            std::string note = "");

/// A seed: any whole number from 0 to 18446744073709551615.
CLI::Validator seed_number();

/// A finite decimal number in [lo, hi] (such as 0.5, 1e-3 or 70); never NaN or infinite.
CLI::Validator real_number(double lo, double hi);

/// A percentage from 0 to 100, with or without a trailing '%' ("70" or "70%"); the '%' is
/// removed before the value is converted, so give it with Option::transform, not check.
CLI::Validator percentage();

}  // namespace qkv::app
