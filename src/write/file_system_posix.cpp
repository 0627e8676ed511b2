// The POSIX side of committing outputs (file_system.hpp), and standard output.

#include "file_system.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace carecast {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void cannot_write(const fs::path& path, int error)
{
  file_system::cannot_write(path, std::strerror(error));
}

mode_t g_new_file_mode = 0644;

// A replaced file keeps its mode; a new one gets g_new_file_mode.
mode_t mode_for(const fs::path& target)
{
  struct stat existing = {};
  return ::lstat(target.c_str(), &existing) == 0 && S_ISREG(existing.st_mode)
           ? existing.st_mode & 07777
           : g_new_file_mode;
}

void write_all(int descriptor, std::string_view bytes, const fs::path& path)
{
  while (!bytes.empty()) {
    const ssize_t written = ::write(descriptor, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      cannot_write(path, errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

// A file descriptor closed when it goes out of scope.
class Descriptor
{
public:
  explicit Descriptor(int descriptor)
    : m_descriptor(descriptor)
  {}
  ~Descriptor()
  {
    if (m_descriptor >= 0) {
      ::close(m_descriptor);
    }
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return m_descriptor; }
  // Closes it now, reporting a failure (a delayed write error) against `path`.
  void close(const fs::path& path)
  {
    const int descriptor = m_descriptor;
    m_descriptor = -1;
    if (::close(descriptor) != 0) {
      cannot_write(path, errno);
    }
  }

private:
  int m_descriptor;
};

// Whether `folder` is /proc/PID/fd, where a process's file descriptors are.
bool descriptor_folder(const fs::path& folder)
{
  return folder.filename() == "fd" && folder.parent_path().parent_path() == "/proc";
}

extern "C" void on_signal(int signal)
{
  remove_listed_temporaries();
  // Then die of the signal as if there were no handler, so the shell sees it.
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

} // namespace

namespace file_system {

fs::path private_folder(const fs::path& target, const fs::path& folder)
{
  std::string pattern = (folder / target.filename()).string() + ".tmpXXXXXX";
  if (!::mkdtemp(pattern.data())) {
    carecast::cannot_write(target, errno);
  }
  return pattern;
}

fs::path made_file_name(const fs::path& target)
{
  return target.filename();
}

void match_permissions(const fs::path& target, const fs::path& made)
{
  if (::chmod(made.c_str(), mode_for(target)) != 0) {
    carecast::cannot_write(target, errno);
  }
}

void write_temporary(const fs::path& target, std::string_view bytes,
                     const std::function<void(const fs::path&)>& created)
{
  const mode_t mode = mode_for(target);
  std::string pattern = target.string() + ".tmpXXXXXX";
  // mkostemp creates the file exclusively (O_CREAT | O_EXCL), so never through a
  // symlink planted at its name, and makes the name unpredictable.
  Descriptor temporary(::mkostemp(pattern.data(), O_CLOEXEC));
  if (temporary.get() < 0) {
    carecast::cannot_write(target, errno);
  }
  created(pattern);
  if (::fchmod(temporary.get(), mode) != 0) {
    carecast::cannot_write(target, errno);
  }
  write_all(temporary.get(), bytes, target);
  if (::fsync(temporary.get()) != 0) {
    carecast::cannot_write(target, errno);
  }
  temporary.close(target);
}

void replace(const fs::path& from, const fs::path& target)
{
  if (::rename(from.c_str(), target.c_str()) != 0) {
    carecast::cannot_write(target, errno);
  }
}

void write_into(const fs::path& target, std::string_view bytes)
{
  Descriptor file(::open(target.c_str(), O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC));
  if (file.get() < 0) {
    carecast::cannot_write(target, errno);
  }
  write_all(file.get(), bytes, target);
  file.close(target);
}

void remove_listed(const fs::path::value_type* path, bool folder)
{
  folder ? ::rmdir(path) : ::unlink(path);
}

// An exclusive flock(2) on the folder; closing the descriptor releases it.
FolderLock::FolderLock(const fs::path& folder)
  : m_handle(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC))
{
  if (m_handle < 0) {
    carecast::cannot_write(folder, errno);
  }
  while (::flock(static_cast<int>(m_handle), LOCK_EX) != 0) {
    if (errno != EINTR) {
      const int error = errno;
      ::close(static_cast<int>(m_handle));
      carecast::cannot_write(folder, error);
    }
  }
}

FolderLock::~FolderLock()
{
  ::close(static_cast<int>(m_handle));
}

} // namespace file_system

bool writes_in_place(const fs::path& path)
{
  struct stat status = {};
  if (::lstat(path.c_str(), &status) != 0) {
    return false;
  }
  if (!S_ISLNK(status.st_mode)) {
    return !S_ISREG(status.st_mode) && !S_ISDIR(status.st_mode);
  }
  // Follow the symlinks to see whether one is a process's file descriptor, as
  // /dev/stdout (to /proc/self/fd/1) and /dev/fd/N (in /proc/self/fd) are.
  fs::path current = path;
  for (int hop = 0; hop < 16; ++hop) {
    std::error_code error;
    const fs::path folder = fs::canonical(file_system::folder_of(current), error);
    if (error) {
      return false;
    }
    if (descriptor_folder(folder)) {
      return true;
    }
    const fs::path link = folder / current.filename();
    if (!fs::is_symlink(link, error)) {
      return false;
    }
    const fs::path target = fs::read_symlink(link, error);
    if (error) {
      return false;
    }
    current = target.is_absolute() ? target : folder / target;
  }
  return false;
}

void write_to_stdout(std::string_view text)
{
  while (!text.empty()) {
    const ssize_t written = ::write(STDOUT_FILENO, text.data(), text.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      if (errno == EPIPE) {
        throw StandardOutputClosed{};
      }
      throw Error(fmt::format("cannot write to standard output: {}", std::strerror(errno)));
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

void prepare_output()
{
  const mode_t mask = ::umask(0);
  ::umask(mask);
  g_new_file_mode = 0666 & ~mask;
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGXFSZ, SIG_IGN);
  struct sigaction action = {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
    // A signal ignored from the start (a background job's SIGINT, nohup's SIGHUP)
    // stays ignored.
    struct sigaction before = {};
    if (sigaction(signal, nullptr, &before) == 0 && before.sa_handler != SIG_IGN) {
      sigaction(signal, &action, nullptr);
    }
  }
}

} // namespace carecast
