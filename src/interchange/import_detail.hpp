#pragma once
// Helpers the readers share (not part of the interface of src/interchange).
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bank/model.hpp"
#include "interchange/import.hpp"

namespace qkv::interchange {

/// The text of a file ready to read: a UTF-8 byte-order mark removed, "\r\n" and "\r" turned into
/// "\n". Returns false, with an error in out.errors naming the line, when `input` is not UTF-8.
bool prepare_text(std::string_view input, const std::string& file, std::string& text,
                  ReadResult& out);

/// A weight in percent as people write it: "50", "33.333", "-25".
std::string format_weight(double percent);

/// For a multiple-answer question read with Moodle weights (percent per option): qkv scores it as
/// (right picks - wrong picks) / right options. Calls `note` with what is lost unless every right
/// option has the same weight, they add up to 100% and every wrong option costs 100%/right.
void check_multi_weights(const std::vector<double>& weights, const bank::ChoiceBody& body,
                         const std::function<void(const std::string&)>& note);

/// Why qkv cannot hold this matching question (fewer than 2 pairs, a left or right item used
/// twice), or nullopt.
std::optional<std::string> matching_problem(const bank::MatchingBody& body);

/// Why qkv cannot hold this ordering question, or nullopt.
std::optional<std::string> ordering_problem(const std::vector<std::string>& items);

}  // namespace qkv::interchange
