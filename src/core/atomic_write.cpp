#include "core/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/files.hpp"

namespace qkv {

namespace fs = std::filesystem;

namespace {

fs::path directory_of(const fs::path& path) {
  const fs::path dir = path.parent_path();
  return dir.empty() ? fs::path(".") : dir;
}

// A device, a FIFO or a socket cannot be replaced by a rename (as root it would even replace
// the device node), and a path that names one of qkv's own file descriptors (/dev/stdout is a
// link to /proc/self/fd/1, which may be a regular file the shell opened with `>`) must reach
// that descriptor's file, not a new one: both are written in place.
bool written_in_place(const fs::path& path) {
  std::error_code ec;
  const std::string abs = fs::absolute(path, ec).lexically_normal().string();
  for (const char* fd_path : {"/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/"})
    if (abs.rfind(fd_path, 0) == 0) return true;
  if (abs == "/dev/stdout" || abs == "/dev/stderr") return true;
  const fs::file_status st = fs::status(path, ec);
  return !ec && fs::exists(st) && !fs::is_regular_file(st) && !fs::is_directory(st);
}

// Where the text goes: a symbolic link is followed so that its target is replaced, not the link.
fs::path final_target(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(path, ec))) return path;
  const fs::path real = fs::weakly_canonical(path, ec);
  return ec ? path : real;
}

enum class Left { untouched, partly_written };

[[noreturn]] void fail(const fs::path& path, const std::string& what, int error,
                       Left left = Left::untouched) {
  throw Error(kExitOutput, "cannot write " + path.string() + ": " + what + " failed (" +
                               std::strerror(error) + ")" +
                               (left == Left::untouched ? "; the file was left as it was" : ""));
}

// Writes all of `content` to `fd`; false with errno set when a write fails.
bool write_all(int fd, std::string_view content) {
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

void write_in_place(const fs::path& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) fail(path, "opening", errno);
  const bool written = write_all(fd, content);
  const int error = errno;
  const bool closed = ::close(fd) == 0;
  if (!written) fail(path, "writing", error, Left::partly_written);
  if (!closed) fail(path, "closing", errno, Left::partly_written);
}

}  // namespace

void check_writable_path(const fs::path& path, std::string_view option) {
  std::error_code ec;
  const std::string shown = std::string(option) + " " + path.string();
  auto refuse = [&](const std::string& why) { throw Error(kExitOutput, shown + ": " + why); };
  if (path.filename().empty() || fs::is_directory(path, ec))
    refuse("this is a directory; give a file name such as result.json");
  if (written_in_place(path)) {
    if (::access(path.c_str(), W_OK) != 0)
      refuse(std::string("cannot be written (") + std::strerror(errno) + ")");
    return;
  }
  const fs::path dir = directory_of(final_target(path));
  const fs::file_status st = fs::status(dir, ec);
  if (!fs::exists(st))
    refuse("the directory " + dir.string() + " does not exist; create it first");
  if (!fs::is_directory(st)) refuse(dir.string() + " is not a directory");
  if (::access(dir.c_str(), W_OK | X_OK) != 0)
    refuse("cannot create files in " + dir.string() + " (" + std::strerror(errno) + ")");
}

void write_file_atomically(const fs::path& given, std::string_view content) {
  if (written_in_place(given)) return write_in_place(given, content);
  const fs::path path = final_target(given);
  std::string tmpl = (directory_of(path) / ("." + path.filename().string() + ".XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) fail(given, "creating a temporary file in " + directory_of(path).string(), errno);
  const std::string tmp(name.data());
  // From here on, every failure removes the temporary file; the target is not touched until the
  // rename, which either happens whole or not at all.
  auto abandon = [&](const std::string& what, int error) {
    ::close(fd);
    ::unlink(tmp.c_str());
    fail(given, what, error);
  };
  if (!write_all(fd, content)) abandon("writing", errno);
  // mkstemp creates the file 0600: an existing file keeps its mode, a new one is an ordinary
  // file (0666 less the umask). Best effort: a 0600 report is still a report.
  struct stat old {};
  mode_t mode = 0;
  if (::stat(path.c_str(), &old) == 0) {
    mode = old.st_mode & 07777;
  } else {
    mode = ::umask(0);
    ::umask(mode);
    mode = 0666 & ~mode;
  }
  (void)::fchmod(fd, mode);
  if (::fsync(fd) != 0) abandon("flushing", errno);
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(tmp.c_str());
    fail(given, "flushing", error);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(tmp.c_str());
    fail(given, "renaming the temporary file", error);
  }
}

}  // namespace qkv
