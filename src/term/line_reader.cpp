#include "term/line_reader.hpp"

#include <histedit.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <clocale>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <ostream>
#include <string_view>

#include "core/text.hpp"
#include "term/line_input.hpp"

namespace qkv::term {

namespace {

constexpr std::size_t kMaxLine = 64 * 1024;
constexpr int kWakeupMs = 250;

// Waits until fd is readable. Returns 1 when readable, 0 after a wake-up that asked to go on,
// -1 on Ctrl-C or an error, -2 when the wake-up asked to stop. `notice` shows a notice.
template <class ShowNotice>
int wait_readable(int fd, const ReadRequest& req, bool& stopped, ShowNotice show_notice) {
  for (;;) {
    if (interrupted()) return -1;
    pollfd p{fd, POLLIN, 0};
    const int r = poll(&p, 1, req.on_wakeup ? kWakeupMs : -1);
    if (r > 0) return 1;
    if (r < 0) {
      if (errno == EINTR) continue;  // the loop checks the interrupt flag
      return -1;
    }
    const Wakeup w = req.on_wakeup();
    if (!w.notice.empty()) show_notice(w.notice);
    if (w.stop) {
      stopped = true;
      return -2;
    }
  }
}

// ---- the plain reader ------------------------------------------------------------------------

class FdReader final : public LineReader {
 public:
  FdReader(int fd, std::ostream& out, Echo echo)
      : fd_(fd), out_(out), echo_(echo), terminal_(isatty(fd) == 1) {}

  ReadResult read(const ReadRequest& req) override {
    out_ << req.prompt << std::flush;
    for (;;) {
      if (interrupted()) return end(ReadStatus::interrupted);
      if (auto line = take_line(false)) return got(std::move(*line));
      if (eof_) {
        if (auto line = take_line(true)) return got(std::move(*line));
        if (terminal_) eof_ = false;  // Ctrl-D at a terminal ends this read, not the input
        return end(ReadStatus::end_of_input);
      }
      bool stopped = false;
      const int w = wait_readable(fd_, req, stopped, [&](const std::string& notice) {
        out_ << '\n' << notice << '\n' << req.prompt << std::flush;
      });
      if (w == -2) return end(ReadStatus::stopped);
      if (w == -1) {
        if (interrupted()) return end(ReadStatus::interrupted);
        eof_ = true;  // an error reading is the end of the input
        continue;
      }
      char chunk[4096];
      const ssize_t n = ::read(fd_, chunk, sizeof chunk);
      if (n < 0) {
        if (errno == EINTR) continue;
        eof_ = true;
        continue;
      }
      if (n == 0) {
        eof_ = true;
        continue;
      }
      append(std::string_view(chunk, static_cast<std::size_t>(n)));
    }
  }

 private:
  // Keeps at most kMaxLine bytes of a line: the rest up to its newline is dropped.
  void append(std::string_view bytes) {
    for (char c : bytes) {
      if (c == '\n') {
        lines_.push_back(std::move(partial_));
        partial_.clear();
      } else if (partial_.size() < kMaxLine) {
        partial_ += c;
      }
    }
  }

  std::optional<std::string> take_line(bool at_end) {
    if (!lines_.empty()) {
      std::string line = std::move(lines_.front());
      lines_.erase(lines_.begin());
      return line;
    }
    if (at_end && !partial_.empty()) {  // a last line without a newline
      std::string line = std::move(partial_);
      partial_.clear();
      return line;
    }
    return std::nullopt;
  }

  ReadResult got(std::string line) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (echo_ == Echo::on) out_ << sanitize_line(line) << '\n';
    return ReadResult{ReadStatus::line, std::move(line)};
  }

  ReadResult end(ReadStatus why) {
    out_ << '\n';
    return ReadResult{why, ""};
  }

