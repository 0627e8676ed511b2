#include "carecast/writers.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <csignal>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <system_error>
#include <unistd.h>

namespace carecast {
namespace {

// The temporary files being written, for the signal handler to remove: fixed slots of
// plain characters, as a handler may only read memory and call async-signal-safe
// functions such as unlink().
constexpr std::size_t k_slots = 64;
constexpr std::size_t k_path_bytes = 4096;

struct Slot
{
  std::atomic<bool> claimed{false};
  std::atomic<bool> written{false}; // `path` holds a temporary file's path
  std::array<char, k_path_bytes> path{};
};

std::array<Slot, k_slots> g_temporaries;

extern "C" void remove_temporaries(int signal)
{
  for (Slot& slot : g_temporaries) {
    if (slot.written.load()) {
      ::unlink(slot.path.data());
    }
  }
  // Then die of the signal as if there were no handler, so the shell sees it.
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

// A temporary file listed in a slot while it exists. A path too long for a slot, or
// more files at once than there are slots, is written all the same, unlisted.
class ListedTemporary
{
public:
  explicit ListedTemporary(const std::filesystem::path& path)
  {
    const std::string& text = path.native();
    if (text.size() >= k_path_bytes) {
      return;
    }
    for (Slot& slot : g_temporaries) {
      bool expected = false;
      if (slot.claimed.compare_exchange_strong(expected, true)) {
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

} // namespace

void remove_temporaries_on_signals()
{
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

void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(const std::filesystem::path&)>& write)
{
  std::filesystem::path temporary = path;
  temporary += fmt::format(".tmp{}", static_cast<long>(::getpid()));
  const ListedTemporary listed(temporary);
  const auto remove_temporary = [&] {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
  };
  try {
    write(temporary);
  } catch (...) {
    remove_temporary();
    throw;
  }
  std::error_code failure;
  std::filesystem::rename(temporary, path, failure);
  if (failure) {
    remove_temporary();
    throw Error(fmt::format("cannot write '{}': {}", path.string(), failure.message()));
  }
}

std::string output_format_of(const std::filesystem::path& path)
{
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const std::string format : {"csv", "json", "xlsx"}) {
    if (extension == "." + format) {
      return format;
    }
  }
  return {};
}

void write_file_atomically(const std::filesystem::path& path, const std::string& content)
{
  write_file_atomically(path, [&](const std::filesystem::path& temporary) {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) {
      throw Error(fmt::format("cannot write '{}'", path.string()));
    }
  });
}

} // namespace carecast
