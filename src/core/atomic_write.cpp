#include "core/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
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

}  // namespace

void check_writable_path(const fs::path& path, std::string_view option) {
  std::error_code ec;
  const std::string shown = std::string(option) + " " + path.string();
  if (path.filename().empty() || fs::is_directory(path, ec))
    throw_usage(shown + ": this is a directory; give a file name such as result.json");
  const fs::path dir = directory_of(path);
  if (!fs::is_directory(dir, ec))
    throw_usage(shown + ": the directory " + dir.string() + " does not exist; create it first");
  if (access(dir.c_str(), W_OK) != 0)
    throw_usage(shown + ": cannot write in " + dir.string() + " (" + std::strerror(errno) + ")");
}

void write_file_atomically(const fs::path& path, std::string_view content) {
  std::string tmpl = (directory_of(path) / ("." + path.filename().string() + ".XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  auto fail = [&](const char* what) {
    const std::string why = std::strerror(errno);
    throw Error(kExitOutput,
                "cannot write " + path.string() + ": " + what + " failed (" + why + ")");
  };
  const int fd = mkstemp(name.data());
  if (fd < 0) fail("creating a temporary file");
  const std::string tmp(name.data());
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int saved = errno;
      close(fd);
      unlink(tmp.c_str());
      errno = saved;
      fail("writing");
    }
    done += static_cast<std::size_t>(n);
  }
  // mkstemp creates the file 0600; a report is an ordinary file (0666 less the umask).
  const mode_t mask = umask(0);
  umask(mask);
  (void)fchmod(fd, 0666 & ~mask);  // best effort: a 0600 report is still a report
  const bool synced = fsync(fd) == 0;
  const bool closed = close(fd) == 0;
  if (!synced || !closed) {
    const int saved = errno;
    unlink(tmp.c_str());
    errno = saved;
    fail("flushing");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    unlink(tmp.c_str());
    errno = saved;
    fail("renaming the temporary file");
  }
}

}  // namespace qkv
