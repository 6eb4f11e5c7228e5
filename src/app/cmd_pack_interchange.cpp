// `qkv pack import` and `qkv pack export`: questions to and from the formats other systems use
// (GIFT, Aiken, Moodle XML; Markdown for paper). The conversions live in src/interchange; this
// file reads and writes the files and reports.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "app/bank_options.hpp"
#include "app/commands.hpp"
#include "bank/lint.hpp"
#include "bank/loader.hpp"
#include "core/atomic_write.hpp"
#include "core/files.hpp"
#include "core/text.hpp"
#include "interchange/export.hpp"
#include "interchange/import.hpp"
#include "interchange/pack_writer.hpp"
#include "interchange/text_util.hpp"
#include "json/writer.hpp"
#include "render/diagnostics_json.hpp"
#include "term/terminal.hpp"

namespace qkv::app {

namespace {

namespace fs = std::filesystem;

struct ImportOptions {
  std::vector<std::string> files;
  std::string from;        ///< --from: gift, aiken, moodle-xml; empty: detect
  std::string out;         ///< -o: a .json file, or a directory when it ends in '/'
  std::string id, title;   ///< --id, --title
  std::string concept_id;  ///< --concept
  bool skip_unsupported = false;
  bool json = false;  ///< --json: what was written, as one JSON document on stdout
};

struct ExportOptions {
  std::string pack;
  std::string to;   ///< gift, aiken, moodle-xml, markdown
  std::string out;  ///< -o FILE
  bool json = false;  ///< --json: what was written, as one JSON document on stdout
};

// Question N of the assembled pack, from a diagnostic's pointer "/questions/N/...".
std::optional<std::size_t> question_index(const std::string& pointer) {
  const std::string prefix = "/questions/";
  if (pointer.rfind(prefix, 0) != 0) return std::nullopt;
  std::size_t n = 0, i = prefix.size();
  if (i >= pointer.size() || !std::isdigit(static_cast<unsigned char>(pointer[i])))
    return std::nullopt;
  for (; i < pointer.size() && std::isdigit(static_cast<unsigned char>(pointer[i])); ++i)
    n = n * 10 + static_cast<std::size_t>(pointer[i] - '0');
  return n;
}

// Writes a directory pack: pack.json and questions/NN-concept.json, built in a new directory
// beside `dir` and renamed into place, so that `dir` is never seen half-written. An existing
// `dir` is replaced only when it holds a pack (pack.json and questions/) and nothing else.
// Throws unless `dir` can become a directory pack: Error(kExitOutput) when its parent is missing
// or not writable or `dir` is a file, a usage error when it holds files that are not a pack's
// (qkv does not delete what it did not write).
void check_pack_directory(const fs::path& dir) {
  std::error_code ec;
  const std::string shown = dir.string() + "/";
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw Error(kExitOutput, "-o " + shown + ": exists and is not a directory");
  if (fs::is_directory(dir, ec)) {
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      const std::string name = e.path().filename().string();
      if (name != "pack.json" && name != "questions")
        throw Error(Exit::usage, "-o " + shown + ": the directory holds other files (" + name +
                                     "); give a new or empty directory, or a pack "
                                     "directory to replace");
    }
  }
  // The new directory is made beside `dir` and renamed into place.
  const fs::path parent = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
  if (!fs::exists(parent, ec))
    throw Error(kExitOutput, "-o " + shown + ": the directory " + parent.string() +
                                 " does not exist; create it first");
  if (!fs::is_directory(parent, ec))
    throw Error(kExitOutput, "-o " + shown + ": " + parent.string() + " is not a directory");
  if (access(parent.c_str(), W_OK | X_OK) != 0)
    throw Error(kExitOutput, "-o " + shown + ": cannot create files in " + parent.string() +
                                 " (" + std::strerror(errno) + ")");
}

void write_pack_directory(const fs::path& dir, const bank::Pack& pack) {
  std::error_code ec;
  const fs::path parent = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
  check_pack_directory(dir);
  std::string tmpl = (parent / ("." + dir.filename().string() + ".XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  if (!mkdtemp(name.data()))
    throw Error(kExitOutput, "cannot write " + dir.string() + "/: creating a directory in " +
                                 parent.string() + " failed (" + std::strerror(errno) + ")");
  const fs::path tmp(name.data());
  try {
    fs::permissions(tmp, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
    write_file_atomically(tmp / "pack.json", json_text(interchange::pack_meta_to_json(pack)));
    fs::create_directory(tmp / "questions");
    std::map<std::string, std::vector<const bank::Question*>> by_concept;
    std::vector<std::string> order;
    for (const auto& q : pack.questions) {
      const std::string c = q.concepts.empty() ? "questions" : q.concepts.front();
      if (!by_concept.count(c)) order.push_back(c);
      by_concept[c].push_back(&q);
    }
    for (std::size_t i = 0; i < order.size(); ++i) {
      nlohmann::ordered_json doc;
      auto& qs = doc["questions"] = nlohmann::ordered_json::array();
      for (const auto* q : by_concept[order[i]]) qs.push_back(interchange::question_to_json(*q));
      char prefix[32];
      std::snprintf(prefix, sizeof prefix, "%03zu-", i + 1);
      write_file_atomically(tmp / "questions" / (prefix + order[i] + ".json"), json_text(doc));
    }
    if (fs::exists(dir, ec)) {
      const fs::path old = tmp.string() + ".old";
      fs::rename(dir, old);
      fs::rename(tmp, dir);
      fs::remove_all(old, ec);
    } else {
      fs::rename(tmp, dir);
    }
  } catch (const fs::filesystem_error& e) {
    fs::remove_all(tmp, ec);
    throw Error(kExitOutput, "cannot write " + dir.string() + "/: " + e.code().message() +
                                 "; the directory was left as it was");
  } catch (...) {
    fs::remove_all(tmp, ec);
    throw;
  }
}

std::size_t count_severity(const std::vector<Diagnostic>& ds, Severity s) {
  return static_cast<std::size_t>(
      std::count_if(ds.begin(), ds.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

int run_import(const ImportOptions& o, const Context& ctx) {
  const term::Style err = ctx.err_style();
  const std::size_t err_width = term::output_width(2);
  const bool to_dir = !o.out.empty() && o.out.back() == '/';
  fs::path out = o.out;
  if (to_dir) {
    std::string s = o.out;
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    out = s;
    check_pack_directory(out);
  } else {
    std::string ext = out.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
    if (ext != ".json")
      throw_usage("-o " + o.out +
                  ": give a .json file, or a directory ending in '/' (for a "
                  "directory pack)");
    check_writable_path(out, "-o");
  }

  std::optional<interchange::Format> forced;
  if (!o.from.empty()) forced = interchange::parse_format(o.from);

  std::vector<interchange::ReadResult> files;
  std::vector<Diagnostic> errors, skipped, notes;
  for (const auto& path : o.files) {
    const std::string text = read_text_file(path);
    auto format = forced ? forced : interchange::detect_format(path, text);
    if (!format) {
      errors.push_back({path, 0, 0, "",
                        "cannot tell the format from the name or the content; give --from gift, "
                        "--from aiken or --from moodle-xml",
                        Severity::error});
      continue;
    }
    files.push_back(interchange::read_format(*format, text, path));
    auto& r = files.back();
    errors.insert(errors.end(), r.errors.begin(), r.errors.end());
    skipped.insert(skipped.end(), r.skipped.begin(), r.skipped.end());
    notes.insert(notes.end(), r.notes.begin(), r.notes.end());
  }
  if (!errors.empty()) {
    print_diagnostics(std::cerr, errors, err, "qkv: ", err_width);
    std::cerr << wrap_block(
        err.bad("qkv: nothing written: " + plural(errors.size(), "error", "errors") +
                " in the input; fix them and import again"),
        err_width, "", "     ");
    return static_cast<int>(Exit::data);
  }

  interchange::AssembleOptions ao;
  ao.pack_id = o.id;
  if (ao.pack_id.empty()) ao.pack_id = interchange::slug(out.stem().string());
  if (ao.pack_id.empty()) ao.pack_id = "imported";
  ao.title = o.title;
  ao.concept_id = o.concept_id;
  std::string names;
  for (const auto& f : o.files)
    names += (names.empty() ? "" : ", ") + fs::path(f).filename().string();
  ao.description = "Imported from " + names + " by qkv pack import.";
  bank::Pack pack = interchange::assemble(files, ao, notes);

  for (auto& s : skipped) s.message = "not imported: " + s.message;
  print_diagnostics(std::cerr, notes, err, "qkv: ", err_width);
  print_diagnostics(std::cerr, skipped, err, "qkv: ", err_width);

  // The pack is checked exactly as `qkv pack validate` would check the file.
  const std::string doc = json_text(interchange::pack_to_json(pack));
  const std::string shown_out = to_dir ? out.string() + "/" : out.string();
  bank::LoadResult loaded = bank::parse_pack(doc, shown_out, pack_load_options());
  if (!loaded.pack) {
    std::vector<Diagnostic> problems;
    for (auto d : loaded.diagnostics) {
      if (d.severity != Severity::error) continue;
      if (auto n = question_index(d.pointer); n && *n < pack.questions.size()) {
        const auto& q = pack.questions[*n];
        d.message =
            "question \"" + q.id + "\" would not validate: " + d.message + " (" + d.pointer + ")";
        d.file = q.loc.file;
        d.line = q.loc.line;
        d.column = 0;
        d.pointer.clear();
      }
      problems.push_back(std::move(d));
    }
    print_diagnostics(std::cerr, problems, err, "qkv: ", err_width);
    std::cerr << wrap_block(err.bad("qkv: nothing written: the imported pack would not validate"),
                            err_width, "", "     ");
    return static_cast<int>(Exit::data);
  }
  bank::LintOptions lint_options;
  lint_options.texts[shown_out] = doc;  // not on disk yet (or an older version is)
  const auto lint = bank::lint_pack(*loaded.pack, lint_options);

  if (!skipped.empty() && !o.skip_unsupported) {
    std::cerr << wrap_block(
        err.bad("qkv: nothing written: " + plural(skipped.size(), "question", "questions") +
                " cannot be carried over (listed above); give --skip-unsupported to write the "
                "other " +
                std::to_string(pack.questions.size()) + " without them"),
        err_width, "", "     ");
    return static_cast<int>(Exit::data);
  }

  if (to_dir)
    write_pack_directory(out, pack);
  else
    write_file_atomically(out, doc);

  const std::size_t warnings = count_severity(lint, Severity::warning);
  if (o.json) {
    // {output, pack, questions, concepts, skipped [diagnostic], notes [diagnostic],
    // lint_warnings}.
    std::cout << json_text(nlohmann::ordered_json{{"output", shown_out},
                                                  {"pack", pack.id},
                                                  {"questions", pack.questions.size()},
                                                  {"concepts", pack.concepts.size()},
                                                  {"skipped", render::diagnostics_json(skipped)},
                                                  {"notes", render::diagnostics_json(notes)},
                                                  {"lint_warnings", warnings}});
    return 0;
  }
  std::string line = "imported " + plural(pack.questions.size(), "question", "questions") +
                     " into " + shown_out + " (pack \"" + pack.id + "\", " +
                     plural(pack.concepts.size(), "concept", "concepts") + ")";
  if (!skipped.empty()) line += "; skipped " + std::to_string(skipped.size()) + " unsupported";
  if (!notes.empty()) line += "; " + plural(notes.size(), "note", "notes") + " on what was lost";
  const std::size_t width = term::output_width(1);
  std::cout << wrap_block(ctx.out_style().good(sanitize_line(line)), width, "", "  ");
  if (warnings)
    std::cout << wrap_block("lint: " + plural(warnings, "warning", "warnings") +
                                " (see them with: qkv pack lint " + sanitize_line(shown_out) + ")",
                            width, "", "  ");
  return 0;
}

int run_export(const ExportOptions& o, const Context& ctx) {
  const auto target = interchange::parse_export_format(o.to);
  if (!target) throw_usage("--to " + o.to + ": use gift, aiken, moodle-xml or markdown");
  check_writable_path(o.out, "-o");
  bool unreadable = false;
  bank::LoadResult r = bank::load_pack(o.pack, &unreadable, pack_load_options());
  if (!r.pack) throw Error(unreadable ? Exit::no_input : Exit::data, r.diagnostics);
  const interchange::ExportResult out = interchange::export_pack(*r.pack, *target);
  write_file_atomically(o.out, out.text);
  const term::Style err = ctx.err_style();
  print_diagnostics(std::cerr, out.losses, err, "qkv: ", term::output_width(2));
  if (o.json) {
    // {output, format, pack, questions, losses [diagnostic]}.
    std::cout << json_text(nlohmann::ordered_json{
        {"output", o.out},
        {"format", interchange::export_format_name(*target)},
        {"pack", r.pack->id},
        {"questions", out.questions},
        {"losses", render::diagnostics_json(out.losses)}});
    return 0;
  }
  std::string line = "exported " + plural(out.questions, "question", "questions") + " of pack \"" +
                     r.pack->id + "\" to " + o.out + " (" +
                     interchange::export_format_name(*target) + ")";
  if (!out.losses.empty())
    line += "; " + plural(out.losses.size(), "loss", "losses") + " listed above";
  std::cout << wrap_block(ctx.out_style().good(sanitize_line(line)), term::output_width(1), "",
                          "  ");
  return 0;
}

}  // namespace

void add_pack_interchange(CLI::App& pack, Context& ctx) {
  auto io = std::make_shared<ImportOptions>();
  auto* imp = pack.add_subcommand(
      "import", "Make a qkv pack from GIFT, Aiken or Moodle XML questions (from Moodle and LMSs)");
  imp->add_option("FILE", io->files, "Question files: .gift/.txt (GIFT), .aiken/.txt, .xml")
      ->required()
      ->type_name("FILE");
  imp->add_option("--from", io->from,
                  "The format of every FILE (default: from the name or content)")
      ->check(CLI::IsMember({"gift", "aiken", "moodle-xml"}))
      ->type_name("FORMAT");
  imp->add_option("-o,--output", io->out,
                  "The pack to write: a .json file, or a directory when it ends in '/'")
      ->required()
      ->type_name("OUT");
  imp->add_option("--id", io->id, "The pack's id (default: from the output's name)")
      ->type_name("ID");
  imp->add_option("--title", io->title, "The pack's title (default: \"Imported questions\")")
      ->type_name("TEXT");
  imp->add_option("--concept", io->concept_id,
                  "The concept of questions that come without a category (default: imported)")
      ->type_name("ID");
  imp->add_flag("--json", io->json,
                "Print what was written as one JSON document: output, pack, questions, "
                "concepts, skipped, notes, lint_warnings");
  imp->add_flag("--skip-unsupported", io->skip_unsupported,
                "Write the pack even when some questions cannot be carried over (they are still "
                "listed)");
  imp->footer(
      "\nEach GIFT $CATEGORY or Moodle XML category becomes a concept. Every question that\n"
      "cannot be carried over (an essay, a description, a type qkv lacks) is listed as\n"
      "FILE:LINE with the reason, and so is every detail lost on the way (partial-credit weights,\n"
      "per-answer feedback qkv cannot show, images). The pack is validated before it is written,\n"
      "and written atomically. README, \"Moving a bank to and from Moodle\", has the tables.\n"
      "\nExamples:\n"
      "  qkv pack import attention.gift -o attention.json\n"
      "  qkv pack import moodle-export.xml --id course -o course-pack/\n"
      "  qkv pack import a.txt b.txt --from aiken --concept basics -o basics.json\n"
      "\nExit codes: 0 written; 65 malformed input, a question that cannot be carried over\n"
      "(without --skip-unsupported) or a pack that would not validate (nothing is written);\n"
      "66 a FILE cannot be read; 2 usage (a bad -o).");
  imp->callback([&ctx, io] { ctx.exit_code = run_import(*io, ctx); });

  auto eo = std::make_shared<ExportOptions>();
  auto* exp = pack.add_subcommand(
      "export", "Write a pack as GIFT, Aiken or Moodle XML (for Moodle), or as a printable paper");
  exp->add_option("PACK", eo->pack, "A pack file or directory")->required()->type_name("PACK");
  exp->add_option("--to", eo->to,
                  "gift, aiken, moodle-xml or markdown (a paper with an answer key)")
      ->required()
      ->check(CLI::IsMember({"gift", "aiken", "moodle-xml", "markdown"}))
      ->type_name("FORMAT");
  exp->add_option("-o,--output", eo->out, "The file to write")->required()->type_name("FILE");
  exp->add_flag("--json", eo->json,
                "Print what was written as one JSON document: output, format, pack, questions, "
                "losses");
  exp->footer(
      "\nEvery question goes to the nearest type the target has; whatever the target cannot hold\n"
      "is listed on stderr with the question's id (Aiken, for one, holds only single-choice\n"
      "questions). Calculated and matrix questions become numeric or short-answer questions on\n"
      "one generated instance.\n"
      "\nExamples:\n"
      "  qkv pack export core --to moodle-xml -o core.xml\n"
      "  qkv pack export my-pack.json --to gift -o my-pack.gift\n"
      "  qkv pack export my-pack.json --to markdown -o handout.md\n"
      "\nExit codes: 0 written (losses or not); 65 the pack is invalid; 66 it cannot be read;\n"
      "2 usage (a bad -o).");
  exp->callback([&ctx, eo] { ctx.exit_code = run_export(*eo, ctx); });
}

}  // namespace qkv::app
