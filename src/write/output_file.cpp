// Committing outputs to files and standard output without ever damaging a file: see
// write_files in output.hpp for the rules.

#include "carecast/output.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace carecast {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void cannot_write(const fs::path& path, int error)
{
  throw Error(fmt::format("cannot write '{}': {}", path.string(), std::strerror(error)));
}

// The temporary files and folders being written, for the signal handler to remove:
// fixed slots of plain characters, as a handler may only read memory and call
// async-signal-safe functions such as unlink() and rmdir().
constexpr std::size_t k_slots = 64;
constexpr std::size_t k_path_bytes = 4096;

struct Slot
{
  std::atomic<bool> claimed{false};
  std::atomic<bool> written{false}; // `path` holds a temporary's path
  bool folder = false;
  std::array<char, k_path_bytes> path{};
};

std::array<Slot, k_slots> g_temporaries;

extern "C" void remove_temporaries(int signal)
{
  // Files first, then the folders they may be in.
  for (const bool folders : {false, true}) {
    for (Slot& slot : g_temporaries) {
      if (slot.written.load() && slot.folder == folders) {
        folders ? ::rmdir(slot.path.data()) : ::unlink(slot.path.data());
      }
    }
  }
  // Then die of the signal as if there were no handler, so the shell sees it.
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

// A temporary file or folder listed in a slot while it exists. A path too long for a
// slot, or more at once than there are slots, is written all the same, unlisted.
class ListedTemporary
{
public:
  ListedTemporary(const fs::path& path, bool folder)
  {
    const std::string& text = path.native();
    if (text.size() >= k_path_bytes) {
      return;
    }
    for (Slot& slot : g_temporaries) {
      bool expected = false;
      if (slot.claimed.compare_exchange_strong(expected, true)) {
        slot.folder = folder;
        std::memcpy(slot.path.data(), text.c_str(), text.size() + 1);
        slot.written.store(true);
        m_slot = &slot;
        return;
      }
    }
  }
  ~ListedTemporary()
  {
    if (m_slot) {
      m_slot->written.store(false);
      m_slot->claimed.store(false);
    }
  }
  ListedTemporary(const ListedTemporary&) = delete;
  ListedTemporary& operator=(const ListedTemporary&) = delete;

private:
  Slot* m_slot = nullptr;
};

mode_t g_new_file_mode = 0644;

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
  explicit Descriptor(int descriptor) : m_descriptor(descriptor) {}
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

std::string read_file(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    cannot_write(path, EIO);
  }
  return bytes;
}

// Whether `folder` is /proc/PID/fd, where a process's file descriptors are.
bool descriptor_folder(const fs::path& folder)
{
  return folder.filename() == "fd" && folder.parent_path().parent_path() == "/proc";
}

// `bytes`, or what `make` writes to a private temporary folder, written into the
// existing target `path` (a device, a FIFO, a file descriptor) without replacing it;
// appended where the target is a regular file, as a shell's >> would.
void write_in_place(const OutputFile& file)
{
  std::string bytes = file.bytes;
  if (file.make) {
    std::string pattern = (fs::temp_directory_path() / "carecast.tmpXXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
      cannot_write(file.path, errno);
    }
    const fs::path folder = pattern;
    const fs::path inside = folder / "output";
    const ListedTemporary listed_folder(folder, true);
    const ListedTemporary listed_file(inside, false);
    try {
      file.make(inside);
      bytes = read_file(inside);
    } catch (...) {
      std::error_code ignored;
      fs::remove_all(folder, ignored);
      throw;
    }
    std::error_code ignored;
    fs::remove_all(folder, ignored);
  }
  Descriptor target(::open(file.path.c_str(), O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC));
  if (target.get() < 0) {
    cannot_write(file.path, errno);
  }
  write_all(target.get(), bytes, file.path);
  target.close(file.path);
}

// A file written whole beside its target, waiting to be renamed over it; removed when
// it is not.
class Temporary
{
public:
  explicit Temporary(const OutputFile& file) : m_target(file.path)
  {
    try {
      write(file);
    } catch (...) {
      remove();
      throw;
    }
  }
  ~Temporary() { remove(); }
  Temporary(const Temporary&) = delete;
  Temporary& operator=(const Temporary&) = delete;

