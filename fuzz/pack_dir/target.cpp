// The pack reader on a directory pack: bank::load_pack(dir), as `qkv pack validate DIR` runs it.
// The input is a bundle of files: pack.json first, then each questions/NN.json after a line
// "--qkv-file--" (seeds.sh makes seeds from every pack directory in content/ and tests/data/).
// The files are written to a private temporary directory for each input.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "bank/lint.hpp"
#include "bank/loader.hpp"
#include "practice/question_checks.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path& work_dir() {
  static const fs::path dir = [] {
    std::string tmpl = (fs::temp_directory_path() / "qkv-fuzz-pack-dir-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) std::abort();
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(work_dir(), ec);
    });
    return fs::path(tmpl);
  }();
  return dir;
}

void write(const fs::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr std::string_view kSeparator = "\n--qkv-file--\n";
  const fs::path pack = work_dir() / "pack";
  std::error_code ec;
  fs::remove_all(pack, ec);
  fs::create_directories(pack / "questions");
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  for (int file = 0;; ++file) {
    const std::size_t cut = rest.find(kSeparator);
    const std::string_view part = rest.substr(0, cut);
    if (file == 0) {
      write(pack / "pack.json", part);
    } else {
      char name[32];
      std::snprintf(name, sizeof name, "%02d.json", file);
      write(pack / "questions" / name, part);
    }
    if (cut == std::string_view::npos || file >= 64) break;
    rest.remove_prefix(cut + kSeparator.size());
  }
  bool unreadable = false;
  qkv::bank::LoadOptions options;  // the commands' check: calc answers against the engine
  options.check_question = qkv::practice::check_question;
  qkv::bank::LoadResult r = qkv::bank::load_pack(pack, &unreadable, options);
  if (r.pack) {
    auto warnings = qkv::bank::lint_pack(*r.pack);
    qkv::bank::locate(warnings);
  }
  return 0;
}