  int fd_;
  std::ostream& out_;
  Echo echo_;
  bool terminal_;
  bool eof_ = false;
  std::vector<std::string> lines_;
  std::string partial_;
};

// ---- the editing reader (libedit) ------------------------------------------------------------

class EditReader final : public LineReader {
 public:
  EditReader(std::ostream& out, std::FILE* out_file) : out_(out), file_(out_file) {
    el_ = el_init("qkv", stdin, out_file, stderr);
    hist_ = history_init();
    HistEvent ev;
    history(hist_, &ev, H_SETSIZE, 500);
    history(hist_, &ev, H_SETUNIQUE, 1);
    el_set(el_, EL_CLIENTDATA, this);
    el_set(el_, EL_EDITOR, "emacs");
    el_set(el_, EL_SIGNAL, 0);  // Ctrl-C is qkv's: the handler of line_input.hpp sets a flag
    el_set(el_, EL_HIST, history, hist_);
    el_set(el_, EL_PROMPT, &EditReader::prompt_of);
    el_set(el_, EL_GETCFN, &EditReader::get_char);
    // The wide form with strings that live forever: the narrow el_set(EL_ADDFN) wcsdup()s both
    // strings and never frees them (libedit's eln.c says so), a leak LeakSanitizer reports.
    static const wchar_t kCompleteName[] = L"qkv-complete";
    static const wchar_t kCompleteHelp[] = L"Complete the word at the cursor";
    el_wset(el_, EL_ADDFN, kCompleteName, kCompleteHelp, &EditReader::complete);
    el_set(el_, EL_BIND, "^I", "qkv-complete", nullptr);
    // Home, End, Delete and word moves as xterm and the Linux console send them.
    const char* binds[][2] = {{"\\e[H", "ed-move-to-beg"},       {"\\eOH", "ed-move-to-beg"},
                              {"\\e[1~", "ed-move-to-beg"},      {"\\e[F", "ed-move-to-end"},
                              {"\\eOF", "ed-move-to-end"},       {"\\e[4~", "ed-move-to-end"},
                              {"\\e[3~", "ed-delete-next-char"}, {"\\e[1;5D", "ed-prev-word"},
                              {"\\e[1;5C", "em-next-word"},      {"\\e[1;3D", "ed-prev-word"},
                              {"\\e[1;3C", "em-next-word"}};
    for (const auto& b : binds) el_set(el_, EL_BIND, b[0], b[1], nullptr);
    el_source(el_, nullptr);  // the learner's ~/.editrc, as other libedit programs read it
  }
  ~EditReader() override {
    el_end(el_);
    history_end(hist_);
  }
  EditReader(const EditReader&) = delete;
  EditReader& operator=(const EditReader&) = delete;

  ReadResult read(const ReadRequest& req) override {
    out_ << std::flush;
    std::fflush(file_);
    if (interrupted()) return end(ReadStatus::interrupted);
    req_ = &req;
    stopped_ = false;
    utf8_.clear();
    int count = 0;
    const char* got = el_gets(el_, &count);
    req_ = nullptr;
    if (stopped_) return end(ReadStatus::stopped);
    if (interrupted()) return end(ReadStatus::interrupted);
    if (got == nullptr || count <= 0) return end(ReadStatus::end_of_input);
    std::string line(got, static_cast<std::size_t>(count));
    if (!line.empty() && line.back() == '\n') line.pop_back();
    if (line.size() > kMaxLine) line.resize(kMaxLine);
    if (line.find_first_not_of(" \t") != std::string::npos) {
      HistEvent ev;
      history(hist_, &ev, H_ENTER, line.c_str());
    }
    return ReadResult{ReadStatus::line, std::move(line)};
  }

 private:
  static EditReader* self(EditLine* el) {
    void* p = nullptr;
    el_get(el, EL_CLIENTDATA, &p);
    return static_cast<EditReader*>(p);
  }

  static char* prompt_of(EditLine* el) {
    EditReader* r = self(el);
    return const_cast<char*>(r->req_ ? r->req_->prompt.c_str() : "> ");
  }

