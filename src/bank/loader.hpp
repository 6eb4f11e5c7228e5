#pragma once
// Loading packs (pack format v1) from JSON text, files and directories, with validation that
// collects every problem. Implemented in loader.cpp / validate.cpp.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bank/model.hpp"
#include "bank/question_reader.hpp"
#include "core/error.hpp"

namespace qkv::bank {

/// The outcome of loading one pack: the pack when it is valid, and every problem found
/// (errors make `pack` empty; warnings may accompany a valid pack).
struct LoadResult {
  std::optional<Pack> pack;
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return pack.has_value(); }
};

/// What a load checks beyond reading.
struct LoadOptions {
  /// Run on every question read (see QuestionCheck); the commands give
  /// practice::check_question. Without it, a calculated question's kind and part and a numeric
  /// or matrix answer's agreement with the engine are not checked.
  QuestionCheck check_question;
};

/// Parses and validates a single-file pack held in memory; `name` is used as the file name in
/// diagnostics. Never throws for bad content: every problem is a Diagnostic.
LoadResult parse_pack(std::string_view json_text, std::string_view name,
                      const LoadOptions& options = {});

/// The name of the built-in bank, accepted wherever a pack path is (`qkv pack info core`).
inline constexpr const char* kBuiltinPackName = "core";

/// The path a pack argument stands for: the built-in bank's directory for exactly `core`, from
/// any directory (a local file or directory of that name is `./core`); any other path unchanged.
std::filesystem::path pack_path(const std::filesystem::path& path);

/// Loads a pack from a .json file, from a directory holding pack.json and questions/*.json, or
/// the built-in bank for `core` (see pack_path).
/// Unreadable paths are reported as diagnostics too; `unreadable` (if given) is set when any
/// file could not be read at all (exit 66 rather than 65).
LoadResult load_pack(const std::filesystem::path& path, bool* unreadable = nullptr,
                     const LoadOptions& options = {});

/// Fills in the line and column of diagnostics that name a file and a JSON pointer but no line
/// (lint warnings about options, for instance), by reading and scanning each file named once.
/// A pointer that does not exist is placed at the nearest enclosing value; diagnostics whose
/// file cannot be read keep line 0.
void locate(std::vector<Diagnostic>& diagnostics);
/// The same for diagnostics about text held in memory under `name` (as given to parse_pack).
void locate(std::vector<Diagnostic>& diagnostics, std::string_view name,
            std::string_view json_text);

/// The packs a command works on: the given paths, plus the built-in bank when include_builtin is
/// true or when no paths are given. Throws Error(Exit::data) with every diagnostic when a pack is
/// invalid, Error(Exit::no_input) when a path cannot be read.
Bank load_bank(const std::vector<std::string>& pack_paths, bool include_builtin,
               const LoadOptions& options = {});

}  // namespace qkv::bank
