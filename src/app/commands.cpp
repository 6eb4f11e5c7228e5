#include "app/commands.hpp"

namespace qkv::app {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"quiz", "Study: answer questions one at a time, with feedback and a summary", setup_quiz},
      {"review", "Spaced repetition: the questions due today, then new ones (progress is saved)",
       setup_review},
      {"stats", "Progress: per concept, reviews and streak, a 14-day forecast, 12 weeks of study",
       setup_stats},
      {"progress", "Export or reset your saved progress", setup_progress},
      {"learn", "The concepts in study order, and one concept's note with a worked example",
       setup_learn},
      {"exam",
       "Exam practice: a timed paper, no feedback until it is submitted, a mark and a review",
       setup_exam},
      {"calc", "Work an attention example step by step: Q, K, V, scores, softmax, output",
       setup_calc},
      {"drill",
       "Drills: generated exercises checked entry by entry, worked steps, the mistake named",
       setup_drill},
      {"check", "Check a worked solution step by step: the first slip and the mistake behind it",
       setup_check},
      {"pack",
       "Check, describe, import and export question packs (validate, info, lint, import, export)",
       setup_pack},
      {"results", "Item analysis of a class's exam reports: which questions worked", setup_results},
      {"help", "The help of one command, as qkv COMMAND --help (qkv help pack info)", setup_help},
      {"completion", "Print a shell completion script: bash, zsh or fish", setup_completion},
  };
  return table;
}

void add_global_options(CLI::App& app, Context& ctx) {
  app.add_option("--color", ctx.color,
                 "Colour: auto (default; off in a pipe or with NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->group("Global options");
  app.add_option("--db", ctx.db,
                 "The progress database (default: $QKV_DB, else $XDG_DATA_HOME/qkv/progress.db, "
                 "else ~/.local/share/qkv/progress.db)")
      ->type_name("PATH")
      ->group("Global options");
  app.add_flag("--no-save", ctx.no_save,
               "Read and write no progress database: nothing is remembered (stats, progress and "
               "quiz --missed need it)")
      ->group("Global options");
}

}  // namespace qkv::app
