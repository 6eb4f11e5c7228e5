#include "core/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/memory.hpp"

namespace qkv {

namespace fs = std::filesystem;

std::string size_words(std::uintmax_t bytes) {
  constexpr std::uintmax_t kMiB = 1024u * 1024u;
  if (bytes % (1024u * kMiB) == 0) return std::to_string(bytes / (1024u * kMiB)) + " GiB";
  if (bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  return std::to_string(bytes) + " bytes";
}

namespace {

[[noreturn]] void unreadable(const fs::path& path, const std::string& why) {
  throw Error(Exit::no_input, path.string() + ": " + why);
}

// Why open() failed, in words; tells a dangling symbolic link from a missing file.
[[noreturn]] void cannot_open(const fs::path& path, int error) {
  struct stat link {};
  if (error == ENOENT && ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
    std::error_code ec;
    const fs::path target = fs::read_symlink(path, ec);
    unreadable(path, "is a symbolic link to " + (ec ? std::string("a file") : target.string()) +
                         ", which does not exist");
  }
  if (error == ENOENT) unreadable(path, "no such file");
  if (error == ELOOP) unreadable(path, "is a symbolic link that loops (it leads back to itself)");
  if (error == EACCES) unreadable(path, "cannot be read (permission denied)");
  unreadable(path, std::string("cannot be opened (") + std::strerror(error) + ")");
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { ::close(fd_); }
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::string read_text_file(const fs::path& path, std::uintmax_t max_bytes) {
  // O_NONBLOCK: opening a named pipe must not wait for a writer (nor a device for a carrier);
  // what the file is, is checked on the open descriptor, so it cannot change in between.
  const int raw = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (raw < 0) cannot_open(path, errno);
  const Fd fd(raw);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0)
    unreadable(path, std::string("cannot be read (") + std::strerror(errno) + ")");
  if (S_ISDIR(st.st_mode)) unreadable(path, "is a directory, expected a file");
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
    unreadable(path, "is a device, not a file; qkv reads files and pipes");
  if (S_ISSOCK(st.st_mode)) unreadable(path, "is a socket, not a file; qkv reads files and pipes");
  const bool regular = S_ISREG(st.st_mode);
  if (!regular && !S_ISFIFO(st.st_mode)) unreadable(path, "is not a file");
  // A pipe is read to its end: waiting for a writer that has opened it, not for one that has
  // not (then the pipe has no writer and reads as empty at once).
  if (!regular) ::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) & ~O_NONBLOCK);
  const auto too_large = [&](const std::string& size) {
    throw Error(Exit::data, path.string() + ": file is " + size + "; qkv reads files of at most " +
                                std::to_string(max_bytes) + " bytes (" + size_words(max_bytes) +
                                ")");
  };
  const auto size = static_cast<std::uintmax_t>(st.st_size);
  if (regular && size > max_bytes) too_large(std::to_string(size) + " bytes");
  // Read what the file says it holds, plus one byte to notice a file that grew, and keep going
  // (doubling) until the end or the limit + 1 bytes, so that a file that grows or lies about its
  // size (as /proc files do) is still read or refused. Sizing by the file, not by the limit,
  // keeps a small file's buffer small.
  const std::size_t cap = static_cast<std::size_t>(max_bytes) + 1;
  std::string data;
  const std::size_t first =
      std::min<std::size_t>(regular && size > 0 ? static_cast<std::size_t>(size) + 1 : 4096, cap);
  data.reserve(first);
  advise_huge_pages(data.data(), data.capacity());  // before the pages are first touched
  data.resize(first);
  std::size_t got = 0;
  while (true) {
    const ssize_t n = ::read(fd.get(), data.data() + got, data.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) unreadable(path, std::string("read error (") + std::strerror(errno) + ")");
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
    if (got == data.size()) {
      if (data.size() == cap) break;
      data.resize(std::min(data.size() * 2, cap));
    }
  }
  data.resize(got);
  if (data.size() > max_bytes) too_large("larger than that");
  return data;
}

struct FileReadAhead::Shared {
  struct Read {
    std::string text;
    std::exception_ptr error;
  };
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<Read> ready;  // read, not yet taken
  std::size_t ready_bytes = 0;
  bool stop = false;
  std::thread thread;  // started last, once the rest is set up

  void run(const std::vector<fs::path>& paths, std::uintmax_t max_bytes) {
    for (const auto& path : paths) {
      Read r;
      try {
        r.text = read_text_file(path, max_bytes);
      } catch (...) {
        r.error = std::current_exception();
      }
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return stop || ready_bytes < kAheadBytes; });
      if (stop) return;
      ready_bytes += r.text.size();
      ready.push_back(std::move(r));
      lock.unlock();
      changed.notify_all();
    }
  }
};

FileReadAhead::FileReadAhead(std::vector<fs::path> paths, std::uintmax_t max_bytes)
    : paths_(std::move(paths)), max_bytes_(max_bytes) {
  if (paths_.size() < 2) return;  // nothing to overlap
  auto shared = std::make_unique<Shared>();
  try {
    shared->thread = std::thread([s = shared.get(), this] { s->run(paths_, max_bytes_); });
  } catch (const std::system_error&) {
    return;  // no thread (a process or memory limit): next() reads each file itself
  }
  shared_ = std::move(shared);
}

FileReadAhead::~FileReadAhead() {
  if (!shared_) return;
  {
    const std::lock_guard lock(shared_->mutex);
    shared_->stop = true;
  }
  shared_->changed.notify_all();
  shared_->thread.join();
}

std::string FileReadAhead::next() {
  const fs::path& path = paths_.at(taken_++);
  if (!shared_) return read_text_file(path, max_bytes_);
  Shared::Read r;
  {
    std::unique_lock lock(shared_->mutex);
    shared_->changed.wait(lock, [&] { return !shared_->ready.empty(); });
    r = std::move(shared_->ready.front());
    shared_->ready.pop_front();
    shared_->ready_bytes -= r.text.size();
  }
  shared_->changed.notify_all();
  if (r.error) std::rethrow_exception(r.error);
  return std::move(r.text);
}

static fs::path exe_dir() {
  std::error_code ec;
  auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : p.parent_path();
}

fs::path content_dir() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("QKV_CONTENT_DIR"); env && *env) candidates.emplace_back(env);
  candidates.emplace_back(QKV_SOURCE_CONTENT_DIR);
  if (auto d = exe_dir(); !d.empty()) candidates.push_back(d.parent_path() / "share/qkv/content");
  candidates.emplace_back(QKV_INSTALL_CONTENT_DIR);
  std::error_code ec;
  for (const auto& c : candidates)
    if (fs::is_directory(c / "packs", ec)) return c;
  std::string looked;
  for (const auto& c : candidates) looked += "\n  " + c.string();
  throw Error(Exit::no_input,
              "cannot find qkv's built-in content (a folder with packs/); looked in:" + looked +
                  "\nset QKV_CONTENT_DIR to the content folder");
}

}  // namespace qkv