  // One character for libedit, decoded from UTF-8 here (so typed text does not depend on the
  // locale), waking up for the request's notices and stop.
  static int get_char(EditLine* el, wchar_t* out) {
    EditReader* r = self(el);
    for (;;) {
      bool stopped = false;
      const int w = r->req_ ? wait_readable(0, *r->req_, stopped,
                                            [r](const std::string& n) { r->show_notice(n); })
                            : 1;
      if (w == -2) {
        r->stopped_ = true;
        return -1;
      }
      if (w == -1) return -1;
      unsigned char byte = 0;
      const ssize_t n = ::read(0, &byte, 1);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return n == 0 ? 0 : -1;
      r->utf8_ += static_cast<char>(byte);
      const auto& u = r->utf8_;
      const unsigned char lead = static_cast<unsigned char>(u[0]);
      const std::size_t need = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      if (u.size() < need) continue;
      char32_t cp = need == 1 ? lead : lead & (0x3f >> (need - 1));
      for (std::size_t i = 1; i < need; ++i) cp = (cp << 6) | (u[i] & 0x3f);
      r->utf8_.clear();
      *out = static_cast<wchar_t>(cp);
      return 1;
    }
  }

  // Prints a notice on a line of its own and draws the prompt and the typed line again below
  // it, the cursor where it was.
  void show_notice(const std::string& notice) {
    std::fputs("\r\x1b[K", file_);
    std::fputs(notice.c_str(), file_);
    std::fputs("\r\n", file_);
    el_set(el_, EL_REFRESH);
    std::fflush(file_);
  }

  // Tab: completes the first word of the line from the request's words; with several
  // candidates, completes their common start and lists them.
  static unsigned char complete(EditLine* el, int) {
    EditReader* r = self(el);
    if (!r->req_ || r->req_->completions.empty()) return CC_ERROR;
    const LineInfo* li = el_line(el);
    const std::string before(li->buffer, static_cast<std::size_t>(li->cursor - li->buffer));
    const auto start = before.find_first_not_of(' ');
    const std::string word = start == std::string::npos ? "" : before.substr(start);
    if (word.find(' ') != std::string::npos) return CC_ERROR;  // only the first word
    std::vector<std::string> matches;
    for (const auto& c : r->req_->completions)
      if (c.compare(0, word.size(), lower_ascii(word)) == 0) matches.push_back(c);
    if (matches.empty()) return CC_ERROR;
    std::string common = matches[0];
    for (const auto& m : matches) {
      std::size_t k = 0;
      while (k < common.size() && k < m.size() && common[k] == m[k]) ++k;
      common.resize(k);
    }
    if (common.size() > word.size()) {
      el_insertstr(el, common.substr(word.size()).c_str());
      return CC_REFRESH;
    }
    if (matches.size() == 1) return CC_REFRESH;
    std::string list = "\r\n";
    for (const auto& m : matches) list += m + "  ";
    list += "\r\n";
    std::fputs(list.c_str(), r->file_);
    return CC_REDISPLAY;
  }

  static std::string lower_ascii(std::string s) {
    for (char& c : s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
  }

  ReadResult end(ReadStatus why) {
    std::fputs("\n", file_);
    std::fflush(file_);
    return ReadResult{why, ""};
  }

  std::ostream& out_;
  std::FILE* file_;
  EditLine* el_ = nullptr;
  History* hist_ = nullptr;
  const ReadRequest* req_ = nullptr;
  bool stopped_ = false;
  std::string utf8_;  // the bytes of a character being read
};

}  // namespace

std::unique_ptr<LineReader> make_fd_reader(int fd, std::ostream& out, Echo echo) {
  return std::make_unique<FdReader>(fd, out, echo);
}

std::unique_ptr<LineReader> make_stdin_reader(std::ostream& out, std::FILE* out_file) {
  const char* term = std::getenv("TERM");
  const bool editing = isatty(0) == 1 && isatty(fileno(out_file)) == 1 && term && *term &&
                       std::string_view(term) != "dumb";
  if (!editing) return make_fd_reader(0, out, isatty(0) == 1 ? Echo::off : Echo::on);
  // libedit draws characters through the C library: UTF-8 text needs a UTF-8 LC_CTYPE.
  if (!std::setlocale(LC_CTYPE, "C.UTF-8")) std::setlocale(LC_CTYPE, "");
  return std::make_unique<EditReader>(out, out_file);
}

}  // namespace qkv::term