  void commit()
  {
    if (::rename(m_path.c_str(), m_target.c_str()) != 0) {
      cannot_write(m_target, errno);
    }
    m_committed = true;
  }

private:
  void write(const OutputFile& file)
  {
    struct stat existing = {};
    const mode_t mode = ::lstat(file.path.c_str(), &existing) == 0 && S_ISREG(existing.st_mode)
                          ? existing.st_mode & 07777
                          : g_new_file_mode;
    std::string pattern = file.path.string() + ".tmpXXXXXX";
    if (file.make) {
      if (!::mkdtemp(pattern.data())) {
        cannot_write(file.path, errno);
      }
      m_folder = pattern;
      m_path = m_folder / file.path.filename();
      m_listed_folder.emplace(m_folder, true);
      m_listed.emplace(m_path, false);
      file.make(m_path);
      if (::chmod(m_path.c_str(), mode) != 0) {
        cannot_write(file.path, errno);
      }
      return;
    }
    // mkostemp creates the file exclusively (O_CREAT | O_EXCL), so never through a
    // symlink planted at its name, and makes the name unpredictable.
    Descriptor temporary(::mkostemp(pattern.data(), O_CLOEXEC));
    if (temporary.get() < 0) {
      cannot_write(file.path, errno);
    }
    m_path = pattern;
    m_listed.emplace(m_path, false);
    if (::fchmod(temporary.get(), mode) != 0) {
      cannot_write(file.path, errno);
    }
    write_all(temporary.get(), file.bytes, file.path);
    if (::fsync(temporary.get()) != 0) {
      cannot_write(file.path, errno);
    }
    temporary.close(file.path);
  }

  void remove()
  {
    std::error_code ignored;
    if (!m_committed && !m_path.empty()) {
      fs::remove(m_path, ignored);
    }
    if (!m_folder.empty()) {
      fs::remove_all(m_folder, ignored);
    }
  }

  fs::path m_target;
  fs::path m_folder; // for `make`: the private folder m_path is in
  fs::path m_path;
  bool m_committed = false;
  // Declared last, so that the slots are released after the files are removed.
  std::optional<ListedTemporary> m_listed_folder;
  std::optional<ListedTemporary> m_listed;
};

// An exclusive flock(2) on a folder, held while a set of files is renamed into it.
class FolderLock
{
public:
  explicit FolderLock(const fs::path& folder)
    : m_folder(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC))
  {
    if (m_folder.get() < 0) {
      cannot_write(folder, errno);
    }
    while (::flock(m_folder.get(), LOCK_EX) != 0) {
      if (errno != EINTR) {
        cannot_write(folder, errno);
      }
    }
  }

private:
  Descriptor m_folder; // closing it releases the lock
};

} // namespace

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
    const fs::path parent = current.parent_path().empty() ? "." : current.parent_path();
    const fs::path folder = fs::canonical(parent, error);
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

void write_files(const std::vector<OutputFile>& files)
{
  std::vector<const OutputFile*> replaced;
  for (const OutputFile& file : files) {
    struct stat status = {};
    if (::lstat(file.path.c_str(), &status) == 0 && S_ISDIR(status.st_mode)) {
      cannot_write(file.path, EISDIR);
    }
    if (writes_in_place(file.path)) {
      write_in_place(file);
    } else {
      replaced.push_back(&file);
    }
  }
  if (replaced.empty()) {
    return;
  }
  std::vector<std::unique_ptr<Temporary>> temporaries;
  for (const OutputFile* file : replaced) {
    temporaries.push_back(std::make_unique<Temporary>(*file));
  }
  const fs::path folder = replaced.front()->path.parent_path();
  const FolderLock lock(folder.empty() ? "." : folder);
  for (const auto& temporary : temporaries) {
    temporary->commit();
  }
}

void write_file_atomically(const fs::path& path, const std::string& bytes)
{
  write_files({{path, bytes, {}}});
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
  action.sa_handler = remove_temporaries;
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
